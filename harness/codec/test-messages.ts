/**
 * Sample messages for the codec tests (and for other tests that need realistic IKEv1 bytes):
 * Main Mode MM1/MM2/MM3 and a Quick Mode QM1 payload chain, built from typed payloads. The
 * expected wire bytes are written out by hand in codec.test.ts from the RFC layouts.
 */
import { fromHex } from '../crypto/bytes.js';
import { attrNumber, tv } from './attributes.js';
import { FLAG_ENCRYPTION, type Header } from './header.js';
import type { Message } from './message.js';
import { idIpv4Subnet } from './payloads/id.js';
import type { Payload } from './payloads/index.js';

export const ICOOKIE = fromHex('0102030405060708');
export const RCOOKIE = fromHex('a1a2a3a4a5a6a7a8');
export const ZERO_COOKIE = new Uint8Array(8);

/** RFC 3947 vendor ID (MD5 of "RFC 3947"). */
export const VID_RFC3947 = fromHex('4a131c81070358455c5728f20e95452f');
/** RFC 3706 DPD vendor ID. */
export const VID_DPD = fromHex('afcad71368a1f1c96b8696fc77570100');

/** Phase-1 transform: AES-128, SHA1, PSK, group 14, 86400 s. */
export const P1_TRANSFORM_ATTRS = [
  tv(1, 7), // encryption AES-CBC
  tv(14, 128), // key length
  tv(2, 2), // hash SHA
  tv(3, 1), // auth pre-shared key
  tv(4, 14), // group 14
  tv(11, 1), // life type seconds
  attrNumber(12, 86400), // life duration, TLV (does not fit 16 bits)
];

export function mm1(): Message {
  const header: Header = { icookie: ICOOKIE, rcookie: ZERO_COOKIE, exchangeType: 2, flags: 0, messageId: 0 };
  const payloads: Payload[] = [
    {
      type: 'SA',
      doi: 1,
      situation: 1,
      proposals: [{ number: 1, protocol: 1, spi: new Uint8Array(0), transforms: [{ number: 1, transformId: 1, attributes: P1_TRANSFORM_ATTRS }] }],
    },
    { type: 'VID', data: VID_RFC3947 },
    { type: 'VID', data: VID_DPD },
  ];
  return { header, payloads };
}

export function mm2(): Message {
  const m = mm1();
  return { header: { ...m.header, rcookie: RCOOKIE }, payloads: [m.payloads[0]!, { type: 'VID', data: VID_RFC3947 }] };
}

/** MM3: KE (8 bytes, not a real group value), NONCE (16), two NAT-D (SHA1 size). */
export function mm3(): Message {
  return {
    header: { icookie: ICOOKIE, rcookie: RCOOKIE, exchangeType: 2, flags: 0, messageId: 0 },
    payloads: [
      { type: 'KE', data: fromHex('1111111111111111') },
      { type: 'NONCE', data: fromHex('22222222222222222222222222222222') },
      { type: 'NAT-D', data: fromHex('3333333333333333333333333333333333333333') },
      { type: 'NAT-D', data: fromHex('4444444444444444444444444444444444444444') },
    ],
  };
}

/** The decrypted QM1 chain: HASH(1), SA (ESP AES-128/SHA1 tunnel), Ni, IDci, IDcr. */
export function qm1Payloads(): Payload[] {
  return [
    { type: 'HASH', data: fromHex('5555555555555555555555555555555555555555') },
    {
      type: 'SA',
      doi: 1,
      situation: 1,
      proposals: [
        {
          number: 1,
          protocol: 3,
          spi: fromHex('c0ffee01'),
          transforms: [{ number: 1, transformId: 12, attributes: [tv(1, 1), tv(2, 3600), tv(4, 1), tv(5, 2), tv(6, 128)] }],
        },
      ],
    },
    { type: 'NONCE', data: fromHex('66666666666666666666666666666666') },
    idIpv4Subnet('10.1.0.0', '255.255.0.0'),
    idIpv4Subnet('10.2.0.0', '255.255.0.0'),
  ];
}

export const QM_HEADER: Header = { icookie: ICOOKIE, rcookie: RCOOKIE, exchangeType: 32, flags: FLAG_ENCRYPTION, messageId: 0x11223344 };
