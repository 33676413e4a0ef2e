// Test support: a run's data without a lab — each side's record read from a file the way a peer
// observes it, and the result the runner would give (verdict.ts's side checks on what each side
// recorded). Used by the report tests, with corpus strongSwan logs as the two sides.
import { readFileSync } from 'node:fs';
import { analyzeRecords } from '../../analyzer/analyze.js';
import { parseLog } from '../../grammars/index.js';
import type { PeerObservation } from './peer.js';
import { roleOf, type ScenarioResult } from './runner.js';
import { loadScenarios, type Scenario, type Side } from './scenario.js';
import { observeSide, sideChecks } from './verdict.js';

/** A scenario of scenarios/ by name. */
export function scenarioNamed(name: string): Scenario {
  const s = loadScenarios(undefined, name).find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
}

/** What a strongSwan peer observes from its charon log (no key tables, no files). */
export function charonSide(path: string, side: Side): PeerObservation {
  return { analysis: analyzeRecords(parseLog(readFileSync(path, 'utf8')), path, side), keys: { ike: [], esp: [] }, files: [] };
}

/** The result of a run that recorded `obs`, judged by the side checks only (the lab's checks need a lab). */
export function recordedResult(s: Scenario, obs: Partial<Record<Side, PeerObservation>>, ms = 12_345): ScenarioResult {
  const sides = { initiator: observeSide(obs.initiator?.analysis ?? null), responder: observeSide(obs.responder?.analysis ?? null) };
  const checks = [...sideChecks('initiator', s.expect.initiator, sides.initiator), ...sideChecks('responder', s.expect.responder, sides.responder)];
  return { name: s.name, role: roleOf(s), verdict: checks.every((c) => c.ok) ? 'pass' : 'fail', ms, checks, sides };
}
