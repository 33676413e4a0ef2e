// The corpus entries: `corpus/<dialect>-<area>-NN-<slug>/` with `input.log` (and `peer.log` when
// the other peer's log of the same negotiation was recorded too).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The corpus folder of the source tree (also when this module runs compiled from dist/corpus/). */
export const CORPUS_DIR = existsSync(join(here, 'README.md')) ? here : join(here, '..', '..', 'corpus');

export interface CorpusEntry {
  readonly name: string;
  readonly dir: string;
  /** The logs of the entry: `input.log`, then `peer.log` if present. */
  readonly logs: readonly { readonly file: string; readonly path: string }[];
  readonly expect: Record<string, unknown> | null;
}

const ENTRY_NAME = /^(ios|asa|strongswan)-[a-z0-9]+-\d\d-[a-z0-9-]+$/;

export function corpusEntries(): CorpusEntry[] {
  return readdirSync(CORPUS_DIR)
    .filter((n) => ENTRY_NAME.test(n) && statSync(join(CORPUS_DIR, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(CORPUS_DIR, name);
      const logs = ['input.log', 'peer.log'].filter((f) => existsSync(join(dir, f))).map((file) => ({ file, path: join(dir, file) }));
      const ex = join(dir, 'expect.json');
      return { name, dir, logs, expect: existsSync(ex) ? (JSON.parse(readFileSync(ex, 'utf8')) as Record<string, unknown>) : null };
    });
}
