/**
 * ESP packet processing: round trips for every transform on both providers, byte equality
 * with an ESP builder written again inline on node:crypto (RFC 4303 / 3602 / 4106 / 2404 /
 * 4868 formulas), and the negative cases (ICV failure, replay, invalid SPI, truncation, bad
 * padding, bad pad length). Cipher-level known answers (RFC 3602 cases 1-4, the GCM
 * specification's test cases) are in harness/crypto.
 */
import { createCipheriv, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, nobleProvider, nodeProvider, toHex, type CryptoProvider } from '../crypto/index.js';
import { EspCodec, peekEsp } from './esp.js';
import { ReplayWindow } from './replay.js';
import { ESP_CIPHER_NAMES, ESP_CIPHERS, ESP_INTEGRITIES, ESP_INTEGRITY_NAMES, icvLength, transformProblem, type EspTransform } from './transforms.js';

const TRANSFORMS: EspTransform[] = ESP_CIPHER_NAMES.flatMap((encryption) =>
  ESP_INTEGRITY_NAMES.map((integrity) => ({ encryption, integrity })).filter((t) => transformProblem(t) === undefined),
);

function keysFor(t: EspTransform, spi = 0x1000abcd, esn = false) {
  const encKey = Uint8Array.from({ length: ESP_CIPHERS[t.encryption].keymatLength }, (_, i) => (i * 7 + 3) & 0xff);
  const authKey = Uint8Array.from({ length: ESP_INTEGRITIES[t.integrity].keyLength }, (_, i) => (i * 11 + 5) & 0xff);
  return { spi, transform: t, encKey, authKey, esn };
}

const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/** The ESP formulas again, on node:crypto directly (no provider, no codec). */
function referenceEsp(t: EspTransform, k: ReturnType<typeof keysFor>, seq: number, payload: Uint8Array, nh: number, iv: Uint8Array): Buffer {
  const c = ESP_CIPHERS[t.encryption];
  const align = c.alignment;
  const pad = (align - ((payload.length + 2) % align)) % align;
  const pt = Buffer.concat([Buffer.from(payload), Buffer.from(Array.from({ length: pad }, (_, i) => i + 1)), Buffer.from([pad, nh])]);
  const hi = Math.floor(seq / 2 ** 32);
  const lo = seq % 2 ** 32;
  const head = Buffer.concat([u32(k.spi), u32(lo)]);
  if (c.aead) {
    const key = k.encKey.subarray(0, k.encKey.length - 4);
    const salt = k.encKey.subarray(k.encKey.length - 4);
    const g = createCipheriv(`aes-${key.length * 8}-gcm` as 'aes-128-gcm', key, Buffer.concat([salt, iv]));
    g.setAAD(k.esn ? Buffer.concat([u32(k.spi), u32(hi), u32(lo)]) : head);
    const ct = Buffer.concat([g.update(pt), g.final()]);
    return Buffer.concat([head, iv, ct, g.getAuthTag()]);
  }
  let ct: Buffer = pt;
  if (t.encryption !== 'null') {
    const name = { des: 'des-ede3-cbc', '3des': 'des-ede3-cbc', aes128: 'aes-128-cbc', aes192: 'aes-192-cbc', aes256: 'aes-256-cbc' }[t.encryption as 'des'];
    const key = t.encryption === 'des' ? Buffer.concat([k.encKey, k.encKey, k.encKey]) : k.encKey;
    const e = createCipheriv(name, key, iv).setAutoPadding(false);
    ct = Buffer.concat([e.update(pt), e.final()]);
  }
  const body = Buffer.concat([head, iv, ct]);
  const info = ESP_INTEGRITIES[t.integrity];
  if (!info.hash) return body;
  const mac = createHmac(info.hash, k.authKey)
    .update(body)
    .update(k.esn ? u32(hi) : Buffer.alloc(0))
    .digest();
  return Buffer.concat([body, mac.subarray(0, info.icvLength)]);
}

const inner = Uint8Array.from({ length: 77 }, (_, i) => (i * 13) & 0xff);

describe('ESP transforms', () => {
  it('lists 8 cipher families × integrities, and refuses NULL/NULL and AEAD + HMAC', () => {
    expect(TRANSFORMS.length).toBe(6 * 6 - 1 + 3);
    expect(transformProblem({ encryption: 'null', integrity: 'null' })).toMatch(/RFC 4303/);
    expect(transformProblem({ encryption: 'aes128gcm16', integrity: 'hmac-sha1-96' })).toMatch(/combined/);
    expect(icvLength({ encryption: 'aes256gcm16', integrity: 'null' })).toBe(16);
    expect(icvLength({ encryption: 'aes128', integrity: 'hmac-sha512-256' })).toBe(32);
  });
});

