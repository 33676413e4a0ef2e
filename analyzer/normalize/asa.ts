// Cisco ASA records (`debug crypto ikev1` / `debug crypto ipsec`, and the IKE/IPsec syslog
// messages) → events.
//
// ASA has no conn-id: an IKE SA is named by its peer address (`sa.conn` = "10.0.0.2"), and a
// second IKE SA with the same peer (after the first was torn down, or a phase-1 rekey) gets a
// `#2` suffix. Most lines carry the peer in their subject (`Group = G, IP = 10.0.0.2, `); the
// others (`IPSEC:` blocks, `Phase 1 failure: ...`, the responder-lifetime dump) belong to the SA
// of the last line that named a peer, or to the SA that owns the SPI they print.
//
// The IKE_DECODE lines list the payloads of every message; the `processing ... payload` /
// `constructing ... payload` lines and the vendor-ID, ID and notify lines around them name the
// individual payloads (VID names, IDs, notify types), which are folded into the message's
// payload list: a sent message collects what was constructed before it, a received message is
// completed (`out.update`) by what is processed after it.
import type { LogRecord } from '../../grammars/index.js';
import type { AsaFields, AsaHead, AsaIpsecParts, AsaKind, AsaProxyIdFields, AsaRole } from '../../grammars/types/asa.js';
import {
  canonicalAuth,
  canonicalCipher,
  canonicalEncapsulation,
  canonicalGroup,
  canonicalHash,
  canonicalIdType,
  canonicalNotify,
  canonicalPayload,
  canonicalProtocol,
  canonicalState,
  IPSEC_ATTRIBUTE_CLASSES,
  LIFE_TYPES,
  NOTIFY_TYPES,
  PAYLOAD_TYPES,
  vendorIdByDeviceWording,
  type Endpoint,
  type Event,
  type ExchangeName,
  type Identity,
  type IkeAuthEvent,
  type IkeCfgEvent,
  type IkeDeleteEvent,
  type IkeDpdEvent,
  type IkeMsgEvent,
  type IkeNatdEvent,
  type IkeNotifyEvent,
  type IkePhaseEvent,
  type IkeProposalEvent,
  type IkeStateEvent,
  type IkeVidEvent,
  type IpsecSaEvent,
  type IpsecSpiEvent,
  type L2tpCtrlEvent,
  type LogLineEvent,
  type NotifyName,
  type PayloadInfo,
  type PayloadName,
  type PhaseReason,
  type PppEvent,
  type ProposalAttrName,
  type ProposalAttrs,
  type ProtocolName,
  type Proxy,
  type Role,
  type SaKey,
  type VendorIdWordingMatch,
} from '../model/index.js';
import type { Emitter, EventInit, Normalizer } from './emitter.js';

// ---------------------------------------------------------------------------------------------------
// Data: the tables the handlers read
// ---------------------------------------------------------------------------------------------------

/** Records whose peer is not in the subject but in a field of their own. */
const PEER_FIELDS: { readonly [K in AsaKind]?: keyof AsaFields[K] } = {
  'asa.initiatorStart': 'ikePeer',
  'asa.packetReceived': 'remote',
  'asa.deleteEvent': 'remote',
  'asa.connectionTerminated': 'remote',
  'asa.ipsecSa': 'remote',
};

/** Records that print no subject and concern a negotiation not started yet: never the SA of the line before. */
const NO_CONTEXT: ReadonlySet<string> = new Set<AsaKind>(['asa.cryptoMapLookup', 'asa.cryptoMapCheck']);

/** Payload words of `processing X payload` / `constructing X payload` that name a payload the message list shows. */
const PAYLOAD_WORDS: readonly { readonly pattern: RegExp; readonly type: PayloadName; readonly protocol?: ProtocolName }[] = [
  { pattern: /\bVID\b|\bVendor ID\b/i, type: 'VID' }, // `VID`, `dpd vid`, `NAT-Traversal VID ver 02`
  { pattern: /^ID$/i, type: 'ID' }, // not `proxy ID`: the `Transmitting Proxy Id:` block names those
  { pattern: /^notify$/i, type: 'N' },
  { pattern: /^IPSec delete$/i, type: 'D', protocol: 'esp' },
  { pattern: /^IKE delete$/i, type: 'D', protocol: 'isakmp' },
  { pattern: /^delete$/i, type: 'D' },
];

/** `Phase 1 failure: Mismatched attribute types for class <class>`: the proposal attribute and how to read its values. */
const MISMATCH_CLASSES: {
  readonly [cls: string]: { readonly attribute: { readonly 1: ProposalAttrName; readonly 2: ProposalAttrName }; readonly value: (word: string) => string | number | undefined };
} = {
  'group description': { attribute: { 1: 'group', 2: 'pfsGroup' }, value: (w) => canonicalGroup(w, 'asa') },
  'encryption algorithm': { attribute: { 1: 'encryption', 2: 'encryption' }, value: (w) => canonicalCipher(w, undefined, 'asa') },
  'hash algorithm': { attribute: { 1: 'hash', 2: 'hash' }, value: (w) => canonicalHash(w, 'asa') },
  'authentication algorithm': { attribute: { 1: 'hash', 2: 'hash' }, value: (w) => canonicalHash(w, 'asa') },
  'authentication method': { attribute: { 1: 'auth', 2: 'auth' }, value: (w) => canonicalAuth(w, 'asa') },
  'encapsulation mode': { attribute: { 1: 'encapsulation', 2: 'encapsulation' }, value: (w) => canonicalEncapsulation(w, 'asa') },
  'life duration': { attribute: { 1: 'lifetimeSeconds', 2: 'lifetimeSeconds' }, value: (w) => (/^\d+$/.test(w) ? Number(w) : undefined) },
};

/** Teardown / disconnect reasons (`Session is being torn down. Reason: …`, 113019, 713050) → phase reason. */
const TEARDOWN_REASONS: { readonly [reason: string]: { readonly reason: PhaseReason; readonly phase?: 1 | 2 } } = {
  'peer terminate': { reason: 'deleted' },
  'user requested': { reason: 'deleted' },
  'administrator reset': { reason: 'deleted' },
  'admin reset': { reason: 'deleted' },
  'idle timeout': { reason: 'deleted' },
  'max time exceeded': { reason: 'deleted' },
  'sa expired': { reason: 'deleted' },
  'phase 1 mismatch': { reason: 'proposal', phase: 1 },
  'phase 2 mismatch': { reason: 'proposal', phase: 2 },
  // the peer's proxies match no crypto map entry (113019 / 713259 after 713061 `Rejecting IPSec tunnel: no matching crypto map entry`)
  'crypto map policy not found': { reason: 'no_crypto_map', phase: 2 },
  'internal error': { reason: 'internal' },
  // `Lost Service` (and anything else) says the session ended, not why: 'unknown', with the words in `text`.
};

/** A received error notify (`Received non-routine Notify message: …`) → why the phase failed. */
const NOTIFY_REASONS: { readonly [notify: string]: { readonly 1: PhaseReason; readonly 2: PhaseReason } } = {
  NO_PROPOSAL_CHOSEN: { 1: 'proposal', 2: 'proposal' },
  INVALID_ID_INFORMATION: { 1: 'id', 2: 'proxy' },
  AUTHENTICATION_FAILED: { 1: 'psk', 2: 'notify' },
  INVALID_HASH_INFORMATION: { 1: 'psk', 2: 'notify' },
  PAYLOAD_MALFORMED: { 1: 'malformed', 2: 'malformed' },
};

/** `IPSEC: New <dir> <rule> rule`: inner rules carry the proxies, outer rules the tunnel endpoints. */
const RULES: { readonly [rule: string]: 'inner' | 'outer' } = {
  encrypt: 'inner',
  'tunnel flow': 'inner',
  permit: 'outer',
  decrypt: 'outer',
};

/** The FSM of `IKE MM Responder FSM error history` → phase. */
const FSM_PHASES: { readonly [exchange: string]: 1 | 2 } = { MM: 1, AM: 1, QM: 2 };

/** Role evidence, weakest first: a later, stronger line overrides. */
const ROLE_RANK = { quickMode: 1, firstMessage: 2, phase1Words: 3 } as const;

