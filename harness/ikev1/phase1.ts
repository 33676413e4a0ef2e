/**
 * The phase-1 helper shared by Main Mode (and, later, Aggressive Mode): proposal offer and choice,
 * Diffie-Hellman and nonces, RFC 2409 key derivation (harness/crypto), HASH_I / HASH_R.
 */
import type { PhaseReason } from '../../analyzer/model/events.js';
import { encodePayloadBody, type IdPayload, type Payload, type SaPayload } from '../codec/index.js';
import { derivePhase1KeysPsk, DhError, hashI, hashMatches, hashR, IvChain, phase1Iv, type CryptoProvider, type DhGroupId } from '../crypto/index.js';
import type { Ikev1Engine } from './engine.js';
import { orderedIke, pskBytes, type IkeProposal } from './policy.js';
import { p1Attrs, p1Mismatch, p1Sa, readP1Transform } from './proposals.js';
import type { IsakmpSa } from './sa.js';
import { ownIdentity } from './identity.js';
import { authMethod } from './xauth.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: PhaseReason; text: string; notify?: 'NO_PROPOSAL_CHOSEN' | 'INVALID_KEY_INFORMATION' | 'PAYLOAD_MALFORMED' };

/** The initiator's SA payload (all policies in priority order, one transform each); records SAi_b. */
export function offerPhase1(engine: Ikev1Engine, sa: IsakmpSa): SaPayload {
  const policies = orderedIke(engine.policy);
  const auth = authMethod(engine.policy, sa.role);
  const saPayload = p1Sa(policies, auth);
  sa.saiB = encodePayloadBody(saPayload);
  policies.forEach((p, i) =>
    engine.emit(sa, { kind: 'ike.proposal', phase: 1, stage: 'offered', source: 'local', proposal: 1, transform: i + 1, attrs: p1Attrs(p, auth), policy: `priority ${p.priority ?? i + 1}` }),
  );
  return saPayload;
}

/**
 * The responder's choice: its policies by priority, each against every offered transform (the
 * first match wins). On no match, one `rejected` event per offered transform with the attribute
 * that differs from the highest-priority policy.
 */
export function choosePhase1(engine: Ikev1Engine, sa: IsakmpSa, offer: SaPayload): Outcome<SaPayload> {
  const prop = offer.proposals[0];
  if (offer.proposals.length !== 1 || !prop || prop.protocol !== 1) return { ok: false, reason: 'proposal', text: 'phase-1 SA must carry one ISAKMP proposal', notify: 'NO_PROPOSAL_CHOSEN' };
  sa.saiB = encodePayloadBody(offer);
  const offers = prop.transforms.map((t) => ({ t, o: readP1Transform(t) }));
  offers.forEach(({ t, o }) => engine.emit(sa, { kind: 'ike.proposal', phase: 1, stage: 'offered', source: 'peer', proposal: prop.number, transform: t.number, attrs: p1Attrs(o, o.auth ?? false) }));
  const policies = orderedIke(engine.policy);
  const auth = authMethod(engine.policy, sa.role);
  const hit = firstMatch(policies, offers, auth);
  if (hit) {
    const { i, p, t, o } = hit;
    const lifetime = Math.min(o.lifetimeSeconds ?? 86400, p.lifetimeSeconds ?? 86400);
    sa.chosen = { ...p, lifetimeSeconds: lifetime };
    sa.suite = { provider: engine.provider, hash: p.hash, cipher: p.cipher };
    engine.emit(sa, { kind: 'ike.proposal', phase: 1, stage: 'accepted', source: 'peer', proposal: prop.number, transform: t.number, attrs: p1Attrs(sa.chosen, auth), policy: `priority ${p.priority ?? i + 1}` });
    return { ok: true, value: { ...offer, proposals: [{ ...prop, transforms: [t] }] } };
  }
  const top = policies[0];
  for (const { t, o } of offers) {
    const why = top ? p1Mismatch(o, top, auth) : undefined;
    engine.emit(sa, {
      kind: 'ike.proposal',
      phase: 1,
      stage: 'rejected',
      source: 'peer',
      proposal: prop.number,
      transform: t.number,
      attrs: p1Attrs(o, o.auth ?? false),
      ...(why ? { reason: why } : { reason: { text: 'no ISAKMP policy configured' } }),
      ...(top ? { policy: `priority ${top.priority ?? 1}` } : {}),
    });
  }
  return { ok: false, reason: 'proposal', text: 'no phase-1 proposal matched a local ISAKMP policy', notify: 'NO_PROPOSAL_CHOSEN' };
}

type Offered = { readonly t: SaPayload['proposals'][number]['transforms'][number]; readonly o: ReturnType<typeof readP1Transform> };

