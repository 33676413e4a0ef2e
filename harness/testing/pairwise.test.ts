import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairwise, product, uncoveredPairs } from './pairwise.js';

const FC = process.env.CI ? { seed: 20261122, numRuns: 60 } : { numRuns: 60 };

describe('pairwise covering designs', () => {
  it('covers every pair of values of any two factors, in far fewer cases than the product, deterministically', () => {
    const f = { a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], b: ['x', 'y', 'z', 'v', 'w'], c: [true, false], d: ['p', 'q', 'r'] };
    const cases = pairwise(f);
    expect(uncoveredPairs(f, cases)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(11 * 5); // the two largest factors alone need that many
    expect(cases.length).toBeLessThan(product(f).length / 4);
    expect(pairwise(f)).toEqual(cases);
  });

  it('any factors (1–5 values each, up to 6 factors): no pair left uncovered, every case a valid assignment', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 6 }), (sizes) => {
        const f = Object.fromEntries(sizes.map((n, i) => [`f${i}`, Array.from({ length: n }, (_, k) => k)]));
        const cases = pairwise(f);
        expect(uncoveredPairs(f, cases)).toEqual([]);
        for (const c of cases) for (const [k, v] of Object.entries(f)) expect(v).toContain((c as Record<string, unknown>)[k]);
      }),
      FC,
    );
  });

  it('product is the full cross product; an empty factor is refused', () => {
    expect(product({ a: [1, 2], b: ['x', 'y', 'z'] })).toHaveLength(6);
    expect(() => pairwise({ a: [], b: [1] })).toThrow(RangeError);
  });
});