/** The ASA negotiates ESP only (no AH in its transform sets): the protocol of an SA the line does not name. */
const ASA_IPSEC_PROTOCOL: ProtocolName = 'esp';

// ---------------------------------------------------------------------------------------------------
// Context: the IKE SAs of the log and what the lines around tell about them
// ---------------------------------------------------------------------------------------------------

type AsaRecord<K extends AsaKind> = Omit<LogRecord, 'kind' | 'fields'> & { readonly kind: K; readonly fields: AsaFields[K] };
type Handler<K extends AsaKind> = (c: AsaContext, r: AsaRecord<K>) => void;
/** The kind-specific part of an event; the context adds `sa`, `peer`, `role`. */
type Body<E extends Event> = Omit<E, 'seq' | 'origin' | 'node' | 'sa' | 'peer' | 'role' | 'time'>;
type PayloadDetail = Pick<PayloadInfo, 'notify' | 'vendorId' | 'id' | 'delete'>;
type Lifetime = { seconds?: number; kilobytes?: number };

/** One Quick Mode (by message ID). */
interface QuickMode {
  readonly msgid: number;
  local?: Proxy;
  remote?: Proxy;
  /** The rekeying duration the ASA applies (`Responder forcing change of IPsec rekeying duration from 28800 to 3600 seconds`). */
  lifetime?: Lifetime;
  /** Its ipsec.sa events so far (a later lifetime line completes them). */
  readonly sas: IpsecSaEvent[];
  complete: boolean;
  failed: boolean;
}

/** The SA (and its Quick Mode) an SPI belongs to. */
interface SpiOwner {
  readonly session: Session;
  readonly qm: QuickMode | undefined;
}

/** One IKE SA with one peer. */
interface Session {
  readonly conn: string;
  readonly peer: string;
  port?: number;
  role?: Role;
  roleRank: number;
  mode?: 'main' | 'aggressive';
  phase1Messages: number;
  p1Complete: boolean;
  p1Failed: boolean;
  ended: boolean;
  l2tp: boolean;
  peerId?: Identity;
  /** Exchange of each non-zero message ID seen. */
  readonly exchanges: Map<number, ExchangeName>;
  readonly quickModes: Map<number, QuickMode>;
  qm?: QuickMode;
  lastIn?: { event: IkeMsgEvent; readonly base: readonly PayloadInfo[] };
  lastOut?: IkeMsgEvent;
  readonly inNotes: PayloadNotes;
  readonly outNotes: PayloadNotes;
  /** `IKE Receiver: Packet received on A:500 from B:500`: the endpoints of the next received message. */
  arrival?: { readonly local: Endpoint; readonly remote: Endpoint };
  lifetimeNotify?: { event: IkeNotifyEvent; readonly qm: QuickMode | undefined };
}

/**
 * What the lines around a message say about its payloads, in order per payload type: the k-th
 * VID line names the k-th VID payload. A `processing VID payload` line opens a slot that the
 * `Received … VID` line after it names.
 */
class PayloadNotes {
  private slots: { readonly type: PayloadName; detail?: PayloadDetail }[] = [];

  open(type: PayloadName, detail?: PayloadDetail): void {
    this.slots.push(detail ? { type, detail } : { type });
  }

  /** Name the last open slot of `type`, or add one. False when `same` says the last slot already tells this (one payload told by two lines). */
  name(type: PayloadName, detail: PayloadDetail, same?: (a: PayloadDetail, b: PayloadDetail) => boolean): boolean {
    const last = this.last(type);
    if (last && !last.detail) {
      last.detail = detail;
      return true;
    }
    if (last?.detail && same?.(last.detail, detail)) return false;
    this.slots.push({ type, detail });
    return true;
  }

  /** Change what the last slot of `type` tells. */
  amend(type: PayloadName, patch: (d: PayloadDetail) => PayloadDetail): void {
    const last = this.last(type);
    if (last?.detail) last.detail = patch(last.detail);
  }

  apply(payloads: readonly PayloadInfo[]): PayloadInfo[] {
    const seen = new Map<string, number>();
    return payloads.map((p) => {
      const k = seen.get(p.type) ?? 0;
      seen.set(p.type, k + 1);
      const detail = this.slots.filter((s) => s.type === p.type)[k]?.detail;
      return detail ? { ...p, ...detail } : p;
    });
  }

  clear(): void {
    this.slots = [];
  }

  private last(type: PayloadName) {
    for (let i = this.slots.length - 1; i >= 0; i--) if (this.slots[i]?.type === type) return this.slots[i];
    return undefined;
  }
}

class AsaContext {
  private readonly sessions = new Map<string, Session>();
  private readonly counts = new Map<string, number>();
  private readonly spiOwners = new Map<string, SpiOwner>();
  private readonly spiProtocols = new Map<string, ProtocolName>();
  /** The SA of the last line that named a peer: subject-less lines belong to it. */
  current: Session | undefined;
  /** The record before the one being handled (`IKE Receiver: Packet received` lines skipped): tells whether a packet the ASA complains about had its IKE_DECODE line. */
  previous: AsaRecord<AsaKind> | undefined;

  constructor(readonly out: Emitter) {}

  /** The SA a record belongs to; `startsIkeSa` when the record begins a new IKE SA (MM1/AM1, `IKE Initiator: New Phase 1`). */
  sessionOf(r: AsaRecord<AsaKind>, startsIkeSa = false): Session | undefined {
    const peer = peerOf(r);
    if (!peer) return NO_CONTEXT.has(r.kind) ? undefined : this.current;
    let s = this.sessions.get(peer);
    if (!s || (startsIkeSa && (s.ended || s.p1Complete))) s = this.open(peer);
    this.current = s;
    return s;
  }

  /** The SA of a peer address, if one is known. */
  sessionByAddress(address: string | undefined): Session | undefined {
    return address === undefined ? undefined : this.sessions.get(address);
  }

  /** The SA an SPI belongs to: the one that allocated or negotiated it, else the current one (which then owns it). */
  ownerOf(spi: string): SpiOwner | undefined {
    const known = this.spiOwners.get(spi);
    if (known) return known;
    return this.current ? this.claim(spi, this.current) : undefined;
  }

  claim(spi: string, s: Session): SpiOwner {
    const owner = this.spiOwners.get(spi) ?? { session: s, qm: s.qm };
    this.spiOwners.set(spi, owner);
    return owner;
  }

  setProtocol(spi: string, protocol: ProtocolName): void {
    this.spiProtocols.set(spi, protocol);
  }

  protocolOf(spi: string): ProtocolName {
    return this.spiProtocols.get(spi) ?? ASA_IPSEC_PROTOCOL;
  }

  quickMode(s: Session, msgid: number): QuickMode {
    let qm = s.quickModes.get(msgid);
    if (!qm) {
      qm = { msgid, sas: [], complete: false, failed: false };
      s.quickModes.set(msgid, qm);
    }
    s.exchanges.set(msgid, 'quick');
    s.qm = qm;
    return qm;
  }

  learnRole(s: Session, role: AsaRole | Role, rank: number): void {
    if (rank < s.roleRank) return;
    s.role = role;
    s.roleRank = rank;
  }

  emit<E extends Event>(r: AsaRecord<AsaKind>, s: Session | undefined, body: Body<E>, sa?: Partial<SaKey>): E {
    return this.out.emit<E>(r as unknown as LogRecord, { ...this.base(s, sa), ...defined(body) } as unknown as EventInit<E>);
  }

  update<E extends Event>(e: E, patch: Partial<Omit<E, 'seq' | 'origin' | 'kind'>>): E {
    return this.out.update(e, patch);
  }

  /** An IPsec SA of a Quick Mode: with the lifetime the ASA applies to it, when known (now or later: `applyLifetime`). */
  emitSa(r: AsaRecord<AsaKind>, owner: SpiOwner, body: Body<IpsecSaEvent>): void {
    const e = this.emit<IpsecSaEvent>(r, owner.session, { ...body, ...lifetimeOf(owner.qm) }, { spi: body.spi });
    owner.qm?.sas.push(e);
  }

  /** `Responder forcing change of IPsec rekeying duration …`: the lifetime of the Quick Mode's SAs, also those already reported. */
  applyLifetime(qm: QuickMode, lifetime: Lifetime): void {
    qm.lifetime = { ...qm.lifetime, ...lifetime };
    qm.sas.forEach((e, i) => (qm.sas[i] = this.update(e, lifetimeOf(qm))));
  }

