/**
 * Crypto map evaluation on the responder, as IOS and the ASA do it: the entries of the crypto map
 * applied to the interface are tried by sequence number (a `dynamic` entry stands for the entries
 * of its dynamic map, by their own sequence numbers), and the FIRST entry that admits the peer and
 * the offered proxies decides the Quick Mode — its transform sets, its PFS group. Later entries are
 * not tried when that entry's transform sets do not match the offer: a dynamic entry numbered
 * before a static one catches that static peer (analyzer rule `config.crypto_map_order`).
 *
 * An entry admits an offer when:
 * - static: one of its `set peer` addresses is the peer, and its ACL protects the offered proxies
 *   (mirrored: IDcr within our side, IDci within the peer's);
 * - dynamic: its `set isakmp-profile` (when set) is the profile phase 1 matched, and its ACL (when
 *   set) protects the offered proxies; without an ACL any proxies are accepted as offered.
 *
 * PFS (IOS `set pfs`): "If the local configuration does not specify PFS, it will accept any offer
 * of PFS from the peer"; when it does, the peer must offer that group.
 */
import { isDhGroupId } from '../crypto/index.js';
import type { EspProposal, ProxySpec, QuickOffer, QuickPolicy } from '../ikev1/policy.js';
import { aclPermits } from './config/acl.js';
import type { CryptoMapEntry, EntrySettings, PeerConfig, StaticEntry } from './config/schema.js';

/** The crypto map on the interface: `node.crypto-map`, or the only one defined. */
export function activeCryptoMap(c: PeerConfig): { name: string; entries: readonly CryptoMapEntry[] } | undefined {
  const name = c.node.cryptoMap ?? (c.cryptoMaps.size === 1 ? [...c.cryptoMaps.keys()][0] : undefined);
  const entries = name === undefined ? undefined : c.cryptoMaps.get(name);
  return entries && name !== undefined ? { name, entries } : undefined;
}

/** One entry as the responder tries it: a static entry, or one entry of a dynamic map. */
export interface EvaluatedEntry {
  /** "mymap 10", "mymap 65535 (dynmap 5)". */
  readonly name: string;
  readonly settings: EntrySettings;
  readonly static?: StaticEntry;
}

/** The entries of the active crypto map in evaluation order, dynamic entries expanded. */
export function evaluationOrder(c: PeerConfig): EvaluatedEntry[] {
  const m = activeCryptoMap(c);
  if (!m) return [];
  return m.entries.flatMap((e): EvaluatedEntry[] =>
    e.kind === 'static'
      ? [{ name: `${m.name} ${e.seq}`, settings: e, static: e }]
      : (c.dynamicMaps.get(e.dynamicMap) ?? []).map((d) => ({ name: `${m.name} ${e.seq} (${e.dynamicMap} ${d.seq})`, settings: d })),
  );
}

/**
 * Transform sets of an entry → ESP proposals in order, with the entry's lifetime (seconds and
 * kilobytes), else the global `crypto ipsec security-association lifetime` (`node.ipsec-lifetime`).
 */
export function espProposals(c: PeerConfig, s: EntrySettings): EspProposal[] {
  const life = s.lifetime ?? c.node.ipsecLifetime;
  return s.transformSets.map((name) => {
    const ts = c.transformSets.get(name)!;
    return {
      cipher: ts.encryption,
      integrity: ts.integrity,
      ...(life?.seconds !== undefined ? { lifetimeSeconds: life.seconds } : {}),
      ...(life?.kilobytes !== undefined ? { lifetimeKilobytes: life.kilobytes } : {}),
    };
  });
}

/** Does this entry admit the peer and proxies (our side `local`)? */
function admits(c: PeerConfig, e: EvaluatedEntry, peer: string, profile: string | undefined, local: ProxySpec, remote: ProxySpec): boolean {
  const s = e.settings;
  if (e.static && !e.static.peers.some((p) => p.address === peer)) return false;
  if (!e.static && s.isakmpProfile !== undefined && s.isakmpProfile !== profile) return false;
  if (s.acl === undefined) return !e.static;
  return aclPermits(c.accessLists.get(s.acl) ?? [], local, remote);
}

/** The first entry admitting the offer, or undefined. */
export function matchEntry(c: PeerConfig, peer: string, profile: string | undefined, offer: QuickOffer): EvaluatedEntry | undefined {
  const local = offer.local ?? { address: c.node.address };
  const remote = offer.remote ?? { address: peer };
  return evaluationOrder(c).find((e) => admits(c, e, peer, profile, local, remote));
}

/** The responder's Quick Mode policy for an offer (the first admitting entry), or why it is refused. */
export function selectQuickPolicy(c: PeerConfig, peer: string, profile: string | undefined, offer: QuickOffer): QuickPolicy | string {
  const e = matchEntry(c, peer, profile, offer);
  if (!e) {
    const m = activeCryptoMap(c);
    const proxies = offer.local && offer.remote ? ` with proxies ${offer.remote.address} → ${offer.local.address}` : '';
    return m ? `no entry of crypto map ${m.name} admits peer ${peer}${proxies}` : 'no crypto map is defined';
  }
  const offered = isDhGroupId(offer.pfsGroup) ? offer.pfsGroup : 0;
  return {
    esp: espProposals(c, e.settings),
    pfsGroup: e.settings.pfs ?? offered,
    ...(offer.local && offer.remote ? { proxies: { local: offer.local, remote: offer.remote } } : {}),
  };
}

/**
 * The analyzer's `config.crypto_map_order` on our own config: a dynamic entry sequenced before
 * static entries of the same map catches their peers. One sentence per map, for the CLI to warn.
 */
export function cryptoMapOrderWarnings(c: PeerConfig): string[] {
  return [...c.cryptoMaps].flatMap(([name, entries]) => {
    const dynamic = entries.find((e) => e.kind === 'dynamic');
    const shadowed = dynamic ? entries.filter((e) => e.kind === 'static' && e.seq > dynamic.seq).map((e) => e.seq) : [];
    if (!dynamic || !shadowed.length) return [];
    return [
      `crypto-maps.${name}: the dynamic entry ${dynamic.seq} comes before the static entr${shadowed.length === 1 ? 'y' : 'ies'} ${shadowed.join(', ')}, so their peers are caught by the dynamic entry (config.crypto_map_order: give the dynamic entry the highest sequence number)`,
    ];
  });
}
