/**
 * The IKEv1 reference engine: one node, any number of ISAKMP SAs with its peers.
 *
 * Table first: every step is a row of analyzer/model/transitions.ts (TRANSITIONS). The engine finds
 * the row for (logical exchange, role, current state, received label or local trigger), calls the
 * handler the row names (handlers.ts, `mainInI1OutR1` …), and applies the result: `ok` → send the
 * reply, go to `row.to`, arm the row's timeout; `ignore` → drop; `fail` → failure events, optional
 * unprotected notify, the phase's failed state; `fatal` → the same with reason 'internal'. Protocol
 * failures are data; nothing here throws on bad input.
 *
 * The IV chain (harness/crypto IvChain) is kept per message ID and committed only after the
 * handler verified the message (result `ok`).
 */
import { labelFacts, type ExchangeRole, type Label, type LogicalExchange } from '../../analyzer/model/labels.js';
import { ID_TYPES, NOTIFY_TYPES, type NotifyName } from '../../analyzer/model/registries.js';
import { stateFacts, type CanonicalState } from '../../analyzer/model/states.js';
import type { Event, PayloadInfo, PhaseReason } from '../../analyzer/model/events.js';
import { fromMatches, TRANSITIONS, type Transition } from '../../analyzer/model/transitions.js';
import {
  DecodeError,
  decodeHeader,
  decodeMessage,
  decodePayloads,
  encodeMessage,
  encodePayloads,
  firstPayloadValue,
  FLAG_ENCRYPTION,
  idText,
  isEncrypted,
  notify,
  type Header,
  type Payload,
} from '../codec/index.js';
import { CIPHERS, getProvider, toHex, u32Hex, type CryptoProvider } from '../crypto/index.js';
import { IKE_PORT, NATT_PORT, type Endpoint, type SendDatagram } from '../transport/endpoint.js';
import { classifyNattDatagram, withNonEspMarker } from '../transport/non-esp-marker.js';
import type { Clock } from './clock.js';
import { DEFAULT_CONTRIBUTORS, type Contributor } from './contributors.js';
import { HANDLERS, type Handler, type HandlerContext, type HandlerResult } from './handlers.js';
import { nattOnReceive } from './natt.js';
import type { Policy } from './policy.js';
import { Lifetimes, type ExpiryLevel } from './rekey.js';
import { Rng } from './rng.js';
import type { ChildSa, IsakmpSa, QuickExchange, Scope } from './sa.js';
import { payloadInfo } from './payload-info.js';
import { abandonQuickMode, deleteChild, deleteIsakmp, receiveInformational, refuseQuickMode, sendNotifyRow, type NotifyOptions } from './informational.js';
import { dpdHeard, dpdOnDemand, startDpd, stopDpd } from './dpd.js';
import { isTransaction, newTransaction, routeTransaction, type RoutedTransaction } from './transaction.js';
import { cookieHex, datagramHex, IsoTimeCache } from './event-cost.js';
import { guardHolds } from './guards.js';
import { admitHalfOpen } from './half-open.js';

export { payloadInfo, idValue } from './payload-info.js';

const EXCHANGE_MAIN = 2;
const EXCHANGE_AGGR = 4;
const EXCHANGE_INFO = 5;
const EXCHANGE_QUICK = 32;
const EXCHANGE_TRANSACTION = 6;

/** Event without the fields the engine fills in (distributive over the union). */
export type EventBody = Event extends infer E ? (E extends Event ? Omit<E, 'seq' | 'origin' | 'node'> : never) : never;

export interface EngineOptions {
  /** Node name in the events ("A", "hub"). */
  readonly node: string;
  readonly policy: Policy;
  readonly clock: Clock;
  /** Sends a datagram from one of our endpoints (the in-memory network, or UDP sockets). */
  readonly send: SendDatagram;
  /** UDP-encapsulated ESP that arrived on the NAT-T port (RFC 3948), for the data plane. */
  readonly onEsp?: (packet: Uint8Array, from: Endpoint, to: Endpoint) => void;
  /** Seed for cookies, nonces, SPIs and message IDs (default 1). */
  readonly seed?: number;
  /** Run name for `origin.run` (default "run"). */
  readonly run?: string;
  readonly provider?: CryptoProvider;
  /** Contributors around the handlers (default: vendor IDs). */
  readonly contributors?: readonly Contributor[];
}

