// The `ikelens peer` configuration (docs/peer-config.md) generated from a scenario's peer policy —
// the same policy swanctl.conf is generated from (strongswan-config.ts) — in the device's words:
// ISAKMP policies by priority, a keyring with the peer's key, transform sets, a crypto ACL from
// this side's view, and one static crypto map entry for the peer (it serves both roles: as
// initiator its ACL gives the proxies, as responder it admits the peer when the ACL protects the offer).
import { LIFETIME_MINIMUMS } from '../peer/config/validate.js';
import type { EspProposal, IkeProposal, PeerPolicy } from './policy.js';
import type { Endpoints } from './strongswan-config.js';

/** The ISAKMP policy words (`encryption aes 256`, `hash sha`). */
const IKE_ENCRYPTION: Readonly<Record<IkeProposal['encryption'], string>> = { aes128: 'aes', aes192: 'aes 192', aes256: 'aes 256', '3des': '3des' };
const IKE_HASH: Readonly<Record<IkeProposal['hash'], string>> = { md5: 'md5', sha1: 'sha', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };
/** The transform-set words (`esp-aes 256 esp-sha-hmac`). */
const ESP_ENCRYPTION: Readonly<Record<EspProposal['encryption'], string>> = { aes128: 'esp-aes', aes192: 'esp-aes 192', aes256: 'esp-aes 256', '3des': 'esp-3des' };
const ESP_INTEGRITY: Readonly<Record<EspProposal['integrity'], string>> = {
  md5: 'esp-md5-hmac',
  sha1: 'esp-sha-hmac',
  sha256: 'esp-sha256-hmac',
  sha384: 'esp-sha384-hmac',
  sha512: 'esp-sha512-hmac',
};

export const REFERENCE_MAP = 'lab';
const ACL = 'lab-acl';

/** A pool `A.B.C.D/N` as `ip local pool` bounds: the first and last host. */
export function poolRange(cidr: string): { from: string; to: string; mask: string } {
  const [a, n] = cidr.split('/');
  const bits = Number(n);
  const toInt = (x: string) => x.split('.').reduce((v, o) => v * 256 + Number(o), 0);
  const toAddr = (v: number) => [24, 16, 8, 0].map((sh) => (v >>> sh) & 255).join('.');
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const net = (toInt(a!) & mask) >>> 0;
  return { from: toAddr(net + 1), to: toAddr((net | (~mask >>> 0)) - 1), mask: toAddr(mask) };
}

/** strongSwan identity syntax → ours: `keyid:G` (the Cisco group), `@fqdn`; an address is the default identity. */
function identity(id: string | undefined): { keyId: string } | { fqdn: string } | undefined {
  if (id === undefined || /^[0-9.]+$/.test(id)) return undefined;
  if (id.startsWith('keyid:')) return { keyId: id.slice(6) };
  if (id.startsWith('@')) return { fqdn: id.slice(1) };
  throw new RangeError(`identity ${id} has no reference peer equivalent here (an address, @fqdn or keyid:group)`);
}

