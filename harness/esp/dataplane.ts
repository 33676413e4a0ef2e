/**
 * The IPv4 ESP data plane of one node: SPD + SAD, packets in and out (RFC 4301 §5).
 *
 * Outbound (§5.1): the SPD picks the first matching policy for the packet's selectors;
 * `protect` seals it on the policy's outbound SA — tunnel mode wraps the whole inner packet
 * (Next Header 4) in a new IPv4 header between the SA's endpoints, transport mode inserts ESP
 * after the IPv4 header (Next Header = the original protocol) — and, with NAT-T, in UDP 4500
 * (RFC 3948). A protect policy without an SA yields `acquire` (the IKE engine's cue).
 *
 * Inbound (§5.2): ESP (protocol 50, or UDP 4500 after the Non-ESP-Marker demultiplexing) is
 * looked up by SPI and opened; the inner packet must match the SA's proxies. Clear packets
 * are let through only by a bypass policy.
 *
 * Every failure is one `EspResult` error; offsets are into the packet handed in, except for
 * errors inside the decrypted payload (`next-header`, inner IPv4, `policy-mismatch`), whose
 * offsets are into that payload.
 */
import type { Proxy } from '../../analyzer/model/index.js';
import { IPPROTO_ESP, IPPROTO_IPIP, IPPROTO_UDP, flowKey, parseIpv4, parseUdp, writeIpv4Header, type Ipv4Packet } from './ip.js';
import { fail, ok, type EspResult } from './result.js';
import { Sad, type EspSa, type QuickModeSaInput, type SadOptions } from './sad.js';
import { Spd, selectorMatches, type Policy } from './spd.js';
import { NAT_T_PORT, classifyUdp4500 } from './udp-encap.js';
import { IPPROTO_IPV6, IPV6_HEADER_LENGTH, isIpv6, parseIpv6, writeIpv6Header, type Ipv6Packet } from './ip6.js';

/** An IPv4 or IPv6 packet, told apart by the version nibble. */
function parseIp(b: Uint8Array): EspResult<(Ipv4Packet & { readonly version: 4 }) | Ipv6Packet> {
  if (b.length > 0 && b[0]! >>> 4 === 6) return parseIpv6(b);
  const r = parseIpv4(b);
  return r.ok ? ok(Object.assign(r.value, { version: 4 as const })) : r;
}

/** Offset of the source address (where errors about the packet's selectors point). */
const srcOffset = (p: Ipv4Packet | Ipv6Packet) => ('version' in p && p.version === 6 ? 8 : 12);

export type OutboundResult =
  | { readonly action: 'protect'; readonly packet: Uint8Array; readonly sa: EspSa; readonly seq: number }
  | { readonly action: 'bypass'; readonly packet: Uint8Array }
  | { readonly action: 'acquire'; readonly policy: Policy };

export type InboundResult =
  | { readonly kind: 'esp'; readonly packet: Uint8Array; readonly sa: EspSa; readonly seq: number }
  | { readonly kind: 'dummy'; readonly sa: EspSa; readonly seq: number }
  | { readonly kind: 'ike'; readonly message: Uint8Array; readonly src: string; readonly srcPort: number }
  | { readonly kind: 'keepalive'; readonly src: string; readonly srcPort: number }
  | { readonly kind: 'bypass'; readonly packet: Uint8Array };

export interface DataPlaneOptions extends SadOptions {
  /** UDP port for ESP in UDP and IKE with the Non-ESP Marker (default 4500). */
  readonly natTPort?: number;
}

export class EspDataPlane {
  readonly sad: Sad;
  readonly spd = new Spd();
  private readonly natTPort: number;

  constructor(o: DataPlaneOptions = {}) {
    this.sad = new Sad(o);
    this.natTPort = o.natTPort ?? NAT_T_PORT;
  }

  /** Installs a Quick Mode result and a protect policy for its proxies (appended to the SPD). */
  installFromQuickMode(i: QuickModeSaInput): { inbound: EspSa; outbound: EspSa; policy: Policy } {
    const sas = this.sad.installFromQuickMode(i);
    const local: Proxy = i.localProxy ?? { address: i.local };
    const remote: Proxy = i.remoteProxy ?? { address: i.remote };
    const policy = this.spd.add({ local, remote, action: 'protect', outboundSpi: i.outboundSpi, ...(i.conn ? { name: i.conn } : {}) });
    return { ...sas, policy };
  }

