/**
 * Properties of the codec (fast-check; fixed seed 20261122 when CI is set, fast-check prints
 * the seed and path of any failure):
 * - decode(encode(m)) = m for arbitrary structures (verify off) and for valid messages (verify on);
 * - arbitrary bytes, arbitrary bodies behind a valid header, and mutated valid messages (bit
 *   flips, byte changes, truncations, insertions, length-field changes) either decode to a message
 *   that re-encodes to exactly the same bytes or throw DecodeError with an offset inside the input —
 *   never another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_TYPES, P1_ATTRIBUTE_CLASSES } from '../../analyzer/model/registries.js';
import { bytesEqual, toHex } from '../crypto/bytes.js';
import type { Attribute } from './attributes.js';
import { DecodeError } from './errors.js';
import { FLAG_AUTH_ONLY, FLAG_COMMIT, HEADER_LENGTH, type Header } from './header.js';
import { decodeMessage, decodePayloads, encodeMessage, encodePayloads, type Message } from './message.js';
import { CODECS_BY_VALUE, type Payload } from './payloads/index.js';
import type { Proposal, Transform } from './payloads/sa.js';
import { mm1, mm2, mm3, QM_HEADER, qm1Payloads } from './test-messages.js';

const params = (numRuns: number): fc.Parameters<unknown> => (process.env.CI ? { seed: 20261122, numRuns } : { numRuns });

// ------------------------------------------------------------------------------------------------
// Arbitraries
// ------------------------------------------------------------------------------------------------

const bytes = (min: number, max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: min, maxLength: max });
const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

const attribute: fc.Arbitrary<Attribute> = fc.oneof(
  fc.record({ format: fc.constant('tv' as const), type: fc.integer({ min: 0, max: 0x7fff }), value: u16 }),
  fc.record({ format: fc.constant('tlv' as const), type: fc.integer({ min: 0, max: 0x7fff }), data: bytes(0, 12) }),
);
const attributes = fc.array(attribute, { maxLength: 5 });
const transform: fc.Arbitrary<Transform> = fc.record({ number: u8, transformId: u8, attributes });
const proposal: fc.Arbitrary<Proposal> = fc.record({ number: u8, protocol: u8, spi: bytes(0, 16), transforms: fc.array(transform, { minLength: 1, maxLength: 3 }) });
const data = bytes(0, 40);

/** Any payload the structure allows (verify() may reject it). */
const anyPayload: fc.Arbitrary<Payload> = fc.oneof(
  fc.record({ type: fc.constant('SA' as const), doi: fc.constant(1), situation: fc.constantFrom(0, 1), proposals: fc.array(proposal, { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constantFrom('KE' as const, 'HASH' as const, 'SIG' as const, 'NONCE' as const, 'VID' as const), data }),
  fc.record({ type: fc.constantFrom('NAT-D' as const, 'NAT-D-DRAFT' as const), data }),
  fc.record({ type: fc.constant('ID' as const), idType: u8, protocol: u8, port: u16, data }),
  fc.record({ type: fc.constant('CERT' as const), encoding: u8, data }),
  fc.record({ type: fc.constant('CR' as const), certType: u8, authority: data }),
  fc.record({ type: fc.constant('N' as const), doi: u32, protocol: u8, notifyType: u16, spi: bytes(0, 16), data }),
  fc
    .record({ doi: u32, protocol: u8, spiSize: fc.integer({ min: 0, max: 8 }), count: fc.integer({ min: 0, max: 3 }) })
    .chain(({ doi, protocol, spiSize, count }) =>
      fc.record({
        type: fc.constant('D' as const),
        doi: fc.constant(doi),
        protocol: fc.constant(protocol),
        spiSize: fc.constant(spiSize),
        spis: fc.array(bytes(spiSize, spiSize), { minLength: count, maxLength: count }),
      }),
    ),
  fc.record({ type: fc.constant('ATTR' as const), cfgType: u8, identifier: u16, attributes }),
  fc.record({ type: fc.constantFrom('NAT-OA' as const, 'NAT-OA-DRAFT' as const), idType: u8, address: bytes(0, 16) }),
  fc.record({ type: fc.constant('FRAG' as const), fragmentId: u16, number: u8, flags: u8, data }),
);

const exchangeType = fc.constantFrom(...EXCHANGE_TYPES.entries.map((e) => e.value).filter((v) => v !== 0));
const header: fc.Arbitrary<Header> = fc.record({
  icookie: bytes(8, 8).filter((b) => b.some((x) => x !== 0)),
  rcookie: bytes(8, 8),
  exchangeType,
  flags: fc.constantFrom(0, FLAG_COMMIT, FLAG_AUTH_ONLY, FLAG_COMMIT | FLAG_AUTH_ONLY),
  messageId: u32,
});
const anyMessage: fc.Arbitrary<Message> = fc.record({ header, payloads: fc.array(anyPayload, { maxLength: 6 }) });

/** Valid phase-1 style messages: SA with basic Oakley attributes, KE, NONCE, VIDs, NAT-D. */
const basicP1Class = fc.constantFrom(...P1_ATTRIBUTE_CLASSES.entries.filter((c) => c.format === 'basic').map((c) => c.value));
const validPayload: fc.Arbitrary<Payload> = fc.oneof(
  fc.record({
    type: fc.constant('SA' as const),
    doi: fc.constant(1),
    situation: fc.constant(1),
    proposals: fc
      .uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 })
      .chain((nums) =>
        fc.tuple(...nums.map((n) => fc.array(fc.tuple(basicP1Class, u16), { maxLength: 6 }).map((a): Transform => ({ number: n, transformId: 1, attributes: a.map(([type, value]) => ({ format: 'tv', type, value })) })))),
      )
      .map((transforms): Proposal[] => [{ number: 1, protocol: 1, spi: new Uint8Array(0), transforms }]),
  }),
  fc.record({ type: fc.constant('KE' as const), data: bytes(1, 300) }),
  fc.record({ type: fc.constant('NONCE' as const), data: bytes(8, 256) }),
  fc.record({ type: fc.constant('VID' as const), data: bytes(0, 20) }),
  fc.record({ type: fc.constantFrom('NAT-D' as const, 'NAT-D-DRAFT' as const), data: bytes(1, 32) }),
  fc.record({ type: fc.constant('HASH' as const), data: bytes(1, 64) }),
);
const validMessage: fc.Arbitrary<Message> = fc.record({ header, payloads: fc.array(validPayload, { maxLength: 6 }) });

