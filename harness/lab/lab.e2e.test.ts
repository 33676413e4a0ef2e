// The lab itself, as root with the real tools: namespaces with their addresses, processes killed
// by PID, nothing left after destroy, after SIGINT / SIGTERM of the process that built the lab,
// and stale labs of dead runs swept (while a live run's lab is left alone).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labDaemons, requireLab } from '../testing/lab.js';
import { dissect, startCapture } from './capture.js';
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

  it('with nat: the initiator behind a masquerading router in a third namespace; the responder sees the router\'s public address; nothing left', async () => {
    const lab = await Lab.create({ nat: true });
    const nat = lab.nat!;
    try {
      expect(labNamespaces()).toEqual(expect.arrayContaining([lab.i.ns, nat.ns, lab.r.ns]));
      const addrs = async (ns: string) => (await run('ip', ['-n', ns, '-o', '-4', 'addr', 'show'])).stdout;
      expect(await addrs(lab.i.ns)).toMatch(/veth-i\s+inet 10\.99\.8\.1\/24/);
      expect(await addrs(nat.ns)).toMatch(/veth-ni\s+inet 10\.99\.8\.254\/24[\s\S]*veth-no\s+inet 10\.99\.0\.254\/24/);
      expect(await addrs(lab.r.ns)).toMatch(/veth-r\s+inet 10\.99\.0\.2\/24/);
      expect((await run('ip', ['-o', '-4', 'addr', 'show'])).stdout).not.toContain('10.99.');
      expect(lab.seenAddress(lab.i)).toBe('10.99.0.254');
      expect(lab.seenAddress(lab.r)).toBe('10.99.0.2');
      // the echo crosses the router; on the responder's link it comes from the router's public address
      const file = `${lab.dir}/nat.pcapng`;
      const capture = await startCapture(lab, lab.r, file, 'icmp');
      const ping = await run('ip', ['netns', 'exec', lab.i.ns, 'ping', '-n', '-c', '3', '-i', '0.2', '-W', '2', lab.r.outer]);
      await capture.stop();
      expect(ping.stdout).toContain('3 received');
      const frames = await dissect(file, []);
      const echo = (type: string) => frames.filter((f) => f['icmp.type'][0] === type).map((f) => f['ip.src'][0]);
      // (tshark may lose the last frame when stopped: judge every echo it kept, at least one each way)
      const requests = echo('8');
      expect(requests.length).toBeGreaterThan(0);
      expect(new Set(requests)).toEqual(new Set(['10.99.0.254']));
      expect(new Set(echo('0'))).toEqual(new Set(['10.99.0.2']));
      // and the private subnet is not reachable from the public side (no route: a real NAT)
      const back = await run('ip', ['netns', 'exec', lab.r.ns, 'ping', '-n', '-c', '1', '-W', '1', lab.i.outer]);
      expect(back.code).not.toBe(0);
    } finally {
      await lab.destroy();
    }
    expect(labNamespaces().filter((n) => n.startsWith(lab.id))).toEqual([]);
    expect(existsSync(lab.dir)).toBe(false);
  }, 30_000);

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
