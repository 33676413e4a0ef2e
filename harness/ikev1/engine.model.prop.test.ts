/**
 * Model-based tests of the state machine (fast-check `fc.commands`).
 *
 * The real system: two engines A and B on one fake clock, with a hand-driven wire (the test, not
 * a network, decides which datagram arrives, when, twice, never, out of order or with one byte
 * flipped). The model: per ISAKMP SA and per Quick Mode, each side's position on the exchange's
 * ladder (MM1..MM6, AM1..AM3, QM1..QM3) and whether it failed. Each command updates the model
 * with what the protocol says must happen — an intact message that is due moves the receiver one
 * row of analyzer/model/transitions.ts and puts exactly its reply on the wire, a repeat of the
 * message last answered puts the same reply on the wire again, anything else changes nothing —
 * and the real system must agree. Timers are checked by what they may do: only an initiator
 * still waiting retransmits, only its last message, and a phase may only end `no_response`.
 * A corrupted datagram taints its SA: from then on only the invariants hold it.
 *
 * Invariants after every command: every `ike.state` change is a row of the table (or a row's
 * give-up / expiry, or a failure in a row's `from` state), events are JSON-safe with increasing
 * `seq`, no SA the initiator does not know ever establishes, sides that both established have
 * equal keys (phase 1) and mirrored KEYMAT (Quick Mode), and the analyzer's `correlate` gives each
 * SA the outcome the engine reached. After the last command the clock runs out: no timer is
 * left and every started exchange is established or failed with a reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import type { Event } from '../../analyzer/model/events.js';
import type { Label } from '../../analyzer/model/labels.js';
import { stateFacts, type CanonicalState } from '../../analyzer/model/states.js';
import { checkSequence, fromMatches, TRANSITIONS, type Transition } from '../../analyzer/model/transitions.js';
import { toHex } from '../crypto/index.js';
import type { Datagram } from '../transport/endpoint.js';
import { FakeClock, Ikev1Engine, type IsakmpSa, type Policy } from './index.js';
import type { Scope } from './sa.js';

const FC = process.env.CI ? { seed: 20261122, numRuns: 100 } : { numRuns: 100 };

/** Two suites: AES (16-byte blocks) with ECP and PFS, 3DES (8-byte blocks) with MODP 1024 and no PFS. */
const SUITES = [
  { psk: 'model', ike: [{ cipher: 'aes128', hash: 'sha1', group: 19 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }], pfsGroup: 19 },
  { psk: 'model', ike: [{ cipher: '3des', hash: 'md5', group: 2 }], esp: [{ cipher: '3des', integrity: 'md5' }], pfsGroup: 0 },
] as const;
const A_ADDRESS = '10.0.0.1';
const B_ADDRESS = '10.0.0.2';
const policies = (suite: (typeof SUITES)[number]): { a: Policy; b: Policy } => ({
  a: { ...suite, localAddress: A_ADDRESS, peerAddress: B_ADDRESS, proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } },
  b: { ...suite, localAddress: B_ADDRESS, peerAddress: A_ADDRESS, proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } },
});

type Side = 'A' | 'B';
type Ex = 'main' | 'aggressive' | 'quick';
const LADDER: Record<Ex, readonly Label[]> = {
  main: ['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6'],
  aggressive: ['AM1', 'AM2', 'AM3'],
  quick: ['QM1', 'QM2', 'QM3'],
};

// ---- the real system ------------------------------------------------------------------------------

/** A datagram on the hand-driven wire, tagged at send time with what the sender meant to send. */
interface Wire {
  readonly d: Datagram;
  readonly sender: Side;
  readonly conn: string;
  readonly msgid: number;
  /** The sender's label for it (`scope.lastOutLabel`), or INFO for an unprotected notify. */
  readonly label: Label | 'INFO';
  intact: boolean;
}

class Real {
  readonly clock = new FakeClock();
  readonly wire: Wire[] = [];
  readonly a: Ikev1Engine;
  readonly b: Ikev1Engine;

  constructor(seed: number, suite: (typeof SUITES)[number] = SUITES[0]) {
    const send = (side: Side) => (d: Datagram) => this.wire.push(this.tag(side, d));
    const { a, b } = policies(suite);
    this.a = new Ikev1Engine({ node: 'A', policy: a, clock: this.clock, seed: seed * 2 + 1, send: send('A') });
    this.b = new Ikev1Engine({ node: 'B', policy: b, clock: this.clock, seed: seed * 2 + 2, send: send('B') });
  }

