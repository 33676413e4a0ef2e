// The interop verdict section: what the conformance runner (harness/interop) decided about one
// scenario — the scenario and its expectation, the verdict, every check (expected / got) — shown
// at the top of the report of that run. Plain data in, escaped HTML out; the runner redacts the
// scenario's secrets before they get here, and the rows are redacted again unless secrets are shown.
import { redactLine } from '../analyzer/report/redact.js';
import { esc } from './html.js';
import type { KeyValue } from './model.js';

export interface InteropCheckModel {
  readonly name: string;
  readonly ok: boolean;
  readonly expected: string;
  readonly got: string;
}

export interface InteropModel {
  readonly scenario: string;
  readonly description: string;
  /** `initiator kind→responder kind`. */
  readonly role: string;
  readonly verdict: 'pass' | 'fail' | 'error';
  /** For `error`: what kept the run from finishing. */
  readonly error?: string;
  readonly ms: number;
  readonly checks: readonly InteropCheckModel[];
  /** The scenario: peers' policies (secrets redacted) and the expectation, one row each. */
  readonly scenarioRows: readonly KeyValue[];
}

/** The verdict model with every text redacted (unless `showSecrets`): defence in depth, the runner redacts first. */
export function cleanInterop(m: InteropModel, showSecrets: boolean): InteropModel {
  if (showSecrets) return m;
  const c = (s: string) => redactLine(s).text;
  return {
    ...m,
    description: c(m.description),
    ...(m.error !== undefined ? { error: c(m.error) } : {}),
    checks: m.checks.map((x) => ({ ...x, name: c(x.name), expected: c(x.expected), got: c(x.got) })),
    scenarioRows: m.scenarioRows.map(([k, v]): KeyValue => [k, c(v)]),
  };
}

const VERDICT_CLASS = { pass: 'o-established', fail: 'o-failed', error: 'o-failed' } as const;

/** The section: verdict badge, the failed checks first, every check, the scenario. */
export function interopHtml(m: InteropModel): string {
  const failed = m.checks.filter((c) => !c.ok);
  const row = (c: InteropCheckModel) =>
    `<tr class="${c.ok ? 'check-ok' : 'check-failed'}"><td><span class="badge ${c.ok ? 'o-established' : 'o-failed'}">${c.ok ? 'ok' : 'failed'}</span></td><th scope="row">${esc(c.name)}</th><td>${esc(c.expected)}</td><td>${esc(c.got)}</td></tr>`;
  const failedList = failed.length
    ? `<ul class="failed-checks">${failed.map((c) => `<li><strong>${esc(c.name)}</strong>: ${esc(`expected ${c.expected}, got ${c.got}`)}</li>`).join('')}</ul>`
    : '';
  return `<section class="interop" id="interop" aria-labelledby="interop-h">
<h2 id="interop-h">Interop verdict: <span class="mono">${esc(m.scenario)}</span> <span class="badge ${VERDICT_CLASS[m.verdict]}" id="interop-verdict">${esc(m.verdict.toUpperCase())}</span></h2>
<p>${esc(`${m.description} (${m.role}, ${(m.ms / 1000).toFixed(1)} s)`)}</p>
${m.error ? `<p class="why"><strong>Error:</strong> ${esc(m.error)}</p>` : ''}${failedList}
<table class="kv checks"><thead><tr><th scope="col"></th><th scope="col">check</th><th scope="col">expected</th><th scope="col">got</th></tr></thead><tbody>${m.checks.map(row).join('')}</tbody></table>
<details class="scenario"><summary>The scenario and its expectation</summary><table class="kv"><tbody>${m.scenarioRows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td><code>${esc(v)}</code></td></tr>`).join('')}</tbody></table></details>
</section>
`;
}
