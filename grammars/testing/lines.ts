// Test support for property tests: corpus lines (plus the envelope samples) and an arbitrary of
// them with random edits, and a strict equality (same value and same key order).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { corpusEntries } from '../../corpus/entries.js';
import { ENVELOPE_SAMPLES } from '../samples/envelope.js';

// fixed seed in CI (printed by fast-check on failure); random locally unless FC_SEED is set
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261122 : undefined;
export const params = { seed, numRuns: 300 };

export const corpusLines = corpusEntries().flatMap((e) => e.logs.flatMap((l) => readFileSync(l.path, 'utf8').split('\n').filter(Boolean)));
export const sources = [...new Set([...corpusLines, ...ENVELOPE_SAMPLES.map((s) => s.line)])];

/** A corpus line with random edits: digits replaced by digits, characters replaced, inserted, deleted. */
export const mutatedLine = fc
  .tuple(
    fc.constantFrom(...sources),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 9 })), { maxLength: 12 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })), { maxLength: 2 }),
  )
  .map(([line, digitEdits, edits]) => {
    const chars = [...line];
    const digitAt = chars.flatMap((c, i) => (c >= '0' && c <= '9' ? [i] : []));
    for (const [pos, d] of digitEdits) if (digitAt.length) chars[digitAt[pos % digitAt.length]!] = String(d);
    let s = chars.join('');
    for (const [pos, del, ins] of edits) {
      const p = s.length ? pos % (s.length + 1) : 0;
      s = s.slice(0, p) + ins + s.slice(p + del);
    }
    return s;
  });

/** Same value and same key order (records are serialised as they are built). */
export const same = (a: unknown, b: unknown) => {
  expect(a).toEqual(b);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
};
