/**
 * The peer configuration after validation: the Cisco concepts of the seed configurations (IOS
 * `crypto isakmp policy`, keyrings and wildcard keys, ISAKMP profiles, transform sets, crypto maps
 * static and dynamic, crypto ACLs; ASA tunnel groups, group policies, address pools, users) as
 * typed records, every reference resolved and checked. The file format is docs/peer-config.md.
 */
import type { CipherAlg, DhGroupId, HashAlg } from '../../crypto/index.js';
import type { EspCipher, EspIntegrity } from '../../ikev1/policy.js';
import type { AclLine } from './acl.js';
import type { Prefix } from './addresses.js';

export interface NodeConfig {
  readonly name: string;
  readonly address: string;
  readonly ikePort: number;
  readonly nattPort: number;
  /** The crypto map applied to the interface (needed when the file defines several). */
  readonly cryptoMap?: string;
  /** NAT keepalive interval, seconds (`crypto isakmp nat keepalive N`). */
  readonly natKeepalive?: number;
  /** NAT traversal (IOS default on; `no crypto ipsec nat-transparency udp-encapsulation` = off); `force`: UDP encapsulation without a NAT (strongSwan `encap = yes`). */
  readonly natTraversal: { readonly enabled: boolean; readonly force: boolean };
  /** DPD (`crypto isakmp keepalive INTERVAL [RETRY-INTERVAL] [periodic|on-demand]`), `retries` probes after the first. */
  readonly dpd?: { readonly interval: number; readonly retries: number; readonly retryInterval: number; readonly mode: 'periodic' | 'on-demand' };
  /** Send INITIAL-CONTACT in MM5 / AM3. */
  readonly initialContact: boolean;
  /** `crypto isakmp identity address|hostname`; hostname sends ID_FQDN `hostname`. */
  readonly identity: 'address' | 'hostname';
  readonly hostname?: string;
  /** Global `crypto ipsec security-association lifetime seconds|kilobytes`: the default of entries without `lifetime`. */
  readonly ipsecLifetime?: Lifetime;
  /** Rekey SAs at their soft lifetime (default true) and delete a replaced IPsec SA pair at once (default false). */
  readonly rekey: boolean;
  readonly deleteRekeyed: boolean;
  readonly retransmit?: { readonly initialMs: number; readonly retries: number };
  /** How long a responder keeps a half-open exchange, seconds. */
  readonly halfOpen?: number;
  /** Lifetimes down to 10 s (ISAKMP and IPsec) instead of IOS's minimums (60 s, 120 s): tests and the interop lab only. */
  readonly labShortLifetimes?: boolean;
}

/** `crypto isakmp policy PRIORITY` / `crypto ikev1 policy PRIORITY`. */
export interface IsakmpPolicyConfig {
  readonly priority: number;
  readonly encryption: CipherAlg;
  readonly hash: HashAlg;
  readonly group: DhGroupId;
  /** Seconds. */
  readonly lifetime: number;
  readonly authentication: 'pre-share';
}

/** What a pre-shared key or an ISAKMP profile is matched on. */
export type IdentityMatch =
  | { readonly kind: 'address'; readonly prefix: Prefix }
  | { readonly kind: 'hostname'; readonly name: string }
  | { readonly kind: 'group'; readonly name: string };

export interface PresharedKey {
  readonly match: IdentityMatch;
  readonly key: string;
}

/** `crypto keyring NAME`; the keyring `default` holds the global `crypto isakmp key` lines. */
export interface Keyring {
  readonly name: string;
  readonly keys: readonly PresharedKey[];
}

