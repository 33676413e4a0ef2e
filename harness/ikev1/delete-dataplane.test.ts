// A deleted IPsec SA pair leaves the data plane at once (not at its hard lifetime) and its lifetime
// timers stop; a deleted ISAKMP SA is never rekeyed. Two engines, each with its ESP data plane
// (DataPlaneLink), on the in-memory network with a fake clock.
import { describe, expect, it } from 'vitest';
import type { Event } from '../../analyzer/model/events.js';
import { buildIcmpPacket, EspDataPlane } from '../esp/index.js';
import { toHex } from '../crypto/index.js';
import { policies } from './test-helpers.js';
import { DataPlaneLink, pair, type Ikev1Engine } from './index.js';

const BASE = { psk: 'k', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }] } as const;

function withDataPlanes() {
  const pol = policies(BASE);
  const p = pair({ a: pol.a, b: pol.b, seed: 9 });
  const plane = (engine: Ikev1Engine) => {
    const events: Event[] = [];
    const link = new DataPlaneLink(engine);
    const dp = new EspDataPlane({ now: () => p.clock.now(), node: engine.node, emit: (e) => (events.push(e), link.espEvent(e)) });
    link.attach(dp);
    return { dp, events };
  };
  const A = plane(p.a);
  const B = plane(p.b);
  p.a.initiate();
  p.clock.advance(2_000);
  expect(p.b.childSas()).toHaveLength(1);
  return { p, A, B };
}

const echo = (seq: number) => buildIcmpPacket('10.1.0.5', '10.2.0.5', { type: 8, identifier: 1, sequence: seq, data: new Uint8Array(8) });
const deletedRecords = (events: readonly Event[]) => events.flatMap((e) => (e.kind === 'log.line' && e.record === 'esp.sa.deleted' ? [e.text ?? ''] : []));

describe('a deleted IPsec SA pair leaves the data plane', () => {
  it('after a DELETE both data planes drop the pair (an ESP packet of it is refused, new traffic asks for an SA), its timers stop; a new Quick Mode carries traffic again', () => {
    const { p, A, B } = withDataPlanes();
    const before = A.dp.outbound(echo(1));
    if (!before.ok || before.value.action !== 'protect') throw new Error('no tunnel before the delete');
    expect(B.dp.inbound(before.value.packet).ok).toBe(true);
    const inFlight = A.dp.outbound(echo(2));
    if (!inFlight.ok || inFlight.value.action !== 'protect') throw new Error('no tunnel before the delete');
    const armed = p.a.lifetimes.armed;

    expect(p.a.deleteChildSa(p.a.childSas()[0]!)).toBe(true);
    p.clock.advance(1_000);
    for (const side of [A, B]) {
      expect(side.dp.sad.all).toEqual([]);
      expect(deletedRecords(side.events)).toHaveLength(2);
      expect(deletedRecords(side.events).every((t) => t.endsWith('reason: deleted by IKE (DELETE)'))).toBe(true);
    }
    // the packet sent on the old pair just before the delete: its SPI is unknown now
    expect(B.dp.inbound(inFlight.value.packet).ok).toBe(false);
    // traffic for the tunnel needs a new SA (a device would start IKE here)
    const after = A.dp.outbound(echo(3));
    expect(after.ok && after.value.action).toBe('acquire');
    // the pair's soft and hard timers are gone; the ISAKMP SA's stay
    expect(p.a.lifetimes.armed).toBe(armed - 2);

    p.a.startQuickMode(p.a.isakmpSas()[0]!);
    p.clock.advance(2_000);
    const again = A.dp.outbound(echo(4));
    if (!again.ok || again.value.action !== 'protect') throw new Error('no tunnel after the new Quick Mode');
    const got = B.dp.inbound(again.value.packet);
    expect(got.ok && got.value.kind === 'esp' && toHex(got.value.packet)).toBe(toHex(echo(4)));
  });

  it('after a DELETE of the ISAKMP SA nothing is left on either side: no SA in the data planes, no lifetime timer (no rekey of a deleted SA later)', () => {
    const { p, A, B } = withDataPlanes();
    expect(p.a.lifetimes.armed).toBeGreaterThan(0);
    expect(p.b.deleteIsakmpSa(p.b.isakmpSas()[0]!)).toBe(true);
    p.clock.advance(1_000);
    for (const [engine, side] of [[p.a, A], [p.b, B]] as const) {
      expect(side.dp.sad.all).toEqual([]);
      expect(engine.lifetimes.armed).toBe(0);
    }
    // a day later (past every soft lifetime) nobody has started anything
    const msgs = (e: Ikev1Engine) => e.events.filter((x) => x.kind === 'ike.msg').length;
    const [ma, mb] = [msgs(p.a), msgs(p.b)];
    p.clock.advance(90_000_000);
    expect([msgs(p.a), msgs(p.b)]).toEqual([ma, mb]);
  });
});
