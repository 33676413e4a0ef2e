import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { runRules } from '../../analyzer/rules/index.js';
import type { Event } from '../../analyzer/model/events.js';
import { buildIcmpPacket, EspDataPlane, parseIpv4 } from '../esp/index.js';
import { toHex } from '../crypto/index.js';
import type { Endpoint } from '../transport/endpoint.js';
import { espDatagram, espInput, espPacket, FakeClock, MemoryNetwork, pair, type Ikev1Engine, type NatOptions, type Pair, type PairOptions, type Policy } from './index.js';

// A (192.168.1.10) behind a NAT whose public address is 203.0.113.1; B (198.51.100.2) on the outside.
const A_IN = '192.168.1.10';
const NAT_A = '203.0.113.1';
const B = '198.51.100.2';
// responder behind NAT: B inside 192.168.2.20, public 203.0.113.2 with static forwards for 500/4500
const B_IN = '192.168.2.20';
const NAT_B = '203.0.113.2';
const A_OUT = '198.51.100.1';

const NET_A = { address: '10.1.0.0/16' };
const NET_B = { address: '10.2.0.0/16' };
const base = { psk: 'k', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }], natTraversal: true } as const;
type Extra = Partial<Policy>;

/** A at `a`, B at `b`; each names the other by the address it sees (`aSeesB`, `bSeesA`). */
function policies(a: string, b: string, aSeesB: string, bSeesA: string, ea: Extra = {}, eb: Extra = {}): { a: Policy; b: Policy } {
  return {
    a: { ...base, localAddress: a, peerAddress: aSeesB, proxies: { local: NET_A, remote: NET_B }, ...ea },
    b: { ...base, localAddress: b, peerAddress: bSeesA, proxies: { local: NET_B, remote: NET_A }, ...eb },
  };
}

const initiatorBehindNat = (ea: Extra = {}, eb: Extra = {}, nat: Partial<NatOptions> = {}, more: Partial<PairOptions> = {}) =>
  pair({ ...policies(A_IN, B, B, NAT_A, ea, eb), seed: 11, network: { nats: [{ publicAddress: NAT_A, inside: [A_IN], ...nat }] }, ...more });

function session(events: readonly Event[]) {
  const c = correlate(events, 'ikelens-engine');
  expect(c.sessions).toHaveLength(1);
  const s = c.sessions[0]!;
  return { ...s, findings: runRules(s.session, s.events, () => undefined).map((f) => f.id) };
}

const natd = (ev: readonly Event[]) => ev.filter((e): e is Extract<Event, { kind: 'ike.natd' }> => e.kind === 'ike.natd');
const detection = (ev: readonly Event[]) => natd(ev).filter((e) => !e.floated).map((e) => ({ local: e.localBehindNat, peer: e.peerBehindNat }));
const msgs = (ev: readonly Event[]) => ev.filter((e): e is Extract<Event, { kind: 'ike.msg' }> => e.kind === 'ike.msg' && !e.retransmit);
const accepted = (ev: readonly Event[]) => ev.find((e) => e.kind === 'ike.proposal' && e.phase === 2 && e.stage === 'accepted');

function expectEqualKeys(a: Ikev1Engine, b: Ikev1Engine) {
  expect(toHex(a.isakmpSas()[0]!.keys!.skeyid)).toBe(toHex(b.isakmpSas()[0]!.keys!.skeyid));
  const [ca] = a.childSas();
  const [cb] = b.childSas();
  expect(ca && cb).toBeTruthy();
  expect(ca!.inboundSpi).toBe(cb!.outboundSpi);
  expect(toHex(ca!.inbound.encKey)).toBe(toHex(cb!.outbound.encKey));
  expect(toHex(ca!.outbound.authKey)).toBe(toHex(cb!.inbound.authKey));
}

/** Ports (local, remote) of every non-retransmitted IKE message by label position. */
const ports = (ev: readonly Event[]) => msgs(ev).map((m) => `${m.dir}:${m.local?.port}>${m.remote?.port}`);