describe.each([nodeProvider, nobleProvider] as CryptoProvider[])('EspCodec, $name provider', (p) => {
  it.each(TRANSFORMS.map((t) => [`${t.encryption}/${t.integrity}`, t] as const))('%s: equals the inline node:crypto formulas, with and without ESN', (_n, t) => {
    for (const esn of [false, true]) {
      const k = keysFor(t, 0x1000abcd, esn);
      const codec = new EspCodec(k, p);
      const seq = esn ? 3 * 2 ** 32 + 17 : 17;
      const ivLen = ESP_CIPHERS[t.encryption].ivLength;
      const aead = ESP_CIPHERS[t.encryption].aead;
      // GCM's default explicit IV is the 64-bit sequence number; CBC takes the IV we give
      const ivUsed = aead ? fromHex(esn ? '0000000300000011' : '0000000000000011') : Uint8Array.from({ length: ivLen }, (_, i) => 0xa0 + i);
      const sealed = codec.seal(seq, inner, 4, aead ? {} : { iv: ivUsed });
      expect(toHex(sealed)).toBe(toHex(referenceEsp(t, k, seq, inner, 4, ivUsed)));
    }
  });

  it.each(TRANSFORMS.map((t) => [`${t.encryption}/${t.integrity}`, t] as const))('%s: round trip across providers, payload lengths 0..40', (_n, t) => {
    const other = p === nodeProvider ? nobleProvider : nodeProvider;
    const k = keysFor(t);
    const tx = new EspCodec(k, p);
    const rx = new EspCodec(k, other);
    const w = new ReplayWindow();
    for (let n = 0; n <= 40; n += 3) {
      const payload = inner.subarray(0, n);
      const esp = tx.seal(n + 1, payload, 17);
      expect(esp.length).toBe(n + tx.overhead(n));
      expect((esp.length - 8 - ESP_CIPHERS[t.encryption].ivLength - tx.icvLength) % ESP_CIPHERS[t.encryption].alignment).toBe(0);
      const r = rx.open(esp, w);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(toHex(r.value.payload)).toBe(toHex(payload));
      expect(r.value.nextHeader).toBe(17);
      expect(r.value.seq).toBe(n + 1);
    }
  });
});