  engine(s: Side): Ikev1Engine {
    return s === 'A' ? this.a : this.b;
  }

  private tag(sender: Side, datagram: Datagram): Wire {
    const d = { ...datagram, bytes: datagram.bytes.slice() };
    const conn = toHex(d.bytes.subarray(0, 8));
    const msgid = new DataView(d.bytes.buffer, d.bytes.byteOffset).getUint32(20);
    const sa = this.engine(sender).isakmpSas().find((s) => s.conn === conn);
    const scope: Scope | undefined = msgid === 0 ? sa?.p1 : sa?.quick.get(msgid);
    const mine = scope?.lastOut && toHex(scope.lastOut) === toHex(d.bytes);
    return { d, sender, conn, msgid, label: mine ? scope.lastOutLabel! : 'INFO', intact: true };
  }

  /** Takes datagram `i` off the wire and hands it to its destination. */
  deliver(i: number): Wire {
    const [w] = this.wire.splice(i, 1);
    const to = w!.d.to.address === A_ADDRESS ? this.a : this.b;
    to.receive(w!.d.bytes.slice(), w!.d.from, w!.d.to);
    return w!;
  }
}

// ---- the model ------------------------------------------------------------------------------------

/** One side of one exchange: the last ladder message it handled (sent or received), or failed. */
interface SideModel {
  idx: number;
  failed: boolean;
}

interface ExchangeModel {
  readonly ex: Ex;
  readonly A: SideModel;
  readonly B: SideModel;
}

interface SaModel extends ExchangeModel {
  readonly ex: 'main' | 'aggressive';
  tainted: boolean;
  readonly quick: Map<number, ExchangeModel>;
}

interface Model {
  readonly sas: Map<string, SaModel>;
  /** Datagrams on the wire (the model reads the count; which one a command takes is drawn). */
  wire: number;
}

const ladderOf = (x: ExchangeModel): readonly Label[] => LADDER[x.ex];
/** Ladder message k is sent by the exchange's initiator (A) when k is even. */
const senderOf = (k: number): Side => (k % 2 === 0 ? 'A' : 'B');
const established = (x: ExchangeModel, s: Side): boolean => !x[s].failed && x[s].idx === ladderOf(x).length - 1;

/** The table row a side ran when it handled ladder message k: the start row, the row that sent k, or the row that received k. */
function rowFor(ex: Ex, s: Side, k: number): Transition {
  const role = s === 'A' ? 'initiator' : 'responder';
  const ladder = LADDER[ex];
  const row =
    senderOf(k) === s
      ? TRANSITIONS.find((t) => t.logical === ex && t.role === role && (k === 0 ? t.received === null : t.received?.label === ladder[k - 1]))
      : TRANSITIONS.find((t) => t.logical === ex && t.role === role && t.received?.label === ladder[k]);
  if (!row) throw new Error(`no row for ${ex} ${s} ${ladder[k]}`);
  return row;
}

/** The state the model expects the engine to be in for this side, or undefined when it never started. */
function expectedState(x: ExchangeModel, s: Side): CanonicalState | undefined {
  if (x[s].failed) return x.ex === 'quick' ? 'P2_FAILED' : 'P1_FAILED';
  if (x[s].idx < 0) return undefined;
  return rowFor(x.ex, s, x[s].idx).to;
}

function realScope(r: Real, s: Side, conn: string, msgid: number): Scope | undefined {
  const sa = r.engine(s).isakmpSas().find((x) => x.conn === conn);
  return msgid === 0 ? sa?.p1 : sa?.quick.get(msgid);
}

