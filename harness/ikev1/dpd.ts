/**
 * Dead Peer Detection (RFC 3706): the DPD vendor ID (a contributor in MM1/MM2, AM1/AM2), and once
 * both peers sent it, R-U-THERE / R-U-THERE-ACK notifies in protected Informationals (rows
 * `dpdOutRUThere`, `dpdInAck`, `dpdInRUThereOutAck`), idle detection, retries, and the teardown of
 * the ISAKMP SA and its IPsec SAs when the peer stays silent.
 *
 * Modes as Cisco names them (`crypto isakmp keepalive <interval> <retry> periodic | on-demand`):
 * periodic probes whenever nothing was heard from the peer for `intervalSeconds`; on-demand only
 * when we have traffic for a peer that was idle that long (`engine.trafficSent`). What counts as
 * heard is any verified IKE message of the SA (and ESP, once the data plane calls `trafficSeen`).
 * Each retry is a new R-U-THERE with the next sequence number and a message ID of its own, every
 * `retryIntervalSeconds` (the table's `retransmit` timeout read with Cisco's fixed retry interval).
 */
import { NOTIFY_TYPES, PROTOCOL_IDS } from '../../analyzer/model/registries.js';
import { vendorIdByName } from '../../analyzer/model/vendor-ids.js';
import { notify, type Payload, type PayloadOf } from '../codec/index.js';
import { fromHex, toHex } from '../crypto/index.js';
import type { Contributor } from './contributors.js';
import type { Ikev1Engine } from './engine.js';
import type { Handler } from './handlers.js';
import { cookies, freshMsgid, notifyEvent, runLocal, teardownIsakmpSa } from './informational.js';
import type { IsakmpSa, Scope } from './sa.js';

/** RFC 3706 §5.1: the DPD vendor ID, afcad71368a1f1c96b8696fc77570100 (major 1, minor 0). */
const DPD_VID_HEX = vendorIdByName('dpd')!.hex!;

interface DpdState {
  sentVid: boolean;
  peerVid: boolean;
  /** Clock time the peer was last heard from. */
  lastHeard: number;
  /** Last sequence number sent. */
  seq: number;
  /** The probes of the current round, by sequence number (each its own exchange, DPD_I1). */
  readonly outstanding: Map<number, Scope>;
  /** Probes sent in the current round. */
  sent: number;
  running: boolean;
  /** The periodic idle check. */
  idle?: (() => void) | undefined;
}

const states = new WeakMap<IsakmpSa, DpdState>();

function stateOf(sa: IsakmpSa): DpdState {
  let s = states.get(sa);
  if (!s) states.set(sa, (s = { sentVid: false, peerVid: false, lastHeard: 0, seq: 0, outstanding: new Map(), sent: 0, running: false }));
  return s;
}

const seqBytes = (n: number): Uint8Array => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const seqOf = (n: PayloadOf<'N'>): number | undefined => (n.data.length === 4 ? ((n.data[0]! << 24) | (n.data[1]! << 16) | (n.data[2]! << 8) | n.data[3]!) >>> 0 : undefined);

/** RFC 3706 §5.3: the notify's SPI is the ISAKMP SA's cookies, its data the 32-bit sequence number. */
function dpdNotify(sa: IsakmpSa, type: 'R_U_THERE' | 'R_U_THERE_ACK', seq: number): PayloadOf<'N'> {
  return notify(type, { protocol: PROTOCOL_IDS.valueOf('isakmp'), spi: cookies(sa), data: seqBytes(seq) });
}

function dpdPayload(payloads: readonly Payload[], type: 'R_U_THERE' | 'R_U_THERE_ACK'): PayloadOf<'N'> | undefined {
  return payloads.find((p): p is PayloadOf<'N'> => p.type === 'N' && NOTIFY_TYPES.nameOf(p.notifyType) === type);
}

const cookiesMatch = (sa: IsakmpSa, n: PayloadOf<'N'>): boolean => toHex(n.spi) === toHex(cookies(sa));

