// The one event vocabulary. The analyzer derives these events from device text; the reference
// engine emits the same events from real exchanges; timelines, rules, diffs and reports read them.
//
// Events are plain, readonly, JSON-safe objects (no bigint, no Date, no Map): a discriminated union on
// `kind`. Encoding rules, the same as the grammars' records:
// - cookies: 16 lower-case hex digits ("a1b2c3d4e5f60718"); SPIs: 8 lower-case hex digits without 0x
//   ("f8b3bac8"), whatever base the device printed; IPCOMP CPIs: 4 hex digits; vendor ID bytes and
//   other binary values: lower-case hex.
// - message IDs: the unsigned 32-bit number (IOS prints some as negative decimals, ASA as hex).
// - algorithm, group, auth, notify, payload and attribute names: the canonical names of registries.ts
//   (`aes256`, `sha1`, group 14, `xauth-init-psk`, `NO_PROPOSAL_CHOSEN`, `NONCE`, `INTERNAL_IP4_DNS`).
// - addresses: strings as printed (IPv4 dotted quad, IPv6 text); subnets as CIDR "10.1.0.0/16".
// - optional fields are omitted when unknown, never null (except where a field says otherwise).

import type {
  AuthMethod,
  CfgAttributeName,
  Cipher,
  EncapsulationName,
  ExchangeName,
  HashName,
  IdTypeName,
  NotifyName,
  PayloadName,
  ProtocolName,
} from './registries.js';
import type { ExchangeRole, Label } from './labels.js';
import type { CanonicalState, VendorStateKind } from './states.js';
import type { VendorIdName } from './vendor-ids.js';

// ---------------------------------------------------------------------------------------------------
// Base fields
// ---------------------------------------------------------------------------------------------------

/** Where a log-derived event comes from: file name and 1-based line range (inclusive). */
export interface LogOrigin {
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
}

/** Where an engine-emitted event comes from: the harness run and the step number within it. */
export interface EngineOrigin {
  readonly run: string;
  readonly step: number;
}

export type Origin = LogOrigin | EngineOrigin;

export interface PeerRef {
  readonly address: string;
  readonly port?: number;
}

export interface Endpoint {
  readonly address: string;
  readonly port?: number;
}

/**
 * The SA an event belongs to. All optional: a log line rarely shows everything.
 * `conn`: the device's own handle, as printed (IOS conn-id "2", ASA tunnel group / session, strongSwan
 * "s2s[1]" or CHILD_SA "net{1}"). `spi`: 8 hex digits (an IPsec SA), for IPsec-level events.
 */
export interface SaKey {
  readonly icookie?: string;
  readonly rcookie?: string;
  readonly msgid?: number;
  readonly conn?: string;
  readonly spi?: string;
}

export type Role = ExchangeRole;
export type Direction = 'in' | 'out';

export interface EventBase<K extends string> {
  readonly kind: K;
  /** Position in the stream, unique within one stream (file or run), increasing. */
  readonly seq: number;
  readonly origin: Origin;
  /** Whose view: the node name (hostname, "A", "hub") whose log or engine produced the event. */
  readonly node: string;
  readonly peer?: PeerRef;
  readonly sa?: SaKey;
  /** The node's IKE role in this SA, when known. */
  readonly role?: Role;
  /** Time as the device printed it (log) or ISO 8601 (engine). */
  readonly time?: string;
}

// ---------------------------------------------------------------------------------------------------
// Shared value types
// ---------------------------------------------------------------------------------------------------

export interface Identity {
  readonly type: IdTypeName;
  /** Address, subnet (CIDR), range ("a-b"), FQDN, user@FQDN, DN, or key id, as text. */
  readonly value: string;
  /** IP protocol and port of the ID payload (17/500 for phase 1, the proxy's protocol/port in Quick Mode). */
  readonly protocol?: number;
  readonly port?: number;
}

/** A proxy identity / traffic selector. */
export interface Proxy {
  /** A host address, or a subnet as CIDR, or a range "a-b"; "0.0.0.0/0" for any. */
  readonly address: string;
  readonly protocol?: number;
  readonly port?: number;
}

export interface PayloadInfo {
  readonly type: PayloadName | 'UNKNOWN';
  /** The wire number (always set for UNKNOWN). */
  readonly number?: number;
  readonly length?: number;
  /** N: the notify type. */
  readonly notify?: { readonly type: NotifyName | 'UNKNOWN'; readonly number?: number };
  /** VID: the known vendor ID, and/or its bytes. */
  readonly vendorId?: { readonly name?: VendorIdName; readonly hex?: string };
  /** ID: the identity carried. */
  readonly id?: Identity;
  /** ATTR: the message type and the attribute names carried. */
  readonly cfg?: { readonly type?: 'request' | 'reply' | 'set' | 'ack'; readonly attributes?: readonly (CfgAttributeName | string)[] };
  /** D: the protocol of the deleted SAs. */
  readonly delete?: { readonly protocol: ProtocolName; readonly count?: number };
}

