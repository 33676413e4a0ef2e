/**
 * From a PeerConfig to what one engine runs for one peer: the flat `Policy` of harness/ikev1.
 *
 * - Phase 1: the ISAKMP policies by priority; the pre-shared key found as IOS and the ASA find it
 *   (the ISAKMP profile whose `match identity` fits the peer's identity restricts the keyrings;
 *   the most specific address key wins, `0.0.0.0/0` is the wildcard; a group identity takes the
 *   key of its tunnel group / client group; ASA tunnel groups named by the peer's address, then
 *   DefaultL2LGroup and DefaultRAGroup).
 * - Initiator: the first static crypto map entry (by sequence number) that names the peer: its
 *   ACL's first permit line → proxies, its transform sets → ESP proposals in order, its PFS group.
 * - Responder: `quickResponder` evaluates the crypto map against the initiator's Quick Mode offer
 *   the way the device does (crypto-map.ts).
 * - Node-wide: NAT traversal (forced encapsulation, keepalive), DPD, INITIAL-CONTACT, the phase-1
 *   identity, rekeying. Per profile / tunnel group: XAUTH and Mode-Config as server (users,
 *   pools, group policy) and as client (credentials, pull/push, the group as KEY_ID identity).
 */
import type { DhGroupId } from '../crypto/index.js';
import type { IdentitySpec, IkeProposal, ModeConfigServer, Policy } from '../ikev1/policy.js';
import { aclProxies } from './config/acl.js';
import { hostPrefix, prefixContains, prefixText } from './config/addresses.js';
import type { IdentityMatch, IsakmpProfile, PeerConfig, StaticEntry, TunnelGroup } from './config/schema.js';
import { activeCryptoMap, espProposals, selectQuickPolicy } from './crypto-map.js';

/** The peer's phase-1 identity as the node knows it: its address (Main Mode), or the ID of AM1. */
export interface PeerIdentity {
  readonly type: 'address' | 'group' | 'fqdn';
  readonly value: string;
}

export interface PeerRequest {
  readonly address: string;
  /** Default: the address. */
  readonly identity?: PeerIdentity;
}

export interface Compiled {
  readonly ok: true;
  readonly policy: Policy;
  readonly profile?: IsakmpProfile;
  /** Where the key came from, for notes ("keyring spokes, address 0.0.0.0/0"); never the key. */
  readonly keySource: string;
  /** The static crypto map entry naming this peer (what an initiator uses), with its map's name. */
  readonly entry?: { readonly map: string; readonly entry: StaticEntry };
  /** The tunnel group / client group that gave the key or matched the group identity (its pool and group policy serve Mode-Config). */
  readonly tunnelGroup?: TunnelGroup;
}

export type CompileResult = Compiled | { readonly ok: false; readonly reason: string };

/** ISAKMP policies → the engine's IKE proposals, best priority first. */
export function ikeProposals(c: PeerConfig): IkeProposal[] {
  return c.isakmpPolicies.map((p) => ({ priority: p.priority, cipher: p.encryption, hash: p.hash, group: p.group, lifetimeSeconds: p.lifetime }));
}

function identityMatches(m: IdentityMatch, id: PeerIdentity): boolean {
  if (m.kind === 'address') {
    const p = id.type === 'address' ? hostPrefix(id.value) : undefined;
    return p !== undefined && prefixContains(m.prefix, p);
  }
  if (m.kind === 'group') return id.type === 'group' && id.value === m.name;
  return id.type === 'fqdn' && id.value.toLowerCase() === m.name;
}

/** The first ISAKMP profile (file order) with a `match identity` that fits. */
export function matchProfile(c: PeerConfig, id: PeerIdentity): IsakmpProfile | undefined {
  return c.isakmpProfiles.find((p) => p.match.some((m) => identityMatches(m, id)));
}