  /** RFC 4301 §5.1: outbound processing of a clear IPv4 or IPv6 packet. */
  outbound(inner: Uint8Array): EspResult<OutboundResult> {
    const ip = parseIp(inner);
    if (!ip.ok) return ip;
    const p = ip.value;
    const policy = this.spd.lookupOutbound(flowKey(p));
    if (!policy) return fail('no-policy', srcOffset(p), `no SPD entry for ${p.src} → ${p.dst} protocol ${p.protocol}`);
    if (policy.action === 'discard') return fail('discard', srcOffset(p), `policy ${policy.name ?? ''} discards ${p.src} → ${p.dst}`.replace('  ', ' '));
    if (policy.action === 'bypass') return ok({ action: 'bypass', packet: inner });
    const sa = policy.outboundSpi !== undefined ? this.sad.getOutbound(policy.outboundSpi) : undefined;
    // an SA past its hard lifetime is removed here, so the policy asks for a new one
    if (!sa || !this.sad.checkLifetime(sa)) return ok({ action: 'acquire', policy });
    const c = sa.config;
    const seq = sa.sequence;
    const tunnel = c.mode === 'tunnel';
    // the outer header's family: the tunnel endpoints' in tunnel mode, the packet's own in transport mode
    const outer6 = tunnel ? isIpv6(c.local) : p.version === 6;
    const hl = outer6 ? IPV6_HEADER_LENGTH : 20;
    // room for the outer header (+ UDP in NAT-T) in front of the ESP packet
    const headroom = c.udp ? hl + 8 : hl;
    // RFC 4303 §2.6: Next Header 4 (IPv4) or 41 (IPv6) in tunnel mode, the upper protocol in transport mode
    const esp = tunnel ? this.sad.seal(sa, inner.subarray(0, p.totalLength), p.version === 6 ? IPPROTO_IPV6 : IPPROTO_IPIP, { headroom }) : this.sad.seal(sa, p.payload, p.protocol, { headroom });
    if (!esp.ok) return esp;
    const packet = esp.value;
    const src = tunnel ? c.local : p.src;
    const dst = tunnel ? c.remote : p.dst;
    if (c.udp) {
      // RFC 3948 §2.1: UDP header, checksum zero
      const udpLength = packet.length - hl;
      packet[hl] = c.udp.localPort >>> 8;
      packet[hl + 1] = c.udp.localPort & 0xff;
      packet[hl + 2] = c.udp.remotePort >>> 8;
      packet[hl + 3] = c.udp.remotePort & 0xff;
      packet[hl + 4] = udpLength >>> 8;
      packet[hl + 5] = udpLength & 0xff;
    }
    const proto = c.udp ? IPPROTO_UDP : IPPROTO_ESP;
    if (outer6) writeIpv6Header(packet, src, dst, proto, packet.length - IPV6_HEADER_LENGTH, { hopLimit: tunnel || p.version !== 6 ? 64 : p.hopLimit });
    else writeIpv4Header(packet, src, dst, proto, packet.length, p.version === 4 ? { ttl: tunnel ? 64 : p.ttl, id: p.id, tos: p.tos } : { ttl: 64 });
    return ok({ action: 'protect', packet, sa, seq });
  }

