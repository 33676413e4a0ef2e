/**
 * Selectors and the Security Policy Database (RFC 4301 §4.4.1), reduced to what crypto ACLs
 * and Quick Mode proxies express: an address (host, CIDR subnet or range), an IP protocol and
 * a port on each side. Policies are searched in order; the first match wins (RFC 4301 §4.4.1:
 * "the SPD is an ordered database").
 */
import type { Proxy } from '../../analyzer/model/index.js';
import { ipv4Number, type FlowKey } from './ip.js';

/** A proxy (the analyzer's `Proxy`): "10.1.0.0/16", "10.1.1.1", "10.0.0.1-10.0.0.9", "0.0.0.0/0". */
export type Selector = Proxy;

interface Range {
  readonly lo: number;
  readonly hi: number;
}

const rangeCache = new Map<string, Range>();

/** The address range of a selector address (throws on malformed text: configuration error). */
export function addressRange(address: string): Range {
  const hit = rangeCache.get(address);
  if (hit) return hit;
  let r: Range;
  const dash = address.indexOf('-');
  const slash = address.indexOf('/');
  if (dash > 0) {
    r = { lo: ipv4Number(address.slice(0, dash).trim()), hi: ipv4Number(address.slice(dash + 1).trim()) };
  } else if (slash > 0) {
    const bits = Number(address.slice(slash + 1));
    if (!Number.isInteger(bits) || bits < 0 || bits > 32) throw new RangeError(`bad prefix length in ${address}`);
    const base = ipv4Number(address.slice(0, slash));
    const size = 2 ** (32 - bits);
    const lo = Math.floor(base / size) * size;
    r = { lo, hi: lo + size - 1 };
  } else {
    const a = ipv4Number(address);
    r = { lo: a, hi: a };
  }
  if (r.lo > r.hi) throw new RangeError(`empty address range ${address}`);
  rangeCache.set(address, r);
  return r;
}

export function addressMatches(selector: string, address: string): boolean {
  const r = addressRange(selector);
  const a = ipv4Number(address);
  return a >= r.lo && a <= r.hi;
}

/** Protocol and port 0 / undefined mean "any" (IKEv1 ID payloads use 0 for any). */
export function selectorMatches(s: Selector, address: string, protocol: number, port: number): boolean {
  if (!addressMatches(s.address, address)) return false;
  if (s.protocol && s.protocol !== protocol) return false;
  if (s.port && s.port !== port) return false;
  return true;
}

export type PolicyAction = 'protect' | 'bypass' | 'discard';

export interface Policy {
  readonly name?: string;
  /** Matches the source of outbound packets (the destination of inbound ones). */
  readonly local: Selector;
  readonly remote: Selector;
  readonly action: PolicyAction;
  /** protect: the outbound SA's SPI, once one is installed. */
  outboundSpi?: number;
}

export class Spd {
  private readonly policies: Policy[] = [];

  /** Appends a policy (lower position = searched first). Returns it, so `outboundSpi` can be set later. */
  add(p: Policy): Policy {
    const copy: Policy = { ...p };
    this.policies.push(copy);
    return copy;
  }

  remove(p: Policy): void {
    const i = this.policies.indexOf(p);
    if (i >= 0) this.policies.splice(i, 1);
  }

  get entries(): readonly Policy[] {
    return this.policies;
  }

  /** The first policy whose selectors match an outbound flow. */
  lookupOutbound(f: FlowKey): Policy | undefined {
    return this.policies.find((p) => selectorMatches(p.local, f.src, f.protocol, f.srcPort) && selectorMatches(p.remote, f.dst, f.protocol, f.dstPort));
  }

  /** The first policy whose selectors match an inbound flow (remote = source). */
  lookupInbound(f: FlowKey): Policy | undefined {
    return this.policies.find((p) => selectorMatches(p.remote, f.src, f.protocol, f.srcPort) && selectorMatches(p.local, f.dst, f.protocol, f.dstPort));
  }
}
