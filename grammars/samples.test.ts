// Every record rule of every grammar has sample lines; each sample parses to its expected record
// through its own rule, and no other record rule of any grammar takes it.
import { describe, expect, it } from 'vitest';
import { FAMILIES, type Family } from './records.js';
import { bodyOf, parseBody, parseEnvelope } from './runtime.js';
import { parseLog } from './index.js';
import { recordRules } from './testing/rules.js';
import { ENVELOPE_SAMPLES, SAMPLES } from './samples/index.js';
const RULES = Object.fromEntries(FAMILIES.map((f) => [f, recordRules(f)])) as Record<Family, string[]>;

describe('envelope samples', () => {
  it.each(ENVELOPE_SAMPLES.map((s) => [s.line, s] as const))('%s', (_l, s) => {
    const e = parseEnvelope(s.line);
    expect(e).not.toBeNull();
    expect(e!.env).toEqual(s.env);
    expect(e!.hint).toBe(s.hint);
    expect(s.line.slice(e!.bodyStart).trim()).toBe(s.body);
  });
});

for (const family of FAMILIES) {
  describe(`${family} grammar`, () => {
    it('has at least one sample per record rule', () => {
      const sampled = new Set(SAMPLES[family].map((s) => s.rule));
      expect(RULES[family].filter((r) => !sampled.has(r))).toEqual([]);
    });
    it('samples name only rules of this grammar', () => {
      expect(SAMPLES[family].filter((s) => !RULES[family].includes(s.rule)).map((s) => s.rule)).toEqual([]);
    });
    it.each(SAMPLES[family].map((s) => [s.rule, s.line, s] as const))('%s: %s', (_r, _l, s) => {
      const body = bodyOf(s.line);
      // exactly one record rule across all grammars takes the body: the sample's own
      const takers: string[] = [];
      for (const f of FAMILIES) for (const rule of RULES[f]) if (parseBody(f, body, rule).ok) takers.push(`${f}.${rule}`);
      expect(takers).toEqual([`${family}.${s.rule}`]);
      const own = parseBody(family, body, s.rule);
      expect(own.ok && own.result).toEqual(s.cont ? { kind: s.kind, fields: s.fields, cont: true } : { kind: s.kind, fields: s.fields });
      // and the whole reader gives one record of that kind for the line
      const recs = parseLog(s.line);
      expect(recs.map((r) => r.kind)).toEqual([s.kind]);
      expect(recs[0]!.family).toBe(family);
    });
  });
}