/** RFC 3706 §5.1: each peer announces DPD with the vendor ID; it is used only when both did. */
export const dpdContributor: Contributor = {
  name: 'dpd',
  labels: ['MM1', 'MM2', 'AM1', 'AM2'],
  outgoing({ engine, sa }) {
    if (!engine.policy.dpd) return [];
    stateOf(sa).sentVid = true;
    if (engine.policy.vendorIds?.includes('dpd')) return []; // the vendor-ID contributor sends it already
    engine.emit(sa, { kind: 'ike.vid', dir: 'out', name: 'dpd', hex: DPD_VID_HEX });
    return [{ type: 'VID', data: fromHex(DPD_VID_HEX) }];
  },
  incoming({ sa }, payloads) {
    if (payloads.some((p) => p.type === 'VID' && toHex(p.data) === DPD_VID_HEX)) stateOf(sa).peerVid = true;
  },
};

/** Phase 1 is up: DPD runs when our policy has it and both peers sent the vendor ID. */
export function startDpd(engine: Ikev1Engine, sa: IsakmpSa): void {
  const p = engine.policy.dpd;
  const s = stateOf(sa);
  if (!p || !s.sentVid || !s.peerVid || s.running) return;
  s.running = true;
  s.lastHeard = engine.clock.now();
  s.seq = engine.rng.u32() & 0x7fffffff; // RFC 3706 §5.3: the first sequence number may be random
  if ((p.mode ?? 'periodic') === 'periodic') armIdleCheck(engine, sa, p.intervalSeconds * 1000);
}

function armIdleCheck(engine: Ikev1Engine, sa: IsakmpSa, inMs: number): void {
  const s = stateOf(sa);
  s.idle = engine.clock.setTimer(Math.max(1, inMs), () => {
    s.idle = undefined;
    const interval = engine.policy.dpd!.intervalSeconds * 1000;
    const idleFor = engine.clock.now() - s.lastHeard;
    if (s.outstanding.size === 0 && idleFor >= interval) probe(engine, sa);
    // next check when the peer will have been idle for a whole interval (a probe round runs on its own timers)
    if (s.running) armIdleCheck(engine, sa, s.outstanding.size || idleFor >= interval ? interval : interval - idleFor);
  });
}

/** Something verified arrived from the peer. */
export function dpdHeard(engine: Ikev1Engine, sa: IsakmpSa): void {
  const s = states.get(sa);
  if (s) s.lastHeard = engine.clock.now();
}

/** On-demand: we have traffic for the peer; probe when it has been idle for the interval. */
export function dpdOnDemand(engine: Ikev1Engine, sa: IsakmpSa): void {
  const s = states.get(sa);
  const p = engine.policy.dpd;
  if (!s?.running || !p || (p.mode ?? 'periodic') !== 'on-demand' || s.outstanding.size) return;
  if (engine.clock.now() - s.lastHeard >= p.intervalSeconds * 1000) probe(engine, sa);
}

/** Stops every DPD timer of the SA (teardown). */
export function stopDpd(engine: Ikev1Engine, sa: IsakmpSa): void {
  const s = states.get(sa);
  if (!s) return;
  s.running = false;
  s.idle?.();
  s.idle = undefined;
  for (const q of s.outstanding.values()) engine.cancelTimer(q);
  s.outstanding.clear();
}

/** The probe an R-U-THERE-ACK answers (its sequence number among this round's), if any. */
export function dpdOutstanding(sa: IsakmpSa, ack: PayloadOf<'N'>): Scope | undefined {
  const seq = seqOf(ack);
  return seq === undefined || !cookiesMatch(sa, ack) ? undefined : states.get(sa)?.outstanding.get(seq);
}

