/** The generic field-table engine on its own: every field kind, both directions, and its errors. */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../crypto/bytes.js';
import { tlv, tv } from './attributes.js';
import { DecodeError } from './errors.js';
import { idText } from './payloads/id.js';
import { decodeTable, encodeTable, Reader, type Table, Writer } from './table.js';

const ITEM: Table = { name: 'Item', fields: [{ name: 'x', kind: 'u8' }] };
const ALL: Table = {
  name: 'All',
  fields: [
    { name: 'a', kind: 'u8', allowed: [1, 2], code: 'bad-doi' },
    { name: 'b', kind: 'u16' },
    { name: 'c', kind: 'u32' },
    { name: 'd', kind: 'u64' },
    { name: 'r', kind: 'reserved', size: 2 },
    { name: 'e', kind: 'bytes', size: 3 },
    { name: 'len', kind: 'len8', of: 'f' },
    { name: 'n', kind: 'count8', of: 'items', code: 'bad-proposal' },
    { name: 'size', kind: 'u8' },
    { name: 'count', kind: 'count16', of: 'g', code: 'bad-payload' },
    { name: 'f', kind: 'sized', by: 'len' },
    { name: 'g', kind: 'array', count: 'count', size: 'size' },
    { name: 'items', kind: 'chain', item: ITEM, itemType: 7, code: 'bad-proposal' },
  ],
};
const VALUE = { a: 2, b: 0xbeef, c: 0xfeedface, d: 0x0102030405060708n, e: fromHex('aabbcc'), f: fromHex('0102'), size: 2, g: [fromHex('1111'), fromHex('2222')], items: [{ x: 9 }, { x: 10 }] };
const HEX = '02' + 'beef' + 'feedface' + '0102030405060708' + '0000' + 'aabbcc' + '02' + '02' + '02' + '0002' + '0102' + '11112222' + '07000005' + '09' + '00000005' + '0a';

const decode = (t: Table, b: Uint8Array): Record<string, unknown> => decodeTable(t, new Reader(b, 0, b.length, t.name));

describe('field tables', () => {
  it('encodes every field kind big-endian, derived lengths and counts included', () => {
    expect(toHex(encodeTable(ALL, VALUE, new Writer()).finish())).toBe(HEX);
  });
  it('decodes them back (derived and reserved fields are not in the value)', () => {
    expect(decode(ALL, fromHex(HEX))).toEqual(VALUE);
  });
  it.each([
    ['value not allowed', '03' + HEX.slice(2), 'bad-doi', 0],
    ['reserved not zero', HEX.slice(0, 30) + '0001' + HEX.slice(34), 'bad-reserved', 16],
    ['count8 differs from the chain', HEX.slice(0, 42) + '03' + HEX.slice(44), 'bad-proposal', 21],
    ['bytes left over', HEX + '00', 'bad-length', HEX.length / 2],
    ['truncated', HEX.slice(0, 20), 'truncated', 7],
  ])('%s', (_n, hex, code, offset) => {
    try {
      decode(ALL, fromHex(hex));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError);
      expect((e as DecodeError).code).toBe(code);
      expect((e as DecodeError).offset).toBe(offset);
    }
  });
  it('attributes: TV and TLV, AF bit, zero-length TLV', () => {
    const t: Table = { name: 'A', fields: [{ name: 'attrs', kind: 'attributes' }] };
    const v = { attrs: [tv(1, 7), tlv(12, fromHex('00015180')), tlv(16521, new Uint8Array(0))] };
    const b = encodeTable(t, v, new Writer()).finish();
    expect(toHex(b)).toBe('80010007' + '000c000400015180' + '40890000');
    expect(decode(t, b)).toEqual(v);
    expect(() => decode(t, fromHex('800100'))).toThrow(DecodeError);
  });
});

describe('idText', () => {
  it.each([
    [1, '0a000001', '10.0.0.1'],
    [4, '0a010000ffff0000', '10.1.0.0/255.255.0.0'],
    [7, '0a0000010a000009', '10.0.0.1-10.0.0.9'],
    [5, '20010db8000000000000000000000001', '2001:db8::1'],
    [2, '76706e2e6578616d706c652e636f6d', 'vpn.example.com'],
    [9, '3000', '3000'],
  ])('type %i', (idType, hex, text) => {
    expect(idText({ type: 'ID', idType, protocol: 0, port: 0, data: fromHex(hex) })).toBe(text);
  });
});

describe('attributes as bytes (RESPONDER-LIFETIME data)', () => {
  it('round trip and errors', async () => {
    const { attributesFromBytes, attributesToBytes, attrValue } = await import('./attributes.js');
    const data = fromHex('80010001 0002 0004 00015180');
    const attrs = attributesFromBytes(data);
    expect(attrs.map(attrValue)).toEqual([1, 86400]);
    expect(toHex(attributesToBytes(attrs))).toBe(toHex(data));
    expect(() => attributesFromBytes(fromHex('00020008 0001'))).toThrow(DecodeError);
  });
});
