/**
 * SA payloads of phase 1 (ISAKMP, RFC 2409 Appendix A attributes) and phase 2 (ESP, RFC 2407 §4.5
 * attributes): building them from the policy, reading them back, matching offers against the local
 * policies and naming them with the canonical event attributes.
 */
import { ENCAPSULATION_MODES, P1_ATTRIBUTE_CLASSES, P1_AUTH_METHODS, IPSEC_ATTRIBUTE_CLASSES, type Cipher, type HashName } from '../../analyzer/model/registries.js';
import type { ProposalAttrs, ProposalAttrName } from '../../analyzer/model/events.js';
import { attrNumber, attrValue, tv, type Attribute, type Proposal, type SaPayload, type Transform } from '../codec/index.js';
import { CIPHERS, HASHES, type CipherAlg, type DhGroupId, type HashAlg } from '../crypto/index.js';
import { DEFAULT_P2_SECONDS, ESP_LIFE, lifetimeAttributes, readLifetime, type Lifetime } from './lifetime.js';
import type { EspCipher, EspIntegrity, EspProposal, IkeProposal } from './policy.js';

const P1 = (n: Parameters<typeof P1_ATTRIBUTE_CLASSES.valueOf>[0]) => P1_ATTRIBUTE_CLASSES.valueOf(n);
const P2 = (n: Parameters<typeof IPSEC_ATTRIBUTE_CLASSES.valueOf>[0]) => IPSEC_ATTRIBUTE_CLASSES.valueOf(n);

const P1_CIPHER: Record<CipherAlg, { id: number; keyLength?: number }> = {
  des: { id: 1 },
  '3des': { id: 5 },
  aes128: { id: 7, keyLength: 128 },
  aes192: { id: 7, keyLength: 192 },
  aes256: { id: 7, keyLength: 256 },
};
const P1_HASH_ID: Record<HashAlg, number> = { md5: 1, sha1: 2, sha256: 4, sha384: 5, sha512: 6 };
const ESP_CIPHER: Record<EspCipher, { id: number; keyLength?: number }> = {
  des: { id: 2 },
  '3des': { id: 3 },
  aes128: { id: 12, keyLength: 128 },
  aes192: { id: 12, keyLength: 192 },
  aes256: { id: 12, keyLength: 256 },
};
const ESP_AUTH_ID: Record<EspIntegrity, number> = { md5: 1, sha1: 2, sha256: 5, sha384: 6, sha512: 7 };
const PSK_AUTH = 1;

const invert = <K extends string>(r: Record<K, number>): Map<number, K> => new Map(Object.entries(r).map(([k, v]) => [v as number, k as K]));
const P1_HASH_BY_ID = invert(P1_HASH_ID);
const ESP_AUTH_BY_ID = invert(ESP_AUTH_ID);

function cipherFrom<C extends string>(table: Record<C, { id: number; keyLength?: number }>, id: number, keyLength: number | undefined): C | undefined {
  for (const [name, v] of Object.entries(table) as [C, { id: number; keyLength?: number }][]) {
    if (v.id === id && v.keyLength === (v.keyLength === undefined ? undefined : (keyLength ?? 128))) return name;
  }
  return undefined;
}

function attrMap(attrs: readonly Attribute[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const a of attrs) {
    const v = attrValue(a);
    m.set(a.type, typeof v === 'bigint' ? Number(v) : v);
  }
  return m;
}

// ---- phase 1 -------------------------------------------------------------------------------------------

/** `auth`: the authentication method number (default pre-shared key; XAUTH uses 65001/65002, draft-beaulieu-ike-xauth-02 §7.2). */
export function p1Transform(number: number, p: IkeProposal, auth = PSK_AUTH): Transform {
  const c = P1_CIPHER[p.cipher];
  const attributes: Attribute[] = [tv(P1('encryption'), c.id)];
  if (c.keyLength !== undefined) attributes.push(tv(P1('key-length'), c.keyLength));
  attributes.push(tv(P1('hash'), P1_HASH_ID[p.hash]), tv(P1('auth'), auth), tv(P1('group'), p.group));
  attributes.push(tv(P1('life-type'), 1), attrNumber(P1('life-duration'), p.lifetimeSeconds ?? 86400));
  return { number, transformId: 1, attributes };
}

