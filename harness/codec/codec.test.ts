import { describe, expect, it } from 'vitest';
import { NOTIFY_TYPES } from '../../analyzer/model/registries.js';
import { concatBytes, fromHex, toHex } from '../crypto/bytes.js';
import { attrValue, tlv, tv } from './attributes.js';
import { DecodeError, ERROR_NOTIFY, type DecodeErrorCode } from './errors.js';
import { FLAG_ENCRYPTION, HEADER_LENGTH } from './header.js';
import { decodeMessage, decodePayloads, encodeMessage, encodePayloads, isEncrypted, verifyPayload, type Message } from './message.js';
import { idIpv4, idString } from './payloads/id.js';
import type { Payload } from './payloads/index.js';
import { notify } from './payloads/notify.js';
import { ICOOKIE, mm1, mm2, mm3, QM_HEADER, qm1Payloads, RCOOKIE, ZERO_COOKIE } from './test-messages.js';

const hex = (s: string): Uint8Array => fromHex(s.replace(/\s+/g, ''));

const MM1_HEX = `
  0102030405060708 0000000000000000 01 10 02 00 00000000 00000080
  0d00003c 00000001 00000001
    00000030 01 01 00 01
      00000028 01 01 0000
        80010007 800e0080 80020002 80030001 8004000e 800b0001 000c0004 00015180
  0d000014 4a131c81070358455c5728f20e95452f
  00000014 afcad71368a1f1c96b8696fc77570100`;

const MM2_HEX = `
  0102030405060708 a1a2a3a4a5a6a7a8 01 10 02 00 00000000 0000006c
  0d00003c 00000001 00000001
    00000030 01 01 00 01
      00000028 01 01 0000
        80010007 800e0080 80020002 80030001 8004000e 800b0001 000c0004 00015180
  00000014 4a131c81070358455c5728f20e95452f`;

const MM3_HEX = `
  0102030405060708 a1a2a3a4a5a6a7a8 04 10 02 00 00000000 0000006c
  0a00000c 1111111111111111
  14000014 22222222222222222222222222222222
  14000018 3333333333333333333333333333333333333333
  00000018 4444444444444444444444444444444444444444`;

const QM1_CHAIN_HEX = `
  01000018 5555555555555555555555555555555555555555
  0a000034 00000001 00000001
    00000028 01 03 04 01 c0ffee01
      0000001c 01 0c 0000 80010001 80020e10 80040001 80050002 80060080
  05000014 66666666666666666666666666666666
  05000010 04 00 0000 0a010000 ffff0000
  00000010 04 00 0000 0a020000 ffff0000`;

function expectDecodeError(f: () => unknown, code: DecodeErrorCode, offset?: number): DecodeError {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DecodeError);
  const d = err as DecodeError;
  expect(d.code).toBe(code);
  expect(d.notify).toBe(ERROR_NOTIFY[code]);
  expect(d.notifyValue).toBe(NOTIFY_TYPES.valueOf(ERROR_NOTIFY[code]));
  if (offset !== undefined) expect(d.offset).toBe(offset);
  return d;
}

function roundTrip(m: Message): Uint8Array {
  const bytes = encodeMessage(m);
  const back = decodeMessage(bytes);
  expect(back).toEqual(m);
  expect(toHex(encodeMessage(back))).toBe(toHex(bytes));
  return bytes;
}

function patched(bytes: Uint8Array, at: number, ...values: number[]): Uint8Array {
  const b = bytes.slice();
  values.forEach((v, i) => (b[at + i] = v));
  return b;
}

describe('exact layouts (RFC 2408 §3, hand-computed)', () => {
  it('MM1: SA (1 proposal, 1 transform, 7 attributes) + 2 VIDs', () => {
    expect(toHex(encodeMessage(mm1()))).toBe(toHex(hex(MM1_HEX)));
    expect(decodeMessage(hex(MM1_HEX))).toEqual(mm1());
  });
  it('MM2: responder cookie, chosen SA, one VID', () => {
    expect(toHex(encodeMessage(mm2()))).toBe(toHex(hex(MM2_HEX)));
    expect(decodeMessage(hex(MM2_HEX))).toEqual(mm2());
  });
  it('MM3: KE, NONCE, two NAT-D (RFC 3947 number 20)', () => {
    expect(toHex(encodeMessage(mm3()))).toBe(toHex(hex(MM3_HEX)));
    expect(decodeMessage(hex(MM3_HEX))).toEqual(mm3());
  });
  it('QM1 decrypted chain: HASH(1), SA (ESP, SPI, TV life duration), Ni, IDci, IDcr', () => {
    const chain = encodePayloads(qm1Payloads());
    expect(toHex(chain)).toBe(toHex(hex(QM1_CHAIN_HEX)));
    expect(decodePayloads(chain, 8)).toEqual({ payloads: qm1Payloads(), padding: new Uint8Array(0) });
  });
  it('the life duration attribute reads back as a number', () => {
    const sa = mm1().payloads[0];
    if (sa?.type !== 'SA') throw new Error('SA expected');
    const attrs = sa.proposals[0]!.transforms[0]!.attributes;
    expect(attrs.map(attrValue)).toEqual([7, 128, 2, 1, 14, 1, 86400]);
  });
});

