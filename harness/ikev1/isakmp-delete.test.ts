/**
 * A DELETE for the ISAKMP SA alone, between two engines on the fake clock: the ISAKMP SA ends, its
 * IPsec SAs live on and are rekeyed later on another ISAKMP SA. This is strongSwan's IKEv1
 * re-authentication as the interop lab shows it (ref-i-rekey-p1): charon, the responder of the
 * first ISAKMP SA, starts a new Main Mode, keeps the CHILD_SA on the new IKE_SA, and deletes the
 * old ISAKMP SA — with no DELETE for the IPsec SAs. The receiver ends that ISAKMP SA fully: its DPD
 * and the retransmissions of its exchanges stop with it.
 */
import { describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { ofKind, PROTOCOL_IDS, type Event } from '../../analyzer/model/index.js';
import { runRules } from '../../analyzer/rules/index.js';
// the engine first: informational.ts imported before it would see the handler table half built (an import cycle)
import { Ikev1Engine, pair, type ChildSa, type EspProposal, type IkeProposal, type IsakmpSa, type Pair, type Policy } from './index.js';
import { cookies, runLocal } from './informational.js';

const IKE: IkeProposal = { cipher: 'aes128', hash: 'sha1', group: 14 };
const ESP: EspProposal = { cipher: 'aes128', integrity: 'sha1', lifetimeSeconds: 9000 };
const A: Policy = { psk: 'k', ike: [{ ...IKE, lifetimeSeconds: 86400 }], esp: [ESP], localAddress: '10.0.0.1', peerAddress: '10.0.0.2', proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } };
// B's shorter ISAKMP lifetime applies to both (the responder takes the shorter one): B, the first SA's responder, starts the next phase 1
const B: Policy = { psk: 'k', ike: [{ ...IKE, lifetimeSeconds: 7200 }], esp: [ESP], localAddress: '10.0.0.2', peerAddress: '10.0.0.1', proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } };

/** An Informational DELETE naming only the ISAKMP SA's cookies, as charon sends it after re-authenticating (from B unless `from` says). */
function deleteIsakmpOnly(p: Pair, sa: IsakmpSa, from: Ikev1Engine = p.b): void {
  expect(runLocal(from, sa, 'informational', 'deletes-isakmp-sa', [{ type: 'D', doi: 1, protocol: PROTOCOL_IDS.valueOf('isakmp'), spiSize: 16, spis: [cookies(sa)] }])).toBe(true);
  p.clock.advance(100);
}

/** A and B with phase 1 and A's Quick Mode up after a second: the pair of engines, A's ISAKMP SA and A's IPsec SA pair. */
function established(a: Policy, b: Policy, seed: number): { p: Pair; sa1: IsakmpSa; pairBefore: ChildSa } {
  const p = pair({ a, b, seed });
  p.a.initiate();
  p.clock.advance(1_000);
  expect(p.a.childSas()).toHaveLength(1);
  return { p, sa1: p.a.isakmpSas()[0]!, pairBefore: p.a.childSas()[0]! };
}

const errors = (events: readonly Event[]) =>
  correlate(events, 'ikelens-engine').sessions.flatMap((s) => runRules(s.session, s.events, () => undefined)).filter((f) => f.severity === 'error').map((f) => f.id);
const quickStarts = (events: readonly Event[]) => ofKind(events, 'ike.phase').filter((e) => e.phase === 2 && e.status === 'started').length;
const DPD = { intervalSeconds: 10, retries: 2, retryIntervalSeconds: 2, mode: 'periodic' } as const;
const after = (events: readonly Event[], seq: number) => events.filter((e) => e.seq > seq);
const probesOut = (events: readonly Event[]) => ofKind(events, 'ike.dpd').filter((d) => d.step === 'r-u-there' && d.dir === 'out');