/** Canonical attributes of a proposal or transform (phase 1 or phase 2). */
export interface ProposalAttrs {
  readonly protocol?: ProtocolName;
  readonly encryption?: Cipher;
  /** Key length in bits, when given separately (also folded into `encryption`). */
  readonly keyLength?: number;
  /** Phase 1: hash algorithm. Phase 2: integrity (HMAC) algorithm. */
  readonly hash?: HashName;
  readonly prf?: HashName;
  /** Phase 1: DH group. */
  readonly group?: number;
  readonly auth?: AuthMethod;
  readonly lifetimeSeconds?: number;
  readonly lifetimeKilobytes?: number;
  /** Phase 2. */
  readonly encapsulation?: EncapsulationName;
  /** Phase 2: PFS group; 0 = no PFS (no KE payload / no group attribute). */
  readonly pfsGroup?: number;
  readonly esn?: boolean;
}

export type ProposalAttrName = keyof ProposalAttrs;

// ---------------------------------------------------------------------------------------------------
// Event kinds
// ---------------------------------------------------------------------------------------------------

/** An ISAKMP message sent or received. */
export interface IkeMsgEvent extends EventBase<'ike.msg'> {
  readonly dir: Direction;
  readonly exchange: ExchangeName | 'ted';
  readonly msgid: number;
  /** Payload list in wire order; empty when the device does not list them. */
  readonly payloads: readonly PayloadInfo[];
  /** Total length in bytes. */
  readonly length?: number;
  /** The message label (MM1 …), filled by correlate. */
  readonly label?: Label;
  readonly retransmit?: boolean;
  /** Retransmission count when the device numbers them ("retransmit 2 of request"). */
  readonly retransmitCount?: number;
  readonly encrypted?: boolean;
  readonly local?: Endpoint;
  readonly remote?: Endpoint;
}

/** A state change the device reports (or the engine makes). */
export interface IkeStateEvent extends EventBase<'ike.state'> {
  /** The vendor's state name as printed (engine: the canonical name). */
  readonly vendor: string;
  readonly vendorKind?: VendorStateKind;
  readonly canonical: CanonicalState | null;
  readonly previous?: { readonly vendor: string; readonly canonical: CanonicalState | null };
  /** What drove the change, as printed (IOS "IKE_MESG_FROM_PEER, IKE_MM_EXCH"). */
  readonly input?: string;
  /** IKE_SA / CHILD_SA (strongSwan) or the Quick Mode node (IOS). */
  readonly scope?: 'isakmp-sa' | 'exchange';
}

/** A proposal or transform offered, checked, accepted or refused. */
export interface IkeProposalEvent extends EventBase<'ike.proposal'> {
  readonly phase: 1 | 2;
  readonly stage: 'offered' | 'checked' | 'accepted' | 'rejected';
  /** offered by whom: 'local' (this node's configuration) or 'peer' (received). */
  readonly source?: 'local' | 'peer';
  readonly proposal?: number;
  readonly transform?: number;
  readonly attrs: ProposalAttrs;
  /** Rejected: the attribute that did not match, with both sides when the device names them. */
  readonly reason?: {
    readonly attribute?: ProposalAttrName;
    readonly offered?: string | number;
    readonly configured?: string | number;
    readonly text?: string;
  };
  /** The local policy it was checked against (IOS "priority 10 policy", ASA "global IKE entry # 2", transform set). */
  readonly policy?: string;
}

export interface IkeNotifyEvent extends EventBase<'ike.notify'> {
  readonly dir: Direction;
  readonly type: NotifyName | 'UNKNOWN';
  readonly number?: number;
  readonly protocol?: ProtocolName;
  readonly spi?: string;
  /** Notification data (hex), e.g. the RESPONDER-LIFETIME attributes. */
  readonly data?: string;
  /** RESPONDER-LIFETIME decoded. */
  readonly lifetime?: { readonly seconds?: number; readonly kilobytes?: number };
}

export interface IkeAuthEvent extends EventBase<'ike.auth'> {
  readonly method?: AuthMethod;
  /** The identity this node sent. (Named localId/peerId: `peer` is the base field for the peer address.) */
  readonly localId?: Identity;
  /** The identity the peer sent. */
  readonly peerId?: Identity;
  readonly result: 'ok' | 'failed';
  /** Why it failed, in a few words ("hash mismatch", "no pre-shared key for 10.0.0.2", "undecryptable MM5"). */
  readonly reason?: string;
}