describe('encrypted messages', () => {
  const plain = encodePayloads(qm1Payloads());
  const body = concatBytes(plain, new Uint8Array(16 - (plain.length % 16) || 16)); // "ciphertext" stand-in
  const msg = { header: QM_HEADER, nextPayload: 8, body };
  it('decodeMessage returns the header and the body bytes when E is set', () => {
    const bytes = encodeMessage(msg);
    expect(toHex(bytes.subarray(0, HEADER_LENGTH))).toBe(
      toHex(hex(`0102030405060708 a1a2a3a4a5a6a7a8 08 10 20 01 11223344 ${(HEADER_LENGTH + body.length).toString(16).padStart(8, '0')}`)),
    );
    const back = decodeMessage(bytes);
    expect(isEncrypted(back)).toBe(true);
    expect(back).toEqual(msg);
    expect(toHex(encodeMessage(back))).toBe(toHex(bytes));
  });
  it('a decrypted chain with strongSwan zero padding decodes and re-encodes', () => {
    const padded = concatBytes(plain, new Uint8Array(12));
    const d = decodePayloads(padded, 8);
    expect(d.payloads).toEqual(qm1Payloads());
    expect(d.padding.length).toBe(12);
    expect(toHex(encodePayloads(d.payloads, d.padding))).toBe(toHex(padded));
  });
  it('RFC 2409 §5.3 padding (last byte = count) is accepted, other bytes are not', () => {
    expect(decodePayloads(concatBytes(plain, hex('00000003')), 8).padding).toEqual(hex('00000003'));
    expectDecodeError(() => decodePayloads(concatBytes(plain, hex('00010000')), 8), 'bad-padding', plain.length + 1);
    expectDecodeError(() => decodePayloads(concatBytes(plain, hex('00000007')), 8), 'bad-padding', plain.length + 3);
    expectDecodeError(() => decodePayloads(concatBytes(plain, hex('0000')), 8, { allowPadding: false }), 'bad-length', plain.length);
  });
  it('plaintext payloads with the E flag, or a body without it, are refused by the encoder', () => {
    expect(() => encodeMessage({ header: QM_HEADER, payloads: [] })).toThrow(RangeError);
    expect(() => encodeMessage({ header: { ...QM_HEADER, flags: 0 }, nextPayload: 8, body })).toThrow(RangeError);
  });
});

const P1_SA: Payload = mm1().payloads[0]!;

