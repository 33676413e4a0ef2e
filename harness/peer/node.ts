/**
 * A node: one transport (UDP sockets or the in-memory network), one `Ikev1Engine` per peer
 * address, each running the policy compiled for that peer (compile.ts). Datagrams are routed by
 * the peer's address; a Main Mode or Aggressive Mode first message from an address with no engine
 * creates one when the config has a key for it (a wildcard key, a keyring or tunnel group, and for
 * Aggressive Mode the identity in AM1) — the way a hub with a dynamic crypto map answers spokes it
 * does not know in advance. The engines' events are merged into one stream, renumbered in the order
 * they happened.
 */
import type { Event } from '../../analyzer/model/events.js';
import { ID_TYPES } from '../../analyzer/model/registries.js';
import { DecodeError, decodeMessage, idText, isEncrypted, type IdPayload } from '../codec/index.js';
import type { CryptoProvider } from '../crypto/index.js';
import type { Clock } from '../ikev1/clock.js';
import { Ikev1Engine } from '../ikev1/engine.js';
import type { MemoryNetwork } from '../ikev1/network.js';
import type { ChildSa } from '../ikev1/sa.js';
import type { PoolLeases } from '../ikev1/policy.js';
import type { Datagram, Endpoint } from '../transport/endpoint.js';
import { classifyNattDatagram } from '../transport/non-esp-marker.js';
import { compilePeer, type Compiled, type PeerIdentity } from './compile.js';
import type { DeleteCounts, DeleteScope } from './delete.js';
import type { PeerConfig } from './config/schema.js';

/** What a node needs of a transport; `UdpTransport` has it, `memoryTransport` adapts the in-memory network. */
export interface NodeTransport {
  send(d: Datagram): void;
  onDatagram(handler: (bytes: Uint8Array, from: Endpoint, to: Endpoint) => void): void;
}

/** The in-memory network as a node transport for the host at `address`. */
export function memoryTransport(net: MemoryNetwork, address: string): NodeTransport {
  return { send: (d) => net.send(d), onDatagram: (h) => net.attach(address, h) };
}

/** Something the node did outside any SA (a first message it refused, ...): for the ladder. */
export interface NodeNote {
  readonly time: string;
  readonly peer: string;
  readonly text: string;
}

export interface PeerNodeOptions {
  readonly config: PeerConfig;
  readonly transport: NodeTransport;
  readonly clock: Clock;
  /** Engines get seeds seed, seed + 1, ... in creation order (default 1). */
  readonly seed?: number;
  readonly run?: string;
  readonly provider?: CryptoProvider;
  readonly onEvent?: (e: Event) => void;
  readonly onNote?: (n: NodeNote) => void;
  /** A new engine, before it handles its first message (harness/peer/dataplane.ts attaches its data plane here). */
  readonly onEngine?: (pe: PeerEngine) => void;
  /** ESP in UDP that reached an engine's NAT-T port (EngineOptions.onEsp). */
  readonly onEsp?: (engine: Ikev1Engine, esp: Uint8Array, from: Endpoint, to: Endpoint) => void;
}

export interface PeerEngine {
  readonly address: string;
  readonly engine: Ikev1Engine;
  readonly compiled: Compiled;
  /** Engine events already merged into the node's stream. */
  drained: number;
}

const EXCHANGE_MAIN = 2;
const EXCHANGE_AGGR = 4;

export class PeerNode {
  readonly config: PeerConfig;
  readonly events: Event[] = [];
  readonly notes: NodeNote[] = [];
  private readonly engines = new Map<string, PeerEngine>();
  /** One lease table for every engine of the node: each VPN client gets its own pool address. */
  private readonly poolLeases: PoolLeases = new Map();
  private readonly o: PeerNodeOptions;

  constructor(o: PeerNodeOptions) {
    this.o = o;
    this.config = o.config;
    o.transport.onDatagram((bytes, from, to) => this.receive(bytes, from, to));
  }

  /** The engines, in creation order. */
  peers(): PeerEngine[] {
    return [...this.engines.values()];
  }

  engine(address: string): Ikev1Engine | undefined {
    return this.engines.get(address)?.engine;
  }

  /** Established IPsec SA pairs of every engine. */
  childSas(): { readonly peer: string; readonly child: ChildSa }[] {
    return this.peers().flatMap((p) => p.engine.childSas().map((child) => ({ peer: p.address, child })));
  }

  /** Starts phase 1 (then Quick Mode) with a peer named by a static crypto map entry. */
  initiate(address: string): { ok: true; engine: Ikev1Engine } | { ok: false; reason: string } {
    const pe = this.engines.get(address) ?? this.create(address);
    if (typeof pe === 'string') return { ok: false, reason: pe };
    if (!pe.compiled.entry) return { ok: false, reason: `no static crypto map entry has peer ${address}` };
    pe.engine.initiate();
    this.drain(pe);
    return { ok: true, engine: pe.engine };
  }

