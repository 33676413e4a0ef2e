// The diff view without a browser: the model follows analyzer/diff's alignment and traces every
// step to its line in its own log; the page shows both timelines side by side, marks the first
// divergence once, lists the differing and the one-sided parameters, escapes and redacts; and
// the commands `diff A B --html` and `analyze --peer-log --html` write it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLog } from '../grammars/index.js';
import { analyzeRecords, type LogAnalysis } from '../analyzer/analyze.js';
import { comparedSteps, diffSessions } from '../analyzer/diff/index.js';
import { runCli } from './testing/cli.js';
import { diffModel, diffReport, diffReportModel, htmlReport, reportModel } from './index.js';
import { externalUrls } from './testing/html-checks.js';

const CORPUS = new URL('../corpus/', import.meta.url);
const path = (entry: string, name = 'input.log') => new URL(`${entry}/${name}`, CORPUS).pathname;
const log = (entry: string, name = 'input.log') => readFileSync(path(entry, name), 'utf8');
const analyze = (text: string, file: string): LogAnalysis => analyzeRecords(parseLog(text), file);
const corpus = (entry: string, name = 'input.log') => analyze(log(entry, name), path(entry, name));

// two views of one negotiation that differ (the initiator's log stops after QM2) ...
const differA = corpus('strongswan-console-01-swanctl-initiate');
const differB = corpus('strongswan-console-01-swanctl-initiate', 'peer.log');
// ... and two that match (initiator and responder of a PSK mismatch)
const matchA = corpus('strongswan-mm-02-psk-mismatch');
const matchB = corpus('strongswan-mm-02-psk-mismatch', 'peer.log');

describe('diff model', () => {
  it('follows the analyzer\u2019s alignment and traces each step to its own log\u2019s line', () => {
    const m = diffModel(differA, differB, false);
    const d = diffSessions(differA.sessions[0]!, differB.sessions[0]!);
    expect(m.equal).toBe(false);
    expect(m.sessions).toHaveLength(1);
    const s = m.sessions[0]!;
    expect(s.rows.map((r) => [r.a?.label ?? null, r.b?.label ?? null])).toEqual(d.steps.map((p) => [p.a?.label ?? null, p.b?.label ?? null]));
    expect(s.rows.filter((r) => r.first)).toHaveLength(1);
    expect(s.rows.findIndex((r) => r.first)).toBe(d.firstDivergence);
    expect(s.divergence).toBe('first divergence at step 9: A has nothing, B has QM3');
    // the A cells, gaps left out, are A's compared steps in order, with their lines (likewise B)
    expect(s.rows.flatMap((r) => (r.a ? [[r.a.label, r.a.line]] : []))).toEqual(comparedSteps(differA.sessions[0]!).map((x) => [x.label, x.line]));
    expect(s.rows.flatMap((r) => (r.b ? [[r.b.label, r.b.line]] : []))).toEqual(comparedSteps(differB.sessions[0]!).map((x) => [x.label, x.line]));
    // each row's evidence: A's line in source 0, B's in source 1
    const qm3 = s.rows.find((r) => r.first)!;
    expect(qm3.refs).toEqual([{ src: 1, line: qm3.b!.line }]);
    expect(differB.lines[qm3.b!.line! - 1]).toMatch(/QUICK_MODE request/);
    expect(s.params).toEqual([{ name: 'phase2[0].reached', a: 'QM2', b: 'QM3' }]);
    expect(s.oneSided).toEqual([{ name: 'phase2[0].mode', side: 'B', value: 'tunnel' }]);
    expect(m.verdict).toBe('The timelines differ: first divergence at step 9: A has nothing, B has QM3.');
  });

  it('says the timelines match when they do', () => {
    const m = diffModel(matchA, matchB, false);
    expect(m.equal).toBe(true);
    expect(m.sessions[0]!.rows.some((r) => r.first || !r.a || !r.b)).toBe(false);
    expect(m.verdict).toBe('The timelines match (1 IKE SA compared).');
  });

  it('does not call two logs without an IKE SA equal', () => {
    const empty = analyze('nothing to see here\n', 'a.log');
    const m = diffModel(empty, analyze('nor here\n', 'b.log'), false);
    expect(m.equal).toBe(false);
    expect(m.unmatched).toEqual(['neither input has an IKE SA']);
    expect(m.verdict).toBe('The timelines differ: neither input has an IKE SA.');
  });
});