// ------------------------------------------------------------------------------------------------
// The oracle: our error or an exact re-encoding
// ------------------------------------------------------------------------------------------------

function onlyOurError(input: Uint8Array): 'ok' | 'error' {
  let m;
  try {
    m = decodeMessage(input);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    if (!(e.offset >= 0 && e.offset <= input.length)) throw new Error(`offset ${e.offset} outside input of ${input.length} bytes (${e.message})`);
    return 'error';
  }
  const again = encodeMessage(m);
  if (!bytesEqual(again, input)) throw new Error(`re-encoding differs:\n in  ${toHex(input)}\n out ${toHex(again)}`);
  return 'ok';
}

function setLength(b: Uint8Array): Uint8Array {
  if (b.length >= HEADER_LENGTH) new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(24, b.length);
  return b;
}

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'truncate'; at: number; fix: boolean }
  | { kind: 'insert'; at: number; extra: Uint8Array; fix: boolean }
  | { kind: 'delete'; at: number; n: number; fix: boolean }
  | { kind: 'length16'; at: number; value: number }
  | { kind: 'header-length'; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: u8 }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), fix: fc.boolean() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), extra: bytes(1, 8), fix: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }), fix: fc.boolean() }),
  fc.record({ kind: fc.constant('length16' as const), at: fc.nat(), value: fc.oneof(u16, fc.integer({ min: 0, max: 8 })) }),
  fc.record({ kind: fc.constant('header-length' as const), value: fc.oneof(u32, fc.integer({ min: 0, max: 400 })) }),
);

/**
 * Offsets of the length fields of every generic header (payloads and SA substructures), found
 * by walking the message leniently (it may already be mutated: every step is bounded).
 */
function lengthFieldOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  const len16 = (o: number): number => (o + 3 < b.length ? (b[o + 2]! << 8) | b[o + 3]! : 0);
  let pos = HEADER_LENGTH;
  let type = b[16] ?? 0;
  for (let guard = 0; type !== 0 && pos + 4 <= b.length && guard < 64; guard++) {
    out.push(pos + 2);
    if (type === 1) {
      let p = pos + 12;
      for (let g2 = 0; p + 8 <= b.length && g2 < 16; g2++) {
        out.push(p + 2);
        let t = p + 8 + b[p + 6]!;
        for (let g3 = 0; t + 4 <= b.length && g3 < 16; g3++) {
          out.push(t + 2);
          if (b[t] === 0 || len16(t) < 4) break;
          t += len16(t);
        }
        if (b[p] === 0 || len16(p) < 4) break;
        p += len16(p);
      }
    }
    const l = len16(pos);
    if (l < 4) break;
    type = b[pos]!;
    pos += l;
  }
  return out;
}

function mutate(src: Uint8Array, mu: Mutation): Uint8Array {
  const b = src.slice();
  const at = b.length === 0 ? 0 : 'at' in mu ? mu.at % b.length : 0;
  switch (mu.kind) {
    case 'flip':
      b[at] = b[at]! ^ (1 << mu.bit);
      return b;
    case 'set':
      b[at] = mu.value;
      return b;
    case 'truncate': {
      const t = b.slice(0, at);
      return mu.fix ? setLength(t) : t;
    }
    case 'insert': {
      const t = new Uint8Array(b.length + mu.extra.length);
      t.set(b.subarray(0, at), 0);
      t.set(mu.extra, at);
      t.set(b.subarray(at), at + mu.extra.length);
      return mu.fix ? setLength(t) : t;
    }
    case 'delete': {
      const n = Math.min(mu.n, b.length - at);
      const t = new Uint8Array(b.length - n);
      t.set(b.subarray(0, at), 0);
      t.set(b.subarray(at + n), at);
      return mu.fix ? setLength(t) : t;
    }
    case 'length16': {
      const offs = lengthFieldOffsets(src);
      const o = offs[mu.at % Math.max(1, offs.length)];
      if (o === undefined || o + 1 >= b.length) return b;
      b[o] = mu.value >> 8;
      b[o + 1] = mu.value & 0xff;
      return b;
    }
    case 'header-length':
      if (b.length >= HEADER_LENGTH) new DataView(b.buffer).setUint32(24, mu.value >>> 0);
      return b;
  }
}

