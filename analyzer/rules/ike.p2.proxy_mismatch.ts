// ike.p2.proxy_mismatch: the proxy identities (crypto ACLs / traffic selectors) of the two
// peers do not mirror each other.
import { describeQuickMode, failedQuickModes } from './phase2.js';
import { deviceWords, ofKind, phaseFailureRule } from './rule.js';

export const proxyMismatch = phaseFailureRule({
  id: 'ike.p2.proxy_mismatch',
  phase: 2,
  reasons: ['proxy'],
  looksFor: 'Quick Mode refused because of the proxy identities (INVALID_ID_INFORMATION, "proxy identities not supported", no matching traffic selectors)',
  also: (ctx) => ofKind(ctx.events, 'ike.notify').filter((n) => n.type === 'INVALID_ID_INFORMATION'),
  detail: (ctx, f) => {
    const q = failedQuickModes(ctx.session)[0];
    return `The proxy identities of ${describeQuickMode(q)} are not accepted by the other side: its crypto ACL / traffic selectors do not mirror this side's.${deviceWords(f)}`;
  },
  fix: (ctx) => {
    const q = failedQuickModes(ctx.session)[0];
    const l = q?.proxies.local?.address ?? '<local-net>';
    const r = q?.proxies.remote?.address ?? '<remote-net>';
    return {
      note: `Make the two crypto ACLs mirror images: this side ${l} → ${r}, the peer ${r} → ${l}.`,
      ios: `ip access-list extended <acl>\n permit ip ${l} ${r}    ! (IOS wants address + wildcard)`,
      asa: `access-list <acl> extended permit ip ${l} ${r}    ! (ASA wants address + mask)`,
      strongswan: `connections.<conn>.children.<child>.local_ts = ${l}\nconnections.<conn>.children.<child>.remote_ts = ${r}`,
    };
  },
});
