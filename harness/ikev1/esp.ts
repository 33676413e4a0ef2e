/** Hand a Quick Mode result to harness/esp: the QuickModeSaInput of `EspDataPlane.installFromQuickMode`. */
import { buildUdpEncapsulatedPacket, IPPROTO_UDP, parseIpv4, parseUdp, type EspTransform, type QuickModeSaInput } from '../esp/index.js';
import type { Datagram, Endpoint } from '../transport/endpoint.js';
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

/**
 * ESP in UDP between the data plane and a transport. The data plane (harness/esp) sends whole IPv4
 * packets; RFC 3948 §2.1 puts ESP right after the UDP header, so the datagram a transport carries is
 * the UDP payload between the packet's endpoints. Undefined for anything that is not UDP.
 */
export function espDatagram(packet: Uint8Array): Datagram | undefined {
  const ip = parseIpv4(packet);
  if (!ip.ok || ip.value.protocol !== IPPROTO_UDP) return undefined;
  const udp = parseUdp(ip.value.payload);
  if (!udp.ok) return undefined;
  return { from: { address: ip.value.src, port: udp.value.srcPort }, to: { address: ip.value.dst, port: udp.value.dstPort }, bytes: udp.value.payload.slice() };
}

/** ESP that reached the engine's NAT-T port (`EngineOptions.onEsp`) as the IPv4 packet `EspDataPlane.inbound` reads. */
export function espPacket(esp: Uint8Array, from: Endpoint, to: Endpoint): Uint8Array {
  return buildUdpEncapsulatedPacket(from.address, to.address, esp, from.port, to.port);
}
