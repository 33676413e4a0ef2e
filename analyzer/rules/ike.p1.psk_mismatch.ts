// ike.p1.psk_mismatch: the two pre-shared keys differ. The messages encrypted with keys derived
// from the PSK (MM5/MM6, AM2/AM3 hash) do not decrypt or verify on the other side; a device
// says so ("failed its sanity check", "decryption failed?", "mismatched pre-shared key"), or the
// initiator's MM5 goes unanswered while the responder silently drops it.
import { finding, ofKind, peerName, type Rule } from './rule.js';

export const pskMismatch: Rule = {
  id: 'ike.p1.psk_mismatch',
  looksFor: 'an encrypted phase-1 message that does not decrypt or verify, or MM5 retransmitted without an answer',
  check: (ctx) => {
    const s = ctx.session;
    if (s.phase1.outcome === 'established') return [];
    const failures = ofKind(ctx.events, 'ike.phase').filter((p) => p.phase === 1 && p.status === 'failed' && p.reason === 'psk');
    // a refused identity is an authentication failure too (ike.auth failed, phase 1 failed `id`), not a key mismatch
    const idRefused = ofKind(ctx.events, 'ike.phase').some((p) => p.phase === 1 && p.status === 'failed' && p.reason === 'id');
    const auth = idRefused ? [] : ofKind(ctx.events, 'ike.auth').filter((a) => a.result === 'failed');
    const mm5 = s.steps.find((x) => x.label === 'MM5' && x.dir === 'out' && x.retransmits > 0);
    const unanswered = mm5 && !s.steps.some((x) => x.label === 'MM6');
    if (!failures.length && !auth.length && !unanswered) return [];
    const evidence = [...failures, ...auth, ...ofKind(ctx.events, 'ike.msg').filter((m) => unanswered && m.exchange === 'main' && m.dir === 'out' && m.origin && 'line' in m.origin && mm5 && m.origin.line >= mm5.line)];
    const words = failures.find((f) => f.text)?.text ?? auth.find((a) => a.reason)?.reason;
    const detail = failures.length || auth.length
      ? `The pre-shared keys of this node and ${peerName(s)} differ: an encrypted phase-1 message did not decrypt or verify${words ? ` ("${words}")` : ''}.`
      : `${peerName(s)} never answered MM5 (sent ${mm5!.retransmits + 1} times): the peer cannot decrypt it, the classic sign of a pre-shared key mismatch.`;
    const peer = peerName(s);
    return [
      finding(ctx, 'ike.p1.psk_mismatch', detail, evidence.sort((a, b) => a.seq - b.seq), {
        note: 'Set the same pre-shared key on both peers.',
        ios: `crypto isakmp key <same-secret> address ${peer}`,
        asa: `tunnel-group ${peer} type ipsec-l2l\ntunnel-group ${peer} ipsec-attributes\n ikev1 pre-shared-key <same-secret>`,
        strongswan: `secrets {\n  ike-${peer.replace(/[^A-Za-z0-9]/g, '-')} {\n    id = ${peer}\n    secret = "<same-secret>"\n  }\n}`,
      }),
    ];
  },
};
