// Canonical IKEv1 states and the vendor state names mapped onto them.
//
// The protocol states follow the classic FreeS/WAN naming that the handler names (`mainInI1OutR1`)
// come from: MAIN_I1 = "initiator has sent MM1", MAIN_R1 = "responder has sent MM2" … MAIN_I4 /
// MAIN_R3 = established; AGGR_*, QUICK_* likewise. The *_R0 states are "responder has received the
// first message and not answered yet"; they exist because vendors report them (IOS IKE_R_MM1).
// Some vendor states do not say which side or step they are in; they map to role-neutral states
// (MAIN_PENDING, XAUTH_PENDING, ...), or to a role-specific state when the caller knows the role.
//
// State facts (category, meaning, vendor names) live here; the transitions table (transitions.ts)
// refers to the states by name only. This module imports nothing but other model files.

import type { Dialect } from './registries.js';
import type { ExchangeRole, Label, LogicalExchange } from './labels.js';

export type StateCategory = 'idle' | 'in-progress' | 'established' | 'failed' | 'deleting' | 'deleted';

/**
 * isakmp-sa: a state of the ISAKMP SA itself (phase 1, XAUTH/Mode-Config that run on it, deletion).
 * exchange: a state of one exchange on an established ISAKMP SA (one Quick Mode, one DPD, TED).
 */
export type StateScope = 'isakmp-sa' | 'exchange';

export interface CanonicalStateFacts {
  readonly name: string;
  /** 1 = phase 1, 1.5 = XAUTH / Mode-Config, 2 = Quick Mode; null when not tied to a phase. */
  readonly phase: 1 | 1.5 | 2 | null;
  readonly exchange: LogicalExchange | null;
  readonly role: ExchangeRole | null;
  readonly category: StateCategory;
  readonly scope: StateScope;
  /** The next message of the exchange in this state (sent by us or by the peer). */
  readonly next?: Label;
  readonly meaning: string;
}