/** Why a phase failed. */
export type PhaseReason =
  | 'no_response'
  | 'proposal'
  | 'auth'
  | 'psk'
  | 'no_psk'
  | 'id'
  | 'mode'
  | 'proxy'
  | 'no_crypto_map'
  | 'pfs'
  | 'encapsulation'
  | 'xauth'
  | 'cfg'
  | 'natt'
  | 'dpd'
  | 'deleted'
  | 'notify'
  | 'malformed'
  | 'internal'
  | 'unknown';

export interface IkePhaseEvent extends EventBase<'ike.phase'> {
  readonly phase: 1 | 2;
  readonly status: 'started' | 'complete' | 'failed';
  readonly reason?: PhaseReason;
  readonly mode?: 'main' | 'aggressive';
  /** Phase 2: the Quick Mode message ID. */
  readonly msgid?: number;
  /** The device's own words, when it gives a reason ("Session is being torn down. Reason: ..."). */
  readonly text?: string;
}

export interface IkeVidEvent extends EventBase<'ike.vid'> {
  readonly dir: Direction;
  /** Canonical vendor ID name; 'unknown' when the device did not recognise it. */
  readonly name: VendorIdName | 'unknown';
  readonly hex?: string;
  /** Other VIDs the device wording can stand for (IOS/ASA do not tell the two NAT-T draft-02 hashes apart). */
  readonly alsoMatches?: readonly VendorIdName[];
}

export interface IkeNatdEvent extends EventBase<'ike.natd'> {
  readonly localBehindNat?: boolean;
  readonly peerBehindNat?: boolean;
  /** The exchange moved to UDP 4500 (or the peer's NAT-T port). */
  readonly floated?: boolean;
  readonly local?: Endpoint;
  readonly remote?: Endpoint;
}

export interface IkeXauthEvent extends EventBase<'ike.xauth'> {
  readonly step: 'request' | 'reply' | 'set' | 'ack';
  readonly dir?: Direction;
  readonly user?: string;
  readonly status?: 'success' | 'failure';
  readonly attributes?: readonly (CfgAttributeName | string)[];
  readonly msgid?: number;
}

/** Mode-Config attributes, decoded. */
export interface CfgAttributes {
  readonly address?: string;
  readonly netmask?: string;
  readonly dns?: readonly string[];
  readonly wins?: readonly string[];
  readonly domain?: string;
  readonly splitInclude?: readonly string[];
  readonly splitDns?: readonly string[];
  readonly banner?: string;
  readonly savePassword?: boolean;
  readonly pfs?: boolean;
  readonly backupServers?: readonly string[];
  readonly firewallType?: string;
  readonly ddnsHostname?: string;
  readonly addressExpiry?: number;
  readonly applicationVersion?: string;
  /** Anything else, by canonical attribute name (or "0x7003" when unnamed). */
  readonly other?: readonly { readonly name: CfgAttributeName | string; readonly value?: string }[];
}

export interface IkeCfgEvent extends EventBase<'ike.cfg'> {
  readonly step: 'request' | 'reply' | 'set' | 'ack';
  readonly dir?: Direction;
  /** Attribute names requested / acknowledged (empty values). */
  readonly requested?: readonly (CfgAttributeName | string)[];
  /** Values given (reply / set). */
  readonly attributes?: CfgAttributes;
  readonly msgid?: number;
  /** The server could not answer (no pool, pool exhausted, AAA failure). */
  readonly failed?: boolean;
  readonly reason?: string;
}

export interface IkeTedEvent extends EventBase<'ike.ted'> {
  readonly step: 'probe' | 'reply';
  readonly dir: Direction;
  /** The address the probe was sent to (the original destination) or came from. */
  readonly target?: string;
  /** The gateway address learnt from the reply. */
  readonly gateway?: string;
  readonly proxies?: { readonly local?: Proxy; readonly remote?: Proxy };
}

export interface IkeDpdEvent extends EventBase<'ike.dpd'> {
  readonly step: 'r-u-there' | 'ack';
  readonly dir: Direction;
  /** The DPD sequence number (RFC 3706 §5.3); `seq` is the base field for the event order. */
  readonly dpdSeq?: number;
}

export interface IkeDeleteEvent extends EventBase<'ike.delete'> {
  readonly dir: Direction;
  readonly protocol: ProtocolName;
  /** IPsec SPIs (8 hex digits) or, for ISAKMP, "icookie:rcookie". */
  readonly spis: readonly string[];
  readonly reason?: string;
}

export interface IpsecSpiEvent extends EventBase<'ipsec.spi'> {
  readonly dir: Direction;
  readonly protocol: ProtocolName;
  readonly spi: string;
}

