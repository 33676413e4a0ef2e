/**
 * Message level: the ISAKMP header plus the payload chain (RFC 2408 §3.1, §3.2).
 *
 * - `decodeMessage(bytes)`: header checks, then either the payload chain (E flag clear) or the
 *   encrypted body bytes (E flag set) for the caller to decrypt.
 * - `decodePayloads(plaintext, firstPayload)`: the decrypted chain, with the first payload type
 *   from the header; trailing padding after the last payload is allowed (RFC 2409 §5.3; strongSwan
 *   pads with zeros) and returned so that the chain re-encodes byte for byte.
 * - Chain rules: each generic header's length ≥ 4 and inside the message; RESERVED zero; the
 *   Next Payload of the last payload is 0 and nothing follows it (except padding when decrypted);
 *   an unknown payload type is INVALID-PAYLOAD-TYPE (IKEv1 has no critical bit).
 */
import { PAYLOAD_TYPES } from '../../analyzer/model/registries.js';
import { fail } from './errors.js';
import { decodeHeader, encodeHeader, FLAG_ENCRYPTION, HEADER_LENGTH, HEADER_OFFSETS, type Header } from './header.js';
import { CODECS_BY_VALUE, codecFor, type Payload } from './payloads/index.js';
import { decodeTable, encodeTable, Reader, Writer } from './table.js';

/** A plaintext message (E flag clear). */
export interface Message {
  readonly header: Header;
  readonly payloads: readonly Payload[];
}

/** An encrypted message as received: the header and the ciphertext after it. */
export interface EncryptedMessage {
  readonly header: Header;
  /** The header's Next Payload: the type of the first payload inside the ciphertext. */
  readonly nextPayload: number;
  readonly body: Uint8Array;
}

export type AnyMessage = Message | EncryptedMessage;

export function isEncrypted(m: AnyMessage): m is EncryptedMessage {
  return 'body' in m;
}

export interface DecodeOptions {
  /** Run each payload's verify() (default true). */
  readonly verify?: boolean;
}

export interface PayloadChain {
  readonly payloads: Payload[];
  /** Bytes after the last payload (decrypted chains only): padding, all zero but maybe the last byte. */
  readonly padding: Uint8Array;
}

/** Decodes a whole datagram. Throws DecodeError on anything malformed. */
export function decodeMessage(bytes: Uint8Array, opts: DecodeOptions = {}): AnyMessage {
  const h = decodeHeader(bytes);
  const header: Header = { icookie: h.icookie, rcookie: h.rcookie, exchangeType: h.exchangeType, flags: h.flags, messageId: h.messageId };
  if (h.flags & FLAG_ENCRYPTION) {
    return { header, nextPayload: h.nextPayload, body: bytes.slice(HEADER_LENGTH) };
  }
  const chain = walkChain(bytes, HEADER_LENGTH, bytes.length, h.nextPayload, HEADER_OFFSETS.nextPayload, false, opts.verify ?? true);
  return { header, payloads: chain.payloads };
}

/**
 * Decodes a payload chain (a decrypted body) whose first payload type is `firstPayload` (the
 * header's Next Payload). Offsets in errors are relative to `bytes`.
 */
export function decodePayloads(bytes: Uint8Array, firstPayload: number, opts: DecodeOptions & { readonly allowPadding?: boolean } = {}): PayloadChain {
  return walkChain(bytes, 0, bytes.length, firstPayload, 0, opts.allowPadding ?? true, opts.verify ?? true);
}

