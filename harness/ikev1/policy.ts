/**
 * The configuration of one engine: a small policy object modelled on the seed configs' concepts
 * (ISAKMP policies by priority, a pre-shared key for the peer, a transform set, a crypto ACL as
 * proxies, PFS group).
 */
import type { CfgAttributes } from '../../analyzer/model/events.js';
import type { VendorIdName } from '../../analyzer/model/vendor-ids.js';
import type { CipherAlg, DhGroupId, HashAlg } from '../crypto/index.js';
import type { IsakmpSa } from './sa.js';

/** One ISAKMP policy (phase 1). Pre-shared keys only in this slice. */
export interface IkeProposal {
  readonly priority?: number;
  readonly cipher: CipherAlg;
  readonly hash: HashAlg;
  readonly group: DhGroupId;
  readonly lifetimeSeconds?: number;
}

export type EspCipher = 'aes128' | 'aes192' | 'aes256' | '3des' | 'des';
export type EspIntegrity = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** One ESP transform (transform set entry). */
export interface EspProposal {
  readonly cipher: EspCipher;
  readonly integrity: EspIntegrity;
  readonly lifetimeSeconds?: number;
  /** Kilobytes of protected traffic (RFC 2407 §4.5 SA Life Type 2); sent only when set. */
  readonly lifetimeKilobytes?: number;
}

/** A proxy identity (crypto ACL entry): a host address or a subnet as CIDR. */
export interface ProxySpec {
  readonly address: string;
  readonly protocol?: number;
  readonly port?: number;
}

/** What a Quick Mode runs with: transform sets (in order), PFS and proxies (from this node's view). */
export interface QuickPolicy {
  readonly esp: readonly EspProposal[];
  readonly pfsGroup?: DhGroupId | 0;
  readonly proxies?: { readonly local: ProxySpec; readonly remote: ProxySpec };
}

/** A Quick Mode offer as the responder sees it: the proxies from its own view (local = IDcr, remote = IDci; omitted without ID payloads) and the PFS group of the first transform (0 = none). */
export interface QuickOffer {
  readonly local?: ProxySpec;
  readonly remote?: ProxySpec;
  readonly pfsGroup: number;
}

export interface Policy {
  readonly localAddress: string;
  readonly peerAddress: string;
  /** Our IKE port (default 500) and the peer's (default 500); any port works on UDP sockets. */
  readonly localPort?: number;
  readonly peerPort?: number;
  /** Our NAT-T port (default 4500): IKE on it carries the non-ESP marker, and ESP in UDP arrives on it. */
  readonly nattPort?: number;
  readonly psk: string | Uint8Array;
  /** In priority order (lowest `priority` first when given; else list order). */
  readonly ike: readonly IkeProposal[];
  readonly esp: readonly EspProposal[];
  /** Quick Mode PFS group; undefined / 0 = no PFS. */
  readonly pfsGroup?: DhGroupId | 0;
  /** Local and remote proxies (IDci/IDcr from the initiator's view). Omitted: the peer addresses (no ID payloads). */
  readonly proxies?: { readonly local: ProxySpec; readonly remote: ProxySpec };
  /** Phase-1 mode when initiating (default main). Aggressive Mode offers the first policy's DH group. */
  readonly mode?: 'main' | 'aggressive';
  /** Vendor IDs to send in MM1 / MM2 (canonical names of analyzer/model/vendor-ids.ts). */
  readonly vendorIds?: readonly VendorIdName[];
  /** Start Quick Mode right after phase 1 (initiator; default true). */
  readonly quickMode?: boolean;
  /** Retransmission: first timeout (ms, default 1000), doubling, tries after the first (default 4). */
  readonly retransmit?: { readonly initialMs?: number; readonly retries?: number };
  /** How long a responder keeps a half-open exchange (ms, default 30000). */
  readonly halfOpenMs?: number;
  /**
   * Responder: at most this many half-open phase-1 exchanges (answered, not yet established); a further
   * MM1/AM1 is dropped silently (Cisco `crypto call admission limit ike in-negotiation-sa N`, strongSwan
   * `charon.init_limit_half_open`; half-open.ts). Default: no limit.
   */
  readonly halfOpenLimit?: number;
  /** Our phase-1 identity (default: ID_IPV4_ADDR of `localAddress`); KEY_ID is the Cisco group name. */
  readonly identity?: IdentitySpec;
  /** The identity the peer must send in phase 1 (default: any); a mismatch fails phase 1 with INVALID_ID_INFORMATION. */
  readonly peerIdentity?: IdentitySpec;
  /** XAUTH server (edge device): after phase 1 it asks the client for credentials and checks them against these users. */
  readonly xauthUsers?: readonly XauthCredentials[];
  /** XAUTH server: requests before it gives up (Cisco asks again after a wrong password; default 3). */
  readonly xauthAttempts?: number;
  /** XAUTH client: the credentials it answers a request with; a list = what the user types at each request (the last one repeats). */
  readonly xauth?: XauthCredentials | readonly XauthCredentials[];
  /** Address pools (Cisco `ip local pool NAME FROM TO`). */
  readonly pools?: readonly AddressPool[];
  /** Who holds which pool address; shared by the engines of one node (harness/peer) so no address goes out twice. Omitted: the engine's own. */
  readonly poolLeases?: PoolLeases;
  /** Mode-Config server: what it hands out, and whether it pushes (SET, Cisco `client configuration address initiate`) or answers requests (default, `respond`). */
  readonly modeConfig?: ModeConfigServer;
  /** Mode-Config client: 'pull' asks for its configuration (CFG-REQ), 'push' waits for the server's CFG-SET. */
  readonly modeConfigClient?: { readonly mode: 'pull' | 'push' };
  /** Dead Peer Detection (RFC 3706; Cisco `crypto isakmp keepalive 10 2 periodic`): the DPD vendor ID in MM1/MM2 (AM1/AM2), probes when both sent it. */
  readonly dpd?: DpdPolicy;
  /** Send INITIAL-CONTACT (RFC 2407 §4.6.3.3) in MM5 / AM3 (as strongSwan does on a first SA with a peer). Default off. */
  readonly initialContact?: boolean;
  /** NAT traversal (natt.ts): off when omitted; true = RFC 3947 and drafts 03/02/02\n; or the versions to announce. */
  readonly natTraversal?: boolean | readonly NattVersionName[];
  /** Send a bogus local NAT-D hash so both sides see a NAT and use UDP encapsulation (strongSwan `encap = yes`). */
  readonly forceEncapsulation?: boolean;
  /** NAT keepalive interval from the NATed side (RFC 3948 §2.3); default 20 s, 0 = none. */
  readonly natKeepaliveSeconds?: number;
  /** The peer's NAT-T port the initiator floats to (default 4500). */
  readonly peerNattPort?: number;
  /** ESP encapsulation mode of Quick Mode (default tunnel). */
  readonly espMode?: 'tunnel' | 'transport';
  /** Rekey SAs at their soft lifetime (default true); false: they only expire (harness/ikev1/rekey.ts). */
  readonly rekey?: boolean;
  /** Delete a replaced IPsec SA pair with an Informational DELETE right after the rekey (default false: it expires at its hard lifetime). */
  readonly deleteRekeyed?: boolean;
  /**
   * Responder: the Quick Mode policy for an offer (a node's crypto map evaluated against the offered
   * proxies, harness/peer); a string refuses the offer and says why. Omitted: `esp`, `pfsGroup`, `proxies`.
   */
  readonly quickResponder?: (offer: QuickOffer) => QuickPolicy | string;
}

