/**
 * Independent check of the engine's key derivation: tshark decrypts a captured engine run.
 *
 * Two engines negotiate on the in-memory network (Main Mode + Quick Mode with PFS, Aggressive Mode
 * + Quick Mode, ECP Main Mode); every datagram of the network's log goes into a pcap as IPv4/UDP,
 * followed by a ping and its answer through two ESP data planes installed from the child SAs
 * (harness/esp). The keys go to tshark as the engine exports them (`ikeKeyEntries`,
 * `espKeyEntries` → harness/crypto `tsharkKeyArgs`). tshark must dissect every frame without a
 * malformed packet, show the identities of MM5/MM6 (encrypted), the SPIs of the Quick Mode
 * (encrypted) equal to the engine's, and the ICMP echo inside ESP with a correct ICV; without the
 * keys it sees none of that. Under CI a missing tshark fails this file (requireTool).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tsharkKeyArgs, type CipherAlg, type DhGroupId, type HashAlg } from '../crypto/index.js';
import { buildIcmpPacket, buildUdpPacket, EspDataPlane } from '../esp/index.js';
import { pcapRaw } from '../testing/pcap.js';
import { requireTool } from '../testing/tools.js';
import { tsharkFields } from '../testing/tshark.js';
import { espInput, espKeyEntries, ikeKeyEntries, pair, type EspCipher, type EspIntegrity, type Pair, type Policy } from './index.js';

const hasTshark = requireTool('tshark');

interface Case {
  readonly mode: 'main' | 'aggressive';
  readonly ike: { cipher: CipherAlg; hash: HashAlg; group: DhGroupId };
  readonly esp: { cipher: EspCipher; integrity: EspIntegrity };
  readonly pfsGroup: DhGroupId | 0;
  /** Outer addresses: each run its own pair, so tshark's SA lookups cannot mix the runs. */
  readonly a: string;
  readonly b: string;
}

const CASES: readonly Case[] = [
  { mode: 'main', ike: { cipher: 'aes128', hash: 'sha1', group: 14 }, esp: { cipher: 'aes128', integrity: 'sha1' }, pfsGroup: 14, a: '10.0.1.1', b: '10.0.1.2' },
  { mode: 'aggressive', ike: { cipher: '3des', hash: 'md5', group: 2 }, esp: { cipher: '3des', integrity: 'md5' }, pfsGroup: 0, a: '10.0.2.1', b: '10.0.2.2' },
  { mode: 'main', ike: { cipher: 'aes256', hash: 'sha256', group: 19 }, esp: { cipher: 'aes256', integrity: 'sha256' }, pfsGroup: 19, a: '10.0.3.1', b: '10.0.3.2' },
];

const NET_A = '10.1.0.0/16';
const NET_B = '10.2.0.0/16';

function run(c: Case, seed: number): Pair {
  const base = { psk: 'tshark-check', ike: [c.ike], esp: [c.esp], pfsGroup: c.pfsGroup, mode: c.mode };
  const a: Policy = { ...base, localAddress: c.a, peerAddress: c.b, proxies: { local: { address: NET_A }, remote: { address: NET_B } } };
  const b: Policy = { ...base, localAddress: c.b, peerAddress: c.a, proxies: { local: { address: NET_B }, remote: { address: NET_A } } };
  const p = pair({ a, b, seed });
  p.a.initiate();
  p.settle();
  return p;
}

/** The IKE datagrams that crossed the network, as IPv4/UDP packets. */
function ikePackets(p: Pair): Uint8Array[] {
  return p.net.log.filter((l) => l.fate === 'delivered' || l.fate === 'duplicated').map(({ d }) => buildUdpPacket(d.from.address, d.to.address, d.from.port, d.to.port, d.bytes));
}

/** A ping from behind A to behind B and the answer, through data planes installed from the child SAs. */
function pingPackets(p: Pair, seq: number): Uint8Array[] {
  const da = new EspDataPlane();
  const db = new EspDataPlane();
  da.installFromQuickMode(espInput(p.a.childSas()[0]!));
  db.installFromQuickMode(espInput(p.b.childSas()[0]!));
  const data = new TextEncoder().encode('ikelens-engine-tshark');
  const request = buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 0x1e, sequence: seq, data });
  const reply = buildIcmpPacket('10.2.2.2', '10.1.1.1', { type: 0, identifier: 0x1e, sequence: seq, data });
  const out: Uint8Array[] = [];
  for (const [from, to, inner] of [
    [da, db, request],
    [db, da, reply],
  ] as const) {
    const sealed = from.outbound(inner);
    if (!sealed.ok || sealed.value.action !== 'protect') throw new Error(`ESP outbound: ${JSON.stringify(sealed)}`);
    const opened = to.inbound(sealed.value.packet);
    expect(opened.ok && opened.value.kind === 'esp' && Buffer.from(opened.value.packet).equals(Buffer.from(inner))).toBe(true);
    out.push(sealed.value.packet);
  }
  return out;
}

