/**
 * Independent check: tshark decrypts the ESP packets that our data plane produces, with the
 * keys exported by `EspSa.wiresharkEntry()` through harness/crypto's `tsharkKeyArgs`, and
 * verifies their ICV. Tunnel mode for every cipher family and integrity, ESP in UDP 4500,
 * transport mode, and a wrong-key control. Skipped without tshark unless CI is set (then a
 * missing tshark fails: scripts/install-deps.sh installs it).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nobleProvider, nodeProvider, tsharkKeyArgs, type CryptoProvider, type EspSaKeyEntry } from '../crypto/index.js';
import { EspDataPlane } from './dataplane.js';
import { buildIcmpPacket } from './ip.js';
import { ESP_CIPHERS, ESP_INTEGRITIES, type EspTransform } from './transforms.js';
import { pcapRaw } from '../testing/pcap.js';
import { requireTool } from '../testing/tools.js';
import { tshark } from '../testing/tshark.js';

const hasTshark = requireTool('tshark');

interface Case {
  transform: EspTransform;
  provider: CryptoProvider;
  mode: 'tunnel' | 'transport';
  udp?: boolean;
  esn?: boolean;
}

const CASES: Case[] = [
  { transform: { encryption: 'aes128', integrity: 'hmac-sha1-96' }, provider: nodeProvider, mode: 'tunnel' },
  { transform: { encryption: 'aes192', integrity: 'hmac-sha256-128' }, provider: nobleProvider, mode: 'tunnel' },
  { transform: { encryption: 'aes256', integrity: 'hmac-sha384-192' }, provider: nodeProvider, mode: 'tunnel' },
  { transform: { encryption: 'aes256', integrity: 'hmac-sha512-256' }, provider: nobleProvider, mode: 'tunnel' },
  { transform: { encryption: '3des', integrity: 'hmac-md5-96' }, provider: nodeProvider, mode: 'tunnel' },
  { transform: { encryption: 'des', integrity: 'hmac-sha1-96' }, provider: nobleProvider, mode: 'tunnel' },
  { transform: { encryption: 'null', integrity: 'hmac-sha256-128' }, provider: nodeProvider, mode: 'tunnel' },
  { transform: { encryption: 'aes128gcm16', integrity: 'null' }, provider: nodeProvider, mode: 'tunnel' },
  { transform: { encryption: 'aes256gcm16', integrity: 'null' }, provider: nobleProvider, mode: 'tunnel' },
  { transform: { encryption: 'aes128', integrity: 'hmac-sha1-96' }, provider: nodeProvider, mode: 'tunnel', udp: true },
  { transform: { encryption: 'aes256gcm16', integrity: 'null' }, provider: nodeProvider, mode: 'tunnel', udp: true },
  { transform: { encryption: 'aes128', integrity: 'hmac-sha256-128' }, provider: nodeProvider, mode: 'transport' },
];

describe.skipIf(!hasTshark)('tshark decrypts our ESP with the exported esp_sa keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ikelens-esp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${CASES.length} SAs (every cipher and HMAC, GCM, NULL, ESP in UDP, transport mode) and a wrong-key control`, () => {
    const entries: EspSaKeyEntry[] = [];
    const packets: Uint8Array[] = [];
    const expectIcmp: number[] = [];
    CASES.forEach((c, i) => {
      const spi = 0xe5000000 + i;
      // each SA its own outer address pair, so tshark's SA lookup cannot mix them up
      const local = `10.99.${i}.1`;
      const remote = `10.99.${i}.2`;
      const dp = new EspDataPlane({ provider: c.provider });
      const encKey = c.provider.randomBytes(ESP_CIPHERS[c.transform.encryption].keymatLength);
      const authKey = c.provider.randomBytes(ESP_INTEGRITIES[c.transform.integrity].keyLength);
      const tunnel = c.mode === 'tunnel';
      const localProxy = tunnel ? { address: '10.1.0.0/16' } : { address: local };
      const remoteProxy = tunnel ? { address: '10.2.0.0/16' } : { address: remote };
      const sa = dp.sad.install({ spi, direction: 'out', mode: c.mode, transform: c.transform, encKey, authKey, local, remote, localProxy, remoteProxy, ...(c.udp ? { udp: { localPort: 4500, remotePort: 4500 } } : {}) });
      dp.spd.add({ local: localProxy, remote: remoteProxy, action: 'protect', outboundSpi: spi });
      entries.push(sa.wiresharkEntry());
      for (let k = 0; k < 2; k++) {
        const seq = i * 10 + k + 1;
        const inner = tunnel
          ? buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 0x4242, sequence: seq, data: new TextEncoder().encode('ikelens-esp') })
          : buildIcmpPacket(local, remote, { type: 8, identifier: 0x4242, sequence: seq, data: new TextEncoder().encode('ikelens-esp') });
        const out = dp.outbound(inner);
        if (!out.ok || out.value.action !== 'protect') throw new Error(JSON.stringify(out));
        packets.push(out.value.packet);
        expectIcmp.push(seq);
      }
    });
    // control: a packet whose exported keys are wrong. Its IV is fixed so that it is the same
    // packet every run: decrypted with the wrong key it is random bytes, and random bytes whose
    // next-header field says ICMP (about one run in 256) would have tshark dissect an echo.
    {
      const dp = new EspDataPlane({ provider: { ...nodeProvider, randomBytes: (n: number) => new Uint8Array(n).fill(7) } });
      const t: EspTransform = { encryption: 'aes128', integrity: 'hmac-sha1-96' };
      const sa = dp.sad.install({ spi: 0xbad00001, direction: 'out', mode: 'tunnel', transform: t, encKey: new Uint8Array(16).fill(1), authKey: new Uint8Array(20).fill(2), local: '10.98.0.1', remote: '10.98.0.2', localProxy: { address: '10.1.0.0/16' }, remoteProxy: { address: '10.2.0.0/16' } });
      dp.spd.add({ local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' }, action: 'protect', outboundSpi: 0xbad00001 });
      const out = dp.outbound(buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 1, sequence: 999, data: new Uint8Array(8) }));
      if (!out.ok || out.value.action !== 'protect') throw new Error('control');
      packets.push(out.value.packet);
      entries.push({ ...sa.wiresharkEntry(), encKey: new Uint8Array(16), authKey: new Uint8Array(20) });
    }
    const file = join(dir, 'esp.pcap');
    writeFileSync(file, pcapRaw(packets));
    const out = tshark(file, ['-o', 'udp.try_heuristic_first:TRUE', ...tsharkKeyArgs({ esp: entries }), '-T', 'fields', '-E', 'separator=|', '-e', 'esp.spi', '-e', 'esp.sequence', '-e', 'icmp.seq', '-e', 'esp.icv_good']);
    if (process.env.ESP_TSHARK_DEBUG) console.log(out);
    const rows = out.trim().split('\n').map((l) => l.split('|'));
    expect(rows.length).toBe(packets.length);
    const control = rows.pop()!;
    expect(control[2]).toBe('');
    expect(['0', 'False', 'false']).toContain(control[3]);
    rows.forEach((r, i) => {
      const c = CASES[Math.floor(i / 2)]!;
      const label = `${c.transform.encryption}/${c.transform.integrity} ${c.mode}${c.udp ? ' udp' : ''} (${c.provider.name})`;
      expect(Number(r[0]), label).toBe(0xe5000000 + Math.floor(i / 2));
      expect(r[1], label).toBe(String((i % 2) + 1));
      expect(r[2], label).toBe(String(expectIcmp[i]));
      expect(['1', 'True', 'true'], label).toContain(r[3]);
    });
  });
});
