/**
 * The replay window against a simple model (a set of every accepted number and the highest
 * one): same verdict for every packet, for window sizes from 1 to 4096 bits, and random
 * sequences with duplicates, small steps, big jumps and stale numbers. And ESN inference
 * (RFC 4303 Appendix A2.2) against "the candidate nearest to the window".
 * Fixed seed when CI is set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplayWindow } from './replay.js';

const params = (numRuns: number): fc.Parameters<unknown> => (process.env.CI ? { seed: 20261122, numRuns } : { numRuns });

class Model {
  private readonly seen = new Set<number>();
  private top = 0;
  constructor(private readonly w: number) {}
  verdict(seq: number): 'ok' | 'replay' | 'too-old' {
    if (this.w === 0) return 'ok';
    if (seq === 0) return 'too-old';
    if (seq > this.top) return 'ok';
    if (this.top - seq >= this.w) return 'too-old';
    return this.seen.has(seq) ? 'replay' : 'ok';
  }
  accept(seq: number): void {
    this.seen.add(seq);
    if (seq > this.top) this.top = seq;
  }
}

describe('ReplayWindow ≡ model', () => {
  it('same verdicts on random streams', () => {
    const step = fc.oneof(
      fc.integer({ min: -5, max: 5 }), // local reordering and duplicates
      fc.integer({ min: -200, max: 200 }),
      fc.integer({ min: -5000, max: 5000 }), // jumps larger than most windows
      fc.constant(0),
    );
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2, 31, 32, 33, 64, 100, 128, 1024, 4096), fc.array(step, { maxLength: 400 }), fc.array(fc.boolean(), { maxLength: 400 }), (w, steps, forged) => {
        const win = new ReplayWindow(w);
        const model = new Model(w);
        let cur = 1;
        steps.forEach((d, i) => {
          cur = Math.max(0, cur + d);
          const v = win.check(cur);
          expect(v).toBe(model.verdict(cur));
          // a forged packet (ICV failure) is checked but never updates the window
          if (v === 'ok' && !forged[i]) {
            win.update(cur);
            model.accept(cur);
          }
        });
      }),
      params(300),
    );
  });

  // how fast it slides is the benchmark's to say (npm run bench -- --only esp), not a test's
  it('a window of 65536 packets slides over 200,000 sequence numbers and still knows every one it holds', () => {
    const win = new ReplayWindow(65536);
    for (let s = 1; s < 200_000; s += 3) expect(win.accept(s)).toBe(true);
    for (let s = 200_000 - 60_000; s < 200_000; s += 3) expect(win.check(s)).toBe((s - 1) % 3 === 0 ? 'replay' : 'ok');
    expect(win.check(200_000 - 65536 - 10)).toBe('too-old');
  });

  it('rejects bad sizes', () => {
    expect(() => new ReplayWindow(-1)).toThrow(RangeError);
    expect(() => new ReplayWindow(1.5)).toThrow(RangeError);
    expect(new ReplayWindow().size).toBe(64);
  });
});

describe('ESN inference (RFC 4303 Appendix A2.2)', () => {
  it('recovers the full number of any packet from W−1 behind the top to 2^32 − W ahead', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(32, 64, 1024),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (w, top, r) => {
          const win = new ReplayWindow(w);
          win.update(top);
          // candidates in [top − W + 1, top + 2^32 − W]: exactly one has each low half
          const lowest = top - w + 1;
          const seq = lowest + (r % (2 ** 32));
          if (seq < 1) return;
          expect(win.inferEsn(seq % 2 ** 32)).toBe(seq);
        },
      ),
      params(500),
    );
  });

  it('case B at the start of a subspace', () => {
    const win = new ReplayWindow(64);
    win.update(2 ** 32 + 5); // Th = 1, Tl = 5 < W − 1
    expect(win.inferEsn(2 ** 32 - 3)).toBe(2 ** 32 - 3); // just behind, in subspace 0
    expect(win.inferEsn(3)).toBe(2 ** 32 + 3);
    expect(win.inferEsn(1000)).toBe(2 ** 32 + 1000);
  });
});
