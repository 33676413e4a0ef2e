// Envelope memo: the envelope grammar's result for a line, re-used for later lines of the same
// *shape*, with the timestamp re-read. The envelope runs on every line and real logs print a
// handful of envelope forms over and over; only the digits change (times, threads, ids).
//
// Why a shape decides the parse. A line's shape is its text with every digit replaced by '0'. A
// peggy parser decides only by reading characters (class tests, literals) and by semantic
// predicates; the envelope's predicates look at letters only (a month name, a program name) or at
// results that depend on the shape (envelope-memo.test.ts lists them, so a new one must be
// reviewed). Almost all of the grammar's classes take every digit or none; the one that does not
// (`[0-7]`, ASA's severity) tells digits apart by DIGIT_CLASSES (0-7, 8-9), and the probe parser
// reports every class test and one-character literal it applies (the build adds the hooks:
// scripts/build-grammars.mjs `probeCode`): where such a class tested a digit, the digits must be
// of the same class. Literals containing digits (`[IKEv1`) are compared exactly at the positions
// where the parser tried them. So two lines that agree, masked, on every position the parser read
// for the first (by class at the class-tested positions, exactly at those literal positions) take
// the same path: same alternatives, same body offset, same hint. (Masking every digit alike, rather
// than by class everywhere, keeps times like 11:20:21 and 18:29:39 one shape: far fewer probe parses.)
//
// Past the body's start the parser only looks ahead: a whitespace loop reads the message's first
// character to end, a rule tests for a tag that may follow. Those positions are not masked: a
// shape takes there every character that gives the same result in each test applied (acceptedAt),
// so messages starting with other letters share the envelope's shape.
//
// How far the parser read is measured, not guessed: on a miss the line is parsed by a second
// instance of the envelope parser (envelope.probe.js) given a ReadTracker instead of the string;
// the generated code reads its input only at peg$currPos through charAt/charCodeAt/startsWith/
// substr/substring (envelope-memo.test.ts checks that in the generated source).
//
// Why the values can be re-used. On the same path every action sees the same spans; the values
// differ only where digits differ. Digits outside the timestamp must be equal to a remembered
// variant (a thread number, a pid, a sequence number: a few values per log), and the timestamp is
// re-read by the grammar's own `Stamp` rule at the same offset (the envelope's `stamp` is the
// object `Stamp` returned there, when envelope-memo verifies that for the first line; otherwise
// all digits must match a variant). Property tests (envelope-memo.prop.test.ts) check that the
// memo and the plain grammar give deep-equal results on arbitrary and mutated lines.
import { envelopeParser, probeParser } from './parsers.js';
import type { PeggyLibraryResult } from './_generated/envelope.js';
import type { Envelope, Stamp } from './records.js';
import { parseEnvelope, type EnvelopeResult } from './runtime.js';
import { copy, Generations } from './generations.js';
import { mask, ShapeTree } from './shape-tree.js';

/** Digits no class of the envelope grammar tells apart share a representative (0-7 → '0', 8-9 → '8'). */
export const DIGIT_CLASSES: readonly string[] = ['01234567', '89'];

/** A hash as a Map key V8 keeps unboxed (31-bit small integer). */
function smi(h: number): number {
  return h & 0x3fffffff;
}

/** Each digit's shape code: the first digit of its class. */
const DIGIT_CODE = Uint16Array.from('0123456789', (d) => DIGIT_CLASSES.find((cls) => cls.includes(d))!.charCodeAt(0));


/** The code of a character at a position where a class that tells digits apart tested it. */
function classMask(c: number): number {
  return c >= 48 && c <= 57 ? DIGIT_CODE[c - 48]! : c;
}

/**
 * A string stand-in that records how the parser read each position: the furthest position read,
 * the tests applied (character classes by index, one-character literals by code: the probe
 * parser reports both), and the positions whose character must be the same whatever the tests
 * (taken as text, compared with a case-insensitive literal). Only the methods the generated
 * parser calls on its input exist; `length` is read by peggy only after parsing.
 */
