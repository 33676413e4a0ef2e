/**
 * Independent check of the exported keys: tshark (when installed) decrypts ESP packets that
 * we encrypt with our providers, using exactly the `-o` arguments `tsharkKeyArgs` builds,
 * and accepts our `ikev1_decryption_table` records. tshark comes from Debian
 * (`scripts/install-deps.sh`, which .ci/run calls); under CI a missing tshark fails this file,
 * elsewhere the tests are skipped with that reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { concatBytes, fromHex, u32be } from './bytes.js';
import { derivePhase1KeysPsk, hashI, IvChain, phase1Iv } from './ikev1-keys.js';
import { nobleProvider } from './noble.js';
import { nodeProvider } from './node.js';
import { CIPHERS, type CipherAlg, type CryptoProvider, type DhGroupId, type HashAlg } from './provider.js';
import { ESP_INTEGRITY, espEncryptionFor, espIntegrityFor, tsharkKeyArgs, type EspSaKeyEntry } from './wireshark.js';
import { pcapRaw } from '../testing/pcap.js';
import { requireTool } from '../testing/tools.js';
import { tshark } from '../testing/tshark.js';
import { buildIcmpPacket, buildIpv4, buildUdpPacket } from '../esp/ip.js';

const hasTshark = requireTool('tshark');

/** An ICMP echo request inside IPv4 (the ESP data plane's IP layer builds it). */
function icmp(src: string, dst: string, seq: number): Uint8Array {
  return buildIcmpPacket(src, dst, { type: 8, identifier: 0x4242, sequence: seq, data: new TextEncoder().encode('ikelens-esp-check') });
}

/** ESP tunnel mode (RFC 4303): SPI | seq | IV | E(inner | padding | pad length | next header) | ICV. */
function esp(p: CryptoProvider, cipher: CipherAlg, hash: HashAlg, encKey: Uint8Array, authKey: Uint8Array, spi: number, seq: number, inner: Uint8Array) {
  const bs = CIPHERS[cipher].blockSize;
  const padLen = (bs - ((inner.length + 2) % bs)) % bs;
  const pad = Uint8Array.from({ length: padLen }, (_, i) => i + 1);
  const pt = concatBytes(inner, pad, new Uint8Array([padLen, 4]));
  // a fixed IV per SA and sequence number: the same packets every run (see fixedBytes)
  const iv = fixedBytes(bs, (spi + seq) & 0xffff);
  const body = concatBytes(u32be(spi), u32be(seq), iv, p.encryptCbc(cipher, encKey, iv, pt));
  const icvLen = { md5: 12, sha1: 12, sha256: 16, sha384: 24, sha512: 32 }[hash];
  return concatBytes(body, p.hmac(hash, authKey, body).subarray(0, icvLen));
}

/** A generic ISAKMP payload: next payload, reserved, length, body. */
function payload(next: number, body: Uint8Array): Uint8Array {
  const len = 4 + body.length;
  return concatBytes(new Uint8Array([next, 0, len >> 8, len & 0xff]), body);
}

function isakmp(icky: Uint8Array, rcky: Uint8Array, next: number, flags: number, body: Uint8Array): Uint8Array {
  const len = 28 + body.length;
  return concatBytes(icky, rcky, new Uint8Array([next, 0x10, 2, flags]), u32be(0), u32be(len), body);
}

/** SA body (DOI IPsec, situation identity only) with one proposal of one KEY_IKE transform. */
function saBody(cipher: CipherAlg, hash: HashAlg, group: DhGroupId): Uint8Array {
  const tv = (type: number, value: number) => new Uint8Array([0x80, type, value >> 8, value & 0xff]);
  const enc = { des: 1, '3des': 5, aes128: 7, aes192: 7, aes256: 7 }[cipher];
  const attrs = concatBytes(
    tv(1, enc),
    cipher.startsWith('aes') ? tv(14, CIPHERS[cipher].keyLength * 8) : undefined,
    tv(2, { md5: 1, sha1: 2, sha256: 4, sha384: 5, sha512: 6 }[hash]),
    tv(3, 1),
    tv(4, group),
  );
  const transform = payload(0, concatBytes(new Uint8Array([1, 1, 0, 0]), attrs));
  const proposal = payload(0, concatBytes(new Uint8Array([1, 1, 0, 1]), transform));
  return concatBytes(u32be(1), u32be(1), proposal);
}

