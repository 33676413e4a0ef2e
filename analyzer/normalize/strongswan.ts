// strongSwan charon records → events (the contract is README.md in this directory).
//
// charon tags every line of an IKE_SA with `<name|id>`; the unique id is the SA's `sa.conn`
// ("1"). Lines without the tag (the console output of `swanctl --initiate` / `ipsec up`, charon
// in the foreground) belong to the SA the last tagged or `IKE_SA name[id]` line named; daemon,
// vici and configuration lines belong to no SA.
//
// One line rarely tells a whole fact, so each IKE_SA keeps a context (SaCtx):
// - a received message is `received packet: ... (76 bytes)` then `parsed ... [ payloads ]`: the
//   packet gives the endpoints of the message that follows; a sent message is `generating ...`
//   then `sending packet: ...`: the packet completes the message before it;
// - a received message charon cannot decrypt is never `parsed`: `... request with message ID N
//   processing failed` names it, and the ike.msg is dated at its packet line;
// - `sending/received X vendor ID`, `sending/received DELETE for ...` and the traffic-selector
//   lines name the VID, D and ID payloads of the message next to them;
// - `selecting proposal:` / `received proposals` / `configured proposals` feed the verdict of
//   `selected proposal` or `no proposal found`;
// - the Quick Mode in progress (its message ID, selected proposal, lifetime) completes
//   `CHILD_SA ... established` and phase-2 failures.
// Every record yields at least one event: whatever a handler does not turn into a protocol event
// becomes a `log.line` carrying the SA of its context.

import type { LogRecord } from '../../grammars/index.js';
import type { StrongswanFields, StrongswanKind, SwPart, SwPayload, SwProposal } from '../../grammars/types/strongswan.js';
import {
  canonicalAuth,
  canonicalCfgAttribute,
  canonicalCipher,
  canonicalEncapsulation,
  canonicalExchange,
  canonicalGroup,
  canonicalHash,
  canonicalNotify,
  canonicalPayload,
  canonicalPrf,
  canonicalProtocol,
  canonicalState,
  NOTIFY_TYPES,
  PAYLOAD_TYPES,
  STRONGSWAN_TASKS,
  vendorIdByDeviceWording,
  type AuthMethod,
  type CfgAttributeName,
  type Direction,
  type Endpoint,
  type Event,
  type EventBase,
  type EventKind,
  type EventOf,
  type ExchangeName,
  type IdTypeName,
  type Identity,
  type IkeCfgEvent,
  type IkeMsgEvent,
  type NotifyName,
  type PayloadInfo,
  type PeerRef,
  type PhaseReason,
  type ProposalAttrName,
  type ProposalAttrs,
  type ProtocolName,
  type Proxy,
  type Role,
  type VendorStateKind,
} from '../model/index.js';
import type { Emitter, EventInit, Normalizer } from './emitter.js';

// ===================================================================================================
// Tables
// ===================================================================================================

/** Record kinds that never belong to an IKE_SA (daemon, vici, configuration, kernel interfaces). */
const NO_SA_KINDS: ReadonlySet<string> = new Set<StrongswanKind>([
  'strongswan.daemonStart',
  'strongswan.daemon',
  'strongswan.signal',
  'strongswan.viciClient',
  'strongswan.command',
  'strongswan.configLoaded',
  'strongswan.credential',
  'strongswan.configConn',
  'strongswan.configSection',
  'strongswan.configSetting',
  'strongswan.kernel',
  'strongswan.interfaces',
  'strongswan.interface',
  'strongswan.address',
]);

/** Record kinds whose `id` is the IKE_SA unique id (console output has no `<name|id>` tag). */
const IKE_SA_ID: { readonly [K in StrongswanKind]?: (f: StrongswanFields[K]) => number | undefined } = {
  'strongswan.initiate': (f) => f.id,
  'strongswan.stateChange': (f) => (f.sa === 'IKE_SA' ? f.id : undefined),
  'strongswan.ikeEstablished': (f) => f.id,
  'strongswan.ikeDelete': (f) => ('id' in f ? f.id : undefined),
  'strongswan.delete': (f) => (f.sa === 'IKE_SA' ? f.id : undefined),
};

/** `[ ... CPRQ(X_USER X_PWD) ]`: the attribute payload short names and their Mode-Config message type. */
const CFG_PAYLOAD_TYPES: Readonly<Record<string, CfgStep>> = { CPRQ: 'request', CPRP: 'reply', CPS: 'set', CPA: 'ack' };

/** `initiating Main Mode IKE_SA`: the phase-1 modes as charon words them. */
const MODES: Readonly<Record<string, 'main' | 'aggressive'>> = { 'Main Mode': 'main', 'Aggressive Mode': 'aggressive' };

/** `no acceptable ENCRYPTION_ALGORITHM found`: the transform type that failed, as a proposal attribute (phase 1 / phase 2). */
const TRANSFORM_ATTRIBUTES: Readonly<Record<string, readonly [ProposalAttrName, ProposalAttrName]>> = {
  ENCRYPTION_ALGORITHM: ['encryption', 'encryption'],
  INTEGRITY_ALGORITHM: ['hash', 'hash'],
  PSEUDO_RANDOM_FUNCTION: ['prf', 'prf'],
  KEY_EXCHANGE_METHOD: ['group', 'pfsGroup'],
  DIFFIE_HELLMAN_GROUP: ['group', 'pfsGroup'],
  EXTENDED_SEQUENCE_NUMBERS: ['esn', 'esn'],
};

/** A received error notify ends the negotiation in progress: why, per phase (default `notify`). */
const NOTIFY_REASONS: { readonly [N in NotifyName]?: readonly [PhaseReason, PhaseReason] } = {
  NO_PROPOSAL_CHOSEN: ['proposal', 'proposal'],
  INVALID_ID_INFORMATION: ['id', 'proxy'],
  AUTHENTICATION_FAILED: ['auth', 'auth'],
  INVALID_HASH_INFORMATION: ['psk', 'notify'],
  PAYLOAD_MALFORMED: ['malformed', 'malformed'],
};

/** Message errors that mean "the peer's encrypted message does not decrypt / verify": a PSK mismatch during phase 1. */
const KEY_MISMATCH_ERRORS: ReadonlySet<string> = new Set(['invalidLength', 'decrypt', 'verify', 'integrity', 'hashMismatch', 'payloadVerify']);

/** Notify types that are DPD messages as well. */
const DPD_STEPS: { readonly [N in NotifyName]?: 'r-u-there' | 'ack' } = { R_U_THERE: 'r-u-there', R_U_THERE_ACK: 'ack' };

/** `10.99.1.0/24[udp/l2f]`: protocol and service names charon prints in traffic selectors. */
const IP_PROTOCOLS: Readonly<Record<string, number>> = { icmp: 1, tcp: 6, udp: 17, gre: 47, 'ipv6-icmp': 58, sctp: 132 };
const SERVICES: Readonly<Record<string, number>> = { isakmp: 500, l2f: 1701, l2tp: 1701, 'ipsec-nat-t': 4500 };

/** The `class = ...` words of a vici config dump's local/remote auth rounds. */
const AUTH_CLASSES: Readonly<Record<string, 'psk' | 'xauth'>> = { 'pre-shared key': 'psk', XAuth: 'xauth' };

// ===================================================================================================
// Context
// ===================================================================================================

