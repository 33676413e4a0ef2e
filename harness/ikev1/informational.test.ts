import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event, EventOf } from '../../analyzer/model/events.js';
import { checkSequence } from '../../analyzer/model/transitions.js';
import { encodeMessage, encodePayloads, notify, type Payload } from '../codec/index.js';
import { informationalHash, toHex } from '../crypto/index.js';
import { A, B, policies, session } from './test-helpers.js';
import { Ikev1Engine, pair, type Pair, type Policy } from './index.js';

const IKE = { cipher: 'aes128', hash: 'sha1', group: 14 } as const;
const ESP = { cipher: 'aes128', integrity: 'sha1' } as const;
const BASE = { psk: 'k', ike: [IKE], esp: [ESP] };
const DPD = { intervalSeconds: 10, retries: 2, retryIntervalSeconds: 2, mode: 'periodic' } as const;

const of = <K extends Event['kind']>(events: readonly Event[], kind: K): EventOf<K>[] => events.filter((e): e is EventOf<K> => e.kind === kind);
const labels = (events: readonly Event[]) => session(events).session.steps.map((s) => `${s.dir}:${s.label}`);

/** The analyzer's transitions table accepts the whole run of one node (no error issue). */
function legal(events: readonly Event[]): string[] {
  const s = session(events).session;
  const v = checkSequence(s.steps.map((x) => ({ label: x.label, dir: x.dir, payloads: x.payloads })), s.role ?? 'initiator');
  return v.issues.filter((i) => i.severity === 'error').map((i) => i.message);
}

/** A pair with phase 1 and one Quick Mode up (the network and clock run until nothing is pending, or exactly `ms`). */
function established(a: Partial<Policy> = {}, b: Partial<Policy> = {}, o: { seed?: number; ms?: number } = {}): Pair {
  const pol = policies(BASE);
  const p = pair({ a: { ...pol.a, ...a }, b: { ...pol.b, ...b }, seed: o.seed ?? 3 });
  p.a.initiate();
  if (o.ms) p.clock.advance(o.ms);
  else p.settle();
  expect(p.a.childSas()).toHaveLength(1);
  expect(p.b.childSas()).toHaveLength(1);
  return p;
}

describe('protected Informational: notify', () => {
  it('notifies go both ways with HASH(1) verified: ike.notify on each side, labelled INFO, no finding', () => {
    const p = established();
    expect(p.a.sendProtectedNotify(p.a.isakmpSas()[0]!, 'CONNECTED')).toBe(true);
    p.settle();
    expect(p.b.sendProtectedNotify(p.b.isakmpSas()[0]!, 'REPLAY_STATUS')).toBe(true);
    p.settle();
    expect(of(p.b.events, 'ike.notify').map((n) => `${n.dir}:${n.type}`)).toEqual(['in:CONNECTED', 'out:REPLAY_STATUS']);
    expect(of(p.a.events, 'ike.notify').map((n) => `${n.dir}:${n.type}`)).toEqual(['out:CONNECTED', 'in:REPLAY_STATUS']);
    // each notify is its own exchange: a fresh message ID, encrypted, HASH first
    const infos = of(p.a.events, 'ike.msg').filter((m) => m.exchange === 'informational');
    expect(infos.map((m) => m.dir)).toEqual(['out', 'in']);
    for (const m of infos) {
      expect(m.encrypted).toBe(true);
      expect(m.msgid).not.toBe(0);
      expect(m.payloads.map((x) => x.type)).toEqual(['HASH', 'N']);
    }
    expect(labels(p.a.events).slice(-2)).toEqual(['out:INFO', 'in:INFO']);
    expect(session(p.b.events).findings).toEqual([]);
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('MAIN_I4');
  });

  it('an Informational whose HASH(1) does not verify is dropped with a log event; a good one after it is read', () => {
    const p = established();
    const sa = p.a.isakmpSas()[0]!;
    const forge = (msgid: number, hashOk: boolean): Uint8Array => {
      const rest: Payload[] = [notify('CONNECTED')];
      const h = informationalHash(sa.suite!, sa.keys!.skeyidA, msgid, encodePayloads(rest));
      if (!hashOk) h[0] = h[0]! ^ 1;
      const bytes = p.a.encode(sa, { state: sa.p1.state, msgid, seen: new Set() }, 'INFO', [{ type: 'HASH', data: h }, ...rest], true);
      sa.iv!.forget(msgid);
      return bytes;
    };
    p.b.receive(forge(0x1234, false), A);
    expect(of(p.b.events, 'ike.notify')).toHaveLength(0);
    expect(of(p.b.events, 'log.line').at(-1)).toMatchObject({ record: 'ikev1.informational-dropped' });
    expect(of(p.b.events, 'log.line').at(-1)!.text).toMatch(/HASH\(1\) does not verify/);
    p.b.receive(forge(0x1235, true), A);
    expect(of(p.b.events, 'ike.notify').map((n) => n.type)).toEqual(['CONNECTED']);
    // the same datagram again: a one-message exchange is read once
    const again = forge(0x1236, true);
    p.b.receive(again, A);
    p.b.receive(again, A);
    expect(of(p.b.events, 'ike.notify')).toHaveLength(2);
  });
});

