import { describe, expect, it } from 'vitest';
import { buildIcmpPacket, EspDataPlane, quickModeKeys } from '../esp/index.js';
import { toHex } from '../crypto/index.js';
import { espInput, pair, type Policy } from './index.js';

const mk = (pfsGroup: 0 | 14): { a: Policy; b: Policy } => {
  const base = { psk: 'k', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes256', integrity: 'sha256' }], pfsGroup } as const;
  return {
    a: { ...base, localAddress: '10.0.0.1', peerAddress: '10.0.0.2', proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } },
    b: { ...base, localAddress: '10.0.0.2', peerAddress: '10.0.0.1', proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } },
  };
};

describe('Quick Mode result → harness/esp', () => {
  for (const pfs of [0, 14] as const) {
    it(`installFromQuickMode on both sides carries a ping (PFS ${pfs})`, () => {
      const p = pair(mk(pfs));
      p.a.initiate();
      p.settle();
      const ca = p.a.childSas()[0]!;
      const cb = p.b.childSas()[0]!;
      // harness/esp derives the same keys as the engine
      const ia = espInput(ca);
      expect(toHex(quickModeKeys(ia, ca.inboundSpi).encKey)).toBe(toHex(ca.inbound.encKey));
      expect(toHex(quickModeKeys(ia, ca.outboundSpi).authKey)).toBe(toHex(ca.outbound.authKey));
      const da = new EspDataPlane();
      const db = new EspDataPlane();
      da.installFromQuickMode(ia);
      db.installFromQuickMode(espInput(cb));
      const ping = buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 1, sequence: 1, data: new TextEncoder().encode('ikev1') });
      const out = da.outbound(ping);
      expect(out.ok && out.value.action).toBe('protect');
      if (!out.ok || out.value.action !== 'protect') return;
      const got = db.inbound(out.value.packet);
      expect(got.ok && got.value.kind === 'esp' && toHex(got.value.packet)).toBe(toHex(ping));
    });
  }
});
