/**
 * IPv6 inner packets (RFC 8200, RFC 4443): addresses, ICMPv6 echo and UDP with the pseudo-header
 * checksum, malformed input as errors, and the data plane carrying them — IPv6 in ESP over IPv4
 * and over IPv6 (Next Header 41), transport mode over IPv6, SPD selection by IPv6 proxies, the
 * proxy check after decryption.
 */
import { describe, expect, it } from 'vitest';
import { nodeProvider, toHex } from '../crypto/index.js';
import { EspDataPlane } from './dataplane.js';
import { buildIcmpPacket, internetChecksum, IPPROTO_ESP, IPPROTO_IPIP, IPPROTO_UDP, parseIpv4, writeIpv4Header } from './ip.js';
import { buildIcmpv6Echo, buildIcmpv6Packet, buildIpv6, buildUdp6, buildUdp6Packet, IPPROTO_ICMPV6, ipv6Bytes, ipv6String, parseIcmpv6Echo, parseIpv6, parseUdp6 } from './ip6.js';
import type { QuickModeSaInput } from './sad.js';
import type { EspTransform } from './transforms.js';

const H1 = '2001:db8:1::10';
const H2 = '2001:db8:2::20';
const data = new TextEncoder().encode('ikelens-esp6');

describe('IPv6 addresses (RFC 4291 §2.2 in, RFC 5952 out)', () => {
  it.each([
    ['2001:db8::1', '2001:db8::1'],
    ['2001:0DB8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['::', '::'],
    ['::1', '::1'],
    ['fe80::', 'fe80::'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::ffff:10.1.2.3', '::ffff:a01:203'],
  ])('%s → %s', (text, canonical) => {
    expect(ipv6String(ipv6Bytes(text))).toBe(canonical);
    expect(toHex(ipv6Bytes(canonical))).toBe(toHex(ipv6Bytes(text)));
  });

  it.each(['2001:db8::1::2', '1:2:3:4:5:6:7:8:9', '1:2:3', '2001:db8::g', '10.0.0.1'])('%s is refused', (text) => {
    expect(() => ipv6Bytes(text)).toThrow(RangeError);
  });
});

describe('ICMPv6 echo and UDP over IPv6', () => {
  it('the ICMPv6 checksum covers the pseudo-header (RFC 4443 §2.3): the sum over pseudo-header and message is 0xffff', () => {
    const m = buildIcmpv6Echo(H1, H2, { type: 128, identifier: 0x1234, sequence: 7, data });
    // the RFC 8200 §8.1 pseudo-header written out: src, dst, 32-bit length, 3 zero bytes, next header
    const pseudo = new Uint8Array(40 + m.length);
    pseudo.set(ipv6Bytes(H1), 0);
    pseudo.set(ipv6Bytes(H2), 16);
    new DataView(pseudo.buffer).setUint32(32, m.length);
    pseudo[39] = IPPROTO_ICMPV6;
    pseudo.set(m, 40);
    expect(internetChecksum(pseudo)).toBe(0);
    expect(parseIcmpv6Echo(m, { src: H1, dst: H2 })).toMatchObject({ ok: true, value: { type: 128, identifier: 0x1234, sequence: 7 } });
    // the same message between other addresses does not verify: the addresses are covered
    expect(parseIcmpv6Echo(m, { src: H1, dst: '2001:db8:2::21' })).toMatchObject({ ok: false, error: { code: 'icmp-checksum', offset: 2 } });
  });

  it('UDP: mandatory checksum (RFC 8200 §8.1), zero refused, corruption found', () => {
    const u = buildUdp6(H1, H2, 4000, 5000, data);
    const a = { src: H1, dst: H2 };
    expect(parseUdp6(u, a)).toMatchObject({ ok: true, value: { srcPort: 4000, dstPort: 5000 } });
    const zero = u.slice();
    zero[6] = 0;
    zero[7] = 0;
    expect(parseUdp6(zero, a)).toMatchObject({ ok: false, error: { code: 'udp-checksum', offset: 6 } });
    const bad = u.slice();
    bad[10]! ^= 1;
    expect(parseUdp6(bad, a)).toMatchObject({ ok: false, error: { code: 'udp-checksum' } });
  });

  it('the IPv6 header: fields round-trip; truncation, a wrong version, a bad payload length and fragments are errors with offsets', () => {
    const p = buildUdp6Packet(H1, H2, 1, 2, data, { hopLimit: 33, trafficClass: 0xb8, flowLabel: 0xabcde });
    const r = parseIpv6(p);
    expect(r).toMatchObject({ ok: true, value: { src: H1, dst: H2, protocol: IPPROTO_UDP, hopLimit: 33, trafficClass: 0xb8, flowLabel: 0xabcde, totalLength: p.length } });
    expect(parseIpv6(p.subarray(0, 39))).toMatchObject({ ok: false, error: { code: 'truncated', offset: 39 } });
    expect(parseIpv6(p.subarray(0, p.length - 1))).toMatchObject({ ok: false, error: { code: 'ip-total-length', offset: 4 } });
    const v4 = p.slice();
    v4[0] = 0x45;
    expect(parseIpv6(v4)).toMatchObject({ ok: false, error: { code: 'ip-version', offset: 0 } });
    expect(parseIpv6(buildIpv6(H1, H2, 44, new Uint8Array(8)))).toMatchObject({ ok: false, error: { code: 'ip-fragment', offset: 6 } });
  });
});

// ---- through the data plane ---------------------------------------------------------------------

function planes(o: { local: string; remote: string; localProxy: string; remoteProxy: string; mode?: 'tunnel' | 'transport'; transform?: EspTransform }) {
  const base: Omit<QuickModeSaInput, 'inboundSpi' | 'outboundSpi' | 'local' | 'remote' | 'localProxy' | 'remoteProxy'> = {
    prf: { provider: nodeProvider, hash: 'sha256' },
    skeyidD: Uint8Array.from({ length: 32 }, (_, i) => i),
    niB: Uint8Array.from({ length: 16 }, (_, i) => 0x40 + i),
    nrB: Uint8Array.from({ length: 16 }, (_, i) => 0x80 + i),
    transform: o.transform ?? { encryption: 'aes256', integrity: 'hmac-sha256-128' },
    mode: o.mode ?? 'tunnel',
  };
  const a = new EspDataPlane();
  const b = new EspDataPlane();
  a.installFromQuickMode({ ...base, inboundSpi: 0x1000a, outboundSpi: 0x1000b, local: o.local, remote: o.remote, localProxy: { address: o.localProxy }, remoteProxy: { address: o.remoteProxy } });
  b.installFromQuickMode({ ...base, inboundSpi: 0x1000b, outboundSpi: 0x1000a, local: o.remote, remote: o.local, localProxy: { address: o.remoteProxy }, remoteProxy: { address: o.localProxy } });
  return { a, b };
}

function cross(from: EspDataPlane, to: EspDataPlane, inner: Uint8Array) {
  const out = from.outbound(inner);
  if (!out.ok || out.value.action !== 'protect') throw new Error(`outbound: ${JSON.stringify(out)}`);
  const got = to.inbound(out.value.packet);
  if (!got.ok || got.value.kind !== 'esp') throw new Error(`inbound: ${JSON.stringify(got)}`);
  return { wire: out.value.packet, inner: got.value.packet };
}

describe('IPv6 through ESP', () => {
  it('tunnel mode over IPv4: Next Header 41 inside ESP, ICMPv6 and UDP both ways', () => {
    const { a, b } = planes({ local: '192.0.2.1', remote: '192.0.2.2', localProxy: '2001:db8:1::/48', remoteProxy: '2001:db8:2::/48' });
    for (const [from, to, src, dst] of [[a, b, H1, H2], [b, a, H2, H1]] as const) {
      const ping = buildIcmpv6Packet(src, dst, { type: 128, identifier: 9, sequence: 1, data });
      const x = cross(from, to, ping);
      expect(toHex(x.inner)).toBe(toHex(ping));
      const outer = parseIpv4(x.wire);
      expect(outer.ok && [outer.value.protocol, outer.value.src]).toEqual([IPPROTO_ESP, from === a ? '192.0.2.1' : '192.0.2.2']);
      const udp = buildUdp6Packet(src, dst, 5353, 53, data);
      expect(toHex(cross(from, to, udp).inner)).toBe(toHex(udp));
    }
    // the decrypted trailer said 41: the receiver parsed an IPv6 packet (a v4 one under 41 would fail)
    const echo = parseIpv6(cross(a, b, buildIcmpv6Packet(H1, H2, { type: 128, identifier: 9, sequence: 2, data })).inner);
    expect(echo.ok && parseIcmpv6Echo(echo.value.payload, echo.value)).toMatchObject({ ok: true, value: { sequence: 2 } });
  });

  it('tunnel mode over IPv6, and IPv4 inside an IPv6 tunnel', () => {
    const six = planes({ local: '2001:db8:ff::1', remote: '2001:db8:ff::2', localProxy: '2001:db8:1::/48', remoteProxy: '2001:db8:2::/48', transform: { encryption: 'aes128gcm16', integrity: 'null' } });
    const ping = buildIcmpv6Packet(H1, H2, { type: 128, identifier: 1, sequence: 1, data });
    const x = cross(six.a, six.b, ping);
    const outer = parseIpv6(x.wire);
    expect(outer.ok && [outer.value.protocol, outer.value.src, outer.value.dst]).toEqual([IPPROTO_ESP, '2001:db8:ff::1', '2001:db8:ff::2']);
    expect(toHex(x.inner)).toBe(toHex(ping));
    const mixed = planes({ local: '2001:db8:ff::1', remote: '2001:db8:ff::2', localProxy: '10.1.0.0/16', remoteProxy: '10.2.0.0/16' });
    const p4 = buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 1, sequence: 1, data });
    expect(toHex(cross(mixed.a, mixed.b, p4).inner)).toBe(toHex(p4));
  });

  it('transport mode over IPv6: ESP follows the IPv6 header, Next Header = the upper protocol', () => {
    const { a, b } = planes({ local: H1, remote: H2, localProxy: H1, remoteProxy: H2, mode: 'transport' });
    const ping = buildIcmpv6Packet(H1, H2, { type: 128, identifier: 3, sequence: 4, data });
    const x = cross(a, b, ping);
    const outer = parseIpv6(x.wire);
    expect(outer.ok && outer.value.protocol).toBe(IPPROTO_ESP);
    expect(toHex(x.inner)).toBe(toHex(ping));
  });

  it('the SPD selects by IPv6 proxies; an IPv4 selector never matches an IPv6 packet; decrypted packets outside the proxies are refused', () => {
    const { a, b } = planes({ local: '192.0.2.1', remote: '192.0.2.2', localProxy: '2001:db8:1::/48', remoteProxy: '2001:db8:2::/48' });
    expect(a.outbound(buildIcmpv6Packet('2001:db8:3::1', H2, { type: 128, identifier: 1, sequence: 1, data }))).toMatchObject({ ok: false, error: { code: 'no-policy', offset: 8 } });
    const v4 = planes({ local: '192.0.2.1', remote: '192.0.2.2', localProxy: '0.0.0.0/0', remoteProxy: '0.0.0.0/0' });
    expect(v4.a.outbound(buildIcmpv6Packet(H1, H2, { type: 128, identifier: 1, sequence: 1, data }))).toMatchObject({ ok: false, error: { code: 'no-policy' } });
    // a sender whose proxies are wider (same keys and SPIs as B's pair): B decrypts, then refuses what is outside its proxies
    const wide = planes({ local: '192.0.2.1', remote: '192.0.2.2', localProxy: '2001:db8::/32', remoteProxy: '2001:db8:2::/48' });
    const out = wide.a.outbound(buildIcmpv6Packet('2001:db8:9::1', H2, { type: 128, identifier: 1, sequence: 1, data }));
    if (!out.ok || out.value.action !== 'protect') throw new Error('protect expected');
    expect(b.inbound(out.value.packet)).toMatchObject({ ok: false, error: { code: 'policy-mismatch', offset: 8 } });
  });

  it('an IPv6 packet sealed under Next Header 4 is refused (read as IPv4: ip-version)', () => {
    const { a, b } = planes({ local: '192.0.2.1', remote: '192.0.2.2', localProxy: '2001:db8:1::/48', remoteProxy: '2001:db8:2::/48' });
    const esp = a.sad.seal(a.sad.getOutbound(0x1000b)!, buildIcmpv6Packet(H1, H2, { type: 128, identifier: 1, sequence: 1, data }), IPPROTO_IPIP, { headroom: 20 });
    if (!esp.ok) throw new Error('seal');
    writeIpv4Header(esp.value, '192.0.2.1', '192.0.2.2', IPPROTO_ESP, esp.value.length);
    expect(b.inbound(esp.value)).toMatchObject({ ok: false, error: { code: 'ip-version', offset: 0 } });
    expect(b.sad.getInbound(0x1000b)!.counters.invalidPackets).toBe(1);
  });
});
