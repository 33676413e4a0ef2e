/**
 * harness/crypto: the IKEv1 crypto layer (see README.md). Node-only entry point: it
 * includes the node:crypto provider. Browser code imports `noble.ts` directly.
 */
export * from './bytes.js';
export * from './provider.js';
export * from './groups.js';
export { nobleProvider } from './noble.js';
export { nodeProvider } from './node.js';
export * from './ikev1-keys.js';
export * from './wireshark.js';
export { desCbcEncrypt, desCbcDecrypt } from './des.js';
export { modPow } from './dh-common.js';

import { nobleProvider } from './noble.js';
import { nodeProvider } from './node.js';
import type { CryptoProvider } from './provider.js';

/** A provider by name; `node` is the default in Node (fast path), `noble` is portable. */
export function getProvider(name: 'noble' | 'node' = 'node'): CryptoProvider {
  return name === 'noble' ? nobleProvider : nodeProvider;
}
