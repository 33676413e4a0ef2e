/**
 * The one error type of the codec. Every malformed input ends in a `DecodeError` with a stable
 * `code`, the byte `offset` in the decoded buffer where the problem sits, and the RFC 2408
 * §3.14.1 notify type the receiver should answer with (`notify` = canonical name from
 * analyzer/model/registries.ts, `notifyValue` = the number on the wire).
 */
import { NOTIFY_TYPES, type NotifyName } from '../../analyzer/model/registries.js';

/** Stable error codes and the notify each one answers with. */
export const ERROR_NOTIFY = {
  /** input ends before a field / header is complete */
  truncated: 'PAYLOAD_MALFORMED',
  /** a generic payload / substructure / attribute length is impossible (too small, overruns its parent, leaves bytes) */
  'bad-length': 'PAYLOAD_MALFORMED',
  /** the ISAKMP header length differs from the datagram length */
  'bad-message-length': 'UNEQUAL_PAYLOAD_LENGTHS',
  /** unknown or misplaced payload type in a Next Payload field */
  'bad-next-payload': 'INVALID_PAYLOAD_TYPE',
  /** major version is not 1 */
  'bad-version': 'INVALID_MAJOR_VERSION',
  /** minor version is not 0 */
  'bad-minor-version': 'INVALID_MINOR_VERSION',
  /** exchange type not in the registry (or NONE) */
  'bad-exchange': 'INVALID_EXCHANGE_TYPE',
  /** undefined header flag bits set */
  'bad-flags': 'INVALID_FLAGS',
  /** initiator cookie is zero */
  'bad-cookie': 'INVALID_COOKIE',
  /** a RESERVED field is not zero */
  'bad-reserved': 'PAYLOAD_MALFORMED',
  /** DOI other than IPsec (1) where the structure depends on it; DOI not 0/1 in N/D */
  'bad-doi': 'DOI_NOT_SUPPORTED',
  /** situation with labelled-domain bits (secrecy / integrity) or unknown bits */
  'bad-situation': 'SITUATION_NOT_SUPPORTED',
  /** protocol ID unknown for the payload */
  'bad-protocol': 'INVALID_PROTOCOL_ID',
  /** SPI size wrong for the protocol */
  'bad-spi': 'INVALID_SPI',
  /** proposal/transform numbering, counts or chain structure */
  'bad-proposal': 'BAD_PROPOSAL_SYNTAX',
  /** transform ID not valid for the protocol */
  'bad-transform': 'INVALID_TRANSFORM_ID',
  /** TV/TLV attribute malformed or violating the format-bit rule of its class */
  'bad-attribute': 'PAYLOAD_MALFORMED',
  /** ID payload type / data length / protocol-port rules */
  'bad-id': 'INVALID_ID_INFORMATION',
  /** certificate encoding unknown */
  'bad-cert-encoding': 'INVALID_CERT_ENCODING',
  /** other semantic rule of one payload (nonce size, frag flags, cfg type, NAT-OA address) */
  'bad-payload': 'PAYLOAD_MALFORMED',
  /** trailing bytes after the last payload that are not padding */
  'bad-padding': 'PAYLOAD_MALFORMED',
} as const satisfies Record<string, NotifyName>;

export type DecodeErrorCode = keyof typeof ERROR_NOTIFY;

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly code: DecodeErrorCode;
  /** Byte offset in the decoded buffer (absolute, from the start of the buffer given to the decoder). */
  readonly offset: number;
  /** Canonical name of the notify to answer with. */
  readonly notify: NotifyName;
  /** The notify message type number. */
  readonly notifyValue: number;

  constructor(code: DecodeErrorCode, offset: number, detail: string) {
    const notify = ERROR_NOTIFY[code];
    super(`${code} at offset ${offset}: ${detail} (notify ${notify})`);
    this.code = code;
    this.offset = offset;
    this.notify = notify;
    this.notifyValue = NOTIFY_TYPES.valueOf(notify);
  }
}

export function fail(code: DecodeErrorCode, offset: number, detail: string): never {
  throw new DecodeError(code, offset, detail);
}
