// ike.p2.proxy_mismatch: the proxy identities (crypto ACLs / traffic selectors) of the two
// peers do not mirror each other.
import { aclAddress, describeQuickMode, failedQuickModes, refuser } from './phase2.js';
import { deviceWords, ofKind, phaseFailureRule } from './rule.js';

export const proxyMismatch = phaseFailureRule({
  id: 'ike.p2.proxy_mismatch',
  phase: 2,
  reasons: ['proxy'],
  looksFor: 'Quick Mode refused because of the proxy identities (INVALID_ID_INFORMATION, "proxy identities not supported", no matching traffic selectors)',
  also: (ctx) => ofKind(ctx.events, 'ike.notify').filter((n) => n.type === 'INVALID_ID_INFORMATION'),
  detail: (ctx, f) => {
    const q = failedQuickModes(ctx.session)[0];
    return `The proxy identities of ${describeQuickMode(q)} were refused by ${refuser(ctx.session, q)}: the two sides' crypto ACLs / traffic selectors are not mirror images.${deviceWords(f)}`;
  },
  fix: (ctx) => {
    const q = failedQuickModes(ctx.session)[0];
    const l = q?.proxies.local?.address ?? '<local-net>';
    const r = q?.proxies.remote?.address ?? '<remote-net>';
    const [la, ra] = [aclAddress(l), aclAddress(r)];
    return {
      note: `Make the two crypto ACLs mirror images of each other: here ${l} → ${r}, on the peer ${r} → ${l} (change whichever side is wrong).`,
      ios: `ip access-list extended <crypto-acl>\n permit ip ${la.ios} ${ra.ios}`,
      asa: `access-list <crypto-acl> extended permit ip ${la.asa} ${ra.asa}`,
      strongswan: `connections.<conn>.children.<child>.local_ts = ${l}\nconnections.<conn>.children.<child>.remote_ts = ${r}`,
    };
  },
});
