/**
 * A minimal IPv4 layer for the ESP data plane and its tests: build and check IPv4 headers,
 * ICMP echo and UDP datagrams. No options are produced (IHL 5); options are accepted on
 * input. Fragments are refused (the harness never fragments). Checks return `EspResult`.
 */
import { fail, ok, type EspResult } from './result.js';

export const IPPROTO_ICMP = 1;
export const IPPROTO_IPIP = 4;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_ESP = 50;
/** "No Next Header": ESP dummy packets carry it (RFC 4303 §2.6). */
export const IPPROTO_NONE = 59;

const addressCache = new Map<string, Uint8Array>();

/** Dotted quad → 4 bytes (throws on a malformed address: a programming error). Do not modify the result. */
export function ipv4Bytes(address: string): Uint8Array {
  const hit = addressCache.get(address);
  if (hit) return hit;
  const parts = address.split('.');
  if (parts.length !== 4) throw new RangeError(`not an IPv4 address: ${address}`);
  const out = new Uint8Array(4);
  parts.forEach((p, i) => {
    const n = Number(p);
    if (!/^\d{1,3}$/.test(p) || n > 255) throw new RangeError(`not an IPv4 address: ${address}`);
    out[i] = n;
  });
  if (addressCache.size > 10_000) addressCache.clear();
  addressCache.set(address, out);
  return out;
}

export function ipv4String(b: Uint8Array, offset = 0): string {
  return `${b[offset]}.${b[offset + 1]}.${b[offset + 2]}.${b[offset + 3]}`;
}

