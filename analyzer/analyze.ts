// The analysis pipeline of one log: records → events → sessions → findings, plus what the
// report needs around them (dialects, coverage, the lines not understood).
import { coverage, detectDialects, type LogRecord } from '../grammars/index.js';
import { compareFindings, type Event, type Finding } from './model/index.js';
import { normalize } from './normalize/index.js';
import { correlate } from './correlate/index.js';
import { mergeSession, pairSessions } from './correlate/merge.js';
import { runConfigRules, runRules } from './rules/index.js';
import type { Session } from './timeline.js';

export interface LogAnalysis {
  readonly file: string;
  readonly node: string;
  readonly dialects: readonly string[];
  readonly coverage: { readonly understood: number; readonly total: number };
  readonly sessions: readonly Session[];
  readonly findings: readonly Finding[];
  readonly events: readonly Event[];
  readonly unparsed: readonly { readonly line: number; readonly text: string; readonly reason: string }[];
  /** The source lines, for evidence text and reports. */
  readonly lines: readonly string[];
}

/** The node whose log this is: a prompt's hostname, a syslog host, else the file's name. */
export function nodeName(records: readonly LogRecord[], file: string): string {
  for (const r of records) {
    if (r.kind === 'console.prompt' && typeof r.fields.host === 'string') return r.fields.host;
    if (r.env?.host) return r.env.host;
  }
  const base = file === '-' ? 'stdin' : (file.split('/').pop() ?? file).replace(/\.(log|txt)$/, '');
  return base || 'local';
}

export function analyzeRecords(records: readonly LogRecord[], file: string, node?: string): LogAnalysis {
  const name = node ?? nodeName(records, file);
  const dialects = detectDialects(records);
  const events = normalize(records, { file, node: name });
  const dialect = dialects.find((d) => d !== 'show') ?? dialects[0] ?? 'unknown';
  const { sessions } = correlate(events, dialect);
  const lines: string[] = [];
  for (const r of records) {
    const parts = r.text.split('\n');
    for (let i = 0; i < parts.length; i++) lines[r.line - 1 + i] = parts[i]!;
  }
  const lineText = (n: number) => lines[n - 1];
  const findings = [...sessions.flatMap((s) => runRules(s.session, s.events, lineText)), ...runConfigRules(records, file, lineText)].sort(compareFindings);
  const cov = coverage(records);
  return {
    file,
    node: name,
    dialects,
    coverage: { understood: cov.understood, total: cov.total },
    sessions: sessions.map((s) => s.session),
    findings,
    events,
    unparsed: records.filter((r) => r.kind === 'unparsed').map((r) => ({ line: r.line, text: r.text, reason: r.reason ?? '' })),
    lines,
  };
}


/**
 * Two logs of the same negotiation, one per peer: sessions merged into two-sided timelines,
 * findings of both sides (one finding per ID, with the evidence of both logs).
 */
export function combinePeerLogs(a: LogAnalysis, b: LogAnalysis): LogAnalysis & { readonly peer: LogAnalysis } {
  const pairs = pairSessions(a.sessions, b.sessions);
  const pairedA = new Map(pairs.map(([i, j]) => [i, j]));
  const pairedB = new Set(pairs.map(([, j]) => j));
  const sessions = [
    ...a.sessions.map((s, i) => (pairedA.has(i) ? mergeSession(s, b.sessions[pairedA.get(i)!]!) : s)),
    ...b.sessions.filter((_, j) => !pairedB.has(j)),
  ];
  const byId = new Map<string, Finding>();
  for (const f of [...a.findings, ...b.findings]) {
    const seen = byId.get(f.id);
    byId.set(f.id, seen ? { ...seen, evidence: { events: [...seen.evidence.events, ...f.evidence.events], lines: [...seen.evidence.lines, ...f.evidence.lines] } } : f);
  }
  return { ...a, dialects: [...new Set([...a.dialects, ...b.dialects])], sessions, findings: [...byId.values()].sort(compareFindings), peer: b };
}
