// The parsers' code cache (grammars/parsers.ts) across processes, as the CLI uses it: written when
// a process had none, taken by the next, replaced when damaged, never in the way of parsing.
// Runs the built parsers (dist/, made by `npm test`'s build) in child processes of plain `node`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../dist/grammars/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ikelens-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// real lines (corpus: ios-fail-01, asa-fail-01, strongswan-mm-03)
const LOG = [
  '*Nov 22 10:15:01.127: ISAKMP:(0): processing SA payload. message ID = 0',
  'Mar 14 09:12:03 [IKEv1]IP = 172.16.2.2, IKE_DECODE RECEIVED Message (msgid=0) with payloads : HDR + SA (1) + VENDOR (13) + VENDOR (13) + VENDOR (13) + VENDOR (13) + NONE (0) total length : 164',
  '11:19:46.929 30[IKE] <s2s|1> received NO_PROPOSAL_CHOSEN error notify',
].join('\n');

/** Parse LOG in a fresh `node` with the cache in `cache`: the parsers' statuses and the records' kinds. */
function run(cache: string): { status: Record<string, string>; kinds: string[] } {
  const code = `
    const { parseLog } = await import(${JSON.stringify(DIST + 'index.js')});
    const { codeCacheStatus } = await import(${JSON.stringify(DIST + 'parsers.js')});
    const kinds = parseLog(${JSON.stringify(LOG)}).map((r) => r.kind);
    console.log(JSON.stringify({ status: codeCacheStatus(), kinds }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', env: { ...process.env, IKELENS_CODE_CACHE: cache } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { status: Record<string, string>; kinds: string[] };
}

const PARSERS = ['envelope', 'envelope.probe', 'ios', 'asa', 'strongswan', 'show', 'console'];
const all = (status: string) => Object.fromEntries(PARSERS.map((p) => [p, status]));
const KINDS = ['ios.payload', 'asa.decode', 'strongswan.notify'];

describe('the parsers\' code cache', () => {
  const cache = join(dir, 'cache');

  it('is written by a process that had none, then taken by the next', () => {
    expect(run(cache)).toEqual({ status: all('absent'), kinds: KINDS });
    expect(readdirSync(cache).sort().map((f) => f.replace(/-[0-9a-f]{24}\.bin$/, ''))).toEqual([...PARSERS].sort());
    expect(run(cache)).toEqual({ status: all('accepted'), kinds: KINDS });
  });

  it('a damaged cache file is rejected, the parse is the same, and the file is replaced', () => {
    const ios = readdirSync(cache).find((f) => f.startsWith('ios-'))!;
    writeFileSync(join(cache, ios), Buffer.from('not a V8 code cache'.repeat(100)));
    expect(run(cache)).toEqual({ status: { ...all('accepted'), ios: 'rejected' }, kinds: KINDS });
    expect(run(cache)).toEqual({ status: all('accepted'), kinds: KINDS });
  });

  it('a directory that cannot be written leaves the parsers uncached, and parsing as it is', () => {
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    expect(run(join(blocked, 'cache'))).toEqual({ status: all('absent'), kinds: KINDS });
    expect(run(join(blocked, 'cache'))).toEqual({ status: all('absent'), kinds: KINDS });
  });

  it('IKELENS_CODE_CACHE=off turns it off', () => {
    expect(run('off')).toEqual({ status: all('off'), kinds: KINDS });
  });
});
