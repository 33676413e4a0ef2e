/**
 * Security Association payload (RFC 2408 §3.4) with its Proposal (§3.5) and Transform (§3.6)
 * substructures; SA attributes per RFC 2409 Appendix A (ISAKMP) and RFC 2407 §4.5 (AH/ESP/IPCOMP).
 */
import {
  AH_TRANSFORM_IDS,
  ESP_TRANSFORM_IDS,
  IPSEC_ATTRIBUTE_CLASSES,
  ISAKMP_TRANSFORM_IDS,
  P1_ATTRIBUTE_CLASSES,
  PAYLOAD_TYPES,
  PROTOCOL_IDS,
} from '../../../analyzer/model/registries.js';
import { verifyAttributeFormats, type Attribute } from '../attributes.js';
import { fail } from '../errors.js';
import { codec } from '../payload.js';
import type { Table } from '../table.js';

/** IPsec DOI situation bits (RFC 2407 §4.2). Only SIT_IDENTITY_ONLY is supported: the others add labelled-domain fields. */
export const SIT_IDENTITY_ONLY = 1;

export interface Transform {
  readonly number: number;
  readonly transformId: number;
  readonly attributes: readonly Attribute[];
}

export interface Proposal {
  readonly number: number;
  /** PROTOCOL_IDS value: 1 ISAKMP, 2 AH, 3 ESP, 4 IPCOMP. */
  readonly protocol: number;
  readonly spi: Uint8Array;
  readonly transforms: readonly Transform[];
}

export interface SaPayload {
  readonly type: 'SA';
  /** Always 1 (IPsec DOI) — the structure of the situation depends on it. */
  readonly doi: number;
  readonly situation: number;
  readonly proposals: readonly Proposal[];
}

/*
 * Transform (RFC 2408 §3.6)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Transform #  !  Transform-Id !           RESERVED2           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        SA Attributes                          ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
export const TRANSFORM_TABLE: Table = {
  name: 'Transform',
  fields: [
    { name: 'number', kind: 'u8' },
    { name: 'transformId', kind: 'u8' },
    { name: 'reserved2', kind: 'reserved', size: 2 },
    { name: 'attributes', kind: 'attributes' },
  ],
};

/*
 * Proposal (RFC 2408 §3.5)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Proposal #   !  Protocol-Id  !    SPI Size   !# of Transforms!
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                        SPI (variable)                         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
export const PROPOSAL_TABLE: Table = {
  name: 'Proposal',
  fields: [
    { name: 'number', kind: 'u8' },
    { name: 'protocol', kind: 'u8' },
    { name: 'spiSize', kind: 'len8', of: 'spi' },
    { name: 'transformCount', kind: 'count8', of: 'transforms', code: 'bad-proposal' },
    { name: 'spi', kind: 'sized', by: 'spiSize' },
    { name: 'transforms', kind: 'chain', item: TRANSFORM_TABLE, itemType: PAYLOAD_TYPES.valueOf('T'), code: 'bad-proposal' },
  ],
};

/*
 * Security Association (RFC 2408 §3.4; situation of the IPsec DOI: RFC 2407 §4.6.1)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                           Situation                           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                  Proposal payloads (§3.5)                     ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The DOI is checked while decoding (the layout of the situation depends on it): only the
 * IPsec DOI (1) is supported, with the 4-byte situation of SIT_IDENTITY_ONLY.
 */
export const SA_TABLE: Table = {
  name: 'SA',
  fields: [
    { name: 'doi', kind: 'u32', allowed: [1], code: 'bad-doi' },
    { name: 'situation', kind: 'u32', check: (v) => (v & ~SIT_IDENTITY_ONLY) === 0, code: 'bad-situation' },
    { name: 'proposals', kind: 'chain', item: PROPOSAL_TABLE, itemType: PAYLOAD_TYPES.valueOf('P'), code: 'bad-proposal' },
  ],
};

const ISAKMP = PROTOCOL_IDS.valueOf('isakmp');
const AH = PROTOCOL_IDS.valueOf('ah');
const ESP = PROTOCOL_IDS.valueOf('esp');
const IPCOMP = PROTOCOL_IDS.valueOf('ipcomp');

/** SPI sizes allowed per protocol: ISAKMP 0 or 16 (the cookies, RFC 2408 §2.4), AH/ESP 4, IPCOMP a 2-byte CPI (or 4, RFC 2407 §4.4.1). */
export const SPI_SIZES: Readonly<Record<number, readonly number[]>> = {
  [ISAKMP]: [0, 16],
  [AH]: [4],
  [ESP]: [4],
  [IPCOMP]: [2, 4],
};

export const saCodec = codec<SaPayload>('SA', SA_TABLE, (sa, at) => {
  if (sa.doi !== 1) fail('bad-doi', at, `SA DOI ${sa.doi}`);
  if ((sa.situation & ~SIT_IDENTITY_ONLY) !== 0) fail('bad-situation', at, `situation 0x${sa.situation.toString(16)}`);
  if (sa.proposals.length === 0) fail('bad-proposal', at, 'SA without proposals');
  let prev = -1;
  for (const p of sa.proposals) {
    // RFC 2408 §4.2: proposal numbers increase monotonically; equal numbers form one AND-ed proposal
    if (p.number < prev) fail('bad-proposal', at, `proposal #${p.number} after #${prev}`);
    prev = p.number;
    if (!PROTOCOL_IDS.byValue(p.protocol)) fail('bad-protocol', at, `proposal #${p.number}: protocol ${p.protocol}`);
    if (!SPI_SIZES[p.protocol]!.includes(p.spi.length)) fail('bad-spi', at, `proposal #${p.number}: SPI of ${p.spi.length} bytes for ${PROTOCOL_IDS.nameOf(p.protocol)}`);
    if (p.transforms.length === 0) fail('bad-proposal', at, `proposal #${p.number} without transforms`);
    const seen = new Set<number>();
    for (const t of p.transforms) {
      // RFC 2408 §3.6: each transform of a proposal has a unique number
      if (seen.has(t.number)) fail('bad-proposal', at, `proposal #${p.number}: transform #${t.number} twice`);
      seen.add(t.number);
      if (p.protocol === ISAKMP) {
        if (!ISAKMP_TRANSFORM_IDS.byValue(t.transformId)) fail('bad-transform', at, `ISAKMP transform ID ${t.transformId} (only KEY_IKE)`);
        verifyAttributeFormats(t.attributes, P1_ATTRIBUTE_CLASSES, at, `transform #${t.number}`);
      } else {
        // 0 is RESERVED in the AH, ESP and IPCOMP transform registries (RFC 2407 §4.4.3–4.4.5)
        if (t.transformId === 0) fail('bad-transform', at, `${PROTOCOL_IDS.nameOf(p.protocol)} transform ID 0 is reserved`);
        verifyAttributeFormats(t.attributes, IPSEC_ATTRIBUTE_CLASSES, at, `transform #${t.number}`);
      }
    }
  }
});

/** Name of a transform ID for its protocol (for messages and reports). */
export function transformIdName(protocol: number, id: number): string | undefined {
  if (protocol === ISAKMP) return ISAKMP_TRANSFORM_IDS.nameOf(id);
  if (protocol === AH) return AH_TRANSFORM_IDS.nameOf(id);
  if (protocol === ESP) return ESP_TRANSFORM_IDS.nameOf(id);
  return undefined;
}
