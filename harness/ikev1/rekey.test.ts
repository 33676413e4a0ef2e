/**
 * Lifetimes and rekeying between two engines on the fake clock: phase 2 by time and (through the
 * ESP data plane) by kilobytes, phase 1, RESPONDER-LIFETIME, and expiry with nothing left behind.
 */
import { describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { runRules } from '../../analyzer/rules/index.js';
import { ofKind, type Event } from '../../analyzer/model/events.js';
import { buildIcmpPacket, EspDataPlane } from '../esp/index.js';
import { toHex } from '../crypto/index.js';
import { DataPlaneLink, pair, SOFT_BASE, SOFT_JITTER, type EspProposal, type IkeProposal, type Pair, type Policy } from './index.js';

type Base = Omit<Policy, 'localAddress' | 'peerAddress' | 'proxies'>;

function policies(a: Base, b: Base = a): { a: Policy; b: Policy } {
  return {
    a: { ...a, localAddress: '10.0.0.1', peerAddress: '10.0.0.2', proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } },
    b: { ...b, localAddress: '10.0.0.2', peerAddress: '10.0.0.1', proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } },
  };
}

const IKE: IkeProposal = { cipher: 'aes128', hash: 'sha1', group: 14 };
const ESP: EspProposal = { cipher: 'aes128', integrity: 'sha1' };

function sessions(events: readonly Event[]) {
  return correlate(events, 'ikelens-engine').sessions.map((s) => ({ ...s, findings: runRules(s.session, s.events, () => undefined).map((f) => f.id) }));
}

const spiHex = (n: number) => n.toString(16).padStart(8, '0');
const started = (events: readonly Event[], phase: 1 | 2) => ofKind(events, 'ike.phase').filter((e) => e.phase === phase && e.status === 'started').length;
const completed = (events: readonly Event[], phase: 1 | 2) => ofKind(events, 'ike.phase').filter((e) => e.phase === phase && e.status === 'complete').length;
/** Quick Modes this side initiated (only the Quick Mode initiator emits phase 2 `started`). */
const qm1Out = (events: readonly Event[]) => started(events, 2);

function established(p: Pair): void {
  p.a.initiate();
  p.settle();
  expect(p.a.childSas()).toHaveLength(1);
  expect(p.b.childSas()).toHaveLength(1);
}

