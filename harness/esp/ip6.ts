/**
 * A minimal IPv6 layer for the ESP data plane and its tests (RFC 8200): the fixed 40-byte header,
 * ICMPv6 echo (RFC 4443) and UDP, with the checksums over the IPv6 pseudo-header. No extension
 * headers are produced; on input a fragment header is refused and other extension headers are
 * left to the caller (the packet's `protocol` is the first Next Header). Checks return `EspResult`.
 */
import { buildUdp, echoMessage, internetChecksum, IPPROTO_UDP, parseUdp, type IcmpEcho, type UdpDatagram } from './ip.js';
import { fail, ok, type EspResult } from './result.js';

/** IPv6 encapsulated (tunnel mode Next Header, RFC 2473), ICMPv6, and the fragment header. */
export const IPPROTO_IPV6 = 41;
export const IPPROTO_ICMPV6 = 58;
const IPPROTO_FRAGMENT = 44;
export const IPV6_HEADER_LENGTH = 40;

const addressCache = new Map<string, Uint8Array>();

/** IPv6 text (RFC 4291 §2.2: hex groups, one `::`, optional dotted-quad tail) → 16 bytes. Throws on malformed text. Do not modify the result. */
export function ipv6Bytes(address: string): Uint8Array {
  const hit = addressCache.get(address);
  if (hit) return hit;
  const bad = () => new RangeError(`not an IPv6 address: ${address}`);
  let text = address;
  const groups: number[] = [];
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (quad) {
    const parts = quad[1]!.split('.').map(Number);
    if (parts.some((n) => n > 255)) throw bad();
    tail = [(parts[0]! << 8) | parts[1]!, (parts[2]! << 8) | parts[3]!];
    text = text.slice(0, -quad[1]!.length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) throw bad();
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const known = head.length + rest.length + tail.length;
  if (head.some(Number.isNaN) || rest.some(Number.isNaN)) throw bad();
  if (halves.length === 1 ? known !== 8 : known > 7) throw bad();
  groups.push(...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail);
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >>> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  if (addressCache.size > 10_000) addressCache.clear();
  addressCache.set(address, out);
  return out;
}

/** 16 bytes → RFC 5952 text: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
export function ipv6String(b: Uint8Array, offset = 0): string {
  const g = Array.from({ length: 8 }, (_, i) => (b[offset + i * 2]! << 8) | b[offset + i * 2 + 1]!);
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (best.len < 2) return hex(g);
  return `${hex(g.slice(0, best.at))}::${hex(g.slice(best.at + best.len))}`;
}

/** An IPv6 address as a 128-bit number (selector ranges). */
export function ipv6BigInt(address: string): bigint {
  let v = 0n;
  for (const byte of ipv6Bytes(address)) v = (v << 8n) | BigInt(byte);
  return v;
}

export const isIpv6 = (address: string): boolean => address.includes(':');

export interface Ipv6Packet {
  readonly version: 6;
  readonly src: string;
  readonly dst: string;
  /** The Next Header of the fixed header. */
  readonly protocol: number;
  readonly hopLimit: number;
  readonly trafficClass: number;
  readonly flowLabel: number;
  readonly headerLength: 40;
  /** 40 + Payload Length. */
  readonly totalLength: number;
  readonly payload: Uint8Array;
}

export interface Ipv6BuildOptions {
  readonly hopLimit?: number;
  readonly trafficClass?: number;
  readonly flowLabel?: number;
}

/** Writes the 40-byte IPv6 header at the start of `p` (RFC 8200 §3). */
export function writeIpv6Header(p: Uint8Array, src: string, dst: string, nextHeader: number, payloadLength: number, o: Ipv6BuildOptions = {}): void {
  if (payloadLength > 0xffff) throw new RangeError(`IPv6 payload of ${payloadLength} bytes needs a jumbogram`);
  const tc = o.trafficClass ?? 0;
  const fl = o.flowLabel ?? 0;
  p[0] = 0x60 | (tc >>> 4);
  p[1] = ((tc & 15) << 4) | ((fl >>> 16) & 15);
  p[2] = (fl >>> 8) & 0xff;
  p[3] = fl & 0xff;
  p[4] = payloadLength >>> 8;
  p[5] = payloadLength & 0xff;
  p[6] = nextHeader;
  p[7] = o.hopLimit ?? 64;
  p.set(ipv6Bytes(src), 8);
  p.set(ipv6Bytes(dst), 24);
}

export function buildIpv6(src: string, dst: string, nextHeader: number, payload: Uint8Array, o: Ipv6BuildOptions = {}): Uint8Array {
  const p = new Uint8Array(IPV6_HEADER_LENGTH + payload.length);
  writeIpv6Header(p, src, dst, nextHeader, payload.length, o);
  p.set(payload, IPV6_HEADER_LENGTH);
  return p;
}

/** Parses and checks the fixed IPv6 header: version 6, payload length within the input (trailing bytes ignored), no fragment header. */
export function parseIpv6(b: Uint8Array): EspResult<Ipv6Packet> {
  if (b.length < IPV6_HEADER_LENGTH) return fail('truncated', b.length, `IPv6 header needs 40 bytes, got ${b.length}`);
  if (b[0]! >>> 4 !== 6) return fail('ip-version', 0, `IP version ${b[0]! >>> 4}, expected 6`);
  const payloadLength = (b[4]! << 8) | b[5]!;
  const total = IPV6_HEADER_LENGTH + payloadLength;
  if (total > b.length) return fail('ip-total-length', 4, `payload length ${payloadLength} (input ${b.length})`);
  if (b[6] === IPPROTO_FRAGMENT) return fail('ip-fragment', 6, 'IPv6 fragments are not supported');
  return ok({
    version: 6,
    src: ipv6String(b, 8),
    dst: ipv6String(b, 24),
    protocol: b[6]!,
    hopLimit: b[7]!,
    trafficClass: ((b[0]! & 15) << 4) | (b[1]! >>> 4),
    flowLabel: ((b[1]! & 15) << 16) | (b[2]! << 8) | b[3]!,
    headerLength: IPV6_HEADER_LENGTH,
    totalLength: total,
    payload: b.subarray(IPV6_HEADER_LENGTH, total),
  });
}

/**
 * RFC 8200 §8.1: upper-layer checksums over IPv6 include the pseudo-header — Source Address,
 * Destination Address, Upper-Layer Packet Length (32 bits), 24 zero bits, Next Header.
 */
function pseudoHeaderSum(src: string, dst: string, length: number, nextHeader: number): number {
  let sum = 0;
  for (const a of [ipv6Bytes(src), ipv6Bytes(dst)]) for (let i = 0; i < 16; i += 2) sum += (a[i]! << 8) | a[i + 1]!;
  return sum + (length >>> 16) + (length & 0xffff) + nextHeader;
}

const checksumOver = (m: Uint8Array, src: string, dst: string, nextHeader: number) => internetChecksum(m, 0, m.length, pseudoHeaderSum(src, dst, m.length, nextHeader));

// ---- ICMPv6 echo (RFC 4443 §4.1, §4.2) --------------------------------------------------------

export interface Icmpv6Echo extends Omit<IcmpEcho, 'type'> {
  /** 128 = echo request, 129 = echo reply. */
  readonly type: 128 | 129;
}

/** RFC 4443 §2.3: the checksum covers the ICMPv6 message and the pseudo-header (Next Header 58). */
export function buildIcmpv6Echo(src: string, dst: string, e: Icmpv6Echo): Uint8Array {
  const m = echoMessage(e.type, e);
  const c = checksumOver(m, src, dst, IPPROTO_ICMPV6);
  m[2] = c >>> 8;
  m[3] = c & 0xff;
  return m;
}

export function parseIcmpv6Echo(m: Uint8Array, addresses: { src: string; dst: string }): EspResult<Icmpv6Echo> {
  if (m.length < 8) return fail('truncated', m.length, `ICMPv6 echo needs 8 bytes, got ${m.length}`);
  if (m[0] !== 128 && m[0] !== 129) return fail('not-esp', 0, `ICMPv6 type ${m[0]} is not an echo`);
  if (checksumOver(m, addresses.src, addresses.dst, IPPROTO_ICMPV6) !== 0) return fail('icmp-checksum', 2, 'ICMPv6 checksum does not verify');
  return ok({ type: m[0] as 128 | 129, identifier: (m[4]! << 8) | m[5]!, sequence: (m[6]! << 8) | m[7]!, data: m.subarray(8) });
}

export function buildIcmpv6Packet(src: string, dst: string, echo: Icmpv6Echo, o?: Ipv6BuildOptions): Uint8Array {
  return buildIpv6(src, dst, IPPROTO_ICMPV6, buildIcmpv6Echo(src, dst, echo), o);
}

// ---- UDP over IPv6 --------------------------------------------------------------------------

/** RFC 8200 §8.1: "unlike IPv4, the default behavior when UDP packets are originated by an IPv6 node is that the UDP checksum is not optional"; a computed 0 is sent as 0xFFFF. */
export function buildUdp6(src: string, dst: string, srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array {
  const u = buildUdp(srcPort, dstPort, payload); // checksum 0 so far
  let c = checksumOver(u, src, dst, IPPROTO_UDP);
  if (c === 0) c = 0xffff;
  u[6] = c >>> 8;
  u[7] = c & 0xff;
  return u;
}

/** RFC 8200 §8.1: "IPv6 receivers must discard UDP packets containing a zero checksum". */
export function parseUdp6(u: Uint8Array, addresses: { src: string; dst: string }): EspResult<UdpDatagram> {
  const r = parseUdp(u); // header and length checks
  if (!r.ok) return r;
  if (r.value.checksum === 0) return fail('udp-checksum', 6, 'zero UDP checksum over IPv6');
  if (checksumOver(u.subarray(0, 8 + r.value.payload.length), addresses.src, addresses.dst, IPPROTO_UDP) !== 0) return fail('udp-checksum', 6, 'UDP checksum does not verify');
  return r;
}

export function buildUdp6Packet(src: string, dst: string, srcPort: number, dstPort: number, payload: Uint8Array, o?: Ipv6BuildOptions): Uint8Array {
  return buildIpv6(src, dst, IPPROTO_UDP, buildUdp6(src, dst, srcPort, dstPort, payload), o);
}
