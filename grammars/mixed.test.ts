// A paste that mixes dialects (a router's debug, an ASA's syslog, a charon log and show output
// one after the other, as people paste them into a ticket): each line is read by its own
// grammar, all dialects are detected, and nothing is left unrecognised.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusEntries } from '../corpus/entries.js';
import { coverage, detectDialects, parseLog } from './index.js';

const part = (name: string, from: number, to: number) =>
  readFileSync(corpusEntries().find((e) => e.name === name)!.logs[0]!.path, 'utf8').split('\n').slice(from, to);

describe('a mixed paste', () => {
  const ios = part('ios-mm-01-hub-responder-spoke', 0, 40);
  const asa = part('asa-l2tp-01-windows-responder', 0, 40);
  const swan = part('strongswan-syslog-01-established', 100, 140);
  const show = part('ios-show-01-hub', 0, 30);
  const text = [...ios, ...asa, ...swan, ...show].join('\n');
  const records = parseLog(text);

  it('detects every dialect', () => {
    expect(new Set(detectDialects(records))).toEqual(new Set(['ios', 'asa', 'strongswan', 'show']));
  });

  it('recognises every line, each by the grammar of its own dialect', () => {
    const cov = coverage(records);
    expect(cov.understood).toBe(cov.total);
    const familyAt = (line: number) => records.find((r) => r.line <= line && line <= r.endLine)!.family;
    expect(familyAt(1)).toBe('ios');
    expect(familyAt(ios.length + 1)).toBe('asa');
    expect(familyAt(ios.length + asa.length + 1)).toBe('strongswan');
  });

  it('gives the same records whether the parts are pasted alone or together', () => {
    // block parts carry their absolute line number, which moves with the paste
    const shape = (rs: ReturnType<typeof parseLog>) =>
      rs.filter((r) => r.kind !== 'blank').map((r) => [r.kind, JSON.parse(JSON.stringify(r.fields, (k, v) => (k === 'line' ? undefined : v)))]);
    const alone = [ios, asa, swan, show].flatMap((p) => shape(parseLog(p.join('\n'))));
    expect(shape(records)).toEqual(alone);
  });
});