describe('NAT-T between two engines', () => {
  it('no NAT: NAT-T agreed (RFC 3947), NAT-D says no NAT on either side, no float, plain tunnel mode on port 500', () => {
    const p = pair({ ...policies('10.0.0.1', '10.0.0.2', '10.0.0.2', '10.0.0.1'), seed: 3 });
    p.a.initiate();
    p.settle();
    expectEqualKeys(p.a, p.b);
    for (const e of [p.a, p.b]) {
      expect(e.isakmpSas()[0]!.natt?.version).toBe('rfc3947');
      expect(detection(e.events)).toEqual([{ local: false, peer: false }]);
      expect(natd(e.events).some((n) => n.floated)).toBe(false);
      expect(e.childSas()[0]!.udp).toBeUndefined();
      expect(accepted(e.events)).toMatchObject({ attrs: { encapsulation: 'tunnel' } });
      const s = session(e.events);
      expect(s.session.natt).toEqual({ detected: false, localBehindNat: false, peerBehindNat: false });
      expect(s.findings).toEqual([]);
    }
    expect(p.net.log.every((l) => l.d.from.port === 500 && l.d.to.port === 500)).toBe(true);
    // NAT-D (20) rides in MM3 and MM4, two each
    const mm3 = msgs(p.a.events)[2]!;
    expect(mm3.payloads.filter((x) => x.type === 'NAT-D')).toHaveLength(2);
    expect(p.clock.pending()).toBe(0); // no keepalives without a NAT
  });

  for (const portPreserving of [true, false]) {
    it(`initiator behind a NAT (${portPreserving ? 'port-preserving' : 'ports from 40000'}): both detect it, A floats to 4500 at MM5, B follows, UDP-encapsulated tunnel, equal keys, the analyzer sees NAT-T and the float`, () => {
      const p = initiatorBehindNat({}, {}, { portPreserving });
      p.a.initiate();
      p.settle(60_000);
      expectEqualKeys(p.a, p.b);
      expect(detection(p.a.events)).toEqual([{ local: true, peer: false }]);
      expect(detection(p.b.events)).toEqual([{ local: false, peer: true }]);
      const mapped4500 = portPreserving ? 4500 : 40001;
      expect(p.net.nats[0]!.mappings(p.clock.now())).toContainEqual({ inside: { address: A_IN, port: 4500 }, publicPort: mapped4500 });
      // the float: A's messages from MM5 on go 4500 → 4500; B answers from 4500 to the mapped port
      expect(ports(p.a.events)).toEqual(['out:500>500', 'in:500>500', 'out:500>500', 'in:500>500', 'out:4500>4500', 'in:4500>4500', 'out:4500>4500', 'in:4500>4500', 'out:4500>4500']);
      expect(ports(p.b.events).slice(4)).toEqual([`in:4500>${mapped4500}`, `out:4500>${mapped4500}`, `in:4500>${mapped4500}`, `out:4500>${mapped4500}`, `in:4500>${mapped4500}`]);
      expect(natd(p.a.events).find((n) => n.floated)).toMatchObject({ local: { address: A_IN, port: 4500 }, remote: { address: B, port: 4500 } });
      expect(natd(p.b.events).find((n) => n.floated)).toMatchObject({ local: { address: B, port: 4500 }, remote: { address: NAT_A, port: mapped4500 } });
      // on the wire: the non-ESP marker in front of every IKE message on 4500
      const on4500 = p.net.log.filter((l) => l.d.to.port === 4500 || l.d.from.port === 4500);
      expect(on4500.filter((l) => l.d.bytes.length > 1).every((l) => toHex(l.d.bytes.subarray(0, 4)) === '00000000')).toBe(true);
      // the child SAs know their ports; the events say UDP-encapsulated tunnel
      expect(p.a.childSas()[0]!.udp).toEqual({ localPort: 4500, remotePort: 4500 });
      expect(p.b.childSas()[0]!.udp).toEqual({ localPort: 4500, remotePort: mapped4500 });
      for (const [e, behind] of [
        [p.a, { localBehindNat: true, peerBehindNat: false }],
        [p.b, { localBehindNat: false, peerBehindNat: true }],
      ] as const) {
        expect(accepted(e.events)).toMatchObject({ attrs: { encapsulation: 'udp-tunnel' } });
        expect(e.events.find((x) => x.kind === 'ipsec.sa')).toMatchObject({ mode: 'tunnel', udpEncapsulated: true });
        const s = session(e.events);
        expect(s.session.natt).toEqual({ detected: true, ...behind, floated: true });
        expect(s.session.phase2[0]!.outcome).toBe('established');
        expect(s.findings).toEqual([]);
      }
    });
  }

  it('ESP in UDP: a ping crosses the NAT in both directions through two EspDataPlanes fed from onEsp', () => {
    const dp = { a: new EspDataPlane(), b: new EspDataPlane() };
    const got: { a: Uint8Array[]; b: Uint8Array[] } = { a: [], b: [] };
    const deliver = (side: 'a' | 'b') => (esp: Uint8Array, from: Endpoint, to: Endpoint) => {
      const r = dp[side].inbound(espPacket(esp, from, to));
      if (r.ok && r.value.kind === 'esp') got[side].push(r.value.packet);
    };
    const p = initiatorBehindNat({}, {}, { portPreserving: false }, { onEsp: { a: deliver('a'), b: deliver('b') } });
    p.a.initiate();
    p.settle(60_000);
    dp.a.installFromQuickMode(espInput(p.a.childSas()[0]!));
    dp.b.installFromQuickMode(espInput(p.b.childSas()[0]!));
    const ping = buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 7, sequence: 1, data: new TextEncoder().encode('through the NAT') });
    const pong = buildIcmpPacket('10.2.2.2', '10.1.1.1', { type: 0, identifier: 7, sequence: 1, data: new TextEncoder().encode('and back') });
    const send = (side: 'a' | 'b', packet: Uint8Array) => {
      const out = dp[side].outbound(packet);
      if (!out.ok || out.value.action !== 'protect') throw new Error('not protected');
      const d = espDatagram(out.value.packet)!;
      p.net.send(d);
      return d;
    };
    const da = send('a', ping);
    expect(da.from).toEqual({ address: A_IN, port: 4500 });
    p.clock.advance(100);
    const db = send('b', pong);
    expect(db.to).toEqual({ address: NAT_A, port: 40001 });
    p.clock.advance(100);
    expect(got.b.map(toHex)).toEqual([toHex(ping)]);
    expect(got.a.map(toHex)).toEqual([toHex(pong)]);
    // B saw A's ESP from the NAT's public address and mapped port
    expect(p.net.log.find((l) => l.d === da || toHex(l.d.bytes) === toHex(da.bytes))?.nat?.from).toEqual({ address: NAT_A, port: 40001 });
  });

  for (const mode of ['main', 'aggressive'] as const) {
    it(`responder behind a NAT (static forwards), ${mode} mode: B detects itself behind NAT and sends keepalives, A floats`, () => {
      const nat: NatOptions = { publicAddress: NAT_B, inside: [B_IN], forwards: [500, 4500].map((port) => ({ publicPort: port, inside: { address: B_IN, port } })) };
      const p = pair({ ...policies(A_OUT, B_IN, NAT_B, A_OUT, { mode }), seed: 5, network: { nats: [nat] } });
      p.a.initiate();
      p.settle(45_000);
      expectEqualKeys(p.a, p.b);
      expect(detection(p.a.events)).toEqual([{ local: false, peer: true }]);
      expect(detection(p.b.events)).toEqual([{ local: true, peer: false }]);
      expect(p.a.childSas()[0]!.udp).toEqual({ localPort: 4500, remotePort: 4500 });
      expect(p.b.childSas()[0]!.udp).toEqual({ localPort: 4500, remotePort: 4500 });
      // keepalives: one 0xFF octet from B's 4500 every 20 s, none from A
      const ka = p.net.log.filter((l) => l.d.bytes.length === 1 && l.d.bytes[0] === 0xff);
      expect(ka.length).toBeGreaterThanOrEqual(2);
      expect(ka.every((l) => l.d.from.address === B_IN && l.d.from.port === 4500 && l.d.to.port === 4500 && l.fate === 'delivered')).toBe(true);
      expect(session(p.b.events).session.natt).toEqual({ detected: true, localBehindNat: true, peerBehindNat: false, floated: true });
    });
  }

  for (const [forcer, mode] of [['a', 'main'], ['b', 'main'], ['a', 'aggressive'], ['b', 'aggressive']] as const) {
    it(`forced encapsulation by the ${forcer === 'a' ? 'initiator' : 'responder'} in ${mode} mode (strongSwan encap = yes, no NAT): the other side sees a NAT, both use UDP-encapsulated ESP on 4500`, () => {
      const force = { forceEncapsulation: true };
      const p = pair({ ...policies('10.0.0.1', '10.0.0.2', '10.0.0.2', '10.0.0.1', { mode, ...(forcer === 'a' ? force : {}) }, forcer === 'b' ? force : {}), seed: 9 });
      p.a.initiate();
      p.settle(30_000);
      expectEqualKeys(p.a, p.b);
      const forcing = forcer === 'a' ? p.a : p.b;
      const other = forcer === 'a' ? p.b : p.a;
      expect(detection(forcing.events)).toEqual([{ local: false, peer: false }]);
      expect(detection(other.events)).toEqual([{ local: false, peer: true }]);
      expect(forcing.isakmpSas()[0]!.natt?.faked).toBe(true);
      // no real NAT: nobody sends keepalives, and nothing is left on the clock
      expect(p.net.log.some((l) => l.d.bytes.length === 1)).toBe(false);
      expect(p.clock.pending()).toBe(0);
      for (const e of [p.a, p.b]) {
        expect(e.childSas()[0]!.udp).toEqual({ localPort: 4500, remotePort: 4500 });
        expect(accepted(e.events)).toMatchObject({ attrs: { encapsulation: 'udp-tunnel' } });
        expect(session(e.events).findings).toEqual([]);
      }
      expect(ports(p.a.events)[mode === 'main' ? 4 : 2]).toBe('out:4500>4500'); // MM5 / AM3
    });
  }

  it('version choice: a draft-02-only initiator and an RFC 3947 responder agree on draft-02 (NAT-D 130, encapsulation 61443)', () => {
    const p = initiatorBehindNat({ natTraversal: ['draft-02'] });
    p.a.initiate();
    p.settle(30_000);
    expectEqualKeys(p.a, p.b);
    for (const e of [p.a, p.b]) expect(e.isakmpSas()[0]!.natt?.version).toBe('draft-02');
    const vids = (ev: readonly Event[]) => ev.filter((e) => e.kind === 'ike.vid').map((e) => (e.kind === 'ike.vid' ? `${e.dir}:${e.name}` : ''));
    expect(vids(p.a.events)).toEqual(['out:nat-t-draft-02', 'in:nat-t-draft-02']);
    const mm3 = msgs(p.a.events)[2]!;
    expect(mm3.payloads.map((x) => x.type)).toEqual(['KE', 'NONCE', 'NAT-D-DRAFT', 'NAT-D-DRAFT']);
    expect(accepted(p.b.events)).toMatchObject({ attrs: { encapsulation: 'udp-tunnel-draft' } });
    expect(detection(p.b.events)).toEqual([{ local: false, peer: true }]);
  });

  it('version choice: the responder answers with the highest version both speak (draft-03 of RFC, 03, 02\\n, 02)', () => {
    const p = initiatorBehindNat({}, { natTraversal: ['draft-03', 'draft-02'] });
    p.a.initiate();
    p.settle(30_000);
    expectEqualKeys(p.a, p.b);
    const out = p.b.events.filter((e) => e.kind === 'ike.vid' && e.dir === 'out').map((e) => (e.kind === 'ike.vid' ? e.name : ''));
    expect(out).toEqual(['nat-t-draft-03']);
    expect(p.a.events.filter((e) => e.kind === 'ike.vid' && e.dir === 'out').map((e) => (e.kind === 'ike.vid' ? e.name : ''))).toEqual(['nat-t-rfc3947', 'nat-t-draft-03', 'nat-t-draft-02n', 'nat-t-draft-02']);
    for (const e of [p.a, p.b]) expect(e.isakmpSas()[0]!.natt?.version).toBe('draft-03');
  });

  it('a peer without NAT-T: no NAT-D, no float, plain tunnel even behind a NAT (the NAT rewrites 500 only)', () => {
    const p = initiatorBehindNat({}, { natTraversal: false });
    p.a.initiate();
    p.settle(30_000);
    expectEqualKeys(p.a, p.b);
    expect(natd(p.a.events)).toEqual([]);
    expect(p.a.isakmpSas()[0]!.natt?.version).toBeUndefined();
    expect(p.a.childSas()[0]!.udp).toBeUndefined();
  });

  it('Aggressive Mode behind a NAT: NAT-D in AM2 and AM3, A sends AM3 on 4500, B detects on AM3 and follows', () => {
    const p = initiatorBehindNat({ mode: 'aggressive' }, {}, { portPreserving: false });
    p.a.initiate();
    p.settle(30_000);
    expectEqualKeys(p.a, p.b);
    const a = msgs(p.a.events);
    expect(a[1]!.payloads.filter((x) => x.type === 'NAT-D')).toHaveLength(2); // AM2
    expect(a[2]!.payloads.filter((x) => x.type === 'NAT-D')).toHaveLength(2); // AM3
    expect(ports(p.a.events).slice(0, 3)).toEqual(['out:500>500', 'in:500>500', 'out:4500>4500']);
    expect(ports(p.b.events)[2]).toBe('in:4500>40001');
    expect(detection(p.a.events)).toEqual([{ local: true, peer: false }]);
    expect(detection(p.b.events)).toEqual([{ local: false, peer: true }]);
    expect(session(p.a.events).session.steps.map((s) => s.label)).toEqual(['AM1', 'AM2', 'AM3', 'QM1', 'QM2', 'QM3']);
    for (const e of [p.a, p.b]) {
      expect(e.childSas()[0]!.udp?.localPort).toBe(4500);
      expect(session(e.events).findings).toEqual([]);
    }
  });

  it('transport mode over NAT-T: UDP-Encapsulated-Transport, NAT-OAi/NAT-OAr in QM1 and QM2, a ping crosses', () => {
    // transport mode between the hosts themselves: no proxy IDs
    const { proxies: _pa, ...a } = policies(A_IN, B, B, NAT_A, { espMode: 'transport' }).a;
    const { proxies: _pb, ...b } = policies(A_IN, B, B, NAT_A, {}, { espMode: 'transport' }).b;
    const dpB = new EspDataPlane();
    const got: Uint8Array[] = [];
    const p = pair({
      a,
      b,
      seed: 13,
      network: { nats: [{ publicAddress: NAT_A, inside: [A_IN] }] },
      onEsp: {
        b: (esp, from, to) => {
          const r = dpB.inbound(espPacket(esp, from, to));
          if (r.ok && r.value.kind === 'esp') got.push(r.value.packet);
        },
      },
    });
    p.a.initiate();
    p.settle(30_000);
    expectEqualKeys(p.a, p.b);
    const qm1 = msgs(p.a.events).find((m) => m.exchange === 'quick')!;
    expect(qm1.payloads.filter((x) => x.type === 'NAT-OA')).toHaveLength(2);
    const qm2 = msgs(p.b.events).filter((m) => m.exchange === 'quick')[1]!;
    expect(qm2.payloads.filter((x) => x.type === 'NAT-OA')).toHaveLength(2);
    // each side learns the other's view of the original addresses
    expect(p.b.childSas()[0]!.natOa).toEqual({ initiator: A_IN, responder: B });
    expect(p.a.childSas()[0]!.natOa).toEqual({ initiator: NAT_A, responder: B });
    for (const e of [p.a, p.b]) {
      expect(e.childSas()[0]!.mode).toBe('transport');
      expect(accepted(e.events)).toMatchObject({ attrs: { encapsulation: 'udp-transport' } });
      expect(e.events.find((x) => x.kind === 'ipsec.sa')).toMatchObject({ mode: 'transport', udpEncapsulated: true });
    }
    const dpA = new EspDataPlane();
    dpA.installFromQuickMode(espInput(p.a.childSas()[0]!));
    dpB.installFromQuickMode(espInput(p.b.childSas()[0]!));
    const ping = buildIcmpPacket(A_IN, B, { type: 8, identifier: 1, sequence: 1, data: new TextEncoder().encode('transport') });
    const out = dpA.outbound(ping);
    expect(out.ok && out.value.action).toBe('protect');
    if (!out.ok || out.value.action !== 'protect') return;
    p.net.send(espDatagram(out.value.packet)!);
    p.clock.advance(100);
    expect(got).toHaveLength(1);
    // the NAT changed the source: what NAT-OA is for (RFC 3947 §5.2)
    const inner = parseIpv4(got[0]!);
    expect(inner.ok && inner.value.src).toBe(NAT_A);
    const sent = parseIpv4(ping);
    expect(inner.ok && sent.ok && toHex(inner.value.payload) === toHex(sent.value.payload)).toBe(true);
  });
});