/** The model's prediction for an intact datagram reaching its receiver: the labels it must put on the wire. */
function predictDelivery(m: Model, w: Wire): { conn: string; msgid: number; sender: Side; label: Label }[] {
  const sa = m.sas.get(w.conn);
  if (!sa || sa.tainted || w.label === 'INFO') return [];
  const to: Side = w.sender === 'A' ? 'B' : 'A';
  const x: ExchangeModel | undefined = w.msgid === 0 ? sa : sa.quick.get(w.msgid);
  if (!x) return [];
  // a Quick Mode message reaches an ISAKMP SA that is not established on the receiver: dropped
  if (x.ex === 'quick' && !established(sa, to)) return [];
  const ladder = ladderOf(x);
  const k = ladder.indexOf(w.label as Label);
  const me = x[to];
  if (me.failed) return []; // an abandoned exchange answers nothing
  const out: { conn: string; msgid: number; sender: Side; label: Label }[] = [];
  if (k === me.idx + 1) {
    // due: one row forward, and the reply
    me.idx = k === ladder.length - 1 ? k : k + 1;
    if (k < ladder.length - 1) out.push({ conn: w.conn, msgid: w.msgid, sender: to, label: ladder[k + 1]! });
    // the initiator's phase 1 just completed: it starts Quick Mode (policy.quickMode defaults to true)
    if (x === sa && to === 'A' && established(sa, 'A')) out.push({ conn: w.conn, msgid: -1, sender: 'A', label: 'QM1' });
  } else if (k === me.idx - 1 && senderOf(me.idx) === to) {
    // the message we last answered, again: the same answer again
    out.push({ conn: w.conn, msgid: w.msgid, sender: to, label: ladder[me.idx]! });
  }
  return out;
}

// ---- invariants -----------------------------------------------------------------------------------

/** Is this `ike.state` change a row of the table, a row's give-up / expiry, or a failure in a row's `from`? */
function legalChange(previous: CanonicalState, next: CanonicalState, scope: 'isakmp-sa' | 'exchange', role: 'initiator' | 'responder'): boolean {
  // the side's own rows (the Informational rows name the role in that exchange, not in the SA; in
  // these runs every Quick Mode is started by the ISAKMP SA's initiator, so the roles coincide)
  const rows = TRANSITIONS.filter((t) => (scope === 'exchange' ? t.logical === 'quick' : t.logical === 'main' || t.logical === 'aggressive' || t.logical === 'informational') && (t.logical === 'informational' || t.role === role));
  // a new Quick Mode starts from the ISAKMP SA's state (QUICK_START stands for "any established")
  const from = (t: Transition) => (scope === 'exchange' && previous === 'QUICK_START' ? t.from === 'P1_ESTABLISHED' : fromMatches(t.from, previous));
  if (rows.some((t) => from(t) && t.to === next)) return true;
  if (rows.some((t) => t.to === previous && ((t.timeout.kind === 'retransmit' && t.timeout.giveUp === next) || (t.timeout.kind === 'resend-on-duplicate' && t.timeout.expire === next)))) return true;
  const failed = scope === 'exchange' ? 'P2_FAILED' : 'P1_FAILED';
  return next === failed && rows.some(from);
}

function engineOutcome(events: readonly Event[], phase: 1 | 2, msgid?: number): 'established' | 'failed' | 'incomplete' {
  const ph = events.filter((e) => e.kind === 'ike.phase' && e.phase === phase && (phase === 1 || e.msgid === msgid));
  if (ph.some((e) => e.kind === 'ike.phase' && e.status === 'complete')) return 'established';
  if (ph.some((e) => e.kind === 'ike.phase' && e.status === 'failed')) return 'failed';
  return 'incomplete';
}

