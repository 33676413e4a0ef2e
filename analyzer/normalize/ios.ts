// Cisco IOS / IOS-XE records (`debug crypto isakmp | ipsec | engine`, %CRYPTO syslog) → events.
//
// IOS prints one line per step of its state machines and rarely says which message a line is about,
// so this normalizer keeps, per ISAKMP SA, the context a reader of the log keeps in their head:
// - the SA: `ISAKMP (0:1):` / `ISAKMP:(1001):` give the conn-id; `(0:0)` / `(0)` lines belong to a
//   new SA that has no conn-id yet (the responder's `(N) NEW SA` packet, a 12.4 phase 1 before
//   authentication): they go to a provisional SA that takes the conn-id that appears next, and its
//   events are patched then. Lines with no conn-id (attribute lines, key look-ups, `IPSEC(...)`)
//   belong to the SA of their peer address when they print one, else to the SA of the context.
// - the message: a packet line (`received packet from … (R) QM_IDLE`) opens an `ike.msg`; its
//   exchange comes from the state word (MM_* main, AG_* aggressive, PEER_DISCOVERY ted, CONF_*
//   transaction); after phase 1 `QM_IDLE` stands for Quick Mode, transactions and informational
//   exchanges alike, and the lines around it decide (`Node N, Input = …, IKE_QM_EXCH`, `processing
//   transaction payload`, `processing SA payload. message ID = N`, `beginning Quick Mode exchange,
//   M-ID of N`, `initiating peer config`, `sending NOTIFY`, a node purged right after the send ...).
//   Lines printed before a send (constructed ID, VIDs, NOTIFYs, XAUTH/Mode-Config attributes, new
//   node) are kept as pending and given to the next sent message; lines after a receive complete it.
// - proposals: `Checking ISAKMP transform N against priority P policy` + attribute lines +
//   `atts are (not) acceptable`; `Checking IPSec proposal N` + `transform N, ESP_x` + attributes.
// - Quick Modes per message ID (who started it, its proxies from the key-engine blocks, how many
//   of its messages were seen), XAUTH / Mode-Config transactions, TED probes.
// What is read from the log rather than printed as such (each says where in the code):
// - 12.2 prints no FSM lines: phase 1 is complete when its last message went and the peer is
//   authenticated, a Quick Mode when its three messages went and its node is deleted without error;
//   12.2 prints the responder's MM6 with the state word QM_IDLE.
// - a received message whose packet line the paste lacks (its `processing ...` lines show it) gets
//   its `ike.msg` at its first line; a QM1/QM2 whose ID lines IOS did not print gets its two proxy
//   IDs from the key-engine block; a QM1 sent gets those of `IPSEC(sa_request)`.
// - one `ipsec.sa` per SA: the later blocks that print it again complete it.
// - a received phase-1 packet in the same state as the one received before, with nothing new sent in
//   between, is the peer's message again (`retransmit: true`): e.g. the copies of an undecryptable MM5.
// - the `IPSEC(sa_request)` printed before its ISAKMP SA existed starts that SA (its line joins the SA,
//   its `local=` is the local address when no line of the SA prints it).
// - phase 1 done on UDP 500 at both ends with no NAT-D line: `ike.natd { floated: false }`.
// - the accepted phase-1 lifetime is the one IOS says it applies (`Sending phase 1 responder
//   lifetime`, `Returning Actual lifetime`, `Started lifetime timer`).
// The TED probe/reply runs on its own short-lived ISAKMP SA (its own conn-id), as IOS prints it.
// Every record yields at least one event: a line that only completes another event (a payload line,
// an attribute line) is also kept as `log.line` with the SA of its context.
import type { LogRecord } from '../../grammars/index.js';
import type { IosFields } from '../../grammars/types/ios.js';
import {
  CFG_ATTRIBUTES,
  NOTIFY_TYPES,
  PAYLOAD_TYPES,
  canonicalAuth,
  canonicalCfgAttribute,
  canonicalCipher,
  canonicalEncapsulation,
  canonicalGroup,
  canonicalHash,
  canonicalIdType,
  canonicalNotify,
  canonicalPayload,
  canonicalProtocol,
  canonicalState,
  isErrorNotify,
  vendorIdByDeviceWording,
  type CfgAttributes,
  type Direction,
  type Endpoint,
  type Event,
  type ExchangeName,
  type Identity,
  type IkeAuthEvent,
  type IkeCfgEvent,
  type IkeMsgEvent,
  type IkePhaseEvent,
  type IkeProposalEvent,
  type IkeTedEvent,
  type IkeXauthEvent,
  type IpsecSaEvent,
  type PayloadInfo,
  type PeerRef,
  type PhaseReason,
  type ProposalAttrName,
  type ProposalAttrs,
  type ProtocolName,
  type Proxy,
  type Role,
} from '../model/index.js';
import type { Emitter, EventInit, Normalizer } from './emitter.js';

export const normalizeIos: Normalizer = (records, out) => {
  const n = new IosNormalizer(out);
  for (const r of records) n.handle(r);
  n.finish();
};

// ---------------------------------------------------------------------------------------------------
// Types of the context
// ---------------------------------------------------------------------------------------------------

type Fx<K extends keyof IosFields> = IosFields[K] & { readonly parts?: readonly Part[] };
function fx<K extends keyof IosFields>(r: LogRecord): Fx<K> {
  return r.fields as unknown as Fx<K>;
}
interface Part {
  readonly kind: string;
  readonly line: number;
  readonly [key: string]: unknown;
}
interface Ref<E extends Event = Event> {
  ev: E;
}
type Exchange = ExchangeName | 'ted';
type Phase1Mode = 'main' | 'aggressive';

interface Msg {
  readonly ref: Ref<IkeMsgEvent>;
  readonly dir: Direction;
  exchange: Exchange;
  /** Undefined while the log has not said it (the event carries 0 until then). */
  msgid: number | undefined;
  exSettled: boolean;
  idSettled: boolean;
  payloads: PayloadInfo[];
  /** Counted as a phase-1 (or TED) message of the SA. */
  phase1: boolean;
  retransmit: boolean;
  /** The local port the packet line printed (for the local endpoint learnt later). */
  localPort?: number;
}

interface Qm {
  msgid: number;
  /** Who sent QM1. */
  initiator: 'self' | 'peer';
  msgs: Set<Msg>;
  proxies?: { local?: Identity; remote?: Identity };
  protocol?: ProtocolName;
  completeEmitted?: boolean;
}

interface P1Check {
  transform: number;
  priority: number;
  raw: RawAttrs;
  offered?: Ref<IkeProposalEvent>;
  checked: Ref<IkeProposalEvent>;
  rejected?: Ref<IkeProposalEvent>;
  reason?: { attribute?: ProposalAttrName; text: string };
  done: boolean;
}

interface P2Check {
  proposal: number;
  transform?: number;
  name?: string;
  raw: RawAttrs;
  offered?: Ref<IkeProposalEvent>;
  accepted?: Ref<IkeProposalEvent>;
  rejected?: Ref<IkeProposalEvent>;
  done: boolean;
}

interface RawAttrs {
  encryption?: string;
  hash?: string;
  group?: number;
  auth?: string;
  lifeType?: string;
  lifetimeSeconds?: number;
  lifetimeKilobytes?: number;
  keyLength?: number;
  encaps?: number;
  encapsMode?: string;
  authenticator?: string;
  pfsGroup?: number;
}

/** An `IPSEC(sa_request)` block: what IPsec asked ISAKMP to negotiate with a peer, before the ISAKMP SA exists. */
interface SaRequest {
  local?: Identity;
  remote?: Identity;
  localAddr?: string;
  /** Its log line, given to the SA that takes the request. */
  line?: Ref;
}

interface Pending {
  msgid?: number;
  /** Exchange the lines before the send say, and whether they say it for sure. */
  exchange?: Exchange;
  exSettled?: boolean;
  payloads: PayloadInfo[];
}

interface Txn {
  kind: 'xauth' | 'cfg';
  step: 'request' | 'reply' | 'set' | 'ack';
  dir: Direction;
  ref: Ref<IkeXauthEvent> | Ref<IkeCfgEvent>;
  names: string[];
  attributes: MutableCfg;
}

interface MutableCfg {
  address?: string;
  netmask?: string;
  dns?: string[];
  wins?: string[];
  domain?: string;
  splitInclude?: string[];
  splitDns?: string[];
  banner?: string;
  savePassword?: boolean;
  pfs?: boolean;
  backupServers?: string[];
  firewallType?: string;
  ddnsHostname?: string;
  addressExpiry?: number;
  applicationVersion?: string;
  other?: { name: string; value?: string }[];
}

interface Sa {
  conn: string;
  connNum?: number;
  /** Waiting for its conn-id (its events carry a provisional conn until then). */
  provisional: boolean;
  /** Events emitted while provisional, patched when the conn-id is known. */
  refs: Ref[];
  closed: boolean;
  purged: boolean;
  peer?: string;
  peerPort?: number;
  localAddr?: string;
  localPort?: number;
  role?: Role;
  mode?: Phase1Mode;
  ted: boolean;
  tedTarget?: string;
  tedLocal?: string;
  tedProbe?: Ref<IkeTedEvent>;
  tedReply?: Ref<IkeTedEvent>;
  p1Count: number;
  p1Done: boolean;
  p1Failed: boolean;
  p1CompleteEmitted: boolean;
  p2Failed: Set<number>;
  fsm: boolean;
  authenticated: boolean;
  authFailed: boolean;
  auth?: Ref<IkeAuthEvent>;
  authMethodWords?: string;
  acceptedAuth?: string;
  peerId?: Identity;
  localId?: Identity;
  open?: Msg;
  lastOut?: Msg;
  msgs: Msg[];
  /** Messages emitted before the local address was known (it is filled in when a later line prints it). */
  needLocal: Msg[];
  pending: Pending;
  retransmitNext: boolean;
  lastSaState?: string;
  /** The state word of the last received packet, and whether a new message was sent since (retransmits aside). */
  lastInState?: string;
  sentSinceIn: boolean;
  lastInput?: { input: string; event: string; node?: number };
  lastKind?: string;
  qms: Map<number, Qm>;
  curQm?: Qm;
  ipsecSas: Map<string, Ref<IpsecSaEvent>>;
  lastProxies?: { local?: Identity; remote?: Identity };
  p1?: P1Check;
  /** The phase-1 proposal IOS accepted: its lifetime is what IOS then says it applies. */
  p1Accepted?: Ref<IkeProposalEvent>;
  natdSeen: boolean;
  p2?: P2Check;
  /** `Config payload REQUEST|REPLY|SET|ACK` of the open received transaction, until attributes say XAUTH or Mode-Config. */
  cfgType?: { type: 'request' | 'reply' | 'set' | 'ack'; record: LogRecord; emitted: boolean };
  txn?: Txn;
  xauthActive: boolean;
  xauthAck?: Ref<IkeXauthEvent>;
  vidUnknown?: LogRecord;
  floated: boolean;
  sawPort500: boolean;
  lastDeletePayload: boolean;
}

const NO_MSGID = 0;

// ---------------------------------------------------------------------------------------------------
// The normalizer
// ---------------------------------------------------------------------------------------------------

class IosNormalizer {
  private readonly sas: Sa[] = [];
  private readonly byConn = new Map<number, Sa>();
  /** SAs by peer address, oldest first. */
  private readonly byPeer = new Map<string, Sa[]>();
  /** SAs still waiting for their conn-id, oldest first. */
  private provisionalList: Sa[] = [];
  private provisionalCount = 0;
  /** The SA of the last line that named one. */
  private current: Sa | undefined;
  /** The SA that the last `Checking ... transform/proposal` line opened: bare attribute lines go there. */
  private attrSa: Sa | undefined;
  /** The message whose phase-1 transforms were last reported `offered` (a transform is offered once, checked per policy). */
  private p1OfferMsg: Msg | undefined;
  private p1OfferSa: Sa | undefined;
  /** The record being handled, and was an event emitted for it? */
  private cur: LogRecord | undefined;
  private emitted = false;
  /** Proxies of IPSEC(sa_request) blocks by peer address, for the Quick Mode that follows. */
  private readonly saRequests = new Map<string, SaRequest>();
  /** TED request from the SA manager (no SA yet). */
  private tedRequest: { localProxy?: string; target?: string; src?: string } | undefined;

  constructor(private readonly out: Emitter) {}

  handle(r: LogRecord): void {
    this.cur = r;
    this.emitted = false;
    let sa: Sa | undefined;
    try {
      sa = this.resolveSa(r);
      this.dispatch(r, sa);
    } catch {
      // never throw on odd input: the record is kept as a log line below
    }
    if (!this.emitted) this.logLine(r, sa);
    if (sa) sa.lastKind = r.kind;
  }

  finish(): void {
    for (const sa of this.sas) {
      try {
        this.flushVidUnknown(sa);
        this.flushCfgType(sa);
        if (sa.open) this.finalizeMsg(sa, sa.open);
      } catch {
        // nothing
      }
    }
  }

  // ---- emitting -----------------------------------------------------------------------------------

  private emit<E extends Event>(r: LogRecord, sa: Sa | undefined, init: EventInit<E>): Ref<E> {
    const base: Record<string, unknown> = {};
    if (sa) {
      base.sa = { conn: sa.conn };
      const peer = this.peerRef(sa);
      if (peer) base.peer = peer;
      if (sa.role) base.role = sa.role;
    }
    const ev = this.out.emit<E>(r, { ...base, ...init } as EventInit<E>);
    const ref: Ref<E> = { ev };
    if (sa?.provisional) sa.refs.push(ref as unknown as Ref);
    if (r === this.cur) this.emitted = true;
    return ref;
  }

  private upd<E extends Event>(ref: Ref<E>, patch: Partial<Omit<E, 'seq' | 'origin' | 'kind'>>): void {
    ref.ev = this.out.update(ref.ev, patch);
  }

  private logLine(r: LogRecord, sa: Sa | undefined): void {
    this.emit(r, sa, { kind: 'log.line', record: r.kind } as EventInit<Event>);
  }

  private peerRef(sa: Sa): PeerRef | undefined {
    if (!sa.peer) return undefined;
    return sa.peerPort !== undefined ? { address: sa.peer, port: sa.peerPort } : { address: sa.peer };
  }

  // ---- SAs ----------------------------------------------------------------------------------------

  private newSa(conn?: number): Sa {
    const sa: Sa = {
      conn: conn !== undefined ? String(conn) : this.provisionalName(),
      provisional: conn === undefined,
      refs: [],
      closed: false,
      purged: false,
      ted: false,
      p1Count: 0,
      p1Done: false,
      p1Failed: false,
      p1CompleteEmitted: false,
      p2Failed: new Set(),
      fsm: false,
      authenticated: false,
      authFailed: false,
      msgs: [],
      needLocal: [],
      pending: { payloads: [] },
      retransmitNext: false,
      qms: new Map(),
      ipsecSas: new Map(),
      xauthActive: false,
      floated: false,
      natdSeen: false,
      sawPort500: false,
      lastDeletePayload: false,
      sentSinceIn: false,
    };
    if (conn !== undefined) {
      sa.connNum = conn;
      this.byConn.set(conn, sa);
    } else this.provisionalList.push(sa);
    this.sas.push(sa);
    return sa;
  }