export class Ikev1Engine {
  readonly node: string;
  readonly policy: Policy;
  readonly events: Event[] = [];
  readonly provider: CryptoProvider;
  readonly rng: Rng;
  private readonly sas = new Map<string, IsakmpSa>();
  readonly clock: Clock;
  private readonly sendDatagram: SendDatagram;
  private readonly onEsp: ((packet: Uint8Array, from: Endpoint, to: Endpoint) => void) | undefined;
  private readonly run: string;
  private readonly contributors: readonly Contributor[];
  private seq = 0;
  /** Event times: one ISO string per clock millisecond (events.ts `time`), not one Date per event. */
  private readonly eventTime = new IsoTimeCache();
  /** Soft/hard lifetimes and rekeying of both phases (rekey.ts). */
  readonly lifetimes: Lifetimes;

  constructor(o: EngineOptions) {
    this.node = o.node;
    this.policy = o.policy;
    this.clock = o.clock;
    this.sendDatagram = o.send;
    this.onEsp = o.onEsp;
    this.run = o.run ?? 'run';
    this.rng = new Rng(o.seed ?? 1);
    this.provider = o.provider ?? getProvider('node');
    this.contributors = o.contributors ?? DEFAULT_CONTRIBUTORS;
    // lifetime jitter from its own seeded stream, so cookies, nonces and SPIs stay what they were
    this.lifetimes = new Lifetimes(this, o.clock, new Rng(((o.seed ?? 1) * 0x9e3779b1) ^ 0x5eed));
  }

  /** ISAKMP SAs by initiator cookie (hex). */
  isakmpSas(): IsakmpSa[] {
    return [...this.sas.values()];
  }

  /** Established IPsec SA pairs of all ISAKMP SAs. */
  childSas(): ChildSa[] {
    return this.isakmpSas().flatMap((sa) => [...sa.quick.values()].flatMap((q) => (q.child ? [q.child] : [])));
  }

  // ---- events ------------------------------------------------------------------------------------------

  emit(sa: IsakmpSa | null, body: EventBody, msgid?: number): void {
    const seq = ++this.seq;
    const base = {
      seq,
      origin: { run: this.run, step: seq },
      node: this.node,
      time: this.eventTime.at(this.clock.now()),
      peer: { address: sa?.peer ?? this.policy.peerAddress, port: sa?.remotePort ?? this.ikePort('peer') },
      ...(sa
        ? {
            role: sa.role,
            sa: {
              conn: sa.conn,
              icookie: sa.conn, // `conn` is the initiator cookie in hex (newSa)
              ...(cookieHex(sa.rcookie) !== undefined ? { rcookie: cookieHex(sa.rcookie) } : {}),
              ...(msgid !== undefined ? { msgid } : {}),
            },
          }
        : {}),
    };
    this.events.push({ ...base, ...body } as Event);
  }

  setState(sa: IsakmpSa, scope: Scope, to: CanonicalState, input: string): void {
    const from = scope.state;
    if (from === to) return;
    scope.state = to;
    this.emit(
      sa,
      { kind: 'ike.state', vendor: to, canonical: to, previous: { vendor: from, canonical: from }, input, scope: scope === sa.p1 || isTransaction(scope) ? 'isakmp-sa' : 'exchange' },
      scope.msgid || undefined,
    );
    // a failed rekey is tried again (rekey.ts)
    if (to === 'P1_FAILED' || to === 'P2_FAILED') this.lifetimes.exchangeFailed(sa, scope);
  }

  // ---- local triggers ----------------------------------------------------------------------------------

  /** Starts phase 1 (`policy.mode`, default Main Mode) with the policy's peer, and Quick Mode after it unless `policy.quickMode` is false. */
  initiate(mode: 'main' | 'aggressive' = this.policy.mode ?? 'main'): IsakmpSa {
    const icookie = this.rng.bytes(8);
    icookie[0] = icookie[0]! | 0x80; // never all zero
    const sa = this.newSa('initiator', icookie, new Uint8Array(8), { address: this.policy.peerAddress, port: this.ikePort('peer') }, this.ikePort('local'), mode);
    this.emit(sa, { kind: 'ike.phase', phase: 1, status: 'started', mode });
    this.trigger(sa, sa.p1, mode, 'initiator');
    return sa;
  }

  /** Starts a Quick Mode on an established ISAKMP SA. */
  startQuickMode(sa: IsakmpSa): QuickExchange | undefined {
    let msgid = this.rng.u32();
    while (msgid === 0 || sa.quick.has(msgid)) msgid = this.rng.u32();
    const q = this.newQuick(sa, msgid, 'initiator');
    this.emit(sa, { kind: 'ike.phase', phase: 2, status: 'started', msgid }, msgid);
    const ok = this.trigger(sa, q, 'quick', 'initiator');
    if (!ok) sa.quick.delete(msgid); // no row from this ISAKMP SA state: no Quick Mode record either
    return ok ? q : undefined;
  }