const FIELDS = ['frame.number', 'ip.src', 'isakmp.exchangetype', 'isakmp.id.data.ipv4_addr', 'isakmp.id.data.ipv4_subnet', 'isakmp.spi', 'esp.spi', 'icmp.type', 'icmp.seq', 'esp.icv_good', '_ws.malformed'];
const col = (name: string) => FIELDS.indexOf(name);
const EXCHANGE = { main: '2', aggressive: '4', quick: '32' };

describe.skipIf(!hasTshark)('tshark decrypts a captured engine run with the keys the engine exports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ikelens-engine-tshark-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Main Mode + Quick Mode (aes128/sha1/group 14, PFS 14), Aggressive Mode + Quick Mode (3des/md5/group 2), Main Mode with ECP group 19 (aes256/sha256, PFS 19), and ESP pings', () => {
    const runs = CASES.map((c, i) => ({ c, p: run(c, 11 + i) }));
    const packets: Uint8Array[] = [];
    const spans = runs.map(({ p }, i) => {
      expect(p.a.childSas()).toHaveLength(1);
      expect(p.b.childSas()).toHaveLength(1);
      const ike = ikePackets(p);
      const esp = pingPackets(p, i + 1);
      const first = packets.length + 1;
      packets.push(...ike, ...esp);
      return { ike: [first, first + ike.length - 1], esp: [first + ike.length, first + ike.length + esp.length - 1] };
    });
    const file = join(dir, 'engine.pcap');
    writeFileSync(file, pcapRaw(packets));
    const keys = tsharkKeyArgs({ ike: runs.flatMap(({ p }) => [...ikeKeyEntries(p.a)]), esp: runs.flatMap(({ p }) => [...espKeyEntries(p.a), ...espKeyEntries(p.b)]) });
    const rows = tsharkFields(file, ['-o', 'udp.try_heuristic_first:TRUE', ...keys], FIELDS);
    const blind = tsharkFields(file, [], FIELDS);
    expect(rows).toHaveLength(packets.length);
    expect(blind).toHaveLength(packets.length);
    for (const r of rows) expect(r[col('_ws.malformed')], `frame ${r[0]} malformed`).toBe('');

    runs.forEach(({ c, p }, i) => {
      const frames = (span: number[]) => rows.slice(span[0]! - 1, span[1]);
      const ike = frames(spans[i]!.ike);
      const blindIke = blind.slice(spans[i]!.ike[0]! - 1, spans[i]!.ike[1]);
      const p1 = ike.filter((r) => r[col('isakmp.exchangetype')] === EXCHANGE[c.mode]);
      const quick = ike.filter((r) => r[col('isakmp.exchangetype')] === EXCHANGE.quick);
      expect(p1).toHaveLength(c.mode === 'main' ? 6 : 3);
      expect(quick).toHaveLength(3);
      if (c.mode === 'main') {
        // MM5 / MM6 are encrypted: their ID payloads only show with the keys
        expect(p1[4]![col('isakmp.id.data.ipv4_addr')]).toBe(c.a);
        expect(p1[5]![col('isakmp.id.data.ipv4_addr')]).toBe(c.b);
        expect(blindIke.map((r) => r[col('isakmp.id.data.ipv4_addr')]).filter(Boolean)).toEqual([]);
      } else {
        // AM1 / AM2 carry the identities in clear
        expect(p1[0]![col('isakmp.id.data.ipv4_addr')]).toBe(c.a);
        expect(p1[1]![col('isakmp.id.data.ipv4_addr')]).toBe(c.b);
      }
      // Quick Mode decrypted: the ESP SPIs in QM1 / QM2 are the engine's, the proxies are ours
      const ca = p.a.childSas()[0]!;
      const hex = (n: number) => n.toString(16).padStart(8, '0');
      expect(quick[0]![col('isakmp.spi')]).toBe(hex(ca.inboundSpi));
      expect(quick[1]![col('isakmp.spi')]).toBe(hex(ca.outboundSpi));
      // (tshark 4.0 files a subnet's address under ipv4_addr and its mask under ipv4_subnet)
      expect([quick[0]![col('isakmp.id.data.ipv4_addr')], quick[0]![col('isakmp.id.data.ipv4_subnet')]]).toEqual(['10.1.0.0,10.2.0.0', '255.255.0.0,255.255.0.0']);
      expect(blindIke.map((r) => r[col('isakmp.spi')]).filter(Boolean)).toEqual([]);
      // ESP: the echo and its reply decrypted, the ICV checked, on the engine's SPIs
      const esp = frames(spans[i]!.esp);
      const good = (v: string | undefined) => ['1', 'True', 'true'].includes(v ?? '');
      expect(esp.map((r) => [r[col('esp.spi')], r[col('icmp.type')], r[col('icmp.seq')], good(r[col('esp.icv_good')])])).toEqual([
        [`0x${hex(ca.outboundSpi)}`, '8', String(i + 1), true],
        [`0x${hex(ca.inboundSpi)}`, '0', String(i + 1), true],
      ]);
      expect(blind.slice(spans[i]!.esp[0]! - 1, spans[i]!.esp[1]).map((r) => r[col('icmp.type')])).toEqual(['', '']);
    });
  });
});
