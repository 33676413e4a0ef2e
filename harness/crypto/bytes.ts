/**
 * Byte helpers shared by the crypto layer. Everything is `Uint8Array`; nothing here
 * depends on Node, so the portable (noble) provider can use it in a browser.
 */

/** Concatenates byte arrays (undefined entries are skipped, for optional payloads). */
export function concatBytes(...parts: ReadonlyArray<Uint8Array | undefined>): Uint8Array {
  let len = 0;
  for (const p of parts) if (p) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    if (!p) continue;
    out.set(p, off);
    off += p.length;
  }
  return out;
}

const HEX_CHARS = '0123456789abcdef';

/** Lower-case hex, no separators. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    s += HEX_CHARS[b >>> 4]! + HEX_CHARS[b & 15]!;
  }
  return s;
}

/** Parses hex; whitespace, ':' and a leading '0x' are ignored. Throws on odd length or bad digits. */
export function fromHex(hex: string): Uint8Array {
  let h = hex.replace(/[\s:]/g, '');
  if (h.startsWith('0x') || h.startsWith('0X')) h = h.slice(2);
  if (h.length % 2 !== 0) throw new RangeError(`fromHex: odd number of hex digits (${h.length})`);
  if (!/^[0-9a-fA-F]*$/.test(h)) throw new RangeError('fromHex: not a hex string');
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
  return out;
}

/** Byte-wise equality (not constant time; use `constantTimeEqual` for MACs and HASH payloads). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Equality whose running time depends only on the lengths (for comparing HASH / ICV values). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/**
 * Left-pads with zero bytes to `length` (RFC 2409 §5: a Diffie-Hellman value keeps the full
 * length of the group). Throws if `bytes` is longer than `length` after stripping leading zeros.
 */
export function leftPad(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length === length) return bytes;
  if (bytes.length > length) {
    const extra = bytes.length - length;
    for (let i = 0; i < extra; i++) {
      if (bytes[i] !== 0) throw new RangeError(`leftPad: value needs ${bytes.length - i} bytes, more than ${length}`);
    }
    return bytes.slice(extra);
  }
  const out = new Uint8Array(length);
  out.set(bytes, length - bytes.length);
  return out;
}

/** 32-bit unsigned big-endian (network order), e.g. an ISAKMP message ID or an SPI. */
export function u32be(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`u32be: ${value} is not a 32-bit unsigned integer`);
  }
  return new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

/** Big-endian bytes → BigInt. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + toHex(bytes));
}

/** BigInt → big-endian bytes of exactly `length` bytes (throws if it does not fit). */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n) throw new RangeError('bigIntToBytes: negative value');
  const hex = value.toString(16);
  if (hex.length > length * 2) throw new RangeError(`bigIntToBytes: value does not fit in ${length} bytes`);
  return fromHex(hex.padStart(length * 2, '0'));
}

/** Bit length of a non-negative BigInt (0 for 0). */
export function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** Big-endian (network order) 32-bit unsigned integer at offset `o`. */
export function readU32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** Writes `v` as a big-endian 32-bit unsigned integer at offset `o`. */
export function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

/**
 * An SPI or message ID as the 8 lower-case hex digits the events and devices print. Not
 * analyzer/model/events.ts `spiHex`, which also parses strings and may return undefined.
 */
export function u32Hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}
