// ike.p2.pfs_mismatch: one side wants PFS (a DH group in Quick Mode) and the other does not, or
// the groups differ. Only the responder can tell; the initiator sees NO_PROPOSAL_CHOSEN.
import { describeQuickMode, failedQuickModes } from './phase2.js';
import { deviceWords, ofKind, phaseFailureRule } from './rule.js';

export const pfsMismatch = phaseFailureRule({
  id: 'ike.p2.pfs_mismatch',
  phase: 2,
  reasons: ['pfs'],
  looksFor: 'Quick Mode refused because of the PFS group (the device names the DH group / key exchange method)',
  also: (ctx) => ofKind(ctx.events, 'ike.proposal').filter((p) => p.phase === 2 && p.stage === 'rejected'),
  detail: (ctx, f) => {
    const groups = [...new Set(ofKind(ctx.events, 'ike.proposal').filter((p) => p.phase === 2 && p.attrs.pfsGroup !== undefined).map((p) => `${p.source ?? 'a'} side: ${p.attrs.pfsGroup ? `group ${p.attrs.pfsGroup}` : 'no PFS'}`))];
    return `The PFS setting differs between the peers for ${describeQuickMode(failedQuickModes(ctx.session)[0])}${groups.length ? ` (${groups.join('; ')})` : ''}.${deviceWords(f)}`;
  },
  fix: () => ({
    note: 'Use the same PFS group on both peers, or none on both.',
    ios: 'crypto map <map> <seq> ipsec-isakmp\n set pfs group14    ! or: no set pfs',
    asa: 'crypto map <map> <seq> set pfs group14    ! or: no crypto map <map> <seq> set pfs',
    strongswan: 'connections.<conn>.children.<child>.esp_proposals = aes128-sha1-modp2048    # a DH group here means PFS; drop it for none',
  }),
});
