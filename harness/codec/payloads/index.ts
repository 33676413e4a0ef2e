/** All payload codecs by wire number, and the typed payload union. */
import type { PayloadCodec } from '../payload.js';
import { attrCodec, type AttrPayload } from './attr.js';
import { certCodec, type CertPayload } from './cert.js';
import { crCodec, type CrPayload } from './cr.js';
import { deleteCodec, type DeletePayload } from './delete.js';
import { fragCodec, type FragPayload } from './frag.js';
import { hashCodec, type HashPayload } from './hash.js';
import { idCodec, type IdPayload } from './id.js';
import { keCodec, type KePayload } from './ke.js';
import { natDCodec, natDDraftCodec, type NatDPayload } from './nat-d.js';
import { natOaCodec, natOaDraftCodec, type NatOaPayload } from './nat-oa.js';
import { nonceCodec, type NoncePayload } from './nonce.js';
import { notifyCodec, type NotifyPayload } from './notify.js';
import { saCodec, type SaPayload } from './sa.js';
import { sigCodec, type SigPayload } from './sig.js';
import { vendorIdCodec, type VendorIdPayload } from './vendor-id.js';

export type Payload =
  | SaPayload
  | KePayload
  | IdPayload
  | CertPayload
  | CrPayload
  | HashPayload
  | SigPayload
  | NoncePayload
  | NotifyPayload
  | DeletePayload
  | VendorIdPayload
  | AttrPayload
  | NatDPayload
  | NatOaPayload
  | FragPayload;

export type PayloadType = Payload['type'];

/** The payload of a given type name. */
export type PayloadOf<T extends PayloadType> = Extract<Payload, { type: T }>;

const ALL = [
  saCodec,
  keCodec,
  idCodec,
  certCodec,
  crCodec,
  hashCodec,
  sigCodec,
  nonceCodec,
  notifyCodec,
  deleteCodec,
  vendorIdCodec,
  attrCodec,
  natDCodec,
  natOaCodec,
  natDDraftCodec,
  natOaDraftCodec,
  fragCodec,
] as unknown as readonly PayloadCodec<Payload>[];

/** Codecs by Next Payload number. Proposal (2) and Transform (3) only occur inside an SA. */
export const CODECS_BY_VALUE: ReadonlyMap<number, PayloadCodec<Payload>> = new Map(ALL.map((c) => [c.value, c]));
export const CODECS_BY_NAME: ReadonlyMap<PayloadType, PayloadCodec<Payload>> = new Map(ALL.map((c) => [c.name, c]));

export function codecFor(type: PayloadType): PayloadCodec<Payload> {
  const c = CODECS_BY_NAME.get(type);
  if (!c) throw new RangeError(`no codec for payload type ${type}`);
  return c;
}