describe('what goes wrong is data', () => {
  it('UDP 4500 blocked on the path: A floats, MM5 is never answered, the analyzer says ike.natt.blocked', () => {
    const p = initiatorBehindNat();
    p.net.filter = (d) => d.to.port === 4500 || d.from.port === 4500;
    p.a.initiate();
    p.settle();
    expect(p.a.events.find((e) => e.kind === 'ike.phase' && e.status === 'failed')).toMatchObject({ phase: 1, reason: 'no_response' });
    expect(natd(p.a.events).some((n) => n.floated)).toBe(true);
    expect(session(p.a.events).findings).toContain('ike.natt.blocked');
  });

  it('random bytes and keepalives at the NAT-T port of established engines never throw and change nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), fc.constant(Uint8Array.of(0xff)), fc.uint8Array({ minLength: 28, maxLength: 80 }).map((b) => Uint8Array.of(0, 0, 0, 0, ...b))), (bytes) => {
        const p = initiatorBehindNat();
        p.a.initiate();
        p.settle(30_000);
        const before = { a: p.a.events.length, b: p.b.events.length };
        expect(() => p.a.receive(bytes, { address: B, port: 4500 }, { address: A_IN, port: 4500 })).not.toThrow();
        expect(() => p.b.receive(bytes, { address: NAT_A, port: 4500 }, { address: B, port: 4500 })).not.toThrow();
        expect({ a: p.a.events.length, b: p.b.events.length }).toEqual(before);
        expect(p.a.childSas()).toHaveLength(1);
      }),
      { ...(process.env.CI ? { seed: 20261122 } : {}), numRuns: 30 },
    );
  });
});

