// Vendor ID payload values (RFC 2408 §3.16) that ikelens recognises, and the words each device prints
// when it receives or sends one.
//
// Sources of the bytes: most values are MD5 hashes of a published string (the `md5Of` field; the tests
// recompute them); the others were read from strongSwan 5.9.8's vendor ID tables (libcharon,
// isakmp_vendor.c / ike_vendor.c) or are given by their RFC. A value that is only known by its
// wording (Cisco IOS's own VID, whose bytes are not published) has no `hex`.
//
// `match: 'prefix'` entries are followed on the wire by version or capability bytes (`suffixBytes`).
// This module imports nothing.

import type { Dialect } from './registries.js';

export interface VendorIdEntry {
  /** Canonical name. */
  readonly name: string;
  /** Human-readable name. */
  readonly title: string;
  /** Lower-case hex of the bytes (the prefix for `match: 'prefix'`); absent when the bytes are not published. */
  readonly hex?: string;
  readonly match: 'exact' | 'prefix';
  /** For prefix entries: how many bytes usually follow the prefix, and what they mean. */
  readonly suffix?: { readonly bytes: number; readonly meaning: string };
  /** The string whose MD5 gives the bytes (first `hex.length / 2` bytes of the digest). */
  readonly md5Of?: string;
  /** What a peer says by sending it. */
  readonly meaning: string;
  readonly ref: string;
  /** The description strongSwan prints ("received <desc> vendor ID"), when strongSwan knows it. */
  readonly strongswan?: string;
  /** Capability it announces (feeds NAT-T / DPD / XAUTH / fragmentation facts of a session). */
  readonly capability?: 'nat-t' | 'dpd' | 'xauth' | 'unity' | 'fragmentation' | 'heartbeat' | 'initial-contact';
}

