import { describe, expect, it } from 'vitest';
import type { Event } from '../../analyzer/model/events.js';
import { TRANSITIONS } from '../../analyzer/model/transitions.js';
import { toHex } from '../crypto/index.js';
import { HANDLERS, pair, type Ikev1Engine } from './index.js';
import { A, NET_A, NET_B, policies, session, type Base } from './test-helpers.js';

export { policies, session } from './test-helpers.js';

const labels = (events: readonly Event[]) => session(events).session.steps.map((s) => `${s.dir}:${s.label}`);

function expectEqualKeys(a: Ikev1Engine, b: Ikev1Engine) {
  const sa = a.isakmpSas()[0]!;
  const sb = b.isakmpSas()[0]!;
  for (const k of ['skeyid', 'skeyidD', 'skeyidA', 'skeyidE', 'encKey'] as const) expect(toHex(sa.keys![k])).toBe(toHex(sb.keys![k]));
  const [ca] = a.childSas();
  const [cb] = b.childSas();
  expect(ca && cb).toBeTruthy();
  expect(ca!.inboundSpi).toBe(cb!.outboundSpi);
  expect(ca!.outboundSpi).toBe(cb!.inboundSpi);
  expect(toHex(ca!.inbound.encKey)).toBe(toHex(cb!.outbound.encKey));
  expect(toHex(ca!.inbound.authKey)).toBe(toHex(cb!.outbound.authKey));
  expect(toHex(ca!.outbound.encKey)).toBe(toHex(cb!.inbound.encKey));
  expect(toHex(ca!.outbound.authKey)).toBe(toHex(cb!.inbound.authKey));
  expect(toHex(ca!.inbound.encKey)).not.toBe(toHex(ca!.outbound.encKey));
}

const SUITES = [
  { name: 'aes128/sha1/group 14', ike: { cipher: 'aes128', hash: 'sha1', group: 14 }, esp: { cipher: 'aes128', integrity: 'sha1' }, pfs: 14 },
  { name: '3des/md5/group 2', ike: { cipher: '3des', hash: 'md5', group: 2 }, esp: { cipher: '3des', integrity: 'md5' }, pfs: 2 },
  { name: 'aes256/sha256/group 19', ike: { cipher: 'aes256', hash: 'sha256', group: 19 }, esp: { cipher: 'aes256', integrity: 'sha256' }, pfs: 19 },
] as const;

const FULL = ['out:MM1', 'in:MM2', 'out:MM3', 'in:MM4', 'out:MM5', 'in:MM6', 'out:QM1', 'in:QM2', 'out:QM3'];
const FULL_R = FULL.map((l) => (l.startsWith('out') ? l.replace('out', 'in') : l.replace('in', 'out')));

