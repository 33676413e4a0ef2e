// The report of `ikelens diff A B --html`: both logs (sources 0 and 1), each log's own IKE SAs and
// findings, and the side-by-side diff of their timelines first. Rendered by the one renderer.
import type { LogAnalysis } from '../analyzer/analyze.js';
import { compareFindings } from '../analyzer/model/index.js';
import { diffModel } from './diff.js';
import { assembleReport, type ReportModel } from './model.js';

const fileName = (a: LogAnalysis) => (a.file === '-' ? 'standard input' : a.file.split('/').pop() ?? a.file);

export function diffReportModel(a: LogAnalysis, b: LogAnalysis, opts: { readonly showSecrets?: boolean } = {}): ReportModel {
  const showSecrets = opts.showSecrets === true;
  const m = assembleReport({
    logs: [a, b],
    sessions: [
      ...a.sessions.map((session) => ({ session, srcOf: () => 0, title: (t: string) => `A: ${t}` })),
      ...b.sessions.map((session) => ({ session, srcOf: () => 1, title: (t: string) => `B: ${t}` })),
    ],
    findings: [...a.findings, ...b.findings].sort(compareFindings),
    dialects: [...new Set([...a.dialects, ...b.dialects])],
    showSecrets,
  });
  const diff = diffModel(a, b, showSecrets);
  return {
    ...m,
    title: `ikelens diff — A ${fileName(a)} vs B ${fileName(b)}`,
    diff,
  };
}
