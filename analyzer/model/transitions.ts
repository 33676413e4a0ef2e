// The table of legal IKEv1 transitions, shared by the reference engine (what to do) and the analyzer
// (is this observed sequence legal, where did it stop).
//
// One row = in state `from`, playing `role` in the logical exchange, on receiving `received` (or on a
// local trigger when `received` is null), send `sent` (or nothing) and go to `to`. `timeout` says what
// happens while waiting in `to`. `handler` names the engine function that implements the row, after
// what it receives and sends (`mainInI1OutR1`: receives the initiator's 1st message, sends the
// responder's 1st). Payload specs list what a message must and may carry.
//
// Conventions:
// - `from: 'P1_ESTABLISHED'` stands for any established ISAKMP SA state (MAIN_I4, MAIN_R3, AGGR_I2,
//   AGGR_R2, P1_ESTABLISHED): see `fromMatches`.
// - Quick Mode, DPD and TED rows are per exchange (per message ID); their first row starts from the
//   ISAKMP SA state (P1_ESTABLISHED, or IDLE for TED).
// - Phase-1 rows are pre-shared-key rows (auth 'psk'); signature rows are not written yet.
// - The optional 4th Quick Mode message (CONNECTED notify, commit bit, RFC 2408 §4.12) is not modelled.
//
// State facts live in states.ts; label facts in labels.ts.

import { canonicalPayload, type NotifyName, type PayloadName } from './registries.js';
import { labelFacts, type ExchangeRole, type Label, type LogicalExchange } from './labels.js';
import { stateFacts, type CanonicalState } from './states.js';

export type TransitionExchange = 'main' | 'aggressive' | 'quick' | 'transaction' | 'informational' | 'ted';

export interface PayloadSpec {
  readonly type: PayloadName;
  readonly min: number;
  /** null = any number. */
  readonly max: number | null;
  /** For N payloads: the notify type this spec is about. */
  readonly notify?: NotifyName;
  readonly note?: string;
}

export interface MessageSpec {
  readonly label: Label;
  readonly payloads: readonly PayloadSpec[];
}

export type Timeout =
  /** Resend the last message with exponential backoff; after the retry budget go to `giveUp`. */
  | { readonly kind: 'retransmit'; readonly backoff: 'exponential'; readonly giveUp: CanonicalState }
  /** Resend the last reply when the peer's previous message arrives again; the half-open state expires to `expire`. */
  | { readonly kind: 'resend-on-duplicate'; readonly expire: CanonicalState }
  /** Nothing is awaited. */
  | { readonly kind: 'none' };

/**
 * Conditions that pick between rows with the same input, evaluated on the message content:
 * status-ok / status-fail: XAUTH-STATUS attribute; deletes-isakmp-sa / deletes-ipsec-sa: protocol of the
 * Delete payload; error-notify: a notify type 1..16383 (RFC 2408 §3.14.1); no-proposal-chosen: the SA
 * payload of MM1/AM1 offers nothing the responder's policies accept (RFC 2408 §5.4: then
 * NO-PROPOSAL-CHOSEN). A guarded row whose guard holds wins over the unguarded row for the same input.
 */
export type Guard = 'status-ok' | 'status-fail' | 'deletes-isakmp-sa' | 'deletes-ipsec-sa' | 'error-notify' | 'no-proposal-chosen';

export interface Transition {
  readonly exchange: TransitionExchange;
  readonly logical: LogicalExchange;
  /** Role in the logical exchange (see labels.ts). */
  readonly role: ExchangeRole;
  /** Phase-1 authentication the row is for; 'any' for exchanges protected by an existing ISAKMP SA. */
  readonly auth: 'psk' | 'any';
  readonly from: CanonicalState;
  /** The message that triggers the row; null = a local trigger (start of an exchange). */
  readonly received: MessageSpec | null;
  readonly when?: Guard;
  readonly sent: MessageSpec | null;
  readonly to: CanonicalState;
  readonly timeout: Timeout;
  readonly handler: string;
}

// ---- payload spec shorthands ------------------------------------------------------------------------

const one = (type: PayloadName, notify?: NotifyName): PayloadSpec => (notify ? { type, min: 1, max: 1, notify } : { type, min: 1, max: 1 });
const some = (type: PayloadName, note?: string): PayloadSpec => (note ? { type, min: 0, max: null, note } : { type, min: 0, max: null });
const upTo = (type: PayloadName, max: number, note?: string, notify?: NotifyName): PayloadSpec => ({
  type,
  min: 0,
  max,
  ...(notify ? { notify } : {}),
  ...(note ? { note } : {}),
});
const msg = (label: Label, ...payloads: PayloadSpec[]): MessageSpec => ({ label, payloads });

const NATD = some('NAT-D', 'two or more when NAT-T (RFC 3947) was agreed by vendor IDs in MM1/MM2 (AM1/AM2)');
const NATD_DRAFT = some('NAT-D-DRAFT', 'NAT-T drafts 02/03 use payload 130');
const VIDS = some('VID');
const KEEPALIVE = upTo('IOS-KEEPALIVE', 1, 'Cisco: ASA and IOS announce IOS keepalives');