  /**
   * Starts an XAUTH or Mode-Config exchange on an established ISAKMP SA: a new message ID (its own IV,
   * as Quick Mode's, RFC 2409 Appendix B) and the row whose first message is `sent` (XAUTH-REQ, XAUTH-SET, CFG-REQ, CFG-SET).
   */
  startTransaction(sa: IsakmpSa, logical: 'xauth' | 'cfg-pull' | 'cfg-push', sent: Label): boolean {
    let msgid = this.rng.u32();
    while (msgid === 0 || sa.quick.has(msgid) || sa.transactions?.has(msgid)) msgid = this.rng.u32();
    return this.trigger(sa, newTransaction(sa, msgid, logical, 'initiator'), logical, 'initiator', sent);
  }

  private trigger(sa: IsakmpSa, scope: Scope, logical: LogicalExchange, role: ExchangeRole, sent?: Label): boolean {
    const st = this.stateForRow(sa, scope);
    const row = TRANSITIONS.find((t) => t.logical === logical && t.role === role && t.received === null && fromMatches(t.from, st) && (sent === undefined || t.sent?.label === sent));
    if (!row) return false;
    this.apply(sa, scope, row, null, null);
    return true;
  }

  /** A Quick Mode row's `from` is the ISAKMP SA state until the exchange has a state of its own. */
  private stateForRow(sa: IsakmpSa, scope: Scope): CanonicalState {
    return scope !== sa.p1 && scope.state === 'QUICK_START' ? sa.p1.state : scope.state;
  }

  // ---- receiving ---------------------------------------------------------------------------------------

