// Where log text comes from: a file, standard input, or a string. Read as a stream so files of
// any size keep memory flat; a file that cannot be read is one clear error, never a stack trace.
import { createReadStream, statSync } from 'node:fs';
import { parseStream, type LogRecord, type ReaderOptions } from '../../grammars/index.js';

export class InputError extends Error {}

/** The chunks of a file (`-` for standard input). Throws InputError with one sentence when unreadable. */
export function openSource(path: string): AsyncIterable<Uint8Array> {
  if (path === '-') return process.stdin;
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `cannot read ${path}: no such file` : `cannot read ${path}: ${code ?? (e as Error).message}`);
  }
  if (st.isDirectory()) throw new InputError(`cannot read ${path}: it is a directory`);
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

/** Read and parse a whole source into records. */
export async function readRecords(path: string, opts?: ReaderOptions): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  try {
    for await (const batch of parseStream(openSource(path), opts)) for (const r of batch) out.push(r);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return out;
}