  /** A line kept as evidence: `log.line` with the SA of its context (and the device's words when they say something no event holds). */
  log(r: AsaRecord<AsaKind>, s: Session | undefined, text?: string, sa?: Partial<SaKey>): void {
    this.emit<LogLineEvent>(r, s, { kind: 'log.line', record: r.kind, ...(text ? { text } : {}) }, sa);
  }

  /** The received message is completed by a later line: re-apply its payload notes. */
  refreshIn(s: Session): void {
    const last = s.lastIn;
    if (last) last.event = this.update(last.event, { payloads: s.inNotes.apply(last.base) });
  }

  /**
   * A phase failed. `primary` lines name the failure (`All SA proposals found unacceptable`);
   * the others only close a session (`Session is being torn down`, `QM FSM error`) and report a
   * failure only when no line before did. False when nothing was emitted.
   */
  fail(r: AsaRecord<AsaKind>, s: Session | undefined, phase: 1 | 2, reason: PhaseReason, text: string, primary: boolean): boolean {
    const qm = phase === 2 ? s?.qm : undefined;
    const already = phase === 1 ? s?.p1Failed : qm?.failed;
    if (!primary && already) return false;
    if (s && phase === 1) s.p1Failed = true;
    if (qm) qm.failed = true;
    const mode = phase === 1 ? s?.mode : undefined;
    this.emit<IkePhaseEvent>(r, s, { kind: 'ike.phase', phase, status: 'failed', reason, text, mode, msgid: qm?.msgid });
    return true;
  }

  private base(s: Session | undefined, sa?: Partial<SaKey>): Pick<Event, 'sa' | 'peer' | 'role'> {
    if (!s) return sa && Object.keys(defined(sa)).length ? { sa: defined(sa) } : {};
    return defined({
      sa: defined({ conn: s.conn, ...sa }),
      peer: defined({ address: s.peer, port: s.port }),
      role: s.role,
    });
  }

  private open(peer: string): Session {
    const n = (this.counts.get(peer) ?? 0) + 1;
    this.counts.set(peer, n);
    const s: Session = {
      conn: n === 1 ? peer : `${peer}#${n}`,
      peer,
      roleRank: 0,
      phase1Messages: 0,
      p1Complete: false,
      p1Failed: false,
      ended: false,
      l2tp: false,
      exchanges: new Map(),
      quickModes: new Map(),
      inNotes: new PayloadNotes(),
      outNotes: new PayloadNotes(),
    };
    this.sessions.set(peer, s);
    return s;
  }
}

// ---------------------------------------------------------------------------------------------------
// Handlers, one per record kind (a real sample line above each)
// ---------------------------------------------------------------------------------------------------

// [IKEv1]:IP = 10.0.0.2, IKE_DECODE SENDING Message (msgid=0) with payloads :HDR + SA (1) + VENDOR (13) + NONE (0) total length :168
const onDecode: Handler<'asa.decode'> = (c, r) => {
  const f = r.fields;
  const base = f.payloads.map(payloadInfo);
  const s = c.sessionOf(r, f.msgid === 0 && base[0]?.type === 'SA');
  if (!s) return c.log(r, s);
  const exchange = exchangeOf(s, f.msgid, base);
  if (exchange === 'main' || exchange === 'aggressive') {
    if (s.phase1Messages++ === 0 && base[0]?.type === 'SA') {
      s.mode = exchange;
      c.learnRole(s, f.dir === 'out' ? 'initiator' : 'responder', ROLE_RANK.firstMessage);
    }
  } else if (f.msgid !== 0) {
    s.exchanges.set(f.msgid, exchange);
    if (exchange === 'quick') c.quickMode(s, f.msgid);
  }
  const notes = f.dir === 'out' ? s.outNotes : s.inNotes;
  const payloads = f.dir === 'out' ? notes.apply(base) : base;
  notes.clear();
  const previous = f.dir === 'out' ? s.lastOut : s.lastIn?.event;
  const arrival = f.dir === 'in' ? s.arrival : undefined;
  if (f.dir === 'in') s.arrival = undefined;
  const e = c.emit<IkeMsgEvent>(r, s, {
    kind: 'ike.msg',
    dir: f.dir,
    exchange,
    msgid: f.msgid,
    payloads,
    length: f.length,
    retransmit: previous && sameMessage(previous, f.msgid, payloads, f.length) ? true : undefined,
    local: arrival?.local,
    remote: arrival?.remote,
  });
  if (f.dir === 'out') s.lastOut = e;
  else s.lastIn = { event: e, base };
};

// [IKEv1 DEBUG]:IP = 10.0.0.2, processing VID payload / constructing NAT-Traversal VID ver 02 payload / processing delete
const onPayload: Handler<'asa.payload'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  const word = PAYLOAD_WORDS.find((w) => w.pattern.test(f.payload));
  if (!s || !word) return c.log(r, s);
  const dir = f.action === 'constructing' ? 'out' : 'in';
  const notes = dir === 'out' ? s.outNotes : s.inNotes;
  const vid = word.type === 'VID' && dir === 'out' ? vendorIdByDeviceWording('asa', r.text) : undefined;
  if (vid?.vid) {
    notes.open('VID', { vendorId: { name: vid.vid } });
    return emitVid(c, r, s, dir, vid);
  }
  notes.open(word.type, word.protocol ? { delete: { protocol: word.protocol } } : undefined);
  if (word.type === 'D' && word.protocol && dir === 'out') {
    c.emit<IkeDeleteEvent>(r, s, { kind: 'ike.delete', dir, protocol: word.protocol, spis: [] });
    return;
  }
  c.log(r, s);
};

// [IKEv1 DEBUG]:IP = 10.0.0.2, Received NAT-Traversal RFC VID / Send Altiga/Cisco VPN3000/Cisco ASA GW VID
// [IKEv1 DEBUG]:IP = 10.0.0.2, Processing IOS/PIX Vendor ID payload (version:1.0.0, capabilities:00000f7f)
const onVendorId: Handler<'asa.vendorId' | 'asa.iosVendorId'> = (c, r) => {
  const s = c.sessionOf(r);
  const dir = r.fields.dir;
  const vid = vendorIdByDeviceWording('asa', r.text);
  if (!s) return emitVid(c, r, s, dir, vid);
  const notes = dir === 'out' ? s.outNotes : s.inNotes;
  const named = (a: PayloadDetail, b: PayloadDetail) => a.vendorId?.name !== undefined && a.vendorId.name === b.vendorId?.name;
  const fresh = notes.name('VID', vid?.vid ? { vendorId: { name: vid.vid } } : {}, named);
  if (dir === 'in') c.refreshIn(s);
  // `Send IOS VID` + `Constructing ASA spoofing IOS Vendor ID payload` tell one payload: one ike.vid
  if (fresh) emitVid(c, r, s, dir, vid);
  else c.log(r, s);
};

// [IKEv1 DEBUG]:IP = 10.0.0.2, Oakley proposal is acceptable (and the other fixed progress messages)
const onStep: Handler<'asa.step'> = (c, r) => {
  const s = c.sessionOf(r);
  const step = STEPS[r.fields.step];
  if (step) step(c, r, s);
  else c.log(r, s);
};

type StepHandler = (c: AsaContext, r: AsaRecord<'asa.step'>, s: Session | undefined) => void;
const STEPS: { readonly [step in AsaFields['asa.step']['step']]?: StepHandler } = {
  // [IKEv1 DEBUG]:IP = 10.0.0.2, Oakley proposal is acceptable
  oakleyProposalAcceptable: (c, r, s) => {
    c.emit<IkeProposalEvent>(r, s, { kind: 'ike.proposal', phase: 1, stage: 'accepted', source: 'peer', attrs: {} });
  },
  // [IKEv1 DEBUG]:Group = 10.0.0.2, IP = 10.0.0.2, Generating keys for Initiator...
  generateKeys: (c, r, s) => {
    if (s && r.fields.role) c.learnRole(s, r.fields.role, ROLE_RANK.phase1Words);
    c.log(r, s);
  },
  // [IKEv1 DECODE]:Group = 10.0.0.2, IP = 10.0.0.2, IKE Initiator sending Initial Contact
  sendInitialContact: (c, r, s) => {
    if (s && r.fields.role) c.learnRole(s, r.fields.role, ROLE_RANK.quickMode);
    s?.outNotes.open('N', { notify: { type: 'INITIAL_CONTACT' } });
    c.emit<IkeNotifyEvent>(r, s, { kind: 'ike.notify', dir: 'out', type: 'INITIAL_CONTACT', number: NOTIFY_TYPES.valueOf('INITIAL_CONTACT') });
  },
  // [IKEv1 DEBUG]:Group = 10.0.0.2, IP = 10.0.0.2, sending delete/delete with reason message
  sendDelete: (c, r, s) => c.log(r, s, message(r)),
};

