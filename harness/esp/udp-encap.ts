/**
 * ESP in UDP (RFC 3948) and the demultiplexing that IKE on port 4500 needs.
 *
 * RFC 3948 §2.1, UDP-encapsulated ESP header:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Source Port            |      Destination Port         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Length              |           Checksum            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      ESP header [RFC4303]                     |
 *
 * RFC 3948 §2.2, IKE header format for port 4500: a 4-octet Non-ESP Marker (zero) precedes
 * the IKE header. RFC 3948 §2.3: a NAT-keepalive packet is one octet 0xFF.
 */
import { IPPROTO_UDP, buildIpv4, buildUdp, parseIpv4, parseUdp, type Ipv4BuildOptions } from './ip.js';
import { fail, ok, type EspResult } from './result.js';

export const NAT_T_PORT = 4500;
export const IKE_PORT = 500;
export const NON_ESP_MARKER = new Uint8Array(4);
export const NAT_KEEPALIVE = new Uint8Array([0xff]);

export type Udp4500Payload =
  | { readonly kind: 'ike'; /** the IKE message without the marker */ readonly message: Uint8Array }
  | { readonly kind: 'keepalive' }
  | { readonly kind: 'esp'; readonly esp: Uint8Array };

/**
 * Classifies the payload of a UDP datagram on port 4500 (RFC 3948 §2):
 *  - one octet 0xFF: NAT-keepalive; "the receiver SHOULD ignore" it (§2.3);
 *  - first four octets zero: the Non-ESP Marker, an IKE message follows (§2.2);
 *  - otherwise ESP: "The SPI field in the ESP header MUST NOT be a zero value" (§2.1), which
 *    is what makes the marker unambiguous.
 * Anything else shorter than the 8-octet ESP header, or a marker with nothing behind it, is an
 * error.
 */
export function classifyUdp4500(payload: Uint8Array): EspResult<Udp4500Payload> {
  if (payload.length === 1 && payload[0] === 0xff) return ok({ kind: 'keepalive' });
  if (payload.length < 4) return fail('udp-encap-short', payload.length, `${payload.length} octets: neither a keepalive, an IKE message nor ESP`);
  if (payload[0] === 0 && payload[1] === 0 && payload[2] === 0 && payload[3] === 0) {
    // an ISAKMP header is 28 octets (RFC 2408 §3.1)
    if (payload.length < 4 + 28) return fail('udp-encap-short', payload.length, 'Non-ESP Marker without a whole ISAKMP header');
    return ok({ kind: 'ike', message: payload.subarray(4) });
  }
  if (payload.length < 8) return fail('udp-encap-short', payload.length, `ESP in UDP needs at least the 8-octet ESP header, got ${payload.length}`);
  return ok({ kind: 'esp', esp: payload });
}

/** An IKE message for port 4500: Non-ESP Marker ‖ message (RFC 3948 §2.2). */
export function ikeForPort4500(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + message.length);
  out.set(message, 4);
  return out;
}

/**
 * RFC 3948 §2.1: the UDP "Checksum SHOULD be transmitted as a zero value, and receivers MUST
 * NOT depend on the UDP checksum being a zero value"; source and destination port are 4500
 * unless a NAT changed them.
 */
export function encapsulateUdp(esp: Uint8Array, srcPort = NAT_T_PORT, dstPort = NAT_T_PORT): Uint8Array {
  return buildUdp(srcPort, dstPort, esp);
}

/** A whole IPv4/UDP packet carrying ESP (or a keepalive / marked IKE message). */
export function buildUdpEncapsulatedPacket(src: string, dst: string, payload: Uint8Array, srcPort = NAT_T_PORT, dstPort = NAT_T_PORT, o?: Ipv4BuildOptions): Uint8Array {
  return buildIpv4(src, dst, IPPROTO_UDP, encapsulateUdp(payload, srcPort, dstPort), o);
}

/** Parses an IPv4/UDP packet to port 4500 and classifies its payload. Offsets are into `packet`. */
export function parseUdpEncapsulatedPacket(packet: Uint8Array, port = NAT_T_PORT): EspResult<Udp4500Payload & { src: string; dst: string; srcPort: number; dstPort: number }> {
  const ip = parseIpv4(packet);
  if (!ip.ok) return ip;
  if (ip.value.protocol !== IPPROTO_UDP) return fail('not-esp', 9, `protocol ${ip.value.protocol} is not UDP`);
  const udp = parseUdp(ip.value.payload);
  if (!udp.ok) return fail(udp.error.code, udp.error.offset + ip.value.headerLength, udp.error.message);
  if (udp.value.dstPort !== port) return fail('not-esp', ip.value.headerLength + 2, `UDP port ${udp.value.dstPort} is not ${port}`);
  const c = classifyUdp4500(udp.value.payload);
  if (!c.ok) return fail(c.error.code, c.error.offset + ip.value.headerLength + 8, c.error.message);
  return ok({ ...c.value, src: ip.value.src, dst: ip.value.dst, srcPort: udp.value.srcPort, dstPort: udp.value.dstPort });
}
