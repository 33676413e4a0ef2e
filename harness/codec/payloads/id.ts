/**
 * Identification payload (RFC 2408 §3.8) with the IPsec DOI layout (RFC 2407 §4.6.2):
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !        Payload Length         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !   ID Type     !  Protocol ID  !             Port              !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                     Identification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * ID types: ID_TYPES of the registries (RFC 2407 §4.6.2.1, ID_LIST of RFC 3554).
 */
import { ID_TYPES, type IdTypeName } from '../../../analyzer/model/registries.js';
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export interface IdPayload {
  readonly type: 'ID';
  readonly idType: number;
  /** IP protocol (0 = any; 17 = UDP with port 500/4500 in phase 1, RFC 2407 §4.6.2). */
  readonly protocol: number;
  readonly port: number;
  readonly data: Uint8Array;
}

export const idTable: Table = {
  name: 'ID',
  fields: [
    { name: 'idType', kind: 'u8' },
    { name: 'protocol', kind: 'u8' },
    { name: 'port', kind: 'u16' },
    { name: 'data', kind: 'rest' },
  ],
};

/** Exact data sizes of the address types (RFC 2407 §4.6.2.2–4.6.2.9). */
const ADDRESS_SIZES: Partial<Record<IdTypeName, number>> = {
  'ipv4-addr': 4,
  'ipv4-addr-subnet': 8,
  'ipv4-addr-range': 8,
  'ipv6-addr': 16,
  'ipv6-addr-subnet': 32,
  'ipv6-addr-range': 32,
};

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export const idCodec = codec<IdPayload>('ID', idTable, (p, at) => {
  const name = ID_TYPES.nameOf(p.idType);
  if (!name) fail('bad-id', at, `unknown ID type ${p.idType}`);
  const size = ADDRESS_SIZES[name];
  if (size !== undefined) {
    if (p.data.length !== size) fail('bad-id', at, `${name} needs ${size} bytes of data, got ${p.data.length}`);
    if (name.endsWith('-range')) {
      const half = size / 2;
      if (compare(p.data.subarray(0, half), p.data.subarray(half)) > 0) fail('bad-id', at, `${name}: start address after end address`);
    }
  } else if (p.data.length === 0) {
    fail('bad-id', at, `${name} with empty identification data`);
  }
  // RFC 2407 §4.6.2: a port only means something with a protocol
  if (p.protocol === 0 && p.port !== 0) fail('bad-id', at, `port ${p.port} with protocol 0`);
});

// ------------------------------------------------------------------------------------------------
// Helpers for building and reading identification data
// ------------------------------------------------------------------------------------------------

export function ipv4Bytes(addr: string): Uint8Array {
  const parts = addr.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) throw new RangeError(`not an IPv4 address: ${addr}`);
  return Uint8Array.from(parts);
}

export function ipv4String(b: Uint8Array): string {
  return Array.from(b.subarray(0, 4)).join('.');
}

/** ID payload for an IPv4 address (phase 1 uses protocol 0/port 0 or UDP/500). */
export function idIpv4(addr: string, protocol = 0, port = 0): IdPayload {
  return { type: 'ID', idType: ID_TYPES.valueOf('ipv4-addr'), protocol, port, data: ipv4Bytes(addr) };
}

/** ID payload for an IPv4 subnet (Quick Mode proxy identities). */
export function idIpv4Subnet(addr: string, mask: string, protocol = 0, port = 0): IdPayload {
  const data = new Uint8Array(8);
  data.set(ipv4Bytes(addr), 0);
  data.set(ipv4Bytes(mask), 4);
  return { type: 'ID', idType: ID_TYPES.valueOf('ipv4-addr-subnet'), protocol, port, data };
}

/** ID payload for a string identity: FQDN, USER_FQDN or KEY_ID. */
export function idString(kind: 'fqdn' | 'user-fqdn' | 'key-id', value: string, protocol = 0, port = 0): IdPayload {
  return { type: 'ID', idType: ID_TYPES.valueOf(kind), protocol, port, data: new TextEncoder().encode(value) };
}

function ipv6String(b: Uint8Array): string {
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  // longest run of zero words → "::" (RFC 5952 §4.2)
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return words.join(':');
  return `${words.slice(0, best).join(':')}::${words.slice(best + bestLen).join(':')}`;
}

/**
 * The identification data as text, the way logs print it: `10.0.0.1`, `10.1.0.0/255.255.0.0`,
 * `10.0.0.1-10.0.0.9`, IPv6 in RFC 5952 form, FQDN / USER_FQDN / KEY_ID as text, DER and
 * unknown types as hex. Works on any payload (verified or not).
 */
export function idText(p: IdPayload): string {
  const d = p.data;
  const hex = (): string => Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
  switch (ID_TYPES.nameOf(p.idType)) {
    case 'ipv4-addr':
      return d.length === 4 ? ipv4String(d) : hex();
    case 'ipv4-addr-subnet':
      return d.length === 8 ? `${ipv4String(d)}/${ipv4String(d.subarray(4))}` : hex();
    case 'ipv4-addr-range':
      return d.length === 8 ? `${ipv4String(d)}-${ipv4String(d.subarray(4))}` : hex();
    case 'ipv6-addr':
      return d.length === 16 ? ipv6String(d) : hex();
    case 'ipv6-addr-subnet':
      return d.length === 32 ? `${ipv6String(d)}/${ipv6String(d.subarray(16))}` : hex();
    case 'ipv6-addr-range':
      return d.length === 32 ? `${ipv6String(d)}-${ipv6String(d.subarray(16))}` : hex();
    case 'fqdn':
    case 'user-fqdn':
    case 'key-id':
      return new TextDecoder().decode(d);
    default:
      return hex();
  }
}