export const MESSAGES = {
  MM1: msg('MM1', one('SA'), VIDS),
  MM2: msg('MM2', one('SA'), VIDS),
  MM3: msg('MM3', one('KE'), one('NONCE'), NATD, NATD_DRAFT, VIDS),
  MM4: msg('MM4', one('KE'), one('NONCE'), NATD, NATD_DRAFT, VIDS),
  MM5: msg('MM5', one('ID'), one('HASH'), upTo('N', 1, 'INITIAL-CONTACT', 'INITIAL_CONTACT'), VIDS, KEEPALIVE),
  MM6: msg('MM6', one('ID'), one('HASH'), upTo('N', 1, 'INITIAL-CONTACT', 'INITIAL_CONTACT'), VIDS, KEEPALIVE),
  AM1: msg('AM1', one('SA'), one('KE'), one('NONCE'), one('ID'), VIDS),
  AM2: msg('AM2', one('SA'), one('KE'), one('NONCE'), one('ID'), one('HASH'), NATD, NATD_DRAFT, VIDS, KEEPALIVE),
  AM3: msg('AM3', one('HASH'), NATD, NATD_DRAFT, upTo('N', 1, 'INITIAL-CONTACT', 'INITIAL_CONTACT'), VIDS, KEEPALIVE),
  QM1: msg(
    'QM1',
    one('HASH'),
    one('SA'),
    one('NONCE'),
    upTo('KE', 1, 'present when PFS is used'),
    upTo('ID', 2, 'IDci and IDcr; both or none (then the proxies are the peer addresses)'),
    upTo('NAT-OA', 2, 'transport mode over NAT-T'),
    upTo('NAT-OA-DRAFT', 2, 'transport mode over NAT-T drafts'),
    upTo('N', 2, 'INITIAL-CONTACT (Cisco ASA sends it in QM1), RESPONDER-LIFETIME'),
  ),
  QM2: msg(
    'QM2',
    one('HASH'),
    one('SA'),
    one('NONCE'),
    upTo('KE', 1, 'present when PFS is used'),
    upTo('ID', 2, 'IDci and IDcr, echoed'),
    upTo('NAT-OA', 2, 'transport mode over NAT-T'),
    upTo('NAT-OA-DRAFT', 2, 'transport mode over NAT-T drafts'),
    upTo('N', 2, 'RESPONDER-LIFETIME when the responder shortens the lifetime (RFC 2407 §4.6.3.1)', 'RESPONDER_LIFETIME'),
  ),
  QM3: msg('QM3', one('HASH')),
  'XAUTH-REQ': msg('XAUTH-REQ', one('HASH'), one('ATTR')),
  'XAUTH-REPLY': msg('XAUTH-REPLY', one('HASH'), one('ATTR')),
  'XAUTH-SET': msg('XAUTH-SET', one('HASH'), one('ATTR')),
  'XAUTH-ACK': msg('XAUTH-ACK', one('HASH'), one('ATTR')),
  'CFG-REQ': msg('CFG-REQ', one('HASH'), one('ATTR')),
  'CFG-REPLY': msg('CFG-REPLY', one('HASH'), one('ATTR')),
  'CFG-SET': msg('CFG-SET', one('HASH'), one('ATTR')),
  'CFG-ACK': msg('CFG-ACK', one('HASH'), one('ATTR')),
  INFO: msg('INFO', upTo('HASH', 1, 'absent in unprotected notifies sent before phase-1 keys exist'), { type: 'N', min: 1, max: null }),
  DELETE: msg('DELETE', one('HASH'), { type: 'D', min: 1, max: null }),
  'DPD-R-U-THERE': msg('DPD-R-U-THERE', one('HASH'), one('N', 'R_U_THERE')),
  'DPD-ACK': msg('DPD-ACK', one('HASH'), one('N', 'R_U_THERE_ACK')),
  'TED-PROBE': msg('TED-PROBE', { type: 'ID', min: 1, max: 2, note: 'the prober address and the proxy source' }, some('VID')),
  'TED-REPLY': msg('TED-REPLY', { type: 'ID', min: 1, max: 2, note: 'the responding gateway address' }, some('VID')),
} as const satisfies { readonly [L in Label]: MessageSpec };

// ---- timeouts ------------------------------------------------------------------------------------------

const RETRANSMIT = (giveUp: CanonicalState): Timeout => ({ kind: 'retransmit', backoff: 'exponential', giveUp });
const ON_DUPLICATE = (expire: CanonicalState): Timeout => ({ kind: 'resend-on-duplicate', expire });
const NONE: Timeout = { kind: 'none' };

// ---- the table -----------------------------------------------------------------------------------------

