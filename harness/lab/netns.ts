// The lab: two network namespaces joined by a veth pair, test addresses only inside them
// (shared/lab/README.md §2.4, §7). Names are unique per run — `ikl-<pid>-<n><rand>-i|r` — so
// two runs (or two workers) never collide, and a namespace whose creating process is gone is
// stale and can be swept. Processes started in a namespace are tracked by PID and killed by
// PID; `destroy` (and the emergency clean-up, see cleanup.ts) leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerUndo } from './cleanup.js';
import { alive, runOk, runSyncQuiet, sleep } from './exec.js';
import { buildNatTopology, LAB_NAT_PLAN, type LabNat } from './nat.js';

/** Every lab namespace name starts with this (the sweeper only touches these). */
export const LAB_PREFIX = 'ikl-';

/** One side of the lab: its namespace, its veth end and its addresses. */
export interface LabNode {
  readonly ns: string;
  readonly iface: string;
  /** Outer address on the veth (the IKE endpoint). */
  readonly outer: string;
  /** The inner host on `lo` (this kernel has no dummy interfaces), and its protected subnet. */
  readonly inner: string;
  readonly innerNet: string;
}

/** The fixed plan: the same addresses in every lab (namespaces keep them apart). */
export const LAB_PLAN = {
  i: { iface: 'veth-i', outer: '10.99.0.1', inner: '10.99.1.1', innerNet: '10.99.1.0/24' },
  r: { iface: 'veth-r', outer: '10.99.0.2', inner: '10.99.2.1', innerNet: '10.99.2.0/24' },
} as const;

