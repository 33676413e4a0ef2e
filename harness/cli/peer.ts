// `ikelens peer --config FILE [--initiate PEER] [--events FILE.jsonl] [--keys FILE] [--for SECONDS]
// [--until established|done] [--seed N] [--check [--show-secrets]]`: a node of the reference engine
// on real UDP sockets, configured like a device (docs/peer-config.md), printing its ladder live.
// Exit 0: the goal was reached; 1: it was not; 2: usage, config or socket error (one sentence).
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import type { Event } from '../../analyzer/model/events.js';
import { parseCli } from '../../analyzer/cli/args.js';
import { UsageError } from '../../analyzer/cli/errors.js';
import type { Io } from '../../analyzer/cli/main.js';
import { SystemClock } from '../ikev1/clock.js';
import { compilePeer } from '../peer/compile.js';
import { activeCryptoMap, cryptoMapOrderWarnings } from '../peer/crypto-map.js';
import { loadConfig } from '../peer/config/load.js';
import { configText } from '../peer/config/redact.js';
import { keysFileText } from '../peer/keys.js';
import { Ladder, noteLine, summaryLines } from '../peer/ladder.js';
import { PeerNode } from '../peer/node.js';
import { UdpTransport } from '../transport/udp.js';

const OPTIONS = {
  config: { type: 'string' },
  initiate: { type: 'string' },
  events: { type: 'string' },
  keys: { type: 'string' },
  for: { type: 'string' },
  until: { type: 'string' },
  seed: { type: 'string' },
  check: { type: 'boolean' },
  'show-secrets': { type: 'boolean' },
} as const;

/** After the goal: time for the last datagram to leave and for the peer's retransmissions to be answered. */
const LINGER_MS = 200;

/** Tracks the phases of the run: what started, what ended and how. */
class Progress {
  private readonly started = new Set<string>();
  private readonly ended = new Set<string>();
  failures = 0;
  phase2Ended = 0;

  see(e: Event): void {
    if (e.kind !== 'ike.phase') return;
    const key = `${e.sa?.conn}/${e.phase}/${e.msgid ?? ''}`;
    if (e.status === 'started') return void this.started.add(key);
    this.ended.add(key);
    if (e.status === 'failed') this.failures++;
    if (e.phase === 2) this.phase2Ended++;
  }

  /** Every negotiation started has ended, and it went as far as Quick Mode or failed. */
  done(): boolean {
    return this.started.size > 0 && [...this.started].every((k) => this.ended.has(k)) && (this.phase2Ended > 0 || this.failures > 0);
  }
}

export async function peerCommand(args: string[], io: Io): Promise<number> {
  const { values: o } = parseCli(args, OPTIONS, 0);
  if (!o.config) throw new UsageError('give the configuration file with --config FILE (see docs/peer-config.md)');
  const until = o.until;
  if (until !== undefined && until !== 'established' && until !== 'done') throw new UsageError(`--until takes established or done, not "${until}"`);
  const seconds = o.for === undefined ? undefined : Number(o.for);
  if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0)) throw new UsageError(`--for takes a number of seconds above 0, not "${o.for}"`);
  const seed = o.seed === undefined ? randomInt(1, 2 ** 31) : Number(o.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed takes a whole number, not "${o.seed}"`);

  const loaded = loadConfig(o.config);
  if (!loaded.ok) {
    for (const e of loaded.errors) io.err(`ikelens peer: ${e}\n`);
    return 2;
  }
  if (o.check) {
    io.out(configText(loaded.raw, o['show-secrets'] ?? false));
    return 0;
  }
  const config = loaded.config;
  for (const w of cryptoMapOrderWarnings(config)) io.err(`ikelens peer: warning: ${o.config}: ${w}\n`);
  if (o.initiate !== undefined) {
    const c = compilePeer(config, { address: o.initiate });
    if (!c.ok || !c.entry) throw new UsageError(`cannot initiate to ${o.initiate}: ${c.ok ? `no static crypto map entry has peer ${o.initiate}` : c.reason}`);
  }

  let eventsFd: number | undefined;
  if (o.events !== undefined) {
    try {
      eventsFd = openSync(o.events, 'w');
    } catch (e) {
      throw new UsageError(`cannot write ${o.events}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  if (o.keys !== undefined) {
    try {
      writeFileSync(o.keys, ''); // fail now, not after the run
    } catch (e) {
      if (eventsFd !== undefined) closeSync(eventsFd);
      throw new UsageError(`cannot write ${o.keys}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const n = config.node;
  let transport: UdpTransport;
  try {
    transport = await UdpTransport.open({ address: n.address, ports: [n.ikePort, n.nattPort] });
  } catch (e) {
    if (eventsFd !== undefined) closeSync(eventsFd);
    throw new UsageError((e as Error).message);
  }

  const ladder = new Ladder();
  const progress = new Progress();
  let stop: (why: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const goalReached = (): boolean => {
    if (until === 'done') return progress.done();
    const sas = o.initiate !== undefined ? (node.engine(o.initiate)?.childSas() ?? []) : node.childSas();
    return sas.length > 0;
  };
  let reached = false;
  const node: PeerNode = new PeerNode({
    config,
    transport,
    clock: new SystemClock(),
    seed,
    run: `peer-${n.name}`,
    onEvent: (e) => {
      for (const line of ladder.push(e)) io.out(line + '\n');
      if (eventsFd !== undefined) writeSync(eventsFd, JSON.stringify(e) + '\n');
      progress.see(e);
      if (!reached && goalReached()) {
        reached = true;
        if (until !== undefined) setImmediate(() => stop(`${until === 'done' ? 'every negotiation ended' : 'established'}`));
      }
    },
    onNote: (note) => io.out(noteLine(note) + '\n'),
  });

  const onSignal = (sig: NodeJS.Signals) => stop(sig);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // the header says the sockets are bound and signals are handled (scripts wait for it)
  const map = activeCryptoMap(config);
  io.out(`ikelens peer: node ${n.name} on ${n.address}, IKE port ${n.ikePort}, NAT-T port ${n.nattPort}${map ? `, crypto map ${map.name}` : ''}, seed ${seed}\n`);
  const timer = seconds === undefined ? undefined : setTimeout(() => stop(`${seconds} s elapsed`), seconds * 1000);
  if (o.initiate !== undefined) node.initiate(o.initiate);

  const why = await stopped;
  if (timer) clearTimeout(timer);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await new Promise((resolve) => setTimeout(resolve, LINGER_MS));
  for (const line of ladder.flush()) io.out(line + '\n');
  io.out(`\nstopped: ${why}\n`);
  for (const line of summaryLines(node.events)) io.out(line + '\n');
  if (eventsFd !== undefined) closeSync(eventsFd);
  if (o.keys !== undefined) writeFileSync(o.keys, keysFileText(node));
  await transport.close();
  if (until === 'done') return reached && progress.failures === 0 ? 0 : 1;
  return reached ? 0 : 1;
}
