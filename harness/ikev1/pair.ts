/** Two engines on one in-memory network with one fake clock: the usual test set-up. */
import type { Event } from '../../analyzer/model/events.js';
import { FakeClock } from './clock.js';
import { Ikev1Engine, type EngineOptions } from './engine.js';
import { MemoryNetwork, type NetworkOptions } from './network.js';
import type { Policy } from './policy.js';

export interface PairOptions {
  readonly a: Policy;
  readonly b: Policy;
  readonly network?: NetworkOptions;
  readonly seed?: number;
  readonly run?: string;
  /** UDP-encapsulated ESP arriving at A's / B's NAT-T port (EngineOptions.onEsp). */
  readonly onEsp?: { readonly a?: EngineOptions['onEsp']; readonly b?: EngineOptions['onEsp'] };
}

export interface Pair {
  readonly clock: FakeClock;
  readonly net: MemoryNetwork;
  readonly a: Ikev1Engine;
  readonly b: Ikev1Engine;
  /** Runs timers (deliveries, retransmissions) until none is left or `maxMs` of fake time passed. */
  settle(maxMs?: number): void;
  events(): { a: Event[]; b: Event[] };
}

export function pair(o: PairOptions): Pair {
  const clock = new FakeClock();
  const net = new MemoryNetwork(clock, { seed: o.seed ?? 1, ...o.network });
  const seed = o.seed ?? 1;
  const run = o.run ?? 'run';
  const a = new Ikev1Engine({ node: 'A', policy: o.a, clock, seed: seed * 2 + 1, run, send: (d) => net.send(d), ...(o.onEsp?.a ? { onEsp: o.onEsp.a } : {}) });
  const b = new Ikev1Engine({ node: 'B', policy: o.b, clock, seed: seed * 2 + 2, run, send: (d) => net.send(d), ...(o.onEsp?.b ? { onEsp: o.onEsp.b } : {}) });
  net.attach(o.a.localAddress, (bytes, from, to) => a.receive(bytes, from, to));
  net.attach(o.b.localAddress, (bytes, from, to) => b.receive(bytes, from, to));
  return {
    clock,
    net,
    a,
    b,
    settle(maxMs = 600_000) {
      const end = clock.now() + maxMs;
      while (clock.now() <= end && clock.step()) {
        /* run */
      }
    },
    events: () => ({ a: a.events, b: b.events }),
  };
}
