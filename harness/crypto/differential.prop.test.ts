/**
 * Differential properties: the noble and node providers give identical bytes for every
 * cipher, hash and HMAC on random inputs. Fixed seed when CI is set (fast-check prints the
 * seed of any failure, so a local failure can be replayed with `{ seed, path }`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import { nobleProvider as noble } from './noble.js';
import { nodeProvider as node } from './node.js';
import { AEAD_ALGS, AEADS, CIPHER_ALGS, CIPHERS, GCM_TAG_LENGTHS, HASH_ALGS, type CipherAlg } from './provider.js';

const params = (numRuns: number): fc.Parameters<unknown> => (process.env.CI ? { seed: 20261122, numRuns } : { numRuns });

function cipherInput(alg: CipherAlg, maxBlocks: number) {
  const { keyLength, blockSize } = CIPHERS[alg];
  return fc.record({
    key: fc.uint8Array({ minLength: keyLength, maxLength: keyLength }),
    iv: fc.uint8Array({ minLength: blockSize, maxLength: blockSize }),
    blocks: fc.integer({ min: 0, max: maxBlocks }).chain((n) => fc.uint8Array({ minLength: n * blockSize, maxLength: n * blockSize })),
  });
}

describe('noble ≡ node', () => {
  it.each(CIPHER_ALGS)('%s-CBC encrypt, decrypt and round trip', (alg) => {
    // pure-TS DES is slower: fewer and shorter inputs there
    const slow = alg === 'des' || alg === '3des';
    fc.assert(
      fc.property(cipherInput(alg, slow ? 24 : 64), ({ key, iv, blocks }) => {
        const c1 = noble.encryptCbc(alg, key, iv, blocks);
        const c2 = node.encryptCbc(alg, key, iv, blocks);
        expect(toHex(c1)).toBe(toHex(c2));
        expect(toHex(noble.decryptCbc(alg, key, iv, c2))).toBe(toHex(blocks));
        expect(toHex(node.decryptCbc(alg, key, iv, c1))).toBe(toHex(blocks));
        // decrypting arbitrary bytes (no padding check) also agrees
        expect(toHex(noble.decryptCbc(alg, key, iv, blocks))).toBe(toHex(node.decryptCbc(alg, key, iv, blocks)));
      }),
      params(slow ? 40 : 100),
    );
  });

  it.each(AEAD_ALGS)('%s seal, open, and tampered input', (alg) => {
    const { keyLength } = AEADS[alg];
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: keyLength, maxLength: keyLength }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ maxLength: 700 }),
        fc.uint8Array({ maxLength: 24 }),
        fc.constantFrom(...GCM_TAG_LENGTHS),
        fc.nat(),
        (key, nonce, pt, aad, t, flip) => {
          const a = noble.encryptGcm(alg, key, nonce, pt, aad, t);
          const b = node.encryptGcm(alg, key, nonce, pt, aad, t);
          expect(toHex(a)).toBe(toHex(b));
          expect(toHex(noble.decryptGcm(alg, key, nonce, b, aad, t)!)).toBe(toHex(pt));
          expect(toHex(node.decryptGcm(alg, key, nonce, a, aad, t)!)).toBe(toHex(pt));
          const bad = a.slice();
          bad[flip % bad.length]! ^= 1 << flip % 8;
          expect(noble.decryptGcm(alg, key, nonce, bad, aad, t)).toBeNull();
          expect(node.decryptGcm(alg, key, nonce, bad, aad, t)).toBeNull();
        },
      ),
      params(100),
    );
  });

  it.each(HASH_ALGS)('%s digest', (alg) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (data) => {
        expect(toHex(noble.hash(alg, data))).toBe(toHex(node.hash(alg, data)));
      }),
      params(100),
    );
  });

  it.each(HASH_ALGS)('HMAC-%s (keys shorter and longer than the block)', (alg) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 600 }), (key, data) => {
        expect(toHex(noble.hmac(alg, key, data))).toBe(toHex(node.hmac(alg, key, data)));
      }),
      params(100),
    );
  });

  it('MODP group 1 and ECP group 19 with random private values', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (x, y) => {
        x[0]! |= 0x80;
        y[0]! |= 0x80;
        const a = noble.dhGenerateKey(1, { privateKey: x });
        const b = node.dhGenerateKey(1, { privateKey: y });
        expect(toHex(node.dhGenerateKey(1, { privateKey: x }).publicKey)).toBe(toHex(a.publicKey));
        expect(toHex(noble.dhComputeSecret(1, x, b.publicKey))).toBe(toHex(node.dhComputeSecret(1, y, a.publicKey)));
        // ECP: reduce into [1, n-1] by clearing the top bit (n > 2^255 for P-256)
        x[0]! &= 0x7f;
        y[0]! &= 0x7f;
        x[31]! |= 1;
        y[31]! |= 1;
        const c = noble.dhGenerateKey(19, { privateKey: x });
        const d = node.dhGenerateKey(19, { privateKey: y });
        expect(toHex(node.dhGenerateKey(19, { privateKey: x }).publicKey)).toBe(toHex(c.publicKey));
        expect(toHex(noble.dhComputeSecret(19, x, d.publicKey))).toBe(toHex(node.dhComputeSecret(19, y, c.publicKey)));
      }),
      params(20),
    );
  });
});