/** The pre-shared key for a peer: the most specific match; undefined when there is none. */
export function findKey(c: PeerConfig, address: string, id: PeerIdentity, profile?: IsakmpProfile): { key: string; source: string; group?: TunnelGroup } | undefined {
  const rings = profile && profile.keyrings.length ? c.keyrings.filter((k) => profile.keyrings.includes(k.name)) : c.keyrings;
  const candidates: { key: string; source: string; rank: number; group?: TunnelGroup }[] = [];
  for (const ring of rings) {
    for (const k of ring.keys) {
      if (!identityMatches(k.match, id)) continue;
      const what = k.match.kind === 'address' ? `address ${prefixText(k.match.prefix)}` : `${k.match.kind} ${k.match.name}`;
      candidates.push({ key: k.key, source: `keyring ${ring.name}, ${what}`, rank: k.match.kind === 'address' ? k.match.prefix.bits : 33 });
    }
  }
  // ASA: the tunnel group named after the peer's address or its group; then the default groups
  const named = c.tunnelGroups.get(id.type === 'address' ? address : id.value);
  if (named?.preSharedKey !== undefined) candidates.push({ key: named.preSharedKey, source: `tunnel-group ${named.name}`, rank: 33, group: named });
  const best = candidates.sort((a, b) => b.rank - a.rank)[0];
  if (best) return { key: best.key, source: best.source, ...(best.group ? { group: best.group } : {}) };
  for (const name of ['DefaultL2LGroup', 'DefaultRAGroup']) {
    const g = c.tunnelGroups.get(name);
    if (g?.preSharedKey !== undefined) return { key: g.preSharedKey, source: `tunnel-group ${name}`, group: g };
  }
  return undefined;
}

/** The first static entry (by sequence number) of the active crypto map that names `address`. */
export function staticEntryFor(c: PeerConfig, address: string): { map: string; entry: StaticEntry } | undefined {
  const m = activeCryptoMap(c);
  if (!m) return undefined;
  const entry = m.entries.find((e): e is StaticEntry => e.kind === 'static' && e.peers.some((p) => p.address === address));
  return entry && { map: m.name, entry };
}

/** The engine policy for one peer (both roles), or why there can be none (one sentence fragment). */
export function compilePeer(c: PeerConfig, req: PeerRequest): CompileResult {
  const id = req.identity ?? { type: 'address', value: req.address };
  const entry = staticEntryFor(c, req.address);
  const e = entry?.entry;
  // IOS `set isakmp-profile` on the entry names the profile towards that peer; else `match identity`
  const profile = (e?.isakmpProfile !== undefined ? c.isakmpProfiles.find((p) => p.name === e.isakmpProfile) : undefined) ?? matchProfile(c, id);
  const key = findKey(c, req.address, id, profile);
  if (!key) return { ok: false, reason: `no pre-shared key for ${id.type === 'address' ? req.address : `${id.type} ${id.value} (${req.address})`}` };
  const peerPort = e?.peers.find((p) => p.address === req.address)?.port;
  const acl = e?.acl ? c.accessLists.get(e.acl) : undefined;
  const proxies = acl ? aclProxies(acl) : undefined;
  const n = c.node;
  const group = (id.type === 'group' ? c.tunnelGroups.get(id.value) : undefined) ?? key.group;
  const policy: Policy = {
    localAddress: n.address,
    peerAddress: req.address,
    localPort: n.ikePort,
    nattPort: n.nattPort,
    ...(peerPort !== undefined ? { peerPort } : {}),
    psk: key.key,
    ike: ikeProposals(c),
    esp: e ? espProposals(c, e) : [],
    ...(e?.pfs ? { pfsGroup: e.pfs as DhGroupId } : {}),
    ...(proxies ? { proxies } : {}),
    mode: e?.phase1Mode ?? 'main',
    ...(n.retransmit ? { retransmit: { initialMs: n.retransmit.initialMs, retries: n.retransmit.retries } } : {}),
    ...(n.halfOpen !== undefined ? { halfOpenMs: n.halfOpen * 1000 } : {}),
    ...natPolicy(c, e),
    ...(n.dpd ? { dpd: { intervalSeconds: n.dpd.interval, retries: n.dpd.retries, retryIntervalSeconds: n.dpd.retryInterval, mode: n.dpd.mode } } : {}),
    ...(n.initialContact ? { initialContact: true } : {}),
    ...identityPolicy(c, profile),
    ...serverPolicy(c, profile, group),
    ...clientPolicy(profile),
    ...(espMode(c, e) === 'transport' ? { espMode: 'transport' } : {}),
    ...(n.rekey ? {} : { rekey: false }),
    ...(n.deleteRekeyed ? { deleteRekeyed: true } : {}),
    quickResponder: (offer) => selectQuickPolicy(c, req.address, profile?.name, offer),
  };
  return { ok: true, policy, ...(profile ? { profile } : {}), keySource: key.source, ...(entry ? { entry } : {}), ...(group ? { tunnelGroup: group } : {}) };
}

