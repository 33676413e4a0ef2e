/**
 * Signature payload (RFC 2408 §3.12)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                         Signature Data                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export interface SigPayload {
  readonly type: 'SIG';
  readonly data: Uint8Array;
}

export const sigTable: Table = { name: 'SIG', fields: [{ name: 'data', kind: 'rest' }] };

export const sigCodec = codec<SigPayload>('SIG', sigTable, (p, at) => {
  if (p.data.length === 0) fail('bad-payload', at, 'empty SIG payload');
});
