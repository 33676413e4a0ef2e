/**
 * XAUTH (draft-beaulieu-ike-xauth-02) over transaction exchanges, both sides. The edge device (XAUTH
 * server, the table's xauth initiator) sends REQUEST(TYPE, USER-NAME, USER-PASSWORD), the IPsec host
 * (client) answers REPLY with the values, the server sends SET(STATUS OK|FAIL) on a new message ID
 * and the client acknowledges it (ACK). As Cisco does, after a wrong password the server asks again
 * (a new REQUEST on a new message ID, the table's XAUTH_SERVER_VERIFY → XAUTH-REQ row) until
 * `policy.xauthAttempts` (default 3) requests were answered wrongly; then SET(FAIL) and the SA goes.
 *
 * Passwords never leave this module in events: `ike.xauth` carries the user name and the attribute
 * names only (the analyzer's redactor knows no event field for passwords, so none is written).
 */
import type { IkeXauthEvent } from '../../analyzer/model/events.js';
import { CFG_ATTRIBUTES, CFG_MESSAGE_TYPES, P1_AUTH_METHODS, XAUTH_STATUS, XAUTH_TYPES } from '../../analyzer/model/registries.js';
import { tlv, tv, type AttrPayload, type Attribute } from '../codec/index.js';
import type { Ikev1Engine } from './engine.js';
import type { Handler } from './handlers.js';
import type { IsakmpSa, TransactionExchange } from './sa.js';
import type { Policy, XauthCredentials } from './policy.js';
import { afterXauth } from './sequence.js';
import { attrOf, settleOthers, transactionPayloads, xauthStatus } from './transaction.js';

const A = (n: Parameters<typeof CFG_ATTRIBUTES.valueOf>[0]) => CFG_ATTRIBUTES.valueOf(n);
const TYPE = A('XAUTH_TYPE');
const USER = A('XAUTH_USER_NAME');
const PASSWORD = A('XAUTH_USER_PASSWORD');
const STATUS = A('XAUTH_STATUS');
const text = new TextEncoder();
const untext = new TextDecoder();

/** The server's progress with one client (per ISAKMP SA). */
interface XauthServerState {
  attempts: number;
  verdict?: 'ok' | 'fail';
  user?: string;
}
const serverState = new WeakMap<IsakmpSa, XauthServerState>();
const stateOf = (sa: IsakmpSa): XauthServerState => {
  let s = serverState.get(sa);
  if (!s) serverState.set(sa, (s = { attempts: 0 }));
  return s;
};

function attrPayload(engine: Ikev1Engine, type: 'request' | 'reply' | 'set' | 'ack', attributes: Attribute[], identifier?: number): AttrPayload {
  return { type: 'ATTR', cfgType: CFG_MESSAGE_TYPES.valueOf(type), identifier: identifier ?? engine.rng.u32() & 0xffff, attributes };
}

const names = (a: AttrPayload): string[] => a.attributes.map((x) => CFG_ATTRIBUTES.nameOf(x.type) ?? `0x${x.type.toString(16)}`);

function xauthEvent(engine: Ikev1Engine, sa: IsakmpSa, scope: TransactionExchange, body: Omit<IkeXauthEvent, 'kind' | 'seq' | 'origin' | 'node' | 'msgid'>): void {
  engine.emit(sa, { kind: 'ike.xauth', ...body, msgid: scope.msgid }, scope.msgid);
}

function phaseFailed(engine: Ikev1Engine, sa: IsakmpSa, text: string): void {
  engine.emit(sa, { kind: 'ike.phase', phase: 1, status: 'failed', reason: 'xauth', mode: sa.mode, text });
}

/** Client: requests answered so far per SA, and the user name last sent. */
const requestsSeen = new WeakMap<IsakmpSa, number>();
const lastUser = new WeakMap<IsakmpSa, string>();

