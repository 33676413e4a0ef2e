/**
 * Data attributes, RFC 2408 §3.3 — used by Transform payloads (SA attributes) and by the
 * Mode-Config / XAUTH attribute payload.
 *
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !A!       Attribute Type        !    AF=0  Attribute Length     !
 * !F!                             !    AF=1  Attribute Value      !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                   AF=0  Attribute Value                       .
 * .                   AF=1  Not Transmitted                       .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * AF = 1: TV ("basic", the value is the 16-bit second half); AF = 0: TLV ("variable").
 */
import type { AttributeClass, Registry } from '../../analyzer/model/registries.js';
import { bytesToBigInt } from '../crypto/bytes.js';
import { fail } from './errors.js';
import { Reader as ReaderImpl, Writer as WriterImpl, type Reader, type Writer } from './table.js';

/** TV (basic, AF=1) or TLV (variable, AF=0) attribute. `type` is the 15-bit attribute type. */
export type Attribute =
  | { readonly format: 'tv'; readonly type: number; readonly value: number }
  | { readonly format: 'tlv'; readonly type: number; readonly data: Uint8Array };

export const tv = (type: number, value: number): Attribute => ({ format: 'tv', type, value });
export const tlv = (type: number, data: Uint8Array): Attribute => ({ format: 'tlv', type, data });

/**
 * A variable-class value (life duration) written the way strongSwan and Cisco do: TV when it
 * fits 16 bits, else TLV with the shortest big-endian length (at least 4 bytes for durations).
 */
export function attrNumber(type: number, value: number, minTlvLength = 4): Attribute {
  if (value <= 0xffff) return tv(type, value);
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const n = Math.max(minTlvLength, hex.length / 2);
  const data = new Uint8Array(n);
  for (let i = 0; i < hex.length / 2; i++) data[n - hex.length / 2 + i] = parseInt(hex.substr(i * 2, 2), 16);
  return tlv(type, data);
}

/** The numeric value of an attribute (TV value, or TLV data read big-endian); bigint past 2^53. */
export function attrValue(a: Attribute): number | bigint {
  if (a.format === 'tv') return a.value;
  const v = bytesToBigInt(a.data);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

export function decodeAttributes(r: Reader): Attribute[] {
  const out: Attribute[] = [];
  while (r.remaining > 0) {
    const at = r.pos;
    if (r.remaining < 4) fail('bad-attribute', at, `attribute header needs 4 bytes, ${r.remaining} left`);
    const t = r.u16('attribute type');
    const type = t & 0x7fff;
    if (t & 0x8000) {
      out.push({ format: 'tv', type, value: r.u16('attribute value') });
    } else {
      const len = r.u16('attribute length');
      if (len > r.remaining) fail('bad-attribute', at + 2, `attribute ${type}: length ${len} overruns by ${len - r.remaining}`);
      out.push({ format: 'tlv', type, data: r.bytes(len, 'attribute value') });
    }
  }
  return out;
}

export function encodeAttributes(attrs: readonly Attribute[], w: Writer): void {
  for (const a of attrs) {
    if (!Number.isInteger(a.type) || a.type < 0 || a.type > 0x7fff) throw new RangeError(`attribute type ${a.type} does not fit 15 bits`);
    if (a.format === 'tv') {
      w.u16(0x8000 | a.type);
      w.u16(a.value);
    } else {
      w.u16(a.type);
      w.u16(a.data.length);
      w.bytes(a.data);
    }
  }
}

/**
 * Format-bit rule (RFC 2409 Appendix A, RFC 2407 §4.5): a class marked B (basic) must be sent
 * TV; a class marked V may be TV or TLV (a short life duration is commonly sent TV). Unknown
 * classes are left to the negotiation (ATTRIBUTES-NOT-SUPPORTED is its answer, not the codec's).
 */
export function verifyAttributeFormats(attrs: readonly Attribute[], classes: Registry<string, AttributeClass>, offset: number, where: string): void {
  for (const a of attrs) {
    const cls = classes.byValue(a.type);
    if (cls && cls.format === 'basic' && a.format !== 'tv') {
      fail('bad-attribute', offset, `${where}: ${cls.name} (${a.type}) is a basic attribute but was sent as TLV`);
    }
  }
}

/**
 * Attributes carried as opaque bytes elsewhere, e.g. the Notification Data of
 * RESPONDER-LIFETIME (RFC 2407 §4.6.3.1). Errors are DecodeErrors with offsets into `data`.
 */
export function attributesFromBytes(data: Uint8Array): Attribute[] {
  return decodeAttributes(new ReaderImpl(data, 0, data.length, 'attributes'));
}

export function attributesToBytes(attrs: readonly Attribute[]): Uint8Array {
  const w = new WriterImpl();
  encodeAttributes(attrs, w);
  return w.finish();
}
