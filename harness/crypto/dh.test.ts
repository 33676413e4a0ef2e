/**
 * Diffie-Hellman for every group, across providers: keys made by one provider agree with
 * the other's compute, the same private value gives the same public value, exponent lengths
 * are what was asked for, g^xy keeps its full length (a secret whose top byte is zero is
 * searched for deterministically), and bad peer values are refused alike.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigIntToBytes, bitLength, bytesToBigInt, toHex } from './bytes.js';
import { modPow } from './dh-common.js';
import { dhGroup, DH_GROUP_IDS, ECP_GROUP_IDS, MODP_GROUP_IDS } from './groups.js';
import { nobleProvider } from './noble.js';
import { nodeProvider } from './node.js';
import { CryptoInputError, DhError, type CryptoProvider, type DhGroupId } from './provider.js';

const providers: [string, CryptoProvider, CryptoProvider][] = [
  ['noble keygen ↔ node compute', nobleProvider, nodeProvider],
  ['node keygen ↔ noble compute', nodeProvider, nobleProvider],
];

/** Deterministic "random" private values for reproducible searches. */
function seeded(label: string, i: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let off = 0, c = 0; off < len; c++) {
    const h = createHash('sha256').update(`${label}/${i}/${c}`).digest();
    out.set(h.subarray(0, Math.min(32, len - off)), off);
    off += 32;
  }
  out[0]! |= 0x80;
  return out;
}

describe.each(providers)('agreement, %s', (_label, a, b) => {
  it.each(DH_GROUP_IDS)('group %i', (id) => {
    const g = dhGroup(id);
    const ka = a.dhGenerateKey(id);
    const kb = b.dhGenerateKey(id);
    expect(ka.publicKey.length).toBe(g.publicLength);
    expect(kb.publicKey.length).toBe(g.publicLength);
    const s1 = b.dhComputeSecret(id, kb.privateKey, ka.publicKey);
    const s2 = a.dhComputeSecret(id, ka.privateKey, kb.publicKey);
    expect(s1.length).toBe(g.secretLength);
    expect(toHex(s1)).toBe(toHex(s2));
    // and the same provider on both sides
    expect(toHex(a.dhComputeSecret(id, ka.privateKey, kb.publicKey))).toBe(toHex(b.dhComputeSecret(id, kb.privateKey, ka.publicKey)));
  });
});

describe('same private value → same public value in both providers', () => {
  it.each(DH_GROUP_IDS)('group %i', (id) => {
    const k = nodeProvider.dhGenerateKey(id);
    const again = nobleProvider.dhGenerateKey(id, { privateKey: k.privateKey });
    expect(toHex(again.publicKey)).toBe(toHex(k.publicKey));
    expect(again.exponentBits).toBe(k.exponentBits);
    // the node object is reused: a second key on it must differ and still be right
    const k2 = nodeProvider.dhGenerateKey(id);
    expect(toHex(k2.publicKey)).not.toBe(toHex(k.publicKey));
    expect(toHex(nobleProvider.dhGenerateKey(id, { privateKey: k2.privateKey }).publicKey)).toBe(toHex(k2.publicKey));
  });

  it('MODP public value is g^x mod p (group 2, checked with modPow)', () => {
    const g = dhGroup(2);
    const k = nodeProvider.dhGenerateKey(2);
    expect(bytesToBigInt(k.publicKey)).toBe(modPow(2n, bytesToBigInt(k.privateKey), g.prime));
  });
});

describe('private exponent length', () => {
  it.each(MODP_GROUP_IDS)('group %i: default length, reported and exact', (id) => {
    const g = dhGroup(id);
    for (const p of [nobleProvider, nodeProvider]) {
      const k = p.dhGenerateKey(id);
      expect(k.exponentBits).toBe(g.defaultExponentBits);
      expect(bitLength(bytesToBigInt(k.privateKey))).toBe(g.defaultExponentBits);
      expect(k.privateKey.length).toBe(Math.ceil(g.defaultExponentBits / 8));
    }
  });

  it('explicit lengths, including odd ones and full length', () => {
    for (const p of [nobleProvider, nodeProvider]) {
      for (const bits of [160, 225, 1023] as const) {
        const k = p.dhGenerateKey(2, { exponentBits: bits });
        expect(k.exponentBits).toBe(bits);
        expect(bitLength(bytesToBigInt(k.privateKey))).toBe(bits);
      }
      const full = p.dhGenerateKey(14, { exponentBits: 'full' });
      expect(full.exponentBits).toBe(2047);
      expect(bitLength(bytesToBigInt(full.privateKey))).toBe(2047);
    }
    const a = nodeProvider.dhGenerateKey(14, { exponentBits: 'full' });
    const b = nobleProvider.dhGenerateKey(14, { exponentBits: 2047 });
    expect(toHex(nobleProvider.dhComputeSecret(14, b.privateKey, a.publicKey))).toBe(
      toHex(nodeProvider.dhComputeSecret(14, a.privateKey, b.publicKey)),
    );
  });

  it('refuses lengths outside 128 .. bits(p)−1', () => {
    for (const p of [nobleProvider, nodeProvider]) {
      expect(() => p.dhGenerateKey(2, { exponentBits: 64 })).toThrow(CryptoInputError);
      expect(() => p.dhGenerateKey(2, { exponentBits: 1024 })).toThrow(CryptoInputError);
      expect(() => p.dhGenerateKey(2, { exponentBits: 200.5 })).toThrow(CryptoInputError);
    }
  });

  it.each(ECP_GROUP_IDS)('group %i: scalar in [1, n−1] at the field length, exponentBits = bits of n', (id) => {
    const g = dhGroup(id);
    for (const p of [nobleProvider, nodeProvider]) {
      const k = p.dhGenerateKey(id);
      expect(k.privateKey.length).toBe(g.fieldLength);
      expect(k.exponentBits).toBe(bitLength(g.order));
      const s = bytesToBigInt(k.privateKey);
      expect(s >= 1n && s < g.order).toBe(true);
    }
  });
});

