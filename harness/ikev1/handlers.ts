/**
 * Handlers, one per table row, named after what they receive and send (the `handler` column of
 * analyzer/model/transitions.ts). They return data: `ok` (with the reply payloads; the engine
 * encodes, encrypts and sends them), `ignore`, `fail` (a phase failure, optionally with a notify),
 * or `fatal`. They never throw on bad input.
 */
import type { Transition } from '../../analyzer/model/transitions.js';
import { isErrorNotify, NOTIFY_TYPES, type NotifyName } from '../../analyzer/model/registries.js';
import type { PhaseReason } from '../../analyzer/model/events.js';
import type { Header, Payload, PayloadOf, PayloadType } from '../codec/index.js';
import type { Ikev1Engine } from './engine.js';
import { acceptPhase1, authPayloads, choosePhase1, deriveKeys, dhKey, nonce, offerPhase1, ownId, verifyPeerHash } from './phase1.js';
import { QUICK_HANDLERS } from './quick.js';
import { INFORMATIONAL_HANDLERS } from './informational.js';
import { DPD_HANDLERS } from './dpd.js';
import { XAUTH_HANDLERS } from './xauth.js';
import { MODECFG_HANDLERS } from './modecfg.js';
import { PHASE1_REFUSAL_HANDLERS } from './phase1-refusal.js';
import type { IsakmpSa, Scope } from './sa.js';
import { orderedIke } from './policy.js';
import { checkPeerIdentity, identityOf } from './identity.js';
import { afterPhase1 } from './sequence.js';

export interface HandlerContext {
  readonly engine: Ikev1Engine;
  readonly sa: IsakmpSa;
  readonly scope: Scope;
  readonly row: Transition;
  /** Received payloads (decrypted); empty for local triggers. */
  readonly payloads: readonly Payload[];
  readonly header: Header | null;
  /** Local Informational triggers (notify, delete, R-U-THERE): the N / D payloads to send (informational.ts adds HASH(1)). */
  readonly out?: readonly Payload[];
}

export type HandlerResult =
  | { readonly kind: 'ok'; readonly reply?: Payload[]; readonly after?: () => void }
  | { readonly kind: 'ignore'; readonly text: string }
  | { readonly kind: 'fail'; readonly reason: PhaseReason; readonly text: string; readonly notify?: NotifyName; readonly auth?: boolean }
  | { readonly kind: 'fatal'; readonly text: string };

export type Handler = (ctx: HandlerContext) => HandlerResult;

export function first<T extends PayloadType>(payloads: readonly Payload[], type: T): PayloadOf<T> | undefined {
  return payloads.find((p): p is PayloadOf<T> => p.type === type);
}

export function all<T extends PayloadType>(payloads: readonly Payload[], type: T): PayloadOf<T>[] {
  return payloads.filter((p): p is PayloadOf<T> => p.type === type);
}

// ---- Main Mode, pre-shared key (RFC 2409 §5.4) --------------------------------------------------------

const mainOutI1: Handler = ({ engine, sa }) => ({ kind: 'ok', reply: [offerPhase1(engine, sa)] });

const mainInI1OutR1: Handler = ({ engine, sa, payloads }) => {
  const r = choosePhase1(engine, sa, first(payloads, 'SA')!);
  if (!r.ok) return { kind: 'fail', reason: r.reason, text: r.text, ...(r.notify ? { notify: r.notify } : {}) };
  return { kind: 'ok', reply: [r.value] };
};

const mainInR1OutI2: Handler = ({ engine, sa, payloads }) => {
  const r = acceptPhase1(engine, sa, first(payloads, 'SA')!);
  if (!r.ok) return { kind: 'fail', reason: r.reason, text: r.text };
  sa.dh = dhKey(engine.provider, r.value.group);
  sa.gxi = sa.dh.publicKey;
  sa.ni = nonce(engine);
  return { kind: 'ok', reply: [{ type: 'KE', data: sa.gxi }, { type: 'NONCE', data: sa.ni }] };
};

