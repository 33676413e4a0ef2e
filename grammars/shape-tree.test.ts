// The flat Patricia tree of shapes (shape-tree.ts) finds a shape a line has whenever one of the
// shapes added has it, whatever the order of adding: checked against a plain scan of all of them,
// with texts that share long prefixes, end inside others (the `any` side), differ only in digits,
// and branch more ways than a branch first has room for (it moves and grows).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mask, ShapeTree, type Shaped } from './shape-tree.js';
import { params } from './testing/lines.js';

/** A shape as the envelope memo makes them: it read `text`; a line has it when it agrees masked there. */
class TestShape implements Shaped {
  readonly masked: Uint16Array;
  constructor(readonly text: string) {
    this.masked = Uint16Array.from(text, (ch) => mask(ch.charCodeAt(0)));
  }
  matches(src: string, at = 0, n = src.length - at): boolean {
    if (n < this.masked.length) return false;
    for (let i = 0; i < this.masked.length; i++) if (mask(src.charCodeAt(at + i)) !== this.masked[i]) return false;
    return true;
  }
}

// few letters and all digits: texts collide, share prefixes and differ in digits only
const text = fc.string({ unit: fc.constantFrom(...'ab:. 0123456789'), minLength: 0, maxLength: 12 });

function check(shapes: string[], lines: string[]): void {
  const tree = new ShapeTree<TestShape>();
  const added: TestShape[] = [];
  for (const t of shapes) {
    const s = new TestShape(t);
    tree.add(s);
    added.push(s);
    for (const line of [...lines, t]) {
      const found = tree.find(line);
      const some = added.some((a) => a.matches(line));
      if (found === null) expect(some, `a shape of ${JSON.stringify(line)} is missed`).toBe(false);
      else expect(found.matches(line), `${JSON.stringify(found.text)} is not a shape of ${JSON.stringify(line)}`).toBe(true);
      // read in place, inside a longer text (as the reader reads lines of a chunk): what follows the line is not read
      expect(tree.find(`0a${line}0a:1`, 2, line.length), `in place: ${JSON.stringify(line)}`).toBe(found);
    }
  }
  expect(tree.size).toBe(shapes.length);
}

describe('shape tree', () => {
  it('finds a shape of the line exactly when one was added, at every step of adding', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), fc.array(text, { maxLength: 20 }), (shapes, lines) => check(shapes, lines)),
      params,
    );
  });

  it('a branch with more children than its first slots keeps them all (it moves to a bigger place)', () => {
    // 26 shapes that part at position 3, under a branch at position 1 (so the moved branch has a parent)
    const shapes = [...'abcdefghijklmnopqrstuvwxyz'].flatMap((c) => [`xa:${c}`, `xb:${c}`]);
    check(shapes, ['xa:q', 'xb:z', 'xc:a', 'xa:', 'xa:7']);
    const tree = new ShapeTree<TestShape>();
    for (const s of shapes) tree.add(new TestShape(s));
    for (const s of shapes) expect(tree.find(s + ' and more')?.text).toBe(s);
  });

  it('a shorter shape is found past a branch it did not read (the any side), digits masked', () => {
    const tree = new ShapeTree<TestShape>();
    for (const s of ['ab:1x', 'ab:2y', 'ab']) tree.add(new TestShape(s));
    expect(tree.find('ab:9x')?.text).toBe('ab:1x');
    expect(tree.find('ab:9z')?.text).toBe('ab');
    expect(tree.find('a')).toBeNull();
    tree.clear();
    expect(tree.find('ab:1x')).toBeNull();
    expect(tree.size).toBe(0);
  });
});
