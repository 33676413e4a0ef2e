/**
 * SA lifetimes on the wire (RFC 2407 §4.5, RFC 2409 Appendix A): Life Type / Life Duration
 * attribute pairs in phase-1 and ESP transforms, the responder's choice between its lifetime
 * and the offered one, and the RESPONDER-LIFETIME notify (RFC 2407 §4.6.3.1).
 */
import { IPSEC_ATTRIBUTE_CLASSES, NOTIFY_TYPES, PROTOCOL_IDS } from '../../analyzer/model/registries.js';
import { DecodeError, attrNumber, attributesFromBytes, attributesToBytes, attrValue, notify, tv, type Attribute, type NotifyPayload } from '../codec/index.js';

/** A lifetime in seconds and/or kilobytes (an absent unit: no limit of that kind). */
export interface Lifetime {
  readonly seconds?: number;
  readonly kilobytes?: number;
}

/** Life Type values: RFC 2409 Appendix A (phase 1) and RFC 2407 §4.5 (IPsec DOI) agree. */
const LIFE_SECONDS = 1;
const LIFE_KILOBYTES = 2;

/** Attribute classes of a Life Type / Life Duration pair: phase 1 uses 11/12, the IPsec DOI 1/2. */
export interface LifeClasses {
  readonly type: number;
  readonly duration: number;
}

export const ESP_LIFE: LifeClasses = { type: IPSEC_ATTRIBUTE_CLASSES.valueOf('sa-life-type'), duration: IPSEC_ATTRIBUTE_CLASSES.valueOf('sa-life-duration') };

/** The lifetimes the engine sends when the policy names none (Cisco IOS defaults: 3600 s IPsec, 86400 s ISAKMP). */
export const DEFAULT_P2_SECONDS = 3600;
export const DEFAULT_P1_SECONDS = 86400;

/**
 * RFC 2407 §4.5: "If present, SA Life Duration MUST be preceded by an SA Life Type attribute"; a
 * type may appear once per unit ("if there are multiple lifetimes, each is preceded by its Life
 * Type"). Seconds first, then kilobytes, as Cisco and strongSwan send them.
 */
export function lifetimeAttributes(l: Lifetime, c: LifeClasses): Attribute[] {
  const out: Attribute[] = [];
  if (l.seconds !== undefined) out.push(tv(c.type, LIFE_SECONDS), attrNumber(c.duration, l.seconds));
  if (l.kilobytes !== undefined) out.push(tv(c.type, LIFE_KILOBYTES), attrNumber(c.duration, l.kilobytes));
  return out;
}

/** Reads the Life Type / Life Duration pairs in order (a duration belongs to the type before it). */
export function readLifetime(attrs: readonly Attribute[], c: LifeClasses): Lifetime {
  let type: number | undefined;
  const out: { seconds?: number; kilobytes?: number } = {};
  for (const a of attrs) {
    if (a.type === c.type && a.format === 'tv') type = a.value;
    else if (a.type === c.duration && type !== undefined) {
      const v = attrValue(a);
      const n = typeof v === 'bigint' ? Number.MAX_SAFE_INTEGER : v;
      if (type === LIFE_SECONDS) out.seconds = n;
      else if (type === LIFE_KILOBYTES) out.kilobytes = n;
      type = undefined;
    }
  }
  return out;
}

/**
 * The responder's choice, as Cisco does it: the offer is accepted whatever its lifetime, and the
 * shorter value of each unit applies. When ours is the shorter one, RFC 2407 §4.6.3.1: "the
 * responder … MAY respond with a RESPONDER-LIFETIME notification … that contains the lifetime it
 * will use"; `lowered` is what that notify carries (undefined: the initiator's values stand).
 */
export function chooseLifetime(offered: Lifetime, own: Lifetime, defaultSeconds: number): { applied: Lifetime; lowered?: Lifetime } {
  const offS = offered.seconds ?? defaultSeconds;
  const ownS = own.seconds ?? defaultSeconds;
  const seconds = Math.min(offS, ownS);
  const kilobytes = offered.kilobytes === undefined ? own.kilobytes : own.kilobytes === undefined ? offered.kilobytes : Math.min(offered.kilobytes, own.kilobytes);
  const applied: Lifetime = { seconds, ...(kilobytes !== undefined ? { kilobytes } : {}) };
  const lowerS = ownS < offS;
  const lowerK = own.kilobytes !== undefined && (offered.kilobytes === undefined || own.kilobytes < offered.kilobytes);
  if (!lowerS && !lowerK) return { applied };
  return { applied, lowered: { ...(lowerS ? { seconds } : {}), ...(lowerK ? { kilobytes: kilobytes! } : {}) } };
}

/**
 * RFC 2407 §4.6.3.1 RESPONDER-LIFETIME: Protocol ID of the SA, its SPI, and as data "a list of
 * SA attributes … the SA Life Type and SA Life Duration". The SPI is the responder's own
 * inbound SPI (the one it put in its SA payload), as Cisco sends it.
 */
export function responderLifetimeNotify(spi: Uint8Array, l: Lifetime): NotifyPayload {
  return notify('RESPONDER_LIFETIME', { protocol: PROTOCOL_IDS.valueOf('esp'), spi, data: attributesToBytes(lifetimeAttributes(l, ESP_LIFE)) });
}

/** The lifetime a RESPONDER-LIFETIME notify carries; undefined for other notifies or unreadable data. */
export function readResponderLifetime(n: NotifyPayload): Lifetime | undefined {
  if (n.notifyType !== NOTIFY_TYPES.valueOf('RESPONDER_LIFETIME')) return undefined;
  let attrs: Attribute[];
  try {
    attrs = attributesFromBytes(n.data);
  } catch (e) {
    if (e instanceof DecodeError) return undefined; // malformed attribute data: the notify is reported, not applied
    throw e;
  }
  const l = readLifetime(attrs, ESP_LIFE);
  return l.seconds === undefined && l.kilobytes === undefined ? undefined : l;
}
