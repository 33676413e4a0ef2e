// ipsec.crypto_map_missing: the device found no crypto map entry for the traffic or the peer's
// proxies (ASA "Crypto Map Policy not found", "no matching crypto map entry"; IOS SA requests
// with no map), or the map is not applied to the interface the peer talks to.
import { describeQuickMode, failedQuickModes } from './phase2.js';
import { deviceWords, peerName, phaseFailureRule } from './rule.js';

export const cryptoMapMissing = phaseFailureRule({
  id: 'ipsec.crypto_map_missing',
  phase: 2,
  reasons: ['no_crypto_map'],
  looksFor: 'the device reports no crypto map entry matching the traffic or the proxies (or no map on the interface)',
  detail: (ctx, f) => `No crypto map entry on this side matches ${describeQuickMode(failedQuickModes(ctx.session)[0])} with ${peerName(ctx.session)}.${deviceWords(f)}`,
  fix: (ctx) => ({
    note: 'Add a crypto map entry (static, or a dynamic map at the end of the map) whose ACL covers this traffic, with the peer and a transform set, and apply the map to the interface facing the peer.',
    ios: `crypto map <map> 10 ipsec-isakmp\n set peer ${peerName(ctx.session)}\n set transform-set <ts>\n match address <acl>\ninterface <outside>\n crypto map <map>`,
    asa: `crypto map <map> 10 match address <acl>\ncrypto map <map> 10 set peer ${peerName(ctx.session)}\ncrypto map <map> 10 set ikev1 transform-set <ts>\ncrypto map <map> interface outside`,
  }),
});
