/**
 * Protected Informational exchanges (RFC 2408 §4.8, RFC 2409 §5.7) on an established ISAKMP SA:
 * notifies and deletes both ways, a Quick Mode refusal signalled to its initiator, and the
 * teardown of IPsec SAs and ISAKMP SAs (delete, INITIAL-CONTACT, DPD).
 *
 * Every Informational is a one-message exchange with a message ID of its own: its IV comes from
 * the last phase-1 CBC block and that message ID (RFC 2409 Appendix B, harness/crypto IvChain),
 * and its chain is dropped once the message is sent or read. The rows are those of
 * analyzer/model/transitions.ts (`informational*`, `dpd*`); the row is chosen on the content
 * (the `when` guards: error notify, delete of IPsec or ISAKMP SAs; R-U-THERE / R-U-THERE-ACK).
 */
import type { Label, LogicalExchange, ExchangeRole } from '../../analyzer/model/labels.js';
import type { PhaseReason } from '../../analyzer/model/events.js';
import { isErrorNotify, NOTIFY_TYPES, PROTOCOL_IDS, type NotifyName } from '../../analyzer/model/registries.js';
import { fromMatches, TRANSITIONS, type Guard, type Transition } from '../../analyzer/model/transitions.js';
import { DecodeError, decodeMessage, decodePayloads, encodePayloads, notify, type Header, type Payload, type PayloadOf } from '../codec/index.js';
import { CIPHERS, concatBytes, hashMatches, informationalHash, readU32, toHex, u32be, u32Hex } from '../crypto/index.js';
import type { Ikev1Engine } from './engine.js';
import { specOk } from './engine.js';
import type { Handler, HandlerResult } from './handlers.js';
import { payloadInfo } from './payload-info.js';
import type { ChildSa, IsakmpSa, QuickExchange, Scope } from './sa.js';
import { dpdOutstanding } from './dpd.js';

const PROTO_ISAKMP = PROTOCOL_IDS.valueOf('isakmp');
const PROTO_ESP = PROTOCOL_IDS.valueOf('esp');

export interface NotifyOptions {
  readonly protocol?: number;
  readonly spi?: Uint8Array;
  readonly data?: Uint8Array;
}

/** Why a Quick Mode responder refuses QM1 → the notify it sends (RFC 2408 §3.14.1). strongSwan and RFC 2408 name proxies INVALID-ID-INFORMATION. */
const REFUSAL_NOTIFY: { readonly [R in PhaseReason]?: NotifyName } = {
  proposal: 'NO_PROPOSAL_CHOSEN',
  pfs: 'NO_PROPOSAL_CHOSEN',
  proxy: 'INVALID_ID_INFORMATION',
  malformed: 'PAYLOAD_MALFORMED',
};

/**
 * The error notify a Quick Mode initiator receives → the `ike.phase` reason. PFS cannot be told
 * apart: the responder says NO-PROPOSAL-CHOSEN (as strongSwan and IOS do), so the initiator's
 * reason is `proposal` (the responder's own run says `pfs`).
 */
const QUICK_ERROR_REASONS: { readonly [N in NotifyName]?: PhaseReason } = {
  NO_PROPOSAL_CHOSEN: 'proposal',
  INVALID_ID_INFORMATION: 'proxy',
  PAYLOAD_MALFORMED: 'malformed',
};

/** Informational datagrams already read, per ISAKMP SA: a one-message exchange is never processed twice. */
const seen = new WeakMap<IsakmpSa, Set<string>>();

const notifies = (ps: readonly Payload[]): PayloadOf<'N'>[] => ps.filter((p): p is PayloadOf<'N'> => p.type === 'N');
const deletes = (ps: readonly Payload[]): PayloadOf<'D'>[] => ps.filter((p): p is PayloadOf<'D'> => p.type === 'D');
// an SPI of another size is no ESP SPI of ours: -1 matches no pair
const spiNum = (b: Uint8Array): number => (b.length === 4 ? readU32(b, 0) : -1);

/** The ISAKMP SA's SPI in notifies and deletes: CKY-I | CKY-R (RFC 2408 §3.14, §3.15). */
export function cookies(sa: IsakmpSa): Uint8Array {
  return concatBytes(sa.icookie, sa.rcookie);
}

