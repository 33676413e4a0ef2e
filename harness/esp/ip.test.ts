/** The minimal IPv4/ICMP/UDP layer and the RFC 3948 port-4500 demultiplexing. */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../crypto/index.js';
import { buildIcmpPacket, buildIpv4, buildUdp, buildUdpPacket, internetChecksum, parseIcmpEcho, parseIpv4, parseUdp } from './ip.js';
import { classifyUdp4500, ikeForPort4500, parseUdpEncapsulatedPacket, buildUdpEncapsulatedPacket } from './udp-encap.js';

describe('IPv4', () => {
  it('RFC 1071 checksum of a textbook header', () => {
    // the header of the RFC 1071 / Wikipedia example: checksum b861
    const h = fromHex('450000730000400040110000c0a80001c0a800c7');
    expect(internetChecksum(h).toString(16)).toBe('b861');
  });

  it('build and parse an ICMP echo packet', () => {
    const p = buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 7, sequence: 9, data: new Uint8Array([1, 2, 3]) }, { ttl: 9, id: 0x1234 });
    const ip = parseIpv4(p);
    expect(ip).toMatchObject({ ok: true, value: { src: '10.1.1.1', dst: '10.2.2.2', protocol: 1, ttl: 9, id: 0x1234, headerLength: 20, totalLength: 31 } });
    if (ip.ok) expect(parseIcmpEcho(ip.value.payload)).toMatchObject({ ok: true, value: { type: 8, identifier: 7, sequence: 9 } });
  });

  it('UDP checksums over the pseudo-header; zero means none', () => {
    const p = buildUdpPacket('10.1.1.1', '10.2.2.2', 1000, 2000, new TextEncoder().encode('hello'));
    const ip = parseIpv4(p);
    if (!ip.ok) throw new Error('parse');
    const addrs = { src: '10.1.1.1', dst: '10.2.2.2' };
    expect(parseUdp(ip.value.payload, addrs)).toMatchObject({ ok: true, value: { srcPort: 1000, dstPort: 2000 } });
    expect(parseUdp(ip.value.payload, { src: '10.1.1.2', dst: '10.2.2.2' })).toMatchObject({ ok: false, error: { code: 'udp-checksum', offset: 6 } });
    expect(parseUdp(buildUdp(1, 2, new Uint8Array(3)), addrs)).toMatchObject({ ok: true, value: { checksum: 0 } });
  });

  it('malformed packets: one error with code and offset', () => {
    const good = buildIpv4('1.2.3.4', '5.6.7.8', 17, buildUdp(1, 2, new Uint8Array(4)));
    const cases: [Uint8Array, string, number][] = [
      [good.subarray(0, 10), 'truncated', 10],
      [Uint8Array.from([0x65, ...good.subarray(1)]), 'ip-version', 0],
      [Uint8Array.from([0x44, ...good.subarray(1)]), 'ip-header-length', 0],
      [(() => { const b = good.slice(); b[3] = 200; return b; })(), 'ip-total-length', 2],
      [(() => { const b = good.slice(); b[8]! ^= 1; return b; })(), 'ip-checksum', 10],
    ];
    for (const [bytes, code, offset] of cases) expect(parseIpv4(bytes)).toMatchObject({ ok: false, error: { code, offset } });
    const frag = buildIpv4('1.2.3.4', '5.6.7.8', 17, new Uint8Array(8), { dontFragment: false });
    frag[6] = 0x20; // MF
    frag[10] = frag[11] = 0;
    const c = internetChecksum(frag, 0, 20);
    frag[10] = c >> 8;
    frag[11] = c & 255;
    expect(parseIpv4(frag)).toMatchObject({ ok: false, error: { code: 'ip-fragment', offset: 6 } });
    expect(parseUdp(Uint8Array.from([0, 1, 0, 2, 0, 99, 0, 0]))).toMatchObject({ ok: false, error: { code: 'udp-length', offset: 4 } });
    const icmp = buildIcmpPacket('1.1.1.1', '2.2.2.2', { type: 0, identifier: 1, sequence: 1, data: new Uint8Array(2) }).subarray(20);
    const badIcmp = icmp.slice();
    badIcmp[9]! ^= 1;
    expect(parseIcmpEcho(badIcmp)).toMatchObject({ ok: false, error: { code: 'icmp-checksum', offset: 2 } });
  });
});

describe('RFC 3948 demultiplexing on port 4500', () => {
  const isakmp = Uint8Array.from({ length: 28 }, (_, i) => i + 1);
  it('keepalive, IKE after the Non-ESP Marker, ESP', () => {
    expect(classifyUdp4500(new Uint8Array([0xff]))).toEqual({ ok: true, value: { kind: 'keepalive' } });
    const ike = classifyUdp4500(ikeForPort4500(isakmp));
    expect(ike.ok && ike.value.kind === 'ike' && toHex(ike.value.message)).toBe(toHex(isakmp));
    expect(classifyUdp4500(fromHex('0000100000000001aabbccdd'))).toMatchObject({ ok: true, value: { kind: 'esp' } });
  });
  it('refuses what is none of them', () => {
    expect(classifyUdp4500(new Uint8Array([0xfe]))).toMatchObject({ ok: false, error: { code: 'udp-encap-short', offset: 1 } });
    expect(classifyUdp4500(new Uint8Array(10))).toMatchObject({ ok: false, error: { code: 'udp-encap-short', message: expect.stringMatching(/ISAKMP/) } });
    expect(classifyUdp4500(fromHex('00001000000001'))).toMatchObject({ ok: false, error: { code: 'udp-encap-short', offset: 7 } });
  });
  it('whole packets: ports and offsets into the packet', () => {
    const p = buildUdpEncapsulatedPacket('1.1.1.1', '2.2.2.2', ikeForPort4500(isakmp), 34567, 4500);
    expect(parseUdpEncapsulatedPacket(p)).toMatchObject({ ok: true, value: { kind: 'ike', src: '1.1.1.1', srcPort: 34567, dstPort: 4500 } });
    expect(parseUdpEncapsulatedPacket(buildUdpEncapsulatedPacket('1.1.1.1', '2.2.2.2', new Uint8Array(2)))).toMatchObject({ ok: false, error: { code: 'udp-encap-short', offset: 30 } });
    expect(parseUdpEncapsulatedPacket(buildUdpEncapsulatedPacket('1.1.1.1', '2.2.2.2', isakmp, 4500, 500))).toMatchObject({ ok: false, error: { code: 'not-esp', offset: 22 } });
  });
});