/** The credentials for the next request: the n-th entry of a list (the last one repeats), or the one pair. */
function credentialsFor(engine: Ikev1Engine, sa: IsakmpSa): XauthCredentials | undefined {
  const c = engine.policy.xauth;
  const n = requestsSeen.get(sa) ?? 0;
  requestsSeen.set(sa, n + 1);
  const list: readonly XauthCredentials[] = c === undefined ? [] : 'username' in c ? [c] : c;
  const creds = list[Math.min(n, list.length - 1)];
  if (creds) lastUser.set(sa, creds.username);
  return creds;
}

/**
 * The phase-1 authentication method with XAUTH on top (draft-beaulieu-ike-xauth-02 §7.2): "Init" / "Resp"
 * names the IKE role of the XAUTH client — XAUTHInitPreShared (65001) when the initiator is the client
 * (a Cisco VPN client, strongSwan with `auth = xauth`), XAUTHRespPreShared (65002) when the responder is;
 * plain pre-shared key (1) without XAUTH.
 */
export function authMethod(policy: Policy, role: 'initiator' | 'responder'): number {
  const client = policy.xauth !== undefined;
  const server = (policy.xauthUsers?.length ?? 0) > 0;
  const clientRole = client ? role : server ? (role === 'initiator' ? 'responder' : 'initiator') : undefined;
  if (!clientRole) return P1_AUTH_METHODS.valueOf('psk');
  return P1_AUTH_METHODS.valueOf(clientRole === 'initiator' ? 'xauth-init-psk' : 'xauth-resp-psk');
}

const statusWord = (s: 'ok' | 'fail'): 'success' | 'failure' => (s === 'ok' ? 'success' : 'failure');

// ---- server (edge device) -------------------------------------------------------------------------------

/** REQUEST(TYPE=Generic, USER-NAME="", USER-PASSWORD="") — draft-beaulieu-ike-xauth-02 §4 (first example exchange). */
const xauthOutRequest: Handler = ({ engine, sa, scope }) => {
  const tx = scope as TransactionExchange;
  const attr = attrPayload(engine, 'request', [tv(TYPE, XAUTH_TYPES.valueOf('generic')), tlv(USER, new Uint8Array(0)), tlv(PASSWORD, new Uint8Array(0))]);
  xauthEvent(engine, sa, tx, { step: 'request', dir: 'out', attributes: names(attr) });
  return { kind: 'ok', reply: transactionPayloads(sa, tx.msgid, attr) };
};

/** REPLY: the credentials; checked against `policy.xauthUsers`; then SET, or another REQUEST after a wrong one. */
const xauthInReply: Handler = ({ engine, sa, scope, payloads }) => {
  const tx = scope as TransactionExchange;
  const attr = attrOf(payloads)!;
  const value = (type: number) => {
    const a = attr.attributes.find((x) => x.type === type);
    return a && a.format === 'tlv' ? untext.decode(a.data) : undefined;
  };
  const user = value(USER);
  const password = value(PASSWORD);
  xauthEvent(engine, sa, tx, { step: 'reply', dir: 'in', ...(user !== undefined ? { user } : {}), attributes: names(attr) });
  const st = stateOf(sa);
  st.attempts++;
  if (user !== undefined) st.user = user;
  const ok = user !== undefined && password !== undefined && (engine.policy.xauthUsers ?? []).some((u) => u.username === user && u.password === password);
  const max = engine.policy.xauthAttempts ?? 3;
  st.verdict = ok ? 'ok' : 'fail';
  return {
    kind: 'ok',
    after: () => {
      if (!ok && st.attempts < max) engine.startTransaction(sa, 'xauth', 'XAUTH-REQ');
      else engine.startTransaction(sa, 'xauth', 'XAUTH-SET');
    },
  };
};

