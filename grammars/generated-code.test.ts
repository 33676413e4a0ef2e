// The generated parsers are peggy's output post-processed by scripts/peggy-hoist.mjs: everything
// peg$parse declared lives at module scope and a call only resets the per-call state. These tests
// check that calls stay independent (state reset), that library mode's lazy peg$throw still gives
// the right message, and that the hoisted parsers give exactly peggy's results on the samples and
// the corpus.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as envelope from './_generated/envelope.js';
import * as ios from './_generated/ios.js';
import type { PeggyLibraryResult } from './_generated/envelope.js';
import { bodyOf, parseBody, parseEnvelope } from './runtime.js';
import * as parsers from './parsers.js';
import { ENVELOPE_SAMPLES } from './samples/envelope.js';
import { corpusEntries } from '../corpus/entries.js';

type Parser = { parse(input: string, options?: Record<string, unknown>): unknown; StartRules: string[] };
const lib = (p: Parser, input: string, startRule?: string) =>
  p.parse(input, startRule ? { peg$library: true, startRule } : { peg$library: true }) as PeggyLibraryResult & {
    peg$maxFailExpected: unknown[];
  };
const message = (r: { peg$throw?: () => never }): string | null => {
  try {
    r.peg$throw?.();
  } catch (e) {
    return (e as Error).message;
  }
  return null;
};

const IOS_LINE = 'ISAKMP (0:1): Old State = IKE_READY New State = IKE_R_MM1';
const IOS_FIELDS = { engine: 0, conn: 1, old: 'IKE_READY', new: 'IKE_R_MM1' };