  private setPeer(sa: Sa, address: string): void {
    if (sa.peer === address) return;
    sa.peer = address;
    const list = this.byPeer.get(address);
    if (!list) this.byPeer.set(address, [sa]);
    else if (!list.includes(sa)) list.push(sa);
  }

  private purge(sa: Sa): void {
    sa.closed = true;
    sa.purged = true;
    if (sa.provisional) this.provisionalList = this.provisionalList.filter((s) => s !== sa);
    if (sa.peer) {
      const list = this.byPeer.get(sa.peer);
      if (list) this.byPeer.set(sa.peer, list.filter((s) => s !== sa));
    }
  }

  private provisionalName(): string {
    this.provisionalCount++;
    return this.provisionalCount === 1 ? '0' : `0#${this.provisionalCount}`;
  }

  private adopt(sa: Sa, conn: number): void {
    sa.conn = String(conn);
    sa.connNum = conn;
    sa.provisional = false;
    this.byConn.set(conn, sa);
    this.provisionalList = this.provisionalList.filter((s) => s !== sa);
    for (const ref of sa.refs) {
      const cur = ref.ev.sa;
      this.upd(ref, { sa: { ...(cur ?? {}), conn: sa.conn } } as Partial<Event>);
    }
    sa.refs = [];
  }

  private provisionals(): Sa[] {
    return this.provisionalList.filter((s) => !s.closed);
  }

  /**
   * The SA a `(0:0)` / `(0)` line belongs to: the provisional SA of that peer, or the latest one. A
   * deleted one still takes the lines IOS prints about it after the delete (FSM error, state).
   */
  private provisionalFor(peer: string | undefined, startsNew: boolean): Sa {
    if (!startsNew) {
      const all = this.provisionalList;
      const open = all.filter((s) => !s.closed);
      const pick = (list: Sa[]): Sa | undefined => {
        const rev = [...list].reverse();
        if (peer) return rev.find((s) => s.peer === peer) ?? rev.find((s) => s.peer === undefined);
        return rev[0];
      };
      const hit = pick(open) ?? pick(all);
      if (hit) return hit;
    }
    return this.newSa();
  }

