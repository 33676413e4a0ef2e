/**
 * The MODP primes (data copied from RFC 2409 §6 and RFC 3526) are checked three ways:
 * bit length and the first/last hex digits printed in the RFCs, the RFCs' own formula
 * p = 2^n − 2^(n−64) − 1 + 2^64 · (⌊2^(n−130) · π⌋ + k) computed here from π, and the primes
 * built into OpenSSL (`crypto.getDiffieHellman('modpN')`). Primality of (p−1)/2 is not
 * tested (too slow). ECP group orders are checked against @noble/curves.
 */
import { getDiffieHellman } from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { bitLength } from './bytes.js';
import { dhGroup, DH_GROUP_IDS, ECP_GROUP_IDS, isDhGroupId, MODP_GROUP_IDS, modpPrimeHex, type ModpGroupId } from './groups.js';

/** ⌊π · 2^bits⌋ by Machin's formula π = 16·atan(1/5) − 4·atan(1/239), with 64 guard bits. */
function piTimes2Pow(bits: number): bigint {
  const guard = 64n;
  const one = 1n << (BigInt(bits) + guard);
  const atanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = one / x;
    const x2 = x * x;
    for (let n = 1n; term !== 0n; n += 2n) {
      sum += ((n >> 1n) & 1n) === 0n ? term / n : -(term / n);
      term /= x2;
    }
    return sum;
  };
  return (16n * atanInv(5n) - 4n * atanInv(239n)) >> guard;
}

const PI = piTimes2Pow(8062);
const floorPiTimes2Pow = (k: number) => PI >> BigInt(8062 - k);

/** The RFCs' definition of each prime: n and the added constant. */
const FORMULA: Record<ModpGroupId, { n: number; k: bigint }> = {
  1: { n: 768, k: 149686n },
  2: { n: 1024, k: 129093n },
  5: { n: 1536, k: 741804n },
  14: { n: 2048, k: 124476n },
  15: { n: 3072, k: 1690314n },
  16: { n: 4096, k: 240904n },
  17: { n: 6144, k: 929484n },
  18: { n: 8192, k: 4743158n },
};

/** Last words before the trailing FFFFFFFF FFFFFFFF, as printed in the RFCs. */
const LAST_WORDS: Record<ModpGroupId, string> = {
  1: 'F44C42E9 A63A3620',
  2: '49286651 ECE65381',
  5: 'F1746C08 CA237327',
  14: '15728E5A 8AACAA68',
  15: '4B82D120 A93AD2CA',
  16: '4DF435C9 34063199',
  17: 'E694F91E 6DCC4024',
  18: '60C980DD 98EDD3DF',
};

const NODE_NAME: Record<ModpGroupId, string> = {
  1: 'modp1',
  2: 'modp2',
  5: 'modp5',
  14: 'modp14',
  15: 'modp15',
  16: 'modp16',
  17: 'modp17',
  18: 'modp18',
};

describe('MODP groups', () => {
  it('π fixed point is right (first hex digits of π are 3.243F6A8885A308D3)', () => {
    expect(floorPiTimes2Pow(62).toString(16)).toBe('c90fdaa22168c234');
  });

  it.each(MODP_GROUP_IDS)('group %i: bit length, first and last words', (id) => {
    const g = dhGroup(id);
    expect(g.bits).toBe(FORMULA[id].n);
    expect(bitLength(g.prime)).toBe(FORMULA[id].n);
    expect(g.publicLength).toBe(FORMULA[id].n / 8);
    expect(g.secretLength).toBe(FORMULA[id].n / 8);
    expect(g.generator).toBe(2n);
    const hex = modpPrimeHex(id);
    expect(hex.startsWith('FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1')).toBe(true);
    expect(hex.endsWith(`${LAST_WORDS[id]} FFFFFFFF FFFFFFFF`)).toBe(true);
  });

  it.each(MODP_GROUP_IDS)('group %i: equals the RFC formula computed from π', (id) => {
    const { n, k } = FORMULA[id];
    const N = BigInt(n);
    const p = (1n << N) - (1n << (N - 64n)) - 1n + (1n << 64n) * (floorPiTimes2Pow(n - 130) + k);
    expect(dhGroup(id).prime).toBe(p);
  });

  it.each(MODP_GROUP_IDS)('group %i: equals the prime built into OpenSSL', (id) => {
    const p = BigInt('0x' + getDiffieHellman(NODE_NAME[id]).getPrime('hex'));
    expect(dhGroup(id).prime).toBe(p);
  });

  it.each(MODP_GROUP_IDS)('group %i: p ≡ 7 (mod 8), so 2 generates the subgroup of order (p−1)/2', (id) => {
    expect(dhGroup(id).prime % 8n).toBe(7n);
  });

  it('default exponent lengths (RFC 3526 §8, Strength Estimate 2; 256 bits for groups 1 and 2)', () => {
    const bits = Object.fromEntries(MODP_GROUP_IDS.map((id) => [id, dhGroup(id).defaultExponentBits]));
    expect(bits).toEqual({ 1: 256, 2: 256, 5: 240, 14: 320, 15: 420, 16: 480, 17: 540, 18: 620 });
  });
});

describe('ECP groups (RFC 5903)', () => {
  const noble = { 19: p256, 20: p384, 21: p521 } as const;
  it.each(ECP_GROUP_IDS)('group %i: order and lengths match @noble/curves', (id) => {
    const g = dhGroup(id);
    const curve = noble[id].Point.CURVE();
    expect(g.order).toBe(curve.n);
    expect(g.bits).toBe(bitLength(curve.p));
    expect(g.fieldLength).toBe(Math.ceil(bitLength(curve.p) / 8));
    expect(g.publicLength).toBe(2 * g.fieldLength);
    expect(g.secretLength).toBe(g.fieldLength);
  });
});

it('group ids', () => {
  expect(DH_GROUP_IDS).toEqual([1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21]);
  expect(isDhGroupId(14)).toBe(true);
  expect(isDhGroupId(3)).toBe(false);
  expect(isDhGroupId(24)).toBe(false);
});
