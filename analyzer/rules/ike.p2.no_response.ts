// ike.p2.no_response: phase 1 is up but the peer never answered QM1.
import { finding, ofKind, peerName, type Rule } from './rule.js';

export const p2NoResponse: Rule = {
  id: 'ike.p2.no_response',
  looksFor: 'a QM1 sent (and retransmitted) that got no QM2, or phase 2 failed for lack of an answer',
  check: (ctx) => {
    const s = ctx.session;
    const failures = ofKind(ctx.events, 'ike.phase').filter((p) => p.phase === 2 && p.status === 'failed' && p.reason === 'no_response');
    const stuck = s.steps.filter((x) => x.label === 'QM1' && x.dir === 'out' && x.retransmits > 0 && !s.steps.some((y) => y.label === 'QM2' && y.msgid === x.msgid));
    if (!failures.length && !stuck.length) return [];
    const q = stuck[0];
    const msgs = ofKind(ctx.events, 'ike.msg').filter((m) => m.exchange === 'quick' && q && m.msgid === parseInt(q.msgid, 16));
    return [
      finding(ctx, 'ike.p2.no_response', `${peerName(s)} never answered QM1${q ? ` (message ${q.msgid}, sent ${q.retransmits + 1} times)` : ''}; phase 1 was up.`, [...failures, ...msgs].sort((a, b) => a.seq - b.seq), {
        note: 'The peer silently drops the Quick Mode: check its phase-2 policy for these proxies (crypto ACL / traffic selectors) and its logs.',
      }),
    ];
  },
};