  /**
   * Deletes SAs on every engine, as a device's `clear crypto sa` / `clear crypto isakmp` does, with
   * Informational DELETEs to the peers (RFC 2408 §4.8, harness/ikev1/informational.ts): `ipsec`
   * every established IPsec SA pair (the ISAKMP SAs stay), `all` every live ISAKMP SA, its IPsec SAs
   * first. Returns how many of each were deleted; the events are in the node's stream on return.
   */
  deleteSas(what: DeleteScope): DeleteCounts {
    let ipsec = 0;
    let isakmp = 0;
    for (const pe of this.peers()) {
      if (what === 'ipsec') {
        for (const child of pe.engine.childSas()) if (pe.engine.deleteChildSa(child)) ipsec++;
      } else {
        for (const sa of pe.engine.isakmpSas()) {
          const children = [...sa.quick.values()].filter((q) => q.child).length;
          if (!pe.engine.deleteIsakmpSa(sa)) continue; // not established, or gone already
          isakmp++;
          ipsec += children;
        }
      }
      this.drain(pe);
    }
    return { ipsec, isakmp };
  }

  private receive(bytes: Uint8Array, from: Endpoint, to: Endpoint): void {
    const known = this.engines.get(from.address);
    if (known) {
      known.engine.receive(bytes, from, to);
      return this.drain(known);
    }
    const first = this.firstMessage(bytes, to);
    if (!first) return; // not the start of a negotiation: nothing to answer from an unknown address
    const pe = this.create(from.address, first.identity);
    if (typeof pe === 'string') return this.note(from.address, `${first.label} from ${from.address} refused: ${pe}`);
    pe.engine.receive(bytes, from, to);
    this.drain(pe);
  }

  /** A Main or Aggressive Mode first message (plaintext, no responder cookie), with the AM1 identity. */
  private firstMessage(bytes: Uint8Array, to: Endpoint): { label: 'MM1' | 'AM1'; identity?: PeerIdentity } | undefined {
    let ike = bytes;
    if (to.port !== this.config.node.ikePort) {
      const c = classifyNattDatagram(bytes);
      if (c.kind !== 'ike') return undefined;
      ike = c.message;
    }
    let m;
    try {
      m = decodeMessage(ike);
    } catch (e) {
      if (e instanceof DecodeError) return undefined;
      throw e;
    }
    const h = m.header;
    if ((h.exchangeType !== EXCHANGE_MAIN && h.exchangeType !== EXCHANGE_AGGR) || h.rcookie.some((b) => b !== 0) || isEncrypted(m)) return undefined;
    if (h.exchangeType === EXCHANGE_MAIN) return { label: 'MM1' };
    const id = m.payloads.find((p): p is IdPayload => p.type === 'ID');
    const identity = id ? identityOf(id) : undefined;
    return { label: 'AM1', ...(identity ? { identity } : {}) };
  }

  private create(address: string, identity?: PeerIdentity): PeerEngine | string {
    const compiled = compilePeer(this.config, { address, ...(identity ? { identity } : {}) });
    if (!compiled.ok) return compiled.reason;
    let pe: PeerEngine | undefined;
    const clock = this.o.clock;
    // timers fire outside receive(): merge what they emitted right after
    const engineClock: Clock = { now: () => clock.now(), setTimer: (ms, fn, o) => clock.setTimer(ms, () => (fn(), pe && this.drain(pe)), o) };
    const engine = new Ikev1Engine({
      node: this.config.node.name,
      policy: { ...compiled.policy, poolLeases: this.poolLeases },
      clock: engineClock,
      seed: (this.o.seed ?? 1) + this.engines.size,
      run: this.o.run ?? 'run',
      send: (d) => this.o.transport.send(d),
      onEsp: (esp, from, to) => this.o.onEsp?.(engine, esp, from, to),
      ...(this.o.provider ? { provider: this.o.provider } : {}),
    });
    pe = { address, engine, compiled, drained: 0 };
    this.engines.set(address, pe);
    this.o.onEngine?.(pe);
    this.note(address, `peer ${address}: key from ${compiled.keySource}${compiled.profile ? `, ISAKMP profile ${compiled.profile.name}` : ''}${compiled.entry ? `, crypto map ${compiled.entry.map} ${compiled.entry.entry.seq}` : ''}`);
    return pe;
  }

  private drain(pe: PeerEngine): void {
    const all = pe.engine.events;
    for (; pe.drained < all.length; pe.drained++) this.record(all[pe.drained]!);
  }

  /** Adds an event to the node's stream (renumbered): the engines' and the data plane's. */
  record(event: Event): void {
    const seq = this.events.length + 1;
    const e = { ...event, seq, origin: { run: this.o.run ?? 'run', step: seq } } as Event;
    this.events.push(e);
    this.o.onEvent?.(e);
  }

  private note(peer: string, text: string): void {
    const n = { time: new Date(this.o.clock.now()).toISOString(), peer, text };
    this.notes.push(n);
    this.o.onNote?.(n);
  }
}

/** The phase-1 identity an AM1 ID payload carries, in the config's terms. */
function identityOf(id: IdPayload): PeerIdentity | undefined {
  const type = ID_TYPES.nameOf(id.idType);
  if (type === 'ipv4-addr') return { type: 'address', value: idText(id) };
  if (type === 'key-id') return { type: 'group', value: idText(id) };
  if (type === 'fqdn' || type === 'user-fqdn') return { type: 'fqdn', value: idText(id) };
  return undefined;
}