describe('unprotected Informationals on an established SA', () => {
  it('are not trusted: a plaintext INITIAL-CONTACT or notify changes nothing', () => {
    const p = established();
    const sa = p.b.isakmpSas()[0]!;
    for (const type of ['INITIAL_CONTACT', 'CONNECTED'] as const) {
      const bytes = encodeMessage({ header: { icookie: sa.icookie, rcookie: sa.rcookie, exchangeType: 5, flags: 0, messageId: 77 }, payloads: [notify(type)] });
      p.b.receive(bytes, A);
    }
    expect(of(p.b.events, 'ike.notify')).toEqual([]);
    expect(sa.p1.state).toBe('MAIN_R3');
    expect(p.b.childSas()).toHaveLength(1);
  });
});

describe('delete (RFC 2408 §3.15)', () => {
  for (const side of ['a', 'b'] as const) {
    it(`${side === 'a' ? 'the initiator' : 'the responder'} deletes the IPsec SAs: each side lists its inbound SPI, both drop the pair, the ISAKMP SA stays; a new Quick Mode works`, () => {
      const p = established();
      const [me, peer] = side === 'a' ? [p.a, p.b] : [p.b, p.a];
      const child = me.childSas()[0]!;
      expect(me.deleteChildSa(child)).toBe(true);
      p.settle();
      expect(me.childSas()).toEqual([]);
      expect(peer.childSas()).toEqual([]);
      const hex = (n: number) => n.toString(16).padStart(8, '0');
      expect(of(me.events, 'ike.delete')).toEqual([expect.objectContaining({ dir: 'out', protocol: 'esp', spis: [hex(child.inboundSpi)] })]);
      expect(of(peer.events, 'ike.delete')).toEqual([expect.objectContaining({ dir: 'in', protocol: 'esp', spis: [hex(child.inboundSpi)] })]);
      expect(labels(me.events).at(-1)).toBe('out:DELETE');
      expect(labels(peer.events).at(-1)).toBe('in:DELETE');
      expect(of(peer.events, 'ike.state').at(-1)).toMatchObject({ canonical: 'DELETED', scope: 'exchange' });
      expect(p.a.isakmpSas()[0]!.p1.state).toBe('MAIN_I4');
      expect(p.b.isakmpSas()[0]!.p1.state).toBe('MAIN_R3');
      p.a.startQuickMode(p.a.isakmpSas()[0]!);
      p.settle();
      expect(p.a.childSas()).toHaveLength(1);
      expect(p.a.childSas()[0]!.inboundSpi).toBe(p.b.childSas()[0]!.outboundSpi);
    });

    it(`${side === 'a' ? 'the initiator' : 'the responder'} deletes the ISAKMP SA: its IPsec SAs first, then the cookies; both sides DELETED, no timer left`, () => {
      const p = established();
      const [me, peer] = side === 'a' ? [p.a, p.b] : [p.b, p.a];
      expect(me.deleteIsakmpSa(me.isakmpSas()[0]!)).toBe(true);
      p.settle();
      for (const e of [me, peer]) {
        expect(e.isakmpSas()[0]!.p1.state).toBe('DELETED');
        expect(e.childSas()).toEqual([]);
      }
      const sa = me.isakmpSas()[0]!;
      expect(of(peer.events, 'ike.delete').map((d) => `${d.dir}:${d.protocol}:${d.spis.length}`)).toEqual(['in:esp:1', 'in:isakmp:1']);
      expect(of(peer.events, 'ike.delete')[1]!.spis).toEqual([`${toHex(sa.icookie)}:${toHex(sa.rcookie)}`]);
      expect(labels(me.events).slice(-2)).toEqual(['out:DELETE', 'out:DELETE']);
      expect(p.clock.pending()).toBe(0);
      // a deleted SA takes nothing more
      expect(me.sendProtectedNotify(sa, 'CONNECTED')).toBe(false);
      expect(session(peer.events).findings).toEqual([]);
      expect(legal(me.events)).toEqual([]);
      expect(legal(peer.events)).toEqual([]);
    });
  }

  it('a DELETE for a Quick Mode still waiting for QM3 (strongSwan when a CHILD_SA fails to install) ends it: failed, reason deleted, no timer left', () => {
    const pol = policies(BASE);
    const p = pair({ a: pol.a, b: pol.b, seed: 3 });
    p.net.filter = (_d, i) => i === 8; // MM1–MM6, QM1, QM2 are 0–7: QM3 is lost
    p.a.initiate();
    p.clock.advance(500);
    expect(p.b.childSas()).toEqual([]);
    const q = [...p.b.isakmpSas()[0]!.quick.values()][0]!;
    expect(q.state).toBe('QUICK_R1');
    p.net.filter = undefined;
    p.a.deleteChildSa(p.a.childSas()[0]!);
    p.settle();
    expect(q.state).toBe('P2_FAILED');
    expect(of(p.b.events, 'ike.phase').find((e) => e.phase === 2 && e.status === 'failed')).toMatchObject({ reason: 'deleted', msgid: q.msgid });
    expect(p.b.childSas()).toEqual([]);
    expect(p.clock.pending()).toBe(0);
  });

  it("a DELETE naming the receiver's own inbound SPI (charon, for a CHILD_SA it could not install) removes the pair too", () => {
    const p = established();
    const child = p.a.childSas()[0]!;
    p.a.deleteChildSa({ ...child, inboundSpi: child.outboundSpi });
    p.settle();
    expect(p.b.childSas()).toEqual([]);
  });

  it('a DELETE naming SPIs the receiver does not have removes nothing', () => {
    const p = established();
    const child = p.a.childSas()[0]!;
    p.a.deleteChildSa({ ...child, inboundSpi: (child.inboundSpi ^ 0xff) >>> 0 });
    p.settle();
    expect(p.b.childSas()).toHaveLength(1);
    expect(of(p.b.events, 'ike.delete')).toHaveLength(1);
  });
});

