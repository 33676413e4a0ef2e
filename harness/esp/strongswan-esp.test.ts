/**
 * Known answers from an independent implementation: ESP-in-UDP packets that strongSwan's
 * libipsec sent (fixtures/strongswan-esp.ts, with the keys charon logged). Our data plane
 * decrypts them to the ICMP echoes of `ping 10.99.2.1`, counts them, refuses their replay and
 * a forged copy — and sealing the same inner packet with the same sequence number and IV
 * gives strongSwan's ESP bytes exactly (same padding, same ICV).
 */
import { describe, expect, it } from 'vitest';
import { nobleProvider, nodeProvider, toHex, type CryptoProvider } from '../crypto/index.js';
import { EspDataPlane } from './dataplane.js';
import { STRONGSWAN_ESP as SS, STRONGSWAN_ESP_GCM as GCM } from './fixtures/strongswan-esp.js';
import { IPPROTO_IPIP, parseIcmpEcho, parseIpv4 } from './ip.js';
import type { EspTransform } from './transforms.js';
import { parseUdpEncapsulatedPacket } from './udp-encap.js';

const t = SS.transform as EspTransform;
const NET_A = { address: '10.99.1.0/24' };
const NET_B = { address: '10.99.2.0/24' };

/** The data plane of B (the Quick Mode responder): inbound 7108fbd9 with the "initiator" keys. */
function nodeB(p: CryptoProvider) {
  const dp = new EspDataPlane({ provider: p });
  const common = { mode: 'tunnel' as const, transform: t, local: SS.b, remote: SS.a, localProxy: NET_B, remoteProxy: NET_A, udp: { localPort: 4500, remotePort: 4500 } };
  const inbound = dp.sad.install({ ...common, spi: SS.spiAtoB, direction: 'in', encKey: SS.encInitiatorKey, authKey: SS.integInitiatorKey });
  const outbound = dp.sad.install({ ...common, spi: SS.spiBtoA, direction: 'out', encKey: SS.encResponderKey, authKey: SS.integResponderKey });
  dp.spd.add({ local: NET_B, remote: NET_A, action: 'protect', outboundSpi: SS.spiBtoA });
  return { dp, inbound, outbound };
}

function nodeA(p: CryptoProvider) {
  const dp = new EspDataPlane({ provider: p });
  const common = { mode: 'tunnel' as const, transform: t, local: SS.a, remote: SS.b, localProxy: NET_A, remoteProxy: NET_B, udp: { localPort: 4500, remotePort: 4500 } };
  dp.sad.install({ ...common, spi: SS.spiBtoA, direction: 'in', encKey: SS.encResponderKey, authKey: SS.integResponderKey });
  return dp;
}