describe('g^xy keeps its full length (RFC 2409 §5)', () => {
  /** Fixes one side, varies the other (deterministically) until g^xy starts with 0x00. */
  function findZeroTop(id: DhGroupId, privLen: number) {
    const g = dhGroup(id);
    const a = nobleProvider.dhGenerateKey(id, { privateKey: seeded(`pad-a-${id}`, 0, privLen) });
    for (let i = 0; i < 5000; i++) {
      let priv = seeded(`pad-b-${id}`, i, privLen);
      if (g.kind === 'ecp') priv = bigIntToBytes((bytesToBigInt(priv) % (g.order - 1n)) + 1n, privLen);
      const b = nodeProvider.dhGenerateKey(id, { privateKey: priv });
      const s = nodeProvider.dhComputeSecret(id, b.privateKey, a.publicKey);
      if (s[0] === 0) return { a, b, s, tries: i + 1 };
    }
    throw new Error('no secret with a zero top byte in 5000 tries');
  }

  it('MODP group 1: a secret with a zero top byte is 96 bytes in both providers', () => {
    const { a, b, s } = findZeroTop(1, 32);
    expect(s.length).toBe(96);
    expect(s[0]).toBe(0);
    const fromNoble = nobleProvider.dhComputeSecret(1, a.privateKey, b.publicKey);
    expect(fromNoble.length).toBe(96);
    expect(toHex(fromNoble)).toBe(toHex(s));
    // the number itself is shorter: a stack that drops leading zeros gets 95 bytes here
    expect(bytesToBigInt(s) < 1n << (95n * 8n)).toBe(true);
  });

  it('ECP group 19: an x coordinate with a zero top byte is 32 bytes in both providers', () => {
    const { a, b, s } = findZeroTop(19, 32);
    expect(s.length).toBe(32);
    expect(s[0]).toBe(0);
    expect(toHex(nobleProvider.dhComputeSecret(19, a.privateKey, b.publicKey))).toBe(toHex(s));
  });

  it('a public value with a zero top byte is also kept at full length (group 1)', () => {
    for (let i = 0; i < 5000; i++) {
      const k = nodeProvider.dhGenerateKey(1, { privateKey: seeded('pub', i, 32) });
      if (k.publicKey[0] !== 0) continue;
      expect(k.publicKey.length).toBe(96);
      expect(toHex(nobleProvider.dhGenerateKey(1, { privateKey: k.privateKey }).publicKey)).toBe(toHex(k.publicKey));
      return;
    }
    throw new Error('no public value with a zero top byte in 5000 tries');
  });
});

describe('bad peer values are refused alike (DhError)', () => {
  const p2 = dhGroup(2).prime;
  const modpBad: [string, Uint8Array][] = [
    ['0', bigIntToBytes(0n, 128)],
    ['1', bigIntToBytes(1n, 128)],
    ['p − 1', bigIntToBytes(p2 - 1n, 128)],
    ['p', bigIntToBytes(p2, 128)],
    ['p + 1', bigIntToBytes(p2 + 1n, 128)],
    ['too short (127 bytes)', new Uint8Array(127).fill(7)],
    ['too long (129 bytes)', new Uint8Array(129).fill(7)],
  ];
  it.each(modpBad)('MODP group 2: %s', (_name, peer) => {
    for (const p of [nobleProvider, nodeProvider]) {
      const k = p.dhGenerateKey(2);
      expect(() => p.dhComputeSecret(2, k.privateKey, peer)).toThrow(DhError);
    }
  });

  it.each(ECP_GROUP_IDS)('ECP group %i: point not on the curve, wrong length, all zero', (id) => {
    const g = dhGroup(id);
    for (const p of [nobleProvider, nodeProvider]) {
      const k = p.dhGenerateKey(id);
      const off = k.publicKey.slice();
      off[off.length - 1]! ^= 1; // y changed: not on the curve
      expect(() => p.dhComputeSecret(id, k.privateKey, off)).toThrow(DhError);
      expect(() => p.dhComputeSecret(id, k.privateKey, k.publicKey.subarray(0, g.fieldLength))).toThrow(DhError);
      expect(() => p.dhComputeSecret(id, k.privateKey, new Uint8Array(g.publicLength))).toThrow(DhError);
    }
  });

  it('our own private value out of range is an input error', () => {
    for (const p of [nobleProvider, nodeProvider]) {
      const peer = p.dhGenerateKey(2).publicKey;
      expect(() => p.dhComputeSecret(2, new Uint8Array([1]), peer)).toThrow(CryptoInputError);
      expect(() => p.dhGenerateKey(19, { privateKey: new Uint8Array(32) })).toThrow(CryptoInputError);
    }
  });
});

it('modPow agrees with a naive square-and-multiply', () => {
  const m = dhGroup(1).prime;
  const naive = (b: bigint, e: bigint) => {
    let r = 1n;
    let x = b % m;
    while (e > 0n) {
      if (e & 1n) r = (r * x) % m;
      x = (x * x) % m;
      e >>= 1n;
    }
    return r;
  };
  for (const [b, e] of [
    [2n, 0n],
    [2n, 1n],
    [3n, 0x10n],
    [123456789n, 0xfedcba9876543210n],
    [m - 2n, (1n << 200n) + 12345n],
  ] as const) {
    expect(modPow(b, e, m)).toBe(naive(b, e));
  }
});
