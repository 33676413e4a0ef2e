/**
 * What runs between phase 1 and Quick Mode, in the order the devices use (Cisco IOS hub with VPN
 * clients, strongSwan XAuth + Mode Config): phase 1 → XAUTH (when the server's policy has users) →
 * Mode-Config (the client pulls, or the server pushes) → Quick Mode, the client's proxy being the
 * address it was given.
 */
import type { Ikev1Engine } from './engine.js';
import type { IsakmpSa } from './sa.js';

/** Phase 1 is complete: starts XAUTH or Mode-Config when the policy asks; false = nothing to do (Quick Mode may start). */
export function afterPhase1(engine: Ikev1Engine, sa: IsakmpSa): boolean {
  const p = engine.policy;
  if (p.xauthUsers?.length) return engine.startTransaction(sa, 'xauth', 'XAUTH-REQ');
  if (p.modeConfig?.mode === 'push') return engine.startTransaction(sa, 'cfg-push', 'CFG-SET');
  // an XAUTH client waits for the server's request
  if (p.xauth) return true;
  return clientConfig(engine, sa);
}

/** XAUTH succeeded: the server pushes its configuration, the client pulls (or waits for the push), else the SA is ready (phase1Done: DPD, Quick Mode). */
export function afterXauth(engine: Ikev1Engine, sa: IsakmpSa, server: boolean): void {
  if (server ? engine.policy.modeConfig?.mode === 'push' && engine.startTransaction(sa, 'cfg-push', 'CFG-SET') : clientConfig(engine, sa)) return;
  engine.phase1Done(sa);
}

/** Mode-Config is done (the client got its configuration, or the server's SET was acknowledged): the SA is ready (DPD; Quick Mode when we initiate). */
export function afterConfig(engine: Ikev1Engine, sa: IsakmpSa): void {
  engine.phase1Done(sa);
}

/** A Mode-Config client pulls (CFG-REQ) or waits for the server's SET; false when it is no Mode-Config client. */
function clientConfig(engine: Ikev1Engine, sa: IsakmpSa): boolean {
  const c = engine.policy.modeConfigClient;
  if (!c) return false;
  if (c.mode === 'pull') return engine.startTransaction(sa, 'cfg-pull', 'CFG-REQ');
  return true;
}