const mainInI2OutR2: Handler = ({ engine, sa, payloads }) => {
  sa.gxi = first(payloads, 'KE')!.data;
  sa.ni = first(payloads, 'NONCE')!.data;
  sa.dh = dhKey(engine.provider, sa.chosen!.group);
  sa.gxr = sa.dh.publicKey;
  sa.nr = nonce(engine);
  const k = deriveKeys(engine, sa, sa.gxi);
  if (!k.ok) return { kind: 'fail', reason: k.reason, text: k.text, ...(k.notify ? { notify: k.notify } : {}) };
  return { kind: 'ok', reply: [{ type: 'KE', data: sa.gxr }, { type: 'NONCE', data: sa.nr }] };
};

const mainInR2OutI3: Handler = ({ engine, sa, payloads }) => {
  sa.gxr = first(payloads, 'KE')!.data;
  sa.nr = first(payloads, 'NONCE')!.data;
  const k = deriveKeys(engine, sa, sa.gxr);
  if (!k.ok) return { kind: 'fail', reason: k.reason, text: k.text };
  return { kind: 'ok', reply: authPayloads(sa, ownId(engine)) };
};

function authEvent(engine: Ikev1Engine, sa: IsakmpSa, peerId: PayloadOf<'ID'>): void {
  const own = ownId(engine);
  engine.emit(sa, {
    kind: 'ike.auth',
    method: 'psk',
    result: 'ok',
    localId: identityOf(own),
    peerId: identityOf(peerId),
  });
}

function phase1Complete(engine: Ikev1Engine, sa: IsakmpSa): void {
  engine.emit(sa, { kind: 'ike.phase', phase: 1, status: 'complete', mode: sa.mode });
  // XAUTH and Mode-Config run between phase 1 and Quick Mode when the policies ask for them (sequence.ts)
  if (!afterPhase1(engine, sa)) engine.phase1Done(sa);
}

const mainInI3OutR3: Handler = ({ engine, sa, payloads }) => {
  const id = first(payloads, 'ID')!;
  if (!verifyPeerHash(sa, id, first(payloads, 'HASH')!.data)) return { kind: 'fail', reason: 'psk', text: 'HASH_I does not verify', auth: true };
  const badId = checkPeerIdentity(engine, sa, id, true);
  if (badId) return badId;
  authEvent(engine, sa, id);
  return { kind: 'ok', reply: authPayloads(sa, ownId(engine)), after: () => phase1Complete(engine, sa) };
};

const mainInR3: Handler = ({ engine, sa, payloads }) => {
  const id = first(payloads, 'ID')!;
  if (!verifyPeerHash(sa, id, first(payloads, 'HASH')!.data)) return { kind: 'fail', reason: 'psk', text: 'HASH_R does not verify', auth: true };
  const badId = checkPeerIdentity(engine, sa, id, false);
  if (badId) return badId;
  return {
    kind: 'ok',
    after: () => {
      authEvent(engine, sa, id);
      phase1Complete(engine, sa);
    },
  };
};

// ---- Aggressive Mode, pre-shared key (RFC 2409 §5.4): the same phase-1 helper ----------------------

const aggrOutI1: Handler = ({ engine, sa }) => {
  const offer = offerPhase1(engine, sa);
  const group = orderedIke(engine.policy)[0]?.group;
  if (group === undefined) return { kind: 'fatal', text: 'no ISAKMP policy to offer' };
  sa.dh = dhKey(engine.provider, group);
  sa.gxi = sa.dh.publicKey;
  sa.ni = nonce(engine);
  return { kind: 'ok', reply: [offer, { type: 'KE', data: sa.gxi }, { type: 'NONCE', data: sa.ni }, ownId(engine)] };
};

