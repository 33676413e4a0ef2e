/** Hand a Quick Mode result to harness/esp: the QuickModeSaInput of `EspDataPlane.installFromQuickMode`. */
import type { EspTransform, QuickModeSaInput } from '../esp/index.js';
import type { EspIntegrity } from './policy.js';
import type { ChildSa } from './sa.js';

const INTEGRITY: Record<EspIntegrity, EspTransform['integrity']> = {
  md5: 'hmac-md5-96',
  sha1: 'hmac-sha1-96',
  sha256: 'hmac-sha256-128',
  sha384: 'hmac-sha384-192',
  sha512: 'hmac-sha512-256',
};

/**
 * harness/esp recomputes KEYMAT from these fields; tests check it gets the keys this engine derived.
 * A UDP-encapsulated child (NAT-T) gives its ports: the data plane then sends ESP in UDP (RFC 3948).
 */
export function espInput(c: ChildSa): QuickModeSaInput {
  return {
    prf: c.prf,
    skeyidD: c.skeyidD,
    niB: c.niB,
    nrB: c.nrB,
    ...(c.gqmxy ? { gqmxy: c.gqmxy } : {}),
    transform: { encryption: c.cipher, integrity: INTEGRITY[c.integrity] },
    mode: c.mode ?? 'tunnel',
    ...(c.udp ? { udp: c.udp } : {}),
    inboundSpi: c.inboundSpi,
    outboundSpi: c.outboundSpi,
    local: c.local,
    remote: c.remote,
    ...(c.localProxy ? { localProxy: c.localProxy } : {}),
    ...(c.remoteProxy ? { remoteProxy: c.remoteProxy } : {}),
    conn: c.conn,
    pfsGroup: c.pfsGroup,
  };
}