export const CANONICAL_STATES = [
  { name: 'IDLE', phase: null, exchange: null, role: null, category: 'idle', scope: 'isakmp-sa', meaning: 'no ISAKMP SA with this peer (not yet, or no longer)' },
  // ---- Main Mode ----
  { name: 'MAIN_R0', phase: 1, exchange: 'main', role: 'responder', category: 'in-progress', scope: 'isakmp-sa', next: 'MM2', meaning: 'responder received MM1 and has not answered yet' },
  { name: 'MAIN_I1', phase: 1, exchange: 'main', role: 'initiator', category: 'in-progress', scope: 'isakmp-sa', next: 'MM2', meaning: 'initiator sent MM1, waits for MM2' },
  { name: 'MAIN_R1', phase: 1, exchange: 'main', role: 'responder', category: 'in-progress', scope: 'isakmp-sa', next: 'MM3', meaning: 'responder sent MM2, waits for MM3' },
  { name: 'MAIN_I2', phase: 1, exchange: 'main', role: 'initiator', category: 'in-progress', scope: 'isakmp-sa', next: 'MM4', meaning: 'initiator sent MM3, waits for MM4' },
  { name: 'MAIN_R2', phase: 1, exchange: 'main', role: 'responder', category: 'in-progress', scope: 'isakmp-sa', next: 'MM5', meaning: 'responder sent MM4, waits for MM5' },
  { name: 'MAIN_I3', phase: 1, exchange: 'main', role: 'initiator', category: 'in-progress', scope: 'isakmp-sa', next: 'MM6', meaning: 'initiator sent MM5, waits for MM6' },
  { name: 'MAIN_R3', phase: 1, exchange: 'main', role: 'responder', category: 'established', scope: 'isakmp-sa', meaning: 'responder sent MM6: ISAKMP SA established' },
  { name: 'MAIN_I4', phase: 1, exchange: 'main', role: 'initiator', category: 'established', scope: 'isakmp-sa', meaning: 'initiator verified MM6: ISAKMP SA established' },
  { name: 'MAIN_PENDING', phase: 1, exchange: 'main', role: null, category: 'in-progress', scope: 'isakmp-sa', meaning: 'Main Mode in progress (the vendor state does not say the side or the exact step)' },
  // ---- Aggressive Mode ----
  { name: 'AGGR_R0', phase: 1, exchange: 'aggressive', role: 'responder', category: 'in-progress', scope: 'isakmp-sa', next: 'AM2', meaning: 'responder received AM1 and has not answered yet' },
  { name: 'AGGR_I1', phase: 1, exchange: 'aggressive', role: 'initiator', category: 'in-progress', scope: 'isakmp-sa', next: 'AM2', meaning: 'initiator sent AM1, waits for AM2' },
  { name: 'AGGR_R1', phase: 1, exchange: 'aggressive', role: 'responder', category: 'in-progress', scope: 'isakmp-sa', next: 'AM3', meaning: 'responder sent AM2, waits for AM3' },
  { name: 'AGGR_I2', phase: 1, exchange: 'aggressive', role: 'initiator', category: 'established', scope: 'isakmp-sa', meaning: 'initiator sent AM3: ISAKMP SA established' },
  { name: 'AGGR_R2', phase: 1, exchange: 'aggressive', role: 'responder', category: 'established', scope: 'isakmp-sa', meaning: 'responder verified AM3: ISAKMP SA established' },
  { name: 'AGGR_PENDING', phase: 1, exchange: 'aggressive', role: null, category: 'in-progress', scope: 'isakmp-sa', meaning: 'Aggressive Mode in progress (side or step not given)' },
  // ---- phase 1, either mode ----
  { name: 'P1_PENDING', phase: 1, exchange: null, role: null, category: 'in-progress', scope: 'isakmp-sa', meaning: 'phase 1 in progress (mode, side and step not given)' },
  { name: 'P1_ESTABLISHED', phase: 1, exchange: null, role: null, category: 'established', scope: 'isakmp-sa', meaning: 'ISAKMP SA established and idle: ready for Quick Mode, transactions and informational exchanges' },
  { name: 'P1_FAILED', phase: 1, exchange: null, role: null, category: 'failed', scope: 'isakmp-sa', meaning: 'phase 1 abandoned (no answer, error notify, authentication failure)' },
  // ---- XAUTH ----
  { name: 'XAUTH_SERVER_START', phase: 1.5, exchange: 'xauth', role: 'initiator', category: 'in-progress', scope: 'isakmp-sa', next: 'XAUTH-REQ', meaning: 'XAUTH server: phase 1 done, XAUTH required, request not sent yet' },
  { name: 'XAUTH_SERVER_AWAIT_REPLY', phase: 1.5, exchange: 'xauth', role: 'initiator', category: 'in-progress', scope: 'isakmp-sa', next: 'XAUTH-REPLY', meaning: 'XAUTH server sent a REQUEST, waits for the credentials' },
  { name: 'XAUTH_SERVER_VERIFY', phase: 1.5, exchange: 'xauth', role: 'initiator', category: 'in-progress', scope: 'isakmp-sa', next: 'XAUTH-SET', meaning: 'XAUTH server received the credentials and checks them (it then sends SET, or another REQUEST)' },
  { name: 'XAUTH_SERVER_AWAIT_ACK', phase: 1.5, exchange: 'xauth', role: 'initiator', category: 'in-progress', scope: 'isakmp-sa', next: 'XAUTH-ACK', meaning: 'XAUTH server sent the status (SET), waits for the ACK' },
  { name: 'XAUTH_CLIENT_REQUEST_RECEIVED', phase: 1.5, exchange: 'xauth', role: 'responder', category: 'in-progress', scope: 'isakmp-sa', next: 'XAUTH-REPLY', meaning: 'XAUTH client received a REQUEST and has not answered yet (e.g. waiting for the user)' },
  { name: 'XAUTH_CLIENT_AWAIT_SET', phase: 1.5, exchange: 'xauth', role: 'responder', category: 'in-progress', scope: 'isakmp-sa', next: 'XAUTH-SET', meaning: 'XAUTH client sent its REPLY, waits for the status' },
  { name: 'XAUTH_PENDING', phase: 1.5, exchange: 'xauth', role: null, category: 'in-progress', scope: 'isakmp-sa', meaning: 'XAUTH in progress (side or step not given)' },
  // ---- Mode-Config ----
  { name: 'CFG_CLIENT_AWAIT_REPLY', phase: 1.5, exchange: 'cfg-pull', role: 'initiator', category: 'in-progress', scope: 'isakmp-sa', next: 'CFG-REPLY', meaning: 'Mode-Config client sent a REQUEST, waits for the REPLY' },
  { name: 'CFG_SERVER_REQUEST_RECEIVED', phase: 1.5, exchange: 'cfg-pull', role: 'responder', category: 'in-progress', scope: 'isakmp-sa', next: 'CFG-REPLY', meaning: 'Mode-Config server received a REQUEST and prepares the REPLY (address pool, AAA)' },
  { name: 'CFG_SERVER_AWAIT_ACK', phase: 1.5, exchange: 'cfg-push', role: 'initiator', category: 'in-progress', scope: 'isakmp-sa', next: 'CFG-ACK', meaning: 'Mode-Config server pushed the configuration (SET), waits for the ACK' },
  { name: 'CFG_PENDING', phase: 1.5, exchange: null, role: null, category: 'in-progress', scope: 'isakmp-sa', meaning: 'Mode-Config in progress (side, mode or step not given)' },
  // ---- Quick Mode ----
  { name: 'QUICK_START', phase: 2, exchange: 'quick', role: null, category: 'idle', scope: 'exchange', next: 'QM1', meaning: 'a Quick Mode is being set up; nothing sent or received yet' },
  { name: 'QUICK_R0', phase: 2, exchange: 'quick', role: 'responder', category: 'in-progress', scope: 'exchange', next: 'QM2', meaning: 'responder received QM1 and has not answered yet (e.g. waiting for SPIs)' },
  { name: 'QUICK_I1', phase: 2, exchange: 'quick', role: 'initiator', category: 'in-progress', scope: 'exchange', next: 'QM2', meaning: 'initiator sent QM1, waits for QM2' },
  { name: 'QUICK_R1', phase: 2, exchange: 'quick', role: 'responder', category: 'in-progress', scope: 'exchange', next: 'QM3', meaning: 'responder sent QM2, waits for QM3' },
  { name: 'QUICK_I2', phase: 2, exchange: 'quick', role: 'initiator', category: 'established', scope: 'exchange', meaning: 'initiator sent QM3: IPsec SAs established' },
  { name: 'QUICK_R2', phase: 2, exchange: 'quick', role: 'responder', category: 'established', scope: 'exchange', meaning: 'responder verified QM3: IPsec SAs established' },
  { name: 'QUICK_PENDING', phase: 2, exchange: 'quick', role: null, category: 'in-progress', scope: 'exchange', meaning: 'Quick Mode in progress (side or step not given)' },
  { name: 'P2_ESTABLISHED', phase: 2, exchange: 'quick', role: null, category: 'established', scope: 'exchange', meaning: 'IPsec SAs established' },
  { name: 'P2_FAILED', phase: 2, exchange: 'quick', role: null, category: 'failed', scope: 'exchange', meaning: 'Quick Mode abandoned (no answer, proposal or proxy refused)' },
  // ---- DPD, TED ----
  { name: 'DPD_I1', phase: null, exchange: 'dpd', role: 'initiator', category: 'in-progress', scope: 'exchange', next: 'DPD-ACK', meaning: 'sent R-U-THERE, waits for R-U-THERE-ACK' },
  { name: 'TED_I1', phase: null, exchange: 'ted', role: 'initiator', category: 'in-progress', scope: 'exchange', next: 'TED-REPLY', meaning: 'sent a TED probe, waits for the reply of the protecting gateway' },
  { name: 'TED_PENDING', phase: null, exchange: 'ted', role: null, category: 'in-progress', scope: 'exchange', meaning: 'Tunnel Endpoint Discovery in progress' },
  // ---- teardown ----
  { name: 'DELETING', phase: null, exchange: null, role: null, category: 'deleting', scope: 'isakmp-sa', meaning: 'the SA is being deleted' },
  { name: 'DELETED', phase: null, exchange: null, role: null, category: 'deleted', scope: 'isakmp-sa', meaning: 'the SA is gone' },
] as const satisfies readonly CanonicalStateFacts[];

