// Properties of the analyzer: any input yields a result without throwing; interleaving the
// lines of two IKE SAs does not change either SA's timeline; the diff of a timeline with itself
// is empty.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLog } from '../grammars/index.js';
import { corpusEntries } from '../corpus/entries.js';
import { analyzeRecords } from './analyze.js';
import { diffSessions, diffView, diffViews } from './diff/index.js';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261122 : undefined;
const params = { seed, numRuns: 60 };
const logs = corpusEntries().flatMap((e) => e.logs.map((l) => ({ name: `${e.name}/${l.file}`, text: readFileSync(l.path, 'utf8') })));
const analyze = (text: string) => analyzeRecords(parseLog(text), 'prop.log');

describe('analyzer properties', () => {
  it('any input yields a result without throwing (arbitrary text)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const a = analyze(text);
        expect(a.coverage.total).toBeGreaterThanOrEqual(0);
      }),
      params,
    );
  });

  it('any input yields a result without throwing (corpus lines shuffled, cut and mutated)', () => {
    const lines = logs.flatMap((l) => l.text.split('\n'));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: lines.length - 1 }), fc.integer({ min: 0, max: 200 }), fc.string({ maxLength: 4 })), { maxLength: 60 }), (picks) => {
        const text = picks.map(([i, cut, ins]) => { const l = lines[i]!; return l.slice(0, cut) + ins + l.slice(cut); }).join('\n');
        analyze(text);
      }),
      params,
    );
  });

  it('interleaving the lines of two IKE SAs does not change either timeline', () => {
    // two real charon logs whose every SA line carries its IKE_SA id (<name|N>); the second is
    // renumbered to be a different IKE SA of the same daemon
    const a = readFileSync(corpusEntries().find((e) => e.name === 'strongswan-mm-01-psk-established')!.logs[0]!.path, 'utf8').split('\n');
    const b = readFileSync(corpusEntries().find((e) => e.name === 'strongswan-mm-03-p1-proposal-mismatch')!.logs[0]!.path, 'utf8')
      .split('\n')
      .map((l) => l.replace(/<s2s\|1>/g, '<s2s|2>').replace(/s2s\[1\]/g, 's2s[2]'))
      .filter((l) => /<s2s\|2>/.test(l));
    const sa = a.filter((l) => /<s2s\|1>/.test(l));
    const alone = [analyze(sa.join('\n')).sessions, analyze(b.join('\n')).sessions];
    expect(alone[0]).toHaveLength(1);
    expect(alone[1]).toHaveLength(1);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: sa.length + b.length, maxLength: sa.length + b.length }), (picks) => {
        const merged: string[] = [];
        let i = 0;
        let j = 0;
        for (const p of picks) {
          if ((p && i < sa.length) || j >= b.length) merged.push(sa[i++]!);
          else merged.push(b[j++]!);
        }
        const got = analyze(merged.join('\n')).sessions;
        expect(got).toHaveLength(2);
        // the established SA is mm-01's, the failed one mm-03's
        const x = got.find((s) => s.phase1.outcome === alone[0]![0]!.phase1.outcome);
        const y = got.find((s) => s.phase1.outcome === alone[1]![0]!.phase1.outcome);
        expect(x && y && x !== y).toBe(true);
        expect(diffViews(diffView(x!), diffView(alone[0]![0]!))).toMatchObject({ equal: true });
        expect(diffViews(diffView(y!), diffView(alone[1]![0]!))).toMatchObject({ equal: true });
      }),
      { ...params, numRuns: 25 },
    );
  });

  it('the diff of every corpus timeline with itself is empty', () => {
    for (const l of logs) for (const s of analyze(l.text).sessions) expect(diffSessions(s, s), l.name).toMatchObject({ equal: true, firstDivergence: null, params: [] });
  });
});

describe('the two logs of one lab negotiation', () => {
  // Each strongSwan lab entry recorded both charons' logs of the same negotiation: read from
  // their own sides, worded differently, they must give the same normalized timeline. The
  // console captures are the exception the lab README documents: swanctl's and ipsec's output
  // ends before QM3 is logged (and before the deletes).
  const pairs = corpusEntries().filter((e) => e.name.startsWith('strongswan-') && e.logs.length === 2);
  it.each(pairs.map((e) => [e.name, e] as const))('%s: both sides give the same timeline', (name, e) => {
    const [a, b] = e.logs.map((l) => analyze(readFileSync(l.path, 'utf8')).sessions);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    const d = diffSessions(a![0]!, b![0]!);
    if (name.includes('-console-')) {
      expect(d.firstDivergence, 'the console output stops before QM3').not.toBeNull();
      expect(d.steps[d.firstDivergence!]).toEqual({ a: null, b: { label: 'QM3', sender: 'initiator' } });
      expect(d.steps.slice(0, d.firstDivergence!).every((p) => p.a && p.b)).toBe(true);
    } else {
      expect(d).toMatchObject({ equal: true, firstDivergence: null, params: [] });
    }
  });
});