export function isDead(sa: IsakmpSa): boolean {
  return sa.p1.state === 'DELETED' || sa.p1.state === 'P1_FAILED';
}

/** A fresh message ID for a new exchange on `sa` (not 0, not one of its Quick Modes). */
export function freshMsgid(engine: Ikev1Engine, sa: IsakmpSa): number {
  let id = engine.rng.u32();
  while (id === 0 || sa.quick.has(id)) id = engine.rng.u32();
  return id;
}

/** The label the analyzer gives an Informational (analyzer/correlate/label.ts does the same from the payloads). */
function labelOf(payloads: readonly Payload[]): Label {
  const n = notifies(payloads).map((p) => NOTIFY_TYPES.nameOf(p.notifyType));
  if (n.includes('R_U_THERE')) return 'DPD-R-U-THERE';
  if (n.includes('R_U_THERE_ACK')) return 'DPD-ACK';
  if (payloads.some((p) => p.type === 'D')) return 'DELETE';
  return 'INFO';
}

export function notifyEvent(engine: Ikev1Engine, sa: IsakmpSa, dir: 'in' | 'out', n: PayloadOf<'N'>): void {
  const name = NOTIFY_TYPES.nameOf(n.notifyType);
  const protocol = PROTOCOL_IDS.nameOf(n.protocol);
  engine.emit(sa, {
    kind: 'ike.notify',
    dir,
    type: name ?? 'UNKNOWN',
    number: n.notifyType,
    ...(protocol ? { protocol } : {}),
    ...(n.spi.length ? { spi: toHex(n.spi) } : {}),
    ...(n.data.length ? { data: toHex(n.data) } : {}),
  });
}

// ---- sending ---------------------------------------------------------------------------------------------

/**
 * RFC 2409 §5.7: "HASH(1) = prf(SKEYID_a, M-ID | N/D)" — the hash over the message ID and
 * everything after the HASH payload; the message is encrypted with the phase-1 SKEYID_e.
 */
function sendProtected(engine: Ikev1Engine, sa: IsakmpSa, label: Label, payloads: readonly Payload[], msgid: number): void {
  const hash = informationalHash(sa.suite!, sa.keys!.skeyidA, msgid, encodePayloads(payloads));
  const all: Payload[] = [{ type: 'HASH', data: hash }, ...payloads];
  const bytes = engine.encode(sa, { state: sa.p1.state, msgid, seen: new Set() }, label, all, true);
  sa.iv!.forget(msgid);
  engine.sendRaw(sa, bytes);
  engine.msgEvent(sa, 'out', decodeMessage(bytes).header, label, all.map(payloadInfo), bytes.length, false, true);
}

/** The local-trigger row of an exchange in the SA's current state (guard `when`). */
function localRow(sa: IsakmpSa, logical: LogicalExchange, when: Guard | undefined): Transition | undefined {
  return TRANSITIONS.find((t) => t.logical === logical && t.role === 'initiator' && t.received === null && t.when === when && fromMatches(t.from, sa.p1.state));
}

/**
 * Applies a row like the engine does for the other exchanges: the handler, then the message it
 * sends (protected, message ID `msgid`), the state of `target` (the ISAKMP SA, the Quick Mode or
 * DPD exchange the row is about), then the handler's `after`.
 */
function runRow(engine: Ikev1Engine, sa: IsakmpSa, target: Scope, row: Transition, input: { header: Header; payloads: readonly Payload[] } | null, out: readonly Payload[] = [], msgid = 0): HandlerResult {
  const handler = engine.handlerOf(row);
  const result: HandlerResult = handler
    ? handler({ engine, sa, scope: target, row, payloads: input?.payloads ?? [], header: input?.header ?? null, out })
    : { kind: 'fatal', text: `no handler ${row.handler}` };
  if (result.kind !== 'ok') return result;
  if (input) engine.cancelTimer(target);
  if (row.sent && result.reply) sendProtected(engine, sa, row.sent.label, result.reply, msgid || freshMsgid(engine, sa));
  // `P1_ESTABLISHED` → `P1_ESTABLISHED` rows leave an established SA in the state it has
  if (!(row.to === 'P1_ESTABLISHED' && fromMatches('P1_ESTABLISHED', target.state))) {
    engine.setState(sa, target, row.to, row.received ? `received ${row.received.label}` : `initiate ${row.sent?.label ?? ''}`);
  }
  result.after?.();
  return result;
}