export const VENDOR_IDS = [
  // ---- NAT traversal ----
  {
    name: 'nat-t-rfc3947',
    title: 'NAT-T (RFC 3947)',
    hex: '4a131c81070358455c5728f20e95452f',
    match: 'exact',
    md5Of: 'RFC 3947',
    meaning: 'supports NAT traversal as standardised: NAT-D payload 20, NAT-OA 21, encapsulation modes 3/4, UDP 4500',
    ref: 'RFC 3947 §3.1',
    strongswan: 'NAT-T (RFC 3947)',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft-00',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike-00',
    hex: '4485152d18b6bbcd0be8a8469579ddcc',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike-00',
    meaning: 'supports the NAT-T draft 00',
    ref: 'draft-ietf-ipsec-nat-t-ike-00 §3.1',
    strongswan: 'draft-ietf-ipsec-nat-t-ike-00',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft-01',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike-01',
    hex: '16f6ca16e4a4066d83821a0f0aeaa862',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike-01',
    meaning: 'supports the NAT-T draft 01',
    ref: 'draft-ietf-ipsec-nat-t-ike-01 §3.1',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft-02',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike-02',
    hex: 'cd60464335df21f87cfdb2fc68b6a448',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike-02',
    meaning: 'supports the NAT-T draft 02 (NAT-D payload 130, encapsulation 61443/61444)',
    ref: 'draft-ietf-ipsec-nat-t-ike-02 §3.1',
    strongswan: 'draft-ietf-ipsec-nat-t-ike-02',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft-02n',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike-02\\n',
    hex: '90cb80913ebb696e086381b5ec427b1f',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike-02\n',
    meaning: 'supports the NAT-T draft 02; the hash of the draft name with a trailing newline, as the draft text gave it',
    ref: 'draft-ietf-ipsec-nat-t-ike-02 §3.1',
    strongswan: 'draft-ietf-ipsec-nat-t-ike-02\\n',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft-03',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike-03',
    hex: '7d9419a65310ca6f2c179d9215529d56',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike-03',
    meaning: 'supports the NAT-T draft 03',
    ref: 'draft-ietf-ipsec-nat-t-ike-03 §3.1',
    strongswan: 'draft-ietf-ipsec-nat-t-ike-03',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft-04',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike-04',
    hex: '9909b64eed937c6573de52ace952fa6b',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike-04',
    meaning: 'supports the NAT-T draft 04',
    ref: 'draft-ietf-ipsec-nat-t-ike-04 §3.1',
    strongswan: 'draft-ietf-ipsec-nat-t-ike-04',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft-05',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike-05',
    hex: '80d0bb3def54565ee84645d4c85ce3ee',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike-05',
    meaning: 'supports the NAT-T draft 05',
    ref: 'draft-ietf-ipsec-nat-t-ike-05 §3.1',
    strongswan: 'draft-ietf-ipsec-nat-t-ike-05',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft-06',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike-06',
    hex: '4d1e0e136deafa34c4f3ea9f02ec7285',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike-06',
    meaning: 'supports the NAT-T draft 06',
    ref: 'draft-ietf-ipsec-nat-t-ike-06 §3.1',
    strongswan: 'draft-ietf-ipsec-nat-t-ike-06',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft-07',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike-07',
    hex: '439b59f8ba676c4c7737ae22eab8f582',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike-07',
    meaning: 'supports the NAT-T draft 07',
    ref: 'draft-ietf-ipsec-nat-t-ike-07 §3.1',
    strongswan: 'draft-ietf-ipsec-nat-t-ike-07',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft-08',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike-08',
    hex: '8f8d83826d246b6fc7a8a6a428c11de8',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike-08',
    meaning: 'supports the NAT-T draft 08',
    ref: 'draft-ietf-ipsec-nat-t-ike-08 §3.1',
    strongswan: 'draft-ietf-ipsec-nat-t-ike-08',
    capability: 'nat-t',
  },
  {
    name: 'nat-t-draft',
    title: 'NAT-T draft-ietf-ipsec-nat-t-ike (unversioned)',
    hex: '4df37928e9fc4fd1b3262170d515c662',
    match: 'exact',
    md5Of: 'draft-ietf-ipsec-nat-t-ike',
    meaning: 'supports a NAT-T draft (unversioned name)',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'draft-ietf-ipsec-nat-t-ike',
    capability: 'nat-t',
  },
  {
    name: 'nat-traversal-stenberg-01',
    title: 'draft-stenberg-ipsec-nat-traversal-01',
    hex: '27bab5dc01ea0760ea4e3190ac27c0d0',
    match: 'exact',
    md5Of: 'draft-stenberg-ipsec-nat-traversal-01',
    meaning: 'supports the early (Stenberg) NAT traversal draft 01',
    ref: 'draft-stenberg-ipsec-nat-traversal-01',
    strongswan: 'draft-stenberg-ipsec-nat-traversal-01',
    capability: 'nat-t',
  },
  {
    name: 'nat-traversal-stenberg-02',
    title: 'draft-stenberg-ipsec-nat-traversal-02',
    hex: '6105c422e76847e43f9684801292aecd',
    match: 'exact',
    md5Of: 'draft-stenberg-ipsec-nat-traversal-02',
    meaning: 'supports the early (Stenberg) NAT traversal draft 02',
    ref: 'draft-stenberg-ipsec-nat-traversal-02',
    strongswan: 'draft-stenberg-ipsec-nat-traversal-02',
    capability: 'nat-t',
  },
  // ---- extensions ----
  {
    name: 'xauth',
    title: 'XAUTH',
    hex: '09002689dfd6b712',
    match: 'exact',
    md5Of: 'draft-ietf-ipsra-isakmp-xauth-06.txt',
    meaning: 'supports extended authentication (XAUTH) in transaction exchanges',
    ref: 'draft-ietf-ipsra-isakmp-xauth-06 (first 8 bytes of the MD5 of the draft file name)',
    strongswan: 'XAuth',
    capability: 'xauth',
  },
  {
    name: 'dpd',
    title: 'Dead Peer Detection',
    hex: 'afcad71368a1f1c96b8696fc77570100',
    match: 'exact',
    meaning: 'supports Dead Peer Detection (R-U-THERE / R-U-THERE-ACK notifies), version 1.0',
    ref: 'RFC 3706 §5.2',
    strongswan: 'DPD',
    capability: 'dpd',
  },
  {
    name: 'cisco-unity',
    title: 'Cisco Unity',
    hex: '12f5f28c457168a9702d9fe274cc0100',
    match: 'exact',
    meaning: 'a Cisco Unity client or head-end: Unity Mode-Config attributes (split tunnel, banner, backup servers, ...), version 1.0',
    ref: 'Cisco Unity (first 14 bytes of MD5("CISCO-UNITY") followed by version 01 00)',
    strongswan: 'Cisco Unity',
    capability: 'unity',
  },
  {
    name: 'fragmentation',
    title: 'IKE fragmentation (Cisco)',
    hex: '4048b7d56ebce88525e7de7f00d6c2d3',
    match: 'prefix',
    suffix: { bytes: 4, meaning: 'capability flags (strongSwan sends 80000000, Cisco ASA c0000000 "extended capabilities")' },
    md5Of: 'FRAGMENTATION',
    meaning: 'supports Cisco-style IKE fragmentation (payload 132)',
    ref: 'Cisco proprietary; strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'FRAGMENTATION',
    capability: 'fragmentation',
  },
  {
    name: 'heartbeat-notify',
    title: 'Heartbeat Notify',
    hex: '4865617274426561745f4e6f74696679',
    match: 'prefix',
    suffix: { bytes: 4, meaning: 'version bytes (386b0100 in the common form)' },
    meaning: 'supports heartbeat notifies (the ASCII text "HeartBeat_Notify" followed by version bytes)',
    ref: 'vendor extension (ASCII "HeartBeat_Notify")',
    capability: 'heartbeat',
  },
  {
    name: 'ike-cga',
    title: 'IKE CGA version 1',
    hex: 'e3a5966a76379fe707228231e5ce8652',
    match: 'exact',
    md5Of: 'IKE CGA version 1',
    meaning: 'supports authentication with Cryptographically Generated Addresses',
    ref: 'MD5("IKE CGA version 1")',
  },
  // ---- products ----
  {
    name: 'cisco-ios',
    title: 'Cisco IOS',
    match: 'exact',
    meaning: 'the peer is Cisco IOS (IOS prints "speaking to another IOS box!"; ASA spoofs it: "Send IOS VID"); carries a version and capability flags',
    ref: 'Cisco proprietary (bytes not published)',
  },
  {
    name: 'cisco-vpn-concentrator',
    title: 'Cisco VPN 3000 / ASA gateway (Altiga)',
    hex: '1f07f70eaa6514d3b0fa96542a50',
    match: 'prefix',
    suffix: { bytes: 2, meaning: 'version bytes' },
    meaning: 'the peer is a Cisco VPN 3000 concentrator or an ASA ("Send Altiga/Cisco VPN3000/Cisco ASA GW VID")',
    ref: 'first 14 bytes of MD5("ALTIGA GATEWAY"); strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Cisco VPN Concentrator',
  },
  {
    name: 'cisco-vpn3000-client',
    title: 'Cisco VPN 3000 client (Altiga)',
    hex: 'f6f7efc7f5aeb8cb158cb9d094ba69e7',
    match: 'exact',
    md5Of: 'ALTIGA NETWORKS',
    meaning: 'the peer is a Cisco VPN 3000 software client',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Cisco VPN 3000 client',
  },
  {
    name: 'strongswan',
    title: 'strongSwan',
    hex: '882fe56d6fd20dbc2251613b2ebe5beb',
    match: 'exact',
    md5Of: 'strongSwan',
    meaning: 'the peer is strongSwan (sent only when charon.send_vendor_id = yes)',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'strongSwan',
  },
  {
    name: 'kame-racoon',
    title: 'KAME/racoon',
    hex: '7003cbc1097dbe9c2600ba6983bc8b35',
    match: 'exact',
    md5Of: 'KAME/racoon',
    meaning: 'the peer is racoon (ipsec-tools / KAME)',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'KAME/racoon',
  },
  {
    name: 'ms-nt5-isakmpoakley',
    title: 'Microsoft Windows (MS NT5 ISAKMPOAKLEY)',
    hex: '1e2b516905991c7d7c96fcbfb587e461',
    match: 'prefix',
    suffix: { bytes: 4, meaning: 'Windows IKE version number, big-endian (strongSwan names 7, 8 and 9)' },
    md5Of: 'MS NT5 ISAKMPOAKLEY',
    meaning: 'the peer is the Microsoft Windows IKE implementation',
    ref: 'strongSwan 5.9 isakmp_vendor.c / ike_vendor.c',
    strongswan: 'MS NT5 ISAKMPOAKLEY',
  },
  {
    name: 'ms-vid-initial-contact',
    title: 'Microsoft Vid-Initial-Contact',
    hex: '26244d38eddb61b3172a36e3d0cfb819',
    match: 'exact',
    md5Of: 'Vid-Initial-Contact',
    meaning: 'Windows: this is the first contact, drop old SAs with this peer',
    ref: 'strongSwan 5.9 ike_vendor.c',
    strongswan: 'Vid-Initial-Contact',
    capability: 'initial-contact',
  },
  {
    name: 'ms-negotiation-discovery',
    title: 'MS-Negotiation Discovery Capable',
    hex: 'fb1de3cdf341b7ea16b7e5be0855f120',
    match: 'exact',
    md5Of: 'MS-Negotiation Discovery Capable',
    meaning: 'Windows: supports negotiation discovery',
    ref: 'strongSwan 5.9 ike_vendor.c',
    strongswan: 'MS-Negotiation Discovery Capable',
  },
  {
    name: 'zyxel-zywall-router',
    title: 'ZyXEL ZyWALL Router',
    hex: 'b858d1addd08c1e8adafea150608aa4497aa6cc8',
    match: 'exact',
    meaning: 'the peer is a ZyXEL ZyWALL router',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'ZyXEL ZyWALL Router',
  },
  {
    name: 'zyxel-zywall-usg100',
    title: 'ZyXEL ZyWALL USG 100',
    hex: 'f758f22668750f03b08df6ebe1d0',
    match: 'exact',
    meaning: 'the peer is a ZyXEL ZyWALL USG 100',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'ZyXEL ZyWALL USG 100',
  },
  {
    name: 'zyxel-zywall',
    title: 'ZyXEL ZyWALL',
    hex: '625027749d5ab97f5616c1602765cf480a3b7d0b',
    match: 'exact',
    meaning: 'the peer is a ZyXEL ZyWALL',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'ZyXEL ZyWALL',
  },
  {
    name: 'sonicwall-1',
    title: 'Sonicwall 1',
    hex: '5b362bc820f60001',
    match: 'prefix',
    meaning: 'the peer is a SonicWall firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Sonicwall 1',
  },
  {
    name: 'sonicwall-2',
    title: 'Sonicwall 2',
    hex: '5b362bc820f60002',
    match: 'prefix',
    meaning: 'the peer is a SonicWall firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Sonicwall 2',
  },
  {
    name: 'sonicwall-3',
    title: 'Sonicwall 3',
    hex: '5b362bc820f60003',
    match: 'prefix',
    meaning: 'the peer is a SonicWall firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Sonicwall 3',
  },
  {
    name: 'sonicwall-5',
    title: 'Sonicwall 5',
    hex: '5b362bc820f60005',
    match: 'prefix',
    meaning: 'the peer is a SonicWall firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Sonicwall 5',
  },
  {
    name: 'sonicwall-6',
    title: 'Sonicwall 6',
    hex: '5b362bc820f60006',
    match: 'prefix',
    meaning: 'the peer is a SonicWall firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Sonicwall 6',
  },
  {
    name: 'sonicwall-7',
    title: 'Sonicwall 7',
    hex: '5b362bc820f60007',
    match: 'prefix',
    meaning: 'the peer is a SonicWall firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Sonicwall 7',
  },
  {
    name: 'sonicwall-8',
    title: 'Sonicwall 8',
    hex: '5b362bc820f60008',
    match: 'prefix',
    meaning: 'the peer is a SonicWall firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Sonicwall 8',
  },
  {
    name: 'sonicwall-a',
    title: 'Sonicwall a',
    hex: '404bf439522ca3f6',
    match: 'prefix',
    meaning: 'the peer is a SonicWall firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Sonicwall a',
  },
  {
    name: 'sonicwall-b',
    title: 'Sonicwall b',
    hex: 'da8e937880010000',
    match: 'prefix',
    meaning: 'the peer is a SonicWall firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Sonicwall b',
  },
  {
    name: 'sonicwall-c',
    title: 'Sonicwall c',
    hex: '5b362bc820f70001',
    match: 'prefix',
    meaning: 'the peer is a SonicWall firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Sonicwall c',
  },
  {
    name: 'fortigate',
    title: 'Fortigate',
    hex: '1d6e178f6c2c0be284985465450fe9d4',
    match: 'exact',
    meaning: 'the peer is a FortiGate firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Fortigate',
  },
  {
    name: 'checkpoint',
    title: 'Checkpoint Firewall',
    hex: 'f4ed19e0c114eb516faaac0ee37daf2807b4381f',
    match: 'exact',
    meaning: 'the peer is a Check Point firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Checkpoint Firewall',
  },
  {
    name: 'netscreen',
    title: 'NetScreen Technologies',
    hex: '699369228741c6d4ca094c93e242c9de19e7b7c6',
    match: 'exact',
    meaning: 'the peer is a NetScreen / ScreenOS firewall',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'NetScreen Technologies',
  },
  {
    name: 'juniper-srx',
    title: 'Juniper SRX',
    hex: 'fd808804df73b15150709d878044cde0ac1efcde',
    match: 'exact',
    meaning: 'the peer is a Juniper SRX',
    ref: 'strongSwan 5.9 isakmp_vendor.c',
    strongswan: 'Juniper SRX',
  },
] as const satisfies readonly VendorIdEntry[];

