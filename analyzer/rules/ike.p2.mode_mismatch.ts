// ike.p2.mode_mismatch: tunnel mode on one side, transport mode on the other (L2TP/IPsec needs transport).
import { deviceWords, phaseFailureRule } from './rule.js';

export const p2ModeMismatch = phaseFailureRule({
  id: 'ike.p2.mode_mismatch',
  phase: 2,
  reasons: ['encapsulation'],
  looksFor: 'Quick Mode refused because of the encapsulation mode (tunnel vs transport)',
  detail: (_ctx, f) => `The peers disagree on the encapsulation mode (tunnel vs transport).${deviceWords(f)}`,
  fix: () => ({
    note: 'L2TP over IPsec needs transport mode on both sides; site-to-site tunnels need tunnel mode.',
    ios: 'crypto ipsec transform-set <name> esp-aes esp-sha-hmac\n mode transport',
    asa: 'crypto ipsec ikev1 transform-set <name> mode transport',
    strongswan: 'connections.<conn>.children.<child>.mode = transport',
  }),
});