  /** The latest SA with this peer address (one not deleted first). */
  private saByPeer(address: string | undefined): Sa | undefined {
    if (!address) return undefined;
    let closed: Sa | undefined;
    const list = this.byPeer.get(address) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const s = list[i]!;
      if (s.purged || s.peer !== address) continue;
      if (!s.closed) return s;
      closed ??= s;
    }
    return closed;
  }

  private resolveSa(r: LogRecord): Sa | undefined {
    const f = r.fields as Record<string, unknown>;
    const conn = typeof f.conn === 'number' ? f.conn : undefined;
    const peerField = typeof f.peer === 'string' ? f.peer : undefined;
    // a packet that creates an SA, or the first line of a 12.4 initiator
    const startsNew =
      (r.kind === 'ios.packet' && f.role === 'N' && f.dir === 'in') ||
      (r.kind === 'ios.saRequestProfile' && (conn === undefined || conn === 0));
    if (startsNew) {
      // a new SA starts: deleted provisional SAs take no more lines
      this.provisionalList = this.provisionalList.filter((s) => !s.closed);
      const sa = this.provisionalFor(undefined, true);
      this.current = sa;
      return sa;
    }
    if (conn !== undefined && conn <= 0xffffff && r.kind !== 'ios.engine') {
      let sa: Sa;
      if (conn === 0) {
        sa = this.provisionalFor(peerField, false);
      } else {
        const known = this.byConn.get(conn);
        if (known && !known.purged) sa = known;
        else {
          const open = this.provisionals();
          const p = (peerField && [...open].reverse().find((s) => s.peer === peerField)) || open[open.length - 1];
          if (p) {
            this.adopt(p, conn);
            sa = p;
          } else sa = this.newSa(conn);
        }
      }
      this.current = sa;
      return sa;
    }
    // no conn-id: the SA of the peer the line names, else the context
    const addr = peerOf(r);
    if (addr) {
      const s = this.saByPeer(addr);
      if (s) return s;
    }
    if (r.kind === 'ios.attr' || r.kind === 'ios.p2Transform' || r.kind === 'ios.attrsInTransform') return this.attrSa ?? this.current;
    return this.current;
  }

  // ---- messages -----------------------------------------------------------------------------------

  private newMsg(
    r: LogRecord,
    sa: Sa,
    dir: Direction,
    exchange: Exchange,
    exSettled: boolean,
    msgid: number | undefined,
    payloads: PayloadInfo[],
    extra: { retransmit?: boolean; local?: Endpoint; remote?: Endpoint },
  ): Msg {
    const init: Record<string, unknown> = { kind: 'ike.msg', dir, exchange, msgid: msgid ?? NO_MSGID, payloads: [...payloads] };
    if (extra.retransmit) init.retransmit = true;
    if (extra.local) init.local = extra.local;
    if (extra.remote) init.remote = extra.remote;
    const ref = this.emit<IkeMsgEvent>(r, sa, init as EventInit<IkeMsgEvent>);
    const m: Msg = {
      ref,
      dir,
      exchange,
      msgid,
      exSettled,
      idSettled: msgid !== undefined,
      payloads: [...payloads],
      phase1: false,
      retransmit: !!extra.retransmit,
    };
    sa.msgs.push(m);
    // (a TED probe is addressed to the protected host, not to this gateway)
    if (!extra.local && exchange !== 'ted') sa.needLocal.push(m);
    if (isPhase1(exchange)) this.countPhase1(sa, m);
    if (exchange === 'quick' && msgid !== undefined) this.noteQm(sa, m);
    return m;
  }

  private countPhase1(sa: Sa, m: Msg): void {
    if (m.phase1 || m.retransmit) return;
    if (!isPhase1(m.exchange) || m.exchange === 'ted') return;
    m.phase1 = true;
    sa.p1Count++;
    if (sa.mode && sa.p1Count >= p1Total(sa.mode)) sa.p1Done = true;
  }

  private uncountPhase1(sa: Sa, m: Msg): void {
    if (!m.phase1) return;
    m.phase1 = false;
    sa.p1Count = Math.max(0, sa.p1Count - 1);
  }

  /** What the lines around a message say about it: its exchange and message ID (first word wins). */
  private refine(sa: Sa, m: Msg | undefined, p: { exchange?: Exchange; msgid?: number; force?: boolean }): void {
    if (!m) return;
    const patch: Record<string, unknown> = {};
    if (p.exchange && (!m.exSettled || p.force) && m.exchange !== p.exchange) {
      const wasP1 = m.phase1;
      m.exchange = p.exchange;
      patch.exchange = p.exchange;
      if (wasP1 && (!isPhase1(p.exchange) || p.exchange === 'ted')) this.uncountPhase1(sa, m);
      if (isPhase1(p.exchange)) this.countPhase1(sa, m);
    }
    if (p.exchange) m.exSettled = true;
    if (p.msgid !== undefined && (!m.idSettled || (p.force && m.msgid !== p.msgid))) {
      m.msgid = p.msgid;
      m.idSettled = true;
      patch.msgid = p.msgid;
    }
    if (Object.keys(patch).length) this.upd(m.ref, patch as Partial<IkeMsgEvent>);
    if (m.exchange === 'quick' && m.msgid !== undefined) this.noteQm(sa, m);
  }

  private setPayloads(m: Msg): void {
    this.upd(m.ref, { payloads: [...m.payloads] });
  }

  private addPayload(m: Msg, p: PayloadInfo): void {
    m.payloads.push(p);
    this.setPayloads(m);
  }

  /** The received message a line after a packet line completes (undefined when the last message was sent). */
  private openIn(sa: Sa | undefined): Msg | undefined {
    return sa?.open?.dir === 'in' ? sa.open : undefined;
  }

  /**
   * The received message a `processing ...` line of an established SA belongs to. When the log shows
   * no received packet for it (the last message was sent, or had another message ID), the line is the
   * evidence that a message was received: an `ike.msg` is made for it here.
   */
  private inMsgFor(r: LogRecord, sa: Sa, msgid: number | undefined, exchange: Exchange | undefined): Msg {
    const m = this.openIn(sa);
    if (m) {
      if (!sa.p1Done || m.phase1 || m.exchange === 'ted') return m;
      if (msgid === undefined || !m.idSettled || m.msgid === msgid || msgid === 0) return m;
    } else if (!sa.p1Done && sa.open) {
      return sa.open;
    }
    const remote = this.remoteEndpoint(sa);
    const local = this.localEndpoint(sa);
    const synth = this.newMsg(r, sa, 'in', exchange ?? 'quick', exchange !== undefined, msgid, [], {
      ...(local ? { local } : {}),
      ...(remote ? { remote } : {}),
    });
    sa.open = synth;
    return synth;
  }

  private localEndpoint(sa: Sa): Endpoint | undefined {
    if (!sa.localAddr) return undefined;
    return sa.localPort !== undefined ? { address: sa.localAddr, port: sa.localPort } : { address: sa.localAddr };
  }

  private remoteEndpoint(sa: Sa): Endpoint | undefined {
    if (!sa.peer) return undefined;
    return sa.peerPort !== undefined ? { address: sa.peer, port: sa.peerPort } : { address: sa.peer };
  }

  private learnLocal(sa: Sa | undefined, address: string | undefined): void {
    if (!sa || !address || sa.localAddr) return;
    sa.localAddr = address;
    for (const m of sa.needLocal) {
      const port = m.localPort;
      this.upd(m.ref, { local: port !== undefined ? { address, port } : { address } });
    }
    sa.needLocal = [];
  }

  private noteQm(sa: Sa, m: Msg): Qm | undefined {
    if (m.msgid === undefined) return undefined;
    let qm = sa.qms.get(m.msgid);
    if (!qm) {
      qm = { msgid: m.msgid, initiator: m.dir === 'in' ? 'peer' : 'self', msgs: new Set() };
      sa.qms.set(m.msgid, qm);
    }
    qm.msgs.add(m);
    sa.curQm = qm;
    return qm;
  }

  private qmCount(qm: Qm): number {
    let n = 0;
    for (const m of qm.msgs) if (!m.retransmit && m.exchange === 'quick') n++;
    return n;
  }

  // ---- failures -----------------------------------------------------------------------------------

  /** One `ike.phase failed` per phase-1 attempt and per Quick Mode; later wordings of the same failure stay log lines. */
  private fail(r: LogRecord, sa: Sa | undefined, phase: 1 | 2, reason: PhaseReason, msgid?: number): boolean {
    if (sa) {
      if (phase === 1) {
        if (sa.p1Failed) return false;
        sa.p1Failed = true;
      } else {
        const key = msgid ?? -1;
        if (sa.p2Failed.has(key)) return false;
        sa.p2Failed.add(key);
      }
    }
    const init: Record<string, unknown> = { kind: 'ike.phase', phase, status: 'failed', reason, text: words(r) };
    if (phase === 1 && sa?.mode) init.mode = sa.mode;
    if (phase === 2 && msgid !== undefined) init.msgid = msgid;
    this.emit<IkePhaseEvent>(r, sa, init as EventInit<IkePhaseEvent>);
    return true;
  }

  private phaseOf(sa: Sa | undefined): 1 | 2 {
    return sa?.p1Done ? 2 : 1;
  }

  private qmMsgid(sa: Sa | undefined): number | undefined {
    if (!sa) return undefined;
    const m = sa.open;
    if (m && m.exchange === 'quick' && m.msgid !== undefined) return m.msgid;
    return sa.curQm?.msgid;
  }

  /** A garbled or undecryptable message: during the encrypted part of phase 1 the classic sign of a pre-shared key mismatch. */
  private garbled(r: LogRecord, sa: Sa | undefined, what: string): void {
    if (sa && !sa.p1Done && sa.mode === 'main' && sa.p1Count >= 4) {
      this.emitAuthFailed(r, sa, what);
      this.fail(r, sa, 1, 'psk');
      return;
    }
    if (sa && !sa.p1Done && sa.mode === 'aggressive' && sa.p1Count >= 2) {
      this.emitAuthFailed(r, sa, what);
      this.fail(r, sa, 1, 'psk');
      return;
    }
    const phase = this.phaseOf(sa);
    this.fail(r, sa, phase, 'malformed', phase === 2 ? this.qmMsgid(sa) : undefined);
  }

  private emitAuthFailed(r: LogRecord, sa: Sa, reason: string): void {
    if (sa.authFailed) return;
    sa.authFailed = true;
    const init: Record<string, unknown> = { kind: 'ike.auth', result: 'failed', reason };
    const method = this.authMethod(sa);
    if (method) init.method = method;
    if (sa.peerId) init.peerId = sa.peerId;
    if (sa.localId) init.localId = sa.localId;
    this.emit<IkeAuthEvent>(r, sa, init as EventInit<IkeAuthEvent>);
  }

  private authMethod(sa: Sa): IkeAuthEvent['method'] {
    if (sa.acceptedAuth) {
      const a = canonicalAuth(sa.acceptedAuth, 'ios');
      if (a) return a;
    }
    if (sa.authMethodWords) {
      const w = sa.authMethodWords.toLowerCase();
      if (w.includes('pre-shared')) return 'psk';
      if (w.includes('rsa sig')) return 'rsa-sig';
      if (w.includes('rsa enc')) return 'rsa-enc';
      return canonicalAuth(sa.authMethodWords, 'ios');
    }
    return undefined;
  }

  // ---- dispatch -----------------------------------------------------------------------------------

  private dispatch(r: LogRecord, sa: Sa | undefined): void {
    // a VID that IOS did not recognise is known once the next line is not its name
    if (sa && sa.vidUnknown && r.kind !== 'ios.vid' && r.kind !== 'ios.vidIos' && r.kind !== 'ios.vidMismatch') this.flushVidUnknown(sa);
    if (sa && sa.cfgType && !sa.cfgType.emitted && r.kind === 'ios.packet') this.flushCfgType(sa);
    switch (r.kind) {
      case 'ios.packet':
        return this.onPacket(r, sa!, fx<'ios.packet'>(r));
      case 'ios.stateChange':
        return this.onStateChange(r, sa, fx<'ios.stateChange'>(r));
      case 'ios.input':
        return this.onInput(r, sa, fx<'ios.input'>(r));
      case 'ios.payload':
        return this.onPayload(r, sa, fx<'ios.payload'>(r));
      case 'ios.payloadType':
        return this.onPayloadType(sa, fx<'ios.payloadType'>(r));
      case 'ios.idPayload':
        return this.onIdPayload(r, sa, fx<'ios.idPayload'>(r));
      case 'ios.idSummary':
        return this.onIdSummary(sa, fx<'ios.idSummary'>(r));
      case 'ios.ports':
        if (sa) {
          const f = fx<'ios.ports'>(r);
          sa.localPort = f.localPort;
          sa.peerPort = f.remotePort;
        }
        return;
      case 'ios.retransmit':
        return this.onRetransmit(r, sa, fx<'ios.retransmit'>(r));
      case 'ios.errorCounter':
        return this.onErrorCounter(r, sa, fx<'ios.errorCounter'>(r));
      case 'ios.beginExchange':
        return this.onBeginExchange(r, sa, fx<'ios.beginExchange'>(r));

      // ---- keys, authentication ----
      case 'ios.noPsk': {
        const f = fx<'ios.noPsk'>(r);
        // (no ike.auth: with no key there was no authentication to fail)
        if (sa && !sa.peer) this.setPeer(sa, f.peer);
        this.fail(r, sa, 1, 'no_psk');
        return;
      }
      case 'ios.authMethod': {
        const f = fx<'ios.authMethod'>(r);
        if (sa) sa.authMethodWords = f.method;
        return;
      }
      case 'ios.authStatus':
      case 'ios.authStatusValue': {
        const f = r.fields as { authenticated?: boolean; parts?: readonly Part[] };
        const v = f.authenticated ?? (f.parts?.find((p) => p.kind === 'ios.authStatusValue')?.authenticated as boolean | undefined);
        if (v === false && sa) {
          this.emitAuthFailed(r, sa, 'not authenticated');
          this.fail(r, sa, 1, 'auth');
        }
        return;
      }
      case 'ios.authenticated':
        return this.onAuthenticated(r, sa, fx<'ios.authenticated'>(r));

      // ---- vendor IDs, NAT-D ----
      case 'ios.vidPayload': {
        const m = sa && this.openIn(sa);
        if (m) this.addPayload(m, { type: 'VID' });
        return;
      }
      case 'ios.vid':
        return this.onVid(r, sa, `vendor ID is ${fx<'ios.vid'>(r).vendor}`, 'in');
      case 'ios.vidIos':
        return this.onVid(r, sa, 'speaking to another IOS box!', 'in');
      case 'ios.vidSent':
        return this.onVid(r, sa, `constructed ${fx<'ios.vidSent'>(r).vendor} ID`, 'out');
      case 'ios.vidMismatch':
        if (sa) {
          this.flushVidUnknown(sa);
          sa.vidUnknown = r;
          this.emitted = true; // its event follows (unknown VID) or it becomes a log line when IOS names the VID
        }
        return;
      case 'ios.natd':
        return this.onNatd(r, sa, fx<'ios.natd'>(r));

      // ---- proposals ----
      case 'ios.checkTransform':
        return this.onCheckTransform(r, sa, fx<'ios.checkTransform'>(r));
      case 'ios.attr':
        return this.onAttr(sa, fx<'ios.attr'>(r));
      case 'ios.atts':
        return this.onAtts(r, sa, fx<'ios.atts'>(r));
      case 'ios.offerMismatch':
        return this.onOfferMismatch(r, sa, fx<'ios.offerMismatch'>(r));
      case 'ios.noOffers': {
        const p = this.phaseOf(sa);
        if (p === 1 && sa?.p1 && !sa.p1.done) this.closeP1(r, sa, false);
        this.fail(r, sa, p, 'proposal', p === 2 ? this.qmMsgid(sa) : undefined);
        return;
      }
      case 'ios.policyNotAcceptable': {
        const f = fx<'ios.policyNotAcceptable'>(r);
        if (sa && f.local) this.learnLocal(sa, f.local);
        const phase = f.phase === 2 ? 2 : 1;
        this.fail(r, sa, phase, 'proposal', phase === 2 ? this.qmMsgid(sa) : undefined);
        return;
      }
      case 'ios.policyInvalidated': {
        const f = fx<'ios.policyInvalidated'>(r);
        this.rejectP2(r, sa, `IPSec policy invalidated proposal with error ${f.error}`);
        return;
      }
      case 'ios.checkProposal':
        return this.onCheckProposal(r, sa, fx<'ios.checkProposal'>(r));
      case 'ios.p2Transform':
        return this.onP2Transform(r, sa, fx<'ios.p2Transform'>(r));
      case 'ios.lifetimeNote': {
        const f = fx<'ios.lifetimeNote'>(r);
        if (f.note === 'actual lifetime' || f.note === 'lifetime timer') this.setP1Lifetime(sa, f.value);
        return;
      }
      case 'ios.responderLifetime':
        return this.onResponderLifetime(r, sa, fx<'ios.responderLifetime'>(r));

      // ---- nodes, SAs ----
      case 'ios.newNode':
        return this.onNewNode(sa, fx<'ios.newNode'>(r));
      case 'ios.deleteNode':
        return this.onDeleteNode(r, sa, fx<'ios.deleteNode'>(r));
      case 'ios.purgeNode': {
        const f = fx<'ios.purgeNode'>(r);
        const m = sa?.open;
        if (sa && m && m.dir === 'out' && (m.msgid === f.msgid || !m.idSettled) && f.msgid !== 0 && sa.p1Done) {
          this.refine(sa, m, { exchange: 'informational', msgid: f.msgid });
        }
        return;
      }
      case 'ios.deleteSa':
        return this.onDeleteSa(r, sa, fx<'ios.deleteSa'>(r));
      case 'ios.purgeSa':
        if (sa) this.purge(sa);
        return;
      case 'ios.peerInsert': {
        const f = fx<'ios.peerInsert'>(r);
        if (sa && sa.peer === f.peer) this.learnLocal(sa, f.local);
        return;
      }

      // ---- IPsec ----
      case 'ios.keyEngine':
        return this.onKeyEngine(r, sa, fx<'ios.keyEngine'>(r));
      case 'ios.spiResponse':
        return this.onSpiResponse(r, sa, fx<'ios.spiResponse'>(r));
      case 'ios.saBlock':
        return this.onSaBlock(r, sa, fx<'ios.saBlock'>(r));
      case 'ios.ipsecSa':
        return this.onIpsecSa(r, sa, fx<'ios.ipsecSa'>(r));
      case 'ios.transformNotSupported': {
        const f = fx<'ios.transformNotSupported'>(r);
        const set = f.transforms ?? (f.parts?.find((p) => p.kind === 'ios.transformSet')?.transforms as string[] | undefined);
        this.rejectP2(r, sa, 'transform proposal not supported', set);
        this.fail(r, sa, 2, 'proposal', this.qmMsgid(sa));
        return;
      }
      case 'ios.proxyIdsNotSupported':
      case 'ios.invalidProxyIds':
        this.fail(r, sa, 2, 'proxy', this.qmMsgid(sa));
        return;
      case 'ios.invalidLocalAddress':
        this.fail(r, sa, 2, 'unknown', this.qmMsgid(sa));
        return;
      case 'ios.ipsecDeleteSpi':
        return this.onIpsecDeleteSpi(r, sa, fx<'ios.ipsecDeleteSpi'>(r));

      // ---- notifies, DPD ----
      case 'ios.notify':
        return this.onNotify(r, sa, fx<'ios.notify'>(r));
      case 'ios.sendInitialContact':
        return this.onSendInitialContact(r, sa);
      case 'ios.initialContact': {
        const b = fx<'ios.initialContact'>(r).parts?.find((p) => p.kind === 'ios.bringDown');
        if (sa && b && typeof b.local === 'string' && b.remote === sa.peer) this.learnLocal(sa, b.local);
        return;
      }
      case 'ios.dpd':
        return this.onDpd(r, sa, fx<'ios.dpd'>(r));

      // ---- XAUTH, Mode-Config ----
      case 'ios.needXauth':
        if (sa) sa.xauthActive = true;
        return;
      case 'ios.xauthAttr':
        return this.onXauthAttr(r, sa, fx<'ios.xauthAttr'>(r));
      case 'ios.xauthAckProcessed':
        return;
      case 'ios.peerConfig':
        return this.onPeerConfig(sa, fx<'ios.peerConfig'>(r));
      case 'ios.transaction':
        return this.onTransaction(r, sa, fx<'ios.transaction'>(r));
      case 'ios.cfgPayload':
        return this.onCfgPayload(r, sa, fx<'ios.cfgPayload'>(r));
      case 'ios.cfgAttr':
        return this.onCfgAttr(r, sa, fx<'ios.cfgAttr'>(r));
      case 'ios.cfgSend':
        return this.onCfgSend(r, sa, fx<'ios.cfgSend'>(r));
      case 'ios.cfgSendVersion':
        return this.onCfgSendVersion(r, sa, fx<'ios.cfgSendVersion'>(r));

      // ---- TED ----
      case 'ios.tedSrc': {
        const f = fx<'ios.tedSrc'>(r);
        this.tedRequest = { ...(this.tedRequest ?? {}), src: f.src, target: f.dst };
        return;
      }
      case 'ios.tedProxySource': {
        const f = fx<'ios.tedProxySource'>(r);
        const p = f.prefix ?? cidr(f.address, f.mask);
        this.tedRequest = { ...(this.tedRequest ?? {}), ...(p ? { localProxy: p } : {}) };
        return;
      }
      case 'ios.tedNoIdb':
        if (sa) this.startTed(sa, 'initiator');
        return;
      case 'ios.tedRespond':
        return this.onTedRespond(r, sa);
      case 'ios.tedPeerAddress': {
        const f = fx<'ios.tedPeerAddress'>(r);
        if (sa?.tedProbe) this.upd(sa.tedProbe, { gateway: f.address });
        return;
      }
      case 'ios.tedSrcDst':
        return this.onTedSrcDst(sa, fx<'ios.tedSrcDst'>(r));
      case 'ios.tedProxies':
        return this.onTedProxies(sa, fx<'ios.tedProxies'>(r));
      case 'ios.tedV3': {
        const f = fx<'ios.tedV3'>(r);
        if (sa && sa.role === 'responder') this.learnLocal(sa, f.dest);
        return;
      }

      // ---- failures ----
      case 'ios.malformed': {
        const f = fx<'ios.malformed'>(r);
        this.garbled(r, sa, `IKE message from ${f.peer} failed its sanity check or is malformed`);
        return;
      }
      case 'ios.reservedNotZero': {
        const f = fx<'ios.reservedNotZero'>(r);
        this.garbled(r, sa, `reserved not zero on payload ${f.payload}`);
        return;
      }
      case 'ios.cryptError':
        this.garbled(r, sa, 'packet encryption/decryption error');
        return;
      case 'ios.hmacFailed':
        this.garbled(r, sa, 'HMAC verification failed');
        return;
      case 'ios.notEncrypted':
        this.garbled(r, sa, 'IKE packet was not encrypted');
        return;
      case 'ios.peerNotResponding': {
        const p = this.phaseOf(sa);
        this.fail(r, sa, p, 'no_response', p === 2 ? this.qmMsgid(sa) : undefined);
        return;
      }
      case 'ios.qmFsmError':
        this.fail(r, sa, 2, 'unknown', this.qmMsgid(sa));
        return;
      case 'ios.saNotAuthenticated':
        this.fail(r, sa, 2, 'auth', this.qmMsgid(sa));
        return;
      case 'ios.modeFailure': {
        const f = fx<'ios.modeFailure'>(r);
        const mode = f.mode.toLowerCase();
        if (mode.startsWith('main') || mode.startsWith('aggressive')) this.fail(r, sa, 1, 'unknown');
        else if (mode.startsWith('quick')) this.fail(r, sa, 2, 'unknown', this.qmMsgid(sa));
        return;
      }
      default:
        return;
    }
  }

  // ---- packets ------------------------------------------------------------------------------------

  private onPacket(r: LogRecord, sa: Sa, f: Fx<'ios.packet'>): void {
    const dir = f.dir;
    this.setPeer(sa, f.peer);
    if (f.peerPort !== undefined) sa.peerPort = f.peerPort;
    if (f.localPort !== undefined) sa.localPort = f.localPort;
    if (f.role === 'R' || (f.role === 'N' && dir === 'in')) sa.role = sa.role ?? 'responder';
    if (f.role === 'I') sa.role = sa.role ?? 'initiator';
    // the IPSEC(sa_request) printed before this SA existed is its start: its line joins the SA, and its
    // `local=` is the local address when no line of the SA printed it
    const req = this.saRequests.get(f.peer);
    if (req?.line) {
      const line = req.line;
      req.line = undefined;
      const peer = this.peerRef(sa);
      this.upd(line, { sa: { conn: sa.conn }, ...(peer ? { peer } : {}), ...(sa.role ? { role: sa.role } : {}) } as Partial<Event>);
      if (sa.provisional) sa.refs.push(line);
    }
    if (!sa.localAddr) this.learnLocal(sa, req?.localAddr);
    const st = f.state;
    if (/^MM_/.test(st)) sa.mode = sa.mode ?? 'main';
    if (/^AG_/.test(st)) sa.mode = sa.mode ?? 'aggressive';

    // the SA state word, when it changes
    if (st !== sa.lastSaState && st !== 'NEW SA') {
      const cs = canonicalState('ios', st, { kind: 'sa', ...(sa.role ? { role: sa.role } : {}) });
      const init: Record<string, unknown> = { kind: 'ike.state', vendor: st, vendorKind: 'sa', canonical: cs?.state ?? null, scope: 'isakmp-sa' };
      if (sa.lastSaState) {
        const prev = canonicalState('ios', sa.lastSaState, { kind: 'sa', ...(sa.role ? { role: sa.role } : {}) });
        init.previous = { vendor: sa.lastSaState, canonical: prev?.state ?? null };
      }
      this.emit(r, sa, init as EventInit<Event>);
    }
    sa.lastSaState = st;

    // an SA the log shows only after its phase 1 (the paste starts later)
    if (!sa.p1Done && /^(QM_IDLE|CONF_)/.test(st) && !(sa.mode && this.p1Due(sa, dir))) sa.p1Done = true;

    const retransmit = dir === 'out' && sa.retransmitNext;
    if (dir === 'out') sa.retransmitNext = false;
    // the peer's phase-1 message again: a received packet in the same phase-1 state as the last one, with
    // nothing new sent in between (the copies of an MM5 that failed its sanity check, say)
    const repeated =
      dir === 'in' && !sa.p1Done && /^(MM|AG)_/.test(f.state) && f.state === sa.lastInState && !sa.sentSinceIn;
    if (dir === 'in') {
      sa.lastInState = f.state;
      sa.sentSinceIn = false;
    } else if (!retransmit) sa.sentSinceIn = true;
    // what the lines before a send prepared goes with that send (a received packet leaves it for the next one)
    const pending: Pending = dir === 'out' ? sa.pending : { payloads: [] };
    if (dir === 'out') sa.pending = { payloads: [] };

    let exchange: Exchange;
    let exSettled = true;
    let msgid: number | undefined = 0;
    let payloads: PayloadInfo[] = dir === 'out' ? pending.payloads : [];
    let guessedId = false;

    if (retransmit && sa.lastOut) {
      exchange = sa.lastOut.exchange;
      msgid = sa.lastOut.msgid;
      payloads = [...sa.lastOut.payloads];
    } else if (st === 'PEER_DISCOVERY') {
      exchange = 'ted';
      sa.ted = true;
    } else if (st === 'NEW SA') {
      exchange = 'main';
      exSettled = false;
    } else if (/^(MM|AG)_/.test(st)) {
      const p1: Phase1Mode = st.startsWith('AG_') ? 'aggressive' : 'main';
      // a phase-1 state word on a send after IOS refused phase 1: the error notify
      const notifying = dir === 'out' && (pending.exchange === 'informational' || sa.p1Failed);
      if (notifying) {
        exchange = 'informational';
        msgid = pending.msgid ?? 0;
      } else exchange = p1;
    } else if (!sa.p1Done && sa.mode && this.p1Due(sa, dir)) {
      // 12.2 prints the responder's MM6 as "(R) QM_IDLE"
      exchange = sa.mode;
    } else if (st === 'CONF_XAUTH' || st === 'CONF_ADDR') {
      exchange = 'transaction';
      msgid = dir === 'out' ? pending.msgid : undefined;
    } else if (dir === 'out') {
      exchange = pending.exchange ?? 'quick';
      exSettled = !!pending.exSettled;
      msgid = pending.msgid;
      // no node line before the send (12.2): the answer to the message just received has its message ID
      const last = sa.open;
      if (msgid === undefined && !pending.exchange && last?.dir === 'in' && last.exchange === 'quick' && last.msgid !== undefined) {
        msgid = last.msgid;
        guessedId = true;
      }
    } else {
      exchange = 'quick';
      exSettled = false;
      msgid = undefined;
    }

    const local: Endpoint | undefined = sa.localAddr
      ? f.localPort !== undefined
        ? { address: sa.localAddr, port: f.localPort }
        : { address: sa.localAddr }
      : undefined;
    const remote: Endpoint = f.peerPort !== undefined ? { address: f.peer, port: f.peerPort } : { address: f.peer };
    if (sa.open) this.finalizeMsg(sa, sa.open);
    // QM1 sent: its proxy identities are those IPsec asked ISAKMP for (IPSEC(sa_request))
    if (dir === 'out' && exchange === 'quick' && !retransmit && msgid !== undefined) {
      const qm = sa.qms.get(msgid);
      if (qm && qm.initiator === 'self' && qm.msgs.size === 0 && qm.proxies?.local && qm.proxies.remote && !payloads.some((p) => p.type === 'ID')) {
        payloads = [...payloads, { type: 'ID', id: qm.proxies.local }, { type: 'ID', id: qm.proxies.remote }];
      }
    }
    const m = this.newMsg(r, sa, dir, exchange, exSettled, msgid, payloads, {
      ...(retransmit || repeated ? { retransmit: true } : {}),
      ...(local ? { local } : {}),
      remote,
    });
    if (guessedId) m.idSettled = false;
    if (f.localPort !== undefined) m.localPort = f.localPort;
    sa.open = m;
    if (dir === 'out') sa.lastOut = m;
    if (dir === 'in') sa.lastDeletePayload = false;

    // NAT-T: the exchange moved to UDP 4500
    if (f.localPort === 500 || f.peerPort === 500) sa.sawPort500 = true;
    if (!sa.floated && sa.sawPort500 && (f.localPort === 4500 || f.peerPort === 4500)) {
      sa.floated = true;
      sa.natdSeen = true;
      const init: Record<string, unknown> = { kind: 'ike.natd', floated: true, remote };
      if (local) init.local = local;
      this.emit(r, sa, init as EventInit<Event>);
    }

    // TED
    if (st === 'PEER_DISCOVERY' && !retransmit) this.onTedPacket(r, sa, dir, f);

    // 12.2 prints no FSM lines: phase 1 is complete when the last message went and the peer is authenticated
    this.inferP1Complete(r, sa);
  }

  /**
   * A received QM1/QM2 whose `processing ID payload` lines IOS did not print (it stopped at the SA
   * payload, e.g. a refused proposal): the key-engine block printed the two proxy identities it
   * carried, which are its last payloads (IDci, IDcr).
   */
  private finalizeMsg(sa: Sa, m: Msg): void {
    if (m.dir !== 'in' || m.exchange !== 'quick' || m.msgid === undefined) return;
    if (!m.payloads.some((p) => p.type === 'SA') || m.payloads.some((p) => p.type === 'ID')) return;
    const qm = sa.qms.get(m.msgid);
    const proxies = qm?.proxies;
    if (!qm || !proxies?.local || !proxies.remote) return;
    const order = qm.initiator === 'peer' ? [proxies.remote, proxies.local] : [proxies.local, proxies.remote];
    for (const id of order) m.payloads.push({ type: 'ID', id: id! });
    this.setPayloads(m);
  }

  /** Is the next phase-1 message (by count) one that goes in this direction? */
  private p1Due(sa: Sa, dir: Direction): boolean {
    if (!sa.mode || !sa.role || sa.p1Done) return false;
    const next = sa.p1Count + 1;
    if (next > p1Total(sa.mode)) return false;
    const sender: Role = next % 2 === 1 ? 'initiator' : 'responder';
    return dir === 'out' ? sender === sa.role : sender !== sa.role;
  }

  private inferP1Complete(r: LogRecord, sa: Sa): void {
    if (sa.fsm || sa.p1CompleteEmitted || !sa.mode || !sa.authenticated) return;
    if (sa.p1Count < p1Total(sa.mode)) return;
    sa.p1CompleteEmitted = true;
    sa.p1Done = true;
    this.emit<IkePhaseEvent>(r, sa, { kind: 'ike.phase', phase: 1, status: 'complete', mode: sa.mode } as EventInit<IkePhaseEvent>);
    this.noFloat(r, sa);
  }

  private onRetransmit(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.retransmit'>): void {
    if (!sa) return;
    if (f.state === undefined && f.msgid === undefined) {
      // "retransmitting due to retransmit phase 1": the peer sent its last message again
      const m = this.openIn(sa);
      if (m && !m.retransmit) {
        this.uncountPhase1(sa, m);
        m.retransmit = true;
        this.upd(m.ref, { retransmit: true });
      }
    }
    sa.retransmitNext = true;
  }

  private onErrorCounter(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.errorCounter'>): void {
    if (f.attempt >= f.of && /retransmi/i.test(f.reason)) {
      const p = this.phaseOf(sa);
      this.fail(r, sa, p, 'no_response', p === 2 ? this.qmMsgid(sa) : undefined);
    }
  }

  private onBeginExchange(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.beginExchange'>): void {
    if (!sa) return;
    if (f.exchange === 'Quick Mode') {
      sa.pending.exchange = 'quick';
      sa.pending.exSettled = true;
      if (f.msgid !== undefined) {
        sa.pending.msgid = f.msgid;
        const qm: Qm = { msgid: f.msgid, initiator: 'self', msgs: new Set() };
        if (!sa.qms.has(f.msgid)) sa.qms.set(f.msgid, qm);
        sa.curQm = sa.qms.get(f.msgid);
        const requested = sa.peer ? this.saRequests.get(sa.peer) : undefined;
        if (requested && sa.curQm) {
          sa.curQm.proxies = { ...(requested.local ? { local: requested.local } : {}), ...(requested.remote ? { remote: requested.remote } : {}) };
          this.saRequests.delete(sa.peer!);
        }
      }
      const init: Record<string, unknown> = { kind: 'ike.phase', phase: 2, status: 'started' };
      if (f.msgid !== undefined) init.msgid = f.msgid;
      this.emit(r, sa, init as EventInit<Event>);
      return;
    }
    sa.role = sa.role ?? 'initiator';
    if (f.exchange === 'peer discovery') {
      this.startTed(sa, 'initiator');
      sa.pending.exchange = 'ted';
      sa.pending.exSettled = true;
      return;
    }
    const mode: Phase1Mode = f.exchange === 'Aggressive Mode' ? 'aggressive' : 'main';
    sa.mode = mode;
    this.emit(r, sa, { kind: 'ike.phase', phase: 1, status: 'started', mode } as EventInit<Event>);
  }

  // ---- state machine ------------------------------------------------------------------------------

  private onInput(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.input'>): void {
    if (!sa) return;
    sa.lastInput = { input: f.input, event: f.event, ...(f.node !== undefined ? { node: f.node } : {}) };
    if (f.input === 'IKE_MESG_FROM_PEER') {
      const m = this.openIn(sa);
      if (f.event === 'IKE_MM_EXCH') {
        sa.mode = sa.mode ?? 'main';
        if (m && !m.exSettled) this.refine(sa, m, { exchange: 'main', msgid: 0 });
      } else if (f.event === 'IKE_AM_EXCH') {
        sa.mode = sa.mode ?? 'aggressive';
        if (m && !m.exSettled) this.refine(sa, m, { exchange: 'aggressive', msgid: 0 });
      } else if (f.node !== undefined && /QM/.test(f.event) && m && (!m.idSettled || m.msgid === f.node)) {
        this.refine(sa, m, { exchange: 'quick', msgid: f.node });
      }
    } else if (f.node !== undefined && f.input === 'IKE_MESG_FROM_IPSEC' && f.event === 'IKE_SPI_REPLY') {
      const m = sa.open;
      if (m && m.dir === 'out' && (!m.idSettled || m.msgid === f.node)) this.refine(sa, m, { exchange: 'quick', msgid: f.node });
    }
  }

  private onStateChange(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.stateChange'>): void {
    if (sa) sa.fsm = true;
    const isQm = /^IKE_QM_/.test(f.new) || /^IKE_QM_/.test(f.old);
    if (sa) {
      if (/^IKE_R_(MM|AM)/.test(f.new)) sa.role = sa.role ?? 'responder';
      if (/^IKE_I_(MM|AM)/.test(f.new)) sa.role = sa.role ?? 'initiator';
      if (/^IKE_[RI]_MM/.test(f.new)) sa.mode = sa.mode ?? 'main';
      if (/^IKE_[RI]_AM/.test(f.new)) sa.mode = sa.mode ?? 'aggressive';
    }
    const node = isQm ? sa?.lastInput?.node : undefined;
    const qm = node !== undefined ? sa?.qms.get(node) : undefined;
    const role: Role | undefined = isQm
      ? /_QM_R_/.test(f.new)
        ? 'responder'
        : /_QM_I_/.test(f.new)
          ? 'initiator'
          : qm
            ? qm.initiator === 'self'
              ? 'initiator'
              : 'responder'
            : undefined
      : sa?.role;
    const cs = canonicalState('ios', f.new, { kind: 'fsm', ...(role ? { role } : {}) });
    const ps = canonicalState('ios', f.old, { kind: 'fsm', ...(role ? { role } : {}) });
    const init: Record<string, unknown> = {
      kind: 'ike.state',
      vendor: f.new,
      vendorKind: 'fsm',
      canonical: cs?.state ?? null,
      previous: { vendor: f.old, canonical: ps?.state ?? null },
      scope: isQm ? 'exchange' : 'isakmp-sa',
    };
    if (sa?.lastInput) init.input = `${sa.lastInput.input}, ${sa.lastInput.event}`;
    this.emit(r, sa, init as EventInit<Event>);
    if (!sa) return;

    if (f.new === 'IKE_P1_COMPLETE') {
      sa.p1Done = true;
      if (!sa.p1CompleteEmitted) {
        sa.p1CompleteEmitted = true;
        const pi: Record<string, unknown> = { kind: 'ike.phase', phase: 1, status: 'complete' };
        if (sa.mode) pi.mode = sa.mode;
        this.emit(r, sa, pi as EventInit<Event>);
        this.noFloat(r, sa);
      }
      // back to P1_COMPLETE from an XAUTH SET: the client acknowledged a successful XAUTH
      if (f.old === 'IKE_XAUTH_SET_SENT' && sa.xauthAck) {
        this.upd(sa.xauthAck, { status: 'success' });
        sa.xauthActive = false;
      }
    }
    if (f.new === 'IKE_QM_PHASE2_COMPLETE') {
      const msgid = node ?? this.qmMsgid(sa);
      const q = msgid !== undefined ? sa.qms.get(msgid) : undefined;
      if (!q?.completeEmitted) {
        if (q) q.completeEmitted = true;
        const pi: Record<string, unknown> = { kind: 'ike.phase', phase: 2, status: 'complete' };
        if (msgid !== undefined) pi.msgid = msgid;
        this.emit(r, sa, pi as EventInit<Event>);
      }
    }
    // XAUTH steps IOS shows only by its state
    if (f.new === 'IKE_XAUTH_SET_SENT') {
      const m = sa.lastOut;
      if (m) {
        this.refine(sa, m, { exchange: 'transaction' });
        if (!m.payloads.some((p) => p.type === 'ATTR')) this.addPayload(m, { type: 'ATTR', cfg: { type: 'set' } });
        const init2: Record<string, unknown> = { kind: 'ike.xauth', step: 'set', dir: 'out' };
        if (m.msgid !== undefined) init2.msgid = m.msgid;
        this.emit(r, sa, init2 as EventInit<Event>);
      }
    }
  }

  // ---- payloads -----------------------------------------------------------------------------------

  private onPayload(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.payload'>): void {
    if (!sa) return;
    const name = canonicalPayload(f.payload, 'ios');
    const decisive: Exchange | undefined =
      f.msgid !== 0 && sa.p1Done && (name === 'SA' || name === 'KE' || name === 'NONCE' || name === 'ID')
        ? 'quick'
        : sa.p1Done && (name === 'N' || name === 'D')
          ? 'informational'
          : undefined;
    const m = this.inMsgFor(r, sa, f.msgid, decisive);
    if (sa.p1Done && !m.phase1 && m.exchange !== 'ted') this.refine(sa, m, { ...(decisive ? { exchange: decisive } : {}), msgid: f.msgid });
    const p: PayloadInfo = name ? { type: name } : { type: 'UNKNOWN' };
    // Quick Mode proxies: the first ID is the QM initiator's, the second the responder's
    if (name === 'ID' && m.exchange === 'quick') {
      const qm = m.msgid !== undefined ? sa.qms.get(m.msgid) : sa.curQm;
      const proxies = qm?.proxies ?? sa.lastProxies;
      if (proxies) {
        const nth = m.payloads.filter((x) => x.type === 'ID').length;
        const peerStarted = (qm?.initiator ?? 'peer') === 'peer';
        const order = peerStarted ? [proxies.remote, proxies.local] : [proxies.local, proxies.remote];
        const id = order[nth];
        if (id) (p as { id?: Identity }).id = id;
      }
    }
    if (name === 'D') sa.lastDeletePayload = true;
    this.addPayload(m, p);
  }

  private onPayloadType(sa: Sa | undefined, f: Fx<'ios.payloadType'>): void {
    const m = this.openIn(sa);
    if (!m) return;
    const known = (f.type >= 1 && f.type <= 14) || f.type === 20 || f.type === 21 || f.type === 130 || f.type === 131;
    const name = known ? PAYLOAD_TYPES.nameOf(f.type) : undefined;
    this.addPayload(m, name ? { type: name, number: f.type } : { type: 'UNKNOWN', number: f.type });
  }

  private onIdPayload(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.idPayload'>): void {
    if (!sa) return;
    const id = identityOf(f.parts ?? []);
    const received = sa.lastKind === 'ios.payload' && this.openIn(sa)?.payloads.at(-1)?.type === 'ID';
    if (received) {
      const m = this.openIn(sa)!;
      const last = m.payloads[m.payloads.length - 1]!;
      if (id) {
        m.payloads[m.payloads.length - 1] = { ...last, id };
        this.setPayloads(m);
        if (m.phase1 || !sa.p1Done) {
          sa.peerId = id;
          if (sa.auth) this.upd(sa.auth, { peerId: id });
        }
      }
      return;
    }
    // a constructed ID: it goes with the next message sent
    sa.pending.payloads.push(id ? { type: 'ID', id } : { type: 'ID' });
    if (!sa.p1Done && id) {
      sa.localId = id;
      if (sa.auth) this.upd(sa.auth, { localId: id });
    }
  }

  private onIdSummary(sa: Sa | undefined, f: Fx<'ios.idSummary'>): void {
    const m = this.openIn(sa);
    if (!m || !sa) return;
    const type = canonicalIdType(f.idType, 'ios');
    const value = f.mask ? (cidr(f.address, f.mask) ?? f.address) : f.address;
    if (!type) return;
    const id: Identity = { type, value, protocol: f.protocol, port: f.port };
    for (let i = m.payloads.length - 1; i >= 0; i--) {
      const p = m.payloads[i]!;
      if (p.type === 'ID' && !p.id) {
        m.payloads[i] = { ...p, id };
        this.setPayloads(m);
        break;
      }
    }
    if (sa.ted && sa.tedProbe && f.which === 'src') {
      const cur = sa.tedProbe.ev.proxies ?? {};
      if (!cur.remote) this.upd(sa.tedProbe, { proxies: { ...cur, remote: proxyOf(id) } });
    }
  }

  // ---- authentication -----------------------------------------------------------------------------

  private onAuthenticated(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.authenticated'>): void {
    if (!sa) return;
    if (!sa.peer) this.setPeer(sa, f.peer);
    if (sa.authenticated) return;
    sa.authenticated = true;
    const init: Record<string, unknown> = { kind: 'ike.auth', result: 'ok' };
    const method = this.authMethod(sa);
    if (method) init.method = method;
    if (sa.peerId) init.peerId = sa.peerId;
    if (sa.localId) init.localId = sa.localId;
    sa.auth = this.emit<IkeAuthEvent>(r, sa, init as EventInit<IkeAuthEvent>);
    this.inferP1Complete(r, sa);
  }

  // ---- vendor IDs, NAT-D --------------------------------------------------------------------------

  private onVid(r: LogRecord, sa: Sa | undefined, wording: string, dir: Direction): void {
    const match = vendorIdByDeviceWording('ios', wording);
    const name = match?.vid ?? 'unknown';
    if (sa && dir === 'in' && sa.vidUnknown) {
      // the "seems Unity/DPD but ... mismatch" line before was about this same payload
      this.logLine(sa.vidUnknown, sa);
      sa.vidUnknown = undefined;
    }
    if (sa && dir === 'in') {
      const m = this.openIn(sa) ?? (!sa.p1Done ? sa.open : undefined);
      if (m) {
        if (m.payloads.some((p) => p.type === 'VID' && p.vendorId?.name === name)) {
          // said again (NAT-T), or processed again: 12.4(T)+ goes through MM1's vendor IDs a second time
          // after the transform check, so the `processing vendor id payload` line just before stands
          // for a payload already counted
          const last = m.payloads[m.payloads.length - 1];
          if (sa.lastKind === 'ios.vidPayload' || sa.lastKind === 'ios.vidMismatch') {
            if (last?.type === 'VID' && !last.vendorId) {
              m.payloads.pop();
              this.setPayloads(m);
            }
          }
          return;
        }
        let i = -1;
        for (let k = m.payloads.length - 1; k >= 0; k--) {
          const p = m.payloads[k]!;
          if (p.type === 'VID' && !p.vendorId) {
            i = k;
            break;
          }
        }
        const vp: PayloadInfo = match?.vid ? { type: 'VID', vendorId: { name: match.vid } } : { type: 'VID' };
        if (i >= 0) m.payloads[i] = vp;
        else m.payloads.push(vp);
        this.setPayloads(m);
      }
    }
    if (sa && dir === 'out') sa.pending.payloads.push(match?.vid ? { type: 'VID', vendorId: { name: match.vid } } : { type: 'VID' });
    const init: Record<string, unknown> = { kind: 'ike.vid', dir, name };
    if (match?.alsoMatches) init.alsoMatches = match.alsoMatches;
    this.emit(r, sa, init as EventInit<Event>);
  }

  private flushVidUnknown(sa: Sa): void {
    const r = sa.vidUnknown;
    if (!r) return;
    sa.vidUnknown = undefined;
    this.emit(r, sa, { kind: 'ike.vid', dir: 'in', name: 'unknown' } as EventInit<Event>);
  }

  private onNatd(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.natd'>): void {
    if (sa) sa.natdSeen = true;
    const init: Record<string, unknown> = { kind: 'ike.natd' };
    if (f.none) {
      init.localBehindNat = false;
      init.peerBehindNat = false;
    } else {
      if (f.hashMismatch === 'his') init.peerBehindNat = true;
      if (f.hashMismatch === 'mine') init.localBehindNat = true;
      if (f.thisNode === 'outside') init.localBehindNat = false;
      if (f.thisNode === 'inside') init.localBehindNat = true;
    }
    this.emit(r, sa, init as EventInit<Event>);
    const m = this.openIn(sa);
    if (m && !m.payloads.some((p) => p.type === 'NAT-D')) this.addPayload(m, { type: 'NAT-D' });
  }

  // ---- phase-1 proposals --------------------------------------------------------------------------

  private onCheckTransform(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.checkTransform'>): void {
    if (!sa) return;
    this.attrSa = sa;
    if (sa.p1 && !sa.p1.done) sa.p1.done = true;
    sa.p2 = undefined;
    const m = this.openIn(sa) ?? sa.open;
    // the same transform is printed again for each policy it is checked against: offered once per message
    const offeredBefore = sa.p1?.transform === f.transform && sa.p1.offered && m && this.p1OfferMsg === m && this.p1OfferSa === sa;
    const policy = `priority ${f.priority} policy`;
    let offered: Ref<IkeProposalEvent> | undefined;
    if (!offeredBefore) {
      offered = this.emit<IkeProposalEvent>(r, sa, {
        kind: 'ike.proposal',
        phase: 1,
        stage: 'offered',
        source: 'peer',
        transform: f.transform,
        attrs: {},
      } as EventInit<IkeProposalEvent>);
      this.p1OfferMsg = m;
      this.p1OfferSa = sa;
    } else offered = undefined;
    const checked = this.emit<IkeProposalEvent>(r, sa, {
      kind: 'ike.proposal',
      phase: 1,
      stage: 'checked',
      source: 'peer',
      transform: f.transform,
      attrs: {},
      policy,
    } as EventInit<IkeProposalEvent>);
    sa.p1 = { transform: f.transform, priority: f.priority, raw: {}, ...(offered ? { offered } : {}), checked, done: false };
    if (m) {
      const sp = m.payloads.find((p) => p.type === 'SA');
      if (!sp) this.addPayload(m, { type: 'SA' });
    }
  }

  private onAttr(sa: Sa | undefined, f: Fx<'ios.attr'>): void {
    if (!sa) return;
    const p2 = sa.p2 && !sa.p2.done ? sa.p2 : undefined;
    const p1 = sa.p1 && !sa.p1.done ? sa.p1 : undefined;
    const raw = p2?.raw ?? p1?.raw;
    if (!raw) return;
    const v = f.value;
    switch (f.attr) {
      case 'encryption':
        raw.encryption = String(v);
        break;
      case 'hash':
        raw.hash = String(v);
        break;
      case 'group':
        raw.group = typeof v === 'number' ? v : canonicalGroup(String(v), 'ios');
        break;
      case 'auth':
        raw.auth = String(v);
        break;
      case 'lifeType':
      case 'saLifeType':
        raw.lifeType = String(v);
        break;
      case 'lifeDuration':
      case 'saLifeDuration': {
        const n = typeof v === 'number' ? v : Number(v);
        if (Number.isFinite(n)) {
          if (/kilo/i.test(raw.lifeType ?? '')) raw.lifetimeKilobytes = n;
          else raw.lifetimeSeconds = n;
        }
        break;
      }
      case 'keyLength':
        raw.keyLength = typeof v === 'number' ? v : Number(v);
        break;
      case 'encaps':
        raw.encaps = typeof v === 'number' ? v : Number(v);
        if (f.mode) raw.encapsMode = f.mode;
        break;
      case 'authenticator':
        raw.authenticator = String(v);
        break;
      case 'pfsGroup':
        raw.pfsGroup = typeof v === 'number' ? v : canonicalGroup(String(v), 'ios');
        break;
    }
    if (p2) {
      const attrs = p2Attrs(p2, false);
      if (p2.offered) this.upd(p2.offered, { attrs });
    } else if (p1) {
      const attrs = p1Attrs(p1.raw);
      if (p1.offered) this.upd(p1.offered, { attrs });
      this.upd(p1.checked, { attrs });
    }
  }

  private onOfferMismatch(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.offerMismatch'>): void {
    const attribute = mismatchAttribute(f.what);
    const p1 = sa?.p1 && !sa.p1.done ? sa.p1 : undefined;
    if (!sa || !p1) {
      this.fail(r, sa, 1, 'proposal');
      return;
    }
    p1.reason = { ...(attribute ? { attribute } : {}), text: words(r) };
    this.rejectP1(r, sa, p1);
  }

  private rejectP1(r: LogRecord, sa: Sa, p1: P1Check): void {
    const attrs = p1Attrs(p1.raw);
    const reason: Record<string, unknown> = { text: p1.reason?.text ?? words(r) };
    if (p1.reason?.attribute) {
      reason.attribute = p1.reason.attribute;
      const offered = (attrs as Record<string, unknown>)[p1.reason.attribute];
      if (typeof offered === 'string' || typeof offered === 'number') reason.offered = offered;
    }
    if (p1.rejected) {
      this.upd(p1.rejected, { attrs, reason } as Partial<IkeProposalEvent>);
      return;
    }
    p1.rejected = this.emit<IkeProposalEvent>(r, sa, {
      kind: 'ike.proposal',
      phase: 1,
      stage: 'rejected',
      source: 'peer',
      transform: p1.transform,
      attrs,
      reason,
      policy: `priority ${p1.priority} policy`,
    } as EventInit<IkeProposalEvent>);
  }

  private closeP1(r: LogRecord, sa: Sa, acceptable: boolean): void {
    const p1 = sa.p1;
    if (!p1) return;
    p1.done = true;
    const attrs = p1Attrs(p1.raw);
    if (acceptable) {
      if (p1.raw.auth) sa.acceptedAuth = p1.raw.auth;
      sa.p1Accepted = this.emit<IkeProposalEvent>(r, sa, {
        kind: 'ike.proposal',
        phase: 1,
        stage: 'accepted',
        source: 'peer',
        transform: p1.transform,
        attrs,
        policy: `priority ${p1.priority} policy`,
      } as EventInit<IkeProposalEvent>);
    } else if (!p1.rejected) {
      this.rejectP1(r, sa, p1);
    } else {
      // the mismatch line already said it; this line completes it
      this.upd(p1.rejected, { attrs });
    }
  }

  private onAtts(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.atts'>): void {
    if (!sa) return;
    if (sa.p2 && !sa.p2.done) {
      const p2 = sa.p2;
      p2.done = true;
      const attrs = p2Attrs(p2, true);
      const init: Record<string, unknown> = {
        kind: 'ike.proposal',
        phase: 2,
        stage: f.acceptable ? 'accepted' : 'rejected',
        source: 'peer',
        proposal: p2.proposal,
        attrs,
      };
      if (p2.transform !== undefined) init.transform = p2.transform;
      if (!f.acceptable) init.reason = { text: words(r) };
      const ref = this.emit<IkeProposalEvent>(r, sa, init as EventInit<IkeProposalEvent>);
      if (f.acceptable) p2.accepted = ref;
      else p2.rejected = ref;
      if (p2.offered) this.upd(p2.offered, { attrs });
      const qm = sa.curQm;
      if (qm && attrs.protocol) qm.protocol = attrs.protocol;
      return;
    }
    if (sa.p1 && !sa.p1.done) this.closeP1(r, sa, f.acceptable);
  }

  // ---- phase-2 proposals --------------------------------------------------------------------------

  private onCheckProposal(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.checkProposal'>): void {
    if (!sa) return;
    this.attrSa = sa;
    if (sa.p1 && !sa.p1.done) sa.p1.done = true;
    const m = this.inMsgFor(r, sa, undefined, 'quick');
    if (!m.phase1 && m.exchange !== 'ted') this.refine(sa, m, { exchange: 'quick' });
    if (!m.payloads.some((p) => p.type === 'SA')) this.addPayload(m, { type: 'SA' });
    sa.p2 = { proposal: f.proposal, raw: {}, done: false };
  }

  private onP2Transform(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.p2Transform'>): void {
    if (!sa) return;
    const prev = sa.p2;
    const p2: P2Check = { proposal: prev?.proposal ?? 0, transform: f.transform, name: f.name, raw: {}, done: false };
    sa.p2 = p2;
    p2.offered = this.emit<IkeProposalEvent>(r, sa, {
      kind: 'ike.proposal',
      phase: 2,
      stage: 'offered',
      source: 'peer',
      ...(prev ? { proposal: prev.proposal } : {}),
      transform: f.transform,
      attrs: p2Attrs(p2, false),
    } as EventInit<IkeProposalEvent>);
  }

  /** IPsec refused what ISAKMP found acceptable (transform set, policy). */
  private rejectP2(r: LogRecord, sa: Sa | undefined, text: string, transforms?: readonly string[]): void {
    const p2 = sa?.p2;
    if (p2?.rejected) return; // the first refusal of this proposal said it
    let attrs: ProposalAttrs = p2 ? p2Attrs(p2, true) : {};
    if (!p2 && transforms?.length) attrs = attrsOfTransforms(transforms);
    const init: Record<string, unknown> = { kind: 'ike.proposal', phase: 2, stage: 'rejected', source: 'peer', attrs, reason: { text: words(r) || text } };
    if (p2) {
      init.proposal = p2.proposal;
      if (p2.transform !== undefined) init.transform = p2.transform;
    }
    const ref = this.emit<IkeProposalEvent>(r, sa, init as EventInit<IkeProposalEvent>);
    if (p2) p2.rejected = ref;
  }

  /** IOS says the lifetime it applies to the ISAKMP SA (its own when shorter than the offer): that is the accepted one. */
  private setP1Lifetime(sa: Sa | undefined, seconds: number): void {
    const ref = sa?.p1Accepted;
    if (!ref || !(seconds > 0) || ref.ev.attrs.lifetimeSeconds === seconds) return;
    this.upd(ref, { attrs: { ...ref.ev.attrs, lifetimeSeconds: seconds } });
  }

  /**
   * Phase 1 done on UDP 500 at both ends with no NAT-D line: the exchange did not float to NAT-T.
   * (Only when the log printed the ports.)
   */
  private noFloat(r: LogRecord, sa: Sa): void {
    if (sa.floated || sa.natdSeen || sa.localPort !== 500 || sa.peerPort !== 500) return;
    sa.natdSeen = true;
    const init: Record<string, unknown> = { kind: 'ike.natd', floated: false };
    const local = this.localEndpoint(sa);
    const remote = this.remoteEndpoint(sa);
    if (local) init.local = local;
    if (remote) init.remote = remote;
    this.emit(r, sa, init as EventInit<Event>);
  }

  private onResponderLifetime(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.responderLifetime'>): void {
    const payload: PayloadInfo = { type: 'N', notify: { type: 'RESPONDER_LIFETIME' } };
    if (sa) {
      const m = sa.open;
      if (m && m.dir === 'out' && sa.p1Done && (!m.exSettled || m.exchange === 'informational')) {
        this.refine(sa, m, { exchange: 'informational' });
        this.addPayload(m, payload);
      } else {
        sa.pending.exchange = 'informational';
        sa.pending.exSettled = true;
        sa.pending.payloads.push(payload);
      }
    }
    this.emit(r, sa, { kind: 'ike.notify', dir: 'out', type: 'RESPONDER_LIFETIME', protocol: 'isakmp', lifetime: { seconds: f.seconds } } as EventInit<Event>);
    this.setP1Lifetime(sa, f.seconds);
  }

  // ---- nodes --------------------------------------------------------------------------------------

  private onNewNode(sa: Sa | undefined, f: Fx<'ios.newNode'>): void {
    if (!sa || f.msgid === 0) return;
    const m = this.openIn(sa);
    if (m && sa.p1Done && !m.idSettled && !m.phase1) {
      this.refine(sa, m, { msgid: f.msgid });
      return;
    }
    sa.pending.msgid = f.msgid;
    if (!sa.pending.exchange) {
      sa.pending.exchange = f.state === 'CONF_XAUTH' || f.state === 'CONF_ADDR' ? 'transaction' : undefined;
      sa.pending.exSettled = false;
    }
  }

  private onDeleteNode(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.deleteNode'>): void {
    if (!sa) return;
    const reason = f.reason;
    const m = sa.open;
    if (m && f.msgid !== 0 && sa.p1Done && !m.phase1 && (!m.idSettled || m.msgid === f.msgid)) {
      const ex: Exchange | undefined = /quick mode/i.test(reason)
        ? 'quick'
        : /xauth|transaction/i.test(reason)
          ? 'transaction'
          : /informational/i.test(reason)
            ? 'informational'
            : undefined;
      this.refine(sa, m, { ...(ex ? { exchange: ex } : {}), msgid: f.msgid });
    }
    const qm = sa.qms.get(f.msgid);
    if (f.error) {
      if (/death by retransmission p2|retransmi/i.test(reason) && qm) this.fail(r, sa, 2, 'no_response', f.msgid);
      else if (/QM rejected/i.test(reason) && qm) this.fail(r, sa, 2, 'proposal', f.msgid);
      return;
    }
    // 12.2 prints no FSM lines: a Quick Mode whose three messages went and whose node is deleted without error is complete
    if (qm && !sa.fsm && !qm.completeEmitted && this.qmCount(qm) >= 3) {
      qm.completeEmitted = true;
      this.emit(r, sa, { kind: 'ike.phase', phase: 2, status: 'complete', msgid: f.msgid } as EventInit<Event>);
    }
  }

  private onDeleteSa(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.deleteSa'>): void {
    if (sa) sa.closed = true;
    const role: Role | undefined = f.role === 'R' ? 'responder' : f.role === 'I' ? 'initiator' : sa?.role;
    const cs = canonicalState('ios', f.state, { kind: 'sa', ...(role ? { role } : {}) });
    this.emit(r, sa, {
      kind: 'ike.state',
      vendor: 'DELETING',
      canonical: 'DELETING',
      previous: { vendor: f.state, canonical: cs?.state ?? null },
      scope: 'isakmp-sa',
      input: f.reason,
    } as EventInit<Event>);
    if (!sa || sa.ted || sa.p1Done) return;
    const reason = f.reason;
    if (/retransmi/i.test(reason)) this.fail(r, sa, 1, 'no_response');
    else if (/policy|proposal/i.test(reason)) this.fail(r, sa, 1, 'proposal');
    else if (/pre-?shared|no key|psk/i.test(reason)) this.fail(r, sa, 1, 'no_psk');
    else if (/auth/i.test(reason)) this.fail(r, sa, 1, 'auth');
    else if (/fail|error|invalid|malformed/i.test(reason)) this.fail(r, sa, 1, 'unknown');
  }

  // ---- IPsec blocks -------------------------------------------------------------------------------

  private onKeyEngine(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.keyEngine'>): void {
    const parts = f.parts ?? [];
    const msg = parts.find((p) => p.kind === 'ios.keMsg');
    const proxies = parts.filter((p) => p.kind === 'ios.keProxy');
    const tr = parts.find((p) => p.kind === 'ios.keTransform');
    const life = parts.find((p) => p.kind === 'ios.keLifedur');
    const spiPart = parts.find((p) => p.kind === 'ios.keSpi');
    const local = proxies.find((p) => p.side === 'local');
    const remote = proxies.find((p) => p.side === 'remote');
    const localId = local ? proxyIdentity(local) : undefined;
    const remoteId = remote ? proxyIdentity(remote) : undefined;

    if (f.fn === 'sa_request' && (localId || remoteId) && typeof msg?.remote === 'string') {
      // printed before the ISAKMP SA exists: kept for the Quick Mode this SA will start with that peer
      const localAddr = typeof msg.local === 'string' ? msg.local : undefined;
      const own = sa && sa.peer === msg.remote ? sa : undefined;
      const line = this.emit(r, own, { kind: 'log.line', record: r.kind } as EventInit<Event>);
      this.saRequests.set(msg.remote, {
        ...(localId ? { local: localId } : {}),
        ...(remoteId ? { remote: remoteId } : {}),
        ...(localAddr ? { localAddr } : {}),
        ...(own ? {} : { line }),
      });
      if (own) this.learnLocal(own, localAddr);
      return;
    }
    if (f.fn === 'tunnel discover request') {
      this.tedRequest = {
        ...(this.tedRequest ?? {}),
        ...(localId ? { localProxy: localId.value } : {}),
        ...(typeof msg?.remote === 'string' ? { target: msg.remote } : {}),
      };
      return;
    }
    const target = sa ?? this.current;
    if (!target) return;
    if (typeof msg?.local === 'string') this.learnLocal(target, msg.local);
    const spi = typeof spiPart?.spi === 'string' ? spiPart.spi : undefined;
    if (localId || remoteId) {
      target.lastProxies = { ...(localId ? { local: localId } : {}), ...(remoteId ? { remote: remoteId } : {}) };
      const m = target.open;
      const qm = m?.exchange === 'quick' && m.msgid !== undefined ? target.qms.get(m.msgid) : target.curQm;
      if (qm && (!spi || spi === '00000000')) qm.proxies = target.lastProxies;
    }
    if (!spi || spi === '00000000' || !msg) return;
    // initialize_sas / create_sa-like: an IPsec SA with its SPI
    const transforms = Array.isArray(tr?.transforms) ? (tr.transforms as string[]) : undefined;
    const protocol = typeof tr?.protocol === 'string' ? canonicalProtocol(tr.protocol, 'ios') : undefined;
    const init: Record<string, unknown> = {
      kind: 'ipsec.sa',
      dir: msg.dir,
      protocol: protocol ?? 'esp',
      spi,
    };
    if (localId) init.local = proxyOf(localId);
    if (remoteId) init.remote = proxyOf(remoteId);
    if (typeof msg.local === 'string') init.localEndpoint = endpoint(msg.local, msg.localPort);
    if (typeof msg.remote === 'string') init.remoteEndpoint = endpoint(msg.remote, msg.remotePort);
    if (transforms) {
      init.transforms = transforms;
      const a = attrsOfTransforms(transforms);
      if (a.encryption) init.encryption = a.encryption;
      if (a.hash) init.integrity = a.hash;
    }
    if (typeof tr?.mode === 'string') {
      const mode = tr.mode.toLowerCase();
      if (mode === 'tunnel' || mode === 'transport') init.mode = mode;
    }
    if (typeof life?.seconds === 'number' && life.seconds > 0) init.lifetimeSeconds = life.seconds;
    if (typeof life?.kilobytes === 'number' && life.kilobytes > 0) init.lifetimeKilobytes = life.kilobytes;
    if (typeof spiPart?.connId === 'number') init.conn = String(spiPart.connId);
    this.ipsecSa(r, target, init);
  }

  /**
   * One `ipsec.sa` per IPsec SA: IOS describes the same SA in up to three blocks (`inbound SA ... has
   * spi`, `IPSEC(initialize_sas)`, `IPSEC(create_sa)`); the first emits the event, the others add
   * what it lacked (and stay log lines themselves).
   */
  private ipsecSa(r: LogRecord, sa: Sa, init: Record<string, unknown>): void {
    const key = `${String(init.dir)}|${String(init.spi)}`;
    const ref = sa.ipsecSas.get(key);
    if (!ref) {
      sa.ipsecSas.set(key, this.emit<IpsecSaEvent>(r, sa, init as EventInit<IpsecSaEvent>));
      return;
    }
    const cur = ref.ev as unknown as Record<string, unknown>;
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(init)) if (cur[k] === undefined && v !== undefined) patch[k] = v;
    if (Object.keys(patch).length) this.upd(ref, patch as Partial<IpsecSaEvent>);
  }

  private onSpiResponse(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.spiResponse'>): void {
    const route = f.parts?.find((p) => p.kind === 'ios.spiRoute');
    const from = f.from ?? (typeof route?.from === 'string' ? route.from : undefined);
    const to = f.to ?? (typeof route?.to === 'string' ? route.to : undefined);
    const prot = f.prot ?? (typeof route?.prot === 'number' ? route.prot : undefined);
    const target = this.saByPeer(to) ?? sa;
    this.learnLocal(target, from);
    const protocol = prot !== undefined ? (canonicalProtocol(String(prot), 'ios') ?? 'esp') : 'esp';
    this.emit(r, target, { kind: 'ipsec.spi', dir: 'in', protocol, spi: f.spi } as EventInit<Event>);
  }

  private onSaBlock(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.saBlock'>): void {
    const parts = f.parts ?? [];
    const peer = f.dir === 'in' ? f.from : f.to;
    const local = f.dir === 'in' ? f.to : f.from;
    const target = this.saByPeer(peer) ?? sa;
    this.learnLocal(target, local);
    const spiPart = parts.find((p) => p.kind === 'ios.saSpi');
    if (!spiPart || typeof spiPart.spi !== 'string') return;
    const proxyPart = parts.find((p) => p.kind === 'ios.saProxy');
    const proxyFrom = f.proxyFrom ?? (typeof proxyPart?.proxyFrom === 'string' ? proxyPart.proxyFrom : undefined);
    const proxyTo = f.proxyTo ?? (typeof proxyPart?.proxyTo === 'string' ? proxyPart.proxyTo : undefined);
    const qm = target?.curQm;
    const proxies = qm?.proxies ?? target?.lastProxies;
    // the block prints the proxy addresses without their masks: the CIDR comes from the Quick Mode's key-engine block
    const localAddr = f.dir === 'in' ? proxyTo : proxyFrom;
    const remoteAddr = f.dir === 'in' ? proxyFrom : proxyTo;
    const init: Record<string, unknown> = {
      kind: 'ipsec.sa',
      dir: f.dir,
      protocol: qm?.protocol ?? 'esp',
      spi: spiPart.spi,
      localEndpoint: { address: local },
      remoteEndpoint: { address: peer },
    };
    if (proxies?.local && localAddr && addrOf(proxies.local.value) === localAddr) init.local = proxyOf(proxies.local);
    if (proxies?.remote && remoteAddr && addrOf(proxies.remote.value) === remoteAddr) init.remote = proxyOf(proxies.remote);
    for (const p of parts) {
      if (p.kind !== 'ios.saLifetime') continue;
      if (typeof p.seconds === 'number') init.lifetimeSeconds = p.seconds;
      if (typeof p.kilobytes === 'number') init.lifetimeKilobytes = p.kilobytes;
    }
    if (typeof spiPart.connId === 'number') init.conn = String(spiPart.connId);
    if (target) this.ipsecSa(r, target, init);
    else this.emit(r, undefined, init as EventInit<Event>);
  }

  private onIpsecSa(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.ipsecSa'>): void {
    const parts = f.parts ?? [];
    const dest = parts.find((p) => p.kind === 'ios.saDest');
    const spiPart = parts.find((p) => p.kind === 'ios.saSpiValue');
    const trans = parts.find((p) => p.kind === 'ios.saTrans');
    const left = parts.find((p) => p.kind === 'ios.saLifetimeLeft');
    const destAddr = typeof dest?.dest === 'string' ? dest.dest : undefined;
    const target = this.saByPeer(destAddr) ?? (destAddr ? this.sas.findLast((s) => !s.purged && s.localAddr === destAddr) : undefined) ?? sa;
    if (f.action !== 'created' || !spiPart || typeof spiPart.spi !== 'string' || !target) return;
    let dir: Direction | undefined;
    if (destAddr && target.localAddr === destAddr) dir = 'in';
    else if (destAddr && target.peer === destAddr) dir = 'out';
    if (!dir) return;
    const proto = typeof dest?.proto === 'number' ? dest.proto : undefined;
    const protocol: ProtocolName = proto === 51 ? 'ah' : proto === 108 ? 'ipcomp' : 'esp';
    const init: Record<string, unknown> = { kind: 'ipsec.sa', dir, protocol, spi: spiPart.spi };
    if (dir === 'in') {
      init.localEndpoint = { address: destAddr };
      if (target.peer) init.remoteEndpoint = { address: target.peer };
    } else {
      init.remoteEndpoint = { address: destAddr };
      if (target.localAddr) init.localEndpoint = { address: target.localAddr };
    }
    if (Array.isArray(trans?.transforms)) {
      const t = trans.transforms as string[];
      init.transforms = t;
      const a = attrsOfTransforms(t);
      if (a.encryption) init.encryption = a.encryption;
      if (a.hash) init.integrity = a.hash;
    }
    if (typeof trans?.connId === 'number') init.conn = String(trans.connId);
    if (typeof left?.seconds === 'number') init.lifetimeSeconds = left.seconds;
    if (typeof left?.kilobytes === 'number') init.lifetimeKilobytes = left.kilobytes;
    this.ipsecSa(r, target, init);
  }

  private onIpsecDeleteSpi(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.ipsecDeleteSpi'>): void {
    const target = this.saByPeer(f.peer) ?? sa;
    if (!target || !target.lastDeletePayload) return;
    const protocol: ProtocolName = f.proto === 51 ? 'ah' : 'esp';
    const m = this.openIn(target);
    if (m) {
      const i = m.payloads.findIndex((p) => p.type === 'D' && !p.delete);
      if (i >= 0) {
        m.payloads[i] = { type: 'D', delete: { protocol } };
        this.setPayloads(m);
      }
    }
    this.emit(r, target, { kind: 'ike.delete', dir: 'in', protocol, spis: [f.spi] } as EventInit<Event>);
  }

  // ---- notifies, DPD ------------------------------------------------------------------------------

  private onNotify(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.notify'>): void {
    const type = canonicalNotify(f.type, 'ios');
    const number = type ? NOTIFY_TYPES.valueOf(type) : undefined;
    const spiPart = f.parts?.find((p) => p.kind === 'ios.notifySpi');
    const msgid = typeof spiPart?.msgid === 'number' ? spiPart.msgid : undefined;
    const protocol = canonicalProtocol(String(f.protocol), 'ios');
    const payload: PayloadInfo = { type: 'N', notify: type ? { type } : { type: 'UNKNOWN' } };
    const error = number !== undefined && isErrorNotify(number);
    if (sa) {
      if (f.dir === 'in') {
        const m = this.inMsgFor(r, sa, msgid, sa.p1Done || error ? 'informational' : undefined);
        if (m.exchange === 'ted') {
          // a notify inside a TED message
        } else if (!m.phase1) {
          if (sa.p1Done || error) this.refine(sa, m, { exchange: 'informational', ...(msgid !== undefined ? { msgid } : {}) });
        } else if (error && m.payloads.every((p) => p.type === 'N' || p.type === 'HASH')) {
          // what came in the place of the next phase-1 message is the peer's error notify
          this.refine(sa, m, { exchange: 'informational', msgid: msgid ?? 0, force: true });
        }
        this.addPayload(m, payload);
      } else {
        const inPhase1 = !sa.p1Done && type === 'INITIAL_CONTACT';
        if (!inPhase1) {
          sa.pending.exchange = 'informational';
          sa.pending.exSettled = true;
          if (msgid !== undefined && msgid !== 0) sa.pending.msgid = msgid;
        }
        sa.pending.payloads.push(payload);
      }
    }
    const init: Record<string, unknown> = { kind: 'ike.notify', dir: f.dir, type: type ?? 'UNKNOWN' };
    if (protocol) init.protocol = protocol;
    if (typeof spiPart?.spi === 'string' && spiPart.spi !== '00000000') init.spi = spiPart.spi;
    this.emit(r, sa, init as EventInit<Event>);

    if (type === 'R_U_THERE' || type === 'R_U_THERE_ACK') {
      // the "DPD/R_U_THERE received from peer" line gives the received ones with their sequence number
      if (f.dir === 'out') this.emit(r, sa, { kind: 'ike.dpd', step: type === 'R_U_THERE' ? 'r-u-there' : 'ack', dir: 'out' } as EventInit<Event>);
      return;
    }
    if (f.dir === 'in' && error && sa) {
      const reason: PhaseReason =
        type === 'NO_PROPOSAL_CHOSEN'
          ? 'proposal'
          : type === 'INVALID_ID_INFORMATION'
            ? sa.p1Done
              ? 'proxy'
              : 'id'
            : type === 'AUTHENTICATION_FAILED' || type === 'INVALID_HASH_INFORMATION'
              ? 'psk'
              : type === 'PAYLOAD_MALFORMED' && !sa.p1Done && sa.p1Count >= 4
                ? 'psk'
                : 'notify';
      const phase = this.phaseOf(sa);
      this.fail(r, sa, phase, reason, phase === 2 ? this.qmMsgid(sa) : undefined);
    }
  }

  private onSendInitialContact(r: LogRecord, sa: Sa | undefined): void {
    if (sa) sa.pending.payloads.push({ type: 'N', notify: { type: 'INITIAL_CONTACT' } });
    this.emit(r, sa, { kind: 'ike.notify', dir: 'out', type: 'INITIAL_CONTACT', protocol: 'isakmp' } as EventInit<Event>);
  }

  private onDpd(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.dpd'>): void {
    const m = sa ? this.openIn(sa) : undefined;
    if (sa && m && sa.p1Done && !m.phase1) this.refine(sa, m, { exchange: 'informational' });
    this.emit(r, sa, {
      kind: 'ike.dpd',
      step: f.type === 'R_U_THERE' ? 'r-u-there' : 'ack',
      dir: 'in',
      dpdSeq: f.sequence,
    } as EventInit<Event>);
  }

  // ---- XAUTH, Mode-Config -------------------------------------------------------------------------

  private onPeerConfig(sa: Sa | undefined, f: Fx<'ios.peerConfig'>): void {
    if (!sa) return;
    sa.pending.exchange = 'transaction';
    sa.pending.exSettled = true;
    sa.pending.msgid = f.msgid;
  }

  private onTransaction(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.transaction'>): void {
    if (!sa) return;
    const m = this.inMsgFor(r, sa, f.msgid, 'transaction');
    this.refine(sa, m, { exchange: 'transaction', msgid: f.msgid });
    if (!m.payloads.some((p) => p.type === 'ATTR')) this.addPayload(m, { type: 'ATTR' });
  }

  private attrPayload(m: Msg): number {
    let i = m.payloads.findIndex((p) => p.type === 'ATTR');
    if (i < 0) {
      m.payloads.push({ type: 'ATTR' });
      i = m.payloads.length - 1;
    }
    return i;
  }

  private setCfgPayload(m: Msg, type: 'request' | 'reply' | 'set' | 'ack' | undefined, attributes?: string[]): void {
    const i = this.attrPayload(m);
    const cur = m.payloads[i]!;
    const cfg = { ...(cur.cfg ?? {}), ...(type ? { type } : {}), ...(attributes ? { attributes: [...attributes] } : {}) };
    m.payloads[i] = { ...cur, cfg };
    this.setPayloads(m);
  }

  private onCfgPayload(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.cfgPayload'>): void {
    if (!sa) return;
    const t = f.type.toLowerCase();
    const type = t === 'request' || t === 'reply' || t === 'set' || t === 'ack' ? t : undefined;
    const m = this.openIn(sa);
    if (m) {
      this.refine(sa, m, { exchange: 'transaction' });
      this.setCfgPayload(m, type);
    }
    if (!type) return;
    this.flushCfgType(sa);
    sa.cfgType = { type, record: r, emitted: false };
    sa.txn = undefined;
    if (type === 'set' || type === 'ack') this.flushCfgType(sa);
    else this.emitted = true; // its event comes with the attribute lines (XAUTH or Mode-Config)
  }

  /** A received `Config payload X` whose attribute lines did not say XAUTH or Mode-Config (or said nothing). */
  private flushCfgType(sa: Sa): void {
    const c = sa.cfgType;
    if (!c || c.emitted) return;
    c.emitted = true;
    const m = this.openIn(sa);
    const init: Record<string, unknown> = { kind: sa.xauthActive ? 'ike.xauth' : 'ike.cfg', step: c.type, dir: 'in' };
    if (m?.msgid !== undefined) init.msgid = m.msgid;
    const ref = this.emit(c.record, sa, init as EventInit<Event>);
    if (init.kind === 'ike.xauth' && c.type === 'ack') sa.xauthAck = ref as Ref<IkeXauthEvent>;
  }

  private onXauthAttr(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.xauthAttr'>): void {
    if (!sa) return;
    sa.xauthActive = true;
    const name = canonicalCfgAttribute(f.attr, 'ios') ?? f.attr;
    if (f.dir === 'request') {
      // an XAUTH request being built: it goes with the next message sent
      sa.pending.exchange = 'transaction';
      sa.pending.exSettled = true;
      const txn = sa.txn;
      if (txn && txn.kind === 'xauth' && txn.step === 'request' && txn.dir === 'out') {
        txn.names.push(name);
        this.upd(txn.ref as Ref<IkeXauthEvent>, { attributes: [...txn.names] });
      } else {
        const init: Record<string, unknown> = { kind: 'ike.xauth', step: 'request', dir: 'out', attributes: [name] };
        if (sa.pending.msgid !== undefined) init.msgid = sa.pending.msgid;
        const ref = this.emit<IkeXauthEvent>(r, sa, init as EventInit<IkeXauthEvent>);
        sa.txn = { kind: 'xauth', step: 'request', dir: 'out', ref, names: [name], attributes: {} };
      }
      const names = sa.txn!.names;
      const i = sa.pending.payloads.findIndex((p) => p.type === 'ATTR');
      const p: PayloadInfo = { type: 'ATTR', cfg: { type: 'request', attributes: [...names] } };
      if (i >= 0) sa.pending.payloads[i] = p;
      else sa.pending.payloads.push(p);
      return;
    }
    // reply attributes of a received REPLY
    const m = this.openIn(sa);
    const c = sa.cfgType;
    const step = c && !c.emitted ? c.type : 'reply';
    if (c) c.emitted = true;
    const txn = sa.txn;
    if (txn && txn.kind === 'xauth' && txn.dir === 'in') {
      txn.names.push(name);
      this.upd(txn.ref as Ref<IkeXauthEvent>, { attributes: [...txn.names] });
    } else {
      const init: Record<string, unknown> = { kind: 'ike.xauth', step, dir: 'in', attributes: [name] };
      if (m?.msgid !== undefined) init.msgid = m.msgid;
      const ref = this.emit<IkeXauthEvent>(c?.record ?? r, sa, init as EventInit<IkeXauthEvent>);
      sa.txn = { kind: 'xauth', step, dir: 'in', ref, names: [name], attributes: {} };
    }
    if (m) this.setCfgPayload(m, step, sa.txn!.names);
  }

  private onCfgAttr(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.cfgAttr'>): void {
    if (!sa) return;
    const name = f.attr === 'UNKNOWN' && f.code !== undefined ? (CFG_ATTRIBUTES.nameOf(f.code) ?? hex4(f.code)) : (canonicalCfgAttribute(f.attr, 'ios') ?? f.attr);
    const m = this.openIn(sa);
    const c = sa.cfgType;
    const txn = sa.txn;
    if (txn && txn.kind === 'cfg' && txn.dir === 'in') {
      txn.names.push(name);
      this.upd(txn.ref as Ref<IkeCfgEvent>, txn.step === 'request' ? { requested: [...txn.names] } : {});
    } else {
      const step = c && !c.emitted ? c.type : 'request';
      if (c) c.emitted = true;
      const init: Record<string, unknown> = { kind: 'ike.cfg', step, dir: 'in' };
      if (step === 'request') init.requested = [name];
      if (m?.msgid !== undefined) init.msgid = m.msgid;
      const ref = this.emit<IkeCfgEvent>(c?.record ?? r, sa, init as EventInit<IkeCfgEvent>);
      sa.txn = { kind: 'cfg', step, dir: 'in', ref, names: [name], attributes: {} };
    }
    if (m) this.setCfgPayload(m, undefined, sa.txn!.names);
  }

  /** The Mode-Config reply being built (IOS as server): the values it sends. */
  private cfgReply(r: LogRecord, sa: Sa): Txn {
    const txn = sa.txn;
    if (txn && txn.kind === 'cfg' && txn.dir === 'out') return txn;
    const m = this.openIn(sa);
    const init: Record<string, unknown> = { kind: 'ike.cfg', step: 'reply', dir: 'out', attributes: {} };
    if (m?.exchange === 'transaction' && m.msgid !== undefined) init.msgid = m.msgid;
    const ref = this.emit<IkeCfgEvent>(r, sa, init as EventInit<IkeCfgEvent>);
    const t: Txn = { kind: 'cfg', step: 'reply', dir: 'out', ref, names: [], attributes: {} };
    sa.txn = t;
    sa.pending.exchange = 'transaction';
    sa.pending.exSettled = true;
    if (m?.exchange === 'transaction' && m.msgid !== undefined && sa.pending.msgid === undefined) sa.pending.msgid = m.msgid;
    return t;
  }

  private syncCfgReply(sa: Sa, t: Txn): void {
    this.upd(t.ref as Ref<IkeCfgEvent>, { attributes: freezeCfg(t.attributes) });
    const i = sa.pending.payloads.findIndex((p) => p.type === 'ATTR');
    const p: PayloadInfo = { type: 'ATTR', cfg: { type: 'reply', attributes: [...t.names] } };
    if (i >= 0) sa.pending.payloads[i] = p;
    else sa.pending.payloads.push(p);
  }

  private onCfgSend(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.cfgSend'>): void {
    if (!sa) return;
    const t = this.cfgReply(r, sa);
    const name = canonicalCfgAttribute(f.attr, 'ios') ?? f.attr;
    if (!t.names.includes(name)) t.names.push(name);
    const v = f.value;
    const a = t.attributes;
    switch (name) {
      case 'INTERNAL_IP4_ADDRESS':
        a.address = String(v);
        break;
      case 'INTERNAL_IP4_NETMASK':
        a.netmask = String(v);
        break;
      case 'INTERNAL_IP4_DNS':
        (a.dns ??= []).push(String(v));
        break;
      case 'INTERNAL_IP4_NBNS':
        (a.wins ??= []).push(String(v));
        break;
      case 'INTERNAL_ADDRESS_EXPIRY':
        if (typeof v === 'number') a.addressExpiry = v;
        else if (Number.isFinite(Number(v))) a.addressExpiry = Number(v);
        break;
      case 'UNITY_DEF_DOMAIN':
        a.domain = String(v);
        break;
      case 'UNITY_SPLIT_INCLUDE':
        (a.splitInclude ??= []).push(String(v));
        break;
      case 'UNITY_SPLITDNS_NAME':
        (a.splitDns ??= []).push(String(v));
        break;
      case 'UNITY_BANNER':
        a.banner = String(v);
        break;
      case 'UNITY_SAVE_PASSWD':
        a.savePassword = truthy(v);
        break;
      case 'UNITY_PFS':
        a.pfs = truthy(v);
        break;
      case 'UNITY_BACKUP_SERVERS':
        (a.backupServers ??= []).push(String(v));
        break;
      case 'UNITY_FW_TYPE':
        a.firewallType = String(v);
        break;
      case 'UNITY_DDNS_HOSTNAME':
        a.ddnsHostname = String(v);
        break;
      case 'APPLICATION_VERSION':
        a.applicationVersion = String(v);
        break;
      default:
        (a.other ??= []).push({ name, value: String(v) });
    }
    this.syncCfgReply(sa, t);
  }

  private onCfgSendVersion(r: LogRecord, sa: Sa | undefined, f: Fx<'ios.cfgSendVersion'>): void {
    if (!sa) return;
    const t = this.cfgReply(r, sa);
    const lines = [f.version, ...(f.parts ?? []).filter((p) => p.kind === 'ios.versionLine').map((p) => String(p.text))];
    t.attributes.applicationVersion = lines.join('\n');
    if (!t.names.includes('APPLICATION_VERSION')) t.names.push('APPLICATION_VERSION');
    this.syncCfgReply(sa, t);
  }

  // ---- TED ----------------------------------------------------------------------------------------

  private startTed(sa: Sa, role: Role): void {
    sa.ted = true;
    sa.role = sa.role ?? role;
    if (role === 'initiator' && this.tedRequest) {
      if (this.tedRequest.localProxy) sa.tedLocal = this.tedRequest.localProxy;
      if (this.tedRequest.target) sa.tedTarget = this.tedRequest.target;
      this.tedRequest = undefined;
    }
  }

  private onTedPacket(r: LogRecord, sa: Sa, dir: Direction, f: Fx<'ios.packet'>): void {
    if (sa.role === 'initiator' || f.role === 'I') {
      if (dir === 'out') {
        const init: Record<string, unknown> = { kind: 'ike.ted', step: 'probe', dir: 'out', target: f.peer };
        if (sa.tedLocal) init.proxies = { local: { address: sa.tedLocal } };
        sa.tedProbe = this.emit<IkeTedEvent>(r, sa, init as EventInit<IkeTedEvent>);
      } else {
        const init: Record<string, unknown> = { kind: 'ike.ted', step: 'reply', dir: 'in', gateway: f.peer };
        const target = sa.tedProbe?.ev.target ?? sa.tedTarget;
        if (target) init.target = target;
        sa.tedReply = this.emit<IkeTedEvent>(r, sa, init as EventInit<IkeTedEvent>);
      }
      return;
    }
    if (dir === 'out') {
      sa.tedReply = this.emit<IkeTedEvent>(r, sa, { kind: 'ike.ted', step: 'reply', dir: 'out', target: f.peer } as EventInit<IkeTedEvent>);
    }
  }

  private onTedRespond(r: LogRecord, sa: Sa | undefined): void {
    if (!sa) return;
    this.startTed(sa, 'responder');
    const m = this.openIn(sa);
    if (m) this.refine(sa, m, { exchange: 'ted', msgid: 0, force: true });
    const init: Record<string, unknown> = { kind: 'ike.ted', step: 'probe', dir: 'in' };
    if (m?.ref.ev.remote?.address) init.target = m.ref.ev.remote.address;
    const remoteId = m?.payloads.filter((p) => p.type === 'ID' && p.id && p.id.type !== 'ipv4-addr').at(-1)?.id;
    if (remoteId) init.proxies = { remote: proxyOf(remoteId) };
    sa.tedProbe = this.emit<IkeTedEvent>(r, sa, init as EventInit<IkeTedEvent>);
  }

  private onTedSrcDst(sa: Sa | undefined, f: Fx<'ios.tedSrcDst'>): void {
    if (!sa?.tedProbe) return;
    const remote = tedProxy(f.peerType, f.peerAddress, f.peerMask);
    const local = tedProxy(f.myType, f.myAddress, f.myMask);
    const cur = sa.tedProbe.ev.proxies ?? {};
    const next = { ...cur, ...(remote && !cur.remote ? { remote } : {}), ...(local && !cur.local ? { local } : {}) };
    if (next.remote || next.local) this.upd(sa.tedProbe, { proxies: next });
  }

  private onTedProxies(sa: Sa | undefined, f: Fx<'ios.tedProxies'>): void {
    if (!sa) return;
    const local: Proxy = { address: f.local, ...(f.protocol ? { protocol: f.protocol } : {}), ...(f.localPort ? { port: f.localPort } : {}) };
    const remote: Proxy = { address: f.remote, ...(f.protocol ? { protocol: f.protocol } : {}), ...(f.remotePort ? { port: f.remotePort } : {}) };
    const ref = sa.tedReply ?? sa.tedProbe;
    if (ref) this.upd(ref, { proxies: { local, remote } });
  }
}

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

