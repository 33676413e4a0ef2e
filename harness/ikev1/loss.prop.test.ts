import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import type { Event } from '../../analyzer/model/events.js';
import { toHex } from '../crypto/index.js';
import { pair, type Ikev1Engine, type Policy } from './index.js';

const FC = process.env.CI ? { seed: 20261122, numRuns: 60 } : { numRuns: 60 };

const base = { psk: 'k', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }] } as const;
const a: Policy = { ...base, localAddress: '10.0.0.1', peerAddress: '10.0.0.2', proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } };
const b: Policy = { ...base, localAddress: '10.0.0.2', peerAddress: '10.0.0.1', proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } };

/** Every phase this node started (or joined) ends complete or failed; failures from loss are no_response. */
function phasesClosed(events: readonly Event[]): boolean {
  const open = new Map<string, string>();
  for (const e of events) {
    if (e.kind !== 'ike.phase') continue;
    const key = `${e.phase}:${e.msgid ?? ''}`;
    if (e.status === 'failed' && e.reason !== 'no_response') return false;
    if (e.status === 'started' && open.has(key)) return false;
    open.set(key, e.status);
  }
  // a responder's Quick Mode has no 'started' event of its own: its messages must still end
  return [...open.values()].every((s) => s !== 'started');
}

function keysEqual(x: Ikev1Engine, y: Ikev1Engine): boolean {
  const [cx] = x.childSas();
  const [cy] = y.childSas();
  if (!cx || !cy) return false;
  return (
    toHex(x.isakmpSas()[0]!.keys!.skeyidD) === toHex(y.isakmpSas()[0]!.keys!.skeyidD) &&
    cx.inboundSpi === cy.outboundSpi &&
    toHex(cx.inbound.encKey) === toHex(cy.outbound.encKey) &&
    toHex(cx.inbound.authKey) === toHex(cy.outbound.authKey) &&
    toHex(cx.outbound.encKey) === toHex(cy.inbound.encKey)
  );
}

describe('seeded loss and duplication', () => {
  it('every run (Main or Aggressive Mode) establishes with equal keys, or ends with the right phase events on each side', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.double({ min: 0, max: 0.6, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.constantFrom('main' as const, 'aggressive' as const), (seed, loss, duplicate, mode) => {
        const p = pair({ a: { ...a, mode }, b, seed, network: { loss, duplicate } });
        p.a.initiate();
        p.settle();
        const bothUp = p.a.childSas().length === 1 && p.b.childSas().length === 1;
        if (bothUp) expect(keysEqual(p.a, p.b)).toBe(true);
        else expect(p.a.childSas().length + p.b.childSas().length).toBeLessThanOrEqual(1);
        expect(phasesClosed(p.a.events)).toBe(true);
        expect(phasesClosed(p.b.events)).toBe(true);
        // nothing left half-open: every timer ran out
        expect(p.clock.pending()).toBe(0);
        // the analyzer reads the same story: the initiator's phase-1 outcome is the engine's
        const s = correlate(p.a.events, 'ikelens-engine').sessions;
        expect(s).toHaveLength(1);
        const p1done = p.a.events.some((e) => e.kind === 'ike.phase' && e.phase === 1 && e.status === 'complete');
        expect(s[0]!.session.phase1.outcome).toBe(p1done ? 'established' : 'failed');
        const p2 = s[0]!.session.phase2[0];
        if (p.a.childSas().length) expect(p2?.outcome).toBe('established');
        if (bothUp) {
          const sb = correlate(p.b.events, 'ikelens-engine').sessions;
          expect(sb[0]!.session.phase2[0]!.outcome).toBe('established');
        }
      }),
      FC,
    );
  });
});

describe('seeded loss, duplication, reordering and jitter across a NAT (NAT-T)', () => {
  const aIn = '192.168.1.10';
  const natPublic = '203.0.113.1';
  it('every run establishes UDP-encapsulated SAs on the NAT-T ports with equal keys, or ends with the right phase events on each side', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom('main' as const, 'aggressive' as const),
        fc.boolean(),
        (seed, loss, duplicate, reorder, jitterMs, mode, portPreserving) => {
          const p = pair({
            a: { ...a, localAddress: aIn, mode, natTraversal: true },
            b: { ...b, peerAddress: natPublic, natTraversal: true },
            seed,
            network: { loss, duplicate, reorder, jitterMs, nats: [{ publicAddress: natPublic, inside: [aIn], portPreserving }] },
          });
          p.a.initiate();
          // keepalives keep the clock busy while the SA lives: run long enough for every retransmission budget
          p.settle(120_000);
          const bothUp = p.a.childSas().length === 1 && p.b.childSas().length === 1;
          if (bothUp) {
            expect(keysEqual(p.a, p.b)).toBe(true);
            const mapped = p.net.nats[0]!.mappings(p.clock.now()).find((m) => m.inside.port === 4500)?.publicPort;
            expect(p.a.childSas()[0]!.udp).toEqual({ localPort: 4500, remotePort: 4500 });
            expect(p.b.childSas()[0]!.udp).toEqual({ localPort: 4500, remotePort: mapped });
          } else expect(p.a.childSas().length + p.b.childSas().length).toBeLessThanOrEqual(1);
          expect(phasesClosed(p.a.events)).toBe(true);
          expect(phasesClosed(p.b.events)).toBe(true);
          const s = correlate(p.a.events, 'ikelens-engine').sessions;
          expect(s).toHaveLength(1);
          const p1done = p.a.events.some((e) => e.kind === 'ike.phase' && e.phase === 1 && e.status === 'complete');
          expect(s[0]!.session.phase1.outcome).toBe(p1done ? 'established' : 'failed');
          if (p1done) expect(s[0]!.session.natt).toMatchObject({ detected: true, localBehindNat: true, floated: true });
        },
      ),
      FC,
    );
  });
});

describe('bad bytes are data', () => {
  it('arbitrary datagrams and mutated messages of a real run never throw out of receive()', () => {
    const p = pair({ a, b, seed: 3 });
    p.a.initiate();
    p.settle();
    const wire = p.net.log.map((l) => l.d);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.tuple(fc.nat(wire.length - 1), fc.nat(), fc.integer({ min: 1, max: 255 })).map(([i, at, x]) => {
            const m = wire[i]!.bytes.slice();
            m[at % m.length] = m[at % m.length]! ^ x;
            return m;
          }),
        ),
        (bytes) => {
          const q = pair({ a, b, seed: 3 });
          q.a.initiate();
          q.settle();
          expect(() => q.b.receive(bytes, '10.0.0.1')).not.toThrow();
          expect(() => q.a.receive(bytes, '10.0.0.2')).not.toThrow();
          expect(() => q.settle()).not.toThrow();
          // an established pair stays established
          expect(q.a.childSas()).toHaveLength(1);
        },
      ),
      { ...FC, numRuns: 40 },
    );
  });

  it('events are JSON-safe', () => {
    const p = pair({ a, b, seed: 5 });
    p.a.initiate();
    p.settle();
    for (const e of [...p.a.events, ...p.b.events]) expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});
