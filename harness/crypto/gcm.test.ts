/**
 * AES-GCM (NIST SP 800-38D, the AEAD of ESP in RFC 4106) in both providers: the known answers
 * of the GCM specification (McGrew & Viega, "The Galois/Counter Mode of Operation", test cases
 * 2, 3, 4, 15, 16), truncated tags, tampering (→ null, never an exception) and bad arguments.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { nobleProvider } from './noble.js';
import { nodeProvider } from './node.js';
import { CryptoInputError, type AeadAlg } from './provider.js';

const P64 =
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255';
const AAD = 'feedfacedeadbeeffeedfacedeadbeefabaddad2';
const K128 = 'feffe9928665731c6d6a8f9467308308';

const VECTORS: { name: string; alg: AeadAlg; key: string; iv: string; p: string; a: string; c: string; t: string }[] = [
  { name: 'TC2', alg: 'aes128gcm', key: '00'.repeat(16), iv: '00'.repeat(12), p: '00'.repeat(16), a: '', c: '0388dace60b6a392f328c2b971b2fe78', t: 'ab6e47d42cec13bdf53a67b21257bddf' },
  {
    name: 'TC3',
    alg: 'aes128gcm',
    key: K128,
    iv: 'cafebabefacedbaddecaf888',
    p: P64,
    a: '',
    c: '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985',
    t: '4d5c2af327cd64a62cf35abd2ba6fab4',
  },
  {
    name: 'TC4',
    alg: 'aes128gcm',
    key: K128,
    iv: 'cafebabefacedbaddecaf888',
    p: P64.slice(0, 120),
    a: AAD,
    c: '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091',
    t: '5bc94fbc3221a5db94fae95ae7121a47',
  },
  {
    name: 'TC15',
    alg: 'aes256gcm',
    key: K128 + K128,
    iv: 'cafebabefacedbaddecaf888',
    p: P64,
    a: '',
    c: '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad',
    t: 'b094dac5d93471bdec1a502270e3cc6c',
  },
  {
    name: 'TC16',
    alg: 'aes256gcm',
    key: K128 + K128,
    iv: 'cafebabefacedbaddecaf888',
    p: P64.slice(0, 120),
    a: AAD,
    c: '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
    t: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
];

describe.each([nodeProvider, nobleProvider])('AES-GCM, $name provider', (p) => {
  it.each(VECTORS)('GCM spec $name', (v) => {
    const sealed = p.encryptGcm(v.alg, fromHex(v.key), fromHex(v.iv), fromHex(v.p), fromHex(v.a));
    expect(toHex(sealed)).toBe(v.c + v.t);
    const opened = p.decryptGcm(v.alg, fromHex(v.key), fromHex(v.iv), sealed, fromHex(v.a));
    expect(opened && toHex(opened)).toBe(v.p);
  });

  it.each([8, 12])('truncated %i-byte tags are the leftmost bytes of the full tag', (t) => {
    const v = VECTORS[2]!;
    const sealed = p.encryptGcm(v.alg, fromHex(v.key), fromHex(v.iv), fromHex(v.p), fromHex(v.a), t);
    expect(toHex(sealed)).toBe(v.c + v.t.slice(0, 2 * t));
    expect(toHex(p.decryptGcm(v.alg, fromHex(v.key), fromHex(v.iv), sealed, fromHex(v.a), t)!)).toBe(v.p);
    sealed[sealed.length - 1]! ^= 1;
    expect(p.decryptGcm(v.alg, fromHex(v.key), fromHex(v.iv), sealed, fromHex(v.a), t)).toBeNull();
  });

  it('a flipped bit in ciphertext, tag or AAD gives null', () => {
    const v = VECTORS[2]!;
    const key = fromHex(v.key);
    const iv = fromHex(v.iv);
    const sealed = p.encryptGcm(v.alg, key, iv, fromHex(v.p), fromHex(v.a));
    for (const i of [0, 30, sealed.length - 1]) {
      const bad = sealed.slice();
      bad[i]! ^= 0x80;
      expect(p.decryptGcm(v.alg, key, iv, bad, fromHex(v.a))).toBeNull();
    }
    const a = fromHex(v.a);
    a[0]! ^= 1;
    expect(p.decryptGcm(v.alg, key, iv, sealed, a)).toBeNull();
  });

  it('aes192gcm and empty plaintext round trip', () => {
    const key = new Uint8Array(24).fill(3);
    const iv = new Uint8Array(12).fill(9);
    const s = p.encryptGcm('aes192gcm', key, iv, new Uint8Array(0), new Uint8Array([1, 2]));
    expect(s.length).toBe(16);
    expect(p.decryptGcm('aes192gcm', key, iv, s, new Uint8Array([1, 2]))?.length).toBe(0);
  });

  it('bad arguments throw CryptoInputError', () => {
    const iv = new Uint8Array(12);
    expect(() => p.encryptGcm('aes128gcm', new Uint8Array(15), iv, new Uint8Array(0), new Uint8Array(0))).toThrow(CryptoInputError);
    expect(() => p.encryptGcm('aes128gcm', new Uint8Array(16), new Uint8Array(8), new Uint8Array(0), new Uint8Array(0))).toThrow(CryptoInputError);
    expect(() => p.encryptGcm('aes128gcm', new Uint8Array(16), iv, new Uint8Array(0), new Uint8Array(0), 4)).toThrow(CryptoInputError);
    expect(() => p.decryptGcm('aes128gcm', new Uint8Array(16), iv, new Uint8Array(10), new Uint8Array(0))).toThrow(CryptoInputError);
  });
});
