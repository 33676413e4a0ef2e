/**
 * Delete payload (RFC 2408 §3.15)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Protocol-Id  !   SPI Size    !           # of SPIs           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~               Security Parameter Index(es) (SPI)              ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * `spiSize` is kept explicitly: with zero SPIs it could not be derived.
 */
import { PROTOCOL_IDS } from '../../../analyzer/model/registries.js';
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export interface DeletePayload {
  readonly type: 'D';
  readonly doi: number;
  readonly protocol: number;
  readonly spiSize: number;
  readonly spis: readonly Uint8Array[];
}

export const deleteTable: Table = {
  name: 'D',
  fields: [
    { name: 'doi', kind: 'u32' },
    { name: 'protocol', kind: 'u8' },
    { name: 'spiSize', kind: 'u8' },
    { name: 'spiCount', kind: 'count16', of: 'spis', code: 'bad-payload' },
    { name: 'spis', kind: 'array', count: 'spiCount', size: 'spiSize' },
  ],
};

/** SPI sizes of a Delete: the ISAKMP SA is named by its two cookies (RFC 2408 §3.15), AH/ESP by 4 bytes, IPCOMP by a CPI. */
const DELETE_SPI_SIZES: Readonly<Record<number, readonly number[]>> = {
  [PROTOCOL_IDS.valueOf('isakmp')]: [16],
  [PROTOCOL_IDS.valueOf('ah')]: [4],
  [PROTOCOL_IDS.valueOf('esp')]: [4],
  [PROTOCOL_IDS.valueOf('ipcomp')]: [2, 4],
};

export const deleteCodec = codec<DeletePayload>('D', deleteTable, (p, at) => {
  if (p.doi !== 0 && p.doi !== 1) fail('bad-doi', at, `delete DOI ${p.doi}`);
  const sizes = DELETE_SPI_SIZES[p.protocol];
  if (!sizes) fail('bad-protocol', at, `delete protocol ${p.protocol}`);
  if (!sizes.includes(p.spiSize)) fail('bad-spi', at, `delete with ${p.spiSize}-byte SPIs for ${PROTOCOL_IDS.nameOf(p.protocol)}`);
  if (p.spis.length === 0) fail('bad-payload', at, 'delete without SPIs');
});