/** Runs a local Informational / DPD row; false when the SA is not in a state that has one. */
export function runLocal(engine: Ikev1Engine, sa: IsakmpSa, logical: LogicalExchange, when: Guard | undefined, out: readonly Payload[], target: Scope = sa.p1, msgid = 0): boolean {
  if (!sa.keys || !sa.iv || isDead(sa)) return false;
  const row = localRow(sa, logical, when);
  if (!row) return false;
  return runRow(engine, sa, target, row, null, out, msgid).kind === 'ok';
}

/** A protected notify (RFC 2408 §3.14) in an Informational of its own. */
export function sendNotifyRow(engine: Ikev1Engine, sa: IsakmpSa, type: NotifyName, o: NotifyOptions = {}): boolean {
  return runLocal(engine, sa, 'informational', undefined, [notify(type, { protocol: o.protocol ?? PROTO_ISAKMP, spi: o.spi ?? cookies(sa), ...(o.data ? { data: o.data } : {}) })]);
}

/**
 * A refused QM1: RFC 2408 §3.14.1 error notify to the initiator, about the ESP proposal it sent
 * (protocol ESP, its SPI — strongSwan's form), so it ends that Quick Mode at once instead of
 * retransmitting (row `informationalOutQuickError`, the Quick Mode to P2_FAILED).
 */
export function refuseQuickMode(engine: Ikev1Engine, sa: IsakmpSa, q: QuickExchange, reason: PhaseReason): void {
  const type = REFUSAL_NOTIFY[reason];
  if (!type) return;
  runLocal(engine, sa, 'informational', 'error-notify', [notify(type, { protocol: PROTO_ESP, ...(q.spiOut ? { spi: q.spiOut } : {}) })], q);
}

/**
 * RFC 2408 §3.15: one Delete payload per protocol, listing "the SPI(s) the sending entity wishes
 * to delete"; for IPsec SAs that is the SPI it receives with (its inbound SPI, the peer's
 * outbound), as IOS and strongSwan send it.
 */
export function deleteChild(engine: Ikev1Engine, child: ChildSa): boolean {
  const sa = engine.isakmpSas().find((s) => s.conn === child.conn);
  if (!sa) return false;
  return runLocal(engine, sa, 'informational', 'deletes-ipsec-sa', [{ type: 'D', doi: 1, protocol: PROTO_ESP, spiSize: 4, spis: [u32be(child.inboundSpi)] }]);
}

/** Deletes the IPsec SAs of `sa` first (one DELETE for ESP, as strongSwan does), then the ISAKMP SA (its cookies as SPI). */
export function deleteIsakmp(engine: Ikev1Engine, sa: IsakmpSa): boolean {
  const children = [...sa.quick.values()].flatMap((q) => (q.child ? [q.child] : []));
  if (children.length) runLocal(engine, sa, 'informational', 'deletes-ipsec-sa', [{ type: 'D', doi: 1, protocol: PROTO_ESP, spiSize: 4, spis: children.map((c) => u32be(c.inboundSpi)) }]);
  return runLocal(engine, sa, 'informational', 'deletes-isakmp-sa', [{ type: 'D', doi: 1, protocol: PROTO_ISAKMP, spiSize: 16, spis: [cookies(sa)] }]);
}

// ---- teardown ----------------------------------------------------------------------------------------------

/** Removes one Quick Mode's IPsec SAs here (the peer was told, or told us, or is gone). */
export function removeChild(engine: Ikev1Engine, sa: IsakmpSa, q: QuickExchange, input: string): void {
  const child = q.child;
  q.child = undefined;
  q.pending = undefined;
  engine.cancelTimer(q);
  sa.iv?.forget(q.msgid);
  engine.setState(sa, q, 'DELETED', input);
  // its lifetime timers stop and the data plane drops it now (rekey.ts, dataplane-link.ts)
  if (child) engine.lifetimes.childDeleted(child);
}

