/**
 * The node's ESP data plane: one `EspDataPlane` per peer engine, kept in step with the engine by
 * a `DataPlaneLink` (every IPsec SA pair installed, rekeys repointed, expiry both ways). ESP in
 * UDP reaches it from the engine's NAT-T port (`onEsp`); what it protects leaves through the
 * node's transport as ESP in UDP (RFC 3948). Plain ESP (IP protocol 50) would need a raw socket,
 * which Node.js does not have: a packet protected on an SA without UDP encapsulation is counted
 * as a send error and dropped (NAT traversal with forced encapsulation is the way to carry traffic).
 *
 * The node stands for the hosts behind it: an ICMP (or ICMPv6) echo request that arrives through
 * a tunnel — so its destination is inside our side of the SA, which the inbound proxy check
 * enforces (RFC 4301 §5.2) — is answered through the tunnel, as a host on the protected network
 * would. `ping` sends echo requests through the tunnel and collects the replies.
 */
import type { Event } from '../../analyzer/model/events.js';
import {
  buildIcmpPacket,
  buildIcmpv6Packet,
  EspDataPlane,
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  parseIcmpEcho,
  parseIcmpv6Echo,
  parseIpv4,
  parseIpv6,
  addressMatches,
  addressRange,
  addressRange6,
  type EspSa,
  type EspSaCounters,
} from '../esp/index.js';
import { ipv6String, isIpv6 } from '../esp/ip6.js';
import { DataPlaneLink } from '../ikev1/dataplane-link.js';
import type { Ikev1Engine } from '../ikev1/engine.js';
import { espDatagram, espPacket } from '../ikev1/esp.js';
import type { Datagram, Endpoint } from '../transport/endpoint.js';

const ICMP_ECHO_REPLY = 0;
const ICMP_ECHO_REQUEST = 8;
const ICMPV6_ECHO_REQUEST = 128;
const ICMPV6_ECHO_REPLY = 129;

export interface NodeDataPlaneOptions {
  /** Node name and run for the data plane's events. */
  readonly node: string;
  readonly run: string;
  /** Our NAT-T port: ESP in UDP arrives on it. */
  readonly natTPort: number;
  readonly now: () => number;
  readonly send: (d: Datagram) => void;
  /** The data plane's events (lifetimes, replay, ICV, invalid SPI, echo requests answered, ...). */
  readonly onEvent?: (e: Event) => void;
  /** An echo reply that came back through a tunnel (for `ping`). */
  readonly onEchoReply?: (r: EchoReply) => void;
}

export interface EchoReply {
  readonly from: string;
  readonly identifier: number;
  readonly sequence: number;
}

/** What happened to a packet we asked the data plane to send. */
export type SendResult = { readonly ok: true; readonly spi: number } | { readonly ok: false; readonly reason: string };

interface PeerPlane {
  readonly engine: Ikev1Engine;
  readonly dp: EspDataPlane;
}

/** A host address of our side of an SA to ping from: the proxy itself when it is a host, else the first address after the network's. */
export function sourceAddressIn(proxy: string): string {
  if (!proxy.includes('/') && !proxy.includes('-')) return proxy;
  if (isIpv6(proxy)) {
    const lo = addressRange6(proxy).lo + (proxy.includes('-') ? 0n : 1n);
    return ipv6String(Uint8Array.from({ length: 16 }, (_, i) => Number((lo >> BigInt(120 - 8 * i)) & 0xffn)));
  }
  const lo = addressRange(proxy).lo + (proxy.includes('-') ? 0 : 1);
  return [lo >>> 24, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255].join('.');
}

export class NodeDataPlane {
  private readonly planes: PeerPlane[] = [];
  private readonly o: NodeDataPlaneOptions;
  /** Why packets could not be sent, once each (for the CLI to say). */
  readonly problems = new Set<string>();
  /** Echo requests we answered. */
  echoesAnswered = 0;

  constructor(o: NodeDataPlaneOptions) {
    this.o = o;
  }

  /** Keeps a data plane in step with a new engine; returns its `onEsp` handler (EngineOptions.onEsp). */
  attach(engine: Ikev1Engine): void {
    const link = new DataPlaneLink(engine);
    const dp = new EspDataPlane({
      node: this.o.node,
      run: this.o.run,
      natTPort: this.o.natTPort,
      now: this.o.now,
      emit: (e) => {
        link.espEvent(e);
        // the engine announces each installed SA itself (ipsec.sa); the data plane's lifetime and error records are new
        if (e.kind !== 'ipsec.sa') this.o.onEvent?.(e);
      },
    });
    link.attach(dp);
    this.planes.push({ engine, dp });
  }

  /** ESP in UDP that reached an engine's NAT-T port. */
  receive(engine: Ikev1Engine, esp: Uint8Array, from: Endpoint, to: Endpoint): void {
    const plane = this.planes.find((p) => p.engine === engine);
    if (!plane) return;
    const r = plane.dp.inbound(espPacket(esp, from, to));
    if (!r.ok || r.value.kind !== 'esp') return; // counted and logged by the SAD
    const sa = this.isakmpSaOf(engine, r.value.sa);
    if (sa) engine.trafficSeen(sa);
    this.deliver(plane, r.value.packet);
  }

