// ike.natt.blocked: NAT was detected and the exchange moved to UDP 4500, after which the peer
// was never heard from again: UDP 4500 does not get through.
import { finding, ofKind, peerName, phaseFailures, type Rule } from './rule.js';

export const nattBlocked: Rule = {
  id: 'ike.natt.blocked',
  looksFor: 'the exchange floated to UDP 4500 and nothing came back afterwards (or the device says NAT-T failed)',
  check: (ctx) => {
    const s = ctx.session;
    const said = phaseFailures(ctx, 1, ['natt']).concat(phaseFailures(ctx, 2, ['natt']));
    const floated = ofKind(ctx.events, 'ike.natd').find((n) => n.floated);
    const msgs = ofKind(ctx.events, 'ike.msg');
    const after = floated ? msgs.filter((m) => m.seq > floated.seq) : [];
    const silent = floated && after.some((m) => m.dir === 'out' && (m.retransmit || m.local?.port === 4500)) && !after.some((m) => m.dir === 'in') && s.phase1.outcome !== 'established';
    if (!said.length && !silent) return [];
    return [
      finding(ctx, 'ike.natt.blocked', `After moving to UDP 4500 (NAT-T) nothing more came from ${peerName(s)}: UDP 4500 is blocked on the path.`, [...said, ...(floated ? [floated] : []), ...after.filter((m) => m.dir === 'out')].sort((a, b) => a.seq - b.seq), {
        note: 'Allow UDP 4500 both ways between the peers (and ESP-in-UDP); or disable NAT-T only if no NAT is on the path.',
        ios: 'ip access-list extended <outside-in>\n permit udp host <peer> host <me> eq non500-isakmp',
        asa: 'crypto isakmp nat-traversal 20\naccess-list <outside-in> extended permit udp host <peer> host <me> eq 4500',
        strongswan: 'connections.<conn>.encap = no    # and open UDP 4500 on the path',
      }),
    ];
  },
};
