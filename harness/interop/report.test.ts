// The table and the JUnit XML of a run's results.
import { describe, expect, it } from 'vitest';
import { junitXml, resultsTable } from './report.js';
import type { ScenarioResult } from './runner.js';

const results: ScenarioResult[] = [
  { name: 'mm-ok', role: 'strongswan→strongswan', verdict: 'pass', ms: 2345, checks: [{ name: 'c', ok: true, expected: 'a', got: 'a' }], sides: null },
  { name: 'mm-<bad>', role: 'strongswan→strongswan', verdict: 'fail', ms: 3000, checks: [{ name: 'initiator findings', ok: false, expected: '(none)', got: 'ike.p1.psk_mismatch & more' }], sides: null, kept: '/tmp/k/mm-<bad>' },
  { name: 'ref', role: 'reference→strongswan', verdict: 'error', ms: 10, checks: [], sides: null, error: 'initiator kind "reference" cannot run yet' },
];

describe('resultsTable', () => {
  it('one row per scenario, failed checks and errors under their row, a count line', () => {
    const t = resultsTable(results).split('\n');
    expect(t[0]).toMatch(/^scenario\s+role\s+verdict\s+time$/);
    expect(t[2]).toMatch(/^mm-ok\s+strongswan→strongswan\s+PASS\s+2\.3 s$/);
    expect(t[3]).toMatch(/^mm-<bad>\s+strongswan→strongswan\s+FAIL\s+3\.0 s$/);
    expect(t[4]).toBe('    initiator findings: expected (none), got ike.p1.psk_mismatch & more');
    expect(t[5]).toBe('    kept in /tmp/k/mm-<bad>');
    expect(t[6]).toMatch(/^ref\s+reference→strongswan\s+ERROR/);
    expect(t[7]).toBe('    error: initiator kind "reference" cannot run yet');
    expect(t.at(-2)).toBe('3 scenarios: 1 passed, 1 failed, 1 errors');
  });
});

describe('junitXml', () => {
  it('counts, one testcase each, failure and error elements, escaped text', () => {
    const x = junitXml(results);
    expect(x).toMatch(/<testsuite name="ikelens interop" tests="3" failures="1" errors="1" skipped="0" time="5.355">/);
    expect(x).toContain('<testcase classname="interop.strongswan→strongswan" name="mm-ok" time="2.345"/>');
    expect(x).toContain('name="mm-&lt;bad&gt;"');
    expect(x).toContain('<failure message="initiator findings">initiator findings: expected (none), got ike.p1.psk_mismatch &amp; more</failure>');
    expect(x).toContain('<error message="initiator kind &quot;reference&quot; cannot run yet">');
    expect(x.match(/<testcase /g)).toHaveLength(3);
  });
});
