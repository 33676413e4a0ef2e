/**
 * Attribute payload of Mode-Config / XAUTH (draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2,
 * draft-beaulieu-ike-xauth-02), payload type 14
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !     Type      !   RESERVED    !           Identifier          !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                           Attributes                          ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Type: CFG_MESSAGE_TYPES (REQUEST 1, REPLY 2, SET 3, ACK 4); attributes: CFG_ATTRIBUTES,
 * TV/TLV as in RFC 2408 §3.3.
 */
import { CFG_ATTRIBUTES, CFG_MESSAGE_TYPES } from '../../../analyzer/model/registries.js';
import type { Attribute } from '../attributes.js';
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

export interface AttrPayload {
  readonly type: 'ATTR';
  readonly cfgType: number;
  readonly identifier: number;
  readonly attributes: readonly Attribute[];
}

export const attrTable: Table = {
  name: 'ATTR',
  fields: [
    { name: 'cfgType', kind: 'u8' },
    { name: 'reserved', kind: 'reserved', size: 1 },
    { name: 'identifier', kind: 'u16' },
    { name: 'attributes', kind: 'attributes' },
  ],
};

/** XAUTH-TYPE and XAUTH-STATUS are basic (TV) attributes (draft-beaulieu-ike-xauth-02 §6.1). */
const BASIC_CFG = new Set([CFG_ATTRIBUTES.valueOf('XAUTH_TYPE'), CFG_ATTRIBUTES.valueOf('XAUTH_STATUS')]);

export const attrCodec = codec<AttrPayload>('ATTR', attrTable, (p, at) => {
  if (!CFG_MESSAGE_TYPES.byValue(p.cfgType)) fail('bad-payload', at, `attribute payload type ${p.cfgType}`);
  for (const a of p.attributes) {
    // an ACK lists the attributes it acknowledges without values (mode-cfg draft: "the attributes
    // ... with zero length"): strongSwan acks XAUTH-STATUS as a TLV of length 0
    const emptyInAck = p.cfgType === CFG_MESSAGE_TYPES.valueOf('ack') && a.format === 'tlv' && a.data.length === 0;
    if (BASIC_CFG.has(a.type) && a.format !== 'tv' && !emptyInAck) fail('bad-attribute', at, `${CFG_ATTRIBUTES.nameOf(a.type)} must be a basic (TV) attribute`);
  }
});
