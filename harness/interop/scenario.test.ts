// Scenario files: every file in scenarios/ loads; a wrong one is refused with one sentence that
// names the file and the field; --filter takes substrings and globs.
import { describe, expect, it } from 'vitest';
import { loadScenarios, matchesFilter, parseScenario, ScenarioError } from './scenario.js';

const good = {
  description: 'd',
  both: { kind: 'strongswan', mode: 'main', ike: [{ encryption: 'aes128', hash: 'sha1', group: 14 }], esp: [{ encryption: 'aes128', integrity: 'sha1' }], pfsGroup: null, psk: 'x' },
  responder: { psk: 'y' },
  expect: { initiator: { outcome: 'failed', findings: ['ike.p1.psk_mismatch'] }, responder: { outcome: 'failed', findings: [] }, ping: false },
};

describe('scenarios', () => {
  it('all scenario files load, with distinct names, and cover the matrix of this wave', () => {
    const all = loadScenarios();
    expect(all.length).toBeGreaterThanOrEqual(14);
    const names = all.map((s) => s.name);
    for (const n of ['fail-psk-mismatch', 'fail-p1-proposal-mismatch', 'fail-p2-proposal-mismatch', 'fail-pfs-mismatch', 'fail-ts-mismatch', 'fail-no-response', 'am-xauth-modecfg'])
      expect(names).toContain(n);
    expect(all.some((s) => s.initiator.mode === 'aggressive' && !s.initiator.xauth)).toBe(true);
    expect(all.some((s) => s.initiator.ike.some((p) => p.encryption === '3des'))).toBe(true);
    expect(all.some((s) => s.initiator.ike.some((p) => p.group === 19))).toBe(true);
    expect(all.some((s) => s.initiator.pfsGroup === null && s.expect.ping)).toBe(true);
    // issue 6's last scenarios: rekey, DPD alive and dead, delete
    for (const n of ['ref-i-rekey-p2', 'ref-i-dpd-alive', 'ref-i-dpd-dead', 'ref-r-delete-by-charon', 'ref-r-dpd-alive', 'ref-r-dpd-by-engine', 'ref-r-dpd-dead', 'ref-i-nat-real', 'ref-r-nat-real']) expect(names).toContain(n);
    // the engine deletes, charon removes its SAs: both roles, and the IPsec SAs alone
    for (const n of ['ref-i-delete-by-reference', 'ref-r-delete-by-reference', 'ref-i-delete-ipsec-by-reference']) expect(names).toContain(n);
    const byRef = all.find((s) => s.name === 'ref-r-delete-by-reference')!;
    expect([byRef.expect.terminateBy, byRef.expect.initiator.remaining]).toEqual(['responder', { ike: 0, child: 0 }]);
    expect(all.find((s) => s.name === 'ref-i-delete-ipsec-by-reference')!.expect.responder.remaining).toEqual({ ike: 1, child: 0 });
    // phase-1 rekey (charon re-authenticates) with the engine in both roles
    for (const n of ['ref-i-rekey-p1', 'ref-r-rekey-p1']) expect(all.find((s) => s.name === n)?.expect.initiator.ikeSas?.length).toBe(2);
  });

  it('`both` is shared, a side overrides it', () => {
    const s = parseScenario('x', JSON.stringify(good));
    expect([s.initiator.psk, s.responder.psk]).toEqual(['x', 'y']);
    expect(s.responder.mode).toBe('main');
  });

  it('the teardown fields: who terminates, what, and the SAs each side holds after it', () => {
    const doc = { ...good, expect: { ...good.expect, terminateBy: 'responder', terminateWhat: 'ipsec', responder: { outcome: 'failed', findings: [], remaining: { ike: 1, child: 0 } } } };
    const s = parseScenario('x', JSON.stringify(doc));
    expect([s.expect.terminateBy, s.expect.terminateWhat, s.expect.responder.remaining, s.expect.initiator.remaining]).toEqual(['responder', 'ipsec', { ike: 1, child: 0 }, undefined]);
    // absent: the initiator terminates everything, nothing is counted
    const plain = parseScenario('x', JSON.stringify(good));
    expect([plain.expect.terminateBy, plain.expect.terminateWhat]).toEqual([undefined, undefined]);
  });

  it('`nat` puts the initiator behind the lab\'s NAT; a side\'s `nat` facts are read as given', () => {
    expect(parseScenario('x', JSON.stringify(good)).nat).toBeUndefined();
    const s = parseScenario('x', JSON.stringify({ ...good, nat: true, expect: { ...good.expect, initiator: { ...good.expect.initiator, nat: ['local behind NAT', 'floated to 4500'] } } }));
    expect(s.nat).toBe(true);
    expect(s.expect.initiator.nat).toEqual(['local behind NAT', 'floated to 4500']);
    expect(loadScenarios(undefined, 'nat-real').every((x) => x.nat === true)).toBe(true);
  });

  it.each([
    [{ ...good, expect: { ...good.expect, terminateBy: 'both' } }, /x: expect.terminateBy must be "initiator" or "responder"/],
    [{ ...good, expect: { ...good.expect, terminateWhat: 'isakmp' } }, /x: expect.terminateWhat must be "all" or "ipsec"/],
    [{ ...good, expect: { ...good.expect, responder: { outcome: 'failed', findings: [], remaining: { ike: 0 } } } }, /x: expect.responder.remaining must be \{ "ike": N, "child": N \}/],
    [{ ...good, expect: { ...good.expect, initiator: { outcome: 'failed', findings: [], remaining: { ike: -1, child: 0 } } } }, /x: expect.initiator.remaining must be/],
    [{ ...good, expect: { ...good.expect, initiator: { outcome: 'failed', findings: [], remaining: { ike: 0, child: 0, esp: 0 } } } }, /x: expect.initiator.remaining must be/],
    [{ ...good, expect: { ...good.expect, initiator: { outcome: 'failed', findings: [], remaining: 0 } } }, /x: expect.initiator.remaining must be/],
    [{ ...good, both: { ...good.both, mode: 'quick' } }, /x: initiator: mode must be/],
    [{ ...good, both: { ...good.both, ike: [{ encryption: 'rot13', hash: 'sha1', group: 14 }] } }, /x: initiator: ike proposal/],
    [{ ...good, both: { ...good.both, pfsGroup: 7 } }, /pfsGroup must be/],
    [{ ...good, expect: { ...good.expect, responder: { outcome: 'maybe', findings: [] } } }, /x: expect.responder.outcome must be one of/],
    [{ ...good, expect: { ...good.expect, ping: 'yes' } }, /x: expect.ping must be true or false/],
    [{ ...good, description: undefined }, /x: description is missing/],
    [{ ...good, initiator: { kind: 'reference', childRekeyS: 10 } }, /x: initiator: childRekeyS is a strongSwan child rekey time/],
    [{ ...good, both: { ...good.both, dpdS: 5 } }, /x: initiator: dpdS is the DPD idle time/],
    [{ ...good, initiator: { kind: 'reference', ikeRekeyS: 10 } }, /x: initiator: ikeRekeyS is a strongSwan IKE_SA rekey/],
    [{ ...good, responder: { ikeRekeyS: 4 } }, /x: responder: ikeRekeyS is a strongSwan IKE_SA rekey/],
    [{ ...good, responder: { ikeOverS: 2 } }, /x: responder: ikeOverS is the strongSwan IKE_SA over_time after ikeRekeyS/],
    [{ ...good, responder: { ikeRekeyS: 10, ikeOverS: 0 } }, /x: responder: ikeOverS is the strongSwan IKE_SA over_time/],
    [{ ...good, expect: { ...good.expect, ping: true, newSasAfterHold: true } }, /x: expect.newSasAfterHold must be true, with holdS and without silence/],
    [{ ...good, initiator: { kind: 'strongswan', ipsecLifetimeS: 20 } }, /x: initiator: ipsecLifetimeS is a reference engine lifetime/],
    [{ ...good, initiator: { kind: 'reference', ikeLifetimeS: 9 } }, /x: initiator: ikeLifetimeS is a reference engine lifetime, a whole number of seconds from 10 to 86400/],
    [{ ...good, expect: { ...good.expect, responder: { outcome: 'failed', findings: [], ikeSas: [] } } }, /x: expect.responder.ikeSas must be a non-empty list of label lists/],
    [{ ...good, expect: { ...good.expect, responder: { outcome: 'failed', findings: [], ikeSas: ['MM1'] } } }, /x: expect.responder.ikeSas must be a non-empty list of label lists/],
    [{ ...good, expect: { ...good.expect, holdS: 10 } }, /x: expect.holdS must be a number of seconds, with ping true/],
    [{ ...good, expect: { ...good.expect, ping: true, silence: 'responder' } }, /x: expect.silence must be "initiator" or "responder", with holdS/],
    [{ ...good, expect: { ...good.expect, responder: { outcome: 'failed', findings: [], deletes: ['DELETE'] } } }, /x: expect.responder.deletes must be a list/],
    [{ ...good, expect: { ...good.expect, responder: { outcome: 'failed', findings: [], dpd: ['R-U-THERE'] } } }, /x: expect.responder.dpd must be a list of DPD labels/],
    [{ ...good, nat: 'yes' }, /x: nat must be true or false/],
    [{ ...good, expect: { ...good.expect, natKeepalives: true } }, /x: expect.natKeepalives must be true or false, with nat true/],
    [{ ...good, both: { ...good.both, natKeepaliveS: 2 } }, /x: initiator: natKeepaliveS is the NAT keepalive interval/],
    [{ ...good, expect: { ...good.expect, initiator: { outcome: 'failed', findings: [], nat: ['behind NAT'] } } }, /x: expect.initiator.nat must be a list of "local behind NAT", "peer behind NAT", "floated to 4500", "no NAT"/],
    [{ ...good, expect: { ...good.expect, responder: { outcome: 'failed', findings: [], dpd: ['DPD-ACK out', 'DPD-R-U-THERE'] } } }, /x: expect.responder.dpd gives a direction \(in \/ out\) to all labels or to none/],
  ])('refuses a wrong scenario with one sentence (%#)', (doc, message) => {
    expect(() => parseScenario('x', JSON.stringify(doc))).toThrow(ScenarioError);
    expect(() => parseScenario('x', JSON.stringify(doc))).toThrow(message);
  });

  it('reads the phase-1 rekey fields and the IKE SAs expectation', () => {
    const s = parseScenario('x', JSON.stringify({ ...good, responder: { ikeRekeyS: 10, ikeOverS: 2 }, expect: { ...good.expect, responder: { outcome: 'failed', findings: [], ikeSas: [['MM1'], ['MM1', 'MM2']] } } }));
    expect([s.responder.ikeRekeyS, s.responder.ikeOverS, s.initiator.ikeRekeyS]).toEqual([10, 2, undefined]);
    expect(s.expect.responder.ikeSas).toEqual([['MM1'], ['MM1', 'MM2']]);
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseScenario('x', '{')).toThrow(/^x: not JSON/);
  });

  it('filters by substring or glob', () => {
    expect(matchesFilter('mm-psk-3des-sha1-modp1024-nopfs', '3des')).toBe(true);
    expect(matchesFilter('mm-psk-3des-sha1-modp1024-nopfs', 'mm-*-nopfs')).toBe(true);
    expect(matchesFilter('am-psk-3des-sha1-modp1024-nopfs', 'mm-*')).toBe(false);
    expect(loadScenarios(undefined, 'fail-*').every((s) => s.name.startsWith('fail-'))).toBe(true);
  });
});