type CfgStep = 'request' | 'reply' | 'set' | 'ack';
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** An emitted event that later lines complete (`Emitter.update` returns a new object: keep the latest). */
interface Ref<E extends Event> {
  ev: E;
}

interface Quick {
  readonly msgid: number;
  selected?: ProposalAttrs;
  offered?: ProposalAttrs;
  lifetime?: number;
}

interface Selection {
  phase?: 1 | 2;
  /** Transform types of `no acceptable X found`. */
  failed: string[];
  received: ProposalAttrs[];
  configured: ProposalAttrs[];
}

/** What the log told so far about one IKE_SA. */
interface SaCtx {
  /** The IKE_SA unique id; meaningless while `orphans` is set. */
  conn: string;
  /** The connection (`<s2s|1>`, `IKE_SA s2s[1]`); `candidate` the one charon tried while the SA had none yet. */
  name?: string;
  candidate?: string;
  /** Lines before the first `<name|id>` / `IKE_SA name[id]` (untagged output): their events, given the id once it is known. */
  orphans?: Event[];
  role?: Role;
  peer?: PeerRef;
  mode?: 'main' | 'aggressive';
  authMethod?: AuthMethod;
  established: boolean;
  nat: boolean;
  floated: boolean;
  local?: Endpoint;
  remote?: Endpoint;
  /** The last IKE_SA-level `received packet` line, until a message claims it. */
  packetIn?: { readonly record: LogRecord; readonly local: Endpoint; readonly remote: Endpoint; readonly bytes?: number };
  lastIn?: Ref<IkeMsgEvent>;
  /** The last generated message, until its `sending packet` line. */
  pendingOut?: Ref<IkeMsgEvent>;
  /** The last message sent per message ID (a retransmit repeats it), and the exchange last retransmitted. */
  readonly sent: Map<number, IkeMsgEvent>;
  retransmitting?: ExchangeName | 'ted';
  /** The last received message that failed processing (a copy of it is a retransmit). */
  lastFailedIn?: { readonly exchange: ExchangeName; readonly msgid: number; readonly bytes?: number };
  quick?: Quick;
  selection: Selection;
  ts: { us?: string[]; other?: string[]; matchUs?: string[]; matchOther?: string[] };
  vidsOut: NonNullable<PayloadInfo['vendorId']>[];
  deletesOut: ProtocolName[];
  transaction?: { readonly msgid: number; readonly step: CfgStep; readonly dir: Direction; readonly xauth: boolean };
  lastCfg?: Ref<IkeCfgEvent>;
  /** `assigning virtual IP X to peer`: the address of the next Mode-Config reply we send. */
  vip?: string;
  /** Failures already reported (`phase:reason:msgid`): later lines that repeat one become log lines. */
  readonly failures: Set<string>;
  p1Failed: boolean;
}

/** A connection of the vici config dump: its auth classes and child modes. */
interface ConnConfig {
  readonly local: string[];
  readonly remote: string[];
  readonly childModes: Map<string, 'tunnel' | 'transport'>;
}

class State {
  readonly sas = new Map<string, SaCtx>();
  readonly config = new Map<string, ConnConfig>();
  /** Records that yielded an event (the others become log lines). */
  readonly touched = new Set<LogRecord>();
  current?: SaCtx;
  constructor(readonly out: Emitter) {}

  sa(conn: string): SaCtx {
    let c = this.sas.get(conn);
    if (!c) {
      c = newCtx(conn);
      this.sas.set(conn, c);
    }
    return c;
  }

  /**
   * A new IKE_SA started in another one's thread (IKEv1 re-authentication: charon 5.9.8 logs
   * `<lab|1> initiating Main Mode IKE_SA lab[2] to …` and MM1 of lab[2] under the old tag, seen in
   * the interop lab): that thread's lines under the old tag are the new SA's until the thread
   * names another SA or leaves the old tag.
   */
  private handover?: { readonly thread: number | undefined; readonly from: number; readonly to: number };

  /** The SA a record belongs to: its `<name|id>` tag, the IKE_SA it names, or the SA of the lines before. */
  contextOf(r: LogRecord): SaCtx | undefined {
    const idOf = IKE_SA_ID[r.kind as StrongswanKind] as ((f: unknown) => number | undefined) | undefined;
    const named = idOf?.(r.fields);
    const id = this.handedOver(r, named) ?? r.env?.ikeId ?? named;
    if (id !== undefined) {
      const conn = String(id);
      const c = !this.sas.has(conn) && this.current?.orphans ? this.adopt(this.current, conn) : this.sa(conn);
      if (r.env?.ikeName) c.name = r.env.ikeName;
      this.current = c;
      return c;
    }
    if (NO_SA_KINDS.has(r.kind)) return undefined;
    this.current ??= { ...newCtx(''), orphans: [] };
    return this.current;
  }

  /** The new SA's id for a line of a handover (see `handover`), else undefined. */
  private handedOver(r: LogRecord, named: number | undefined): number | undefined {
    const tag = r.env?.ikeId;
    if (r.kind === 'strongswan.initiate' && named !== undefined && tag !== undefined && named !== tag) {
      this.handover = { thread: r.env?.thread, from: tag, to: named };
      return named;
    }
    const h = this.handover;
    if (!h || r.env?.thread !== h.thread) return undefined;
    if (tag === h.from && (named === undefined || named === h.to)) return h.to;
    this.handover = undefined;
    return undefined;
  }

  /** The id of an SA whose first lines had none: its events so far join it. */
  private adopt(c: SaCtx, conn: string): SaCtx {
    c.conn = conn;
    const orphans = c.orphans ?? [];
    c.orphans = undefined;
    for (const e of orphans) Object.assign(e, base(c), { sa: { ...e.sa, conn } });
    this.sas.set(conn, c);
    return c;
  }

  /** The SA whose peer is `address` (socket-level packet lines carry no tag). */
  byPeer(address: string): SaCtx | undefined {
    return [...this.sas.values()].reverse().find((c) => c.peer?.address === address);
  }

  emit<K extends EventKind>(r: LogRecord, ctx: SaCtx | undefined, init: EventInit<EventOf<K>>): EventOf<K> {
    this.touched.add(r);
    const e = this.out.emit<EventOf<K>>(r, strip({ ...base(ctx), ...init }));
    ctx?.orphans?.push(e);
    return e;
  }

  /** A line with no protocol fact, shown under its SA. */
  logLine(r: LogRecord, ctx: SaCtx | undefined): void {
    this.emit<'log.line'>(r, ctx, { kind: 'log.line', record: r.kind });
  }

  update<E extends Event>(ref: Ref<E>, patch: Partial<Omit<E, 'seq' | 'origin' | 'kind'>>): void {
    const old = ref.ev;
    ref.ev = this.out.update(old, strip(patch));
    const orphans = this.current?.orphans;
    if (orphans?.includes(old)) orphans[orphans.indexOf(old)] = ref.ev;
  }
}

function newCtx(conn: string): SaCtx {
  return {
    conn,
    established: false,
    nat: false,
    floated: false,
    sent: new Map(),
    selection: newSelection(),
    ts: {},
    vidsOut: [],
    deletesOut: [],
    failures: new Set(),
    p1Failed: false,
  };
}

function newSelection(): Selection {
  return { failed: [], received: [], configured: [] };
}