describe('phase 2 lifetime in seconds', () => {
  it('the initiator rekeys at its soft lifetime on the same ISAKMP SA; the old pair expires at its hard lifetime', () => {
    const p = pair({ ...policies({ psk: 'k', ike: [IKE], esp: [{ ...ESP, lifetimeSeconds: 600 }] }), seed: 3 });
    established(p);
    const [oldA] = p.a.childSas();
    const [oldB] = p.b.childSas();
    // before the earliest soft point (85 % − 5 % jitter of 600 s) nothing happens
    p.clock.advance(600_000 * (SOFT_BASE.p2 - SOFT_JITTER) - 2_000);
    expect(p.a.childSas()).toEqual([oldA]);
    // past the initiator's latest soft point (85 %), before the responder's (92.5 %): A rekeyed
    p.clock.advance(600_000 * SOFT_JITTER + 3_000);
    expect(p.a.childSas()).toHaveLength(2);
    expect(p.b.childSas()).toHaveLength(2);
    expect(qm1Out(p.a.events)).toBe(2);
    expect(qm1Out(p.b.events)).toBe(0); // the responder's later soft point was cancelled by the new pair
    const newA = p.a.childSas()[1]!;
    const newB = p.b.childSas()[1]!;
    expect(newA.conn).toBe(oldA!.conn);
    expect(newA.inboundSpi).toBe(newB.outboundSpi);
    expect(toHex(newA.outbound.encKey)).toBe(toHex(newB.inbound.encKey));
    expect(toHex(newA.outbound.encKey)).not.toBe(toHex(oldA!.outbound.encKey));
    // the old pair's hard lifetime: gone on both sides, with ipsec.sa expired events
    p.clock.advance(601_000 - p.clock.now());
    expect(p.a.childSas()).toEqual([newA]);
    expect(p.b.childSas()).toEqual([newB]);
    for (const [events, old] of [[p.a.events, oldA!], [p.b.events, oldB!]] as const) {
      const gone = ofKind(events, 'ipsec.sa').filter((e) => e.state === 'expired');
      expect(gone.map((e) => `${e.dir} ${e.spi}`)).toEqual([`in ${spiHex(old.inboundSpi)}`, `out ${spiHex(old.outboundSpi)}`]);
      expect(gone[0]!.reason).toBe('hard lifetime 600 s');
      const done = ofKind(events, 'ike.phase').find((e) => e.phase === 2 && e.status === 'complete' && e.msgid === old.msgid)!;
      expect(Date.parse(gone[0]!.time!) - Date.parse(done.time!)).toBe(600_000);
    }
    // the analyzer: one ISAKMP SA per side with two established Quick Modes, no findings
    for (const [events, role] of [[p.a.events, 'initiator'], [p.b.events, 'responder']] as const) {
      const [s, ...more] = sessions(events);
      expect(more).toHaveLength(0);
      expect(s!.session.role).toBe(role);
      expect(s!.session.phase2.map((q) => q.outcome)).toEqual(['established', 'established']);
      expect(s!.session.phase2.map((q) => q.lifetimeSeconds)).toEqual([600, 600]);
      expect(s!.session.steps.filter((st) => st.label.startsWith('QM')).map((st) => st.label)).toEqual(['QM1', 'QM2', 'QM3', 'QM1', 'QM2', 'QM3']);
      expect(s!.findings).toEqual([]);
      // the expired SAs are not listed twice
      expect(s!.session.ipsecSas).toHaveLength(4);
    }
    expect(completed(p.a.events, 2)).toBe(2);
    expect(completed(p.b.events, 2)).toBe(2);
  });

  it('the responder rekeys at its later soft point when the initiator does not (rekey off on A)', () => {
    const pol = policies({ psk: 'k', ike: [IKE], esp: [{ ...ESP, lifetimeSeconds: 600 }] });
    const p = pair({ a: { ...pol.a, rekey: false }, b: pol.b, seed: 4 });
    established(p);
    p.clock.advance(600_000 * SOFT_BASE.p2 + 1_000);
    expect(p.a.childSas()).toHaveLength(1);
    p.clock.advance(600_000 * ((1 - SOFT_BASE.p2) / 2) + 1_000);
    expect(p.b.childSas()).toHaveLength(2);
    expect(qm1Out(p.b.events)).toBe(1);
    const [s] = sessions(p.b.events);
    expect(s!.session.phase2.map((q) => q.outcome)).toEqual(['established', 'established']);
    expect(s!.findings).toEqual([]);
  });

  it('rekey off on both sides: everything expires, state DELETED, no timer left', () => {
    const pol = policies({ psk: 'k', ike: [{ ...IKE, lifetimeSeconds: 900 }], esp: [{ ...ESP, lifetimeSeconds: 300 }] });
    const p = pair({ a: { ...pol.a, rekey: false }, b: { ...pol.b, rekey: false }, seed: 5 });
    established(p);
    expect(p.clock.pending(true)).toBe(8); // soft + hard, phase 1 and 2, both sides
    p.clock.advance(300_001);
    expect(p.a.childSas()).toEqual([]);
    expect(p.b.childSas()).toEqual([]);
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('MAIN_I4');
    p.clock.advance(600_000);
    for (const e of [p.a, p.b]) {
      expect(e.isakmpSas().map((s) => s.p1.state)).toEqual(['DELETED']);
      expect(e.lifetimes.armed).toBe(0);
      const del = ofKind(e.events, 'ike.state').at(-1)!;
      const done = ofKind(e.events, 'ike.phase').find((x) => x.phase === 1 && x.status === 'complete')!;
      expect([del.canonical, del.input, Date.parse(del.time!) - Date.parse(done.time!)]).toEqual(['DELETED', 'hard lifetime 900 s', 900_000]);
    }
    expect(p.clock.pending(true)).toBe(0);
    expect(started(p.a.events, 2)).toBe(1);
  });
});