describe('ESP negatives', () => {
  const t: EspTransform = { encryption: 'aes128', integrity: 'hmac-sha1-96' };
  const codec = new EspCodec(keysFor(t), nodeProvider);

  it('every flipped bit of header, IV, ciphertext or ICV is an ICV failure at the ICV offset', () => {
    const esp = codec.seal(5, inner, 4);
    for (let i = 0; i < esp.length; i += 5) {
      if (i < 4) continue; // the SPI is checked first
      const bad = esp.slice();
      bad[i]! ^= 0x10;
      const r = codec.open(bad, new ReplayWindow());
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'icv-failure', offset: esp.length - 12 });
    }
  });

  it('GCM: a flipped bit anywhere is an ICV (tag) failure; so is a wrong ESN high half', () => {
    const g = new EspCodec(keysFor({ encryption: 'aes256gcm16', integrity: 'null' }, 0x2000, true), nodeProvider);
    const esp = g.seal(2 ** 32 + 9, inner, 4);
    const bad = esp.slice();
    bad[40]! ^= 1;
    expect(g.open(bad, new ReplayWindow())).toMatchObject({ ok: false, error: { code: 'icv-failure' } });
    // a receiver whose window says "high half 0" infers the wrong Seqh: the tag does not verify
    expect(g.open(esp, new ReplayWindow())).toMatchObject({ ok: false, error: { code: 'icv-failure' } });
    const w = new ReplayWindow();
    w.update(2 ** 32 + 1);
    expect(g.open(esp, w)).toMatchObject({ ok: true, value: { seq: 2 ** 32 + 9 } });
  });

  it('replay: the second copy is refused, a packet left of the window too; a failed ICV does not move the window', () => {
    const w = new ReplayWindow(64);
    const a = codec.seal(100, inner, 4);
    expect(codec.open(a, w).ok).toBe(true);
    expect(codec.open(a, w)).toMatchObject({ ok: false, error: { code: 'replay', offset: 4 } });
    expect(codec.open(codec.seal(36, inner, 4), w)).toMatchObject({ ok: false, error: { code: 'replay', message: expect.stringMatching(/left of the window/) } });
    expect(codec.open(codec.seal(37, inner, 4), w).ok).toBe(true);
    const forged = codec.seal(500, inner, 4);
    forged[30]! ^= 1;
    expect(codec.open(forged, w)).toMatchObject({ ok: false, error: { code: 'icv-failure' } });
    expect(w.top).toBe(100);
  });

  it('invalid SPI, truncation and ciphertext length', () => {
    const esp = codec.seal(1, inner, 4);
    const other = esp.slice();
    other[3]! ^= 1;
    expect(codec.open(other)).toMatchObject({ ok: false, error: { code: 'invalid-spi', offset: 0 } });
    expect(codec.open(esp.subarray(0, 30))).toMatchObject({ ok: false, error: { code: 'truncated', offset: 30 } });
    expect(codec.open(esp.subarray(0, esp.length - 1))).toMatchObject({ ok: false, error: { code: 'ciphertext-length', offset: 24 } });
    expect(peekEsp(esp.subarray(0, 5))).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(peekEsp(esp)).toEqual({ ok: true, value: { spi: 0x1000abcd, seq: 1 } });
  });

  it('bad padding and bad pad length are reported after the ICV verified (NULL encryption lets us write them)', () => {
    const n = new EspCodec(keysFor({ encryption: 'null', integrity: 'hmac-sha256-128' }), nodeProvider);
    const k = keysFor({ encryption: 'null', integrity: 'hmac-sha256-128' });
    const withIcv = (body: Uint8Array) => Buffer.concat([body, createHmac('sha256', k.authKey).update(body).digest().subarray(0, 16)]);
    const head = [...u32(0x1000abcd), 0, 0, 0, 1];
    // payload "ab", padding 1 2 3 4 → but we write 1 3 3 4
    expect(n.open(withIcv(Uint8Array.from([...head, 0x61, 0x62, 1, 3, 3, 4, 4, 4])))).toMatchObject({ ok: false, error: { code: 'padding', offset: 11 } });
    // pad length 9 with only 6 bytes before it
    expect(n.open(withIcv(Uint8Array.from([...head, 1, 2, 3, 4, 5, 6, 9, 4])))).toMatchObject({ ok: false, error: { code: 'pad-length', offset: 14 } });
    // a good one, for contrast
    expect(n.open(withIcv(Uint8Array.from([...head, 0x61, 0x62, 1, 2, 3, 4, 4, 4])))).toMatchObject({ ok: true, value: { padLength: 4, nextHeader: 4 } });
    // next header 59: a dummy packet (RFC 4303 §2.6)
    expect(n.open(withIcv(Uint8Array.from([...head, 0x61, 0x62, 1, 2, 3, 4, 4, 59])))).toMatchObject({ ok: true, value: { dummy: true } });
  });

  it('RFC 3602 case #2 as an ESP packet without integrity: decrypts to 00..1f, i.e. pad length 30 but padding 00, 01, …', () => {
    const key = fromHex('c286696d887c9aa0611bbb3e2025a45a');
    const iv = fromHex('562e17996d093d28ddb3ba695a2e6f58');
    const ct = fromHex('d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1');
    const c = new EspCodec({ spi: 0x4321, transform: { encryption: 'aes128', integrity: 'null' }, encKey: key, authKey: new Uint8Array(0) }, nobleProvider);
    const esp = Uint8Array.from([...u32(0x4321), 0, 0, 0, 1, ...iv, ...ct]);
    expect(c.open(esp)).toMatchObject({ ok: false, error: { code: 'padding', offset: 24, message: 'padding byte 1 is 0' } });
  });

  it('programming errors throw: reserved SPI, wrong key length, forbidden transform', () => {
    expect(() => new EspCodec({ ...keysFor(t), spi: 0 }, nodeProvider)).toThrow(/reserved/);
    expect(() => new EspCodec({ ...keysFor(t), encKey: new Uint8Array(15) }, nodeProvider)).toThrow(/16 bytes/);
    expect(() => new EspCodec({ ...keysFor(t), transform: { encryption: 'null', integrity: 'null' } }, nodeProvider)).toThrow(/RFC 4303/);
  });
});