export type CanonicalState = (typeof CANONICAL_STATES)[number]['name'];

const STATE_BY_NAME = new Map<string, CanonicalStateFacts>(CANONICAL_STATES.map((s) => [s.name, s]));

export function stateFacts(name: string): CanonicalStateFacts | undefined {
  return STATE_BY_NAME.get(name);
}

export function isCanonicalState(name: string): name is CanonicalState {
  return STATE_BY_NAME.has(name);
}

// ---------------------------------------------------------------------------------------------------
// Vendor state names
// ---------------------------------------------------------------------------------------------------

/**
 * Where a vendor state name appears:
 * - ios `fsm`: `Old State = IKE_R_MM1 New State = IKE_R_MM2` (debug crypto isakmp)
 * - ios `sa`: the ISAKMP SA state in packet lines (`sending packet to … (R) MM_SA_SETUP`) and in the
 *   state column of `show crypto isakmp sa`
 * - asa `fsm`: `show crypto isakmp sa` "State : MM_ACTIVE", syslog, and "FSM error history" dumps
 * - strongswan `ike-sa` / `child-sa`: "IKE_SA s2s[1] state change: CONNECTING => ESTABLISHED",
 *   "CHILD_SA net{1} state change: INSTALLING => INSTALLED"; `task`: "queueing MAIN_MODE task"
 */
export type VendorStateKind = 'fsm' | 'sa' | 'ike-sa' | 'child-sa' | 'task';

export interface VendorStateAlias {
  readonly dialect: Dialect;
  readonly kind: VendorStateKind;
  /** The name exactly as the device prints it. */
  readonly vendor: string;
  /** The canonical state when the role is not known. */
  readonly canonical: CanonicalState;
  /** More precise states when the caller knows the role (in the logical exchange). */
  readonly byRole?: { readonly initiator?: CanonicalState; readonly responder?: CanonicalState };
  /** The last message handled when the device enters this state. */
  readonly last?: { readonly label: Label; readonly dir: 'sent' | 'received' };
  /** The messages of the step this state belongs to (for states that span a step: MM_NO_STATE = MM1/MM2). */
  readonly step?: readonly Label[];
  readonly meaning: string;
  readonly note?: string;
}

type A = VendorStateAlias;
const sent = (label: Label) => ({ label, dir: 'sent' as const });
const received = (label: Label) => ({ label, dir: 'received' as const });

