// `ikelens peer --config FILE [--initiate PEER] [--events FILE.jsonl] [--keys FILE] [--for SECONDS]
// [--until established|done|pinged] [--ping ADDRESS [--count N] [--ping-source ADDRESS] [--ping-wait S]] [--seed N]
// [--delete-after S [--delete ipsec|all]] [--check [--show-secrets]]`: a node of the reference engine
// on real UDP sockets, configured like a device (docs/peer-config.md), with an ESP data plane (ESP in
// UDP), printing its ladder live.
// While it runs, SIGUSR1 deletes its IPsec SA pairs and SIGUSR2 its IPsec SAs then its ISAKMP SAs
// (Informational DELETEs, harness/peer/delete.ts); it keeps running after either.
// Exit 0: the goal was reached (and every ping answered); 1: it was not; 2: usage, config or socket
// error (one sentence).
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import type { Event } from '../../analyzer/model/events.js';
import { parseCli } from '../../analyzer/cli/args.js';
import { UsageError } from '../../analyzer/cli/errors.js';
import type { Io } from '../../analyzer/cli/main.js';
import { SystemClock } from '../ikev1/clock.js';
import { compilePeer } from '../peer/compile.js';
import { activeCryptoMap, cryptoMapOrderWarnings } from '../peer/crypto-map.js';
import { loadConfig } from '../peer/config/load.js';
import { configText } from '../peer/config/redact.js';
import { KeyRecorder } from '../peer/keys.js';
import { Ladder, noteLine, summaryLines } from '../peer/ladder.js';
import { PeerNode } from '../peer/node.js';
import { NodeDataPlane } from '../peer/dataplane.js';
import { Ping } from '../peer/ping.js';
import { deleteNow, onDeleteSignals, type DeleteScope } from '../peer/delete.js';
import { showCryptoIpsecSa } from '../esp/index.js';
import { UdpTransport } from '../transport/udp.js';

