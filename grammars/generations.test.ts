// The memos' building blocks (generations.ts): `copy` gives an equal string that keeps nothing
// else alive, and the two-generation memo keeps what is still in use.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copy, Generations } from './generations.js';
import { params } from './testing/lines.js';

/** A full garbage collection (the test process runs without --expose-gc). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('copy', () => {
  it('is equal to the string it copies, whatever the text (lone surrogates, empty, long)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constant('a'), fc.constant('\ud800'), fc.constant('\udc00'), fc.constant('é'), fc.constant('😀')), maxLength: 300 }), (s) => {
        expect(copy(s)).toBe(s);
      }),
      params,
    );
    expect(copy('')).toBe('');
  });

  it('does not keep the text it was cut from alive', () => {
    // 40 chunks of 1 MB, of each a 60-character piece kept: slices would hold all 40 MB
    const kept: string[] = [];
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40; i++) {
      const chunk = `${i} `.padEnd(1 << 20, 'ISAKMP:(1001): processing SA payload. ');
      kept.push(copy(chunk.slice(1000, 1060)));
    }
    collect();
    const grown = process.memoryUsage().heapUsed - before;
    expect(kept.every((k) => k.length === 60)).toBe(true);
    expect(grown).toBeLessThan(8 << 20);
  });
});

describe('Generations', () => {
  it('finds what was set, keeps an entry used from the old generation, and forgets the rest', () => {
    const g = new Generations<number>(2);
    g.set('a', 1);
    g.set('b', 2);
    g.set('c', 3); // young is full: a, b become the old generation
    expect(g.get('a')).toBe(1); // found in the old generation: moves to the young one
    g.set('d', 4); // young (c, a) is full: it becomes the old one, b is forgotten
    expect(g.get('b')).toBeUndefined();
    expect([g.get('a'), g.get('c'), g.get('d')]).toEqual([1, 3, 4]);
    expect({ hits: g.hits, misses: g.misses }).toEqual({ hits: 4, misses: 1 });
  });
});
