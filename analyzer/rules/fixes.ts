// Configuration snippets for fixes, in each device's own syntax, from canonical values.
import { vendorSpellings } from '../model/index.js';
import type { Proposal } from '../timeline.js';

const first = (xs: readonly string[]) => xs[0];

/** IOS `crypto isakmp policy` / ASA `crypto ikev1 policy` / strongSwan `proposals` matching a phase-1 proposal. */
export function phase1PolicyFix(p: Proposal): { ios: string; asa: string; strongswan: string } {
  const iosEnc = p.encryption ? first(vendorSpellings('cipher', p.encryption, 'ios', 'config').filter((w) => !w.startsWith('esp-'))) : undefined;
  const asaEnc = p.encryption ? first(vendorSpellings('cipher', p.encryption, 'asa', 'config').filter((w) => !w.startsWith('esp-'))) : undefined;
  const iosHash = p.hash ? first(vendorSpellings('hash', p.hash, 'ios', 'config')) : undefined;
  const asaHash = p.hash ? first(vendorSpellings('hash', p.hash, 'asa', 'config')) : undefined;
  const ios = ['crypto isakmp policy 10', iosEnc && ` encryption ${iosEnc}`, iosHash && ` hash ${iosHash}`, ' authentication pre-share', p.group !== undefined && ` group ${p.group}`, p.lifetimeSeconds !== undefined && ` lifetime ${p.lifetimeSeconds}`];
  const asa = ['crypto ikev1 policy 10', ' authentication pre-share', asaEnc && ` encryption ${asaEnc}`, asaHash && ` hash ${asaHash}`, p.group !== undefined && ` group ${p.group}`, p.lifetimeSeconds !== undefined && ` lifetime ${p.lifetimeSeconds}`];
  return { ios: lines(ios), asa: lines(asa), strongswan: `proposals = ${strongswanProposal(p)}` };
}

/** strongSwan's proposal keyword: `aes256-sha256-modp2048`. */
export function strongswanProposal(p: { encryption?: string; hash?: string; group?: number }): string {
  const enc = p.encryption ? first(vendorSpellings('cipher', p.encryption, 'strongswan', 'config')) ?? p.encryption : 'aes128';
  const hash = p.hash ? first(vendorSpellings('hash', p.hash, 'strongswan', 'config')) ?? p.hash : 'sha1';
  const group = p.group !== undefined ? first(vendorSpellings('group', p.group, 'strongswan', 'config')) ?? `modp${p.group}` : undefined;
  return [enc, hash, group].filter(Boolean).join('-');
}

function lines(xs: readonly (string | false | undefined)[]): string {
  return xs.filter((x): x is string => Boolean(x)).join('\n');
}
