/**
 * An in-memory network between engines: UDP datagrams between endpoints (address and port), delivered
 * to the host that owns the destination address through the fake clock after a latency. Seeded and
 * deterministic: loss and duplication decisions come from the network's own PRNG, in the order
 * datagrams are sent.
 */
import type { Datagram, Endpoint } from '../transport/endpoint.js';
import type { Clock } from './clock.js';
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
}

/** Delivery to a host: the datagram's bytes, its source and the local endpoint it was sent to. */
export type Receiver = (bytes: Uint8Array, from: Endpoint, to: Endpoint) => void;

export class MemoryNetwork {
  private readonly hosts = new Map<string, Receiver>();
  private readonly rng: Rng;
  /** Every datagram sent, with what happened to it (for tests and debugging). */
  readonly log: { readonly d: Datagram; readonly fate: 'delivered' | 'lost' | 'duplicated' | 'no-host' }[] = [];
  /** Hook to drop chosen datagrams (true = drop), applied before random loss. */
  filter?: (d: Datagram, index: number) => boolean;

  constructor(
    private readonly clock: Clock,
    private readonly opts: NetworkOptions = {},
  ) {
    this.rng = new Rng(opts.seed ?? 1);
  }

  attach(address: string, receive: Receiver): void {
    this.hosts.set(address, receive);
  }

  send(datagram: Datagram): void {
    const d: Datagram = { ...datagram, bytes: datagram.bytes.slice() };
    const { from, to } = d;
    const index = this.log.length;
    const lostByFilter = this.filter?.(d, index) ?? false;
    const lost = this.rng.next() < (this.opts.loss ?? 0);
    const dup = this.rng.next() < (this.opts.duplicate ?? 0);
    const host = this.hosts.get(to.address);
    if (!host) return void this.log.push({ d, fate: 'no-host' });
    if (lostByFilter || lost) return void this.log.push({ d, fate: 'lost' });
    this.log.push({ d, fate: dup ? 'duplicated' : 'delivered' });
    const latency = this.opts.latencyMs ?? 10;
    this.clock.setTimer(latency, () => host(d.bytes.slice(), from, to));
    if (dup) this.clock.setTimer(latency + 1, () => host(d.bytes.slice(), from, to));
  }
}