function isPhase1(e: Exchange): boolean {
  return e === 'main' || e === 'aggressive' || e === 'ted';
}

function p1Total(mode: Phase1Mode): number {
  return mode === 'main' ? 6 : 3;
}

/** The peer address a record names, for records printed without a conn-id. */
function peerOf(r: LogRecord): string | undefined {
  const f = r.fields as Record<string, unknown>;
  switch (r.kind) {
    case 'ios.keyLookup':
    case 'ios.pskFound':
    case 'ios.noPsk':
    case 'ios.peerStruct':
    case 'ios.peerInsert':
    case 'ios.malformed':
    case 'ios.modeFailure':
    case 'ios.noSa':
    case 'ios.notEncrypted':
    case 'ios.saNotAuthenticated':
    case 'ios.sessionStatus':
    case 'ios.ipsecDeleteSpi':
    case 'ios.ipsecOutboundSa':
    case 'ios.ipsecReconnect':
    case 'ios.transaction':
    case 'ios.peerConfig':
    case 'ios.dpd':
      return typeof f.peer === 'string' ? f.peer : undefined;
    case 'ios.policyNotAcceptable':
      return typeof f.remote === 'string' ? f.remote : undefined;
    case 'ios.keyEngine': {
      const msg = (f.parts as Part[] | undefined)?.find((p) => p.kind === 'ios.keMsg');
      return typeof msg?.remote === 'string' ? msg.remote : undefined;
    }
    case 'ios.spiResponse': {
      if (typeof f.to === 'string') return f.to;
      const route = (f.parts as Part[] | undefined)?.find((p) => p.kind === 'ios.spiRoute');
      return typeof route?.to === 'string' ? route.to : undefined;
    }
    case 'ios.saBlock':
      return f.dir === 'in' ? (f.from as string) : (f.to as string);
    default:
      return undefined;
  }
}