  /** RFC 4301 §5.2: inbound processing of an IPv4 or IPv6 packet from the wire. */
  inbound(packet: Uint8Array): EspResult<InboundResult> {
    const ip = parseIp(packet);
    if (!ip.ok) return ip;
    const p = ip.value;
    let esp: Uint8Array;
    let espOffset = p.headerLength;
    if (p.protocol === IPPROTO_ESP) {
      esp = p.payload;
    } else if (p.protocol === IPPROTO_UDP && p.payload.length >= 4 && ((p.payload[2]! << 8) | p.payload[3]!) === this.natTPort) {
      const udp = parseUdp(p.payload);
      if (!udp.ok) return fail(udp.error.code, udp.error.offset + p.headerLength, udp.error.message);
      const cl = classifyUdp4500(udp.value.payload);
      if (!cl.ok) return fail(cl.error.code, cl.error.offset + p.headerLength + 8, cl.error.message);
      if (cl.value.kind === 'ike') return ok({ kind: 'ike', message: cl.value.message, src: p.src, srcPort: udp.value.srcPort });
      if (cl.value.kind === 'keepalive') return ok({ kind: 'keepalive', src: p.src, srcPort: udp.value.srcPort });
      esp = cl.value.esp;
      espOffset += 8;
    } else {
      const policy = this.spd.lookupInbound(flowKey(p));
      if (policy?.action === 'bypass') return ok({ kind: 'bypass', packet });
      const at = p.version === 6 ? 6 : 9;
      if (policy?.action === 'protect') return fail('policy-mismatch', at, `clear packet ${p.src} → ${p.dst} matches a protect policy`);
      return fail(policy ? 'discard' : 'no-policy', at, `clear packet ${p.src} → ${p.dst} protocol ${p.protocol} is not allowed`);
    }

    const opened = this.sad.open(esp, { src: p.src, dst: p.dst });
    if (!opened.ok) return fail(opened.error.code, opened.error.offset + espOffset, opened.error.message);
    const { sa, seq, nextHeader, payload } = opened.value;
    if (opened.value.dummy) return ok({ kind: 'dummy', sa, seq });
    const c = sa.config;
    if (c.mode === 'tunnel') {
      if (nextHeader !== IPPROTO_IPIP && nextHeader !== IPPROTO_IPV6) return this.reject(sa, 'next-header', payload.length, `next header ${nextHeader} in tunnel mode, expected 4 (IPv4) or 41 (IPv6)`);
      const inner = nextHeader === IPPROTO_IPV6 ? parseIpv6(payload) : parseIpv4(payload);
      if (!inner.ok) {
        sa.counters.recvErrors++;
        sa.counters.invalidPackets++;
        return inner;
      }
      const bad = this.proxyProblem(sa, inner.value);
      if (bad) return bad;
      return ok({ kind: 'esp', packet: payload.subarray(0, inner.value.totalLength), sa, seq });
    }
    // transport mode: the IP header again, with the protected protocol
    const out = new Uint8Array((p.version === 6 ? IPV6_HEADER_LENGTH : 20) + payload.length);
    if (p.version === 6) writeIpv6Header(out, p.src, p.dst, nextHeader, payload.length, { hopLimit: p.hopLimit, trafficClass: p.trafficClass, flowLabel: p.flowLabel });
    else writeIpv4Header(out, p.src, p.dst, nextHeader, out.length, { ttl: p.ttl, id: p.id, tos: p.tos });
    out.set(payload, out.length - payload.length);
    const rebuilt = parseIp(out);
    if (!rebuilt.ok) return rebuilt;
    const bad = this.proxyProblem(sa, rebuilt.value);
    if (bad) return bad;
    return ok({ kind: 'esp', packet: out, sa, seq });
  }

  /**
   * RFC 4301 §5.2 step 4: after decryption the packet's selectors must match the SA's
   * (the inner source is in the peer's proxy, the destination in ours).
   */
  private proxyProblem(sa: EspSa, p: Ipv4Packet | Ipv6Packet): EspResult<never> | undefined {
    const c = sa.config;
    const f = flowKey(p);
    const remote = c.remoteProxy ?? { address: c.remote };
    const local = c.localProxy ?? { address: c.local };
    if (selectorMatches(remote, f.src, f.protocol, f.srcPort) && selectorMatches(local, f.dst, f.protocol, f.dstPort)) return undefined;
    return this.reject(sa, 'policy-mismatch', srcOffset(p), `inner ${f.src} → ${f.dst} protocol ${f.protocol} is outside the SA's proxies ${remote.address} → ${local.address}`);
  }

  private reject(sa: EspSa, code: 'next-header' | 'policy-mismatch', offset: number, message: string): EspResult<never> {
    sa.counters.recvErrors++;
    sa.counters.invalidPackets++;
    return fail(code, offset, message);
  }
}
