// Scenarios: one JSON file per case in scenarios/. A file holds the two peers' policies — what
// both share under `both`, each side's own values under `initiator` / `responder` — and the
// expected result per side. Loading validates every field and says in one sentence what is wrong.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DH_GROUP_NAMES, type PeerPolicy } from './policy.js';
import type { HeldSas } from './held-sas.js';
import type { DeleteScope } from '../peer/delete.js';

export type Side = 'initiator' | 'responder';

/** What a timeline says about NAT (verdict.ts reads them from its NAT-T state): who NAT-D found behind a NAT, the float to UDP 4500, or NAT-D finding none. */
export const NAT_FACTS = ['local behind NAT', 'peer behind NAT', 'floated to 4500', 'no NAT'] as const;
export type NatFact = (typeof NAT_FACTS)[number];
export const SIDES: readonly Side[] = ['initiator', 'responder'];

export interface SideExpectation {
  /** The analyzer's outcome of this side's IKE SA; `none`: no timeline at all (a silent peer). */
  readonly outcome: 'established' | 'failed' | 'incomplete' | 'none';
  /** Exchange labels in this side's timeline, in order, leaving out INFO, DELETE and DPD (their number depends on teardown timing). */
  readonly labels?: readonly string[];
  /** The error findings the analyzer reports from this side's log, exactly (IDs of docs/findings.md). */
  readonly findings: readonly string[];
  /** The distinct DPD labels this side's timeline shows (`DPD-ACK`, `DPD-R-U-THERE`), when given; with a direction (`DPD-ACK out`) all of them carry one and it is checked too. */
  readonly dpd?: readonly string[];
  /** The DELETE steps of this side's timeline in order, `DELETE in` / `DELETE out`, when given (who removed what at teardown). */
  readonly deletes?: readonly string[];
  /** The SAs this side still holds after the teardown (terminate, then both settled), before it stops, when given: `{ "ike": 0, "child": 0 }`. */
  readonly remaining?: HeldSas;
  /**
   * The labels of every IKE SA of this side's timeline, in order (as `labels`: INFO, DELETE, DPD
   * left out), when given: a second phase 1 (a re-authentication, a rekey) is a second list.
   */
  readonly ikeSas?: readonly (readonly string[])[];
  /** What this side's timeline says about NAT, exactly, when given (NAT_FACTS). */
  readonly nat?: readonly NatFact[];
}

export interface Scenario {
  /** The file name without `.json`. */
  readonly name: string;
  readonly description: string;
  /** The initiator sits behind a masquerading router (the lab's NAT topology, ../lab/nat.ts); default: the two peers on one link. */
  readonly nat?: boolean;
  readonly initiator: PeerPolicy;
  readonly responder: PeerPolicy;
  readonly expect: {
    readonly initiator: SideExpectation;
    readonly responder: SideExpectation;
    /** ICMP echo through the tunnel: initiator → responder's inner host, and responder → initiator's inner host or virtual IP. */
    readonly ping: boolean;
    /**
     * Encrypted IKE messages tshark cannot decrypt even with their sender's keys (default 0). After a PSK
     * mismatch the responder encrypts its PAYLOAD_MALFORMED notify with an IV from a phase 1 that never
     * completed on its side, which tshark (following the wire) does not reproduce.
     */
    readonly undecryptable?: number;
    /** Seconds the tunnel stays up after the first pings, then the pings again (a rekey or DPD in between). */
    readonly holdS?: number;
    /** This side is gone (its namespace drops UDP 500/4500 in and out) after the first pings, for the hold: DPD declares its peer dead. */
    readonly silence?: Side;
    /** Who deletes its SAs at the teardown (`terminate`; default the initiator). */
    readonly terminateBy?: Side;
    /** What it deletes: `all` (IPsec SAs then the IKE SA, the default) or `ipsec` (the CHILD_SAs only). */
    readonly terminateWhat?: DeleteScope;
    /**
     * With holdS: the ESP packets captured from the pings after the hold carry exactly the two SPIs
     * of the last Quick Mode in the initiator's timeline (after a phase-2 rekey: the new pair, both ways).
     */
    readonly newSasAfterHold?: boolean;
    /** With `nat`: NAT keepalives (0xFF on UDP 4500) from the initiator behind the NAT are on the wire (set `natKeepaliveS` below the hold). */
    readonly natKeepalives?: boolean;
  };
}