/** One R-U-THERE (row dpdOutRUThere) and its retry timer; after the last retry the peer is dead. */
function probe(engine: Ikev1Engine, sa: IsakmpSa): void {
  const s = stateOf(sa);
  const p = engine.policy.dpd!;
  // RFC 3706 §5.3: the sequence number is incremented for each R-U-THERE
  s.seq = (s.seq + 1) >>> 0;
  const msgid = freshMsgid(engine, sa);
  const scope: Scope = { state: 'IDLE', msgid, seen: new Set() };
  if (!runLocal(engine, sa, 'dpd', undefined, [dpdNotify(sa, 'R_U_THERE', s.seq)], scope, msgid)) return;
  s.outstanding.set(s.seq, scope);
  s.sent++;
  scope.timer = engine.clock.setTimer((p.retryIntervalSeconds ?? 2) * 1000, () => {
    scope.timer = undefined;
    if (!s.running) return;
    if (s.sent <= (p.retries ?? 2)) return probe(engine, sa);
    peerDead(engine, sa, scope);
  });
}

function peerDead(engine: Ikev1Engine, sa: IsakmpSa, last: Scope): void {
  const s = stateOf(sa);
  engine.setState(sa, last, 'DELETING', 'no R-U-THERE-ACK');
  engine.emit(sa, { kind: 'ike.phase', phase: 1, status: 'failed', reason: 'dpd', mode: sa.mode, text: `DPD: no answer to ${s.sent} R-U-THERE, peer ${sa.peer} declared dead` });
  teardownIsakmpSa(engine, sa, 'DPD: peer dead');
}

// ---- handlers ------------------------------------------------------------------------------------------

const dpdOutRUThere: Handler = ({ engine, sa, out = [] }) => {
  const n = dpdPayload(out, 'R_U_THERE');
  if (!n) return { kind: 'fatal', text: 'dpdOutRUThere without an R-U-THERE' };
  return {
    kind: 'ok',
    reply: [...out],
    after: () => {
      notifyEvent(engine, sa, 'out', n);
      engine.emit(sa, { kind: 'ike.dpd', step: 'r-u-there', dir: 'out', dpdSeq: seqOf(n)! });
    },
  };
};

/** RFC 3706 §5.3: the ACK carries the R-U-THERE's sequence number and the cookies; the round is over. */
const dpdInAck: Handler = ({ engine, sa, payloads }) => {
  const n = dpdPayload(payloads, 'R_U_THERE_ACK')!;
  const seq = seqOf(n);
  if (seq === undefined || !cookiesMatch(sa, n)) return { kind: 'ignore', text: 'R-U-THERE-ACK with a bad sequence number or SPI' };
  return {
    kind: 'ok',
    after: () => {
      notifyEvent(engine, sa, 'in', n);
      engine.emit(sa, { kind: 'ike.dpd', step: 'ack', dir: 'in', dpdSeq: seq });
      const s = stateOf(sa);
      for (const q of s.outstanding.values()) engine.cancelTimer(q);
      s.outstanding.clear();
      s.sent = 0;
    },
  };
};

/** RFC 3706 §5.3: answer an R-U-THERE with an R-U-THERE-ACK carrying the same sequence number. */
const dpdInRUThereOutAck: Handler = ({ engine, sa, payloads }) => {
  const n = dpdPayload(payloads, 'R_U_THERE')!;
  const seq = seqOf(n);
  if (seq === undefined || !cookiesMatch(sa, n)) return { kind: 'ignore', text: 'R-U-THERE with a bad sequence number or SPI' };
  const ack = dpdNotify(sa, 'R_U_THERE_ACK', seq);
  return {
    kind: 'ok',
    reply: [ack],
    after: () => {
      notifyEvent(engine, sa, 'in', n);
      engine.emit(sa, { kind: 'ike.dpd', step: 'r-u-there', dir: 'in', dpdSeq: seq });
      notifyEvent(engine, sa, 'out', ack);
      engine.emit(sa, { kind: 'ike.dpd', step: 'ack', dir: 'out', dpdSeq: seq });
    },
  };
};

export const DPD_HANDLERS: { readonly [name: string]: Handler } = { dpdOutRUThere, dpdInAck, dpdInRUThereOutAck };