export const TRANSITIONS: readonly Transition[] = [
  // ---- Main Mode, pre-shared key (RFC 2409 §5.4) ----
  { exchange: 'main', logical: 'main', role: 'initiator', auth: 'psk', from: 'IDLE', received: null, sent: MESSAGES.MM1, to: 'MAIN_I1', timeout: RETRANSMIT('P1_FAILED'), handler: 'mainOutI1' },
  { exchange: 'main', logical: 'main', role: 'responder', auth: 'psk', from: 'IDLE', received: MESSAGES.MM1, sent: MESSAGES.MM2, to: 'MAIN_R1', timeout: ON_DUPLICATE('P1_FAILED'), handler: 'mainInI1OutR1' },
  // no acceptable proposal in MM1: an unprotected NO-PROPOSAL-CHOSEN instead of MM2, and phase 1 is over
  { exchange: 'main', logical: 'main', role: 'responder', auth: 'psk', from: 'IDLE', received: MESSAGES.MM1, when: 'no-proposal-chosen', sent: MESSAGES.INFO, to: 'P1_FAILED', timeout: NONE, handler: 'phase1InI1OutNoProposal' },
  { exchange: 'main', logical: 'main', role: 'initiator', auth: 'psk', from: 'MAIN_I1', received: MESSAGES.MM2, sent: MESSAGES.MM3, to: 'MAIN_I2', timeout: RETRANSMIT('P1_FAILED'), handler: 'mainInR1OutI2' },
  { exchange: 'main', logical: 'main', role: 'responder', auth: 'psk', from: 'MAIN_R1', received: MESSAGES.MM3, sent: MESSAGES.MM4, to: 'MAIN_R2', timeout: ON_DUPLICATE('P1_FAILED'), handler: 'mainInI2OutR2' },
  { exchange: 'main', logical: 'main', role: 'initiator', auth: 'psk', from: 'MAIN_I2', received: MESSAGES.MM4, sent: MESSAGES.MM5, to: 'MAIN_I3', timeout: RETRANSMIT('P1_FAILED'), handler: 'mainInR2OutI3' },
  { exchange: 'main', logical: 'main', role: 'responder', auth: 'psk', from: 'MAIN_R2', received: MESSAGES.MM5, sent: MESSAGES.MM6, to: 'MAIN_R3', timeout: NONE, handler: 'mainInI3OutR3' },
  { exchange: 'main', logical: 'main', role: 'initiator', auth: 'psk', from: 'MAIN_I3', received: MESSAGES.MM6, sent: null, to: 'MAIN_I4', timeout: NONE, handler: 'mainInR3' },

  // ---- Aggressive Mode, pre-shared key (RFC 2409 §5.4) ----
  { exchange: 'aggressive', logical: 'aggressive', role: 'initiator', auth: 'psk', from: 'IDLE', received: null, sent: MESSAGES.AM1, to: 'AGGR_I1', timeout: RETRANSMIT('P1_FAILED'), handler: 'aggrOutI1' },
  { exchange: 'aggressive', logical: 'aggressive', role: 'responder', auth: 'psk', from: 'IDLE', received: MESSAGES.AM1, sent: MESSAGES.AM2, to: 'AGGR_R1', timeout: ON_DUPLICATE('P1_FAILED'), handler: 'aggrInI1OutR1' },
  { exchange: 'aggressive', logical: 'aggressive', role: 'responder', auth: 'psk', from: 'IDLE', received: MESSAGES.AM1, when: 'no-proposal-chosen', sent: MESSAGES.INFO, to: 'P1_FAILED', timeout: NONE, handler: 'phase1InI1OutNoProposal' },
  { exchange: 'aggressive', logical: 'aggressive', role: 'initiator', auth: 'psk', from: 'AGGR_I1', received: MESSAGES.AM2, sent: MESSAGES.AM3, to: 'AGGR_I2', timeout: NONE, handler: 'aggrInR1OutI2' },
  { exchange: 'aggressive', logical: 'aggressive', role: 'responder', auth: 'psk', from: 'AGGR_R1', received: MESSAGES.AM3, sent: null, to: 'AGGR_R2', timeout: NONE, handler: 'aggrInI2' },

  // ---- Quick Mode (RFC 2409 §5.5) ----
  { exchange: 'quick', logical: 'quick', role: 'initiator', auth: 'any', from: 'P1_ESTABLISHED', received: null, sent: MESSAGES.QM1, to: 'QUICK_I1', timeout: RETRANSMIT('P2_FAILED'), handler: 'quickOutI1' },
  { exchange: 'quick', logical: 'quick', role: 'responder', auth: 'any', from: 'P1_ESTABLISHED', received: MESSAGES.QM1, sent: MESSAGES.QM2, to: 'QUICK_R1', timeout: ON_DUPLICATE('P2_FAILED'), handler: 'quickInI1OutR1' },
  { exchange: 'quick', logical: 'quick', role: 'initiator', auth: 'any', from: 'QUICK_I1', received: MESSAGES.QM2, sent: MESSAGES.QM3, to: 'QUICK_I2', timeout: NONE, handler: 'quickInR1OutI2' },
  { exchange: 'quick', logical: 'quick', role: 'responder', auth: 'any', from: 'QUICK_R1', received: MESSAGES.QM3, sent: null, to: 'QUICK_R2', timeout: NONE, handler: 'quickInI2' },

  // ---- XAUTH (draft-beaulieu-ike-xauth-02 §3); initiator = XAUTH server ----
  { exchange: 'transaction', logical: 'xauth', role: 'initiator', auth: 'any', from: 'P1_ESTABLISHED', received: null, sent: MESSAGES['XAUTH-REQ'], to: 'XAUTH_SERVER_AWAIT_REPLY', timeout: RETRANSMIT('DELETING'), handler: 'xauthOutRequest' },
  { exchange: 'transaction', logical: 'xauth', role: 'initiator', auth: 'any', from: 'XAUTH_SERVER_AWAIT_REPLY', received: MESSAGES['XAUTH-REPLY'], sent: null, to: 'XAUTH_SERVER_VERIFY', timeout: NONE, handler: 'xauthInReply' },
  { exchange: 'transaction', logical: 'xauth', role: 'initiator', auth: 'any', from: 'XAUTH_SERVER_VERIFY', received: null, sent: MESSAGES['XAUTH-REQ'], to: 'XAUTH_SERVER_AWAIT_REPLY', timeout: RETRANSMIT('DELETING'), handler: 'xauthOutRequest' },
  { exchange: 'transaction', logical: 'xauth', role: 'initiator', auth: 'any', from: 'XAUTH_SERVER_VERIFY', received: null, sent: MESSAGES['XAUTH-SET'], to: 'XAUTH_SERVER_AWAIT_ACK', timeout: RETRANSMIT('DELETING'), handler: 'xauthOutSet' },
  { exchange: 'transaction', logical: 'xauth', role: 'initiator', auth: 'any', from: 'XAUTH_SERVER_AWAIT_ACK', received: MESSAGES['XAUTH-ACK'], when: 'status-ok', sent: null, to: 'P1_ESTABLISHED', timeout: NONE, handler: 'xauthInAck' },
  { exchange: 'transaction', logical: 'xauth', role: 'initiator', auth: 'any', from: 'XAUTH_SERVER_AWAIT_ACK', received: MESSAGES['XAUTH-ACK'], when: 'status-fail', sent: null, to: 'DELETING', timeout: NONE, handler: 'xauthInAck' },
  { exchange: 'transaction', logical: 'xauth', role: 'responder', auth: 'any', from: 'P1_ESTABLISHED', received: MESSAGES['XAUTH-REQ'], sent: MESSAGES['XAUTH-REPLY'], to: 'XAUTH_CLIENT_AWAIT_SET', timeout: ON_DUPLICATE('DELETING'), handler: 'xauthInRequestOutReply' },
  { exchange: 'transaction', logical: 'xauth', role: 'responder', auth: 'any', from: 'XAUTH_CLIENT_AWAIT_SET', received: MESSAGES['XAUTH-REQ'], sent: MESSAGES['XAUTH-REPLY'], to: 'XAUTH_CLIENT_AWAIT_SET', timeout: ON_DUPLICATE('DELETING'), handler: 'xauthInRequestOutReply' },
  { exchange: 'transaction', logical: 'xauth', role: 'responder', auth: 'any', from: 'XAUTH_CLIENT_AWAIT_SET', received: MESSAGES['XAUTH-SET'], when: 'status-ok', sent: MESSAGES['XAUTH-ACK'], to: 'P1_ESTABLISHED', timeout: NONE, handler: 'xauthInSetOutAck' },
  { exchange: 'transaction', logical: 'xauth', role: 'responder', auth: 'any', from: 'XAUTH_CLIENT_AWAIT_SET', received: MESSAGES['XAUTH-SET'], when: 'status-fail', sent: MESSAGES['XAUTH-ACK'], to: 'DELETING', timeout: NONE, handler: 'xauthInSetOutAck' },

  // ---- Mode-Config pull (client asks) and push (server sets), draft-ietf-ipsec-isakmp-mode-cfg-05 §3 ----
  { exchange: 'transaction', logical: 'cfg-pull', role: 'initiator', auth: 'any', from: 'P1_ESTABLISHED', received: null, sent: MESSAGES['CFG-REQ'], to: 'CFG_CLIENT_AWAIT_REPLY', timeout: RETRANSMIT('DELETING'), handler: 'modecfgOutRequest' },
  { exchange: 'transaction', logical: 'cfg-pull', role: 'initiator', auth: 'any', from: 'CFG_CLIENT_AWAIT_REPLY', received: MESSAGES['CFG-REPLY'], sent: null, to: 'P1_ESTABLISHED', timeout: NONE, handler: 'modecfgInReply' },
  { exchange: 'transaction', logical: 'cfg-pull', role: 'responder', auth: 'any', from: 'P1_ESTABLISHED', received: MESSAGES['CFG-REQ'], sent: MESSAGES['CFG-REPLY'], to: 'P1_ESTABLISHED', timeout: NONE, handler: 'modecfgInRequestOutReply' },
  { exchange: 'transaction', logical: 'cfg-push', role: 'initiator', auth: 'any', from: 'P1_ESTABLISHED', received: null, sent: MESSAGES['CFG-SET'], to: 'CFG_SERVER_AWAIT_ACK', timeout: RETRANSMIT('DELETING'), handler: 'modecfgOutSet' },
  { exchange: 'transaction', logical: 'cfg-push', role: 'initiator', auth: 'any', from: 'CFG_SERVER_AWAIT_ACK', received: MESSAGES['CFG-ACK'], sent: null, to: 'P1_ESTABLISHED', timeout: NONE, handler: 'modecfgInAck' },
  { exchange: 'transaction', logical: 'cfg-push', role: 'responder', auth: 'any', from: 'P1_ESTABLISHED', received: MESSAGES['CFG-SET'], sent: MESSAGES['CFG-ACK'], to: 'P1_ESTABLISHED', timeout: NONE, handler: 'modecfgInSetOutAck' },

  // ---- Informational (RFC 2408 §4.8): notify and delete on an established SA ----
  { exchange: 'informational', logical: 'informational', role: 'initiator', auth: 'any', from: 'P1_ESTABLISHED', received: null, sent: MESSAGES.INFO, to: 'P1_ESTABLISHED', timeout: NONE, handler: 'informationalOutNotify' },
  { exchange: 'informational', logical: 'informational', role: 'responder', auth: 'any', from: 'P1_ESTABLISHED', received: MESSAGES.INFO, sent: null, to: 'P1_ESTABLISHED', timeout: NONE, handler: 'informationalInNotify' },
  { exchange: 'informational', logical: 'informational', role: 'initiator', auth: 'any', from: 'P1_ESTABLISHED', received: null, when: 'deletes-ipsec-sa', sent: MESSAGES.DELETE, to: 'P1_ESTABLISHED', timeout: NONE, handler: 'informationalOutDelete' },
  { exchange: 'informational', logical: 'informational', role: 'initiator', auth: 'any', from: 'P1_ESTABLISHED', received: null, when: 'deletes-isakmp-sa', sent: MESSAGES.DELETE, to: 'DELETED', timeout: NONE, handler: 'informationalOutDelete' },
  { exchange: 'informational', logical: 'informational', role: 'responder', auth: 'any', from: 'P1_ESTABLISHED', received: MESSAGES.DELETE, when: 'deletes-ipsec-sa', sent: null, to: 'P1_ESTABLISHED', timeout: NONE, handler: 'informationalInDelete' },
  { exchange: 'informational', logical: 'informational', role: 'responder', auth: 'any', from: 'P1_ESTABLISHED', received: MESSAGES.DELETE, when: 'deletes-isakmp-sa', sent: null, to: 'DELETED', timeout: NONE, handler: 'informationalInDelete' },
  // an error notify in answer to the first message of an exchange ends it (e.g. NO-PROPOSAL-CHOSEN to MM1)
  { exchange: 'informational', logical: 'informational', role: 'responder', auth: 'any', from: 'MAIN_I1', received: MESSAGES.INFO, when: 'error-notify', sent: null, to: 'P1_FAILED', timeout: NONE, handler: 'informationalInPhase1Error' },
  { exchange: 'informational', logical: 'informational', role: 'responder', auth: 'any', from: 'AGGR_I1', received: MESSAGES.INFO, when: 'error-notify', sent: null, to: 'P1_FAILED', timeout: NONE, handler: 'informationalInPhase1Error' },
  { exchange: 'informational', logical: 'informational', role: 'responder', auth: 'any', from: 'QUICK_I1', received: MESSAGES.INFO, when: 'error-notify', sent: null, to: 'P2_FAILED', timeout: NONE, handler: 'informationalInQuickError' },
  // ... and its sender: a Quick Mode responder refusing QM1 (no proposal chosen, PFS, proxy identities) answers with a
  // protected error notify in an Informational of its own instead of QM2; its Quick Mode ends there
  { exchange: 'informational', logical: 'informational', role: 'initiator', auth: 'any', from: 'P1_ESTABLISHED', received: null, when: 'error-notify', sent: MESSAGES.INFO, to: 'P2_FAILED', timeout: NONE, handler: 'informationalOutQuickError' },

  // ---- Dead Peer Detection (RFC 3706 §5) ----
  { exchange: 'informational', logical: 'dpd', role: 'initiator', auth: 'any', from: 'P1_ESTABLISHED', received: null, sent: MESSAGES['DPD-R-U-THERE'], to: 'DPD_I1', timeout: RETRANSMIT('DELETING'), handler: 'dpdOutRUThere' },
  { exchange: 'informational', logical: 'dpd', role: 'initiator', auth: 'any', from: 'DPD_I1', received: MESSAGES['DPD-ACK'], sent: null, to: 'P1_ESTABLISHED', timeout: NONE, handler: 'dpdInAck' },
  { exchange: 'informational', logical: 'dpd', role: 'responder', auth: 'any', from: 'P1_ESTABLISHED', received: MESSAGES['DPD-R-U-THERE'], sent: MESSAGES['DPD-ACK'], to: 'P1_ESTABLISHED', timeout: NONE, handler: 'dpdInRUThereOutAck' },

  // ---- Cisco Tunnel Endpoint Discovery: probe / reply on a short-lived SA, then Main Mode to the replier ----
  { exchange: 'ted', logical: 'ted', role: 'initiator', auth: 'any', from: 'IDLE', received: null, sent: MESSAGES['TED-PROBE'], to: 'TED_I1', timeout: RETRANSMIT('IDLE'), handler: 'tedOutProbe' },
  { exchange: 'ted', logical: 'ted', role: 'initiator', auth: 'any', from: 'TED_I1', received: MESSAGES['TED-REPLY'], sent: null, to: 'IDLE', timeout: NONE, handler: 'tedInReply' },
  { exchange: 'ted', logical: 'ted', role: 'responder', auth: 'any', from: 'IDLE', received: MESSAGES['TED-PROBE'], sent: MESSAGES['TED-REPLY'], to: 'IDLE', timeout: NONE, handler: 'tedInProbeOutReply' },
];

