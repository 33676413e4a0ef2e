// Golden files: compare an actual text with the reviewed file, or write it when UPDATE_GOLDEN=1.
// A rewritten golden must be read and reviewed before it is committed (git diff shows it).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function checkGolden(path: string, actual: string): { ok: true } | { ok: false; expected: string } {
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return { ok: true };
  }
  if (!existsSync(path)) return { ok: false, expected: `(missing golden ${path}; run with UPDATE_GOLDEN=1 and review it)` };
  const expected = readFileSync(path, 'utf8');
  return expected === actual ? { ok: true } : { ok: false, expected };
}
