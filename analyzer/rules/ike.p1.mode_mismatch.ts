// ike.p1.mode_mismatch: one peer uses Main Mode and the other Aggressive Mode (or refuses it).
import { deviceWords, peerName, phaseFailureRule } from './rule.js';

export const modeMismatch = phaseFailureRule({
  id: 'ike.p1.mode_mismatch',
  phase: 1,
  reasons: ['mode'],
  looksFor: 'phase 1 refused because of the exchange mode (Main vs Aggressive)',
  detail: (ctx, f) => `${peerName(ctx.session)} and this node do not agree on the phase-1 mode (${ctx.session.phase1.mode ?? 'unknown'} mode was used).${deviceWords(f)}`,
  fix: () => ({
    note: 'Use the same mode on both peers (Aggressive Mode only where a group name identifies remote-access clients).',
    ios: 'crypto isakmp aggressive-mode disable    ! or remove it to allow Aggressive Mode',
    asa: 'crypto ikev1 am-disable    ! or: no crypto ikev1 am-disable',
    strongswan: 'connections.<conn>.aggressive = no    # responder: charon.i_dont_care_about_security_and_use_aggressive_mode_psk',
  }),
});