/** Does a row's `from` state accept the current state? (`P1_ESTABLISHED` stands for every established ISAKMP SA state.) */
export function fromMatches(from: CanonicalState, current: CanonicalState): boolean {
  if (from === current) return true;
  if (from !== 'P1_ESTABLISHED') return false;
  const f = stateFacts(current);
  return f !== undefined && f.category === 'established' && f.scope === 'isakmp-sa';
}

/** The input key of a row: the received label, or `initiate:<sent label>` for local triggers. */
export function transitionInput(t: Transition): string {
  return t.received ? t.received.label : `initiate:${t.sent?.label ?? ''}`;
}

/** Rows that apply in `state` for `role` in `logical` on this input (received label, or the label we send first). */
export function findTransitions(logical: LogicalExchange, role: ExchangeRole, state: CanonicalState, input: { readonly dir: 'in' | 'out'; readonly label: string }): Transition[] {
  return TRANSITIONS.filter(
    (t) =>
      t.logical === logical &&
      t.role === role &&
      fromMatches(t.from, state) &&
      (input.dir === 'in' ? t.received?.label === input.label : t.received === null && t.sent?.label === input.label),
  );
}

// =========================================================================================================
// checkSequence: is an observed sequence of labelled messages legal, and where did it stop?
// =========================================================================================================

