/**
 * A phase-1 responder refusing MM1 / AM1 by its own table row (analyzer/model/transitions.ts, guard
 * `no-proposal-chosen`, handler `phase1InI1OutNoProposal`): the engine picks that row instead of
 * `mainInI1OutR1` / `aggrInI1OutR1` when no offered transform matches a local ISAKMP policy.
 *
 * RFC 2408 §5.4, step 3: "If the Security Association Proposal (as described in sections 5.5 and
 * 5.6) is not accepted, then the following actions are taken: (a) The event, INVALID PROPOSAL, MAY
 * be logged in the appropriate system audit file. (b) An Informational Exchange with a Notification
 * payload containing the NO-PROPOSAL-CHOSEN message type MAY be sent to the transmitting entity."
 * The Informational is unprotected (no keys exist yet) with a message ID of its own, as strongSwan
 * and IOS send it; the refusing side's phase 1 ends in P1_FAILED (reason `proposal`).
 */
import { NOTIFY_TYPES } from '../../analyzer/model/registries.js';
import { notify } from '../codec/index.js';
import { first, type Handler } from './handlers.js';
import { choosePhase1 } from './phase1.js';

const phase1InI1OutNoProposal: Handler = ({ engine, sa, payloads }) => {
  // the same choice as mainInI1OutR1 / aggrInI1OutR1: one `ike.proposal` offered and rejected per transform
  const r = choosePhase1(engine, sa, first(payloads, 'SA')!);
  if (r.ok) return { kind: 'fatal', text: 'the no-proposal-chosen row was taken but a proposal matched' };
  return {
    kind: 'ok',
    reply: [notify('NO_PROPOSAL_CHOSEN')],
    after: () => {
      engine.emit(sa, { kind: 'ike.notify', dir: 'out', type: 'NO_PROPOSAL_CHOSEN', number: NOTIFY_TYPES.valueOf('NO_PROPOSAL_CHOSEN'), protocol: 'isakmp' });
      engine.emit(sa, { kind: 'ike.phase', phase: 1, status: 'failed', reason: r.reason, text: r.text, mode: sa.mode });
    },
  };
};

export const PHASE1_REFUSAL_HANDLERS: { readonly [name: string]: Handler } = { phase1InI1OutNoProposal };
