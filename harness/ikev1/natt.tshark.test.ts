/**
 * Independent check of a NAT-T run on the wire: the in-memory network's log, as captured on the
 * NAT's outside link, written as pcap and dissected by tshark — no malformed packets, NAT-D (RFC 3947)
 * in MM3/MM4, IKE behind the non-ESP marker on 4500, NAT keepalives, and UDP-encapsulated ESP that
 * tshark decrypts with the keys of the responder's SAs (inner ICMP, ICV good).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tsharkKeyArgs } from '../crypto/index.js';
import { buildIcmpPacket, buildUdpPacket, EspDataPlane } from '../esp/index.js';
import { pcapRaw } from '../testing/pcap.js';
import { requireTool } from '../testing/tools.js';
import type { Datagram } from '../transport/endpoint.js';
import { espDatagram, espInput, pair } from './index.js';

const hasTshark = requireTool('tshark');

const A_IN = '192.168.1.10';
const NAT_A = '203.0.113.1';
const B = '198.51.100.2';

describe.skipIf(!hasTshark)('tshark reads a NAT-T run captured outside the NAT', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ikelens-natt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('no malformed packet; NAT-D, the non-ESP marker on 4500, keepalives and decryptable ESP in UDP', () => {
    const base = { psk: 'k', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }], natTraversal: true } as const;
    const p = pair({
      a: { ...base, localAddress: A_IN, peerAddress: B, proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } },
      b: { ...base, localAddress: B, peerAddress: NAT_A, proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } },
      seed: 21,
      network: { nats: [{ publicAddress: NAT_A, inside: [A_IN], portPreserving: false }] },
    });
    p.a.initiate();
    p.clock.advance(45_000); // Main Mode, Quick Mode and two keepalives (at 20 s and 40 s)
    const da = new EspDataPlane();
    const db = new EspDataPlane();
    da.installFromQuickMode(espInput(p.a.childSas()[0]!));
    const sb = db.installFromQuickMode(espInput(p.b.childSas()[0]!));
    for (const [dp, src, dst, seq] of [
      [da, '10.1.1.1', '10.2.2.2', 1],
      [db, '10.2.2.2', '10.1.1.1', 2],
    ] as const) {
      const out = dp.outbound(buildIcmpPacket(src, dst, { type: 8, identifier: 0x4e41, sequence: seq, data: new TextEncoder().encode('natt') }));
      if (!out.ok || out.value.action !== 'protect') throw new Error('not protected');
      p.net.send(espDatagram(out.value.packet)!);
      p.clock.advance(50);
    }
    // the outside link sees each datagram with the NAT's public address, never A's inside one
    const outside = (d: Datagram | undefined) => d !== undefined && d.from.address !== A_IN && d.to.address !== A_IN;
    const wire = p.net.log.map((l) => [l.d, l.nat].find(outside)!);
    expect(wire.every(Boolean)).toBe(true);
    const file = join(dir, 'natt.pcap');
    writeFileSync(file, pcapRaw(wire.map((d) => buildUdpPacket(d.from.address, d.to.address, d.from.port, d.to.port, d.bytes))));
    const tshark = (...args: string[]) => execFileSync('tshark', ['-n', '-r', file, ...args], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });

    expect(tshark('-Y', '_ws.malformed || _ws.expert.severity >= "error"').trim()).toBe('');
    const protocols = tshark('-T', 'fields', '-e', 'frame.protocols').trim().split('\n');
    expect(protocols).toHaveLength(wire.length);
    const count = (s: string) => protocols.filter((x) => x === s).length;
    expect(count('raw:ip:udp:isakmp')).toBe(4); // MM1–MM4 on 500
    expect(count('raw:ip:udp:udpencap:isakmp')).toBe(5); // MM5, MM6, QM1–QM3 on 4500 behind the marker
    expect(count('raw:ip:udp:udpencap')).toBe(2); // keepalives
    expect(count('raw:ip:udp:udpencap:esp')).toBe(2);
    const natd = tshark('-Y', 'isakmp', '-V');
    expect(natd.match(/Payload: NAT-D \(RFC 3947\) \(20\)/g)).toHaveLength(4);
    expect(tshark('-Y', 'udpencap.non_esp_marker', '-T', 'fields', '-e', 'udp.srcport', '-e', 'udp.dstport').trim().split('\n')).toEqual([
      '40001\t4500',
      '4500\t40001',
      '40001\t4500',
      '4500\t40001',
      '40001\t4500',
    ]);
    expect(tshark('-Y', 'udpencap.nat_keepalive', '-T', 'fields', '-e', 'ip.src').trim().split('\n')).toEqual([NAT_A, NAT_A]);
    // ESP in UDP, decrypted with B's SA keys (addresses as B sees them: the NAT's public address)
    const esp = tshark('-o', 'udp.try_heuristic_first:TRUE', ...tsharkKeyArgs({ esp: [sb.inbound.wiresharkEntry(), sb.outbound.wiresharkEntry()] }), '-Y', 'esp', '-T', 'fields', '-E', 'separator=|', '-e', 'ip.src', '-e', 'udp.srcport', '-e', 'icmp.seq', '-e', 'esp.icv_good');
    const rows = esp.trim().split('\n').map((l) => l.split('|'));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      [`${NAT_A},10.1.1.1`, '40001', '1'], // outer (the NAT's public address), inner after decryption
      [`${B},10.2.2.2`, '4500', '2'],
    ]);
    for (const r of rows) expect(['1', 'True', 'true']).toContain(r[3]);
  });
});
