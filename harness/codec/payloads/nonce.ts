/**
 * Nonce payload (RFC 2408 §3.13; RFC 2409 §5: 8 to 256 bytes)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                            Nonce Data                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export interface NoncePayload {
  readonly type: 'NONCE';
  readonly data: Uint8Array;
}

export const nonceTable: Table = { name: 'NONCE', fields: [{ name: 'data', kind: 'rest' }] };

export const nonceCodec = codec<NoncePayload>('NONCE', nonceTable, (p, at) => {
  if (p.data.length < 8 || p.data.length > 256) fail('bad-payload', at, `nonce of ${p.data.length} bytes (RFC 2409 §5: 8..256)`);
});
