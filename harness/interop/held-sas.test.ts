// The SAs a peer still holds after the teardown: charon's `swanctl --list-sas` (text captured in the
// lab from charon 5.9.8) and the reference engine's events (two engines, fake clock), and the check.
import { describe, expect, it } from 'vitest';
import { pair } from '../ikev1/pair.js';
import { policies } from '../ikev1/test-helpers.js';
import { heldCheck, heldFromEvents, parseSwanctlSas } from './held-sas.js';

/** A responder's `swanctl --list-sas` with one IKE_SA and its CHILD_SA (lab, MM AES-128/SHA-1/MODP-2048 + PFS 14). */
const ESTABLISHED = `lab: #1, ESTABLISHED, IKEv1, d7f3e8bca4842eec_i baffb687e6c16435_r*
  local  '10.99.0.2' @ 10.99.0.2[4500]
  remote '10.99.0.1' @ 10.99.0.1[4500]
  AES_CBC-128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048
  established 0s ago, rekeying in 13326s
  net: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA1_96/MODP_2048
    installed 0s ago, rekeying in 3263s, expires in 3960s
    in  efd94e0b,      0 bytes,     0 packets
    out fdd8179e,      0 bytes,     0 packets
    local  10.99.2.0/24
    remote 10.99.1.0/24
`;

/** The same after the initiator deleted the CHILD_SA (`swanctl --terminate --child net`). */
const CHILD_DELETED = `lab: #1, ESTABLISHED, IKEv1, d7f3e8bca4842eec_i baffb687e6c16435_r*
  local  '10.99.0.2' @ 10.99.0.2[4500]
  remote '10.99.0.1' @ 10.99.0.1[4500]
  AES_CBC-128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048
  established 1s ago, rekeying in 13325s
`;

const BASE = { psk: 'k', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }] } as const;

function established() {
  const pol = policies(BASE);
  const p = pair({ a: pol.a, b: pol.b, seed: 5 });
  p.a.initiate();
  p.settle();
  return p;
}

describe('SAs held after the teardown', () => {
  it("charon's list: IKE_SAs start a line, CHILD_SAs are indented; a deleted CHILD_SA is gone, nothing listed is nothing held", () => {
    expect(parseSwanctlSas(ESTABLISHED)).toEqual({ ike: 1, child: 1 });
    expect(parseSwanctlSas(CHILD_DELETED)).toEqual({ ike: 1, child: 0 });
    expect(parseSwanctlSas(ESTABLISHED + ESTABLISHED.replace('#1', '#2'))).toEqual({ ike: 2, child: 2 });
    expect(parseSwanctlSas('')).toEqual({ ike: 0, child: 0 });
    // an SA charon is still deleting is still held
    expect(parseSwanctlSas(ESTABLISHED.replace('ESTABLISHED', 'DELETING'))).toEqual({ ike: 1, child: 1 });
  });

  it("the engine's events: established → 1 and 1; a DELETE of the IPsec SAs (sent or received) → 1 and 0; of the ISAKMP SA → 0 and 0", () => {
    const p = established();
    expect(heldFromEvents(p.a.events)).toEqual({ ike: 1, child: 1 });
    expect(heldFromEvents(p.b.events)).toEqual({ ike: 1, child: 1 });
    expect(p.a.deleteChildSa(p.a.childSas()[0]!)).toBe(true);
    p.settle();
    expect(heldFromEvents(p.a.events)).toEqual({ ike: 1, child: 0 });
    expect(heldFromEvents(p.b.events)).toEqual({ ike: 1, child: 0 });
    // a new Quick Mode on the same ISAKMP SA, then the ISAKMP SA deleted by the responder (its IPsec SAs first)
    p.a.startQuickMode(p.a.isakmpSas()[0]!);
    p.settle();
    expect(heldFromEvents(p.b.events)).toEqual({ ike: 1, child: 1 });
    expect(p.b.deleteIsakmpSa(p.b.isakmpSas()[0]!)).toBe(true);
    p.settle();
    expect(heldFromEvents(p.a.events)).toEqual({ ike: 0, child: 0 });
    expect(heldFromEvents(p.b.events)).toEqual({ ike: 0, child: 0 });
  });

  it("the engine's events: an ISAKMP SA that expired leaves its IPsec SAs (IKEv1); a pair that reached its hard lifetime is not held", () => {
    const pol = policies({ psk: 'k', ike: [{ ...BASE.ike[0], lifetimeSeconds: 600 }], esp: [{ ...BASE.esp[0], lifetimeSeconds: 1200 }] });
    const p = pair({ a: { ...pol.a, rekey: false }, b: { ...pol.b, rekey: false }, seed: 5 });
    p.a.initiate();
    p.clock.advance(5_000);
    expect(heldFromEvents(p.a.events)).toEqual({ ike: 1, child: 1 });
    p.clock.advance(600_000);
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('DELETED');
    expect(heldFromEvents(p.a.events)).toEqual({ ike: 0, child: 1 });
    p.clock.advance(600_000);
    expect(p.a.childSas()).toEqual([]);
    expect(heldFromEvents(p.a.events)).toEqual({ ike: 0, child: 0 });
  });

  it('the check passes on the expected counts and fails on others, or when the peer cannot list its SAs', () => {
    expect(heldCheck('responder', { ike: 0, child: 0 }, { ike: 0, child: 0 })).toEqual({ name: 'responder SAs held after the teardown', ok: true, expected: '0 IKE SAs, 0 CHILD_SAs', got: '0 IKE SAs, 0 CHILD_SAs' });
    // charon did not remove its SAs (our DELETE absent or ignored): the check fails
    expect(heldCheck('responder', { ike: 0, child: 0 }, parseSwanctlSas(ESTABLISHED))).toMatchObject({ ok: false, got: '1 IKE SA, 1 CHILD_SA' });
    expect(heldCheck('initiator', { ike: 1, child: 0 }, parseSwanctlSas(ESTABLISHED))).toMatchObject({ ok: false, expected: '1 IKE SA, 0 CHILD_SAs' });
    expect(heldCheck('initiator', { ike: 1, child: 0 }, parseSwanctlSas(CHILD_DELETED)).ok).toBe(true);
    expect(heldCheck('initiator', { ike: 0, child: 0 }, null)).toMatchObject({ ok: false, got: 'unknown (this peer cannot list its SAs)' });
  });
});
