/**
 * The generic field-table encoder/decoder. A payload body (what follows the 4-byte generic
 * payload header) is described by a `Table`: a list of fields read and written in order,
 * big-endian. The decoder works on absolute offsets of the whole buffer so every
 * `DecodeError` points into the input.
 *
 * Field kinds:
 * - `u8` `u16` `u32` (numbers), `u64` (bigint): integers; `allowed`/`check` reject values at
 *   decode time (for values the structure depends on, e.g. the DOI of an SA).
 * - `reserved`: `size` zero bytes (non-zero → `bad-reserved`); not in the decoded object.
 * - `bytes`: fixed `size` bytes.
 * - `len8`: one byte holding the byte length of the bytes field `of` (SPI Size); derived.
 * - `count8` / `count16`: the number of items of the list field `of`; derived, checked.
 * - `sized`: bytes whose length is the value of the earlier `len8` field `by`.
 * - `array`: `count` (earlier count field) items of `size` bytes each (the earlier u8 field `size`).
 * - `rest`: the remaining bytes of the body.
 * - `attributes`: the remaining bytes as TV/TLV data attributes (RFC 2408 §3.3).
 * - `chain`: the remaining bytes as substructures with a generic header (Proposal, Transform),
 *   each item's Next Payload = `itemType` except the last (0).
 */
import { decodeAttributes, encodeAttributes, type Attribute } from './attributes.js';
import { fail, type DecodeErrorCode } from './errors.js';

export type Field =
  | { readonly name: string; readonly kind: 'u8' | 'u16' | 'u32'; readonly allowed?: readonly number[]; readonly check?: (v: number) => boolean; readonly code?: DecodeErrorCode }
  | { readonly name: string; readonly kind: 'u64' }
  | { readonly name: string; readonly kind: 'reserved'; readonly size: number }
  | { readonly name: string; readonly kind: 'bytes'; readonly size: number }
  | { readonly name: string; readonly kind: 'len8'; readonly of: string }
  | { readonly name: string; readonly kind: 'count8' | 'count16'; readonly of: string; readonly code: DecodeErrorCode }
  | { readonly name: string; readonly kind: 'sized'; readonly by: string }
  | { readonly name: string; readonly kind: 'array'; readonly count: string; readonly size: string }
  | { readonly name: string; readonly kind: 'rest' }
  | { readonly name: string; readonly kind: 'attributes' }
  | { readonly name: string; readonly kind: 'chain'; readonly item: Table; readonly itemType: number; readonly code: DecodeErrorCode };

export interface Table {
  /** What the table describes (used in error messages). */
  readonly name: string;
  readonly fields: readonly Field[];
}

export type Fields = Record<string, unknown>;

// ------------------------------------------------------------------------------------------------
// Reader / Writer
// ------------------------------------------------------------------------------------------------

/** A window [pos, end) of a buffer; positions are absolute offsets into `buf`. */
export class Reader {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    readonly end: number,
    readonly what: string,
  ) {}

  get remaining(): number {
    return this.end - this.pos;
  }

  need(n: number, field: string): void {
    if (this.pos + n > this.end) fail('truncated', this.pos, `${this.what}: ${field} needs ${n} bytes, ${this.remaining} left`);
  }
  u8(field: string): number {
    this.need(1, field);
    return this.buf[this.pos++]!;
  }
  u16(field: string): number {
    this.need(2, field);
    const v = (this.buf[this.pos]! << 8) | this.buf[this.pos + 1]!;
    this.pos += 2;
    return v;
  }
  u32(field: string): number {
    this.need(4, field);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }
  bytes(n: number, field: string): Uint8Array {
    this.need(n, field);
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  /** A sub-reader over the next `n` bytes (advances this reader past them). */
  sub(n: number, what: string): Reader {
    this.need(n, what);
    const r = new Reader(this.buf, this.pos, this.pos + n, what);
    this.pos += n;
    return r;
  }
}

