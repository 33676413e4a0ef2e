/**
 * The one crypto provider interface of ikelens' IKEv1 implementation.
 *
 * Two implementations keep each other honest (differential tests):
 *  - `noble.ts`: @noble/ciphers + @noble/hashes + @noble/curves, DES in TypeScript, MODP in
 *    BigInt. Portable (browser), slower.
 *  - `node.ts`: node:crypto. The fast path in Node.
 *
 * All byte values are `Uint8Array`. CBC is raw: no padding is added or removed (IKEv1 and
 * ESP pad themselves), so inputs must be a multiple of the block size. Invalid arguments
 * throw `CryptoInputError`; a bad peer Diffie-Hellman value throws `DhError`.
 */
import type { DhGroupId } from './groups.js';

export type { DhGroupId, ModpGroupId, EcpGroupId } from './groups.js';

/** Block ciphers in CBC mode. `des` is single DES (56-bit key in 8 bytes). */
export type CipherAlg = 'des' | '3des' | 'aes128' | 'aes192' | 'aes256';
/** Hashes; the IKEv1 prf is HMAC with the negotiated hash. */
export type HashAlg = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';

export interface CipherInfo {
  readonly keyLength: number;
  readonly blockSize: number;
}
export interface HashInfo {
  /** Digest (and HMAC output) length in bytes. */
  readonly outputLength: number;
  /** Internal block length in bytes (HMAC pads the key to this). */
  readonly blockLength: number;
}

export const CIPHERS: Readonly<Record<CipherAlg, CipherInfo>> = {
  des: { keyLength: 8, blockSize: 8 },
  '3des': { keyLength: 24, blockSize: 8 },
  aes128: { keyLength: 16, blockSize: 16 },
  aes192: { keyLength: 24, blockSize: 16 },
  aes256: { keyLength: 32, blockSize: 16 },
};

export const HASHES: Readonly<Record<HashAlg, HashInfo>> = {
  md5: { outputLength: 16, blockLength: 64 },
  sha1: { outputLength: 20, blockLength: 64 },
  sha256: { outputLength: 32, blockLength: 64 },
  sha384: { outputLength: 48, blockLength: 128 },
  sha512: { outputLength: 64, blockLength: 128 },
};

export const CIPHER_ALGS = Object.keys(CIPHERS) as CipherAlg[];

/** AES in Galois/Counter Mode (NIST SP 800-38D), the AEAD of ESP (RFC 4106). */
export type AeadAlg = 'aes128gcm' | 'aes192gcm' | 'aes256gcm';

export interface AeadInfo {
  readonly keyLength: number;
  /** The GCM nonce (IV) length we accept: 12 bytes (RFC 4106 §4: salt ‖ explicit IV). */
  readonly nonceLength: number;
}

export const AEADS: Readonly<Record<AeadAlg, AeadInfo>> = {
  aes128gcm: { keyLength: 16, nonceLength: 12 },
  aes192gcm: { keyLength: 24, nonceLength: 12 },
  aes256gcm: { keyLength: 32, nonceLength: 12 },
};

export const AEAD_ALGS = Object.keys(AEADS) as AeadAlg[];

/** GCM tag lengths we accept (RFC 4106 §8: 8, 12 and 16 octets). */
export const GCM_TAG_LENGTHS: readonly number[] = [8, 12, 16];
export const HASH_ALGS = Object.keys(HASHES) as HashAlg[];

export interface DhKeyOptions {
  /**
   * MODP only: length of the private exponent in bits; the top bit is set so the exponent
   * has exactly this length. Default: the group's `defaultExponentBits` (see groups.ts).
   * 'full' = bit length of p − 1. ECP groups always use a scalar in [1, n−1].
   */
  exponentBits?: number | 'full';
  /** Use this private value instead of a random one (tests, reproducible runs). */
  privateKey?: Uint8Array;
}

export interface DhKeyPair {
  readonly group: DhGroupId;
  /** MODP: the exponent, big-endian, ceil(exponentBits/8) bytes. ECP: the scalar, field length. */
  readonly privateKey: Uint8Array;
  /** KE payload data: g^x mod p left-padded to the prime length, or x ‖ y for ECP. */
  readonly publicKey: Uint8Array;
  /** The private exponent's length in bits (report it with any benchmark). */
  readonly exponentBits: number;
}