describe.each([nodeProvider, nobleProvider] as CryptoProvider[])('strongSwan libipsec ESP, $name provider', (p) => {
  it('B decrypts A\'s echo requests, A decrypts B\'s replies', () => {
    const { dp, inbound } = nodeB(p);
    for (const [pkt, seq] of [[SS.request1, 1], [SS.request2, 2]] as const) {
      const r = dp.inbound(pkt);
      expect(r).toMatchObject({ ok: true, value: { kind: 'esp', seq } });
      if (!r.ok || r.value.kind !== 'esp') return;
      const ip = parseIpv4(r.value.packet);
      expect(ip).toMatchObject({ ok: true, value: { src: '10.99.1.1', dst: '10.99.2.1', protocol: 1 } });
      if (ip.ok) expect(parseIcmpEcho(ip.value.payload)).toMatchObject({ ok: true, value: { type: 8, sequence: seq } });
    }
    expect(inbound.counters).toMatchObject({ decaps: 2, decrypt: 2, verify: 2, recvErrors: 0 });
    expect(dp.inbound(SS.request1)).toMatchObject({ ok: false, error: { code: 'replay' } });
    const a = nodeA(p);
    for (const [pkt, seq] of [[SS.reply1, 1], [SS.reply2, 2]] as const) {
      const r = a.inbound(pkt);
      expect(r.ok && r.value.kind === 'esp' && parseIpv4(r.value.packet)).toMatchObject({ ok: true, value: { src: '10.99.2.1', dst: '10.99.1.1' } });
      if (r.ok && r.value.kind === 'esp') expect(r.value.seq).toBe(seq);
    }
  });

  it('a forged copy (one bit of the ciphertext) is an ICV failure', () => {
    const { dp, inbound } = nodeB(p);
    const bad = SS.request2.slice();
    bad[80]! ^= 1;
    expect(dp.inbound(bad)).toMatchObject({ ok: false, error: { code: 'icv-failure' } });
    expect(inbound.counters.icvFailures).toBe(1);
  });

  it('sealing the same inner packet with the same sequence number and IV reproduces strongSwan\'s bytes', () => {
    const { dp, inbound } = nodeB(p);
    for (const pkt of [SS.request1, SS.request2]) {
      const opened = dp.inbound(pkt);
      if (!opened.ok || opened.value.kind !== 'esp') throw new Error('open');
      const wire = parseUdpEncapsulatedPacket(pkt);
      if (!wire.ok || wire.value.kind !== 'esp') throw new Error('udp');
      const esp = wire.value.esp;
      const iv = esp.subarray(8, 24);
      // A's outbound SA = B's inbound keys
      const again = inbound.codec.seal(opened.value.seq, opened.value.packet, IPPROTO_IPIP, { iv });
      expect(toHex(again)).toBe(toHex(esp));
    }
  });
});

describe.each([nodeProvider, nobleProvider] as CryptoProvider[])('strongSwan libipsec ESP with AES-256-GCM-16 (RFC 4106), $name provider', (p) => {
  function b() {
    const dp = new EspDataPlane({ provider: p });
    const inbound = dp.sad.install({
      mode: 'tunnel',
      transform: GCM.transform as EspTransform,
      local: GCM.b,
      remote: GCM.a,
      localProxy: NET_B,
      remoteProxy: NET_A,
      udp: { localPort: 4500, remotePort: 4500 },
      spi: GCM.spiAtoB,
      direction: 'in',
      encKey: GCM.encInitiatorKey,
      authKey: new Uint8Array(0),
    });
    return { dp, inbound };
  }

  it('decrypts both echo requests; a flipped bit fails the tag', () => {
    const { dp, inbound } = b();
    for (const [pkt, seq] of [[GCM.request1, 1], [GCM.request2, 2]] as const) {
      const r = dp.inbound(pkt);
      expect(r).toMatchObject({ ok: true, value: { kind: 'esp', seq } });
      if (r.ok && r.value.kind === 'esp') {
        const ip = parseIpv4(r.value.packet);
        expect(ip.ok && parseIcmpEcho(ip.value.payload)).toMatchObject({ ok: true, value: { type: 8, sequence: seq } });
      }
    }
    const bad = GCM.request1.slice();
    bad[60]! ^= 0x40;
    const { dp: dp2, inbound: in2 } = b();
    expect(dp2.inbound(bad)).toMatchObject({ ok: false, error: { code: 'icv-failure' } });
    expect(in2.counters.icvFailures).toBe(1);
    expect(inbound.counters).toMatchObject({ decaps: 2, verify: 2 });
  });

  it('sealing with the same sequence number and explicit IV reproduces strongSwan\'s bytes', () => {
    const { dp, inbound } = b();
    for (const pkt of [GCM.request1, GCM.request2]) {
      const opened = dp.inbound(pkt);
      if (!opened.ok || opened.value.kind !== 'esp') throw new Error('open');
      const wire = parseUdpEncapsulatedPacket(pkt);
      if (!wire.ok || wire.value.kind !== 'esp') throw new Error('udp');
      const iv = wire.value.esp.subarray(8, 16);
      expect(toHex(inbound.codec.seal(opened.value.seq, opened.value.packet, IPPROTO_IPIP, { iv }))).toBe(toHex(wire.value.esp));
    }
  });
});