export type VendorIdName = (typeof VENDOR_IDS)[number]['name'];

const BY_NAME = new Map<string, VendorIdEntry>(VENDOR_IDS.map((v) => [v.name, v]));

export function vendorIdByName(name: string): VendorIdEntry | undefined {
  return BY_NAME.get(name);
}

export interface VendorIdMatch {
  readonly entry: VendorIdEntry;
  readonly match: 'exact' | 'prefix';
  /** Bytes after the prefix (hex), for prefix matches. */
  readonly suffix?: string;
}

/** Lower-case hex without separators or 0x: "0x4A:13-1c 81" → "4a131c81". Undefined when not hex. */
export function normalizeHex(text: string): string | undefined {
  const h = text.trim().replace(/^0x/i, '').replace(/[\s:.-]/g, '').toLowerCase();
  return /^(?:[0-9a-f]{2})+$/.test(h) ? h : undefined;
}

/** The known vendor ID of a payload value: exact match first, then the longest prefix entry. */
export function vendorIdByHex(hex: string): VendorIdMatch | undefined {
  const h = normalizeHex(hex);
  if (!h) return undefined;
  let best: VendorIdEntry | undefined;
  for (const v of VENDOR_IDS as readonly VendorIdEntry[]) {
    if (!v.hex) continue;
    if (v.hex === h) return { entry: v, match: 'exact' };
    if (v.match === 'prefix' && h.startsWith(v.hex) && (!best || v.hex.length > (best.hex ?? '').length)) best = v;
  }
  if (!best || !best.hex) return undefined;
  const suffix = h.slice(best.hex.length);
  return suffix ? { entry: best, match: 'prefix', suffix } : { entry: best, match: 'prefix' };
}

