/** harness/ikev1 — the table-driven IKEv1 reference engine. See README.md. */
export { Ikev1Engine, type EngineOptions, type EventBody } from './engine.js';
export { HANDLERS, type Handler, type HandlerContext, type HandlerResult } from './handlers.js';
export { FakeClock, SystemClock, type Clock } from './clock.js';
export { MemoryNetwork, type Datagram, type NetworkOptions } from './network.js';
export { Rng } from './rng.js';
export { payloadInfo, idValue } from './payload-info.js';
export type { Policy, NattVersionName, IkeProposal, EspProposal, EspCipher, EspIntegrity, ProxySpec } from './policy.js';
export type { ChildSa, IsakmpSa, QuickExchange, SaKeys } from './sa.js';
export { pair, type Pair, type PairOptions } from './pair.js';
export { espInput, espDatagram, espPacket } from './esp.js';
export { Nat, type NatOptions, type NatForward } from './nat.js';
export { NATT_VERSIONS, nattContributor, natdHash, natDetected, type NattState, type NattVersion } from './natt.js';
export { DEFAULT_CONTRIBUTORS, vendorIdContributor, type Contributor, type ContributorContext } from './contributors.js';
export { ikeKeyEntries, espKeyEntries } from './wireshark.js';
export { DataPlaneLink } from './dataplane-link.js';
export { Lifetimes, RETRY_FIRST_MS, SOFT_BASE, SOFT_JITTER, softFraction, type ExpiryLevel } from './rekey.js';
export { chooseLifetime, readLifetime, lifetimeAttributes, type Lifetime } from './lifetime.js';