export function p1Sa(proposals: readonly IkeProposal[], auth = PSK_AUTH): SaPayload {
  return { type: 'SA', doi: 1, situation: 1, proposals: [{ number: 1, protocol: 1, spi: new Uint8Array(0), transforms: proposals.map((p, i) => p1Transform(i + 1, p, auth)) }] };
}

/** What a phase-1 transform offers; unknown values stay as numbers in `unknown`. */
export interface P1Offer {
  readonly cipher?: CipherAlg;
  readonly hash?: HashAlg;
  readonly auth?: number;
  readonly group?: number;
  readonly lifetimeSeconds?: number;
  readonly raw: Map<number, number>;
}

export function readP1Transform(t: Transform): P1Offer {
  const m = attrMap(t.attributes);
  const enc = m.get(P1('encryption'));
  const cipher = enc === undefined ? undefined : cipherFrom(P1_CIPHER, enc, m.get(P1('key-length')));
  const h = m.get(P1('hash'));
  const hash = h === undefined ? undefined : P1_HASH_BY_ID.get(h);
  const out: { -readonly [K in keyof P1Offer]: P1Offer[K] } = { raw: m };
  if (cipher) out.cipher = cipher;
  if (hash) out.hash = hash;
  const auth = m.get(P1('auth'));
  if (auth !== undefined) out.auth = auth;
  const group = m.get(P1('group'));
  if (group !== undefined) out.group = group;
  if (m.get(P1('life-type')) === 1 && m.has(P1('life-duration'))) out.lifetimeSeconds = m.get(P1('life-duration'))!;
  return out;
}

/** The first attribute in which an offer differs from a policy (lifetime is not compared: the responder takes the shorter). */
export function p1Mismatch(o: P1Offer, p: IkeProposal, auth = PSK_AUTH): { attribute: ProposalAttrName; offered: string | number; configured: string | number } | undefined {
  if (o.cipher !== p.cipher) return { attribute: 'encryption', offered: o.cipher ?? `id ${o.raw.get(P1('encryption'))}`, configured: p.cipher };
  if (o.hash !== p.hash) return { attribute: 'hash', offered: o.hash ?? `id ${o.raw.get(P1('hash'))}`, configured: p.hash };
  if (o.auth !== auth) return { attribute: 'auth', offered: o.auth ?? 'none', configured: P1_AUTH_METHODS.nameOf(auth) ?? auth };
  if (o.group !== p.group) return { attribute: 'group', offered: o.group ?? 'none', configured: p.group };
  return undefined;
}

/** `auth`: true = pre-shared key, a method number = that method (when named in the registry), false = none. */
export function p1Attrs(o: { cipher?: CipherAlg; hash?: HashAlg; group?: number; lifetimeSeconds?: number }, auth: boolean | number = true): ProposalAttrs {
  const method = auth === true ? 'psk' : auth === false ? undefined : P1_AUTH_METHODS.nameOf(auth);
  return {
    ...(o.cipher ? { encryption: o.cipher as Cipher } : {}),
    ...(o.cipher && o.cipher.startsWith('aes') ? { keyLength: CIPHERS[o.cipher].keyLength * 8 } : {}),
    ...(o.hash ? { hash: o.hash as HashName } : {}),
    ...(o.group !== undefined ? { group: o.group } : {}),
    ...(method ? { auth: method } : {}),
    ...(o.lifetimeSeconds !== undefined ? { lifetimeSeconds: o.lifetimeSeconds } : {}),
  };
}

// ---- phase 2 -------------------------------------------------------------------------------------------

/** `encapsulation`: RFC 2407 §4.5 / RFC 3947 §5.1 value (default 1, tunnel). */
export function espTransform(number: number, p: EspProposal, pfsGroup: number, encapsulation = 1): Transform {
  const c = ESP_CIPHER[p.cipher];
  const attributes: Attribute[] = lifetimeAttributes({ seconds: p.lifetimeSeconds ?? DEFAULT_P2_SECONDS, ...(p.lifetimeKilobytes !== undefined ? { kilobytes: p.lifetimeKilobytes } : {}) }, ESP_LIFE);
  if (pfsGroup) attributes.push(tv(P2('group'), pfsGroup));
  attributes.push(tv(P2('encapsulation'), encapsulation), tv(P2('auth-algorithm'), ESP_AUTH_ID[p.integrity]));
  if (c.keyLength !== undefined) attributes.push(tv(P2('key-length'), c.keyLength));
  return { number, transformId: c.id, attributes };
}