// [IKEv1 DEBUG]:Group = 10.0.0.2, IP = 10.0.0.2, IKE got SPI from key engine:SPI = 0xfd2d851f
const onKeyEngine: Handler<'asa.keyEngine'> = (c, r) => {
  const f = r.fields;
  // the key acquire of a new negotiation prints no subject: it is no SA's yet
  const s = f.peer || f.event !== 'acquire' ? c.sessionOf(r) : undefined;
  const spi = f.spi && f.spi !== '00000000' ? f.spi : undefined;
  if (f.event === 'gotSpi' && spi && s) {
    c.claim(spi, s);
    c.emit<IpsecSpiEvent>(r, s, { kind: 'ipsec.spi', dir: 'in', protocol: c.protocolOf(spi), spi }, { spi });
    return;
  }
  c.log(r, s, undefined, { spi });
};

// [IKEv1 DECODE]:Group = 10.0.0.2, IP = 10.0.0.2, IKE Initiator starting QM:msg id = 7b80c2b0
const onQuickMode: Handler<'asa.quickMode'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  if (!s) return c.log(r, s);
  c.quickMode(s, f.msgid);
  c.learnRole(s, f.role, ROLE_RANK.quickMode);
  if (f.event === 'start') c.emit<IkePhaseEvent>(r, s, { kind: 'ike.phase', phase: 2, status: 'started', msgid: f.msgid });
  else c.log(r, s);
};

// [IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, PHASE 1 COMPLETED / PHASE 2 COMPLETED (msgid=7b80c2b0)
const onPhaseCompleted: Handler<'asa.phaseCompleted'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  if (f.phase === 1) {
    if (s) s.p1Complete = true;
    // Main/Aggressive Mode completes only after the peer's identity was authenticated
    c.emit<IkeAuthEvent>(r, s, { kind: 'ike.auth', peerId: s?.peerId, result: 'ok' });
    c.emit<IkePhaseEvent>(r, s, { kind: 'ike.phase', phase: 1, status: 'complete', mode: s?.mode });
    return;
  }
  const qm = s && f.msgid !== undefined ? c.quickMode(s, f.msgid) : s?.qm;
  if (qm) qm.complete = true;
  c.emit<IkePhaseEvent>(r, s, { kind: 'ike.phase', phase: 2, status: 'complete', msgid: f.msgid ?? qm?.msgid });
};

// [IKEv1 DECODE]:Group = 10.0.0.2, IP = 10.0.0.2, ID_IPV4_ADDR_SUBNET ID received--192.168.1.0--255.255.255.0
const onIdReceived: Handler<'asa.idReceived'> = (c, r) => {
  const s = c.sessionOf(r);
  const id = identityOf(r.fields);
  if (s && id) {
    s.inNotes.name('ID', { id });
    c.refreshIn(s);
    if (s.lastIn?.event.msgid === 0 && !s.p1Complete) s.peerId = id;
  }
  c.log(r, s);
};

// [IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, Received remote IP Proxy Subnet data in ID Payload:Address 192.168.2.0, Mask 255.255.255.0, Protocol 1, Port 0
const onProxyReceived: Handler<'asa.proxyReceived'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  if (s?.qm) s.qm[f.side] = proxyOf(f);
  if (s) {
    s.inNotes.amend('ID', (d) => (d.id ? { id: { ...d.id, protocol: f.protocol, port: f.port } } : d));
    c.refreshIn(s);
  }
  c.log(r, s);
};

// [IKEv1 DEBUG]:Group = 10.0.0.2, IP = 10.0.0.2, Transmitting Proxy Id:
//   Local subnet:192.168.1.0 mask 255.255.255.0 Protocol 1 Port 0 / Remote subnet:192.168.2.0 Mask 255.255.255.0 Protocol 1 Port 0
const onProxyIdTransmit: Handler<'asa.proxyIdTransmit'> = (c, r) => {
  const s = c.sessionOf(r);
  for (const p of r.fields.parts ?? r.fields.ids ?? []) {
    if (s?.qm) s.qm[p.side] = proxyOf(p);
    // printed in wire order: IDi, IDr
    s?.outNotes.open('ID', { id: proxyIdentity(p) });
  }
  c.log(r, s);
};

// IPSEC: New embryonic SA created @ 0x53FC3C00,  (+ SCB, Direction: inbound, SPI: 0xFD2D851F, Protocol: esp, Lifetime: 240 seconds)
const onEmbryonicSa: Handler<'asa.ipsecEmbryonicSa'> = (c, r) => {
  const parts = r.fields.parts ?? [];
  const spi = str(field(parts, 'SPI'));
  const dir = DIRECTIONS[str(field(parts, 'Direction')) ?? ''];
  const protocol = canonicalProtocol(str(field(parts, 'Protocol')) ?? '', 'asa');
  const owner = spi ? c.ownerOf(spi) : undefined;
  if (!spi || !dir || !owner) return c.log(r, owner?.session ?? c.current, undefined, { spi });
  if (protocol) c.setProtocol(spi, protocol);
  // `Lifetime: 240 seconds` is the embryonic SA's own timer, not the SA lifetime: not reported
  c.emitSa(r, owner, { kind: 'ipsec.sa', dir, protocol: c.protocolOf(spi), spi, local: owner.qm?.local, remote: owner.qm?.remote });
};

// IPSEC: New outbound encrypt rule, SPI 0xDDE50931  (+ Src addr/mask, Dst addr/mask, Src/Dst ports, Protocol)
const onIpsecRule: Handler<'asa.ipsecRule'> = (c, r) => {
  const f = r.fields;
  const owner = c.ownerOf(f.spi);
  const kind = RULES[f.rule];
  if (!owner || !kind) return c.log(r, owner?.session ?? c.current, undefined, { spi: f.spi });
  const rule = readRule(f.parts ?? []);
  const [local, remote] = f.dir === 'out' ? [rule.src, rule.dst] : [rule.dst, rule.src];
  const sides =
    kind === 'inner'
      ? { local, remote }
      : {
          localEndpoint: local && endpointOf(local),
          remoteEndpoint: remote && endpointOf(remote),
          // ESP carried in UDP (NAT-T) when the outer rule is for UDP
          udpEncapsulated: rule.protocol === 17 ? true : undefined,
        };
  c.emitSa(r, owner, { kind: 'ipsec.sa', dir: f.dir, protocol: c.protocolOf(f.spi), spi: f.spi, ...sides });
};

// IPSEC: Creating outbound VPN context, SPI 0xDDE50931 / IPSEC: Completed outbound encrypt rule, SPI 0xDDE50931 / IPSEC: Deleted inbound decrypt rule, SPI 0xFD2D851F
const onIpsecObject: Handler<'asa.ipsecVpnContext' | 'asa.ipsecCompleted' | 'asa.ipsecDeleted'> = (c, r) => {
  const spi = r.fields.spi;
  c.log(r, c.ownerOf(spi)?.session, undefined, { spi });
};

// %ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0xDDE50931) between 10.0.0.1 and 10.0.0.2 (user= 10.0.0.2) has been created.
const onIpsecSa: Handler<'asa.ipsecSa'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  if (!s || f.action === 'deleted') return c.log(r, s, message(r), { spi: f.spi });
  c.emitSa(r, c.claim(f.spi, s), {
    kind: 'ipsec.sa',
    dir: f.dir,
    protocol: c.protocolOf(f.spi),
    spi: f.spi,
    localEndpoint: { address: f.local },
    remoteEndpoint: { address: f.remote },
  });
};

