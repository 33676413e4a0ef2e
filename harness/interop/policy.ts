// What a scenario says about one peer: vendor-neutral policy, from which each peer kind
// generates its own configuration (strongSwan: swanctl.conf, strongswan-config.ts; the
// reference engine: its --config file, next). Algorithm names are the analyzer's canonical ones.

export type PeerKind = 'strongswan' | 'reference' | 'silent';

export interface IkeProposal {
  readonly encryption: 'aes128' | 'aes192' | 'aes256' | '3des';
  readonly hash: 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';
  /** Diffie-Hellman group number (2, 5, 14, 19, ...). */
  readonly group: number;
}

export interface EspProposal {
  readonly encryption: 'aes128' | 'aes192' | 'aes256' | '3des';
  readonly integrity: 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';
}

export interface PeerPolicy {
  /** `strongswan`: a charon; `reference`: the ikelens engine (next wave); `silent`: nothing answers IKE (an nft drop). */
  readonly kind: PeerKind;
  /** Exchange used when initiating (a responder follows the initiator). */
  readonly mode: 'main' | 'aggressive';
  readonly ike: readonly IkeProposal[];
  readonly esp: readonly EspProposal[];
  /** Quick Mode Diffie-Hellman group (PFS), or null for none. */
  readonly pfsGroup: number | null;
  readonly psk: string;
  /** Own and expected peer identity, strongSwan syntax: an address, `@fqdn`, `keyid:group`. Default: the outer addresses. */
  readonly id?: string;
  readonly peerId?: string;
  /** Traffic selectors (proxies). Default: the lab's inner subnets. A Mode-Config client has no local one (its virtual IP). */
  readonly localTs?: string;
  readonly remoteTs?: string;
  /** XAUTH: the client's credentials, or the server's user (the two sides' entries may differ: a wrong password). */
  readonly xauth?: { readonly user: string; readonly password: string };
  /** UDP encapsulation even without a NAT (strongSwan `encap = yes`; reference `nat-traversal: { force: true }`): ESP in UDP between two reference engines. */
  readonly encap?: boolean;
  /** Mode-Config: a client asks for a virtual IP; a server hands one out of `pool`. */
  readonly modeConfig?: { readonly requestAddress: true } | { readonly pool: string; readonly dns?: readonly string[] };
  /** strongSwan only: the child's `rekey_time` in seconds (`life_time` twice that, `rand_time` 0): a phase-2 rekey during the run. */
  readonly childRekeyS?: number;
  /**
   * strongSwan only: the IKE_SA's `rekey_time` in seconds (`rand_time` 0). IKEv1 has no IKE_SA rekey
   * in strongSwan: charon re-authenticates — a new Main Mode, the CHILD_SAs set up again on it by new
   * Quick Modes, then the old ISAKMP SA deleted.
   */
  readonly ikeRekeyS?: number;
  /**
   * strongSwan only, with `ikeRekeyS`: its `over_time` (default `ikeRekeyS`). charon keeps the old
   * ISAKMP SA after a re-authentication until rekey_time + over_time, then deletes it (DELETE sent).
   */
  readonly ikeOverS?: number;
  /**
   * Reference only: the ISAKMP policies' `lifetime` and the crypto map entry's IPsec lifetime in
   * seconds (>= 10). The engine rekeys the SAs it initiated at 80–85 % (IPsec) / 90–95 % (ISAKMP) of
   * them, those it responded to at 92.5 % / 97.5 %. Below IOS's minimums (60 s, 120 s) the config
   * gets `node.lab-short-lifetimes: true`.
   */
  readonly ikeLifetimeS?: number;
  readonly ipsecLifetimeS?: number;
  /** Dead Peer Detection: seconds idle before a probe (strongSwan `dpd_delay`, `dpd_action = clear`; reference `node.dpd` periodic, 2 retries 2 s apart). */
  readonly dpdS?: number;
  /** NAT keepalive interval of the side behind a NAT, seconds >= 5 (strongSwan `charon.keep_alive`, reference `node.nat-keepalive`). */
  readonly natKeepaliveS?: number;
}

/** strongSwan's name of each DH group number (IKE and ESP proposals). */
export const DH_GROUP_NAMES: Readonly<Record<number, string>> = {
  1: 'modp768',
  2: 'modp1024',
  5: 'modp1536',
  14: 'modp2048',
  15: 'modp3072',
  16: 'modp4096',
  19: 'ecp256',
  20: 'ecp384',
  21: 'ecp521',
};