/** One sample (or more) of every payload type. */
const SAMPLES: Payload[] = [
  P1_SA,
  qm1Payloads()[1]!,
  {
    type: 'SA',
    doi: 1,
    situation: 1,
    proposals: [
      // AH + ESP AND-ed (same proposal number), then an IPCOMP alternative
      { number: 1, protocol: 2, spi: hex('00000101'), transforms: [{ number: 1, transformId: 3, attributes: [tv(5, 2)] }] },
      {
        number: 1,
        protocol: 3,
        spi: hex('00000102'),
        transforms: [
          { number: 1, transformId: 12, attributes: [tv(6, 256), tv(5, 5), tlv(2, hex('00015180'))] },
          { number: 2, transformId: 3, attributes: [tv(5, 1)] },
        ],
      },
      { number: 2, protocol: 4, spi: hex('1234'), transforms: [{ number: 1, transformId: 2, attributes: [] }] },
    ],
  },
  { type: 'KE', data: new Uint8Array(256).fill(0xab) },
  idIpv4('10.99.0.1'),
  idIpv4('10.99.0.1', 17, 500),
  idString('fqdn', 'vpn.example.com'),
  idString('user-fqdn', 'alice@example.com'),
  idString('key-id', 'group1'),
  { type: 'ID', idType: 4, protocol: 6, port: 80, data: hex('0a000000ffffff00') },
  { type: 'ID', idType: 5, protocol: 0, port: 0, data: hex('20010db8000000000000000000000001') },
  { type: 'ID', idType: 6, protocol: 0, port: 0, data: hex('20010db8000000000000000000000000ffffffffffffffff0000000000000000') },
  { type: 'ID', idType: 7, protocol: 0, port: 0, data: hex('0a0000010a0000ff') },
  { type: 'ID', idType: 8, protocol: 0, port: 0, data: hex('20010db800000000000000000000000120010db80000000000000000000000ff') },
  { type: 'ID', idType: 9, protocol: 0, port: 0, data: hex('3011310f300d06035504030c06616c696365') },
  { type: 'ID', idType: 10, protocol: 0, port: 0, data: hex('820b6578616d706c652e636f6d') },
  { type: 'ID', idType: 12, protocol: 0, port: 0, data: hex('0100000c0a000001') },
  { type: 'CERT', encoding: 4, data: hex('308201') },
  { type: 'CR', certType: 4, authority: new Uint8Array(0) },
  { type: 'CR', certType: 4, authority: hex('3011310f300d') },
  { type: 'HASH', data: new Uint8Array(20).fill(1) },
  { type: 'SIG', data: new Uint8Array(128).fill(2) },
  { type: 'NONCE', data: new Uint8Array(32).fill(3) },
  notify('INITIAL_CONTACT', { spi: concatBytes(ICOOKIE, RCOOKIE) }),
  notify('R_U_THERE', { spi: concatBytes(ICOOKIE, RCOOKIE), data: hex('00000001') }),
  notify('RESPONDER_LIFETIME', { protocol: 3, spi: hex('c0ffee01'), data: hex('80010001 80020e10') }),
  notify('NO_PROPOSAL_CHOSEN', { protocol: 0, doi: 0 }),
  { type: 'D', doi: 1, protocol: 1, spiSize: 16, spis: [concatBytes(ICOOKIE, RCOOKIE)] },
  { type: 'D', doi: 1, protocol: 3, spiSize: 4, spis: [hex('c0ffee01'), hex('c0ffee02')] },
  { type: 'VID', data: hex('afcad71368a1f1c96b8696fc77570100') },
  { type: 'ATTR', cfgType: 1, identifier: 0x1234, attributes: [tv(16520, 0), tlv(16521, new Uint8Array(0)), tlv(16522, new Uint8Array(0))] },
  { type: 'ATTR', cfgType: 2, identifier: 0x1234, attributes: [tlv(16521, new TextEncoder().encode('alice')), tlv(16522, new TextEncoder().encode('pw'))] },
  { type: 'ATTR', cfgType: 3, identifier: 7, attributes: [tv(16527, 1)] },
  { type: 'ATTR', cfgType: 4, identifier: 7, attributes: [] },
  // strongSwan's XAUTH ACK: XAUTH-STATUS acknowledged as a TLV of length 0 (seen in the interop lab)
  { type: 'ATTR', cfgType: 4, identifier: 14993, attributes: [tlv(16527, new Uint8Array(0))] },
  { type: 'ATTR', cfgType: 2, identifier: 9, attributes: [tlv(1, hex('0a0a0001')), tlv(3, hex('08080808')), tlv(28676, hex('0a010000ffff0000 0000 000000'))] },
  { type: 'NAT-D', data: new Uint8Array(20).fill(4) },
  { type: 'NAT-D-DRAFT', data: new Uint8Array(16).fill(5) },
  { type: 'NAT-OA', idType: 1, address: hex('c0a80001') },
  { type: 'NAT-OA', idType: 5, address: hex('20010db8000000000000000000000001') },
  { type: 'NAT-OA-DRAFT', idType: 1, address: hex('c0a80001') },
  { type: 'FRAG', fragmentId: 1, number: 1, flags: 0, data: new Uint8Array(500).fill(6) },
  { type: 'FRAG', fragmentId: 1, number: 2, flags: 1, data: new Uint8Array(100).fill(7) },
];

