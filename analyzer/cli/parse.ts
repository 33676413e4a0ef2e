// `ikelens parse`: the records of a log, one per line, or (--summary) the dialects, coverage,
// record kinds and the lines that were not understood.
import { coverage, detectDialects, type LogRecord } from '../../grammars/index.js';
import { readRecords } from '../ingest/source.js';
import { parseCli } from './args.js';
import type { Io } from './main.js';

export async function parseCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCli(args, { json: { type: 'boolean' }, summary: { type: 'boolean' } }, 1);
  const file = positionals[0] ?? '-';
  const records = await readRecords(file);
  if (!values.summary) io.out(values.json ? recordsJson(records) : recordsText(records));
  else io.out(values.json ? JSON.stringify(summary(file, records), null, 2) + '\n' : summaryText(file, records, io.color));
  return 0;
}

export function recordsText(records: readonly LogRecord[]): string {
  return records
    .map((r) => {
      const span = r.endLine !== r.line ? `${r.line}-${r.endLine}` : `${r.line}`;
      if (r.kind === 'unparsed') return `${span.padEnd(9)} unparsed  ${JSON.stringify(r.text)}  (${r.reason})`;
      const f = Object.keys(r.fields).length ? ' ' + JSON.stringify(r.fields) : '';
      return `${span.padEnd(9)} ${r.kind}${f}`;
    })
    .join('\n') + '\n';
}

function recordsJson(records: readonly LogRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

function summary(file: string, records: readonly LogRecord[]) {
  const kinds: Record<string, number> = {};
  for (const r of records) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
  const cov = coverage(records);
  return {
    file,
    dialects: detectDialects(records),
    coverage: { understood: cov.understood, total: cov.total },
    kinds,
    unparsed: records.filter((r) => r.kind === 'unparsed').map((r) => ({ line: r.line, text: r.text, reason: r.reason })),
  };
}

function summaryText(file: string, records: readonly LogRecord[], color: boolean): string {
  const s = summary(file, records);
  const bold = (t: string) => (color ? `\x1b[1m${t}\x1b[0m` : t);
  const pct = ((100 * s.coverage.understood) / Math.max(1, s.coverage.total)).toFixed(1);
  const lines = [
    `${bold('ikelens')} ${file === '-' ? '(standard input)' : file}`,
    `dialects: ${s.dialects.join(', ') || 'none recognised'}`,
    `coverage: ${s.coverage.understood} of ${s.coverage.total} lines understood (${pct}%)`,
    'records:',
    ...Object.entries(s.kinds)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`),
  ];
  if (s.unparsed.length) lines.push('not understood:', ...s.unparsed.slice(0, 50).map((u) => `  ${u.line}: ${u.text}`));
  if (s.unparsed.length > 50) lines.push(`  ... and ${s.unparsed.length - 50} more`);
  return lines.join('\n') + '\n';
}
