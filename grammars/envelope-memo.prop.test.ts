// The envelope memo and the plain envelope grammar agree, line by line, on arbitrary text and on
// corpus lines with random edits (digits changed above all: that is what the memo re-reads), and
// the reader gives the same records with and without its memos.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnvelopeMemo } from './envelope-memo.js';
import { LogReader, type LogRecord } from './index.js';
import { parseEnvelope } from './runtime.js';
import { mutatedLine, params, same, sources } from './testing/lines.js';

describe('envelope memo = envelope grammar', () => {
  it('gives the grammar\'s envelope for every corpus line, in corpus order and again', () => {
    const memo = new EnvelopeMemo();
    for (let round = 0; round < 2; round++) for (const line of sources) same(memo.parse(line), parseEnvelope(line));
    expect(memo.hits).toBeGreaterThan(sources.length); // the second round is served by the memo
  });

  it('gives the grammar\'s envelope for mutated corpus lines, one memo across the whole run', () => {
    const memo = new EnvelopeMemo();
    fc.assert(
      fc.property(fc.array(mutatedLine, { minLength: 1, maxLength: 40 }), (lines) => {
        for (const line of lines) same(memo.parse(line), parseEnvelope(line));
      }),
      params,
    );
    expect(memo.hits).toBeGreaterThan(0);
  });

  it('reads a line in place, inside the text around it, as it reads the line alone', () => {
    const memo = new EnvelopeMemo();
    fc.assert(
      fc.property(fc.array(mutatedLine, { minLength: 1, maxLength: 40 }), (lines) => {
        // the lines of one chunk: what follows a line (the next one) must not change its envelope
        const text = lines.join('\n');
        let at = 0;
        for (const line of lines) {
          const r = memo.scanIn(line, text, at) ? { env: memo.env, hint: memo.hint, bodyStart: memo.bodyStart } : null;
          same(r, parseEnvelope(line));
          at += line.length + 1;
        }
      }),
      params,
    );
  });

  it('gives the grammar\'s envelope for arbitrary text', () => {
    const memo = new EnvelopeMemo();
    const chars = fc.constantFrom(...'0123456789 :.*<>[]|#%-AMNTUZadhmvwINSVEAKIP\t'.split(''));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: chars, maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })), { maxLength: 20 }), (lines) => {
        for (const line of lines) same(memo.parse(line), parseEnvelope(line));
      }),
      params,
    );
  });
});

describe('reader with and without memos', () => {
  const read = (text: string, opts: { cache: boolean; envelopeMemo: boolean }, chunk: number): LogRecord[] => {
    const r = new LogReader(opts);
    const out: LogRecord[] = [];
    for (let i = 0; i < text.length; i += chunk) out.push(...r.push(text.slice(i, i + chunk)));
    out.push(...r.end());
    return out;
  };

  it('gives deep-equal records for mutated corpus lines', () => {
    fc.assert(
      fc.property(fc.array(mutatedLine, { maxLength: 30 }), fc.integer({ min: 1, max: 300 }), (lines, chunk) => {
        const text = lines.join('\n');
        same(read(text, { cache: true, envelopeMemo: true }, chunk), read(text, { cache: false, envelopeMemo: false }, text.length || 1));
      }),
      params,
    );
  });

  it('gives deep-equal records for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        same(read(text, { cache: true, envelopeMemo: true }, 7), read(text, { cache: false, envelopeMemo: false }, text.length || 1));
      }),
      params,
    );
  });
});
