// Reading a file chunk by chunk gives the records of the whole text: characters and line ends
// split between two reads are put together again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLog } from '../../grammars/index.js';
import { InputError, openSource, READ_CHUNK_BYTES, readRecords } from './source.js';

const dir = mkdtempSync(join(tmpdir(), 'ikelens-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// real lines (corpus/ios-12.3-hub-spoke-mm-qm and strongswan-mm-01), one with non-ASCII text
const LINES = [
  '*Mar  1 02:07:18.850: ISAKMP (0:1): processing SA payload. message ID = 0',
  'Nov 22 10:12:01 moon charon: 09[IKE] received DELETE for IKE_SA conn[1]',
  '*Mar  1 02:07:18.854: ISAKMP (0:1): found peer pre-shared key matching 10.48.66.147',
];

/** ASCII filler lines up to byte `at`, then `text` (so its bytes start at `at`), then more lines. */
function fileWith(at: number, text: string, eol = '\n'): string {
  let head = '';
  for (let i = 0; Buffer.byteLength(head) + 200 < at; i++) head += LINES[i % LINES.length] + eol;
  head += 'x'.repeat(at - Buffer.byteLength(head) - eol.length) + eol;
  expect(Buffer.byteLength(head)).toBe(at);
  return head + text + eol + LINES.join(eol) + eol;
}

async function readBack(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return readRecords(path);
}

describe('openSource / readRecords', () => {
  // a 2-, 3- and 4-byte UTF-8 character starting 1-3 bytes before a read ends
  for (const ch of ['é', '€', '🔑'])
    for (let back = 1; back < Buffer.byteLength(ch); back++)
      it(`keeps ${ch} whole when a read ends ${back} byte(s) into it`, async () => {
        const text = fileWith(READ_CHUNK_BYTES - back, `${ch} ISAKMP: peer 10.0.0.1 ${ch}`);
        const records = await readBack(`utf8-${back}-${ch.length}.log`, text);
        expect(records).toEqual(parseLog(text));
        expect(records.some((r) => r.text.startsWith(`${ch} ISAKMP`))).toBe(true);
        expect(records.every((r) => !r.text.includes('\uFFFD'))).toBe(true);
      });

  it('ends a CRLF line once when a read ends between \\r and \\n', async () => {
    // the filler's last "\r\n" straddles the end of the first read
    const text = fileWith(READ_CHUNK_BYTES + 1, LINES[0]!, '\r\n');
    expect(Buffer.from(text).subarray(READ_CHUNK_BYTES - 2, READ_CHUNK_BYTES)).toEqual(Buffer.from('x\r'));
    const records = await readBack('crlf.log', text);
    expect(records).toEqual(parseLog(text));
    expect(records.filter((r) => r.kind === 'blank')).toHaveLength(0);
  });

  it('reads a file of many chunks as the whole text', async () => {
    const text = Array.from({ length: 4 * Math.ceil(READ_CHUNK_BYTES / 60) }, (_, i) => LINES[i % 3]).join('\n') + '\n';
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * READ_CHUNK_BYTES);
    const path = join(dir, 'many.log');
    writeFileSync(path, text);
    const chunks = [...(openSource(path) as Iterable<string>)];
    expect(chunks.length).toBe(Math.ceil(Buffer.byteLength(text) / READ_CHUNK_BYTES));
    expect(chunks.join('')).toBe(text);
    expect(await readRecords(path)).toEqual(parseLog(text));
  });

  it('gives no text and no records for an empty file', async () => {
    const path = join(dir, 'empty.log');
    writeFileSync(path, '');
    expect([...(openSource(path) as Iterable<string>)]).toEqual([]);
    expect(await readRecords(path)).toEqual([]);
  });

  it('says in one sentence why a file cannot be read', async () => {
    await expect(readRecords(join(dir, 'missing.log'))).rejects.toThrow(new InputError(`cannot read ${join(dir, 'missing.log')}: no such file`));
    await expect(readRecords(dir)).rejects.toThrow(new InputError(`cannot read ${dir}: it is a directory`));
  });
});