  /** Sends an inner packet through the tunnel whose SPD entry covers it. */
  send(packet: Uint8Array): SendResult {
    for (const plane of this.planes) {
      const r = plane.dp.outbound(packet);
      if (!r.ok) continue; // no SPD entry of this peer covers the packet: try the next peer
      if (r.value.action !== 'protect') return { ok: false, reason: r.value.action === 'acquire' ? 'no IPsec SA is installed for it yet' : 'the SPD bypasses it' };
      const sa = this.isakmpSaOf(plane.engine, r.value.sa);
      if (sa) plane.engine.trafficSent(sa);
      const d = espDatagram(r.value.packet);
      if (!d) {
        r.value.sa.counters.sendErrors++;
        const why = 'the IPsec SA is not UDP-encapsulated and plain ESP (IP protocol 50) cannot be sent without raw sockets: use nat-traversal: { force: true }';
        this.problems.add(why);
        return { ok: false, reason: why };
      }
      this.o.send(d);
      return { ok: true, spi: r.value.sa.spi };
    }
    return { ok: false, reason: 'no IPsec SA covers it' };
  }

  /** A host address of our side of the tunnel that reaches `address` (in the local proxy of an SPD entry whose remote proxy covers it). */
  sourceFor(address: string): string | undefined {
    for (const plane of this.planes) {
      const policy = plane.dp.spd.entries.find((p) => p.action === 'protect' && p.outboundSpi !== undefined && addressMatches(p.remote.address, address));
      if (policy) return sourceAddressIn(policy.local.address);
    }
    return undefined;
  }

  /** Every installed SA pair (inbound, outbound), for the summary. */
  pairs(): { inbound: EspSa; outbound: EspSa; peer: string }[] {
    return this.planes.flatMap((p) =>
      p.engine.childSas().flatMap((c) => {
        const inbound = p.dp.sad.getInbound(c.inboundSpi);
        const outbound = p.dp.sad.getOutbound(c.outboundSpi);
        return inbound && outbound ? [{ inbound, outbound, peer: c.remote }] : [];
      }),
    );
  }

  /** Totals over every SA the data planes still hold, and the SADs' invalid-SPI counts. */
  totals(): Pick<EspSaCounters, 'encaps' | 'decaps' | 'sendErrors' | 'recvErrors' | 'replayFailures' | 'icvFailures'> & { invalidSpi: number } {
    const t = { encaps: 0, decaps: 0, sendErrors: 0, recvErrors: 0, replayFailures: 0, icvFailures: 0, invalidSpi: 0 };
    for (const { inbound, outbound } of this.pairs()) {
      for (const c of [inbound.counters, outbound.counters]) {
        t.encaps += c.encaps;
        t.decaps += c.decaps;
        t.sendErrors += c.sendErrors;
        t.recvErrors += c.recvErrors;
        t.replayFailures += c.replayFailures;
        t.icvFailures += c.icvFailures;
      }
    }
    for (const p of this.planes) t.invalidSpi += p.dp.sad.counters.invalidSpi;
    return t;
  }

  private isakmpSaOf(engine: Ikev1Engine, sa: EspSa) {
    const child = engine.childSas().find((c) => c.inboundSpi === sa.spi || c.outboundSpi === sa.spi);
    return child && engine.isakmpSas().find((s) => s.conn === child.conn);
  }

  /** A packet out of a tunnel: echo requests are answered through the tunnel, echo replies go to `ping`. */
  private deliver(plane: PeerPlane, packet: Uint8Array): void {
    const echo = readEcho(packet);
    if (!echo) return;
    if (echo.request) {
      const reply = echo.v6
        ? buildIcmpv6Packet(echo.dst, echo.src, { type: ICMPV6_ECHO_REPLY, identifier: echo.identifier, sequence: echo.sequence, data: echo.data })
        : buildIcmpPacket(echo.dst, echo.src, { type: ICMP_ECHO_REPLY, identifier: echo.identifier, sequence: echo.sequence, data: echo.data });
      if (this.send(reply).ok) this.echoesAnswered++;
      this.log('peer.echo-request', `ICMP echo request ${echo.src} → ${echo.dst} seq ${echo.sequence} answered through the tunnel`);
      return;
    }
    this.o.onEchoReply?.({ from: echo.src, identifier: echo.identifier, sequence: echo.sequence });
  }

  private log(record: string, text: string): void {
    this.o.onEvent?.({ kind: 'log.line', seq: 0, origin: { run: this.o.run, step: 0 }, node: this.o.node, time: new Date(this.o.now()).toISOString(), record, text });
  }
}

interface Echo {
  readonly v6: boolean;
  readonly request: boolean;
  readonly src: string;
  readonly dst: string;
  readonly identifier: number;
  readonly sequence: number;
  readonly data: Uint8Array;
}

/** An ICMP / ICMPv6 echo request or reply, else undefined (anything else out of the tunnel is dropped: the node has no stack behind it). */
function readEcho(packet: Uint8Array): Echo | undefined {
  if (packet.length && packet[0]! >>> 4 === 6) {
    const ip = parseIpv6(packet);
    if (!ip.ok || ip.value.protocol !== IPPROTO_ICMPV6) return undefined;
    const e = parseIcmpv6Echo(ip.value.payload, { src: ip.value.src, dst: ip.value.dst });
    if (!e.ok || (e.value.type !== ICMPV6_ECHO_REQUEST && e.value.type !== ICMPV6_ECHO_REPLY)) return undefined;
    return { v6: true, request: e.value.type === ICMPV6_ECHO_REQUEST, src: ip.value.src, dst: ip.value.dst, identifier: e.value.identifier, sequence: e.value.sequence, data: e.value.data };
  }
  const ip = parseIpv4(packet);
  if (!ip.ok || ip.value.protocol !== IPPROTO_ICMP) return undefined;
  const e = parseIcmpEcho(ip.value.payload);
  if (!e.ok || (e.value.type !== ICMP_ECHO_REQUEST && e.value.type !== ICMP_ECHO_REPLY)) return undefined;
  return { v6: false, request: e.value.type === ICMP_ECHO_REQUEST, src: ip.value.src, dst: ip.value.dst, identifier: e.value.identifier, sequence: e.value.sequence, data: e.value.data };
}
