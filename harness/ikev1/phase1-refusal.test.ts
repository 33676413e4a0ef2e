import { describe, expect, it } from 'vitest';
import type { Event, EventOf } from '../../analyzer/model/events.js';
import { TRANSITIONS } from '../../analyzer/model/transitions.js';
import { policies, sequenceErrors, session } from './test-helpers.js';
import { HANDLERS, pair } from './index.js';

const IKE = { cipher: 'aes128', hash: 'sha1', group: 14 } as const;
const ESP = { cipher: 'aes128', integrity: 'sha1' } as const;
const of = <K extends Event['kind']>(events: readonly Event[], kind: K): EventOf<K>[] => events.filter((e): e is EventOf<K> => e.kind === kind);

describe('a phase-1 refusal is a table row (guard no-proposal-chosen)', () => {
  it('the table has the refusal rows for MM1 and AM1, with a handler', () => {
    const rows = TRANSITIONS.filter((t) => t.when === 'no-proposal-chosen');
    expect(rows.map((r) => `${r.logical} ${r.role} ${r.from} ${r.received?.label} → ${r.sent?.label} ${r.to}`)).toEqual([
      'main responder IDLE MM1 → INFO P1_FAILED',
      'aggressive responder IDLE AM1 → INFO P1_FAILED',
    ]);
    for (const r of rows) expect(HANDLERS[r.handler]).toBeTypeOf('function');
  });

  for (const mode of ['main', 'aggressive'] as const) {
    it(`${mode} mode: no acceptable proposal → the row's unprotected NO-PROPOSAL-CHOSEN, P1_FAILED by the row; both sides ike.p1.proposal_mismatch`, () => {
      const { a, b } = policies({ psk: 'k', ike: [IKE], esp: [ESP], mode });
      const p = pair({ a, b: { ...b, ike: [{ cipher: '3des', hash: 'md5', group: 2 }] } });
      p.a.initiate();
      p.settle();
      const sb = p.b.isakmpSas()[0]!;
      expect(sb.p1.state).toBe('P1_FAILED');
      // the state change is the row's (received MM1/AM1 → P1_FAILED), not the generic failure path
      const first = mode === 'main' ? 'MM1' : 'AM1';
      expect(of(p.b.events, 'ike.state').map((s) => `${s.previous?.canonical}→${s.canonical} (${s.input})`)).toEqual([`IDLE→P1_FAILED (received ${first})`]);
      const out = of(p.b.events, 'ike.msg').filter((m) => m.dir === 'out');
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ exchange: 'informational', encrypted: false, payloads: [{ type: 'N', notify: { type: 'NO_PROPOSAL_CHOSEN' } }] });
      expect(out[0]!.msgid).not.toBe(0);
      expect(of(p.b.events, 'ike.proposal').filter((e) => e.stage === 'rejected')[0]).toMatchObject({ reason: { attribute: 'encryption', offered: 'aes128', configured: '3des' } });
      expect(of(p.b.events, 'ike.notify')).toMatchObject([{ dir: 'out', type: 'NO_PROPOSAL_CHOSEN' }]);
      expect(of(p.b.events, 'ike.phase').filter((e) => e.status === 'failed')).toMatchObject([{ phase: 1, reason: 'proposal', mode }]);
      // the initiator's row informationalInPhase1Error ends its phase 1 at once (no retransmission)
      expect(of(p.a.events, 'ike.phase').filter((e) => e.status === 'failed')).toMatchObject([{ reason: 'proposal' }]);
      expect(of(p.a.events, 'ike.msg').filter((m) => m.dir === 'out')).toHaveLength(1);
      for (const ev of [p.a.events, p.b.events]) {
        const s = session(ev);
        expect(s.session.phase1.outcome).toBe('failed');
        expect(s.findings).toContain('ike.p1.proposal_mismatch');
        expect(sequenceErrors(ev)).toEqual([]);
      }
      // the refusal row arms no timer on either side
      expect(p.clock.pending(true)).toBe(0);
    });
  }

  it('an acceptable proposal still takes the MM2 row (the guard does not hold)', () => {
    const p = pair(policies({ psk: 'k', ike: [IKE], esp: [ESP] }));
    p.a.initiate();
    p.settle();
    expect(of(p.b.events, 'ike.state')[0]).toMatchObject({ canonical: 'MAIN_R1', input: 'received MM1' });
    expect(p.b.childSas()).toHaveLength(1);
  });
});