function checkInvariants(m: Model, r: Real, seen: { A: number; B: number }): void {
  for (const s of ['A', 'B'] as const) {
    const e = r.engine(s);
    // events: JSON-safe, seq increasing; state changes along the table
    for (let i = seen[s]; i < e.events.length; i++) {
      const ev = e.events[i]!;
      expect(JSON.parse(JSON.stringify(ev))).toEqual(ev);
      if (i > 0) expect(ev.seq).toBeGreaterThan(e.events[i - 1]!.seq);
      if (ev.kind === 'ike.state') expect(legalChange(ev.previous!.canonical as CanonicalState, ev.canonical as CanonicalState, ev.scope!, ev.role === 'responder' ? 'responder' : 'initiator'), `${s}: ${ev.previous!.canonical} → ${ev.canonical} (${ev.scope})`).toBe(true);
    }
    seen[s] = e.events.length;
    // the analyzer reads each SA with the outcome the engine reached
    const sessions = correlate(e.events, 'ikelens-engine').sessions;
    expect(sessions).toHaveLength(e.isakmpSas().length);
    for (const { session, events } of sessions) {
      expect(session.phase1.outcome, `${s} phase 1`).toBe(engineOutcome(events, 1));
      for (const p2 of session.phase2) expect(p2.outcome, `${s} QM ${p2.msgid}`).toBe(engineOutcome(events, 2, parseInt(p2.msgid, 16)));
    }
  }
  // never an established SA the initiator did not start; A and B agree on keys where both established
  for (const sb of r.b.isakmpSas()) {
    const est = stateFacts(sb.p1.state)?.category === 'established';
    const ms = m.sas.get(sb.conn);
    if (!ms) {
      expect(est, `B established ${sb.conn}, which A never initiated`).toBe(false);
      continue;
    }
    const sa = r.a.isakmpSas().find((x) => x.conn === sb.conn)!;
    if (est && stateFacts(sa.p1.state)?.category === 'established') {
      for (const k of ['skeyid', 'skeyidD', 'skeyidA', 'skeyidE', 'encKey'] as const) expect(toHex(sa.keys![k])).toBe(toHex(sb.keys![k]));
    }
    for (const [msgid, qb] of sb.quick) {
      const qa = sa.quick.get(msgid);
      if (!qa?.child || !qb.child) continue;
      expect(qa.child.outboundSpi).toBe(qb.child.inboundSpi);
      expect(qa.child.inboundSpi).toBe(qb.child.outboundSpi);
      expect(toHex(qa.child.outbound.encKey)).toBe(toHex(qb.child.inbound.encKey));
      expect(toHex(qa.child.outbound.authKey)).toBe(toHex(qb.child.inbound.authKey));
      expect(toHex(qa.child.inbound.encKey)).toBe(toHex(qb.child.outbound.encKey));
      expect(toHex(qa.child.inbound.authKey)).toBe(toHex(qb.child.outbound.authKey));
    }
  }
  expect(r.b.isakmpSas().filter((s) => stateFacts(s.p1.state)?.category === 'established').length).toBeLessThanOrEqual(m.sas.size);
  // the model's view of every untainted exchange is the engine's
  for (const [conn, sa] of m.sas) {
    if (sa.tainted) continue;
    for (const [msgid, x] of [[0, sa] as const, ...sa.quick]) {
      for (const s of ['A', 'B'] as const) expect(realScope(r, s, conn, msgid)?.state, `${s} ${x.ex} ${msgid}`).toBe(expectedState(x, s));
    }
    // the labels the analyzer gave each side's messages are a legal sequence
    for (const s of ['A', 'B'] as const) {
      const ev = r.engine(s).events.filter((e) => e.sa?.conn === conn);
      if (!ev.length) continue;
      const steps = correlate(ev, 'ikelens-engine').sessions[0]!.session.steps;
      expect(checkSequence(steps.map((st) => ({ label: st.label, dir: st.dir })), s === 'A' ? 'initiator' : 'responder').legal, `${s} ${steps.map((st) => st.dir + ':' + st.label).join(' ')}`).toBe(true);
    }
  }
  expect(r.wire.length).toBe(m.wire);
}

// ---- commands -------------------------------------------------------------------------------------

type Cmd = fc.Command<Model, Real>;
const seenEvents = new WeakMap<Real, { A: number; B: number }>();
const after = (m: Model, r: Real) => {
  m.wire = r.wire.length;
  let seen = seenEvents.get(r);
  if (!seen) seenEvents.set(r, (seen = { A: 0, B: 0 }));
  checkInvariants(m, r, seen);
};

/** The new datagrams must be the predicted ones (Quick Mode message IDs the model cannot know are learnt here). */
function expectSent(m: Model, r: Real, from: number, predicted: ReturnType<typeof predictDelivery>): void {
  const sent = r.wire.slice(from).filter((w) => m.sas.has(w.conn) && !m.sas.get(w.conn)!.tainted);
  expect(sent.map((w) => `${w.sender} ${w.label}`)).toEqual(predicted.map((p) => `${p.sender} ${p.label}`));
  predicted.forEach((p, i) => {
    const w = sent[i]!;
    if (p.msgid === -1) {
      expect(w.msgid).not.toBe(0);
      m.sas.get(p.conn)!.quick.set(w.msgid, { ex: 'quick', A: { idx: 0, failed: false }, B: { idx: -1, failed: false } });
    } else expect(w.msgid).toBe(p.msgid);
  });
}

