// `ikelens peer` as a user runs it: the built bin/ikelens.js (npm test builds first) in child
// processes on 127.0.0.1, real UDP sockets on free ports, exit codes, one-sentence errors, the
// events JSONL read back through the analyzer's correlate.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { runRules } from '../../analyzer/rules/index.js';
import type { Event } from '../../analyzer/model/events.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ikelens-peer-'));
const env = { ...process.env, NO_COLOR: '1' };

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

function runSync(args: string[]): Run {
  const r = spawnSync(process.execPath, ['bin/ikelens.js', ...args], { cwd: root, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts a process; `ready` resolves when its stdout shows `text`; `done` when it exits. */
function start(args: string[], readyText = 'ikelens peer: node') {
  const child = spawn(process.execPath, ['bin/ikelens.js', ...args], { cwd: root, env });
  let out = '';
  let err = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes(readyText)) markReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  return { child, ready, done };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const held: Socket[] = [];
afterEach(() => {
  for (const s of held.splice(0)) s.close();
});

/** Free UDP ports on 127.0.0.1 (bound and released; the kernel does not hand them out again at once). */
async function freePorts(n: number): Promise<number[]> {
  const sockets = await Promise.all(
    Array.from({ length: n }, () => new Promise<Socket>((resolve) => {
      const s = createSocket('udp4');
      s.bind(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = sockets.map((s) => s.address().port);
  await Promise.all(sockets.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const hubConfig = (ike: number, natt: number) => `node: { name: hub, address: 127.0.0.1, ike-port: ${ike}, natt-port: ${natt} }
isakmp-policies:
  10: { encryption: aes 256, hash: sha256, group: 14 }
  20: { encryption: 3des, group: 2 }
keyrings:
  spokes:
    - { address: 0.0.0.0 0.0.0.0, key: lab-secret-1 }
transform-sets:
  ts: esp-aes esp-sha-hmac
dynamic-maps:
  dyn:
    10: { transform-sets: ts }
crypto-maps:
  vpn:
    65535: { dynamic: dyn }
`;

const spokeConfig = (ike: number, natt: number, hubIke: number) => `node: { name: spoke, address: 127.0.0.1, ike-port: ${ike}, natt-port: ${natt} }
isakmp-policies:
  10: { encryption: aes 256, hash: sha256, group: 14 }
keyrings:
  default:
    - { address: 127.0.0.1, key: lab-secret-1 }
transform-sets:
  ts: esp-aes esp-sha-hmac
access-lists:
  100: [permit ip 10.2.0.0 0.0.255.255 10.1.0.0 0.0.255.255]
crypto-maps:
  vpn:
    10: { peer: "127.0.0.1:${hubIke}", transform-sets: ts, match-address: 100, pfs: 14 }
`;

const labels = (events: readonly Event[]) => {
  const { sessions } = correlate(events, 'ikelens-peer');
  return sessions.map((s) => ({ role: s.session.role, steps: s.session.steps.map((x) => `${x.dir}:${x.label}`), phase1: s.session.phase1.outcome, phase2: s.session.phase2.map((q) => q.outcome) }));
};
const FULL_I = ['out:MM1', 'in:MM2', 'out:MM3', 'in:MM4', 'out:MM5', 'in:MM6', 'out:QM1', 'in:QM2', 'out:QM3'];
const FULL_R = FULL_I.map((l) => (l.startsWith('out') ? l.replace('out', 'in') : l.replace('in', 'out')));

describe('ikelens peer', () => {
  it('two peers on 127.0.0.1: a hub with a dynamic map answers a spoke that initiates; both establish, exit 0, events and keys written', async () => {
    const [hubIke, hubNatt, spIke, spNatt] = (await freePorts(4)) as [number, number, number, number];
    const hubEvents = join(dir, 'hub.jsonl');
    const spokeEvents = join(dir, 'spoke.jsonl');
    const keys = join(dir, 'spoke.keys');
    const hub = start(['peer', '--config', file('hub.yaml', hubConfig(hubIke, hubNatt)), '--until', 'established', '--for', '30', '--events', hubEvents]);
    await hub.ready;
    const spoke = start(['peer', '--config', file('spoke.yaml', spokeConfig(spIke, spNatt, hubIke)), '--initiate', '127.0.0.1', '--until', 'established', '--for', '30', '--events', spokeEvents, '--keys', keys]);
    const [h, s] = await Promise.all([hub.done, spoke.done]);
    expect([h.code, s.code, h.err, s.err]).toEqual([0, 0, '', '']);

    // the live ladder: one line per message with its label, and the summary
    for (const label of ['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6', 'QM1', 'QM2', 'QM3']) expect(s.out).toMatch(new RegExp(`[→←] 127\\.0\\.0\\.1:${hubIke}  ${label} `));
    expect(s.out).toMatch(/→ 127\.0\.0\.1:\d+ {2}QM1 {4}HASH SA NONCE KE ID ID {2}QUICK_I1/);
    expect(s.out).toContain('stopped: established');
    expect(s.out).toMatch(/IKE SA with 127\.0\.0\.1:\d+ \(initiator, main mode\): established at MM6, aes256\/sha256\/group 14/);
    expect(h.out).toMatch(/peer 127\.0\.0\.1: key from keyring spokes, address 0\.0\.0\.0\/0/);
    expect(h.out).toMatch(/Quick Mode [0-9a-f]{8}: established, SPI in [0-9a-f]{8} out [0-9a-f]{8}, aes128 sha1, 10\.1\.0\.0\/16 ↔ 10\.2\.0\.0\/16/);

    // events: JSON lines in the analyzer's vocabulary; correlate labels them as for a device log
    const read = (p: string) => readFileSync(p, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Event);
    const [he, se] = [read(hubEvents), read(spokeEvents)];
    expect(he.map((e) => e.seq)).toEqual(he.map((_, i) => i + 1));
    expect(labels(se)).toEqual([{ role: 'initiator', steps: FULL_I, phase1: 'established', phase2: ['established'] }]);
    expect(labels(he)).toEqual([{ role: 'responder', steps: FULL_R, phase1: 'established', phase2: ['established'] }]);
    // the SPIs the two sides report are mirrored
    const spi = (es: readonly Event[], dir: 'in' | 'out') => es.find((e) => e.kind === 'ipsec.sa' && e.dir === dir)!;
    expect((spi(se, 'in') as { spi: string }).spi).toBe((spi(he, 'out') as { spi: string }).spi);

    // keys: the IKE SA's cookie with its key, and both ESP directions
    const k = readFileSync(keys, 'utf8').split('\n');
    const icookie = se.find((e) => e.sa?.icookie)!.sa!.icookie!;
    expect(k.filter((l) => l.startsWith(`uat:ikev1_decryption_table:${icookie},`))).toHaveLength(1);
    expect(k.filter((l) => l.startsWith('uat:esp_sa:"IPv4","127.0.0.1","127.0.0.1",'))).toHaveLength(2);
  });

  it('--until done with a pre-shared key mismatch: both sides stop when phase 1 has failed, exit 1, and the analyzer finds ike.p1.psk_mismatch', async () => {
    const [hubIke, hubNatt, spIke, spNatt] = (await freePorts(4)) as [number, number, number, number];
    const fast = (cfg: string) => cfg.replace(/natt-port: (\d+) \}/, 'natt-port: $1, retransmit: { initial-ms: 100, retries: 1 }, half-open: 2 }');
    const hubEvents = join(dir, 'hub-psk.jsonl');
    const hub = start(['peer', '--config', file('hub-psk.yaml', fast(hubConfig(hubIke, hubNatt))), '--until', 'done', '--for', '30', '--events', hubEvents]);
    await hub.ready;
    const spoke = start(['peer', '--config', file('spoke-psk.yaml', fast(spokeConfig(spIke, spNatt, hubIke)).replace('key: lab-secret-1', 'key: wrong-secret')), '--initiate', '127.0.0.1', '--until', 'done', '--for', '30']);
    const [h, s] = await Promise.all([hub.done, spoke.done]);
    expect([h.code, s.code]).toEqual([1, 1]);
    expect(h.out).toContain('stopped: every negotiation ended');
    expect(s.out).toContain('stopped: every negotiation ended');
    expect(h.out).toMatch(/phase 1 \(main\) failed: psk/);
    expect(s.out).toMatch(/phase 1 \(main\) failed: no_response/);
    const events = readFileSync(hubEvents, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Event);
    const { sessions } = correlate(events, 'ikelens-peer');
    expect(runRules(sessions[0]!.session, sessions[0]!.events, () => undefined).map((f) => f.id)).toContain('ike.p1.psk_mismatch');
  });

  it('stops cleanly on SIGTERM, saying so; exit 1 when nothing was established', async () => {
    const [ike, natt] = (await freePorts(2)) as [number, number];
    const hub = start(['peer', '--config', file('hub-idle.yaml', hubConfig(ike, natt))]);
    await hub.ready;
    hub.child.kill('SIGTERM');
    const r = await hub.done;
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toContain('stopped: SIGTERM\nno IKE SA\n');
  });

  it('a bad config: exit 2 and one sentence naming the setting, nothing on stdout; --check prints the config with keys redacted', () => {
    const bad = file('bad.yaml', spokeConfig(40000, 40001, 40002).replace('transform-sets: ts, match', 'transform-sets: TS9, match'));
    const r = runSync(['peer', '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`ikelens peer: ${bad}: crypto-maps.vpn.10.transform-sets: "TS9" is not defined\n`);
    expect(r.out).toBe('');
    const ok = runSync(['peer', '--config', file('ok.yaml', spokeConfig(40000, 40001, 40002)), '--check']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('key: ‹redacted›');
    expect(ok.out).not.toContain('lab-secret-1');
  });

  it('a port in use: exit 2 and one sentence', async () => {
    const s = createSocket('udp4');
    held.push(s);
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    const busy = s.address().port;
    const [free] = (await freePorts(1)) as [number];
    const r = runSync(['peer', '--config', file('busy.yaml', hubConfig(busy, free))]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`ikelens peer: cannot bind UDP 127.0.0.1:${busy}: EADDRINUSE\n`);
  });

  it('usage errors are one sentence with exit 2; help lists peer', () => {
    const cfg = file('u.yaml', hubConfig(40010, 40011));
    for (const [args, msg] of [
      [['peer'], /^ikelens peer: give the configuration file with --config FILE \(see docs\/peer-config\.md\)\n$/],
      [['peer', '--config', cfg, '--until', 'forever'], /^ikelens peer: --until takes established or done, not "forever"\n$/],
      [['peer', '--config', cfg, '--for', '0'], /^ikelens peer: --for takes a number of seconds above 0, not "0"\n$/],
      [['peer', '--config', cfg, '--initiate', '10.9.9.9'], /^ikelens peer: cannot initiate to 10\.9\.9\.9: no static crypto map entry has peer 10\.9\.9\.9\n$/],
      [['peer', '--config', join(dir, 'missing.yaml')], /^ikelens peer: cannot read .*missing\.yaml: no such file\n$/],
      [['peer', '--bogus'], /^ikelens peer: Unknown option '--bogus'\n$/],
    ] as const) {
      const r = runSync([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
    }
    const help = runSync(['help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/\n {2}peer --config FILE run the reference IKEv1 engine on UDP sockets/);
  });
});
