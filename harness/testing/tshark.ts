// Test support: run tshark on a capture file and read what it dissected. The tests that use it
// first call `requireTool('tshark')` (tools.ts): under CI a missing tshark fails them.
import { execFileSync } from 'node:child_process';

/** `tshark -n -r FILE ARGS…`: its standard output (stderr is kept off the test output). */
export function tshark(file: string, args: readonly string[]): string {
  return execFileSync('tshark', ['-n', '-r', file, ...args], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * One row per dissected frame with the values of `fields` (`-T fields`; several occurrences of a
 * field in one frame are joined with commas). `args` go before (keys, preferences, `-Y` filter).
 */
export function tsharkFields(file: string, args: readonly string[], fields: readonly string[]): string[][] {
  const out = tshark(file, [...args, '-T', 'fields', '-E', 'separator=|', '-E', 'occurrence=a', '-E', 'aggregator=,', ...fields.flatMap((f) => ['-e', f])]);
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('|'));
}
