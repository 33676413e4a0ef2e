/**
 * Certificate payload (RFC 2408 §3.9)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Cert Encoding !                                               !
 * +-+-+-+-+-+-+-+-+                                               !
 * ~                       Certificate Data                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

/**
 * Certificate encodings of RFC 2408 §3.9 (the registries module has no table for them yet;
 * kept here, with the codec, until it does).
 */
export const CERT_ENCODINGS: Readonly<Record<number, string>> = {
  1: 'PKCS #7 wrapped X.509 certificate',
  2: 'PGP Certificate',
  3: 'DNS Signed Key',
  4: 'X.509 Certificate - Signature',
  5: 'X.509 Certificate - Key Exchange',
  6: 'Kerberos Tokens',
  7: 'Certificate Revocation List (CRL)',
  8: 'Authority Revocation List (ARL)',
  9: 'SPKI Certificate',
  10: 'X.509 Certificate - Attribute',
};

export interface CertPayload {
  readonly type: 'CERT';
  readonly encoding: number;
  readonly data: Uint8Array;
}

export const certTable: Table = {
  name: 'CERT',
  fields: [
    { name: 'encoding', kind: 'u8' },
    { name: 'data', kind: 'rest' },
  ],
};

export const certCodec = codec<CertPayload>('CERT', certTable, (p, at) => {
  if (!CERT_ENCODINGS[p.encoding]) fail('bad-cert-encoding', at, `certificate encoding ${p.encoding}`);
  if (p.data.length === 0) fail('bad-payload', at, 'CERT payload without certificate data');
});