function walkChain(buf: Uint8Array, start: number, end: number, first: number, firstAt: number, allowPadding: boolean, verify: boolean): PayloadChain {
  const payloads: Payload[] = [];
  let type = first;
  let typeAt = firstAt;
  let pos = start;
  while (type !== 0) {
    const c = CODECS_BY_VALUE.get(type);
    if (!c) {
      const name = PAYLOAD_TYPES.nameOf(type);
      fail('bad-next-payload', typeAt, `payload type ${type}${name ? ` (${name})` : ''} is not allowed here`);
    }
    if (end - pos < 4) fail('truncated', pos, `${c.name}: generic payload header needs 4 bytes, ${end - pos} left`);
    const next = buf[pos]!;
    if (buf[pos + 1] !== 0) fail('bad-reserved', pos + 1, `${c.name}: RESERVED is not zero`);
    const len = (buf[pos + 2]! << 8) | buf[pos + 3]!;
    if (len < 4) fail('bad-length', pos + 2, `${c.name}: payload length ${len} < 4`);
    if (pos + len > end) fail('bad-length', pos + 2, `${c.name}: payload length ${len} overruns the message by ${pos + len - end}`);
    const body = decodeTable(c.table, new Reader(buf, pos + 4, pos + len, c.name));
    const p = { type: c.name, ...body } as Payload;
    if (verify) c.verify(p, pos);
    payloads.push(p);
    typeAt = pos;
    type = next;
    pos += len;
  }
  const padding = buf.slice(pos, end);
  if (padding.length > 0) {
    if (!allowPadding) fail('bad-length', pos, `${padding.length} bytes after the last payload`);
    checkPadding(padding, pos);
  }
  return { payloads, padding };
}

/**
 * RFC 2409 §5.3: padding bytes are zero except the last, which holds the number of padding
 * bytes before it; strongSwan sends all zeros. Both are accepted.
 */
function checkPadding(p: Uint8Array, at: number): void {
  for (let i = 0; i < p.length - 1; i++) if (p[i] !== 0) fail('bad-padding', at + i, 'non-zero byte in the padding after the last payload');
  const last = p[p.length - 1]!;
  if (last !== 0 && last !== p.length - 1) fail('bad-padding', at + p.length - 1, `padding length byte ${last}, ${p.length - 1} padding bytes precede it`);
}

/** One payload's body (without generic header) through its field table. */
export function encodePayloadBody(p: Payload): Uint8Array {
  return encodeTable(codecFor(p.type).table, p as unknown as Record<string, unknown>, new Writer()).finish();
}

/** Encodes a payload chain; `padding` is appended after the last payload (for encryption). */
export function encodePayloads(payloads: readonly Payload[], padding?: Uint8Array): Uint8Array {
  const w = new Writer();
  payloads.forEach((p, i) => {
    const body = encodePayloadBody(p);
    const next = payloads[i + 1];
    w.u8(next ? codecFor(next.type).value : 0);
    w.u8(0);
    w.u16(body.length + 4);
    w.bytes(body);
  });
  if (padding) w.bytes(padding);
  return w.finish();
}

/** The Next Payload number of the first payload (0 when there are none). */
export function firstPayloadValue(payloads: readonly Payload[]): number {
  const p = payloads[0];
  return p ? codecFor(p.type).value : 0;
}

/** Encodes a message: a plaintext one (E flag clear) or an encrypted one (E flag set, body = ciphertext). */
export function encodeMessage(m: AnyMessage): Uint8Array {
  if (isEncrypted(m)) {
    if (!(m.header.flags & FLAG_ENCRYPTION)) throw new RangeError('encodeMessage: an encrypted body needs the E flag');
    const w = new Writer();
    w.bytes(encodeHeader(m.header, m.nextPayload, HEADER_LENGTH + m.body.length));
    w.bytes(m.body);
    return w.finish();
  }
  if (m.header.flags & FLAG_ENCRYPTION) throw new RangeError('encodeMessage: plaintext payloads with the E flag set; encrypt them and pass { header, nextPayload, body }');
  const body = encodePayloads(m.payloads);
  const w = new Writer();
  w.bytes(encodeHeader(m.header, firstPayloadValue(m.payloads), HEADER_LENGTH + body.length));
  w.bytes(body);
  return w.finish();
}

/** Runs verify() of one payload (for payloads built by hand); throws DecodeError with offset 0. */
export function verifyPayload(p: Payload): void {
  codecFor(p.type).verify(p, 0);
}