export interface SpawnOptions {
  /** File that receives stdout and stderr. */
  readonly log: string;
  /** Bind this directory over /run inside the command's mount namespace (charon's PID file is compiled in as /run/charon.pid). */
  readonly privateRun?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface LabProcess {
  readonly pid: number;
  readonly exited: Promise<number | null>;
  /** Signal (default SIGTERM), wait up to `graceMs`, then SIGKILL. Safe to call twice. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface LabOptions {
  /** Put the initiator behind a masquerading router in a third namespace (nat.ts); default: the two namespaces joined directly. */
  readonly nat?: boolean;
}

let counter = 0;

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export class Lab {
  readonly id: string;
  /** Work directory of this run (configs, logs, sockets, captures). */
  readonly dir: string;
  readonly i: LabNode;
  readonly r: LabNode;
  /** The router the initiator sits behind (`Lab.create({ nat: true })`), else undefined. */
  readonly nat: LabNat | undefined;
  private readonly processes = new Set<LabProcess>();
  private readonly unregister: () => void;
  private destroyed = false;

  private constructor(id: string, dir: string, opts: LabOptions = {}) {
    this.id = id;
    this.dir = dir;
    this.i = { ns: `${id}-i`, ...(opts.nat ? LAB_NAT_PLAN.i : LAB_PLAN.i) };
    this.r = { ns: `${id}-r`, ...LAB_PLAN.r };
    this.nat = opts.nat ? { ns: `${id}-n`, ...LAB_NAT_PLAN.router } : undefined;
    this.unregister = registerUndo(() => this.destroySync());
  }

  /** Creates both namespaces (and the router's with `nat`), the veth links and the addresses. On failure nothing is left. */
  static async create(opts: LabOptions = {}): Promise<Lab> {
    const id = `${LAB_PREFIX}${process.pid}-${++counter}${randomBytes(2).toString('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), `${id}.`));
    const lab = new Lab(id, dir, opts);
    try {
      await lab.build();
    } catch (e) {
      await lab.destroy();
      throw e;
    }
    return lab;
  }

  private async build(): Promise<void> {
    const { i, r } = this;
    await runOk('ip', ['netns', 'add', i.ns]);
    await runOk('ip', ['netns', 'add', r.ns]);
    if (this.nat) {
      await runOk('ip', ['netns', 'add', this.nat.ns]);
      return buildNatTopology(i, this.nat, r);
    }
    // created directly inside the namespaces: no interface name ever exists on the host
    await runOk('ip', ['link', 'add', i.iface, 'netns', i.ns, 'type', 'veth', 'peer', 'name', r.iface, 'netns', r.ns]);
    for (const n of [i, r]) {
      await runOk('ip', ['-n', n.ns, 'addr', 'add', `${n.outer}/24`, 'dev', n.iface]);
      await runOk('ip', ['-n', n.ns, 'addr', 'add', `${n.inner}/32`, 'dev', 'lo']);
      await runOk('ip', ['-n', n.ns, 'link', 'set', 'lo', 'up']);
      await runOk('ip', ['-n', n.ns, 'link', 'set', n.iface, 'up']);
    }
  }

  /** The address the other side sees `node`'s packets come from: the router's public one for an initiator behind the NAT. */
  seenAddress(node: LabNode): string {
    return node === this.i && this.nat ? this.nat.outside.address : node.outer;
  }

  /** A command in a namespace: `ip netns exec NS sh -c '[mount --bind RUN /run &&] exec env ... argv'`; the PID is the program's own (sh execs it). */
  spawn(node: LabNode, argv: readonly string[], opts: SpawnOptions): LabProcess {
    if (this.destroyed) throw new Error('the lab is already destroyed');
    const env = Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`);
    const exec = `exec ${env.length ? `env ${env.join(' ')} ` : ''}${argv.map(shellQuote).join(' ')}`;
    const script = opts.privateRun ? `mount --bind ${shellQuote(opts.privateRun)} /run && ${exec}` : exec;
    const fd = openSync(opts.log, 'a');
    // own process group: a Ctrl-C on the terminal reaches us, and we stop the daemons in order
    const child = spawn('ip', ['netns', 'exec', node.ns, 'sh', '-c', script], { stdio: ['ignore', fd, fd], detached: true });
    closeSync(fd);
    const pid = child.pid;
    if (pid === undefined) throw new Error(`cannot start ${argv[0]} in ${node.ns}`);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.on('error', () => undefined);
    let done = false;
    void exited.then(() => (done = true));
    const proc: LabProcess = {
      pid,
      exited,
      stop: async (signal = 'SIGTERM', graceMs = 5000) => {
        if (!done) {
          try {
            process.kill(pid, signal);
          } catch {
            // already gone
          }
          const t0 = Date.now();
          while (!done && Date.now() - t0 < graceMs) await sleep(20);
          if (!done) {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // gone meanwhile
            }
            await exited;
          }
        }
        this.processes.delete(proc);
      },
    };
    this.processes.add(proc);
    return proc;
  }

  /** Stops what still runs (by PID), deletes both namespaces and the work directory (unless kept). */
  async destroy(opts: { keepDir?: boolean } = {}): Promise<void> {
    if (this.destroyed) return;
    for (const p of [...this.processes].reverse()) await p.stop();
    this.destroySync(opts);
  }

  private destroySync(opts: { keepDir?: boolean } = {}): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const p of this.processes) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    this.processes.clear();
    for (const ns of [this.i.ns, this.r.ns, ...(this.nat ? [this.nat.ns] : [])]) deleteNamespace(ns);
    if (!opts.keepDir) rmSync(this.dir, { recursive: true, force: true });
    this.unregister();
  }
}

/** Kills what runs inside the namespace (only lab namespaces: processes this lab started), then deletes it. */
function deleteNamespace(ns: string): void {
  if (!ns.startsWith(LAB_PREFIX)) return;
  for (let round = 0; round < 3; round++) {
    const pids = runSyncQuiet('ip', ['netns', 'pids', ns]).stdout.split(/\s+/).filter(Boolean).map(Number);
    if (!pids.length) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    runSyncQuiet('sleep', ['0.1']);
  }
  runSyncQuiet('ip', ['netns', 'del', ns]);
}

/** Lab namespaces that exist now (all of them, any run). */
export function labNamespaces(): string[] {
  return runSyncQuiet('ip', ['netns', 'list'])
    .stdout.split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith(LAB_PREFIX));
}

/**
 * Deletes stale lab namespaces: those whose creating process (the PID in the name) is gone, left
 * by a run that was killed with SIGKILL. Namespaces of live runs are left alone. Returns the names swept.
 */
export function sweepStaleLabs(): string[] {
  const swept: string[] = [];
  for (const ns of labNamespaces()) {
    const pid = Number(/^ikl-(\d+)-/.exec(ns)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) continue;
    deleteNamespace(ns);
    swept.push(ns);
  }
  return swept;
}

/** A directory inside the lab's work directory. */
export function labSubdir(lab: Lab, name: string): string {
  const d = join(lab.dir, name);
  mkdirSync(d, { recursive: true });
  return d;
}