/** sa/peer/role of an SA's events (no `sa` while its id is not known yet). */
function base(ctx: SaCtx | undefined): Pick<EventBase<string>, 'sa' | 'peer' | 'role'> {
  if (!ctx) return {};
  return { ...(ctx.orphans ? {} : { sa: { conn: ctx.conn } }), ...(ctx.peer ? { peer: ctx.peer } : {}), ...(ctx.role ? { role: ctx.role } : {}) };
}

/** Drop undefined fields (events omit what is unknown). */
function strip<T>(value: T): T {
  if (Array.isArray(value)) return value.map(strip) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = strip(v);
  return out as T;
}

// ===================================================================================================
// Handlers, one per record kind (kinds without a handler become log lines)
// ===================================================================================================

type Rec<K extends StrongswanKind> = LogRecord & { readonly kind: K; readonly fields: StrongswanFields[K] };
/** Handles one record; returns the SA to show a fallback log line under when it is not the record's own. */
type Handler<K extends StrongswanKind> = (r: Rec<K>, ctx: SaCtx | undefined, st: State) => SaCtx | undefined;

const HANDLERS: { readonly [K in StrongswanKind]?: Handler<K> } = {
  'strongswan.message': onMessage,
  'strongswan.packet': onPacket,
  'strongswan.retransmit': onRetransmit,
  'strongswan.giveUp': onGiveUp,
  'strongswan.establishFailed': onEstablishFailed,
  'strongswan.messageError': onMessageError,
  'strongswan.notify': onNotify,
  'strongswan.vendorId': onVendorId,
  'strongswan.initiate': onInitiate,
  'strongswan.stateChange': onStateChange,
  'strongswan.task': onTask,
  'strongswan.ikeEstablished': onIkeEstablished,
  'strongswan.childEstablished': onChildEstablished,
  'strongswan.delete': onDelete,
  'strongswan.nat': onNat,
  'strongswan.endpointChange': onEndpointChange,
  'strongswan.proposalSelection': onProposalSelection,
  'strongswan.proposals': onProposals,
  'strongswan.noProposal': onNoProposal,
  'strongswan.lifetimeCheck': onLifetimeCheck,
  'strongswan.tsList': onTsList,
  'strongswan.ikeConfig': onIkeConfig,
  'strongswan.peerConfig': onPeerConfig,
  'strongswan.childConfig': onChildConfig,
  'strongswan.xauth': onXauth,
  'strongswan.virtualIp': onVirtualIp,
  'strongswan.saAdd': onSaAdd,
  'strongswan.installFailed': onInstallFailed,
  'strongswan.configConn': onConfigConn,
};

export const normalizeStrongswan: Normalizer = (records, out) => {
  const st = new State(out);
  for (const r of records) {
    let ctx: ReturnType<State['contextOf']> | undefined;
    let shown: ReturnType<State['contextOf']> | undefined;
    try {
      ctx = st.contextOf(r);
      const handler = HANDLERS[r.kind as StrongswanKind] as Handler<StrongswanKind> | undefined;
      shown = (handler ? handler(r as Rec<StrongswanKind>, ctx, st) : undefined) ?? ctx;
    } catch {
      // never throw on odd input: a record that does not fit its context is kept as a log line
      shown = ctx;
    }
    if (!st.touched.has(r)) st.logLine(r, shown);
  }
};

// ---- messages and packets ---------------------------------------------------------------------------

// 11:19:22.663 31[ENC] <s2s|1> parsed ID_PROT response 0 [ SA V V V V ]
// 11:19:22.671 17[ENC] <s2s|1> generating QUICK_MODE request 3189691308 [ HASH SA No KE ID ID ]
function onMessage(r: Rec<'strongswan.message'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  const exchange = canonicalExchange(f.exchange, 'strongswan');
  if (!exchange || !ctx) return; // IKEv2 exchange or no SA: log line
  learnPhase1Role(ctx, exchange, f.dir, f.role);
  let payloads = f.payloads.map(payloadInfo);
  if (f.dir === 'out') payloads = namedOutPayloads(ctx, payloads, exchange, f.role);
  const packet = f.dir === 'in' ? takePacketIn(ctx) : undefined;
  const msg = st.emit<'ike.msg'>(r, ctx, {
    kind: 'ike.msg',
    dir: f.dir,
    exchange,
    msgid: f.msgid,
    payloads,
    length: packet?.bytes,
    local: packet?.local,
    remote: packet?.remote,
  });
  trackMessage(ctx, msg, exchange, f.msgid);
  emitPayloadEvents(r, ctx, st, msg);
}

// 11:19:22.663 31[NET] <s2s|1> received packet: from 10.99.0.2[500] to 10.99.0.1[500] (160 bytes)
// 11:19:22.661 03[NET] sending packet: from 10.99.0.1[500] to 10.99.0.2[500]    (socket level: a log line)
function onPacket(r: Rec<'strongswan.packet'>, ctx: SaCtx | undefined, st: State): SaCtx | undefined {
  const f = r.fields;
  const src: Endpoint = { address: f.src, port: f.srcPort };
  const dst: Endpoint = { address: f.dst, port: f.dstPort };
  const [local, remote] = f.dir === 'in' ? [dst, src] : [src, dst];
  if (f.socket || !ctx) return st.byPeer(remote.address);
  ctx.peer ??= { address: remote.address };
  const moved = ctx.local !== undefined && (ctx.local.port !== local.port || ctx.remote?.port !== remote.port);
  ctx.local = local;
  ctx.remote = remote;
  if (f.dir === 'in') ctx.packetIn = { record: r, local, remote, bytes: f.bytes };
  else if (ctx.pendingOut) {
    st.update(ctx.pendingOut, { local, remote, length: f.bytes });
    ctx.pendingOut = undefined;
  }
  if (moved && (local.port === 4500 || remote.port === 4500)) reportFloat(r, ctx, st);
  return undefined;
}

// 11:19:32.991 20[IKE] <s2s|1> sending retransmit 1 of request message ID 0, seq 3
function onRetransmit(r: Rec<'strongswan.retransmit'>, ctx: SaCtx | undefined, st: State): undefined {
  const original = ctx?.sent.get(r.fields.msgid);
  if (!ctx || !original) return;
  const msg = st.emit<'ike.msg'>(r, ctx, {
    kind: 'ike.msg',
    dir: 'out',
    exchange: original.exchange,
    msgid: original.msgid,
    payloads: original.payloads,
    retransmit: true,
    retransmitCount: r.fields.attempt,
  });
  ctx.pendingOut = { ev: msg };
  ctx.retransmitting = original.exchange;
}

// 11:19:43.865 27[IKE] <s2s|1> giving up after 3 retransmits
function onGiveUp(r: Rec<'strongswan.giveUp'>, ctx: SaCtx | undefined, st: State): undefined {
  if (ctx) reportFailure(r, ctx, st, ctx.retransmitting === 'quick' ? 2 : 1, 'no_response');
}

// 11:19:43.865 27[IKE] <s2s|1> establishing IKE_SA failed, peer not responding
function onEstablishFailed(r: Rec<'strongswan.establishFailed'>, ctx: SaCtx | undefined, st: State): undefined {
  if (!ctx) return;
  const reason: PhaseReason = /not responding/i.test(r.fields.reason ?? '') ? 'no_response' : 'unknown';
  reportFailure(r, ctx, st, r.fields.sa === 'IKE_SA' ? 1 : 2, reason);
}