describe('round trips of every payload type', () => {
  const types = new Set(SAMPLES.map((p) => p.type));
  it('covers all 17 payload codecs', () => {
    expect([...types].sort()).toEqual(
      ['ATTR', 'CERT', 'CR', 'D', 'FRAG', 'HASH', 'ID', 'KE', 'N', 'NAT-D', 'NAT-D-DRAFT', 'NAT-OA', 'NAT-OA-DRAFT', 'NONCE', 'SA', 'SIG', 'VID'].sort(),
    );
  });
  it.each(SAMPLES.map((p, i) => [i, p.type, p] as const))('#%i %s alone in a message', (_i, _t, p) => {
    verifyPayload(p);
    roundTrip({ header: { icookie: ICOOKIE, rcookie: RCOOKIE, exchangeType: 5, flags: 0, messageId: 0xdeadbeef }, payloads: [p] });
  });
  it('all samples chained in one message (flags C and A)', () => {
    roundTrip({ header: { icookie: ICOOKIE, rcookie: RCOOKIE, exchangeType: 6, flags: 6, messageId: 1 }, payloads: SAMPLES });
  });
  it('payload numbers on the wire: draft NAT-D 130, NAT-OA 131, RFC NAT-OA 21, FRAG 132, ATTR 14', () => {
    const first = (p: Payload): number => encodeMessage({ header: mm1().header, payloads: [p] })[16]!;
    expect(first({ type: 'NAT-D-DRAFT', data: hex('00') })).toBe(130);
    expect(first({ type: 'NAT-OA-DRAFT', idType: 1, address: hex('01020304') })).toBe(131);
    expect(first({ type: 'NAT-OA', idType: 1, address: hex('01020304') })).toBe(21);
    expect(first({ type: 'FRAG', fragmentId: 1, number: 1, flags: 1, data: hex('00') })).toBe(132);
    expect(first({ type: 'ATTR', cfgType: 1, identifier: 0, attributes: [] })).toBe(14);
  });
  it('a message without payloads', () => {
    const bytes = roundTrip({ header: mm1().header, payloads: [] });
    expect(bytes.length).toBe(28);
  });
});

