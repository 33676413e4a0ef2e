/** A failed phase-2 rekey is tried again with backoff until the old pair's hard lifetime (rekey.ts). */
import { describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { ofKind } from '../../analyzer/model/events.js';
import { buildIcmpPacket, EspDataPlane } from '../esp/index.js';
import { toHex } from '../crypto/index.js';
import { policies } from './test-helpers.js';
import { DataPlaneLink, pair, RETRY_FIRST_MS, type Pair } from './index.js';

const IKE = { cipher: 'aes128', hash: 'sha1', group: 14 } as const;
const LIFE_S = 600;
const EXCHANGE_QUICK = 32;

/** A with a 600 s ESP lifetime; B never rekeys itself (so only A's retries can keep the traffic going). */
function setUp(seed: number, beforeStart: (p: Pair) => void = () => undefined): Pair {
  const pol = policies({ psk: 'k', ike: [IKE], esp: [{ cipher: 'aes128', integrity: 'sha1', lifetimeSeconds: LIFE_S }] });
  const p = pair({ a: pol.a, b: { ...pol.b, rekey: false }, seed });
  beforeStart(p);
  p.a.initiate();
  p.settle();
  expect(p.a.childSas()).toHaveLength(1);
  return p;
}

/** Drops every datagram of the first `n` Quick Modes A starts from now on (QM1 and all its retransmissions). */
function loseQuickModes(p: Pair, n: number): number[] {
  const lost: number[] = [];
  p.net.filter = (d) => {
    if (d.from.address !== '10.0.0.1' || d.bytes[18] !== EXCHANGE_QUICK) return false;
    const msgid = new DataView(d.bytes.buffer, d.bytes.byteOffset).getUint32(20);
    if (!lost.includes(msgid) && lost.length < n) lost.push(msgid);
    return lost.includes(msgid);
  };
  return lost;
}

const quickPhases = (p: Pair) => ofKind(p.a.events, 'ike.phase').filter((e) => e.phase === 2);
/** When the first pair of `events` reaches its hard lifetime: its Quick Mode's completion + the lifetime. */
const hardAt = (events: Pair['a']['events']) => Date.parse(ofKind(events, 'ike.phase').find((e) => e.phase === 2 && e.status === 'complete')!.time!) + LIFE_S * 1000;

describe('a rekey Quick Mode that fails is tried again', () => {
  it('the first rekey QM is lost entirely; the retry succeeds before the hard expiry and the traffic never stops', () => {
    let planes: EspDataPlane[] = [];
    // the data planes follow the engines from the first pair on (DataPlaneLink installs every pair)
    const p = setUp(4, (q) => {
      planes = [q.a, q.b].map((engine) => {
        const link = new DataPlaneLink(engine);
        const dp = new EspDataPlane({ now: () => q.clock.now(), node: engine.node, emit: (e) => link.espEvent(e) });
        link.attach(dp);
        return dp;
      });
    });
    const [dpA, dpB] = planes as [EspDataPlane, EspDataPlane];
    const lost = loseQuickModes(p, 1);
    const spis = new Set<number>();
    let delivered = 0;
    let sent = 0;
    // one ping every 5 s for 800 s: past the soft point, the lost rekey, the retry and the old pair's hard lifetime
    for (let t = 5_000; t <= 800_000; t += 5_000) {
      p.clock.advance(5_000);
      const ping = buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 9, sequence: ++sent, data: new Uint8Array(64).fill(sent & 0xff) });
      const out = dpA.outbound(ping);
      if (!out.ok || out.value.action !== 'protect') continue;
      spis.add(out.value.sa.spi);
      const got = dpB.inbound(out.value.packet);
      if (got.ok && got.value.kind === 'esp' && toHex(got.value.packet) === toHex(ping)) delivered++;
    }
    expect(delivered).toBe(sent);
    expect(spis.size).toBe(2); // the first pair, then the retried rekey's
    // A: initial Quick Mode, the lost rekey (given up: no_response), the retry (complete)
    const phases = quickPhases(p);
    expect(phases.map((e) => `${e.status}${e.status === 'failed' ? ` ${e.reason}` : ''}`)).toEqual(['started', 'complete', 'started', 'failed no_response', 'started', 'complete']);
    expect(lost).toHaveLength(1);
    expect(phases[3]!.msgid).toBe(lost[0]);
    const at = (i: number) => Date.parse(phases[i]!.time!);
    // retried RETRY_FIRST_MS after the failure, completed before the old pair's hard lifetime
    expect(at(4) - at(3)).toBe(RETRY_FIRST_MS);
    expect(at(5)).toBeLessThan(hardAt(p.a.events));
    // the old pair expired at its hard lifetime on both sides; one pair left
    for (const e of [p.a, p.b]) {
      const expired = ofKind(e.events, 'ipsec.sa').filter((s) => s.state === 'expired');
      expect(expired.map((s) => Date.parse(s.time!))).toEqual([hardAt(e.events), hardAt(e.events)]);
      expect(e.childSas()).toHaveLength(1);
    }
    // the analyzer: three Quick Modes on one ISAKMP SA, the lost one failed
    const s = correlate(p.a.events, 'ikelens-engine').sessions[0]!.session;
    expect(s.phase2.map((q) => q.outcome)).toEqual(['established', 'failed', 'established']);
  });

  it('every try lost: retries back off (15 s, 30 s, …) and stop before the hard lifetime; the pair then expires', () => {
    const p = setUp(4);
    loseQuickModes(p, 1000);
    p.clock.advance(LIFE_S * 1000 + 1_000);
    const phases = quickPhases(p).slice(2); // after the initial Quick Mode
    const starts = phases.filter((e) => e.status === 'started').map((e) => Date.parse(e.time!));
    const fails = phases.filter((e) => e.status === 'failed').map((e) => Date.parse(e.time!));
    expect(fails).toHaveLength(starts.length);
    expect(starts.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - fails[i - 1]!).toBe(RETRY_FIRST_MS * 2 ** (i - 1));
    const hard = hardAt(p.a.events);
    expect(starts.every((t) => t < hard)).toBe(true);
    // the next try would have started after the hard lifetime: none was
    expect(fails[fails.length - 1]! + RETRY_FIRST_MS * 2 ** (starts.length - 1)).toBeGreaterThanOrEqual(hard);
    expect(p.a.childSas()).toEqual([]);
    expect(p.b.childSas()).toEqual([]);
    expect(p.a.lifetimes.armed).toBe(2); // the ISAKMP SA's soft and hard timers only: no retry left
  });
});
