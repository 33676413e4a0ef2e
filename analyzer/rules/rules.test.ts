// The rule registry: unique IDs, each one of the stable catalogue, and docs/findings.md current.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDINGS, isFindingId } from '../model/index.js';
import { catalogueMarkdown } from './catalogue.js';
import { RULES } from './index.js';

describe('rules', () => {
  it('have unique ids from the stable catalogue', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(isFindingId(id), id).toBe(true);
  });

  it('are listed in docs/findings.md, which is current (npm run catalogue)', () => {
    const doc = readFileSync(new URL('../../docs/findings.md', import.meta.url), 'utf8');
    expect(doc).toBe(catalogueMarkdown());
    for (const f of FINDINGS) expect(doc).toContain(`\`${f.id}\``);
    for (const r of RULES) expect(doc).toContain(r.looksFor);
  });
});