  /**
   * A datagram for us: `from` the peer's endpoint, `to` ours (default: our IKE port). On any port other
   * than our IKE port, IKE messages carry the non-ESP marker and ESP may arrive (RFC 3948 §2).
   */
  receive(datagram: Uint8Array, from: Endpoint | string, to: Endpoint = { address: this.policy.localAddress, port: this.ikePort('local') }): void {
    if (typeof from === 'string') from = { address: from, port: this.ikePort('peer') };
    let bytes = datagram;
    if (to.port !== this.ikePort('local')) {
      const c = classifyNattDatagram(datagram);
      if (c.kind === 'esp') return void this.onEsp?.(c.packet, from, to);
      if (c.kind !== 'ike') return; // keepalive, or too short to be anything: nothing to answer
      bytes = c.message;
    }
    let m;
    try {
      m = decodeMessage(bytes);
    } catch (e) {
      if (e instanceof DecodeError) return; // malformed datagram: dropped (no SA to report it on)
      throw e;
    }
    const h = m.header;
    const key = toHex(h.icookie);
    let sa = this.sas.get(key);
    if (!sa) {
      if ((h.exchangeType !== EXCHANGE_MAIN && h.exchangeType !== EXCHANGE_AGGR) || h.rcookie.some((b) => b !== 0) || isEncrypted(m) || from.address !== this.policy.peerAddress) return;
      if (!admitHalfOpen(this, h, from)) return; // half-open SA limit reached: silent drop (half-open.ts)
      const rcookie = this.rng.bytes(8);
      rcookie[0] = rcookie[0]! | 0x80;
      sa = this.newSa('responder', h.icookie.slice(), rcookie, from, to.port, h.exchangeType === EXCHANGE_AGGR ? 'aggressive' : 'main');
      this.emit(sa, { kind: 'ike.phase', phase: 1, status: 'started', mode: sa.mode });
    }
    if (sa.role === 'initiator' && sa.rcookie.every((b) => b === 0) && (h.exchangeType === EXCHANGE_MAIN || h.exchangeType === EXCHANGE_AGGR)) sa.rcookie = h.rcookie.slice();

    // which exchange (scope) and which row
    let scope: Scope | undefined;
    let logical: LogicalExchange;
    let routed: RoutedTransaction | undefined;
    if (h.exchangeType === EXCHANGE_TRANSACTION) {
      // XAUTH or Mode-Config: which one, and which message, is in the (encrypted) attribute payload
      routed = routeTransaction(sa, h, m, toHex(bytes));
      if (!routed) return;
      scope = routed.scope;
      logical = routed.scope.logical;
    } else if (h.exchangeType === EXCHANGE_MAIN || h.exchangeType === EXCHANGE_AGGR) {
      scope = sa.p1;
      logical = h.exchangeType === EXCHANGE_AGGR ? 'aggressive' : 'main';
      if (logical !== sa.mode) return;
    } else if (h.exchangeType === EXCHANGE_QUICK) {
      logical = 'quick';
      scope = sa.quick.get(h.messageId);
      if (!scope) {
        if (!sa.keys || !isEstablished(sa.p1.state)) return;
        // not recorded yet: `apply` keeps it once its handler verified HASH(1)
        scope = this.newQuick(sa, h.messageId, 'responder', false);
      }
    } else if (h.exchangeType === EXCHANGE_INFO) {
      // protected Informational (HASH(1), its own message ID and IV): informational.ts
      if (isEncrypted(m)) return receiveInformational(this, sa, h, m.body, m.nextPayload, bytes);
      // RFC 2409 §5.7: once the ISAKMP SA is up, Informationals are protected; a plaintext one is not trusted
      if (isEstablished(sa.p1.state)) return;
      scope = sa.p1;
      logical = 'informational';
    } else return;

    // an exchange that failed or expired is over: it answers nothing, not even a retransmission
    // of the message it last answered (found by the model-based test: an expired half-open
    // responder re-sent MM2 to a late copy of MM1)
    if (scope.state === 'P1_FAILED' || scope.state === 'P2_FAILED' || scope.state === 'DELETED') return;
    const hex = datagramHex(bytes);
    // a datagram seen before: the last one → answer again with our last message; older → drop
    if (scope.seen.has(hex)) {
      if (scope.lastIn === hex) {
        const label = scope.lastInLabel;
        if (label) this.msgEvent(sa, 'in', h, label, scope.lastInPayloads ?? [], bytes.length, true);
        if (scope.lastOut && scope.lastOutReplies === hex && scope.lastOutLabel) {
          this.sendRaw(sa, scope.lastOut);
          this.msgEvent(sa, 'out', decodeHeader(scope.lastOut), scope.lastOutLabel, scope.lastOutPayloads ?? [], scope.lastOut.length, true);
        }
      }
      return;
    }

    const rowRole: ExchangeRole = logical === 'informational' ? 'responder' : scope === sa.p1 ? sa.role : (scope as QuickExchange).role;
    const state = this.stateForRow(sa, scope);
    const rows = TRANSITIONS.filter(
      (t) => t.logical === logical && t.role === rowRole && t.received !== null && fromMatches(t.from, state) && (!routed?.message || (t.received.label === routed.message.label && (t.when === undefined || guardHolds(this, t.when, routed.message.payloads)))),
    );
    const row = rows[0];
    if (!row || !row.received) return; // nothing expected here: dropped
    if (!HANDLERS[row.handler]) return; // a row this slice does not implement yet (informational on an established SA, ...)
    const label = row.received.label;

    // decrypt when the message is encrypted
    let payloads: readonly Payload[];
    let commit: (() => void) | undefined;
    if (routed?.message) {
      payloads = routed.message.payloads;
      commit = routed.message.commit;
    } else if (isEncrypted(m)) {
      if (!sa.keys || !sa.iv) return;
      const bs = CIPHERS[sa.suite!.cipher].blockSize;
      if (m.body.length === 0 || m.body.length % bs !== 0) return this.undecryptable(sa, scope, row, h, label, bytes, 'ciphertext is not a whole number of blocks');
      const d = sa.iv.decrypt(h.messageId, sa.keys.encKey, m.body);
      try {
        payloads = decodePayloads(d.plaintext, m.nextPayload).payloads;
      } catch (e) {
        if (e instanceof DecodeError) return this.undecryptable(sa, scope, row, h, label, bytes, `decrypted payloads do not parse (${e.code})`);
        throw e;
      }
      commit = d.commit;
    } else {
      if (labelFacts(label)?.encrypted === true) return; // a plaintext message where an encrypted one is due
      payloads = m.payloads;
    }

    // payloads against the row's spec
    if (!specOk(row, payloads)) return;
    // rows for the same input differ by their `when` guard (on the content): a guarded row whose guard holds wins
    const chosen = rows.find((r) => r.received?.label === label && r.when !== undefined && guardHolds(this, r.when, payloads)) ?? rows.find((r) => r.received?.label === label && r.when === undefined);
    if (!chosen || !HANDLERS[chosen.handler]) return;

    scope.seen.add(hex);
    scope.lastIn = hex;
    scope.lastInLabel = label;
    scope.lastInPayloads = payloads.map(payloadInfo);
    nattOnReceive(this, sa, from, to);
    this.msgEvent(sa, 'in', h, label, scope.lastInPayloads, bytes.length, false, isEncrypted(m));
    this.apply(sa, scope, chosen, { header: h, payloads, hex }, commit ?? null);
  }

  /** An encrypted message that does not decrypt to valid payloads: with phase-1 keys from the PSK, a key mismatch. */
  private undecryptable(sa: IsakmpSa, scope: Scope, row: Transition, h: Header, label: Label, bytes: Uint8Array, why: string): void {
    // Quick Mode: a corrupt message is dropped (the IV does not move, no event)
    if (scope !== sa.p1) return;
    const hex = datagramHex(bytes);
    scope.seen.add(hex);
    scope.lastIn = hex;
    scope.lastInLabel = label;
    scope.lastInPayloads = [];
    this.msgEvent(sa, 'in', h, label, [], bytes.length, false, true);
    this.fail(sa, scope, row, { kind: 'fail', reason: 'psk', text: `undecryptable ${label}: ${why}`, auth: true });
  }