describe('NAT mappings and keepalives on the fake clock', () => {
  /** Establishes behind a NAT with a 30 s idle timeout, waits `waitMs`, then B sends one ESP datagram to A. */
  function espAfterIdle(natKeepaliveSeconds: number, waitMs: number): { p: Pair; fate: string } {
    const p = initiatorBehindNat({ natKeepaliveSeconds }, {}, { idleMs: 30_000 });
    p.a.initiate();
    while (p.b.childSas().length === 0 && p.clock.step()) {
      /* until established */
    }
    p.clock.advance(waitMs);
    const cb = p.b.childSas()[0]!;
    const dp = new EspDataPlane();
    dp.installFromQuickMode(espInput(cb));
    const out = dp.outbound(buildIcmpPacket('10.2.2.2', '10.1.1.1', { type: 8, identifier: 2, sequence: 1, data: new Uint8Array(8) }));
    if (!out.ok || out.value.action !== 'protect') throw new Error('not protected');
    const before = p.net.log.length;
    p.net.send(espDatagram(out.value.packet)!);
    return { p, fate: p.net.log[before]!.fate };
  }

  it('with keepalives every 20 s the mapping survives 2 minutes and ESP from outside gets in', () => {
    const { p, fate } = espAfterIdle(20, 120_000);
    expect(fate).toBe('delivered');
    const ka = p.net.log.filter((l) => l.d.bytes.length === 1 && l.d.bytes[0] === 0xff);
    expect(ka.length).toBeGreaterThanOrEqual(5);
    expect(ka.every((l) => l.d.from.address === A_IN && l.d.from.port === 4500)).toBe(true);
  });

  it('without keepalives the mapping expires after 30 s idle and the same ESP is dropped at the NAT', () => {
    const { p, fate } = espAfterIdle(0, 120_000);
    expect(fate).toBe('nat-dropped');
    expect(p.net.log.some((l) => l.d.bytes.length === 1)).toBe(false);
    expect(p.net.nats[0]!.mappings(p.clock.now())).toEqual([]);
  });

  it('keepalives stop when the ISAKMP SA is gone (phase 1 failed after NAT detection)', () => {
    const p = initiatorBehindNat({ natKeepaliveSeconds: 5 }, { psk: 'other' });
    p.a.initiate();
    p.settle();
    expect(detection(p.a.events)).toEqual([{ local: true, peer: false }]);
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('P1_FAILED');
    expect(p.clock.pending()).toBe(0); // settle() returned because nothing is left: the keepalive timer ended
    const ka = p.net.log.filter((l) => l.d.bytes.length === 1);
    const failedAt = Date.parse(p.a.events.find((e) => e.kind === 'ike.phase' && e.status === 'failed')!.time!);
    expect(ka.length).toBeGreaterThan(0);
    expect(ka.length).toBeLessThanOrEqual(Math.ceil(failedAt / 5000));
  });
});