export class Writer {
  private chunks: Uint8Array[] = [];
  private len = 0;

  get length(): number {
    return this.len;
  }
  private push(b: Uint8Array): void {
    this.chunks.push(b);
    this.len += b.length;
  }
  u8(v: number): void {
    checkUint(v, 0xff, 'u8');
    this.push(Uint8Array.of(v));
  }
  u16(v: number): void {
    checkUint(v, 0xffff, 'u16');
    this.push(Uint8Array.of(v >>> 8, v & 0xff));
  }
  u32(v: number): void {
    checkUint(v, 0xffffffff, 'u32');
    this.push(Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
  }
  bytes(b: Uint8Array): void {
    this.push(b);
  }
  finish(): Uint8Array {
    const out = new Uint8Array(this.len);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

function checkUint(v: number, max: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`encode: ${v} does not fit ${what}`);
}

// ------------------------------------------------------------------------------------------------
// Decoding
// ------------------------------------------------------------------------------------------------

/** Decodes `table` from the whole window of `r` (the window must be consumed exactly). */
export function decodeTable(table: Table, r: Reader): Fields {
  const out: Fields = {};
  const derived = new Map<string, { value: number; at: number; code?: DecodeErrorCode }>();
  for (const f of table.fields) {
    const at = r.pos;
    switch (f.kind) {
      case 'u8':
      case 'u16':
      case 'u32': {
        const v = f.kind === 'u8' ? r.u8(f.name) : f.kind === 'u16' ? r.u16(f.name) : r.u32(f.name);
        if ((f.allowed && !f.allowed.includes(v)) || (f.check && !f.check(v))) {
          fail(f.code ?? 'bad-payload', at, `${table.name}: ${f.name} ${v} not allowed`);
        }
        out[f.name] = v;
        break;
      }
      case 'u64': {
        const hi = r.u32(f.name);
        const lo = r.u32(f.name);
        out[f.name] = (BigInt(hi) << 32n) | BigInt(lo);
        break;
      }
      case 'reserved': {
        r.need(f.size, f.name);
        for (let i = 0; i < f.size; i++) {
          if (r.buf[r.pos + i] !== 0) fail('bad-reserved', r.pos + i, `${table.name}: ${f.name} is not zero`);
        }
        r.pos += f.size;
        break;
      }
      case 'bytes':
        out[f.name] = r.bytes(f.size, f.name);
        break;
      case 'len8':
        derived.set(f.name, { value: r.u8(f.name), at });
        break;
      case 'count8':
      case 'count16':
        derived.set(f.name, { value: f.kind === 'count8' ? r.u8(f.name) : r.u16(f.name), at, code: f.code });
        break;
      case 'sized': {
        const n = derived.get(f.by)!.value;
        out[f.name] = r.bytes(n, f.name);
        break;
      }
      case 'array': {
        const count = derived.get(f.count)!.value;
        const size = out[f.size] as number;
        if (count * size > r.remaining) fail('bad-length', at, `${table.name}: ${count} × ${size} bytes exceed the ${r.remaining} left`);
        const items: Uint8Array[] = [];
        for (let i = 0; i < count; i++) items.push(r.bytes(size, f.name));
        out[f.name] = items;
        break;
      }
      case 'rest':
        out[f.name] = r.bytes(r.remaining, f.name);
        break;
      case 'attributes':
        out[f.name] = decodeAttributes(r.sub(r.remaining, `${table.name} attributes`));
        break;
      case 'chain':
        out[f.name] = decodeChain(f.item, f.itemType, f.code, r.sub(r.remaining, `${table.name} ${f.name}`));
        break;
    }
  }
  if (r.remaining !== 0) fail('bad-length', r.pos, `${table.name}: ${r.remaining} bytes left after the last field`);
  // counts must match the lists they count
  for (const f of table.fields) {
    if (f.kind !== 'count8' && f.kind !== 'count16') continue;
    const d = derived.get(f.name)!;
    const list = out[f.of] as unknown[];
    if (list.length !== d.value) fail(f.code, d.at, `${table.name}: ${f.name} says ${d.value}, found ${list.length}`);
  }
  return out;
}

/** Substructures with generic headers up to the end of `r`; the last one has Next Payload 0. */
function decodeChain(item: Table, itemType: number, code: DecodeErrorCode, r: Reader): Fields[] {
  const items: Fields[] = [];
  if (r.remaining === 0) fail(code, r.pos, `no ${item.name} substructure`);
  for (;;) {
    const start = r.pos;
    const next = r.u8(`${item.name} next payload`);
    const resAt = r.pos;
    if (r.u8(`${item.name} reserved`) !== 0) fail('bad-reserved', resAt, `${item.name}: RESERVED is not zero`);
    const len = r.u16(`${item.name} length`);
    if (len < 4) fail('bad-length', start + 2, `${item.name}: length ${len} < 4`);
    if (start + len > r.end) fail('bad-length', start + 2, `${item.name}: length ${len} overruns its parent by ${start + len - r.end}`);
    items.push(decodeTable(item, r.sub(len - 4, item.name)));
    if (next === 0) {
      if (r.remaining !== 0) fail('bad-length', r.pos, `${r.remaining} bytes after the last ${item.name}`);
      return items;
    }
    if (next !== itemType) fail(code, start, `${item.name}: next payload ${next}, expected ${itemType} or 0`);
    if (r.remaining === 0) fail('truncated', r.pos, `${item.name}: next payload ${next} but nothing follows`);
  }
}

// ------------------------------------------------------------------------------------------------
// Encoding
// ------------------------------------------------------------------------------------------------

export function encodeTable(table: Table, v: Fields, w: Writer = new Writer()): Writer {
  for (const f of table.fields) {
    switch (f.kind) {
      case 'u8':
        w.u8(v[f.name] as number);
        break;
      case 'u16':
        w.u16(v[f.name] as number);
        break;
      case 'u32':
        w.u32(v[f.name] as number);
        break;
      case 'u64': {
        const x = v[f.name] as bigint;
        if (x < 0n || x > 0xffffffffffffffffn) throw new RangeError(`encode: ${x} does not fit u64`);
        w.u32(Number(x >> 32n));
        w.u32(Number(x & 0xffffffffn));
        break;
      }
      case 'reserved':
        w.bytes(new Uint8Array(f.size));
        break;
      case 'bytes': {
        const b = v[f.name] as Uint8Array;
        if (b.length !== f.size) throw new RangeError(`encode ${table.name}: ${f.name} must be ${f.size} bytes, got ${b.length}`);
        w.bytes(b);
        break;
      }
      case 'len8':
        w.u8((v[f.of] as Uint8Array).length);
        break;
      case 'count8':
        w.u8((v[f.of] as unknown[]).length);
        break;
      case 'count16':
        w.u16((v[f.of] as unknown[]).length);
        break;
      case 'sized':
      case 'rest':
        w.bytes(v[f.name] as Uint8Array);
        break;
      case 'array': {
        const size = v[f.size] as number;
        for (const b of v[f.name] as Uint8Array[]) {
          if (b.length !== size) throw new RangeError(`encode ${table.name}: ${f.name} item of ${b.length} bytes, ${f.size} is ${size}`);
          w.bytes(b);
        }
        break;
      }
      case 'attributes':
        encodeAttributes(v[f.name] as readonly Attribute[], w);
        break;
      case 'chain': {
        const items = v[f.name] as Fields[];
        items.forEach((it, i) => {
          const body = encodeTable(f.item, it).finish();
          w.u8(i === items.length - 1 ? 0 : f.itemType);
          w.u8(0);
          w.u16(body.length + 4);
          w.bytes(body);
        });
        break;
      }
    }
  }
  return w;
}