const aggrInI1OutR1: Handler = ({ engine, sa, payloads }) => {
  const r = choosePhase1(engine, sa, first(payloads, 'SA')!);
  if (!r.ok) return { kind: 'fail', reason: r.reason, text: r.text, ...(r.notify ? { notify: r.notify } : {}) };
  sa.gxi = first(payloads, 'KE')!.data;
  sa.ni = first(payloads, 'NONCE')!.data;
  sa.peerId = first(payloads, 'ID')!;
  // the identity in AM1 picks the peer's configuration (Cisco: the group of a KEY_ID): checked before answering
  const badId = checkPeerIdentity(engine, sa, sa.peerId, true);
  if (badId) return badId;
  sa.dh = dhKey(engine.provider, sa.chosen!.group);
  sa.gxr = sa.dh.publicKey;
  sa.nr = nonce(engine);
  const k = deriveKeys(engine, sa, sa.gxi);
  if (!k.ok) return { kind: 'fail', reason: k.reason, text: k.text, ...(k.notify ? { notify: k.notify } : {}) };
  return { kind: 'ok', reply: [r.value, { type: 'KE', data: sa.gxr }, { type: 'NONCE', data: sa.nr }, ...authPayloads(sa, ownId(engine))] };
};

const aggrInR1OutI2: Handler = ({ engine, sa, payloads }) => {
  const r = acceptPhase1(engine, sa, first(payloads, 'SA')!);
  if (!r.ok) return { kind: 'fail', reason: r.reason, text: r.text };
  sa.gxr = first(payloads, 'KE')!.data;
  sa.nr = first(payloads, 'NONCE')!.data;
  const k = deriveKeys(engine, sa, sa.gxr);
  if (!k.ok) return { kind: 'fail', reason: k.reason, text: k.text };
  const id = first(payloads, 'ID')!;
  if (!verifyPeerHash(sa, id, first(payloads, 'HASH')!.data)) return { kind: 'fail', reason: 'psk', text: 'HASH_R in AM2 does not verify', auth: true };
  const badId = checkPeerIdentity(engine, sa, id, false);
  if (badId) return badId;
  return {
    kind: 'ok',
    reply: [authPayloads(sa, ownId(engine))[1]!],
    after: () => {
      authEvent(engine, sa, id);
      phase1Complete(engine, sa);
    },
  };
};

const aggrInI2: Handler = ({ engine, sa, payloads }) => {
  if (!verifyPeerHash(sa, sa.peerId!, first(payloads, 'HASH')!.data)) return { kind: 'fail', reason: 'psk', text: 'HASH_I in AM3 does not verify', auth: true };
  return {
    kind: 'ok',
    after: () => {
      authEvent(engine, sa, sa.peerId!);
      phase1Complete(engine, sa);
    },
  };
};

// ---- Informational: an error notify in answer to MM1 ---------------------------------------------------

const informationalInPhase1Error: Handler = ({ engine, sa, payloads }) => {
  const n = all(payloads, 'N').find((p) => isErrorNotify(p.notifyType))!;
  const name = NOTIFY_TYPES.nameOf(n.notifyType);
  return {
    kind: 'ok',
    after: () => {
      engine.emit(sa, { kind: 'ike.notify', dir: 'in', type: name ?? 'UNKNOWN', number: n.notifyType });
      engine.emit(sa, { kind: 'ike.phase', phase: 1, status: 'failed', mode: sa.mode, reason: name === 'NO_PROPOSAL_CHOSEN' ? 'proposal' : name === 'INVALID_ID_INFORMATION' ? 'id' : 'notify', text: `peer sent ${name ?? n.notifyType}` });
    },
  };
};

export const HANDLERS: { readonly [name: string]: Handler } = {
  mainOutI1,
  mainInI1OutR1,
  mainInR1OutI2,
  mainInI2OutR2,
  mainInR2OutI3,
  mainInI3OutR3,
  mainInR3,
  aggrOutI1,
  aggrInI1OutR1,
  aggrInR1OutI2,
  aggrInI2,
  informationalInPhase1Error,
  ...QUICK_HANDLERS,
  ...INFORMATIONAL_HANDLERS,
  ...DPD_HANDLERS,
  ...XAUTH_HANDLERS,
  ...MODECFG_HANDLERS,
  ...PHASE1_REFUSAL_HANDLERS,
};
