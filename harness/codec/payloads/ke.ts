/**
 * Key Exchange payload (RFC 2408 §3.7; MODP g^x left-padded to the prime length, ECP x‖y per RFC 5903 §7)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Key Exchange Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export interface KePayload {
  readonly type: 'KE';
  readonly data: Uint8Array;
}

export const keTable: Table = { name: 'KE', fields: [{ name: 'data', kind: 'rest' }] };

export const keCodec = codec<KePayload>('KE', keTable, (p, at) => {
  if (p.data.length === 0) fail('bad-payload', at, 'empty KE payload');
});
