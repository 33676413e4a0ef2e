// The diff view's data: two logs' timelines compared by analyzer/diff (diffView → diffTimelines,
// the same comparison as `ikelens diff`), with each aligned step traced back to its line in its
// own log (source 0 is A, source 1 is B) so the page can link and highlight it. No HTML here.
import type { LogAnalysis } from '../analyzer/analyze.js';
import { comparedSteps, diffTimelines, diffView, divergenceText, unmatchedText } from '../analyzer/diff/index.js';
import { redactLine } from '../analyzer/report/redact.js';
import type { LineRef } from './model.js';

export interface DiffCell {
  readonly label: string;
  readonly sender: string;
  /** The step's first line in its own log. */
  readonly line?: number;
}

export interface DiffRow {
  readonly a: DiffCell | null;
  readonly b: DiffCell | null;
  /** This row is the first divergence. */
  readonly first: boolean;
  readonly refs: readonly LineRef[];
}

export interface DiffSessionModel {
  /** Unique in the report, usable as an HTML id: `d0`. */
  readonly key: string;
  readonly a: string;
  readonly b: string;
  readonly equal: boolean;
  readonly rows: readonly DiffRow[];
  /** `first divergence at step 6: A has MM6, B has nothing`. */
  readonly divergence: string | null;
  /** Parameters both logs state, with different values. */
  readonly params: readonly { readonly name: string; readonly a: string; readonly b: string }[];
  /** Parameters only one log states (not a divergence). */
  readonly oneSided: readonly { readonly name: string; readonly side: 'A' | 'B'; readonly value: string }[];
}

export interface DiffModel {
  readonly a: { readonly file: string; readonly node: string; readonly src: number };
  readonly b: { readonly file: string; readonly node: string; readonly src: number };
  readonly equal: boolean;
  /** One sentence: the timelines match, or where they first differ. */
  readonly verdict: string;
  readonly sessions: readonly DiffSessionModel[];
  /** Sessions only one log has, and "neither input has an IKE SA". */
  readonly unmatched: readonly string[];
}

/** A compared value as text (values are parameters, not log lines; redacted all the same). */
function valueText(v: unknown, clean: (s: string) => string): string {
  return clean(typeof v === 'string' ? v : JSON.stringify(v));
}

/** Compare the timelines of log A (source `srcA`) and log B (source `srcB`). */
export function diffModel(a: LogAnalysis, b: LogAnalysis, showSecrets: boolean, srcA = 0, srcB = 1): DiffModel {
  const clean = (s: string) => (showSecrets ? s : redactLine(s).text);
  const t = diffTimelines(
    a.sessions.map((s) => ({ id: s.id, view: diffView(s) })),
    b.sessions.map((s) => ({ id: s.id, view: diffView(s) })),
  );
  const sessions = t.sessions.map(({ ids, d }, k): DiffSessionModel => {
    // DiffView.steps[i] is comparedSteps(session)[i]: walk the alignment to find each step's line
    const stepsA = comparedSteps(a.sessions[k]!);
    const stepsB = comparedSteps(b.sessions[k]!);
    let i = 0;
    let j = 0;
    const rows = d.steps.map((p, n): DiffRow => {
      const la = p.a ? stepsA[i++]?.line : undefined;
      const lb = p.b ? stepsB[j++]?.line : undefined;
      const refs: LineRef[] = [...(la !== undefined ? [{ src: srcA, line: la }] : []), ...(lb !== undefined ? [{ src: srcB, line: lb }] : [])];
      return {
        a: p.a ? { ...p.a, ...(la !== undefined ? { line: la } : {}) } : null,
        b: p.b ? { ...p.b, ...(lb !== undefined ? { line: lb } : {}) } : null,
        first: n === d.firstDivergence,
        refs,
      };
    });
    return {
      key: `d${k}`,
      a: ids[0],
      b: ids[1],
      equal: d.equal,
      rows,
      divergence: divergenceText(d),
      params: d.params.map((p) => ({ name: p.name, a: valueText(p.a, clean), b: valueText(p.b, clean) })),
      oneSided: d.oneSided.map((p) => (p.a !== null ? { name: p.name, side: 'A' as const, value: valueText(p.a, clean) } : { name: p.name, side: 'B' as const, value: valueText(p.b, clean) })),
    };
  });
  const unmatched = unmatchedText(t, a.sessions.length + b.sessions.length > 0);
  const firstDiff = sessions.find((s) => !s.equal);
  const verdict = t.equal
    ? `The timelines match (${sessions.length} IKE SA${sessions.length === 1 ? '' : 's'} compared).`
    : firstDiff
      ? `The timelines differ: ${firstDiff.divergence ?? `parameters differ (${firstDiff.params.map((p) => p.name).join(', ')})`}.`
      : `The timelines differ: ${unmatched.join('; ')}.`;
  return {
    a: { file: a.file, node: a.node, src: srcA },
    b: { file: b.file, node: b.node, src: srcB },
    equal: t.equal,
    verdict,
    sessions,
    unmatched,
  };
}