describe('hoisted parsers: a call only depends on its own input', () => {
  it('the generated modules are hoisted', () => {
    const src = readFileSync(fileURLToPath(new URL('./_generated/ios.js', import.meta.url)), 'utf8');
    expect(src.includes('Hoisted by scripts/peggy-hoist.mjs'), 'grammars/_generated/ios.js is not hoisted: run node scripts/build-grammars.mjs').toBe(true);
    expect(ios.StartRules).toContain('Body');
    expect(ios.SyntaxError.prototype).toBeInstanceOf(SyntaxError);
  });

  it('the generated modules are ASCII-only, with the grammars\' other characters escaped (V8 compiles them faster)', () => {
    const dir = fileURLToPath(new URL('./_generated/', import.meta.url));
    for (const name of ['envelope', 'envelope.probe', 'ios', 'asa', 'strongswan', 'show', 'console']) {
      const src = readFileSync(`${dir}${name}.js`, 'utf8');
      expect(src.match(/[^\x00-\x7f]/)?.[0], `${name}.js`).toBeUndefined();
    }
    // the IOS grammar's comments and messages have some (`→`): they are there, escaped
    expect(readFileSync(`${dir}ios.js`, 'utf8')).toContain('\\u2192');
  });

  it('two consecutive parses give independent, correct results', () => {
    const a = '*Mar  1 02:07:18.850: ' + IOS_LINE;
    const b = '000123: Nov 22 2026 11:30:01.123 UTC: ISAKMP:(1001):Old State = IKE_I_MM1  New State = IKE_I_MM2';
    const ra = parseEnvelope(a);
    const rb = parseEnvelope(b);
    expect(ra).toEqual(parseEnvelope(a));
    expect(ra!.bodyStart).toBe(22);
    expect(ra!.env).toEqual({ stamp: { text: '*Mar  1 02:07:18.850', kind: 'clock', date: 'Mar 1', seconds: 7638.85, sync: '*' } });
    expect(rb!.env).toEqual(ENVELOPE_SAMPLES[1]!.env);
    expect(ra!.env).not.toBe(rb!.env);

    const x = parseBody('ios', IOS_LINE);
    const y = parseBody('ios', 'ISAKMP:(1001):Old State = IKE_I_MM1  New State = IKE_I_MM2');
    expect(x).toEqual({ ok: true, result: { kind: 'ios.stateChange', fields: IOS_FIELDS } });
    expect(y).toEqual({ ok: true, result: { kind: 'ios.stateChange', fields: { conn: 1001, old: 'IKE_I_MM1', new: 'IKE_I_MM2' } } });
    // a short input after a long one: positions and failure tracking start afresh
    const r1 = lib(ios, IOS_LINE + ' trailing junk', 'Body');
    const r2 = lib(ios, 'x', 'Body');
    expect(r1.peg$success).toBe(false);
    expect(r2.peg$success).toBe(false);
    expect(r2.peg$maxFailPos).toBe(0);
    expect(r2.peg$currPos).toBe(0);
    expect(r2.peg$result).toBe(r2.peg$FAILED);
  });

  it('every envelope sample parses the same alone and between other lines', () => {
    const alone = ENVELOPE_SAMPLES.map((s) => parseEnvelope(s.line));
    const mixed = ENVELOPE_SAMPLES.map((s, i) => {
      parseEnvelope(ENVELOPE_SAMPLES[(i + 1) % ENVELOPE_SAMPLES.length]!.line);
      lib(envelope, 'garbage ' + i);
      return parseEnvelope(s.line);
    });
    expect(mixed).toEqual(alone);
  });

  /** The message plain mode throws for `input` (computed at once, nothing lazy). */
  const plainMessage = (input: string): string => {
    try {
      ios.parse(input, { startRule: 'Body' });
    } catch (e) {
      expect(e).toBeInstanceOf(ios.SyntaxError);
      return (e as Error).message;
    }
    throw new Error(`${input} parsed`);
  };
  const BAD_START = 'no such message here';
  const BAD_END = 'ISAKMP (0:1): Old Stat';

  it('a failing library-mode parse gives the right message through peg$throw', () => {
    const r = lib(ios, BAD_START, 'Body');
    expect(r.peg$success).toBe(false);
    expect(r.peg$maxFailPos).toBe(0);
    expect(message(r)).toMatch(/^Expected .*"ISAKMP.* but "n" found\.$/);
    expect(message(r)).toBe(plainMessage(BAD_START));
    const e = lib(ios, BAD_END, 'Body');
    expect(e.peg$maxFailPos).toBe(BAD_END.length);
    expect(message(e)).toMatch(/ but end of input found\.$/);
    expect(message(e)).toBe(plainMessage(BAD_END));
  });

  it('parses after a failed one work, and a failure keeps its own message when peg$throw is called later', () => {
    const bad = lib(ios, BAD_START, 'Body');
    const bad2 = lib(ios, BAD_END, 'Body');
    const good = parseBody('ios', IOS_LINE);
    expect(good).toEqual({ ok: true, result: { kind: 'ios.stateChange', fields: IOS_FIELDS } });
    // called late, after other parses of the same parser: still the message of its own input
    expect(message(bad)).toBe(plainMessage(BAD_START));
    expect(message(bad2)).toBe(plainMessage(BAD_END));
    expect(message(bad)).not.toBe(message(bad2));
    expect(message(bad)).toBe(message(bad)); // twice: same
    // and calling it did not disturb the next parse
    expect(parseBody('ios', IOS_LINE)).toEqual(good);
    const failed = parseBody('ios', BAD_START);
    expect(failed.ok).toBe(false);
    parseBody('ios', IOS_LINE);
    if (!failed.ok) expect(failed.reason()).toBe(plainMessage(BAD_START));
    expect(parseBody('ios', IOS_LINE)).toEqual(good);
  });

  it('an unknown start rule still throws', () => {
    expect(() => ios.parse('x', { startRule: 'NoSuchRule' })).toThrow(/Can't start parsing from rule "NoSuchRule"/);
    expect(parseBody('ios', IOS_LINE).ok).toBe(true);
  });
});

/** Every corpus line and envelope sample, and what a parser makes of one (all of its library result). */
const lines = new Set<string>();
for (const e of corpusEntries()) for (const l of e.logs) for (const line of readFileSync(l.path, 'utf8').split(/\r?\n/)) if (line.trim()) lines.add(line);
for (const s of ENVELOPE_SAMPLES) lines.add(s.line);

/** What parser `name` is given for a corpus line in these comparisons: the line to the envelope, else its body from `Body`. */
const given = (name: string, line: string): [string, string | undefined] => (name === 'envelope' ? [line, undefined] : [bodyOf(line), 'Body']);

const summary = (p: Parser, input: string, rule?: string) => {
  const r = lib(p, input, rule);
  return JSON.stringify([r.peg$result === r.peg$FAILED ? 'FAILED' : r.peg$result, r.peg$currPos, r.peg$success, r.peg$maxFailPos, r.peg$maxFailExpected]);
};

describe('hoisted parsers give exactly peggy\'s results', async () => {
  // Build both versions from the same grammar text, so the comparison does not depend on the
  // state of grammars/_generated.
  const scripts = new URL('../scripts/', import.meta.url);
  const build = (await import(pathToFileURL(fileURLToPath(new URL('build-grammars.mjs', scripts))).href)) as {
    PARSERS: Record<string, string[]>;
    generate(sources: unknown, name: string): string;
    grammarSources(name: string): unknown;
  };
  const hoist = (await import(pathToFileURL(fileURLToPath(new URL('peggy-hoist.mjs', scripts))).href)) as {
    hoistPeggyParser(code: string, name: string): { code: string };
    importCode(code: string): Promise<Parser>;
  };

  for (const name of Object.keys(build.PARSERS)) {
    it(`${name}: same results on every corpus line`, async () => {
      const code = build.generate(build.grammarSources(name), name);
      const peggyParser = await hoist.importCode(code);
      const hoisted = await hoist.importCode(hoist.hoistPeggyParser(code, name).code);
      let n = 0;
      for (const line of lines) {
        const [input, rule] = given(name, line);
        expect(summary(hoisted, input, rule), input).toBe(summary(peggyParser, input, rule));
        n++;
      }
      // error messages, on a sample of failures
      let failures = 0;
      for (const line of lines) {
        if (failures >= 200) break;
        const r = lib(peggyParser, line, name === 'envelope' ? 'Envelope' : 'Body');
        if (r.peg$success) continue;
        failures++;
        const h = lib(hoisted, line, name === 'envelope' ? 'Envelope' : 'Body');
        lib(hoisted, 'something else');
        expect(message(h)).toBe(message(r));
      }
      expect(n).toBe(lines.size);
    });
  }
});

describe('the parsers loaded with the code cache (grammars/parsers.ts) are the generated modules', () => {
  const LOADED: Record<string, unknown> = {
    envelope: parsers.envelopeParser,
    'envelope.probe': parsers.probeParser,
    ios: parsers.iosParser,
    asa: parsers.asaParser,
    strongswan: parsers.strongswanParser,
    show: parsers.showParser,
    console: parsers.consoleParser,
  };
  for (const [name, loaded] of Object.entries(LOADED)) {
    it(`${name}: same exports, same results on every corpus line`, async () => {
      const module = (await import(`./_generated/${name}.js`)) as Record<string, unknown>;
      expect(Object.keys(loaded as object).sort()).toEqual(Object.keys(module).sort());
      if (name === 'envelope.probe') return; // its input is a read tracker (envelope-memo.test.ts)
      for (const line of lines) {
        const [input, rule] = given(name, line);
        expect(summary(loaded as Parser, input, rule), input).toBe(summary(module as unknown as Parser, input, rule));
      }
    });
  }
});