describe('lifetimes and DELETE (informational.ts)', () => {
  it('deleteRekeyed: the replaced pair is deleted with an Informational DELETE right after the rekey, on both sides', () => {
    const pol = policies({ psk: 'k', ike: [IKE], esp: [{ ...ESP, lifetimeSeconds: 600 }] });
    const p = pair({ a: { ...pol.a, deleteRekeyed: true }, b: pol.b, seed: 21 });
    established(p);
    const first = p.a.childSas()[0]!;
    p.clock.advance(600_000 * 0.85);
    p.settle();
    const now = p.a.childSas();
    expect(now).toHaveLength(1);
    expect(now[0]!.inboundSpi).not.toBe(first.inboundSpi);
    expect(p.b.childSas().map((c) => c.outboundSpi)).toEqual([now[0]!.inboundSpi]);
    const deletes = ofKind(p.b.events, 'ike.delete').filter((e) => e.dir === 'in');
    const hex8 = (n: number) => n.toString(16).padStart(8, '0');
    expect(deletes.map((d) => d.spis)).toEqual([[hex8(first.inboundSpi)]]);
    // the old pair is gone before its hard lifetime: nothing of it expires later
    p.clock.advance(600_000);
    const oldSpis = [hex8(first.inboundSpi), hex8(first.outboundSpi)];
    expect(ofKind([...p.a.events, ...p.b.events], 'ipsec.sa').filter((e) => e.state === 'expired' && oldSpis.includes(e.spi))).toEqual([]);
  });

  it('a pair deleted before its soft point is neither rekeyed nor expired again', () => {
    const p = pair({ ...policies({ psk: 'k', ike: [IKE], esp: [{ ...ESP, lifetimeSeconds: 600 }] }), seed: 13 });
    established(p);
    expect(p.a.deleteChildSa(p.a.childSas()[0]!)).toBe(true);
    p.settle();
    expect(p.a.childSas()).toEqual([]);
    expect(p.b.childSas()).toEqual([]);
    p.clock.advance(700_000);
    expect(started(p.a.events, 2)).toBe(1);
    expect(started(p.b.events, 2)).toBe(0);
    expect(ofKind([...p.a.events, ...p.b.events], 'ipsec.sa').filter((e) => e.state === 'expired')).toEqual([]);
    expect(p.a.lifetimes.armed + p.b.lifetimes.armed).toBe(4); // the two ISAKMP SAs' soft and hard timers
  });
});