describe('a DELETE for the ISAKMP SA alone', () => {
  it('after the peer re-authenticated: the old ISAKMP SA is DELETED, the IPsec pair stays and is rekeyed on the new ISAKMP SA', () => {
    const { p, sa1, pairBefore } = established(A, B, 11);
    p.clock.advance(7_200_000 * 0.975 + 1_000); // B's soft point (responder: 97.5 %): B initiates a new Main Mode, no Quick Mode
    expect(p.a.isakmpSas().map((s) => [s.role, s.p1.state])).toEqual([['initiator', 'MAIN_I4'], ['responder', 'MAIN_R3']]);
    deleteIsakmpOnly(p, p.b.isakmpSas()[0]!);
    expect(sa1.p1.state).toBe('DELETED');
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
    const { p, sa1 } = established(A, { ...B, ike: [{ ...IKE, lifetimeSeconds: 86400 }] }, 12);
    deleteIsakmpOnly(p, p.b.isakmpSas()[0]!);
    expect(sa1.p1.state).toBe('DELETED');
    expect(p.a.childSas()).toHaveLength(1);
    p.clock.advance(9_000_000 * 0.85 + 5_000 - p.clock.now());
    const sas = p.a.isakmpSas();
    expect(sas.map((s) => [s.role, s.p1.state])).toEqual([['initiator', 'DELETED'], ['initiator', 'MAIN_I4']]);
    expect(p.a.childSas().at(-1)!.conn).toBe(sas[1]!.conn);
    expect(quickStarts(p.a.events)).toBe(2);
    expect(errors(p.a.events)).toEqual([]);
  });

  it('ends DPD on the receiver: a probe round under way stops (no peer-dead verdict later), no idle check is left, the pair stays', () => {
    const { p, sa1, pairBefore } = established({ ...A, dpd: DPD }, { ...B, dpd: DPD }, 13);
    // B's answers are lost: A probes after 10 s idle, then twice more 2 s apart; its verdict would come 2 s after the third
    p.net.filter = (d) => d.from.address === B.localAddress;
    p.clock.advance(10_000 + 2 * 2_000 + 500);
    expect(probesOut(p.a.events)).toHaveLength(3);
    p.net.filter = undefined;
    const mark = p.a.events.at(-1)!.seq;
    deleteIsakmpOnly(p, p.b.isakmpSas()[0]!);
    expect(sa1.p1.state).toBe('DELETED');
    p.clock.advance(60_000);
    // before the fix: A declared B dead 2 s after its third probe and tore the pair down with the SA
    expect(ofKind(after(p.a.events, mark), 'ike.phase')).toEqual([]);
    expect(probesOut(after(p.a.events, mark))).toEqual([]);
    expect(ofKind(after(p.a.events, mark), 'ike.state').map((e) => e.canonical)).toEqual(['DELETED']);
    expect(p.a.childSas()).toEqual([pairBefore]);
    // no DPD timer (idle check, probe retry) is left: only the pair's background lifetimes
    expect(p.clock.pending()).toBe(0);
    expect(p.clock.pending(true)).toBe(p.a.lifetimes.armed);
  });

  it('ends the exchanges on the receiver: a Quick Mode waiting for QM2 is not retransmitted on the deleted SA, the pair stays', () => {
    const { p, sa1, pairBefore } = established(A, B, 14);
    p.net.filter = (d) => d.from.address === A.localAddress; // A's QM1 is lost: A waits in QUICK_I1, retransmitting
    const q = p.a.startQuickMode(sa1)!;
    expect(q.state).toBe('QUICK_I1');
    p.clock.advance(500);
    const mark = p.a.events.at(-1)!.seq;
    deleteIsakmpOnly(p, p.b.isakmpSas()[0]!);
    expect(sa1.p1.state).toBe('DELETED');
    p.clock.advance(120_000);
    // before the fix: QM1 went out again 1, 2, 4 and 8 s later on the deleted SA
    expect(ofKind(after(p.a.events, mark), 'ike.msg').filter((m) => m.dir === 'out')).toEqual([]);
    expect(q.timer).toBeUndefined();
    expect(p.a.childSas()).toEqual([pairBefore]);
    expect(p.clock.pending()).toBe(0);
  });

  it('a rekey Quick Mode under way when the DELETE comes fails at once and is tried again, on a new phase 1', () => {
    const { p, sa1, pairBefore: old } = established(A, { ...B, ike: [{ ...IKE, lifetimeSeconds: 86400 }] }, 15);
    p.net.filter = (d) => d.from.address === A.localAddress; // the rekey's QM1 is lost
    p.a.childSaExpiring(old, 'soft', 'soft lifetime (test)');
    const q = [...sa1.quick.values()].at(-1)!;
    expect(q.state).toBe('QUICK_I1');
    p.net.filter = undefined;
    deleteIsakmpOnly(p, p.b.isakmpSas()[0]!);
    // the Quick Mode cannot complete on the deleted SA: failed now (no retransmission), the rekey retried RETRY_FIRST_MS later
    expect(q.state).toBe('P2_FAILED');
    expect(ofKind(p.a.events, 'ike.phase').filter((e) => e.phase === 2 && e.status === 'failed')).toMatchObject([{ reason: 'deleted', msgid: q.msgid }]);
    p.clock.advance(20_000);
    const sas = p.a.isakmpSas();
    expect(sas.map((s) => s.p1.state)).toEqual(['DELETED', 'MAIN_I4']);
    expect(p.a.childSas().at(-1)!.conn).toBe(sas[1]!.conn);
    expect(p.a.childSas().at(-1)!.inboundSpi).toBe(p.b.childSas().at(-1)!.outboundSpi);
  });

  it('INITIAL-CONTACT from the restarted peer removes the pair that outlived its deleted ISAKMP SA', () => {
    const { p } = established(A, B, 16);
    const [old] = p.b.isakmpSas();
    const orphan = p.b.childSas()[0]!;
    deleteIsakmpOnly(p, p.a.isakmpSas()[0]!, p.a);
    expect(old!.p1.state).toBe('DELETED');
    expect(p.b.childSas()).toEqual([orphan]);
    // A restarts (a new engine on its address) and says INITIAL-CONTACT in MM5
    const a2 = new Ikev1Engine({ node: 'A', policy: { ...A, initialContact: true }, clock: p.clock, seed: 4243, send: (d) => p.net.send(d) });
    p.net.attach(A.localAddress, (bytes, from, to) => a2.receive(bytes, from, to));
    a2.initiate();
    p.settle(10_000);
    // before the fix B kept the orphan next to the new pair: two pairs for the same traffic, one with keys A no longer has
    expect(p.b.childSas()).toHaveLength(1);
    expect(p.b.childSas()[0]!.outboundSpi).toBe(a2.childSas()[0]!.inboundSpi);
    expect(ofKind(p.b.events, 'ike.delete').map((d) => `${d.protocol}:${d.sa?.conn === old!.conn}:${d.reason ?? ''}`)).toEqual(['isakmp:true:', 'esp:true:INITIAL-CONTACT from the peer']);
    expect(old!.p1.state).toBe('DELETED');
    expect(errors(p.b.events)).toEqual([]);
  });
});
