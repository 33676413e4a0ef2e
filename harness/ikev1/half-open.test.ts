import { describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { runRules } from '../../analyzer/rules/index.js';
import type { Event } from '../../analyzer/model/events.js';
import { decodeMessage } from '../codec/index.js';
import { toHex } from '../crypto/index.js';
import type { Datagram } from '../transport/endpoint.js';
import { halfOpen } from './half-open.js';
import { FakeClock, Ikev1Engine, MemoryNetwork, pair, type Policy } from './index.js';
import { A, NET_A, NET_B, policies } from './test-helpers.js';

// Many initiators behind one NAT (a carrier NAT, a branch office) reach hub B from one public address.
const PUBLIC = '203.0.113.1';
const HUB = '198.51.100.2';
const base = { psk: 'k', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }] } as const;

const drops = (ev: readonly Event[]) => ev.filter((e): e is Extract<Event, { kind: 'log.line' }> => e.kind === 'log.line' && e.record === 'ikev1.half-open-limit');
const findings = (ev: readonly Event[]) => correlate(ev, 'ikelens-engine').sessions.flatMap((s) => runRules(s.session, s.events, () => undefined).map((f) => f.id));
const sessions = (ev: readonly Event[]) => correlate(ev, 'ikelens-engine').sessions.map((s) => s.session);

/** Hub B (half-open limit `limit`, none when undefined) and `n` initiators behind a NAT; `over(i)` changes initiator i's policy. */
function crowd(n: number, limit: number | undefined, over: (i: number) => Partial<Policy> = () => ({})) {
  const clock = new FakeClock();
  const inside = Array.from({ length: n }, (_, i) => `192.168.1.${11 + i}`);
  const net = new MemoryNetwork(clock, { seed: 5, nats: [{ publicAddress: PUBLIC, inside }] });
  const engine = (node: string, policy: Policy, seed: number) => {
    const e = new Ikev1Engine({ node, policy, clock, seed, send: (d: Datagram) => net.send(d) });
    net.attach(policy.localAddress, (bytes, from, to) => e.receive(bytes, from, to));
    return e;
  };
  const hub = engine('B', { ...base, localAddress: HUB, peerAddress: PUBLIC, proxies: { local: NET_B, remote: NET_A }, ...(limit !== undefined ? { halfOpenLimit: limit } : {}) }, 2);
  const initiators = inside.map((addr, i) => engine(`I${i + 1}`, { ...base, localAddress: addr, peerAddress: HUB, proxies: { local: NET_A, remote: NET_B }, ...over(i) }, 10 + i));
  /** Runs the clock to the end, checking after every step that B never holds more than `limit` half-open SAs. */
  const settle = () => {
    let most = 0;
    while (clock.step()) most = Math.max(most, halfOpen(hub.isakmpSas()).length);
    return most;
  };
  return { clock, net, hub, initiators, settle };
}

const fromHub = (net: MemoryNetwork) => net.log.filter((l) => l.d.from.address === HUB);