describe('INITIAL-CONTACT (RFC 2407 §4.6.3.3)', () => {
  function restart(p: Pair, initialContact: boolean): Ikev1Engine {
    const pol = policies(BASE).a;
    const a2 = new Ikev1Engine({ node: 'A', policy: { ...pol, initialContact }, clock: p.clock, seed: 4242, send: (d) => p.net.send(d) });
    p.net.attach(A, (bytes, from, to) => a2.receive(bytes, from, to));
    a2.initiate();
    p.settle();
    return a2;
  }

  it('a restarted peer sends it in MM5 (ID HASH N); the responder deletes the older ISAKMP SA and its IPsec SAs', () => {
    const p = established();
    const old = p.b.isakmpSas()[0]!;
    const a2 = restart(p, true);
    expect(a2.childSas()).toHaveLength(1);
    expect(old.p1.state).toBe('DELETED');
    expect(p.b.childSas()).toHaveLength(1);
    expect(p.b.childSas()[0]!.outboundSpi).toBe(a2.childSas()[0]!.inboundSpi);
    const mm5 = session(a2.events).session.steps.find((s) => s.label === 'MM5')!;
    expect(mm5.payloads).toEqual(['ID', 'HASH', 'N(INITIAL_CONTACT)']);
    expect(of(p.b.events, 'ike.notify').find((n) => n.type === 'INITIAL_CONTACT')).toMatchObject({ dir: 'in' });
    expect(of(p.b.events, 'ike.delete').map((d) => `${d.protocol}:${d.sa?.conn === old.conn}`)).toEqual(['esp:true', 'isakmp:true']);
    expect(p.b.isakmpSas().filter((s) => s.p1.state !== 'DELETED')).toHaveLength(1);
    expect(legal(a2.events)).toEqual([]);
  });

  it('without it the responder keeps both SAs', () => {
    const p = established();
    restart(p, false);
    expect(p.b.isakmpSas().filter((s) => s.p1.state !== 'DELETED')).toHaveLength(2);
    expect(p.b.childSas()).toHaveLength(2);
  });

  it('in Aggressive Mode it rides in AM3', () => {
    const p = established({ mode: 'aggressive' });
    const a2 = restart(p, false);
    const pol = policies(BASE).a;
    const a3 = new Ikev1Engine({ node: 'A', policy: { ...pol, mode: 'aggressive', initialContact: true }, clock: p.clock, seed: 77, send: (d) => p.net.send(d) });
    p.net.attach(A, (bytes, from, to) => a3.receive(bytes, from, to));
    a3.initiate();
    p.settle();
    expect(a2.childSas()).toHaveLength(1);
    expect(session(a3.events).session.steps.find((s) => s.label === 'AM3')!.payloads).toContain('N(INITIAL_CONTACT)');
    expect(p.b.isakmpSas().filter((s) => s.p1.state !== 'DELETED')).toHaveLength(1);
    expect(p.b.childSas()).toHaveLength(1);
  });
});