const IOS_FSM: readonly A[] = [
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_READY', canonical: 'IDLE', meaning: 'new ISAKMP SA, nothing exchanged' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_I_MM1', canonical: 'MAIN_I1', last: sent('MM1'), meaning: 'initiator sent MM1' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_I_MM2', canonical: 'MAIN_I1', last: received('MM2'), meaning: 'initiator received MM2, processing it' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_I_MM3', canonical: 'MAIN_I2', last: sent('MM3'), meaning: 'initiator sent MM3' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_I_MM4', canonical: 'MAIN_I2', last: received('MM4'), meaning: 'initiator received MM4, processing it' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_I_MM5', canonical: 'MAIN_I3', last: sent('MM5'), meaning: 'initiator sent MM5' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_I_MM6', canonical: 'MAIN_I3', last: received('MM6'), meaning: 'initiator received MM6, verifying it' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_R_MM1', canonical: 'MAIN_R0', last: received('MM1'), meaning: 'responder received MM1, processing it' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_R_MM2', canonical: 'MAIN_R1', last: sent('MM2'), meaning: 'responder sent MM2' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_R_MM3', canonical: 'MAIN_R1', last: received('MM3'), meaning: 'responder received MM3, processing it' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_R_MM4', canonical: 'MAIN_R2', last: sent('MM4'), meaning: 'responder sent MM4' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_R_MM5', canonical: 'MAIN_R2', last: received('MM5'), meaning: 'responder received MM5, verifying it (MM6 follows)' },
  {
    dialect: 'ios',
    kind: 'fsm',
    vendor: 'IKE_R_MM6',
    canonical: 'MAIN_R3',
    last: sent('MM6'),
    meaning: 'responder sent MM6',
    note: 'IOS 12.2-15 responders go IKE_R_MM5 → IKE_P1_COMPLETE directly (corpus); kept for completeness of the IKE_R_MMn series',
  },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_I_AM1', canonical: 'AGGR_I1', last: sent('AM1'), meaning: 'initiator sent AM1' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_R_AM1', canonical: 'AGGR_R0', last: received('AM1'), meaning: 'responder received AM1' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_R_AM_AAA_AWAIT', canonical: 'AGGR_R0', last: received('AM1'), meaning: 'responder received AM1 and waits for AAA (pre-shared key / group lookup)' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_R_AM2', canonical: 'AGGR_R1', last: sent('AM2'), meaning: 'responder sent AM2, waits for AM3' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_P1_COMPLETE', canonical: 'P1_ESTABLISHED', meaning: 'phase 1 complete (also the resting state between transactions)' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_DEST_SA', canonical: 'DELETING', meaning: 'the ISAKMP SA is being destroyed' },
  // XAUTH, IOS as server (corpus ios-am-01)
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_XAUTH_AAA_START_LOGIN_AWAIT', canonical: 'XAUTH_SERVER_START', meaning: 'XAUTH server waits for AAA to start the login (before the REQUEST)' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_XAUTH_REQ_SENT', canonical: 'XAUTH_SERVER_AWAIT_REPLY', last: sent('XAUTH-REQ'), meaning: 'XAUTH server sent the REQUEST' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_XAUTH_AAA_CONT_LOGIN_AWAIT', canonical: 'XAUTH_SERVER_VERIFY', last: received('XAUTH-REPLY'), meaning: 'XAUTH server received the REPLY and waits for AAA to check it' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_XAUTH_SET_SENT', canonical: 'XAUTH_SERVER_AWAIT_ACK', last: sent('XAUTH-SET'), meaning: 'XAUTH server sent the status (SET)' },
  // XAUTH, IOS as client (Easy VPN remote)
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_XAUTH_REPLY_AWAIT', canonical: 'XAUTH_CLIENT_REQUEST_RECEIVED', last: received('XAUTH-REQ'), meaning: 'XAUTH client received the REQUEST and waits for the credentials (Easy VPN remote)' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_XAUTH_REPLY_SENT', canonical: 'XAUTH_CLIENT_AWAIT_SET', last: sent('XAUTH-REPLY'), meaning: 'XAUTH client sent its REPLY (Easy VPN remote)' },
  // Mode-Config
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_CONFIG_AUTHOR_AAA_AWAIT', canonical: 'CFG_SERVER_REQUEST_RECEIVED', last: received('CFG-REQ'), meaning: 'Mode-Config server received the REQUEST and waits for AAA authorization (group attributes)' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_CONFIG_MODE_REQ_SENT', canonical: 'CFG_CLIENT_AWAIT_REPLY', last: sent('CFG-REQ'), meaning: 'Mode-Config client sent the REQUEST' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_CONFIG_MODE_SET_SENT', canonical: 'CFG_SERVER_AWAIT_ACK', last: sent('CFG-SET'), meaning: 'Mode-Config server pushed the configuration (SET)' },
  // Quick Mode (the node FSM: "Node 904613356, Input = ...")
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_QM_READY', canonical: 'QUICK_START', meaning: 'new Quick Mode node, nothing exchanged' },
  {
    dialect: 'ios',
    kind: 'fsm',
    vendor: 'IKE_QM_SPI_STARVE',
    canonical: 'QUICK_PENDING',
    byRole: { responder: 'QUICK_R0', initiator: 'QUICK_START' },
    meaning: 'waiting for IPsec to allocate the inbound SPI (responder: after QM1; initiator: before QM1)',
  },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_QM_I_QM1', canonical: 'QUICK_I1', last: sent('QM1'), meaning: 'initiator sent QM1' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_QM_R_QM2', canonical: 'QUICK_R1', last: sent('QM2'), meaning: 'responder sent QM2, waits for QM3' },
  { dialect: 'ios', kind: 'fsm', vendor: 'IKE_QM_IPSEC_INSTALL_AWAIT', canonical: 'QUICK_I1', last: received('QM2'), meaning: 'initiator received QM2 and waits for IPsec to install the SAs (QM3 follows)' },
  {
    dialect: 'ios',
    kind: 'fsm',
    vendor: 'IKE_QM_PHASE2_COMPLETE',
    canonical: 'P2_ESTABLISHED',
    byRole: { initiator: 'QUICK_I2', responder: 'QUICK_R2' },
    meaning: 'Quick Mode complete: IPsec SAs installed',
  },
];

