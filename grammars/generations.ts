// A bounded memo by string key, kept in two generations: when the young one fills, it becomes
// the old one and the old is dropped. An entry found in the old generation is still in use: it
// moves to the young one. Used for the reader's body cache and the envelope memo's stamps.

export class Generations<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  hits = 0;
  misses = 0;
  constructor(private readonly size: number) {}

  get(key: string): V | undefined {
    let v = this.young.get(key);
    if (v === undefined) {
      v = this.old.get(key);
      if (v !== undefined) this.set(copy(key), v); // the kept key must not be a slice of the input chunk
    }
    if (v === undefined) this.misses++;
    else this.hits++;
    return v;
  }

  /** `key` must be the memo's own string (a `copy`), not a slice of an input chunk. */
  set(key: string, v: V): void {
    if (this.young.size >= this.size) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, v);
  }
}

/**
 * A flat copy of a string: a string of its own, not a slice of another. A slice would keep the
 * whole input chunk alive in a memo; and a memo key that is a slice costs one more memory access
 * (slice, then the string it points into) each time a lookup compares with it: with the body
 * cache that was 5-15 % of the steady parse (paired passes in one process). Plain JS,
 * so it also runs in the page's Web Worker (no Buffer there): V8 joins an array into a new
 * sequential string, where slicing a concatenation (the previous way) gave a slice of it.
 */
export function copy(s: string): string {
  return [s.slice(0, 1), s.slice(1)].join('');
}