  // ---- applying a row ----------------------------------------------------------------------------------

  private apply(sa: IsakmpSa, scope: Scope, row: Transition, input: { header: Header; payloads: readonly Payload[]; hex: string } | null, commit: (() => void) | null): void {
    const handler = HANDLERS[row.handler];
    const ctx: HandlerContext = {
      engine: this,
      sa,
      scope,
      row,
      payloads: input?.payloads ?? [],
      header: input?.header ?? null,
    };
    let result: HandlerResult;
    if (!handler) result = { kind: 'fatal', text: `no handler ${row.handler}` };
    else result = handler(ctx);

    if (result.kind === 'ignore') return;
    // RFC 2409 §5.5: "HASH(1) is the prf over the message id (M-ID) from the ISAKMP header
    // concatenated with the entire message that follows the hash". A new Quick Mode exists only
    // once its QM1 decrypted and HASH(1) verified (the handler did not `ignore` it): a corrupt or
    // forged QM1 with a fresh message ID leaves nothing behind.
    if (scope !== sa.p1 && !sa.quick.has(scope.msgid)) sa.quick.set(scope.msgid, scope as QuickExchange);
    if (result.kind === 'fail' || result.kind === 'fatal') return this.fail(sa, scope, row, result);

    commit?.();
    this.cancelTimer(scope);
    if (input) this.trafficSeen(sa);
    if (row.received && input) {
      const label = row.received.label;
      for (const c of this.contributors) if (c.incoming && c.labels.includes(label)) c.incoming({ engine: this, sa, label }, input.payloads);
    }
    let out: Uint8Array | undefined;
    if (row.sent && result.reply) {
      const label = row.sent.label;
      // RFC 2409 §5.4: HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b) covers the
      // ID, not the other payloads of MM5/MM6 (AM3): contributors may add them there (strongSwan
      // sends "ID HASH N(INITIAL_CONTACT)"). Quick Mode and Informational HASHes cover every payload.
      const facts = labelFacts(label);
      if (facts?.encrypted !== true || facts.exchange === 'main' || facts.exchange === 'aggressive') {
        for (const c of this.contributors) if (c.outgoing && c.labels.includes(label)) result.reply.push(...c.outgoing({ engine: this, sa, label }));
      }
      out = this.encode(sa, scope, row.sent.label, result.reply);
      scope.lastOut = out;
      scope.lastOutLabel = row.sent.label;
      scope.lastOutPayloads = result.reply.map(payloadInfo);
      scope.lastOutReplies = input?.hex;
      this.sendRaw(sa, out);
      this.msgEvent(sa, 'out', decodeHeader(out), row.sent.label, scope.lastOutPayloads, out.length, false, labelFacts(row.sent.label)?.encrypted === true);
    }
    this.setState(sa, scope, row.to, row.received ? `received ${row.received.label}` : `initiate ${row.sent?.label ?? ''}`);
    this.armTimeout(sa, scope, row);
    result.after?.();
  }

  /** Phase 1 for the ISAKMP SA and the transactions that run on it (XAUTH, Mode-Config), 2 for Quick Mode. */
  private phaseOf(sa: IsakmpSa, scope: Scope): 1 | 2 {
    return scope === sa.p1 || isTransaction(scope) ? 1 : 2;
  }

  private fail(sa: IsakmpSa, scope: Scope, row: Transition, r: Extract<HandlerResult, { kind: 'fail' | 'fatal' }>): void {
    this.cancelTimer(scope);
    const phase = this.phaseOf(sa, scope);
    const reason: PhaseReason = r.kind === 'fatal' ? 'internal' : r.reason;
    if (r.kind === 'fail' && r.auth) this.emit(sa, { kind: 'ike.auth', method: 'psk', result: 'failed', reason: r.text });
    if (r.kind === 'fail' && r.notify && scope === sa.p1) this.sendNotify(sa, r.notify);
    if (r.kind === 'fail' && phase === 2 && (scope as QuickExchange).role === 'responder') refuseQuickMode(this, sa, scope as QuickExchange, r.reason);
    this.emit(sa, { kind: 'ike.phase', phase, status: 'failed', reason, text: r.text, ...(phase === 1 ? { mode: sa.mode } : { msgid: scope.msgid }) }, phase === 2 ? scope.msgid : undefined);
    // the row's own target when it is a failed state, else the phase's failed state
    // a failed transaction ends the established ISAKMP SA: DELETING, as the table's give-up states
    this.setState(sa, scope, row.to === 'P1_FAILED' || row.to === 'P2_FAILED' ? row.to : isTransaction(scope) ? 'DELETING' : phase === 1 ? 'P1_FAILED' : 'P2_FAILED', `failed: ${r.text}`);
  }

