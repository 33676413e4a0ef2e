// ESP data-plane benchmark: encapsulation and decapsulation throughput of 1400-byte IPv4
// packets through the whole data plane (SPD lookup, SAD, ESP, outer IPv4) per transform and
// provider, beside the raw cipher (+ HMAC) throughput on the same bytes, measured in the same
// run. Gbit/s counts the inner packet's bits. One core, one SA pair; see
// shared/reference/performance-facts.md for the orders of magnitude to expect.
import { cpus } from 'node:os';
import { nobleProvider, nodeProvider, type CryptoProvider } from '../harness/crypto/index.js';
import { EspDataPlane, ESP_CIPHERS, ESP_INTEGRITIES, buildUdpPacket, type EspTransform } from '../harness/esp/index.js';

const PACKET = 1400;
const TRANSFORMS: EspTransform[] = [
  { encryption: 'aes128', integrity: 'hmac-sha1-96' },
  { encryption: 'aes256', integrity: 'hmac-sha256-128' },
  { encryption: 'aes128gcm16', integrity: 'null' },
  { encryption: 'aes256gcm16', integrity: 'null' },
  { encryption: '3des', integrity: 'hmac-sha1-96' },
  { encryption: 'des', integrity: 'hmac-md5-96' },
  { encryption: 'null', integrity: 'hmac-sha1-96' },
];

interface Row {
  provider: string;
  transform: string;
  encapGbps: number;
  decapGbps: number;
  bothGbps: number;
  rawGbps: number;
  pps: number;
}

/** Runs `fn` until `ms` have passed (at least `min` times); returns calls per second. */
export function rate(fn: () => void, ms: number, min = 20, max = Infinity): { perSecond: number; count: number } {
  // warm-up (JIT, OpenSSL contexts): a tenth of the budget; its calls count towards `max`
  const w0 = performance.now();
  let used = 0;
  while (used < 5 || (performance.now() - w0 < ms / 10 && used < max / 10)) {
    fn();
    used++;
  }
  const t0 = performance.now();
  let n = 0;
  let t = t0;
  while ((t - t0 < ms || n < min) && used + n + 10 <= max) {
    for (let i = 0; i < 10; i++) fn();
    n += 10;
    t = performance.now();
  }
  return { perSecond: (n * 1000) / (t - t0), count: n };
}

const gbps = (packetsPerSecond: number) => (packetsPerSecond * PACKET * 8) / 1e9;

function pairFor(p: CryptoProvider, t: EspTransform) {
  const encKey = new Uint8Array(ESP_CIPHERS[t.encryption].keymatLength).fill(0x11);
  const authKey = new Uint8Array(ESP_INTEGRITIES[t.integrity].keyLength).fill(0x22);
  const a = new EspDataPlane({ provider: p });
  const b = new EspDataPlane({ provider: p });
  const common = { transform: t, encKey, authKey, mode: 'tunnel' as const, spi: 0x1001 };
  const netA = { address: '10.1.0.0/16' };
  const netB = { address: '10.2.0.0/16' };
  a.sad.install({ ...common, direction: 'out', local: '192.0.2.1', remote: '192.0.2.2', localProxy: netA, remoteProxy: netB });
  a.spd.add({ local: netA, remote: netB, action: 'protect', outboundSpi: 0x1001 });
  b.sad.install({ ...common, direction: 'in', local: '192.0.2.2', remote: '192.0.2.1', localProxy: netB, remoteProxy: netA, replayWindow: 1024 });
  return { a, b, encKey, authKey };
}

/** The cipher work of one packet without ESP: encrypt the payload once and MAC it once. */
function rawOp(p: CryptoProvider, t: EspTransform, encKey: Uint8Array, authKey: Uint8Array): () => void {
  const c = ESP_CIPHERS[t.encryption];
  const i = ESP_INTEGRITIES[t.integrity];
  const block = c.alignment;
  const data = new Uint8Array(Math.ceil(PACKET / block) * block).fill(0x5a);
  if (c.gcm) {
    const key = encKey.subarray(0, encKey.length - 4);
    const nonce = new Uint8Array(12);
    const aad = new Uint8Array(8);
    return () => void p.encryptGcm(c.gcm!, key, nonce, data, aad);
  }
  const iv = new Uint8Array(c.ivLength);
  return () => {
    const ct = c.cbc ? p.encryptCbc(c.cbc, encKey, iv, data) : data;
    if (i.hash) p.hmac(i.hash, authKey, ct);
  };
}

export function espBench(log: (s: string) => void, o: { ms?: number } = {}): Row[] {
  const ms = o.ms ?? 300;
  const inner = buildUdpPacket('10.1.1.1', '10.2.2.2', 4000, 5000, new Uint8Array(PACKET - 28).fill(0xa5));
  const rows: Row[] = [];
  log(`ESP data plane, ${PACKET}-byte IPv4 packets, tunnel mode, one core (${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}); Gbit/s of inner packets`);
  log('provider  transform                      encap Gbit/s  decap Gbit/s  encap+decap  raw cipher(+MAC)  encap pkt/s');
  for (const p of [nodeProvider, nobleProvider]) {
    for (const t of TRANSFORMS) {
      const { a, b, encKey, authKey } = pairFor(p, t);
      const slow = p.name === 'noble' && (t.encryption === '3des' || t.encryption === 'des');
      const budget = slow ? ms / 2 : ms;
      const raw = rate(rawOp(p, t, encKey, authKey), budget);
      // encapsulation, timed without keeping its output (retaining packets would time the GC)
      const enc = rate(() => {
        const r = a.outbound(inner);
        if (!r.ok || r.value.action !== 'protect') throw new Error(`encap failed: ${JSON.stringify(r)}`);
      }, budget);
      // decapsulation of a fresh batch, in order (the replay window sees each number once)
      const batch = Math.max(50, Math.min(20_000, Math.round((enc.perSecond * budget) / 1000)));
      const sent: Uint8Array[] = [];
      for (let i = 0; i < batch + 10; i++) {
        const r = a.outbound(inner);
        if (r.ok && r.value.action === 'protect') sent.push(r.value.packet);
      }
      let k = 0;
      const dec = rate(
        () => {
          const r = b.inbound(sent[k++]!);
          if (!r.ok) throw new Error(`decap failed: ${r.error.code}`);
        },
        budget * 10,
        1,
        batch - 5,
      );
      const both = 1 / (1 / enc.perSecond + 1 / dec.perSecond);
      const row: Row = {
        provider: p.name,
        transform: `${t.encryption}/${t.integrity}`,
        encapGbps: gbps(enc.perSecond),
        decapGbps: gbps(dec.perSecond),
        bothGbps: gbps(both),
        rawGbps: gbps(raw.perSecond),
        pps: enc.perSecond,
      };
      rows.push(row);
      const f = (x: number) => x.toFixed(3).padStart(12);
      log(`${row.provider.padEnd(9)} ${row.transform.padEnd(30)} ${f(row.encapGbps)}  ${f(row.decapGbps)}  ${f(row.bothGbps)}  ${f(row.rawGbps)}      ${Math.round(row.pps).toString().padStart(9)}`);
    }
  }
  log('encap+decap = one packet sealed and opened on the same core; raw = encrypt + HMAC (or GCM) of the same 1400 bytes, no ESP framing.');
  return rows;
}

// `node dist/bench/esp.js` runs it on its own
if (import.meta.url === `file://${process.argv[1]}`) espBench((s) => console.log(s));
