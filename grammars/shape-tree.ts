// The envelope memo's index of shapes (envelope-memo.ts): which learnt shape a line has.
//
// A Patricia tree over the shapes' masked texts. A branch looks at one position of the line and
// goes on by its shape code there; a leaf lists the shapes to verify (one, unless two shapes
// agree on every position both read). A shape that read less than a branch's position does not
// care what is there: it goes to the branch's `any` side, which a lookup tries when the coded side
// has no match.
//
// Why flat. Every line walks the tree (about five branches deep on the corpus), and between two
// walks the reader allocates records that push older objects out of the CPU caches. Kept as
// objects, each step touched a branch object and a child table somewhere in the heap; kept in
// one Int32Array the whole tree is a few kilobytes that stay cached, and a step is a load or two.
//
// Layout of a branch at offset o: [pos, any, count, capacity, (code, child) × capacity]. A child
// or `any` is a reference: >= 0 a branch's offset, < 0 a leaf (-1 the first), NONE nothing. A
// branch whose slots are full moves to the end with twice the capacity; its parent is given the
// new offset (inserts return the reference that replaces the one they were given).

/** What the tree holds: a masked text, and the full check of a line (`src[at, at + n)`) against it. */
export interface Shaped {
  readonly masked: Uint16Array;
  matches(src: string, at: number, n: number): boolean;
}

const NONE = 0x3fffffff;
const HEAD = 4;

/** The shape code of a UTF-16 code unit: every digit is '0' (as Shape.masked is made). */
export function mask(c: number): number {
  return c >= 48 && c <= 57 ? 48 : c;
}

/** The first position where `t` differs from a shape of `list` that read it too, or -1. */
function firstDifference(list: readonly Shaped[], t: Uint16Array): number {
  for (const s of list) {
    const m = Math.min(s.masked.length, t.length);
    for (let p = 0; p < m; p++) if (s.masked[p] !== t[p]) return p;
  }
  return -1;
}

export class ShapeTree<T extends Shaped> {
  private idx = new Int32Array(1024);
  private used = 0;
  private root = NONE;
  private leaves: T[][] = [];
  size = 0;

  clear(): void {
    this.used = 0;
    this.root = NONE;
    this.leaves = [];
    this.size = 0;
  }

  /** A shape the line `src[at, at + n)` has (any one: each gives the grammar's result), or null. */
  find(src: string, at = 0, n = src.length - at): T | null {
    return this.findFrom(this.root, src, at, n);
  }

  add(shape: T): void {
    this.root = this.insert(this.root, shape);
    this.size++;
  }

  private findFrom(ref: number, src: string, at: number, n: number): T | null {
    const idx = this.idx;
    while (ref !== NONE) {
      if (ref < 0) {
        const list = this.leaves[-ref - 1]!;
        for (let i = 0; i < list.length; i++) if (list[i]!.matches(src, at, n)) return list[i]!;
        return null;
      }
      const p = idx[ref]!;
      const c = p < n ? mask(src.charCodeAt(at + p)) : -1;
      const end = ref + HEAD + 2 * idx[ref + 2]!;
      let next = NONE;
      for (let j = ref + HEAD; j < end; j += 2)
        if (idx[j] === c) {
          next = idx[j + 1]!;
          break;
        }
      const any = idx[ref + 1]!;
      if (any === NONE) ref = next;
      else {
        const s = next === NONE ? null : this.findFrom(next, src, at, n);
        if (s !== null) return s;
        ref = any;
      }
    }
    return null;
  }

  /** The subtree `ref` with `shape` added; returns its (possibly new) reference. */
  private insert(ref: number, shape: T): number {
    if (ref === NONE) return -this.leaves.push([shape]);
    if (ref < 0) {
      const list = this.leaves[-ref - 1]!;
      const p = firstDifference(list, shape.masked);
      if (p < 0) {
        // each read no further than where it agrees with the new one: no position tells them apart, verify all
        list.push(shape);
        return ref;
      }
      let b = this.branch(p, 4);
      for (const s of list) b = this.insert(b, s);
      return this.insert(b, shape);
    }
    // (this.idx is read after each call that may grow it)
    const p = this.idx[ref]!;
    if (p >= shape.masked.length) {
      const any = this.insert(this.idx[ref + 1]!, shape);
      this.idx[ref + 1] = any;
      return ref;
    }
    const c = shape.masked[p]!;
    const count = this.idx[ref + 2]!;
    for (let j = 0; j < count; j++) {
      const at = ref + HEAD + 2 * j;
      if (this.idx[at] === c) {
        const child = this.insert(this.idx[at + 1]!, shape);
        this.idx[at + 1] = child;
        return ref;
      }
    }
    const leaf = this.insert(NONE, shape);
    const node = count < this.idx[ref + 3]! ? ref : this.grow(ref);
    const at = node + HEAD + 2 * count;
    this.idx[at] = c;
    this.idx[at + 1] = leaf;
    this.idx[node + 2] = count + 1;
    return node;
  }

  private branch(pos: number, capacity: number): number {
    const o = this.alloc(HEAD + 2 * capacity);
    this.idx.set([pos, NONE, 0, capacity], o);
    return o;
  }

  /** A copy of branch `ref` with twice its capacity, at the end. */
  private grow(ref: number): number {
    const capacity = this.idx[ref + 3]!;
    const o = this.alloc(HEAD + 4 * capacity);
    const idx = this.idx;
    idx.copyWithin(o, ref, ref + HEAD + 2 * capacity);
    idx[o + 3] = 2 * capacity;
    return o;
  }

  private alloc(n: number): number {
    if (this.used + n > this.idx.length) {
      const bigger = new Int32Array(Math.max(2 * this.idx.length, this.used + n));
      bigger.set(this.idx);
      this.idx = bigger;
    }
    const o = this.used;
    this.used += n;
    return o;
  }
}