const FIXED = [mm1(), mm2(), mm3(), { header: { ...QM_HEADER, flags: 0 }, payloads: qm1Payloads() }].map(encodeMessage);

// ------------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------------

describe('round trips', () => {
  it('decode(encode(m)) = m for any structure (verify off), and encode(decode(b)) = b', () => {
    fc.assert(
      fc.property(anyMessage, (m) => {
        const b = encodeMessage(m);
        const back = decodeMessage(b, { verify: false });
        expect(back).toEqual(m);
        expect(bytesEqual(encodeMessage(back), b)).toBe(true);
        // with verify on: the same message or our error
        expect(onlyOurError(b)).toMatch(/ok|error/);
      }),
      params(500),
    );
  });
  it('valid messages decode with verify on to the same value', () => {
    fc.assert(
      fc.property(validMessage, (m) => {
        const b = encodeMessage(m);
        expect(decodeMessage(b)).toEqual(m);
      }),
      params(500),
    );
  });
  it('decrypted chains with padding: decodePayloads(encodePayloads(p, pad)) = { p, pad }', () => {
    fc.assert(
      fc.property(fc.array(anyPayload, { maxLength: 5 }), fc.integer({ min: 0, max: 16 }), fc.boolean(), (ps, n, countByte) => {
        const pad = new Uint8Array(n);
        if (countByte && n > 0) pad[n - 1] = n - 1;
        const b = encodePayloads(ps, pad);
        const first = ps[0] ? [...CODECS_BY_VALUE.values()].find((c) => c.name === ps[0]!.type)!.value : 0;
        const d = decodePayloads(b, first, { verify: false });
        expect(d.payloads).toEqual(ps);
        expect(d.padding).toEqual(pad);
      }),
      params(300),
    );
  });
});

describe('malformed input yields only DecodeError', () => {
  it('arbitrary bytes', () => {
    fc.assert(fc.property(bytes(0, 120), (b) => void onlyOurError(b)), params(2000));
  });
  it('arbitrary bodies behind a valid header (length fixed, any next payload)', () => {
    fc.assert(
      fc.property(header, fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 130, 131, 132, 99), bytes(0, 120), (h, next, body) => {
        const head = encodeMessage({ header: h, payloads: [] });
        const b = new Uint8Array(HEADER_LENGTH + body.length);
        b.set(head, 0);
        b.set(body, HEADER_LENGTH);
        b[16] = next;
        onlyOurError(setLength(b));
      }),
      params(3000),
    );
  });
  it('mutated MM1 / MM2 / MM3 / QM1-plaintext (bit flips, truncations, insertions, length fields)', () => {
    const seen = { ok: 0, error: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...FIXED), fc.array(mutation, { minLength: 1, maxLength: 3 }), (src, ms) => {
        seen[onlyOurError(ms.reduce(mutate, src))]++;
      }),
      params(3000),
    );
    // both branches of the oracle are exercised: some mutants still decode (and re-encode exactly)
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen.error).toBeGreaterThan(0);
  });
  it('mutated random valid and structural messages', () => {
    fc.assert(
      fc.property(fc.oneof(validMessage, anyMessage), fc.array(mutation, { minLength: 1, maxLength: 3 }), (m, ms) => {
        onlyOurError(ms.reduce(mutate, encodeMessage(m)));
      }),
      params(2000),
    );
  });
  it('decodePayloads on random bytes with a random first payload type', () => {
    fc.assert(
      fc.property(u8, bytes(0, 100), (first, b) => {
        try {
          const d = decodePayloads(b, first);
          expect(bytesEqual(encodePayloads(d.payloads, d.padding), b)).toBe(true);
        } catch (e) {
          if (!(e instanceof DecodeError)) throw e;
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset).toBeLessThanOrEqual(b.length);
        }
      }),
      params(2000),
    );
  });
  it('the mutations do reach deep checks (sanity: several codes are seen)', () => {
    const codes = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...FIXED), mutation, (src, mu) => {
        try {
          decodeMessage(mutate(src, mu));
        } catch (e) {
          if (e instanceof DecodeError) codes.add(e.code);
          else throw e;
        }
      }),
      { ...params(3000), seed: 20261122 },
    );
    for (const c of ['truncated', 'bad-length', 'bad-message-length', 'bad-next-payload', 'bad-reserved', 'bad-attribute', 'bad-proposal']) expect(codes).toContain(c);
  });
});
