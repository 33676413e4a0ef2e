/**
 * Known-answer tests for the CBC ciphers of both providers: AES from RFC 3602 §4 and
 * NIST SP 800-38A F.2; DES from FIPS 81 Appendix C (CBC) and the classic FIPS 46 worked
 * example; 3DES from NIST SP 800-67 Rev. 1 Appendix B.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { nobleProvider } from './noble.js';
import { nodeProvider } from './node.js';
import { CryptoInputError, type CipherAlg } from './provider.js';

const providers = [nobleProvider, nodeProvider];
const ascii = (s: string) => new TextEncoder().encode(s);

interface Vector {
  name: string;
  alg: CipherAlg;
  key: string;
  iv: string;
  pt: Uint8Array;
  ct: string;
}

const SP800_38A_PT = fromHex(
  '6bc1bee22e409f96e93d7e117393172a' + 'ae2d8a571e03ac9c9eb76fac45af8e51' + '30c81c46a35ce411e5fbc1191a0a52ef' + 'f69f2445df4f9b17ad2b417be66c3710',
);

const VECTORS: Vector[] = [
  // RFC 3602 §4
  {
    name: 'RFC 3602 case #1 (AES-128, 1 block)',
    alg: 'aes128',
    key: '06a9214036b8a15b512e03d534120006',
    iv: '3dafba429d9eb430b422da802c9fac41',
    pt: ascii('Single block msg'),
    ct: 'e353779c1079aeb82708942dbe77181a',
  },
  {
    name: 'RFC 3602 case #2 (AES-128, 2 blocks)',
    alg: 'aes128',
    key: 'c286696d887c9aa0611bbb3e2025a45a',
    iv: '562e17996d093d28ddb3ba695a2e6f58',
    pt: fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'),
    ct: 'd296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1',
  },
  {
    name: 'RFC 3602 case #3 (AES-128, 3 blocks)',
    alg: 'aes128',
    key: '6c3ea0477630ce21a2ce334aa746c2cd',
    iv: 'c782dc4c098c66cbd9cd27d825682c81',
    pt: ascii('This is a 48-byte message (exactly 3 AES blocks)'),
    ct: 'd0a02b3836451753d493665d33f0e8862dea54cdb293abc7506939276772f8d5021c19216bad525c8579695d83ba2684',
  },
  {
    name: 'RFC 3602 case #4 (AES-128, 4 blocks)',
    alg: 'aes128',
    key: '56e47a38c5598974bc46903dba290349',
    iv: '8ce82eefbea0da3c44699ed7db51b7d9',
    pt: fromHex(
      'a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf',
    ),
    ct: 'c30e32ffedc0774e6aff6af0869f71aa0f3af07a9a31a9c684db207eb0ef8e4e35907aa632c3ffdf868bb7b29d3d46ad83ce9f9a102ee99d49a53e87f4c3da55',
  },
  // NIST SP 800-38A F.2.1 / F.2.3 / F.2.5
  {
    name: 'SP 800-38A F.2.1 CBC-AES128',
    alg: 'aes128',
    key: '2b7e151628aed2a6abf7158809cf4f3c',
    iv: '000102030405060708090a0b0c0d0e0f',
    pt: SP800_38A_PT,
    ct: '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7',
  },
  {
    name: 'SP 800-38A F.2.3 CBC-AES192',
    alg: 'aes192',
    key: '8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b',
    iv: '000102030405060708090a0b0c0d0e0f',
    pt: SP800_38A_PT,
    ct: '4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd',
  },
  {
    name: 'SP 800-38A F.2.5 CBC-AES256',
    alg: 'aes256',
    key: '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4',
    iv: '000102030405060708090a0b0c0d0e0f',
    pt: SP800_38A_PT,
    ct: 'f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b',
  },
  // FIPS 81 Appendix C, Table C1 (CBC mode)
  {
    name: 'FIPS 81 CBC example (DES)',
    alg: 'des',
    key: '0123456789abcdef',
    iv: '1234567890abcdef',
    pt: ascii('Now is the time for all '),
    ct: 'e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6',
  },
  // The FIPS 46 worked example (single block; CBC with a zero IV is ECB for one block)
  {
    name: 'DES worked example (key 133457799BBCDFF1)',
    alg: 'des',
    key: '133457799bbcdff1',
    iv: '0000000000000000',
    pt: fromHex('0123456789abcdef'),
    ct: '85e813540f0ab405',
  },
  // NIST SP 800-67 Rev. 1 Appendix B (an ECB example: its first block, as one-block CBC with
  // a zero IV; all three blocks are checked below). The plaintext's "qufck" is the standard's.
  {
    name: 'SP 800-67 Appendix B first block (3DES)',
    alg: '3des',
    key: '0123456789abcdef23456789abcdef01456789abcdef0123',
    iv: '0000000000000000',
    pt: ascii('The qufc'),
    ct: 'a826fd8ce53b855f',
  },
];

describe.each(providers)('CBC known answers: $name provider', (p) => {
  it.each(VECTORS)('$name', (v) => {
    const key = fromHex(v.key);
    const iv = fromHex(v.iv);
    const ct = p.encryptCbc(v.alg, key, iv, v.pt);
    expect(toHex(ct)).toBe(v.ct);
    expect(toHex(p.decryptCbc(v.alg, key, iv, ct))).toBe(toHex(v.pt));
  });

  it('3DES SP 800-67 Appendix B, all three blocks (ECB = one-block CBC with a zero IV each)', () => {
    const key = fromHex('0123456789abcdef23456789abcdef01456789abcdef0123');
    const pt = ascii('The qufck brown fox jump');
    const zero = new Uint8Array(8);
    let out = '';
    for (let i = 0; i < 24; i += 8) out += toHex(p.encryptCbc('3des', key, zero, pt.subarray(i, i + 8)));
    expect(out).toBe('a826fd8ce53b855fcce21c8112256fe668d5c05dd9b6b900');
  });

  it('single DES equals 3DES with K ‖ K ‖ K', () => {
    const k = fromHex('0123456789abcdef');
    const iv = fromHex('1234567890abcdef');
    const pt = ascii('Now is the time for all ');
    const kkk = fromHex('0123456789abcdef'.repeat(3));
    expect(toHex(p.encryptCbc('3des', kkk, iv, pt))).toBe(toHex(p.encryptCbc('des', k, iv, pt)));
  });

  it('empty input gives empty output', () => {
    expect(p.encryptCbc('aes128', new Uint8Array(16), new Uint8Array(16), new Uint8Array(0))).toEqual(new Uint8Array(0));
    expect(p.decryptCbc('3des', new Uint8Array(24), new Uint8Array(8), new Uint8Array(0))).toEqual(new Uint8Array(0));
  });

  it('rejects wrong key, IV and data lengths with CryptoInputError (no padding is added)', () => {
    expect(() => p.encryptCbc('aes128', new Uint8Array(15), new Uint8Array(16), new Uint8Array(16))).toThrow(CryptoInputError);
    expect(() => p.encryptCbc('aes256', new Uint8Array(32), new Uint8Array(8), new Uint8Array(16))).toThrow(CryptoInputError);
    expect(() => p.encryptCbc('aes128', new Uint8Array(16), new Uint8Array(16), new Uint8Array(17))).toThrow(CryptoInputError);
    expect(() => p.decryptCbc('des', new Uint8Array(8), new Uint8Array(8), new Uint8Array(12))).toThrow(CryptoInputError);
    expect(() => p.encryptCbc('3des', new Uint8Array(16), new Uint8Array(8), new Uint8Array(8))).toThrow(CryptoInputError);
  });

  it('returns plain Uint8Arrays', () => {
    const c = p.encryptCbc('aes128', new Uint8Array(16), new Uint8Array(16), new Uint8Array(32));
    expect(Object.getPrototypeOf(c)).toBe(Uint8Array.prototype);
  });
});
