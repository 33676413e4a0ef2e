// `ikelens interop [--filter PATTERN] [--junit FILE] [--keep DIR] [--reports DIR] [--jobs N] [--list]`: runs the
// scenarios in the lab and prints the table. Exit 0 all passed, 1 some failed, 2 a usage or
// environment error (one sentence). The module lives in the harness — the analyzer never
// imports the harness — and bin/ikelens.js registers it with the analyzer's dispatcher.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseCli } from '../../analyzer/cli/args.js';
import { UsageError } from '../../analyzer/cli/errors.js';
import type { Io } from '../../analyzer/cli/main.js';
import { sweepStaleLabs } from '../lab/netns.js';
import { labReadiness } from '../lab/tools.js';
import { resultsTable, junitXml } from './report.js';
import { runScenarios } from './runner.js';
import { loadScenarios, ScenarioError, SCENARIO_DIR } from './scenario.js';

export async function interopCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCli(
    args,
    { filter: { type: 'string' }, junit: { type: 'string' }, keep: { type: 'string' }, jobs: { type: 'string' }, list: { type: 'boolean' }, scenarios: { type: 'string' }, reports: { type: 'string' } },
    0,
  );
  const jobs = values.jobs === undefined ? 1 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 4) throw new UsageError('--jobs takes a number from 1 to 4');
  let list;
  try {
    list = loadScenarios(values.scenarios ?? SCENARIO_DIR, values.filter);
  } catch (e) {
    if (e instanceof ScenarioError || (e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError((e as Error).message);
    throw e;
  }
  if (!list.length) throw new UsageError(`no scenario matches "${values.filter}"`);
  if (values.list) {
    io.out(list.map((s) => `${s.name.padEnd(40)} ${s.description}`).join('\n') + '\n');
    return 0;
  }
  const problem = labReadiness();
  if (problem) throw new UsageError(problem);
  const swept = sweepStaleLabs();
  if (swept.length) io.err(`ikelens interop: removed ${swept.length} stale lab namespaces (${swept.join(', ')})\n`);
  if (values.keep) mkdirSync(values.keep, { recursive: true });
  if (values.reports) mkdirSync(values.reports, { recursive: true });
  const results = await runScenarios(list, { jobs, ...(values.keep ? { keepDir: values.keep } : {}), ...(values.reports ? { reportsDir: values.reports } : {}) });
  io.out(resultsTable(results));
  if (values.junit) {
    try {
      writeFileSync(values.junit, junitXml(results));
    } catch (e) {
      throw new UsageError(`cannot write ${values.junit}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return results.every((r) => r.verdict === 'pass') ? 0 : 1;
}
