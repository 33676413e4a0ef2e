/**
 * The TypeScript DES (FIPS 46-3) used by the portable provider: NIST SP 800-20 known-answer
 * tests (variable plaintext / variable key, key 0101...01 with odd parity) and agreement with
 * OpenSSL (`des-ede3-ecb` with K ‖ K ‖ K).
 */
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { desCbcDecrypt, desCbcEncrypt } from './des.js';

const ZERO_IV = new Uint8Array(8);
const ecb = (key: Uint8Array, block: Uint8Array) => desCbcEncrypt(key, ZERO_IV, block);

function opensslDes(key: Uint8Array, block: Uint8Array): string {
  const k = key.length === 8 ? Buffer.concat([key, key, key]) : Buffer.from(key);
  const c = createCipheriv('des-ede3-ecb', k, null).setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]).toString('hex');
}

describe('DES (FIPS 46-3 tables)', () => {
  // SP 800-20 Table A.1, Variable Plaintext Known Answer Test (key = 01 01 01 01 01 01 01 01)
  const VARIABLE_PLAINTEXT: [string, string][] = [
    ['8000000000000000', '95f8a5e5dd31d900'],
    ['4000000000000000', 'dd7f121ca5015619'],
    ['2000000000000000', '2e8653104f3834ea'],
    ['1000000000000000', '4bd388ff6cd81d4f'],
    ['0000000000000001', '166b40b44aba4bd6'],
  ];
  it.each(VARIABLE_PLAINTEXT)('SP 800-20 variable plaintext %s', (pt, ct) => {
    const key = fromHex('0101010101010101');
    expect(toHex(ecb(key, fromHex(pt)))).toBe(ct);
    expect(opensslDes(key, fromHex(pt))).toBe(ct);
    expect(toHex(desCbcDecrypt(key, ZERO_IV, fromHex(ct)))).toBe(pt);
  });

  // SP 800-20 Table A.2, Variable Key Known Answer Test (plaintext = 0)
  const VARIABLE_KEY: [string, string][] = [
    ['8001010101010101', '95a8d72813daa94d'],
    ['4001010101010101', '0eec1487dd8c26d5'],
  ];
  it.each(VARIABLE_KEY)('SP 800-20 variable key %s', (key, ct) => {
    expect(toHex(ecb(fromHex(key), new Uint8Array(8)))).toBe(ct);
    expect(opensslDes(fromHex(key), new Uint8Array(8))).toBe(ct);
  });

  it('all 64 single-bit plaintexts agree with OpenSSL', () => {
    const key = fromHex('0101010101010101');
    for (let b = 0; b < 64; b++) {
      const pt = new Uint8Array(8);
      pt[b >> 3] = 0x80 >> (b & 7);
      expect(toHex(ecb(key, pt))).toBe(opensslDes(key, pt));
    }
  });

  it('parity bits are ignored', () => {
    const pt = fromHex('0123456789abcdef');
    expect(toHex(ecb(fromHex('0000000000000000'), pt))).toBe(toHex(ecb(fromHex('0101010101010101'), pt)));
  });

  it('rejects bad sizes', () => {
    expect(() => desCbcEncrypt(new Uint8Array(16), ZERO_IV, new Uint8Array(8))).toThrow(RangeError);
    expect(() => desCbcEncrypt(new Uint8Array(8), new Uint8Array(4), new Uint8Array(8))).toThrow(RangeError);
    expect(() => desCbcDecrypt(new Uint8Array(24), ZERO_IV, new Uint8Array(7))).toThrow(RangeError);
  });
});