/** The ISAKMP SA and its IPsec SAs are gone: the pairs removed, then the SA ended (every timer cancelled, state DELETED). */
export function teardownIsakmpSa(engine: Ikev1Engine, sa: IsakmpSa, input: string): void {
  for (const q of sa.quick.values()) {
    if (q.state !== 'DELETED' && q.state !== 'P2_FAILED') removeChild(engine, sa, q, input);
  }
  engine.endIsakmpSa(sa, input);
}

/**
 * RFC 2407 §4.6.3.3 INITIAL-CONTACT: "the receiving system ... can delete any SAs it has with
 * the sending system" — the peer restarted and forgot them. The older ISAKMP SAs with that peer
 * and their IPsec SAs are torn down here (nothing is sent: the peer has no keys for them).
 */
export function initialContactReceived(engine: Ikev1Engine, sa: IsakmpSa): void {
  for (const old of engine.isakmpSas()) {
    if (old === sa || old.peer !== sa.peer) continue;
    const input = `INITIAL-CONTACT from ${sa.peer} on ${sa.conn}`;
    const ended = isDead(old);
    for (const q of old.quick.values()) {
      if (!q.child) continue;
      engine.emit(old, { kind: 'ike.delete', dir: 'in', protocol: 'esp', spis: [u32Hex(q.child.inboundSpi), u32Hex(q.child.outboundSpi)], reason: 'INITIAL-CONTACT from the peer' }, q.msgid);
      // RFC 2407 §4.6.3.3: "delete any existing SA's it has for the sending system under the assumption
      // that the sending system has rebooted and no longer has access to the original SA's": that
      // includes the IPsec SAs that outlived their ISAKMP SA (a DELETE for it alone, its hard lifetime)
      if (ended) removeChild(engine, old, q, input);
    }
    if (ended) continue; // the ISAKMP SA itself ended already
    engine.emit(old, { kind: 'ike.delete', dir: 'in', protocol: 'isakmp', spis: [`${toHex(old.icookie)}:${toHex(old.rcookie)}`], reason: 'INITIAL-CONTACT from the peer' });
    teardownIsakmpSa(engine, old, input);
  }
}

// ---- receiving -----------------------------------------------------------------------------------------------

/** Which row a received Informational takes, and the exchange it moves. */
function pickRow(sa: IsakmpSa, label: Label, payloads: readonly Payload[]): { row: Transition; target: Scope } | undefined {
  const rows = (logical: LogicalExchange, role: ExchangeRole, when: Guard | undefined, state = sa.p1.state) =>
    TRANSITIONS.find((t) => t.logical === logical && t.role === role && t.received?.label === label && t.when === when && fromMatches(t.from, state));
  if (label === 'DPD-R-U-THERE') {
    const row = rows('dpd', 'responder', undefined);
    return row && { row, target: sa.p1 };
  }
  if (label === 'DPD-ACK') {
    const n = notifies(payloads).find((p) => NOTIFY_TYPES.nameOf(p.notifyType) === 'R_U_THERE_ACK');
    const probe = n && dpdOutstanding(sa, n);
    const row = probe && rows('dpd', 'initiator', undefined, probe.state);
    return row && probe && { row, target: probe };
  }
  if (label === 'DELETE') {
    const row = rows('informational', 'responder', deletes(payloads).some((d) => d.protocol === PROTO_ISAKMP) ? 'deletes-isakmp-sa' : 'deletes-ipsec-sa');
    return row && { row, target: sa.p1 };
  }
  // an error notify about a Quick Mode we are waiting on: its SPI is the one we offered in QM1; else the only one waiting
  const err = notifies(payloads).find((p) => isErrorNotify(p.notifyType));
  if (err) {
    const waiting = [...sa.quick.values()].filter((q) => q.role === 'initiator' && q.state === 'QUICK_I1');
    const q = waiting.find((w) => w.spiIn && err.spi.length === 4 && toHex(w.spiIn) === toHex(err.spi)) ?? (waiting.length === 1 ? waiting[0] : undefined);
    const row = q && rows('informational', 'responder', 'error-notify', q.state);
    if (row && q) return { row, target: q };
  }
  const row = rows('informational', 'responder', undefined);
  return row && { row, target: sa.p1 };
}

function drop(engine: Ikev1Engine, sa: IsakmpSa, text: string): void {
  engine.emit(sa, { kind: 'log.line', record: 'ikev1.informational-dropped', text });
}