// [IKEv1]:IP = 10.0.0.2, IKE Initiator:New Phase 1, Intf inside, IKE Peer 10.0.0.2 local Proxy Address 192.168.1.0, remote Proxy Address 192.168.2.0, Crypto map (MAP)
const onInitiatorStart: Handler<'asa.initiatorStart'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r, f.phase === 1);
  if (s) c.learnRole(s, 'initiator', f.phase === 1 ? ROLE_RANK.phase1Words : ROLE_RANK.quickMode);
  c.emit<IkePhaseEvent>(r, s, { kind: 'ike.phase', phase: f.phase, status: 'started' });
};

// [IKEv1]IKE Receiver: Packet received on 172.16.1.2:500 from 10.1.1.2:500
const onPacketReceived: Handler<'asa.packetReceived'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  if (s) {
    s.port = f.remotePort;
    s.arrival = { local: { address: f.local, port: f.localPort }, remote: { address: f.remote, port: f.remotePort } };
  }
  c.log(r, s);
};

// [IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, Automatic NAT Detection Status:Remote end is NOT behind a NAT device This end is NOT behind a NAT device
const onNatDetection: Handler<'asa.natDetection'> = (c, r) => {
  const f = r.fields;
  c.emit<IkeNatdEvent>(r, c.sessionOf(r), { kind: 'ike.natd', localBehindNat: f.localBehindNat, peerBehindNat: f.remoteBehindNat });
};

// [IKEv1 DEBUG]:IP = 10.0.0.2, IKE SA Proposal # 1, Transform # 1 acceptable Matches global IKE entry # 2
const onProposalAccepted: Handler<'asa.proposalAccepted'> = (c, r) => {
  const f = r.fields;
  const phase = /^ike$/i.test(f.sa) ? 1 : 2;
  c.emit<IkeProposalEvent>(r, c.sessionOf(r), {
    kind: 'ike.proposal',
    phase,
    stage: 'accepted',
    source: 'peer',
    proposal: f.proposal,
    transform: f.transform,
    attrs: {},
    policy: `global ${phase === 1 ? f.sa : `${f.sa} SA`} entry # ${f.entry}`,
  });
};

// [IKEv1]Phase 1 failure: Mismatched attribute types for class Group Description: Rcv'd: Unknown Cfg'd: Group 2
const onAttrMismatch: Handler<'asa.attrMismatch'> = (c, r) => {
  const f = r.fields;
  const cls = MISMATCH_CLASSES[f.class.trim().toLowerCase()];
  const attribute = cls?.attribute[f.phase];
  const offered = cls?.value(f.received);
  const configured = cls?.value(f.configured);
  c.emit<IkeProposalEvent>(r, c.sessionOf(r), {
    kind: 'ike.proposal',
    phase: f.phase,
    stage: 'rejected',
    source: 'peer',
    attrs: attribute && offered !== undefined ? ({ [attribute]: offered } as ProposalAttrs) : {},
    reason: defined({
      attribute,
      offered: offered ?? f.received,
      configured: configured ?? f.configured,
      text: message(r),
    }),
  });
};

// [IKEv1]:IP = 10.0.0.2, All SA proposals found unacceptable / All IPSec SA proposals found unacceptable!
const onProposalsUnacceptable: Handler<'asa.proposalsUnacceptable'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  const text = message(r);
  c.emit<IkeProposalEvent>(r, s, { kind: 'ike.proposal', phase: f.phase, stage: 'rejected', source: 'peer', attrs: {}, reason: { text } });
  c.fail(r, s, f.phase, 'proposal', text, true);
};

// [IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, Responder forcing change of IPsec rekeying duration from 28800 to 3600 seconds
// [IKEv1]Group = DefaultRAGroup, IP = 10.1.1.2, Overriding Initiator's IPSec rekeying duration from 0 to 28800 seconds
const onLifetimeChange: Handler<'asa.lifetimeChange'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  const lifetime: Lifetime = /^k/i.test(f.unit) ? { kilobytes: f.to } : { seconds: f.to };
  if (s?.qm) c.applyLifetime(s.qm, lifetime);
  const pending = s?.lifetimeNotify;
  if (f.by !== 'responder' || (pending && pending.qm === s?.qm)) {
    // the notify was decoded from the dump above: complete it with the value the ASA applies
    if (f.by === 'responder' && pending) pending.event = c.update(pending.event, { lifetime: { ...pending.event.lifetime, ...lifetime } });
    return c.log(r, s, message(r));
  }
  const event = c.emit<IkeNotifyEvent>(r, s, { kind: 'ike.notify', dir: 'in', type: 'RESPONDER_LIFETIME', number: NOTIFY_TYPES.valueOf('RESPONDER_LIFETIME'), lifetime });
  if (s) s.lifetimeNotify = { event, qm: s.qm };
};

// [IKEv1 DECODE]:Responder Lifetime decode follows (outb SPI[4]|attributes):  (+ [IKEv1 DECODE]:0000:DDE50931 80010001 00020004 00000E10 ...)
const onResponderLifetime: Handler<'asa.responderLifetime'> = (c, r) => {
  const s = c.sessionOf(r);
  const hex = (r.fields.parts ?? []).map((p) => p.hex).join('');
  const spi = hex.length >= 8 ? hex.slice(0, 8) : undefined;
  const data = hex.length > 8 ? hex.slice(8) : undefined;
  const lifetime = data ? lifetimeAttributes(data) : undefined;
  const event = c.emit<IkeNotifyEvent>(r, s, {
    kind: 'ike.notify',
    dir: 'in',
    type: 'RESPONDER_LIFETIME',
    number: NOTIFY_TYPES.valueOf('RESPONDER_LIFETIME'),
    spi,
    data,
    lifetime: lifetime && Object.keys(lifetime).length ? lifetime : undefined,
  });
  if (!s) return;
  s.lifetimeNotify = { event, qm: s.qm };
  s.inNotes.name('N', { notify: { type: 'RESPONDER_LIFETIME' } });
  c.refreshIn(s);
};

// [IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, Security negotiation complete for LAN-to-LAN Group (10.0.0.2) Initiator, Inbound SPI = 0xfd2d851f, Outbound SPI = 0xdde50931
const onNegotiationComplete: Handler<'asa.negotiationComplete'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  if (s) c.learnRole(s, f.role, ROLE_RANK.quickMode);
  for (const [dir, spi] of [
    ['in', f.spiIn],
    ['out', f.spiOut],
  ] as const) {
    if (s) c.claim(spi, s);
    c.emit<IpsecSpiEvent>(r, s, { kind: 'ipsec.spi', dir, protocol: c.protocolOf(spi), spi }, { spi });
  }
};

// [IKEv1]Group = DefaultRAGroup, IP = 10.1.1.2, L2TP/IPSec session detected.
// [IKEv1]IKEQM_Active() Add L2TP classification rules: ip <10.1.1.2> mask <0xFFFFFFFF> port <1701>
const onL2tp: Handler<'asa.l2tp'> = (c, r) => {
  const s = c.sessionByAddress(r.fields.address) ?? c.sessionOf(r);
  const detected = !(s?.l2tp ?? false);
  if (s) s.l2tp = true;
  c.emit<L2tpCtrlEvent>(r, s, { kind: 'l2tp.ctrl', message: message(r).replace(/\.$/, '') });
  // The ASA says "L2TP/IPSec session detected" for a Quick Mode whose SA carries L2TP (UDP/1701
  // between the IKE peers themselves), and it accepts L2TP over IPsec only on a transport-mode
  // SA (RFC 3193 §4: L2TP/IPsec uses ESP in transport mode; the ASA needs `mode transport` in
  // the transform set). Its debug never prints the mode, so this line is what tells it.
  if (s && detected && s.qm)
    c.emit<IkeProposalEvent>(r, s, { kind: 'ike.proposal', phase: 2, stage: 'accepted', attrs: { encapsulation: 'transport' } }, { msgid: s.qm.msgid });
};

// %ASA-6-713228: Group = DefaultRAGroup, Username = test, IP = 10.1.1.2, Assigned private IP address 192.168.1.1 to remote user
const onAssignedIp: Handler<'asa.assignedIp'> = (c, r) => {
  const s = c.sessionOf(r);
  // L2TP clients get their address over PPP (IPCP); IKE remote-access clients over Mode-Config
  if (s?.l2tp) c.emit<PppEvent>(r, s, { kind: 'ppp', message: message(r) });
  else c.emit<IkeCfgEvent>(r, s, { kind: 'ike.cfg', step: 'reply', attributes: { address: r.fields.address } });
};