// 11:19:31.992 16[ENC] <s2s|1> invalid HASH_V1 payload length, decryption failed?
// 11:19:31.992 16[IKE] <s2s|1> INFORMATIONAL_V1 request with message ID 1143346151 processing failed
function onMessageError(r: Rec<'strongswan.messageError'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  if (!ctx) return;
  if (KEY_MISMATCH_ERRORS.has(f.error) && !ctx.established) reportKeyMismatch(r, ctx, st);
  if (f.error === 'processing' && f.exchange !== undefined && f.msgid !== undefined) emitUnparsedMessage(ctx, st, f.exchange, f.role ?? 'request', f.msgid);
}

// 11:19:46.929 30[IKE] <s2s|1> received NO_PROPOSAL_CHOSEN error notify
function onNotify(r: Rec<'strongswan.notify'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  const notify = notifyInfo(f.notify);
  const carried = ctx?.lastIn?.ev.payloads.some((p) => p.type === 'N' && p.notify?.type === notify.type);
  if (!carried) st.emit<'ike.notify'>(r, ctx, { kind: 'ike.notify', dir: f.dir, type: notify.type, number: notify.number });
  if (!ctx || !f.error || f.dir !== 'in') return;
  const phase = ctx.quick ? 2 : ctx.established ? undefined : 1; // a Quick Mode in progress, or phase 1
  if (phase === undefined) return;
  const reasons = notify.type === 'UNKNOWN' ? undefined : NOTIFY_REASONS[notify.type];
  reportFailure(r, ctx, st, phase, reasons?.[phase - 1] ?? 'notify');
}

// 11:19:22.663 31[IKE] <s2s|1> received XAuth vendor ID
// 11:19:22.661 25[IKE] <s2s|1> sending draft-ietf-ipsec-nat-t-ike-02\n vendor ID
function onVendorId(r: Rec<'strongswan.vendorId'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  const match = vendorIdByDeviceWording('strongswan', words(r));
  const name = match?.vid ?? 'unknown';
  const hex = f.data ?? match?.hex;
  st.emit<'ike.vid'>(r, ctx, { kind: 'ike.vid', dir: f.dir, name, hex, alsoMatches: match?.alsoMatches });
  if (!ctx) return;
  const vendorId = { name: match?.vid ?? undefined, hex };
  if (f.dir === 'out') ctx.vidsOut.push(vendorId);
  else if (ctx.lastIn) nameNextPayload(st, ctx.lastIn, 'VID', { vendorId });
}

// ---- IKE_SA and CHILD_SA life -----------------------------------------------------------------------

// 11:19:22.661 25[IKE] <s2s|1> initiating Main Mode IKE_SA s2s[1] to 10.99.0.2
// 11:19:22.662 16[IKE] <1> 10.99.0.1 is initiating a Main Mode IKE_SA
function onInitiate(r: Rec<'strongswan.initiate'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  if (!ctx) return;
  ctx.role = f.by === 'local' ? 'initiator' : 'responder';
  ctx.peer = { address: f.peer };
  if (f.name) ctx.name = f.name;
  if (f.mode) ctx.mode = MODES[f.mode] ?? ctx.mode;
  st.emit<'ike.phase'>(r, ctx, { kind: 'ike.phase', phase: 1, status: 'started', mode: ctx.mode });
}

// 11:19:22.661 25[IKE] <s2s|1> IKE_SA s2s[1] state change: CREATED => CONNECTING
// 11:20:14.705 19[CHD] <s2s|1> CHILD_SA net{1} state change: CREATED => INSTALLING
function onStateChange(r: Rec<'strongswan.stateChange'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  const kind: VendorStateKind = f.sa === 'IKE_SA' ? 'ike-sa' : 'child-sa';
  st.emit<'ike.state'>(r, ctx, {
    kind: 'ike.state',
    vendor: f.new,
    vendorKind: kind,
    canonical: canonicalState('strongswan', f.new, { kind })?.state ?? null,
    previous: { vendor: f.old, canonical: canonicalState('strongswan', f.old, { kind })?.state ?? null },
    scope: f.sa === 'IKE_SA' ? 'isakmp-sa' : 'exchange',
  });
  // an IKE_SA destroyed before it was established failed, even when no line says why
  if (ctx && f.sa === 'IKE_SA' && f.new === 'DESTROYING' && !ctx.established && !ctx.p1Failed) reportFailure(r, ctx, st, 1, 'unknown');
}

// 11:19:22.670 17[IKE] <s2s|1>   activating QUICK_MODE task
function onTask(r: Rec<'strongswan.task'>, ctx: SaCtx | undefined, st: State): undefined {
  const task = r.fields.task;
  if (r.fields.action !== 'activate' || !task || STRONGSWAN_TASKS[task] === undefined || STRONGSWAN_TASKS[task] === 'phase1-helper') return;
  st.emit<'ike.state'>(r, ctx, {
    kind: 'ike.state',
    vendor: task,
    vendorKind: 'task',
    canonical: canonicalState('strongswan', task, { kind: 'task' })?.state ?? null,
    scope: 'exchange',
  });
}

// 11:19:22.670 17[IKE] <s2s|1> IKE_SA s2s[1] established between 10.99.0.1[10.99.0.1]...10.99.0.2[10.99.0.2]
function onIkeEstablished(r: Rec<'strongswan.ikeEstablished'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  if (!ctx) return;
  ctx.established = true;
  ctx.peer ??= { address: f.remote };
  ctx.authMethod ??= configuredAuth(st, ctx);
  st.emit<'ike.phase'>(r, ctx, { kind: 'ike.phase', phase: 1, status: 'complete', mode: ctx.mode });
  st.emit<'ike.auth'>(r, ctx, {
    kind: 'ike.auth',
    method: ctx.authMethod,
    localId: identityOf(f.localId),
    peerId: identityOf(f.remoteId),
    result: 'ok',
  });
}

// 11:19:22.675 26[IKE] <s2s|1> CHILD_SA net{1} established with SPIs 61f3c9e3_i 6fda5c4c_o and TS 10.99.1.0/24 === 10.99.2.0/24
function onChildEstablished(r: Rec<'strongswan.childEstablished'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  const quick = ctx?.quick;
  st.emit<'ike.phase'>(r, ctx, { kind: 'ike.phase', phase: 2, status: 'complete', msgid: quick?.msgid });
  const attrs = quick?.selected ?? quick?.offered;
  const common = {
    protocol: attrs?.protocol ?? 'esp', // charon names the protocol only in the proposals; ESP when they are not in the log
    local: firstProxy(f.localTs),
    remote: firstProxy(f.remoteTs),
    localEndpoint: ctx?.local,
    remoteEndpoint: ctx?.remote,
    encryption: attrs?.encryption,
    integrity: attrs?.hash,
    pfsGroup: attrs?.pfsGroup ? attrs.pfsGroup : undefined,
    mode: ctx ? childMode(st, ctx, f.name) : undefined,
    udpEncapsulated: ctx?.nat ? true : undefined,
    lifetimeSeconds: quick?.lifetime,
    conn: `${f.name}{${f.id}}`,
  } as const;
  for (const [dir, spi] of [['in', f.spiIn], ['out', f.spiOut]] as const) {
    st.emit<'ipsec.sa'>(r, ctx, { kind: 'ipsec.sa', sa: { ...base(ctx).sa, spi }, dir, spi, ...common });
  }
  if (ctx) ctx.quick = undefined;
}

