#!/usr/bin/env node
// Prints the closing line CI reads, `N passed, N failed`, from vitest's JSON report.
// A missing or unreadable report means the run died: that is counted as a failure.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.artifacts/vitest-results.json';
try {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  // a test file that fails without a failing test (it did not load, a hook threw) counts as one failure
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  const failed = r.numFailedTests + brokenFiles;
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 || !r.success ? 1 : 0);
} catch (e) {
  console.log(`0 passed, 1 failed`);
  console.error(`test-summary: no test report at ${file} (${e.message})`);
  process.exit(1);
}