describe('decode errors: code, offset, notify', () => {
  const MM1 = hex(MM1_HEX);
  it.each([
    ['header truncated', MM1.slice(0, 20), 'truncated', 20],
    ['zero initiator cookie', patched(MM1, 0, 0, 0, 0, 0, 0, 0, 0, 0), 'bad-cookie', 0],
    ['major version 2', patched(MM1, 17, 0x20), 'bad-version', 17],
    ['minor version 1', patched(MM1, 17, 0x11), 'bad-minor-version', 17],
    ['exchange type 7', patched(MM1, 18, 7), 'bad-exchange', 18],
    ['exchange type 0', patched(MM1, 18, 0), 'bad-exchange', 18],
    ['undefined flag bit', patched(MM1, 19, 8), 'bad-flags', 19],
    ['header length + 1', patched(MM1, 27, 0x81), 'bad-message-length', 24],
    ['datagram longer than header length', concatBytes(MM1, hex('00')), 'bad-message-length', 24],
    ['header next payload 99', patched(MM1, 16, 99), 'bad-next-payload', 16],
    ['header next payload P (2) at top level', patched(MM1, 16, 2), 'bad-next-payload', 16],
    ['header next payload GDOI SAK (15)', patched(MM1, 16, 15), 'bad-next-payload', 16],
    ['SA next payload 99', patched(MM1, 28, 99), 'bad-next-payload', 28],
    ['SA RESERVED', patched(MM1, 29, 1), 'bad-reserved', 29],
    ['SA length 3', patched(MM1, 30, 0, 3), 'bad-length', 30],
    ['SA length past the end', patched(MM1, 30, 0xff, 0xff), 'bad-length', 30],
    ['DOI 2', patched(MM1, 35, 2), 'bad-doi', 32],
    ['situation SIT_SECRECY', patched(MM1, 39, 2), 'bad-situation', 36],
    ['proposal next payload 5', patched(MM1, 40, 5), 'bad-proposal', 40],
    ['# of transforms 2', patched(MM1, 47, 2), 'bad-proposal', 47],
    ['transform next payload 5', patched(MM1, 48, 5), 'bad-proposal', 48],
    ['transform RESERVED2', patched(MM1, 54, 1), 'bad-reserved', 54],
    ['transform length 3', patched(MM1, 50, 0, 3), 'bad-length', 50],
    ['TLV attribute overruns', patched(MM1, 83, 5), 'bad-attribute', 82],
    ['proposal protocol 9', patched(MM1, 45, 9), 'bad-protocol', 28],
    ['ISAKMP transform ID 2', patched(MM1, 53, 2), 'bad-transform', 28],
    ['last VID one byte short', patched(MM1, 111, 0x13), 'bad-length', 127],
    ['last payload announces another', patched(MM1, 108, 13), 'truncated', 128],
  ] as const)('%s', (_name, bytes, code, offset) => {
    const e = expectDecodeError(() => decodeMessage(bytes), code, offset);
    expect(e.offset).toBeLessThanOrEqual(bytes.length);
  });

  const msg = (p: Payload): Uint8Array => encodeMessage({ header: mm1().header, payloads: [p] });
  it.each([
    ['basic attribute sent as TLV', { type: 'SA', doi: 1, situation: 1, proposals: [{ number: 1, protocol: 1, spi: new Uint8Array(0), transforms: [{ number: 1, transformId: 1, attributes: [tlv(1, hex('0007'))] }] }] }, 'bad-attribute'],
    ['ESP SPI of 3 bytes', { type: 'SA', doi: 1, situation: 1, proposals: [{ number: 1, protocol: 3, spi: hex('010203'), transforms: [{ number: 1, transformId: 12, attributes: [] }] }] }, 'bad-spi'],
    ['proposal numbers decrease', { type: 'SA', doi: 1, situation: 1, proposals: [{ number: 2, protocol: 3, spi: hex('01020304'), transforms: [{ number: 1, transformId: 12, attributes: [] }] }, { number: 1, protocol: 3, spi: hex('01020304'), transforms: [{ number: 1, transformId: 3, attributes: [] }] }] }, 'bad-proposal'],
    ['transform number twice', { type: 'SA', doi: 1, situation: 1, proposals: [{ number: 1, protocol: 3, spi: hex('01020304'), transforms: [{ number: 1, transformId: 12, attributes: [] }, { number: 1, transformId: 3, attributes: [] }] }] }, 'bad-proposal'],
    ['ESP transform ID 0', { type: 'SA', doi: 1, situation: 1, proposals: [{ number: 1, protocol: 3, spi: hex('01020304'), transforms: [{ number: 1, transformId: 0, attributes: [] }] }] }, 'bad-transform'],
    ['IPsec basic attribute as TLV', { type: 'SA', doi: 1, situation: 1, proposals: [{ number: 1, protocol: 3, spi: hex('01020304'), transforms: [{ number: 1, transformId: 12, attributes: [tlv(4, hex('0001'))] }] }] }, 'bad-attribute'],
    ['nonce of 4 bytes', { type: 'NONCE', data: hex('01020304') }, 'bad-payload'],
    ['nonce of 257 bytes', { type: 'NONCE', data: new Uint8Array(257) }, 'bad-payload'],
    ['empty KE', { type: 'KE', data: new Uint8Array(0) }, 'bad-payload'],
    ['ID_IPV4_ADDR of 3 bytes', { type: 'ID', idType: 1, protocol: 0, port: 0, data: hex('010203') }, 'bad-id'],
    ['ID type 13', { type: 'ID', idType: 13, protocol: 0, port: 0, data: hex('01') }, 'bad-id'],
    ['ID port without protocol', { type: 'ID', idType: 1, protocol: 0, port: 500, data: hex('01020304') }, 'bad-id'],
    ['ID range start > end', { type: 'ID', idType: 7, protocol: 0, port: 0, data: hex('0a0000ff0a000001') }, 'bad-id'],
    ['empty FQDN', { type: 'ID', idType: 2, protocol: 0, port: 0, data: new Uint8Array(0) }, 'bad-id'],
    ['cert encoding 99', { type: 'CERT', encoding: 99, data: hex('01') }, 'bad-cert-encoding'],
    ['CR type 0', { type: 'CR', certType: 0, authority: new Uint8Array(0) }, 'bad-cert-encoding'],
    ['notify ESP with a 16-byte SPI', notify('INVALID_SPI', { protocol: 3, spi: new Uint8Array(16) }), 'bad-spi'],
    ['notify protocol 7', notify('INVALID_SPI', { protocol: 7 }), 'bad-protocol'],
    ['notify DOI 3', notify('INITIAL_CONTACT', { doi: 3 }), 'bad-doi'],
    ['delete ISAKMP with 4-byte SPIs', { type: 'D', doi: 1, protocol: 1, spiSize: 4, spis: [hex('01020304')] }, 'bad-spi'],
    ['delete without SPIs', { type: 'D', doi: 1, protocol: 3, spiSize: 4, spis: [] }, 'bad-payload'],
    ['delete protocol 0', { type: 'D', doi: 1, protocol: 0, spiSize: 4, spis: [hex('01020304')] }, 'bad-protocol'],
    ['cfg type 9', { type: 'ATTR', cfgType: 9, identifier: 0, attributes: [] }, 'bad-payload'],
    ['XAUTH_STATUS as TLV', { type: 'ATTR', cfgType: 3, identifier: 0, attributes: [tlv(16527, hex('0001'))] }, 'bad-attribute'],
    ['XAUTH_STATUS as TLV with a value in an ACK', { type: 'ATTR', cfgType: 4, identifier: 0, attributes: [tlv(16527, hex('0001'))] }, 'bad-attribute'],
    ['NAT-OA IPv4 with 16 bytes', { type: 'NAT-OA', idType: 1, address: new Uint8Array(16) }, 'bad-payload'],
    ['NAT-OA FQDN', { type: 'NAT-OA', idType: 2, address: hex('61') }, 'bad-payload'],
    ['fragment number 0', { type: 'FRAG', fragmentId: 1, number: 0, flags: 0, data: hex('00') }, 'bad-payload'],
    ['fragment flag 2', { type: 'FRAG', fragmentId: 1, number: 1, flags: 2, data: hex('00') }, 'bad-payload'],
  ] as [string, Payload, DecodeErrorCode][])('verify: %s', (_name, p, code) => {
    expectDecodeError(() => decodeMessage(msg(p)), code, HEADER_LENGTH);
    expect(() => verifyPayload(p)).toThrow(DecodeError);
    // structure alone is fine: without verify() it decodes and re-encodes
    const bytes = msg(p);
    expect(toHex(encodeMessage(decodeMessage(bytes, { verify: false })))).toBe(toHex(bytes));
  });

  it('Delete: # of SPIs × SPI size larger than the payload', () => {
    const bytes = msg({ type: 'D', doi: 1, protocol: 3, spiSize: 4, spis: [hex('01020304')] });
    expectDecodeError(() => decodeMessage(patched(bytes, 38, 0, 2)), 'bad-length', 40);
  });
  it('Notify: SPI size larger than the payload', () => {
    const bytes = msg(notify('INITIAL_CONTACT'));
    expectDecodeError(() => decodeMessage(patched(bytes, 37, 200)), 'truncated', 40);
  });
  it('ATTR RESERVED', () => {
    const bytes = msg({ type: 'ATTR', cfgType: 1, identifier: 0, attributes: [] });
    expectDecodeError(() => decodeMessage(patched(bytes, 33, 1)), 'bad-reserved', 33);
  });
  it('NAT-OA RESERVED', () => {
    const bytes = msg({ type: 'NAT-OA', idType: 1, address: hex('01020304') });
    expectDecodeError(() => decodeMessage(patched(bytes, 35, 1)), 'bad-reserved', 35);
  });
  it('decodePayloads: unknown first payload type points at offset 0', () => {
    expectDecodeError(() => decodePayloads(hex('00000004'), 200), 'bad-next-payload', 0);
  });
  it('the header of a message is left alone: rcookie may be zero, msg ID any', () => {
    const m: Message = { header: { icookie: ICOOKIE, rcookie: ZERO_COOKIE, exchangeType: 4, flags: 0, messageId: 0xffffffff }, payloads: [P1_SA] };
    roundTrip(m);
  });
  it('DecodeError is an Error with a readable message', () => {
    const e = expectDecodeError(() => decodeMessage(patched(MM1, 17, 0x20)), 'bad-version', 17);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DecodeError');
    expect(e.message).toMatch(/bad-version at offset 17.*INVALID_MAJOR_VERSION/);
    expect(e.notifyValue).toBe(5);
  });
});

describe('encoder guards (programming errors are RangeErrors, not DecodeErrors)', () => {
  it('a cookie of 7 bytes', () => {
    expect(() => encodeMessage({ header: { ...mm1().header, icookie: new Uint8Array(7) }, payloads: [] })).toThrow(RangeError);
  });
  it('a TV attribute value above 16 bits', () => {
    expect(() => encodePayloads([{ type: 'ATTR', cfgType: 1, identifier: 0, attributes: [tv(1, 70000)] }])).toThrow(RangeError);
  });
  it('a Delete SPI of the wrong size', () => {
    expect(() => encodePayloads([{ type: 'D', doi: 1, protocol: 3, spiSize: 4, spis: [hex('01')] }])).toThrow(RangeError);
  });
  it('the encrypted flag constant', () => {
    expect(FLAG_ENCRYPTION).toBe(1);
  });
});