const OPTIONS = {
  config: { type: 'string' },
  initiate: { type: 'string' },
  events: { type: 'string' },
  keys: { type: 'string' },
  for: { type: 'string' },
  until: { type: 'string' },
  seed: { type: 'string' },
  ping: { type: 'string' },
  count: { type: 'string' },
  'ping-source': { type: 'string' },
  'ping-wait': { type: 'string' },
  'delete-after': { type: 'string' },
  delete: { type: 'string' },
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
  if (until !== undefined && until !== 'established' && until !== 'done' && until !== 'pinged') throw new UsageError(`--until takes established, done or pinged, not "${until}"`);
  if (until === 'pinged' && o.ping === undefined) throw new UsageError('--until pinged needs --ping ADDRESS');
  if (o.ping !== undefined && !isIP(o.ping)) throw new UsageError(`--ping takes an IPv4 or IPv6 address, not "${o.ping}"`);
  if (o['ping-source'] !== undefined && !isIP(o['ping-source'])) throw new UsageError(`--ping-source takes an IPv4 or IPv6 address, not "${o['ping-source']}"`);
  if ((o.count !== undefined || o['ping-source'] !== undefined) && o.ping === undefined) throw new UsageError(`--${o.count !== undefined ? 'count' : 'ping-source'} needs --ping ADDRESS`);
  // a Quick Mode responder installs its SA only on QM3: an initiator's first echo right after QM3 may beat it
  const pingWait = o['ping-wait'] === undefined ? 0 : Number(o['ping-wait']);
  if (!(Number.isFinite(pingWait) && pingWait >= 0 && pingWait <= 60)) throw new UsageError(`--ping-wait takes a number of seconds from 0 to 60, not "${o['ping-wait']}"`);
  if (o['ping-wait'] !== undefined && o.ping === undefined) throw new UsageError('--ping-wait needs --ping ADDRESS');
  const count = o.count === undefined ? 5 : Number(o.count);
  if (!Number.isInteger(count) || count < 1 || count > 65535) throw new UsageError(`--count takes a whole number from 1 to 65535, not "${o.count}"`);
  const seconds = o.for === undefined ? undefined : Number(o.for);
  if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0)) throw new UsageError(`--for takes a number of seconds above 0, not "${o.for}"`);
  const deleteAfter = o['delete-after'] === undefined ? undefined : Number(o['delete-after']);
  if (deleteAfter !== undefined && !(Number.isFinite(deleteAfter) && deleteAfter >= 0 && deleteAfter <= 3600)) throw new UsageError(`--delete-after takes a number of seconds from 0 to 3600, not "${o['delete-after']}"`);
  if (o.delete !== undefined && o.delete !== 'ipsec' && o.delete !== 'all') throw new UsageError(`--delete takes ipsec or all, not "${o.delete}"`);
  if (o.delete !== undefined && deleteAfter === undefined) throw new UsageError('--delete needs --delete-after SECONDS (the signals choose by themselves: SIGUSR1 ipsec, SIGUSR2 all)');
  if (deleteAfter !== undefined && (until === 'established' || until === 'pinged')) throw new UsageError(`--delete-after cannot go with --until ${until}: the peer would stop before it deletes (use --until done)`);
  const deleteWhat: DeleteScope = o.delete === 'ipsec' ? 'ipsec' : 'all';
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
  // the keys of every SA of the run, also those deleted before the end (--keys)
  const keyRecorder = new KeyRecorder();
  const progress = new Progress();
  let stop: (why: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  // --delete-after: armed by the first IPsec SA (by the end of the ping with --ping; its timer), run once
  let deleteTimer: NodeJS.Timeout | undefined;
  let deleteRan = false;
  // deletes one after the other, and finished before the sockets close
  let deleting: Promise<void> = Promise.resolve();
  const runDelete = (what: DeleteScope, trigger: string): Promise<void> => (deleting = deleting.then(() => deleteNow(node, what, trigger, (line) => io.out(line + '\n'))));
  const armDelete = (): void => {
    if (deleteAfter === undefined || deleteTimer !== undefined) return;
    deleteTimer = setTimeout(() => {
      void runDelete(deleteWhat, `--delete-after ${deleteAfter}`).then(() => {
        deleteRan = true;
        checkGoal();
      });
    }, deleteAfter * 1000);
  };
  const goalReached = (): boolean => {
    // done: every negotiation ended, and a delete that an IPsec SA armed (or will arm once the ping ends) has run
    if (until === 'done') return progress.done() && (deleteAfter === undefined || deleteRan || !sawIpsecSa);
    if (until === 'pinged') return ping?.done ?? false;
    const sas = o.initiate !== undefined ? (node.engine(o.initiate)?.childSas() ?? []) : node.childSas();
    return sas.length > 0;
  };
  let reached = false;
  let sawIpsecSa = false;
  const clock = new SystemClock();
  const checkGoal = (): void => {
    if (!reached && goalReached()) {
      reached = true;
      if (until !== undefined) setImmediate(() => stop(`${until === 'done' ? 'every negotiation ended' : until === 'pinged' ? 'the ping ended' : 'established'}`));
    }
  };
  const dataPlane = new NodeDataPlane({
    node: n.name,
    run: `peer-${n.name}`,
    natTPort: transport.ports[1]!,
    now: () => clock.now(),
    send: (d) => transport.send(d),
    onEvent: (e) => node.record(e),
    onEchoReply: (r) => ping?.reply(r),
  });
  const ping =
    o.ping === undefined
      ? undefined
      : new Ping({
          target: o.ping,
          count,
          ...(o['ping-source'] !== undefined ? { source: o['ping-source'] } : {}),
          identifier: seed & 0xffff,
          clock,
          dataPlane,
          onLine: (line) => io.out(line + '\n'),
          onDone: () => {
            armDelete();
            checkGoal();
          },
        });
  const node: PeerNode = new PeerNode({
    config,
    transport,
    clock,
    seed,
    run: `peer-${n.name}`,
    onEngine: (pe) => dataPlane.attach(pe.engine),
    onEsp: (engine, esp, from, to) => dataPlane.receive(engine, esp, from, to),
    onEvent: (e) => {
      if (o.keys !== undefined) keyRecorder.note(node);
      for (const line of ladder.push(e)) io.out(line + '\n');
      if (eventsFd !== undefined) writeSync(eventsFd, JSON.stringify(e) + '\n');
      progress.see(e);
      // the ping starts once an IPsec SA reaches its target (after the event has been handled)
      if (ping && e.kind === 'ipsec.sa') setTimeout(() => ping.startWhenReady((t) => dataPlane.sourceFor(t)), pingWait * 1000);
      if (e.kind === 'ipsec.sa' && e.state === undefined) {
        sawIpsecSa = true;
        if (!ping) setImmediate(armDelete); // after the Quick Mode's last event
      }
      checkGoal();
    },
    onNote: (note) => io.out(noteLine(note) + '\n'),
  });

  const onSignal = (sig: NodeJS.Signals) => stop(sig);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // once stopping, a delete signal is ignored (not its default action, which would end the process)
  let stopping = false;
  const offDeleteSignals = onDeleteSignals((what, sig) => void (stopping || runDelete(what, sig)));
  // the header says the sockets are bound and signals are handled (scripts wait for it)
  const map = activeCryptoMap(config);
  io.out(`ikelens peer: node ${n.name} on ${n.address}, IKE port ${n.ikePort}, NAT-T port ${n.nattPort}${map ? `, crypto map ${map.name}` : ''}, seed ${seed}\n`);
  const timer = seconds === undefined ? undefined : setTimeout(() => stop(`${seconds} s elapsed`), seconds * 1000);
  if (o.initiate !== undefined) node.initiate(o.initiate);

  const why = await stopped;
  if (timer) clearTimeout(timer);
  if (deleteTimer) clearTimeout(deleteTimer);
  stopping = true;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await new Promise((resolve) => setTimeout(resolve, LINGER_MS));
  await deleting;
  for (const line of ladder.flush()) io.out(line + '\n');
  io.out(`\nstopped: ${why}\n`);
  for (const line of summaryLines(node.events)) io.out(line + '\n');
  for (const line of dataPlaneLines(dataPlane)) io.out(line + '\n');
  if (ping && !ping.done) io.out(ping.summary() + '\n');
  if (eventsFd !== undefined) closeSync(eventsFd);
  if (o.keys !== undefined) writeFileSync(o.keys, keyRecorder.text(node));
  await transport.close();
  offDeleteSignals();
  const pinged = !ping || ping.complete;
  if (until === 'done') return reached && progress.failures === 0 && pinged ? 0 : 1;
  return reached && pinged ? 0 : 1;
}

/** The data plane in the summary: totals, then `show crypto ipsec sa` per installed pair. */
function dataPlaneLines(dp: NodeDataPlane): string[] {
  const t = dp.totals();
  const pairs = dp.pairs();
  return [
    `ESP data plane: #pkts encaps ${t.encaps}, #pkts decaps ${t.decaps}, #send errors ${t.sendErrors}, #recv errors ${t.recvErrors} (replay ${t.replayFailures}, verify ${t.icvFailures}, invalid SPI ${t.invalidSpi}), echo requests answered ${dp.echoesAnswered}`,
    ...[...dp.problems].map((p) => `  not sent: ${p}`),
    ...pairs.flatMap((p) => showCryptoIpsecSa(p.inbound, p.outbound).split('\n')),
  ];
}
