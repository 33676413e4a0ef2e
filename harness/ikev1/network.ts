/**
 * An in-memory network between engines: UDP datagrams between endpoints (address and port), delivered
 * to the host that owns the destination address through the fake clock after a latency. Seeded and
 * deterministic: loss and duplication decisions come from the network's own PRNG, in the order
 * datagrams are sent (then, when enabled, delay jitter and reordering).
 *
 * NAT boxes (nat.ts) sit between their inside addresses and everything else: a datagram from inside
 * to outside is rewritten by the sender's NAT, one to a NAT's public address by that NAT (or dropped
 * when no mapping exists: fate 'nat-dropped').
 */
import type { Datagram, Endpoint } from '../transport/endpoint.js';
import type { Clock } from './clock.js';
import { Nat, type NatOptions } from './nat.js';
import { Rng } from './rng.js';

export type { Datagram } from '../transport/endpoint.js';

export interface NetworkOptions {
  readonly seed?: number;
  /** Probability of dropping a datagram (0..1). */
  readonly loss?: number;
  /** Probability of delivering a datagram twice. */
  readonly duplicate?: number;
  /** One-way delay in ms (default 10). */
  readonly latencyMs?: number;
  /** Extra delay per datagram, uniform in [0, jitterMs) ms (default 0): datagrams may overtake each other. */
  readonly jitterMs?: number;
  /** Probability of holding a datagram back by `reorderMs` (default 3 × latency), so later ones arrive first. */
  readonly reorder?: number;
  readonly reorderMs?: number;
  /** NAT boxes on the network. */
  readonly nats?: readonly NatOptions[];
}

/** Delivery to a host: the datagram's bytes, its source and the local endpoint it was sent to. */
export type Receiver = (bytes: Uint8Array, from: Endpoint, to: Endpoint) => void;

export class MemoryNetwork {
  private readonly hosts = new Map<string, Receiver>();
  private readonly rng: Rng;
  /** Every datagram sent, with what happened to it (for tests and debugging). */
  readonly log: { readonly d: Datagram; readonly fate: 'delivered' | 'lost' | 'duplicated' | 'no-host' | 'nat-dropped'; /** As a NAT rewrote it. */ readonly nat?: Datagram }[] = [];
  /** The NAT boxes (`opts.nats`), for tests to look at their mappings. */
  readonly nats: readonly Nat[];
  /** Hook to drop chosen datagrams (true = drop), applied before random loss. */
  filter?: (d: Datagram, index: number) => boolean;

  constructor(
    private readonly clock: Clock,
    private readonly opts: NetworkOptions = {},
  ) {
    this.rng = new Rng(opts.seed ?? 1);
    this.nats = (opts.nats ?? []).map((o) => new Nat(o));
  }

  attach(address: string, receive: Receiver): void {
    this.hosts.set(address, receive);
  }

  send(datagram: Datagram): void {
    const d: Datagram = { ...datagram, bytes: datagram.bytes.slice() };
    const index = this.log.length;
    const lostByFilter = this.filter?.(d, index) ?? false;
    const lost = this.rng.next() < (this.opts.loss ?? 0);
    const dup = this.rng.next() < (this.opts.duplicate ?? 0);
    const latency = this.opts.latencyMs ?? 10;
    const jitter = this.opts.jitterMs ? Math.floor(this.rng.next() * this.opts.jitterMs) : 0;
    const held = this.opts.reorder ? this.rng.next() < this.opts.reorder : false;
    const delay = latency + jitter + (held ? (this.opts.reorderMs ?? 3 * latency) : 0);
    const w = this.translate(d);
    if (!w) return void this.log.push({ d, fate: 'nat-dropped' });
    const nat = w === d ? {} : { nat: w };
    const host = this.hosts.get(w.to.address);
    if (!host) return void this.log.push({ d, fate: 'no-host', ...nat });
    if (lostByFilter || lost) return void this.log.push({ d, fate: 'lost', ...nat });
    this.log.push({ d, fate: dup ? 'duplicated' : 'delivered', ...nat });
    this.clock.setTimer(delay, () => host(w.bytes.slice(), w.from, w.to));
    if (dup) this.clock.setTimer(delay + 1, () => host(w.bytes.slice(), w.from, w.to));
  }

  /** The datagram after the sender's NAT (inside → outside) and the receiver's (to its public address); undefined: no mapping. */
  private translate(d: Datagram): Datagram | undefined {
    const now = this.clock.now();
    let w = d;
    const out = this.nats.find((n) => n.isInside(w.from.address) && !n.isInside(w.to.address));
    if (out) w = out.outbound(w, now);
    const inb = this.nats.find((n) => n.o.publicAddress === w.to.address);
    return inb ? inb.inbound(w, now) : w;
  }
}