class Initiate implements Cmd {
  constructor(readonly mode: 'main' | 'aggressive') {}
  check = (m: Readonly<Model>) => m.sas.size < 3;
  run(m: Model, r: Real) {
    const sa: IsakmpSa = r.a.initiate(this.mode);
    expect(r.wire.at(-1)?.label).toBe(LADDER[this.mode][0]);
    m.sas.set(sa.conn, { ex: this.mode, A: { idx: 0, failed: false }, B: { idx: -1, failed: false }, tainted: false, quick: new Map() });
    after(m, r);
  }
  toString = () => `initiate(${this.mode})`;
}

/** Delivers datagram `pick` (0 = the next one; others out of order). */
class Deliver implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.wire > 0;
  run(m: Model, r: Real) {
    const i = this.pick % r.wire.length;
    const before = r.wire.length - 1;
    const w = r.wire[i]!;
    const sa = m.sas.get(w.conn);
    if (!w.intact && sa) sa.tainted = true;
    const predicted = w.intact ? predictDelivery(m, w) : [];
    r.deliver(i);
    expectSent(m, r, before, predicted);
    after(m, r);
  }
  toString = () => (this.pick === 0 ? 'deliver next' : `deliver #${this.pick} out of order`);
}

class Drop implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.wire > 0;
  run(m: Model, r: Real) {
    const counts = r.a.events.length + r.b.events.length;
    r.wire.splice(this.pick % r.wire.length, 1);
    expect(r.a.events.length + r.b.events.length).toBe(counts);
    after(m, r);
  }
  toString = () => `drop #${this.pick}`;
}

class Duplicate implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.wire > 0 && m.wire < 30;
  run(m: Model, r: Real) {
    const w = r.wire[this.pick % r.wire.length]!;
    r.wire.push({ ...w, d: { ...w.d, bytes: w.d.bytes.slice() } });
    after(m, r);
  }
  toString = () => `duplicate #${this.pick}`;
}

class Corrupt implements Cmd {
  constructor(
    readonly pick: number,
    readonly at: number,
    readonly xor: number,
  ) {}
  check = (m: Readonly<Model>) => m.wire > 0;
  run(m: Model, r: Real) {
    const w = r.wire[this.pick % r.wire.length]!;
    const b = w.d.bytes;
    b[this.at % b.length] = b[this.at % b.length]! ^ this.xor;
    w.intact = false;
    after(m, r);
  }
  toString = () => `corrupt #${this.pick} byte ${this.at} ^ ${this.xor}`;
}

/**
 * Advances the fake clock. What timers may do: an initiator still waiting resends its last message
 * (RFC 2408 §5: retransmission), and a waiting side gives up (`no_response`); nothing else.
 */
class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  run(m: Model, r: Real) {
    const from = r.wire.length;
    const events = { A: r.a.events.length, B: r.b.events.length };
    r.clock.advance(this.ms);
    for (const w of r.wire.slice(from)) {
      const sa = m.sas.get(w.conn);
      if (!sa || sa.tainted) continue;
      const x = w.msgid === 0 ? sa : sa.quick.get(w.msgid)!;
      const me = x[w.sender];
      expect(me.failed || established(x, w.sender), `${w.sender} retransmits after it finished`).toBe(false);
      expect(w.sender, 'only initiators retransmit').toBe('A');
      expect(w.label).toBe(ladderOf(x)[me.idx]);
    }
    for (const s of ['A', 'B'] as const) {
      for (const e of r.engine(s).events.slice(events[s])) {
        if (e.kind === 'ike.phase') {
          expect(e.status).toBe('failed');
          if (e.status === 'failed') expect(e.reason).toBe('no_response');
        }
        if (e.kind === 'ike.msg') expect(e.dir === 'out' && e.retransmit).toBe(true);
      }
    }
    // sides that gave up, in the model
    for (const [conn, sa] of m.sas) {
      if (sa.tainted) continue;
      for (const [msgid, x] of [[0, sa] as const, ...sa.quick])
        for (const s of ['A', 'B'] as const) {
          const st = realScope(r, s, conn, msgid)?.state;
          if (st === 'P1_FAILED' || st === 'P2_FAILED') {
            if (!x[s].failed) expect(established(x, s), `${s} failed after it established`).toBe(false);
            x[s].failed = true;
          }
        }
    }
    after(m, r);
  }
  toString = () => `advance ${this.ms} ms`;
}

