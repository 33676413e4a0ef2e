/**
 * A NAT box for the in-memory network (network.ts): a set of inside addresses behind one public
 * address. Datagrams from inside to outside get the public address and a mapped source port
 * (the inside port when `portPreserving` and it is free, else the next free port from `firstPort`);
 * replies to the public address and a mapped port go back to the inside endpoint. Mappings expire
 * after `idleMs` without traffic in either direction, on the network's clock — so NAT keepalives
 * (RFC 3948 §2.3) matter. Static `forwards` (public port → inside endpoint) let a host behind the NAT
 * be reached first (a responder behind NAT). Deterministic: no randomness.
 */
import type { Datagram, Endpoint } from '../transport/endpoint.js';

export interface NatForward {
  readonly publicPort: number;
  readonly inside: Endpoint;
}

export interface NatOptions {
  readonly publicAddress: string;
  readonly inside: readonly string[];
  /** Keep the inside source port when it is free (default true). */
  readonly portPreserving?: boolean;
  /** First port handed out when not preserving (default 40000). */
  readonly firstPort?: number;
  /** A mapping without traffic for this long is removed (default 60000 ms). */
  readonly idleMs?: number;
  readonly forwards?: readonly NatForward[];
}

interface Mapping {
  readonly inside: Endpoint;
  readonly publicPort: number;
  lastUsed: number;
}

const key = (e: Endpoint): string => `${e.address}:${e.port}`;

export class Nat {
  private readonly byInside = new Map<string, Mapping>();
  private readonly byPort = new Map<number, Mapping>();
  private nextPort: number;

  constructor(readonly o: NatOptions) {
    this.nextPort = o.firstPort ?? 40000;
  }

  isInside(address: string): boolean {
    return this.o.inside.includes(address);
  }

  /** Live mappings (inside endpoint → public port), for tests. */
  mappings(now: number): { inside: Endpoint; publicPort: number }[] {
    this.expire(now);
    return [...this.byInside.values()].map((m) => ({ inside: m.inside, publicPort: m.publicPort }));
  }

  /** Inside → outside: the source becomes the public address and the mapped port. */
  outbound(d: Datagram, now: number): Datagram {
    this.expire(now);
    const fwd = this.o.forwards?.find((f) => f.inside.address === d.from.address && f.inside.port === d.from.port);
    if (fwd) return { ...d, from: { address: this.o.publicAddress, port: fwd.publicPort } };
    let m = this.byInside.get(key(d.from));
    if (!m) {
      m = { inside: d.from, publicPort: this.allocate(d.from.port), lastUsed: now };
      this.byInside.set(key(d.from), m);
      this.byPort.set(m.publicPort, m);
    }
    m.lastUsed = now;
    return { ...d, from: { address: this.o.publicAddress, port: m.publicPort } };
  }

  /** Outside → the public address: to the mapped (or forwarded) inside endpoint; undefined = dropped. */
  inbound(d: Datagram, now: number): Datagram | undefined {
    this.expire(now);
    const fwd = this.o.forwards?.find((f) => f.publicPort === d.to.port);
    if (fwd) return { ...d, to: fwd.inside };
    const m = this.byPort.get(d.to.port);
    if (!m) return undefined;
    m.lastUsed = now;
    return { ...d, to: m.inside };
  }

  private allocate(insidePort: number): number {
    const used = (p: number) => this.byPort.has(p) || Boolean(this.o.forwards?.some((f) => f.publicPort === p));
    if ((this.o.portPreserving ?? true) && !used(insidePort)) return insidePort;
    while (used(this.nextPort)) this.nextPort++;
    return this.nextPort++;
  }

  private expire(now: number): void {
    const idle = this.o.idleMs ?? 60000;
    for (const [k, m] of this.byInside) {
      if (now - m.lastUsed < idle) continue;
      this.byInside.delete(k);
      this.byPort.delete(m.publicPort);
    }
  }
}
