/**
 * IPv4 addresses and prefixes as the config file writes them: `10.1.1.1`, `10.1.0.0/16`, and the
 * two Cisco mask notations (IOS wildcard `10.1.0.0 0.0.255.255`, ASA/keyring netmask
 * `10.1.0.0 255.255.0.0`), told apart by which bits the mask sets.
 */

/** An IPv4 prefix: network address (as a 32-bit number) and length. */
export interface Prefix {
  readonly network: number;
  readonly bits: number;
}

const QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number | undefined {
  const m = QUAD.exec(text.trim());
  if (!m) return undefined;
  const o = m.slice(1, 5).map(Number);
  if (o.some((x) => x > 255)) return undefined;
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

export function ipv4Text(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join('.');
}

const maskOf = (bits: number): number => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/** Number of leading one bits when `m` is a contiguous netmask, else undefined. */
function netmaskBits(m: number): number | undefined {
  for (let bits = 0; bits <= 32; bits++) if (maskOf(bits) === m) return bits;
  return undefined;
}

/**
 * `A`, `A/len`, `A MASK` (netmask or IOS wildcard) or `any` → a prefix; undefined when it is none
 * of these. A mask is read as a netmask when the address has no bits outside it, else as a
 * wildcard when the address has no bits inside it (`0.0.0.0 0.0.0.0` is any, `10.1.1.1 0.0.0.0` a host).
 * A bare `0.0.0.0` is any, as in IOS `match identity address 0.0.0.0`.
 */
export function parsePrefix(text: string): Prefix | undefined {
  const t = text.trim();
  if (t === 'any') return { network: 0, bits: 0 };
  const cidr = /^(\S+)\/(\d{1,2})$/.exec(t);
  if (cidr) {
    const a = parseIpv4(cidr[1]!);
    const bits = Number(cidr[2]);
    if (a === undefined || bits > 32 || (a & ~maskOf(bits)) >>> 0 !== 0) return undefined;
    return { network: a, bits };
  }
  const pair = /^(\S+)\s+(\S+)$/.exec(t);
  if (pair) {
    const a = parseIpv4(pair[1]!);
    const m = parseIpv4(pair[2]!);
    if (a === undefined || m === undefined) return undefined;
    if (a === 0 && m === 0xffffffff) return { network: 0, bits: 0 }; // IOS wildcard "any"
    const nb = netmaskBits(m);
    if (nb !== undefined && (a & ~m) >>> 0 === 0) return { network: a, bits: nb };
    const wb = netmaskBits(~m >>> 0);
    if (wb !== undefined && (a & m) >>> 0 === 0) return { network: a, bits: wb };
    return undefined;
  }
  const host = parseIpv4(t);
  // IOS `match identity address 0.0.0.0`: the bare all-zero address is the wildcard
  if (host === 0) return { network: 0, bits: 0 };
  return host === undefined ? undefined : { network: host, bits: 32 };
}

export function prefixText(p: Prefix): string {
  return p.bits === 32 ? ipv4Text(p.network) : `${ipv4Text(p.network)}/${p.bits}`;
}

/** Is `inner` inside `outer` (equal counts)? */
export function prefixContains(outer: Prefix, inner: Prefix): boolean {
  return inner.bits >= outer.bits && (inner.network & maskOf(outer.bits)) >>> 0 === outer.network;
}

export function hostPrefix(address: string): Prefix | undefined {
  const a = parseIpv4(address);
  return a === undefined ? undefined : { network: a, bits: 32 };
}

/** `address` or `address:port` (labs run several peers on one address with other ports). */
export function parseEndpoint(text: string): { address: string; port?: number } | undefined {
  const m = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!m || parseIpv4(m[1]!) === undefined) return undefined;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { address: m[1]!, ...(port !== undefined ? { port } : {}) };
}