export class ReadTracker {
  /** One past the furthest position read. */
  end = 0;
  /** Positions whose character must be exactly the same. */
  readonly exact = new Set<number>();
  /**
   * The tests applied at each position (a sparse array): a class test as its index into the
   * probe's `classTests`, a literal character compared as -1 - its code.
   */
  readonly tests: number[][] = [];
  /** Spans taken as text ([start, end)): their characters may end up in the result. */
  readonly texts: [number, number][] = [];
  /** The position of the last character read alone (the one a class test looks at). */
  last = -1;
  readonly length: number;
  constructor(private readonly s: string) {
    this.length = s.length;
  }
  private seen(p: number, n: number): void {
    if (p + n > this.end) this.end = p + n;
  }
  private test(p: number, t: number): void {
    const at = this.tests[p];
    if (at === undefined) this.tests[p] = [t];
    else if (!at.includes(t)) at.push(t);
  }
  private code(p: number, c: number): void {
    this.test(p, -1 - c);
  }
  /** Called by the probe's class tests (they test the character `charAt` has just read). */
  classTest(k: number): void {
    this.test(this.last, k);
  }
  charAt(p: number): string {
    this.seen(p, 1);
    this.last = p;
    return this.s.charAt(p);
  }
  /** The probe's form of `input.charCodeAt(peg$currPos) === code`. */
  codeIs(p: number, code: number): boolean {
    this.seen(p, 1);
    this.code(p, code);
    return this.s.charCodeAt(p) === code;
  }
  charCodeAt(p: number): number {
    this.seen(p, 1);
    this.exact.add(p);
    return this.s.charCodeAt(p);
  }
  codePointAt(p: number): number | undefined {
    this.seen(p, 2);
    this.exact.add(p).add(p + 1);
    return this.s.codePointAt(p);
  }
  startsWith(lit: string, p: number): boolean {
    // the answer is decided by the characters up to the first that differs: only those are read
    for (let i = 0; i < lit.length; i++) {
      this.seen(p + i, 1);
      this.code(p + i, lit.charCodeAt(i));
      if (this.s.charCodeAt(p + i) !== lit.charCodeAt(i)) return false;
    }
    return true;
  }
  substr(p: number, n: number): string {
    // case-insensitive literals: the caller compares the piece, so every character of it is exact
    this.seen(p, n);
    for (let i = p; i < p + n; i++) this.exact.add(i);
    return this.s.substr(p, n);
  }
  substring(a: number, b: number): string {
    this.seen(a, b - a);
    this.texts.push([a, b]);
    return this.s.substring(a, b);
  }
}

class Variant {
  /**
   * The envelope made for the variant's last line, and that line's stamp digits (digitValue):
   * consecutive lines often share their time, and within a shape the stamps' other characters
   * are the same, so equal digits mean an equal stamp.
   */
  lastEnv: Envelope | null = null;
  lastStampKey = -2;
  constructor(
    /** The digits at the shape's variant positions, as code units. */
    readonly digits: Uint16Array,
    readonly env: Envelope,
  ) {}
}

/** One shape: what the first line of it read, and the results remembered for it. */
class Shape {
  /** Variants by a hash of their digits (a thread number, a pid: a few per log). */
  readonly variants = new Map<number, Variant>();
  /** `text` masked (shape codes): a line is compared with it masking only the line's characters. */
  readonly masked: Uint16Array;
  constructor(
    /** The first line's text up to `end` (a copy: never a slice of a big chunk). */
    readonly text: string,
    /** One past the furthest position the parser read. */
    readonly end: number,
    /** The parser read past the line's end: a line matches only with the same length (else -1). */
    readonly length: number,
    /** Positions compared with a literal's digit. */
    readonly exact: Int32Array,
    /** Positions tested by a class that tells digits apart. */
    readonly classTested: Int32Array,
    /** The line has no envelope. */
    readonly none: boolean,
    readonly hint: EnvelopeResult['hint'],
    readonly bodyStart: number,
    /** The timestamp span [stampStart, stampEnd) re-read by `Stamp`, or -1. */
    readonly stampStart: number,
    readonly stampEnd: number,
    /** Positions of digits in [0, bodyStart) outside the timestamp. */
    readonly digitsAt: Int32Array,
    /** Positions of digits in the timestamp. */
    readonly stampDigitsAt: Int32Array,
    /**
     * Past the masked text (from the body's start on), the characters each position takes: 128
     * bits a position (ASCII; 4 words). There the parser only tested the character, so any
     * character with the same test results takes the same path (see learn).
     */
    readonly accept: Int32Array = NO_POSITIONS,
  ) {
    const masked = (this.masked = new Uint16Array(text.length));
    for (let i = 0; i < text.length; i++) masked[i] = mask(text.charCodeAt(i));
  }