describe('phase 1 lifetime', () => {
  it('the initiator starts a new Main Mode at its soft point; the next Quick Mode runs on the new ISAKMP SA; the old one is DELETED at its hard lifetime', () => {
    const p = pair({ ...policies({ psk: 'k', ike: [{ ...IKE, lifetimeSeconds: 1000 }], esp: [{ ...ESP, lifetimeSeconds: 600 }] }), seed: 6 });
    established(p);
    const [sa1] = p.a.isakmpSas();
    p.clock.advance(1_000_000 * SOFT_BASE.p1 + 1_000); // past A's phase-1 soft point, before B's
    expect(p.a.isakmpSas()).toHaveLength(2);
    expect(p.b.isakmpSas()).toHaveLength(2);
    const sa2 = p.a.isakmpSas()[1]!;
    expect(sa2.role).toBe('initiator');
    expect(sa2.p1.state).toBe('MAIN_I4');
    expect(started(p.a.events, 1)).toBe(2);
    expect(started(p.b.events, 1)).toBe(2); // B answered; it did not start one of its own
    expect(p.b.isakmpSas().every((s) => s.role === 'responder')).toBe(true);
    // the phase-1 rekey started no Quick Mode of its own: two so far (the first, and the 85 % rekey on SA1)
    expect(qm1Out(p.a.events)).toBe(2);
    p.clock.advance(1_250_000 - p.clock.now());
    expect(sa1!.p1.state).toBe('DELETED');
    expect(p.b.isakmpSas()[0]!.p1.state).toBe('DELETED');
    // the third pair was negotiated on the new ISAKMP SA
    const latest = p.a.childSas().at(-1)!;
    expect(latest.conn).toBe(sa2.conn);
    expect(p.b.childSas().at(-1)!.conn).toBe(sa2.conn);
    const byConn = new Map(sessions(p.a.events).map((s) => [s.session.cookies?.initiator, s]));
    expect(byConn.size).toBe(2);
    const s2 = byConn.get(sa2.conn)!;
    expect(s2.session.steps.map((st) => st.label)).toEqual(['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6', 'QM1', 'QM2', 'QM3']);
    expect(s2.session.phase1.outcome).toBe('established');
    expect(s2.session.phase2.map((q) => q.outcome)).toEqual(['established']);
    expect(s2.findings).toEqual([]);
    const s1 = byConn.get(sa1!.conn)!;
    expect(s1.session.phase2).toHaveLength(2);
    expect(s1.findings).toEqual([]);
  });
});

describe('RESPONDER-LIFETIME (RFC 2407 §4.6.3.1)', () => {
  it('a responder with a shorter lifetime accepts, answers RESPONDER-LIFETIME in QM2, the initiator applies it (ike.lifetime.lowered on the initiator)', () => {
    const pol = policies({ psk: 'k', ike: [IKE], esp: [{ ...ESP, lifetimeSeconds: 28800, lifetimeKilobytes: 4608000 }] }, { psk: 'k', ike: [IKE], esp: [{ ...ESP, lifetimeSeconds: 3600, lifetimeKilobytes: 100000 }] });
    const p = pair({ ...pol, seed: 8 });
    established(p);
    for (const e of [p.a, p.b]) expect([e.childSas()[0]!.lifetimeSeconds, e.childSas()[0]!.lifetimeKilobytes]).toEqual([3600, 100000]);
    const inA = ofKind(p.a.events, 'ike.notify').filter((n) => n.type === 'RESPONDER_LIFETIME');
    expect(inA.map((n) => [n.dir, n.protocol, n.spi, n.lifetime])).toEqual([['in', 'esp', spiHex(p.a.childSas()[0]!.outboundSpi), { seconds: 3600, kilobytes: 100000 }]]);
    const outB = ofKind(p.b.events, 'ike.notify').filter((n) => n.type === 'RESPONDER_LIFETIME');
    expect(outB.map((n) => [n.dir, n.lifetime])).toEqual([['out', { seconds: 3600, kilobytes: 100000 }]]);
    const [a] = sessions(p.a.events);
    const [b] = sessions(p.b.events);
    expect(a!.session.steps.find((s) => s.label === 'QM2')!.payloads).toContain('N(RESPONDER_LIFETIME)');
    expect(a!.findings).toEqual(['ike.lifetime.lowered']);
    expect(b!.findings).toEqual([]);
    expect([a!.session.phase2[0]!.lifetimeSeconds, a!.session.phase2[0]!.lifetimeKb]).toEqual([3600, 100000]);
    expect([b!.session.phase2[0]!.lifetimeSeconds, b!.session.phase2[0]!.lifetimeKb]).toEqual([3600, 100000]);
    // the lowered lifetime is the one that expires: the initiator rekeys before 3600 s
    p.clock.advance(3_600_000 * SOFT_BASE.p2 + 1_000);
    expect(qm1Out(p.a.events)).toBe(2);
  });

  it('a responder with a longer lifetime takes the initiator’s: no notify, no finding', () => {
    const pol = policies({ psk: 'k', ike: [IKE], esp: [{ ...ESP, lifetimeSeconds: 3600, lifetimeKilobytes: 4608000 }] }, { psk: 'k', ike: [IKE], esp: [{ ...ESP, lifetimeSeconds: 28800, lifetimeKilobytes: 9000000 }] });
    const p = pair({ ...pol, seed: 9 });
    established(p);
    for (const e of [p.a, p.b]) expect([e.childSas()[0]!.lifetimeSeconds, e.childSas()[0]!.lifetimeKilobytes]).toEqual([3600, 4608000]);
    expect(ofKind([...p.a.events, ...p.b.events], 'ike.notify')).toEqual([]);
    for (const ev of [p.a.events, p.b.events]) expect(sessions(ev)[0]!.findings).toEqual([]);
  });

  it('phase 1: the responder takes the shorter lifetime and expires by it', () => {
    const pol = policies({ psk: 'k', ike: [{ ...IKE, lifetimeSeconds: 86400 }], esp: [ESP] }, { psk: 'k', ike: [{ ...IKE, lifetimeSeconds: 7200 }], esp: [ESP] });
    const p = pair({ ...pol, seed: 10 });
    established(p);
    expect(p.b.isakmpSas()[0]!.chosen!.lifetimeSeconds).toBe(7200);
    const acc = ofKind(p.b.events, 'ike.proposal').find((e) => e.phase === 1 && e.stage === 'accepted')!;
    expect(acc.attrs.lifetimeSeconds).toBe(7200);
    // B's SA is the shorter-lived one: B (its responder) rekeys at 97.5 % of 7200 s, as initiator of the new phase 1
    p.clock.advance(7_200_000 * 0.975 + 1_000);
    expect(p.b.isakmpSas().map((s) => s.role)).toEqual(['responder', 'initiator']);
    expect(p.a.isakmpSas().map((s) => s.role)).toEqual(['initiator', 'responder']);
    p.clock.advance(1_000_000);
    expect(p.b.isakmpSas()[0]!.p1.state).toBe('DELETED');
    expect(p.b.isakmpSas()[1]!.p1.state).toBe('MAIN_I4');
    expect(p.a.childSas()).toHaveLength(1); // the IPsec pair went on rekeying regardless
  });
});

