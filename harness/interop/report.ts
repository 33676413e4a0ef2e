// The runner's results for people and for CI: a text table (scenario, role, verdict, time, and
// the failed checks under a failed case) and JUnit XML (one testsuite, one testcase per scenario).
import type { ScenarioResult } from './runner.js';

export function resultsTable(results: readonly ScenarioResult[]): string {
  const head = ['scenario', 'role', 'verdict', 'time'];
  const rows = results.map((r) => [r.name, r.role, r.verdict.toUpperCase(), `${(r.ms / 1000).toFixed(1)} s`]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 3 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  ').trimEnd();
  const out = [line(head), line(w.map((n) => '-'.repeat(n)))];
  results.forEach((r, i) => {
    out.push(line(rows[i]!));
    if (r.error) out.push(`    error: ${r.error}`);
    for (const c of r.checks.filter((x) => !x.ok)) out.push(`    ${c.name}: expected ${c.expected}, got ${c.got}`);
    if (r.kept) out.push(`    kept in ${r.kept}`);
    if (r.report && r.verdict !== 'pass') out.push(`    report: ${r.report}`);
  });
  const n = (v: string) => results.filter((r) => r.verdict === v).length;
  out.push('', `${results.length} scenarios: ${n('pass')} passed, ${n('fail')} failed, ${n('error')} errors`);
  return out.join('\n') + '\n';
}

function xml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export function junitXml(results: readonly ScenarioResult[], suite = 'ikelens interop'): string {
  const n = (v: string) => results.filter((r) => r.verdict === v).length;
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const total = results.reduce((t, r) => t + r.ms, 0);
  const cases = results.map((r) => {
    const open = `  <testcase classname="${xml(`interop.${r.role}`)}" name="${xml(r.name)}" time="${secs(r.ms)}"`;
    const failed = r.checks.filter((c) => !c.ok);
    const detail = failed.map((c) => `${c.name}: expected ${c.expected}, got ${c.got}`).join('\n');
    const out = [r.kept ? `kept in ${r.kept}` : '', r.report ? `report: ${r.report}` : ''].filter(Boolean).join('\n');
    const systemOut = out ? `\n    <system-out>${xml(out)}</system-out>` : '';
    if (r.verdict === 'pass') return systemOut ? `${open}>${systemOut}\n  </testcase>` : `${open}/>`;
    const body =
      r.verdict === 'error'
        ? `    <error message="${xml(r.error ?? 'error')}">${xml(detail)}</error>`
        : `    <failure message="${xml(failed.map((c) => c.name).join('; '))}">${xml(detail)}</failure>`;
    return `${open}>\n${body}${systemOut}\n  </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="${xml(suite)}" tests="${results.length}" failures="${n('fail')}" errors="${n('error')}" skipped="0" time="${secs(total)}">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}
