/**
 * Hash payload (RFC 2408 §3.11)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                           Hash Data                           ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export interface HashPayload {
  readonly type: 'HASH';
  readonly data: Uint8Array;
}

export const hashTable: Table = { name: 'HASH', fields: [{ name: 'data', kind: 'rest' }] };

export const hashCodec = codec<HashPayload>('HASH', hashTable, (p, at) => {
  if (p.data.length === 0) fail('bad-payload', at, 'empty HASH payload');
});
