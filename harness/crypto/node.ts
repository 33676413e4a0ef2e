/**
 * The node:crypto provider: the fast path in Node (OpenSSL).
 *
 * - Single DES uses `des-ede3-cbc` with the key K ‖ K ‖ K (bit-identical to DES, because
 *   E_K(D_K(E_K(x))) = E_K(x)); `des-cbc` needs `--openssl-legacy-provider` on Node 20.
 * - MODP: one `createDiffieHellman(prime, 2)` object per group, created on first use and
 *   reused; each key is `setPrivateKey(random)` + `generateKeys()`. Creating the object costs
 *   ~35 ms for group 2 (OpenSSL checks the parameters), and group objects from
 *   `getDiffieHellman()` have no `setPrivateKey()` (see performance-facts.md). The private
 *   exponent length is chosen here, not by OpenSSL (whose default differs per group).
 * - ECP: one `createECDH(curve)` per group, reused with `setPrivateKey`.
 * Every result is copied into a plain `Uint8Array` (not a pooled `Buffer`).
 */
import {
  createCipheriv,
  createDecipheriv,
  createDiffieHellman,
  createECDH,
  createHash,
  createHmac,
  randomBytes as nodeRandomBytes,
  type DiffieHellman,
  type ECDH,
} from 'node:crypto';
import { bigIntToBytes, concatBytes, leftPad } from './bytes.js';
import { ecpOwnPrivate, ecpPeerLength, ecpPrivate, modpOwnPrivate, modpPeer, modpPrivate } from './dh-common.js';
import { dhGroup, type EcpGroup, type EcpGroupId, type ModpGroup, type ModpGroupId } from './groups.js';
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

const OPENSSL_CIPHER: Record<CipherAlg, string> = {
  des: 'des-ede3-cbc',
  '3des': 'des-ede3-cbc',
  aes128: 'aes-128-cbc',
  aes192: 'aes-192-cbc',
  aes256: 'aes-256-cbc',
};

const OPENSSL_HASH: Record<HashAlg, string> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
};

function u8(b: Uint8Array): Uint8Array {
  return new Uint8Array(b);
}

function opensslKey(alg: CipherAlg, key: Uint8Array): Uint8Array {
  return alg === 'des' ? concatBytes(key, key, key) : key;
}

function runCipher(decrypt: boolean, alg: CipherAlg, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkCbcArgs(alg, key, iv, data);
  const k = opensslKey(alg, key);
  const c = decrypt ? createDecipheriv(OPENSSL_CIPHER[alg], k, iv) : createCipheriv(OPENSSL_CIPHER[alg], k, iv);
  c.setAutoPadding(false);
  const a = c.update(data);
  const b = c.final();
  return b.length === 0 ? u8(a) : u8(Buffer.concat([a, b]));
}

const OPENSSL_GCM: Record<AeadAlg, 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm'> = {
  aes128gcm: 'aes-128-gcm',
  aes192gcm: 'aes-192-gcm',
  aes256gcm: 'aes-256-gcm',
};

function encryptGcm(alg: AeadAlg, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, tagLength?: number): Uint8Array {
  const t = checkGcmArgs(alg, key, nonce, tagLength);
  const c = createCipheriv(OPENSSL_GCM[alg], key, nonce, { authTagLength: 16 });
  c.setAAD(aad);
  const a = c.update(plaintext);
  c.final();
  const tag = c.getAuthTag();
  const out = new Uint8Array(a.length + t);
  out.set(a, 0);
  out.set(tag.subarray(0, t), a.length);
  return out;
}

function decryptGcm(alg: AeadAlg, key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array, tagLength?: number): Uint8Array | null {
  const t = checkGcmArgs(alg, key, nonce, tagLength, sealed.length);
  const d = createDecipheriv(OPENSSL_GCM[alg], key, nonce, { authTagLength: t });
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - t));
  const a = d.update(sealed.subarray(0, sealed.length - t));
  try {
    d.final();
  } catch {
    return null;
  }
  return u8(a);
}

function randomBytes(length: number): Uint8Array {
  checkRandomLength(length);
  return u8(nodeRandomBytes(length));
}