/** `crypto isakmp profile NAME`. */
export interface IsakmpProfile {
  readonly name: string;
  readonly match: readonly IdentityMatch[];
  /** Keyrings searched for this profile's peers (none: every keyring). */
  readonly keyrings: readonly string[];
  /** `client authentication list` (XAUTH server). */
  readonly xauth: boolean;
  /** XAUTH server: requests before it gives up (default 3). */
  readonly xauthAttempts?: number;
  /** `client configuration address respond|initiate` (Mode-Config server: answer requests / push). */
  readonly modeConfig?: 'respond' | 'initiate';
  /** `self-identity`: our phase-1 identity towards this profile's peers (`key-id` = a VPN client's group). */
  readonly selfIdentity?: { readonly type: 'ipv4-addr' | 'fqdn' | 'user-fqdn' | 'key-id'; readonly value: string };
  /** XAUTH client: the user name and password we answer the server's request with (EzVPN `username ... password ...`). */
  readonly xauthClient?: { readonly username: string; readonly password: string };
  /** Mode-Config client: `pull` asks for the configuration, `push` waits for the server's SET. */
  readonly modeConfigClient?: 'pull' | 'push';
}

/** `crypto ipsec transform-set NAME esp-… esp-…-hmac`. */
export interface TransformSet {
  readonly name: string;
  readonly encryption: EspCipher;
  readonly integrity: EspIntegrity;
  readonly mode: 'tunnel' | 'transport';
}

export interface Lifetime {
  readonly seconds?: number;
  readonly kilobytes?: number;
}

/** What a static crypto map entry and a dynamic map entry both set. */
export interface EntrySettings {
  readonly seq: number;
  readonly transformSets: readonly string[];
  /** `match address ACL`. */
  readonly acl?: string;
  /** `set pfs groupN`: required of the peer; unset: none asked, any offered accepted. */
  readonly pfs?: DhGroupId;
  readonly lifetime?: Lifetime;
  readonly isakmpProfile?: string;
}

/** `crypto map NAME SEQ ipsec-isakmp` with `set peer`. */
export interface StaticEntry extends EntrySettings {
  readonly kind: 'static';
  readonly peers: readonly { readonly address: string; readonly port?: number }[];
  /** `set phase1-mode aggressive` (ASA); Main Mode otherwise. */
  readonly phase1Mode: 'main' | 'aggressive';
  /** The peer's NAT-T port when it is not 4500 (a lab peer on other ports). */
  readonly peerNattPort?: number;
}

/** `crypto map NAME SEQ ipsec-isakmp dynamic DYNMAP`. */
export interface DynamicRef {
  readonly kind: 'dynamic';
  readonly seq: number;
  readonly dynamicMap: string;
}

export type CryptoMapEntry = StaticEntry | DynamicRef;

/** `crypto dynamic-map NAME SEQ`: a template for peers not known in advance. */
export interface DynamicEntry extends EntrySettings {
  readonly kind: 'dynamic-entry';
}

/** ASA `tunnel-group NAME` (and IOS `crypto isakmp client configuration group NAME`). */
export interface TunnelGroup {
  readonly name: string;
  readonly type: 'ipsec-l2l' | 'remote-access';
  readonly preSharedKey?: string;
  readonly addressPool?: string;
  readonly groupPolicy?: string;
}

export interface GroupPolicy {
  readonly name: string;
  readonly dns: readonly string[];
  readonly wins: readonly string[];
  readonly domain?: string;
  /** Split tunnel: an ACL name. */
  readonly splitInclude?: string;
}

export interface AddressPool {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly mask?: string;
}

export interface PeerConfig {
  readonly node: NodeConfig;
  /** By priority, best (lowest number) first. */
  readonly isakmpPolicies: readonly IsakmpPolicyConfig[];
  readonly keyrings: readonly Keyring[];
  /** In file order (the first matching profile wins). */
  readonly isakmpProfiles: readonly IsakmpProfile[];
  readonly transformSets: ReadonlyMap<string, TransformSet>;
  readonly accessLists: ReadonlyMap<string, readonly AclLine[]>;
  /** Entries by sequence number. */
  readonly cryptoMaps: ReadonlyMap<string, readonly CryptoMapEntry[]>;
  readonly dynamicMaps: ReadonlyMap<string, readonly DynamicEntry[]>;
  readonly tunnelGroups: ReadonlyMap<string, TunnelGroup>;
  readonly groupPolicies: ReadonlyMap<string, GroupPolicy>;
  readonly addressPools: ReadonlyMap<string, AddressPool>;
  readonly xauthUsers: ReadonlyMap<string, { readonly password: string }>;
}
