// The report of one interop run (harness/interop): both peers' analyses — each read from a log or
// from events — as one two-sided report (ladder, both sources, the findings with the evidence of
// both sides), the side-by-side diff of their timelines, and the runner's verdict at the top.
// Rendered by the one renderer; only the composition is here.
import { combinePeerLogs, type LogAnalysis } from '../analyzer/analyze.js';
import { cleanInterop, type InteropModel } from './interop.js';
import { reportModel, type ReportModel } from './model.js';

export interface InteropSides {
  /** The analysis of each side's record; null when it recorded nothing (a silent peer, a run that stopped early). */
  readonly initiator: LogAnalysis | null;
  readonly responder: LogAnalysis | null;
}

/** Neither side recorded anything: a report of no log, still carrying the verdict. */
const NOTHING: LogAnalysis = { file: 'no record', node: 'none', dialects: [], coverage: { understood: 0, total: 0 }, sessions: [], findings: [], events: [], unparsed: [], lines: [] };

export function interopReportModel(sides: InteropSides, verdict: InteropModel, opts: { readonly showSecrets?: boolean } = {}): ReportModel {
  const showSecrets = opts.showSecrets === true;
  const a = sides.initiator;
  const b = sides.responder;
  const m = a && b ? reportModel(combinePeerLogs(a, b), { peer: b, compare: [a, b], showSecrets }) : reportModel(a ?? b ?? NOTHING, { showSecrets });
  return { ...m, title: `ikelens interop — ${verdict.scenario}: ${verdict.verdict.toUpperCase()}`, interop: cleanInterop(verdict, showSecrets) };
}