/** A phase-1 identity (RFC 2407 §4.6.2.1): an address, an FQDN, user@FQDN, or a key id (Cisco group name). */
export interface IdentitySpec {
  readonly type: 'ipv4-addr' | 'fqdn' | 'user-fqdn' | 'key-id';
  readonly value: string;
}

export interface XauthCredentials {
  readonly username: string;
  readonly password: string;
}

/** Pool name → address (as a number) → the ISAKMP SA holding it. */
export type PoolLeases = Map<string, Map<number, IsakmpSa>>;

export interface AddressPool {
  readonly name: string;
  /** First and last address, inclusive. */
  readonly from: string;
  readonly to: string;
}

/**
 * Mode-Config attributes a server hands out (Cisco `crypto isakmp client configuration group`), named
 * as the events name them; `splitInclude` networks (CIDR) go out as INTERNAL_IP4_SUBNET and UNITY_SPLIT_INCLUDE.
 */
export interface ModeConfigServer
  extends Pick<CfgAttributes, 'netmask' | 'dns' | 'wins' | 'domain' | 'splitInclude' | 'splitDns' | 'banner' | 'savePassword' | 'pfs' | 'backupServers'> {
  readonly mode?: 'pull' | 'push';
  /** Name of the pool in `pools` the client address comes from. */
  readonly pool?: string;
}

export interface DpdPolicy {
  /** Idle time before a probe (Cisco keepalive seconds). */
  readonly intervalSeconds: number;
  /** Probes after the first before the peer is declared dead (default 2). */
  readonly retries?: number;
  /** Time between probes once one went unanswered (Cisco retry seconds; default 2). */
  readonly retryIntervalSeconds?: number;
  /** periodic: probe whenever nothing was heard for the interval; on-demand (Cisco's default): only when we have traffic for an idle peer. */
  readonly mode?: 'periodic' | 'on-demand';
}

/** NAT-T versions (vendor IDs nat-t-rfc3947, nat-t-draft-03, nat-t-draft-02n, nat-t-draft-02). */
export type NattVersionName = 'rfc3947' | 'draft-03' | 'draft-02n' | 'draft-02';

export function pskBytes(p: Policy): Uint8Array {
  return typeof p.psk === 'string' ? new TextEncoder().encode(p.psk) : p.psk;
}

/** ISAKMP policies in priority order. */
export function orderedIke(p: Policy): IkeProposal[] {
  return p.ike.map((x, i) => ({ x, i })).sort((a, b) => (a.x.priority ?? a.i) - (b.x.priority ?? b.i) || a.i - b.i).map((e) => e.x);
}