/** IPv4 address as an unsigned 32-bit number. */
export function ipv4Number(address: string): number {
  const b = ipv4Bytes(address);
  // (cached bytes: read only)
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

// RFC 1071: the checksum is the 16-bit one's complement of the one's complement sum of the
// 16-bit words (an odd last byte is padded with a zero byte).
export function internetChecksum(data: Uint8Array, start = 0, end = data.length, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
  if (i < end) sum += data[i]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export interface Ipv4Header {
  readonly src: string;
  readonly dst: string;
  readonly protocol: number;
  readonly ttl: number;
  readonly id: number;
  readonly tos: number;
  /** Header length in bytes (IHL × 4). */
  readonly headerLength: number;
  /** Total length from the header. */
  readonly totalLength: number;
}

export interface Ipv4Packet extends Ipv4Header {
  /** The payload (a view into the input, `totalLength − headerLength` bytes). */
  readonly payload: Uint8Array;
}

export interface Ipv4BuildOptions {
  readonly ttl?: number;
  readonly id?: number;
  readonly tos?: number;
  /** Set DF (default true). */
  readonly dontFragment?: boolean;
}

/** An IPv4 packet (IHL 5, checksum filled in) around `payload`. */
export function buildIpv4(src: string, dst: string, protocol: number, payload: Uint8Array, o: Ipv4BuildOptions = {}): Uint8Array {
  const total = 20 + payload.length;
  if (total > 0xffff) throw new RangeError(`IPv4 packet of ${total} bytes is too long`);
  const p = new Uint8Array(total);
  writeIpv4Header(p, src, dst, protocol, total, o);
  p.set(payload, 20);
  return p;
}

/** Writes a 20-byte IPv4 header at the start of `p` (checksum included). */
export function writeIpv4Header(p: Uint8Array, src: string, dst: string, protocol: number, totalLength: number, o: Ipv4BuildOptions = {}): void {
  const id = o.id ?? 0;
  p[0] = 0x45;
  p[1] = o.tos ?? 0;
  p[2] = totalLength >>> 8;
  p[3] = totalLength & 0xff;
  p[4] = (id >>> 8) & 0xff;
  p[5] = id & 0xff;
  p[6] = o.dontFragment === false ? 0 : 0x40;
  p[7] = 0;
  p[8] = o.ttl ?? 64;
  p[9] = protocol;
  p[10] = 0;
  p[11] = 0;
  p.set(ipv4Bytes(src), 12);
  p.set(ipv4Bytes(dst), 16);
  const c = internetChecksum(p, 0, 20);
  p[10] = c >>> 8;
  p[11] = c & 0xff;
}

/**
 * Parses and checks an IPv4 packet: version 4, IHL ≥ 5, total length within the input
 * (trailing bytes beyond it are ignored, as on Ethernet), header checksum, no fragment.
 */
export function parseIpv4(b: Uint8Array): EspResult<Ipv4Packet> {
  if (b.length < 20) return fail('truncated', b.length, `IPv4 header needs 20 bytes, got ${b.length}`);
  if (b[0]! >>> 4 !== 4) return fail('ip-version', 0, `IP version ${b[0]! >>> 4}, expected 4`);
  const hl = (b[0]! & 15) * 4;
  if (hl < 20 || hl > b.length) return fail('ip-header-length', 0, `IHL gives ${hl} bytes (input ${b.length})`);
  const total = (b[2]! << 8) | b[3]!;
  if (total < hl || total > b.length) return fail('ip-total-length', 2, `total length ${total} (header ${hl}, input ${b.length})`);
  if (internetChecksum(b, 0, hl) !== 0) return fail('ip-checksum', 10, 'IPv4 header checksum does not verify');
  const frag = ((b[6]! << 8) | b[7]!) & 0x3fff; // MF + fragment offset
  if (frag !== 0) return fail('ip-fragment', 6, 'IPv4 fragments are not supported');
  return ok({
    src: ipv4String(b, 12),
    dst: ipv4String(b, 16),
    protocol: b[9]!,
    ttl: b[8]!,
    id: (b[4]! << 8) | b[5]!,
    tos: b[1]!,
    headerLength: hl,
    totalLength: total,
    payload: b.subarray(hl, total),
  });
}

// ---- ICMP echo (RFC 792) --------------------------------------------------------------------

export interface IcmpEcho {
  /** 8 = echo request, 0 = echo reply. */
  readonly type: 0 | 8;
  readonly identifier: number;
  readonly sequence: number;
  readonly data: Uint8Array;
}

/** An echo message of ICMP or ICMPv6 (the same layout, RFC 792 / RFC 4443 §4.1) with its checksum field still 0. */
export function echoMessage(type: number, e: Omit<IcmpEcho, 'type'>): Uint8Array {
  const m = new Uint8Array(8 + e.data.length);
  m[0] = type;
  m[4] = (e.identifier >>> 8) & 0xff;
  m[5] = e.identifier & 0xff;
  m[6] = (e.sequence >>> 8) & 0xff;
  m[7] = e.sequence & 0xff;
  m.set(e.data, 8);
  return m;
}

/** An ICMP echo request/reply message (checksum filled in). */
export function buildIcmpEcho(e: IcmpEcho): Uint8Array {
  const m = echoMessage(e.type, e);
  const c = internetChecksum(m);
  m[2] = c >>> 8;
  m[3] = c & 0xff;
  return m;
}

export function parseIcmpEcho(m: Uint8Array): EspResult<IcmpEcho> {
  if (m.length < 8) return fail('truncated', m.length, `ICMP echo needs 8 bytes, got ${m.length}`);
  if (m[0] !== 0 && m[0] !== 8) return fail('not-esp', 0, `ICMP type ${m[0]} is not an echo`);
  if (internetChecksum(m) !== 0) return fail('icmp-checksum', 2, 'ICMP checksum does not verify');
  return ok({ type: m[0] as 0 | 8, identifier: (m[4]! << 8) | m[5]!, sequence: (m[6]! << 8) | m[7]!, data: m.subarray(8) });
}

// ---- UDP (RFC 768) --------------------------------------------------------------------------

export interface UdpDatagram {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload: Uint8Array;
  /** The checksum as received (0 = none). */
  readonly checksum: number;
}

function pseudoHeaderSum(src: string, dst: string, length: number): number {
  const s = ipv4Bytes(src);
  const d = ipv4Bytes(dst);
  return ((s[0]! << 8) | s[1]!) + ((s[2]! << 8) | s[3]!) + ((d[0]! << 8) | d[1]!) + ((d[2]! << 8) | d[3]!) + IPPROTO_UDP + length;
}

/**
 * A UDP datagram. With `addresses` the checksum covers the pseudo-header (RFC 768); without,
 * or with `zeroChecksum`, it is 0 ("no checksum"), as RFC 3948 §2.1 wants for ESP in UDP.
 */
export function buildUdp(srcPort: number, dstPort: number, payload: Uint8Array, addresses?: { src: string; dst: string }, zeroChecksum = false): Uint8Array {
  const len = 8 + payload.length;
  const u = new Uint8Array(len);
  u[0] = srcPort >>> 8;
  u[1] = srcPort & 0xff;
  u[2] = dstPort >>> 8;
  u[3] = dstPort & 0xff;
  u[4] = len >>> 8;
  u[5] = len & 0xff;
  u.set(payload, 8);
  if (addresses && !zeroChecksum) {
    let c = internetChecksum(u, 0, len, pseudoHeaderSum(addresses.src, addresses.dst, len));
    if (c === 0) c = 0xffff; // a computed 0 is sent as all ones (RFC 768)
    u[6] = c >>> 8;
    u[7] = c & 0xff;
  }
  return u;
}

/** Parses a UDP datagram; with `addresses` a non-zero checksum is verified. */
export function parseUdp(u: Uint8Array, addresses?: { src: string; dst: string }): EspResult<UdpDatagram> {
  if (u.length < 8) return fail('truncated', u.length, `UDP header needs 8 bytes, got ${u.length}`);
  const len = (u[4]! << 8) | u[5]!;
  if (len < 8 || len > u.length) return fail('udp-length', 4, `UDP length ${len} (input ${u.length})`);
  const checksum = (u[6]! << 8) | u[7]!;
  if (addresses && checksum !== 0 && internetChecksum(u, 0, len, pseudoHeaderSum(addresses.src, addresses.dst, len)) !== 0) {
    return fail('udp-checksum', 6, 'UDP checksum does not verify');
  }
  return ok({ srcPort: (u[0]! << 8) | u[1]!, dstPort: (u[2]! << 8) | u[3]!, payload: u.subarray(8, len), checksum });
}

/** An IPv4 packet carrying an ICMP echo (test traffic inside the tunnel). */
export function buildIcmpPacket(src: string, dst: string, echo: IcmpEcho, o?: Ipv4BuildOptions): Uint8Array {
  return buildIpv4(src, dst, IPPROTO_ICMP, buildIcmpEcho(echo), o);
}

/** An IPv4 packet carrying a UDP datagram with a real checksum. */
export function buildUdpPacket(src: string, dst: string, srcPort: number, dstPort: number, payload: Uint8Array, o?: Ipv4BuildOptions): Uint8Array {
  return buildIpv4(src, dst, IPPROTO_UDP, buildUdp(srcPort, dstPort, payload, { src, dst }), o);
}

/** The 5-tuple of a packet, for policy selection. Ports are 0 for protocols without ports. */
export interface FlowKey {
  readonly src: string;
  readonly dst: string;
  readonly protocol: number;
  readonly srcPort: number;
  readonly dstPort: number;
}

/** The 5-tuple of an IPv4 or IPv6 packet (harness/esp/ip6.ts) from its addresses, protocol and payload. */
export function flowKey(p: Pick<Ipv4Packet, 'src' | 'dst' | 'protocol' | 'payload'>): FlowKey {
  let srcPort = 0;
  let dstPort = 0;
  if ((p.protocol === IPPROTO_UDP || p.protocol === IPPROTO_TCP) && p.payload.length >= 4) {
    srcPort = (p.payload[0]! << 8) | p.payload[1]!;
    dstPort = (p.payload[2]! << 8) | p.payload[3]!;
  }
  return { src: p.src, dst: p.dst, protocol: p.protocol, srcPort, dstPort };
}