/** The optional scenario-wide expectations, each validated in parseScenario and copied when given (in this order). */
const OPTIONAL_EXPECT = ['undecryptable', 'holdS', 'silence', 'natKeepalives', 'terminateBy', 'terminateWhat', 'newSasAfterHold'] as const;

export class ScenarioError extends Error {}

export const SCENARIO_DIR = fileURLToPath(new URL('./scenarios/', import.meta.url)).replace(/\/dist\/harness\//, '/harness/');

const OUTCOMES = ['established', 'failed', 'incomplete', 'none'];

const KINDS = ['strongswan', 'reference', 'silent'];
const ENCRYPTIONS = ['aes128', 'aes192', 'aes256', '3des'];
const HASHES = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function policy(name: string, side: Side, raw: Json): PeerPolicy {
  const where = `${name}: ${side}`;
  const fail = (what: string) => {
    throw new ScenarioError(`${where}: ${what}`);
  };
  if (!KINDS.includes(raw.kind as string)) fail(`kind must be one of ${KINDS.join(', ')}`);
  if (raw.mode !== 'main' && raw.mode !== 'aggressive') fail('mode must be "main" or "aggressive"');
  if (typeof raw.psk !== 'string' || !raw.psk) fail('psk must be a non-empty string');
  if (!Array.isArray(raw.ike) || !raw.ike.length) fail('ike must be a non-empty list of proposals');
  for (const p of raw.ike as Json[]) {
    if (!ENCRYPTIONS.includes(p.encryption as string) || !HASHES.includes(p.hash as string) || !DH_GROUP_NAMES[p.group as number])
      fail(`ike proposal ${JSON.stringify(p)} needs encryption (${ENCRYPTIONS.join('/')}), hash (${HASHES.join('/')}) and a known group`);
  }
  if (!Array.isArray(raw.esp) || !raw.esp.length) fail('esp must be a non-empty list of proposals');
  for (const p of raw.esp as Json[]) {
    if (!ENCRYPTIONS.includes(p.encryption as string) || !HASHES.includes(p.integrity as string)) fail(`esp proposal ${JSON.stringify(p)} needs encryption and integrity`);
  }
  if (raw.pfsGroup !== null && !DH_GROUP_NAMES[raw.pfsGroup as number]) fail('pfsGroup must be a known DH group or null');
  for (const k of ['id', 'peerId', 'localTs', 'remoteTs'])
    if (raw[k] !== undefined && typeof raw[k] !== 'string') fail(`${k} must be a string`);
  if (raw.encap !== undefined && typeof raw.encap !== 'boolean') fail('encap must be true or false');
  if (raw.xauth !== undefined && (!isObject(raw.xauth) || typeof raw.xauth.user !== 'string' || typeof raw.xauth.password !== 'string')) fail('xauth needs user and password');
  if (raw.modeConfig !== undefined && (!isObject(raw.modeConfig) || !(raw.modeConfig.requestAddress === true || typeof raw.modeConfig.pool === 'string')))
    fail('modeConfig is { "requestAddress": true } (client) or { "pool": "a.b.c.d/n" } (server)');
  if (raw.childRekeyS !== undefined && (raw.kind !== 'strongswan' || !Number.isInteger(raw.childRekeyS) || (raw.childRekeyS as number) < 5))
    fail('childRekeyS is a strongSwan child rekey time, a whole number of seconds >= 5');
  if (raw.ikeRekeyS !== undefined && (raw.kind !== 'strongswan' || !Number.isInteger(raw.ikeRekeyS) || (raw.ikeRekeyS as number) < 5))
    fail('ikeRekeyS is a strongSwan IKE_SA rekey (IKEv1: re-authentication) time, a whole number of seconds >= 5');
  if (raw.ikeOverS !== undefined && (raw.ikeRekeyS === undefined || !Number.isInteger(raw.ikeOverS) || (raw.ikeOverS as number) < 1))
    fail('ikeOverS is the strongSwan IKE_SA over_time after ikeRekeyS, a whole number of seconds >= 1');
  for (const k of ['ikeLifetimeS', 'ipsecLifetimeS'])
    if (raw[k] !== undefined && (raw.kind !== 'reference' || !Number.isInteger(raw[k]) || (raw[k] as number) < 10 || (raw[k] as number) > 86400))
      fail(`${k} is a reference engine lifetime, a whole number of seconds from 10 to 86400`);
  if (raw.dpdS !== undefined && !(Number.isInteger(raw.dpdS) && (raw.dpdS as number) >= 10)) fail('dpdS is the DPD idle time, a whole number of seconds >= 10');
  if (raw.natKeepaliveS !== undefined && !(Number.isInteger(raw.natKeepaliveS) && (raw.natKeepaliveS as number) >= 5)) fail('natKeepaliveS is the NAT keepalive interval, a whole number of seconds >= 5');
  return raw as unknown as PeerPolicy;
}

function expectation(name: string, side: Side, raw: unknown): SideExpectation {
  if (!isObject(raw)) throw new ScenarioError(`${name}: expect.${side} is missing`);
  if (!OUTCOMES.includes(raw.outcome as string)) throw new ScenarioError(`${name}: expect.${side}.outcome must be one of ${OUTCOMES.join(', ')}`);
  if (!Array.isArray(raw.findings) || raw.findings.some((f) => typeof f !== 'string')) throw new ScenarioError(`${name}: expect.${side}.findings must be a list of finding IDs`);
  if (raw.labels !== undefined && (!Array.isArray(raw.labels) || raw.labels.some((l) => typeof l !== 'string'))) throw new ScenarioError(`${name}: expect.${side}.labels must be a list of labels`);
  if (raw.dpd !== undefined && (!Array.isArray(raw.dpd) || raw.dpd.some((l) => typeof l !== 'string' || !l.startsWith('DPD-')))) throw new ScenarioError(`${name}: expect.${side}.dpd must be a list of DPD labels`);
  if (raw.dpd !== undefined && new Set((raw.dpd as string[]).map((l) => / (in|out)$/.test(l))).size > 1) throw new ScenarioError(`${name}: expect.${side}.dpd gives a direction (in / out) to all labels or to none`);
  if (raw.deletes !== undefined && (!Array.isArray(raw.deletes) || raw.deletes.some((l) => l !== 'DELETE in' && l !== 'DELETE out'))) throw new ScenarioError(`${name}: expect.${side}.deletes must be a list of "DELETE in" / "DELETE out"`);
  const count = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  if (raw.remaining !== undefined && !(isObject(raw.remaining) && count(raw.remaining.ike) && count(raw.remaining.child) && Object.keys(raw.remaining).length === 2))
    throw new ScenarioError(`${name}: expect.${side}.remaining must be { "ike": N, "child": N } (the SAs it still holds after the teardown)`);
  if (raw.ikeSas !== undefined && (!Array.isArray(raw.ikeSas) || !raw.ikeSas.length || raw.ikeSas.some((l) => !Array.isArray(l) || l.some((x) => typeof x !== 'string'))))
    throw new ScenarioError(`${name}: expect.${side}.ikeSas must be a non-empty list of label lists, one per IKE SA`);
  if (raw.nat !== undefined && (!Array.isArray(raw.nat) || raw.nat.some((l) => !(NAT_FACTS as readonly unknown[]).includes(l)))) throw new ScenarioError(`${name}: expect.${side}.nat must be a list of ${NAT_FACTS.map((w) => `"${w}"`).join(', ')}`);
  return raw as unknown as SideExpectation;
}

/** A scenario from its JSON text; `name` is the file name without `.json`. */
export function parseScenario(name: string, text: string): Scenario {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(`${name}: not JSON (${(e as Error).message})`);
  }
  if (!isObject(doc)) throw new ScenarioError(`${name}: a scenario is a JSON object`);
  const both = isObject(doc.both) ? doc.both : {};
  const side = (s: Side) => policy(name, s, { ...both, ...(isObject(doc[s]) ? doc[s] : {}) });
  const ex = doc.expect;
  if (!isObject(ex)) throw new ScenarioError(`${name}: expect is missing`);
  if (typeof ex.ping !== 'boolean') throw new ScenarioError(`${name}: expect.ping must be true or false`);
  if (ex.undecryptable !== undefined && !(Number.isInteger(ex.undecryptable) && (ex.undecryptable as number) >= 0)) throw new ScenarioError(`${name}: expect.undecryptable must be a count`);
  if (ex.holdS !== undefined && !(Number.isInteger(ex.holdS) && (ex.holdS as number) > 0 && ex.ping === true)) throw new ScenarioError(`${name}: expect.holdS must be a number of seconds, with ping true`);
  if (ex.silence !== undefined && !(SIDES.includes(ex.silence as Side) && ex.holdS !== undefined)) throw new ScenarioError(`${name}: expect.silence must be "initiator" or "responder", with holdS`);
  if (ex.terminateBy !== undefined && !SIDES.includes(ex.terminateBy as Side)) throw new ScenarioError(`${name}: expect.terminateBy must be "initiator" or "responder"`);
  if (ex.terminateWhat !== undefined && ex.terminateWhat !== 'all' && ex.terminateWhat !== 'ipsec') throw new ScenarioError(`${name}: expect.terminateWhat must be "all" or "ipsec"`);
  if (ex.newSasAfterHold !== undefined && !(ex.newSasAfterHold === true && ex.holdS !== undefined && ex.silence === undefined)) throw new ScenarioError(`${name}: expect.newSasAfterHold must be true, with holdS and without silence`);
  if (ex.natKeepalives !== undefined && !(typeof ex.natKeepalives === 'boolean' && doc.nat === true)) throw new ScenarioError(`${name}: expect.natKeepalives must be true or false, with nat true`);
  if (typeof doc.description !== 'string') throw new ScenarioError(`${name}: description is missing`);
  if (doc.nat !== undefined && typeof doc.nat !== 'boolean') throw new ScenarioError(`${name}: nat must be true or false`);
  return {
    name,
    description: doc.description,
    ...(doc.nat !== undefined ? { nat: doc.nat } : {}),
    initiator: side('initiator'),
    responder: side('responder'),
    expect: { initiator: expectation(name, 'initiator', ex.initiator), responder: expectation(name, 'responder', ex.responder), ping: ex.ping, ...Object.fromEntries(OPTIONAL_EXPECT.filter((k) => ex[k] !== undefined).map((k) => [k, ex[k]])) },
  };
}

/** Every scenario in `dir` (sorted by name), or those whose name contains / matches `filter`. */
export function loadScenarios(dir = SCENARIO_DIR, filter?: string): Scenario[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const all = files.map((f) => parseScenario(basename(f, '.json'), readFileSync(join(dir, f), 'utf8')));
  return filter ? all.filter((s) => matchesFilter(s.name, filter)) : all;
}

/** `--filter`: a substring, or a glob with `*` (e.g. `mm-*-3des*`). */
export function matchesFilter(name: string, filter: string): boolean {
  if (!filter.includes('*')) return name.includes(filter);
  const re = new RegExp(`^${filter.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}
