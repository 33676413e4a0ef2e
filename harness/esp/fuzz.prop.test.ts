/**
 * Random and mutated bytes never throw: the data plane's inbound path, the ESP codec and the
 * IP parsers return one error result (with an offset inside the input) or a value.
 * Fixed seed when CI is set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeProvider } from '../crypto/index.js';
import { EspDataPlane } from './dataplane.js';
import { EspCodec } from './esp.js';
import { buildIcmpPacket, parseIpv4 } from './ip.js';
import { ReplayWindow } from './replay.js';

const params = (numRuns: number): fc.Parameters<unknown> => (process.env.CI ? { seed: 20261122, numRuns } : { numRuns });

function setup() {
  const a = new EspDataPlane();
  const b = new EspDataPlane();
  const t = { encryption: 'aes128', integrity: 'hmac-sha1-96' } as const;
  const common = { transform: t, encKey: new Uint8Array(16).fill(1), authKey: new Uint8Array(20).fill(2), mode: 'tunnel' as const };
  a.sad.install({ ...common, spi: 0x5000, direction: 'out', local: '1.1.1.1', remote: '2.2.2.2', localProxy: { address: '10.1.0.0/16' }, remoteProxy: { address: '10.2.0.0/16' } });
  a.spd.add({ local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' }, action: 'protect', outboundSpi: 0x5000 });
  b.sad.install({ ...common, spi: 0x5000, direction: 'in', local: '2.2.2.2', remote: '1.1.1.1', localProxy: { address: '10.2.0.0/16' }, remoteProxy: { address: '10.1.0.0/16' } });
  return { a, b };
}

describe('no exceptions on hostile input', () => {
  it('random bytes into inbound(), parseIpv4() and EspCodec.open()', () => {
    const { b } = setup();
    const codec = new EspCodec({ spi: 0x5000, transform: { encryption: 'aes128gcm16', integrity: 'null' }, encKey: new Uint8Array(20), authKey: new Uint8Array(0) }, nodeProvider);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const r of [b.inbound(bytes), parseIpv4(bytes), codec.open(bytes, new ReplayWindow())]) {
          if (!r.ok) expect(r.error.offset).toBeGreaterThanOrEqual(0);
        }
      }),
      params(500),
    );
  });

  it('mutated protected packets are refused with an error, never accepted with other contents', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const { a, b } = setup();
        const inner = buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 1, sequence: 1, data: new Uint8Array(30) });
        const out = a.outbound(inner);
        if (!out.ok || out.value.action !== 'protect') throw new Error('setup');
        const wire = out.value.packet.slice();
        for (const [pos, x] of flips) wire[pos % wire.length]! ^= x;
        const r = b.inbound(wire);
        if (r.ok) {
          // only flips in the outer header fields not covered by ESP (TTL, ID, TOS) may pass
          expect(r.value.kind === 'esp' && Buffer.from(r.value.packet).equals(inner)).toBe(true);
        } else {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(wire.length);
        }
      }),
      params(300),
    );
  });
});
