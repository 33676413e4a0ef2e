/**
 * Transaction exchanges (exchange type 6, ISAKMP_CFG_MODE) on an established ISAKMP SA: XAUTH
 * (draft-beaulieu-ike-xauth-02) and Mode-Config (draft-ietf-ipsec-isakmp-mode-cfg-05). One message
 * ID per request/reply pair, each with its own IV (RFC 2409 Appendix B, as Quick Mode); the state is
 * the ISAKMP SA's (the table's XAUTH_* / CFG_* states are states of the ISAKMP SA).
 *
 * The engine cannot tell XAUTH from Mode-Config, nor a REQUEST from a SET, by the header: the
 * attribute payload inside the encrypted body says it. `routeTransaction` decrypts (without moving
 * the IV), verifies HASH and names the message (XAUTH-REQ … CFG-ACK) so that the engine picks the row.
 */
import type { Label } from '../../analyzer/model/labels.js';
import { CFG_ATTRIBUTES, CFG_MESSAGE_TYPES, XAUTH_STATUS } from '../../analyzer/model/registries.js';
import { decodePayloads, DecodeError, encodePayloads, isEncrypted, type AttrPayload, type AnyMessage, type Header, type Payload } from '../codec/index.js';
import { CIPHERS, hashMatches, messageIdBytes, prf } from '../crypto/index.js';
import type { IsakmpSa, TransactionExchange } from './sa.js';

type TransactionLogical = TransactionExchange['logical'];

export function isTransaction(scope: object): scope is TransactionExchange {
  return 'logical' in scope;
}

/** A transaction scope; its `state` reads and writes the ISAKMP SA's state. */
export function newTransaction(sa: IsakmpSa, msgid: number, logical: TransactionLogical, role: 'initiator' | 'responder'): TransactionExchange {
  const t = { msgid, logical, role, seen: new Set<string>() } as unknown as TransactionExchange;
  Object.defineProperty(t, 'state', { get: () => sa.p1.state, set: (v: TransactionExchange['state']) => (sa.p1.state = v), enumerable: true });
  (sa.transactions ??= new Map()).set(msgid, t);
  return t;
}

const XAUTH_FIRST = CFG_ATTRIBUTES.valueOf('XAUTH_TYPE');
const XAUTH_LAST = CFG_ATTRIBUTES.valueOf('XAUTH_ANSWER');
const STATUS = CFG_ATTRIBUTES.valueOf('XAUTH_STATUS');

/** XAUTH messages carry XAUTH attributes (16520–16529); Mode-Config messages the others. */
export function isXauthAttr(a: AttrPayload): boolean {
  return a.attributes.some((x) => x.type >= XAUTH_FIRST && x.type <= XAUTH_LAST);
}

const LABELS: Readonly<Record<'xauth' | 'cfg', Readonly<Record<number, Label>>>> = {
  xauth: { 1: 'XAUTH-REQ', 2: 'XAUTH-REPLY', 3: 'XAUTH-SET', 4: 'XAUTH-ACK' },
  cfg: { 1: 'CFG-REQ', 2: 'CFG-REPLY', 3: 'CFG-SET', 4: 'CFG-ACK' },
};

/** The label of a transaction message from its attribute payload (REQUEST 1, REPLY 2, SET 3, ACK 4). */
export function transactionLabel(a: AttrPayload): Label | undefined {
  return LABELS[isXauthAttr(a) ? 'xauth' : 'cfg'][a.cfgType];
}

function logicalOf(label: Label): TransactionLogical {
  return label.startsWith('XAUTH') ? 'xauth' : label === 'CFG-REQ' || label === 'CFG-REPLY' ? 'cfg-pull' : 'cfg-push';
}

/**
 * draft-ietf-ipsec-isakmp-mode-cfg-05, the transaction exchange (XAUTH, draft-beaulieu-ike-xauth-02, uses it):
 * "HASH = prf( SKEYID_a, M-ID | Attribute )" — the same in both directions, over the attribute
 * payload as sent (generic header included).
 */
