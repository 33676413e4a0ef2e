// The HTML report without a browser: escaping, redaction, the Content-Security-Policy and its
// script hash, no external URL, and every corpus entry (one log and both peers' logs) renders.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLog } from '../grammars/index.js';
import { analyzeRecords, combinePeerLogs, type LogAnalysis } from '../analyzer/analyze.js';
import { REDACTED, contentSecurityPolicy, esc, htmlReport, redactLine, redactLines, renderReport, reportModel } from './index.js';
import { SCRIPT, SOURCE_BLOCK } from './assets.js';
import { SOURCE_MARKUP_LINES } from './render.js';
import { ladderSvg } from './ladder.js';
import type { SessionModel, StepModel } from './model.js';
import { externalUrls } from './testing/html-checks.js';

const CORPUS = new URL('../corpus/', import.meta.url);
const entries = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/input.log`, CORPUS)))
  .map((d) => d.name)
  .sort();

function analyzeText(text: string, file = 'paste.log'): LogAnalysis {
  return analyzeRecords(parseLog(text), file);
}
function corpusLog(entry: string, name = 'input.log'): string {
  return readFileSync(new URL(`${entry}/${name}`, CORPUS), 'utf8');
}

describe('esc', () => {
  it('escapes the five HTML metacharacters and the backtick', () => {
    expect(esc(`<script>alert("x") & 'y' \`z\`</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39; &#96;z&#96;&lt;/script&gt;');
    expect(esc('"><img src=x onerror=alert(1)>')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(esc(null)).toBe('');
    expect(esc(42)).toBe('42');
  });
});

describe('redaction', () => {
  const cases: [string, string, string][] = [
    ['strongSwan swanctl secret', '    secret = "s3cr3t-psk"', `    secret = ${REDACTED}`],
    ['strongSwan unquoted secret', 'secret=0sZm9vYmFy', `secret=${REDACTED}`],
    ['ipsec.secrets PSK', '10.0.0.1 10.0.0.2 : PSK "very secret"', `10.0.0.1 10.0.0.2 : PSK ${REDACTED}`],
    ['ipsec.secrets XAUTH', 'alice : XAUTH "alicepw"', `alice : XAUTH ${REDACTED}`],
    ['IOS isakmp key', 'crypto isakmp key cisco123 address 10.0.0.2', `crypto isakmp key ${REDACTED} address 10.0.0.2`],
    ['IOS isakmp key type 6', 'crypto isakmp key 6 ABCdef address 0.0.0.0 0.0.0.0', `crypto isakmp key 6 ${REDACTED} address 0.0.0.0 0.0.0.0`],
    ['IOS keyring', ' pre-shared-key address 10.0.0.2 key cisco123', ` pre-shared-key address 10.0.0.2 key ${REDACTED}`],
    ['ASA ikev1 psk', ' ikev1 pre-shared-key cisco123', ` ikev1 pre-shared-key ${REDACTED}`],
    ['ASA old psk', ' pre-shared-key 0 cisco123', ` pre-shared-key 0 ${REDACTED}`],
    ['IOS username password', 'username cisco password 0 cisco', `username cisco password 0 ${REDACTED}`],
    ['XAUTH password in debug', 'ISAKMP/xauth: reply attribute XAUTH_USER_PASSWORD_V2 = hunter2', `ISAKMP/xauth: reply attribute XAUTH_USER_PASSWORD_V2 = ${REDACTED}`],
    ['password: value', '11:20:14.700 11[IKE] <x|1> XAUTH password: "hunter2"', `11:20:14.700 11[IKE] <x|1> XAUTH password: ${REDACTED}`],
  ];
  it.each(cases)('%s', (_name, line, expected) => {
    const r = redactLine(line);
    expect(r.text).toBe(expected);
    expect(r.count).toBe(1);
  });

  it('leaves lines without secrets alone', () => {
    for (const line of [
      '11:20:14.700 11[IKE] <s2s|1> shared Diffie Hellman secret => 256 bytes @ 0x7fa8c4006f90',
      'ISAKMP/xauth: request attribute XAUTH_USER_PASSWORD_V2',
      '11:19:31.672 12[CFG] loaded IKE shared key with id \'ike-s2s\' for: \'10.99.0.1\', \'10.99.0.2\'',
      ' pre-shared-key *****',
      'Mar  1 02:07:18.850: ISAKMP:(0): pre-shared key authentication, key found',
      'ISAKMP (0:2): XAUTH ACK Processed',
    ])
      expect(redactLine(line).text).toBe(line);
  });

  it('redacts the bytes of key-material hex dumps and keeps the line count', () => {
    const lines = [
      '11:20:14.700 11[IKE] <s2s|1> shared Diffie Hellman secret => 32 bytes @ 0x7fa8c4006f90',
      '11:20:14.700 11[IKE] <s2s|1>    0: 0C 21 D6 61 CE 87 EC C2 D6 2C 11 85 2A D7 4D 2B  .!.a.....,..*.M+',
      '11:20:14.700 11[IKE] <s2s|1>   16: 7E E9 E3 4A 11 63 EB AC DD 60 5A 8D D5 CB E0 32  ~..J.c...`Z....2',
      '11:20:14.700 11[IKE] <s2s|1> natd_hash => 20 bytes @ 0x7fa8c4006f90',
      '11:20:14.700 11[IKE] <s2s|1>    0: 0C 21 D6 61 CE 87 EC C2 D6 2C 11 85 2A D7 4D 2B  .!.a.....,..*.M+',
    ];
    const r = redactLines(lines);
    expect(r.lines).toHaveLength(lines.length);
    expect(r.lines[0]).toBe(lines[0]);
    expect(r.lines[1]).toBe(`11:20:14.700 11[IKE] <s2s|1>    0: ${REDACTED}`);
    expect(r.lines[2]).not.toContain('7E E9');
    expect(r.lines[4]).toBe(lines[4]); // a NAT-D hash is not a secret
    expect(r.changed).toEqual([2, 3]);
  });

  it.each(entries)('%s: only key material is redacted in the corpus logs', (entry) => {
    for (const name of ['input.log', 'peer.log']) {
      if (!existsSync(new URL(`${entry}/${name}`, CORPUS))) continue;
      const lines = corpusLog(entry, name).split('\n');
      const r = redactLines(lines);
      for (const n of r.changed) expect(lines[n - 1], `${name}:${n}`).toMatch(/\s\d+: ([0-9A-F]{2} )+/);
    }
  });

  it('redacts the corpus configurations', () => {
    for (const [entry, secret] of [['ios-fail-01-psk-mismatch', 'cisco123'], ['asa-l2tp-01-windows-responder', 'C!sc0@123'], ['ios-mm-01-hub-responder-spoke', 'cisco123']] as const) {
      const r = redactLines(corpusLog(entry, 'config.txt').split('\n'));
      expect(r.lines.join('\n')).not.toContain(secret);
    }
  });

  it('keeps secrets out of the report unless asked, and counts them', () => {
    const log = [
      'hub#show running-config | include isakmp key',
      'crypto isakmp key Sup3rS3cret address 10.0.0.2',
      ...corpusLog('ios-mm-01-hub-responder-spoke').split('\n').slice(0, 40),
    ].join('\n');
    const a = analyzeText(log);
    const html = htmlReport(a);
    expect(html).not.toContain('Sup3rS3cret');
    expect(html).toContain(`crypto isakmp key ${esc(REDACTED)} address 10.0.0.2`);
    expect(reportModel(a).secrets.redacted).toBeGreaterThanOrEqual(1);
    const shown = htmlReport(a, { showSecrets: true });
    expect(shown).toContain('crypto isakmp key Sup3rS3cret address');
  });

  it('redacts key material in the verbose strongSwan log', () => {
    const a = analyzeText(corpusLog('strongswan-mm-08-verbose'), 'verbose.log');
    const html = htmlReport(a);
    // the first bytes of the shared DH secret dumped at line 654
    expect(html).not.toContain('0C 21 D6 61 CE 87 EC C2');
    expect(html).toContain('shared Diffie Hellman secret =&gt; 256 bytes');
  });
});

