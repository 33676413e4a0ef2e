// ike.p1.id_mismatch: the identity the peer sent is not the one expected (typically a peer
// behind NAT sending its private address, or an FQDN where an address is configured).
import { ofKind, peerName, phaseFailureRule, deviceWords } from './rule.js';

export const idMismatch = phaseFailureRule({
  id: 'ike.p1.id_mismatch',
  phase: 1,
  reasons: ['id'],
  looksFor: 'phase 1 refused because of the identity the peer sent',
  detail: (ctx, f) => {
    const id = ofKind(ctx.events, 'ike.auth').find((a) => a.peerId)?.peerId;
    return `${peerName(ctx.session)} identified itself as ${id ? `${id.type} ${id.value}` : 'an identity'} that does not match the configuration.${deviceWords(f)}`;
  },
  fix: (ctx) => ({
    note: 'Match the identity the peer sends (or make it send the expected one).',
    ios: 'crypto isakmp identity address    ! or: crypto isakmp profile ... / match identity address <id>',
    asa: 'crypto isakmp identity address',
    strongswan: `connections.<conn>.remote.id = <the identity ${peerName(ctx.session)} sends>`,
  }),
});