export interface CryptoProvider {
  readonly name: 'noble' | 'node';
  /** Raw CBC encryption; `data.length` must be a multiple of the block size. */
  encryptCbc(alg: CipherAlg, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  /** Raw CBC decryption; `data.length` must be a multiple of the block size. */
  decryptCbc(alg: CipherAlg, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  /**
   * AES-GCM encryption: returns ciphertext ‖ tag (`tagLength` bytes, default 16; a shorter
   * tag is the leftmost bytes of the full tag, SP 800-38D §5.2.1.2).
   */
  encryptGcm(alg: AeadAlg, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, tagLength?: number): Uint8Array;
  /**
   * AES-GCM decryption of ciphertext ‖ tag. Returns the plaintext, or `null` when the tag does
   * not verify (an authentication failure is data, not an exception).
   */
  decryptGcm(alg: AeadAlg, key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array, tagLength?: number): Uint8Array | null;
  hash(alg: HashAlg, data: Uint8Array): Uint8Array;
  hmac(alg: HashAlg, key: Uint8Array, data: Uint8Array): Uint8Array;
  randomBytes(length: number): Uint8Array;
  /** A Diffie-Hellman key pair for `group`. */
  dhGenerateKey(group: DhGroupId, options?: DhKeyOptions): DhKeyPair;
  /**
   * g^xy from our private value and the peer's KE payload data, always at the group's full
   * length (`secretLength`, left-padded with zeros; RFC 2409 §5). Throws `DhError` if the
   * peer value has the wrong length or is not a valid group element.
   */
  dhComputeSecret(group: DhGroupId, privateKey: Uint8Array, peerPublicKey: Uint8Array): Uint8Array;
}

/** A caller passed bytes of the wrong size or an unknown algorithm. */
export class CryptoInputError extends RangeError {
  override readonly name = 'CryptoInputError';
}

/** A Diffie-Hellman public value (ours or the peer's) is unusable. */
export class DhError extends Error {
  override readonly name = 'DhError';
  constructor(
    message: string,
    readonly group: DhGroupId,
  ) {
    super(message);
  }
}

/** Checks CBC arguments; both providers call it so they fail alike. */
export function checkCbcArgs(alg: CipherAlg, key: Uint8Array, iv: Uint8Array, data: Uint8Array): CipherInfo {
  const info = CIPHERS[alg];
  if (!info) throw new CryptoInputError(`unknown cipher ${String(alg)}`);
  if (key.length !== info.keyLength) {
    throw new CryptoInputError(`${alg}: key must be ${info.keyLength} bytes, got ${key.length}`);
  }
  if (iv.length !== info.blockSize) {
    throw new CryptoInputError(`${alg}: IV must be ${info.blockSize} bytes, got ${iv.length}`);
  }
  if (data.length % info.blockSize !== 0) {
    throw new CryptoInputError(`${alg}: data length ${data.length} is not a multiple of ${info.blockSize}`);
  }
  return info;
}

/** Checks GCM arguments; both providers call it so they fail alike. Returns the tag length. */
export function checkGcmArgs(alg: AeadAlg, key: Uint8Array, nonce: Uint8Array, tagLength: number | undefined, sealedLength?: number): number {
  const info = AEADS[alg];
  if (!info) throw new CryptoInputError(`unknown AEAD ${String(alg)}`);
  if (key.length !== info.keyLength) throw new CryptoInputError(`${alg}: key must be ${info.keyLength} bytes, got ${key.length}`);
  if (nonce.length !== info.nonceLength) throw new CryptoInputError(`${alg}: nonce must be ${info.nonceLength} bytes, got ${nonce.length}`);
  const t = tagLength ?? 16;
  if (!GCM_TAG_LENGTHS.includes(t)) throw new CryptoInputError(`${alg}: tag length ${t} is not one of ${GCM_TAG_LENGTHS.join('/')}`);
  if (sealedLength !== undefined && sealedLength < t) throw new CryptoInputError(`${alg}: sealed data of ${sealedLength} bytes is shorter than the ${t}-byte tag`);
  return t;
}

export function checkHashAlg(alg: HashAlg): HashInfo {
  const info = HASHES[alg];
  if (!info) throw new CryptoInputError(`unknown hash ${String(alg)}`);
  return info;
}

export function checkRandomLength(length: number): void {
  if (!Number.isInteger(length) || length < 0 || length > 65536) {
    throw new CryptoInputError(`randomBytes: bad length ${length}`);
  }
}
