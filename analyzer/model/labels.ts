// Message labels: the names ikelens gives to the messages of an IKEv1 negotiation (MM1…MM6, AM1…AM3,
// QM1…QM3, the transaction exchanges, TED, informational and DPD), with the exchange type on the wire,
// who sends each one and its position. Timelines, findings and reports use these labels.
//
// "Logical exchange": the unit ikelens follows from start to end. It is a wire exchange (one message
// ID) except for XAUTH, whose REQUEST/REPLY and SET/ACK pairs use two message IDs but form one
// authentication, and DPD, which is an informational exchange of its own. `sender` is the role *in that
// logical exchange*: for Main and Aggressive Mode it is the IKE role; for Quick Mode the side that sent
// QM1; for XAUTH the initiator is the XAUTH server (the edge device), for Mode-Config pull the client,
// for Mode-Config push (SET) the server.

import type { ExchangeName } from './registries.js';

export const LOGICAL_EXCHANGES = ['main', 'aggressive', 'quick', 'xauth', 'cfg-pull', 'cfg-push', 'informational', 'dpd', 'ted'] as const;
export type LogicalExchange = (typeof LOGICAL_EXCHANGES)[number];

export type ExchangeRole = 'initiator' | 'responder';

export interface LabelFacts {
  readonly label: string;
  readonly exchange: LogicalExchange;
  /** Canonical wire exchange (registries EXCHANGE_TYPES) and its number; null when not public (TED). */
  readonly wire: ExchangeName | null;
  readonly exchangeType: number | null;
  /** Who sends it, as role in the logical exchange; 'either' for one-message informational exchanges. */
  readonly sender: ExchangeRole | 'either';
  /** For transaction exchanges: the party that sends it. */
  readonly party?: 'server' | 'client';
  /** 1-based position within the logical exchange. */
  readonly position: number;
  /** True when this message starts a new message ID inside the logical exchange (XAUTH-SET). */
  readonly newMessageId?: boolean;
  /** True when the message is encrypted with the phase-1 keys. */
  readonly encrypted: boolean | 'either';
  readonly meaning: string;
}

