/**
 * Hash and HMAC known answers for both providers: FIPS 180 / RFC 1321 "abc" and empty-string
 * digests, HMAC-MD5 / HMAC-SHA1 from RFC 2202, HMAC-SHA-256/384/512 from RFC 4231.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { nobleProvider } from './noble.js';
import { nodeProvider } from './node.js';
import { HASHES, type HashAlg } from './provider.js';

const providers = [nobleProvider, nodeProvider];
const ascii = (s: string) => new TextEncoder().encode(s);
const rep = (byte: number, n: number) => new Uint8Array(n).fill(byte);

const DIGESTS: [HashAlg, string, string][] = [
  ['md5', '', 'd41d8cd98f00b204e9800998ecf8427e'],
  ['md5', 'abc', '900150983cd24fb0d6963f7d28e17f72'],
  ['sha1', '', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
  ['sha1', 'abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
  ['sha256', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['sha256', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['sha384', 'abc', 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7'],
  [
    'sha512',
    'abc',
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  ],
];

interface HmacVector {
  name: string;
  key: Uint8Array;
  data: Uint8Array;
  mac: Partial<Record<HashAlg, string>>;
}

const LARGE_KEY_DATA = ascii('Test Using Larger Than Block-Size Key - Hash Key First');

const HMACS: HmacVector[] = [
  // RFC 2202 §2 (HMAC-MD5) and §3 (HMAC-SHA-1)
  { name: 'RFC 2202 MD5 #1', key: rep(0x0b, 16), data: ascii('Hi There'), mac: { md5: '9294727a3638bb1c13f48ef8158bfc9d' } },
  { name: 'RFC 2202 MD5 #2', key: ascii('Jefe'), data: ascii('what do ya want for nothing?'), mac: { md5: '750c783e6ab0b503eaa86e310a5db738' } },
  { name: 'RFC 2202 MD5 #3', key: rep(0xaa, 16), data: rep(0xdd, 50), mac: { md5: '56be34521d144c88dbb8c733f0e8b3f6' } },
  { name: 'RFC 2202 MD5 #6', key: rep(0xaa, 80), data: LARGE_KEY_DATA, mac: { md5: '6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd' } },
  { name: 'RFC 2202 SHA-1 #1', key: rep(0x0b, 20), data: ascii('Hi There'), mac: { sha1: 'b617318655057264e28bc0b6fb378c8ef146be00' } },
  {
    name: 'RFC 2202 SHA-1 #2',
    key: ascii('Jefe'),
    data: ascii('what do ya want for nothing?'),
    mac: { sha1: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79' },
  },
  { name: 'RFC 2202 SHA-1 #3', key: rep(0xaa, 20), data: rep(0xdd, 50), mac: { sha1: '125d7342b9ac11cd91a39af48aa17b4f63f175d3' } },
  { name: 'RFC 2202 SHA-1 #6', key: rep(0xaa, 80), data: LARGE_KEY_DATA, mac: { sha1: 'aa4ae5e15272d00e95705637ce8a3b55ed402112' } },
  // RFC 4231 §4.2, §4.3, §4.7 (test cases 1, 2, 6)
  {
    name: 'RFC 4231 test case 1',
    key: rep(0x0b, 20),
    data: ascii('Hi There'),
    mac: {
      sha256: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
      sha384: 'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6',
      sha512:
        '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
    },
  },
  {
    name: 'RFC 4231 test case 2',
    key: ascii('Jefe'),
    data: ascii('what do ya want for nothing?'),
    mac: {
      sha256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      sha384: 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
      sha512:
        '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    },
  },
  {
    name: 'RFC 4231 test case 6 (131-byte key)',
    key: rep(0xaa, 131),
    data: LARGE_KEY_DATA,
    mac: {
      sha256: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      sha384: '4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952',
      sha512:
        '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
    },
  },
];

const HMAC_CASES = HMACS.flatMap((v) =>
  (Object.entries(v.mac) as [HashAlg, string][]).map(([alg, mac]) => ({ name: `${v.name} ${alg}`, alg, key: v.key, data: v.data, mac })),
);

describe.each(providers)('hash and HMAC known answers: $name provider', (p) => {
  it.each(DIGESTS)('%s(%j)', (alg, msg, digest) => {
    const d = p.hash(alg, ascii(msg));
    expect(toHex(d)).toBe(digest);
    expect(d.length).toBe(HASHES[alg].outputLength);
  });

  it('SHA-1 of the 1,000,000 × "a" message (FIPS 180 long-message test)', () => {
    expect(toHex(p.hash('sha1', rep(0x61, 1_000_000)))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  it.each(HMAC_CASES)('$name', (c) => {
    expect(toHex(p.hmac(c.alg, c.key, c.data))).toBe(c.mac);
  });

  it('RFC 4231 test case 5: truncated output (first 128 bits)', () => {
    const key = rep(0x0c, 20);
    const data = ascii('Test With Truncation');
    expect(toHex(p.hmac('sha256', key, data)).slice(0, 32)).toBe('a3b6167473100ee06e0c796c2955552b');
    expect(toHex(p.hmac('sha512', key, data)).slice(0, 32)).toBe('415fad6271580a531d4179bc891d87a6');
  });

  it('random bytes have the requested length and differ', () => {
    const a = p.randomBytes(32);
    const b = p.randomBytes(32);
    expect(a.length).toBe(32);
    expect(toHex(a)).not.toBe(toHex(b));
    expect(p.randomBytes(0).length).toBe(0);
    expect(() => p.randomBytes(-1)).toThrow(RangeError);
  });
});

it('fromHex sanity for the vectors above', () => {
  expect(fromHex('0x0a:0B 0c')).toEqual(new Uint8Array([10, 11, 12]));
});