// ---------------------------------------------------------------------------------------------------
// Device wordings
// ---------------------------------------------------------------------------------------------------

export interface VendorIdWording {
  readonly dialect: Dialect;
  /** in: the device received the VID; out: it sent it. */
  readonly dir: 'in' | 'out';
  /** A real example of the wording. */
  readonly example: string;
  /** Matched anywhere in the message text (case-insensitive). */
  readonly pattern: RegExp;
  /** The VID it names; null when the device says it did not recognise the VID. */
  readonly vid: VendorIdName | null;
  /** Other VIDs the same wording can stand for (the device does not tell them apart). */
  readonly alsoMatches?: readonly VendorIdName[];
  readonly note?: string;
}

export const VENDOR_ID_WORDINGS: readonly VendorIdWording[] = [
  // ---- Cisco IOS (debug crypto isakmp) ----
  { dialect: 'ios', dir: 'in', example: 'vendor ID is Unity', pattern: /\bvendor ID is Unity\b/i, vid: 'cisco-unity' },
  { dialect: 'ios', dir: 'in', example: 'vendor ID is DPD', pattern: /\bvendor ID is DPD\b/i, vid: 'dpd' },
  { dialect: 'ios', dir: 'in', example: 'vendor ID is XAUTH', pattern: /\bvendor ID is XAUTH\b/i, vid: 'xauth', note: 'IOS 12.3 prints "Xauth"' },
  { dialect: 'ios', dir: 'in', example: 'vendor ID is NAT-T RFC 3947', pattern: /\bvendor ID is NAT-T RFC ?3947\b/i, vid: 'nat-t-rfc3947' },
  { dialect: 'ios', dir: 'in', example: 'vendor ID is NAT-T v7', pattern: /\bvendor ID is NAT-T v7\b/i, vid: 'nat-t-draft-07' },
  { dialect: 'ios', dir: 'in', example: 'vendor ID is NAT-T v3', pattern: /\bvendor ID is NAT-T v3\b/i, vid: 'nat-t-draft-03' },
  {
    dialect: 'ios',
    dir: 'in',
    example: 'vendor ID is NAT-T v2',
    pattern: /\bvendor ID is NAT-T v2\b/i,
    vid: 'nat-t-draft-02',
    alsoMatches: ['nat-t-draft-02n'],
    note: 'IOS does not say which of the two draft-02 hashes it saw',
  },
  { dialect: 'ios', dir: 'in', example: 'speaking to another IOS box!', pattern: /\bspeaking to another IOS box\b/i, vid: 'cisco-ios' },
  {
    dialect: 'ios',
    dir: 'in',
    example: 'vendor ID seems Unity/DPD but major 215 mismatch',
    pattern: /\bvendor ID seems Unity\/DPD but major \d+ mismatch\b/i,
    vid: null,
    note: 'a VID IOS did not recognise (it shares no meaning with Unity or DPD)',
  },
  { dialect: 'ios', dir: 'out', example: 'constructed NAT-T vendor-rfc3947 ID', pattern: /\bconstructed NAT-T vendor-rfc ?3947 ID\b/i, vid: 'nat-t-rfc3947' },
  { dialect: 'ios', dir: 'out', example: 'constructed NAT-T vendor-07 ID', pattern: /\bconstructed NAT-T vendor-07 ID\b/i, vid: 'nat-t-draft-07' },
  { dialect: 'ios', dir: 'out', example: 'constructed NAT-T vendor-03 ID', pattern: /\bconstructed NAT-T vendor-03 ID\b/i, vid: 'nat-t-draft-03' },
  {
    dialect: 'ios',
    dir: 'out',
    example: 'constructed NAT-T vendor-02 ID',
    pattern: /\bconstructed NAT-T vendor-02 ID\b/i,
    vid: 'nat-t-draft-02',
    alsoMatches: ['nat-t-draft-02n'],
  },
  // ---- Cisco ASA (debug crypto ikev1) ----
  { dialect: 'asa', dir: 'in', example: 'Received NAT-Traversal RFC VID', pattern: /\bReceived NAT-Traversal RFC VID\b/i, vid: 'nat-t-rfc3947' },
  {
    dialect: 'asa',
    dir: 'in',
    example: 'Received NAT-Traversal ver 02 VID',
    pattern: /\bReceived NAT-Traversal ver 02 VID\b/i,
    vid: 'nat-t-draft-02',
    alsoMatches: ['nat-t-draft-02n'],
    note: 'ASA does not say which of the two draft-02 hashes it saw',
  },
  { dialect: 'asa', dir: 'in', example: 'Received NAT-Traversal ver 03 VID', pattern: /\bReceived NAT-Traversal ver 03 VID\b/i, vid: 'nat-t-draft-03' },
  { dialect: 'asa', dir: 'in', example: 'Received Fragmentation VID', pattern: /\bReceived Fragmentation VID\b/i, vid: 'fragmentation' },
  { dialect: 'asa', dir: 'in', example: 'Received xauth V6 VID', pattern: /\bReceived xauth V6 VID\b/i, vid: 'xauth' },
  { dialect: 'asa', dir: 'in', example: 'Received DPD VID', pattern: /\bReceived DPD VID\b/i, vid: 'dpd' },
  { dialect: 'asa', dir: 'in', example: 'Received Cisco Unity client VID', pattern: /\bReceived Cisco Unity client VID\b/i, vid: 'cisco-unity' },
  {
    dialect: 'asa',
    dir: 'in',
    example: 'Received Altiga/Cisco VPN3000/Cisco ASA GW VID',
    pattern: /\bReceived Altiga\/Cisco VPN3000\/Cisco ASA GW VID\b/i,
    vid: 'cisco-vpn-concentrator',
  },
  {
    dialect: 'asa',
    dir: 'in',
    example: 'Processing IOS/PIX Vendor ID payload (version: 1.0.0, capabilities: 00000f7f)',
    pattern: /\bProcessing IOS\/PIX Vendor ID payload\b/i,
    vid: 'cisco-ios',
  },
  { dialect: 'asa', dir: 'out', example: 'constructing NAT-Traversal VID ver RFC payload', pattern: /\bconstructing NAT-Traversal VID ver RFC payload\b/i, vid: 'nat-t-rfc3947' },
  {
    dialect: 'asa',
    dir: 'out',
    example: 'constructing NAT-Traversal VID ver 02 payload',
    pattern: /\bconstructing NAT-Traversal VID ver 02 payload\b/i,
    vid: 'nat-t-draft-02',
    alsoMatches: ['nat-t-draft-02n'],
  },
  { dialect: 'asa', dir: 'out', example: 'constructing NAT-Traversal VID ver 03 payload', pattern: /\bconstructing NAT-Traversal VID ver 03 payload\b/i, vid: 'nat-t-draft-03' },
  {
    dialect: 'asa',
    dir: 'out',
    example: 'constructing Fragmentation VID + extended capabilities payload',
    pattern: /\bconstructing Fragmentation VID\b/i,
    vid: 'fragmentation',
  },
  { dialect: 'asa', dir: 'out', example: 'constructing Cisco Unity VID payload', pattern: /\bconstructing Cisco Unity VID payload\b/i, vid: 'cisco-unity' },
  { dialect: 'asa', dir: 'out', example: 'constructing xauth V6 VID payload', pattern: /\bconstructing xauth V6 VID payload\b/i, vid: 'xauth' },
  { dialect: 'asa', dir: 'out', example: 'constructing dpd vid payload', pattern: /\bconstructing dpd vid payload\b/i, vid: 'dpd' },
  { dialect: 'asa', dir: 'out', example: 'Send IOS VID', pattern: /\bSend IOS VID\b/i, vid: 'cisco-ios' },
  {
    dialect: 'asa',
    dir: 'out',
    example: 'Constructing ASA spoofing IOS Vendor ID payload (version: 1.0.0, capabilities: 20000001)',
    pattern: /\bConstructing ASA spoofing IOS Vendor ID payload\b/i,
    vid: 'cisco-ios',
    note: 'the payload of the preceding "Send IOS VID"',
  },
  {
    dialect: 'asa',
    dir: 'out',
    example: 'Send Altiga/Cisco VPN3000/Cisco ASA GW VID',
    pattern: /\bSend Altiga\/Cisco VPN3000\/Cisco ASA GW VID\b/i,
    vid: 'cisco-vpn-concentrator',
  },
  // ---- strongSwan ("received %s vendor ID" / "sending %s vendor ID", %s = the table description) ----
  ...(VENDOR_IDS as readonly VendorIdEntry[]).flatMap((v): VendorIdWording[] =>
    v.strongswan === undefined
      ? []
      : (['in', 'out'] as const).map((dir) => ({
          dialect: 'strongswan' as const,
          dir,
          example: `${dir === 'in' ? 'received' : 'sending'} ${v.strongswan} vendor ID`,
          pattern: new RegExp(`\\b${dir === 'in' ? 'received' : 'sending'} ${escapeRegExp(v.strongswan ?? '')} vendor ID$`, 'i'),
          vid: v.name as VendorIdName,
        })),
  ),
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** strongSwan: "received unknown vendor ID: 4f:45:..." (the bytes follow). */
const STRONGSWAN_UNKNOWN = /\breceived unknown vendor ID: ?([0-9a-f:\s]*)$/i;

export interface VendorIdWordingMatch {
  readonly vid: VendorIdName | null;
  readonly dir: 'in' | 'out';
  readonly wording: VendorIdWording | null;
  readonly alsoMatches?: readonly VendorIdName[];
  /** The bytes, when the device printed them. */
  readonly hex?: string;
}

/**
 * The vendor ID a device line talks about: `vendorIdByDeviceWording('asa', 'Received DPD VID')` →
 * { vid: 'dpd', dir: 'in' }. strongSwan's "received unknown vendor ID: <bytes>" is resolved through the
 * bytes (vid null when they are not in VENDOR_IDS). Undefined when the text names no vendor ID.
 */
export function vendorIdByDeviceWording(dialect: Dialect, text: string): VendorIdWordingMatch | undefined {
  const t = text.trim();
  if (dialect === 'strongswan') {
    const m = STRONGSWAN_UNKNOWN.exec(t);
    if (m) {
      const hex = normalizeHex(m[1] ?? '');
      const known = hex ? vendorIdByHex(hex) : undefined;
      const vid = (known?.entry.name ?? null) as VendorIdName | null;
      return hex ? { vid, dir: 'in', wording: null, hex } : { vid, dir: 'in', wording: null };
    }
  }
  for (const w of VENDOR_ID_WORDINGS) {
    if (w.dialect !== dialect || !w.pattern.test(t)) continue;
    return w.alsoMatches ? { vid: w.vid, dir: w.dir, wording: w, alsoMatches: w.alsoMatches } : { vid: w.vid, dir: w.dir, wording: w };
  }
  return undefined;
}