// ISAKMP SA states: packet lines "(R) MM_SA_SETUP" and `show crypto isakmp sa`
const IOS_SA: readonly A[] = [
  {
    dialect: 'ios',
    kind: 'sa',
    vendor: 'NEW SA',
    canonical: 'IDLE',
    meaning: 'printed as "(N) NEW SA" for a packet that creates a new ISAKMP SA (no state yet)',
  },
  {
    dialect: 'ios',
    kind: 'sa',
    vendor: 'MM_NO_STATE',
    canonical: 'MAIN_PENDING',
    byRole: { initiator: 'MAIN_I1', responder: 'MAIN_R0' },
    step: ['MM1', 'MM2'],
    meaning: 'Main Mode started, MM1/MM2 not completed (stuck here: no reply, proposal refused, or wrong peer)',
  },
  {
    dialect: 'ios',
    kind: 'sa',
    vendor: 'MM_SA_SETUP',
    canonical: 'MAIN_PENDING',
    byRole: { initiator: 'MAIN_I2', responder: 'MAIN_R1' },
    step: ['MM3', 'MM4'],
    meaning: 'proposal agreed (MM1/MM2 done); Diffie-Hellman and nonces (MM3/MM4) under way',
  },
  {
    dialect: 'ios',
    kind: 'sa',
    vendor: 'MM_KEY_EXCH',
    canonical: 'MAIN_PENDING',
    byRole: { initiator: 'MAIN_I3', responder: 'MAIN_R2' },
    step: ['MM5', 'MM6'],
    meaning: 'keys computed (MM3/MM4 done); identity and authentication (MM5/MM6) under way — a PSK or ID mismatch stops here',
  },
  {
    dialect: 'ios',
    kind: 'sa',
    vendor: 'MM_KEY_AUTH',
    canonical: 'MAIN_PENDING',
    byRole: { initiator: 'MAIN_I3', responder: 'MAIN_R2' },
    step: ['MM5', 'MM6'],
    meaning: 'authentication (MM5/MM6) being verified',
  },
  {
    dialect: 'ios',
    kind: 'sa',
    vendor: 'AG_NO_STATE',
    canonical: 'AGGR_PENDING',
    byRole: { initiator: 'AGGR_I1', responder: 'AGGR_R0' },
    step: ['AM1', 'AM2'],
    meaning: 'Aggressive Mode started, AM1/AM2 not completed',
  },
  {
    dialect: 'ios',
    kind: 'sa',
    vendor: 'AG_INIT_EXCH',
    canonical: 'AGGR_PENDING',
    byRole: { initiator: 'AGGR_I1', responder: 'AGGR_R1' },
    step: ['AM2', 'AM3'],
    meaning: 'AM1/AM2 exchanged, AM3 under way',
  },
  {
    dialect: 'ios',
    kind: 'sa',
    vendor: 'AG_AUTH',
    canonical: 'AGGR_PENDING',
    byRole: { initiator: 'AGGR_I1', responder: 'AGGR_R1' },
    step: ['AM3'],
    meaning: 'Aggressive Mode authentication (AM3) being verified',
  },
  { dialect: 'ios', kind: 'sa', vendor: 'QM_IDLE', canonical: 'P1_ESTABLISHED', meaning: 'ISAKMP SA established and idle (Quick Modes run on it)' },
  { dialect: 'ios', kind: 'sa', vendor: 'CONF_XAUTH', canonical: 'XAUTH_PENDING', meaning: 'XAUTH transaction on the ISAKMP SA' },
  { dialect: 'ios', kind: 'sa', vendor: 'CONF_ADDR', canonical: 'CFG_PENDING', meaning: 'Mode-Config (address) transaction on the ISAKMP SA' },
  {
    dialect: 'ios',
    kind: 'sa',
    vendor: 'PEER_DISCOVERY',
    canonical: 'TED_PENDING',
    byRole: { initiator: 'TED_I1' },
    meaning: 'Tunnel Endpoint Discovery probe/reply (short-lived SA)',
  },
  {
    dialect: 'ios',
    kind: 'sa',
    vendor: 'PEER_DISCOVERRY',
    canonical: 'TED_PENDING',
    byRole: { initiator: 'TED_I1' },
    meaning: 'same as PEER_DISCOVERY',
    note: 'spelling found in the corpus "deleting SA ... state (I) PEER_DISCOVERRY" lines (seed 001); possibly a document artifact (corpus ios-ted-01 description)',
  },
];

function asaMm(n: 1 | 2 | 3 | 4 | 5 | 6): A[] {
  const label = `MM${n}` as Label;
  const prev = n > 1 ? (`MM${n - 1}` as Label) : undefined;
  const initiator = n % 2 === 1;
  const before = (['IDLE', 'MAIN_R0', 'MAIN_I1', 'MAIN_R1', 'MAIN_I2', 'MAIN_R2'] as const)[n - 1] ?? 'IDLE';
  const after = (['MAIN_I1', 'MAIN_R1', 'MAIN_I2', 'MAIN_R2', 'MAIN_I3', 'MAIN_R3'] as const)[n - 1] ?? 'MAIN_I1';
  const note = 'state name of ASA "FSM error history" dumps; none in the corpus yet';
  const bld: A = prev
    ? { dialect: 'asa', kind: 'fsm', vendor: `MM_BLD_MSG${n}`, canonical: before, last: received(prev), meaning: `${initiator ? 'initiator' : 'responder'} builds ${label}`, note }
    : { dialect: 'asa', kind: 'fsm', vendor: `MM_BLD_MSG${n}`, canonical: before, meaning: `${initiator ? 'initiator' : 'responder'} builds ${label}`, note };
  return [bld, { dialect: 'asa', kind: 'fsm', vendor: `MM_SND_MSG${n}`, canonical: after, last: sent(label), meaning: `${initiator ? 'initiator' : 'responder'} sends ${label}`, note }];
}