describe('phase 2 lifetime in kilobytes, counted by the ESP data plane', () => {
  it('pushing traffic past the soft kilobytes makes the engine rekey; the new SAs are installed and no packet is lost', () => {
    const p = pair({ ...policies({ psk: 'k', ike: [IKE], esp: [{ ...ESP, lifetimeKilobytes: 20 }] }), seed: 11 });
    const planes = [p.a, p.b].map((engine) => {
      const events: Event[] = [];
      const link = new DataPlaneLink(engine);
      const dp = new EspDataPlane({ now: () => p.clock.now(), node: engine.node, emit: (e) => (events.push(e), link.espEvent(e)) });
      link.attach(dp);
      return { dp, events };
    });
    const [A, B] = planes as [(typeof planes)[0], (typeof planes)[0]];
    established(p);
    const data = new Uint8Array(500).fill(0x5a);
    const spisUsed = new Set<number>();
    let delivered = 0;
    for (let i = 1; i <= 150; i++) {
      const ping = buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 7, sequence: i, data });
      const out = A.dp.outbound(ping);
      if (!out.ok || out.value.action !== 'protect') throw new Error(`packet ${i}: ${JSON.stringify(out)}`);
      spisUsed.add(out.value.sa.spi);
      const got = B.dp.inbound(out.value.packet);
      if (got.ok && got.value.kind === 'esp' && toHex(got.value.packet) === toHex(ping)) delivered++;
      p.clock.advance(50);
    }
    expect(delivered).toBe(150);
    // 150 × 528 bytes ≈ 77 KB over 20 KB SAs: at least three rekeys, each new SA used
    expect(spisUsed.size).toBeGreaterThanOrEqual(4);
    expect(qm1Out(p.a.events)).toBe(spisUsed.size);
    expect(qm1Out(p.b.events)).toBe(0);
    for (const spi of spisUsed) expect(p.b.childSas().some((c) => c.inboundSpi === spi) || ofKind(p.b.events, 'ipsec.sa').some((e) => e.state === 'expired' && e.spi === spiHex(spi))).toBe(true);
    // the data plane's events: install (with the kilobytes) and soft expiry of each replaced outbound SA
    const installs = ofKind(A.events, 'ipsec.sa');
    expect(installs.filter((e) => e.dir === 'out').map((e) => parseInt(e.spi, 16))).toEqual([...spisUsed]);
    expect(installs.every((e) => e.lifetimeKilobytes === 20)).toBe(true);
    const soft = A.events.filter((e) => e.kind === 'log.line' && e.record === 'esp.sa.soft-expired').map((e) => e.sa!.spi);
    expect(soft).toEqual([...spisUsed].slice(0, -1).map(spiHex));
    // the analyzer reads the engine run: one ISAKMP SA, one established Quick Mode per SA used
    const [s] = sessions(p.a.events);
    expect(s!.session.phase2.map((q) => q.outcome)).toEqual([...spisUsed].map(() => 'established'));
    expect(s!.session.phase2.every((q) => q.lifetimeKb === 20)).toBe(true);
    expect(s!.findings).toEqual([]);
    // the data plane's events in the same run (one stream in time order, renumbered): they join
    // the session of their ISAKMP SA (same node and conn) and change none of its conclusions
    const merged = [...p.a.events, ...A.events]
      .map((e, i) => ({ e, i }))
      .sort((x, y) => Date.parse(x.e.time!) - Date.parse(y.e.time!) || x.i - y.i)
      .map(({ e }, k) => ({ ...e, seq: k + 1, origin: { ...e.origin, step: k + 1 } }) as Event);
    const [m, ...others] = sessions(merged);
    expect(others).toHaveLength(0);
    expect(m!.events.filter((e) => e.kind === 'log.line').length).toBe(soft.length);
    expect(m!.session.phase2.map((q) => q.outcome)).toEqual(s!.session.phase2.map((q) => q.outcome));
    expect(m!.findings).toEqual([]);
  });

  it('the data plane drops an SA at its hard kilobytes and the engine forgets it too', () => {
    const pol = policies({ psk: 'k', ike: [IKE], esp: [{ ...ESP, lifetimeKilobytes: 4 }] });
    const p = pair({ a: { ...pol.a, rekey: false }, b: { ...pol.b, rekey: false }, seed: 12 });
    const link = new DataPlaneLink(p.a);
    const events: Event[] = [];
    const dp = new EspDataPlane({ now: () => p.clock.now(), emit: (e) => (events.push(e), link.espEvent(e)) });
    established(p);
    link.attach(dp); // pairs established before attach are installed now
    const ping = (i: number) => buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 1, sequence: i, data: new Uint8Array(1000) });
    let protectedCount = 0;
    for (let i = 0; i < 10; i++) {
      const out = dp.outbound(ping(i));
      if (out.ok && out.value.action === 'protect') protectedCount++;
      else {
        expect(out.ok && out.value.action).toBe('acquire');
        break;
      }
    }
    expect(protectedCount).toBe(4); // 4 × 1028 bytes ≥ 4 KB
    expect(p.a.childSas()).toEqual([]);
    expect(ofKind(p.a.events, 'ipsec.sa').filter((e) => e.state === 'expired')).toHaveLength(2);
    expect(events.filter((e) => e.kind === 'log.line').map((e) => (e as { record: string }).record)).toEqual(['esp.sa.hard-expired', 'esp.sa.deleted', 'esp.sa.deleted']); // the 4th packet passes soft and hard at once; the engine's expiry removes the inbound SA too
  });
});