  /**
   * Does the line `src[at, at + n)` have this shape (masked equal where the parser read, by digit
   * class where a class tested, exact on literal digits)? The line is read in place: from a flat
   * input chunk a character costs about half what it costs from a slice of it.
   */
  matches(src: string, at: number, n: number): boolean {
    if (this.length >= 0 ? n !== this.length : n < this.end) return false;
    const masked = this.masked;
    const text = this.text;
    const m = masked.length;
    // (every position read below is inside the line: n >= end, or n === length when the parser read past the end)
    for (let i = 0; i < m; i++) if (mask(src.charCodeAt(at + i)) !== masked[i]) return false;
    const ct = this.classTested;
    for (let i = 0; i < ct.length; i++) if (classMask(src.charCodeAt(at + ct[i]!)) !== classMask(text.charCodeAt(ct[i]!))) return false;
    const ex = this.exact;
    for (let i = 0; i < ex.length; i++) if (src.charCodeAt(at + ex[i]!) !== text.charCodeAt(ex[i]!)) return false;
    const acc = this.accept;
    for (let j = 0, p = m; j < acc.length; j += 4, p++) {
      const c = src.charCodeAt(at + p);
      if (c > 127 || (acc[j + (c >> 5)]! & (1 << (c & 31))) === 0) return false;
    }
    return true;
  }

  /**
   * The key of `line`'s digits outside the timestamp: up to 9 digits their value, exact and a
   * small integer; beyond, a hash (`variant` checks the digits then).
   */
  private keyOf(src: string, at: number): number {
    const ps = this.digitsAt;
    if (ps.length <= 9) return digitValue(src, at, ps);
    let h = 0;
    for (let i = 0; i < ps.length; i++) h = Math.imul(h ^ src.charCodeAt(at + ps[i]!), 16777619);
    return smi(h);
  }

  /** The remembered variant for the digits outside the timestamp of the line at `at` of `src`, if any. */
  variant(src: string, at: number): Variant | null {
    const ps = this.digitsAt;
    const v = this.variants.get(this.keyOf(src, at));
    if (v === undefined) return null;
    if (ps.length <= 9) return v;
    const d = v.digits;
    for (let i = 0; i < ps.length; i++) if (src.charCodeAt(at + ps[i]!) !== d[i]) return null;
    return v;
  }

  remember(line: string, env: Envelope): void {
    const ps = this.digitsAt;
    const digits = new Uint16Array(ps.length);
    for (let i = 0; i < ps.length; i++) digits[i] = line.charCodeAt(ps[i]!);
    if (this.variants.size >= MAX_VARIANTS) this.variants.clear();
    this.variants.set(this.keyOf(line, 0), new Variant(digits, env));
  }
}

const MAX_VARIANTS = 64;

/**
 * The digits at positions `ps` of the line at `at` of `src` (digits in every line of a shape) read
 * as one decimal number: exact up to 15 digits, which a double holds; -1 beyond.
 */
function digitValue(src: string, at: number, ps: Int32Array): number {
  if (ps.length > 15) return -1;
  let v = 0;
  for (let i = 0; i < ps.length; i++) v = v * 10 + (src.charCodeAt(at + ps[i]!) - 48);
  return v;
}

/** Most shapes have no exact or class-tested positions: they share one empty list (checked without leaving the cache). */
const NO_POSITIONS = new Int32Array(0);

function positions(ps: number[]): Int32Array {
  return ps.length === 0 ? NO_POSITIONS : Int32Array.from(ps.sort((a, b) => a - b));
}
const MAX_SHAPES = 4096;

const STAMP_OPTIONS = { peg$library: true, startRule: 'Stamp', peg$currPos: 0 };

/** The tracker of the probe parse under way: the probe's class-test hook reports to it. */
let probing: ReadTracker | null = null;
probeParser.setClassTestHook((k) => probing?.classTest(k));

/** Each class's answer for each ASCII character, by class index. */
const CLASS_TABLES = probeParser.classTests.map((test) => Uint8Array.from({ length: 128 }, (_, c) => (test(String.fromCharCode(c)) ? 1 : 0)));

/** The classes that tell digits apart (ASA's severity `[0-7]`), by index. */
const SPLITS_DIGITS = CLASS_TABLES.map((table) => new Set(table.subarray(48, 58)).size > 1);

/**
 * The ASCII characters that give, in every test the parser applied at position `p` of `line`,
 * the result its own character gave (as 4 words of bits); null when that cannot be said (the
 * character there is not ASCII or must be exactly the same).
 */
function acceptedAt(t: ReadTracker, line: string, p: number): Int32Array | null {
  const own = line.charCodeAt(p);
  if (own > 127 || t.exact.has(p) || t.texts.some(([a, b]) => p >= a && p < b)) return null;
  const tests = t.tests[p] ?? [];
  const bits = new Int32Array(4);
  for (let c = 0; c < 128; c++) {
    const same = tests.every((k) => (k >= 0 ? CLASS_TABLES[k]![c] === CLASS_TABLES[k]![own] : (c === -1 - k) === (own === -1 - k)));
    if (same) bits[c >> 5]! |= 1 << (c & 31);
  }
  return bits;
}