/** SET(STATUS=OK|FAIL) on a new message ID (draft §4: the status is sent in a SET, acknowledged by an ACK). */
const xauthOutSet: Handler = ({ engine, sa, scope }) => {
  const tx = scope as TransactionExchange;
  const verdict = stateOf(sa).verdict ?? 'fail';
  const attr = attrPayload(engine, 'set', [tv(STATUS, XAUTH_STATUS.valueOf(verdict))]);
  const user = stateOf(sa).user;
  xauthEvent(engine, sa, tx, { step: 'set', dir: 'out', status: statusWord(verdict), ...(user !== undefined ? { user } : {}), attributes: names(attr) });
  return { kind: 'ok', reply: transactionPayloads(sa, tx.msgid, attr) };
};

/** ACK: XAUTH is over; OK → Mode-Config / Quick Mode, FAIL → the SA goes (the row's DELETING). */
const xauthInAck: Handler = ({ engine, sa, scope, payloads }) => {
  const tx = scope as TransactionExchange;
  xauthEvent(engine, sa, tx, { step: 'ack', dir: 'in', attributes: names(attrOf(payloads)!) });
  const st = stateOf(sa);
  return {
    kind: 'ok',
    after: () => {
      if (st.verdict === 'ok') afterXauth(engine, sa, true);
      else phaseFailed(engine, sa, `XAUTH failed for user ${st.user ?? '(none)'} after ${st.attempts} attempt${st.attempts === 1 ? '' : 's'}`);
    },
  };
};

// ---- client (IPsec host) --------------------------------------------------------------------------------

/** REQUEST → REPLY with the values asked for (the XAUTH-TYPE echoed, user name, password). */
const xauthInRequestOutReply: Handler = ({ engine, sa, scope, payloads }) => {
  const tx = scope as TransactionExchange;
  const req = attrOf(payloads)!;
  xauthEvent(engine, sa, tx, { step: 'request', dir: 'in', attributes: names(req) });
  const creds = credentialsFor(engine, sa);
  if (!creds) return { kind: 'fail', reason: 'xauth', text: 'XAUTH requested but no credentials are configured' };
  const answer: Attribute[] = [];
  for (const a of req.attributes) {
    if (a.type === TYPE && a.format === 'tv') answer.push(tv(TYPE, a.value));
    else if (a.type === USER) answer.push(tlv(USER, text.encode(creds.username)));
    else if (a.type === PASSWORD) answer.push(tlv(PASSWORD, text.encode(creds.password)));
  }
  const attr = attrPayload(engine, 'reply', answer, req.identifier);
  xauthEvent(engine, sa, tx, { step: 'reply', dir: 'out', user: creds.username, attributes: names(attr) });
  settleOthers(sa, tx);
  return { kind: 'ok', reply: transactionPayloads(sa, tx.msgid, attr) };
};

/** SET(STATUS) → ACK(STATUS); OK → Mode-Config / Quick Mode, FAIL → the SA goes. */
const xauthInSetOutAck: Handler = ({ engine, sa, scope, payloads }) => {
  const tx = scope as TransactionExchange;
  const set = attrOf(payloads)!;
  const status = xauthStatus(set) ?? 'ok';
  const user = lastUser.get(sa);
  xauthEvent(engine, sa, tx, { step: 'set', dir: 'in', status: statusWord(status), ...(user !== undefined ? { user } : {}), attributes: names(set) });
  const attr = attrPayload(engine, 'ack', [tv(STATUS, XAUTH_STATUS.valueOf(status))], set.identifier);
  xauthEvent(engine, sa, tx, { step: 'ack', dir: 'out', attributes: names(attr) });
  settleOthers(sa, tx);
  return {
    kind: 'ok',
    reply: transactionPayloads(sa, tx.msgid, attr),
    after: () => {
      if (status === 'ok') afterXauth(engine, sa, false);
      else phaseFailed(engine, sa, `XAUTH failed: the server sent STATUS FAIL for user ${user ?? '(none)'}`);
    },
  };
};

export const XAUTH_HANDLERS: { readonly [name: string]: Handler } = {
  xauthOutRequest,
  xauthInReply,
  xauthOutSet,
  xauthInAck,
  xauthInRequestOutReply,
  xauthInSetOutAck,
};