  /** An unprotected Informational with one notify (before phase-1 keys exist). */
  private sendNotify(sa: IsakmpSa, type: NotifyName): void {
    const msgid = this.unprotectedInfoMsgid();
    const header: Header = { icookie: sa.icookie, rcookie: sa.rcookie, exchangeType: EXCHANGE_INFO, flags: 0, messageId: msgid };
    const payloads: Payload[] = [notify(type)];
    const bytes = encodeMessage({ header, payloads });
    this.sendRaw(sa, bytes);
    this.msgEvent(sa, 'out', header, 'INFO', payloads.map(payloadInfo), bytes.length, false, false);
    this.emit(sa, { kind: 'ike.notify', dir: 'out', type, number: NOTIFY_TYPES.valueOf(type), protocol: 'isakmp' });
  }

  /** The message ID of an unprotected Informational: an exchange of its own, so not 0. */
  private unprotectedInfoMsgid(): number {
    const msgid = this.rng.u32();
    return msgid === 0 ? 1 : msgid;
  }

  /** Encodes (and, for encrypted labels or when `encrypted` says so, pads and encrypts) one of our messages. */
  encode(sa: IsakmpSa, scope: Scope, label: Label, payloads: readonly Payload[], encrypted = labelFacts(label)?.encrypted === true): Uint8Array {
    const facts = labelFacts(label);
    const exchangeType = facts?.exchangeType ?? EXCHANGE_MAIN;
    // phase 1 has message ID 0; an Informational sent from it (a phase-1 refusal row) has its own
    const msgid = scope !== sa.p1 ? scope.msgid : exchangeType === EXCHANGE_INFO ? this.unprotectedInfoMsgid() : 0;
    if (encrypted) {
      const bs = CIPHERS[sa.suite!.cipher].blockSize;
      const plainLen = encodePayloads(payloads).length;
      const pad = bs - ((plainLen + 1) % bs === 0 ? bs : (plainLen + 1) % bs) + 1;
      const padding = new Uint8Array(pad);
      padding[pad - 1] = pad - 1;
      const plain = encodePayloads(payloads, padding);
      const body = sa.iv!.encrypt(msgid, sa.keys!.encKey, plain);
      const header: Header = { icookie: sa.icookie, rcookie: sa.rcookie, exchangeType, flags: FLAG_ENCRYPTION, messageId: msgid };
      return encodeMessage({ header, nextPayload: firstPayloadValue(payloads), body });
    }
    const header: Header = { icookie: sa.icookie, rcookie: sa.rcookie, exchangeType, flags: 0, messageId: msgid };
    return encodeMessage({ header, payloads });
  }

  msgEvent(sa: IsakmpSa, dir: 'in' | 'out', h: Header, label: Label, payloads: readonly PayloadInfo[], length: number, retransmit: boolean, encrypted?: boolean): void {
    const exchange = h.exchangeType === EXCHANGE_QUICK ? 'quick' : h.exchangeType === EXCHANGE_TRANSACTION ? 'transaction' : h.exchangeType === EXCHANGE_INFO ? 'informational' : h.exchangeType === EXCHANGE_AGGR ? 'aggressive' : 'main';
    this.emit(
      sa,
      {
        kind: 'ike.msg',
        dir,
        exchange,
        msgid: h.messageId,
        payloads,
        length,
        ...(retransmit ? { retransmit: true } : {}),
        ...(encrypted !== undefined ? { encrypted } : {}),
        local: { address: this.policy.localAddress, port: sa.localPort },
        remote: { address: sa.peer, port: sa.remotePort },
      },
      h.messageId || undefined,
    );
    void label; // labels are the analyzer's to give (correlate fills `label`)
  }

  // ---- sending -----------------------------------------------------------------------------------------

  /** Our IKE port, or the port we expect the peer's IKE on (policy, default 500). */
  ikePort(side: 'local' | 'peer'): number {
    return (side === 'local' ? this.policy.localPort : this.policy.peerPort) ?? IKE_PORT;
  }

  /** Our NAT-T port (policy, default 4500). */
  nattPort(): number {
    return this.policy.nattPort ?? NATT_PORT;
  }

  /** Sends one IKE message of `sa` from its current local port to the peer's; off our IKE port with the non-ESP marker (RFC 3948 §2.2). */
  sendRaw(sa: IsakmpSa, message: Uint8Array): void {
    this.sendUnframed(sa, sa.localPort === this.ikePort('local') ? message : withNonEspMarker(message));
  }