export interface ObservedMessage {
  readonly label: string;
  /** Seen from the node whose log this is: out = sent by it, in = received. */
  readonly dir: 'in' | 'out';
  /** Payload types when known (canonical names such as 'SA', 'NONCE', or vendor words such as 'No', 'V'). */
  readonly payloads?: readonly string[];
}

export type SequenceProblem =
  | 'unknown-label'
  | 'unexpected'
  | 'wrong-direction'
  | 'not-established'
  | 'gap'
  | 'retransmit'
  | 'missing-payload'
  | 'extra-payload'
  | 'unexpected-payload';

export interface SequenceIssue {
  readonly index: number;
  readonly label: string;
  readonly severity: 'error' | 'warn' | 'info';
  readonly problem: SequenceProblem;
  readonly message: string;
}

export interface ExchangeProgress {
  readonly exchange: LogicalExchange;
  /** This node's role in the exchange. */
  readonly role: ExchangeRole;
  /** Accepted messages (retransmissions not repeated), in order. */
  readonly labels: readonly Label[];
  /** Index (in the input) of the first message. */
  readonly start: number;
  readonly state: CanonicalState;
  readonly complete: boolean;
  /** The next message the exchange is waiting for (sent by this node or by the peer). */
  readonly next?: Label;
}

export interface SequenceVerdict {
  /** No error issue: every message fits the transitions table. */
  readonly legal: boolean;
  /** Phase 1 established and every exchange that was started has finished. */
  readonly complete: boolean;
  readonly mode: 'main' | 'aggressive' | null;
  readonly phase1: 'none' | 'in-progress' | 'established';
  /** The last message of the first unfinished exchange (all finished: the last accepted message): "failed at MM5". */
  readonly reached: Label | null;
  /** What the first unfinished exchange waits for. */
  readonly next: readonly Label[];
  /** The first message that does not fit, if any. */
  readonly firstError: { readonly index: number; readonly label: string } | null;
  readonly exchanges: readonly ExchangeProgress[];
  readonly issues: readonly SequenceIssue[];
}

