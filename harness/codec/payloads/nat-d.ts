/**
 * NAT Discovery payload (RFC 3947 §3.2: type 20; draft-ietf-ipsec-nat-t-ike-02/03: type 130)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !        Payload length         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                 HASH of the address and port                  ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export interface NatDPayload {
  /** 'NAT-D' (RFC 3947, 20) or 'NAT-D-DRAFT' (drafts, 130). */
  readonly type: 'NAT-D' | 'NAT-D-DRAFT';
  readonly data: Uint8Array;
}

export const natDTable: Table = { name: 'NAT-D', fields: [{ name: 'data', kind: 'rest' }] };

const verify = (p: NatDPayload, at: number): void => {
  if (p.data.length === 0) fail('bad-payload', at, 'empty NAT-D hash');
};

export const natDCodec = codec<NatDPayload>('NAT-D', natDTable, verify);
export const natDDraftCodec = codec<NatDPayload>('NAT-D-DRAFT', natDTable, verify);