  /** Sends bytes as they are from the SA's local endpoint to the peer's (a NAT keepalive, RFC 3948 §2.3). */
  sendUnframed(sa: IsakmpSa, bytes: Uint8Array): void {
    this.sendDatagram({ from: { address: this.policy.localAddress, port: sa.localPort }, to: { address: sa.peer, port: sa.remotePort }, bytes });
  }

  // ---- timers ------------------------------------------------------------------------------------------

  cancelTimer(scope: Scope): void {
    scope.timer?.();
    scope.timer = undefined;
  }

  private armTimeout(sa: IsakmpSa, scope: Scope, row: Transition): void {
    const t = row.timeout;
    const phase = this.phaseOf(sa, scope);
    if (t.kind === 'retransmit') {
      const first = this.policy.retransmit?.initialMs ?? 1000;
      const retries = this.policy.retransmit?.retries ?? 4;
      let n = 0;
      const fire = (): void => {
        scope.timer = undefined;
        if (n < retries && scope.lastOut) {
          n++;
          this.sendRaw(sa, scope.lastOut);
          this.msgEvent(sa, 'out', decodeHeader(scope.lastOut), scope.lastOutLabel!, scope.lastOutPayloads ?? [], scope.lastOut.length, true);
          scope.timer = this.clock.setTimer(first * 2 ** n, fire);
          return;
        }
        this.emit(sa, { kind: 'ike.phase', phase, status: 'failed', reason: 'no_response', text: `no answer to ${scope.lastOutLabel ?? 'our message'} after ${retries + 1} transmissions`, ...(phase === 1 ? { mode: sa.mode } : { msgid: scope.msgid }) }, phase === 2 ? scope.msgid : undefined);
        this.setState(sa, scope, t.giveUp, 'retransmissions exhausted');
      };
      scope.timer = this.clock.setTimer(first, fire);
    } else if (t.kind === 'resend-on-duplicate') {
      scope.timer = this.clock.setTimer(this.policy.halfOpenMs ?? 30000, () => {
        scope.timer = undefined;
        this.emit(sa, { kind: 'ike.phase', phase, status: 'failed', reason: 'no_response', text: `half-open exchange expired waiting after ${scope.lastOutLabel ?? ''}`, ...(phase === 1 ? { mode: sa.mode } : { msgid: scope.msgid }) }, phase === 2 ? scope.msgid : undefined);
        this.setState(sa, scope, t.expire, 'half-open exchange expired');
      });
    }
  }

  // ---- SA objects --------------------------------------------------------------------------------------

  private newSa(role: ExchangeRole, icookie: Uint8Array, rcookie: Uint8Array, remote: Endpoint, localPort: number, mode: 'main' | 'aggressive'): IsakmpSa {
    const sa: IsakmpSa = {
      role,
      mode,
      icookie,
      rcookie,
      conn: toHex(icookie),
      peer: remote.address,
      remotePort: remote.port,
      localPort,
      p1: { state: 'IDLE', msgid: 0, seen: new Set() },
      quick: new Map(),
    };
    this.sas.set(sa.conn, sa);
    return sa;
  }

  private newQuick(sa: IsakmpSa, msgid: number, role: ExchangeRole, record = true): QuickExchange {
    const q: QuickExchange = { state: 'QUICK_START', msgid, role, seen: new Set() };
    if (record) sa.quick.set(msgid, q);
    return q;
  }

  /** Called by handlers when phase 1 completes (initiator: start Quick Mode). */
  phase1Done(sa: IsakmpSa): void {
    startDpd(this, sa);
    if (this.lifetimes.isakmpEstablished(sa)) return; // a phase-1 rekey: Quick Modes follow the IPsec SAs' lifetimes
    if (sa.role === 'initiator' && this.policy.quickMode !== false && this.policy.esp.length > 0) this.startQuickMode(sa);
  }

  // ---- lifetimes (rekey.ts decides; these are its hands on the engine) ---------------------------------

  /** The IPsec SA pair reached a soft or hard lifetime: rekey / expire (timers, or the data plane for kilobytes). */
  childSaExpiring(child: ChildSa, level: ExpiryLevel, reason: string): void {
    this.lifetimes.childSaExpiring(child, level, reason);
  }

  /**
   * A newer pair replaced `child` (`reason` 'rekeyed'). With `policy.deleteRekeyed` it is deleted at
   * once with an Informational DELETE of its SPIs (RFC 2408 §4.8; strongSwan's IKEv1
   * `charon.delete_rekeyed`); by default it lives until its hard lifetime, as strongSwan's and
   * Cisco's defaults do, so packets still in flight on it are not lost.
   */
  retireChildSa(child: ChildSa, reason: string): void {
    if (this.policy.deleteRekeyed && reason === 'rekeyed') this.deleteChildSa(child);
  }