/** An encrypted Informational for `sa`: decrypt with its own IV, verify HASH(1), pick the row, run it. */
export function receiveInformational(engine: Ikev1Engine, sa: IsakmpSa, h: Header, body: Uint8Array, nextPayload: number, bytes: Uint8Array): void {
  if (!sa.keys || !sa.iv || !sa.suite || isDead(sa)) return;
  // message ID 0 is phase 1's chain, a Quick Mode's ID its chain: neither is an Informational's
  if (h.messageId === 0 || sa.quick.has(h.messageId)) return;
  const hex = toHex(bytes);
  let read = seen.get(sa);
  if (!read) seen.set(sa, (read = new Set()));
  if (read.has(hex)) return; // a duplicate: a one-message exchange is not answered twice
  const bs = CIPHERS[sa.suite.cipher].blockSize;
  if (body.length === 0 || body.length % bs !== 0) return drop(engine, sa, `Informational ${h.messageId}: ciphertext is not a whole number of blocks`);
  const plain = sa.iv.decrypt(h.messageId, sa.keys.encKey, body).plaintext;
  sa.iv.forget(h.messageId);
  let payloads: readonly Payload[];
  try {
    payloads = decodePayloads(plain, nextPayload).payloads;
  } catch (e) {
    if (e instanceof DecodeError) return drop(engine, sa, `Informational ${h.messageId}: decrypted payloads do not parse (${e.code} at ${e.offset})`);
    throw e;
  }
  const label = labelOf(payloads);
  // RFC 2409 §5.7: HASH(1) = prf(SKEYID_a, M-ID | N/D); a message that does not verify is dropped
  const hash = payloads[0];
  const want = informationalHash(sa.suite, sa.keys.skeyidA, h.messageId, encodePayloads(payloads.slice(1)));
  if (!hash || hash.type !== 'HASH' || !hashMatches(want, hash.data)) {
    engine.msgEvent(sa, 'in', h, label, payloads.map(payloadInfo), bytes.length, false, true);
    return drop(engine, sa, `Informational ${h.messageId}: HASH(1) does not verify, message dropped`);
  }
  read.add(hex);
  engine.msgEvent(sa, 'in', h, label, payloads.map(payloadInfo), bytes.length, false, true);
  const pick = pickRow(sa, label, payloads);
  if (!pick || !specOk(pick.row, payloads)) return drop(engine, sa, `Informational ${h.messageId} (${label}): no row takes it in ${pick?.target.state ?? sa.p1.state}`);
  engine.trafficSeen(sa);
  const r = runRow(engine, sa, pick.target, pick.row, { header: h, payloads });
  if (r.kind === 'ignore') drop(engine, sa, `Informational ${h.messageId} (${label}): ${r.text}`);
}

// ---- handlers (rows of analyzer/model/transitions.ts) -------------------------------------------------------------

const informationalOutNotify: Handler = ({ engine, sa, out = [] }) => ({
  kind: 'ok',
  reply: [...out],
  after: () => notifies(out).forEach((n) => notifyEvent(engine, sa, 'out', n)),
});

const informationalInNotify: Handler = ({ engine, sa, payloads }) => ({
  kind: 'ok',
  after: () => {
    for (const n of notifies(payloads)) {
      notifyEvent(engine, sa, 'in', n);
      // IOS sends INITIAL-CONTACT in an Informational right after phase 1
      if (NOTIFY_TYPES.nameOf(n.notifyType) === 'INITIAL_CONTACT') initialContactReceived(engine, sa);
    }
  },
});

const informationalOutQuickError: Handler = informationalOutNotify;

const informationalInQuickError: Handler = ({ engine, sa, scope, payloads }) => {
  const n = notifies(payloads).find((p) => isErrorNotify(p.notifyType))!;
  const name = NOTIFY_TYPES.nameOf(n.notifyType);
  const reason = (name && QUICK_ERROR_REASONS[name]) ?? 'notify';
  return {
    kind: 'ok',
    after: () => {
      notifyEvent(engine, sa, 'in', n);
      sa.iv?.forget(scope.msgid);
      engine.emit(sa, { kind: 'ike.phase', phase: 2, status: 'failed', reason, msgid: scope.msgid, text: `peer sent ${name ?? n.notifyType}` }, scope.msgid);
    },
  };
};

