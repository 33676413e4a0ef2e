/**
 * Results of the ESP data plane. Protocol failure is data: every parse, check and
 * decapsulation returns one `EspResult`, either `ok` with a value or one error with a code and
 * the byte offset (into the bytes handed to that function) where the problem was found.
 * Exceptions are left for programming errors (bad keys, bad arguments).
 */

export type EspErrorCode =
  // IPv4 / ICMP / UDP (the minimal inner and outer IP layer)
  | 'truncated'
  | 'ip-version'
  | 'ip-header-length'
  | 'ip-total-length'
  | 'ip-checksum'
  | 'ip-fragment'
  | 'icmp-checksum'
  | 'udp-length'
  | 'udp-checksum'
  | 'not-esp'
  // ESP in UDP (RFC 3948)
  | 'udp-encap-short'
  | 'zero-spi'
  // ESP (RFC 4303)
  | 'invalid-spi'
  | 'replay'
  | 'icv-failure'
  | 'ciphertext-length'
  | 'pad-length'
  | 'padding'
  | 'next-header'
  | 'sequence-overflow'
  | 'sa-expired'
  | 'policy-mismatch'
  | 'no-policy'
  | 'discard';

export interface EspError {
  readonly code: EspErrorCode;
  /** Byte offset in the input of the function that reported it. */
  readonly offset: number;
  readonly message: string;
}

export type EspResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EspError };

export function ok<T>(value: T): EspResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: EspErrorCode, offset: number, message: string): EspResult<T> {
  return { ok: false, error: { code, offset, message } };
}
