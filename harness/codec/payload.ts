/**
 * What one payload module provides: the wire number and canonical name (from
 * analyzer/model/registries.ts PAYLOAD_TYPES), the field table of the body (what follows the
 * generic payload header of RFC 2408 §3.2) and `verify()` for the semantic rules. The generic
 * payload header itself is read and written by the chain walker in message.ts:
 *
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { PAYLOAD_TYPES, type PayloadName } from '../../analyzer/model/registries.js';
import type { Table } from './table.js';

export interface PayloadCodec<P extends { readonly type: PayloadName }> {
  /** Canonical payload name (PAYLOAD_TYPES). */
  readonly name: P['type'];
  /** Next Payload number on the wire. */
  readonly value: number;
  readonly table: Table;
  /**
   * Semantic checks; throws DecodeError. `offset` is where the payload (its generic header)
   * starts in the decoded buffer and is the offset of the error.
   */
  verify(p: P, offset: number): void;
}

export function codec<P extends { readonly type: PayloadName }>(name: P['type'], table: Table, verify: (p: P, offset: number) => void): PayloadCodec<P> {
  return { name, value: PAYLOAD_TYPES.valueOf(name), table, verify };
}
