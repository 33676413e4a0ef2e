// The HTML report of one interop run: what the run has — the scenario, its result (verdict and
// checks), each side's observation (the analysis of its charon log or of the reference engine's
// events) — handed to the reports' one renderer (`interopReport`): the verdict with its checks at
// the top, the two-sided ladder, the diff between the two timelines, the findings with evidence
// from both sides. Pre-shared keys and XAUTH passwords are redacted (`shownScenario`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { interopReport, type InteropModel, type InteropSides } from '../../reports/index.js';
import type { PeerObservation } from './peer.js';
import type { PeerPolicy } from './policy.js';
import { shownScenario, type ScenarioResult } from './runner.js';
import { SIDES, type Scenario, type Side, type SideExpectation } from './scenario.js';

/** Where the report goes: `<reportsDir>/<scenario>.html`, and `report.html` beside the files of a kept case. */
export interface ReportPlaces {
  readonly reportsDir?: string;
}

const list = (v: readonly string[] | undefined) => (v === undefined ? 'not checked' : v.length ? v.join(' ') : '(none)');

function expectationText(e: SideExpectation): string {
  return `outcome ${e.outcome}; exchanges ${list(e.labels)}; error findings ${list(e.findings)}`;
}

/** A policy in one line (its secrets already redacted by `shownScenario`). */
function policyText(p: PeerPolicy): string {
  const { kind, ...rest } = p;
  return `${kind} ${JSON.stringify(rest)}`;
}

/** The verdict section's data: the scenario (redacted), its expectation, the verdict and every check. */
export function interopVerdict(s: Scenario, r: ScenarioResult): InteropModel {
  const shown = shownScenario(s);
  return {
    scenario: s.name,
    description: s.description,
    role: r.role,
    verdict: r.verdict,
    ...(r.error ? { error: r.error } : {}),
    ms: r.ms,
    checks: r.checks,
    scenarioRows: [
      ...SIDES.map((side): [string, string] => [`${side} policy`, policyText(shown[side])]),
      ...SIDES.map((side): [string, string] => [`${side} expects`, expectationText(s.expect[side])]),
      ['ping through the tunnel', s.expect.ping ? 'both ways, 3 of 3 echo replies' : 'not expected'],
      ['encrypted IKE messages tshark may not decrypt', `${s.expect.undecryptable ?? 0}`],
    ],
  };
}

/** The page of one run, from the scenario, its result and what each side recorded. */
export function runReportHtml(s: Scenario, r: ScenarioResult, obs: Partial<Record<Side, PeerObservation>>): string {
  const sides: InteropSides = { initiator: obs.initiator?.analysis ?? null, responder: obs.responder?.analysis ?? null };
  return interopReport(sides, interopVerdict(s, r));
}

/**
 * Called at the end of a run with what it has: writes the report where asked and returns the
 * result with `report` (the path under `reportsDir`, else the kept one). A report that cannot be
 * written is a failed check of the run, not an exception.
 */
export function withRunReport(s: Scenario, r: ScenarioResult, obs: Partial<Record<Side, PeerObservation>>, places: ReportPlaces): ScenarioResult {
  const paths = [...(places.reportsDir ? [join(places.reportsDir, `${s.name}.html`)] : []), ...(r.kept ? [join(r.kept, 'report.html')] : [])];
  if (!paths.length) return r;
  try {
    const html = runReportHtml(s, r, obs);
    for (const p of paths) {
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, html);
    }
    return { ...r, report: paths[0]! };
  } catch (e) {
    const got = (e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]!;
    return { ...r, verdict: r.verdict === 'pass' ? 'fail' : r.verdict, checks: [...r.checks, { name: 'HTML report written', ok: false, expected: paths.join(', '), got }] };
  }
}
