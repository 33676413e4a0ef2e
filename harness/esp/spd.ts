/**
 * Selectors and the Security Policy Database (RFC 4301 §4.4.1), reduced to what crypto ACLs
 * and Quick Mode proxies express: an address (host, CIDR subnet or range), an IP protocol and
 * a port on each side. Policies are searched in order; the first match wins (RFC 4301 §4.4.1:
 * "the SPD is an ordered database").
 */
import type { Proxy } from '../../analyzer/model/index.js';
import { ipv4Number, type FlowKey } from './ip.js';
import { ipv6BigInt, isIpv6 } from './ip6.js';

/** A proxy (the analyzer's `Proxy`): "10.1.0.0/16", "10.1.1.1", "10.0.0.1-10.0.0.9", "0.0.0.0/0". */
export type Selector = Proxy;

interface Range {
  readonly lo: number;
  readonly hi: number;
}

const rangeCache = new Map<string, Range>();

/** The text forms of a selector address: "lo-hi", "base/bits" or one host (either family). */
function selectorForm(address: string): { lo: string; hi: string } | { base: string; bits: number } | { host: string } {
  const dash = address.indexOf('-');
  const slash = address.indexOf('/');
  if (dash > 0) return { lo: address.slice(0, dash).trim(), hi: address.slice(dash + 1).trim() };
  if (slash > 0) return { base: address.slice(0, slash), bits: Number(address.slice(slash + 1)) };
  return { host: address };
}

/** One address family for selector ranges: its parser, its width and its CIDR block arithmetic. */
interface Family<T extends number | bigint> {
  readonly parse: (address: string) => T;
  readonly width: number;
  readonly block: (base: T, hostBits: number) => { lo: T; hi: T };
}

const V4: Family<number> = {
  parse: ipv4Number,
  width: 32,
  block: (base, hostBits) => {
    const size = 2 ** hostBits;
    const lo = Math.floor(base / size) * size;
    return { lo, hi: lo + size - 1 };
  },
};

const V6: Family<bigint> = {
  parse: ipv6BigInt,
  width: 128,
  block: (base, hostBits) => {
    const h = BigInt(hostBits);
    const lo = (base >> h) << h;
    return { lo, hi: lo + (1n << h) - 1n };
  },
};

function rangeIn<T extends number | bigint>(fam: Family<T>, cache: Map<string, { lo: T; hi: T }>, address: string): { lo: T; hi: T } {
  const hit = cache.get(address);
  if (hit) return hit;
  let r: { lo: T; hi: T };
  const f = selectorForm(address);
  if ('lo' in f) r = { lo: fam.parse(f.lo), hi: fam.parse(f.hi) };
  else if ('bits' in f) {
    if (!Number.isInteger(f.bits) || f.bits < 0 || f.bits > fam.width) throw new RangeError(`bad prefix length in ${address}`);
    r = fam.block(fam.parse(f.base), fam.width - f.bits);
  } else {
    const a = fam.parse(f.host);
    r = { lo: a, hi: a };
  }
  if (r.lo > r.hi) throw new RangeError(`empty address range ${address}`);
  cache.set(address, r);
  return r;
}

/** The address range of an IPv4 selector address (throws on malformed text: configuration error). */
export function addressRange(address: string): Range {
  return rangeIn(V4, rangeCache, address);
}

const range6Cache = new Map<string, { lo: bigint; hi: bigint }>();

/** The address range of an IPv6 selector address ("2001:db8:1::/48", a range, or a host). */
export function addressRange6(address: string): { lo: bigint; hi: bigint } {
  return rangeIn(V6, range6Cache, address);
}

/** Does `address` fall in the selector? A selector never matches an address of the other family. */
export function addressMatches(selector: string, address: string): boolean {
  const v6 = isIpv6(address);
  if (v6 !== isIpv6(selector)) return false;
  if (v6) {
    const r6 = addressRange6(selector);
    const a6 = ipv6BigInt(address);
    return a6 >= r6.lo && a6 <= r6.hi;
  }
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
