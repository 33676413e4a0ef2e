/**
 * RFC 2409 key derivation, hashes and IVs.
 *
 * 1. Known answers computed independently in this file: the formulas are written again
 *    inline, as RFC 2409 states them, on node:crypto's createHmac / createHash directly
 *    (the code under test is not called for the expected values).
 * 2. Known answers from a real strongSwan 5.9.8 negotiation (fixtures/strongswan-mm-08.ts).
 * 3. The IV chain rules.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex } from './bytes.js';
import { STRONGSWAN_MM08 as SS } from './fixtures/strongswan-mm-08.js';
import {
  derivePhase1KeysPsk,
  encryptionKey,
  hashI,
  hashMatches,
  hashR,
  informationalHash,
  IvChain,
  keymat,
  messageIdBytes,
  phase1Iv,
  phase2Iv,
  qmHash1,
  qmHash2,
  qmHash3,
  skeyidA,
  skeyidD,
  skeyidE,
  skeyidSignature,
  splitKeymat,
  type Phase1Suite,
} from './ikev1-keys.js';
import { nobleProvider } from './noble.js';
import { nodeProvider } from './node.js';
import { CIPHERS, CryptoInputError, type CipherAlg, type HashAlg } from './provider.js';

const providers = [nobleProvider, nodeProvider];

// ---- the independent second implementation (node:crypto directly) ----------------------
const b = (...parts: Uint8Array[]) => Buffer.concat(parts);
const PRF = (h: HashAlg, key: Uint8Array, msg: Uint8Array) => new Uint8Array(createHmac(h, key).update(msg).digest());
const HASH = (h: HashAlg, msg: Uint8Array) => new Uint8Array(createHash(h).update(msg).digest());
const octet = (n: number) => new Uint8Array([n]);
const hex = toHex;

// ---- fixed inputs -----------------------------------------------------------------------
const fill = (n: number, start: number) => Uint8Array.from({ length: n }, (_, i) => (start + i * 7) & 0xff);
const PSK = new TextEncoder().encode('labsecret123');
const NI_B = fill(20, 0x11);
const NR_B = fill(32, 0x52);
const CKY_I = fromHex('d3bed229fe758321');
const CKY_R = fromHex('baff780e35a45276');
// g^xy whose top byte is zero: it must be used at full length, zeros included
const GXY = concatBytes(new Uint8Array([0]), fill(127, 0x99));
const GXI = fill(128, 0x21);
const GXR = concatBytes(new Uint8Array([0, 0]), fill(126, 0x37));
const SAI_B = fromHex('00000001000000010000002c010100010000002401010000800100078002000280040002800300018001000e80e00080');
const IDII_B = fromHex('010000000a630001');
const IDIR_B = fromHex('010000000a630002');

const SUITES: [CipherAlg, HashAlg][] = [
  ['aes128', 'sha1'], // truncation (16 < 20)
  ['aes128', 'md5'], // exactly the prf length (16 = 16), no expansion
  ['3des', 'md5'], // Appendix B expansion, 24 > 16
  ['3des', 'sha1'], // Appendix B expansion, 24 > 20
  ['aes192', 'md5'], // 24 > 16
  ['aes256', 'sha1'], // 32 > 20
  ['aes256', 'md5'], // 32 = K1 | K2 exactly
  ['aes256', 'sha256'], // 32 = 32, no expansion
  ['des', 'md5'], // 8 < 16
  ['aes256', 'sha512'], // truncation of 64
  ['aes192', 'sha384'],
];

describe.each(providers)('phase 1 keys against an inline RFC 2409 computation: $name provider', (provider) => {
  it.each(SUITES)('%s with prf HMAC-%s', (cipher, hash) => {
    const keyLen = CIPHERS[cipher].keyLength;
    // SKEYID = prf(pre-shared-key, Ni_b | Nr_b)
    const SKEYID = PRF(hash, PSK, b(NI_B, NR_B));
    // SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
    const SKEYID_d = PRF(hash, SKEYID, b(GXY, CKY_I, CKY_R, octet(0)));
    // SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
    const SKEYID_a = PRF(hash, SKEYID, b(SKEYID_d, GXY, CKY_I, CKY_R, octet(1)));
    // SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
    const SKEYID_e = PRF(hash, SKEYID, b(SKEYID_a, GXY, CKY_I, CKY_R, octet(2)));
    // Appendix B: Ka = K1 | K2 | K3 ..., K1 = prf(SKEYID_e, 0), K2 = prf(SKEYID_e, K1), ...
    // only when the key is longer than SKEYID_e; otherwise the first bytes of SKEYID_e.
    let Ka: Uint8Array;
    if (keyLen > SKEYID_e.length) {
      const K1 = PRF(hash, SKEYID_e, octet(0));
      const K2 = PRF(hash, SKEYID_e, K1);
      const K3 = PRF(hash, SKEYID_e, K2);
      Ka = b(K1, K2, K3).subarray(0, keyLen);
    } else {
      Ka = SKEYID_e.subarray(0, keyLen);
    }

    const keys = derivePhase1KeysPsk({ provider, hash, cipher, preSharedKey: PSK, niB: NI_B, nrB: NR_B, gxy: GXY, ckyI: CKY_I, ckyR: CKY_R });
    expect(hex(keys.skeyid)).toBe(hex(SKEYID));
    expect(hex(keys.skeyidD)).toBe(hex(SKEYID_d));
    expect(hex(keys.skeyidA)).toBe(hex(SKEYID_a));
    expect(hex(keys.skeyidE)).toBe(hex(SKEYID_e));
    expect(keys.encKey.length).toBe(keyLen);
    expect(hex(keys.encKey)).toBe(hex(Ka));

    const s: Phase1Suite = { provider, hash, cipher };
    // HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b )
    const HASH_I = PRF(hash, SKEYID, b(GXI, GXR, CKY_I, CKY_R, SAI_B, IDII_B));
    // HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b )
    const HASH_R = PRF(hash, SKEYID, b(GXR, GXI, CKY_R, CKY_I, SAI_B, IDIR_B));
    const common = { gxi: GXI, gxr: GXR, ckyI: CKY_I, ckyR: CKY_R, saiB: SAI_B };
    expect(hex(hashI(s, keys.skeyid, { ...common, idiiB: IDII_B }))).toBe(hex(HASH_I));
    expect(hex(hashR(s, keys.skeyid, { ...common, idirB: IDIR_B }))).toBe(hex(HASH_R));

    // IV = hash(g^xi | g^xr), first block-size bytes
    const blk = CIPHERS[cipher].blockSize;
    const IV = HASH(hash, b(GXI, GXR)).subarray(0, blk);
    expect(hex(phase1Iv(s, GXI, GXR))).toBe(hex(IV));
    // phase 2 IV = hash(last phase-1 CBC block | M-ID)
    const last = fill(blk, 0xe0);
    const MID = fromHex('653b6edc');
    expect(hex(phase2Iv(s, last, 0x653b6edc))).toBe(hex(HASH(hash, b(last, MID)).subarray(0, blk)));
    expect(hex(phase2Iv(s, last, MID))).toBe(hex(HASH(hash, b(last, MID)).subarray(0, blk)));
  });

  it('Appendix B expansion, spelled out for 3DES / HMAC-SHA1: Ka = K1 | first 4 bytes of K2', () => {
    const e = fill(20, 0x40);
    const K1 = PRF('sha1', e, octet(0));
    const K2 = PRF('sha1', e, K1);
    const ka = encryptionKey({ provider, hash: 'sha1' }, e, 24);
    expect(hex(ka.subarray(0, 20))).toBe(hex(K1));
    expect(hex(ka.subarray(20))).toBe(hex(K2.subarray(0, 4)));
  });

  it('Appendix B expansion, spelled out for 3DES / HMAC-MD5 and AES-256 / HMAC-SHA1', () => {
    const e16 = fill(16, 0x41);
    const M1 = PRF('md5', e16, octet(0));
    const M2 = PRF('md5', e16, M1);
    expect(hex(encryptionKey({ provider, hash: 'md5' }, e16, 24))).toBe(hex(M1) + hex(M2.subarray(0, 8)));
    const e20 = fill(20, 0x42);
    const S1 = PRF('sha1', e20, octet(0));
    const S2 = PRF('sha1', e20, S1);
    expect(hex(encryptionKey({ provider, hash: 'sha1' }, e20, 32))).toBe(hex(S1) + hex(S2.subarray(0, 12)));
    // no expansion when SKEYID_e is long enough: AES-128 with HMAC-SHA1 takes 16 of 20 bytes
    expect(hex(encryptionKey({ provider, hash: 'sha1' }, e20, 16))).toBe(hex(e20.subarray(0, 16)));
  });

  it('signature SKEYID = prf(Ni_b | Nr_b, g^xy)', () => {
    expect(hex(skeyidSignature({ provider, hash: 'sha256' }, NI_B, NR_B, GXY))).toBe(hex(PRF('sha256', b(NI_B, NR_B), GXY)));
  });
});

describe.each(providers)('Quick Mode, Informational and KEYMAT against inline formulas: $name provider', (provider) => {
  const hash: HashAlg = 'sha1';
  const s = { provider, hash };
  const SKEYID_a = fill(20, 0xa0);
  const SKEYID_d = fill(20, 0xd0);
  const MID = 0x653b6edc;
  const M_ID = fromHex('653b6edc');
  // payloads after HASH, each with its 4-byte generic header, as they would be sent
  const SA = fromHex('0a00003400000001000000010000002803030401be3fff6b0000001c010c000080040001800100018002708080050002800300');
  const NI = concatBytes(fromHex('04000018'), NI_B.subarray(0, 20));
  const NR = concatBytes(fromHex('04000024'), NR_B);
  const KE = concatBytes(fromHex('05000084'), GXI);
  const IDCI = fromHex('0500001004000000' + '0a630100ffffff00');
  const IDCR = fromHex('0000001004000000' + '0a630200ffffff00');
  const NI_BODY = NI.subarray(4);
  const NR_BODY = NR.subarray(4);

  it('HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ]), with and without KE and IDs', () => {
    for (const tail of [[], [KE], [IDCI, IDCR], [KE, IDCI, IDCR]]) {
      const after = b(SA, NI, ...tail);
      expect(hex(qmHash1(s, SKEYID_a, MID, after))).toBe(hex(PRF(hash, SKEYID_a, b(M_ID, SA, NI, ...tail))));
    }
  });

  it('HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr ])', () => {
    for (const tail of [[], [KE], [IDCI, IDCR], [KE, IDCI, IDCR]]) {
      const after = b(SA, NR, ...tail);
      expect(hex(qmHash2(s, SKEYID_a, MID, NI_BODY, after))).toBe(hex(PRF(hash, SKEYID_a, b(M_ID, NI_BODY, SA, NR, ...tail))));
    }
  });

  it('HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)', () => {
    expect(hex(qmHash3(s, SKEYID_a, MID, NI_BODY, NR_BODY))).toBe(hex(PRF(hash, SKEYID_a, b(octet(0), M_ID, NI_BODY, NR_BODY))));
  });

  it('Informational HASH(1) = prf(SKEYID_a, M-ID | N/D)', () => {
    const D = fromHex('0000001000000001030400010566 13d7');
    expect(hex(informationalHash(s, SKEYID_a, 0x9fa8e08e, D))).toBe(hex(PRF(hash, SKEYID_a, b(fromHex('9fa8e08e'), D))));
  });

  const SPI = fromHex('056613d7');
  const GQMXY = concatBytes(new Uint8Array([0]), fill(255, 0x5a));
  // KEYMAT = K1 | K2 | K3 | ...
  //   K1 = prf(SKEYID_d, [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
  //   K2 = prf(SKEYID_d, K1 | [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
  //   K3 = prf(SKEYID_d, K2 | [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
  const refKeymat = (h: HashAlg, pfs: boolean, len: number) => {
    const seed = pfs ? b(GQMXY, octet(3), SPI, NI_BODY, NR_BODY) : b(octet(3), SPI, NI_BODY, NR_BODY);
    const K1 = PRF(h, SKEYID_d, seed);
    const K2 = PRF(h, SKEYID_d, b(K1, seed));
    const K3 = PRF(h, SKEYID_d, b(K2, seed));
    return b(K1, K2, K3).subarray(0, len);
  };

  it.each([
    ['sha1', 16 + 20, 'AES-128 + HMAC-SHA1-96: K1 | K2'],
    ['sha1', 24 + 20, '3DES + HMAC-SHA1-96: K1 | K2 | K3'],
    ['md5', 16 + 16, 'AES-128 + HMAC-MD5-96: K1 | K2'],
    ['sha256', 32 + 32, 'AES-256 + HMAC-SHA-256-128: K1 | K2'],
    ['sha1', 16, 'one block only'],
  ] as [HashAlg, number, string][])('KEYMAT with HMAC-%s, %i bytes (%s), with and without PFS', (h, len) => {
    for (const pfs of [false, true]) {
      const km = keymat({ provider, hash: h }, SKEYID_d, { protocol: 3, spi: SPI, niB: NI_BODY, nrB: NR_BODY, gqmxy: pfs ? GQMXY : undefined }, len);
      expect(km.length).toBe(len);
      expect(hex(km)).toBe(hex(refKeymat(h, pfs, len)));
    }
    const noPfs = keymat({ provider, hash: h }, SKEYID_d, { protocol: 3, spi: SPI, niB: NI_BODY, nrB: NR_BODY }, len);
    const pfs = keymat({ provider, hash: h }, SKEYID_d, { protocol: 3, spi: SPI, niB: NI_BODY, nrB: NR_BODY, gqmxy: GQMXY }, len);
    expect(hex(noPfs)).not.toBe(hex(pfs));
  });

  it('splitKeymat: encryption key first, then the authentication key', () => {
    const km = fill(44, 1);
    const { encKey, authKey } = splitKeymat(km, 24, 20);
    expect(hex(encKey)).toBe(hex(km.subarray(0, 24)));
    expect(hex(authKey)).toBe(hex(km.subarray(24)));
    expect(() => splitKeymat(km, 32, 20)).toThrow(CryptoInputError);
  });
});

describe.each(providers)('strongSwan 5.9.8 known answers (aes128-sha1-modp2048, PFS modp2048): $name provider', (provider) => {
  const s: Phase1Suite = { provider, hash: 'sha1', cipher: 'aes128' };
  const d = SS.hashIData;
  const gxi = d.subarray(0, 256);
  const gxr = d.subarray(256, 512);
  const ckyI = d.subarray(512, 520);
  const ckyR = d.subarray(520, 528);
  const saiB = d.subarray(528, d.length - 8);
  const idiiB = d.subarray(d.length - 8);
  const idirB = SS.hashRData.subarray(SS.hashRData.length - 8);

  it('the HASH_R data is laid out as g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b', () => {
    expect(hex(SS.hashRData)).toBe(hex(concatBytes(gxr, gxi, ckyR, ckyI, saiB, idirB)));
  });

  it('SKEYID_d, SKEYID_a, SKEYID_e and Ka from SKEYID, g^xy and the cookies', () => {
    const dd = skeyidD(s, SS.skeyid, SS.gxy, ckyI, ckyR);
    const aa = skeyidA(s, SS.skeyid, dd, SS.gxy, ckyI, ckyR);
    const ee = skeyidE(s, SS.skeyid, aa, SS.gxy, ckyI, ckyR);
    expect(hex(dd)).toBe(hex(SS.skeyidD));
    expect(hex(aa)).toBe(hex(SS.skeyidA));
    expect(hex(ee)).toBe(hex(SS.skeyidE));
    expect(hex(encryptionKey(s, ee, 16))).toBe(hex(SS.encKey));
  });

  it('HASH_I, HASH_R and the initial IV', () => {
    expect(hex(hashI(s, SS.skeyid, { gxi, gxr, ckyI, ckyR, saiB, idiiB }))).toBe(hex(SS.hashI));
    expect(hex(hashR(s, SS.skeyid, { gxi, gxr, ckyI, ckyR, saiB, idirB }))).toBe(hex(SS.hashR));
    expect(hashMatches(hashR(s, SS.skeyid, { gxi, gxr, ckyI, ckyR, saiB, idirB }), SS.hashR)).toBe(true);
    expect(hex(phase1Iv(s, gxi, gxr))).toBe(hex(SS.initialIv));
  });

  it('first IVs of the Quick Mode and of both Informational exchanges from the last MM6 block', () => {
    expect(hex(phase2Iv(s, SS.ivMid0AfterMm6, SS.qmMessageId))).toBe(hex(SS.qmFirstIv));
    expect(hex(phase2Iv(s, SS.ivMid0AfterMm6, SS.info1MessageId))).toBe(hex(SS.info1Iv));
    expect(hex(phase2Iv(s, SS.ivMid0AfterMm6, SS.info2MessageId))).toBe(hex(SS.info2Iv));
  });

  it('KEYMAT with PFS for both directions, and HASH(3)', () => {
    for (const [seed, encKey, authKey] of [
      [SS.initiatorSaSeed, SS.encInitiatorKey, SS.integInitiatorKey],
      [SS.responderSaSeed, SS.encResponderKey, SS.integResponderKey],
    ] as const) {
      // seed = g(qm)^xy | protocol | SPI | Ni_b | Nr_b
      const gqmxy = seed.subarray(0, 256);
      expect(hex(gqmxy)).toBe(hex(SS.qmDhSecret));
      const protocol = seed[256]!;
      const spi = seed.subarray(257, 261);
      const niB = seed.subarray(261, 293);
      const nrB = seed.subarray(293);
      expect(protocol).toBe(3);
      const km = keymat(s, SS.skeyidD, { protocol, spi, niB, nrB, gqmxy }, 16 + 20);
      const split = splitKeymat(km, 16, 20);
      expect(hex(split.encKey)).toBe(hex(encKey));
      expect(hex(split.authKey)).toBe(hex(authKey));
      expect(hex(qmHash3(s, SS.skeyidA, SS.qmMessageId, niB, nrB))).toBe(hex(SS.qmHash3));
    }
    // the initiator keys protect initiator → responder traffic: the responder's SPI
    expect(hex(SS.initiatorSaSeed.subarray(257, 261))).toBe('056613d7');
    expect(hex(SS.responderSaSeed.subarray(257, 261))).toBe('be3fff6b');
  });

  it('the IvChain hands out the same IVs', () => {
    const chain = new IvChain(s, SS.initialIv);
    expect(hex(chain.iv(0))).toBe(hex(SS.initialIv));
    // MM5 and MM6 end with these blocks (strongSwan's "next IV for MID 0")
    chain.advance(0, concatBytes(new Uint8Array(16), SS.ivMid0AfterMm5));
    chain.advance(0, SS.ivMid0AfterMm6);
    expect(hex(chain.iv(SS.qmMessageId))).toBe(hex(SS.qmFirstIv));
    expect(hex(chain.iv(SS.info1MessageId))).toBe(hex(SS.info1Iv));
    expect(hex(chain.iv(SS.info2MessageId))).toBe(hex(SS.info2Iv));
  });
});

describe.each(providers)('IvChain: $name provider', (provider) => {
  const suite: Phase1Suite = { provider, hash: 'sha1', cipher: 'aes128' };
  const key = fill(16, 0x10);
  const iv0 = phase1Iv(suite, GXI, GXR);
  const msg = (n: number, x: number) => fill(16 * n, x);

  it('phase 1: the next IV is the last ciphertext block of the previous message', () => {
    const c = new IvChain(suite, iv0);
    const mm5 = c.encrypt(0, key, msg(3, 1));
    expect(hex(mm5)).toBe(hex(provider.encryptCbc('aes128', key, iv0, msg(3, 1))));
    expect(hex(c.iv(0))).toBe(hex(mm5.subarray(32)));
  });

  it('a received message advances the chain only after commit()', () => {
    const sender = new IvChain(suite, iv0);
    const receiver = new IvChain(suite, iv0);
    const c1 = sender.encrypt(0, key, msg(2, 5));
    const before = receiver.iv(0);
    const forged = msg(2, 0x77);
    const bad = receiver.decrypt(0, key, forged); // HASH would not verify: no commit
    expect(bad.plaintext.length).toBe(32);
    expect(hex(receiver.iv(0))).toBe(hex(before));
    const good = receiver.decrypt(0, key, c1);
    expect(hex(good.plaintext)).toBe(hex(msg(2, 5)));
    good.commit();
    expect(hex(receiver.iv(0))).toBe(hex(sender.iv(0)));
  });

  it('a full exchange: MM5, MM6, Quick Mode, an Informational in between, both sides in step', () => {
    const I = new IvChain(suite, iv0);
    const R = new IvChain(suite, iv0);
    const send = (from: IvChain, to: IvChain, mid: number, pt: Uint8Array) => {
      const c = from.encrypt(mid, key, pt);
      const r = to.decrypt(mid, key, c);
      expect(hex(r.plaintext)).toBe(hex(pt));
      r.commit();
    };
    send(I, R, 0, msg(4, 1)); // MM5
    send(R, I, 0, msg(4, 2)); // MM6
    const lastP1 = I.iv(0);
    const qm = 0x01020304;
    const info = 0xfffffffe;
    send(I, R, qm, msg(6, 3)); // QM1
    // an Informational while the QM runs has its own chain, also from the last phase-1 block
    expect(hex(R.iv(info))).toBe(hex(phase2Iv(suite, lastP1, info)));
    send(R, I, info, msg(2, 4));
    send(R, I, qm, msg(6, 5)); // QM2
    send(I, R, qm, msg(2, 6)); // QM3
    expect(hex(I.iv(qm))).toBe(hex(R.iv(qm)));
    // the QM chain started from hash(last phase-1 block | M-ID)
    const J = new IvChain(suite, iv0);
    J.advance(0, lastP1);
    expect(hex(J.iv(qm))).toBe(hex(phase2Iv(suite, lastP1, qm)));
    // phase-1 chain untouched by phase 2
    expect(hex(I.iv(0))).toBe(hex(lastP1));
    I.forget(qm);
    expect(I.has(qm)).toBe(false);
    expect(hex(I.iv(qm))).toBe(hex(phase2Iv(suite, lastP1, qm)));
    I.forget(0);
    expect(I.has(0)).toBe(true);
  });

  it('IVs are copies; bad sizes are refused', () => {
    const c = new IvChain(suite, iv0);
    const iv = c.iv(0);
    iv[0]! ^= 0xff;
    expect(hex(c.iv(0))).toBe(hex(iv0));
    expect(() => new IvChain(suite, new Uint8Array(8))).toThrow(CryptoInputError);
    expect(() => c.advance(0, new Uint8Array(15))).toThrow(CryptoInputError);
    expect(() => c.advance(0, new Uint8Array(0))).toThrow(CryptoInputError);
    expect(() => messageIdBytes(new Uint8Array(3))).toThrow(CryptoInputError);
    expect(() => messageIdBytes(2 ** 32)).toThrow(RangeError);
  });

  it('3DES uses 8-byte IVs', () => {
    const s3: Phase1Suite = { provider, hash: 'md5', cipher: '3des' };
    const c = new IvChain(s3, phase1Iv(s3, GXI, GXR));
    expect(c.iv(0).length).toBe(8);
    expect(c.iv(7).length).toBe(8);
    const ct = c.encrypt(7, fill(24, 3), msg(1, 9));
    expect(hex(c.iv(7))).toBe(hex(ct.subarray(8)));
  });
});

it('cookies must be 8 bytes', () => {
  expect(() =>
    derivePhase1KeysPsk({ provider: nodeProvider, hash: 'sha1', cipher: 'aes128', preSharedKey: PSK, niB: NI_B, nrB: NR_B, gxy: GXY, ckyI: new Uint8Array(4), ckyR: CKY_R }),
  ).toThrow(CryptoInputError);
});