export interface IpsecSaEvent extends EventBase<'ipsec.sa'> {
  readonly dir: Direction;
  readonly protocol: ProtocolName;
  readonly spi: string;
  readonly local?: Proxy;
  readonly remote?: Proxy;
  /** Outer endpoints. */
  readonly localEndpoint?: Endpoint;
  readonly remoteEndpoint?: Endpoint;
  /** Transform words as the device printed them ("esp-3des", "esp-sha-hmac"). */
  readonly transforms?: readonly string[];
  readonly encryption?: Cipher;
  readonly integrity?: HashName;
  readonly mode?: 'tunnel' | 'transport';
  /** ESP in UDP (NAT-T). */
  readonly udpEncapsulated?: boolean;
  readonly lifetimeSeconds?: number;
  readonly lifetimeKilobytes?: number;
  readonly pfsGroup?: number;
  /** Device connection id (IOS conn_id 2000, ASA conn_id 16384). */
  readonly conn?: string;
  /** Absent: the SA was installed. `expired` (hard lifetime) / `deleted`: it is gone (the reference engine says so). */
  readonly state?: 'expired' | 'deleted';
  /** Why it expired or was deleted ("hard lifetime 3600 s"). */
  readonly reason?: string;
}

export interface L2tpCtrlEvent extends EventBase<'l2tp.ctrl'> {
  readonly dir?: Direction;
  /** Control message type name (SCCRQ, SCCRP, SCCCN, ICRQ, ...) or the device's words. */
  readonly message: string;
  readonly tunnel?: number;
  readonly session?: number;
}

export interface PppEvent extends EventBase<'ppp'> {
  readonly message: string;
}

/** A recognised line with no protocol meaning, kept as evidence. */
export interface LogLineEvent extends EventBase<'log.line'> {
  /** The grammar record kind ("ios.engine", "strongswan.config", ...). */
  readonly record: string;
  readonly text?: string;
}

/** A line (or block) no grammar recognised: nothing of the input is dropped. */
export interface UnparsedEvent extends EventBase<'unparsed'> {
  readonly text: string;
  readonly reason: string;
}

export type Event =
  | IkeMsgEvent
  | IkeStateEvent
  | IkeProposalEvent
  | IkeNotifyEvent
  | IkeAuthEvent
  | IkePhaseEvent
  | IkeVidEvent
  | IkeNatdEvent
  | IkeXauthEvent
  | IkeCfgEvent
  | IkeTedEvent
  | IkeDpdEvent
  | IkeDeleteEvent
  | IpsecSpiEvent
  | IpsecSaEvent
  | L2tpCtrlEvent
  | PppEvent
  | LogLineEvent
  | UnparsedEvent;

export type EventKind = Event['kind'];
export type EventOf<K extends EventKind> = Extract<Event, { readonly kind: K }>;

export const EVENT_KINDS = [
  'ike.msg',
  'ike.state',
  'ike.proposal',
  'ike.notify',
  'ike.auth',
  'ike.phase',
  'ike.vid',
  'ike.natd',
  'ike.xauth',
  'ike.cfg',
  'ike.ted',
  'ike.dpd',
  'ike.delete',
  'ipsec.spi',
  'ipsec.sa',
  'l2tp.ctrl',
  'ppp',
  'log.line',
  'unparsed',
] as const satisfies readonly EventKind[];

// a compile-time check that EVENT_KINDS lists every kind
type MissingKinds = Exclude<EventKind, (typeof EVENT_KINDS)[number]>;
const _allKindsListed: MissingKinds extends never ? true : false = true;
void _allKindsListed;

// ---------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------

export function isKind<K extends EventKind>(e: Event, kind: K): e is EventOf<K> {
  return e.kind === kind;
}

/** Events of one kind, typed. */
export function ofKind<K extends EventKind>(events: readonly Event[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.kind === kind);
}

export function isLogOrigin(o: Origin): o is LogOrigin {
  return 'file' in o;
}

export function logOrigin(file: string, line: number, endLine: number = line): LogOrigin {
  return { file, line, endLine };
}

export function engineOrigin(run: string, step: number): EngineOrigin {
  return { run, step };
}

/** The unsigned message ID of a value printed signed (IOS "-1118110738" → 3176856558). */
export function unsignedMsgid(value: number): number {
  return value < 0 ? value + 0x1_0000_0000 : value;
}

/**
 * SPI as 8 lower-case hex digits from a number, a "0x…" string, a hex string with letters, or a decimal
 * string (digits only are read as decimal). Undefined if not a 32-bit value.
 */
export function spiHex(value: number | string): string | undefined {
  let n: number;
  if (typeof value === 'number') n = value < 0 ? value + 0x1_0000_0000 : value;
  else {
    const t = value.trim();
    n = /^0x[0-9a-f]+$/i.test(t) || /^[0-9a-f]*[a-f][0-9a-f]*$/i.test(t) ? parseInt(t.replace(/^0x/i, ''), 16) : Number(t);
    if (n < 0) n += 0x1_0000_0000;
  }
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) return undefined;
  return n.toString(16).padStart(8, '0');
}
