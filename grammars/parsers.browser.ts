// The generated parsers for the page's bundle (scripts/build-page.mjs puts this module in place of
// parsers.ts): the ES modules as they are, with no code cache (that needs Node's `vm`).
import type { CodeCacheStatus } from './parsers.js';

export * as envelopeParser from './_generated/envelope.js';
export * as probeParser from './_generated/envelope.probe.js';
export * as iosParser from './_generated/ios.js';
export * as asaParser from './_generated/asa.js';
export * as strongswanParser from './_generated/strongswan.js';
export * as showParser from './_generated/show.js';
export * as consoleParser from './_generated/console.js';

export function saveCodeCache(): void {}

export function codeCacheStatus(): Readonly<Record<string, CodeCacheStatus>> {
  return {};
}