// %ASA-5-713904: IP = 10.0.0.2, Received non-routine Notify message: Invalid ID info (18)
const onNotifyReceived: Handler<'asa.notifyReceived'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  const type: NotifyName | 'UNKNOWN' = canonicalNotify(f.notify, 'asa') ?? (f.code !== undefined ? NOTIFY_TYPES.nameOf(f.code) : undefined) ?? 'UNKNOWN';
  const number = f.code ?? (type === 'UNKNOWN' ? undefined : NOTIFY_TYPES.valueOf(type));
  if (s) {
    s.inNotes.name('N', { notify: type === 'UNKNOWN' && number !== undefined ? { type, number } : { type } });
    c.refreshIn(s);
  }
  c.emit<IkeNotifyEvent>(r, s, { kind: 'ike.notify', dir: 'in', type, number });
  // a non-routine error notify ends the exchange; an un-encrypted one is dropped (no failure yet)
  const reasons = NOTIFY_REASONS[type];
  if (f.routine === false && number !== undefined && number < 16384) {
    const phase = s?.p1Complete ? 2 : 1;
    c.fail(r, s, phase, reasons?.[phase] ?? 'notify', message(r), true);
  }
};

// [IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, ERROR, had problems decrypting packet, probably due to mismatched pre-shared key.  Aborting
const onDecryptFailed: Handler<'asa.decryptFailed'> = (c, r) => {
  const s = c.sessionOf(r);
  const text = message(r);
  // the ASA says this only of keys derived from a pre-shared key: the method is PSK
  c.emit<IkeAuthEvent>(r, s, { kind: 'ike.auth', method: 'psk', result: 'failed', reason: 'packet does not decrypt (mismatched pre-shared key)' });
  c.fail(r, s, 1, 'psk', text, true);
};

// [IKEv1]:IP = 10.0.0.2, Received encrypted Oakley Main Mode packet with invalid payloads, MessID = 0
const onInvalidPayloads: Handler<'asa.invalidPayloads'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  const quick = /quick/i.test(f.mode);
  // The line reports a received message. Its payloads could not be read, so the ASA printed no
  // IKE_DECODE RECEIVED line for it: the message is this line (unless the line before was its decode).
  if (s && !receivedJustNow(c, s)) {
    const exchange: ExchangeName = quick ? 'quick' : /aggressive/i.test(f.mode) ? 'aggressive' : /main/i.test(f.mode) ? 'main' : (s.mode ?? 'main');
    if (exchange === 'main' || exchange === 'aggressive') s.phase1Messages++;
    else if (f.msgid !== 0) c.quickMode(s, f.msgid);
    const arrival = s.arrival;
    s.arrival = undefined;
    s.inNotes.clear();
    const e = c.emit<IkeMsgEvent>(r, s, { kind: 'ike.msg', dir: 'in', exchange, msgid: f.msgid, payloads: [], encrypted: true, local: arrival?.local, remote: arrival?.remote });
    s.lastIn = { event: e, base: [] };
  }
  // an encrypted phase-1 message that does not parse was decrypted with the wrong key: the pre-shared keys differ
  c.fail(r, s, quick ? 2 : 1, quick ? 'malformed' : 'psk', message(r), true);
};

/** Whether the record before this one was the IKE_DECODE RECEIVED line of a message of this SA. */
function receivedJustNow(c: AsaContext, s: Session): boolean {
  const p = c.previous;
  return p?.kind === 'asa.decode' && (p as AsaRecord<'asa.decode'>).fields.dir === 'in' && peerOf(p) === s.peer;
}

// %ASA-5-713201: IP = 10.1.1.2, Duplicate Phase 1 packet detected.  Retransmitting last packet.
const onDuplicatePacket: Handler<'asa.duplicatePacket'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  // The line says two things: the peer sent its last message again (the ASA prints no IKE_DECODE
  // line for a duplicate; when it did print one, that line is the repeat and was marked there),
  // and the ASA resends its own last message.
  const last = s?.lastOut;
  const peerLast = s?.lastIn?.event;
  const samePhase = (m: IkeMsgEvent) => (m.msgid === 0) === (f.phase === 1);
  if (f.action !== 'retransmit' || !s || !last || !samePhase(last)) return c.log(r, s, message(r));
  if (peerLast && samePhase(peerLast) && !receivedJustNow(c, s)) {
    const arrival = s.arrival;
    s.arrival = undefined;
    const { exchange, msgid, payloads, length, encrypted } = peerLast;
    c.emit<IkeMsgEvent>(r, s, { kind: 'ike.msg', dir: 'in', exchange, msgid, payloads, length, encrypted, retransmit: true, local: arrival?.local, remote: arrival?.remote });
  }
  c.emit<IkeMsgEvent>(r, s, { kind: 'ike.msg', dir: 'out', exchange: last.exchange, msgid: last.msgid, payloads: last.payloads, length: last.length, retransmit: true });
};

// %ASA-3-713902: Group = 10.0.0.2, IP = 10.0.0.2, QM FSM error (P2 struct &0xcb0c4e30, mess id 0x3b5d7d1f)!
const onQmFsmError: Handler<'asa.qmFsmError'> = (c, r) => {
  const s = c.sessionOf(r);
  if (s) c.quickMode(s, r.fields.msgid);
  if (!c.fail(r, s, 2, 'unknown', message(r), false)) c.log(r, s, message(r));
};

// [IKEv1]:IP = 10.0.0.2, IKE MM Responder FSM error history (struct &0x3ff9bc0)  <state>, <event>:  MM_DONE, EV_ERROR-->MM_WAIT_MSG3, EV_TIMEOUT-->...
const onFsmErrorHistory: Handler<'asa.fsmErrorHistory'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  const phase = FSM_PHASES[f.exchange.toUpperCase()] ?? 1;
  if (s && phase === 1) c.learnRole(s, f.role, ROLE_RANK.phase1Words);
  const oldestFirst = [...f.history].reverse();
  let previous: IkeStateEvent['previous'];
  for (const h of oldestFirst) {
    const canonical = canonicalState('asa', h.state, { kind: 'fsm', role: f.role })?.state ?? null;
    c.emit<IkeStateEvent>(r, s, {
      kind: 'ike.state',
      vendor: h.state,
      vendorKind: 'fsm',
      canonical,
      previous,
      input: h.event,
      scope: phase === 1 ? 'isakmp-sa' : 'exchange',
    });
    previous = { vendor: h.state, canonical };
  }
  // the FSM gave up after a timeout: the peer did not answer
  const reason: PhaseReason = f.history[1]?.event === 'EV_TIMEOUT' ? 'no_response' : 'unknown';
  c.fail(r, s, phase, reason, message(r), false);
};

// [IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, Session is being torn down. Reason: User Requested
// %ASA-4-113019: Group = DefaultRAGroup, Username = test, IP = 10.1.1.2, Session disconnected. Session Type: IKEv1, Duration: 0h:00m:18s, ..., Reason: Lost Service
const onSessionEnd: Handler<'asa.sessionTeardown' | 'asa.sessionDisconnected'> = (c, r) => {
  const s = c.sessionOf(r);
  const known = TEARDOWN_REASONS[r.fields.reason.trim().toLowerCase()];
  const phase = known?.phase ?? (!s || !s.p1Complete || !s.qm || s.qm.complete ? 1 : 2);
  if (s) s.ended = true;
  if (!c.fail(r, s, phase, known?.reason ?? 'unknown', message(r), false)) c.log(r, s, message(r));
};

// %ASA-5-713050: Group = 10.0.0.2, IP = 10.0.0.2, Connection terminated for peer 10.0.0.2.  Reason: Peer Terminate  Remote Proxy 192.168.2.0, Local Proxy 192.168.1.0
const onConnectionTerminated: Handler<'asa.connectionTerminated'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  const known = TEARDOWN_REASONS[f.reason.trim().toLowerCase()];
  // proxies N/A: the IKE SA itself, without a tunnel
  const phase = known?.phase ?? (/^N\/A$/i.test(f.remoteProxy) ? 1 : 2);
  if (s && phase === 1) s.ended = true;
  if (!c.fail(r, s, phase, known?.reason ?? 'unknown', message(r), false)) c.log(r, s, message(r));
};