/** The responder's policies by priority, each against every offered transform: the first match wins. */
function firstMatch(policies: readonly IkeProposal[], offers: readonly Offered[], auth: number): (Offered & { readonly i: number; readonly p: IkeProposal }) | undefined {
  for (const [i, p] of policies.entries()) {
    for (const offered of offers) if (!p1Mismatch(offered.o, p, auth)) return { ...offered, i, p };
  }
  return undefined;
}

/** Would `choosePhase1` accept this MM1/AM1 SA payload? (No events, no SA changes: the table's `no-proposal-chosen` guard.) */
export function phase1Acceptable(engine: Ikev1Engine, offer: SaPayload | undefined): boolean {
  const prop = offer?.proposals[0];
  if (!offer || offer.proposals.length !== 1 || !prop || prop.protocol !== 1) return false;
  return firstMatch(orderedIke(engine.policy), prop.transforms.map((t) => ({ t, o: readP1Transform(t) })), authMethod(engine.policy, 'responder')) !== undefined;
}

/** The initiator reads the responder's choice: one transform, one of ours. */
export function acceptPhase1(engine: Ikev1Engine, sa: IsakmpSa, reply: SaPayload): Outcome<IkeProposal> {
  const t = reply.proposals[0]?.transforms[0];
  if (reply.proposals.length !== 1 || reply.proposals[0]!.transforms.length !== 1 || !t) return { ok: false, reason: 'proposal', text: 'MM2 must carry exactly one transform' };
  const o = readP1Transform(t);
  const auth = authMethod(engine.policy, sa.role);
  const mine = orderedIke(engine.policy).find((p) => !p1Mismatch(o, p, auth));
  if (!mine) return { ok: false, reason: 'proposal', text: 'the responder chose a transform we did not offer' };
  sa.chosen = { ...mine, ...(o.lifetimeSeconds !== undefined ? { lifetimeSeconds: o.lifetimeSeconds } : {}) };
  sa.suite = { provider: engine.provider, hash: mine.hash, cipher: mine.cipher };
  engine.emit(sa, { kind: 'ike.proposal', phase: 1, stage: 'accepted', source: 'local', proposal: reply.proposals[0]!.number, transform: t.number, attrs: p1Attrs(sa.chosen, auth) });
  return { ok: true, value: mine };
}

export function nonce(engine: Ikev1Engine): Uint8Array {
  return engine.rng.bytes(20);
}

export function dhKey(provider: CryptoProvider, group: number): ReturnType<CryptoProvider['dhGenerateKey']> {
  return provider.dhGenerateKey(group as DhGroupId);
}

/** g^xy and the phase-1 keys and IV chain, once both KE and nonces are known. */
export function deriveKeys(engine: Ikev1Engine, sa: IsakmpSa, peerKe: Uint8Array): Outcome<void> {
  const suite = sa.suite!;
  try {
    sa.gxy = engine.provider.dhComputeSecret(sa.chosen!.group, sa.dh!.privateKey, peerKe);
  } catch (e) {
    if (e instanceof DhError || e instanceof RangeError) return { ok: false, reason: 'malformed', text: `unusable KE: ${(e as Error).message}`, notify: 'INVALID_KEY_INFORMATION' };
    throw e;
  }
  sa.keys = derivePhase1KeysPsk({ ...suite, preSharedKey: pskBytes(engine.policy), niB: sa.ni!, nrB: sa.nr!, gxy: sa.gxy, ckyI: sa.icookie, ckyR: sa.rcookie });
  sa.iv = new IvChain(suite, phase1Iv(suite, sa.gxi!, sa.gxr!));
  return { ok: true, value: undefined };
}

/** Our phase-1 identity (identity.ts): `policy.identity`, else ID_IPV4_ADDR, UDP 500. */
export function ownId(engine: Ikev1Engine): IdPayload {
  return ownIdentity(engine.policy);
}

function hashInput(sa: IsakmpSa) {
  return { gxi: sa.gxi!, gxr: sa.gxr!, ckyI: sa.icookie, ckyR: sa.rcookie, saiB: sa.saiB! };
}

export function authPayloads(sa: IsakmpSa, id: IdPayload): Payload[] {
  const body = encodePayloadBody(id);
  const h = sa.role === 'initiator' ? hashI(sa.suite!, sa.keys!.skeyid, { ...hashInput(sa), idiiB: body }) : hashR(sa.suite!, sa.keys!.skeyid, { ...hashInput(sa), idirB: body });
  return [id, { type: 'HASH', data: h }];
}

/** Verifies the peer's HASH_I (we are responder) or HASH_R (we are initiator) over its ID payload. */
export function verifyPeerHash(sa: IsakmpSa, id: IdPayload, hash: Uint8Array): boolean {
  const body = encodePayloadBody(id);
  const expected = sa.role === 'responder' ? hashI(sa.suite!, sa.keys!.skeyid, { ...hashInput(sa), idiiB: body }) : hashR(sa.suite!, sa.keys!.skeyid, { ...hashInput(sa), idirB: body });
  return hashMatches(expected, hash);
}