/** The device's own words of a record: the text after the `ISAKMP (0:1):` / `IPSEC(fn):` / `%CRYPTO-...:` head. */
function words(r: LogRecord): string {
  const lines = r.text.split('\n');
  const first = lines[0] ?? '';
  const m = /(?:ISAKMP(?:-[A-Z]+)?\s*:?\s*(?:\([^)]*\)\s*:?)?|IPSEC\([^)]*\):|%CRYPTO-\d-[A-Z_]+:)\s*(.*)$/.exec(first);
  const head = (m?.[1] ?? first).trim();
  const rest = lines.slice(1).map((l) => l.trim()).filter(Boolean);
  return [head, ...rest].join(' ');
}

function maskPrefix(mask: string): number | undefined {
  const parts = mask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  const n = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
  let len = 0;
  while (len < 32 && n & (0x8000_0000 >>> len)) len++;
  const back = len === 0 ? 0 : (0xffff_ffff << (32 - len)) >>> 0;
  return back === n ? len : undefined;
}

function cidr(address: string, mask: string): string | undefined {
  const len = maskPrefix(mask);
  return len === undefined ? undefined : `${address}/${len}`;
}

function addrOf(value: string): string {
  const i = value.indexOf('/');
  return i < 0 ? value : value.slice(0, i);
}

