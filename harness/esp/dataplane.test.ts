/**
 * Two nodes, A and B, with SAs installed from the same Quick Mode result (KEYMAT per RFC 2409
 * §5.5, each direction keyed with its own SPI): ICMP and UDP through tunnel and transport
 * mode, ESP in UDP with the port-4500 demultiplexing, SPD decisions, proxies checked after
 * decryption, counters, lifetimes (soft/hard, seconds/kilobytes), sequence overflow, events.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../../analyzer/model/index.js';
import { keymat, nodeProvider, splitKeymat, toHex } from '../crypto/index.js';
import { EspDataPlane } from './dataplane.js';
import { IPPROTO_ESP, IPPROTO_UDP, buildIcmpPacket, buildIpv4, buildUdpPacket, parseIcmpEcho, parseIpv4, parseUdp } from './ip.js';
import type { QuickModeSaInput, SaLifetime } from './sad.js';
import { showCryptoIpsecSa } from './show.js';
import type { EspTransform } from './transforms.js';
import { ikeForPort4500, NAT_KEEPALIVE, buildUdpEncapsulatedPacket } from './udp-encap.js';

const A = '10.99.0.1';
const B = '10.99.0.2';
const NET_A = { address: '10.1.0.0/16' };
const NET_B = { address: '10.2.0.0/16' };
const SPI_A = 0xa1a1a1a1; // chosen by A: inbound at A, outbound at B
const SPI_B = 0xb2b2b2b2;

interface Pair {
  a: EspDataPlane;
  b: EspDataPlane;
  eventsA: Event[];
  clock: { t: number };
}

function qm(transform: EspTransform, extra: Partial<QuickModeSaInput> = {}): Omit<QuickModeSaInput, 'inboundSpi' | 'outboundSpi' | 'local' | 'remote'> {
  return {
    prf: { provider: nodeProvider, hash: 'sha1' },
    skeyidD: Uint8Array.from({ length: 20 }, (_, i) => i + 1),
    niB: Uint8Array.from({ length: 16 }, (_, i) => 0x40 + i),
    nrB: Uint8Array.from({ length: 16 }, (_, i) => 0x80 + i),
    transform,
    mode: 'tunnel',
    conn: '2000',
    ...extra,
  };
}

function pair(transform: EspTransform, extra: Partial<QuickModeSaInput> = {}, flip = false): Pair {
  const clock = { t: 1_800_000_000_000 };
  const eventsA: Event[] = [];
  const a = new EspDataPlane({ now: () => clock.t, node: 'A', emit: (e) => eventsA.push(e) });
  const b = new EspDataPlane({ now: () => clock.t, node: 'B' });
  const base = qm(transform, extra);
  const udpA = extra.udp;
  a.installFromQuickMode({ ...base, inboundSpi: SPI_A, outboundSpi: SPI_B, local: A, remote: B, localProxy: flip ? NET_B : NET_A, remoteProxy: NET_B });
  b.installFromQuickMode({
    ...base,
    inboundSpi: SPI_B,
    outboundSpi: SPI_A,
    local: B,
    remote: A,
    localProxy: NET_B,
    remoteProxy: NET_A,
    ...(udpA ? { udp: { localPort: udpA.remotePort, remotePort: udpA.localPort } } : {}),
  });
  return { a, b, eventsA, clock };
}

const ping = (seq: number, src = '10.1.1.1', dst = '10.2.2.2') =>
  buildIcmpPacket(src, dst, { type: 8, identifier: 0x4242, sequence: seq, data: new TextEncoder().encode('ikelens-esp') });

function send(from: EspDataPlane, to: EspDataPlane, inner: Uint8Array) {
  const out = from.outbound(inner);
  if (!out.ok || out.value.action !== 'protect') throw new Error(`outbound: ${JSON.stringify(out)}`);
  return { wire: out.value.packet, result: to.inbound(out.value.packet) };
}

describe('tunnel mode through the SPD and SAD', () => {
  it.each([
    [{ encryption: 'aes128', integrity: 'hmac-sha1-96' }],
    [{ encryption: '3des', integrity: 'hmac-md5-96' }],
    [{ encryption: 'aes256gcm16', integrity: 'null' }],
    [{ encryption: 'null', integrity: 'hmac-sha256-128' }],
  ] as [EspTransform][])('ICMP echo and UDP, both ways (%o)', (t) => {
    const { a, b } = pair(t);
    for (let i = 1; i <= 3; i++) {
      const { wire, result } = send(a, b, ping(i));
      const outer = parseIpv4(wire);
      expect(outer.ok && outer.value).toMatchObject({ src: A, dst: B, protocol: IPPROTO_ESP });
      expect(result.ok && result.value.kind).toBe('esp');
      if (!result.ok || result.value.kind !== 'esp') return;
      expect(toHex(result.value.packet)).toBe(toHex(ping(i)));
      const ip = parseIpv4(result.value.packet);
      expect(ip.ok && parseIcmpEcho(ip.value.payload)).toMatchObject({ ok: true, value: { sequence: i, type: 8 } });
    }
    const udp = buildUdpPacket('10.2.2.2', '10.1.1.1', 5353, 53, new TextEncoder().encode('query'));
    const back = send(b, a, udp).result;
    expect(back.ok && back.value.kind === 'esp' && toHex(back.value.packet)).toBe(toHex(udp));
    if (back.ok && back.value.kind === 'esp') {
      const ip = parseIpv4(back.value.packet);
      expect(ip.ok && parseUdp(ip.value.payload, { src: ip.value.src, dst: ip.value.dst })).toMatchObject({ ok: true, value: { dstPort: 53 } });
    }
    const [inA, outA] = [a.sad.getInbound(SPI_A)!, a.sad.getOutbound(SPI_B)!];
    expect(outA.counters).toMatchObject({ encaps: 3, encrypt: t.encryption === 'null' ? 0 : 3, digest: 3, sendErrors: 0 });
    expect(inA.counters).toMatchObject({ decaps: 1, verify: 1, recvErrors: 0 });
  });

  it('KEYMAT per direction: the inbound SA of A has the keys of B\'s outbound SA, computed with SPI_A', () => {
    const { a, b } = pair({ encryption: 'aes256', integrity: 'hmac-sha256-128' });
    const inA = a.sad.getInbound(SPI_A)!;
    expect(toHex(inA.config.encKey)).toBe(toHex(b.sad.getOutbound(SPI_A)!.config.encKey));
    const q = qm({ encryption: 'aes256', integrity: 'hmac-sha256-128' });
    const km = keymat(q.prf, q.skeyidD, { protocol: 3, spi: Uint8Array.from([0xa1, 0xa1, 0xa1, 0xa1]), niB: q.niB, nrB: q.nrB }, 64);
    const { encKey, authKey } = splitKeymat(km, 32, 32);
    expect(toHex(inA.config.encKey)).toBe(toHex(encKey));
    expect(toHex(inA.config.authKey)).toBe(toHex(authKey));
    expect(toHex(a.sad.getOutbound(SPI_B)!.config.encKey)).not.toBe(toHex(encKey));
  });

  it('PFS: g(qm)^xy enters KEYMAT (RFC 2409 §5.5), and traffic still flows', () => {
    const gqmxy = Uint8Array.from({ length: 256 }, (_, i) => (i * 5) & 0xff);
    const t: EspTransform = { encryption: 'aes128', integrity: 'hmac-sha1-96' };
    const { a, b } = pair(t, { gqmxy, pfsGroup: 14 });
    const q = qm(t);
    const km = keymat(q.prf, q.skeyidD, { protocol: 3, spi: Uint8Array.from([0xa1, 0xa1, 0xa1, 0xa1]), niB: q.niB, nrB: q.nrB, gqmxy }, 36);
    expect(toHex(a.sad.getInbound(SPI_A)!.config.encKey)).toBe(toHex(km.subarray(0, 16)));
    expect(toHex(a.sad.getInbound(SPI_A)!.config.authKey)).toBe(toHex(km.subarray(16)));
    expect(send(a, b, ping(1)).result).toMatchObject({ ok: true, value: { kind: 'esp' } });
  });

  it('GCM KEYMAT carries the 4-byte salt after the key (RFC 4106 §8.1)', () => {
    const { a } = pair({ encryption: 'aes128gcm16', integrity: 'null' });
    expect(a.sad.getInbound(SPI_A)!.config.encKey.length).toBe(20);
  });

  it('SPD: bypass, discard, no policy, acquire', () => {
    const { a } = pair({ encryption: 'aes128', integrity: 'hmac-sha1-96' });
    a.spd.entries; // protect 10.1/16 ↔ 10.2/16 is first
    const bypass = a.spd.add({ local: { address: '10.1.0.0/16' }, remote: { address: '0.0.0.0/0' }, action: 'bypass', name: 'internet' });
    expect(a.outbound(ping(1, '10.1.1.1', '8.8.8.8'))).toMatchObject({ ok: true, value: { action: 'bypass' } });
    a.spd.remove(bypass);
    a.spd.add({ local: { address: '10.1.0.0/16' }, remote: { address: '0.0.0.0/0' }, action: 'discard' });
    expect(a.outbound(ping(1, '10.1.1.1', '8.8.8.8'))).toMatchObject({ ok: false, error: { code: 'discard' } });
    expect(a.outbound(ping(1, '10.3.1.1', '8.8.8.8'))).toMatchObject({ ok: false, error: { code: 'no-policy', offset: 12 } });
    const c = new EspDataPlane();
    const pol = c.spd.add({ local: NET_A, remote: NET_B, action: 'protect' });
    expect(c.outbound(ping(1))).toEqual({ ok: true, value: { action: 'acquire', policy: pol } });
    // clear traffic that should have been protected is refused on the way in
    expect(c.inbound(ping(1, '10.2.2.2', '10.1.1.1'))).toMatchObject({ ok: false, error: { code: 'policy-mismatch' } });
  });

  it('inner packets outside the SA\'s proxies are dropped after decryption (RFC 4301 §5.2)', () => {
    const { a, b } = pair({ encryption: 'aes128', integrity: 'hmac-sha1-96' }, {}, true);
    // A's policy (wrongly) lets 10.2.x → 10.2.x into the tunnel; B's SA expects 10.1/16 as source
    const r = send(a, b, ping(1, '10.2.9.9', '10.2.2.2')).result;
    expect(r).toMatchObject({ ok: false, error: { code: 'policy-mismatch', offset: 12 } });
    expect(b.sad.getInbound(SPI_B)!.counters).toMatchObject({ recvErrors: 1, invalidPackets: 1, decaps: 1 });
  });
});

describe('errors become counters and events', () => {
  it('replay, ICV failure and invalid SPI', () => {
    const { a, b, eventsA } = pair({ encryption: 'aes128', integrity: 'hmac-sha1-96' });
    const { wire } = send(b, a, ping(1, '10.2.2.2', '10.1.1.1'));
    expect(a.inbound(wire)).toMatchObject({ ok: false, error: { code: 'replay', offset: 24 } });
    const forged = wire.slice();
    forged[60]! ^= 4;
    // the forged copy is a replay too, so change the sequence number: ICV failure
    forged[27]! = 9;
    expect(a.inbound(forged)).toMatchObject({ ok: false, error: { code: 'icv-failure' } });
    const unknown = wire.slice();
    unknown[20] = 0x77; // SPI 0xa1a1a1a1 → 0x77a1a1a1
    expect(a.inbound(unknown)).toMatchObject({ ok: false, error: { code: 'invalid-spi', offset: 20 } });
    const inA = a.sad.getInbound(SPI_A)!;
    expect(inA.counters).toMatchObject({ decaps: 1, replayFailures: 1, icvFailures: 1, recvErrors: 2 });
    expect(a.sad.counters.invalidSpi).toBe(1);
    const lines = eventsA.filter((e) => e.kind === 'log.line').map((e) => (e.kind === 'log.line' ? [e.record, e.text] : []));
    expect(lines).toEqual([
      ['esp.replay', '%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=2000, sequence number=1'],
      ['esp.icv-failure', '%CRYPTO-4-RECVD_PKT_MAC_ERR: decrypt: mac verify failed for connection id=2000'],
      ['esp.invalid-spi', `%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=${A}, prot=50, spi=0x77A1A1A1(${0x77a1a1a1}), srcaddr=${B}`],
    ]);
  });

  it('ipsec.sa events on install, with the analyzer\'s field conventions', () => {
    const { eventsA } = pair({ encryption: 'aes256', integrity: 'hmac-sha256-128' }, { lifetime: { seconds: 3600, kilobytes: 4608000 } });
    const sas = eventsA.filter((e) => e.kind === 'ipsec.sa');
    expect(sas).toHaveLength(2);
    expect(sas[0]).toMatchObject({
      kind: 'ipsec.sa',
      seq: 1,
      origin: { run: 'esp', step: 1 },
      node: 'A',
      dir: 'in',
      protocol: 'esp',
      spi: 'a1a1a1a1',
      sa: { spi: 'a1a1a1a1', conn: '2000' },
      local: NET_A,
      remote: NET_B,
      localEndpoint: { address: A },
      remoteEndpoint: { address: B },
      encryption: 'aes256',
      integrity: 'sha256',
      mode: 'tunnel',
      udpEncapsulated: false,
      lifetimeSeconds: 3600,
      lifetimeKilobytes: 4608000,
    });
    expect(sas[1]).toMatchObject({ dir: 'out', spi: 'b2b2b2b2', seq: 2 });
    expect(JSON.parse(JSON.stringify(sas))).toEqual(sas); // JSON-safe
  });

  it('sequence number overflow: the sender refuses to cycle (RFC 4303 §3.3.3)', () => {
    const c = new EspDataPlane();
    const events: Event[] = [];
    const d = new EspDataPlane({ emit: (e) => events.push(e) });
    const keys = { transform: { encryption: 'aes128', integrity: 'hmac-sha1-96' } as EspTransform, encKey: new Uint8Array(16), authKey: new Uint8Array(20), mode: 'tunnel' as const, local: A, remote: B, localProxy: NET_A, remoteProxy: NET_B };
    const out = d.sad.install({ ...keys, spi: 0x1234, direction: 'out', firstSequence: 2 ** 32 - 2 });
    d.spd.add({ local: NET_A, remote: NET_B, action: 'protect', outboundSpi: 0x1234 });
    c.sad.install({ ...keys, spi: 0x1234, direction: 'in', local: B, remote: A, localProxy: NET_B, remoteProxy: NET_A });
    expect(d.outbound(ping(1))).toMatchObject({ ok: true, value: { seq: 2 ** 32 - 2 } });
    expect(d.outbound(ping(2))).toMatchObject({ ok: true, value: { seq: 2 ** 32 - 1 } });
    expect(d.outbound(ping(3))).toMatchObject({ ok: false, error: { code: 'sequence-overflow' } });
    expect(out.counters).toMatchObject({ encaps: 2, sendErrors: 1 });
    expect(events.at(-1)).toMatchObject({ kind: 'log.line', record: 'esp.sequence-overflow' });
    // with ESN the same SA would go on
    const e = new EspDataPlane();
    const esn = e.sad.install({ ...keys, spi: 0x1235, direction: 'out', esn: true, firstSequence: 2 ** 32 - 1 });
    e.spd.add({ local: NET_A, remote: NET_B, action: 'protect', outboundSpi: 0x1235 });
    expect(e.outbound(ping(1)).ok && e.outbound(ping(2))).toMatchObject({ ok: true, value: { seq: 2 ** 32 } });
    expect(esn.sequence).toBe(2 ** 32 + 1);
  });

  it('ESN end to end across the 2^32 boundary', () => {
    const { a, b } = pair({ encryption: 'aes128', integrity: 'hmac-sha256-128' }, { esn: true });
    const out = a.sad.getOutbound(SPI_B)!;
    (out as unknown as { nextSeq: number }).nextSeq = 2 ** 32 - 2;
    // B's window learns the high half from the packets themselves (it starts in subspace 0)
    for (let i = 0; i < 4; i++) expect(send(a, b, ping(i)).result).toMatchObject({ ok: true, value: { kind: 'esp', seq: 2 ** 32 - 2 + i } });
  });
});

describe('lifetimes', () => {
  const life = (l: SaLifetime) => pair({ encryption: 'aes128', integrity: 'hmac-sha1-96' }, { lifetime: l });

  it('seconds: soft expiry announces a rekey, hard expiry removes the SA', () => {
    const { a, b, eventsA, clock } = life({ seconds: 100, softSeconds: 80 });
    expect(send(a, b, ping(1)).result.ok).toBe(true);
    clock.t += 85_000;
    a.sad.tick();
    expect(a.sad.getOutbound(SPI_B)!.state).toBe('soft-expired');
    expect(send(a, b, ping(2)).result.ok).toBe(true); // still usable
    clock.t += 20_000;
    expect(a.outbound(ping(3))).toMatchObject({ ok: true, value: { action: 'acquire' } });
    expect(a.sad.getOutbound(SPI_B)).toBeUndefined();
    const records = eventsA.filter((e) => e.kind === 'log.line').map((e) => (e.kind === 'log.line' ? e.record : ''));
    // tick() soft-expired both of A's SAs; the outbound one then hit its hard lifetime
    expect(records).toEqual(['esp.sa.soft-expired', 'esp.sa.soft-expired', 'esp.sa.hard-expired', 'esp.sa.deleted']);
    a.sad.tick();
    expect(a.sad.getInbound(SPI_A)).toBeUndefined();
    expect(a.sad.counters).toMatchObject({ expired: 2 });
  });

  it('kilobytes: counted on protected payload, soft at 90 % by default', () => {
    const { a, b } = life({ kilobytes: 2 });
    const big = buildUdpPacket('10.1.1.1', '10.2.2.2', 1, 2, new Uint8Array(472)); // 500 bytes
    for (let i = 0; i < 3; i++) expect(send(a, b, big).result.ok).toBe(true);
    expect(a.sad.getOutbound(SPI_B)!.state).toBe('active');
    expect(send(a, b, big).result.ok).toBe(true); // 2000 bytes ≥ 1843.2: soft
    expect(a.sad.getOutbound(SPI_B)!.state).toBe('soft-expired');
    expect(send(a, b, big).result.ok).toBe(true); // 2500 ≥ 2048: hard after this packet
    expect(a.sad.getOutbound(SPI_B)).toBeUndefined();
  });

  it('delete: the peer\'s packets on a deleted SPI are invalid-SPI errors', () => {
    const { a, b } = life({});
    expect(a.sad.delete(SPI_A, 'in', 'IKE delete')).toBe(true);
    expect(a.sad.delete(SPI_A, 'in')).toBe(false);
    const out = b.outbound(ping(1, '10.2.2.2', '10.1.1.1'));
    expect(out.ok && out.value.action === 'protect' && a.inbound(out.value.packet)).toMatchObject({ ok: false, error: { code: 'invalid-spi' } });
  });
});

describe('transport mode and ESP in UDP (RFC 3948)', () => {
  it('transport mode keeps the addresses and protects the UDP datagram', () => {
    // transport proxies are the hosts themselves, here for UDP only
    const a2 = new EspDataPlane();
    const b2 = new EspDataPlane();
    const base = qm({ encryption: 'aes192', integrity: 'hmac-sha384-192' }, { mode: 'transport' });
    a2.installFromQuickMode({ ...base, inboundSpi: SPI_A, outboundSpi: SPI_B, local: A, remote: B, localProxy: { address: A, protocol: 17 }, remoteProxy: { address: B, protocol: 17 } });
    b2.installFromQuickMode({ ...base, inboundSpi: SPI_B, outboundSpi: SPI_A, local: B, remote: A, localProxy: { address: B, protocol: 17 }, remoteProxy: { address: A, protocol: 17 } });
    const udp = buildUdpPacket(A, B, 1701, 1701, new TextEncoder().encode('l2tp-ish'), { ttl: 33, id: 77 });
    const { wire, result } = send(a2, b2, udp);
    const outer = parseIpv4(wire);
    expect(outer.ok && outer.value).toMatchObject({ src: A, dst: B, protocol: IPPROTO_ESP, ttl: 33, id: 77 });
    expect(result.ok && result.value.kind === 'esp' && toHex(result.value.packet)).toBe(toHex(udp));
    // ICMP is not in the proxies (protocol 17 only): no policy for it
    expect(a2.outbound(buildIcmpPacket(A, B, { type: 8, identifier: 1, sequence: 1, data: new Uint8Array(0) }))).toMatchObject({ ok: false, error: { code: 'no-policy' } });
  });

  it('NAT-T: ESP in UDP 4500 with a zero checksum; IKE with the Non-ESP Marker and keepalives on the same port', () => {
    const { a, b, eventsA } = pair({ encryption: 'aes128gcm16', integrity: 'null' }, { udp: { localPort: 4500, remotePort: 4500 } });
    const { wire, result } = send(a, b, ping(7));
    const outer = parseIpv4(wire);
    expect(outer.ok && outer.value.protocol).toBe(IPPROTO_UDP);
    if (outer.ok) {
      expect(parseUdp(outer.value.payload)).toMatchObject({ ok: true, value: { srcPort: 4500, dstPort: 4500, checksum: 0 } });
    }
    expect(result.ok && result.value.kind === 'esp' && toHex(result.value.packet)).toBe(toHex(ping(7)));
    expect(eventsA.find((e) => e.kind === 'ipsec.sa')).toMatchObject({ udpEncapsulated: true, localEndpoint: { port: 4500 } });
    const ike = Uint8Array.from({ length: 60 }, (_, i) => i + 1);
    expect(b.inbound(buildUdpEncapsulatedPacket(A, B, ikeForPort4500(ike), 4500, 4500))).toMatchObject({ ok: true, value: { kind: 'ike', src: A, srcPort: 4500 } });
    expect(b.inbound(buildUdpEncapsulatedPacket(A, B, NAT_KEEPALIVE, 4500, 4500))).toMatchObject({ ok: true, value: { kind: 'keepalive' } });
    expect(b.inbound(buildUdpEncapsulatedPacket(A, B, new Uint8Array([1, 2]), 4500, 4500))).toMatchObject({ ok: false, error: { code: 'udp-encap-short', offset: 30 } });
    // plain IKE on 500 is not ours: no policy
    expect(b.inbound(buildIpv4(A, B, IPPROTO_UDP, new Uint8Array([1, 244, 1, 244, 0, 8, 0, 0])))).toMatchObject({ ok: false, error: { code: 'no-policy' } });
  });
});

describe('show crypto ipsec sa', () => {
  it('prints the counters of an SA pair', () => {
    const { a, b } = pair({ encryption: 'aes256', integrity: 'hmac-sha1-96' }, { lifetime: { seconds: 3600, kilobytes: 4608000 } });
    send(a, b, ping(1));
    send(b, a, ping(1, '10.2.2.2', '10.1.1.1'));
    const text = showCryptoIpsecSa(a.sad.getInbound(SPI_A)!, a.sad.getOutbound(SPI_B)!);
    expect(text).toContain('local  ident (addr/mask/prot/port): (10.1.0.0/255.255.0.0/0/0)');
    expect(text).toContain('#pkts encaps: 1, #pkts encrypt: 1, #pkts digest: 1');
    expect(text).toContain('#pkts decaps: 1, #pkts decrypt: 1, #pkts verify: 1');
    expect(text).toContain('current outbound spi: 0xB2B2B2B2(2998055602)');
    expect(text).toContain('transform: esp-aes256 esp-hmac-sha1-96 ,');
  });
});
