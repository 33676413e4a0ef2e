import { describe, expect, it } from 'vitest';
import { isLabel } from './labels.js';
import { CANONICAL_STATES, STRONGSWAN_TASKS, VENDOR_STATES, canonicalState, isCanonicalState } from './states.js';

describe('canonical states', () => {
  it('have unique names and consistent facts', () => {
    const names = CANONICAL_STATES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of CANONICAL_STATES) {
      if ('next' in s && s.next !== undefined) expect(isLabel(s.next), s.name).toBe(true);
      if (s.category === 'established' || s.category === 'deleted') expect('next' in s && s.next !== undefined, s.name).toBe(false);
    }
  });
});

describe('vendor state names', () => {
  it('map onto existing canonical states and labels', () => {
    for (const a of VENDOR_STATES) {
      const where = `${a.dialect} ${a.kind} ${a.vendor}`;
      expect(isCanonicalState(a.canonical), where).toBe(true);
      for (const s of Object.values(a.byRole ?? {})) expect(isCanonicalState(s), where).toBe(true);
      if (a.last) expect(isLabel(a.last.label), where).toBe(true);
      for (const l of a.step ?? []) expect(isLabel(l), where).toBe(true);
      expect(a.meaning.length, where).toBeGreaterThan(5);
    }
  });

  it('are unique per dialect and kind', () => {
    const keys = VENDOR_STATES.map((a) => `${a.dialect}|${a.kind}|${a.vendor}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('resolve through canonicalState', () => {
    for (const a of VENDOR_STATES) {
      const r = canonicalState(a.dialect, a.vendor, { kind: a.kind });
      expect(r?.alias, `${a.dialect} ${a.vendor}`).toBe(a);
    }
    expect(canonicalState('ios', 'IKE_R_MM2')?.state).toBe('MAIN_R1');
    expect(canonicalState('ios', 'IKE_R_MM5')?.alias.last).toEqual({ label: 'MM5', dir: 'received' });
    expect(canonicalState('ios', '(R) MM_SA_SETUP')).toMatchObject({ state: 'MAIN_R1', role: 'responder' });
    expect(canonicalState('ios', '(I) MM_NO_STATE')).toMatchObject({ state: 'MAIN_I1', role: 'initiator' });
    expect(canonicalState('ios', 'MM_KEY_EXCH')?.state).toBe('MAIN_PENDING');
    expect(canonicalState('ios', 'MM_KEY_EXCH', { role: 'initiator' })?.state).toBe('MAIN_I3');
    expect(canonicalState('ios', '(N) NEW SA')?.state).toBe('IDLE');
    expect(canonicalState('ios', 'QM_IDLE')?.facts.category).toBe('established');
    expect(canonicalState('ios', 'IKE_QM_PHASE2_COMPLETE', { role: 'responder' })?.state).toBe('QUICK_R2');
    expect(canonicalState('asa', 'MM_WAIT_MSG3')?.state).toBe('MAIN_R1');
    expect(canonicalState('asa', 'MM_ACTIVE')?.state).toBe('P1_ESTABLISHED');
    expect(canonicalState('strongswan', 'CONNECTING')?.state).toBe('P1_PENDING');
    expect(canonicalState('strongswan', 'CREATED', { kind: 'child-sa' })?.state).toBe('QUICK_START');
    expect(canonicalState('strongswan', 'main_mode', { kind: 'task' })?.state).toBe('MAIN_PENDING');
    expect(canonicalState('ios', 'NO_SUCH_STATE')).toBeUndefined();
  });

  it('know every strongSwan task as a state alias', () => {
    for (const task of Object.keys(STRONGSWAN_TASKS)) expect(canonicalState('strongswan', task, { kind: 'task' }), task).toBeDefined();
  });
});