/**
 * strongSwan deletes the IPsec SAs of a Quick Mode it could not install (QM2 or QM3 never comes,
 * a DELETE with the SPI it chose does): that Quick Mode ends here, failed with reason `deleted`.
 * So does a Quick Mode under way when its ISAKMP SA ends (engine.endIsakmpSa, with its own words).
 */
export function abandonQuickMode(engine: Ikev1Engine, sa: IsakmpSa, q: QuickExchange, text = 'the peer deleted the IPsec SAs before the Quick Mode completed', input = 'received DELETE'): void {
  engine.cancelTimer(q);
  q.pending = undefined;
  sa.iv?.forget(q.msgid);
  engine.emit(sa, { kind: 'ike.phase', phase: 2, status: 'failed', reason: 'deleted', msgid: q.msgid, text }, q.msgid);
  engine.setState(sa, q, 'P2_FAILED', input);
}

/** The spis of a Delete payload as the events write them. */
function deleteSpis(sa: IsakmpSa, d: PayloadOf<'D'>): string[] {
  return d.protocol === PROTO_ISAKMP ? [`${toHex(sa.icookie)}:${toHex(sa.rcookie)}`] : d.spis.map(toHex);
}

const informationalOutDelete: Handler = ({ engine, sa, out = [] }) => ({
  kind: 'ok',
  reply: [...out],
  after: () => {
    for (const d of deletes(out)) {
      engine.emit(sa, { kind: 'ike.delete', dir: 'out', protocol: PROTOCOL_IDS.nameOf(d.protocol) ?? 'esp', spis: deleteSpis(sa, d) });
      if (d.protocol === PROTO_ISAKMP) teardownIsakmpSa(engine, sa, 'sent DELETE for the ISAKMP SA');
      else for (const q of sa.quick.values()) if (q.child && d.spis.some((s) => spiNum(s) === q.child!.inboundSpi)) removeChild(engine, sa, q, 'sent DELETE');
    }
  },
});

/**
 * RFC 2408 §3.15: the receiver deletes the SAs the payload names — for IPsec SAs the sender's
 * inbound SPIs, i.e. our outbound ones; for the ISAKMP SA its cookies. Unknown SPIs are ignored
 * (strongSwan: "received DELETE for unknown ESP CHILD_SA"). Our own inbound SPI is accepted too:
 * charon names it when it deletes a CHILD_SA it could not install (seen in the lab).
 */
const informationalInDelete: Handler = ({ engine, sa, payloads }) => ({
  kind: 'ok',
  after: () => {
    for (const d of deletes(payloads)) {
      engine.emit(sa, { kind: 'ike.delete', dir: 'in', protocol: PROTOCOL_IDS.nameOf(d.protocol) ?? 'esp', spis: deleteSpis(sa, d) });
      if (d.protocol === PROTO_ISAKMP) {
        // the ISAKMP SA ends, its IPsec SAs live on (as at its hard lifetime): IKEv1 IPsec SAs have
        // lifetimes of their own, and a peer deletes the phase-1 SA alone when it keeps them —
        // strongSwan's re-authentication moves its CHILD_SAs to the new ISAKMP SA, then deletes the
        // old one (seen in the interop lab, ref-i-rekey-p1); a peer that ends the IPsec SAs too
        // names them in DELETEs of their own first (deleteIsakmp, charon's terminate)
        if (d.spis.some((s) => toHex(s) === toHex(cookies(sa)))) engine.endIsakmpSa(sa, 'received DELETE for the ISAKMP SA');
      } else {
        for (const q of sa.quick.values()) {
          if (q.child && d.spis.some((s) => spiNum(s) === q.child!.outboundSpi || spiNum(s) === q.child!.inboundSpi)) removeChild(engine, sa, q, 'received DELETE');
          else if (!q.child && q.spiOut && q.state !== 'P2_FAILED' && q.state !== 'DELETED' && d.spis.some((s) => toHex(s) === toHex(q.spiOut!))) abandonQuickMode(engine, sa, q);
        }
      }
    }
  },
});

export const INFORMATIONAL_HANDLERS: { readonly [name: string]: Handler } = {
  informationalOutNotify,
  informationalInNotify,
  informationalOutQuickError,
  informationalInQuickError,
  informationalOutDelete,
  informationalInDelete,
};
