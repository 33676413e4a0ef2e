/**
 * Contributors: separate modules that add payloads to a message around the handler, or read them
 * from a received one (architecture: vendor IDs, NAT-D, DPD, fragmentation, keepalive,
 * initial-contact, responder-lifetime). This slice has the hook, the vendor-ID contributor and NAT-T
 * (natt.ts).
 *
 * They take part in phase-1 messages, plaintext or encrypted (MM5/MM6: HASH_I / HASH_R cover the
 * ID only, RFC 2409 §5.4), not in Quick Mode or Informationals, whose HASH covers every payload
 * after it (that needs the handler's cooperation).
 */
import type { Label } from '../../analyzer/model/labels.js';
import { vendorIdByHex, type VendorIdName } from '../../analyzer/model/vendor-ids.js';
import type { Payload } from '../codec/index.js';
import { toHex } from '../crypto/index.js';
import type { Ikev1Engine } from './engine.js';
import type { IsakmpSa } from './sa.js';
import { dpdContributor } from './dpd.js';
import { initialContactContributor } from './initial-contact.js';
import { nattContributor } from './natt.js';
import { vendorIdPayload } from './vendor-id-payload.js';

export interface ContributorContext {
  readonly engine: Ikev1Engine;
  readonly sa: IsakmpSa;
  readonly label: Label;
}

export interface Contributor {
  readonly name: string;
  /** The messages it takes part in. */
  readonly labels: readonly Label[];
  /** Payloads appended to one of our messages. */
  outgoing?(ctx: ContributorContext): Payload[];
  /** Reads a received message that its handler accepted. */
  incoming?(ctx: ContributorContext, payloads: readonly Payload[]): void;
}

/**
 * Vendor IDs (RFC 2408 §3.16): sends the policy's `vendorIds` in MM1/AM1 (initiator) and
 * MM2/AM2 (responder); emits `ike.vid` for what it sends and receives (known names from
 * analyzer/model/vendor-ids.ts).
 */
export const vendorIdContributor: Contributor = {
  name: 'vendor-id',
  labels: ['MM1', 'MM2', 'AM1', 'AM2'],
  outgoing({ engine, sa }) {
    const out: Payload[] = [];
    for (const name of engine.policy.vendorIds ?? []) {
      const p = vendorIdPayload(engine, sa, name);
      if (p) out.push(p);
    }
    return out;
  },
  incoming({ engine, sa }, payloads) {
    for (const p of payloads) {
      if (p.type !== 'VID') continue;
      const hex = toHex(p.data);
      const m = vendorIdByHex(hex);
      engine.emit(sa, { kind: 'ike.vid', dir: 'in', name: (m?.entry.name as VendorIdName | undefined) ?? 'unknown', hex });
    }
  },
};

/** Vendor IDs, NAT traversal (natt.ts; active only when `policy.natTraversal` is set), DPD (dpd.ts), INITIAL-CONTACT (initial-contact.ts). */
export const DEFAULT_CONTRIBUTORS: readonly Contributor[] = [vendorIdContributor, nattContributor, dpdContributor, initialContactContributor];
