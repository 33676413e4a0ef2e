/**
 * NAT Original Address payload (RFC 3947 §5.1: type 21; draft-ietf-ipsec-nat-t-ike-02/03: type 131)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !        Payload length         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !    ID Type    !   RESERVED    !            RESERVED           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !         IPv4 (4 octets) or IPv6 address (16 octets)           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * ID Type: ID_IPV4_ADDR (1) or ID_IPV6_ADDR (5) of ID_TYPES.
 */
import { ID_TYPES } from '../../../analyzer/model/registries.js';
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export interface NatOaPayload {
  readonly type: 'NAT-OA' | 'NAT-OA-DRAFT';
  readonly idType: number;
  readonly address: Uint8Array;
}

export const natOaTable: Table = {
  name: 'NAT-OA',
  fields: [
    { name: 'idType', kind: 'u8' },
    { name: 'reserved', kind: 'reserved', size: 3 },
    { name: 'address', kind: 'rest' },
  ],
};

const IPV4 = ID_TYPES.valueOf('ipv4-addr');
const IPV6 = ID_TYPES.valueOf('ipv6-addr');

const verify = (p: NatOaPayload, at: number): void => {
  const want = p.idType === IPV4 ? 4 : p.idType === IPV6 ? 16 : undefined;
  if (want === undefined) fail('bad-payload', at, `NAT-OA ID type ${p.idType} (only ID_IPV4_ADDR / ID_IPV6_ADDR)`);
  if (p.address.length !== want) fail('bad-payload', at, `NAT-OA address of ${p.address.length} bytes for ID type ${p.idType}`);
};

export const natOaCodec = codec<NatOaPayload>('NAT-OA', natOaTable, verify);
export const natOaDraftCodec = codec<NatOaPayload>('NAT-OA-DRAFT', natOaTable, verify);