// 11:19:24.338 19[IKE] <s2s|1> sending DELETE for ESP CHILD_SA with SPI 61f3c9e3
// 11:19:24.339 30[IKE] <s2s|1> received DELETE for IKE_SA s2s[1]
function onDelete(r: Rec<'strongswan.delete'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  const protocol: ProtocolName = f.sa === 'IKE_SA' ? 'isakmp' : (canonicalProtocol(f.protocol, 'strongswan') ?? 'esp');
  const spis = f.sa === 'CHILD_SA' ? [f.spi] : []; // ISAKMP cookies are not printed
  st.emit<'ike.delete'>(r, ctx, { kind: 'ike.delete', dir: f.dir, protocol, spis });
  if (!ctx) return;
  if (f.dir === 'out') ctx.deletesOut.push(protocol);
  else if (ctx.lastIn) nameNextPayload(st, ctx.lastIn, 'D', { delete: { protocol } });
}

// 11:19:22.669 12[IKE] <s2s|1> remote host is behind NAT
function onNat(r: Rec<'strongswan.nat'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  if (ctx) ctx.nat = true;
  st.emit<'ike.natd'>(r, ctx, {
    kind: 'ike.natd',
    localBehindNat: f.behind === 'local' ? true : undefined,
    peerBehindNat: f.behind === 'remote' ? true : undefined,
  });
}

// 11:19:22.669 19[IKE] <1> local endpoint changed from 10.99.0.2[500] to 10.99.0.2[4500]
function onEndpointChange(r: Rec<'strongswan.endpointChange'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  if (!ctx) return;
  const to: Endpoint = { address: f.to, port: f.toPort };
  if (f.side === 'local') ctx.local = to;
  else {
    ctx.remote = to;
    ctx.peer ??= { address: f.to };
  }
  if (f.toPort === 4500 && f.fromPort !== undefined && f.fromPort !== 4500) reportFloat(r, ctx, st);
}

// ---- proposals, traffic selectors, config lookups ---------------------------------------------------

// 11:19:46.929 20[CFG] <1> selecting proposal:
// 11:19:46.929 20[CFG] <1>   no acceptable ENCRYPTION_ALGORITHM found
function onProposalSelection(r: Rec<'strongswan.proposalSelection'>, ctx: SaCtx | undefined): undefined {
  if (!ctx) return;
  ctx.selection = newSelection();
  for (const part of r.fields.parts ?? []) if (!part.match && part.transform) ctx.selection.failed.push(part.transform);
}

// 11:19:46.929 20[CFG] <1> received proposals: IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048
// 11:19:22.663 31[CFG] <s2s|1> selected proposal: IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048
function onProposals(r: Rec<'strongswan.proposals'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  f.proposals.forEach((p, i) => {
    const { phase, attrs: printed } = proposalAttrs(p);
    const stage = f.which === 'selected' ? 'accepted' : 'offered';
    const source = f.which === 'received' ? 'peer' : f.which === 'configured' ? 'local' : undefined;
    // charon does not print the auth method of a phase-1 proposal; ours is the one of the connection's config
    const auth = phase === 1 && source !== 'peer' && ctx ? (ctx.authMethod ?? configuredAuth(st, ctx)) : undefined;
    // nor the mode of a phase-2 proposal: the connection's children say it, when they agree
    const mode = phase === 2 && source !== 'peer' && ctx ? connectionChildMode(st, ctx) : undefined;
    const attrs = { ...printed, ...(auth ? { auth } : {}), ...(mode ? { encapsulation: mode } : {}) };
    st.emit<'ike.proposal'>(r, ctx, { kind: 'ike.proposal', phase, stage, source, proposal: f.proposals.length > 1 ? i + 1 : undefined, attrs });
    if (ctx) rememberProposal(ctx, f.which, phase, attrs);
  });
}

// 11:19:46.929 20[IKE] <1> no proposal found
// 11:19:50.274 25[IKE] <s2s|1> no matching proposal found, sending NO_PROPOSAL_CHOSEN
function onNoProposal(r: Rec<'strongswan.noProposal'>, ctx: SaCtx | undefined, st: State): undefined {
  if (!ctx) return;
  const sel = ctx.selection;
  const phase = sel.phase ?? (ctx.established ? 2 : 1);
  const attribute = sel.failed.map((t) => TRANSFORM_ATTRIBUTES[t]?.[phase - 1]).find((a) => a !== undefined);
  st.emit<'ike.proposal'>(r, ctx, {
    kind: 'ike.proposal',
    phase,
    stage: 'rejected',
    source: 'peer',
    attrs: sel.received[0] ?? {},
    reason: {
      attribute,
      offered: attribute ? valuesOf(sel.received, attribute) : undefined,
      configured: attribute ? valuesOf(sel.configured, attribute) : undefined,
      text: [...sel.failed.map((t) => `no acceptable ${t} found`), words(r)].join('; '),
    },
  });
  reportFailure(r, ctx, st, phase, phase === 2 && attribute === 'pfsGroup' ? 'pfs' : 'proposal');
}

// 11:20:37.106 20[IKE] <s2s|1> received 3600s lifetime, configured 3960s
function onLifetimeCheck(r: Rec<'strongswan.lifetimeCheck'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  const seconds = f.unit === 'seconds';
  const attribute = seconds ? 'lifetimeSeconds' : 'lifetimeKilobytes';
  const value = seconds ? f.received : Math.floor(f.received / 1024);
  const configured = seconds ? f.configured : Math.floor(f.configured / 1024);
  // charon adopts the received lifetime for the CHILD_SA
  if (ctx?.quick && seconds) ctx.quick.lifetime = f.received;
  st.emit<'ike.proposal'>(r, ctx, {
    kind: 'ike.proposal',
    phase: 2,
    stage: 'checked',
    source: 'peer',
    attrs: seconds ? { lifetimeSeconds: value } : { lifetimeKilobytes: value },
    reason: { attribute, offered: value, configured, text: words(r) },
  });
}

// 11:19:22.670 17[CFG] <s2s|1> proposing traffic selectors for us:
// 11:19:22.670 17[CFG] <s2s|1>  10.99.1.0/24
function onTsList(r: Rec<'strongswan.tsList'>, ctx: SaCtx | undefined): undefined {
  if (!ctx) return;
  const f = r.fields;
  const parts = f.parts ?? [];
  if (f.action === 'propose') {
    ctx.ts[f.side === 'us' ? 'us' : 'other'] = parts.flatMap((p) => ('ts' in p ? [p.ts] : []));
  } else {
    ctx.ts[f.side === 'us' ? 'matchUs' : 'matchOther'] = parts.flatMap((p) => ('matched' in p && p.matched && p.match ? [p.match] : []));
  }
}

// 13[CFG] <1> no IKE config found for 10.99.0.2...10.99.0.7, sending NO_PROPOSAL_CHOSEN
function onIkeConfig(r: Rec<'strongswan.ikeConfig'>, ctx: SaCtx | undefined, st: State): undefined {
  if (ctx && r.fields.step === 'none') reportFailure(r, ctx, st, 1, 'no_psk');
}

// 11:19:22.669 19[CFG] <1> looking for pre-shared key peer configs matching 10.99.0.2...10.99.0.1[10.99.0.1]
// 11:19:22.664 18[CFG] <1>   candidate "s2s", match: 1/1/3100 (me/other/ike)
// 13[CFG] <1> no peer config found
function onPeerConfig(r: Rec<'strongswan.peerConfig'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  if (!ctx) return;
  if (f.step === 'looking' && f.auth) ctx.authMethod = canonicalAuth(f.auth, 'strongswan') ?? ctx.authMethod;
  if (f.step === 'candidate' && f.name) ctx.candidate ??= f.name;
  if (f.step === 'none') {
    st.emit<'ike.auth'>(r, ctx, { kind: 'ike.auth', method: ctx.authMethod ?? configuredAuth(st, ctx), result: 'failed', reason: words(r) });
    reportFailure(r, ctx, st, 1, 'id');
  }
}

