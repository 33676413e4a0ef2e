/**
 * ISAKMP header (RFC 2408 §3.1)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Initiator                            !
 * !                            Cookie                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Responder                            !
 * !                            Cookie                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Next Payload ! MjVer ! MnVer ! Exchange Type !     Flags     !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Message ID                           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                            Length                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Version 1.0 only; Flags: E (encryption, bit 0), C (commit, bit 1), A (authentication only,
 * bit 2), the other bits must be zero. Length covers the whole message, header included.
 */
import { EXCHANGE_TYPES } from '../../analyzer/model/registries.js';
import { fail } from './errors.js';
import { Reader, type Table, Writer, decodeTable, encodeTable } from './table.js';

export const HEADER_LENGTH = 28;

export const FLAG_ENCRYPTION = 0x01;
export const FLAG_COMMIT = 0x02;
export const FLAG_AUTH_ONLY = 0x04;
const FLAG_MASK = FLAG_ENCRYPTION | FLAG_COMMIT | FLAG_AUTH_ONLY;

/** Offsets of the header fields (for error offsets and for callers patching a header). */
export const HEADER_OFFSETS = { icookie: 0, rcookie: 8, nextPayload: 16, version: 17, exchangeType: 18, flags: 19, messageId: 20, length: 24 } as const;

/** The header fields a caller chooses; next payload and length follow from the body. */
export interface Header {
  /** 8 bytes, never all zero. */
  readonly icookie: Uint8Array;
  /** 8 bytes; zero in the first message of an exchange. */
  readonly rcookie: Uint8Array;
  /** EXCHANGE_TYPES value (2 main, 4 aggressive, 5 informational, 6 transaction, 32 quick, ...). */
  readonly exchangeType: number;
  /** FLAG_ENCRYPTION | FLAG_COMMIT | FLAG_AUTH_ONLY. */
  readonly flags: number;
  /** 32-bit message ID (0 in phase 1). */
  readonly messageId: number;
}

export interface DecodedHeader extends Header {
  readonly nextPayload: number;
  readonly length: number;
}

/** The header as a field table (version, next payload and length are written by `encodeHeader`). */
export const HEADER_TABLE: Table = {
  name: 'ISAKMP header',
  fields: [
    { name: 'icookie', kind: 'bytes', size: 8 },
    { name: 'rcookie', kind: 'bytes', size: 8 },
    { name: 'nextPayload', kind: 'u8' },
    { name: 'version', kind: 'u8' },
    { name: 'exchangeType', kind: 'u8' },
    { name: 'flags', kind: 'u8' },
    { name: 'messageId', kind: 'u32' },
    { name: 'length', kind: 'u32' },
  ],
};

/**
 * Decodes and checks the header of `bytes` (a whole datagram, without the non-ESP marker of
 * port 4500). The header length must equal `bytes.length`.
 */
export function decodeHeader(bytes: Uint8Array): DecodedHeader {
  if (bytes.length < HEADER_LENGTH) fail('truncated', bytes.length, `ISAKMP header needs ${HEADER_LENGTH} bytes, got ${bytes.length}`);
  const f = decodeTable(HEADER_TABLE, new Reader(bytes, 0, HEADER_LENGTH, 'ISAKMP header'));
  const icookie = f.icookie as Uint8Array;
  if (icookie.every((b) => b === 0)) fail('bad-cookie', HEADER_OFFSETS.icookie, 'initiator cookie is zero');
  const version = f.version as number;
  if (version >> 4 !== 1) fail('bad-version', HEADER_OFFSETS.version, `major version ${version >> 4}`);
  if ((version & 0x0f) !== 0) fail('bad-minor-version', HEADER_OFFSETS.version, `minor version ${version & 0x0f}`);
  const exchangeType = f.exchangeType as number;
  if (exchangeType === 0 || !EXCHANGE_TYPES.byValue(exchangeType)) fail('bad-exchange', HEADER_OFFSETS.exchangeType, `exchange type ${exchangeType}`);
  const flags = f.flags as number;
  if ((flags & ~FLAG_MASK) !== 0) fail('bad-flags', HEADER_OFFSETS.flags, `flags 0x${flags.toString(16)}`);
  const length = f.length as number;
  if (length !== bytes.length) fail('bad-message-length', HEADER_OFFSETS.length, `header length ${length}, datagram ${bytes.length} bytes`);
  return { icookie, rcookie: f.rcookie as Uint8Array, nextPayload: f.nextPayload as number, exchangeType, flags, messageId: f.messageId as number, length };
}

export function encodeHeader(h: Header, nextPayload: number, length: number): Uint8Array {
  return encodeTable(HEADER_TABLE, { ...h, nextPayload, version: 0x10, length }, new Writer()).finish();
}
