/**
 * INITIAL-CONTACT (RFC 2407 §4.6.3.3) as a contributor: "the sender ... has no other SAs with the
 * receiver" after a restart, so "the receiving system can delete any SAs it has with the sending
 * system". Sent by a Main / Aggressive Mode initiator when `policy.initialContact` is set, inside
 * the encrypted MM5 (after ID and HASH, as strongSwan sends `ID HASH N(INITIAL_CONTACT)`; HASH_I
 * does not cover it) or in AM3. On receipt the older ISAKMP and IPsec SAs with that peer go
 * (informational.ts `initialContactReceived`).
 */
import { NOTIFY_TYPES, PROTOCOL_IDS } from '../../analyzer/model/registries.js';
import { notify, type PayloadOf } from '../codec/index.js';
import type { Contributor } from './contributors.js';
import { cookies, initialContactReceived, notifyEvent } from './informational.js';

export const initialContactContributor: Contributor = {
  name: 'initial-contact',
  labels: ['MM5', 'AM3'],
  outgoing({ engine, sa }) {
    if (!engine.policy.initialContact) return [];
    const n = notify('INITIAL_CONTACT', { protocol: PROTOCOL_IDS.valueOf('isakmp'), spi: cookies(sa) });
    notifyEvent(engine, sa, 'out', n);
    return [n];
  },
  incoming({ engine, sa }, payloads) {
    const n = payloads.find((p): p is PayloadOf<'N'> => p.type === 'N' && NOTIFY_TYPES.nameOf(p.notifyType) === 'INITIAL_CONTACT');
    if (!n) return;
    notifyEvent(engine, sa, 'in', n);
    initialContactReceived(engine, sa);
  },
};