export class EnvelopeMemo {
  private shapes = new ShapeTree<Shape>();
  /** Stamps by their text (a stamp is a function of its text). */
  private stamps = new Generations<Stamp>(4096);
  hits = 0;
  misses = 0;
  /** Results of the last `scan`. */
  env: Envelope | null = null;
  hint: EnvelopeResult['hint'] = null;
  bodyStart = 0;

  /**
   * The envelope of `line`, deep-equal to parseEnvelope's. Lines with equal envelopes may share
   * one `env` object (as records share the fields of equal bodies): records are read-only.
   */
  parse(line: string): EnvelopeResult | null {
    return this.scan(line) ? { env: this.env!, hint: this.hint, bodyStart: this.bodyStart } : null;
  }

  /** Like `parse`, without allocating the result: true when the line has an envelope, then read `env`, `hint`, `bodyStart`. */
  scan(line: string): boolean {
    return this.scanIn(line, line, 0);
  }

  /**
   * `scan` of `line`, which is `src[at, at + line.length)` (a chunk of input and the line's place in
   * it): the memo reads the line there; the misses parse `line` itself.
   */
  scanIn(line: string, src: string, at: number): boolean {
    const n = line.length;
    const s = this.shapeOf(src, at, n);
    if (s === null) {
      this.misses++;
      return this.learn(line);
    }
    this.hits++;
    if (s.none) return false;
    const v = s.variant(src, at);
    if (v === null) {
      // a new combination of thread, pid, ...: the grammar reads it (the shape is the same)
      // parsed from a flat copy: the remembered env's strings must not be slices of the input chunk
      const own = copy(line);
      const r = parseEnvelope(own);
      if (r !== null && r.bodyStart === s.bodyStart) s.remember(own, r.env);
      return this.set(r);
    }
    let env: Envelope = v.env;
    if (s.stampStart >= 0) {
      // the variant's last line often had the same time: then its envelope serves as it is (a
      // stamp is a function of its text), read in place without the stamp memo
      const key = digitValue(src, at, s.stampDigitsAt);
      if (key >= 0 && key === v.lastStampKey) env = v.lastEnv!;
      else {
        const stamp = this.stampAt(line, src, at, s.stampStart, s.stampEnd);
        if (stamp === null) return this.set(parseEnvelope(line)); // cannot happen (same path); the grammar wins
        // with another stamp: a copy, keys in the grammar's order
        env = Object.assign({}, v.env);
        (env as { stamp?: Stamp }).stamp = stamp;
        v.lastStampKey = key;
        v.lastEnv = env;
      }
    }
    this.env = env;
    this.hint = s.hint;
    this.bodyStart = s.bodyStart;
    return true;
  }

  private set(r: EnvelopeResult | null): boolean {
    if (r === null) return false;
    this.env = r.env;
    this.hint = r.hint;
    this.bodyStart = r.bodyStart;
    return true;
  }

  /** The shape of the last line: the next one mostly has it too. */
  private lastShape: Shape | null = null;

  private shapeOf(src: string, at: number, n: number): Shape | null {
    // any shape a line matches gives the grammar's result: the parse is decided by what it read
    const last = this.lastShape;
    if (last !== null && last.matches(src, at, n)) return last;
    return (this.lastShape = this.shapes.find(src, at, n));
  }

  /**
   * The `Stamp` rule's stamp at [start, end) of `line`, which is `src[at, at + line.length)`. The stamp is a function of its text:
   * the rule's optional parts (year, zone, fraction) end inside the text it took, so lines whose
   * stamp has the same text get the same object (memoised; records share it, as they share fields).
   */
  private stampAt(line: string, src: string, at: number, start: number, end: number): Stamp | null {
    let text = src.substring(at + start, at + end);
    let st = this.stamps.get(text);
    if (st !== undefined) return st;
    // the memo keeps key and stamp: both from a flat copy of the line, never slices of the input chunk
    const own = copy(line);
    text = copy(own.substring(start, end)); // a key of its own (see copy)
    STAMP_OPTIONS.peg$currPos = start;
    const r = envelopeParser.parse(own, STAMP_OPTIONS) as PeggyLibraryResult;
    if (r.peg$result === r.peg$FAILED || r.peg$currPos !== end) return null;
    st = (r.peg$result as { stamp: Stamp }).stamp;
    this.stamps.set(text, st);
    return st;
  }

