/**
 * Certificate Request payload (RFC 2408 §3.10)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Cert. Type   !                                               !
 * +-+-+-+-+-+-+-+-+                                               !
 * ~                    Certificate Authority                      ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The Certificate Authority may be empty ("any CA").
 */
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';
import { CERT_ENCODINGS } from './cert.js';

export interface CrPayload {
  readonly type: 'CR';
  readonly certType: number;
  readonly authority: Uint8Array;
}

export const crTable: Table = {
  name: 'CR',
  fields: [
    { name: 'certType', kind: 'u8' },
    { name: 'authority', kind: 'rest' },
  ],
};

export const crCodec = codec<CrPayload>('CR', crTable, (p, at) => {
  if (!CERT_ENCODINGS[p.certType]) fail('bad-cert-encoding', at, `certificate type ${p.certType}`);
});
