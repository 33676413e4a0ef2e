// The rule registry: unique IDs, each one of the stable catalogue, and docs/findings.md current.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDINGS, isFindingId } from '../model/index.js';
import { catalogueMarkdown } from './catalogue.js';
import { CONFIG_RULES, RULES } from './index.js';

describe('rules', () => {
  it('have unique ids from the stable catalogue', () => {
    const ids = [...RULES, ...CONFIG_RULES].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(isFindingId(id), id).toBe(true);
  });

  it('are listed in docs/findings.md, which is current (npm run catalogue)', () => {
    const doc = readFileSync(new URL('../../docs/findings.md', import.meta.url), 'utf8');
    expect(doc).toBe(catalogueMarkdown());
    for (const f of FINDINGS) expect(doc).toContain(`\`${f.id}\``);
    for (const r of [...RULES, ...CONFIG_RULES]) expect(doc).toContain(r.looksFor);
    // every stable ID has a rule
    expect(FINDINGS.filter((f) => ![...RULES, ...CONFIG_RULES].some((r) => r.id === f.id)).map((f) => f.id)).toEqual([]);
  });
});

describe('fix snippets', () => {
  it('write proxies the way each device wants them in an ACL', async () => {
    const { aclAddress } = await import('./phase2.js');
    expect(aclAddress('10.1.0.0/16')).toEqual({ ios: '10.1.0.0 0.0.255.255', asa: '10.1.0.0 255.255.0.0' });
    expect(aclAddress('192.168.2.0/24')).toEqual({ ios: '192.168.2.0 0.0.0.255', asa: '192.168.2.0 255.255.255.0' });
    expect(aclAddress('10.5.5.1/32')).toEqual({ ios: 'host 10.5.5.1', asa: 'host 10.5.5.1' });
    expect(aclAddress('10.5.5.1')).toEqual({ ios: 'host 10.5.5.1', asa: 'host 10.5.5.1' });
    expect(aclAddress('0.0.0.0/0')).toEqual({ ios: 'any', asa: 'any' });
    expect(aclAddress('10.0.0.0/9')).toEqual({ ios: '10.0.0.0 0.127.255.255', asa: '10.0.0.0 255.128.0.0' });
    expect(aclAddress('fe80::/64')).toEqual({ ios: 'fe80::/64', asa: 'fe80::/64' });
  });
});