function hash(alg: HashAlg, data: Uint8Array): Uint8Array {
  checkHashAlg(alg);
  return u8(createHash(OPENSSL_HASH[alg]).update(data).digest());
}

function hmac(alg: HashAlg, key: Uint8Array, data: Uint8Array): Uint8Array {
  checkHashAlg(alg);
  return u8(createHmac(OPENSSL_HASH[alg], key).update(data).digest());
}

const modpObjects = new Map<ModpGroupId, DiffieHellman>();
const ecdhObjects = new Map<EcpGroupId, ECDH>();

function modpObject(group: ModpGroup): DiffieHellman {
  let dh = modpObjects.get(group.id);
  if (!dh) {
    dh = createDiffieHellman(bigIntToBytes(group.prime, group.publicLength), 2);
    modpObjects.set(group.id, dh);
  }
  return dh;
}

function ecdhObject(group: EcpGroup): ECDH {
  let e = ecdhObjects.get(group.id);
  if (!e) {
    e = createECDH(group.nodeCurve);
    ecdhObjects.set(group.id, e);
  }
  return e;
}

function dhGenerateKey(groupId: DhGroupId, options?: DhKeyOptions): DhKeyPair {
  const group = dhGroup(groupId);
  if (group.kind === 'modp') {
    const priv = modpPrivate(group, options, randomBytes);
    const dh = modpObject(group);
    dh.setPrivateKey(priv.privateKey);
    const pub = leftPad(u8(dh.generateKeys()), group.publicLength);
    return { group: groupId, privateKey: priv.privateKey, publicKey: pub, exponentBits: priv.exponentBits };
  }
  const priv = ecpPrivate(group, options, randomBytes);
  const e = ecdhObject(group);
  e.setPrivateKey(priv.privateKey);
  // uncompressed SEC1 point 0x04 ‖ x ‖ y → IKEv1 KE data x ‖ y (RFC 5903 §7)
  const pub = u8(e.getPublicKey().subarray(1));
  if (pub.length !== group.publicLength) throw new Error(`group ${groupId}: unexpected public key length ${pub.length}`);
  return { group: groupId, privateKey: priv.privateKey, publicKey: pub, exponentBits: group.defaultExponentBits };
}

function dhComputeSecret(groupId: DhGroupId, privateKey: Uint8Array, peerPublicKey: Uint8Array): Uint8Array {
  const group = dhGroup(groupId);
  if (group.kind === 'modp') {
    modpOwnPrivate(group, privateKey);
    modpPeer(group, peerPublicKey);
    const dh = modpObject(group);
    dh.setPrivateKey(privateKey);
    let s: Buffer;
    try {
      s = dh.computeSecret(peerPublicKey);
    } catch (e) {
      throw new DhError(`group ${groupId}: ${(e as Error).message}`, groupId);
    }
    // g^xy keeps the full length of the prime (RFC 2409 §5)
    return leftPad(u8(s), group.secretLength);
  }
  const k = ecpOwnPrivate(group, privateKey);
  ecpPeerLength(group, peerPublicKey);
  const e = ecdhObject(group);
  e.setPrivateKey(k);
  let s: Buffer;
  try {
    s = e.computeSecret(concatBytes(new Uint8Array([4]), peerPublicKey));
  } catch (err) {
    throw new DhError(`group ${groupId}: peer public value is not a point on the curve (${(err as Error).message})`, groupId);
  }
  // the x coordinate of the shared point, at the field length (RFC 5903 §7)
  return leftPad(u8(s), group.secretLength);
}

export const nodeProvider: CryptoProvider = Object.freeze({
  name: 'node' as const,
  encryptCbc: (alg: CipherAlg, key: Uint8Array, iv: Uint8Array, data: Uint8Array) => runCipher(false, alg, key, iv, data),
  decryptCbc: (alg: CipherAlg, key: Uint8Array, iv: Uint8Array, data: Uint8Array) => runCipher(true, alg, key, iv, data),
  encryptGcm,
  decryptGcm,
  hash,
  hmac,
  randomBytes,
  dhGenerateKey,
  dhComputeSecret,
});