// 11:19:22.671 21[CFG] <s2s|1> looking for a child config for 10.99.2.0/24 === 10.99.1.0/24
// 11:19:56.997 24[IKE] <s2s|1> no matching CHILD_SA config found for 10.99.1.0/24 === 10.99.2.0/24
function onChildConfig(r: Rec<'strongswan.childConfig'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  if (!ctx) return;
  // the responder looks up the proxies the initiator's Quick Mode message carried (IDci = theirs, IDcr = ours)
  if (f.step === 'looking' && ctx.lastIn?.ev.exchange === 'quick' && ctx.lastIn.ev.dir === 'in') {
    const ids = quickIds(f.remoteTs?.[0], f.localTs?.[0]);
    if (ids) st.update(ctx.lastIn, { payloads: withIds(ctx.lastIn.ev.payloads, ids) });
  }
  if (f.step === 'none') reportFailure(r, ctx, st, 2, 'proxy');
}

// ---- XAuth and Mode Config ----------------------------------------------------------------------------

// 11:19:27.356 27[IKE] <vpnclient|1> XAuth authentication of 'alice' (myself) successful
function onXauth(r: Rec<'strongswan.xauth'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  const t = ctx?.transaction?.xauth ? ctx.transaction : undefined;
  st.emit<'ike.xauth'>(r, ctx, {
    kind: 'ike.xauth',
    step: t?.step ?? (f.myself ? 'set' : 'reply'),
    dir: t?.dir,
    user: f.user,
    status: f.ok ? 'success' : 'failure',
    msgid: t?.msgid,
  });
  if (ctx && !f.ok) reportFailure(r, ctx, st, 1, 'xauth');
}

// 11:19:27.357 01[IKE] <rw-xauth|1> assigning virtual IP 10.99.3.1 to peer 'alice'
// 11:19:27.358 11[IKE] <vpnclient|1> installing new virtual IP 10.99.3.1
function onVirtualIp(r: Rec<'strongswan.virtualIp'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  if (!ctx) return;
  if (f.action === 'assign' && f.address) ctx.vip = f.address;
  if (f.action === 'install' && f.address && ctx.lastCfg) {
    st.update(ctx.lastCfg, { attributes: { ...ctx.lastCfg.ev.attributes, address: f.address } });
  }
  if (f.action === 'none') {
    const t = ctx.transaction;
    st.emit<'ike.cfg'>(r, ctx, { kind: 'ike.cfg', step: 'reply', dir: 'out', msgid: t?.msgid, failed: true, reason: words(r) });
  }
}

// ---- CHILD_SA installation -------------------------------------------------------------------------

// 11:20:14.707 19[CHD] <s2s|1> adding inbound ESP SA
// 11:20:14.707 19[CHD] <s2s|1>   SPI 0xbe3fff6b, src 10.99.0.2 dst 10.99.0.1
function onSaAdd(r: Rec<'strongswan.saAdd'>, ctx: SaCtx | undefined, st: State): undefined {
  const f = r.fields;
  const spi = f.parts?.[0]?.spi;
  const protocol = canonicalProtocol(f.protocol, 'strongswan');
  if (!spi || !protocol) return;
  st.emit<'ipsec.spi'>(r, ctx, { kind: 'ipsec.spi', sa: { ...base(ctx).sa, spi }, dir: f.direction === 'inbound' ? 'in' : 'out', protocol, spi });
}

// 15[IKE] <s2s|1> unable to install inbound and outbound IPsec SA (SAD) in kernel
function onInstallFailed(r: Rec<'strongswan.installFailed'>, ctx: SaCtx | undefined, st: State): undefined {
  if (ctx) reportFailure(r, ctx, st, 2, 'internal');
}

// ---- configuration -------------------------------------------------------------------------------

// 11:19:22.346 12[CFG]  conn s2s:   (with its `child net:` / `local:` / `remote:` sections and settings)
function onConfigConn(r: Rec<'strongswan.configConn'>, _ctx: SaCtx | undefined, st: State): undefined {
  const conf: ConnConfig = { local: [], remote: [], childModes: new Map() };
  let section: SwPart<'strongswan.configSection'> | undefined;
  for (const part of r.fields.parts ?? []) {
    if (part.kind === 'strongswan.configSection') section = part;
    else if (part.kind === 'strongswan.configSetting' && section) {
      const value = String(part.value);
      if (section.section === 'child' && section.name && part.key === 'mode') {
        const mode = canonicalEncapsulation(value, 'strongswan');
        if (mode === 'tunnel' || mode === 'transport') conf.childModes.set(section.name, mode);
      }
      if ((section.section === 'local' || section.section === 'remote') && part.key === 'class') conf[section.section].push(value);
    }
  }
  st.config.set(r.fields.name, conf);
}

// ===================================================================================================
// Helpers
// ===================================================================================================

/** The device's own words: the message of the line without timestamp, thread, group and SA tag. */
function words(r: LogRecord): string {
  const first = r.text.split('\n')[0] ?? '';
  return first.replace(/^(?:.*?\d+\[[A-Z]{3}\] |\[[A-Z]{3}\] )?(?:<[^>]*> )?/, '').trim();
}

/** `[ SA V N(INITIAL_CONTACT) CPRQ(X_USER X_PWD) ]` → canonical payloads. */
function payloadInfo(p: SwPayload): PayloadInfo {
  const cfgType = CFG_PAYLOAD_TYPES[p.type];
  if ('notify' in p) return { type: 'N', notify: notifyInfo(p.notify) };
  if ('attributes' in p) {
    const attributes = p.attributes.map((a): CfgAttributeName | string => canonicalCfgAttribute(a, 'strongswan') ?? a);
    return { type: 'ATTR', cfg: cfgType ? { type: cfgType, attributes } : { attributes } };
  }
  const numbered = /^\(?(\d+)\)?$/.exec(p.type);
  if (numbered) {
    const n = Number(numbered[1]);
    return { type: PAYLOAD_TYPES.nameOf(n) ?? 'UNKNOWN', number: n };
  }
  const type = canonicalPayload(p.type, 'strongswan');
  if (type === 'ATTR') return { type, ...(cfgType ? { cfg: { type: cfgType } } : {}) };
  return { type: type ?? 'UNKNOWN' };
}

function notifyInfo(n: string | number): { type: NotifyName | 'UNKNOWN'; number?: number } {
  if (typeof n === 'number') return { type: NOTIFY_TYPES.nameOf(n) ?? 'UNKNOWN', number: n };
  return { type: canonicalNotify(n, 'strongswan') ?? 'UNKNOWN' };
}

/** A received phase-1 request (or a sent response) makes this node the responder. */
function learnPhase1Role(ctx: SaCtx, exchange: ExchangeName, dir: Direction, role: 'request' | 'response'): void {
  if (exchange !== 'main' && exchange !== 'aggressive') return;
  ctx.mode ??= exchange;
  ctx.role ??= (dir === 'in') === (role === 'request') ? 'responder' : 'initiator';
}

