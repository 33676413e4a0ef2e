// IANA / RFC registries of IKEv1 (ISAKMP + IPsec DOI + Oakley), as tables.
//
// Every table row is { value, name, label, ref }: `value` the number on the wire, `name` the canonical
// name ikelens uses everywhere (events, findings, reports), `label` the name as the RFC/draft writes it,
// `ref` the document that assigns the number. Only numbers whose assignment is certain are listed.
//
// The second half of the file holds the *spellings*: the words Cisco IOS, Cisco ASA and strongSwan print
// (or accept in their configuration) for algorithms, groups, auth methods, payloads, notifies and
// Mode-Config attributes, mapped to the canonical names through one lookup function per category
// (`canonicalCipher`, `canonicalHash`, ...). The strongSwan words were checked against the enum tables
// of strongSwan 5.9.8 (libstrongswan / libcharon); the Cisco words come from the corpus and from Cisco's
// documented debug output.
//
// This module imports nothing: it also runs in the browser.

// ---------------------------------------------------------------------------------------------------
// Registry machinery
// ---------------------------------------------------------------------------------------------------

export interface RegistryEntry<N extends string = string> {
  /** The number on the wire. */
  readonly value: number;
  /** Canonical name used by ikelens. */
  readonly name: N;
  /** The name as the assigning document writes it. */
  readonly label: string;
  /** The document that assigns the number (RFC section or draft). */
  readonly ref: string;
  readonly note?: string;
}

export interface Registry<N extends string = string, X extends RegistryEntry<N> = RegistryEntry<N>> {
  readonly id: string;
  readonly title: string;
  readonly ref: string;
  readonly entries: readonly X[];
  byValue(value: number): X | undefined;
  byName(name: string): X | undefined;
  /** The canonical name of a number, or undefined when unassigned/unknown. */
  nameOf(value: number): N | undefined;
  /** The number of a canonical name. */
  valueOf(name: N): number;
}

function defineRegistry<const E extends readonly RegistryEntry[]>(
  id: string,
  title: string,
  ref: string,
  entries: E,
): Registry<E[number]['name'], E[number] & RegistryEntry<E[number]['name']>> {
  type N = E[number]['name'];
  type X = E[number] & RegistryEntry<N>;
  const list = entries as unknown as readonly X[];
  const byValue = new Map<number, X>();
  const byName = new Map<string, X>();
  for (const e of list) {
    if (!byValue.has(e.value)) byValue.set(e.value, e);
    if (!byName.has(e.name)) byName.set(e.name, e);
  }
  return Object.freeze({
    id,
    title,
    ref,
    entries: list,
    byValue: (v: number) => byValue.get(v),
    byName: (n: string) => byName.get(n),
    nameOf: (v: number) => byValue.get(v)?.name as N | undefined,
    valueOf: (n: N) => {
      const e = byName.get(n);
      if (!e) throw new Error(`${id}: no entry named ${n}`);
      return e.value;
    },
  });
}

// ---------------------------------------------------------------------------------------------------
// ISAKMP header: exchange types (RFC 2408 §3.1, RFC 2409 §4, mode-cfg draft)
// ---------------------------------------------------------------------------------------------------

