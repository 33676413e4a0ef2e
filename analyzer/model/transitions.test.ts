import { describe, expect, it } from 'vitest';
import { LABELS, isLabel, labelFacts, labelsOf, LOGICAL_EXCHANGES, type Label } from './labels.js';
import { PAYLOAD_TYPES } from './registries.js';
import { isCanonicalState, stateFacts } from './states.js';
import { MESSAGES, TRANSITIONS, checkSequence, findTransitions, transitionInput, type ObservedMessage } from './transitions.js';

describe('labels', () => {
  it('are unique, with consecutive positions per logical exchange', () => {
    const names = LABELS.map((l) => l.label);
    expect(new Set(names).size).toBe(names.length);
    for (const ex of LOGICAL_EXCHANGES) {
      const ls = LABELS.filter((l) => l.exchange === ex);
      if (ex === 'informational') continue; // INFO and DELETE are one-message exchanges
      expect(ls.map((l) => l.position).sort((a, b) => a - b), ex).toEqual(ls.map((_, i) => i + 1));
    }
    expect(labelsOf('main')).toEqual(['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6']);
    expect(labelFacts('QM2')).toMatchObject({ exchangeType: 32, sender: 'responder', position: 2 });
    expect(labelFacts('XAUTH-REQ')).toMatchObject({ exchangeType: 6, sender: 'initiator', party: 'server' });
  });
});

