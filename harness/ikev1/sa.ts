/** The engine's SA records: one ISAKMP SA (phase 1) and its Quick Mode exchanges. */
import type { Label } from '../../analyzer/model/labels.js';
import type { CanonicalState } from '../../analyzer/model/states.js';
import type { CfgAttributes, PayloadInfo, Proxy } from '../../analyzer/model/events.js';
import type { IdPayload } from '../codec/index.js';
import type { DhKeyPair, IvChain, Phase1Keys, Phase1Suite, PrfSpec } from '../crypto/index.js';
import type { EspCipher, EspIntegrity, EspProposal, IkeProposal, ProxySpec } from './policy.js';
import type { NattState } from './natt.js';

/** One exchange's progress: phase 1 (message ID 0) or one Quick Mode (its message ID). */
export interface Scope {
  state: CanonicalState;
  readonly msgid: number;
  /** Datagrams received (hex), for duplicate detection. */
  readonly seen: Set<string>;
  lastIn?: string;
  lastInLabel?: Label;
  lastInPayloads?: PayloadInfo[];
  lastOut?: Uint8Array;
  lastOutLabel?: Label;
  lastOutPayloads?: PayloadInfo[];
  /** The received datagram (hex) our last message answered. */
  lastOutReplies?: string | undefined;
  timer?: (() => void) | undefined;
}

export interface IsakmpSa {
  readonly role: 'initiator' | 'responder';
  readonly mode: 'main' | 'aggressive';
  readonly icookie: Uint8Array;
  rcookie: Uint8Array;
  /** `sa.conn` of the events: the initiator cookie in hex. */
  readonly conn: string;
  /** The peer's address. */
  readonly peer: string;
  /** The peer's UDP port and ours for this SA (500, or 4500 after a NAT-T float). */
  remotePort: number;
  localPort: number;
  readonly p1: Scope;
  readonly quick: Map<number, QuickExchange>;
  chosen?: IkeProposal;
  suite?: Phase1Suite;
  /** SA payload body of MM1 (SAi_b). */
  saiB?: Uint8Array;
  dh?: DhKeyPair;
  gxi?: Uint8Array;
  gxr?: Uint8Array;
  ni?: Uint8Array;
  nr?: Uint8Array;
  gxy?: Uint8Array;
  keys?: Phase1Keys;
  iv?: IvChain;
  /** Aggressive Mode responder: the initiator's ID from AM1 (HASH_I covers it). */
  peerId?: IdPayload;
  /** NAT traversal (natt.ts), when the policy enables it. */
  natt?: NattState;
  /** XAUTH / Mode-Config exchanges (exchange type 6) by message ID (transaction.ts). */
  transactions?: Map<number, TransactionExchange>;
  /** Mode-Config: what this SA's client was given (client: received; server: handed out). */
  modeConfig?: CfgAttributes;
  /** Quick Mode proxies of this SA when they differ from the policy's (a Mode-Config client's assigned address). */
  proxies?: { readonly local: ProxySpec; readonly remote: ProxySpec };
}

/** One transaction exchange (one message ID) of XAUTH or Mode-Config; its state is the ISAKMP SA's. */
export interface TransactionExchange extends Scope {
  readonly logical: 'xauth' | 'cfg-pull' | 'cfg-push';
  /** Our role in the logical exchange (XAUTH: initiator = server; cfg-pull: initiator = client). */
  readonly role: 'initiator' | 'responder';
}

export interface QuickExchange extends Scope {
  readonly role: 'initiator' | 'responder';
  pfsGroup?: number;
  ni?: Uint8Array;
  nr?: Uint8Array;
  dh?: DhKeyPair;
  gqmxy?: Uint8Array;
  /** Our inbound SPI and the peer's (our outbound). */
  spiIn?: Uint8Array;
  spiOut?: Uint8Array;
  chosen?: EspProposal;
  idci?: IdPayload;
  idcr?: IdPayload;
  /** Set once the IPsec SAs are established. */
  child?: ChildSa;
  /** Keys computed (responder: after QM1), published as `child` when the exchange completes. */
  pending?: ChildSa;
  /** The peer's NAT-OA payloads (transport mode over NAT-T). */
  natOa?: { readonly initiator: string; readonly responder: string };
}

export interface SaKeys {
  readonly encKey: Uint8Array;
  readonly authKey: Uint8Array;
}

/** A pair of IPsec SAs from one Quick Mode, from this node's view. */
export interface ChildSa {
  readonly conn: string;
  readonly msgid: number;
  readonly role: 'initiator' | 'responder';
  readonly cipher: EspCipher;
  readonly integrity: EspIntegrity;
  readonly pfsGroup: number;
  readonly lifetimeSeconds: number;
  /** Kilobytes lifetime when one was negotiated (the data plane counts the bytes). */
  readonly lifetimeKilobytes?: number;
  readonly inboundSpi: number;
  readonly outboundSpi: number;
  readonly inbound: SaKeys;
  readonly outbound: SaKeys;
  readonly local: string;
  readonly remote: string;
  readonly localProxy?: Proxy;
  readonly remoteProxy?: Proxy;
  /** What harness/esp's KEYMAT needs (QuickModeSaInput fields). */
  readonly prf: PrfSpec;
  readonly skeyidD: Uint8Array;
  readonly niB: Uint8Array;
  readonly nrB: Uint8Array;
  readonly gqmxy?: Uint8Array;
  /** Encapsulation mode (default tunnel). */
  readonly mode?: 'tunnel' | 'transport';
  /** ESP in UDP (RFC 3948) between these ports, when NAT-T chose a UDP-encapsulated mode. */
  readonly udp?: { readonly localPort: number; readonly remotePort: number };
  /** Original addresses the peer reported in NAT-OA (transport mode over NAT-T). */
  readonly natOa?: { readonly initiator: string; readonly responder: string };
}
