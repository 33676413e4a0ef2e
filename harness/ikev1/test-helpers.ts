/** Shared by the engine's tests: two mirrored policies (A 10.0.0.1, B 10.0.0.2) and an engine run read by the analyzer. */
import { expect } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { runRules } from '../../analyzer/rules/index.js';
import type { Event } from '../../analyzer/model/events.js';
import { checkSequence } from '../../analyzer/model/transitions.js';
import type { Policy } from './policy.js';

export const A = '10.0.0.1';
export const B = '10.0.0.2';
export const NET_A = { address: '10.1.0.0/16' };
export const NET_B = { address: '10.2.0.0/16' };

export type Base = Omit<Policy, 'localAddress' | 'peerAddress' | 'proxies'>;

export function policies(a: Base, b: Base = a): { a: Policy; b: Policy } {
  return {
    a: { ...a, localAddress: A, peerAddress: B, proxies: { local: NET_A, remote: NET_B } },
    b: { ...b, localAddress: B, peerAddress: A, proxies: { local: NET_B, remote: NET_A } },
  };
}

/** The one session `correlate` finds in an engine's events, with the ids of the findings `runRules` gives. */
export function session(events: readonly Event[]) {
  const c = correlate(events, 'ikelens-engine');
  expect(c.sessions).toHaveLength(1);
  const s = c.sessions[0]!;
  return { ...s, findings: runRules(s.session, s.events, () => undefined).map((f) => f.id) };
}

/** The error messages of the analyzer's `checkSequence` for one node's whole run (none: every message fits the table). */
export function sequenceErrors(events: readonly Event[]): string[] {
  const s = session(events).session;
  return checkSequence(s.steps.map((x) => ({ label: x.label, dir: x.dir, payloads: x.payloads })), s.role ?? 'initiator')
    .issues.filter((i) => i.severity === 'error')
    .map((i) => i.message);
}