describe('a refused Quick Mode is signalled to its initiator', () => {
  const cases = [
    { name: 'no proposal chosen', b: { esp: [{ cipher: '3des', integrity: 'sha1' }] }, a: {}, notify: 'NO_PROPOSAL_CHOSEN', reasonA: 'proposal', reasonB: 'proposal', findA: 'ike.p2.proposal_mismatch', findB: 'ike.p2.proposal_mismatch' },
    { name: 'proxy mismatch', b: { proxies: { local: { address: '10.3.0.0/16' }, remote: { address: '10.1.0.0/16' } } }, a: {}, notify: 'INVALID_ID_INFORMATION', reasonA: 'proxy', reasonB: 'proxy', findA: 'ike.p2.proxy_mismatch', findB: 'ike.p2.proxy_mismatch' },
    // only the responder can tell PFS apart; the initiator hears NO_PROPOSAL_CHOSEN (as strongSwan's, corpus strongswan-mm-05)
    { name: 'PFS on the initiator only', b: {}, a: { pfsGroup: 14 }, notify: 'NO_PROPOSAL_CHOSEN', reasonA: 'proposal', reasonB: 'pfs', findA: 'ike.p2.proposal_mismatch', findB: 'ike.p2.pfs_mismatch' },
  ] as const;
  for (const c of cases) {
    it(`${c.name}: ${c.notify} in a protected Informational; the initiator fails at once (${c.reasonA}), the analyzer says ${c.findA} / ${c.findB}`, () => {
      const pol = policies(BASE);
      const p = pair({ a: { ...pol.a, ...c.a }, b: { ...pol.b, ...c.b }, seed: 5 });
      p.a.initiate();
      p.settle();
      const fail = (es: readonly Event[]) => of(es, 'ike.phase').find((e) => e.phase === 2 && e.status === 'failed');
      expect(fail(p.b.events)).toMatchObject({ reason: c.reasonB });
      expect(fail(p.a.events)).toMatchObject({ reason: c.reasonA, text: `peer sent ${c.notify}` });
      // no retransmission of QM1: the failure came with the answer, before the first retransmission was due (1 s)
      const qm1 = of(p.a.events, 'ike.msg').filter((m) => m.exchange === 'quick');
      expect(qm1).toHaveLength(1);
      expect(Date.parse(fail(p.a.events)!.time!) - Date.parse(qm1[0]!.time!)).toBeLessThan(1000);
      const notified = of(p.a.events, 'ike.notify').find((n) => n.dir === 'in')!;
      expect(notified).toMatchObject({ type: c.notify, protocol: 'esp' });
      expect(notified.spi).toBe(toHex(p.a.isakmpSas()[0]!.quick.values().next().value!.spiIn!));
      expect(labels(p.a.events).slice(-2)).toEqual(['out:QM1', 'in:INFO']);
      expect(labels(p.b.events).slice(-2)).toEqual(['in:QM1', 'out:INFO']);
      const sa = session(p.a.events);
      expect(sa.session.phase2[0]!.outcome).toBe('failed');
      expect(sa.findings).toContain(c.findA);
      expect(session(p.b.events).findings).toContain(c.findB);
      expect(p.clock.pending()).toBe(0);
      expect([...p.a.isakmpSas()[0]!.quick.values()][0]!.state).toBe('P2_FAILED');
      expect(legal(p.a.events)).toEqual([]);
      expect(legal(p.b.events)).toEqual([]);
    });
  }
});

