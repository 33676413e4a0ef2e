/**
 * Diffie-Hellman logic shared by both providers: private value generation with an explicit
 * exponent length, validation of peer values, and BigInt modular exponentiation (used by the
 * portable provider). Keeping this in one place makes both providers accept and reject the
 * same inputs; only the arithmetic differs.
 */
import { bigIntToBytes, bitLength, bytesToBigInt, leftPad } from './bytes.js';
import type { EcpGroup, ModpGroup } from './groups.js';
import { CryptoInputError, DhError, type DhKeyOptions } from './provider.js';

export interface ModpPrivate {
  readonly x: bigint;
  readonly privateKey: Uint8Array;
  readonly exponentBits: number;
}

/** Smallest accepted explicit exponent length. */
export const MIN_EXPONENT_BITS = 128;

/** The private exponent for a MODP key: given, or random with exactly `exponentBits` bits. */
export function modpPrivate(
  group: ModpGroup,
  options: DhKeyOptions | undefined,
  randomBytes: (n: number) => Uint8Array,
): ModpPrivate {
  const p = group.prime;
  if (options?.privateKey) {
    const x = bytesToBigInt(options.privateKey);
    if (x <= 1n || x >= p - 1n) throw new CryptoInputError(`group ${group.id}: private exponent out of range`);
    return { x, privateKey: options.privateKey.slice(), exponentBits: bitLength(x) };
  }
  const req = options?.exponentBits ?? group.defaultExponentBits;
  const bits = req === 'full' ? group.bits - 1 : req;
  if (!Number.isInteger(bits) || bits < MIN_EXPONENT_BITS || bits > group.bits - 1) {
    throw new CryptoInputError(
      `group ${group.id}: exponentBits must be ${MIN_EXPONENT_BITS}..${group.bits - 1}, got ${String(req)}`,
    );
  }
  const len = Math.ceil(bits / 8);
  const r = randomBytes(len);
  const top = bits - 8 * (len - 1); // bits used in the first byte, 1..8
  r[0] = (r[0]! & ((1 << top) - 1)) | (1 << (top - 1));
  // 2^(bits-1) <= x < 2^bits <= 2^(|p|-1) < p - 1, and x > 1 because bits >= 128.
  return { x: bytesToBigInt(r), privateKey: r, exponentBits: bits };
}

export interface EcpPrivate {
  readonly k: bigint;
  readonly privateKey: Uint8Array;
}

/** A scalar in [1, n−1] (rejection sampling), or the given one. */
export function ecpPrivate(
  group: EcpGroup,
  options: DhKeyOptions | undefined,
  randomBytes: (n: number) => Uint8Array,
): EcpPrivate {
  const n = group.order;
  if (options?.privateKey) {
    if (options.privateKey.length > group.fieldLength) {
      throw new CryptoInputError(`group ${group.id}: private scalar longer than ${group.fieldLength} bytes`);
    }
    const k = bytesToBigInt(options.privateKey);
    if (k < 1n || k >= n) throw new CryptoInputError(`group ${group.id}: private scalar out of range`);
    return { k, privateKey: leftPad(options.privateKey, group.fieldLength) };
  }
  const nBits = bitLength(n);
  const topBits = nBits - 8 * (group.fieldLength - 1);
  for (;;) {
    const r = randomBytes(group.fieldLength);
    r[0] = r[0]! & ((1 << topBits) - 1);
    const k = bytesToBigInt(r);
    if (k >= 1n && k < n) return { k, privateKey: r };
  }
}

/** Parses the peer's MODP public value: exactly the prime length, 1 < y < p − 1. */
export function modpPeer(group: ModpGroup, peer: Uint8Array): bigint {
  if (peer.length !== group.publicLength) {
    throw new DhError(`group ${group.id}: peer public value is ${peer.length} bytes, expected ${group.publicLength}`, group.id);
  }
  const y = bytesToBigInt(peer);
  if (y <= 1n || y >= group.prime - 1n) {
    throw new DhError(`group ${group.id}: peer public value out of range (1 < y < p-1)`, group.id);
  }
  return y;
}

/** Parses our own private exponent for compute (any length up to the prime's). */
export function modpOwnPrivate(group: ModpGroup, privateKey: Uint8Array): bigint {
  const x = bytesToBigInt(privateKey);
  if (x <= 1n || x >= group.prime - 1n) throw new CryptoInputError(`group ${group.id}: private exponent out of range`);
  return x;
}

export function ecpOwnPrivate(group: EcpGroup, privateKey: Uint8Array): Uint8Array {
  if (privateKey.length > group.fieldLength) {
    throw new CryptoInputError(`group ${group.id}: private scalar longer than ${group.fieldLength} bytes`);
  }
  const k = bytesToBigInt(privateKey);
  if (k < 1n || k >= group.order) throw new CryptoInputError(`group ${group.id}: private scalar out of range`);
  return leftPad(privateKey, group.fieldLength);
}

/** Checks the length of an ECP KE value (x ‖ y); curve membership is checked by the library. */
export function ecpPeerLength(group: EcpGroup, peer: Uint8Array): void {
  if (peer.length !== group.publicLength) {
    throw new DhError(`group ${group.id}: peer public value is ${peer.length} bytes, expected ${group.publicLength} (x ‖ y)`, group.id);
  }
}

/**
 * base^exp mod m with a fixed 4-bit window (BigInt). About 1 squaring per exponent bit plus
 * one multiplication per 4 bits.
 */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  if (exp < 0n) throw new CryptoInputError('modPow: negative exponent');
  const b = ((base % m) + m) % m;
  const table: bigint[] = new Array<bigint>(16);
  table[0] = 1n;
  for (let i = 1; i < 16; i++) table[i] = (table[i - 1]! * b) % m;
  const hex = exp.toString(16);
  let r = 1n;
  for (let i = 0; i < hex.length; i++) {
    if (i > 0) {
      r = (r * r) % m;
      r = (r * r) % m;
      r = (r * r) % m;
      r = (r * r) % m;
    }
    const d = parseInt(hex[i]!, 16);
    if (d !== 0) r = (r * table[d]!) % m;
  }
  return r;
}

/** g^x mod p at full length. */
export function modpPublic(group: ModpGroup, x: bigint): Uint8Array {
  return bigIntToBytes(modPow(group.generator, x, group.prime), group.publicLength);
}