interface Pending {
  readonly label: Label;
  readonly to: CanonicalState;
  readonly spec: MessageSpec;
}

interface Instance {
  logical: LogicalExchange;
  role: ExchangeRole;
  state: CanonicalState;
  pending: Pending | null;
  readonly seen: { label: Label; dir: 'in' | 'out' }[];
  readonly start: number;
}

const ISAKMP_SCOPE: ReadonlySet<LogicalExchange> = new Set(['main', 'aggressive', 'xauth', 'cfg-pull', 'cfg-push']);
const GUARD_PREFERENCE: readonly (Guard | undefined)[] = [undefined, 'status-ok', 'deletes-ipsec-sa', 'error-notify', 'status-fail', 'deletes-isakmp-sa', 'no-proposal-chosen'];

function preferred(rows: readonly Transition[]): Transition | undefined {
  let best: Transition | undefined;
  let rank = Infinity;
  for (const r of rows) {
    const k = GUARD_PREFERENCE.indexOf(r.when);
    if (k < rank) {
      rank = k;
      best = r;
    }
  }
  return best;
}

function opposite(r: ExchangeRole): ExchangeRole {
  return r === 'initiator' ? 'responder' : 'initiator';
}

function isComplete(inst: Instance): boolean {
  if (inst.pending) return false;
  const f = stateFacts(inst.state);
  if (!f) return false;
  switch (inst.logical) {
    case 'main':
    case 'aggressive':
    case 'quick':
      return f.category === 'established';
    case 'xauth':
    case 'cfg-pull':
    case 'cfg-push':
    case 'dpd':
      return f.category === 'established' || f.category === 'deleting';
    case 'ted':
      return inst.state === 'IDLE';
    case 'informational':
      return true;
  }
}

function nextOf(inst: Instance): Label | undefined {
  if (inst.pending) return inst.pending.label;
  if (isComplete(inst)) return undefined;
  return stateFacts(inst.state)?.next;
}

/**
 * Check an observed message sequence against the transitions table.
 *
 * `role` is this node's IKE role (phase 1). Other exchanges take the role the directions give (the
 * side that sends QM1 is the Quick Mode initiator, the side that sends XAUTH-REQ is the XAUTH server).
 * Quick Modes, DPD and TED are followed per exchange; without message IDs, a QM2/QM3 belongs to the
 * oldest Quick Mode waiting for it. Informational messages (INFO, DELETE) never move a state here:
 * their effect depends on the notify type or the deleted protocol, which labels do not carry; DELETE,
 * DPD, Quick Mode and transactions need an established ISAKMP SA. A missing reply of this node (its
 * send line absent from the log) is bridged with a 'gap' warning. Never throws.
 */
