// ike.p1.transform_skipped (a note): some phase-1 transforms of the peer were refused (an
// unsupported DH group, say) while another one was accepted: not a failure, but it explains the
// "Phase 1 failure" lines a device prints for a negotiation that succeeded.
import { finding, ofKind, peerName, type Rule } from './rule.js';

export const transformSkipped: Rule = {
  id: 'ike.p1.transform_skipped',
  looksFor: 'phase-1 transforms refused while another transform of the same offer was accepted',
  check: (ctx) => {
    const proposals = ofKind(ctx.events, 'ike.proposal').filter((p) => p.phase === 1);
    const rejected = proposals.filter((p) => p.stage === 'rejected');
    const accepted = proposals.filter((p) => p.stage === 'accepted');
    if (!rejected.length || !accepted.length) return [];
    const why = [...new Set(rejected.map((r) => [r.reason?.attribute, r.reason?.offered !== undefined ? `offered ${r.reason.offered}` : '', r.reason?.configured !== undefined ? `configured ${r.reason.configured}` : ''].filter(Boolean).join(' ')))];
    const acc = accepted[accepted.length - 1]!;
    const which = acc.transform !== undefined ? `transform ${acc.transform}` : 'another transform';
    const detail = `${rejected.length} phase-1 transform check${rejected.length === 1 ? '' : 's'} of ${peerName(ctx.session)} failed (${why.join('; ') || 'refused'}) before ${which} was accepted; the negotiation went on.`;
    return [finding(ctx, 'ike.p1.transform_skipped', detail, [...rejected, acc].sort((a, b) => a.seq - b.seq))];
  },
};