function asaAm(n: 1 | 2 | 3): A[] {
  const label = `AM${n}` as Label;
  const prev = n > 1 ? (`AM${n - 1}` as Label) : undefined;
  const initiator = n % 2 === 1;
  const before = (['IDLE', 'AGGR_R0', 'AGGR_I1'] as const)[n - 1] ?? 'IDLE';
  const after = (['AGGR_I1', 'AGGR_R1', 'AGGR_I2'] as const)[n - 1] ?? 'AGGR_I1';
  const note = 'state name of ASA "FSM error history" dumps; none in the corpus yet';
  const bld: A = prev
    ? { dialect: 'asa', kind: 'fsm', vendor: `AM_BLD_MSG${n}`, canonical: before, last: received(prev), meaning: `${initiator ? 'initiator' : 'responder'} builds ${label}`, note }
    : { dialect: 'asa', kind: 'fsm', vendor: `AM_BLD_MSG${n}`, canonical: before, meaning: `${initiator ? 'initiator' : 'responder'} builds ${label}`, note };
  return [bld, { dialect: 'asa', kind: 'fsm', vendor: `AM_SND_MSG${n}`, canonical: after, last: sent(label), meaning: `${initiator ? 'initiator' : 'responder'} sends ${label}`, note }];
}

function asaQm(n: 1 | 2 | 3): A[] {
  const label = `QM${n}` as Label;
  const prev = n > 1 ? (`QM${n - 1}` as Label) : undefined;
  const initiator = n % 2 === 1;
  const before = (['QUICK_START', 'QUICK_R0', 'QUICK_I1'] as const)[n - 1] ?? 'QUICK_START';
  const after = (['QUICK_I1', 'QUICK_R1', 'QUICK_I2'] as const)[n - 1] ?? 'QUICK_I1';
  const note = 'state name of ASA "FSM error history" dumps; none in the corpus yet';
  const bld: A = prev
    ? { dialect: 'asa', kind: 'fsm', vendor: `QM_BLD_MSG${n}`, canonical: before, last: received(prev), meaning: `${initiator ? 'initiator' : 'responder'} builds ${label}`, note }
    : { dialect: 'asa', kind: 'fsm', vendor: `QM_BLD_MSG${n}`, canonical: before, meaning: `${initiator ? 'initiator' : 'responder'} builds ${label}`, note };
  return [bld, { dialect: 'asa', kind: 'fsm', vendor: `QM_SND_MSG${n}`, canonical: after, last: sent(label), meaning: `${initiator ? 'initiator' : 'responder'} sends ${label}`, note }];
}

const ASA_FSM: readonly A[] = [
  { dialect: 'asa', kind: 'fsm', vendor: 'MM_ACTIVE', canonical: 'P1_ESTABLISHED', meaning: 'Main Mode complete: ISAKMP SA established' },
  { dialect: 'asa', kind: 'fsm', vendor: 'AM_ACTIVE', canonical: 'P1_ESTABLISHED', meaning: 'Aggressive Mode complete: ISAKMP SA established' },
  { dialect: 'asa', kind: 'fsm', vendor: 'MM_WAIT_MSG2', canonical: 'MAIN_I1', last: sent('MM1'), meaning: 'initiator sent MM1, waits for MM2 (stuck: no reply or proposal refused)' },
  { dialect: 'asa', kind: 'fsm', vendor: 'MM_WAIT_MSG3', canonical: 'MAIN_R1', last: sent('MM2'), meaning: 'responder sent MM2, waits for MM3' },
  { dialect: 'asa', kind: 'fsm', vendor: 'MM_WAIT_MSG4', canonical: 'MAIN_I2', last: sent('MM3'), meaning: 'initiator sent MM3, waits for MM4' },
  { dialect: 'asa', kind: 'fsm', vendor: 'MM_WAIT_MSG5', canonical: 'MAIN_R2', last: sent('MM4'), meaning: 'responder sent MM4, waits for MM5 (stuck: NAT-T / UDP 4500 or PSK problem on the peer)' },
  { dialect: 'asa', kind: 'fsm', vendor: 'MM_WAIT_MSG6', canonical: 'MAIN_I3', last: sent('MM5'), meaning: 'initiator sent MM5, waits for MM6 (stuck: PSK or identity mismatch)' },
  { dialect: 'asa', kind: 'fsm', vendor: 'AM_WAIT_MSG2', canonical: 'AGGR_I1', last: sent('AM1'), meaning: 'initiator sent AM1, waits for AM2' },
  { dialect: 'asa', kind: 'fsm', vendor: 'AM_WAIT_MSG3', canonical: 'AGGR_R1', last: sent('AM2'), meaning: 'responder sent AM2, waits for AM3' },
  { dialect: 'asa', kind: 'fsm', vendor: 'MM_START', canonical: 'MAIN_PENDING', step: ['MM1', 'MM2'], meaning: 'Main Mode FSM started', note: 'FSM error history state' },
  { dialect: 'asa', kind: 'fsm', vendor: 'AM_START', canonical: 'AGGR_PENDING', step: ['AM1', 'AM2'], meaning: 'Aggressive Mode FSM started', note: 'FSM error history state' },
  { dialect: 'asa', kind: 'fsm', vendor: 'MM_DONE', canonical: 'P1_FAILED', meaning: 'Main Mode FSM ended; printed as the final state of an "FSM error history" after an error', note: 'FSM error history state' },
  { dialect: 'asa', kind: 'fsm', vendor: 'AM_DONE', canonical: 'P1_FAILED', meaning: 'Aggressive Mode FSM ended after an error ("FSM error history")', note: 'FSM error history state' },
  { dialect: 'asa', kind: 'fsm', vendor: 'AM_TM_INIT_XAUTH', canonical: 'XAUTH_PENDING', meaning: 'Aggressive Mode done; the transaction manager starts XAUTH', note: 'FSM error history state' },
  { dialect: 'asa', kind: 'fsm', vendor: 'AM_TM_INIT_MODECFG', canonical: 'CFG_PENDING', meaning: 'Aggressive Mode done; the transaction manager starts Mode-Config', note: 'FSM error history state' },
  ...asaMm(1),
  ...asaMm(2),
  ...asaMm(3),
  ...asaMm(4),
  ...asaMm(5),
  ...asaMm(6),
  ...asaAm(1),
  ...asaAm(2),
  ...asaAm(3),
  { dialect: 'asa', kind: 'fsm', vendor: 'QM_WAIT_MSG2', canonical: 'QUICK_I1', last: sent('QM1'), meaning: 'initiator sent QM1, waits for QM2', note: 'FSM error history state' },
  { dialect: 'asa', kind: 'fsm', vendor: 'QM_WAIT_MSG3', canonical: 'QUICK_R1', last: sent('QM2'), meaning: 'responder sent QM2, waits for QM3', note: 'FSM error history state' },
  { dialect: 'asa', kind: 'fsm', vendor: 'QM_DONE', canonical: 'P2_FAILED', meaning: 'Quick Mode FSM ended after an error ("FSM error history")', note: 'FSM error history state' },
  ...asaQm(1),
  ...asaQm(2),
  ...asaQm(3),
];

