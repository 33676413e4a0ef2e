// Secrets in pasted logs: pre-shared keys, passwords and key material are replaced by a marker
// before anything is shown (terminal, JSON, HTML report) unless the user asks for them with --show-secrets. Works
// line by line and keeps the line count, so evidence line numbers still point at the right line.

export const REDACTED = '‹redacted›';

interface Rule {
  readonly name: string;
  readonly re: RegExp;
}

const R = REDACTED;

// Each rule has two groups: what comes before the secret (kept) and the secret (replaced).
const RULES: readonly Rule[] = [
  // strongSwan swanctl.conf `secret = "..."` / `secret = abc` (not `secret => 256 bytes`)
  { name: 'strongswan-secret', re: /(\bsecret\s*=(?!>)\s*)("[^"]*"|'[^']*'|[^\s"']+)/gi },
  // ipsec.secrets `: PSK "..."` / `: PSK 0sBASE64`, `user : XAUTH "..."`, `user : EAP "..."` (not IOS `(0:2): XAUTH ACK`)
  { name: 'ipsec-secrets-psk', re: /((?:^|\s):\s*PSK\s+)("[^"]*"|'[^']*'|[^\s"']+)/g },
  { name: 'ipsec-secrets', re: /((?:^|\s):\s*(?:XAUTH|EAP|NTLM|PIN)\s+)("[^"]*"|'[^']*')/g },
  // IOS `crypto isakmp key [0|6|7] KEY address|hostname ...`
  { name: 'ios-isakmp-key', re: /(\bcrypto\s+isakmp\s+key\s+(?:[067]\s+)?)(\S+)/gi },
  // IOS keyring `pre-shared-key address A [mask] key [0|6|7] KEY`
  { name: 'ios-keyring-key', re: /(\bpre-shared-key\s+(?:address|hostname)\s+\S+(?:\s+\S+)?\s+key\s+(?:[067]\s+)?)(\S+)/gi },
  // ASA `ikev1 pre-shared-key [0|8] KEY`, `pre-shared-key KEY` (ASA prints `*****` itself: left alone)
  { name: 'asa-pre-shared-key', re: /(\bpre-shared-key\s+(?!address\b|hostname\b)(?:[08]\s+)?)(?![*]+(?:\s|$))(\S+)/gi },
  // IOS/ASA `username U password|secret [0|5|7|8|9] PW`, `enable password|secret PW`, `key-string KEY`
  { name: 'config-password', re: /(\b(?:username\s+\S+\s+(?:password|secret)|enable\s+(?:password|secret)|key-string)\s+(?:(?:level\s+\d+\s+)?[0-9]\s+)?)(?![*]+(?:\s|$))(\S+)/gi },
  // debug output printing XAUTH or other passwords: `XAUTH_USER_PASSWORD: x`, `password = x`, `password is x`
  { name: 'password-value', re: /(\b(?:XAUTH_USER_PASSWORD\w*|XAUTH_PASSCODE\w*|password|passwd|passcode)\b\s*(?:[:=](?!>)|\bis\b)\s*)("[^"]*"|'[^']*'|[^\s"']+)/gi },
  // `password "x"` quoted right after the word
  { name: 'password-quoted', re: /(\b(?:XAUTH_USER_PASSWORD\w*|password|passwd|passcode)\s+)("[^"]+"|'[^']+')/gi },
];

// A header of a strongSwan hex dump of key material: `shared Diffie Hellman secret => 256 bytes @ 0x...`
const KEY_DUMP = /\b(secret|key\b|key [A-Za-z]+|SKEYID\w*|seed|PSK|password)[^=]*=>\s*\d+\s+bytes\b/i;
// A hex dump line: `   16: 7E E9 E3 4A ...  ~..J.c...`
const DUMP_LINE = /^(.*?\s)(\d+:\s)((?:[0-9A-Fa-f]{2}\s){1,16}.*)$/;

export interface Redaction {
  readonly lines: readonly string[];
  /** Number of secrets replaced (dump lines count one each). */
  readonly count: number;
  /** Line numbers (1-based) that were changed. */
  readonly changed: readonly number[];
}

/** Redact one line of text (no hex-dump state). Returns the new text and how many secrets went. */
export function redactLine(text: string): { text: string; count: number } {
  let count = 0;
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.re, (whole: string, before: string, secret: string) => {
      if (secret.startsWith(R) || secret.includes(R)) return whole;
      count++;
      return `${before}${R}`;
    });
  }
  return { text: out, count };
}

/** Redact a whole log: every secret on its line, and the bytes of key-material hex dumps. */
export function redactLines(lines: readonly (string | undefined)[]): Redaction {
  const out: string[] = [];
  const changed: number[] = [];
  let count = 0;
  let inDump = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    let next = text;
    const dump = inDump ? DUMP_LINE.exec(text) : null;
    if (dump) {
      next = `${dump[1]}${dump[2]}${R}`;
      count++;
    } else {
      inDump = KEY_DUMP.test(text);
      const r = redactLine(text);
      next = r.text;
      count += r.count;
    }
    if (next !== text) changed.push(i + 1);
    out.push(next);
  }
  return { lines: out, count, changed };
}

/**
 * An analysis as it may be shown: the source lines, the evidence text of the findings and the
 * lines not understood with their secrets redacted. The analysis itself (sessions, events) is
 * unchanged: parsing always sees the real text.
 */
export function redactAnalysis<A extends LogAnalysisText>(a: A): A {
  const { lines } = redactLines(a.lines);
  // evidence of a two-sided analysis may come from the peer's log: only this file's lines are at hand
  const at = (file: string, line: number, text: string) => (file === a.file ? (lines[line - 1] ?? redactLine(text).text) : redactLine(text).text);
  return {
    ...a,
    lines,
    findings: a.findings.map((f) => ({
      ...f,
      evidence: { ...f.evidence, lines: f.evidence.lines.map((l) => (l.text === undefined ? l : { ...l, text: at(l.file, l.line, l.text) })) },
    })),
    unparsed: a.unparsed.map((u) => ({ ...u, text: redactLine(u.text).text })),
  };
}

/** What redactAnalysis reads of an analysis (kept structural: this module imports nothing). */
interface LogAnalysisText {
  readonly file: string;
  readonly lines: readonly string[];
  readonly findings: readonly { readonly evidence: { readonly lines: readonly { readonly file: string; readonly line: number; readonly text?: string }[] } }[];
  readonly unparsed: readonly { readonly text: string }[];
}
