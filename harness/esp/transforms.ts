/**
 * ESP transforms: what each encryption and integrity algorithm needs on the wire and from
 * KEYMAT. Encryption names are the analyzer's canonical cipher names (registries.ts), the
 * integrity names are harness/crypto's `EspIntegrity` (also used for the tshark export).
 */
import { ESP_INTEGRITY, type AeadAlg, type CipherAlg, type EspEncryption, type EspIntegrity, type HashAlg } from '../crypto/index.js';

export type EspCipher = 'null' | 'des' | '3des' | 'aes128' | 'aes192' | 'aes256' | 'aes128gcm16' | 'aes192gcm16' | 'aes256gcm16';
export type { EspIntegrity };

export interface EspCipherInfo {
  /** KEYMAT bytes for encryption: the cipher key, plus the 4-byte salt for GCM (RFC 4106 §8.1). */
  readonly keymatLength: number;
  /** The explicit IV carried in each packet (CBC: one block, RFC 2405/2451/3602; GCM: 8, RFC 4106 §3.1). */
  readonly ivLength: number;
  /** Payload ‖ padding ‖ pad length ‖ next header must be a multiple of this (≥ 4, RFC 4303 §2.4). */
  readonly alignment: number;
  /** Combined mode: integrity from the cipher, ICV = the GCM tag. */
  readonly aead: boolean;
  /** ICV length for AEAD ciphers. */
  readonly icvLength: number;
  /** harness/crypto algorithm. */
  readonly cbc?: CipherAlg;
  readonly gcm?: AeadAlg;
  /** tshark `esp_sa` encryption family. */
  readonly tshark: EspEncryption;
}

export const ESP_CIPHERS: Readonly<Record<EspCipher, EspCipherInfo>> = {
  null: { keymatLength: 0, ivLength: 0, alignment: 4, aead: false, icvLength: 0, tshark: 'null' },
  des: { keymatLength: 8, ivLength: 8, alignment: 8, aead: false, icvLength: 0, cbc: 'des', tshark: 'des-cbc' },
  '3des': { keymatLength: 24, ivLength: 8, alignment: 8, aead: false, icvLength: 0, cbc: '3des', tshark: '3des-cbc' },
  aes128: { keymatLength: 16, ivLength: 16, alignment: 16, aead: false, icvLength: 0, cbc: 'aes128', tshark: 'aes-cbc' },
  aes192: { keymatLength: 24, ivLength: 16, alignment: 16, aead: false, icvLength: 0, cbc: 'aes192', tshark: 'aes-cbc' },
  aes256: { keymatLength: 32, ivLength: 16, alignment: 16, aead: false, icvLength: 0, cbc: 'aes256', tshark: 'aes-cbc' },
  aes128gcm16: { keymatLength: 20, ivLength: 8, alignment: 4, aead: true, icvLength: 16, gcm: 'aes128gcm', tshark: 'aes-gcm-16' },
  aes192gcm16: { keymatLength: 28, ivLength: 8, alignment: 4, aead: true, icvLength: 16, gcm: 'aes192gcm', tshark: 'aes-gcm-16' },
  aes256gcm16: { keymatLength: 36, ivLength: 8, alignment: 4, aead: true, icvLength: 16, gcm: 'aes256gcm', tshark: 'aes-gcm-16' },
};

export const ESP_CIPHER_NAMES = Object.keys(ESP_CIPHERS) as EspCipher[];

export interface EspIntegrityInfo {
  readonly keyLength: number;
  /** Truncated HMAC length (RFC 2403/2404: 96 bits; RFC 4868: half the hash). */
  readonly icvLength: number;
  readonly hash?: HashAlg;
}

export const ESP_INTEGRITIES: Readonly<Record<EspIntegrity, EspIntegrityInfo>> = {
  null: { keyLength: 0, icvLength: 0 },
  'hmac-md5-96': { keyLength: ESP_INTEGRITY['hmac-md5-96'].keyLength, icvLength: 12, hash: 'md5' },
  'hmac-sha1-96': { keyLength: ESP_INTEGRITY['hmac-sha1-96'].keyLength, icvLength: 12, hash: 'sha1' },
  'hmac-sha256-128': { keyLength: ESP_INTEGRITY['hmac-sha256-128'].keyLength, icvLength: 16, hash: 'sha256' },
  'hmac-sha384-192': { keyLength: ESP_INTEGRITY['hmac-sha384-192'].keyLength, icvLength: 24, hash: 'sha384' },
  'hmac-sha512-256': { keyLength: ESP_INTEGRITY['hmac-sha512-256'].keyLength, icvLength: 32, hash: 'sha512' },
};

export const ESP_INTEGRITY_NAMES = Object.keys(ESP_INTEGRITIES) as EspIntegrity[];

/** A transform: cipher + integrity (`null` integrity with an AEAD cipher). */
export interface EspTransform {
  readonly encryption: EspCipher;
  readonly integrity: EspIntegrity;
}

/**
 * Checks a transform: AEAD ciphers take no separate integrity (RFC 4106 §5); RFC 4303 §3.2:
 * "ESP MUST NOT use NULL encryption with NULL integrity" (confidentiality-only is allowed).
 * Returns a reason, or undefined when the pair is usable.
 */
export function transformProblem(t: EspTransform): string | undefined {
  const c = ESP_CIPHERS[t.encryption];
  const i = ESP_INTEGRITIES[t.integrity];
  if (!c) return `unknown ESP cipher ${String(t.encryption)}`;
  if (!i) return `unknown ESP integrity ${String(t.integrity)}`;
  if (c.aead && t.integrity !== 'null') return `${t.encryption} is a combined mode: integrity must be null`;
  if (t.encryption === 'null' && t.integrity === 'null') return 'NULL encryption with NULL integrity is not allowed (RFC 4303 §3.2)';
  return undefined;
}

/** KEYMAT length for one direction: encryption key (+ salt) then integrity key (RFC 2409 §5.5). */
export function keymatLength(t: EspTransform): number {
  return ESP_CIPHERS[t.encryption].keymatLength + ESP_INTEGRITIES[t.integrity].keyLength;
}

/** The ICV length on the wire. */
export function icvLength(t: EspTransform): number {
  return ESP_CIPHERS[t.encryption].aead ? ESP_CIPHERS[t.encryption].icvLength : ESP_INTEGRITIES[t.integrity].icvLength;
}

/** Integrity name → the analyzer's hash name for `ipsec.sa` events. */
export function integrityHashName(i: EspIntegrity): HashAlg | undefined {
  return ESP_INTEGRITIES[i].hash;
}
