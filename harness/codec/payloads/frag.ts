/**
 * Cisco IKE fragmentation payload (type 132, private use; also strongSwan's
 * fragment_payload.c and Windows)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !          Fragment ID          !  Fragment #   !     Flags     !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                         Fragment Data                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Fragment numbers start at 1; Flags bit 0 = LAST_FRAGMENT. The data are a slice of the whole
 * (possibly encrypted) ISAKMP message, header included.
 */
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export const FRAG_LAST = 1;

export interface FragPayload {
  readonly type: 'FRAG';
  readonly fragmentId: number;
  readonly number: number;
  readonly flags: number;
  readonly data: Uint8Array;
}

export const fragTable: Table = {
  name: 'FRAG',
  fields: [
    { name: 'fragmentId', kind: 'u16' },
    { name: 'number', kind: 'u8' },
    { name: 'flags', kind: 'u8' },
    { name: 'data', kind: 'rest' },
  ],
};

export const fragCodec = codec<FragPayload>('FRAG', fragTable, (p, at) => {
  if (p.number === 0) fail('bad-payload', at, 'fragment number 0 (they start at 1)');
  if ((p.flags & ~FRAG_LAST) !== 0) fail('bad-payload', at, `fragment flags 0x${p.flags.toString(16)}`);
  if (p.data.length === 0) fail('bad-payload', at, 'empty fragment');
});
