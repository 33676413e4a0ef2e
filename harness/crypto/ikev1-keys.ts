/**
 * IKEv1 key derivation, authentication hashes and IVs (RFC 2409, pre-shared-key
 * authentication), on top of a `CryptoProvider`.
 *
 * Notation of RFC 2409 §3.2: `|` is concatenation, `prf(key, msg)` is HMAC with the
 * negotiated hash (RFC 2409 §4: "the HMAC version of the negotiated hash algorithm is used
 * as a pseudo-random function" unless a PRF is negotiated), `x_b` is the body of payload x
 * (without the generic payload header), CKY-I / CKY-R the 8-byte cookies, g^xy the shared
 * Diffie-Hellman secret at its full length (left-padded with zeros, RFC 2409 §5), and M-ID
 * the 4-byte message ID from the ISAKMP header (network order).
 */
import { concatBytes, constantTimeEqual, u32be } from './bytes.js';
import { CIPHERS, CryptoInputError, HASHES, type CipherAlg, type CryptoProvider, type HashAlg } from './provider.js';

/** The negotiated prf: HMAC with `hash`, computed by `provider`. */
export interface PrfSpec {
  readonly provider: CryptoProvider;
  readonly hash: HashAlg;
}

/** prf + the negotiated cipher (needed for key lengths and IVs). */
export interface Phase1Suite extends PrfSpec {
  readonly cipher: CipherAlg;
}

/** A message ID as a number (0..2^32−1) or as its 4 bytes from the header. */
export type MessageId = number | Uint8Array;

export function messageIdBytes(id: MessageId): Uint8Array {
  if (typeof id === 'number') return u32be(id);
  if (id.length !== 4) throw new CryptoInputError(`message ID must be 4 bytes, got ${id.length}`);
  return id;
}

