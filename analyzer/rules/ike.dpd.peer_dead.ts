// ike.dpd.peer_dead: Dead Peer Detection (RFC 3706) declared the peer dead: R-U-THERE went
// unanswered and the SA was deleted.
import { finding, ofKind, peerName, type Rule } from './rule.js';

export const dpdPeerDead: Rule = {
  id: 'ike.dpd.peer_dead',
  looksFor: 'R-U-THERE unanswered until the SA is torn down, or the device says DPD lost the peer',
  check: (ctx) => {
    const s = ctx.session;
    const said = ofKind(ctx.events, 'ike.phase').filter((p) => p.status === 'failed' && p.reason === 'dpd');
    // the probes sent after the peer's last answer
    const lastAck = Math.max(-1, ...s.steps.filter((x) => x.label === 'DPD-ACK' && x.dir === 'in').map((x) => x.line));
    const probes = s.steps.filter((x) => x.label === 'DPD-R-U-THERE' && x.dir === 'out' && x.line > lastAck);
    const unanswered = probes.length > 1 || probes.some((p) => p.retransmits > 0);
    if (!said.length && !unanswered) return [];
    const dpd = ofKind(ctx.events, 'ike.dpd');
    return [
      finding(ctx, 'ike.dpd.peer_dead', `Dead Peer Detection declared ${peerName(s)} dead${probes.length ? ` after ${probes.reduce((n, p) => n + p.retransmits + 1, 0)} unanswered R-U-THERE` : ''}.`, [...said, ...dpd].sort((a, b) => a.seq - b.seq), {
        note: 'The peer stopped answering: check that it is up and reachable on UDP 500/4500; adjust the DPD timers if the path is lossy.',
        ios: 'crypto isakmp keepalive 10 3 periodic',
        asa: 'tunnel-group <peer> ipsec-attributes\n isakmp keepalive threshold 10 retry 3',
        strongswan: 'connections.<conn>.dpd_delay = 30s',
      }),
    ];
  },
};
