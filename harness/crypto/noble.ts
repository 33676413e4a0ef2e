/**
 * The portable provider: @noble/ciphers (AES-CBC), @noble/hashes (MD5, SHA-1, SHA-2, HMAC,
 * random bytes), @noble/curves (ECP groups 19-21), DES/3DES from des.ts and MODP
 * Diffie-Hellman with BigInt. No Node APIs: it also runs in the browser.
 */
import { cbc, ctr, gcm } from '@noble/ciphers/aes.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { hmac } from '@noble/hashes/hmac.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { randomBytes as nobleRandomBytes } from '@noble/hashes/utils.js';
import { bigIntToBytes, concatBytes, constantTimeEqual, leftPad } from './bytes.js';
import { desCbcDecrypt, desCbcEncrypt } from './des.js';
import {
  ecpOwnPrivate,
  ecpPeerLength,
  ecpPrivate,
  modpOwnPrivate,
  modpPeer,
  modpPrivate,
  modpPublic,
  modPow,
} from './dh-common.js';
import { dhGroup, type EcpGroupId } from './groups.js';
import {
  checkCbcArgs,
  checkGcmArgs,
  checkHashAlg,
  checkRandomLength,
  DhError,
  type AeadAlg,
  type CipherAlg,
  type CryptoProvider,
  type DhGroupId,
  type DhKeyOptions,
  type DhKeyPair,
  type HashAlg,
} from './provider.js';

const HASH_FNS = { md5, sha1, sha256, sha384, sha512 } as const;
const CURVES = { 19: p256, 20: p384, 21: p521 } as const satisfies Record<EcpGroupId, unknown>;

function randomBytes(length: number): Uint8Array {
  checkRandomLength(length);
  return nobleRandomBytes(length);
}

function encryptCbc(alg: CipherAlg, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkCbcArgs(alg, key, iv, data);
  if (alg === 'des' || alg === '3des') return desCbcEncrypt(key, iv, data);
  if (data.length === 0) return new Uint8Array(0);
  return cbc(key, iv, { disablePadding: true }).encrypt(data);
}

function decryptCbc(alg: CipherAlg, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkCbcArgs(alg, key, iv, data);
  if (alg === 'des' || alg === '3des') return desCbcDecrypt(key, iv, data);
  if (data.length === 0) return new Uint8Array(0);
  return cbc(key, iv, { disablePadding: true }).decrypt(data);
}

function encryptGcm(alg: AeadAlg, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, tagLength?: number): Uint8Array {
  const t = checkGcmArgs(alg, key, nonce, tagLength);
  const full = gcm(key, nonce, aad).encrypt(plaintext);
  // a truncated tag is the leftmost t bytes of the full tag (SP 800-38D §5.2.1.2)
  return t === 16 ? full : full.slice(0, plaintext.length + t);
}

function decryptGcm(alg: AeadAlg, key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array, tagLength?: number): Uint8Array | null {
  const t = checkGcmArgs(alg, key, nonce, tagLength, sealed.length);
  if (t === 16) {
    try {
      return gcm(key, nonce, aad).decrypt(sealed);
    } catch {
      return null;
    }
  }
  // noble verifies only full tags: decrypt with CTR from inc32(J0) = nonce ‖ 0x00000002
  // (SP 800-38D §7.2, 96-bit IV), then recompute the full tag and compare its leftmost t bytes
  const body = sealed.subarray(0, sealed.length - t);
  const plaintext = ctr(key, concatBytes(nonce, new Uint8Array([0, 0, 0, 2]))).encrypt(body);
  const again = gcm(key, nonce, aad).encrypt(plaintext);
  return constantTimeEqual(again.subarray(body.length, body.length + t), sealed.subarray(body.length)) ? plaintext : null;
}

function hash(alg: HashAlg, data: Uint8Array): Uint8Array {
  checkHashAlg(alg);
  return HASH_FNS[alg](data);
}

function hmacFn(alg: HashAlg, key: Uint8Array, data: Uint8Array): Uint8Array {
  checkHashAlg(alg);
  return hmac(HASH_FNS[alg], key, data);
}

function dhGenerateKey(groupId: DhGroupId, options?: DhKeyOptions): DhKeyPair {
  const group = dhGroup(groupId);
  if (group.kind === 'modp') {
    const priv = modpPrivate(group, options, randomBytes);
    return { group: groupId, privateKey: priv.privateKey, publicKey: modpPublic(group, priv.x), exponentBits: priv.exponentBits };
  }
  const priv = ecpPrivate(group, options, randomBytes);
  const curve = CURVES[group.id];
  // SEC1 uncompressed 0x04 ‖ x ‖ y → IKEv1 KE data x ‖ y (RFC 5903 §7)
  const pub = curve.getPublicKey(priv.privateKey, false).subarray(1);
  return { group: groupId, privateKey: priv.privateKey, publicKey: pub.slice(), exponentBits: group.defaultExponentBits };
}

function dhComputeSecret(groupId: DhGroupId, privateKey: Uint8Array, peerPublicKey: Uint8Array): Uint8Array {
  const group = dhGroup(groupId);
  if (group.kind === 'modp') {
    const x = modpOwnPrivate(group, privateKey);
    const y = modpPeer(group, peerPublicKey);
    return bigIntToBytes(modPow(y, x, group.prime), group.secretLength);
  }
  const k = ecpOwnPrivate(group, privateKey);
  ecpPeerLength(group, peerPublicKey);
  const curve = CURVES[group.id];
  let shared: Uint8Array;
  try {
    // compressed output 0x02/0x03 ‖ x: g^xy is the x coordinate (RFC 5903 §7)
    shared = curve.getSharedSecret(k, concatBytes(new Uint8Array([4]), peerPublicKey), true);
  } catch (e) {
    throw new DhError(`group ${group.id}: peer public value is not a point on the curve (${(e as Error).message})`, groupId);
  }
  return leftPad(shared.slice(1), group.secretLength);
}

export const nobleProvider: CryptoProvider = Object.freeze({
  name: 'noble' as const,
  encryptCbc,
  decryptCbc,
  encryptGcm,
  decryptGcm,
  hash,
  hmac: hmacFn,
  randomBytes,
  dhGenerateKey,
  dhComputeSecret,
});