export function transactionHash(sa: IsakmpSa, msgid: number, attr: AttrPayload): Uint8Array {
  return prf(sa.suite!, sa.keys!.skeyidA, messageIdBytes(msgid), encodePayloads([attr]));
}

/** The payloads of one of our transaction messages: HASH first, then the attribute payload. */
export function transactionPayloads(sa: IsakmpSa, msgid: number, attr: AttrPayload): Payload[] {
  return [{ type: 'HASH', data: transactionHash(sa, msgid, attr) }, attr];
}

/** The attribute payload of a routed message (HASH already verified). */
export function attrOf(payloads: readonly Payload[]): AttrPayload | undefined {
  return payloads.find((p): p is AttrPayload => p.type === 'ATTR');
}

/** XAUTH-STATUS of a SET or ACK (OK 1, FAIL 0), if present. */
export function xauthStatus(a: AttrPayload): 'ok' | 'fail' | undefined {
  const s = a.attributes.find((x) => x.type === STATUS);
  if (!s || s.format !== 'tv') return undefined;
  return XAUTH_STATUS.nameOf(s.value) as 'ok' | 'fail' | undefined;
}

/** The guards of transaction rows: XAUTH-STATUS OK / FAIL (a missing status counts as OK, as strongSwan does in ACKs). */
export function statusGuardHolds(when: 'status-ok' | 'status-fail', payloads: readonly Payload[]): boolean {
  const a = attrOf(payloads);
  const s = a ? xauthStatus(a) : undefined;
  return when === 'status-fail' ? s === 'fail' : s !== 'fail';
}

export interface RoutedTransaction {
  readonly scope: TransactionExchange;
  /** Absent for a datagram seen before (the engine answers it from the scope's memory). */
  readonly message?: { readonly label: Label; readonly payloads: readonly Payload[]; readonly commit: () => void };
}

/**
 * Finds (or opens) the transaction scope of a received type-6 message and names the message. Drops
 * (undefined) what is not a verified transaction message: no phase-1 keys yet, plaintext, bad
 * padding, HASH not first or not verifying (the HASH protects the exchange: it must verify), no ATTR.
 */
export function routeTransaction(sa: IsakmpSa, h: Header, m: AnyMessage, hex: string): RoutedTransaction | undefined {
  const known = sa.transactions?.get(h.messageId);
  if (known?.seen.has(hex)) return { scope: known };
  if (h.messageId === 0 || !sa.keys || !sa.iv || !sa.suite || !isEncrypted(m)) return undefined;
  const bs = CIPHERS[sa.suite.cipher].blockSize;
  if (m.body.length === 0 || m.body.length % bs !== 0) return undefined;
  const d = sa.iv.decrypt(h.messageId, sa.keys.encKey, m.body);
  let payloads: readonly Payload[];
  try {
    payloads = decodePayloads(d.plaintext, m.nextPayload).payloads;
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
  const hash = payloads[0];
  const attr = payloads[1];
  if (!hash || hash.type !== 'HASH' || !attr || attr.type !== 'ATTR' || !CFG_MESSAGE_TYPES.byValue(attr.cfgType)) return undefined;
  if (!hashMatches(transactionHash(sa, h.messageId, attr), hash.data)) return undefined;
  const label = transactionLabel(attr);
  if (!label) return undefined;
  const logical = logicalOf(label);
  if (known && known.logical !== logical) return undefined;
  // a message opening a new message ID comes from the exchange's initiator: we are its responder
  const scope = known ?? newTransaction(sa, h.messageId, logical, 'responder');
  return { scope, message: { label, payloads, commit: d.commit } };
}

/** Stops the timers of the other message IDs of a logical exchange (XAUTH-SET answers the REQUEST/REPLY pair too). */
export function settleOthers(sa: IsakmpSa, current: TransactionExchange): void {
  for (const t of sa.transactions?.values() ?? []) {
    if (t === current || t.logical !== current.logical) continue;
    t.timer?.();
    t.timer = undefined;
  }
}