describe('half-open SA limit (policy.halfOpenLimit)', () => {
  it('a crowd of six initiators (Main and Aggressive Mode) against a limit of 2: exactly 2 answered, 4 dropped without a word, every one established once slots free', () => {
    const c = crowd(6, 2, (i) => ({ mode: i % 2 ? 'aggressive' : 'main' }));
    for (const e of c.initiators) e.initiate();
    c.clock.advance(15); // every MM1/AM1 has arrived at B (10 ms), no MM3 yet
    expect(fromHub(c.net)).toHaveLength(2);
    expect(c.hub.isakmpSas()).toHaveLength(2);
    const first = drops(c.hub.events);
    expect(first).toHaveLength(4);
    expect(first.map((d) => d.text)).toEqual([
      // I1 keeps port 500 at the NAT, I2 got 40000
      `MM1 from ${PUBLIC}:40001 dropped: 2 half-open ISAKMP SAs, limit 2`,
      `AM1 from ${PUBLIC}:40002 dropped: 2 half-open ISAKMP SAs, limit 2`,
      `MM1 from ${PUBLIC}:40003 dropped: 2 half-open ISAKMP SAs, limit 2`,
      `AM1 from ${PUBLIC}:40004 dropped: 2 half-open ISAKMP SAs, limit 2`,
    ]);
    // the dropped ones are the initiators I3..I6, by their cookies; no SA and no state for them on B
    expect(first.map((d) => d.sa?.icookie)).toEqual(c.initiators.slice(2).map((e) => e.isakmpSas()[0]!.conn));
    expect(first.every((d) => d.sa?.conn === undefined)).toBe(true);

    expect(c.settle()).toBe(2);
    for (const e of c.initiators) {
      expect(e.childSas(), e.node).toHaveLength(1);
      expect(findings(e.events), e.node).toEqual([]);
    }
    expect(c.hub.childSas()).toHaveLength(6);
    // I3..I6 got in with a retransmission of their first message
    for (const e of c.initiators.slice(2)) expect(sessions(e.events)[0]!.steps[0]!.retransmits, e.node).toBeGreaterThanOrEqual(1);
    for (const e of c.initiators.slice(0, 2)) expect(sessions(e.events)[0]!.steps[0]!.retransmits).toBe(0);
    // the analyzer: six established sessions on B, the drops outside every session, no finding
    const hub = correlate(c.hub.events, 'ikelens-engine');
    expect(hub.sessions.map((s) => s.session.phase1.outcome)).toEqual(Array(6).fill('established'));
    expect(hub.outside.filter((e) => e.kind === 'log.line')).toHaveLength(drops(c.hub.events).length);
    expect(findings(c.hub.events)).toEqual([]);
  });

  it('without a limit all six are answered at once', () => {
    const c = crowd(6, undefined);
    for (const e of c.initiators) e.initiate();
    c.clock.advance(15);
    expect(fromHub(c.net)).toHaveLength(6);
    expect(c.settle()).toBe(6);
    expect(drops(c.hub.events)).toEqual([]);
  });

  it('a slot frees when its exchange fails: a wrong pre-shared key fails at MM5 on B, and the waiting initiator gets in', () => {
    const c = crowd(2, 1, (i) => (i === 0 ? { psk: 'wrong' } : {}));
    c.initiators[0]!.initiate();
    c.clock.advance(25); // I1's MM1 answered: B's only slot is taken
    c.initiators[1]!.initiate();
    c.clock.advance(15);
    expect(drops(c.hub.events).map((d) => d.sa?.icookie)).toEqual([c.initiators[1]!.isakmpSas()[0]!.conn]);
    expect(c.settle()).toBe(1);
    const [bad, good] = c.hub.isakmpSas();
    expect(bad!.p1.state).toBe('P1_FAILED');
    expect(c.hub.events.find((e) => e.kind === 'ike.phase' && e.status === 'failed')).toMatchObject({ reason: 'psk' });
    expect(good!.p1.state).toBe('MAIN_R3');
    expect(c.initiators[1]!.childSas()).toHaveLength(1);
  });

  it('a flood of forged MM1s (the sender never goes on): B answers the limit, drops the rest, and a real peer gets in once the half-open SAs expire', () => {
    const { a, b } = policies(base);
    const p = pair({ a, b: { ...b, halfOpenLimit: 3, halfOpenMs: 10_000 }, seed: 8 });
    // a real MM1 from A's address as the template, under 20 different initiator cookies
    let template: Uint8Array | undefined;
    new Ikev1Engine({ node: 'forger', policy: a, clock: new FakeClock(), seed: 99, send: (d) => (template ??= d.bytes) }).initiate();
    for (let i = 0; i < 20; i++) {
      const forged = template!.slice();
      forged.set([0xf0, i, 1, 2, 3, 4, 5, 6], 0);
      p.b.receive(forged, { address: A, port: 500 });
    }
    expect(p.b.isakmpSas()).toHaveLength(3);
    expect(drops(p.b.events)).toHaveLength(17);
    p.clock.advance(15);
    expect(p.net.log.filter((l) => l.d.from.address === p.b.policy.localAddress && decodeMessage(l.d.bytes).header.exchangeType === 2)).toHaveLength(3);

    // the real initiator: MM1 at 0, 1, 3, 7 s dropped; the forged SAs expire at 10 s; the one at 15 s gets in
    const sa = p.a.initiate();
    p.settle();
    const mine = drops(p.b.events).filter((d) => d.sa?.icookie === sa.conn);
    expect(mine).toHaveLength(4);
    expect(p.b.isakmpSas().slice(0, 3).map((x) => x.p1.state)).toEqual(['P1_FAILED', 'P1_FAILED', 'P1_FAILED']);
    expect(p.a.childSas()).toHaveLength(1);
    expect(toHex(p.a.isakmpSas()[0]!.keys!.skeyid)).toBe(toHex(p.b.isakmpSas()[3]!.keys!.skeyid));
    expect(sessions(p.a.events)[0]!.steps[0]).toMatchObject({ label: 'MM1', retransmits: 4 });
    expect(findings(p.a.events)).toEqual([]);
  });
});
