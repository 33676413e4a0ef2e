// ike.lifetime.lowered (a note): the responder lowered a lifetime — a RESPONDER-LIFETIME notify
// (RFC 2407 §4.6.3.1), or the device saying it applied the peer's shorter lifetime — and the
// shorter lifetime wins. Not a failure, but it explains rekeys sooner than configured.
import type { Event } from '../model/index.js';
import { finding, ofKind, type Rule } from './rule.js';

export const lifetimeLowered: Rule = {
  id: 'ike.lifetime.lowered',
  looksFor: 'a RESPONDER-LIFETIME notify, or the device applying a peer lifetime shorter than its own',
  check: (ctx) => {
    const found: { ev: Event; text: string }[] = [];
    const ownLifetime = ofKind(ctx.events, 'ike.proposal').find((p) => p.source === 'local' && p.attrs.lifetimeSeconds !== undefined)?.attrs.lifetimeSeconds;
    for (const n of ofKind(ctx.events, 'ike.notify')) {
      if (n.type !== 'RESPONDER_LIFETIME' || n.dir !== 'in' || !n.lifetime) continue;
      const secs = n.lifetime.seconds;
      if (secs !== undefined && ownLifetime !== undefined && secs >= ownLifetime) continue;
      const what = [secs !== undefined ? `${secs} s` : undefined, n.lifetime.kilobytes !== undefined ? `${n.lifetime.kilobytes} KB` : undefined].filter(Boolean).join(' / ');
      found.push({ ev: n, text: `The responder set the lifetime to ${what}${ownLifetime !== undefined ? ` (this side proposed ${ownLifetime} s)` : ''}; the shorter lifetime applies.` });
    }
    // a device that states both values when it applies the peer's lifetime (strongSwan:
    // "received 3600s lifetime, configured 3960s")
    for (const p of ofKind(ctx.events, 'ike.proposal')) {
      const r = p.reason;
      if (r?.attribute !== 'lifetimeSeconds' || typeof r.offered !== 'number' || typeof r.configured !== 'number' || r.offered >= r.configured) continue;
      found.push({ ev: p, text: `The peer's lifetime of ${r.offered} s is shorter than the ${r.configured} s configured here; ${r.offered} s applies.` });
    }
    return found.map((f) => finding(ctx, 'ike.lifetime.lowered', f.text, [f.ev]));
  },
};
