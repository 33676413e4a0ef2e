// The premises of the envelope memo (envelope-memo.ts), checked against the generated envelope
// parser and the grammar source, so that a grammar change that breaks one of them fails here:
// - digits in one DIGIT_CLASSES class are told apart by no character class and no one-character
//   literal of the parser (multi-character literals are compared through startsWith, which the
//   read tracker marks exact);
// - the parser reads its input only at peg$currPos through the methods ReadTracker implements,
//   and rule code never reads `input.length`;
// - the semantic predicates are the reviewed ones (each looks at letters or at the shape only).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIGIT_CLASSES, EnvelopeMemo, ReadTracker } from './envelope-memo.js';
import { parseEnvelope } from './runtime.js';
import { ENVELOPE_SAMPLES } from './samples/envelope.js';

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
const generated = read('./_generated/envelope.js');
const probe = read('./_generated/envelope.probe.js');
/** The rule functions of the parser (what runs while parsing; error reporting comes after them). */
const ruleCode = generated.slice(generated.indexOf('function peg$parseEnvelope('), generated.indexOf('function peg$throw('));

describe('envelope memo premises', () => {
  it('the probe parser is the envelope parser that reports its tests: a hook in every class test, one-character literals through codeIs', () => {
    const tail = probe.indexOf('\n// grammars/envelope-memo.ts: the class tests');
    expect(tail).toBeGreaterThan(0);
    const body = probe.slice(0, tail);
    expect(body.replace(/peg\$classTest\(\d+\); /g, '').replace(/input\.codeIs\(peg\$currPos, (\d+)\)/g, 'input.charCodeAt(peg$currPos) === $1')).toBe(generated);
    // every class test reports the index under which `classTests` exports it
    const names = [...generated.matchAll(/^function (peg\$r\d+)_test\(s\) \{ /gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(5);
    expect(probe.slice(tail)).toContain(`export const classTests = [${names.map((n) => `${n}_test`).join(', ')}];`);
    names.forEach((n, k) => expect(body).toContain(`function ${n}_test(s) { peg$classTest(${k}); `));
    // no one-character literal is read another way
    const probeRules = body.slice(body.indexOf('function peg$parseEnvelope('), body.indexOf('function peg$throw('));
    expect(probeRules).not.toContain('input.charCodeAt(');
    expect(probeRules).toContain('input.codeIs(peg$currPos, ');
    // A class test looks at the character the parser has just read at peg$currPos (the tracker's
    // `last`): `sN = input.charAt(peg$currPos);` then `if (peg$rK_test(sN))`. And each character
    // read so is tested: the memo takes other characters where only tests looked (acceptedAt).
    const calls = [...probeRules.matchAll(/^(.*)\n\s*if \((peg\$r\d+)_test\((s\d+)\)\) \{$/gm)];
    expect(calls.length).toBe(probeRules.split('_test(').length - 1);
    for (const c of calls) expect(c[1]!.trim(), c[2]).toBe(`${c[3]} = input.charAt(peg$currPos);`);
    expect(probeRules.split('input.charAt(peg$currPos)').length - 1).toBe(calls.length);
  });

  it('no character class of the envelope parser tells digits of one class apart', () => {
    const classes = [...generated.matchAll(/^const (peg\$r\d+) = (\/.*\/[a-z]*);$/gm)].map((m) => ({ name: m[1]!, re: eval(m[2]!) as RegExp }));
    expect(classes.length).toBeGreaterThan(5);
    for (const { name, re } of classes)
      for (const cls of DIGIT_CLASSES) {
        const seen = new Set([...cls].map((d) => re.test(d)));
        expect(seen.size, `${name} ${re} splits digit class ${cls}`).toBe(1);
      }
    // one-character literals are compared as char codes: none may be a digit
    for (const m of ruleCode.matchAll(/charCodeAt\(peg\$currPos\) === (\d+)/g)) expect(Number(m[1]) >= 48 && Number(m[1]) <= 57, `literal ${m[0]}`).toBe(false);
  });

  it('the parser reads its input only at peg$currPos, through the methods the tracker has', () => {
    const uses = [...ruleCode.matchAll(/\binput\.(\w+)(\([^)]*\))?/g)].map((m) => m[1] + (m[2] ?? ''));
    expect(uses.length).toBeGreaterThan(50);
    for (const u of uses) {
      expect(u, `rule code uses input.${u}`).toMatch(/^(charAt\(peg\$currPos\)|charCodeAt\(peg\$currPos\)|startsWith\(peg\$c\d+, peg\$currPos\)|substr\(peg\$currPos, \d+\)|substring\(s\d+, peg\$currPos\)|substring\(peg\$savedPos, peg\$currPos\))$/);
      const method = u.slice(0, u.indexOf('('));
      expect(typeof (ReadTracker.prototype as unknown as Record<string, unknown>)[method]).toBe('function');
    }
    // nothing else reads the input: no `input[...]`, no passing it on, no helper that reads it
    // (text() is `input.substring(peg$savedPos, peg$currPos)`; locations are for error messages)
    expect(ruleCode).not.toMatch(/\binput\s*[[,)]/);
    expect(ruleCode).not.toMatch(/\b(location|offset|range|peg\$computeLocation|peg\$computePosDetails|peg\$getUnicode)\(/);
    expect(generated).toMatch(/function text\(\) \{\s*return input\.substring\(peg\$savedPos, peg\$currPos\);\s*\}/);
  });

  it('the semantic predicates are the reviewed ones', () => {
    const grammar = read('./envelope.peggy') + read('./common.peggy');
    const predicates = [...grammar.matchAll(/&\{[^}]*\}/g)].map((m) => m[0]);
    // Stamped: null only for forms decided by the shape (an IOS `:` after a stamp IOS does not
    // print, a sequence number before a non-IOS line); Month: letters only
    // actions see their labels and text() only (no positions, no direct input)
    expect(grammar).not.toMatch(/\binput\b|\b(location|offset|range)\(\)/);
    expect(predicates).toEqual(['&{ found = stamped(a(s), seq); return found !== null; }', '&{ return m in MONTHS; }']);
  });

  it('re-reads stamps: lines of one shape with other times give the grammar\'s envelopes', () => {
    const memo = new EnvelopeMemo();
    for (const s of ENVELOPE_SAMPLES) {
      const other = s.line.replace(/[0-9]/g, (d) => String((Number(d) + 3) % 8));
      for (const line of [s.line, other, s.line]) expect(memo.parse(line)).toEqual(parseEnvelope(line));
    }
    expect(memo.hits).toBeGreaterThan(ENVELOPE_SAMPLES.length);
  });

  it('keeps lines whose times differ in any digit one shape (one probe parse)', () => {
    const memo = new EnvelopeMemo();
    const lines = ['11:20:21.015 02[NET] received packet', '18:29:39.985 02[NET] received packet', '00:00:00.000 02[NET] received packet'];
    for (const line of lines) expect(memo.parse(line)).toEqual(parseEnvelope(line));
    expect(memo.misses).toBe(1);
    expect(memo.hits).toBe(2);
  });

  it('tells an ASA severity 7 from an 8 (`[0-7]` splits the digits)', () => {
    const memo = new EnvelopeMemo();
    const a = '%ASA-7-713236: IP = 10.1.1.2, IKE_DECODE RECEIVED Message';
    const b = '%ASA-8-713236: IP = 10.1.1.2, IKE_DECODE RECEIVED Message';
    expect(parseEnvelope(b)).toBeNull();
    for (const line of [a, b, a, b]) expect(memo.parse(line)).toEqual(parseEnvelope(line));
    // and in the ASDM export, where the severity is the first character: a line without an
    // envelope (severity 9) first, so that only the class test tells the next line apart (the
    // digits of a line with an envelope are also remembered by value)
    const c = '9|May 18 2015|04:17:18|713236|10.1.1.2|500|172.16.1.2|500|IP = 10.1.1.2, IKE_DECODE RECEIVED';
    const d = '7|May 18 2015|04:17:18|713236|10.1.1.2|500|172.16.1.2|500|IP = 10.1.1.2, IKE_DECODE RECEIVED';
    expect(parseEnvelope(c)).toBeNull();
    expect(parseEnvelope(d)).not.toBeNull();
    const fresh = new EnvelopeMemo();
    for (const line of [c, d, c, d]) expect(fresh.parse(line)).toEqual(parseEnvelope(line));
  });

  it('tells `[IKEv1` from `[IKEv2` after a stamp (a literal digit is compared exactly)', () => {
    const memo = new EnvelopeMemo();
    const a = 'May 18 04:17:18 [IKEv1]IKE Receiver: Runtime config';
    const b = 'May 18 04:17:18 [IKEv2]IKE Receiver: Runtime config';
    expect(parseEnvelope(a)).not.toEqual(parseEnvelope(b));
    for (const line of [a, b, a, b]) expect(memo.parse(line)).toEqual(parseEnvelope(line));
  });

  it('shares a shape between messages that start differently, where the parser only looked ahead at the first character', () => {
    const memo = new EnvelopeMemo();
    const lines = ['*Mar  1 02:07:18.850: ISAKMP: local port 500', '*Mar  1 02:07:18.854: processing SA payload', '*Mar  1 02:07:18.858: 10.1.1.2 is the peer'];
    for (const line of lines) expect(memo.parse(line)).toEqual(parseEnvelope(line));
    expect(memo.misses).toBe(1);
  });

  it('tells apart the characters the look-ahead tests differently (charon: `<` starts an IKE_SA tag, a blank another gap)', () => {
    const memo = new EnvelopeMemo();
    const lines = ['11:19:27.032 09[CFG] received proposals', '11:19:27.032 09[CFG] <vpnclient|1> received proposals', '11:19:27.032 09[CFG]  indented', '11:19:27.032 09[CFG] x'];
    for (const line of [...lines, ...lines]) expect(memo.parse(line)).toEqual(parseEnvelope(line));
    expect(parseEnvelope(lines[1]!)?.env.ikeName).toBe('vpnclient');
    expect(memo.misses).toBe(3); // the last line shares the first one's shape
  });
});
