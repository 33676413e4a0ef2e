/**
 * DES and Triple DES (EDE, three keys) in CBC mode, from the tables of FIPS 46-3
 * ("Data Encryption Standard", 1999) and NIST SP 800-67 (TDEA: C = E_K3(D_K2(E_K1(P)))).
 *
 * @noble/ciphers has no DES, so the portable provider uses this. Parity bits are ignored
 * (PC-1 drops them); weak keys are not rejected (node:crypto does not reject them either).
 * Tables use the standard's numbering: bit 1 is the most significant bit.
 */
import { readU32, writeU32 } from './bytes.js';

/** Initial permutation IP (FIPS 46-3, p. 10). */
const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
  62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
  57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
  61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
];

/** Inverse initial permutation IP^-1 (FIPS 46-3, p. 10). */
const IP_INV = [
  40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31,
  38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
  36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27,
  34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25,
];

/** E bit-selection table (FIPS 46-3, p. 13). */
const E = [
  32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
  16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1,
];

/** Permutation P (FIPS 46-3, p. 15). */
const P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25];

/** Permuted choice 1 (FIPS 46-3, p. 20): C0 = first 28 entries, D0 = last 28. */
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];

/** Permuted choice 2 (FIPS 46-3, p. 21). */
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
  41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];

/** Left shifts of C and D per iteration (FIPS 46-3, p. 21). */
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];

/** Selection functions S1..S8 (FIPS 46-3, p. 17-18): row = b1 b6, column = b2 b3 b4 b5. */
const S: readonly (readonly number[])[] = [
  [
    14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, 0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
    4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0, 15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,
  ],
  [
    15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, 3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
    0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15, 13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,
  ],
  [
    10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, 13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
    13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7, 1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,
  ],
  [
    7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, 13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
    10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4, 3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,
  ],
  [
    2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, 14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
    4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14, 11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,
  ],
  [
    12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, 10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
    9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6, 4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,
  ],
  [
    4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, 13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
    1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2, 6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,
  ],
  [
    13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
    7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8, 2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
  ],
];

/** Bit k (1-based, 1 = MSB) of a 32-bit word. */
function bit32(w: number, k: number): number {
  return (w >>> (32 - k)) & 1;
}

/**
 * SP[i][v]: P applied to the output of S-box i+1 for the 6-bit input v, placed at its nibble.
 * Combining S and P is the usual table-driven form; it is built from the tables above.
 */
const SP: Uint32Array[] = S.map((box, i) => {
  const t = new Uint32Array(64);
  for (let v = 0; v < 64; v++) {
    const row = ((v >> 4) & 2) | (v & 1);
    const col = (v >> 1) & 15;
    const s = (box[row * 16 + col]! << (28 - 4 * i)) >>> 0;
    let out = 0;
    for (let j = 0; j < 32; j++) out |= bit32(s, P[j]!) << (31 - j);
    t[v] = out >>> 0;
  }
  return t;
});

/**
 * E(R) as eight 6-bit groups. The E table selects bits 4j..4j+5 (bit 0 meaning bit 32) for
 * group j, so each group is a rotation of R; checked against the table at load time below.
 */
function expand(r: number, out: Uint8Array): void {
  out[0] = ((r << 5) | (r >>> 27)) & 0x3f;
  out[1] = (r >>> 23) & 0x3f;
  out[2] = (r >>> 19) & 0x3f;
  out[3] = (r >>> 15) & 0x3f;
  out[4] = (r >>> 11) & 0x3f;
  out[5] = (r >>> 7) & 0x3f;
  out[6] = (r >>> 3) & 0x3f;
  out[7] = ((r << 1) | (r >>> 31)) & 0x3f;
}

function expandByTable(r: number): number[] {
  const g: number[] = [];
  for (let j = 0; j < 8; j++) {
    let v = 0;
    for (let b = 0; b < 6; b++) v = (v << 1) | bit32(r, E[j * 6 + b]!);
    g.push(v);
  }
  return g;
}

(function selfCheckExpansion(): void {
  const out = new Uint8Array(8);
  for (let k = 0; k < 32; k++) {
    const r = (1 << k) >>> 0;
    expand(r, out);
    const want = expandByTable(r);
    for (let j = 0; j < 8; j++) if (out[j] !== want[j]) throw new Error('des: E expansion does not match FIPS 46-3 table');
  }
})();

/** Bit k (1-based) of an 8-byte block. */
function bitOf(bytes: Uint8Array, off: number, k: number): number {
  return (bytes[off + ((k - 1) >> 3)]! >> (7 - ((k - 1) & 7))) & 1;
}