export function espSa(spi: Uint8Array, proposals: readonly EspProposal[], pfsGroup: number, encapsulation = 1): SaPayload {
  const prop: Proposal = { number: 1, protocol: 3, spi, transforms: proposals.map((p, i) => espTransform(i + 1, p, pfsGroup, encapsulation)) };
  return { type: 'SA', doi: 1, situation: 1, proposals: [prop] };
}

export interface EspOffer {
  readonly cipher?: EspCipher;
  readonly integrity?: EspIntegrity;
  readonly pfsGroup: number;
  readonly encapsulation?: number;
  readonly lifetimeSeconds?: number;
  readonly lifetimeKilobytes?: number;
}

export function readEspTransform(t: Transform): EspOffer {
  const m = attrMap(t.attributes);
  const cipher = cipherFrom(ESP_CIPHER, t.transformId, m.get(P2('key-length')));
  const a = m.get(P2('auth-algorithm'));
  const integrity = a === undefined ? undefined : ESP_AUTH_BY_ID.get(a);
  return {
    ...(cipher ? { cipher } : {}),
    ...(integrity ? { integrity } : {}),
    pfsGroup: m.get(P2('group')) ?? 0,
    ...(m.has(P2('encapsulation')) ? { encapsulation: m.get(P2('encapsulation'))! } : {}),
    ...lifetimeFields(readLifetime(t.attributes, ESP_LIFE)),
  };
}

export function espMismatch(o: EspOffer, p: EspProposal, pfsGroup: number, encapsulation = 1): { attribute: ProposalAttrName; offered: string | number; configured: string | number } | undefined {
  if (o.cipher !== p.cipher) return { attribute: 'encryption', offered: o.cipher ?? 'unknown', configured: p.cipher };
  if (o.integrity !== p.integrity) return { attribute: 'hash', offered: o.integrity ?? 'unknown', configured: p.integrity };
  if (o.encapsulation !== encapsulation) return { attribute: 'encapsulation', offered: encapsulationName(o.encapsulation) ?? o.encapsulation ?? 'none', configured: encapsulationName(encapsulation) ?? encapsulation };
  if (o.pfsGroup !== pfsGroup) return { attribute: 'pfsGroup', offered: o.pfsGroup, configured: pfsGroup };
  return undefined;
}

const encapsulationName = (v: number | undefined) => (v === undefined ? undefined : ENCAPSULATION_MODES.nameOf(v));

/** A `Lifetime` as the optional `lifetimeSeconds` / `lifetimeKilobytes` fields of offers, proposals and events. */
export function lifetimeFields(l: Lifetime): { lifetimeSeconds?: number; lifetimeKilobytes?: number; encapsulation?: number } {
  return { ...(l.seconds !== undefined ? { lifetimeSeconds: l.seconds } : {}), ...(l.kilobytes !== undefined ? { lifetimeKilobytes: l.kilobytes } : {}) };
}

export function espAttrs(o: { cipher?: EspCipher; integrity?: EspIntegrity; pfsGroup?: number; lifetimeSeconds?: number; lifetimeKilobytes?: number; encapsulation?: number }): ProposalAttrs {
  return {
    protocol: 'esp',
    ...(o.cipher ? { encryption: o.cipher as Cipher } : {}),
    ...(o.integrity ? { hash: o.integrity as HashName } : {}),
    encapsulation: encapsulationName(o.encapsulation) ?? 'tunnel',
    ...(o.pfsGroup !== undefined ? { pfsGroup: o.pfsGroup } : {}),
    ...(o.lifetimeSeconds !== undefined ? { lifetimeSeconds: o.lifetimeSeconds } : {}),
    ...(o.lifetimeKilobytes !== undefined ? { lifetimeKilobytes: o.lifetimeKilobytes } : {}),
  };
}

/** Key lengths in bytes for KEYMAT: ESP cipher key, HMAC key. */
export function espKeyLengths(cipher: EspCipher, integrity: EspIntegrity): { enc: number; auth: number } {
  const enc = cipher === 'des' ? 8 : CIPHERS[cipher].keyLength;
  return { enc, auth: HASHES[integrity].outputLength };
}

export type { DhGroupId };
