// ike.lifetime.lowered (a note): the responder lowered a lifetime (RESPONDER-LIFETIME notify, or
// the device saying it changed the rekey interval): the shorter lifetime wins.
import { finding, ofKind, type Rule } from './rule.js';

export const lifetimeLowered: Rule = {
  id: 'ike.lifetime.lowered',
  looksFor: 'a RESPONDER-LIFETIME notify (or the device applying a shorter lifetime than it proposed)',
  check: (ctx) => {
    const notes = ofKind(ctx.events, 'ike.notify').filter((n) => n.type === 'RESPONDER_LIFETIME' && n.dir === 'in' && n.lifetime);
    if (!notes.length) return [];
    const offered = ofKind(ctx.events, 'ike.proposal').filter((p) => p.stage !== 'rejected' && p.source !== 'peer');
    return notes.flatMap((n) => {
      const secs = n.lifetime?.seconds;
      const kb = n.lifetime?.kilobytes;
      const mine = offered.find((p) => p.attrs.lifetimeSeconds !== undefined)?.attrs.lifetimeSeconds;
      if (secs !== undefined && mine !== undefined && secs >= mine) return [];
      const what = [secs !== undefined ? `${secs} s` : undefined, kb !== undefined ? `${kb} KB` : undefined].filter(Boolean).join(' / ');
      return [finding(ctx, 'ike.lifetime.lowered', `The responder set the lifetime to ${what}${mine !== undefined ? ` (this side proposed ${mine} s)` : ''}; the shorter lifetime applies.`, [n])];
    });
  },
};