export function messageIdNumber(id: MessageId): number {
  const b = messageIdBytes(id);
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

function checkCookie(name: string, c: Uint8Array): void {
  if (c.length !== 8) throw new CryptoInputError(`${name} must be 8 bytes, got ${c.length}`);
}

const ZERO = new Uint8Array([0]);
const ONE = new Uint8Array([1]);
const TWO = new Uint8Array([2]);

// prf(key, msg) = HMAC-<negotiated hash>(key, msg)
export function prf(s: PrfSpec, key: Uint8Array, ...parts: ReadonlyArray<Uint8Array | undefined>): Uint8Array {
  return s.provider.hmac(s.hash, key, concatBytes(...parts));
}

// ---------------------------------------------------------------------------------------
// Phase 1 keying material (RFC 2409 §5)

// For pre-shared keys:  SKEYID = prf(pre-shared-key, Ni_b | Nr_b)
export function skeyidPsk(s: PrfSpec, preSharedKey: Uint8Array, niB: Uint8Array, nrB: Uint8Array): Uint8Array {
  return prf(s, preSharedKey, niB, nrB);
}

// For signatures:  SKEYID = prf(Ni_b | Nr_b, g^xy)
export function skeyidSignature(s: PrfSpec, niB: Uint8Array, nrB: Uint8Array, gxy: Uint8Array): Uint8Array {
  return prf(s, concatBytes(niB, nrB), gxy);
}

// SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
export function skeyidD(s: PrfSpec, skeyid: Uint8Array, gxy: Uint8Array, ckyI: Uint8Array, ckyR: Uint8Array): Uint8Array {
  checkCookie('CKY-I', ckyI);
  checkCookie('CKY-R', ckyR);
  return prf(s, skeyid, gxy, ckyI, ckyR, ZERO);
}

// SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
export function skeyidA(
  s: PrfSpec,
  skeyid: Uint8Array,
  skeyidDValue: Uint8Array,
  gxy: Uint8Array,
  ckyI: Uint8Array,
  ckyR: Uint8Array,
): Uint8Array {
  checkCookie('CKY-I', ckyI);
  checkCookie('CKY-R', ckyR);
  return prf(s, skeyid, skeyidDValue, gxy, ckyI, ckyR, ONE);
}

// SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
export function skeyidE(
  s: PrfSpec,
  skeyid: Uint8Array,
  skeyidAValue: Uint8Array,
  gxy: Uint8Array,
  ckyI: Uint8Array,
  ckyR: Uint8Array,
): Uint8Array {
  checkCookie('CKY-I', ckyI);
  checkCookie('CKY-R', ckyR);
  return prf(s, skeyid, skeyidAValue, gxy, ckyI, ckyR, TWO);
}

// Encryption key (RFC 2409 §5.3 and Appendix B):
//   if the cipher needs no more bits than SKEYID_e has:  Ka = first bits of SKEYID_e
//   otherwise:  Ka = K1 | K2 | K3 ..., truncated to the key length, where
//     K1 = prf(SKEYID_e, 0)      (0 is a single octet)
//     K2 = prf(SKEYID_e, K1)
//     K3 = prf(SKEYID_e, K2)
export function encryptionKey(s: PrfSpec, skeyidEValue: Uint8Array, keyLength: number): Uint8Array {
  if (keyLength <= skeyidEValue.length) return skeyidEValue.slice(0, keyLength);
  const out = new Uint8Array(keyLength);
  let k = prf(s, skeyidEValue, ZERO);
  let off = 0;
  for (;;) {
    out.set(k.subarray(0, Math.min(k.length, keyLength - off)), off);
    off += k.length;
    if (off >= keyLength) return out;
    k = prf(s, skeyidEValue, k);
  }
}

export interface Phase1PskInput extends Phase1Suite {
  readonly preSharedKey: Uint8Array;
  /** Nonce payload bodies. */
  readonly niB: Uint8Array;
  readonly nrB: Uint8Array;
  /** g^xy at full length. */
  readonly gxy: Uint8Array;
  readonly ckyI: Uint8Array;
  readonly ckyR: Uint8Array;
}

export interface Phase1Keys {
  readonly skeyid: Uint8Array;
  readonly skeyidD: Uint8Array;
  readonly skeyidA: Uint8Array;
  readonly skeyidE: Uint8Array;
  /** The cipher key derived from SKEYID_e (Appendix B); what tshark calls the encryption key. */
  readonly encKey: Uint8Array;
}

/** The whole phase-1 key set for pre-shared-key authentication (formulas above). */
export function derivePhase1KeysPsk(i: Phase1PskInput): Phase1Keys {
  const skeyid = skeyidPsk(i, i.preSharedKey, i.niB, i.nrB);
  const d = skeyidD(i, skeyid, i.gxy, i.ckyI, i.ckyR);
  const a = skeyidA(i, skeyid, d, i.gxy, i.ckyI, i.ckyR);
  const e = skeyidE(i, skeyid, a, i.gxy, i.ckyI, i.ckyR);
  return { skeyid, skeyidD: d, skeyidA: a, skeyidE: e, encKey: encryptionKey(i, e, CIPHERS[i.cipher].keyLength) };
}

// ---------------------------------------------------------------------------------------
// Phase 1 authentication (RFC 2409 §5)

export interface Phase1HashInput {
  /** Initiator's and responder's KE payload data (full length). */
  readonly gxi: Uint8Array;
  readonly gxr: Uint8Array;
  readonly ckyI: Uint8Array;
  readonly ckyR: Uint8Array;
  /** The initiator's SA payload body (DOI, situation, proposals). */
  readonly saiB: Uint8Array;
}

// HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b )
export function hashI(s: PrfSpec, skeyid: Uint8Array, i: Phase1HashInput & { readonly idiiB: Uint8Array }): Uint8Array {
  checkCookie('CKY-I', i.ckyI);
  checkCookie('CKY-R', i.ckyR);
  return prf(s, skeyid, i.gxi, i.gxr, i.ckyI, i.ckyR, i.saiB, i.idiiB);
}

// HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b )
export function hashR(s: PrfSpec, skeyid: Uint8Array, i: Phase1HashInput & { readonly idirB: Uint8Array }): Uint8Array {
  checkCookie('CKY-I', i.ckyI);
  checkCookie('CKY-R', i.ckyR);
  return prf(s, skeyid, i.gxr, i.gxi, i.ckyR, i.ckyI, i.saiB, i.idirB);
}

// ---------------------------------------------------------------------------------------
// IVs (RFC 2409 Appendix B)

// First phase-1 IV:  IV = hash(g^xi | g^xr), truncated to the cipher's block size
// (hash is the negotiated hash itself, not the prf).
export function phase1Iv(s: Phase1Suite, gxi: Uint8Array, gxr: Uint8Array): Uint8Array {
  return s.provider.hash(s.hash, concatBytes(gxi, gxr)).slice(0, CIPHERS[s.cipher].blockSize);
}

// Phase 2 (Quick Mode), Informational and Transaction exchanges, per message ID:
//   IV = hash(last phase-1 CBC output block | M-ID), truncated to the block size.
// "last phase-1 CBC output block" is the last ciphertext block of the last phase-1 message
// (Main Mode: MM6); with no encrypted phase-1 message (Aggressive Mode) it is the phase-1 IV.
export function phase2Iv(s: Phase1Suite, lastPhase1Block: Uint8Array, messageId: MessageId): Uint8Array {
  return s.provider.hash(s.hash, concatBytes(lastPhase1Block, messageIdBytes(messageId))).slice(0, CIPHERS[s.cipher].blockSize);
}

/**
 * The IV chain of one ISAKMP SA, kept per message ID (0 = phase 1).
 *
 * Rule: the IV of the next message of an exchange is the last ciphertext block of the
 * previous message of that exchange. The chain advances only for a message we sent, or for a
 * received message after it decrypted and its HASH verified: a forged or corrupt message
 * must not move the IV (otherwise one bad packet desynchronises the SA). The first IV of a
 * new message ID comes from the phase-1 chain's current block (`phase2Iv`).
 */
export class IvChain {
  private readonly ivs = new Map<number, Uint8Array>();
  private readonly blockSize: number;

  constructor(
    private readonly suite: Phase1Suite,
    phase1InitialIv: Uint8Array,
  ) {
    this.blockSize = CIPHERS[suite.cipher].blockSize;
    if (phase1InitialIv.length !== this.blockSize) {
      throw new CryptoInputError(`IvChain: IV must be ${this.blockSize} bytes, got ${phase1InitialIv.length}`);
    }
    this.ivs.set(0, phase1InitialIv.slice());
  }

  /** Whether this message ID has a chain yet (phase 1 always has). */
  has(messageId: MessageId): boolean {
    return this.ivs.has(messageIdNumber(messageId));
  }

  /** The IV for the next message with this message ID (derives it on first use). */
  iv(messageId: MessageId): Uint8Array {
    const id = messageIdNumber(messageId);
    let iv = this.ivs.get(id);
    if (!iv) {
      iv = phase2Iv(this.suite, this.ivs.get(0)!, id);
      this.ivs.set(id, iv);
    }
    return iv.slice();
  }

  /** Records the last ciphertext block of a sent or verified message of this message ID. */
  advance(messageId: MessageId, ciphertext: Uint8Array): void {
    if (ciphertext.length < this.blockSize || ciphertext.length % this.blockSize !== 0) {
      throw new CryptoInputError(`IvChain: ciphertext length ${ciphertext.length} is not a positive multiple of ${this.blockSize}`);
    }
    const id = messageIdNumber(messageId);
    if (!this.ivs.has(id)) this.iv(id);
    this.ivs.set(id, ciphertext.slice(ciphertext.length - this.blockSize));
  }

  /** Encrypts one of our messages (already padded) and advances the chain. */
  encrypt(messageId: MessageId, key: Uint8Array, plaintext: Uint8Array): Uint8Array {
    const c = this.suite.provider.encryptCbc(this.suite.cipher, key, this.iv(messageId), plaintext);
    this.advance(messageId, c);
    return c;
  }

  /**
   * Decrypts a received message without advancing; call `commit()` once its HASH verified.
   */
  decrypt(messageId: MessageId, key: Uint8Array, ciphertext: Uint8Array): { plaintext: Uint8Array; commit: () => void } {
    const plaintext = this.suite.provider.decryptCbc(this.suite.cipher, key, this.iv(messageId), ciphertext);
    const copy = ciphertext.slice();
    return { plaintext, commit: () => this.advance(messageId, copy) };
  }

  /** Drops the chain of a finished exchange (never the phase-1 chain). */
  forget(messageId: MessageId): void {
    const id = messageIdNumber(messageId);
    if (id !== 0) this.ivs.delete(id);
  }
}

// ---------------------------------------------------------------------------------------
// Quick Mode and Informational hashes (RFC 2409 §5.5, §5.7). `afterHash` is the bytes of all
// payloads that follow the HASH payload in the message, generic headers included, exactly as
// sent: SA | Ni [ | KE ] [ | IDci | IDcr ] for HASH(1), SA | Nr [ | KE ] [ | IDci | IDcr ]
// for HASH(2), N/D for the Informational HASH.

// HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ])
export function qmHash1(s: PrfSpec, skeyidAValue: Uint8Array, messageId: MessageId, afterHash: Uint8Array): Uint8Array {
  return prf(s, skeyidAValue, messageIdBytes(messageId), afterHash);
}

// HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr ])
export function qmHash2(
  s: PrfSpec,
  skeyidAValue: Uint8Array,
  messageId: MessageId,
  niB: Uint8Array,
  afterHash: Uint8Array,
): Uint8Array {
  return prf(s, skeyidAValue, messageIdBytes(messageId), niB, afterHash);
}

// HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)      (0 is a single octet)
export function qmHash3(s: PrfSpec, skeyidAValue: Uint8Array, messageId: MessageId, niB: Uint8Array, nrB: Uint8Array): Uint8Array {
  return prf(s, skeyidAValue, ZERO, messageIdBytes(messageId), niB, nrB);
}

// Informational:  HASH(1) = prf(SKEYID_a, M-ID | N/D)
export function informationalHash(s: PrfSpec, skeyidAValue: Uint8Array, messageId: MessageId, afterHash: Uint8Array): Uint8Array {
  return prf(s, skeyidAValue, messageIdBytes(messageId), afterHash);
}

// ---------------------------------------------------------------------------------------
// KEYMAT (RFC 2409 §5.5)

export interface KeymatInput {
  /** IPsec protocol ID from the proposal (2 = AH, 3 = ESP, 4 = IPCOMP). */
  readonly protocol: number;
  /** The SPI (as in the proposal) of the SA these keys are for: the receiver's SPI. */
  readonly spi: Uint8Array;
  readonly niB: Uint8Array;
  readonly nrB: Uint8Array;
  /** With PFS: the Quick Mode Diffie-Hellman secret g(qm)^xy at full length. */
  readonly gqmxy?: Uint8Array;
}

// Without PFS:  KEYMAT = prf(SKEYID_d, protocol | SPI | Ni_b | Nr_b)
// With PFS:     KEYMAT = prf(SKEYID_d, g(qm)^xy | protocol | SPI | Ni_b | Nr_b)
// Longer keys:  KEYMAT = K1 | K2 | K3 | ...   where
//   K1 = prf(SKEYID_d, [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
//   K2 = prf(SKEYID_d, K1 | [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
//   K3 = prf(SKEYID_d, K2 | [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
// The result is truncated to `length`; the encryption key comes first, then the
// authentication key (see `splitKeymat`).
export function keymat(s: PrfSpec, skeyidDValue: Uint8Array, i: KeymatInput, length: number): Uint8Array {
  if (!Number.isInteger(i.protocol) || i.protocol < 0 || i.protocol > 255) {
    throw new CryptoInputError(`KEYMAT: protocol ${i.protocol} is not one octet`);
  }
  if (!Number.isInteger(length) || length < 0) throw new CryptoInputError(`KEYMAT: bad length ${length}`);
  const seed = concatBytes(i.gqmxy, new Uint8Array([i.protocol]), i.spi, i.niB, i.nrB);
  const out = new Uint8Array(length);
  let off = 0;
  let k: Uint8Array | undefined;
  while (off < length) {
    k = prf(s, skeyidDValue, k, seed);
    out.set(k.subarray(0, Math.min(k.length, length - off)), off);
    off += k.length;
  }
  return out;
}

/** Splits KEYMAT into the encryption key (first) and the authentication key. */
export function splitKeymat(km: Uint8Array, encKeyLength: number, authKeyLength: number): { encKey: Uint8Array; authKey: Uint8Array } {
  if (km.length < encKeyLength + authKeyLength) {
    throw new CryptoInputError(`KEYMAT of ${km.length} bytes is shorter than ${encKeyLength} + ${authKeyLength}`);
  }
  return { encKey: km.slice(0, encKeyLength), authKey: km.slice(encKeyLength, encKeyLength + authKeyLength) };
}

/** Verifies a received HASH payload body in constant time. */
export function hashMatches(expected: Uint8Array, received: Uint8Array): boolean {
  return constantTimeEqual(expected, received);
}

/** Output length of the prf (the length of SKEYID and of every HASH payload). */
export function prfLength(hash: HashAlg): number {
  return HASHES[hash].outputLength;
}
