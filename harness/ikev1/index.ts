/** harness/ikev1 — the table-driven IKEv1 reference engine. See README.md. */
export { Ikev1Engine, type EngineOptions, type EventBody } from './engine.js';
export { HANDLERS, type Handler, type HandlerContext, type HandlerResult } from './handlers.js';
export { FakeClock, SystemClock, type Clock } from './clock.js';
export { MemoryNetwork, type Datagram, type NetworkOptions } from './network.js';
export { Rng } from './rng.js';
export { payloadInfo, idValue } from './payload-info.js';
export type { Policy, IkeProposal, EspProposal, EspCipher, EspIntegrity, ProxySpec } from './policy.js';
export type { ChildSa, IsakmpSa, QuickExchange, SaKeys } from './sa.js';
export { pair, type Pair, type PairOptions } from './pair.js';
export { espInput } from './esp.js';
export { DEFAULT_CONTRIBUTORS, vendorIdContributor, type Contributor, type ContributorContext } from './contributors.js';
export { DataPlaneLink } from './dataplane-link.js';
export { Lifetimes, SOFT_BASE, SOFT_JITTER, softFraction, type ExpiryLevel } from './rekey.js';
export { chooseLifetime, readLifetime, lifetimeAttributes, type Lifetime } from './lifetime.js';