  /** Hard expiry of an IPsec SA pair: an `ipsec.sa` event per direction with state `expired`; gone from `childSas()`. */
  expireChildSa(sa: IsakmpSa, child: ChildSa, reason: string): void {
    const q = sa.quick.get(child.msgid);
    if (q?.child !== child) return; // deleted already (informational.ts): nothing left to expire
    q.child = undefined;
    for (const [dir, spi] of [['in', child.inboundSpi], ['out', child.outboundSpi]] as const) {
      this.emit(sa, { kind: 'ipsec.sa', dir, protocol: 'esp', spi: u32Hex(spi), state: 'expired', reason }, child.msgid);
    }
  }

  /**
   * Ends the ISAKMP SA, the one place that does (hard expiry, the peer's DELETE for it alone,
   * `teardownIsakmpSa`): lifetime timers, exchanges and DPD stop (it is never rekeyed), state
   * DELETED; its IPsec SAs live on (IKEv1: they have lifetimes of their own). It also runs when a
   * DELETE row set DELETED already (one sent or received): the timers must still stop, and
   * `setState` emits nothing then.
   */
  endIsakmpSa(sa: IsakmpSa, reason: string): void {
    this.lifetimes.isakmpDeleted(sa);
    for (const q of sa.quick.values()) {
      // RFC 2409 §5.5: "The information exchanged along with Quick Mode MUST be protected by the
      // ISAKMP SA": one under way cannot complete without it, so it fails now (a rekey is tried again, rekey.ts)
      // (an XAUTH / Mode-Config transaction is in `sa.quick` too, but its state is the SA's own:
      // it only stops, and ends with the SA below)
      if (!isTransaction(q) && stateFacts(q.state)?.category === 'in-progress') abandonQuickMode(this, sa, q, `the ISAKMP SA ended (${reason}) before the Quick Mode completed`, reason);
      else this.cancelTimer(q);
    }
    this.cancelTimer(sa.p1);
    stopDpd(this, sa);
    this.setState(sa, sa.p1, 'DELETED', reason);
  }

  // ---- informational exchanges, delete, DPD (informational.ts, dpd.ts) -------------------------------

  /** The handler a row names (handlers.ts), for the Informational and DPD rows run by informational.ts. */
  handlerOf(row: Transition): Handler | undefined {
    return HANDLERS[row.handler];
  }

  /** Sends a protected Informational notify on an established ISAKMP SA. */
  sendProtectedNotify(sa: IsakmpSa, type: NotifyName, opts: NotifyOptions = {}): boolean {
    return sendNotifyRow(this, sa, type, opts);
  }

  /** Deletes one pair of IPsec SAs: DELETE (ESP, our inbound SPI) to the peer, then removes it here. */
  deleteChildSa(child: ChildSa): boolean {
    return deleteChild(this, child);
  }

  /** Deletes an ISAKMP SA: DELETE (ISAKMP, the cookies) to the peer, then tears it down with its IPsec SAs. */
  deleteIsakmpSa(sa: IsakmpSa): boolean {
    return deleteIsakmp(this, sa);
  }

  /** Something arrived from the peer of `sa` (an IKE message here; ESP from the data plane later): DPD idle detection. */
  trafficSeen(sa: IsakmpSa): void {
    dpdHeard(this, sa);
  }

  /** We have traffic for the peer of `sa` (ESP from the data plane): DPD on-demand may probe. */
  trafficSent(sa: IsakmpSa): void {
    dpdOnDemand(this, sa);
  }
}

function isEstablished(s: CanonicalState): boolean {
  return fromMatches('P1_ESTABLISHED', s);
}

/** Do the received payloads fit the row's spec (counts per type)? */
export function specOk(row: Transition, payloads: readonly Payload[]): boolean {
  const spec = row.received!.payloads;
  const count = new Map<string, number>();
  for (const p of payloads) count.set(p.type, (count.get(p.type) ?? 0) + 1);
  const byType = new Map<string, { min: number; max: number | null }>();
  for (const s of spec) {
    const cur = byType.get(s.type);
    byType.set(s.type, { min: (cur?.min ?? 0) + s.min, max: cur === undefined ? s.max : cur.max === null || s.max === null ? null : cur.max + s.max });
  }
  for (const [type, n] of count) {
    const s = byType.get(type);
    if (!s) return false;
    if (s.max !== null && n > s.max) return false;
  }
  for (const [type, s] of byType) if ((count.get(type) ?? 0) < s.min) return false;
  return true;
}