function endpoint(address: string, port: unknown): Endpoint {
  return typeof port === 'number' && port > 0 ? { address, port } : { address };
}

/** A key-engine proxy (`local_proxy= 10.1.0.0/255.255.0.0/0/0 (type=4)`) as an identity: host for type 1, CIDR for subnets. */
function proxyIdentity(p: Part): Identity | undefined {
  const address = typeof p.address === 'string' ? p.address : undefined;
  if (!address) return undefined;
  const idType = typeof p.idType === 'number' ? p.idType : undefined;
  const type = idType !== undefined ? canonicalIdType(String(idType), 'ios') : undefined;
  const prefix = typeof p.prefix === 'string' ? p.prefix : typeof p.mask === 'string' ? cidr(address, p.mask) : undefined;
  const value = idType === 1 ? address : (prefix ?? address);
  const id: Record<string, unknown> = { type: type ?? (idType === 1 ? 'ipv4-addr' : 'ipv4-addr-subnet'), value };
  if (typeof p.protocol === 'number') id.protocol = p.protocol;
  if (typeof p.port === 'number') id.port = p.port;
  return id as unknown as Identity;
}

/** A proxy (CIDR, host as /32) from a Quick Mode identity. */
function proxyOf(id: Identity): Proxy {
  const address = id.value.includes('/') || id.value.includes('-') ? id.value : `${id.value}/32`;
  const p: Record<string, unknown> = { address };
  if (id.protocol) p.protocol = id.protocol;
  if (id.port) p.port = id.port;
  return p as unknown as Proxy;
}

