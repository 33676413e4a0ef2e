/**
 * A DELETE for the ISAKMP SA alone, between two engines on the fake clock: the ISAKMP SA ends, its
 * IPsec SAs live on and are rekeyed later on another ISAKMP SA. This is strongSwan's IKEv1
 * re-authentication as the interop lab shows it (ref-i-rekey-p1): charon, the responder of the
 * first ISAKMP SA, starts a new Main Mode, keeps the CHILD_SA on the new IKE_SA, and deletes the
 * old ISAKMP SA — with no DELETE for the IPsec SAs.
 */
import { describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { ofKind, PROTOCOL_IDS, type Event } from '../../analyzer/model/index.js';
import { runRules } from '../../analyzer/rules/index.js';
// the engine first: informational.ts imported before it would see the handler table half built (an import cycle)
import { pair, type EspProposal, type IkeProposal, type IsakmpSa, type Pair, type Policy } from './index.js';
import { cookies, runLocal } from './informational.js';

const IKE: IkeProposal = { cipher: 'aes128', hash: 'sha1', group: 14 };
const ESP: EspProposal = { cipher: 'aes128', integrity: 'sha1', lifetimeSeconds: 9000 };
const A: Policy = { psk: 'k', ike: [{ ...IKE, lifetimeSeconds: 86400 }], esp: [ESP], localAddress: '10.0.0.1', peerAddress: '10.0.0.2', proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } };
// B's shorter ISAKMP lifetime applies to both (the responder takes the shorter one): B, the first SA's responder, starts the next phase 1
const B: Policy = { psk: 'k', ike: [{ ...IKE, lifetimeSeconds: 7200 }], esp: [ESP], localAddress: '10.0.0.2', peerAddress: '10.0.0.1', proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } };

/** An Informational DELETE naming only the ISAKMP SA's cookies, as charon sends it after re-authenticating. */
function deleteIsakmpOnly(p: Pair, sa: IsakmpSa): void {
  expect(runLocal(p.b, sa, 'informational', 'deletes-isakmp-sa', [{ type: 'D', doi: 1, protocol: PROTOCOL_IDS.valueOf('isakmp'), spiSize: 16, spis: [cookies(sa)] }])).toBe(true);
  p.clock.advance(100);
}

const errors = (events: readonly Event[]) =>
  correlate(events, 'ikelens-engine').sessions.flatMap((s) => runRules(s.session, s.events, () => undefined)).filter((f) => f.severity === 'error').map((f) => f.id);
const quickStarts = (events: readonly Event[]) => ofKind(events, 'ike.phase').filter((e) => e.phase === 2 && e.status === 'started').length;

describe('a DELETE for the ISAKMP SA alone', () => {
  it('after the peer re-authenticated: the old ISAKMP SA is DELETED, the IPsec pair stays and is rekeyed on the new ISAKMP SA', () => {
    const p = pair({ a: A, b: B, seed: 11 });
    p.a.initiate();
    p.settle(10_000);
    const [sa1] = p.a.isakmpSas();
    const pairBefore = p.a.childSas()[0]!;
    p.clock.advance(7_200_000 * 0.975 + 1_000); // B's soft point (responder: 97.5 %): B initiates a new Main Mode, no Quick Mode
    expect(p.a.isakmpSas().map((s) => [s.role, s.p1.state])).toEqual([['initiator', 'MAIN_I4'], ['responder', 'MAIN_R3']]);
    deleteIsakmpOnly(p, p.b.isakmpSas()[0]!);
    expect(sa1!.p1.state).toBe('DELETED');
    expect(ofKind(p.a.events, 'ike.delete').map((d) => `${d.dir}:${d.protocol}`)).toEqual(['in:isakmp']);
    // the pair lives on, unchanged (before the fix it went with the ISAKMP SA)
    expect(p.a.childSas()).toEqual([pairBefore]);
    // A, initiator of the pair, rekeys it at 80–85 % of 9000 s on the ISAKMP SA that is left
    p.clock.advance(9_000_000 * 0.85 + 1_000 - p.clock.now());
    const sa2 = p.a.isakmpSas()[1]!;
    expect(quickStarts(p.a.events)).toBe(2);
    expect(p.a.childSas().at(-1)!.conn).toBe(sa2.conn);
    expect(p.a.childSas().at(-1)!.inboundSpi).toBe(p.b.childSas().at(-1)!.outboundSpi);
    expect(errors(p.a.events)).toEqual([]);
  });

  it('with no other ISAKMP SA: the pair stays; its rekey starts a new phase 1 first, then the Quick Mode on it', () => {
    const p = pair({ a: A, b: { ...B, ike: [{ ...IKE, lifetimeSeconds: 86400 }] }, seed: 12 });
    p.a.initiate();
    p.settle(10_000);
    const [sa1] = p.a.isakmpSas();
    deleteIsakmpOnly(p, p.b.isakmpSas()[0]!);
    expect(sa1!.p1.state).toBe('DELETED');
    expect(p.a.childSas()).toHaveLength(1);
    p.clock.advance(9_000_000 * 0.85 + 5_000 - p.clock.now());
    const sas = p.a.isakmpSas();
    expect(sas.map((s) => [s.role, s.p1.state])).toEqual([['initiator', 'DELETED'], ['initiator', 'MAIN_I4']]);
    expect(p.a.childSas().at(-1)!.conn).toBe(sas[1]!.conn);
    expect(quickStarts(p.a.events)).toBe(2);
    expect(errors(p.a.events)).toEqual([]);
  });
});