/**
 * Fixed key bytes, so that every run sends tshark the same packets: with random keys the
 * wrong-key control decrypts to random bytes whose next-header field says ICMP about once in
 * 256 runs, and tshark then dissects the garbage as an echo.
 */
function fixedBytes(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (seed * 131 + i * 29 + ((seed * i) % 7)) & 0xff);
}

describe.skipIf(!hasTshark)('tshark decrypts with the keys we export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ikelens-wireshark-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ESP: DES, 3DES, AES-128/192/256 with HMAC-MD5/SHA1/SHA-256/384/512, from both providers', () => {
    const combos: [CryptoProvider, CipherAlg, HashAlg][] = [
      [nodeProvider, 'aes128', 'sha1'],
      [nobleProvider, '3des', 'md5'],
      [nodeProvider, 'des', 'sha1'],
      [nobleProvider, 'aes192', 'sha256'],
      [nodeProvider, 'aes256', 'sha384'],
      [nobleProvider, 'aes256', 'sha512'],
    ];
    const entries: EspSaKeyEntry[] = [];
    const packets: Uint8Array[] = [];
    combos.forEach(([p, cipher, hash], i) => {
      const spi = 0xc0de0000 + i;
      const encKey = fixedBytes(CIPHERS[cipher].keyLength, 2 * i + 1);
      const integrity = espIntegrityFor(hash);
      const authKey = fixedBytes(ESP_INTEGRITY[integrity].keyLength, 2 * i + 2);
      entries.push({ src: '10.99.0.1', dst: '10.99.0.2', spi, encryption: espEncryptionFor(cipher), encKey, integrity, authKey });
      const inner = icmp('10.99.1.1', '10.99.2.1', i + 1);
      packets.push(buildIpv4('10.99.0.1', '10.99.0.2', 50, esp(p, cipher, hash, encKey, authKey, spi, 1, inner)));
    });
    // negative control: an SA whose exported keys are not the ones used
    {
      const encKey = fixedBytes(16, 101);
      const authKey = fixedBytes(20, 102);
      const inner = icmp('10.99.1.1', '10.99.2.1', 99);
      packets.push(buildIpv4('10.99.0.1', '10.99.0.2', 50, esp(nodeProvider, 'aes128', 'sha1', encKey, authKey, 0xbad00000, 1, inner)));
      entries.push({ ...entries[0]!, spi: 0xbad00000, encKey: new Uint8Array(16), authKey: new Uint8Array(20) });
    }
    const file = join(dir, 'esp.pcap');
    writeFileSync(file, pcapRaw(packets));
    const out = tshark(file, [...tsharkKeyArgs({ esp: entries }), '-T', 'fields', '-E', 'separator=|', '-e', 'esp.spi', '-e', 'icmp.seq', '-e', 'esp.icv_good']);
    const rows = out.trim().split('\n').map((l) => l.split('|'));
    expect(rows.length).toBe(combos.length + 1);
    const control = rows.pop()!;
    expect(control[1]).toBe(''); // no ICMP: wrong key
    expect(['0', 'False', 'false']).toContain(control[2]);
    rows.forEach((r, i) => {
      expect(Number(r[0])).toBe(0xc0de0000 + i);
      expect(r[1]).toBe(String(i + 1)); // the inner ICMP echo was decrypted
      expect(['1', 'True', 'true']).toContain(r[2]); // and the ICV verified
    });
  });

  it.each([
    ['node', 'aes128', 'sha1', 14],
    ['noble', '3des', 'md5', 2],
    ['node', 'aes256', 'sha256', 19],
  ] as ['node' | 'noble', CipherAlg, HashAlg, DhGroupId][])('IKEv1 Main Mode: tshark decrypts MM5 (%s provider, %s, %s, group %i)', (name, cipher, hash, group) => {
    const p = name === 'node' ? nodeProvider : nobleProvider;
    const icky = p.randomBytes(8);
    const rcky = p.randomBytes(8);
    const sai = saBody(cipher, hash, group);
    const ki = p.dhGenerateKey(group);
    const kr = p.dhGenerateKey(group);
    const ni = p.randomBytes(32);
    const nr = p.randomBytes(32);
    const gxy = p.dhComputeSecret(group, ki.privateKey, kr.publicKey);
    const keys = derivePhase1KeysPsk({ provider: p, hash, cipher, preSharedKey: new TextEncoder().encode('labsecret123'), niB: ni, nrB: nr, gxy, ckyI: icky, ckyR: rcky });
    const suite = { provider: p, hash, cipher };
    const chain = new IvChain(suite, phase1Iv(suite, ki.publicKey, kr.publicKey));
    // ID_IPV4_ADDR 192.0.2.77: an address that appears nowhere else in the capture
    const idiiB = fromHex('01000000c000024d');
    const h = hashI(suite, keys.skeyid, { gxi: ki.publicKey, gxr: kr.publicKey, ckyI: icky, ckyR: rcky, saiB: sai, idiiB });
    const clear = concatBytes(payload(8, idiiB), payload(0, h));
    const bs = CIPHERS[cipher].blockSize;
    const padded = concatBytes(clear, new Uint8Array((bs - (clear.length % bs)) % bs));
    const mm5 = chain.encrypt(0, keys.encKey, padded);
    const zero = new Uint8Array(8);
    const msgs = [
      isakmp(icky, zero, 1, 0, payload(0, sai)),
      isakmp(icky, rcky, 1, 0, payload(0, sai)),
      isakmp(icky, rcky, 4, 0, concatBytes(payload(10, ki.publicKey), payload(0, ni))),
      isakmp(icky, rcky, 4, 0, concatBytes(payload(10, kr.publicKey), payload(0, nr))),
      isakmp(icky, rcky, 5, 1, mm5),
    ];
    const packets = msgs.map((m, i) =>
      i % 2 === 0 ? buildUdpPacket('10.99.0.1', '10.99.0.2', 500, 500, m) : buildUdpPacket('10.99.0.2', '10.99.0.1', 500, 500, m),
    );
    const file = join(dir, `mm-${cipher}-${hash}.pcap`);
    writeFileSync(file, pcapRaw(packets));
    const args = tsharkKeyArgs({ ike: [{ icookie: icky, encKey: keys.encKey }] });
    const out = tshark(file, [...args, '-Y', 'frame.number == 5', '-V']);
    expect(out).toContain('192.0.2.77');
    expect(out.replace(/[^0-9a-f]/gi, '').toLowerCase()).toContain(Buffer.from(h).toString('hex'));
    // without the key, tshark cannot see the identity
    const blind = tshark(file, ['-Y', 'frame.number == 5', '-V']);
    expect(blind).not.toContain('192.0.2.77');
  });

  it('IKEv1: tshark accepts our ikev1_decryption_table records', () => {
    const file = join(dir, 'empty.pcap');
    writeFileSync(file, pcapRaw([]));
    const args = tsharkKeyArgs({
      ike: [
        { icookie: fromHex('413f73a1ec357b1c'), encKey: fromHex('ae702759ced09fd20e67fa2c9a59d6bd') },
        { icookie: '0102030405060708', encKey: new Uint8Array(24).fill(7) },
      ],
    });
    const r = spawnSync('tshark', ['-n', '-r', file, ...args], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/COOKIE|invalid|error/i);
    // and the quoted form is what tshark refuses (the lab's finding), so the check means something
    const bad = spawnSync('tshark', ['-n', '-r', file, '-o', 'uat:ikev1_decryption_table:"413f73a1ec357b1c","ae702759ced09fd20e67fa2c9a59d6bd"'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(`${bad.stderr}${bad.stdout}`).toMatch(/COOKIE|must be/i);
  });
});
