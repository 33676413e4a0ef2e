// The rules, registered in one static list. Each lives in its own file and is a pure function
// of one session; the finding IDs are the stable ones of analyzer/model/findings.ts.
import type { Event, Finding } from '../model/index.js';
import type { Session } from '../timeline.js';
import type { ConfigRule, Rule } from './rule.js';
import type { LogRecord } from '../../grammars/index.js';
import { cryptoMapOrder } from './config.crypto_map_order.js';
import { noResponse } from './ike.p1.no_response.js';
import { proposalMismatch } from './ike.p1.proposal_mismatch.js';
import { pskMismatch } from './ike.p1.psk_mismatch.js';
import { noPsk } from './ike.p1.no_psk.js';
import { idMismatch } from './ike.p1.id_mismatch.js';
import { modeMismatch } from './ike.p1.mode_mismatch.js';
import { transformSkipped } from './ike.p1.transform_skipped.js';
import { xauthFailed } from './ike.xauth.failed.js';
import { cfgFailed } from './ike.cfg.failed.js';
import { p2NoResponse } from './ike.p2.no_response.js';
import { p2ProposalMismatch } from './ike.p2.proposal_mismatch.js';
import { pfsMismatch } from './ike.p2.pfs_mismatch.js';
import { proxyMismatch } from './ike.p2.proxy_mismatch.js';
import { p2ModeMismatch } from './ike.p2.mode_mismatch.js';
import { cryptoMapMissing } from './ipsec.crypto_map_missing.js';
import { nattBlocked } from './ike.natt.blocked.js';
import { dpdPeerDead } from './ike.dpd.peer_dead.js';
import { lifetimeLowered } from './ike.lifetime.lowered.js';

export type { ConfigRule, Rule, RuleContext } from './rule.js';

export const RULES: readonly Rule[] = [
  noResponse,
  proposalMismatch,
  pskMismatch,
  noPsk,
  idMismatch,
  modeMismatch,
  transformSkipped,
  xauthFailed,
  cfgFailed,
  p2NoResponse,
  p2ProposalMismatch,
  pfsMismatch,
  proxyMismatch,
  p2ModeMismatch,
  cryptoMapMissing,
  nattBlocked,
  dpdPeerDead,
  lifetimeLowered,
];

/** Rules about the configuration a paste shows rather than a negotiation. */
export const CONFIG_RULES: readonly ConfigRule[] = [cryptoMapOrder];

export function runConfigRules(records: readonly LogRecord[], file: string, lineText: (line: number) => string | undefined): Finding[] {
  return CONFIG_RULES.flatMap((r) => r.check({ records, file, lineText }));
}

export function runRules(session: Session, events: readonly Event[], lineText: (line: number) => string | undefined): Finding[] {
  const ctx = { session, events, lineText };
  return RULES.flatMap((r) => r.check(ctx));
}