/** The VID, D and ID payloads of a message this node generates, named by the lines before it. */
function namedOutPayloads(ctx: SaCtx, payloads: PayloadInfo[], exchange: ExchangeName, role: 'request' | 'response'): PayloadInfo[] {
  const vids = ctx.vidsOut.splice(0);
  const deletes = ctx.deletesOut.splice(0);
  let named = payloads.map((p) => {
    if (p.type === 'VID' && vids.length) return { ...p, vendorId: vids.shift() };
    if (p.type === 'D' && deletes.length) return { ...p, delete: { protocol: deletes.shift() as ProtocolName } };
    return p;
  });
  if (exchange === 'quick' && payloads.some((p) => p.type === 'SA')) {
    const ts = ctx.ts;
    // initiator: IDci = ours, IDcr = theirs; responder: the narrowed selectors it accepted
    const ids = role === 'request' ? quickIds(ts.us?.[0], ts.other?.[0]) : quickIds(ts.matchOther?.[0], ts.matchUs?.[0]);
    if (ids) named = withIds(named, ids);
    ctx.ts = {};
  }
  return named;
}

/** Remember what a message starts or answers: Quick Mode in progress, retransmit source, transaction, pending packet. */
function trackMessage(ctx: SaCtx, msg: IkeMsgEvent, exchange: ExchangeName, msgid: number): void {
  if (exchange === 'quick' && ctx.quick?.msgid !== msgid) ctx.quick = { msgid };
  if (msg.dir === 'out') {
    ctx.sent.set(msgid, msg);
    ctx.pendingOut = { ev: msg };
  } else ctx.lastIn = { ev: msg };
}

/** ike.notify / ike.dpd for N payloads, ike.xauth / ike.cfg for attribute payloads. */
function emitPayloadEvents(r: LogRecord, ctx: SaCtx, st: State, msg: IkeMsgEvent): void {
  for (const p of msg.payloads) {
    if (p.type === 'N' && p.notify) {
      st.emit<'ike.notify'>(r, ctx, { kind: 'ike.notify', dir: msg.dir, type: p.notify.type, number: p.notify.number });
      const dpd = p.notify.type === 'UNKNOWN' ? undefined : DPD_STEPS[p.notify.type];
      if (dpd) st.emit<'ike.dpd'>(r, ctx, { kind: 'ike.dpd', step: dpd, dir: msg.dir });
    }
    if (p.type === 'ATTR' && p.cfg?.type) emitTransaction(r, ctx, st, msg, p.cfg.type, p.cfg.attributes ?? []);
  }
}

// 11:19:27.355 18[ENC] <vpnclient|1> parsed TRANSACTION request 2205508232 [ HASH CPRQ(X_USER X_PWD) ]
function emitTransaction(r: LogRecord, ctx: SaCtx, st: State, msg: IkeMsgEvent, step: CfgStep, attributes: readonly string[]): void {
  const xauth = attributes.some((a) => a.startsWith('XAUTH_'));
  ctx.transaction = { msgid: msg.msgid, step, dir: msg.dir, xauth };
  if (xauth) {
    st.emit<'ike.xauth'>(r, ctx, { kind: 'ike.xauth', step, dir: msg.dir, attributes, msgid: msg.msgid });
    return;
  }
  const gives = step === 'reply' || step === 'set';
  const address = gives && msg.dir === 'out' ? ctx.vip : undefined;
  const cfg = st.emit<'ike.cfg'>(r, ctx, {
    kind: 'ike.cfg',
    step,
    dir: msg.dir,
    requested: gives ? undefined : attributes,
    attributes: address ? { address } : undefined,
    msgid: msg.msgid,
  });
  ctx.lastCfg = { ev: cfg };
  if (address) ctx.vip = undefined;
}

/** The IKE_SA-level `received packet` line before a message, once. */
function takePacketIn(ctx: SaCtx): SaCtx['packetIn'] {
  const p = ctx.packetIn;
  ctx.packetIn = undefined;
  return p;
}

/** Name the next payload of `type` not yet named in a received message (the lines follow the message in wire order). */
function nameNextPayload(st: State, ref: Ref<IkeMsgEvent>, type: 'VID' | 'D', patch: Partial<PayloadInfo>): void {
  const payloads = [...ref.ev.payloads];
  const i = payloads.findIndex((p) => p.type === type && (type === 'VID' ? !p.vendorId : !p.delete));
  const target = payloads[i];
  if (!target) return;
  payloads[i] = { ...target, ...strip(patch) };
  st.update(ref, { payloads });
}

/** A received message charon could not parse: the ike.msg is dated at its packet line. */
function emitUnparsedMessage(ctx: SaCtx, st: State, exchangeWord: string, role: 'request' | 'response', msgid: number): void {
  const exchange = canonicalExchange(exchangeWord, 'strongswan');
  const packet = takePacketIn(ctx);
  if (!exchange || !packet) return; // parsed before (its ike.msg exists) or no packet seen: log line
  const last = ctx.lastFailedIn;
  const again = last !== undefined && last.exchange === exchange && last.msgid === msgid && last.bytes === packet.bytes;
  const msg = st.emit<'ike.msg'>(packet.record, ctx, {
    kind: 'ike.msg',
    dir: 'in',
    exchange,
    msgid,
    payloads: [],
    length: packet.bytes,
    local: packet.local,
    remote: packet.remote,
    retransmit: again ? true : undefined,
  });
  learnPhase1Role(ctx, exchange, 'in', role);
  ctx.lastIn = { ev: msg };
  ctx.lastFailedIn = { exchange, msgid, bytes: packet.bytes };
}

/** The peer's encrypted message does not decrypt or verify during phase 1: the pre-shared keys differ. */
function reportKeyMismatch(r: LogRecord, ctx: SaCtx, st: State): void {
  if (ctx.failures.has('1:psk:')) return;
  st.emit<'ike.auth'>(r, ctx, { kind: 'ike.auth', method: ctx.authMethod ?? configuredAuth(st, ctx), result: 'failed', reason: words(r) });
  reportFailure(r, ctx, st, 1, 'psk');
}

/** ike.phase failed, once per phase, reason and Quick Mode. */
function reportFailure(r: LogRecord, ctx: SaCtx, st: State, phase: 1 | 2, reason: PhaseReason): void {
  const msgid = phase === 2 ? ctx.quick?.msgid : undefined;
  const key = `${phase}:${reason}:${msgid ?? ''}`;
  if (ctx.failures.has(key)) return;
  ctx.failures.add(key);
  if (phase === 1) ctx.p1Failed = true;
  st.emit<'ike.phase'>(r, ctx, { kind: 'ike.phase', phase, status: 'failed', reason, mode: phase === 1 ? ctx.mode : undefined, msgid, text: words(r) });
}

function reportFloat(r: LogRecord, ctx: SaCtx, st: State): void {
  if (ctx.floated) return;
  ctx.floated = true;
  st.emit<'ike.natd'>(r, ctx, { kind: 'ike.natd', floated: true, local: ctx.local, remote: ctx.remote });
}

/** `IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048` → phase 1 attrs; `ESP:...` → phase 2 (pfsGroup 0 without a group). */
function proposalAttrs(p: SwProposal): { phase: 1 | 2; attrs: ProposalAttrs } {
  const protocol = canonicalProtocol(p.protocol, 'strongswan');
  const phase = protocol === 'isakmp' ? 1 : 2;
  const attrs: Mutable<ProposalAttrs> = { protocol };
  for (const word of p.algorithms) classifyAlgorithm(word, phase, attrs);
  if (phase === 2) attrs.pfsGroup ??= 0;
  return { phase, attrs: strip(attrs) };
}