describe('Main Mode + Quick Mode between two engines', () => {
  for (const s of SUITES) {
    for (const pfs of [false, true]) {
      it(`${s.name}, PFS ${pfs ? 'on' : 'off'}: equal phase-1 keys, mirrored KEYMAT, one established session per side`, () => {
        const p = pair({ ...policies({ psk: 'correct horse', ike: [s.ike], esp: [s.esp], ...(pfs ? { pfsGroup: s.pfs } : {}) }), seed: 7 });
        p.a.initiate();
        p.settle();
        expectEqualKeys(p.a, p.b);
        expect(p.a.childSas()[0]!.pfsGroup).toBe(pfs ? s.pfs : 0);
        expect(Boolean(p.a.childSas()[0]!.gqmxy)).toBe(pfs);
        for (const [events, want, role] of [
          [p.a.events, FULL, 'initiator'],
          [p.b.events, FULL_R, 'responder'],
        ] as const) {
          const x = session(events);
          expect(x.session.role).toBe(role);
          expect(x.session.steps.map((st) => `${st.dir}:${st.label}`)).toEqual(want);
          expect(x.session.phase1.outcome).toBe('established');
          expect(x.session.phase1.accepted).toMatchObject({ encryption: s.ike.cipher, hash: s.ike.hash, group: s.ike.group, auth: 'psk' });
          expect(x.session.phase2).toHaveLength(1);
          expect(x.session.phase2[0]!.outcome).toBe('established');
          expect(x.session.phase2[0]!.spis.in).toBeDefined();
          expect(x.session.phase2[0]!.spis.out).toBeDefined();
          expect(x.findings).toEqual([]);
        }
        // the engine's states follow the table
        const statesA = p.a.events.filter((e) => e.kind === 'ike.state').map((e) => (e.kind === 'ike.state' ? e.canonical : null));
        expect(statesA).toEqual(['MAIN_I1', 'MAIN_I2', 'MAIN_I3', 'MAIN_I4', 'QUICK_I1', 'QUICK_I2']);
        const statesB = p.b.events.filter((e) => e.kind === 'ike.state').map((e) => (e.kind === 'ike.state' ? e.canonical : null));
        expect(statesB).toEqual(['MAIN_R1', 'MAIN_R2', 'MAIN_R3', 'QUICK_R1', 'QUICK_R2']);
      });
    }
  }

  it('events carry origin, node, role and sa.conn = the initiator cookie', () => {
    const p = pair(policies({ psk: 'k', ike: [SUITES[0].ike], esp: [SUITES[0].esp] }));
    const sa = p.a.initiate();
    p.settle();
    for (const [e, node] of [...p.a.events.map((e) => [e, 'A'] as const), ...p.b.events.map((e) => [e, 'B'] as const)]) {
      expect(e.node).toBe(node);
      expect(e.sa?.conn).toBe(sa.conn);
      expect(e.origin).toEqual({ run: 'run', step: e.seq });
    }
    const seqs = p.a.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('the responder picks by its own priority among several offered transforms', () => {
    const a: Base = { psk: 'k', ike: [{ cipher: 'aes256', hash: 'sha256', group: 14 }, { cipher: 'aes128', hash: 'sha1', group: 14 }, { cipher: '3des', hash: 'md5', group: 2 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }, { cipher: '3des', integrity: 'md5' }] };
    const b: Base = { psk: 'k', ike: [{ priority: 20, cipher: 'aes256', hash: 'sha256', group: 14 }, { priority: 10, cipher: '3des', hash: 'md5', group: 2 }], esp: [{ cipher: '3des', integrity: 'md5' }] };
    const p = pair(policies(a, b));
    p.a.initiate();
    p.settle();
    expect(p.a.isakmpSas()[0]!.chosen).toMatchObject({ cipher: '3des', hash: 'md5', group: 2 });
    expect(p.a.childSas()[0]).toMatchObject({ cipher: '3des', integrity: 'md5' });
    expectEqualKeys(p.a, p.b);
    expect(session(p.b.events).session.phase1.offered).toHaveLength(3);
  });
});

describe('failures are data', () => {
  it('PSK mismatch: the responder cannot decrypt MM5, the initiator gives up; both sides say ike.p1.psk_mismatch', () => {
    const { a, b } = policies({ psk: 'one', ike: [SUITES[0].ike], esp: [SUITES[0].esp] });
    const p = pair({ a, b: { ...b, psk: 'two' } });
    p.a.initiate();
    p.settle();
    const failB = p.b.events.find((e) => e.kind === 'ike.phase' && e.status === 'failed');
    expect(failB).toMatchObject({ phase: 1, reason: 'psk' });
    expect(p.b.events.find((e) => e.kind === 'ike.auth')).toMatchObject({ result: 'failed' });
    const failA = p.a.events.filter((e) => e.kind === 'ike.phase' && e.status === 'failed');
    expect(failA).toHaveLength(1);
    expect(failA[0]).toMatchObject({ phase: 1, reason: 'no_response' });
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('P1_FAILED');
    expect(p.b.isakmpSas()[0]!.p1.state).toBe('P1_FAILED');
    expect(p.a.childSas()).toEqual([]);
    const sa = session(p.a.events);
    expect(sa.session.phase1.outcome).toBe('failed');
    expect(sa.session.steps.find((s) => s.label === 'MM5')!.retransmits).toBe(4);
    expect(sa.findings).toContain('ike.p1.psk_mismatch');
    const sb = session(p.b.events);
    expect(sb.session.phase1.failedAt).toBe('MM5');
    expect(sb.findings).toContain('ike.p1.psk_mismatch');
    expect(labels(p.b.events).slice(0, 5)).toEqual(['in:MM1', 'out:MM2', 'in:MM3', 'out:MM4', 'in:MM5']);
  });

  it('proposal mismatch: NO_PROPOSAL_CHOSEN, the rejected attribute named; both sides say ike.p1.proposal_mismatch', () => {
    const { a, b } = policies({ psk: 'k', ike: [SUITES[0].ike], esp: [SUITES[0].esp] });
    const p = pair({ a, b: { ...b, ike: [{ cipher: '3des', hash: 'sha1', group: 14 }] } });
    p.a.initiate();
    p.settle();
    expect(p.b.events.find((e) => e.kind === 'ike.proposal' && e.stage === 'rejected')).toMatchObject({ reason: { attribute: 'encryption', offered: 'aes128', configured: '3des' } });
    expect(p.b.events.find((e) => e.kind === 'ike.notify')).toMatchObject({ dir: 'out', type: 'NO_PROPOSAL_CHOSEN' });
    expect(p.a.events.find((e) => e.kind === 'ike.notify')).toMatchObject({ dir: 'in', type: 'NO_PROPOSAL_CHOSEN' });
    expect(p.a.events.find((e) => e.kind === 'ike.phase' && e.status === 'failed')).toMatchObject({ reason: 'proposal' });
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('P1_FAILED');
    // the initiator stopped retransmitting MM1 on the notify
    expect(p.a.events.filter((e) => e.kind === 'ike.msg' && e.dir === 'out')).toHaveLength(1);
    for (const ev of [p.a.events, p.b.events]) {
      const s = session(ev);
      expect(s.session.phase1.outcome).toBe('failed');
      expect(s.findings).toContain('ike.p1.proposal_mismatch');
    }
    expect(labels(p.a.events)).toEqual(['out:MM1', 'in:INFO']);
  });

  it('phase-2 proposal mismatch: phase 1 up, Quick Mode refused with reason proposal', () => {
    const { a, b } = policies({ psk: 'k', ike: [SUITES[0].ike], esp: [SUITES[0].esp] });
    const p = pair({ a, b: { ...b, esp: [{ cipher: '3des', integrity: 'sha1' }] } });
    p.a.initiate();
    p.settle();
    expect(p.b.events.find((e) => e.kind === 'ike.phase' && e.phase === 2 && e.status === 'failed')).toMatchObject({ reason: 'proposal' });
    // the refusal is signalled (NO_PROPOSAL_CHOSEN in a protected Informational): the initiator fails at once
    expect(p.a.events.find((e) => e.kind === 'ike.phase' && e.phase === 2 && e.status === 'failed')).toMatchObject({ reason: 'proposal' });
    expect(session(p.b.events).session.phase1.outcome).toBe('established');
  });

  it('PFS on one side only: the responder refuses with reason pfs', () => {
    const { a, b } = policies({ psk: 'k', ike: [SUITES[0].ike], esp: [SUITES[0].esp] });
    const p = pair({ a: { ...a, pfsGroup: 14 }, b });
    p.a.initiate();
    p.settle();
    expect(p.b.events.find((e) => e.kind === 'ike.phase' && e.phase === 2 && e.status === 'failed')).toMatchObject({ reason: 'pfs' });
  });

  it('proxy mismatch: the responder refuses with reason proxy', () => {
    const { a, b } = policies({ psk: 'k', ike: [SUITES[0].ike], esp: [SUITES[0].esp] });
    const p = pair({ a, b: { ...b, proxies: { local: { address: '10.3.0.0/16' }, remote: NET_A } } });
    p.a.initiate();
    p.settle();
    expect(p.b.events.find((e) => e.kind === 'ike.phase' && e.phase === 2 && e.status === 'failed')).toMatchObject({ reason: 'proxy' });
  });
});

describe('retransmission on a fake clock', () => {
  it('a lost MM2 is recovered by retransmitting MM1 after 1 s; the responder answers the duplicate', () => {
    const p = pair(policies({ psk: 'k', ike: [SUITES[0].ike], esp: [SUITES[0].esp] }));
    p.net.filter = (_d, i) => i === 1; // the second datagram on the wire: MM2
    p.a.initiate();
    p.settle();
    expectEqualKeys(p.a, p.b);
    const outs = p.a.events.filter((e) => e.kind === 'ike.msg' && e.dir === 'out');
    expect(outs[1]).toMatchObject({ retransmit: true });
    expect(Date.parse(outs[1]!.time!) - Date.parse(outs[0]!.time!)).toBe(1000);
    const s = session(p.a.events);
    expect(s.session.steps.map((x) => x.label)).toEqual(['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6', 'QM1', 'QM2', 'QM3']);
    expect(s.session.steps[0]!.retransmits).toBe(1);
  });

  it('no answer at all: MM1 sent 5 times with exponential backoff (1, 2, 4, 8 s), then ike.p1.no_response', () => {
    const p = pair(policies({ psk: 'k', ike: [SUITES[0].ike], esp: [SUITES[0].esp] }));
    p.net.filter = (d) => d.from.address === A;
    p.a.initiate();
    p.settle();
    const times = p.a.events.filter((e) => e.kind === 'ike.msg').map((e) => Date.parse(e.time!));
    expect(times.map((t) => t - times[0]!)).toEqual([0, 1000, 3000, 7000, 15000]);
    const fail = p.a.events.find((e) => e.kind === 'ike.phase' && e.status === 'failed');
    expect(fail).toMatchObject({ reason: 'no_response' });
    expect(Date.parse(fail!.time!) - times[0]!).toBe(31000);
    expect(session(p.a.events).findings).toContain('ike.p1.no_response');
  });

  it('duplicated datagrams everywhere change nothing', () => {
    const p = pair({ ...policies({ psk: 'k', ike: [SUITES[0].ike], esp: [SUITES[0].esp] }), network: { duplicate: 1 } });
    p.a.initiate();
    p.settle();
    expectEqualKeys(p.a, p.b);
    expect(session(p.a.events).session.phase2[0]!.outcome).toBe('established');
  });
});

describe('the table drives the engine', () => {
  it('every handler the engine implements names a row; every Main, Aggressive, Quick, Informational and DPD row has its handler', () => {
    const rows = new Set(TRANSITIONS.map((t) => t.handler));
    for (const name of Object.keys(HANDLERS)) expect(rows.has(name)).toBe(true);
    for (const t of TRANSITIONS.filter((t) => t.logical === 'main' || t.logical === 'aggressive' || t.logical === 'quick' || t.logical === 'informational' || t.logical === 'dpd')) {
      expect(HANDLERS[t.handler], t.handler).toBeTypeOf('function');
    }
  });
});

describe('the IV chain advances only after a message verifies', () => {
  it('a corrupted QM1 is dropped without moving the IV: the retransmitted QM1 still decrypts and verifies', () => {
    const p = pair(policies({ psk: 'k', ike: [SUITES[0].ike], esp: [SUITES[0].esp] }));
    let qm1: Uint8Array | undefined;
    p.net.filter = (d, i) => {
      if (i !== 6) return false; // MM1..MM6 are 0..5
      qm1 = d.bytes;
      return true;
    };
    p.a.initiate();
    while (!qm1 && p.clock.step()) {
      /* until QM1 is on the wire */
    }
    const bad = qm1!.slice();
    bad[28] = bad[28]! ^ 0xff; // first ciphertext byte
    const before = p.b.events.length;
    p.b.receive(bad, A);
    expect(p.b.events.length).toBe(before); // ignored: no event, no state change
    p.settle();
    expectEqualKeys(p.a, p.b);
    expect(p.a.events.filter((e) => e.kind === 'ike.msg' && e.exchange === 'quick' && e.dir === 'out' && e.retransmit)).toHaveLength(1);
  });
});

describe('contributors', () => {
  it('vendor IDs ride in MM1/MM2 around the handlers and show as ike.vid on both sides', () => {
    const { a, b } = policies({ psk: 'k', ike: [SUITES[0].ike], esp: [SUITES[0].esp] });
    const p = pair({ a: { ...a, vendorIds: ['nat-t-rfc3947', 'dpd'] }, b: { ...b, vendorIds: ['dpd'] } });
    p.a.initiate();
    p.settle();
    expectEqualKeys(p.a, p.b);
    const vids = (ev: readonly Event[]) => ev.filter((e) => e.kind === 'ike.vid').map((e) => (e.kind === 'ike.vid' ? `${e.dir}:${e.name}` : ''));
    expect(vids(p.a.events)).toEqual(['out:nat-t-rfc3947', 'out:dpd', 'in:dpd']);
    expect(vids(p.b.events)).toEqual(['in:nat-t-rfc3947', 'in:dpd', 'out:dpd']);
    const mm1 = p.a.events.find((e) => e.kind === 'ike.msg');
    expect(mm1?.kind === 'ike.msg' && mm1.payloads.map((x) => x.vendorId?.name ?? x.type)).toEqual(['SA', 'nat-t-rfc3947', 'dpd']);
    expect(session(p.b.events).session.vendorIds.map((v) => v.name)).toEqual(['nat-t-rfc3947', 'dpd', 'dpd']);
  });
});

describe('Aggressive Mode (same phase-1 helper)', () => {
  const AM = ['out:AM1', 'in:AM2', 'out:AM3', 'out:QM1', 'in:QM2', 'out:QM3'];
  for (const s of SUITES) {
    it(`${s.name}: AM1–AM3 then Quick Mode, equal keys, the analyzer labels it`, () => {
      const { a, b } = policies({ psk: 'k', ike: [s.ike], esp: [s.esp], pfsGroup: s.pfs });
      const p = pair({ a: { ...a, mode: 'aggressive', vendorIds: ['dpd'] }, b });
      p.a.initiate();
      p.settle();
      expectEqualKeys(p.a, p.b);
      const x = session(p.a.events);
      expect(x.session.phase1.mode).toBe('aggressive');
      expect(x.session.steps.map((st) => `${st.dir}:${st.label}`)).toEqual(AM);
      expect(x.session.phase1.outcome).toBe('established');
      expect(x.findings).toEqual([]);
      const y = session(p.b.events);
      expect(y.session.steps.map((st) => st.label)).toEqual(['AM1', 'AM2', 'AM3', 'QM1', 'QM2', 'QM3']);
      expect(y.session.phase2[0]!.outcome).toBe('established');
      const statesB = p.b.events.filter((e) => e.kind === 'ike.state').map((e) => (e.kind === 'ike.state' ? e.canonical : null));
      expect(statesB).toEqual(['AGGR_R1', 'AGGR_R2', 'QUICK_R1', 'QUICK_R2']);
    });
  }

  it('PSK mismatch: the initiator cannot verify HASH_R in AM2 (ike.p1.psk_mismatch)', () => {
    const { a, b } = policies({ psk: 'one', ike: [SUITES[0].ike], esp: [SUITES[0].esp] });
    const p = pair({ a: { ...a, mode: 'aggressive' }, b: { ...b, psk: 'two' } });
    p.a.initiate();
    p.settle();
    expect(p.a.events.find((e) => e.kind === 'ike.phase' && e.status === 'failed')).toMatchObject({ phase: 1, reason: 'psk', mode: 'aggressive' });
    expect(session(p.a.events).findings).toContain('ike.p1.psk_mismatch');
    expect(p.b.events.find((e) => e.kind === 'ike.phase' && e.status === 'failed')).toMatchObject({ phase: 1, reason: 'no_response' });
  });

  it('a Main Mode responder answers an Aggressive Mode initiator with AM2 (mode per message, not per policy)', () => {
    const { a, b } = policies({ psk: 'k', ike: [SUITES[1].ike], esp: [SUITES[1].esp] });
    const p = pair({ a, b: { ...b, mode: 'aggressive' } });
    p.a.initiate('aggressive');
    p.settle();
    expectEqualKeys(p.a, p.b);
  });
});
