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
 */
import type { DhGroupId } from '../crypto/index.js';
import type { IkeProposal, Policy } from '../ikev1/policy.js';
import { aclProxies } from './config/acl.js';
import { hostPrefix, prefixContains, prefixText } from './config/addresses.js';
import type { IdentityMatch, IsakmpProfile, PeerConfig, StaticEntry } from './config/schema.js';
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

/** Settings the engine does not read yet (XAUTH, Mode-Config, DPD, NAT-T keepalive, kilobyte lifetimes): compiled for the helpers who add them. */
export interface PeerExtras {
  readonly xauth?: { readonly users: readonly string[] };
  readonly modeConfig?: { readonly mode: 'respond' | 'initiate'; readonly pool?: string; readonly groupPolicy?: string };
  readonly dpd?: { readonly interval: number; readonly retries: number };
  readonly natKeepalive?: number;
  readonly lifetimeKilobytes?: number;
}

export interface Compiled {
  readonly ok: true;
  readonly policy: Policy;
  readonly profile?: IsakmpProfile;
  /** Where the key came from, for notes ("keyring spokes, address 0.0.0.0/0"); never the key. */
  readonly keySource: string;
  /** The static crypto map entry naming this peer (what an initiator uses), with its map's name. */
  readonly entry?: { readonly map: string; readonly entry: StaticEntry };
  readonly extras: PeerExtras;
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
export function findKey(c: PeerConfig, address: string, id: PeerIdentity, profile?: IsakmpProfile): { key: string; source: string } | undefined {
  const rings = profile && profile.keyrings.length ? c.keyrings.filter((k) => profile.keyrings.includes(k.name)) : c.keyrings;
  const candidates: { key: string; source: string; rank: number }[] = [];
  for (const ring of rings) {
    for (const k of ring.keys) {
      if (!identityMatches(k.match, id)) continue;
      const what = k.match.kind === 'address' ? `address ${prefixText(k.match.prefix)}` : `${k.match.kind} ${k.match.name}`;
      candidates.push({ key: k.key, source: `keyring ${ring.name}, ${what}`, rank: k.match.kind === 'address' ? k.match.prefix.bits : 33 });
    }
  }
  // ASA: the tunnel group named after the peer's address or its group; then the default groups
  const named = c.tunnelGroups.get(id.type === 'address' ? address : id.value);
  if (named?.preSharedKey !== undefined) candidates.push({ key: named.preSharedKey, source: `tunnel-group ${named.name}`, rank: 33 });
  const best = candidates.sort((a, b) => b.rank - a.rank)[0];
  if (best) return { key: best.key, source: best.source };
  for (const name of ['DefaultL2LGroup', 'DefaultRAGroup']) {
    const g = c.tunnelGroups.get(name);
    if (g?.preSharedKey !== undefined) return { key: g.preSharedKey, source: `tunnel-group ${name}` };
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
  const profile = matchProfile(c, id);
  const key = findKey(c, req.address, id, profile);
  if (!key) return { ok: false, reason: `no pre-shared key for ${id.type === 'address' ? req.address : `${id.type} ${id.value} (${req.address})`}` };
  const entry = staticEntryFor(c, req.address);
  const e = entry?.entry;
  const peerPort = e?.peers.find((p) => p.address === req.address)?.port;
  const acl = e?.acl ? c.accessLists.get(e.acl) : undefined;
  const proxies = acl ? aclProxies(acl) : undefined;
  const n = c.node;
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
    quickResponder: (offer) => selectQuickPolicy(c, req.address, profile?.name, offer),
  };
  const group = id.type === 'group' ? c.tunnelGroups.get(id.value) : undefined;
  const extras: PeerExtras = {
    ...(profile?.xauth ? { xauth: { users: [...c.xauthUsers.keys()] } } : {}),
    ...(profile?.modeConfig ? { modeConfig: { mode: profile.modeConfig, ...(group?.addressPool ? { pool: group.addressPool } : {}), ...(group?.groupPolicy ? { groupPolicy: group.groupPolicy } : {}) } } : {}),
    ...(n.dpd ? { dpd: n.dpd } : {}),
    ...(n.natKeepalive !== undefined ? { natKeepalive: n.natKeepalive } : {}),
    ...(e?.lifetime?.kilobytes !== undefined ? { lifetimeKilobytes: e.lifetime.kilobytes } : {}),
  };
  return { ok: true, policy, ...(profile ? { profile } : {}), keySource: key.source, ...(entry ? { entry } : {}), extras };
}
