import { describe, expect, it } from 'vitest';
import { FINDINGS, compareFindings, findingDefinition, isFindingId, makeFinding } from './findings.js';

describe('findings catalogue', () => {
  it('has unique, stable dotted IDs with a one-line summary', () => {
    const ids = FINDINGS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FINDINGS) {
      expect(f.id).toMatch(/^[a-z0-9]+(\.[a-z0-9_]+)+$/);
      expect(f.summary).not.toContain('\n');
      expect(f.summary.length).toBeLessThan(160);
    }
  });

  it('holds the stable IDs of failure-classes.md with their severities', () => {
    const expected: [string, string][] = [
      ['ike.p1.no_response', 'error'],
      ['ike.p1.proposal_mismatch', 'error'],
      ['ike.p1.psk_mismatch', 'error'],
      ['ike.p1.no_psk', 'error'],
      ['ike.p1.id_mismatch', 'error'],
      ['ike.p1.mode_mismatch', 'error'],
      ['ike.xauth.failed', 'error'],
      ['ike.cfg.failed', 'error'],
      ['ike.p2.no_response', 'error'],
      ['ike.p2.proposal_mismatch', 'error'],
      ['ike.p2.pfs_mismatch', 'error'],
      ['ike.p2.proxy_mismatch', 'error'],
      ['ike.p2.mode_mismatch', 'error'],
      ['ipsec.crypto_map_missing', 'error'],
      ['config.crypto_map_order', 'warn'],
      ['ike.natt.blocked', 'error'],
      ['ike.dpd.peer_dead', 'error'],
      ['ike.lifetime.lowered', 'note'],
      ['ike.p1.transform_skipped', 'note'],
    ];
    expect(FINDINGS.map((f) => [f.id, f.severity])).toEqual(expected);
  });

  it('builds findings from the catalogue', () => {
    const f = makeFinding('ike.p1.psk_mismatch', { detail: 'MM5 from 10.0.0.2 could not be decrypted', evidence: { events: [12], lines: [{ file: 'input.log', line: 40 }] }, fix: { ios: 'crypto isakmp key NEWKEY address 10.0.0.2' } });
    expect(f).toMatchObject({ id: 'ike.p1.psk_mismatch', group: 'phase1', severity: 'error', summary: findingDefinition('ike.p1.psk_mismatch')?.summary });
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
    expect(isFindingId('ike.p1.psk_mismatch')).toBe(true);
    expect(isFindingId('ike.p1.nope')).toBe(false);
    const note = makeFinding('ike.lifetime.lowered', { detail: '', evidence: { events: [], lines: [] } });
    expect([note, f].sort(compareFindings).map((x) => x.id)).toEqual(['ike.p1.psk_mismatch', 'ike.lifetime.lowered']);
  });
});