function tedProxy(type: number, address: string, mask: string): Proxy | undefined {
  if (type === 1) return { address: `${address}/32` };
  if (type === 4) {
    const c = cidr(address, mask);
    return c ? { address: c } : undefined;
  }
  return undefined;
}

/** The identity of an `ID payload` dump. */
function identityOf(parts: readonly Part[]): Identity | undefined {
  let type: number | undefined;
  let value: string | undefined;
  let protocol: number | undefined;
  let port: number | undefined;
  for (const p of parts) {
    if (p.kind !== 'ios.idField') continue;
    switch (p.key) {
      case 'type':
        type = typeof p.value === 'number' ? p.value : Number(p.value);
        break;
      case 'address':
      case 'fqdn':
      case 'groupId':
        value = String(p.value);
        break;
      case 'protocol':
        protocol = typeof p.value === 'number' ? p.value : Number(p.value);
        break;
      case 'port':
        port = typeof p.value === 'number' ? p.value : Number(p.value);
        break;
    }
  }
  if (value === undefined || type === undefined) return undefined;
  const t = canonicalIdType(String(type), 'ios');
  if (!t) return undefined;
  const id: Record<string, unknown> = { type: t, value };
  if (protocol !== undefined && Number.isFinite(protocol)) id.protocol = protocol;
  if (port !== undefined && Number.isFinite(port)) id.port = port;
  return id as unknown as Identity;
}

