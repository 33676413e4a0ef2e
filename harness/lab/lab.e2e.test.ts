// The lab itself, as root with the real tools: namespaces with their addresses, processes killed
// by PID, nothing left after destroy, after SIGINT / SIGTERM of the process that built the lab,
// and stale labs of dead runs swept (while a live run's lab is left alone).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labDaemons, requireLab } from '../testing/lab.js';
import { alive, run } from './exec.js';
import { Lab, LAB_PREFIX, labNamespaces, sweepStaleLabs } from './netns.js';

const ready = requireLab();
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the fixture in a child process, waits for `ready`, sends `signal`, returns what it left. */
async function killHoldLab(signal: NodeJS.Signals) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'harness/lab/fixtures/hold-lab.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', () => reject(new Error(`fixture exited early: ${err}`)));
  });
  const [, id, pid] = line.split(' ');
  expect(labNamespaces()).toEqual(expect.arrayContaining([`${id}-i`, `${id}-r`]));
  expect(alive(Number(pid))).toBe(true);
  const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  child.kill(signal);
  return { id: id!, charonPid: Number(pid), code: await code, err };
}

describe.skipIf(!ready)('lab', () => {
  it('builds two namespaces joined by a veth pair, with the outer and inner addresses only inside them, and removes everything', async () => {
    const lab = await Lab.create();
    try {
      expect(lab.i.ns.startsWith(`${LAB_PREFIX}${process.pid}-`)).toBe(true);
      expect(labNamespaces()).toEqual(expect.arrayContaining([lab.i.ns, lab.r.ns]));
      const addrs = await run('ip', ['-n', lab.r.ns, '-o', '-4', 'addr', 'show']);
      expect(addrs.stdout).toMatch(/veth-r\s+inet 10\.99\.0\.2\/24/);
      expect(addrs.stdout).toMatch(/lo\s+inet 10\.99\.2\.1\/32/);
      const host = await run('ip', ['-o', '-4', 'addr', 'show']);
      expect(host.stdout).not.toContain('10.99.');
      const ping = await run('ip', ['netns', 'exec', lab.i.ns, 'ping', '-n', '-c', '1', '-W', '2', lab.r.outer]);
      expect(ping.stdout).toContain('1 received');
    } finally {
      await lab.destroy();
    }
    expect(labNamespaces()).not.toContain(lab.i.ns);
    expect(labNamespaces()).not.toContain(lab.r.ns);
    expect(existsSync(lab.dir)).toBe(false);
  });

  it('kills what runs in it by PID on destroy', async () => {
    const lab = await Lab.create();
    const p = lab.spawn(lab.i, ['sleep', '300'], { log: `${lab.dir}/sleep.log` });
    expect(alive(p.pid)).toBe(true);
    await lab.destroy();
    expect(alive(p.pid)).toBe(false);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s to the process that built the lab: charon and tshark stopped, namespaces deleted', async (signal, exit) => {
    const r = await killHoldLab(signal);
    expect(r.code).toBe(exit);
    expect(r.err).toContain(`${signal}, cleaning up`);
    expect(alive(r.charonPid)).toBe(false);
    expect(labNamespaces().filter((n) => n.startsWith(r.id))).toEqual([]);
    expect(labDaemons(r.id)).toEqual([]);
  }, 30_000);

  it('sweeps the namespaces of a run that died, not those of a live run', async () => {
    const dead = spawnSync('true').pid!; // a PID that has exited
    const stale = `${LAB_PREFIX}${dead}-1stale-i`;
    await run('ip', ['netns', 'add', stale]);
    const sleeper = spawn('ip', ['netns', 'exec', stale, 'sleep', '300'], { stdio: 'ignore' });
    const live = await Lab.create();
    try {
      await new Promise((r) => setTimeout(r, 100));
      // (a concurrent `ikelens interop` in another test file may sweep it first: assert the state, not who swept)
      const swept = sweepStaleLabs();
      expect(swept).not.toContain(live.i.ns);
      expect(labNamespaces()).not.toContain(stale);
      expect(labNamespaces()).toContain(live.i.ns);
      expect(alive(sleeper.pid!)).toBe(false);
    } finally {
      await live.destroy();
    }
  });
});