// strongSwan 5.9.8 enums ike_sa_state_names, child_sa_state_names, task_type_names (libcharon)
const STRONGSWAN: readonly A[] = [
  { dialect: 'strongswan', kind: 'ike-sa', vendor: 'CREATED', canonical: 'IDLE', meaning: 'IKE_SA object created, nothing sent or received' },
  { dialect: 'strongswan', kind: 'ike-sa', vendor: 'CONNECTING', canonical: 'P1_PENDING', meaning: 'phase 1 (Main or Aggressive Mode, with XAUTH/Mode-Config) in progress' },
  { dialect: 'strongswan', kind: 'ike-sa', vendor: 'ESTABLISHED', canonical: 'P1_ESTABLISHED', meaning: 'ISAKMP SA established' },
  { dialect: 'strongswan', kind: 'ike-sa', vendor: 'PASSIVE', canonical: 'P1_ESTABLISHED', meaning: 'established SA managed passively by another node (high availability)' },
  { dialect: 'strongswan', kind: 'ike-sa', vendor: 'REKEYING', canonical: 'P1_ESTABLISHED', meaning: 'established; a rekeying is in progress' },
  { dialect: 'strongswan', kind: 'ike-sa', vendor: 'REKEYED', canonical: 'DELETING', meaning: 'replaced by a rekeyed SA, about to be deleted' },
  { dialect: 'strongswan', kind: 'ike-sa', vendor: 'DELETING', canonical: 'DELETING', meaning: 'delete sent or in progress' },
  { dialect: 'strongswan', kind: 'ike-sa', vendor: 'DESTROYING', canonical: 'DELETED', meaning: 'the IKE_SA is being destroyed (also after a failed phase 1)' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'CREATED', canonical: 'QUICK_START', meaning: 'CHILD_SA object created for a Quick Mode' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'ROUTED', canonical: 'IDLE', meaning: 'trap policy installed, no SA: traffic will trigger a negotiation' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'INSTALLING', canonical: 'QUICK_PENDING', meaning: 'Quick Mode negotiated, SAs being installed' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'INSTALLED', canonical: 'P2_ESTABLISHED', meaning: 'IPsec SAs installed' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'UPDATING', canonical: 'P2_ESTABLISHED', meaning: 'installed SAs being updated (address change)' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'REKEYING', canonical: 'P2_ESTABLISHED', meaning: 'installed; a rekeying is in progress' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'REKEYED', canonical: 'DELETING', meaning: 'replaced by rekeyed SAs, about to be deleted' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'RETRYING', canonical: 'QUICK_PENDING', meaning: 'negotiation to be retried' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'DELETING', canonical: 'DELETING', meaning: 'IPsec SAs being deleted' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'DELETED', canonical: 'DELETED', meaning: 'IPsec SAs deleted' },
  { dialect: 'strongswan', kind: 'child-sa', vendor: 'DESTROYING', canonical: 'DELETED', meaning: 'CHILD_SA object being destroyed' },
  // tasks: the exchange a task runs; "queueing/activating MAIN_MODE task"
  { dialect: 'strongswan', kind: 'task', vendor: 'MAIN_MODE', canonical: 'MAIN_PENDING', meaning: 'Main Mode task' },
  { dialect: 'strongswan', kind: 'task', vendor: 'AGGRESSIVE_MODE', canonical: 'AGGR_PENDING', meaning: 'Aggressive Mode task' },
  { dialect: 'strongswan', kind: 'task', vendor: 'QUICK_MODE', canonical: 'QUICK_PENDING', meaning: 'Quick Mode task' },
  { dialect: 'strongswan', kind: 'task', vendor: 'XAUTH', canonical: 'XAUTH_PENDING', meaning: 'XAUTH task' },
  { dialect: 'strongswan', kind: 'task', vendor: 'MODE_CONFIG', canonical: 'CFG_PENDING', meaning: 'Mode-Config task' },
  { dialect: 'strongswan', kind: 'task', vendor: 'ISAKMP_VENDOR', canonical: 'P1_PENDING', meaning: 'vendor ID handling during phase 1' },
  { dialect: 'strongswan', kind: 'task', vendor: 'ISAKMP_NATD', canonical: 'P1_PENDING', meaning: 'NAT detection (NAT-D payloads) during phase 1' },
  { dialect: 'strongswan', kind: 'task', vendor: 'ISAKMP_CERT_PRE', canonical: 'P1_PENDING', meaning: 'certificate handling before authentication' },
  { dialect: 'strongswan', kind: 'task', vendor: 'ISAKMP_CERT_POST', canonical: 'P1_PENDING', meaning: 'certificate handling after authentication' },
  { dialect: 'strongswan', kind: 'task', vendor: 'ISAKMP_DELETE', canonical: 'DELETING', meaning: 'delete of the ISAKMP SA' },
  { dialect: 'strongswan', kind: 'task', vendor: 'QUICK_DELETE', canonical: 'DELETING', meaning: 'delete of IPsec SAs (CHILD_SA)' },
  { dialect: 'strongswan', kind: 'task', vendor: 'ISAKMP_DPD', canonical: 'P1_ESTABLISHED', meaning: 'Dead Peer Detection on an established SA' },
  { dialect: 'strongswan', kind: 'task', vendor: 'INFORMATIONAL', canonical: 'P1_ESTABLISHED', meaning: 'sending an informational (notify) message' },
];