describe('diff page', () => {
  const html = diffReport(differA, differB);

  it('shows both timelines side by side with the first divergence marked once', () => {
    expect(html).toContain('<section id="diff"');
    const rows = [...html.matchAll(/<tr( class="[^"]*")?( id="[^"]*")? data-evidence="[^"]*"><th scope="row">/g)];
    expect(rows).toHaveLength(diffModel(differA, differB, false).sessions[0]!.rows.length);
    expect(html.match(/<tr class="first differs" id="d0-first"/g)).toHaveLength(1);
    expect(html).toContain('<span class="first-mark">first divergence</span>');
    expect(html).toContain('href="#d0-first"');
    // both logs are sources; the diff cells link to their lines
    expect(html).toContain('id="L0-1"');
    expect(html).toContain('id="L1-1"');
    expect(html).toMatch(/data-ref="1:\d+">peer:L\d+<\/a>/);
    expect(html).toContain('phase2[0].reached');
    expect(html).toContain('(only B states it)');
    expect(externalUrls(html)).toEqual([]);
  });

  it('keeps each log\u2019s own ladders and findings', () => {
    const m = diffReportModel(matchA, matchB);
    expect(m.sessions.map((s) => s.title.slice(0, 3))).toEqual(['A: ', 'B: ']);
    expect(m.sources.map((s) => s.index)).toEqual([0, 1]);
    expect(m.findings.length).toBe(matchA.findings.length + matchB.findings.length);
    // the evidence of B's findings points into B's source
    expect(m.findings.flatMap((f) => f.evidence.map((e) => e.src))).toContain(1);
    expect(diffReport(matchA, matchB)).not.toContain('id="d0-first"');
  });

  it('escapes hostile names and redacts secrets in the diff', () => {
    const hostile = '"><img src=x onerror=alert(1)>.log';
    const text = ['crypto isakmp key Sup3rS3cret address 10.0.0.2', log('strongswan-mm-02-psk-mismatch')].join('\n');
    const page = diffReport(analyze(text, hostile), matchB);
    expect(page).not.toContain('<img');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.log');
    expect(page).not.toContain('Sup3rS3cret');
    expect(diffReport(analyze(text, hostile), matchB, { showSecrets: true })).toContain('Sup3rS3cret');
  });

  it('is part of the two-sided report of analyze --peer-log', () => {
    const m = reportModel(matchA, { peer: matchB, compare: [matchA, matchB] });
    expect(m.diff?.equal).toBe(true);
    expect(htmlReport(matchA, { peer: matchB, compare: [matchA, matchB] })).toContain('<section id="diff"');
    expect(htmlReport(matchA)).not.toContain('<section id="diff"');
  });
});

describe('the commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ikelens-diff-html-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = runCli;

  it('diff A B --html writes the report; the exit code says whether they differ', async () => {
    const file = join(dir, 'differ.html');
    const r = await run(['diff', path('strongswan-console-01-swanctl-initiate'), path('strongswan-console-01-swanctl-initiate', 'peer.log'), '--html', file]);
    expect(r).toEqual({ code: 1, out: `report written to ${file}\n`, err: '' });
    expect(readFileSync(file, 'utf8')).toContain('id="d0-first"');
    const same = await run(['diff', path('strongswan-mm-02-psk-mismatch'), path('strongswan-mm-02-psk-mismatch', 'peer.log'), '--html', '-']);
    expect(same.code).toBe(0);
    expect(same.out.startsWith('<!doctype html>')).toBe(true);
    expect(same.out).toContain('timelines match');
    // --json still prints the JSON beside the file
    const json = await run(['diff', path('strongswan-mm-01-psk-established'), path('strongswan-mm-02-psk-mismatch'), '--html', join(dir, 'j.html'), '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).equal).toBe(false);
  });

  it('analyze --peer-log --html includes the diff section', async () => {
    const file = join(dir, 'peer.html');
    await run(['analyze', path('strongswan-console-01-swanctl-initiate'), '--peer-log', path('strongswan-console-01-swanctl-initiate', 'peer.log'), '--html', file]);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<section id="diff"');
    expect(html).toContain('id="d0-first"');
  });

  it('refuses --html with an expected timeline, in one sentence (exit 2)', async () => {
    const expected = join(dir, 'expected.json');
    writeFileSync(expected, JSON.stringify({ sessions: [] }));
    const r = await run(['diff', path('strongswan-mm-02-psk-mismatch'), expected, '--html', join(dir, 'x.html')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('ikelens diff: --html compares two logs (an expected timeline .json has no source lines to show)\n');
  });
});