  /** Parse with the probe parser and remember the shape. */
  private learn(chunkLine: string): boolean {
    // the shape keeps the env and stamp it learns: parse a flat copy, not a slice of the input chunk
    const line = copy(chunkLine);
    const t = new ReadTracker(line);
    probing = t;
    let r: PeggyLibraryResult;
    try {
      r = probeParser.parse(t as unknown as string, { peg$library: true }) as PeggyLibraryResult;
    } finally {
      probing = null;
    }
    const v = r.peg$result as { env: Envelope; hint: EnvelopeResult['hint'] } | null;
    const result: EnvelopeResult | null = r.peg$result === r.peg$FAILED || v === null ? null : { env: v.env, hint: v.hint, bodyStart: r.peg$currPos };
    if (this.shapes.size >= MAX_SHAPES) {
      this.shapes.clear();
      this.lastShape = null;
    }
    const end = t.end;
    const length = end > line.length ? line.length : -1;
    // Past the body's start the parser only looks ahead (the end of a whitespace loop, a tag
    // that may follow): where it only tested the character, the shape takes every character that
    // tests the same, so lines whose messages start differently share the shape. Before the
    // body, the masked text decides.
    let cut = Math.min(end, line.length);
    let accept = NO_POSITIONS;
    if (result !== null && length < 0 && result.bodyStart < end) {
      const words: number[] = [];
      for (let p = result.bodyStart; p < end; p++) {
        const bits = acceptedAt(t, line, p);
        if (bits === null) break;
        words.push(...bits);
      }
      if (words.length === 4 * (end - result.bodyStart)) {
        cut = result.bodyStart;
        accept = Int32Array.from(words);
      }
    }
    const text = copy(line.slice(0, cut));
    // in the masked text digits read alike, except where a literal's digit or a class that tells digits apart looked at them
    const tested = (p: number, which: (k: number) => boolean | undefined) => t.tests[p]?.some(which) === true;
    const where = (keep: (p: number) => boolean) => positions(Array.from({ length: cut }, (_, p) => p).filter(keep));
    const exact = where((p) => t.exact.has(p) || tested(p, (k) => k <= -49 && k >= -58));
    const classTested = where((p) => tested(p, (k) => k >= 0 && SPLITS_DIGITS[k]));
    let shape: Shape;
    if (result === null) {
      shape = new Shape(text, end, length, exact, classTested, true, null, 0, -1, -1, NO_POSITIONS, NO_POSITIONS);
    } else {
      const [stampStart, stampEnd] = this.stampSpan(line, result);
      const digitsAt: number[] = [];
      const stampDigitsAt: number[] = [];
      for (let i = 0; i < result.bodyStart; i++) {
        const c = line.charCodeAt(i);
        if (c >= 48 && c <= 57) (i >= stampStart && i < stampEnd ? stampDigitsAt : digitsAt).push(i);
      }
      shape = new Shape(text, end, length, exact, classTested, false, result.hint, result.bodyStart, stampStart, stampEnd, positions(digitsAt), positions(stampDigitsAt), accept);
      shape.remember(line, result.env);
    }
    this.shapes.add(shape);
    if (result === null) return false;
    this.env = Object.assign({}, result.env);
    this.hint = result.hint;
    this.bodyStart = result.bodyStart;
    return true;
  }

  /**
   * Where the envelope's timestamp is, when it is the object the `Stamp` rule returns at a place
   * of the line: its text occurs once before the body, and `Stamp` there gives an equal stamp
   * (the ASDM form builds its stamp from other rules, and IOS reads a bare clock as uptime: those
   * stay exact, every digit remembered).
   */
  private stampSpan(line: string, r: EnvelopeResult): [number, number] {
    const st = r.env.stamp;
    if (st === undefined || r.env.asdm !== undefined) return [-1, -1];
    const head = line.slice(0, r.bodyStart);
    const at = head.indexOf(st.text);
    if (at < 0 || head.indexOf(st.text, at + 1) >= 0) return [-1, -1];
    STAMP_OPTIONS.peg$currPos = at;
    const s = envelopeParser.parse(line, STAMP_OPTIONS) as PeggyLibraryResult;
    if (s.peg$result === s.peg$FAILED || s.peg$currPos !== at + st.text.length) return [-1, -1];
    if (JSON.stringify((s.peg$result as { stamp: Stamp }).stamp) !== JSON.stringify(st)) return [-1, -1];
    return [at, at + st.text.length];
  }
}

