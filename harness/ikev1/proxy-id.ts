/**
 * Quick Mode proxy identities (IDci / IDcr) from `policy.proxies` (a host, a CIDR block or a range
 * "a-b", IPv4 or IPv6) and the events' `Proxy` text back from an ID payload.
 *
 * RFC 2407 §4.6.2.1: "ID_IPV6_ADDR 5: The ID_IPV6_ADDR type specifies a single sixteen (16) octet
 * IPv6 address." "ID_IPV6_ADDR_SUBNET 6: The ID_IPV6_ADDR_SUBNET type specifies a range of IPv6
 * addresses, represented by two sixteen (16) octet values. The first value is an IPv6 address.
 * The second is an IPv6 network mask. Note that ones (1s) in the network mask indicate that the
 * corresponding bit in the address is fixed, while zeros (0s) indicate a "wildcard" bit."
 * "ID_IPV6_ADDR_RANGE 8: ... two sixteen (16) octet values. The first value is the beginning
 * IPv6 address (inclusive) and the second value is the ending IPv6 address (inclusive)." The IPv4
 * types (1, 4, 7) are the same with four-octet values.
 *
 * Only the proxies are IPv6 here: phase-1 identities (ID_IPV4_ADDR), NAT-D and the outer
 * addresses stay IPv4.
 */
import { ID_TYPES } from '../../analyzer/model/registries.js';
import { idIpv4, idIpv4Subnet, ipv4Bytes, type IdPayload } from '../codec/index.js';
import { ipv6Bytes, isIpv6 } from '../esp/index.js';
import type { ProxySpec } from './policy.js';

/** A prefix length as a network mask of `octets` octets. */
function mask(bits: number, octets: number): Uint8Array {
  const m = new Uint8Array(octets);
  for (let i = 0; i < octets; i++) m[i] = bits >= (i + 1) * 8 ? 0xff : bits > i * 8 ? (0xff << (8 - (bits - i * 8))) & 0xff : 0;
  return m;
}

const join = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** The ID payload for one side of `policy.proxies`. */
export function proxyId(p: ProxySpec): IdPayload {
  const protocol = p.protocol ?? 0;
  const port = p.port ?? 0;
  const dash = p.address.indexOf('-');
  const slash = p.address.indexOf('/');
  if (!isIpv6(p.address)) {
    if (dash > 0) return { type: 'ID', idType: ID_TYPES.valueOf('ipv4-addr-range'), protocol, port, data: join(ipv4Bytes(p.address.slice(0, dash).trim()), ipv4Bytes(p.address.slice(dash + 1).trim())) };
    if (slash > 0) return idIpv4Subnet(p.address.slice(0, slash), [...mask(Number(p.address.slice(slash + 1)), 4)].join('.'), protocol, port);
    return idIpv4(p.address, protocol, port);
  }
  if (dash > 0) return { type: 'ID', idType: ID_TYPES.valueOf('ipv6-addr-range'), protocol, port, data: join(ipv6Bytes(p.address.slice(0, dash).trim()), ipv6Bytes(p.address.slice(dash + 1).trim())) };
  if (slash > 0) return { type: 'ID', idType: ID_TYPES.valueOf('ipv6-addr-subnet'), protocol, port, data: join(ipv6Bytes(p.address.slice(0, slash)), mask(Number(p.address.slice(slash + 1)), 16)) };
  return { type: 'ID', idType: ID_TYPES.valueOf('ipv6-addr'), protocol, port, data: ipv6Bytes(p.address).slice() };
}

/** The number of one bits of a network mask (events write subnets as CIDR). */
export function maskBits(m: Uint8Array): number {
  let n = 0;
  for (const b of m) for (let x = b; x; x >>= 1) n += x & 1;
  return n;
}