describe('transitions table', () => {
  it('references existing states, labels and payload types', () => {
    for (const t of TRANSITIONS) {
      const where = `${t.handler} ${t.from}→${t.to}`;
      expect(isCanonicalState(t.from), where).toBe(true);
      expect(isCanonicalState(t.to), where).toBe(true);
      for (const m of [t.received, t.sent]) {
        if (!m) continue;
        expect(isLabel(m.label), where).toBe(true);
        for (const p of m.payloads) expect(PAYLOAD_TYPES.byName(p.type), `${where} ${p.type}`).toBeDefined();
      }
      if (t.timeout.kind === 'retransmit') expect(isCanonicalState(t.timeout.giveUp), where).toBe(true);
      if (t.timeout.kind === 'resend-on-duplicate') expect(isCanonicalState(t.timeout.expire), where).toBe(true);
      expect(t.received !== null || t.sent !== null, where).toBe(true);
      expect(t.handler, where).toMatch(/^[a-z][A-Za-z0-9]+$/);
    }
  });

  it('has message specs for every label, and rows that send or receive each label', () => {
    const used = new Set<string>();
    for (const t of TRANSITIONS) {
      if (t.received) used.add(t.received.label);
      if (t.sent) used.add(t.sent.label);
    }
    for (const l of LABELS) {
      expect(MESSAGES[l.label as Label], l.label).toBeDefined();
      expect(used.has(l.label), `${l.label} in no row`).toBe(true);
    }
  });

  it('sends each label from the role the label table names', () => {
    for (const t of TRANSITIONS) {
      if (t.sent) {
        const f = labelFacts(t.sent.label);
        if (f && f.sender !== 'either') expect(f.sender, `${t.handler} sends ${t.sent.label}`).toBe(t.role);
        // an Informational is sent by informational rows, and by a phase-1 responder refusing MM1/AM1 (an error notify of its own)
        if (f) expect(f.exchange === t.logical || (f.exchange === 'informational' && (t.logical === 'informational' || t.when === 'no-proposal-chosen')), t.handler).toBe(true);
      }
      if (t.received) {
        const f = labelFacts(t.received.label);
        if (f && f.sender !== 'either') expect(f.sender, `${t.handler} receives ${t.received.label}`).not.toBe(t.role);
      }
    }
  });

  it('has no duplicate (state, role, exchange, input, guard) rows', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}|${t.role}|${t.logical}|${transitionInput(t)}|${t.when ?? ''}`);
    const dups = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dups).toEqual([]);
  });

  it('reaches every label and every row state from IDLE', () => {
    // closure over (state) starting from IDLE and the established ISAKMP SA
    const reached = new Set<string>(['IDLE']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of TRANSITIONS) {
        const fromOk = reached.has(t.from) || (t.from === 'P1_ESTABLISHED' && [...reached].some((s) => stateFacts(s)?.category === 'established' && stateFacts(s)?.scope === 'isakmp-sa'));
        if (fromOk && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    for (const t of TRANSITIONS) expect(reached.has(t.from) || t.from === 'P1_ESTABLISHED', `${t.handler} from ${t.from}`).toBe(true);
    const labels = new Set<string>();
    for (const t of TRANSITIONS) {
      const fromOk = reached.has(t.from) || t.from === 'P1_ESTABLISHED';
      if (!fromOk) continue;
      if (t.received) labels.add(t.received.label);
      if (t.sent) labels.add(t.sent.label);
    }
    for (const l of LABELS) expect(labels.has(l.label), l.label).toBe(true);
    expect(reached.has('MAIN_I4') && reached.has('MAIN_R3') && reached.has('AGGR_I2') && reached.has('AGGR_R2')).toBe(true);
    expect(reached.has('QUICK_I2') && reached.has('QUICK_R2')).toBe(true);
  });

  it('finds the rows for a message', () => {
    // MM1 has two rows: answered with MM2, or refused (guard no-proposal-chosen) with NO-PROPOSAL-CHOSEN
    expect(findTransitions('main', 'responder', 'IDLE', { dir: 'in', label: 'MM1' }).map((t) => `${t.handler} ${t.when ?? ''}`)).toEqual(['mainInI1OutR1 ', 'phase1InI1OutNoProposal no-proposal-chosen']);
    expect(findTransitions('main', 'initiator', 'IDLE', { dir: 'out', label: 'MM1' }).map((t) => t.handler)).toEqual(['mainOutI1']);
    expect(findTransitions('quick', 'responder', 'MAIN_R3', { dir: 'in', label: 'QM1' }).map((t) => t.handler)).toEqual(['quickInI1OutR1']);
  });
});

// ---- checkSequence ----------------------------------------------------------------------------------

type Dir = 'in' | 'out';
const seq = (spec: string): ObservedMessage[] =>
  spec
    .trim()
    .split(/\s+/)
    .map((tok) => {
      const [dir, label] = tok.split(':') as [string, string];
      return { dir: (dir === '>' ? 'out' : 'in') as Dir, label };
    });

// ">" = sent by this node, "<" = received
const MAIN_I = '>:MM1 <:MM2 >:MM3 <:MM4 >:MM5 <:MM6';
const MAIN_R = '<:MM1 >:MM2 <:MM3 >:MM4 <:MM5 >:MM6';
const QM_I = '>:QM1 <:QM2 >:QM3';
const QM_R = '<:QM1 >:QM2 <:QM3';
const AM_I = '>:AM1 <:AM2 >:AM3';
const AM_R = '<:AM1 >:AM2 <:AM3';
// the client (IKE initiator): XAUTH server asks, client answers; client pulls its config
const XAUTH_CLIENT = '<:XAUTH-REQ >:XAUTH-REPLY <:XAUTH-SET >:XAUTH-ACK';
const XAUTH_SERVER = '>:XAUTH-REQ <:XAUTH-REPLY >:XAUTH-SET <:XAUTH-ACK';
const CFG_CLIENT = '>:CFG-REQ <:CFG-REPLY';
const CFG_SERVER = '<:CFG-REQ >:CFG-REPLY';

describe('checkSequence', () => {
  const full: [string, string, 'initiator' | 'responder', 'main' | 'aggressive'][] = [
    ['MM + QM, initiator', `${MAIN_I} ${QM_I}`, 'initiator', 'main'],
    ['MM + QM, responder', `${MAIN_R} ${QM_R}`, 'responder', 'main'],
    ['MM + QM where the responder starts Quick Mode', `${MAIN_R} ${QM_I}`, 'responder', 'main'],
    ['AM + XAUTH + CFG + QM, initiator (client)', `${AM_I} ${XAUTH_CLIENT} ${CFG_CLIENT} ${QM_I}`, 'initiator', 'aggressive'],
    ['AM + XAUTH + CFG + QM, responder (server)', `${AM_R} ${XAUTH_SERVER} ${CFG_SERVER} ${QM_R}`, 'responder', 'aggressive'],
    ['AM + XAUTH + CFG push + QM, responder', `${AM_R} ${XAUTH_SERVER} >:CFG-SET <:CFG-ACK ${QM_R}`, 'responder', 'aggressive'],
    ['MM + QM + DPD + delete, initiator', `${MAIN_I} ${QM_I} >:DPD-R-U-THERE <:DPD-ACK <:DPD-R-U-THERE >:DPD-ACK >:DELETE >:DELETE`, 'initiator', 'main'],
    ['XAUTH retry then success', `${AM_R} >:XAUTH-REQ <:XAUTH-REPLY >:XAUTH-REQ <:XAUTH-REPLY >:XAUTH-SET <:XAUTH-ACK ${QM_R}`, 'responder', 'aggressive'],
    ['two Quick Modes one after the other', `${MAIN_I} ${QM_I} ${QM_I}`, 'initiator', 'main'],
    ['TED probe then MM + QM (initiator)', `>:TED-PROBE <:TED-REPLY ${MAIN_I} ${QM_I}`, 'initiator', 'main'],
    ['TED reply then MM + QM (responder)', `<:TED-PROBE >:TED-REPLY ${MAIN_R} ${QM_R}`, 'responder', 'main'],
  ];
  for (const [name, s, role, mode] of full) {
    it(`accepts a complete sequence: ${name}`, () => {
      const v = checkSequence(seq(s), role);
      expect(v.issues.filter((i) => i.severity !== 'info')).toEqual([]);
      expect(v.legal).toBe(true);
      expect(v.complete).toBe(true);
      expect(v.mode).toBe(mode);
      expect(v.phase1).toBe('established');
      expect(v.next).toEqual([]);
      expect(v.firstError).toBeNull();
    });
  }

  it('names the step a truncated Main Mode reached (initiator)', () => {
    const msgs = seq(`${MAIN_I} ${QM_I}`);
    for (let n = 1; n < 6; n++) {
      const v = checkSequence(msgs.slice(0, n), 'initiator');
      expect(v.legal, `${n}`).toBe(true);
      expect(v.complete, `${n}`).toBe(false);
      expect(v.phase1).toBe('in-progress');
      expect(v.reached, `${n}`).toBe(`MM${n}`);
      expect(v.next, `${n}`).toEqual([`MM${n + 1}`]);
    }
    const v = checkSequence(msgs.slice(0, 7), 'initiator');
    expect(v).toMatchObject({ legal: true, complete: false, phase1: 'established', reached: 'QM1', next: ['QM2'] });
    const v2 = checkSequence(msgs.slice(0, 8), 'initiator');
    expect(v2).toMatchObject({ reached: 'QM2', next: ['QM3'] });
  });

  it('names the step a truncated sequence reached (responder, aggressive + XAUTH + CFG + QM)', () => {
    const msgs = seq(`${AM_R} ${XAUTH_SERVER} ${CFG_SERVER} ${QM_R}`);
    const expected: [number, string, string[]][] = [
      [1, 'AM1', ['AM2']],
      [2, 'AM2', ['AM3']],
      [3, 'AM3', []],
      [4, 'XAUTH-REQ', ['XAUTH-REPLY']],
      [5, 'XAUTH-REPLY', ['XAUTH-SET']],
      [6, 'XAUTH-SET', ['XAUTH-ACK']],
      [8, 'CFG-REQ', ['CFG-REPLY']],
      [10, 'QM1', ['QM2']],
      [11, 'QM2', ['QM3']],
    ];
    for (const [n, reached, next] of expected) {
      const v = checkSequence(msgs.slice(0, n), 'responder');
      expect(v.legal, `${n}`).toBe(true);
      expect(v.reached, `${n}`).toBe(reached);
      expect(v.next, `${n}`).toEqual(next);
      expect(v.complete, `${n}`).toBe(n === 3);
    }
  });

  it('reports the failure step of a PSK mismatch seen from the initiator (MM5 retransmitted, no MM6)', () => {
    const v = checkSequence(seq(`>:MM1 <:MM2 >:MM3 <:MM4 >:MM5 <:INFO >:MM5 <:INFO >:MM5`), 'initiator');
    expect(v).toMatchObject({ legal: true, complete: false, reached: 'MM5', next: ['MM6'] });
    expect(v.issues.filter((i) => i.problem === 'retransmit')).toHaveLength(2);
  });

  it('flags messages out of order, in the wrong direction, or before phase 1', () => {
    const a = checkSequence(seq('>:MM1 <:MM2 >:MM3 <:MM6'), 'initiator');
    expect(a.legal).toBe(false);
    expect(a.firstError).toEqual({ index: 3, label: 'MM6' });
    expect(a.reached).toBe('MM3');
    expect(a.next).toEqual(['MM4']);
    const b = checkSequence(seq('<:MM1'), 'initiator');
    expect(b.issues[0]?.problem).toBe('wrong-direction');
    const c = checkSequence(seq(`>:MM1 <:MM2 >:QM1`), 'initiator');
    expect(c.issues[0]?.problem).toBe('not-established');
    const d = checkSequence([{ label: 'MM7', dir: 'out' }], 'initiator');
    expect(d.issues[0]?.problem).toBe('unknown-label');
    const e = checkSequence(seq(`${MAIN_I} <:QM2`), 'initiator');
    expect(e.legal).toBe(false);
    const f = checkSequence(seq('>:AM1 <:MM2'), 'initiator');
    expect(f.legal).toBe(false);
  });

  it('bridges a reply of this node that the log does not show, with a warning', () => {
    const g = checkSequence(seq('>:MM1 <:MM2 <:MM4'), 'initiator');
    expect(g).toMatchObject({ legal: true, reached: 'MM4', next: ['MM5'] });
    expect(g.issues.map((i) => i.problem)).toEqual(['gap']);
    const v = checkSequence(seq('<:MM1 >:MM2 <:MM3 <:MM5 >:MM6'), 'responder');
    expect(v.legal).toBe(true);
    expect(v.complete).toBe(true);
    expect(v.issues.map((i) => i.problem)).toEqual(['gap']);
  });

  it('checks payloads when they are given', () => {
    const ok = checkSequence([{ label: 'MM1', dir: 'out', payloads: ['SA', 'V', 'V', 'V', 'V', 'V'] }, { label: 'MM2', dir: 'in', payloads: ['SA', 'V'] }, { label: 'MM3', dir: 'out', payloads: ['KE', 'No', 'NAT-D', 'NAT-D'] }, { label: 'MM4', dir: 'in', payloads: ['KE', 'No', 'NAT-D', 'NAT-D'] }, { label: 'MM5', dir: 'out', payloads: ['ID', 'HASH', 'N(INITIAL_CONTACT)'] }, { label: 'MM6', dir: 'in', payloads: ['ID', 'HASH'] }], 'initiator');
    expect(ok.issues).toEqual([]);
    expect(ok.complete).toBe(true);
    const bad = checkSequence([{ label: 'MM1', dir: 'out', payloads: ['KE'] }], 'initiator');
    expect(bad.legal).toBe(false);
    expect(bad.issues.map((i) => i.problem).sort()).toEqual(['missing-payload', 'unexpected-payload']);
    // ASA IKE_DECODE payload names
    const asa = checkSequence([{ label: 'MM5', dir: 'out', payloads: ['ID', 'HASH', 'IOS KEEPALIVE', 'VENDOR', 'NONE'] }], 'initiator');
    expect(asa.issues.some((i) => i.problem.endsWith('payload'))).toBe(false);
  });

  it('handles an empty sequence', () => {
    const v = checkSequence([], 'initiator');
    expect(v).toMatchObject({ legal: true, complete: false, phase1: 'none', reached: null, next: ['MM1', 'AM1'] });
  });
});