export const EXCHANGE_TYPES = defineRegistry('exchange-type', 'ISAKMP exchange types', 'RFC 2408 §3.1', [
  { value: 0, name: 'none', label: 'NONE', ref: 'RFC 2408 §3.1' },
  { value: 1, name: 'base', label: 'Base', ref: 'RFC 2408 §3.1, §4.4' },
  { value: 2, name: 'main', label: 'Identity Protection', ref: 'RFC 2408 §3.1, §4.5; Main Mode in RFC 2409 §5' },
  { value: 3, name: 'auth-only', label: 'Authentication Only', ref: 'RFC 2408 §3.1, §4.6' },
  { value: 4, name: 'aggressive', label: 'Aggressive', ref: 'RFC 2408 §3.1, §4.7; RFC 2409 §5' },
  { value: 5, name: 'informational', label: 'Informational', ref: 'RFC 2408 §3.1, §4.8' },
  { value: 6, name: 'transaction', label: 'ISAKMP_CFG_MODE (Transaction)', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.1' },
  { value: 32, name: 'quick', label: 'Quick Mode', ref: 'RFC 2409 §5.5, Appendix A' },
  { value: 33, name: 'new-group', label: 'New Group Mode', ref: 'RFC 2409 §5.6, Appendix A' },
] as const);
export type ExchangeName = (typeof EXCHANGE_TYPES.entries)[number]['name'];

// ---------------------------------------------------------------------------------------------------
// Payload types (RFC 2408 §3.1 "Next Payload")
// ---------------------------------------------------------------------------------------------------

export const PAYLOAD_TYPES = defineRegistry('payload-type', 'ISAKMP payload types (Next Payload)', 'RFC 2408 §3.1', [
  { value: 0, name: 'NONE', label: 'NONE', ref: 'RFC 2408 §3.1' },
  { value: 1, name: 'SA', label: 'Security Association', ref: 'RFC 2408 §3.4' },
  { value: 2, name: 'P', label: 'Proposal', ref: 'RFC 2408 §3.5' },
  { value: 3, name: 'T', label: 'Transform', ref: 'RFC 2408 §3.6' },
  { value: 4, name: 'KE', label: 'Key Exchange', ref: 'RFC 2408 §3.7' },
  { value: 5, name: 'ID', label: 'Identification', ref: 'RFC 2408 §3.8' },
  { value: 6, name: 'CERT', label: 'Certificate', ref: 'RFC 2408 §3.9' },
  { value: 7, name: 'CR', label: 'Certificate Request', ref: 'RFC 2408 §3.10' },
  { value: 8, name: 'HASH', label: 'Hash', ref: 'RFC 2408 §3.11' },
  { value: 9, name: 'SIG', label: 'Signature', ref: 'RFC 2408 §3.12' },
  { value: 10, name: 'NONCE', label: 'Nonce', ref: 'RFC 2408 §3.13' },
  { value: 11, name: 'N', label: 'Notification', ref: 'RFC 2408 §3.14' },
  { value: 12, name: 'D', label: 'Delete', ref: 'RFC 2408 §3.15' },
  { value: 13, name: 'VID', label: 'Vendor ID', ref: 'RFC 2408 §3.16' },
  { value: 14, name: 'ATTR', label: 'Attribute (Mode-Config / XAUTH)', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2' },
  { value: 15, name: 'SAK', label: 'SA KEK', ref: 'RFC 3547 §5.1 (GDOI)' },
  { value: 16, name: 'SAT', label: 'SA TEK', ref: 'RFC 3547 §5.1 (GDOI)' },
  { value: 17, name: 'KD', label: 'Key Download', ref: 'RFC 3547 §5.1 (GDOI)' },
  { value: 18, name: 'SEQ', label: 'Sequence Number', ref: 'RFC 3547 §5.1 (GDOI)' },
  { value: 19, name: 'POP', label: 'Proof of Possession', ref: 'RFC 3547 §5.1 (GDOI)' },
  { value: 20, name: 'NAT-D', label: 'NAT Discovery', ref: 'RFC 3947 §3.2' },
  { value: 21, name: 'NAT-OA', label: 'NAT Original Address', ref: 'RFC 3947 §5.1' },
  {
    value: 128,
    name: 'IOS-KEEPALIVE',
    label: 'Cisco IOS keepalive (private use)',
    ref: 'Cisco proprietary (private-use range of RFC 2408 §3.1)',
    note: 'ASA prints it as "IOS KEEPALIVE (128)" in IKE_DECODE lines',
  },
  { value: 130, name: 'NAT-D-DRAFT', label: 'NAT Discovery (drafts)', ref: 'draft-ietf-ipsec-nat-t-ike-02/03 §3.2 (private use)' },
  { value: 131, name: 'NAT-OA-DRAFT', label: 'NAT Original Address (drafts)', ref: 'draft-ietf-ipsec-nat-t-ike-02/03 §5.1 (private use)' },
  {
    value: 132,
    name: 'FRAG',
    label: 'Cisco IKE fragmentation',
    ref: 'Cisco proprietary (private use); also implemented by strongSwan and Windows',
  },
] as const);
export type PayloadName = (typeof PAYLOAD_TYPES.entries)[number]['name'];

// ---------------------------------------------------------------------------------------------------
// Domain of Interpretation, protocol IDs, transform IDs
// ---------------------------------------------------------------------------------------------------

export const DOIS = defineRegistry('doi', 'Domains of Interpretation', 'RFC 2408 §3.4', [
  { value: 0, name: 'isakmp', label: 'ISAKMP', ref: 'RFC 2408 §3.4' },
  { value: 1, name: 'ipsec', label: 'IPSEC', ref: 'RFC 2407 §4.2' },
  { value: 2, name: 'gdoi', label: 'GDOI', ref: 'RFC 3547 §1' },
] as const);
export type DoiName = (typeof DOIS.entries)[number]['name'];

export const PROTOCOL_IDS = defineRegistry('protocol-id', 'IPsec DOI security protocol identifiers', 'RFC 2407 §4.4.1', [
  { value: 1, name: 'isakmp', label: 'PROTO_ISAKMP', ref: 'RFC 2407 §4.4.1' },
  { value: 2, name: 'ah', label: 'PROTO_IPSEC_AH', ref: 'RFC 2407 §4.4.1' },
  { value: 3, name: 'esp', label: 'PROTO_IPSEC_ESP', ref: 'RFC 2407 §4.4.1' },
  { value: 4, name: 'ipcomp', label: 'PROTO_IPCOMP', ref: 'RFC 2407 §4.4.1' },
] as const);
export type ProtocolName = (typeof PROTOCOL_IDS.entries)[number]['name'];

export const ISAKMP_TRANSFORM_IDS = defineRegistry('isakmp-transform-id', 'ISAKMP transform identifiers', 'RFC 2407 §4.4.2', [
  { value: 1, name: 'key-ike', label: 'KEY_IKE', ref: 'RFC 2407 §4.4.2' },
] as const);

export const AH_TRANSFORM_IDS = defineRegistry('ah-transform-id', 'IPsec AH transform identifiers', 'RFC 2407 §4.4.3', [
  { value: 2, name: 'md5', label: 'AH_MD5', ref: 'RFC 2407 §4.4.3.2' },
  { value: 3, name: 'sha1', label: 'AH_SHA', ref: 'RFC 2407 §4.4.3.3' },
  { value: 4, name: 'des', label: 'AH_DES', ref: 'RFC 2407 §4.4.3.4' },
  { value: 5, name: 'sha256', label: 'AH_SHA2-256', ref: 'RFC 4868 §4' },
  { value: 6, name: 'sha384', label: 'AH_SHA2-384', ref: 'RFC 4868 §4' },
  { value: 7, name: 'sha512', label: 'AH_SHA2-512', ref: 'RFC 4868 §4' },
  { value: 8, name: 'ripemd160', label: 'AH_RIPEMD', ref: 'RFC 2857 §4' },
  { value: 9, name: 'aes-xcbc', label: 'AH_AES-XCBC-MAC', ref: 'RFC 3566 §5' },
  { value: 10, name: 'rsa', label: 'AH_RSA', ref: 'RFC 4359 §3' },
  { value: 11, name: 'aes128gmac', label: 'AH_AES-128-GMAC', ref: 'RFC 4543 §9' },
  { value: 12, name: 'aes192gmac', label: 'AH_AES-192-GMAC', ref: 'RFC 4543 §9' },
  { value: 13, name: 'aes256gmac', label: 'AH_AES-256-GMAC', ref: 'RFC 4543 §9' },
] as const);
export type AhTransformName = (typeof AH_TRANSFORM_IDS.entries)[number]['name'];

/** ESP transform IDs. `name` is the cipher family; see CIPHERS for the key-length-qualified names. */
export const ESP_TRANSFORM_IDS = defineRegistry('esp-transform-id', 'IPsec ESP transform identifiers', 'RFC 2407 §4.4.4', [
  { value: 1, name: 'des-iv64', label: 'ESP_DES_IV64', ref: 'RFC 2407 §4.4.4' },
  { value: 2, name: 'des', label: 'ESP_DES', ref: 'RFC 2407 §4.4.4' },
  { value: 3, name: '3des', label: 'ESP_3DES', ref: 'RFC 2407 §4.4.4' },
  { value: 4, name: 'rc5', label: 'ESP_RC5', ref: 'RFC 2407 §4.4.4' },
  { value: 5, name: 'idea', label: 'ESP_IDEA', ref: 'RFC 2407 §4.4.4' },
  { value: 6, name: 'cast', label: 'ESP_CAST', ref: 'RFC 2407 §4.4.4' },
  { value: 7, name: 'blowfish', label: 'ESP_BLOWFISH', ref: 'RFC 2407 §4.4.4' },
  { value: 8, name: '3idea', label: 'ESP_3IDEA', ref: 'RFC 2407 §4.4.4' },
  { value: 9, name: 'des-iv32', label: 'ESP_DES_IV32', ref: 'RFC 2407 §4.4.4' },
  { value: 10, name: 'rc4', label: 'ESP_RC4', ref: 'RFC 2407 §4.4.4' },
  { value: 11, name: 'null', label: 'ESP_NULL', ref: 'RFC 2407 §4.4.4; RFC 2410' },
  { value: 12, name: 'aes', label: 'ESP_AES-CBC', ref: 'RFC 3602 §5.1' },
  { value: 13, name: 'aes-ctr', label: 'ESP_AES-CTR', ref: 'RFC 3686 §5' },
  { value: 14, name: 'aes-ccm8', label: 'ESP_AES-CCM_8', ref: 'RFC 4309 §7.1' },
  { value: 15, name: 'aes-ccm12', label: 'ESP_AES-CCM_12', ref: 'RFC 4309 §7.1' },
  { value: 16, name: 'aes-ccm16', label: 'ESP_AES-CCM_16', ref: 'RFC 4309 §7.1' },
  { value: 18, name: 'aes-gcm8', label: 'ESP_AES-GCM_8', ref: 'RFC 4106 §8.1' },
  { value: 19, name: 'aes-gcm12', label: 'ESP_AES-GCM_12', ref: 'RFC 4106 §8.1' },
  { value: 20, name: 'aes-gcm16', label: 'ESP_AES-GCM_16', ref: 'RFC 4106 §8.1' },
  { value: 21, name: 'seed', label: 'ESP_SEED_CBC', ref: 'RFC 4196 §3' },
  { value: 22, name: 'camellia', label: 'ESP_CAMELLIA', ref: 'RFC 4312 §4' },
  { value: 23, name: 'null-aes-gmac', label: 'ESP_NULL_AUTH_AES-GMAC', ref: 'RFC 4543 §9' },
] as const);
export type EspTransformName = (typeof ESP_TRANSFORM_IDS.entries)[number]['name'];

export const IPCOMP_TRANSFORM_IDS = defineRegistry('ipcomp-transform-id', 'IPCOMP transform identifiers', 'RFC 2407 §4.4.5', [
  { value: 1, name: 'oui', label: 'IPCOMP_OUI', ref: 'RFC 2407 §4.4.5' },
  { value: 2, name: 'deflate', label: 'IPCOMP_DEFLATE', ref: 'RFC 2407 §4.4.5; RFC 2394' },
  { value: 3, name: 'lzs', label: 'IPCOMP_LZS', ref: 'RFC 2407 §4.4.5; RFC 2395' },
  { value: 4, name: 'lzjh', label: 'IPCOMP_LZJH', ref: 'RFC 3051 §3' },
] as const);

// ---------------------------------------------------------------------------------------------------
// Phase-1 (Oakley) attributes: RFC 2409 Appendix A
// ---------------------------------------------------------------------------------------------------

export type AttributeFormat = 'basic' | 'variable';

export interface AttributeClass<N extends string = string> extends RegistryEntry<N> {
  /** B (basic, TV) or V (variable, TLV) as RFC 2409 Appendix A / RFC 2407 §4.5 mark them. */
  readonly format: AttributeFormat;
  /** The id of the registry of values, when the class has enumerated values. */
  readonly values?: string;
}

function defineAttributeClasses<const E extends readonly AttributeClass[]>(
  id: string,
  title: string,
  ref: string,
  entries: E,
): Registry<E[number]['name'], AttributeClass<E[number]['name']>> {
  return defineRegistry(id, title, ref, entries) as unknown as Registry<E[number]['name'], AttributeClass<E[number]['name']>>;
}

export const P1_ATTRIBUTE_CLASSES = defineAttributeClasses('p1-attribute-class', 'Oakley (phase-1) attribute classes', 'RFC 2409 Appendix A', [
  { value: 1, name: 'encryption', label: 'Encryption Algorithm', format: 'basic', values: 'p1-encryption', ref: 'RFC 2409 Appendix A' },
  { value: 2, name: 'hash', label: 'Hash Algorithm', format: 'basic', values: 'p1-hash', ref: 'RFC 2409 Appendix A' },
  { value: 3, name: 'auth', label: 'Authentication Method', format: 'basic', values: 'p1-auth', ref: 'RFC 2409 Appendix A' },
  { value: 4, name: 'group', label: 'Group Description', format: 'basic', values: 'group', ref: 'RFC 2409 Appendix A' },
  { value: 5, name: 'group-type', label: 'Group Type', format: 'basic', values: 'group-type', ref: 'RFC 2409 Appendix A' },
  { value: 6, name: 'group-prime', label: 'Group Prime/Irreducible Polynomial', format: 'variable', ref: 'RFC 2409 Appendix A' },
  { value: 7, name: 'group-generator-one', label: 'Group Generator One', format: 'variable', ref: 'RFC 2409 Appendix A' },
  { value: 8, name: 'group-generator-two', label: 'Group Generator Two', format: 'variable', ref: 'RFC 2409 Appendix A' },
  { value: 9, name: 'group-curve-a', label: 'Group Curve A', format: 'variable', ref: 'RFC 2409 Appendix A' },
  { value: 10, name: 'group-curve-b', label: 'Group Curve B', format: 'variable', ref: 'RFC 2409 Appendix A' },
  { value: 11, name: 'life-type', label: 'Life Type', format: 'basic', values: 'life-type', ref: 'RFC 2409 Appendix A' },
  { value: 12, name: 'life-duration', label: 'Life Duration', format: 'variable', ref: 'RFC 2409 Appendix A' },
  {
    value: 13,
    name: 'prf',
    label: 'PRF',
    format: 'basic',
    ref: 'RFC 2409 Appendix A',
    note: 'RFC 2409 defines no PRF values ("There are currently no pseudo-random functions defined"): the HMAC of the negotiated hash is used',
  },
  { value: 14, name: 'key-length', label: 'Key Length', format: 'basic', ref: 'RFC 2409 Appendix A' },
  { value: 15, name: 'field-size', label: 'Field Size', format: 'basic', ref: 'RFC 2409 Appendix A' },
  { value: 16, name: 'group-order', label: 'Group Order', format: 'variable', ref: 'RFC 2409 Appendix A' },
] as const);
export type P1AttributeName = (typeof P1_ATTRIBUTE_CLASSES.entries)[number]['name'];

/** Phase-1 encryption algorithm values. `name` is the cipher family (key length separate). */
export const P1_ENCRYPTION = defineRegistry('p1-encryption', 'Oakley encryption algorithms', 'RFC 2409 Appendix A', [
  { value: 1, name: 'des', label: 'DES-CBC', ref: 'RFC 2409 Appendix A' },
  { value: 2, name: 'idea', label: 'IDEA-CBC', ref: 'RFC 2409 Appendix A' },
  { value: 3, name: 'blowfish', label: 'Blowfish-CBC', ref: 'RFC 2409 Appendix A' },
  { value: 4, name: 'rc5', label: 'RC5-R16-B64-CBC', ref: 'RFC 2409 Appendix A' },
  { value: 5, name: '3des', label: '3DES-CBC', ref: 'RFC 2409 Appendix A' },
  { value: 6, name: 'cast', label: 'CAST-CBC', ref: 'RFC 2409 Appendix A' },
  { value: 7, name: 'aes', label: 'AES-CBC', ref: 'RFC 3602 §5.3' },
  { value: 8, name: 'camellia', label: 'CAMELLIA-CBC', ref: 'RFC 4312 §3' },
] as const);
export type P1EncryptionName = (typeof P1_ENCRYPTION.entries)[number]['name'];

/** Phase-1 hash values; the names double as canonical hash/integrity names. */
export const P1_HASH = defineRegistry('p1-hash', 'Oakley hash algorithms', 'RFC 2409 Appendix A', [
  { value: 1, name: 'md5', label: 'MD5', ref: 'RFC 2409 Appendix A' },
  { value: 2, name: 'sha1', label: 'SHA', ref: 'RFC 2409 Appendix A' },
  { value: 3, name: 'tiger', label: 'Tiger', ref: 'RFC 2409 Appendix A' },
  { value: 4, name: 'sha256', label: 'SHA2-256', ref: 'RFC 4868 §4' },
  { value: 5, name: 'sha384', label: 'SHA2-384', ref: 'RFC 4868 §4' },
  { value: 6, name: 'sha512', label: 'SHA2-512', ref: 'RFC 4868 §4' },
] as const);

/** Phase-1 authentication methods; the names are the canonical auth method names. */
export const P1_AUTH_METHODS = defineRegistry('p1-auth', 'Oakley authentication methods', 'RFC 2409 Appendix A', [
  { value: 1, name: 'psk', label: 'pre-shared key', ref: 'RFC 2409 Appendix A' },
  { value: 2, name: 'dss-sig', label: 'DSS signatures', ref: 'RFC 2409 Appendix A' },
  { value: 3, name: 'rsa-sig', label: 'RSA signatures', ref: 'RFC 2409 Appendix A' },
  { value: 4, name: 'rsa-enc', label: 'Encryption with RSA', ref: 'RFC 2409 Appendix A' },
  { value: 5, name: 'rsa-enc-rev', label: 'Revised encryption with RSA', ref: 'RFC 2409 Appendix A' },
  { value: 9, name: 'ecdsa-256', label: 'ECDSA with SHA-256 on the P-256 curve', ref: 'RFC 4754 §4' },
  { value: 10, name: 'ecdsa-384', label: 'ECDSA with SHA-384 on the P-384 curve', ref: 'RFC 4754 §4' },
  { value: 11, name: 'ecdsa-521', label: 'ECDSA with SHA-512 on the P-521 curve', ref: 'RFC 4754 §4' },
  { value: 64221, name: 'hybrid-init-rsa', label: 'HybridInitRSA', ref: 'draft-ietf-ipsec-isakmp-hybrid-auth-05 §3.2.1' },
  { value: 64222, name: 'hybrid-resp-rsa', label: 'HybridRespRSA', ref: 'draft-ietf-ipsec-isakmp-hybrid-auth-05 §3.2.1' },
  { value: 64223, name: 'hybrid-init-dss', label: 'HybridInitDSS', ref: 'draft-ietf-ipsec-isakmp-hybrid-auth-05 §3.2.1' },
  { value: 64224, name: 'hybrid-resp-dss', label: 'HybridRespDSS', ref: 'draft-ietf-ipsec-isakmp-hybrid-auth-05 §3.2.1' },
  { value: 65001, name: 'xauth-init-psk', label: 'XAUTHInitPreShared', ref: 'draft-beaulieu-ike-xauth-02 §7.2' },
  { value: 65002, name: 'xauth-resp-psk', label: 'XAUTHRespPreShared', ref: 'draft-beaulieu-ike-xauth-02 §7.2' },
  { value: 65003, name: 'xauth-init-dss', label: 'XAUTHInitDSS', ref: 'draft-beaulieu-ike-xauth-02 §7.2' },
  { value: 65004, name: 'xauth-resp-dss', label: 'XAUTHRespDSS', ref: 'draft-beaulieu-ike-xauth-02 §7.2' },
  { value: 65005, name: 'xauth-init-rsa', label: 'XAUTHInitRSA', ref: 'draft-beaulieu-ike-xauth-02 §7.2' },
  { value: 65006, name: 'xauth-resp-rsa', label: 'XAUTHRespRSA', ref: 'draft-beaulieu-ike-xauth-02 §7.2' },
  { value: 65007, name: 'xauth-init-rsa-enc', label: 'XAUTHInitRSAEncryption', ref: 'draft-beaulieu-ike-xauth-02 §7.2' },
  { value: 65008, name: 'xauth-resp-rsa-enc', label: 'XAUTHRespRSAEncryption', ref: 'draft-beaulieu-ike-xauth-02 §7.2' },
  { value: 65009, name: 'xauth-init-rsa-enc-rev', label: 'XAUTHInitRSARevisedEncryption', ref: 'draft-beaulieu-ike-xauth-02 §7.2' },
  { value: 65010, name: 'xauth-resp-rsa-enc-rev', label: 'XAUTHRespRSARevisedEncryption', ref: 'draft-beaulieu-ike-xauth-02 §7.2' },
] as const);
export type AuthMethod = (typeof P1_AUTH_METHODS.entries)[number]['name'];

/** The base authentication of an auth method and whether XAUTH / hybrid runs on top of it. */
export interface AuthMethodFacts {
  readonly base: 'psk' | 'dss-sig' | 'rsa-sig' | 'rsa-enc' | 'rsa-enc-rev' | 'ecdsa-256' | 'ecdsa-384' | 'ecdsa-521';
  readonly xauth: boolean;
  readonly hybrid: boolean;
  /** For XAUTH/hybrid methods: which IKE role is the XAUTH client ("Init" = the IKE initiator). */
  readonly xauthClient?: 'initiator' | 'responder';
}

export const AUTH_METHOD_FACTS: { readonly [M in AuthMethod]: AuthMethodFacts } = {
  psk: { base: 'psk', xauth: false, hybrid: false },
  'dss-sig': { base: 'dss-sig', xauth: false, hybrid: false },
  'rsa-sig': { base: 'rsa-sig', xauth: false, hybrid: false },
  'rsa-enc': { base: 'rsa-enc', xauth: false, hybrid: false },
  'rsa-enc-rev': { base: 'rsa-enc-rev', xauth: false, hybrid: false },
  'ecdsa-256': { base: 'ecdsa-256', xauth: false, hybrid: false },
  'ecdsa-384': { base: 'ecdsa-384', xauth: false, hybrid: false },
  'ecdsa-521': { base: 'ecdsa-521', xauth: false, hybrid: false },
  'hybrid-init-rsa': { base: 'rsa-sig', xauth: true, hybrid: true, xauthClient: 'initiator' },
  'hybrid-resp-rsa': { base: 'rsa-sig', xauth: true, hybrid: true, xauthClient: 'responder' },
  'hybrid-init-dss': { base: 'dss-sig', xauth: true, hybrid: true, xauthClient: 'initiator' },
  'hybrid-resp-dss': { base: 'dss-sig', xauth: true, hybrid: true, xauthClient: 'responder' },
  'xauth-init-psk': { base: 'psk', xauth: true, hybrid: false, xauthClient: 'initiator' },
  'xauth-resp-psk': { base: 'psk', xauth: true, hybrid: false, xauthClient: 'responder' },
  'xauth-init-dss': { base: 'dss-sig', xauth: true, hybrid: false, xauthClient: 'initiator' },
  'xauth-resp-dss': { base: 'dss-sig', xauth: true, hybrid: false, xauthClient: 'responder' },
  'xauth-init-rsa': { base: 'rsa-sig', xauth: true, hybrid: false, xauthClient: 'initiator' },
  'xauth-resp-rsa': { base: 'rsa-sig', xauth: true, hybrid: false, xauthClient: 'responder' },
  'xauth-init-rsa-enc': { base: 'rsa-enc', xauth: true, hybrid: false, xauthClient: 'initiator' },
  'xauth-resp-rsa-enc': { base: 'rsa-enc', xauth: true, hybrid: false, xauthClient: 'responder' },
  'xauth-init-rsa-enc-rev': { base: 'rsa-enc-rev', xauth: true, hybrid: false, xauthClient: 'initiator' },
  'xauth-resp-rsa-enc-rev': { base: 'rsa-enc-rev', xauth: true, hybrid: false, xauthClient: 'responder' },
};

/**
 * Group descriptions (shared by phase 1 and the IPsec DOI "Group Description" attribute).
 * The canonical group is the number; `name` is strongSwan's keyword for it.
 */
export const GROUPS = defineRegistry('group', 'Oakley group descriptions', 'RFC 2409 Appendix A', [
  { value: 1, name: 'modp768', label: 'default 768-bit MODP group', ref: 'RFC 2409 §6.1' },
  { value: 2, name: 'modp1024', label: 'alternate 1024-bit MODP group', ref: 'RFC 2409 §6.2' },
  { value: 3, name: 'ec2n155', label: 'EC2N group on GP[2^155]', ref: 'RFC 2409 §6.3' },
  { value: 4, name: 'ec2n185', label: 'EC2N group on GP[2^185]', ref: 'RFC 2409 §6.4' },
  { value: 5, name: 'modp1536', label: '1536-bit MODP group', ref: 'RFC 3526 §2' },
  { value: 14, name: 'modp2048', label: '2048-bit MODP group', ref: 'RFC 3526 §3' },
  { value: 15, name: 'modp3072', label: '3072-bit MODP group', ref: 'RFC 3526 §4' },
  { value: 16, name: 'modp4096', label: '4096-bit MODP group', ref: 'RFC 3526 §5' },
  { value: 17, name: 'modp6144', label: '6144-bit MODP group', ref: 'RFC 3526 §6' },
  { value: 18, name: 'modp8192', label: '8192-bit MODP group', ref: 'RFC 3526 §7' },
  { value: 19, name: 'ecp256', label: '256-bit random ECP group', ref: 'RFC 5903 §3.1, §5' },
  { value: 20, name: 'ecp384', label: '384-bit random ECP group', ref: 'RFC 5903 §3.2, §5' },
  { value: 21, name: 'ecp521', label: '521-bit random ECP group', ref: 'RFC 5903 §3.3, §5' },
  { value: 22, name: 'modp1024s160', label: '1024-bit MODP group with 160-bit prime order subgroup', ref: 'RFC 5114 §2.1, §4' },
  { value: 23, name: 'modp2048s224', label: '2048-bit MODP group with 224-bit prime order subgroup', ref: 'RFC 5114 §2.2, §4' },
  { value: 24, name: 'modp2048s256', label: '2048-bit MODP group with 256-bit prime order subgroup', ref: 'RFC 5114 §2.3, §4' },
  { value: 25, name: 'ecp192', label: '192-bit random ECP group', ref: 'RFC 5114 §2.6, §4' },
  { value: 26, name: 'ecp224', label: '224-bit random ECP group', ref: 'RFC 5114 §2.7, §4' },
] as const);
export type GroupName = (typeof GROUPS.entries)[number]['name'];

export const GROUP_TYPES = defineRegistry('group-type', 'Oakley group types', 'RFC 2409 Appendix A', [
  { value: 1, name: 'modp', label: 'MODP (modular exponentiation group)', ref: 'RFC 2409 Appendix A' },
  { value: 2, name: 'ecp', label: 'ECP (elliptic curve group over GF[P])', ref: 'RFC 2409 Appendix A' },
  { value: 3, name: 'ec2n', label: 'EC2N (elliptic curve group over GF[2^N])', ref: 'RFC 2409 Appendix A' },
] as const);

export const LIFE_TYPES = defineRegistry('life-type', 'Life types (phase 1 and IPsec DOI SA Life Type)', 'RFC 2409 Appendix A; RFC 2407 §4.5', [
  { value: 1, name: 'seconds', label: 'seconds', ref: 'RFC 2409 Appendix A; RFC 2407 §4.5' },
  { value: 2, name: 'kilobytes', label: 'kilobytes', ref: 'RFC 2409 Appendix A; RFC 2407 §4.5' },
] as const);
export type LifeType = (typeof LIFE_TYPES.entries)[number]['name'];

// ---------------------------------------------------------------------------------------------------
// IPsec DOI SA attributes: RFC 2407 §4.5
// ---------------------------------------------------------------------------------------------------

export const IPSEC_ATTRIBUTE_CLASSES = defineAttributeClasses('ipsec-attribute-class', 'IPsec DOI SA attributes', 'RFC 2407 §4.5', [
  { value: 1, name: 'sa-life-type', label: 'SA Life Type', format: 'basic', values: 'life-type', ref: 'RFC 2407 §4.5' },
  { value: 2, name: 'sa-life-duration', label: 'SA Life Duration', format: 'variable', ref: 'RFC 2407 §4.5' },
  { value: 3, name: 'group', label: 'Group Description', format: 'basic', values: 'group', ref: 'RFC 2407 §4.5' },
  { value: 4, name: 'encapsulation', label: 'Encapsulation Mode', format: 'basic', values: 'encapsulation', ref: 'RFC 2407 §4.5' },
  { value: 5, name: 'auth-algorithm', label: 'Authentication Algorithm', format: 'basic', values: 'auth-algorithm', ref: 'RFC 2407 §4.5' },
  { value: 6, name: 'key-length', label: 'Key Length', format: 'basic', ref: 'RFC 2407 §4.5' },
  { value: 7, name: 'key-rounds', label: 'Key Rounds', format: 'basic', ref: 'RFC 2407 §4.5' },
  { value: 8, name: 'compress-dictionary-size', label: 'Compress Dictionary Size', format: 'basic', ref: 'RFC 2407 §4.5' },
  { value: 9, name: 'compress-private-algorithm', label: 'Compress Private Algorithm', format: 'variable', ref: 'RFC 2407 §4.5' },
  { value: 10, name: 'ecn-tunnel', label: 'ECN Tunnel', format: 'basic', values: 'ecn-tunnel', ref: 'RFC 3168 §9.2.1.1' },
  { value: 11, name: 'esn', label: 'Extended (64-bit) Sequence Number', format: 'basic', values: 'esn', ref: 'RFC 4304 §2' },
] as const);
export type IpsecAttributeName = (typeof IPSEC_ATTRIBUTE_CLASSES.entries)[number]['name'];

export const ENCAPSULATION_MODES = defineRegistry('encapsulation', 'IPsec DOI encapsulation modes', 'RFC 2407 §4.5', [
  { value: 1, name: 'tunnel', label: 'Tunnel', ref: 'RFC 2407 §4.5' },
  { value: 2, name: 'transport', label: 'Transport', ref: 'RFC 2407 §4.5' },
  { value: 3, name: 'udp-tunnel', label: 'UDP-Encapsulated-Tunnel', ref: 'RFC 3947 §5.1' },
  { value: 4, name: 'udp-transport', label: 'UDP-Encapsulated-Transport', ref: 'RFC 3947 §5.1' },
  { value: 61443, name: 'udp-tunnel-draft', label: 'UDP-Encapsulated-Tunnel (drafts)', ref: 'draft-ietf-ipsec-nat-t-ike-00..03 §5.1 (private use)' },
  { value: 61444, name: 'udp-transport-draft', label: 'UDP-Encapsulated-Transport (drafts)', ref: 'draft-ietf-ipsec-nat-t-ike-00..03 §5.1 (private use)' },
] as const);
export type EncapsulationName = (typeof ENCAPSULATION_MODES.entries)[number]['name'];

/** The mode (tunnel/transport) and UDP encapsulation (NAT-T) of an encapsulation-mode name. */
export const ENCAPSULATION_FACTS: { readonly [E in EncapsulationName]: { readonly mode: 'tunnel' | 'transport'; readonly udp: boolean } } = {
  tunnel: { mode: 'tunnel', udp: false },
  transport: { mode: 'transport', udp: false },
  'udp-tunnel': { mode: 'tunnel', udp: true },
  'udp-transport': { mode: 'transport', udp: true },
  'udp-tunnel-draft': { mode: 'tunnel', udp: true },
  'udp-transport-draft': { mode: 'transport', udp: true },
};

/** IPsec DOI Authentication Algorithm values; the names are the canonical integrity names. */
export const AUTH_ALGORITHMS = defineRegistry('auth-algorithm', 'IPsec DOI authentication algorithms', 'RFC 2407 §4.5', [
  { value: 1, name: 'md5', label: 'HMAC-MD5', ref: 'RFC 2407 §4.5' },
  { value: 2, name: 'sha1', label: 'HMAC-SHA', ref: 'RFC 2407 §4.5' },
  { value: 3, name: 'des-mac', label: 'DES-MAC', ref: 'RFC 2407 §4.5' },
  { value: 4, name: 'kpdk', label: 'KPDK', ref: 'RFC 2407 §4.5' },
  { value: 5, name: 'sha256', label: 'HMAC-SHA2-256', ref: 'RFC 4868 §4' },
  { value: 6, name: 'sha384', label: 'HMAC-SHA2-384', ref: 'RFC 4868 §4' },
  { value: 7, name: 'sha512', label: 'HMAC-SHA2-512', ref: 'RFC 4868 §4' },
  { value: 8, name: 'ripemd160', label: 'HMAC-RIPEMD', ref: 'RFC 2857 §4' },
  { value: 9, name: 'aes-xcbc', label: 'AES-XCBC-MAC', ref: 'RFC 3566 §5' },
  { value: 10, name: 'rsa', label: 'SIG-RSA', ref: 'RFC 4359 §3' },
  { value: 11, name: 'aes128gmac', label: 'AES-128-GMAC', ref: 'RFC 4543 §9' },
  { value: 12, name: 'aes192gmac', label: 'AES-192-GMAC', ref: 'RFC 4543 §9' },
  { value: 13, name: 'aes256gmac', label: 'AES-256-GMAC', ref: 'RFC 4543 §9' },
] as const);
export type AuthAlgorithmName = (typeof AUTH_ALGORITHMS.entries)[number]['name'];

export const ECN_TUNNEL = defineRegistry('ecn-tunnel', 'ECN Tunnel attribute values', 'RFC 3168 §9.2.1.1', [
  { value: 1, name: 'allowed', label: 'Allowed', ref: 'RFC 3168 §9.2.1.1' },
  { value: 2, name: 'forbidden', label: 'Forbidden', ref: 'RFC 3168 §9.2.1.1' },
] as const);

export const ESN_VALUES = defineRegistry('esn', 'Extended Sequence Number attribute values', 'RFC 4304 §2', [
  { value: 1, name: 'esn', label: '64-bit Sequence Number', ref: 'RFC 4304 §2' },
] as const);

// ---------------------------------------------------------------------------------------------------
// Canonical names: integrity/hash, PRF, ciphers
// ---------------------------------------------------------------------------------------------------

/** Canonical hash / integrity names (phase-1 hash, IPsec authentication algorithm, PRF). */
export const HASHES = [
  'md5',
  'sha1',
  'tiger',
  'sha256',
  'sha384',
  'sha512',
  'des-mac',
  'kpdk',
  'ripemd160',
  'aes-xcbc',
  'aes-cmac',
  'rsa',
  'aes128gmac',
  'aes192gmac',
  'aes256gmac',
] as const;
export type HashName = (typeof HASHES)[number];

/** A cipher family: the registry name of an encryption algorithm / ESP transform. */
export type CipherFamily = P1EncryptionName | EspTransformName;

export interface CipherFacts {
  readonly name: string;
  readonly family: CipherFamily;
  /** Key length in bits, when the family has more than one. */
  readonly keyLength?: number;
  /** Combined-mode (AEAD) ciphers carry their own integrity. */
  readonly aead: boolean;
  /** The key length a peer uses when the proposal carries no Key Length attribute. */
  readonly isDefault?: boolean;
}

/**
 * Canonical cipher names (strongSwan's keywords): one row per family and key length.
 * `isDefault` marks the key length used when none is given (aes: 128, RFC 3602; blowfish: 128, RFC 2409 App. A).
 */
export const CIPHERS = [
  { name: 'des', family: 'des', aead: false },
  { name: '3des', family: '3des', aead: false },
  { name: 'idea', family: 'idea', aead: false },
  { name: '3idea', family: '3idea', aead: false },
  { name: 'rc5', family: 'rc5', aead: false },
  { name: 'cast128', family: 'cast', keyLength: 128, aead: false, isDefault: true },
  { name: 'blowfish128', family: 'blowfish', keyLength: 128, aead: false, isDefault: true },
  { name: 'blowfish192', family: 'blowfish', keyLength: 192, aead: false },
  { name: 'blowfish256', family: 'blowfish', keyLength: 256, aead: false },
  { name: 'des-iv64', family: 'des-iv64', aead: false },
  { name: 'des-iv32', family: 'des-iv32', aead: false },
  { name: 'rc4', family: 'rc4', aead: false },
  { name: 'null', family: 'null', aead: false },
  { name: 'seed', family: 'seed', aead: false },
  { name: 'aes128', family: 'aes', keyLength: 128, aead: false, isDefault: true },
  { name: 'aes192', family: 'aes', keyLength: 192, aead: false },
  { name: 'aes256', family: 'aes', keyLength: 256, aead: false },
  { name: 'aes128ctr', family: 'aes-ctr', keyLength: 128, aead: false, isDefault: true },
  { name: 'aes192ctr', family: 'aes-ctr', keyLength: 192, aead: false },
  { name: 'aes256ctr', family: 'aes-ctr', keyLength: 256, aead: false },
  { name: 'aes128ccm8', family: 'aes-ccm8', keyLength: 128, aead: true, isDefault: true },
  { name: 'aes192ccm8', family: 'aes-ccm8', keyLength: 192, aead: true },
  { name: 'aes256ccm8', family: 'aes-ccm8', keyLength: 256, aead: true },
  { name: 'aes128ccm12', family: 'aes-ccm12', keyLength: 128, aead: true, isDefault: true },
  { name: 'aes192ccm12', family: 'aes-ccm12', keyLength: 192, aead: true },
  { name: 'aes256ccm12', family: 'aes-ccm12', keyLength: 256, aead: true },
  { name: 'aes128ccm16', family: 'aes-ccm16', keyLength: 128, aead: true, isDefault: true },
  { name: 'aes192ccm16', family: 'aes-ccm16', keyLength: 192, aead: true },
  { name: 'aes256ccm16', family: 'aes-ccm16', keyLength: 256, aead: true },
  { name: 'aes128gcm8', family: 'aes-gcm8', keyLength: 128, aead: true, isDefault: true },
  { name: 'aes192gcm8', family: 'aes-gcm8', keyLength: 192, aead: true },
  { name: 'aes256gcm8', family: 'aes-gcm8', keyLength: 256, aead: true },
  { name: 'aes128gcm12', family: 'aes-gcm12', keyLength: 128, aead: true, isDefault: true },
  { name: 'aes192gcm12', family: 'aes-gcm12', keyLength: 192, aead: true },
  { name: 'aes256gcm12', family: 'aes-gcm12', keyLength: 256, aead: true },
  { name: 'aes128gcm16', family: 'aes-gcm16', keyLength: 128, aead: true, isDefault: true },
  { name: 'aes192gcm16', family: 'aes-gcm16', keyLength: 192, aead: true },
  { name: 'aes256gcm16', family: 'aes-gcm16', keyLength: 256, aead: true },
  { name: 'null-aes128gmac', family: 'null-aes-gmac', keyLength: 128, aead: true, isDefault: true },
  { name: 'null-aes192gmac', family: 'null-aes-gmac', keyLength: 192, aead: true },
  { name: 'null-aes256gmac', family: 'null-aes-gmac', keyLength: 256, aead: true },
  { name: 'camellia128', family: 'camellia', keyLength: 128, aead: false, isDefault: true },
  { name: 'camellia192', family: 'camellia', keyLength: 192, aead: false },
  { name: 'camellia256', family: 'camellia', keyLength: 256, aead: false },
] as const satisfies readonly CipherFacts[];
export type Cipher = (typeof CIPHERS)[number]['name'];

const CIPHER_BY_NAME = new Map<string, CipherFacts>(CIPHERS.map((c) => [c.name, c]));

export function cipherFacts(name: string): CipherFacts | undefined {
  return CIPHER_BY_NAME.get(name);
}

/** The canonical cipher of a family and key length (the family's default length when none is given). */
export function cipherOf(family: CipherFamily, keyLength?: number): Cipher | undefined {
  let fallback: Cipher | undefined;
  for (const c of CIPHERS as readonly CipherFacts[]) {
    if (c.family !== family) continue;
    if (c.keyLength === undefined) return c.name as Cipher;
    if (keyLength !== undefined && c.keyLength === keyLength) return c.name as Cipher;
    if (keyLength === undefined && c.isDefault) fallback = c.name as Cipher;
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------------
// Identification types: RFC 2407 §4.6.2.1
// ---------------------------------------------------------------------------------------------------

export const ID_TYPES = defineRegistry('id-type', 'IPsec DOI identification types', 'RFC 2407 §4.6.2.1', [
  { value: 1, name: 'ipv4-addr', label: 'ID_IPV4_ADDR', ref: 'RFC 2407 §4.6.2.2' },
  { value: 2, name: 'fqdn', label: 'ID_FQDN', ref: 'RFC 2407 §4.6.2.3' },
  { value: 3, name: 'user-fqdn', label: 'ID_USER_FQDN', ref: 'RFC 2407 §4.6.2.4' },
  { value: 4, name: 'ipv4-addr-subnet', label: 'ID_IPV4_ADDR_SUBNET', ref: 'RFC 2407 §4.6.2.5' },
  { value: 5, name: 'ipv6-addr', label: 'ID_IPV6_ADDR', ref: 'RFC 2407 §4.6.2.6' },
  { value: 6, name: 'ipv6-addr-subnet', label: 'ID_IPV6_ADDR_SUBNET', ref: 'RFC 2407 §4.6.2.7' },
  { value: 7, name: 'ipv4-addr-range', label: 'ID_IPV4_ADDR_RANGE', ref: 'RFC 2407 §4.6.2.8' },
  { value: 8, name: 'ipv6-addr-range', label: 'ID_IPV6_ADDR_RANGE', ref: 'RFC 2407 §4.6.2.9' },
  { value: 9, name: 'der-asn1-dn', label: 'ID_DER_ASN1_DN', ref: 'RFC 2407 §4.6.2.10' },
  { value: 10, name: 'der-asn1-gn', label: 'ID_DER_ASN1_GN', ref: 'RFC 2407 §4.6.2.11' },
  { value: 11, name: 'key-id', label: 'ID_KEY_ID', ref: 'RFC 2407 §4.6.2.12' },
  { value: 12, name: 'list', label: 'ID_LIST', ref: 'RFC 3554 §5' },
] as const);
export type IdTypeName = (typeof ID_TYPES.entries)[number]['name'];

// ---------------------------------------------------------------------------------------------------
// Notify message types: RFC 2408 §3.14.1, RFC 2407 §4.6.3, RFC 3706, vendor ones
// ---------------------------------------------------------------------------------------------------

export interface NotifyEntry<N extends string = string> extends RegistryEntry<N> {
  readonly kind: 'error' | 'status';
}

export const NOTIFY_TYPES = defineRegistry('notify-type', 'ISAKMP notify message types', 'RFC 2408 §3.14.1', [
  { value: 1, name: 'INVALID_PAYLOAD_TYPE', label: 'INVALID-PAYLOAD-TYPE', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 2, name: 'DOI_NOT_SUPPORTED', label: 'DOI-NOT-SUPPORTED', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 3, name: 'SITUATION_NOT_SUPPORTED', label: 'SITUATION-NOT-SUPPORTED', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 4, name: 'INVALID_COOKIE', label: 'INVALID-COOKIE', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 5, name: 'INVALID_MAJOR_VERSION', label: 'INVALID-MAJOR-VERSION', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 6, name: 'INVALID_MINOR_VERSION', label: 'INVALID-MINOR-VERSION', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 7, name: 'INVALID_EXCHANGE_TYPE', label: 'INVALID-EXCHANGE-TYPE', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 8, name: 'INVALID_FLAGS', label: 'INVALID-FLAGS', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 9, name: 'INVALID_MESSAGE_ID', label: 'INVALID-MESSAGE-ID', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 10, name: 'INVALID_PROTOCOL_ID', label: 'INVALID-PROTOCOL-ID', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 11, name: 'INVALID_SPI', label: 'INVALID-SPI', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 12, name: 'INVALID_TRANSFORM_ID', label: 'INVALID-TRANSFORM-ID', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 13, name: 'ATTRIBUTES_NOT_SUPPORTED', label: 'ATTRIBUTES-NOT-SUPPORTED', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 14, name: 'NO_PROPOSAL_CHOSEN', label: 'NO-PROPOSAL-CHOSEN', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 15, name: 'BAD_PROPOSAL_SYNTAX', label: 'BAD-PROPOSAL-SYNTAX', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 16, name: 'PAYLOAD_MALFORMED', label: 'PAYLOAD-MALFORMED', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 17, name: 'INVALID_KEY_INFORMATION', label: 'INVALID-KEY-INFORMATION', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 18, name: 'INVALID_ID_INFORMATION', label: 'INVALID-ID-INFORMATION', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 19, name: 'INVALID_CERT_ENCODING', label: 'INVALID-CERT-ENCODING', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 20, name: 'INVALID_CERTIFICATE', label: 'INVALID-CERTIFICATE', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 21, name: 'CERT_TYPE_UNSUPPORTED', label: 'CERT-TYPE-UNSUPPORTED', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 22, name: 'INVALID_CERT_AUTHORITY', label: 'INVALID-CERT-AUTHORITY', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 23, name: 'INVALID_HASH_INFORMATION', label: 'INVALID-HASH-INFORMATION', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 24, name: 'AUTHENTICATION_FAILED', label: 'AUTHENTICATION-FAILED', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 25, name: 'INVALID_SIGNATURE', label: 'INVALID-SIGNATURE', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 26, name: 'ADDRESS_NOTIFICATION', label: 'ADDRESS-NOTIFICATION', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 27, name: 'NOTIFY_SA_LIFETIME', label: 'NOTIFY-SA-LIFETIME', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 28, name: 'CERTIFICATE_UNAVAILABLE', label: 'CERTIFICATE-UNAVAILABLE', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 29, name: 'UNSUPPORTED_EXCHANGE_TYPE', label: 'UNSUPPORTED-EXCHANGE-TYPE', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 30, name: 'UNEQUAL_PAYLOAD_LENGTHS', label: 'UNEQUAL-PAYLOAD-LENGTHS', kind: 'error', ref: 'RFC 2408 §3.14.1' },
  { value: 16384, name: 'CONNECTED', label: 'CONNECTED', kind: 'status', ref: 'RFC 2408 §3.14.1' },
  { value: 24576, name: 'RESPONDER_LIFETIME', label: 'RESPONDER-LIFETIME', kind: 'status', ref: 'RFC 2407 §4.6.3.1' },
  { value: 24577, name: 'REPLAY_STATUS', label: 'REPLAY-STATUS', kind: 'status', ref: 'RFC 2407 §4.6.3.2' },
  { value: 24578, name: 'INITIAL_CONTACT', label: 'INITIAL-CONTACT', kind: 'status', ref: 'RFC 2407 §4.6.3.3' },
  { value: 36136, name: 'R_U_THERE', label: 'R-U-THERE', kind: 'status', ref: 'RFC 3706 §5.1' },
  { value: 36137, name: 'R_U_THERE_ACK', label: 'R-U-THERE-ACK', kind: 'status', ref: 'RFC 3706 §5.1' },
  {
    value: 40501,
    name: 'UNITY_LOAD_BALANCE',
    label: 'UNITY_LOAD_BALANCE',
    kind: 'status',
    ref: 'Cisco Unity (private use); number as in strongSwan 5.9 notify_payload.h',
    note: 'Cisco VPN 3000 / ASA cluster redirect of a Unity client to a less loaded member',
  },
] as const satisfies readonly NotifyEntry[]);
export type NotifyName = (typeof NOTIFY_TYPES.entries)[number]['name'];

/** Error notifies are 1..16383 (RFC 2408 §3.14.1); status notifies 16384..65535. */
export function isErrorNotify(value: number): boolean {
  return value >= 1 && value <= 16383;
}

// ---------------------------------------------------------------------------------------------------
// Mode-Config (transaction exchange): message types and attributes
// ---------------------------------------------------------------------------------------------------

export const CFG_MESSAGE_TYPES = defineRegistry('cfg-message-type', 'Mode-Config attribute payload types', 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2', [
  { value: 1, name: 'request', label: 'ISAKMP_CFG_REQUEST', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2' },
  { value: 2, name: 'reply', label: 'ISAKMP_CFG_REPLY', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2' },
  { value: 3, name: 'set', label: 'ISAKMP_CFG_SET', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2' },
  { value: 4, name: 'ack', label: 'ISAKMP_CFG_ACK', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2' },
] as const);
export type CfgMessageType = (typeof CFG_MESSAGE_TYPES.entries)[number]['name'];

export const CFG_ATTRIBUTES = defineRegistry('cfg-attribute', 'Mode-Config / XAUTH / Cisco Unity attributes', 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3', [
  { value: 1, name: 'INTERNAL_IP4_ADDRESS', label: 'INTERNAL_IP4_ADDRESS', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 2, name: 'INTERNAL_IP4_NETMASK', label: 'INTERNAL_IP4_NETMASK', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 3, name: 'INTERNAL_IP4_DNS', label: 'INTERNAL_IP4_DNS', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 4, name: 'INTERNAL_IP4_NBNS', label: 'INTERNAL_IP4_NBNS', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 5, name: 'INTERNAL_ADDRESS_EXPIRY', label: 'INTERNAL_ADDRESS_EXPIRY', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 6, name: 'INTERNAL_IP4_DHCP', label: 'INTERNAL_IP4_DHCP', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 7, name: 'APPLICATION_VERSION', label: 'APPLICATION_VERSION', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 8, name: 'INTERNAL_IP6_ADDRESS', label: 'INTERNAL_IP6_ADDRESS', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 9, name: 'INTERNAL_IP6_NETMASK', label: 'INTERNAL_IP6_NETMASK', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 10, name: 'INTERNAL_IP6_DNS', label: 'INTERNAL_IP6_DNS', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 11, name: 'INTERNAL_IP6_NBNS', label: 'INTERNAL_IP6_NBNS', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 12, name: 'INTERNAL_IP6_DHCP', label: 'INTERNAL_IP6_DHCP', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 13, name: 'INTERNAL_IP4_SUBNET', label: 'INTERNAL_IP4_SUBNET', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 14, name: 'SUPPORTED_ATTRIBUTES', label: 'SUPPORTED_ATTRIBUTES', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 15, name: 'INTERNAL_IP6_SUBNET', label: 'INTERNAL_IP6_SUBNET', ref: 'draft-ietf-ipsec-isakmp-mode-cfg-05 §3.3' },
  { value: 16520, name: 'XAUTH_TYPE', label: 'XAUTH-TYPE', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 16521, name: 'XAUTH_USER_NAME', label: 'XAUTH-USER-NAME', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 16522, name: 'XAUTH_USER_PASSWORD', label: 'XAUTH-USER-PASSWORD', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 16523, name: 'XAUTH_PASSCODE', label: 'XAUTH-PASSCODE', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 16524, name: 'XAUTH_MESSAGE', label: 'XAUTH-MESSAGE', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 16525, name: 'XAUTH_CHALLENGE', label: 'XAUTH-CHALLENGE', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 16526, name: 'XAUTH_DOMAIN', label: 'XAUTH-DOMAIN', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 16527, name: 'XAUTH_STATUS', label: 'XAUTH-STATUS', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 16528, name: 'XAUTH_NEXT_PIN', label: 'XAUTH-NEXT-PIN', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 16529, name: 'XAUTH_ANSWER', label: 'XAUTH-ANSWER', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 28672, name: 'UNITY_BANNER', label: 'UNITY_BANNER', ref: 'Cisco Unity (private use)' },
  { value: 28673, name: 'UNITY_SAVE_PASSWD', label: 'UNITY_SAVE_PASSWD', ref: 'Cisco Unity (private use)' },
  { value: 28674, name: 'UNITY_DEF_DOMAIN', label: 'UNITY_DEF_DOMAIN', ref: 'Cisco Unity (private use)' },
  { value: 28675, name: 'UNITY_SPLITDNS_NAME', label: 'UNITY_SPLITDNS_NAME', ref: 'Cisco Unity (private use)' },
  { value: 28676, name: 'UNITY_SPLIT_INCLUDE', label: 'UNITY_SPLIT_INCLUDE', ref: 'Cisco Unity (private use)' },
  { value: 28677, name: 'UNITY_NATT_PORT', label: 'UNITY_NATT_PORT', ref: 'Cisco Unity (private use)' },
  { value: 28678, name: 'UNITY_LOCAL_LAN', label: 'UNITY_LOCAL_LAN', ref: 'Cisco Unity (private use)' },
  { value: 28679, name: 'UNITY_PFS', label: 'UNITY_PFS', ref: 'Cisco Unity (private use)' },
  { value: 28680, name: 'UNITY_FW_TYPE', label: 'UNITY_FW_TYPE', ref: 'Cisco Unity (private use)' },
  { value: 28681, name: 'UNITY_BACKUP_SERVERS', label: 'UNITY_BACKUP_SERVERS', ref: 'Cisco Unity (private use)' },
  { value: 28682, name: 'UNITY_DDNS_HOSTNAME', label: 'UNITY_DDNS_HOSTNAME', ref: 'Cisco Unity (private use)' },
] as const);
export type CfgAttributeName = (typeof CFG_ATTRIBUTES.entries)[number]['name'];

export const XAUTH_TYPES = defineRegistry('xauth-type', 'XAUTH-TYPE values', 'draft-beaulieu-ike-xauth-02 §6.2', [
  { value: 0, name: 'generic', label: 'Generic', ref: 'draft-beaulieu-ike-xauth-02 §6.2' },
  { value: 1, name: 'radius-chap', label: 'RADIUS-CHAP', ref: 'draft-beaulieu-ike-xauth-02 §6.2' },
  { value: 2, name: 'otp', label: 'OTP', ref: 'draft-beaulieu-ike-xauth-02 §6.2' },
  { value: 3, name: 'skey', label: 'S/KEY', ref: 'draft-beaulieu-ike-xauth-02 §6.2' },
] as const);

export const XAUTH_STATUS = defineRegistry('xauth-status', 'XAUTH-STATUS values', 'draft-beaulieu-ike-xauth-02 §6.1', [
  { value: 0, name: 'fail', label: 'FAIL', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
  { value: 1, name: 'ok', label: 'OK', ref: 'draft-beaulieu-ike-xauth-02 §6.1' },
] as const);

/** Every registry, by id (the `values` field of attribute classes points here). */
export const REGISTRIES: readonly Registry[] = [
  EXCHANGE_TYPES,
  PAYLOAD_TYPES,
  DOIS,
  PROTOCOL_IDS,
  ISAKMP_TRANSFORM_IDS,
  AH_TRANSFORM_IDS,
  ESP_TRANSFORM_IDS,
  IPCOMP_TRANSFORM_IDS,
  P1_ATTRIBUTE_CLASSES,
  P1_ENCRYPTION,
  P1_HASH,
  P1_AUTH_METHODS,
  GROUPS,
  GROUP_TYPES,
  LIFE_TYPES,
  IPSEC_ATTRIBUTE_CLASSES,
  ENCAPSULATION_MODES,
  AUTH_ALGORITHMS,
  ECN_TUNNEL,
  ESN_VALUES,
  ID_TYPES,
  NOTIFY_TYPES,
  CFG_MESSAGE_TYPES,
  CFG_ATTRIBUTES,
  XAUTH_TYPES,
  XAUTH_STATUS,
];

export function registryById(id: string): Registry | undefined {
  return REGISTRIES.find((r) => r.id === id);
}

// ===================================================================================================
// Vendor spellings
// ===================================================================================================

export type Dialect = 'ios' | 'asa' | 'strongswan';
/** Where the word appears: debug/log output, `show` output, or configuration syntax. */
export type SpellingContext = 'debug' | 'show' | 'config';

export interface Spelling<C> {
  readonly dialect: Dialect;
  readonly context: SpellingContext;
  /** The word exactly as the device prints or accepts it. Lookups ignore case and repeated blanks. */
  readonly word: string;
  readonly canonical: C;
  readonly note?: string;
}

/** A cipher word names a family; some words also fix the key length (`aes 256`, `AES_CBC_256`). */
export interface CipherSpelling extends Spelling<CipherFamily> {
  readonly keyLength?: number;
}

type Row<C> = readonly [dialect: Dialect, context: SpellingContext, word: string, canonical: C, note?: string];

function rows<C>(list: readonly Row<C>[]): readonly Spelling<C>[] {
  return list.map(([dialect, context, word, canonical, note]) => (note === undefined ? { dialect, context, word, canonical } : { dialect, context, word, canonical, note }));
}

// ---- ciphers ---------------------------------------------------------------------------------------

type CipherRow = readonly [dialect: Dialect, context: SpellingContext, word: string, family: CipherFamily, keyLength?: number];

const CIPHER_ROWS: readonly CipherRow[] = [
  // IOS `debug crypto isakmp` phase 1 ("ISAKMP: encryption 3DES-CBC"; AES adds "keylength of 256")
  ['ios', 'debug', 'DES-CBC', 'des'],
  ['ios', 'debug', '3DES-CBC', '3des'],
  ['ios', 'debug', 'AES-CBC', 'aes'],
  // IOS phase 2 ("ISAKMP: transform 1, ESP_3DES"; AES adds "key length 256")
  ['ios', 'debug', 'ESP_DES', 'des'],
  ['ios', 'debug', 'ESP_3DES', '3des'],
  ['ios', 'debug', 'ESP_AES', 'aes'],
  ['ios', 'debug', 'ESP_NULL', 'null'],
  // IOS transform-set words, also printed by key-engine lines and `show crypto ipsec sa` ("transform: esp-3des esp-sha-hmac")
  ['ios', 'config', 'esp-des', 'des'],
  ['ios', 'config', 'esp-3des', '3des'],
  ['ios', 'config', 'esp-aes', 'aes'],
  ['ios', 'config', 'esp-aes 128', 'aes', 128],
  ['ios', 'config', 'esp-aes 192', 'aes', 192],
  ['ios', 'config', 'esp-aes 256', 'aes', 256],
  ['ios', 'config', 'esp-null', 'null'],
  ['ios', 'config', 'esp-gcm', 'aes-gcm16'],
  ['ios', 'config', 'esp-gcm 128', 'aes-gcm16', 128],
  ['ios', 'config', 'esp-gcm 192', 'aes-gcm16', 192],
  ['ios', 'config', 'esp-gcm 256', 'aes-gcm16', 256],
  ['ios', 'config', 'esp-gmac', 'null-aes-gmac'],
  ['ios', 'config', 'esp-gmac 128', 'null-aes-gmac', 128],
  ['ios', 'config', 'esp-gmac 192', 'null-aes-gmac', 192],
  ['ios', 'config', 'esp-gmac 256', 'null-aes-gmac', 256],
  // IOS `crypto isakmp policy` ("encryption aes 256") and the Encr column of `show crypto isakmp sa detail`
  ['ios', 'config', 'des', 'des'],
  ['ios', 'config', '3des', '3des'],
  ['ios', 'config', 'aes', 'aes'],
  ['ios', 'config', 'aes 128', 'aes', 128],
  ['ios', 'config', 'aes 192', 'aes', 192],
  ['ios', 'config', 'aes 256', 'aes', 256],
  // ASA `crypto ikev1 policy` ("encryption aes-256") and `show crypto isakmp sa detail` ("Encrypt : 3des")
  ['asa', 'config', 'des', 'des'],
  ['asa', 'config', '3des', '3des'],
  ['asa', 'config', 'aes', 'aes'],
  ['asa', 'config', 'aes-192', 'aes', 192],
  ['asa', 'config', 'aes-256', 'aes', 256],
  // ASA `crypto ipsec ikev1 transform-set` and `show crypto ipsec sa` ("transform: esp-aes esp-sha-hmac no compression")
  ['asa', 'config', 'esp-des', 'des'],
  ['asa', 'config', 'esp-3des', '3des'],
  ['asa', 'config', 'esp-aes', 'aes'],
  ['asa', 'config', 'esp-aes-192', 'aes', 192],
  ['asa', 'config', 'esp-aes-256', 'aes', 256],
  ['asa', 'config', 'esp-null', 'null'],
  // ASA debug `Phase 1 failure: Mismatched attribute types for class Encryption Algorithm: Rcv'd: AES-CBC Cfg'd: Triple-DES`
  ['asa', 'debug', 'Triple-DES', '3des'],
  ['asa', 'debug', 'DES-CBC', 'des'],
  ['asa', 'debug', 'AES-CBC', 'aes'],
  // strongSwan proposal tokens (libstrongswan encryption_algorithm_names); a key size is appended: AES_CBC_128
  ['strongswan', 'debug', 'DES_CBC', 'des'],
  ['strongswan', 'debug', '3DES_CBC', '3des'],
  ['strongswan', 'debug', 'RC5_CBC', 'rc5'],
  ['strongswan', 'debug', 'IDEA_CBC', 'idea'],
  ['strongswan', 'debug', 'CAST_CBC', 'cast'],
  ['strongswan', 'debug', 'BLOWFISH_CBC', 'blowfish'],
  ['strongswan', 'debug', '3IDEA', '3idea'],
  ['strongswan', 'debug', 'DES_IV32', 'des-iv32'],
  ['strongswan', 'debug', 'DES_IV64', 'des-iv64'],
  ['strongswan', 'debug', 'NULL', 'null'],
  ['strongswan', 'debug', 'AES_CBC', 'aes'],
  ['strongswan', 'debug', 'AES_CTR', 'aes-ctr'],
  ['strongswan', 'debug', 'AES_CCM_8', 'aes-ccm8'],
  ['strongswan', 'debug', 'AES_CCM_12', 'aes-ccm12'],
  ['strongswan', 'debug', 'AES_CCM_16', 'aes-ccm16'],
  ['strongswan', 'debug', 'AES_GCM_8', 'aes-gcm8'],
  ['strongswan', 'debug', 'AES_GCM_12', 'aes-gcm12'],
  ['strongswan', 'debug', 'AES_GCM_16', 'aes-gcm16'],
  ['strongswan', 'debug', 'NULL_AES_GMAC', 'null-aes-gmac'],
  ['strongswan', 'debug', 'CAMELLIA_CBC', 'camellia'],
  // strongSwan configuration keywords (swanctl.conf / ipsec.conf proposals)
  ['strongswan', 'config', 'des', 'des'],
  ['strongswan', 'config', '3des', '3des'],
  ['strongswan', 'config', 'null', 'null'],
  ['strongswan', 'config', 'aes', 'aes', 128],
  ['strongswan', 'config', 'aes128', 'aes', 128],
  ['strongswan', 'config', 'aes192', 'aes', 192],
  ['strongswan', 'config', 'aes256', 'aes', 256],
  ['strongswan', 'config', 'aes128ctr', 'aes-ctr', 128],
  ['strongswan', 'config', 'aes192ctr', 'aes-ctr', 192],
  ['strongswan', 'config', 'aes256ctr', 'aes-ctr', 256],
  ['strongswan', 'config', 'aes128gcm8', 'aes-gcm8', 128],
  ['strongswan', 'config', 'aes192gcm8', 'aes-gcm8', 192],
  ['strongswan', 'config', 'aes256gcm8', 'aes-gcm8', 256],
  ['strongswan', 'config', 'aes128gcm64', 'aes-gcm8', 128],
  ['strongswan', 'config', 'aes192gcm64', 'aes-gcm8', 192],
  ['strongswan', 'config', 'aes256gcm64', 'aes-gcm8', 256],
  ['strongswan', 'config', 'aes128gcm12', 'aes-gcm12', 128],
  ['strongswan', 'config', 'aes192gcm12', 'aes-gcm12', 192],
  ['strongswan', 'config', 'aes256gcm12', 'aes-gcm12', 256],
  ['strongswan', 'config', 'aes128gcm96', 'aes-gcm12', 128],
  ['strongswan', 'config', 'aes192gcm96', 'aes-gcm12', 192],
  ['strongswan', 'config', 'aes256gcm96', 'aes-gcm12', 256],
  ['strongswan', 'config', 'aes128gcm16', 'aes-gcm16', 128],
  ['strongswan', 'config', 'aes192gcm16', 'aes-gcm16', 192],
  ['strongswan', 'config', 'aes256gcm16', 'aes-gcm16', 256],
  ['strongswan', 'config', 'aes128gcm128', 'aes-gcm16', 128],
  ['strongswan', 'config', 'aes192gcm128', 'aes-gcm16', 192],
  ['strongswan', 'config', 'aes256gcm128', 'aes-gcm16', 256],
  ['strongswan', 'config', 'aes128ccm8', 'aes-ccm8', 128],
  ['strongswan', 'config', 'aes192ccm8', 'aes-ccm8', 192],
  ['strongswan', 'config', 'aes256ccm8', 'aes-ccm8', 256],
  ['strongswan', 'config', 'aes128ccm12', 'aes-ccm12', 128],
  ['strongswan', 'config', 'aes192ccm12', 'aes-ccm12', 192],
  ['strongswan', 'config', 'aes256ccm12', 'aes-ccm12', 256],
  ['strongswan', 'config', 'aes128ccm16', 'aes-ccm16', 128],
  ['strongswan', 'config', 'aes192ccm16', 'aes-ccm16', 192],
  ['strongswan', 'config', 'aes256ccm16', 'aes-ccm16', 256],
  ['strongswan', 'config', 'aes128gmac', 'null-aes-gmac', 128],
  ['strongswan', 'config', 'aes192gmac', 'null-aes-gmac', 192],
  ['strongswan', 'config', 'aes256gmac', 'null-aes-gmac', 256],
  ['strongswan', 'config', 'camellia', 'camellia', 128],
  ['strongswan', 'config', 'camellia128', 'camellia', 128],
  ['strongswan', 'config', 'camellia192', 'camellia', 192],
  ['strongswan', 'config', 'camellia256', 'camellia', 256],
  ['strongswan', 'config', 'cast128', 'cast', 128],
  ['strongswan', 'config', 'blowfish', 'blowfish', 128],
  ['strongswan', 'config', 'blowfish128', 'blowfish', 128],
  ['strongswan', 'config', 'blowfish192', 'blowfish', 192],
  ['strongswan', 'config', 'blowfish256', 'blowfish', 256],
];

export const CIPHER_SPELLINGS: readonly CipherSpelling[] = CIPHER_ROWS.map(([dialect, context, word, canonical, keyLength]) =>
  keyLength === undefined ? { dialect, context, word, canonical } : { dialect, context, word, canonical, keyLength },
);

// ---- hash / integrity / PRF ------------------------------------------------------------------------

export const HASH_SPELLINGS: readonly Spelling<HashName>[] = rows<HashName>([
  // IOS phase 1 ("ISAKMP: hash SHA") and phase 2 ("ISAKMP: authenticator is HMAC-SHA")
  ['ios', 'debug', 'MD5', 'md5'],
  ['ios', 'debug', 'SHA', 'sha1'],
  ['ios', 'debug', 'SHA256', 'sha256', 'IOS 15 phase-1 debug'],
  ['ios', 'debug', 'SHA384', 'sha384', 'IOS 15 phase-1 debug'],
  ['ios', 'debug', 'SHA512', 'sha512', 'IOS 15 phase-1 debug'],
  ['ios', 'debug', 'HMAC-MD5', 'md5'],
  ['ios', 'debug', 'HMAC-SHA', 'sha1'],
  // IOS configuration (`hash sha`) and transform-set words (also printed by key-engine lines and show output)
  ['ios', 'config', 'md5', 'md5'],
  ['ios', 'config', 'sha', 'sha1'],
  ['ios', 'config', 'sha256', 'sha256'],
  ['ios', 'config', 'sha384', 'sha384'],
  ['ios', 'config', 'sha512', 'sha512'],
  ['ios', 'config', 'esp-md5-hmac', 'md5'],
  ['ios', 'config', 'esp-sha-hmac', 'sha1'],
  ['ios', 'config', 'esp-sha256-hmac', 'sha256'],
  ['ios', 'config', 'esp-sha384-hmac', 'sha384'],
  ['ios', 'config', 'esp-sha512-hmac', 'sha512'],
  ['ios', 'config', 'ah-md5-hmac', 'md5'],
  ['ios', 'config', 'ah-sha-hmac', 'sha1'],
  // ASA configuration (`hash sha`), `show crypto isakmp sa detail` ("Hash : SHA"), transform sets
  ['asa', 'config', 'md5', 'md5'],
  ['asa', 'config', 'sha', 'sha1'],
  ['asa', 'config', 'esp-md5-hmac', 'md5'],
  ['asa', 'config', 'esp-sha-hmac', 'sha1'],
  // strongSwan proposal tokens (libstrongswan integrity_algorithm_names / pseudo_random_function_names)
  ['strongswan', 'debug', 'HMAC_MD5_96', 'md5'],
  ['strongswan', 'debug', 'HMAC_SHA1_96', 'sha1'],
  ['strongswan', 'debug', 'HMAC_SHA2_256_128', 'sha256'],
  ['strongswan', 'debug', 'HMAC_SHA2_384_192', 'sha384'],
  ['strongswan', 'debug', 'HMAC_SHA2_512_256', 'sha512'],
  ['strongswan', 'debug', 'AES_XCBC_96', 'aes-xcbc'],
  ['strongswan', 'debug', 'AES_128_GMAC', 'aes128gmac'],
  ['strongswan', 'debug', 'AES_192_GMAC', 'aes192gmac'],
  ['strongswan', 'debug', 'AES_256_GMAC', 'aes256gmac'],
  ['strongswan', 'config', 'md5', 'md5'],
  ['strongswan', 'config', 'sha', 'sha1'],
  ['strongswan', 'config', 'sha1', 'sha1'],
  ['strongswan', 'config', 'sha256', 'sha256'],
  ['strongswan', 'config', 'sha2_256', 'sha256'],
  ['strongswan', 'config', 'sha384', 'sha384'],
  ['strongswan', 'config', 'sha2_384', 'sha384'],
  ['strongswan', 'config', 'sha512', 'sha512'],
  ['strongswan', 'config', 'sha2_512', 'sha512'],
  ['strongswan', 'config', 'aesxcbc', 'aes-xcbc'],
]);

export const PRF_SPELLINGS: readonly Spelling<HashName>[] = rows<HashName>([
  ['strongswan', 'debug', 'PRF_HMAC_MD5', 'md5'],
  ['strongswan', 'debug', 'PRF_HMAC_SHA1', 'sha1'],
  ['strongswan', 'debug', 'PRF_HMAC_TIGER', 'tiger'],
  ['strongswan', 'debug', 'PRF_HMAC_SHA2_256', 'sha256'],
  ['strongswan', 'debug', 'PRF_HMAC_SHA2_384', 'sha384'],
  ['strongswan', 'debug', 'PRF_HMAC_SHA2_512', 'sha512'],
  ['strongswan', 'debug', 'PRF_AES128_XCBC', 'aes-xcbc'],
  ['strongswan', 'debug', 'PRF_AES128_CMAC', 'aes-cmac'],
  ['strongswan', 'config', 'prfmd5', 'md5'],
  ['strongswan', 'config', 'prfsha1', 'sha1'],
  ['strongswan', 'config', 'prfsha256', 'sha256'],
  ['strongswan', 'config', 'prfsha384', 'sha384'],
  ['strongswan', 'config', 'prfsha512', 'sha512'],
  ['strongswan', 'config', 'prfaesxcbc', 'aes-xcbc'],
  ['strongswan', 'config', 'prfaescmac', 'aes-cmac'],
]);

// ---- Diffie-Hellman groups ---------------------------------------------------------------------------

export const GROUP_SPELLINGS: readonly Spelling<number>[] = rows<number>([
  // strongSwan proposal tokens (libstrongswan key_exchange_method_names) and keywords
  ['strongswan', 'debug', 'MODP_768', 1],
  ['strongswan', 'debug', 'MODP_1024', 2],
  ['strongswan', 'debug', 'MODP_1536', 5],
  ['strongswan', 'debug', 'MODP_2048', 14],
  ['strongswan', 'debug', 'MODP_3072', 15],
  ['strongswan', 'debug', 'MODP_4096', 16],
  ['strongswan', 'debug', 'MODP_6144', 17],
  ['strongswan', 'debug', 'MODP_8192', 18],
  ['strongswan', 'debug', 'ECP_256', 19],
  ['strongswan', 'debug', 'ECP_384', 20],
  ['strongswan', 'debug', 'ECP_521', 21],
  ['strongswan', 'debug', 'MODP_1024_160', 22],
  ['strongswan', 'debug', 'MODP_2048_224', 23],
  ['strongswan', 'debug', 'MODP_2048_256', 24],
  ['strongswan', 'debug', 'ECP_192', 25],
  ['strongswan', 'debug', 'ECP_224', 26],
  ['strongswan', 'config', 'modp768', 1],
  ['strongswan', 'config', 'modp1024', 2],
  ['strongswan', 'config', 'modp1536', 5],
  ['strongswan', 'config', 'modp2048', 14],
  ['strongswan', 'config', 'modp3072', 15],
  ['strongswan', 'config', 'modp4096', 16],
  ['strongswan', 'config', 'modp6144', 17],
  ['strongswan', 'config', 'modp8192', 18],
  ['strongswan', 'config', 'ecp256', 19],
  ['strongswan', 'config', 'ecp384', 20],
  ['strongswan', 'config', 'ecp521', 21],
  ['strongswan', 'config', 'modp1024s160', 22],
  ['strongswan', 'config', 'modp2048s224', 23],
  ['strongswan', 'config', 'modp2048s256', 24],
  ['strongswan', 'config', 'ecp192', 25],
  ['strongswan', 'config', 'ecp224', 26],
]);

/**
 * Group words that carry the number: IOS "default group 2" / "group 14", IOS/ASA config "group2"
 * (`set pfs group14`), ASA "Group 2" (`Cfg'd: Group 2`), a bare number. The number must be a known group.
 */
export const GROUP_PATTERNS: readonly { readonly dialects: readonly Dialect[]; readonly pattern: RegExp; readonly example: string }[] = [
  { dialects: ['ios'], pattern: /^default group (\d+)$/i, example: 'default group 2' },
  { dialects: ['ios', 'asa'], pattern: /^group ?(\d+)$/i, example: 'group 14' },
  { dialects: ['ios', 'asa', 'strongswan'], pattern: /^(?:dh ?)?group ?(\d+)$/i, example: 'DH group 2' },
  { dialects: ['ios', 'asa', 'strongswan'], pattern: /^(\d+)$/, example: '2' },
];

// ---- authentication methods --------------------------------------------------------------------------

export const AUTH_SPELLINGS: readonly Spelling<AuthMethod>[] = rows<AuthMethod>([
  // IOS debug ("ISAKMP: auth pre-share", "ISAKMP: auth XAUTHInitPreShared", "auth RSA sig")
  ['ios', 'debug', 'pre-share', 'psk'],
  ['ios', 'debug', 'RSA sig', 'rsa-sig'],
  ['ios', 'debug', 'XAUTHInitPreShared', 'xauth-init-psk'],
  ['ios', 'debug', 'XAUTHRespPreShared', 'xauth-resp-psk'],
  // IOS config (`authentication pre-share|rsa-sig|rsa-encr`) and the Auth column of `show crypto isakmp sa detail`
  ['ios', 'config', 'rsa-sig', 'rsa-sig'],
  ['ios', 'config', 'rsa-encr', 'rsa-enc'],
  ['ios', 'show', 'psk', 'psk', '"psk - Preshared key" in the show legend'],
  ['ios', 'show', 'rsig', 'rsa-sig', '"rsig - RSA signature"'],
  ['ios', 'show', 'renc', 'rsa-enc', '"renc - RSA encryption"'],
  // ASA config (`authentication pre-share`) and `show crypto isakmp sa detail` ("Auth : preshared")
  ['asa', 'config', 'pre-share', 'psk'],
  ['asa', 'config', 'rsa-sig', 'rsa-sig'],
  ['asa', 'show', 'preshared', 'psk'],
  // strongSwan (libcharon auth_method_names / auth_class_names)
  ['strongswan', 'debug', 'pre-shared key', 'psk'],
  ['strongswan', 'debug', 'RSA signature', 'rsa-sig'],
  ['strongswan', 'debug', 'DSS signature', 'dss-sig'],
  ['strongswan', 'debug', 'ECDSA-256 signature', 'ecdsa-256'],
  ['strongswan', 'debug', 'ECDSA-384 signature', 'ecdsa-384'],
  ['strongswan', 'debug', 'ECDSA-521 signature', 'ecdsa-521'],
  ['strongswan', 'debug', 'XAuthInitPSK', 'xauth-init-psk'],
  ['strongswan', 'debug', 'XAuthRespPSK', 'xauth-resp-psk'],
  ['strongswan', 'debug', 'XAuthInitRSA', 'xauth-init-rsa'],
  ['strongswan', 'debug', 'XauthRespRSA', 'xauth-resp-rsa', 'sic: lower-case "a" in strongSwan 5.9'],
  ['strongswan', 'debug', 'HybridInitRSA', 'hybrid-init-rsa'],
  ['strongswan', 'debug', 'HybridRespRSA', 'hybrid-resp-rsa'],
  ['strongswan', 'config', 'psk', 'psk'],
]);

// ---- encapsulation mode, protocol ------------------------------------------------------------------

export const ENCAPSULATION_SPELLINGS: readonly Spelling<EncapsulationName>[] = rows<EncapsulationName>([
  // IOS "ISAKMP: encaps is 1 (Tunnel)", key-engine "(Tunnel)", show "in use settings ={Tunnel, }"
  ['ios', 'debug', 'Tunnel', 'tunnel'],
  ['ios', 'debug', 'Transport', 'transport'],
  ['ios', 'show', 'Tunnel UDP-Encaps', 'udp-tunnel'],
  ['ios', 'show', 'Transport UDP-Encaps', 'udp-transport'],
  ['ios', 'config', 'tunnel', 'tunnel'],
  ['ios', 'config', 'transport', 'transport'],
  // ASA show ("in use settings ={RA, Transport, IKEv1, }") and config (`set ikev1 transform-set ... mode transport`)
  ['asa', 'show', 'Tunnel', 'tunnel'],
  ['asa', 'show', 'Transport', 'transport'],
  ['asa', 'config', 'tunnel', 'tunnel'],
  ['asa', 'config', 'transport', 'transport'],
  // strongSwan ipsec_mode_names ("mode = TUNNEL") and swanctl `mode = tunnel`
  ['strongswan', 'debug', 'TUNNEL', 'tunnel'],
  ['strongswan', 'debug', 'TRANSPORT', 'transport'],
  ['strongswan', 'config', 'tunnel', 'tunnel'],
  ['strongswan', 'config', 'transport', 'transport'],
]);

export const PROTOCOL_SPELLINGS: readonly Spelling<ProtocolName>[] = rows<ProtocolName>([
  ['ios', 'debug', 'ESP', 'esp'],
  ['ios', 'debug', 'AH', 'ah'],
  ['asa', 'debug', 'esp', 'esp'],
  ['asa', 'debug', 'ah', 'ah'],
  ['strongswan', 'debug', 'IKE', 'isakmp'],
  ['strongswan', 'debug', 'ESP', 'esp'],
  ['strongswan', 'debug', 'AH', 'ah'],
  ['strongswan', 'debug', 'IPCOMP', 'ipcomp'],
]);

// ---- exchange types, payload types ----------------------------------------------------------------

export const EXCHANGE_SPELLINGS: readonly Spelling<ExchangeName>[] = rows<ExchangeName>([
  // strongSwan exchange_type_names ("parsed ID_PROT response 0 [ SA V V V V ]")
  ['strongswan', 'debug', 'ID_PROT', 'main'],
  ['strongswan', 'debug', 'AUTH_ONLY', 'auth-only'],
  ['strongswan', 'debug', 'AGGRESSIVE', 'aggressive'],
  ['strongswan', 'debug', 'INFORMATIONAL_V1', 'informational'],
  ['strongswan', 'debug', 'TRANSACTION', 'transaction'],
  ['strongswan', 'debug', 'QUICK_MODE', 'quick'],
  ['strongswan', 'debug', 'NEW_GROUP_MODE', 'new-group'],
  // IOS FSM inputs ("Input = IKE_MESG_FROM_PEER, IKE_MM_EXCH")
  ['ios', 'debug', 'IKE_MM_EXCH', 'main'],
  ['ios', 'debug', 'IKE_AM_EXCH', 'aggressive'],
  ['ios', 'debug', 'IKE_QM_EXCH', 'quick'],
]);

export const PAYLOAD_SPELLINGS: readonly Spelling<PayloadName>[] = rows<PayloadName>([
  // strongSwan payload_type_short_names, as in "[ SA V V V V ]", "[ KE No NAT-D NAT-D ]"
  ['strongswan', 'debug', 'SA', 'SA'],
  ['strongswan', 'debug', 'PROP', 'P'],
  ['strongswan', 'debug', 'TRANS', 'T'],
  ['strongswan', 'debug', 'KE', 'KE'],
  ['strongswan', 'debug', 'ID', 'ID'],
  ['strongswan', 'debug', 'CERT', 'CERT'],
  ['strongswan', 'debug', 'CERTREQ', 'CR'],
  ['strongswan', 'debug', 'HASH', 'HASH'],
  ['strongswan', 'debug', 'SIG', 'SIG'],
  ['strongswan', 'debug', 'No', 'NONCE'],
  ['strongswan', 'debug', 'N', 'N', 'printed with the notify type: N(INITIAL_CONTACT)'],
  ['strongswan', 'debug', 'D', 'D'],
  ['strongswan', 'debug', 'V', 'VID'],
  ['strongswan', 'debug', 'CP', 'ATTR'],
  ['strongswan', 'debug', 'CPRQ', 'ATTR', 'attribute payload of type CFG_REQUEST: CPRQ(X_USER X_PWD)'],
  ['strongswan', 'debug', 'CPRP', 'ATTR', 'attribute payload of type CFG_REPLY'],
  ['strongswan', 'debug', 'CPS', 'ATTR', 'attribute payload of type CFG_SET'],
  ['strongswan', 'debug', 'CPA', 'ATTR', 'attribute payload of type CFG_ACK'],
  ['strongswan', 'debug', 'NAT-D', 'NAT-D', 'also used for the draft payload 130'],
  ['strongswan', 'debug', 'NAT-OA', 'NAT-OA', 'also used for the draft payload 131'],
  ['strongswan', 'debug', 'FRAG', 'FRAG'],
  // ASA IKE_DECODE lines print NAME (number): "HDR + SA (1) + VENDOR (13) + ... + NONE (0)"; map by the number
  ['asa', 'debug', 'NONE', 'NONE'],
  ['asa', 'debug', 'SA', 'SA'],
  ['asa', 'debug', 'KE', 'KE'],
  ['asa', 'debug', 'ID', 'ID'],
  ['asa', 'debug', 'HASH', 'HASH'],
  ['asa', 'debug', 'NONCE', 'NONCE'],
  ['asa', 'debug', 'NOTIFY', 'N'],
  ['asa', 'debug', 'DELETE', 'D'],
  ['asa', 'debug', 'VENDOR', 'VID'],
  ['asa', 'debug', 'NAT-D', 'NAT-D'],
  ['asa', 'debug', 'IOS KEEPALIVE', 'IOS-KEEPALIVE'],
  // IOS "processing <X> payload" / "processing vendor id payload" / "processing transaction payload"
  ['ios', 'debug', 'vendor id', 'VID'],
  ['ios', 'debug', 'transaction', 'ATTR'],
  ['ios', 'debug', 'NOTIFY', 'N'],
  ['ios', 'debug', 'DELETE', 'D'],
  ['ios', 'debug', 'NONCE', 'NONCE'],
]);

// ---- notify types ------------------------------------------------------------------------------------

export const NOTIFY_SPELLINGS: readonly Spelling<NotifyName>[] = rows<NotifyName>([
  // strongSwan notify_type_short_names ("[ HASH N(NO_PROP) ]")
  ['strongswan', 'debug', 'CRIT', 'INVALID_PAYLOAD_TYPE', 'strongSwan shares number 1 with IKEv2 UNSUPPORTED_CRITICAL_PAYLOAD'],
  ['strongswan', 'debug', 'INVAL_IKE_SPI', 'INVALID_COOKIE', 'number 4'],
  ['strongswan', 'debug', 'INVAL_MAJOR', 'INVALID_MAJOR_VERSION'],
  ['strongswan', 'debug', 'INVAL_SYN', 'INVALID_EXCHANGE_TYPE', 'number 7 (IKEv2 INVALID_SYNTAX)'],
  ['strongswan', 'debug', 'INVAL_MID', 'INVALID_MESSAGE_ID'],
  ['strongswan', 'debug', 'INVAL_SPI', 'INVALID_SPI'],
  ['strongswan', 'debug', 'ATTR_UNSUP', 'ATTRIBUTES_NOT_SUPPORTED'],
  ['strongswan', 'debug', 'NO_PROP', 'NO_PROPOSAL_CHOSEN'],
  ['strongswan', 'debug', 'PLD_MAL', 'PAYLOAD_MALFORMED'],
  ['strongswan', 'debug', 'INVAL_KE', 'INVALID_KEY_INFORMATION', 'number 17'],
  ['strongswan', 'debug', 'INVAL_ID', 'INVALID_ID_INFORMATION'],
  ['strongswan', 'debug', 'INVAL_CERTEN', 'INVALID_CERT_ENCODING'],
  ['strongswan', 'debug', 'INVAL_CERT', 'INVALID_CERTIFICATE'],
  ['strongswan', 'debug', 'CERT_UNSUP', 'CERT_TYPE_UNSUPPORTED'],
  ['strongswan', 'debug', 'INVAL_CA', 'INVALID_CERT_AUTHORITY'],
  ['strongswan', 'debug', 'INVAL_HASH', 'INVALID_HASH_INFORMATION'],
  ['strongswan', 'debug', 'AUTH_FAILED', 'AUTHENTICATION_FAILED'],
  ['strongswan', 'debug', 'INITIAL_CONTACT', 'INITIAL_CONTACT', 'number 24578 in IKEv1'],
  ['strongswan', 'debug', 'DPD', 'R_U_THERE'],
  ['strongswan', 'debug', 'DPD_ACK', 'R_U_THERE_ACK'],
  ['strongswan', 'debug', 'UNITY_LB', 'UNITY_LOAD_BALANCE'],
  // strongSwan notify_type_names ("received NO_PROPOSAL_CHOSEN error notify")
  ['strongswan', 'debug', 'INVALID_IKE_SPI', 'INVALID_COOKIE'],
  ['strongswan', 'debug', 'INVALID_MAJOR_VERSION', 'INVALID_MAJOR_VERSION'],
  ['strongswan', 'debug', 'INVALID_SYNTAX', 'INVALID_EXCHANGE_TYPE', 'number 7'],
  ['strongswan', 'debug', 'INVALID_MESSAGE_ID', 'INVALID_MESSAGE_ID'],
  ['strongswan', 'debug', 'INVALID_SPI', 'INVALID_SPI'],
  ['strongswan', 'debug', 'ATTRIBUTES_NOT_SUPPORTED', 'ATTRIBUTES_NOT_SUPPORTED'],
  ['strongswan', 'debug', 'NO_PROPOSAL_CHOSEN', 'NO_PROPOSAL_CHOSEN'],
  ['strongswan', 'debug', 'PAYLOAD_MALFORMED', 'PAYLOAD_MALFORMED'],
  ['strongswan', 'debug', 'INVALID_KE_PAYLOAD', 'INVALID_KEY_INFORMATION', 'number 17'],
  ['strongswan', 'debug', 'INVALID_ID_INFORMATION', 'INVALID_ID_INFORMATION'],
  ['strongswan', 'debug', 'INVALID_CERT_ENCODING', 'INVALID_CERT_ENCODING'],
  ['strongswan', 'debug', 'INVALID_CERTIFICATE', 'INVALID_CERTIFICATE'],
  ['strongswan', 'debug', 'CERT_TYPE_UNSUPPORTED', 'CERT_TYPE_UNSUPPORTED'],
  ['strongswan', 'debug', 'INVALID_CERT_AUTHORITY', 'INVALID_CERT_AUTHORITY'],
  ['strongswan', 'debug', 'INVALID_HASH_INFORMATION', 'INVALID_HASH_INFORMATION'],
  ['strongswan', 'debug', 'AUTHENTICATION_FAILED', 'AUTHENTICATION_FAILED'],
  ['strongswan', 'debug', 'DPD_R_U_THERE', 'R_U_THERE'],
  ['strongswan', 'debug', 'DPD_R_U_THERE_ACK', 'R_U_THERE_ACK'],
  ['strongswan', 'debug', 'UNITY_LOAD_BALANCE', 'UNITY_LOAD_BALANCE'],
  // IOS "processing NOTIFY INITIAL_CONTACT protocol 1"
  ['ios', 'debug', 'INITIAL_CONTACT', 'INITIAL_CONTACT'],
  ['ios', 'debug', 'PROPOSAL_NOT_CHOSEN', 'NO_PROPOSAL_CHOSEN'],
  ['ios', 'debug', 'INVALID_ID_INFO', 'INVALID_ID_INFORMATION'],
  ['ios', 'debug', 'RESPONDER_LIFETIME', 'RESPONDER_LIFETIME'],
  ['ios', 'debug', 'DPD/R_U_THERE', 'R_U_THERE'],
  ['ios', 'debug', 'DPD/R_U_THERE_ACK', 'R_U_THERE_ACK'],
  // ASA "Received non-routine Notify message: No proposal chosen (14)" (the number follows; map by it)
  ['asa', 'debug', 'No proposal chosen', 'NO_PROPOSAL_CHOSEN'],
  ['asa', 'debug', 'Invalid ID info', 'INVALID_ID_INFORMATION'],
]);

// ---- Mode-Config / XAUTH attributes -----------------------------------------------------------------

export const CFG_ATTRIBUTE_SPELLINGS: readonly Spelling<CfgAttributeName>[] = rows<CfgAttributeName>([
  // strongSwan configuration_attribute_type_short_names ("[ HASH CPRP(ADDR DNS) ]")
  ['strongswan', 'debug', 'ADDR', 'INTERNAL_IP4_ADDRESS'],
  ['strongswan', 'debug', 'MASK', 'INTERNAL_IP4_NETMASK'],
  ['strongswan', 'debug', 'DNS', 'INTERNAL_IP4_DNS'],
  ['strongswan', 'debug', 'NBNS', 'INTERNAL_IP4_NBNS'],
  ['strongswan', 'debug', 'EXP', 'INTERNAL_ADDRESS_EXPIRY'],
  ['strongswan', 'debug', 'DHCP', 'INTERNAL_IP4_DHCP'],
  ['strongswan', 'debug', 'VER', 'APPLICATION_VERSION'],
  ['strongswan', 'debug', 'ADDR6', 'INTERNAL_IP6_ADDRESS'],
  ['strongswan', 'debug', 'MASK6', 'INTERNAL_IP6_NETMASK'],
  ['strongswan', 'debug', 'DNS6', 'INTERNAL_IP6_DNS'],
  ['strongswan', 'debug', 'NBNS6', 'INTERNAL_IP6_NBNS'],
  ['strongswan', 'debug', 'DHCP6', 'INTERNAL_IP6_DHCP'],
  ['strongswan', 'debug', 'SUBNET', 'INTERNAL_IP4_SUBNET'],
  ['strongswan', 'debug', 'SUP', 'SUPPORTED_ATTRIBUTES'],
  ['strongswan', 'debug', 'SUBNET6', 'INTERNAL_IP6_SUBNET'],
  ['strongswan', 'debug', 'X_TYPE', 'XAUTH_TYPE'],
  ['strongswan', 'debug', 'X_USER', 'XAUTH_USER_NAME'],
  ['strongswan', 'debug', 'X_PWD', 'XAUTH_USER_PASSWORD'],
  ['strongswan', 'debug', 'X_CODE', 'XAUTH_PASSCODE'],
  ['strongswan', 'debug', 'X_MSG', 'XAUTH_MESSAGE'],
  ['strongswan', 'debug', 'X_CHALL', 'XAUTH_CHALLENGE'],
  ['strongswan', 'debug', 'X_DOMAIN', 'XAUTH_DOMAIN'],
  ['strongswan', 'debug', 'X_STATUS', 'XAUTH_STATUS'],
  ['strongswan', 'debug', 'X_PIN', 'XAUTH_NEXT_PIN'],
  ['strongswan', 'debug', 'X_ANSWER', 'XAUTH_ANSWER'],
  ['strongswan', 'debug', 'U_BANNER', 'UNITY_BANNER'],
  ['strongswan', 'debug', 'U_SAVEPWD', 'UNITY_SAVE_PASSWD'],
  ['strongswan', 'debug', 'U_DEFDOM', 'UNITY_DEF_DOMAIN'],
  ['strongswan', 'debug', 'U_SPLITDNS', 'UNITY_SPLITDNS_NAME'],
  ['strongswan', 'debug', 'U_SPLITINC', 'UNITY_SPLIT_INCLUDE'],
  ['strongswan', 'debug', 'U_NATTPORT', 'UNITY_NATT_PORT'],
  ['strongswan', 'debug', 'U_LOCALLAN', 'UNITY_LOCAL_LAN'],
  ['strongswan', 'debug', 'U_PFS', 'UNITY_PFS'],
  ['strongswan', 'debug', 'U_FWTYPE', 'UNITY_FW_TYPE'],
  ['strongswan', 'debug', 'U_BKPSRV', 'UNITY_BACKUP_SERVERS'],
  ['strongswan', 'debug', 'U_DDNSHOST', 'UNITY_DDNS_HOSTNAME'],
  // IOS "ISAKMP (0:2): checking request:" list and "ISAKMP/xauth: request attribute XAUTH_USER_NAME_V2"
  ['ios', 'debug', 'IP4_ADDRESS', 'INTERNAL_IP4_ADDRESS'],
  ['ios', 'debug', 'IP4_NETMASK', 'INTERNAL_IP4_NETMASK'],
  ['ios', 'debug', 'IP4_DNS', 'INTERNAL_IP4_DNS'],
  ['ios', 'debug', 'IP4_NBNS', 'INTERNAL_IP4_NBNS'],
  ['ios', 'debug', 'ADDRESS_EXPIRY', 'INTERNAL_ADDRESS_EXPIRY'],
  ['ios', 'debug', 'APPLICATION_VERSION', 'APPLICATION_VERSION'],
  ['ios', 'debug', 'DEFAULT_DOMAIN', 'UNITY_DEF_DOMAIN', 'IOS names 0x7002 DEFAULT_DOMAIN; other Unity numbers print as "UNKNOWN Unknown Attr: 0x7000"'],
  ['ios', 'debug', 'SPLIT_INCLUDE', 'UNITY_SPLIT_INCLUDE', 'IOS names 0x7004 SPLIT_INCLUDE'],
  ['ios', 'debug', 'XAUTH_USER_NAME_V2', 'XAUTH_USER_NAME', '"_V2": the draft-beaulieu numbers (16520..)'],
  ['ios', 'debug', 'XAUTH_USER_PASSWORD_V2', 'XAUTH_USER_PASSWORD'],
]);

// ---- ID types ----------------------------------------------------------------------------------------

export const ID_TYPE_SPELLINGS: readonly Spelling<IdTypeName>[] = [
  ...ID_TYPES.entries.flatMap((e) =>
    (['ios', 'asa', 'strongswan'] as const).map((dialect) => ({ dialect, context: 'debug' as const, word: e.label, canonical: e.name })),
  ),
  { dialect: 'strongswan', context: 'debug', word: 'ID_RFC822_ADDR', canonical: 'user-fqdn', note: 'strongSwan name of ID_USER_FQDN (3)' },
];

// ---------------------------------------------------------------------------------------------------
// Lookup
// ---------------------------------------------------------------------------------------------------

/** Lookup key of a vendor word: case-insensitive, blanks collapsed, trimmed. */
export function normalizeWord(word: string): string {
  return word.trim().replace(/\s+/g, ' ').toLowerCase();
}

interface Index<S extends Spelling<unknown>> {
  readonly all: ReadonlyMap<string, readonly S[]>;
}

function indexOf<S extends Spelling<unknown>>(list: readonly S[]): Index<S> {
  const all = new Map<string, S[]>();
  for (const s of list) {
    const k = normalizeWord(s.word);
    const bucket = all.get(k);
    if (bucket) bucket.push(s);
    else all.set(k, [s]);
  }
  return { all };
}

function find<S extends Spelling<unknown>>(index: Index<S>, word: string, dialect?: Dialect): S | undefined {
  const bucket = index.all.get(normalizeWord(word));
  if (!bucket) return undefined;
  if (dialect) return bucket.find((s) => s.dialect === dialect) ?? bucket[0];
  return bucket[0];
}

const CIPHER_INDEX = indexOf(CIPHER_SPELLINGS);
const HASH_INDEX = indexOf(HASH_SPELLINGS);
const PRF_INDEX = indexOf(PRF_SPELLINGS);
const GROUP_INDEX = indexOf(GROUP_SPELLINGS);
const AUTH_INDEX = indexOf(AUTH_SPELLINGS);
const ENCAP_INDEX = indexOf(ENCAPSULATION_SPELLINGS);
const PROTOCOL_INDEX = indexOf(PROTOCOL_SPELLINGS);
const EXCHANGE_INDEX = indexOf(EXCHANGE_SPELLINGS);
const PAYLOAD_INDEX = indexOf(PAYLOAD_SPELLINGS);
const NOTIFY_INDEX = indexOf(NOTIFY_SPELLINGS);
const CFG_INDEX = indexOf(CFG_ATTRIBUTE_SPELLINGS);
const ID_INDEX = indexOf(ID_TYPE_SPELLINGS);

/**
 * The canonical cipher of a vendor word: `canonicalCipher('3DES-CBC')` → '3des',
 * `canonicalCipher('AES-CBC', 256)` → 'aes256', `canonicalCipher('AES_CBC_128')` → 'aes128',
 * `canonicalCipher('esp-aes 256')` → 'aes256', `canonicalCipher('aes128gcm16')` → 'aes128gcm16'.
 * A key length fixed by the word itself (`aes 256`) wins over the `keyLength` argument.
 */
export function canonicalCipher(word: string, keyLength?: number, dialect?: Dialect): Cipher | undefined {
  const direct = find(CIPHER_INDEX, word, dialect);
  if (direct) return cipherOf(direct.canonical, direct.keyLength ?? keyLength);
  // strongSwan appends the key size to the algorithm name: AES_CBC_128, AES_GCM_16_256, CAMELLIA_CBC_192
  const m = /^(.*?)_(\d+)$/.exec(word.trim());
  if (m && m[1] !== undefined && m[2] !== undefined) {
    const base = find(CIPHER_INDEX, m[1], dialect ?? 'strongswan');
    if (base && base.dialect === 'strongswan') return cipherOf(base.canonical, Number(m[2]));
  }
  // a canonical name is its own spelling
  return cipherFacts(word.trim().toLowerCase())?.name as Cipher | undefined;
}

/** Canonical hash / integrity algorithm: 'SHA' → 'sha1', 'HMAC_SHA2_256_128' → 'sha256', 'esp-md5-hmac' → 'md5'. */
export function canonicalHash(word: string, dialect?: Dialect): HashName | undefined {
  const s = find(HASH_INDEX, word, dialect);
  if (s) return s.canonical;
  const w = word.trim().toLowerCase();
  return (HASHES as readonly string[]).includes(w) ? (w as HashName) : undefined;
}

/** Canonical PRF: 'PRF_HMAC_SHA1' → 'sha1'. */
export function canonicalPrf(word: string, dialect?: Dialect): HashName | undefined {
  const s = find(PRF_INDEX, word, dialect);
  if (s) return s.canonical;
  const w = word.trim().toLowerCase();
  return (HASHES as readonly string[]).includes(w) ? (w as HashName) : undefined;
}

/** Canonical DH group number: 'default group 2' → 2, 'Group 2' → 2, 'MODP_2048' → 14, 'ecp256' → 19. */
export function canonicalGroup(word: string, dialect?: Dialect): number | undefined {
  const s = find(GROUP_INDEX, word, dialect);
  if (s) return s.canonical;
  const w = word.trim().replace(/\s+/g, ' ');
  for (const p of GROUP_PATTERNS) {
    if (dialect && !p.dialects.includes(dialect)) continue;
    const m = p.pattern.exec(w);
    if (m && m[1] !== undefined) {
      const n = Number(m[1]);
      return GROUPS.byValue(n) ? n : undefined;
    }
  }
  return GROUPS.byName(w.toLowerCase())?.value;
}

/** Canonical auth method: 'pre-share' → 'psk', 'XAUTHInitPreShared' → 'xauth-init-psk'. */
export function canonicalAuth(word: string, dialect?: Dialect): AuthMethod | undefined {
  const s = find(AUTH_INDEX, word, dialect);
  if (s) return s.canonical;
  return P1_AUTH_METHODS.byName(word.trim().toLowerCase())?.name;
}

/** Canonical encapsulation mode: 'Tunnel' → 'tunnel', 'Tunnel UDP-Encaps' → 'udp-tunnel'. */
export function canonicalEncapsulation(word: string, dialect?: Dialect): EncapsulationName | undefined {
  const s = find(ENCAP_INDEX, word, dialect);
  if (s) return s.canonical;
  return ENCAPSULATION_MODES.byName(word.trim().toLowerCase())?.name;
}

/** Canonical protocol: 'ESP' → 'esp', 'IKE' → 'isakmp'. Numbers (3) are accepted too. */
export function canonicalProtocol(word: string, dialect?: Dialect): ProtocolName | undefined {
  const s = find(PROTOCOL_INDEX, word, dialect);
  if (s) return s.canonical;
  const w = word.trim();
  if (/^\d+$/.test(w)) return PROTOCOL_IDS.nameOf(Number(w));
  return PROTOCOL_IDS.byName(w.toLowerCase())?.name;
}

/** Canonical exchange: 'ID_PROT' → 'main', 'IKE_AM_EXCH' → 'aggressive'. */
export function canonicalExchange(word: string, dialect?: Dialect): ExchangeName | undefined {
  const s = find(EXCHANGE_INDEX, word, dialect);
  if (s) return s.canonical;
  return EXCHANGE_TYPES.byName(word.trim().toLowerCase())?.name;
}

/** Canonical payload type: 'No' → 'NONCE', 'V' → 'VID', 'VENDOR' → 'VID', 'CPRQ' → 'ATTR'. */
export function canonicalPayload(word: string, dialect?: Dialect): PayloadName | undefined {
  const s = find(PAYLOAD_INDEX, word, dialect);
  if (s) return s.canonical;
  return PAYLOAD_TYPES.byName(word.trim().toUpperCase())?.name;
}

/** Canonical notify type: 'NO_PROP' → 'NO_PROPOSAL_CHOSEN', 'PROPOSAL_NOT_CHOSEN' → 'NO_PROPOSAL_CHOSEN'. */
export function canonicalNotify(word: string, dialect?: Dialect): NotifyName | undefined {
  const s = find(NOTIFY_INDEX, word, dialect);
  if (s) return s.canonical;
  const w = word.trim().toUpperCase().replace(/-/g, '_');
  return NOTIFY_TYPES.byName(w)?.name as NotifyName | undefined;
}

/** Canonical Mode-Config / XAUTH attribute: 'ADDR' → 'INTERNAL_IP4_ADDRESS', 'IP4_DNS' → 'INTERNAL_IP4_DNS'. */
export function canonicalCfgAttribute(word: string, dialect?: Dialect): CfgAttributeName | undefined {
  const s = find(CFG_INDEX, word, dialect);
  if (s) return s.canonical;
  const w = word.trim().toUpperCase().replace(/-/g, '_');
  const named = CFG_ATTRIBUTES.byName(w);
  if (named) return named.name;
  // "Unknown Attr: 0x7000" style
  const m = /^(?:0X([0-9A-F]+)|(\d+))$/.exec(w);
  if (m) return CFG_ATTRIBUTES.nameOf(m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]));
  return undefined;
}

/** Canonical ID type: 'ID_IPV4_ADDR' → 'ipv4-addr', 'ID_RFC822_ADDR' → 'user-fqdn', '11' → 'key-id'. */
export function canonicalIdType(word: string, dialect?: Dialect): IdTypeName | undefined {
  const s = find(ID_INDEX, word, dialect);
  if (s) return s.canonical;
  const w = word.trim();
  if (/^\d+$/.test(w)) return ID_TYPES.nameOf(Number(w));
  return ID_TYPES.byName(w.toLowerCase())?.name;
}

// ---- reverse: the device's word for a canonical value (for fixes in the device's own syntax) -------

export type SpellingCategory =
  | 'cipher'
  | 'hash'
  | 'prf'
  | 'group'
  | 'auth'
  | 'encapsulation'
  | 'protocol'
  | 'exchange'
  | 'payload'
  | 'notify'
  | 'cfg-attribute'
  | 'id-type';

export const SPELLINGS: { readonly [C in SpellingCategory]: readonly Spelling<unknown>[] } = {
  cipher: CIPHER_SPELLINGS,
  hash: HASH_SPELLINGS,
  prf: PRF_SPELLINGS,
  group: GROUP_SPELLINGS,
  auth: AUTH_SPELLINGS,
  encapsulation: ENCAPSULATION_SPELLINGS,
  protocol: PROTOCOL_SPELLINGS,
  exchange: EXCHANGE_SPELLINGS,
  payload: PAYLOAD_SPELLINGS,
  notify: NOTIFY_SPELLINGS,
  'cfg-attribute': CFG_ATTRIBUTE_SPELLINGS,
  'id-type': ID_TYPE_SPELLINGS,
};

/**
 * Every word a device uses for a canonical value, in table order (first = preferred):
 * `vendorSpellings('cipher', 'aes256', 'ios', 'config')` → ['esp-aes 256', 'aes 256'].
 * For ciphers, `canonical` is a canonical cipher name (family + key length).
 */
export function vendorSpellings(category: SpellingCategory, canonical: string | number, dialect: Dialect, context?: SpellingContext): string[] {
  const out: string[] = [];
  if (category === 'cipher') {
    const facts = cipherFacts(String(canonical));
    if (!facts) return out;
    for (const s of CIPHER_SPELLINGS) {
      if (s.dialect !== dialect || (context && s.context !== context)) continue;
      if (cipherOf(s.canonical, s.keyLength) === facts.name) out.push(s.word);
    }
    return out;
  }
  for (const s of SPELLINGS[category]) {
    if (s.dialect === dialect && (!context || s.context === context) && s.canonical === canonical) out.push(s.word);
  }
  return out;
}
