// ike.p1.no_response: phase 1 failed because the peer never answered. The node sent its first
// message (retransmitting it) and no message of the peer arrived at all.
import { finding, ofKind, peerName, type Rule } from './rule.js';

export const noResponse: Rule = {
  id: 'ike.p1.no_response',
  looksFor: 'phase 1 failed for lack of an answer, and no phase-1 message ever came from the peer',
  check: (ctx) => {
    const s = ctx.session;
    const p1 = s.steps.filter((x) => x.exchange === 'main' || x.exchange === 'aggressive');
    const failures = ofKind(ctx.events, 'ike.phase').filter((p) => p.phase === 1 && p.status === 'failed' && p.reason === 'no_response');
    if (!failures.length || p1.some((x) => x.dir === 'in')) return [];
    const sent = p1.filter((x) => x.dir === 'out');
    const first = sent[0];
    const tries = first ? first.retransmits + 1 : 0;
    const msgs = ofKind(ctx.events, 'ike.msg').filter((m) => m.dir === 'out');
    const detail = first
      ? `${peerName(s)} never answered ${first.label}: it was sent ${tries} time${tries === 1 ? '' : 's'} and no phase-1 message came back.`
      : `${peerName(s)} never answered the first phase-1 message.`;
    return [
      finding(ctx, 'ike.p1.no_response', detail, [...msgs, ...failures].sort((a, b) => a.seq - b.seq), {
        note: `Make UDP 500 (and 4500) reach ${peerName(s)} and make sure it runs IKEv1 on that address: check routing and ACLs/firewalls on the path, and the peer's configuration.`,
        ios: 'interface <outside>\n crypto map <map>    ! the crypto map must be applied to the interface facing the peer\ncrypto isakmp enable',
        asa: 'crypto ikev1 enable outside\ncrypto map <map> interface outside',
        strongswan: `connections.<conn>.remote_addrs = ${peerName(s)}    # and charon must be running on the peer`,
      }),
    ];
  },
};
