/**
 * Notification payload (RFC 2408 §3.14; IPsec DOI status types RFC 2407 §4.6.3; DPD RFC 3706)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Protocol-ID  !   SPI Size    !      Notify Message Type      !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                Security Parameter Index (SPI)                 ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Notification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { NOTIFY_TYPES, PROTOCOL_IDS, type NotifyName } from '../../../analyzer/model/registries.js';
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';
import { SPI_SIZES } from './sa.js';

export interface NotifyPayload {
  readonly type: 'N';
  /** 1 (IPsec DOI); 0 (ISAKMP) is accepted too, as RFC 2408 §3.14 allows it for ISAKMP notifies. */
  readonly doi: number;
  /** PROTOCOL_IDS value, or 0 when the notify is about no protocol. */
  readonly protocol: number;
  readonly notifyType: number;
  readonly spi: Uint8Array;
  readonly data: Uint8Array;
}

export const notifyTable: Table = {
  name: 'N',
  fields: [
    { name: 'doi', kind: 'u32' },
    { name: 'protocol', kind: 'u8' },
    { name: 'spiSize', kind: 'len8', of: 'spi' },
    { name: 'notifyType', kind: 'u16' },
    { name: 'spi', kind: 'sized', by: 'spiSize' },
    { name: 'data', kind: 'rest' },
  ],
};

export const notifyCodec = codec<NotifyPayload>('N', notifyTable, (p, at) => {
  if (p.doi !== 0 && p.doi !== 1) fail('bad-doi', at, `notify DOI ${p.doi}`);
  if (p.notifyType === 0) fail('bad-payload', at, 'notify message type 0 is reserved');
  if (p.protocol === 0) {
    if (p.spi.length !== 0 && p.spi.length !== 16) fail('bad-spi', at, `notify without protocol with a ${p.spi.length}-byte SPI`);
    return;
  }
  const sizes = SPI_SIZES[p.protocol];
  if (!sizes) fail('bad-protocol', at, `notify protocol ${p.protocol}`);
  // an ISAKMP notify carries no SPI or both cookies (DPD: RFC 3706 §5.1); AH/ESP one 4-byte SPI
  if (!sizes.includes(p.spi.length)) fail('bad-spi', at, `notify with a ${p.spi.length}-byte SPI for ${PROTOCOL_IDS.nameOf(p.protocol)}`);
});

/** Builds a notify by canonical name. */
export function notify(name: NotifyName, opts: { protocol?: number; spi?: Uint8Array; data?: Uint8Array; doi?: number } = {}): NotifyPayload {
  return {
    type: 'N',
    doi: opts.doi ?? 1,
    protocol: opts.protocol ?? PROTOCOL_IDS.valueOf('isakmp'),
    notifyType: NOTIFY_TYPES.valueOf(name),
    spi: opts.spi ?? new Uint8Array(0),
    data: opts.data ?? new Uint8Array(0),
  };
}
