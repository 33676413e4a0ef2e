// The first-character dispatch of `Body` (scripts/peggy-dispatch.mjs) and the plain rule agree:
// same success, same record (value and key order), same failure position, for every dialect, on
// corpus bodies, corpus lines with random edits and arbitrary text; and the reader gives the same
// records with and without it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogReader, type LogRecord } from './index.js';
import { FAMILIES } from './records.js';
import { PARSERS, parseBody, parseEnvelope } from './runtime.js';
import { mutatedLine, params, same, sources } from './testing/lines.js';

/** What a body attempt tells the reader: the record, or where it failed. */
const outcome = (family: (typeof FAMILIES)[number], body: string, dispatch: boolean) => {
  const a = parseBody(family, body, 'Body', dispatch);
  return a.ok ? { ok: true, result: a.result } : { ok: false, failPos: a.failPos };
};

/** Dispatched = plain for `text` as a whole body and as the body after its envelope, in every dialect. */
const agree = (text: string) => {
  const env = parseEnvelope(text);
  for (const body of env ? [text, text.slice(env.bodyStart).trim()] : [text])
    for (const family of FAMILIES) same(outcome(family, body, true), outcome(family, body, false));
};

describe('Body with first-character dispatch = plain Body', () => {
  it('is generated into every dialect parser, and skips alternatives (fewer expectations at the start)', () => {
    for (const family of FAMILIES) {
      const src = readFileSync(fileURLToPath(new URL(`./_generated/${family}.js`, import.meta.url)), 'utf8');
      expect(src, `${family}: run npm run build`).toContain('peg$parseBody$table');
    }
    const lib = (dispatch: boolean) =>
      (PARSERS.ios.parse('no such message', { peg$library: true, startRule: 'Body', peg$dispatch: dispatch }) as { peg$maxFailExpected: unknown[]; peg$maxFailPos: number });
    expect(lib(true).peg$maxFailPos).toBe(0);
    expect(lib(false).peg$maxFailPos).toBe(0);
    expect(lib(true).peg$maxFailExpected.length).toBeLessThan(lib(false).peg$maxFailExpected.length);
  });

  it('agrees on every corpus line and body', () => {
    for (const line of sources) agree(line);
  });

  it('agrees on mutated corpus lines', () => {
    fc.assert(fc.property(mutatedLine, (line) => agree(line)), params);
  });

  it('dispatches IOS and ASA bodies a second time after their head (ISAKMP:(1001):, Group = g, IP = a,)', () => {
    const src = (f: string) => readFileSync(fileURLToPath(new URL(`./_generated/${f}.js`, import.meta.url)), 'utf8');
    expect(src('ios')).toContain('peg$headEnd(peg$parseIsakmpHead)');
    expect(src('ios')).toContain('peg$headEnd(peg$parseIpsecHead)');
    expect(src('asa')).toContain('peg$headEnd(peg$parseH)');
  });

  it('agrees on heads followed by arbitrary text', () => {
    const heads = ['ISAKMP:(1001):', 'ISAKMP:(0):', 'ISAKMP (0:1): ', 'ISAKMP: ', 'ISAKMP-PAK: (1002):', 'ISAKMP: (1001):', 'ISAKMP', 'ISAKMP:(', 'IPSEC(validate_proposal_request): ', 'IPSEC(', '[IKEv1]IP = 10.1.1.2, ', '[IKEv1 DEBUG]Group = g1, IP = 192.0.2.1, ', '[IKEv1 DECODE]: ', 'Group = 10.0.0.2, Username = u, IP = 10.0.0.2, ', 'IP = 10.1.1.2, ', '[IKEv1]'];
    const chars = fc.constantFrom(...'0123456789 :.,=()[]%-_/ISAKMPCRYTOsecnrdtpaiolgmuvhxDEFGHNQVWZ\t'.split(''));
    const word = fc.constantFrom('processing ', 'Old State = ', 'sending packet to ', 'received packet from ', 'IKE_DECODE ', 'Constructing ', 'atts are acceptable.', 'Input = ', '', 'é');
    fc.assert(fc.property(fc.constantFrom(...heads), word, fc.string({ unit: chars, maxLength: 40 }), (h, w, t) => agree(h + w + t)), params);
  });

  it('agrees on arbitrary text', () => {
    const chars = fc.constantFrom(...'0123456789 :.,=()[]%-_/ISAKMPCRYTOsecnrdtpaiolgmuvhxDEFGHNQVWZ\t'.split(''));
    fc.assert(fc.property(fc.oneof(fc.string({ unit: chars, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), (text) => agree(text)), params);
  });
});

describe('reader with and without body dispatch', () => {
  const read = (text: string, bodyDispatch: boolean): LogRecord[] => {
    const r = new LogReader({ bodyDispatch, cache: false });
    return [...r.push(text), ...r.end()];
  };

  it('gives deep-equal records for mutated corpus lines', () => {
    fc.assert(
      fc.property(fc.array(mutatedLine, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        same(read(text, true), read(text, false));
      }),
      params,
    );
  });

  it('gives deep-equal records for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => same(read(text, true), read(text, false))), params);
  });
});