export const LABELS = [
  // ---- Main Mode (RFC 2409 §5, exchange type 2) ----
  { label: 'MM1', exchange: 'main', wire: 'main', exchangeType: 2, sender: 'initiator', position: 1, encrypted: false, meaning: 'initiator offers SA proposals' },
  { label: 'MM2', exchange: 'main', wire: 'main', exchangeType: 2, sender: 'responder', position: 2, encrypted: false, meaning: 'responder returns the one proposal it accepts' },
  { label: 'MM3', exchange: 'main', wire: 'main', exchangeType: 2, sender: 'initiator', position: 3, encrypted: false, meaning: 'initiator Diffie-Hellman value and nonce (NAT-D when NAT-T)' },
  { label: 'MM4', exchange: 'main', wire: 'main', exchangeType: 2, sender: 'responder', position: 4, encrypted: false, meaning: 'responder Diffie-Hellman value and nonce (NAT-D when NAT-T)' },
  { label: 'MM5', exchange: 'main', wire: 'main', exchangeType: 2, sender: 'initiator', position: 5, encrypted: true, meaning: 'initiator identity and authentication hash (first encrypted message)' },
  { label: 'MM6', exchange: 'main', wire: 'main', exchangeType: 2, sender: 'responder', position: 6, encrypted: true, meaning: 'responder identity and authentication hash' },
  // ---- Aggressive Mode (RFC 2409 §5, exchange type 4) ----
  { label: 'AM1', exchange: 'aggressive', wire: 'aggressive', exchangeType: 4, sender: 'initiator', position: 1, encrypted: false, meaning: 'initiator proposals, DH value, nonce and identity in one message' },
  { label: 'AM2', exchange: 'aggressive', wire: 'aggressive', exchangeType: 4, sender: 'responder', position: 2, encrypted: false, meaning: 'responder choice, DH value, nonce, identity and authentication hash' },
  { label: 'AM3', exchange: 'aggressive', wire: 'aggressive', exchangeType: 4, sender: 'initiator', position: 3, encrypted: 'either', meaning: 'initiator authentication hash' },
  // ---- Quick Mode (RFC 2409 §5.5, exchange type 32) ----
  { label: 'QM1', exchange: 'quick', wire: 'quick', exchangeType: 32, sender: 'initiator', position: 1, encrypted: true, meaning: 'IPsec SA proposals, nonce, optional KE (PFS) and proxy identities' },
  { label: 'QM2', exchange: 'quick', wire: 'quick', exchangeType: 32, sender: 'responder', position: 2, encrypted: true, meaning: 'accepted IPsec proposal, nonce, optional KE and proxy identities' },
  { label: 'QM3', exchange: 'quick', wire: 'quick', exchangeType: 32, sender: 'initiator', position: 3, encrypted: true, meaning: 'initiator proof of liveness: the IPsec SAs are up' },
  // ---- XAUTH (draft-beaulieu-ike-xauth-02, transaction exchanges, type 6) ----
  { label: 'XAUTH-REQ', exchange: 'xauth', wire: 'transaction', exchangeType: 6, sender: 'initiator', party: 'server', position: 1, encrypted: true, meaning: 'server asks for credentials (ISAKMP_CFG_REQUEST with XAUTH attributes)' },
  { label: 'XAUTH-REPLY', exchange: 'xauth', wire: 'transaction', exchangeType: 6, sender: 'responder', party: 'client', position: 2, encrypted: true, meaning: 'client returns the credentials (ISAKMP_CFG_REPLY)' },
  { label: 'XAUTH-SET', exchange: 'xauth', wire: 'transaction', exchangeType: 6, sender: 'initiator', party: 'server', position: 3, newMessageId: true, encrypted: true, meaning: 'server sends the result, XAUTH-STATUS OK or FAIL (ISAKMP_CFG_SET)' },
  { label: 'XAUTH-ACK', exchange: 'xauth', wire: 'transaction', exchangeType: 6, sender: 'responder', party: 'client', position: 4, encrypted: true, meaning: 'client acknowledges the result (ISAKMP_CFG_ACK)' },
  // ---- Mode-Config (draft-ietf-ipsec-isakmp-mode-cfg-05, transaction exchanges, type 6) ----
  { label: 'CFG-REQ', exchange: 'cfg-pull', wire: 'transaction', exchangeType: 6, sender: 'initiator', party: 'client', position: 1, encrypted: true, meaning: 'client asks for its configuration (address, DNS, ...)' },
  { label: 'CFG-REPLY', exchange: 'cfg-pull', wire: 'transaction', exchangeType: 6, sender: 'responder', party: 'server', position: 2, encrypted: true, meaning: 'server returns the configuration' },
  { label: 'CFG-SET', exchange: 'cfg-push', wire: 'transaction', exchangeType: 6, sender: 'initiator', party: 'server', position: 1, encrypted: true, meaning: 'server pushes the configuration' },
  { label: 'CFG-ACK', exchange: 'cfg-push', wire: 'transaction', exchangeType: 6, sender: 'responder', party: 'client', position: 2, encrypted: true, meaning: 'client acknowledges the pushed configuration' },
  // ---- Cisco Tunnel Endpoint Discovery ----
  { label: 'TED-PROBE', exchange: 'ted', wire: null, exchangeType: null, sender: 'initiator', position: 1, encrypted: false, meaning: 'probe sent towards the original destination, carrying the proxy identities (Cisco TED)' },
  { label: 'TED-REPLY', exchange: 'ted', wire: null, exchangeType: null, sender: 'responder', position: 2, encrypted: false, meaning: 'the gateway that protects the destination answers with its own address (Cisco TED)' },
  // ---- Informational (RFC 2408 §4.8, exchange type 5) ----
  { label: 'INFO', exchange: 'informational', wire: 'informational', exchangeType: 5, sender: 'either', position: 1, encrypted: 'either', meaning: 'notification (error or status); protected by HASH once phase 1 keys exist' },
  { label: 'DELETE', exchange: 'informational', wire: 'informational', exchangeType: 5, sender: 'either', position: 1, encrypted: true, meaning: 'delete of an ISAKMP SA or of IPsec SAs' },
  // ---- Dead Peer Detection (RFC 3706, informational exchanges) ----
  { label: 'DPD-R-U-THERE', exchange: 'dpd', wire: 'informational', exchangeType: 5, sender: 'initiator', position: 1, encrypted: true, meaning: 'liveness probe (R-U-THERE notify with a sequence number)' },
  { label: 'DPD-ACK', exchange: 'dpd', wire: 'informational', exchangeType: 5, sender: 'responder', position: 2, encrypted: true, meaning: 'liveness answer (R-U-THERE-ACK with the same sequence number)' },
] as const satisfies readonly LabelFacts[];

export type Label = (typeof LABELS)[number]['label'];

const BY_LABEL = new Map<string, LabelFacts>(LABELS.map((l) => [l.label, l]));

export function labelFacts(label: string): LabelFacts | undefined {
  return BY_LABEL.get(label);
}

export function isLabel(s: string): s is Label {
  return BY_LABEL.has(s);
}

/** The labels of a logical exchange in protocol order. */
export function labelsOf(exchange: LogicalExchange): Label[] {
  return LABELS.filter((l) => l.exchange === exchange)
    .sort((a, b) => a.position - b.position)
    .map((l) => l.label);
}
