// ike.p1.proposal_mismatch: no phase-1 proposal of the initiator matched the responder's
// policies: the responder says which attribute (when it does), or answers NO_PROPOSAL_CHOSEN.
import type { EventOf } from '../model/index.js';
import { phase1PolicyFix } from './fixes.js';
import { finding, ofKind, peerName, type Rule } from './rule.js';

/** `encryption: offered aes256, configured 3des` (what the device said it compared). */
function describe(r: EventOf<'ike.proposal'>): string | undefined {
  const why = r.reason;
  if (!why) return undefined;
  const values = [why.offered !== undefined ? `offered ${why.offered}` : undefined, why.configured !== undefined ? `configured ${why.configured}` : undefined].filter(Boolean).join(', ');
  if (why.attribute) return values ? `${why.attribute}: ${values}` : why.attribute;
  return why.text;
}

export const proposalMismatch: Rule = {
  id: 'ike.p1.proposal_mismatch',
  looksFor: 'phase 1 failed because no proposal matched (the attribute named when the device names it), or NO_PROPOSAL_CHOSEN in phase 1',
  check: (ctx) => {
    const s = ctx.session;
    if (s.phase1.outcome === 'established' || s.phase1.accepted) return [];
    const failures = ofKind(ctx.events, 'ike.phase').filter((p) => p.phase === 1 && p.status === 'failed' && p.reason === 'proposal');
    const rejected = ofKind(ctx.events, 'ike.proposal').filter((p) => p.phase === 1 && p.stage === 'rejected');
    const notifies = ofKind(ctx.events, 'ike.notify').filter((n) => n.type === 'NO_PROPOSAL_CHOSEN');
    // a device may answer any phase-1 refusal with NO_PROPOSAL_CHOSEN: when it named another
    // cause (no key for the peer, say), the notify is not a proposal mismatch
    const otherCause = ofKind(ctx.events, 'ike.phase').some((p) => p.phase === 1 && p.status === 'failed' && p.reason !== 'proposal' && p.reason !== 'notify');
    if (!failures.length && (!notifies.length || otherCause)) return [];
    const offered = ofKind(ctx.events, 'ike.proposal').filter((p) => p.phase === 1 && (p.stage === 'offered' || p.stage === 'checked') && p.source !== 'local');
    const peerOffer = offered[0]?.attrs ?? rejected[0]?.attrs;
    const who = notifies.some((n) => n.dir === 'in') ? `${peerName(s)} refused every phase-1 proposal (NO_PROPOSAL_CHOSEN)` : `no phase-1 proposal of ${peerName(s)} matched a local policy`;
    const reasons = [...new Set(rejected.map(describe).filter((x): x is string => Boolean(x)))];
    const detail = `${who}${reasons.length ? ` (${reasons.slice(0, 4).join('; ')})` : ''}.`;
    const fix = peerOffer
      ? { ...phase1PolicyFix({ ...(peerOffer.encryption ? { encryption: peerOffer.encryption } : {}), ...(peerOffer.hash ? { hash: peerOffer.hash } : {}), ...(peerOffer.group !== undefined ? { group: peerOffer.group } : {}), ...(peerOffer.lifetimeSeconds !== undefined ? { lifetimeSeconds: peerOffer.lifetimeSeconds } : {}) }), note: 'Give both peers one phase-1 policy with the same encryption, hash, DH group and authentication (this one matches what the peer offered).' }
      : { note: 'Give both peers one phase-1 policy with the same encryption, hash, DH group and authentication method.' };
    return [finding(ctx, 'ike.p1.proposal_mismatch', detail, [...failures, ...rejected, ...notifies].sort((a, b) => a.seq - b.seq), fix)];
  },
};