/** The 16 subkeys K1..K16, each as eight 6-bit groups (a 128-byte table). */
export function desKeySchedule(key: Uint8Array, keyOffset = 0): Uint8Array {
  const cd = new Uint8Array(56);
  for (let i = 0; i < 56; i++) cd[i] = bitOf(key, keyOffset, PC1[i]!);
  const ks = new Uint8Array(128);
  const c = cd.subarray(0, 28);
  const d = cd.subarray(28, 56);
  for (let round = 0; round < 16; round++) {
    for (let s = 0; s < SHIFTS[round]!; s++) {
      const c0 = c[0]!;
      c.copyWithin(0, 1);
      c[27] = c0;
      const d0 = d[0]!;
      d.copyWithin(0, 1);
      d[27] = d0;
    }
    for (let j = 0; j < 8; j++) {
      let v = 0;
      for (let b = 0; b < 6; b++) v = (v << 1) | cd[PC2[j * 6 + b]! - 1]!;
      ks[round * 8 + j] = v;
    }
  }
  return ks;
}

const eBuf = new Uint8Array(8);

/** The cipher function f(R, K) = P(S(E(R) xor K)). */
function f(r: number, ks: Uint8Array, round: number): number {
  expand(r, eBuf);
  let out = 0;
  const base = round * 8;
  for (let j = 0; j < 8; j++) out |= SP[j]![(eBuf[j]! ^ ks[base + j]!) & 0x3f]!;
  return out >>> 0;
}

/** Applies a 64-entry permutation table to two 32-bit halves. */
function permute64(hi: number, lo: number, table: readonly number[]): [number, number] {
  let oh = 0;
  let ol = 0;
  for (let i = 0; i < 32; i++) {
    const k = table[i]!;
    oh = (oh << 1) | (k <= 32 ? bit32(hi, k) : bit32(lo, k - 32));
  }
  for (let i = 32; i < 64; i++) {
    const k = table[i]!;
    ol = (ol << 1) | (k <= 32 ? bit32(hi, k) : bit32(lo, k - 32));
  }
  return [oh >>> 0, ol >>> 0];
}

/** One DES block on two 32-bit halves; `decrypt` runs the subkeys in reverse order. */
function desBlock(hi: number, lo: number, ks: Uint8Array, decrypt: boolean): [number, number] {
  let [l, r] = permute64(hi, lo, IP);
  for (let i = 0; i < 16; i++) {
    const t = r;
    r = (l ^ f(r, ks, decrypt ? 15 - i : i)) >>> 0;
    l = t;
  }
  // the preoutput is R16 L16
  return permute64(r, l, IP_INV);
}

/** Key schedules of DES (one) or 3DES (three, EDE). */
export type DesKeys = readonly Uint8Array[];

export function desKeys(key: Uint8Array): DesKeys {
  if (key.length === 8) return [desKeySchedule(key)];
  if (key.length === 24) return [desKeySchedule(key, 0), desKeySchedule(key, 8), desKeySchedule(key, 16)];
  throw new RangeError(`des: key must be 8 (DES) or 24 (3DES) bytes, got ${key.length}`);
}

function encryptBlock(hi: number, lo: number, keys: DesKeys): [number, number] {
  if (keys.length === 1) return desBlock(hi, lo, keys[0]!, false);
  let b = desBlock(hi, lo, keys[0]!, false);
  b = desBlock(b[0], b[1], keys[1]!, true);
  return desBlock(b[0], b[1], keys[2]!, false);
}

function decryptBlock(hi: number, lo: number, keys: DesKeys): [number, number] {
  if (keys.length === 1) return desBlock(hi, lo, keys[0]!, true);
  let b = desBlock(hi, lo, keys[2]!, true);
  b = desBlock(b[0], b[1], keys[1]!, false);
  return desBlock(b[0], b[1], keys[0]!, true);
}

/** DES (8-byte key) or 3DES-EDE (24-byte key) CBC encryption without padding. */
export function desCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (iv.length !== 8) throw new RangeError('des: IV must be 8 bytes');
  if (data.length % 8 !== 0) throw new RangeError('des: data length must be a multiple of 8');
  const keys = desKeys(key);
  const out = new Uint8Array(data.length);
  let ch = readU32(iv, 0);
  let cl = readU32(iv, 4);
  for (let o = 0; o < data.length; o += 8) {
    [ch, cl] = encryptBlock((readU32(data, o) ^ ch) >>> 0, (readU32(data, o + 4) ^ cl) >>> 0, keys);
    writeU32(out, o, ch);
    writeU32(out, o + 4, cl);
  }
  return out;
}

/** DES (8-byte key) or 3DES-EDE (24-byte key) CBC decryption without padding. */
export function desCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (iv.length !== 8) throw new RangeError('des: IV must be 8 bytes');
  if (data.length % 8 !== 0) throw new RangeError('des: data length must be a multiple of 8');
  const keys = desKeys(key);
  const out = new Uint8Array(data.length);
  let ph = readU32(iv, 0);
  let pl = readU32(iv, 4);
  for (let o = 0; o < data.length; o += 8) {
    const ch = readU32(data, o);
    const cl = readU32(data, o + 4);
    const [h, l] = decryptBlock(ch, cl, keys);
    writeU32(out, o, (h ^ ph) >>> 0);
    writeU32(out, o + 4, (l ^ pl) >>> 0);
    ph = ch;
    pl = cl;
  }
  return out;
}