export const VENDOR_STATES: readonly VendorStateAlias[] = [...IOS_FSM, ...IOS_SA, ...ASA_FSM, ...STRONGSWAN];

/** strongSwan task names and the logical exchange they run. */
export const STRONGSWAN_TASKS: { readonly [task: string]: LogicalExchange | 'phase1-helper' | 'delete' } = {
  MAIN_MODE: 'main',
  AGGRESSIVE_MODE: 'aggressive',
  QUICK_MODE: 'quick',
  XAUTH: 'xauth',
  MODE_CONFIG: 'cfg-pull',
  ISAKMP_DPD: 'dpd',
  INFORMATIONAL: 'informational',
  ISAKMP_DELETE: 'delete',
  QUICK_DELETE: 'delete',
  ISAKMP_VENDOR: 'phase1-helper',
  ISAKMP_NATD: 'phase1-helper',
  ISAKMP_CERT_PRE: 'phase1-helper',
  ISAKMP_CERT_POST: 'phase1-helper',
};

export interface VendorStateResolution {
  readonly state: CanonicalState;
  readonly facts: CanonicalStateFacts;
  readonly alias: VendorStateAlias;
  /** The role read from an IOS packet-line prefix "(I)" / "(R)". */
  readonly role?: ExchangeRole;
}

const ALIAS_INDEX = new Map<string, VendorStateAlias[]>();
for (const a of VENDOR_STATES) {
  const k = `${a.dialect}|${a.vendor.toUpperCase()}`;
  const bucket = ALIAS_INDEX.get(k);
  if (bucket) bucket.push(a);
  else ALIAS_INDEX.set(k, [a]);
}

/**
 * The canonical state of a vendor state name.
 *
 * `canonicalState('ios', 'IKE_R_MM2')` → MAIN_R1; `canonicalState('ios', '(R) MM_SA_SETUP')` → MAIN_R1
 * (the "(R)"/"(I)" prefix of IOS packet lines gives the role); `canonicalState('asa', 'MM_WAIT_MSG3')`
 * → MAIN_R1; `canonicalState('strongswan', 'CREATED', { kind: 'child-sa' })` → QUICK_START.
 * Lookup ignores case and surrounding blanks; undefined for unknown names.
 */
export function canonicalState(
  dialect: Dialect,
  vendorName: string,
  opts: { readonly kind?: VendorStateKind; readonly role?: ExchangeRole } = {},
): VendorStateResolution | undefined {
  let name = vendorName.trim().replace(/\s+/g, ' ');
  let role = opts.role;
  let prefixRole: ExchangeRole | undefined;
  const m = /^\(([RIN])\)\s*(.+)$/i.exec(name);
  if (m && m[1] !== undefined && m[2] !== undefined) {
    const r = m[1].toUpperCase();
    if (r === 'R') prefixRole = 'responder';
    if (r === 'I') prefixRole = 'initiator';
    role = role ?? prefixRole;
    name = m[2];
  }
  const bucket = ALIAS_INDEX.get(`${dialect}|${name.toUpperCase()}`);
  if (!bucket) return undefined;
  const alias = opts.kind ? bucket.find((a) => a.kind === opts.kind) : bucket[0];
  if (!alias) return undefined;
  const state = (role && alias.byRole?.[role]) || alias.canonical;
  const facts = STATE_BY_NAME.get(state);
  if (!facts) return undefined;
  return prefixRole ? { state, facts, alias, role: prefixRole } : { state, facts, alias };
}
