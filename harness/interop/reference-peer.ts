// The reference engine as a lab peer: `node bin/ikelens.js peer --config FILE --events FILE.jsonl
// --keys FILE` under `ip netns exec` (Lab.spawn), its configuration generated from the scenario's
// policy (reference-config.ts). Its record is its own event stream (JSON lines, written as they
// happen), read by the analyzer's correlate and rules — not a log through a grammar; its key file
// gives the tshark tables. The lab stops it (SIGTERM, then SIGKILL) whatever happens.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogAnalysis } from '../../analyzer/analyze.js';
import { correlate } from '../../analyzer/correlate/index.js';
import { compareFindings, type Event } from '../../analyzer/model/index.js';
import { runRules } from '../../analyzer/rules/index.js';
import { waitQuiet } from '../lab/charon.js';
import { sleep } from '../lab/exec.js';
import { labSubdir, type LabProcess } from '../lab/netns.js';
import type { InitiateResult, Peer, PeerObservation, PeerSetup, PingResult } from './peer.js';
import { poolRange, referenceConfig } from './reference-config.js';
import { readReferenceKeys } from './reference-keys.js';
import { heldFromEvents, type HeldSas } from './held-sas.js';
import { DELETE_SIGNALS, type DeleteScope } from '../peer/delete.js';

/** bin/ikelens.js of this checkout (from harness/interop/ and from dist/harness/interop/). */
export const IKELENS_BIN = fileURLToPath(new URL('../../bin/ikelens.js', import.meta.url)).replace(/\/dist\/bin\//, '/bin/');

/** The analyzer's dialect name for the engine's own events. */
const ENGINE_DIALECT = 'ikelens-engine';

/** Lines of a JSON-lines file that parse (the last one may be cut off by a kill). */
function readEvents(file: string): Event[] {
  if (!existsSync(file)) return [];
  const out: Event[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as Event);
    } catch {
      // a partial last line
    }
  }
  return out;
}

/** The analyzer's view of an event stream, shaped like a log's analysis (no lines: events are the record). */
export function analyzeEvents(events: readonly Event[], file: string, node: string): LogAnalysis {
  const { sessions } = correlate(events, ENGINE_DIALECT);
  const findings = sessions.flatMap((s) => runRules(s.session, s.events, () => undefined)).sort(compareFindings);
  return { file, node, dialects: [ENGINE_DIALECT], coverage: { understood: events.length, total: events.length }, sessions: sessions.map((s) => s.session), findings, events, unparsed: [], lines: [] };
}

/** Echoes per ping, as the runner's system ping sends. */
const PING_COUNT = 3;

const output = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** The signal that makes `ikelens peer` delete each scope (DELETE_SIGNALS the other way round). */
const DELETE_SIGNAL_OF = Object.fromEntries(Object.entries(DELETE_SIGNALS).map(([signal, scope]) => [scope, signal])) as Readonly<Record<DeleteScope, keyof typeof DELETE_SIGNALS>>;

type PhaseState = 'established' | 'failed' | 'pending';

/** Quick Mode as the events tell it: complete, failed (phase 1 or 2), or still going. */
function quickModeState(events: readonly Event[]): PhaseState {
  let state: PhaseState = 'pending';
  for (const e of events) {
    if (e.kind !== 'ike.phase') continue;
    if (e.phase === 2 && e.status === 'complete') return 'established';
    if (e.status === 'failed') state = 'failed';
  }
  return state;
}

export class ReferencePeer implements Peer {
  readonly kind = 'reference';
  readonly side;
  private readonly dir: string;
  private readonly configFile: string;
  private readonly eventsFile: string;
  private readonly keysFile: string;
  private readonly outFile: string;
  private proc: LabProcess | undefined;
  /** A Mode-Config server pings its client's virtual IP: the first address of its pool (the one lease of the run). */
  private readonly pingTarget: string | undefined;

  constructor(private readonly setup: PeerSetup) {
    this.side = setup.side;
    const mc = setup.policy.modeConfig;
    this.pingTarget = setup.pingTarget && mc && 'pool' in mc ? poolRange(mc.pool).from : setup.pingTarget;
    this.dir = labSubdir(setup.lab, setup.side);
    this.configFile = join(this.dir, 'peer.json');
    this.eventsFile = join(this.dir, 'events.jsonl');
    this.keysFile = join(this.dir, 'keys.txt');
    this.outFile = join(this.dir, 'stdout.log');
  }

  private async spawn(extra: readonly string[]): Promise<void> {
    // the engine pings by itself once its IPsec SA is installed (its sockets carry ESP in UDP; the namespace has no route into the tunnel)
    // an initiator waits a second after its SA: charon as responder installs its own only after QM3
    // (the runner waits for that before the system ping for the same reason)
    const wait = this.side === 'initiator' ? ['--ping-wait', '1'] : [];
    const ping = this.pingTarget ? ['--ping', this.pingTarget, '--count', String(PING_COUNT), ...wait] : [];
    const argv = [process.execPath, IKELENS_BIN, 'peer', '--config', this.configFile, '--events', this.eventsFile, '--keys', this.keysFile, ...ping, ...extra];
    this.proc = this.setup.lab.spawn(this.setup.node, argv, { log: this.outFile });
    // the header line says the sockets are bound and signals handled
    const { end, out } = await this.waitOutput(this.proc, (o) => /^ikelens peer: node /m.test(o), 10_000);
    if (end === 'exited') throw new Error(`ikelens peer (${this.side}) exited before binding its sockets: ${out.trim().split('\n').pop() ?? ''}`);
    if (end === 'timeout') throw new Error(`ikelens peer (${this.side}) did not bind its sockets within 10 s`);
  }

