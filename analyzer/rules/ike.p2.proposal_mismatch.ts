// ike.p2.proposal_mismatch: no IPsec proposal (transform set) matched.
import { vendorSpellings } from '../model/index.js';
import { describeQuickMode, failedQuickModes, refuser } from './phase2.js';
import { deviceWords, ofKind, peerName, phaseFailureRule } from './rule.js';

export const p2ProposalMismatch = phaseFailureRule({
  id: 'ike.p2.proposal_mismatch',
  phase: 2,
  reasons: ['proposal'],
  looksFor: 'Quick Mode refused because no IPsec transform matched (NO_PROPOSAL_CHOSEN in phase 2)',
  also: (ctx) => [...ofKind(ctx.events, 'ike.proposal').filter((p) => p.phase === 2 && p.stage === 'rejected'), ...ofKind(ctx.events, 'ike.notify').filter((n) => n.type === 'NO_PROPOSAL_CHOSEN')],
  detail: (ctx, f) => {
    const offered = ofKind(ctx.events, 'ike.proposal').find((p) => p.phase === 2 && p.stage !== 'accepted')?.attrs;
    const words = offered ? [offered.encryption, offered.hash, offered.pfsGroup ? `PFS group ${offered.pfsGroup}` : undefined].filter(Boolean) : [];
    const what = words.length ? ` (offered ${words.join(', ')})` : '';
    const q = failedQuickModes(ctx.session)[0];
    return `No IPsec transform of ${describeQuickMode(q)} was accepted by ${refuser(ctx.session, q)}${what}; ${peerName(ctx.session)} and this node have no transform set in common.${deviceWords(f)}`;
  },
  fix: (ctx) => {
    const offered = ofKind(ctx.events, 'ike.proposal').find((p) => p.phase === 2 && p.stage !== 'accepted')?.attrs;
    const enc = offered?.encryption ? vendorSpellings('cipher', offered.encryption, 'ios', 'config').find((w) => w.startsWith('esp-')) : undefined;
    const asaEnc = offered?.encryption ? vendorSpellings('cipher', offered.encryption, 'asa', 'config').find((w) => w.startsWith('esp-')) : undefined;
    const iosHash = offered?.hash ? vendorSpellings('hash', offered.hash, 'ios', 'config').find((w) => w.startsWith('esp-')) : undefined;
    const asaHash = offered?.hash ? vendorSpellings('hash', offered.hash, 'asa', 'config').find((w) => w.startsWith('esp-')) : undefined;
    return {
      note: 'Give both peers a transform set with the same encryption and integrity.',
      ios: `crypto ipsec transform-set <name> ${enc ?? '<esp-cipher>'} ${iosHash ?? '<esp-hmac>'}\ncrypto map <map> <seq> ipsec-isakmp\n set transform-set <name>`,
      asa: `crypto ipsec ikev1 transform-set <name> ${asaEnc ?? '<esp-cipher>'} ${asaHash ?? '<esp-hmac>'}\ncrypto map <map> <seq> set ikev1 transform-set <name>`,
      strongswan: `connections.<conn>.children.<child>.esp_proposals = ${[offered?.encryption ?? 'aes128', offered?.hash ?? 'sha1'].join('-')}`,
    };
  },
});