describe('Dead Peer Detection (RFC 3706)', () => {
  it('periodic: an idle but live peer answers every R-U-THERE; nothing is torn down', () => {
    const p = established({ dpd: DPD }, { dpd: DPD }, { ms: 125_000 });
    const a = p.a.events;
    expect(of(a, 'ike.vid').map((v) => `${v.dir}:${v.name}`)).toEqual(['out:dpd', 'in:dpd']);
    const probes = of(a, 'ike.dpd').filter((d) => d.step === 'r-u-there' && d.dir === 'out');
    const acks = of(a, 'ike.dpd').filter((d) => d.step === 'ack' && d.dir === 'in');
    expect(probes.length).toBeGreaterThanOrEqual(5);
    expect(acks.map((x) => x.dpdSeq)).toEqual(probes.slice(0, acks.length).map((x) => x.dpdSeq));
    expect(acks.length).toBeGreaterThanOrEqual(probes.length - 1);
    // sequence numbers go up by one
    probes.slice(1).forEach((x, i) => expect(x.dpdSeq).toBe((probes[i]!.dpdSeq! + 1) >>> 0));
    // the first probe after 10 s of silence
    const up = of(a, 'ike.phase').find((e) => e.phase === 2 && e.status === 'complete')!;
    expect(Date.parse(probes[0]!.time!) - Date.parse(up.time!)).toBe(10_000);
    expect(of(a, 'ike.phase').filter((e) => e.status === 'failed')).toEqual([]);
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('MAIN_I4');
    expect(p.a.childSas()).toHaveLength(1);
    const s = session(a);
    expect(s.session.steps.map((x) => x.label)).toContain('DPD-R-U-THERE');
    expect(s.session.steps.map((x) => x.label)).toContain('DPD-ACK');
    expect(s.findings).toEqual([]);
    expect(session(p.b.events).findings).toEqual([]);
    expect(legal(a)).toEqual([]);
    expect(legal(p.b.events)).toEqual([]);
  });

  it('Aggressive Mode announces DPD in AM1/AM2 and probes the same way', () => {
    const p = established({ dpd: DPD, mode: 'aggressive' }, { dpd: DPD }, { ms: 25_000 });
    expect(session(p.a.events).session.steps.filter((x) => x.payloads.includes('VID')).map((x) => x.label)).toEqual(['AM1', 'AM2']);
    expect(of(p.a.events, 'ike.dpd').filter((d) => d.dir === 'in' && d.step === 'ack').length).toBeGreaterThanOrEqual(1);
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('AGGR_I2');
  });

  it('a silent peer is declared dead after the retries: ISAKMP and IPsec SAs torn down, ike.dpd.peer_dead', () => {
    const p = established({ dpd: DPD }, { dpd: DPD }, { ms: 1_000 });
    p.net.filter = (d) => d.from.address === B; // B falls silent
    p.settle(60_000);
    const probes = of(p.a.events, 'ike.dpd').filter((d) => d.step === 'r-u-there' && d.dir === 'out');
    expect(probes).toHaveLength(3); // the first + 2 retries
    const t = probes.map((x) => Date.parse(x.time!));
    expect([t[1]! - t[0]!, t[2]! - t[1]!]).toEqual([2000, 2000]);
    const dead = of(p.a.events, 'ike.phase').find((e) => e.status === 'failed')!;
    expect(dead).toMatchObject({ phase: 1, reason: 'dpd' });
    expect(Date.parse(dead.time!) - t[2]!).toBe(2000);
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('DELETED');
    expect(p.a.childSas()).toEqual([]);
    expect(of(p.a.events, 'ike.state').map((s) => s.canonical)).toEqual(expect.arrayContaining(['DPD_I1', 'DELETING', 'DELETED']));
    expect(session(p.a.events).findings).toContain('ike.dpd.peer_dead');
    // B, hearing nothing more from A, finds A dead in turn; then no timer is left anywhere
    p.settle(600_000);
    expect(p.b.isakmpSas()[0]!.p1.state).toBe('DELETED');
    expect(p.clock.pending()).toBe(0);
  });

  it('on-demand: no probe while idle; traffic for an idle peer sends one', () => {
    const od = { ...DPD, mode: 'on-demand' } as const;
    const p = established({ dpd: od }, { dpd: od });
    p.clock.advance(60_000);
    expect(of(p.a.events, 'ike.dpd')).toEqual([]);
    p.a.trafficSent(p.a.isakmpSas()[0]!);
    p.settle(1_000);
    expect(of(p.a.events, 'ike.dpd').map((d) => `${d.dir}:${d.step}`)).toEqual(['out:r-u-there', 'in:ack']);
    // just heard from the peer: no new probe
    p.a.trafficSent(p.a.isakmpSas()[0]!);
    p.settle(1_000);
    expect(of(p.a.events, 'ike.dpd')).toHaveLength(2);
  });

  it('not used when one side did not send the vendor ID', () => {
    const p = established({ dpd: DPD }, {}, { ms: 5_000 });
    expect(of(p.a.events, 'ike.vid').map((v) => `${v.dir}:${v.name}`)).toEqual(['out:dpd']);
    p.net.filter = (d) => d.from.address === B;
    p.clock.advance(120_000);
    expect(of(p.a.events, 'ike.dpd')).toEqual([]);
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('MAIN_I4');
    expect(p.clock.pending()).toBe(0);
  });
});