/** The config as a JSON-able object (written as `.json`; `ikelens peer` reads YAML 1.2, hence JSON). */
export function referenceConfig(p: PeerPolicy, e: Endpoints): Record<string, unknown> {
  const sets = Object.fromEntries(p.esp.map((x, i) => [`ts${i + 1}`, `${ESP_ENCRYPTION[x.encryption]} ${ESP_INTEGRITY[x.integrity]}`]));
  const own = identity(p.id);
  const mc = p.modeConfig;
  const server = mc && 'pool' in mc ? mc : undefined;
  const client = mc && 'requestAddress' in mc;
  const entry = { 'transform-sets': Object.keys(sets), pfs: p.pfsGroup ?? false, ...(p.ipsecLifetimeS ? { lifetime: { seconds: p.ipsecLifetimeS } } : {}) };
  // a rekey within a short run needs lifetimes under IOS's minimums: the validator's lab switch
  const shortLifetimes = (p.ikeLifetimeS ?? Infinity) < LIFETIME_MINIMUMS.ios.isakmp || (p.ipsecLifetimeS ?? Infinity) < LIFETIME_MINIMUMS.ios.ipsec;
  // the initiator's exchange (a responder answers either)
  const phase1 = p.mode === 'aggressive' ? { 'phase1-mode': 'aggressive' } : {};
  const config: Record<string, unknown> = {
    // retransmissions as the lab's charons (retransmit_timeout 1.0, retransmit_tries 3): a silent peer is given up within the runner's 20 s
    node: {
      name: e.role,
      address: e.local,
      retransmit: { 'initial-ms': 1000, retries: 3 },
      ...(p.encap ? { 'nat-traversal': { force: true } } : {}),
      ...(shortLifetimes ? { 'lab-short-lifetimes': true } : {}),
      ...(p.natKeepaliveS ? { 'nat-keepalive': p.natKeepaliveS } : {}),
      ...(p.dpdS ? { dpd: { interval: p.dpdS, 'retry-interval': 2, retries: 2, mode: 'periodic' } } : {}),
      // an FQDN identity for every peer (a key-id is a VPN client's, in its profile)
      ...(own && 'fqdn' in own ? { identity: 'hostname', hostname: own.fqdn } : {}),
    },
    'isakmp-policies': Object.fromEntries(
      p.ike.map((x, i) => [String((i + 1) * 10), { encryption: IKE_ENCRYPTION[x.encryption], hash: IKE_HASH[x.hash], group: x.group, authentication: 'pre-share', ...(p.ikeLifetimeS ? { lifetime: p.ikeLifetimeS } : {}) }]),
    ),
    keyrings: { default: [{ address: e.remote, key: p.psk }] },
    'transform-sets': sets,
  };
  if (server) {
    // a VPN concentrator (ASA remote access): the tunnel group named after the clients' group
    // identity (or DefaultRAGroup) gives the key, XAUTH against xauth-users, Mode-Config from its pool;
    // a dynamic map entry accepts the client's proxies (its virtual IP)
    const peer = identity(p.peerId);
    const group = peer && 'keyId' in peer ? peer.keyId : 'DefaultRAGroup';
    config.keyrings = {};
    config['tunnel-groups'] = { [group]: { type: 'remote-access', 'pre-shared-key': p.psk, 'address-pool': 'lab-pool', 'group-policy': 'lab-policy' } };
    config['address-pools'] = { 'lab-pool': poolRange(server.pool) };
    // split tunnelling to our inner network (without it the client's side must be the whole 0.0.0.0/0)
    config['access-lists'] = { 'lab-split': [`permit ip ${p.localTs ?? e.localNet} any`] };
    config['group-policies'] = { 'lab-policy': { 'split-include': 'lab-split', ...(server.dns ? { dns: server.dns } : {}) } };
    if (p.xauth) config['xauth-users'] = { [p.xauth.user]: { password: p.xauth.password } };
    // a static entry for the client's outer address: its ACL (our inner network ↔ the pool) gives
    // the Quick Mode proxies; with only a dynamic entry the engine expects the client to propose 0.0.0.0/0
    config['access-lists'] = { ...(config['access-lists'] as object), [ACL]: [`permit ip ${p.localTs ?? e.localNet} ${server.pool}`] };
    config['crypto-maps'] = { [REFERENCE_MAP]: { 10: { peer: e.remote, ...entry, 'match-address': ACL } } };
    return config;
  }
  // a VPN client: its side is the address Mode-Config gives it; its profile carries the group identity and XAUTH credentials
  config['access-lists'] = { [ACL]: [`permit ip ${client ? 'any' : (p.localTs ?? e.localNet)} ${p.remoteTs ?? e.remoteNet}`] };
  if (e.remoteBehindNat && e.role === 'responder') {
    // a hub for a peer behind a NAT, whose address it cannot know: the wildcard key and a dynamic
    // map entry whose ACL admits the peer's proxies (docs/peer-config.md, the IOS hub)
    config.keyrings = { default: [{ address: '0.0.0.0 0.0.0.0', key: p.psk }] };
    config['dynamic-maps'] = { [`${REFERENCE_MAP}-dyn`]: { 10: { ...entry, 'match-address': ACL } } };
    config['crypto-maps'] = { [REFERENCE_MAP]: { 65535: { dynamic: `${REFERENCE_MAP}-dyn` } } };
    return config;
  }
  const profile = own && 'keyId' in own || p.xauth || client;
  if (profile)
    config['isakmp-profiles'] = {
      'lab-profile': {
        match: [{ address: e.remote }],
        keyring: 'default',
        ...(own && 'keyId' in own ? { 'self-identity': { 'key-id': own.keyId } } : {}),
        ...(p.xauth ? { 'xauth-client': { username: p.xauth.user, password: p.xauth.password } } : {}),
        ...(client ? { 'mode-config-client': 'pull' } : {}),
      },
    };
  config['crypto-maps'] = { [REFERENCE_MAP]: { 10: { peer: e.remote, ...entry, ...phase1, 'match-address': ACL, ...(profile ? { 'isakmp-profile': 'lab-profile' } : {}) } } };
  return config;
}
