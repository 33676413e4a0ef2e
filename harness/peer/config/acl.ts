/**
 * Crypto ACLs: the traffic a crypto map entry protects, written from this node's view (source =
 * our side, destination = the peer's side), in the IOS/ASA line syntax:
 *
 *   [extended] permit|deny PROTOCOL SOURCE [eq PORT] DESTINATION [eq PORT]
 *   SOURCE, DESTINATION: any | host A | A/LEN | A WILDCARD (IOS) | A NETMASK (ASA) | A
 *
 * As initiator the first permit line becomes the Quick Mode proxies (IDci = source, IDcr =
 * destination); as responder an offer is protected when the first line that covers it permits it.
 */
import type { ProxySpec } from '../../ikev1/policy.js';
import { parsePrefix, prefixContains, prefixText, type Prefix } from './addresses.js';

export interface AclLine {
  readonly action: 'permit' | 'deny';
  /** IP protocol number; 0 = ip (any). */
  readonly protocol: number;
  readonly source: Prefix;
  readonly sourcePort?: number;
  readonly destination: Prefix;
  readonly destinationPort?: number;
}

/** Protocol keywords of the ACL syntax (IANA numbers). */
const PROTOCOLS: Readonly<Record<string, number>> = { ip: 0, icmp: 1, tcp: 6, udp: 17, gre: 47, esp: 50, ahp: 51, ah: 51 };
/** Port keywords IOS/ASA accept in `eq`, for the ports a crypto ACL commonly names. */
const PORTS: Readonly<Record<string, number>> = { ssh: 22, telnet: 23, domain: 53, www: 80, http: 80, https: 443, isakmp: 500, l2tp: 1701, 'non500-isakmp': 4500 };

/** One ACL line → the line, or the reason it is not one (a sentence fragment). */
export function parseAclLine(text: string): AclLine | string {
  const t = text.trim().split(/\s+/);
  let i = 0;
  if (t[i] === 'extended') i++;
  const action = t[i++];
  if (action !== 'permit' && action !== 'deny') return `"${text.trim()}" does not start with permit or deny`;
  const protoWord = t[i++];
  if (protoWord === undefined) return 'the line ends before the protocol';
  const protocol = PROTOCOLS[protoWord] ?? (/^\d{1,3}$/.test(protoWord) && Number(protoWord) <= 255 ? Number(protoWord) : undefined);
  if (protocol === undefined) return `"${protoWord}" is not a protocol (ip, icmp, tcp, udp, gre, esp, ah or a number)`;
  const side = (what: string): { prefix: Prefix; port?: number } | string => {
    const a = t[i];
    if (a === undefined) return `the line ends before the ${what}`;
    let prefix: Prefix | undefined;
    if (a === 'any') {
      prefix = parsePrefix('any');
      i += 1;
    } else if (a === 'host') {
      prefix = t[i + 1] === undefined ? undefined : parsePrefix(t[i + 1]!);
      if (!prefix || prefix.bits !== 32) return `"host ${t[i + 1] ?? ''}" is not a host address`;
      i += 2;
    } else {
      if (t[i + 1] !== undefined && /^\d+\.\d+\.\d+\.\d+$/.test(t[i + 1]!)) {
        // A MASK (IOS wildcard or ASA netmask); a bare host is never followed by an address
        prefix = parsePrefix(`${a} ${t[i + 1]}`);
        if (!prefix) return `the ${what} "${a} ${t[i + 1]}" is not an address with a netmask or a wildcard mask`;
        i += 2;
      } else {
        prefix = parsePrefix(a);
        i += 1;
      }
    }
    if (!prefix) return `the ${what} "${a}" is not an address, A/LEN, A MASK, host A or any`;
    if (t[i] !== 'eq') return { prefix };
    const p = t[i + 1];
    const port = p === undefined ? undefined : (PORTS[p] ?? (/^\d{1,5}$/.test(p) && Number(p) <= 65535 ? Number(p) : undefined));
    if (port === undefined) return `"eq ${p ?? ''}" is not a port`;
    if (protocol !== 6 && protocol !== 17) return `a port needs protocol tcp or udp, not ${protoWord}`;
    i += 2;
    return { prefix, port };
  };
  const src = side('source');
  if (typeof src === 'string') return src;
  const dst = side('destination');
  if (typeof dst === 'string') return dst;
  if (i < t.length) return `"${t.slice(i).join(' ')}" after the destination is not understood`;
  return {
    action,
    protocol,
    source: src.prefix,
    destination: dst.prefix,
    ...(src.port !== undefined ? { sourcePort: src.port } : {}),
    ...(dst.port !== undefined ? { destinationPort: dst.port } : {}),
  };
}

const proxy = (p: Prefix, protocol: number, port: number | undefined): ProxySpec => ({
  address: prefixText(p),
  ...(protocol ? { protocol } : {}),
  ...(port !== undefined ? { port } : {}),
});

/** The initiator's proxies: the first permit line (our side local, the peer's remote). */
export function aclProxies(lines: readonly AclLine[]): { local: ProxySpec; remote: ProxySpec } | undefined {
  const l = lines.find((x) => x.action === 'permit');
  return l && { local: proxy(l.source, l.protocol, l.sourcePort), remote: proxy(l.destination, l.protocol, l.destinationPort) };
}

function covers(line: AclLine, local: ProxySpec, remote: ProxySpec): boolean {
  const lp = parsePrefix(local.address);
  const rp = parsePrefix(remote.address);
  if (!lp || !rp) return false; // an address range: not expressible as one ACL line here
  const proto = local.protocol ?? remote.protocol ?? 0;
  if (line.protocol !== 0 && line.protocol !== proto) return false;
  if (line.sourcePort !== undefined && line.sourcePort !== local.port) return false;
  if (line.destinationPort !== undefined && line.destinationPort !== remote.port) return false;
  return prefixContains(line.source, lp) && prefixContains(line.destination, rp);
}

/** Responder: does the ACL protect this offer (local = our side)? The first line covering it decides. */
export function aclPermits(lines: readonly AclLine[], local: ProxySpec, remote: ProxySpec): boolean {
  const hit = lines.find((l) => covers(l, local, remote));
  return hit?.action === 'permit';
}
