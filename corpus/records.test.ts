// Corpus goldens for the grammars: every line of every corpus log is recognised (coverage 100%,
// printed per entry), the dialects detected are the expected ones, and the records match the
// reviewed golden `<log>.records.golden`.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { coverage, detectDialects, parseLog, type LogRecord } from '../grammars/index.js';
import { corpusEntries } from './entries.js';
import { checkGolden } from './golden.js';

/** One line per record: span, kind, fields. Reviewable in a diff. */
export function recordsGolden(records: readonly LogRecord[]): string {
  return records
    .map((r) => `${r.line}${r.endLine !== r.line ? '-' + r.endLine : ''} ${r.kind}${Object.keys(r.fields).length && r.kind !== 'unparsed' ? ' ' + JSON.stringify(r.fields) : ''}`)
    .join('\n') + '\n';
}

const table: string[] = [];
afterAll(() => {
  console.log(['corpus coverage (lines understood / lines in):', ...table].join('\n'));
});

for (const entry of corpusEntries()) {
  describe(entry.name, () => {
    for (const log of entry.logs) {
      const records = parseLog(readFileSync(log.path, 'utf8'));
      const cov = coverage(records);
      table.push(`  ${(entry.name + '/' + log.file).padEnd(58)} ${String(cov.understood).padStart(5)} / ${String(cov.total).padEnd(5)} ${((100 * cov.understood) / Math.max(1, cov.total)).toFixed(1)}%`);
      it(`${log.file}: every line is recognised`, () => {
        const missed = records.filter((r) => r.kind === 'unparsed').map((r) => `${r.line}: ${r.text}  <- ${r.reason}`);
        expect(missed).toEqual([]);
        expect(cov.understood).toBe(cov.total);
      });
      it(`${log.file}: dialects detected`, () => {
        const want = entry.expect?.dialects as string[] | undefined;
        expect(want, 'expect.json must list the dialects').toBeDefined();
        expect(detectDialects(records)).toEqual(want);
      });
      it(`${log.file}: records match the golden`, () => {
        const g = checkGolden(`${log.path.replace(/\.log$/, '')}.records.golden`, recordsGolden(records));
        if (!g.ok) expect(recordsGolden(records)).toBe(g.expected);
      });
    }
  });
}
