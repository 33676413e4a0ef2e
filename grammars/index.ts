// Public entry points of the grammars: text or a stream in, typed records out.
import { LogReader, type ReaderOptions } from './reader.js';
import { DIALECTS, isUnderstood, type Dialect, type Family, type LogRecord } from './records.js';

export * from './records.js';
export { LogReader, type ReaderOptions } from './reader.js';

/** Parse a whole text (a paste, a small file). */
export function parseLog(text: string, opts?: ReaderOptions): LogRecord[] {
  const r = new LogReader(opts);
  return [...r.push(text), ...r.end()];
}

/** Parse a stream of chunks (strings or UTF-8 bytes); yields records in batches, in line order. */
export async function* parseStream(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  opts?: ReaderOptions,
): AsyncGenerator<LogRecord[]> {
  const reader = new LogReader(opts);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const recs = reader.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (recs.length) yield recs;
  }
  const tail = [...reader.push(decoder.decode()), ...reader.end()];
  if (tail.length) yield tail;
}

export interface Coverage {
  /** Lines in records that some rule understood (blank lines included). */
  readonly understood: number;
  readonly total: number;
}

/** Fold records into a running coverage count (streaming friendly). */
export function addCoverage(c: Coverage, records: readonly LogRecord[]): Coverage {
  let understood = c.understood;
  let total = c.total;
  for (const r of records) {
    const n = r.endLine - r.line + 1;
    total += n;
    if (isUnderstood(r)) understood += n;
  }
  return { understood, total };
}

export function coverage(records: readonly LogRecord[]): Coverage {
  return addCoverage({ understood: 0, total: 0 }, records);
}

/** The dialects present (device debug dialects, and `show` for show-command output), most lines first. */
export function detectDialects(records: readonly LogRecord[]): (Dialect | 'show')[] {
  const counts = new Map<Family, number>();
  for (const r of records) if (r.family) counts.set(r.family, (counts.get(r.family) ?? 0) + 1);
  return [...DIALECTS, 'show' as const].filter((d) => counts.has(d)).sort((a, b) => counts.get(b)! - counts.get(a)!);
}
