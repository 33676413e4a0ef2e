// The HTML report of an interop run, built from a recorded run's data without a lab: the two
// charon logs of corpus/strongswan-mm-02-psk-mismatch as the initiator's and the responder's
// records, the fail-psk-mismatch scenario, checks computed by the runner's own verdict functions;
// and a reference-engine pair (events, no text) as both sides.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogAnalysis } from '../../analyzer/analyze.js';
import { correlate } from '../../analyzer/correlate/index.js';
import type { Event } from '../../analyzer/model/events.js';
import { runRules } from '../../analyzer/rules/index.js';
import { interopReportModel } from '../../reports/index.js';
import { pair, type IkeProposal, type EspProposal, type Policy } from '../ikev1/index.js';
import { interopVerdict, runReportHtml, withRunReport } from './html-report.js';
import { charonSide, recordedResult as resultOf, scenarioNamed as scenario } from './recorded-run.js';
import { junitXml } from './report.js';
import type { ScenarioResult } from './runner.js';
import type { Scenario } from './scenario.js';

const CORPUS = join(fileURLToPath(new URL('../..', import.meta.url)), 'corpus', 'strongswan-mm-02-psk-mismatch');
const recorded = { initiator: charonSide(join(CORPUS, 'input.log'), 'initiator'), responder: charonSide(join(CORPUS, 'peer.log'), 'responder') };
const tmp = mkdtempSync(join(tmpdir(), 'ikelens-interop-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the report of a run from two charon logs', () => {
  const s = scenario('fail-psk-mismatch');
  const r = resultOf(s, recorded);
  const html = runReportHtml(s, r, recorded);
  const model = interopReportModel({ initiator: recorded.initiator.analysis, responder: recorded.responder.analysis }, interopVerdict(s, r));

  it('puts the verdict and every check at the top, before the diff, the findings and the ladder', () => {
    expect(r.verdict).toBe('pass'); // the recorded logs show what the scenario expects
    const at = (needle: string) => html.indexOf(needle);
    expect(at('id="interop"')).toBeGreaterThan(0);
    expect(html).toMatch(/<span class="badge o-established" id="interop-verdict">PASS<\/span>/);
    for (const c of r.checks) expect(html).toContain(`<th scope="row">${c.name}</th><td>${c.expected}</td><td>${c.got}</td>`);
    expect(at('id="interop"')).toBeLessThan(at('id="diff"'));
    expect(at('id="diff"')).toBeLessThan(at('id="findings"'));
    expect(at('id="findings"')).toBeLessThan(at('id="s0"'));
    expect(html).toContain(s.description.slice(0, 40));
    expect(model.title).toBe('ikelens interop — fail-psk-mismatch: PASS');
  });

  it('is two-sided: one merged ladder, both logs as sources, the diff of the two timelines, findings with evidence from both logs', () => {
    expect(model.sources.map((x) => x.node)).toEqual(['initiator', 'responder']);
    expect(model.sessions[0]!.left.name).toBe('initiator');
    expect(model.sessions[0]!.right.name).toBe('responder');
    // steps seen in both logs carry a line in each
    expect(model.sessions[0]!.steps.some((x) => x.leftLine !== undefined && x.rightLine !== undefined)).toBe(true);
    expect(model.diff?.a.node).toBe('initiator');
    expect(model.diff?.b.node).toBe('responder');
    const psk = model.findings.find((f) => f.id === 'ike.p1.psk_mismatch')!;
    expect(new Set(psk.evidence.map((e) => e.src))).toEqual(new Set([0, 1]));
  });

  it('shows the scenario and its expectation with the pre-shared keys redacted', () => {
    expect(html).not.toContain('labsecret123');
    expect(html).not.toContain('wrongsecret456');
    expect(html).toContain('initiator expects');
    expect(html).toContain('outcome failed; exchanges MM1 MM2 MM3 MM4 MM5; error findings ike.p1.psk_mismatch');
    expect(html).toMatch(/responder policy<\/th><td><code>strongswan \{[^<]*&quot;psk&quot;:&quot;‹redacted›&quot;/);
  });

  it('and XAUTH passwords', () => {
    const x = scenario('mm-xauth-modecfg');
    const passwords = [x.initiator.xauth?.password, x.responder.xauth?.password].filter((p): p is string => !!p);
    expect(passwords.length).toBeGreaterThan(0);
    const page = runReportHtml(x, resultOf(x, recorded), recorded);
    for (const p of passwords) expect(page).not.toContain(p);
  });

  it('lists the failed checks of a failing case in the verdict section, escaped', () => {
    const wrong: Scenario = { ...s, description: 'expects <b>established</b>', expect: { ...s.expect, initiator: { ...s.expect.initiator, outcome: 'established' } } };
    const f = resultOf(wrong, recorded);
    expect(f.verdict).toBe('fail');
    const page = runReportHtml(wrong, f, recorded);
    expect(page).toMatch(/id="interop-verdict">FAIL</);
    expect(page).toContain('<ul class="failed-checks"><li><strong>initiator outcome</strong>: expected established, got failed</li></ul>');
    expect(page).toContain('expects &lt;b&gt;established&lt;/b&gt;');
    expect(page).not.toContain('<b>established</b>');
  });

  it('renders a run in which a side recorded nothing or that erred', () => {
    const silent = runReportHtml(s, resultOf(s, { initiator: recorded.initiator }), { initiator: recorded.initiator });
    expect(silent).toMatch(/id="interop-verdict">FAIL</);
    expect(silent).toContain('responder outcome</strong>: expected failed, got none');
    const erred: ScenarioResult = { name: s.name, role: 'strongswan→strongswan', verdict: 'error', ms: 5, checks: [], sides: null, error: 'charon did not start: <oops>' };
    const page = runReportHtml(s, erred, {});
    expect(page).toMatch(/id="interop-verdict">ERROR</);
    expect(page).toContain('<strong>Error:</strong> charon did not start: &lt;oops&gt;');
  });
});

describe('withRunReport: the call at the end of a run', () => {
  const s = scenario('fail-psk-mismatch');

  it('writes <reportsDir>/<scenario>.html and report.html beside the kept files; JUnit names the report', () => {
    const kept = join(tmp, 'kept', s.name);
    const r = withRunReport(s, { ...resultOf(s, recorded), kept }, recorded, { reportsDir: join(tmp, 'reports') });
    expect(r.report).toBe(join(tmp, 'reports', `${s.name}.html`));
    const page = readFileSync(r.report!, 'utf8');
    expect(page).toContain('id="interop-verdict"');
    expect(readFileSync(join(kept, 'report.html'), 'utf8')).toBe(page);
    expect(junitXml([r])).toContain(`<system-out>kept in ${kept}\nreport: ${r.report}</system-out>`);
    const passed = withRunReport(s, resultOf(s, recorded), recorded, { reportsDir: join(tmp, 'reports2') });
    expect(junitXml([passed])).toMatch(new RegExp(`name="fail-psk-mismatch" time="12.345">\\n    <system-out>report: ${passed.report}</system-out>\\n  </testcase>`));
  });

  it('writes nothing when not asked', () => {
    const r = resultOf(s, recorded);
    expect(withRunReport(s, r, recorded, {})).toBe(r);
  });

  it('a report that cannot be written is a failed check, not an exception', () => {
    const file = join(tmp, 'not-a-dir');
    writeFileSync(file, '');
    const r = withRunReport(s, resultOf(s, recorded), recorded, { reportsDir: file });
    expect(r.verdict).toBe('fail');
    expect(r.report).toBeUndefined();
    expect(r.checks.at(-1)).toMatchObject({ name: 'HTML report written', ok: false, expected: join(file, `${s.name}.html`) });
    expect(r.checks.at(-1)!.got).toMatch(/^E(EXIST|NOTDIR)$/);
    expect(existsSync(join(file, `${s.name}.html`))).toBe(false);
  });
});

describe('a side recorded as events (the reference engine), not as a log', () => {
  const IKE: IkeProposal = { cipher: 'aes128', hash: 'sha1', group: 14 };
  const ESP: EspProposal = { cipher: 'aes128', integrity: 'sha1' };
  const base = { ike: [IKE], esp: [ESP] };
  const policies: { a: Policy; b: Policy } = {
    a: { ...base, psk: 'engine-secret-a', localAddress: '10.0.0.1', peerAddress: '10.0.0.2', proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } },
    b: { ...base, psk: 'engine-secret-b', localAddress: '10.0.0.2', peerAddress: '10.0.0.1', proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } },
  };
  /** What an events-based peer observes: the analyzer's reading of its events; no text lines. */
  function eventsAnalysis(events: readonly Event[], file: string, node: string): LogAnalysis {
    const c = correlate(events, 'ikelens-engine');
    const findings = c.sessions.flatMap((s) => runRules(s.session, s.events, () => undefined));
    return { file, node, dialects: ['ikelens-engine'], coverage: { understood: events.length, total: events.length }, sessions: c.sessions.map((s) => s.session), findings, events, unparsed: [], lines: [] };
  }
  const p = pair({ ...policies, seed: 7 });
  p.a.initiate();
  p.settle();
  const obs = {
    initiator: { analysis: eventsAnalysis(p.a.events, 'A.events.jsonl', 'A'), keys: { ike: [], esp: [] }, files: [] },
    responder: { analysis: eventsAnalysis(p.b.events, 'B.events.jsonl', 'B'), keys: { ike: [], esp: [] }, files: [] },
  };
  const s: Scenario = { ...scenario('fail-psk-mismatch'), initiator: { ...scenario('fail-psk-mismatch').initiator, kind: 'reference' }, responder: { ...scenario('fail-psk-mismatch').responder, kind: 'reference' } };
  const r = resultOf(s, obs);
  const model = interopReportModel({ initiator: obs.initiator.analysis, responder: obs.responder.analysis }, interopVerdict(s, r));
  const html = runReportHtml(s, r, obs);

  it('shows the events as the source lines (line N = event N), and every ladder and finding link lands on one', () => {
    expect(model.sources.map((x) => x.lines.length)).toEqual([p.a.events.length, p.b.events.length]);
    const e = p.a.events[0]!;
    expect(model.sources[0]!.lines[e.seq - 1]!.startsWith(`${e.kind} {`)).toBe(true);
    const refs = [...model.sessions.flatMap((x) => x.steps.flatMap((st) => st.refs)), ...model.findings.flatMap((f) => f.evidence)];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(html).toContain(`id="L${ref.src}-${ref.line}"`);
    for (const ref of refs) expect(model.sources[ref.src]!.lines[ref.line - 1]).toMatch(/^ike\.|^ipsec\./);
  });

  it('is two-sided with the diff like a log-based run, and does not show the engines\' keys', () => {
    expect(model.sessions[0]!.left.name).toBe('A');
    expect(model.sessions[0]!.right.name).toBe('B');
    expect(model.diff?.sessions.length).toBeGreaterThan(0);
    expect(model.sessions[0]!.steps.map((x) => x.label).slice(0, 4)).toEqual(['MM1', 'MM2', 'MM3', 'MM4']);
    expect(html).not.toContain('engine-secret');
  });
});
