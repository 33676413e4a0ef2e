// One paste analysed and rendered: the grammars, the analyzer and the same htmlReport as
// `--html`. Pure code; the paste page runs it in a Web Worker (worker.ts) so that the page's
// main thread stays free while a long log is analysed.
import { parseLog } from '../../grammars/index.js';
import { analyzeRecords } from '../../analyzer/analyze.js';
import { htmlReport } from '../index.js';

export interface AnalyseRequest {
  /** Answers carry it back: the page shows only the answer to its latest request. */
  readonly id: number;
  readonly text: string;
  readonly fileName: string;
  readonly showSecrets: boolean;
}

export type AnalyseAnswer =
  | {
      readonly id: number;
      readonly html: string;
      readonly lines: number;
      readonly sessions: number;
      readonly findings: number;
      /** Grammars and analyzer, then the report's HTML, in ms. */
      readonly analyseMs: number;
      readonly htmlMs: number;
    }
  | { readonly id: number; readonly error: string };

export function analysePaste(req: AnalyseRequest): AnalyseAnswer {
  try {
    const t0 = performance.now();
    const analysis = analyzeRecords(parseLog(req.text), req.fileName);
    const t1 = performance.now();
    const html = htmlReport(analysis, { showSecrets: req.showSecrets });
    const t2 = performance.now();
    return { id: req.id, html, lines: analysis.coverage.total, sessions: analysis.sessions.length, findings: analysis.findings.length, analyseMs: t1 - t0, htmlMs: t2 - t1 };
  } catch (e) {
    // bad input should never throw; if it does, the page says so instead of showing a stale report
    return { id: req.id, error: (e as Error).message };
  }
}
