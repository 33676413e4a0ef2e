// The HTML negotiation report: `htmlReport(analysis)` is the whole self-contained page.
// model.ts builds the data (redacted), ladder.ts the SVG, render.ts the HTML around them.
import type { LogAnalysis } from '../analyzer/analyze.js';
import { reportModel, type ReportOptions } from './model.js';
import { renderReport } from './render.js';
import { diffReportModel } from './diff-report.js';
import { interopReportModel, type InteropSides } from './interop-report.js';
import type { InteropModel } from './interop.js';

export { reportModel, type ReportModel, type ReportOptions } from './model.js';
export { renderReport, contentSecurityPolicy, scriptHash } from './render.js';
export { redactLine, redactLines, REDACTED } from '../analyzer/report/redact.js';
export { esc } from './html.js';
export { diffModel, type DiffModel } from './diff.js';
export { diffReportModel } from './diff-report.js';
export { interopReportModel, type InteropSides } from './interop-report.js';
export type { InteropModel, InteropCheckModel } from './interop.js';

/** One self-contained HTML file for an analysis (with `peer` for two peers' logs). */
export function htmlReport(a: LogAnalysis, opts: ReportOptions = {}): string {
  return renderReport(reportModel(a, opts));
}

/** The report of two logs compared (`ikelens diff A B --html`). */
export function diffReport(a: LogAnalysis, b: LogAnalysis, opts: { readonly showSecrets?: boolean } = {}): string {
  return renderReport(diffReportModel(a, b, opts));
}

/** The report of one interop run: both sides' timelines, their diff, the findings, the runner's verdict at the top. */
export function interopReport(sides: InteropSides, verdict: InteropModel, opts: { readonly showSecrets?: boolean } = {}): string {
  return renderReport(interopReportModel(sides, verdict, opts));
}