/** NAT traversal: on unless `nat-traversal: false`; forced encapsulation; keepalive interval; the peer's NAT-T port from the entry. */
function natPolicy(c: PeerConfig, e: StaticEntry | undefined): Partial<Policy> {
  const n = c.node;
  if (!n.natTraversal.enabled) return {};
  return {
    natTraversal: true,
    ...(n.natTraversal.force ? { forceEncapsulation: true } : {}),
    ...(n.natKeepalive !== undefined ? { natKeepaliveSeconds: n.natKeepalive } : {}),
    ...(e?.peerNattPort !== undefined ? { peerNattPort: e.peerNattPort } : {}),
  };
}

/** Our phase-1 identity: the profile's `self-identity`, else `crypto isakmp identity hostname` as ID_FQDN; the address otherwise (the engine's default). */
function identityPolicy(c: PeerConfig, profile: IsakmpProfile | undefined): { identity?: IdentitySpec } {
  if (profile?.selfIdentity) return { identity: profile.selfIdentity };
  if (c.node.identity === 'hostname') return { identity: { type: 'fqdn', value: c.node.hostname ?? c.node.name } };
  return {};
}

/**
 * XAUTH and Mode-Config as the server: the profile's `xauth` / `mode-config`, or an ASA
 * remote-access tunnel group (which always authenticates its clients and hands them a
 * configuration). Users: every `xauth-users` entry; the address pool and group policy: the
 * tunnel group's.
 */
function serverPolicy(c: PeerConfig, profile: IsakmpProfile | undefined, group: TunnelGroup | undefined): Partial<Policy> {
  const remoteAccess = group?.type === 'remote-access';
  const xauth = profile?.xauth || remoteAccess;
  const mc = profile?.modeConfig ?? (remoteAccess ? 'respond' : undefined);
  const out: { -readonly [K in keyof Policy]?: Policy[K] } = {};
  if (xauth) {
    out.xauthUsers = [...c.xauthUsers].map(([username, u]) => ({ username, password: u.password }));
    if (profile?.xauthAttempts !== undefined) out.xauthAttempts = profile.xauthAttempts;
  }
  if (mc) {
    const pool = group?.addressPool !== undefined ? c.addressPools.get(group.addressPool) : undefined;
    const gp = group?.groupPolicy !== undefined ? c.groupPolicies.get(group.groupPolicy) : undefined;
    const split = gp?.splitInclude !== undefined ? (c.accessLists.get(gp.splitInclude) ?? []).filter((l) => l.action === 'permit').map((l) => prefixText(l.source)) : [];
    const server: ModeConfigServer = {
      mode: mc === 'initiate' ? 'push' : 'pull',
      ...(pool ? { pool: pool.name } : {}),
      ...(pool?.mask ? { netmask: pool.mask } : {}),
      ...(gp?.dns.length ? { dns: gp.dns } : {}),
      ...(gp?.wins.length ? { wins: gp.wins } : {}),
      ...(gp?.domain ? { domain: gp.domain } : {}),
      ...(split.length ? { splitInclude: split } : {}),
    };
    out.modeConfig = server;
    out.pools = [...c.addressPools.values()].map((p) => ({ name: p.name, from: p.from, to: p.to }));
  }
  return out;
}

/** XAUTH and Mode-Config as the client (a VPN client's profile): the credentials and pull / push. */
function clientPolicy(profile: IsakmpProfile | undefined): Partial<Policy> {
  return {
    ...(profile?.xauthClient ? { xauth: profile.xauthClient } : {}),
    ...(profile?.modeConfigClient ? { modeConfigClient: { mode: profile.modeConfigClient } } : {}),
  };
}

/**
 * ESP mode: the mode of the peer's static entry's first transform set; without one (a
 * responder's dynamic entries), transport only when every transform set is transport mode
 * (the engine runs one mode per peer).
 */
function espMode(c: PeerConfig, e: StaticEntry | undefined): 'tunnel' | 'transport' {
  const sets = e ? e.transformSets.slice(0, 1) : [...c.transformSets.keys()];
  const modes = sets.map((name) => c.transformSets.get(name)?.mode);
  return modes.length > 0 && modes.every((m) => m === 'transport') ? 'transport' : 'tunnel';
}