// [IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, IKE lost contact with remote peer, deleting connection (keepalive type: DPD)
const onDpdLost: Handler<'asa.dpdLost'> = (c, r) => {
  const s = c.sessionOf(r);
  if (s) s.ended = true;
  c.fail(r, s, 1, 'dpd', message(r), true);
};

// [IKEv1 DEBUG]:Group = 10.0.0.2, IP = 10.0.0.2, IKE SA MM:8d4b8e5e terminating:  flags 0x0100c022, refcnt 0, tuncnt 0
// [IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, Active unit receives a delete event for remote peer 10.0.0.2.
const onIkeSaGone: Handler<'asa.ikeSaTerminate' | 'asa.deleteEvent'> = (c, r) => {
  const s = c.sessionOf(r);
  if (s) s.ended = true;
  c.log(r, s);
};

// Apr 16 18:42:05 [IKEv1 DEBUG]Group = 10.0.0.2, IP = 10.0.0.2, Sending keep-alive of type DPD R-U-THERE (seq number 0x3f2c6a91)
// Apr 16 18:42:05 [IKEv1 DEBUG]Group = 10.0.0.2, IP = 10.0.0.2, Received keep-alive of type DPD R-U-THERE-ACK (seq number 0x3f2c6a91)
const onKeepalive: Handler<'asa.keepalive'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  if (!/^DPD$/i.test(f.type)) return c.log(r, s, message(r));
  const type: NotifyName = f.message === 'R-U-THERE' ? 'R_U_THERE' : 'R_U_THERE_ACK';
  if (s) {
    // a sent keep-alive is announced before its IKE_DECODE SENDING line; a received one is told after its decode
    if (f.dir === 'out') s.outNotes.open('N', { notify: { type } });
    else {
      s.inNotes.name('N', { notify: { type } });
      c.refreshIn(s);
    }
  }
  c.emit<IkeNotifyEvent>(r, s, { kind: 'ike.notify', dir: f.dir, type, number: NOTIFY_TYPES.valueOf(type) });
  c.emit<IkeDpdEvent>(r, s, { kind: 'ike.dpd', step: f.message === 'R-U-THERE' ? 'r-u-there' : 'ack', dir: f.dir, dpdSeq: f.seq });
};

// [IKEv1]:Group = 209.165.201.10, IP = 209.165.201.10, Rejecting IPSec tunnel: no matching crypto map entry for remote proxy 192.168.20.0/255.255.255.0/0/0 local proxy 192.168.11.0/255.255.255.0/0/0 on interface outside
const onNoCryptoMap: Handler<'asa.noCryptoMap'> = (c, r) => {
  const f = r.fields;
  const s = c.sessionOf(r);
  // the Quick Mode's proxies, when no ID line gave them
  if (s?.qm) {
    s.qm.remote ??= proxyOf({ type: 'subnet', ...f.remote });
    s.qm.local ??= proxyOf({ type: 'subnet', ...f.local });
  }
  c.fail(r, s, 2, 'no_crypto_map', message(r), true);
};

// Mar 14 2024 10:31:07 asa-dc : %ASA-3-713902: IP = 172.16.5.5, Can't find a valid tunnel group, aborting...!
const onNoTunnelGroup: Handler<'asa.noTunnelGroup'> = (c, r) => {
  const s = c.sessionOf(r);
  // no tunnel group: no pre-shared key for this peer (not an authentication that failed: no ike.auth)
  c.fail(r, s, 1, 'no_psk', message(r), true);
};

/** A line with no protocol fact: `log.line` with its SA. */
const logOnly: Handler<AsaKind> = (c, r) => c.log(r, c.sessionOf(r));
/** A line whose own words are worth keeping (a reason, an address no event holds). */
const logWords: Handler<AsaKind> = (c, r) => c.log(r, c.sessionOf(r), message(r));

const HANDLERS: { readonly [K in AsaKind]?: Handler<K> } = {
  'asa.decode': onDecode,
  'asa.payload': onPayload,
  'asa.vendorId': onVendorId,
  'asa.iosVendorId': onVendorId,
  'asa.step': onStep,
  'asa.keyEngine': onKeyEngine,
  'asa.quickMode': onQuickMode,
  'asa.phaseCompleted': onPhaseCompleted,
  'asa.idReceived': onIdReceived,
  'asa.proxyReceived': onProxyReceived,
  'asa.proxyIdTransmit': onProxyIdTransmit,
  'asa.ipsecEmbryonicSa': onEmbryonicSa,
  'asa.ipsecRule': onIpsecRule,
  'asa.ipsecVpnContext': onIpsecObject,
  'asa.ipsecCompleted': onIpsecObject,
  'asa.ipsecDeleted': onIpsecObject,
  'asa.ipsecSa': onIpsecSa,
  'asa.initiatorStart': onInitiatorStart,
  'asa.packetReceived': onPacketReceived,
  'asa.natDetection': onNatDetection,
  'asa.proposalAccepted': onProposalAccepted,
  'asa.attrMismatch': onAttrMismatch,
  'asa.proposalsUnacceptable': onProposalsUnacceptable,
  'asa.lifetimeChange': onLifetimeChange,
  'asa.responderLifetime': onResponderLifetime,
  'asa.negotiationComplete': onNegotiationComplete,
  'asa.l2tp': onL2tp,
  'asa.assignedIp': onAssignedIp,
  'asa.notifyReceived': onNotifyReceived,
  'asa.decryptFailed': onDecryptFailed,
  'asa.invalidPayloads': onInvalidPayloads,
  'asa.duplicatePacket': onDuplicatePacket,
  'asa.qmFsmError': onQmFsmError,
  'asa.fsmErrorHistory': onFsmErrorHistory,
  'asa.sessionTeardown': onSessionEnd,
  'asa.sessionDisconnected': onSessionEnd,
  'asa.connectionTerminated': onConnectionTerminated,
  'asa.dpdLost': onDpdLost,
  'asa.keepalive': onKeepalive,
  'asa.noCryptoMap': onNoCryptoMap,
  'asa.noTunnelGroup': onNoTunnelGroup,
  'asa.ikeSaTerminate': onIkeSaGone,
  'asa.deleteEvent': onIkeSaGone,
  // evidence only: tunnel group, crypto map checks, timers, keep-alive settings, rule lookups
  'asa.tunnelGroup': logOnly,
  'asa.rekeyTimer': logOnly,
  'asa.keepaliveType': logOnly,
  'asa.keepaliveUnsupported': logOnly,
  'asa.iosKeepalive': logOnly,
  'asa.peerCryptoMap': logOnly,
  'asa.npRuleLookup': logOnly,
  'asa.cryptoMapLookup': logOnly,
  'asa.cryptoMapCheck': logOnly,
  'asa.peerTableRemoveFailed': logOnly,
  'asa.staticMapCheck': logWords,
  'asa.staticRoute': logWords,
  'asa.deletingSa': logWords,
  'asa.noMatchingSa': logWords,
  'asa.infoExchangeFailed': logWords,
  'asa.payloadError': logWords,
};

export const normalizeAsa: Normalizer = (records, out) => {
  const c = new AsaContext(out);
  for (const record of records) {
    const r = record as unknown as AsaRecord<AsaKind>;
    const handler = (HANDLERS[r.kind] ?? logOnly) as Handler<AsaKind>;
    const before = out.events.length;
    try {
      handler(c, r);
    } catch {
      // nothing throws on odd input: a record that does not fit its context is kept as evidence
      if (out.events.length === before) c.log(r, undefined);
    }
    if (r.kind !== 'asa.packetReceived') c.previous = r;
  }
};

// ---------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------

const DIRECTIONS: { readonly [word: string]: 'in' | 'out' } = { inbound: 'in', outbound: 'out' };