class StartQuickMode implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => [...m.sas.values()].some((s) => !s.tainted && established(s, 'A'));
  run(m: Model, r: Real) {
    const ready = [...m.sas.entries()].filter(([, s]) => !s.tainted && established(s, 'A'));
    const [conn, sa] = ready[this.pick % ready.length]!;
    const q = r.a.startQuickMode(r.a.isakmpSas().find((x) => x.conn === conn)!);
    expect(q).toBeDefined();
    expect(r.wire.at(-1)?.label).toBe('QM1');
    sa.quick.set(q!.msgid, { ex: 'quick', A: { idx: 0, failed: false }, B: { idx: -1, failed: false } });
    after(m, r);
  }
  toString = () => `start quick mode on SA #${this.pick}`;
}

const commands = [
  fc.constantFrom('main' as const, 'aggressive' as const).map((mode) => new Initiate(mode)),
  // delivering the next datagram is what moves a negotiation forward: weighted up
  ...Array.from({ length: 8 }, () => fc.constant(new Deliver(0))),
  fc.nat(20).map((k) => new Deliver(k)),
  fc.nat(20).map((k) => new Drop(k)),
  fc.nat(20).map((k) => new Duplicate(k)),
  fc.tuple(fc.nat(20), fc.nat(400), fc.integer({ min: 1, max: 255 })).map(([k, at, x]) => new Corrupt(k, at, x)),
  fc.constantFrom(10, 500, 1000, 2000, 4000, 8000, 16_000, 31_000).map((ms) => new Advance(ms)),
  fc.nat(3).map((k) => new StartQuickMode(k)),
];

describe('the state machine against a model (fc.commands)', () => {
  it('deliver / drop / duplicate / reorder / corrupt / advance the clock / start Quick Mode: the engine follows the model and the table', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.constantFrom(...SUITES), fc.commands(commands, { maxCommands: 80, size: 'max' }), (seed, suite, cmds) => {
        const setup = () => ({ model: { sas: new Map(), wire: 0 } as Model, real: new Real(seed, suite) });
        let real: Real | undefined;
        let model: Model | undefined;
        fc.modelRun(() => {
          const s = setup();
          real = s.real;
          model = s.model;
          return s;
        }, cmds);
        // the clock runs out: every timer fires, nothing is left, every started exchange ended
        const r = real!;
        const m = model!;
        new Advance(10 * 60_000).run(m, r);
        expect(r.clock.pending()).toBe(0);
        for (const s of ['A', 'B'] as const) {
          const e = r.engine(s);
          for (const sa of e.isakmpSas()) {
            const st = sa.p1.state;
            expect(['established', 'failed'], `${s} phase 1 ${sa.conn} ${st}`).toContain(stateFacts(st)?.category);
            for (const q of sa.quick.values()) {
              // a Quick Mode is recorded only once its QM1 decrypted and HASH(1) verified: corrupt
              // or forged QM1s with fresh message IDs leave no QUICK_START record behind
              expect(q.state, `${s} quick ${q.msgid} recorded without a verified QM1`).not.toBe('QUICK_START');
              expect(['established', 'failed'], `${s} quick ${q.msgid} ${q.state}`).toContain(stateFacts(q.state)?.category);
            }
          }
          for (const ev of e.events) if (ev.kind === 'ike.phase' && ev.status === 'failed') expect(ev.reason).toBeTruthy();
        }
      }),
      FC,
    );
  });
});

describe('what the model found', () => {
  it('an expired half-open responder does not answer a late copy of MM1 (it used to re-send MM2)', () => {
    const r = new Real(1);
    r.a.initiate('main');
    const late = { ...r.wire[0]!, d: { ...r.wire[0]!.d, bytes: r.wire[0]!.d.bytes.slice() } };
    r.deliver(0); // B answers MM2 and waits for MM3
    expect(r.wire.map((w) => `${w.sender} ${w.label}`)).toEqual(['B MM2']);
    r.wire.length = 0; // MM2 lost, and every retransmission of MM1 too
    r.clock.advance(31_000);
    r.wire.length = 0;
    expect(r.b.isakmpSas()[0]!.p1.state).toBe('P1_FAILED');
    r.wire.push(late);
    r.deliver(0);
    expect(r.wire).toEqual([]);
  });
});
