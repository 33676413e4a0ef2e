// The NAT topology's pure parts (no root): the masquerade ruleset and key tables as seen beyond the
// NAT. That the router really masquerades is lab.e2e.test.ts (root).
import { describe, expect, it } from 'vitest';
import { fromHex } from '../crypto/bytes.js';
import { espSaRecord } from '../crypto/wireshark.js';
import { keysBeyondNat, LAB_NAT_PLAN, masqueradeRuleset } from './nat.js';
import { LAB_PLAN } from './netns.js';

describe('the NAT plan', () => {
  it('a private subnet for the initiator, the router on both, the responder and the inner hosts as in the default plan', () => {
    const { i, router } = LAB_NAT_PLAN;
    expect(i.outer).toBe('10.99.8.1');
    expect(router.inside.address).toBe('10.99.8.254');
    expect(router.outside.address).toBe('10.99.0.254');
    expect([i.inner, i.innerNet]).toEqual([LAB_PLAN.i.inner, LAB_PLAN.i.innerNet]);
    // the public side is the responder's subnet; nothing of the private one is in the default plan
    expect(router.outside.address.split('.').slice(0, 3)).toEqual(LAB_PLAN.r.outer.split('.').slice(0, 3));
    expect(Object.values(LAB_PLAN).some((n) => n.outer.startsWith('10.99.8.'))).toBe(false);
  });

  it('masquerades what leaves through the public interface, in the postrouting NAT hook', () => {
    const rules = masqueradeRuleset(LAB_NAT_PLAN.router.outside);
    expect(rules).toMatch(/type nat hook postrouting priority srcnat;/);
    expect(rules).toContain('oifname "veth-no" masquerade');
  });
});

describe('keysBeyondNat', () => {
  it('rewrites the private address of the ESP entries to the public one; IKE entries and other addresses unchanged', () => {
    const ike = [{ icookie: '32b4aa78dbe65f06', encKey: fromHex('23aab0ed69d36bd444c50938b5d347e5') }];
    const sa = { encryption: 'aes-cbc' as const, encKey: new Uint8Array(16).fill(1), integrity: 'hmac-sha1-96' as const, authKey: new Uint8Array(20).fill(2) };
    const esp = [
      { ...sa, src: '10.99.8.1', dst: '10.99.0.2', spi: fromHex('c0000001') },
      { ...sa, src: '10.99.0.2', dst: '10.99.8.1', spi: fromHex('c0000002') },
    ];
    const seen = keysBeyondNat({ ike, esp }, '10.99.8.1', '10.99.0.254');
    expect(seen.ike).toBe(ike);
    expect(seen.esp.map(espSaRecord)).toEqual([
      espSaRecord({ ...esp[0]!, src: '10.99.0.254' }),
      espSaRecord({ ...esp[1]!, dst: '10.99.0.254' }),
    ]);
    expect(keysBeyondNat({ ike, esp }, '10.99.7.7', '10.99.0.254').esp.map(espSaRecord)).toEqual(esp.map(espSaRecord));
  });
});
