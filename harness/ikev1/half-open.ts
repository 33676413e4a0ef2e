/**
 * Half-open SA limits (`policy.halfOpenLimit`): a responder that already has N phase-1 exchanges it
 * answered but that are not yet established (MAIN_R1, MAIN_R2, AGGR_R1) answers a further MM1 / AM1
 * with nothing, and keeps no state for it.
 *
 * IKEv1 has no way to ask an initiator to come back later (IKEv2's COOKIE notify, RFC 7296 §2.6, has
 * no IKEv1 counterpart; RFC 2408 §2.5.3's anti-clogging cookies only make an initiator show it receives at its address), so
 * the devices drop:
 * - strongSwan, strongswan.conf(5), IKE_SA_INIT DROPPING: "To limit the responder load resulting
 *   from new connection attempts, the daemon can drop IKE_SA_INIT messages just after reception.
 *   [...] charon.init_limit_half_open: Limit based on the number of half open IKE_SAs. Half open
 *   IKE_SAs are SAs in connecting state, but not yet established." (as we read charon's receiver, it
 *   applies the same check to IKEv1 Main and Aggressive Mode first messages; `charon.block_threshold`
 *   is the same per peer IP, and this engine has one peer address.)
 * - Cisco IOS Call Admission Control, `crypto call admission limit ike in-negotiation-sa N`: new SA
 *   requests beyond N in-negotiation IKE SAs are dropped (no notify), logged as
 *   %CRYPTO-4-IKE_DENY_SA_REQ (our reading of Cisco's "Call Admission Control for IKE" guide; not
 *   checkable offline here).
 *
 * The slots are the SAs' own states, counted when an MM1/AM1 arrives: a slot frees as soon as its
 * exchange is established, fails or expires (the half-open timer, `policy.halfOpenMs`). The
 * initiator's retransmission of a dropped MM1 is admitted once a slot is free.
 */
import { stateFacts } from '../../analyzer/model/states.js';
import type { Header } from '../codec/index.js';
import { toHex } from '../crypto/index.js';
import type { Endpoint } from '../transport/endpoint.js';
import type { Ikev1Engine } from './engine.js';
import type { IsakmpSa } from './sa.js';

/** The responder's phase-1 exchanges that are answered but not established (category in-progress). */
export function halfOpen(sas: readonly IsakmpSa[]): IsakmpSa[] {
  return sas.filter((sa) => sa.role === 'responder' && stateFacts(sa.p1.state)?.category === 'in-progress');
}

/**
 * Is there room for a new responder SA for this MM1/AM1? When `policy.halfOpenLimit` is reached, no:
 * the datagram is dropped and a `log.line` (record `ikev1.half-open-limit`, outside every session:
 * no SA exists for it) says why, with the initiator's cookie.
 */
export function admitHalfOpen(engine: Ikev1Engine, h: Header, from: Endpoint): boolean {
  const limit = engine.policy.halfOpenLimit;
  if (limit === undefined) return true;
  const open = halfOpen(engine.isakmpSas()).length;
  if (open < limit) return true;
  const first = h.exchangeType === 4 ? 'AM1' : 'MM1';
  engine.emit(null, {
    kind: 'log.line',
    record: 'ikev1.half-open-limit',
    text: `${first} from ${from.address}:${from.port} dropped: ${open} half-open ISAKMP SAs, limit ${limit}`,
    peer: from,
    sa: { icookie: toHex(h.icookie) },
  });
  return false;
}
