/**
 * Independent check of the IPv6 path: tshark decrypts our IPv6-in-ESP packets with the keys of
 * `EspSa.wiresharkEntry()` (tunnel mode over IPv4 and over IPv6 — Next Header 41 — and transport
 * mode over IPv6), verifies the ICV, and dissects the inner ICMPv6 / UDP with their checksums
 * verified against the IPv6 pseudo-header. Skipped without tshark unless CI is set.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeProvider, tsharkKeyArgs, type EspSaKeyEntry } from '../crypto/index.js';
import { EspDataPlane } from './dataplane.js';
import { buildIcmpv6Packet, buildUdp6Packet } from './ip6.js';
import { ESP_CIPHERS, ESP_INTEGRITIES, type EspTransform } from './transforms.js';
import { pcapRaw } from '../testing/pcap.js';
import { requireTool } from '../testing/tools.js';

const hasTshark = requireTool('tshark');

interface Case {
  readonly name: string;
  readonly local: string;
  readonly remote: string;
  readonly mode: 'tunnel' | 'transport';
  readonly transform: EspTransform;
  readonly inner: 'icmpv6' | 'udp';
}

const CASES: Case[] = [
  { name: 'IPv6 in ESP over IPv4, ICMPv6', local: '192.0.2.1', remote: '192.0.2.2', mode: 'tunnel', transform: { encryption: 'aes128', integrity: 'hmac-sha1-96' }, inner: 'icmpv6' },
  { name: 'IPv6 in ESP over IPv4, UDP', local: '192.0.2.3', remote: '192.0.2.4', mode: 'tunnel', transform: { encryption: 'aes256', integrity: 'hmac-sha256-128' }, inner: 'udp' },
  { name: 'IPv6 in ESP over IPv6, ICMPv6 (GCM)', local: '2001:db8:ff::1', remote: '2001:db8:ff::2', mode: 'tunnel', transform: { encryption: 'aes256gcm16', integrity: 'null' }, inner: 'icmpv6' },
  { name: 'transport mode over IPv6, UDP', local: '2001:db8:1::10', remote: '2001:db8:2::20', mode: 'transport', transform: { encryption: 'aes128', integrity: 'hmac-sha256-128' }, inner: 'udp' },
];

describe.skipIf(!hasTshark)('tshark decrypts IPv6 inner packets with the exported esp_sa keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ikelens-esp6-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${CASES.length} SAs: ICV good, inner ICMPv6 / UDP dissected with good checksums`, () => {
    const entries: EspSaKeyEntry[] = [];
    const packets: Uint8Array[] = [];
    CASES.forEach((c, i) => {
      const spi = 0xe6000000 + i;
      const dp = new EspDataPlane({ provider: nodeProvider });
      const encKey = nodeProvider.randomBytes(ESP_CIPHERS[c.transform.encryption].keymatLength);
      const authKey = nodeProvider.randomBytes(ESP_INTEGRITIES[c.transform.integrity].keyLength);
      const tunnel = c.mode === 'tunnel';
      const src = tunnel ? '2001:db8:1::10' : c.local;
      const dst = tunnel ? '2001:db8:2::20' : c.remote;
      const localProxy = { address: tunnel ? '2001:db8:1::/48' : c.local };
      const remoteProxy = { address: tunnel ? '2001:db8:2::/48' : c.remote };
      const sa = dp.sad.install({ spi, direction: 'out', mode: c.mode, transform: c.transform, encKey, authKey, local: c.local, remote: c.remote, localProxy, remoteProxy });
      dp.spd.add({ local: localProxy, remote: remoteProxy, action: 'protect', outboundSpi: spi });
      entries.push(sa.wiresharkEntry());
      const inner = c.inner === 'icmpv6' ? buildIcmpv6Packet(src, dst, { type: 128, identifier: 0x4242, sequence: 100 + i, data: new TextEncoder().encode('ikelens-esp6') }) : buildUdp6Packet(src, dst, 40000 + i, 7, new TextEncoder().encode('ikelens-esp6'));
      const out = dp.outbound(inner);
      if (!out.ok || out.value.action !== 'protect') throw new Error(`${c.name}: ${JSON.stringify(out)}`);
      packets.push(out.value.packet);
    });
    const file = join(dir, 'esp6.pcap');
    writeFileSync(file, pcapRaw(packets));
    const fields = ['esp.spi', 'esp.icv_good', 'ipv6.nxt', 'ipv6.src', 'icmpv6.echo.sequence_number', 'icmpv6.checksum.status', 'udp.srcport', 'udp.checksum.status'];
    const out = execFileSync('tshark', ['-n', '-r', file, '-o', 'udp.check_checksum:TRUE', ...tsharkKeyArgs({ esp: entries }), '-T', 'fields', '-E', 'separator=|', '-E', 'occurrence=a', ...fields.flatMap((f) => ['-e', f])], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (process.env.ESP_TSHARK_DEBUG) console.log(out);
    const rows = out.trim().split('\n').map((l) => Object.fromEntries(l.split('|').map((v, k) => [fields[k]!, v])));
    expect(rows).toHaveLength(CASES.length);
    rows.forEach((r, i) => {
      const c = CASES[i]!;
      expect(Number(r['esp.spi']), c.name).toBe(0xe6000000 + i);
      expect(['1', 'True', 'true'], c.name).toContain(r['esp.icv_good']);
      // the inner IPv6 header tshark found after decryption: over IPv6 the outer one comes first (Next Header 50)
      const nxt = r['ipv6.nxt']!.split(',');
      const srcs = r['ipv6.src']!.split(',');
      expect(srcs.at(-1), c.name).toBe(c.mode === 'tunnel' ? '2001:db8:1::10' : c.local);
      const upper = c.inner === 'icmpv6' ? '58' : '17';
      const wantNxt = c.mode === 'transport' ? ['50'] : c.local.includes(':') ? ['50', upper] : [upper];
      expect(nxt, c.name).toEqual(wantNxt);
      if (c.inner === 'icmpv6') {
        expect(r['icmpv6.echo.sequence_number'], c.name).toBe(String(100 + i));
        expect(r['icmpv6.checksum.status'], c.name).toBe('1'); // 1 = good
      } else {
        expect(r['udp.srcport'], c.name).toBe(String(40000 + i));
        expect(r['udp.checksum.status'], c.name).toBe('1');
      }
    });
  });
});