describe('injection', () => {
  const hostile = [
    ...corpusLog('ios-mm-01-hub-responder-spoke').split('\n').slice(0, 30),
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '</code></li></ol></aside><script>alert(2)</script>',
  ].join('\n');
  const a = analyzeText(hostile, '"><img src=x onerror=alert(3)>.log');
  const html = htmlReport(a);

  it('renders pasted markup as text', () => {
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg onload/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    // the only script element is ours
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it('shows the hostile lines as not understood', () => {
    const m = reportModel(a);
    expect(m.unparsed.map((u) => u.text)).toContain('<script>alert(1)</script>');
  });
});

describe('a long log: the source view as text blocks', () => {
  // more lines than SOURCE_MARKUP_LINES: a PSK mismatch repeated, then hostile and odd lines
  const one = corpusLog('strongswan-mm-02-psk-mismatch').split('\n');
  const lines: string[] = [];
  while (lines.length <= SOURCE_MARKUP_LINES) lines.push(...one);
  const odd = ['<script>alert(1)</script>', '</pre></li></ol></aside><script>alert(2)</script>', '', 'a & `c` \'d\' "e"', "'><svg onload=alert(1)>"];
  lines.push(...odd);
  const a = analyzeText(lines.join('\n'), 'long.log');
  const m = reportModel(a);
  const html = htmlReport(a);
  const blocks = [...html.matchAll(/<ol class="src chunk lazy" data-src="0" data-first="(\d+)"( data-evl="([\d ]+)")?( data-unp="([^"]*)")?><li class="src-text"><pre>\n([^<]*)<\/pre><\/li><\/ol>/g)];
  const unescape = (t: string) => t.replace(/&(amp|lt|gt|quot|#39|#96|#13);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`', '#13': '\r' })[e]!);

  it('has every line, in order, in blocks of text the browser splits back into the lines', () => {
    const src = m.sources[0]!;
    expect(src.lines.length).toBeGreaterThan(SOURCE_MARKUP_LINES);
    expect(blocks).toHaveLength(Math.ceil(src.lines.length / SOURCE_BLOCK));
    expect(blocks.map((b) => Number(b[1]))).toEqual(blocks.map((_, i) => i * SOURCE_BLOCK + 1));
    // what the HTML parser does with the text of a <pre>: entities decoded, the first newline dropped
    expect(blocks.flatMap((b) => unescape(b[6]!).split('\n'))).toEqual(src.lines);
    // no line is markup: no element of the source view but the blocks' own
    expect(html).not.toMatch(/<li class="src-line/);
    expect(html).not.toMatch(/<script>alert|<svg onload/);
    expect(html.match(/<script\b/g)).toHaveLength(1);
  });

  it('keeps a CR inside a line as a character reference (the parser would make it a line break)', () => {
    // the grammars split lines at CRs too: a model with one inside a line, as a renderer input
    const withCr = { ...m, sources: m.sources.map((x) => ({ ...x, lines: x.lines.map((l, i) => (i === 3 ? `a\rb${l}` : l)) })) };
    const out = renderReport(withCr);
    expect(out).toContain('a&#13;b');
    const texts = [...out.matchAll(/<pre>\n([^<]*)<\/pre>/g)].flatMap((b) => unescape(b[1]!).split('\n'));
    expect(texts).toEqual(withCr.sources[0]!.lines);
  });

  it('marks the evidence and the lines not understood, with their reasons, on their blocks', () => {
    const evl = new Set(blocks.flatMap((b) => (b[3] ?? '').split(' ').filter(Boolean).map(Number)));
    for (const f of m.findings) for (const e of f.evidence) expect(evl.has(e.line)).toBe(true);
    const unp = new Map(blocks.flatMap((b) => (b[5] ? (JSON.parse(unescape(b[5])) as [number, string][]) : [])));
    expect(unp.size).toBe(m.sources[0]!.unparsed.size);
    expect(unp.size).toBeGreaterThan(0);
    for (const [n, why] of m.sources[0]!.unparsed) expect(unp.get(n)).toBe(why);
  });
});

describe('page', () => {
  const a = analyzeText(corpusLog('strongswan-mm-02-psk-mismatch'), 'input.log');
  const html = htmlReport(a);

  it('carries a Content-Security-Policy whose script hash is the inline script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(script).toBe(SCRIPT);
    const hash = createHash('sha256').update(script).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    expect(csp).toBe(contentSecurityPolicy());
    // the policy comes before anything it governs
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('shows the ladder, the failure and the finding with its evidence', () => {
    for (const label of ['MM1', 'MM2', 'MM3', 'MM4', 'MM5']) expect(html).toContain(`>${label}`);
    expect(html).toContain('MM5 ✗ ×4');
    expect(html).toContain('ike.p1.psk_mismatch');
    expect(html).toMatch(/<article class="finding sev-error" id="f0" tabindex="0" data-evidence="0:148 0:153/);
    expect(html).toContain('id="L0-153"');
    expect(html).toMatch(/<li class="src-line evl" id="L0-153"/);
  });

  it('has no external URL', () => {
    expect(externalUrls(html)).toEqual([]);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
  });
});

describe('every corpus entry', () => {
  it.each(entries)('%s renders a self-contained page', (entry) => {
    const a = analyzeText(corpusLog(entry), 'input.log');
    const m = reportModel(a);
    const html = htmlReport(a);
    expect(externalUrls(html)).toEqual([]);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    for (const s of m.sessions) for (const x of s.steps) expect(html).toContain(`id="${x.key}"`);
    for (const f of m.findings) expect(html).toContain(f.id);
    // every source line is in the source view
    expect(html).toContain(`id="L0-${m.sources[0]!.lines.length}"`);
  });

  const twoSided = entries.filter((e) => existsSync(new URL(`${e}/peer.log`, CORPUS)));
  it.each(twoSided)('%s with the peer log renders both sources', (entry) => {
    const a = analyzeText(corpusLog(entry), 'input.log');
    const b = analyzeText(corpusLog(entry, 'peer.log'), 'peer.log');
    const combined = combinePeerLogs(a, b);
    const m = reportModel(combined, { peer: b });
    expect(m.sources).toHaveLength(2);
    const html = htmlReport(combined, { peer: b });
    expect(html).toContain('id="L1-1"');
    expect(externalUrls(html)).toEqual([]);
    // refs of merged steps point into both logs
    const refs = m.sessions.flatMap((s) => s.steps.flatMap((x) => x.refs));
    for (const r of refs) expect(m.sources[r.src]!.lines.length).toBeGreaterThanOrEqual(r.line);
  });
});

describe('ladder', () => {
  const step = (i: number, label: string, fromLeft: boolean, extra: Partial<StepModel> = {}): StepModel => ({
    key: `s0-m${i}`, label, exchange: 'main', msgid: '00000000', fromLeft, sender: fromLeft ? 'initiator' : 'responder',
    payloads: ['SA'], notifies: [], retransmits: 0, failed: false, refs: [{ src: 0, line: i + 1 }], details: [], ...extra,
  });
  const session: SessionModel = {
    key: 's0', id: 'r1#1', title: 'r1 ⇄ 10.0.0.2',
    left: { name: 'r1<b>', role: 'initiator', address: '10.0.0.1:500' },
    right: { name: '10.0.0.2', role: 'responder', address: '10.0.0.2:500' },
    outcome: 'failed', failedAt: 'MM3', missing: { label: 'MM3', fromLeft: true },
    phase1: [], phase2: [],
    steps: [step(0, 'MM1', true, { retransmits: 2, leftState: 'MM_SA<SETUP>' }), step(1, 'MM2', false, { rightState: 'R_MM2', rightLine: 7 })],
    lines: [{ src: 0, line: 1 }],
  };
  const svg = ladderSvg(session);

  it('draws one linked arrow per step, retransmissions, states and the missing message', () => {
    expect(svg.match(/<a class="step"/g)).toHaveLength(2);
    expect(svg).toContain('href="#s0-m0"');
    expect(svg).toContain('data-evidence="0:1"');
    expect(svg).toContain('MM1 ×3');
    expect(svg).toContain('arrow ghost');
    expect(svg).toContain('MM3 ✗ never came');
    expect(svg).toContain('arrow missing');
    expect(svg).toContain('>L7<');
  });

  it('escapes what it prints', () => {
    expect(svg).toContain('r1&lt;b&gt;');
    expect(svg).toContain('MM_SA&lt;SETUP&gt;');
    expect(svg).not.toMatch(/<b>|<SETUP>/);
  });
});