function peerOf(r: AsaRecord<AsaKind>): string | undefined {
  const f = r.fields as AsaHead & { readonly [k: string]: unknown };
  if (f.peer) return f.peer;
  const key = PEER_FIELDS[r.kind] as string | undefined;
  const v = key ? f[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** `SA (1)` → { type: 'SA' }; by the number first (`NAT-D (130)` is the draft payload), then the name. */
function payloadInfo(p: { readonly name: string; readonly type: number }): PayloadInfo {
  const type = PAYLOAD_TYPES.nameOf(p.type) ?? canonicalPayload(p.name, 'asa');
  return type ? { type } : { type: 'UNKNOWN', number: p.type };
}

/**
 * The exchange of a message from its ID, its payloads and what came before: msgid 0 is phase 1
 * (aggressive when the first message carries SA + KE + NONCE + ID) unless it carries only
 * notifies/deletes; later messages are Quick Mode (SA, or HASH alone: QM3), transactions (ATTR)
 * or informational (N / D).
 */
function exchangeOf(s: Session, msgid: number, payloads: readonly PayloadInfo[]): ExchangeName {
  const has = (t: PayloadName) => payloads.some((p) => p.type === t);
  const only = (...ts: PayloadName[]) => payloads.length > 0 && payloads.every((p) => (ts as string[]).includes(p.type));
  if (msgid === 0) {
    if (only('N', 'D', 'VID')) return 'informational';
    if (s.mode) return s.mode;
    if (has('SA')) return has('KE') && has('NONCE') && has('ID') ? 'aggressive' : 'main';
    return has('KE') || has('ID') ? 'main' : 'aggressive';
  }
  if (has('SA')) return 'quick';
  if (has('ATTR')) return 'transaction';
  const known = s.exchanges.get(msgid);
  if (known) return known;
  if (has('N') || has('D')) return 'informational';
  return only('HASH') ? 'quick' : 'informational';
}

function sameMessage(e: IkeMsgEvent, msgid: number, payloads: readonly PayloadInfo[], length: number): boolean {
  return e.msgid === msgid && e.length === length && e.payloads.length === payloads.length && e.payloads.every((p, i) => p.type === payloads[i]?.type);
}

/** The SA lifetime the ASA applies to the SAs of a Quick Mode, when a line said it. */
function lifetimeOf(qm: QuickMode | undefined): Pick<IpsecSaEvent, 'lifetimeSeconds' | 'lifetimeKilobytes'> {
  return defined({ lifetimeSeconds: qm?.lifetime?.seconds, lifetimeKilobytes: qm?.lifetime?.kilobytes });
}

function emitVid(c: AsaContext, r: AsaRecord<AsaKind>, s: Session | undefined, dir: 'in' | 'out', vid: VendorIdWordingMatch | undefined): void {
  c.emit<IkeVidEvent>(r, s, { kind: 'ike.vid', dir, name: vid?.vid ?? 'unknown', alsoMatches: vid?.alsoMatches });
}

/** The message after the tag and subject, as the device printed it. */
function message(r: AsaRecord<AsaKind>): string {
  const line = r.text.split('\n')[0] ?? r.text;
  const m = /\bIP = [^,\s]+,\s*(.*)$/.exec(line) ?? /\[IKEv1[^\]]*\]:?\s*(.*)$/.exec(line) ?? /%ASA-\d-\d+:\s*(.*)$/.exec(line);
  return (m?.[1] ?? line).trim();
}

/** `255.255.255.0` → 24; undefined when the mask is not contiguous. */
function prefixLength(mask: string): number | undefined {
  const octets = mask.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return undefined;
  const bits = octets.map((o) => o.toString(2).padStart(8, '0')).join('');
  if (!/^1*0*$/.test(bits)) return undefined;
  const zero = bits.indexOf('0');
  return zero === -1 ? 32 : zero;
}

function cidr(address: string, mask: string | undefined): string {
  const n = mask === undefined ? 32 : prefixLength(mask);
  return n === undefined ? `${address}/${mask}` : `${address}/${n}`;
}

function proxyOf(p: Pick<AsaProxyIdFields, 'type' | 'address' | 'mask' | 'protocol' | 'port'>): Proxy {
  return { address: cidr(p.address, p.type === 'subnet' ? p.mask : undefined), protocol: p.protocol, port: p.port };
}

function proxyIdentity(p: AsaProxyIdFields): Identity {
  return p.type === 'subnet'
    ? { type: 'ipv4-addr-subnet', value: cidr(p.address, p.mask), protocol: p.protocol, port: p.port }
    : { type: 'ipv4-addr', value: p.address, protocol: p.protocol, port: p.port };
}

function identityOf(f: AsaFields['asa.idReceived']): Identity | undefined {
  const type = canonicalIdType(f.idType, 'asa');
  const value = f.address !== undefined ? (f.mask !== undefined ? cidr(f.address, f.mask) : f.end !== undefined ? `${f.address}-${f.end}` : f.address) : f.value;
  return type && value !== undefined ? { type, value } : undefined;
}

function endpointOf(p: Proxy): Endpoint {
  const address = p.address.replace(/\/32$/, '');
  return p.protocol === 17 && p.port ? { address, port: p.port } : { address };
}

type FieldValue = AsaIpsecParts[number]['value'];

function field(parts: AsaIpsecParts, name: string): FieldValue {
  return parts.find((p) => p.name === name)?.value;
}

function str(v: FieldValue): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The addresses, masks, ports and protocol of an `IPSEC:` rule block, as proxies. */
function readRule(parts: AsaIpsecParts): { src?: Proxy; dst?: Proxy; protocol?: number } {
  const top = new Map<string, FieldValue>();
  const ports: { [side: string]: Map<string, FieldValue> } = { Src: new Map(), Dst: new Map() };
  let section: Map<string, FieldValue> | undefined;
  for (const p of parts) {
    if (p.name === 'Src ports' || p.name === 'Dst ports') section = ports[p.name.slice(0, 3)];
    else if (section && (p.name === 'Upper' || p.name === 'Lower' || p.name === 'Op')) section.set(p.name, p.value);
    else {
      section = undefined;
      if (!top.has(p.name)) top.set(p.name, p.value);
    }
  }
  const proto = top.get('Protocol');
  const protocol = top.get('Use protocol') === false ? 0 : typeof proto === 'number' ? proto : undefined;
  const side = (prefix: 'Src' | 'Dst'): Proxy | undefined => {
    const address = str(top.get(`${prefix} addr`));
    if (!address) return undefined;
    return defined({ address: cidr(address, str(top.get(`${prefix} mask`))), protocol, port: portOf(ports[prefix]) });
  };
  return defined({ src: side('Src'), dst: side('Dst'), protocol });
}

/** `Op: ignore` → any port (0); `Op: equal` with Lower = Upper → that port; ranges are not one port. */
function portOf(p: Map<string, FieldValue> | undefined): number | undefined {
  const op = p?.get('Op');
  const lower = p?.get('Lower');
  if (op === 'ignore') return 0;
  if ((op === 'equal' || op === undefined) && typeof lower === 'number' && lower === p?.get('Upper')) return lower;
  return undefined;
}

const LIFE_TYPE_CLASS = IPSEC_ATTRIBUTE_CLASSES.valueOf('sa-life-type');
const LIFE_DURATION_CLASS = IPSEC_ATTRIBUTE_CLASSES.valueOf('sa-life-duration');

/** The IPsec DOI attributes of a RESPONDER-LIFETIME notify (`80010001 00020004 00000E10`: life type seconds, duration 3600). */
function lifetimeAttributes(hex: string): Lifetime {
  const bytes = hex.match(/../g)?.map((b) => parseInt(b, 16)) ?? [];
  const out: Lifetime = {};
  let lifeType: string | undefined;
  for (let i = 0; i + 4 <= bytes.length; ) {
    const head = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
    const cls = head & 0x7fff;
    const basic = (head & 0x8000) !== 0;
    const length = basic ? 2 : ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    const start = basic ? i + 2 : i + 4;
    if (length > 6 || start + length > bytes.length) break;
    const value = bytes.slice(start, start + length).reduce((v, b) => v * 256 + b, 0);
    if (cls === LIFE_TYPE_CLASS) lifeType = LIFE_TYPES.nameOf(value);
    else if (cls === LIFE_DURATION_CLASS && (lifeType === 'seconds' || lifeType === 'kilobytes')) out[lifeType] = value;
    i = start + length;
  }
  return out;
}

/** The object without its undefined properties (events omit unknown fields, never hold null or undefined). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