/** One proposal token into its attribute: ESN, PRF, DH group, integrity, or cipher (first that knows the word). */
function classifyAlgorithm(word: string, phase: 1 | 2, attrs: Mutable<ProposalAttrs>): void {
  if (/^(?:NO_)?EXT_SEQ$/.test(word)) {
    attrs.esn = word === 'EXT_SEQ';
    return;
  }
  const prf = word.startsWith('PRF_') ? canonicalPrf(word, 'strongswan') : undefined;
  if (prf) {
    attrs.prf = prf;
    return;
  }
  const group = canonicalGroup(word, 'strongswan');
  if (group !== undefined) {
    attrs[phase === 1 ? 'group' : 'pfsGroup'] = group;
    return;
  }
  const hash = canonicalHash(word, 'strongswan');
  if (hash) attrs.hash = hash;
  else attrs.encryption ??= canonicalCipher(word, undefined, 'strongswan');
}

function rememberProposal(ctx: SaCtx, which: 'received' | 'configured' | 'selected', phase: 1 | 2, attrs: ProposalAttrs): void {
  if (which === 'selected') {
    if (phase === 2 && ctx.quick) ctx.quick.selected = attrs;
    return;
  }
  const sel = ctx.selection;
  if (sel.phase !== phase) Object.assign(sel, { phase, received: [], configured: [] });
  sel[which].push(attrs);
  if (phase === 2 && which === 'configured' && ctx.quick) ctx.quick.offered ??= attrs;
}

/** The values one attribute takes across proposals: one value, or a list as text. */
function valuesOf(list: readonly ProposalAttrs[], attribute: ProposalAttrName): string | number | undefined {
  const values = [...new Set(list.map((a) => a[attribute]).filter((v) => v !== undefined))];
  if (values.length === 0) return undefined;
  if (values.length === 1 && (typeof values[0] === 'number' || typeof values[0] === 'string')) return values[0];
  return values.join(', ');
}

/** A phase-1 identity as charon prints it (identification_create_from_string's rules for the type). */
function identityOf(text: string): Identity | undefined {
  const t = text.trim();
  if (t === '' || t === '%any' || t === '%any6') return undefined;
  const ip = addressType(t);
  if (ip) return { type: ip, value: t };
  if (t.includes('=')) return { type: 'der-asn1-dn', value: t };
  if (t.startsWith('@#')) return { type: 'key-id', value: t.slice(2) };
  if (t.startsWith('@@')) return { type: 'user-fqdn', value: t.slice(2) };
  if (t.startsWith('@')) return { type: 'fqdn', value: t.slice(1) };
  return { type: t.includes('@') ? 'user-fqdn' : 'fqdn', value: t };
}

function addressType(t: string): IdTypeName | undefined {
  const v6 = t.includes(':');
  const addr = v6 ? '[0-9a-fA-F:.]+' : '\\d{1,3}(?:\\.\\d{1,3}){3}';
  if (new RegExp(`^${addr}$`).test(t)) return v6 ? 'ipv6-addr' : 'ipv4-addr';
  if (new RegExp(`^${addr}/\\d{1,3}$`).test(t)) return v6 ? 'ipv6-addr-subnet' : 'ipv4-addr-subnet';
  if (new RegExp(`^${addr}-${addr}$`).test(t)) return v6 ? 'ipv6-addr-range' : 'ipv4-addr-range';
  return undefined;
}

/** `10.99.1.0/24`, `10.99.3.1/32`, `10.99.1.0/24[udp/l2f]` → proxy (address as printed, protocol and port when named). */
function proxyOf(ts: string): Proxy | undefined {
  const m = /^([^[\s]+)(?:\[([^\]/]*)(?:\/([^\]]*))?\])?$/.exec(ts.trim());
  if (!m || !m[1] || !addressType(m[1])) return undefined;
  return strip({ address: m[1], protocol: numberOrName(m[2], IP_PROTOCOLS), port: numberOrName(m[3], SERVICES) });
}

function numberOrName(word: string | undefined, names: Readonly<Record<string, number>>): number | undefined {
  if (word === undefined || word === '') return undefined;
  return /^\d+$/.test(word) ? Number(word) : names[word.toLowerCase()];
}

function firstProxy(list: readonly string[]): Proxy | undefined {
  return list[0] === undefined ? undefined : proxyOf(list[0]);
}

/** The ID payload of a Quick Mode proxy: a host /32 (/128) is sent as an address, a subnet as a subnet. */
function proxyIdentity(ts: string | undefined): Identity | undefined {
  const proxy = ts === undefined ? undefined : proxyOf(ts);
  if (!proxy) return undefined;
  const host = /^(.*)\/(32|128)$/.exec(proxy.address);
  const value = host?.[1] ?? proxy.address;
  const type = addressType(value);
  return type ? strip({ type, value, protocol: proxy.protocol, port: proxy.port }) : undefined;
}

function quickIds(initiator: string | undefined, responder: string | undefined): [Identity, Identity] | undefined {
  const i = proxyIdentity(initiator);
  const rr = proxyIdentity(responder);
  return i && rr ? [i, rr] : undefined;
}

/** Fill the two ID payloads of a Quick Mode message (IDci, IDcr). */
function withIds(payloads: readonly PayloadInfo[], ids: readonly [Identity, Identity]): PayloadInfo[] {
  const slots = payloads.filter((p) => p.type === 'ID').length;
  if (slots !== 2) return [...payloads];
  let n = 0;
  return payloads.map((p) => (p.type === 'ID' ? { ...p, id: ids[n++] } : p));
}

/** The mode of a CHILD_SA per the config dump of its connection (`mode = TUNNEL`). */
/** The mode of the connection's CHILD_SA configs when they all have the same one. */
function connectionChildMode(st: State, ctx: SaCtx): 'tunnel' | 'transport' | undefined {
  const modes = ctx.name ? [...new Set(st.config.get(ctx.name)?.childModes.values() ?? [])] : [];
  return modes.length === 1 ? modes[0] : undefined;
}

function childMode(st: State, ctx: SaCtx, child: string): 'tunnel' | 'transport' | undefined {
  return ctx.name ? st.config.get(ctx.name)?.childModes.get(child) : undefined;
}

/** The phase-1 auth method per the config dump of the SA's connection (or the candidate charon took its PSK from):
 * PSK, with XAuth when one side has an XAuth round. */
function configuredAuth(st: State, ctx: SaCtx): AuthMethod | undefined {
  const name = ctx.name ?? ctx.candidate;
  const conf = name ? st.config.get(name) : undefined;
  if (!conf) return undefined;
  const local = conf.local.map((c) => AUTH_CLASSES[c]);
  const remote = conf.remote.map((c) => AUTH_CLASSES[c]);
  if (local[0] !== 'psk' || remote[0] !== 'psk') return undefined;
  const client = local.includes('xauth') ? 'local' : remote.includes('xauth') ? 'remote' : undefined;
  if (!client) return 'psk';
  if (!ctx.role) return undefined;
  const clientIsInitiator = (client === 'local') === (ctx.role === 'initiator');
  return clientIsInitiator ? 'xauth-init-psk' : 'xauth-resp-psk';
}