describe('the network: reordering and jitter', () => {
  const arrivalOrder = (seed: number, o: { reorder?: number; jitterMs?: number }) => {
    const clock = new FakeClock();
    const net = new MemoryNetwork(clock, { seed, ...o });
    const order: number[] = [];
    net.attach('10.0.0.2', (bytes) => order.push(bytes[0]!));
    for (let i = 0; i < 30; i++) {
      net.send({ from: { address: '10.0.0.1', port: 500 }, to: { address: '10.0.0.2', port: 500 }, bytes: Uint8Array.of(i) });
      clock.advance(2);
    }
    while (clock.step()) {
      /* deliver */
    }
    return order;
  };

  it('without reordering or jitter datagrams arrive in order; with them some overtake others, the same way for the same seed', () => {
    const inOrder = [...Array(30).keys()];
    expect(arrivalOrder(4, {})).toEqual(inOrder);
    for (const o of [{ reorder: 0.3 }, { jitterMs: 25 }]) {
      const x = arrivalOrder(4, o);
      expect([...x].sort((m, n) => m - n)).toEqual(inOrder); // nothing lost
      expect(x).not.toEqual(inOrder);
      expect(arrivalOrder(4, o)).toEqual(x);
    }
  });

  it('a NAT-T negotiation with reordering, jitter and duplication establishes, the same events for the same seed', () => {
    const run = () => {
      const p = initiatorBehindNat({}, {}, {}, { network: { nats: [{ publicAddress: NAT_A, inside: [A_IN] }], reorder: 0.5, jitterMs: 40, duplicate: 0.2 } });
      p.a.initiate();
      p.settle(60_000);
      return p;
    };
    const x = run();
    expect(x.a.events).toEqual(run().a.events);
    expectEqualKeys(x.a, x.b);
    expect(x.b.childSas()[0]!.udp).toEqual({ localPort: 4500, remotePort: 4500 });
  });
});
