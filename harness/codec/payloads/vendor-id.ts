/**
 * Vendor ID payload (RFC 2408 §3.16)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        Vendor ID (VID)                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export interface VendorIdPayload {
  readonly type: 'VID';
  readonly data: Uint8Array;
}

export const vendorIdTable: Table = { name: 'VID', fields: [{ name: 'data', kind: 'rest' }] };

export const vendorIdCodec = codec<VendorIdPayload>('VID', vendorIdTable, () => {
  // any bytes: a vendor ID is usually an MD5 hash (16 bytes), some carry a version suffix
});