  /** Reads its output every 25 ms until `test` holds on it, it exits, or `ms` passed; with the output last read. */
  private async waitOutput(proc: LabProcess, test: (out: string) => boolean, ms: number): Promise<{ readonly end: 'seen' | 'exited' | 'timeout'; readonly out: string }> {
    let exited = false;
    void proc.exited.then(() => (exited = true));
    const t0 = Date.now();
    let out = '';
    while (Date.now() - t0 < ms) {
      out = output(this.outFile);
      if (test(out)) return { end: 'seen', out };
      if (exited) return { end: 'exited', out };
      await sleep(25);
    }
    return { end: 'timeout', out };
  }

  async start(): Promise<void> {
    writeFileSync(this.configFile, JSON.stringify(referenceConfig(this.setup.policy, this.setup.endpoints), null, 2) + '\n');
    // a responder listens from now on; an initiator starts with `--initiate` in initiate()
    if (this.side === 'responder') await this.spawn([]);
  }

  async initiate(timeoutS: number): Promise<InitiateResult> {
    await this.spawn(['--initiate', this.setup.endpoints.remote]);
    const t0 = Date.now();
    let state: PhaseState = 'pending';
    // a failed phase may still be retried by the engine; the verdict reads the whole record later
    while (Date.now() - t0 < timeoutS * 1000 && (state = quickModeState(readEvents(this.eventsFile))) === 'pending') await sleep(50);
    const tail = (existsSync(this.outFile) ? readFileSync(this.outFile, 'utf8') : '').trim().split('\n').slice(-3).join('\n');
    return { ok: state === 'established', output: state === 'pending' ? `no outcome within ${timeoutS} s\n${tail}` : tail };
  }

  async tunnelUp(timeoutMs: number): Promise<boolean> {
    const t0 = Date.now();
    for (;;) {
      if (quickModeState(readEvents(this.eventsFile)) === 'established') return true;
      if (Date.now() - t0 >= timeoutMs) return false;
      await sleep(50);
    }
  }

  async virtualIp(): Promise<string | null> {
    // the address Mode-Config gave it, as its own events record it
    const s = analyzeEvents(readEvents(this.eventsFile), this.eventsFile, this.side).sessions[0];
    return s?.modeConfig?.address ?? null;
  }

  async ping(target: string): Promise<PingResult> {
    const name = `ping ${this.side} → ${target}`;
    if (target !== this.pingTarget) return { name, transmitted: 0, received: 0 };
    // its result line: `ping 10.99.2.1 from 10.99.1.1: 3 transmitted, 3 received` (one echo at a time, 2 s timeout each)
    const line = new RegExp(`^ping ${target.replace(/\./g, '\\.')}(?: from \\S+)?: (\\d+) transmitted, (\\d+) received`, 'm');
    const t0 = Date.now();
    while (Date.now() - t0 < (PING_COUNT * 2 + 4) * 1000) {
      const m = line.exec(output(this.outFile));
      if (m) return { name, transmitted: Number(m[1]), received: Number(m[2]) };
      await sleep(50);
    }
    return { name, transmitted: 0, received: 0 };
  }

  async settle(): Promise<void> {
    await waitQuiet(this.eventsFile);
  }

  async terminate(what: DeleteScope = 'all'): Promise<void> {
    // `ikelens peer` deletes on a signal (SIGUSR1 the IPsec SAs, SIGUSR2 all) and prints `deleted (SIGNAL): …`
    // once its DELETEs are sent and their events written
    const proc = this.proc;
    if (!proc) return;
    const signal = DELETE_SIGNAL_OF[what];
    const done = new RegExp(`^deleted \\(${signal}\\): `, 'gm');
    const count = (out: string) => out.match(done)?.length ?? 0;
    const before = count(output(this.outFile));
    try {
      process.kill(proc.pid, signal);
    } catch {
      return; // gone already: nothing left to delete
    }
    await this.waitOutput(proc, (out) => count(out) > before, 5000);
  }

  async heldSas(): Promise<HeldSas> {
    return heldFromEvents(readEvents(this.eventsFile));
  }

  async stop(): Promise<void> {
    await this.proc?.stop('SIGTERM', 5000);
  }

  async observe(): Promise<PeerObservation> {
    const files = [this.configFile, this.eventsFile, this.keysFile, this.outFile].filter((f) => existsSync(f));
    const events = readEvents(this.eventsFile);
    if (!this.proc) return { analysis: null, keys: { ike: [], esp: [] }, files };
    const keys = existsSync(this.keysFile) ? readReferenceKeys(readFileSync(this.keysFile, 'utf8')) : { ike: [], esp: [] };
    return { analysis: analyzeEvents(events, this.eventsFile, this.side), keys, files };
  }
}
