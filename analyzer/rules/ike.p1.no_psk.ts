// ike.p1.no_psk: the device has no pre-shared key (IOS keyring / ASA tunnel group) for the peer.
import { deviceWords, peerName, phaseFailureRule } from './rule.js';

export const noPsk = phaseFailureRule({
  id: 'ike.p1.no_psk',
  phase: 1,
  reasons: ['no_psk'],
  looksFor: 'the device reports no pre-shared key or no tunnel group for the peer',
  detail: (ctx, f) => `No pre-shared key (or tunnel group) is configured for ${peerName(ctx.session)}.${deviceWords(f)}`,
  fix: (ctx) => {
    const peer = peerName(ctx.session);
    return {
      note: `Configure a pre-shared key for ${peer} (the same on both peers).`,
      ios: `crypto isakmp key <secret> address ${peer}`,
      asa: `tunnel-group ${peer} type ipsec-l2l\ntunnel-group ${peer} ipsec-attributes\n ikev1 pre-shared-key <secret>`,
      strongswan: `secrets { ike-peer { id = ${peer}\n  secret = "<secret>" } }`,
    };
  },
});