function p1Attrs(raw: RawAttrs): ProposalAttrs {
  const a: Record<string, unknown> = {};
  if (raw.encryption) {
    const c = canonicalCipher(raw.encryption, raw.keyLength, 'ios');
    if (c) a.encryption = c;
  }
  if (raw.keyLength !== undefined) a.keyLength = raw.keyLength;
  if (raw.hash) {
    const h = canonicalHash(raw.hash, 'ios');
    if (h) a.hash = h;
  }
  if (raw.group !== undefined) a.group = raw.group;
  if (raw.auth) {
    const au = canonicalAuth(raw.auth, 'ios');
    if (au) a.auth = au;
  }
  if (raw.lifetimeSeconds !== undefined) a.lifetimeSeconds = raw.lifetimeSeconds;
  if (raw.lifetimeKilobytes !== undefined) a.lifetimeKilobytes = raw.lifetimeKilobytes;
  return a as ProposalAttrs;
}

/** Phase-2 attributes; `complete` once IOS has printed all attribute lines (no group line then means no PFS). */
function p2Attrs(p2: P2Check, complete: boolean): ProposalAttrs {
  const raw = p2.raw;
  const a: Record<string, unknown> = {};
  const name = p2.name ?? '';
  if (/^AH/i.test(name)) {
    a.protocol = 'ah';
    const h = canonicalHash(name.replace(/^AH_?/i, ''), 'ios');
    if (h) a.hash = h;
  } else if (/^ESP/i.test(name)) {
    a.protocol = 'esp';
    const c = canonicalCipher(name, raw.keyLength, 'ios');
    if (c) a.encryption = c;
  } else if (name) {
    const c = canonicalCipher(name, raw.keyLength, 'ios');
    if (c) a.encryption = c;
  }
  if (raw.keyLength !== undefined) a.keyLength = raw.keyLength;
  if (raw.authenticator) {
    const h = canonicalHash(raw.authenticator, 'ios');
    if (h) a.hash = h;
  }
  if (raw.encaps !== undefined) {
    const e = encapsulationOf(raw.encaps, raw.encapsMode);
    if (e) a.encapsulation = e;
  }
  if (raw.lifetimeSeconds !== undefined) a.lifetimeSeconds = raw.lifetimeSeconds;
  if (raw.lifetimeKilobytes !== undefined) a.lifetimeKilobytes = raw.lifetimeKilobytes;
  if (raw.pfsGroup !== undefined) a.pfsGroup = raw.pfsGroup;
  else if (complete && name) a.pfsGroup = 0;
  return a as ProposalAttrs;
}

function encapsulationOf(value: number, mode: string | undefined): ProposalAttrs['encapsulation'] {
  const byNumber: Record<number, NonNullable<ProposalAttrs['encapsulation']>> = {
    1: 'tunnel',
    2: 'transport',
    3: 'udp-tunnel',
    4: 'udp-transport',
    61443: 'udp-tunnel-draft',
    61444: 'udp-transport-draft',
  };
  return byNumber[value] ?? (mode ? canonicalEncapsulation(mode, 'ios') : undefined);
}

/** Encryption and integrity from IOS transform words (`esp-3des esp-sha-hmac`, `esp-aes 256`). */
function attrsOfTransforms(transforms: readonly string[]): ProposalAttrs {
  const a: Record<string, unknown> = {};
  for (const t of transforms) {
    if (/^ah-/i.test(t)) a.protocol = 'ah';
    else if (/^esp-/i.test(t)) a.protocol = a.protocol ?? 'esp';
    if (/hmac$/i.test(t)) {
      const h = canonicalHash(t, 'ios');
      if (h && !a.hash) a.hash = h;
      continue;
    }
    const c = canonicalCipher(t, undefined, 'ios');
    if (c && !a.encryption) a.encryption = c;
  }
  return a as ProposalAttrs;
}

function mismatchAttribute(what: string): ProposalAttrName | undefined {
  const w = what.toLowerCase();
  if (w.startsWith('encryption')) return 'encryption';
  if (w.startsWith('hash')) return 'hash';
  if (w.includes('diffie') || w.includes('group')) return 'group';
  if (w.startsWith('authentication')) return 'auth';
  if (w.includes('life')) return 'lifetimeSeconds';
  return undefined;
}

function hex4(code: number): string {
  return `0x${code.toString(16).padStart(4, '0')}`;
}

function truthy(v: string | number): boolean {
  return v === 1 || v === '1' || /^(yes|true|on|enabled?)$/i.test(String(v));
}

function freezeCfg(a: MutableCfg): CfgAttributes {
  const c: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) c[k] = Array.isArray(v) ? [...v] : v;
  return c as CfgAttributes;
}