describe('under loss and duplication', () => {
  const FC = process.env.CI ? { seed: 20261122, numRuns: 25 } : { numRuns: 25 };
  it('deletes and DPD end in a defined state: each SA established with its IPsec SAs, or DELETED without them unless only its DELETE arrived', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.double({ min: 0, max: 0.4, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.constantFrom('child', 'isakmp', 'dpd'), (seed, loss, duplicate, what) => {
        const pol = policies(BASE);
        const dpd = what === 'dpd' ? { dpd: DPD } : {};
        const p = pair({ a: { ...pol.a, ...dpd }, b: { ...pol.b, ...dpd }, seed, network: { loss, duplicate } });
        p.a.initiate();
        p.settle(60_000);
        const sa = p.a.isakmpSas()[0]!;
        if (what === 'child' && p.a.childSas()[0]) p.a.deleteChildSa(p.a.childSas()[0]!);
        if (what === 'isakmp') p.a.deleteIsakmpSa(sa);
        p.settle(what === 'dpd' ? 120_000 : 600_000);
        for (const e of [p.a, p.b]) {
          for (const s of e.isakmpSas()) {
            const kids = [...s.quick.values()].filter((q) => q.child);
            // the pair outlives its ISAKMP SA only where the DELETE for the ISAKMP SA arrived and the one for
            // the pair was lost (an Informational is not retransmitted; isakmp-delete.test.ts: by design)
            if (s.p1.state === 'DELETED' || s.p1.state === 'P1_FAILED') {
              if (kids.length) expect(of(e.events, 'ike.delete').filter((d) => d.dir === 'in').map((d) => d.protocol)).toEqual(['isakmp']);
            } else expect(['MAIN_I1', 'MAIN_I2', 'MAIN_I3', 'MAIN_I4', 'MAIN_R1', 'MAIN_R2', 'MAIN_R3']).toContain(s.p1.state);
          }
        }
        if (what === 'isakmp') expect(sa.p1.state === 'DELETED' || sa.p1.state === 'P1_FAILED' || sa.p1.state.startsWith('MAIN_I')).toBe(true);
        if (what === 'child') expect(p.a.childSas()).toEqual([]);
        if (what !== 'dpd') expect(p.clock.pending()).toBe(0);
      }),
      FC,
    );
  });
});
