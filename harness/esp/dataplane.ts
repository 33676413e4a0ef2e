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

  /** RFC 4301 §5.1: outbound processing of a clear IPv4 packet. */
  outbound(inner: Uint8Array): EspResult<OutboundResult> {
    const ip = parseIpv4(inner);
    if (!ip.ok) return ip;
    const p = ip.value;
    const policy = this.spd.lookupOutbound(flowKey(p));
    if (!policy) return fail('no-policy', 12, `no SPD entry for ${p.src} → ${p.dst} protocol ${p.protocol}`);
    if (policy.action === 'discard') return fail('discard', 12, `policy ${policy.name ?? ''} discards ${p.src} → ${p.dst}`.replace('  ', ' '));
    if (policy.action === 'bypass') return ok({ action: 'bypass', packet: inner });
    const sa = policy.outboundSpi !== undefined ? this.sad.getOutbound(policy.outboundSpi) : undefined;
    // an SA past its hard lifetime is removed here, so the policy asks for a new one
    if (!sa || !this.sad.checkLifetime(sa)) return ok({ action: 'acquire', policy });
    const c = sa.config;
    const seq = sa.sequence;
    // room for the outer IPv4 header (+ UDP in NAT-T) in front of the ESP packet
    const headroom = c.udp ? 28 : 20;
    const esp = c.mode === 'tunnel' ? this.sad.seal(sa, inner.subarray(0, p.totalLength), IPPROTO_IPIP, { headroom }) : this.sad.seal(sa, p.payload, p.protocol, { headroom });
    if (!esp.ok) return esp;
    const packet = esp.value;
    const src = c.mode === 'tunnel' ? c.local : p.src;
    const dst = c.mode === 'tunnel' ? c.remote : p.dst;
    const opts = { ttl: c.mode === 'tunnel' ? 64 : p.ttl, id: p.id, tos: p.tos };
    if (c.udp) {
      // RFC 3948 §2.1: UDP header, checksum zero
      const udpLength = packet.length - 20;
      packet[20] = c.udp.localPort >>> 8;
      packet[21] = c.udp.localPort & 0xff;
      packet[22] = c.udp.remotePort >>> 8;
      packet[23] = c.udp.remotePort & 0xff;
      packet[24] = udpLength >>> 8;
      packet[25] = udpLength & 0xff;
    }
    writeIpv4Header(packet, src, dst, c.udp ? IPPROTO_UDP : IPPROTO_ESP, packet.length, opts);
    return ok({ action: 'protect', packet, sa, seq });
  }

  /** RFC 4301 §5.2: inbound processing of an IPv4 packet from the wire. */
  inbound(packet: Uint8Array): EspResult<InboundResult> {
    const ip = parseIpv4(packet);
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
      if (policy?.action === 'protect') return fail('policy-mismatch', 9, `clear packet ${p.src} → ${p.dst} matches a protect policy`);
      return fail(policy ? 'discard' : 'no-policy', 9, `clear packet ${p.src} → ${p.dst} protocol ${p.protocol} is not allowed`);
    }

    const opened = this.sad.open(esp, { src: p.src, dst: p.dst });
    if (!opened.ok) return fail(opened.error.code, opened.error.offset + espOffset, opened.error.message);
    const { sa, seq, nextHeader, payload } = opened.value;
    if (opened.value.dummy) return ok({ kind: 'dummy', sa, seq });
    const c = sa.config;
    if (c.mode === 'tunnel') {
      if (nextHeader !== IPPROTO_IPIP) return this.reject(sa, 'next-header', payload.length, `next header ${nextHeader} in tunnel mode, expected 4 (IPv4)`);
      const inner = parseIpv4(payload);
      if (!inner.ok) {
        sa.counters.recvErrors++;
        sa.counters.invalidPackets++;
        return inner;
      }
      const bad = this.proxyProblem(sa, inner.value);
      if (bad) return bad;
      return ok({ kind: 'esp', packet: payload.subarray(0, inner.value.totalLength), sa, seq });
    }
    // transport mode: the IPv4 header again, with the protected protocol
    const out = new Uint8Array(20 + payload.length);
    writeIpv4Header(out, p.src, p.dst, nextHeader, out.length, { ttl: p.ttl, id: p.id, tos: p.tos });
    out.set(payload, 20);
    const rebuilt = parseIpv4(out);
    if (!rebuilt.ok) return rebuilt;
    const bad = this.proxyProblem(sa, rebuilt.value);
    if (bad) return bad;
    return ok({ kind: 'esp', packet: out, sa, seq });
  }

  /**
   * RFC 4301 §5.2 step 4: after decryption the packet's selectors must match the SA's
   * (the inner source is in the peer's proxy, the destination in ours).
   */
  private proxyProblem(sa: EspSa, p: Ipv4Packet): EspResult<never> | undefined {
    const c = sa.config;
    const f = flowKey(p);
    const remote = c.remoteProxy ?? { address: c.remote };
    const local = c.localProxy ?? { address: c.local };
    if (selectorMatches(remote, f.src, f.protocol, f.srcPort) && selectorMatches(local, f.dst, f.protocol, f.dstPort)) return undefined;
    return this.reject(sa, 'policy-mismatch', 12, `inner ${f.src} → ${f.dst} protocol ${f.protocol} is outside the SA's proxies ${remote.address} → ${local.address}`);
  }

  private reject(sa: EspSa, code: 'next-header' | 'policy-mismatch', offset: number, message: string): EspResult<never> {
    sa.counters.recvErrors++;
    sa.counters.invalidPackets++;
    return fail(code, offset, message);
  }
}