export function checkSequence(messages: readonly ObservedMessage[], role: ExchangeRole): SequenceVerdict {
  const issues: SequenceIssue[] = [];
  const records: Instance[] = []; // all exchanges in start order
  const open: Instance[] = []; // exchange-scope instances (quick, dpd, ted) not finished
  let sa: Instance | null = null; // the ISAKMP SA machine (main/aggressive, then xauth / cfg)
  let everEstablished = false;
  let mode: 'main' | 'aggressive' | null = null;
  let lastAccepted: Label | null = null;

  const issue = (index: number, label: string, severity: SequenceIssue['severity'], problem: SequenceProblem, message: string) => {
    issues.push({ index, label, severity, problem, message });
  };

  const checkPayloads = (index: number, label: string, spec: MessageSpec, payloads: readonly string[] | undefined) => {
    if (!payloads || payloads.length === 0) return;
    const counts = new Map<string, number>();
    const unknown: string[] = [];
    for (const p of payloads) {
      const name = canonicalPayload(String(p).replace(/\(.*\)$/, ''));
      if (!name) {
        unknown.push(String(p));
        continue;
      }
      if (name === 'NONE') continue;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const specTypes = new Map<string, { min: number; max: number | null }>();
    for (const s of spec.payloads) {
      const cur = specTypes.get(s.type) ?? { min: 0, max: 0 };
      const max = cur.max === null || s.max === null ? null : cur.max + s.max;
      specTypes.set(s.type, { min: cur.min + s.min, max });
    }
    for (const [type, { min, max }] of specTypes) {
      const n = counts.get(type) ?? 0;
      if (n < min) issue(index, label, 'error', 'missing-payload', `${label} lacks ${type} (${n} of at least ${min})`);
      if (max !== null && n > max) issue(index, label, 'warn', 'extra-payload', `${label} carries ${n} ${type} payloads (at most ${max} expected)`);
    }
    for (const [type] of counts) {
      if (!specTypes.has(type)) issue(index, label, 'warn', 'unexpected-payload', `${label} carries a ${type} payload the table does not list`);
    }
    for (const u of unknown) issue(index, label, 'warn', 'unexpected-payload', `${label} carries an unknown payload "${u}"`);
  };

  const accept = (inst: Instance, label: Label, dir: 'in' | 'out') => {
    inst.seen.push({ label, dir });
    lastAccepted = label;
  };

  /** Try to move an instance with a message; 'ok', 'retransmit' or 'no'. */
  const step = (inst: Instance, m: ObservedMessage, label: Label, index: number): 'ok' | 'retransmit' | 'no' => {
    if (inst.pending) {
      if (m.dir === 'out' && m.label === inst.pending.label) {
        checkPayloads(index, label, inst.pending.spec, m.payloads);
        inst.state = inst.pending.to;
        inst.pending = null;
        accept(inst, label, 'out');
        return 'ok';
      }
      if (inst.seen.some((s) => s.label === label && s.dir === m.dir)) return 'retransmit';
      // our reply is not in the log: bridge the gap if the message fits after it
      const rows = findTransitions(inst.logical, inst.role, inst.pending.to, m);
      const row = preferred(rows);
      if (!row) return 'no';
      issue(index, label, 'warn', 'gap', `${inst.pending.label} (sent by this node) is not in the sequence before ${label}`);
      inst.seen.push({ label: inst.pending.label, dir: 'out' });
      inst.state = inst.pending.to;
      inst.pending = null;
      return apply(inst, row, m, label, index);
    }
    const row = preferred(findTransitions(inst.logical, inst.role, inst.state, m));
    if (row) return apply(inst, row, m, label, index);
    if (inst.seen.some((s) => s.label === label && s.dir === m.dir)) return 'retransmit';
    return 'no';
  };

  const apply = (inst: Instance, row: Transition, m: ObservedMessage, label: Label, index: number): 'ok' => {
    if (m.dir === 'in') {
      if (row.received) checkPayloads(index, label, row.received, m.payloads);
      if (row.sent) inst.pending = { label: row.sent.label, to: row.to, spec: row.sent };
      else inst.state = row.to;
    } else {
      if (row.sent) checkPayloads(index, label, row.sent, m.payloads);
      inst.state = row.to;
    }
    accept(inst, label, m.dir);
    return 'ok';
  };

  /** The ISAKMP SA is established (bridging a missing final reply of this node, e.g. MM6). */
  const saEstablished = (index: number, label: string): boolean => {
    if (!sa) return false;
    if (sa.pending) {
      const f = stateFacts(sa.pending.to);
      if (f?.category !== 'established') return false;
      issue(index, label, 'warn', 'gap', `${sa.pending.label} (sent by this node) is not in the sequence before ${label}`);
      sa.seen.push({ label: sa.pending.label, dir: 'out' });
      sa.state = sa.pending.to;
      sa.pending = null;
    }
    const f = stateFacts(sa.state);
    const ok = f?.category === 'established' && f.scope === 'isakmp-sa';
    if (ok) everEstablished = true;
    return ok;
  };

  /** Some exchange of this kind, where this node has this role, already saw the message. */
  const seenBefore = (logical: LogicalExchange, ourRole: ExchangeRole, label: Label, dir: 'in' | 'out'): boolean =>
    records.some((r) => r.logical === logical && r.role === ourRole && r.seen.some((s) => s.label === label && s.dir === dir));

  const verb = (dir: 'in' | 'out') => (dir === 'out' ? 'sent' : 'received');

  messages.forEach((m: ObservedMessage | null | undefined, index) => {
    const label = m && typeof m === 'object' ? String(m.label) : String(m);
    const facts = labelFacts(label);
    if (!m || typeof m !== 'object' || !facts || (m.dir !== 'in' && m.dir !== 'out')) {
      issue(index, label, 'error', 'unknown-label', facts ? `direction "${String(m?.dir)}" is neither in nor out` : `"${label}" is not a message label`);
      return;
    }
    const lbl = facts.label as Label;
    const dir = m.dir;

    // ---- informational: validated, never moves a state ----
    if (facts.sender === 'either') {
      if (lbl === 'DELETE' && !everEstablished && !saEstablished(index, lbl)) {
        issue(index, lbl, 'error', 'not-established', 'DELETE before the ISAKMP SA was established');
        return;
      }
      if (!sa) issue(index, lbl, 'info', 'unexpected', `${lbl} before any phase-1 message`);
      checkPayloads(index, lbl, MESSAGES[lbl], m.payloads);
      lastAccepted = lbl;
      return;
    }
    const ourRole: ExchangeRole = dir === 'out' ? facts.sender : opposite(facts.sender);

    // ---- phase 1 ----
    if (facts.exchange === 'main' || facts.exchange === 'aggressive') {
      if (ourRole !== role) {
        issue(index, lbl, 'error', 'wrong-direction', `${lbl} ${verb(dir)} by the phase-1 ${role}`);
        return;
      }
      if (sa && sa.logical !== facts.exchange) {
        if (seenBefore(facts.exchange, ourRole, lbl, dir)) issue(index, lbl, 'info', 'retransmit', `${lbl} again (retransmission)`);
        else issue(index, lbl, 'error', 'unexpected', sa.logical === 'main' || sa.logical === 'aggressive' ? `${lbl} after ${sa.logical} mode started on this SA` : `${lbl} after phase 1`);
        return;
      }
      const inst: Instance = sa ?? { logical: facts.exchange, role, state: 'IDLE', pending: null, seen: [], start: index };
      const r = step(inst, m, lbl, index);
      if (r === 'ok') {
        if (!sa) {
          sa = inst;
          records.push(inst);
          mode = facts.exchange;
        }
        if (!inst.pending && stateFacts(inst.state)?.category === 'established') everEstablished = true;
      } else if (r === 'retransmit') issue(index, lbl, 'info', 'retransmit', `${lbl} again (retransmission)`);
      else issue(index, lbl, 'error', 'unexpected', `${lbl} ${verb(dir)} in ${inst.pending ? `${inst.state} (reply ${inst.pending.label} pending)` : inst.state}`);
      return;
    }

    // ---- transactions on the ISAKMP SA (XAUTH, Mode-Config) ----
    if (ISAKMP_SCOPE.has(facts.exchange)) {
      if (!sa) {
        issue(index, lbl, 'error', 'not-established', `${lbl} before phase 1`);
        return;
      }
      if (sa.logical === facts.exchange && sa.role === ourRole) {
        const r = step(sa, m, lbl, index);
        if (r === 'retransmit') issue(index, lbl, 'info', 'retransmit', `${lbl} again (retransmission)`);
        if (r !== 'no') return;
      }
      // a new transaction exchange starts on the SA, which must rest in an established state
      const rows = findTransitions(facts.exchange, ourRole, sa.pending ? sa.pending.to : sa.state, m);
      if (rows.length > 0 && saEstablished(index, lbl)) {
        const inst: Instance = { logical: facts.exchange, role: ourRole, state: sa.state, pending: null, seen: [], start: index };
        step(inst, m, lbl, index);
        sa = inst;
        records.push(inst);
        return;
      }
      if (seenBefore(facts.exchange, ourRole, lbl, dir)) {
        issue(index, lbl, 'info', 'retransmit', `${lbl} again (retransmission)`);
        return;
      }
      const where = sa.pending ? `${sa.state} (reply ${sa.pending.label} pending)` : sa.state;
      if (stateFacts(sa.state)?.category === 'established' && !sa.pending) issue(index, lbl, 'error', 'unexpected', `${lbl} ${verb(dir)}: it cannot start ${facts.exchange}`);
      else issue(index, lbl, 'error', 'not-established', `${lbl} ${verb(dir)} in ${where}`);
      return;
    }

    // ---- exchanges of their own: Quick Mode, DPD, TED ----
    const needsSa = facts.exchange === 'quick' || facts.exchange === 'dpd';
    if (needsSa && !saEstablished(index, lbl)) {
      issue(index, lbl, 'error', 'not-established', `${lbl} before the ISAKMP SA is established${sa ? ` (${sa.state})` : ''}`);
      return;
    }
    // an open exchange of the same kind that takes the message (the oldest first)
    for (const inst of open) {
      if (inst.logical !== facts.exchange || inst.role !== ourRole) continue;
      if (facts.position === 1 && !inst.seen.some((s) => s.label === lbl && s.dir === dir)) continue;
      const r = step(inst, m, lbl, index);
      if (r === 'no') continue;
      if (r === 'retransmit') issue(index, lbl, 'info', 'retransmit', `${lbl} again (retransmission)`);
      if (isComplete(inst)) open.splice(open.indexOf(inst), 1);
      return;
    }
    if (facts.position === 1) {
      const startState: CanonicalState = facts.exchange === 'ted' ? 'IDLE' : (sa?.state ?? 'IDLE');
      const inst: Instance = { logical: facts.exchange, role: ourRole, state: startState, pending: null, seen: [], start: index };
      if (step(inst, m, lbl, index) === 'ok') {
        records.push(inst);
        if (!isComplete(inst)) open.push(inst);
        return;
      }
    }
    if (seenBefore(facts.exchange, ourRole, lbl, dir)) {
      issue(index, lbl, 'info', 'retransmit', `${lbl} again (retransmission)`);
      return;
    }
    issue(index, lbl, 'error', 'unexpected', `${lbl} ${verb(dir)} with no ${facts.exchange} exchange waiting for it`);
  });

  const exchanges: ExchangeProgress[] = records.map((inst) => {
    const next = nextOf(inst);
    const base = {
      exchange: inst.logical,
      role: inst.role,
      labels: inst.seen.map((s) => s.label),
      start: inst.start,
      state: inst.state,
      complete: isComplete(inst),
    };
    return next ? { ...base, next } : base;
  });

  const p1 = records.find((r) => r.logical === 'main' || r.logical === 'aggressive');
  const phase1: SequenceVerdict['phase1'] = !p1 ? 'none' : everEstablished ? 'established' : 'in-progress';
  const unfinished = exchanges.find((e) => !e.complete);
  let reached: Label | null = lastAccepted;
  let next: Label[] = [];
  if (unfinished) {
    reached = unfinished.labels[unfinished.labels.length - 1] ?? null;
    next = unfinished.next ? [unfinished.next] : [];
  } else if (!p1) {
    next = ['MM1', 'AM1'];
  }
  const errors = issues.filter((i) => i.severity === 'error');
  const first = errors[0];
  return {
    legal: errors.length === 0,
    complete: phase1 === 'established' && !unfinished,
    mode,
    phase1,
    reached,
    next,
    firstError: first ? { index: first.index, label: first.label } : null,
    exchanges,
    issues,
  };
}
