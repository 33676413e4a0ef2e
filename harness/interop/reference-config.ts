// The `ikelens peer` configuration (docs/peer-config.md) generated from a scenario's peer policy —
// the same policy swanctl.conf is generated from (strongswan-config.ts) — in the device's words:
// ISAKMP policies by priority, a keyring with the peer's key, transform sets, a crypto ACL from
// this side's view, and one static crypto map entry for the peer (it serves both roles: as
// initiator its ACL gives the proxies, as responder it admits the peer when the ACL protects the offer).
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

/** The config as a JSON-able object (written as `.json`; `ikelens peer` reads YAML 1.2, hence JSON). */
export function referenceConfig(p: PeerPolicy, e: Endpoints): Record<string, unknown> {
  if (p.id !== undefined || p.peerId !== undefined) throw new RangeError('the reference peer uses its address as identity (id / peerId are not generated yet)');
  if (p.xauth || p.modeConfig) throw new RangeError('the reference peer config has no XAUTH / Mode-Config generation yet');
  const sets = Object.fromEntries(p.esp.map((x, i) => [`ts${i + 1}`, `${ESP_ENCRYPTION[x.encryption]} ${ESP_INTEGRITY[x.integrity]}`]));
  return {
    // retransmissions as the lab's charons (retransmit_timeout 1.0, retransmit_tries 3): a silent peer is given up within the runner's 20 s
    node: { name: e.role, address: e.local, retransmit: { 'initial-ms': 1000, retries: 3 }, ...(p.encap ? { 'nat-traversal': { force: true } } : {}) },
    'isakmp-policies': Object.fromEntries(
      p.ike.map((x, i) => [String((i + 1) * 10), { encryption: IKE_ENCRYPTION[x.encryption], hash: IKE_HASH[x.hash], group: x.group, authentication: 'pre-share' }]),
    ),
    keyrings: { default: [{ address: e.remote, key: p.psk }] },
    'transform-sets': sets,
    'access-lists': { [ACL]: [`permit ip ${p.localTs ?? e.localNet} ${p.remoteTs ?? e.remoteNet}`] },
    'crypto-maps': {
      [REFERENCE_MAP]: {
        10: {
          peer: e.remote,
          'transform-sets': Object.keys(sets),
          'match-address': ACL,
          pfs: p.pfsGroup ?? false,
          ...(p.mode === 'aggressive' ? { 'phase1-mode': 'aggressive' } : {}),
        },
      },
    },
  };
}
