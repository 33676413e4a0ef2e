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
import { heldFromEvents } from '../interop/held-sas.js';

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
      [['peer', '--config', cfg, '--until', 'forever'], /^ikelens peer: --until takes established, done or pinged, not "forever"\n$/],
      [['peer', '--config', cfg, '--until', 'pinged'], /^ikelens peer: --until pinged needs --ping ADDRESS\n$/],
      [['peer', '--config', cfg, '--ping', '10.1.0.300'], /^ikelens peer: --ping takes an IPv4 or IPv6 address, not "10\.1\.0\.300"\n$/],
      [['peer', '--config', cfg, '--count', '3'], /^ikelens peer: --count needs --ping ADDRESS\n$/],
      [['peer', '--config', cfg, '--ping', '10.1.0.1', '--count', '0'], /^ikelens peer: --count takes a whole number from 1 to 65535, not "0"\n$/],
      [['peer', '--config', cfg, '--ping', '10.1.0.1', '--ping-source', 'me'], /^ikelens peer: --ping-source takes an IPv4 or IPv6 address, not "me"\n$/],
      [['peer', '--config', cfg, '--ping', '10.1.0.1', '--ping-wait', '99'], /^ikelens peer: --ping-wait takes a number of seconds from 0 to 60, not "99"\n$/],
      [['peer', '--config', cfg, '--ping-wait', '1'], /^ikelens peer: --ping-wait needs --ping ADDRESS\n$/],
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

/** Resolves when `text` shows in what the process printed so far (the process keeps running). */
function printed(p: { child: { stdout: NodeJS.ReadableStream } }, text: string | RegExp): Promise<void> {
  return new Promise((resolve) => {
    let out = '';
    const look = (d: Buffer) => {
      out += d.toString();
      if (typeof text === 'string' ? out.includes(text) : text.test(out)) {
        p.child.stdout.off('data', look);
        resolve();
      }
    };
    p.child.stdout.on('data', look);
  });
}

const forced = (cfg: string) => cfg.replace(/natt-port: (\d+) \}/, 'natt-port: $1, nat-traversal: { force: true } }');
const readEvents = (p: string) => readFileSync(p, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Event);

describe('ikelens peer: the data plane', () => {
  it('forced UDP encapsulation: both establish, the spoke pings the hub side and the hub pings the spoke side through the tunnel, every echo answered', async () => {
    const [hubIke, hubNatt, spIke, spNatt] = (await freePorts(4)) as [number, number, number, number];
    const hubEvents = join(dir, 'hub-ping.jsonl');
    const hub = start(['peer', '--config', file('hub-ping.yaml', forced(hubConfig(hubIke, hubNatt))), '--ping', '10.2.0.1', '--count', '3', '--for', '60', '--events', hubEvents]);
    await hub.ready;
    const spokeCfg = forced(spokeConfig(spIke, spNatt, hubIke)).replace('transform-sets: ts,', `peer-natt-port: ${hubNatt}, transform-sets: ts,`);
    const spoke = start(['peer', '--config', file('spoke-ping.yaml', spokeCfg), '--initiate', '127.0.0.1', '--ping', '10.1.0.1', '--count', '3', '--for', '60']);
    await Promise.all([printed(hub, 'ping 10.2.0.1 from 10.1.0.1: 3 transmitted'), printed(spoke, 'ping 10.1.0.1 from 10.2.0.1: 3 transmitted')]);
    spoke.child.kill('SIGTERM');
    hub.child.kill('SIGTERM');
    const [h, s] = await Promise.all([hub.done, spoke.done]);
    expect([h.code, s.code, h.err, s.err]).toEqual([0, 0, '', '']);
    expect(s.out).toContain('ping 10.1.0.1 from 10.2.0.1: 3 transmitted, 3 received');
    expect(h.out).toContain('ping 10.2.0.1 from 10.1.0.1: 3 transmitted, 3 received');
    for (const seq of [1, 2, 3]) expect(s.out).toMatch(new RegExp(`ping 10\\.1\\.0\\.1: reply seq ${seq} from 10\\.1\\.0\\.1, \\d+ ms`));
    // the float to the NAT-T ports, and ESP in UDP on them: 3 requests + 3 replies each way
    expect(s.out).toMatch(new RegExp(`→ 127\\.0\\.0\\.1:${hubNatt} {2}MM5`));
    for (const out of [h.out, s.out]) {
      expect(out).toContain('ESP data plane: #pkts encaps 6, #pkts decaps 6, #send errors 0, #recv errors 0 (replay 0, verify 0, invalid SPI 0), echo requests answered 3');
      expect(out).toContain('in use settings ={Tunnel UDP-Encaps, }');
    }
    expect(s.out).toContain(`current_peer 127.0.0.1 port ${hubNatt}`);
    // the data plane's records in the events; the analyzer still reads one clean session
    const he = readEvents(hubEvents);
    expect(he.filter((e) => e.kind === 'log.line' && e.record === 'peer.echo-request')).toHaveLength(3);
    expect(he.filter((e) => e.kind === 'ipsec.sa' && e.udpEncapsulated)).toHaveLength(2);
    const { sessions } = correlate(he, 'ikelens-peer');
    expect(sessions).toHaveLength(1);
    expect(runRules(sessions[0]!.session, sessions[0]!.events, () => undefined).map((f) => f.id)).toEqual([]);
  });

  it('without encapsulation nothing can be sent (plain ESP needs raw sockets): the ping says why, exit 1', async () => {
    const [hubIke, hubNatt, spIke, spNatt] = (await freePorts(4)) as [number, number, number, number];
    const hub = start(['peer', '--config', file('hub-plain.yaml', hubConfig(hubIke, hubNatt)), '--for', '30']);
    await hub.ready;
    const spoke = start(['peer', '--config', file('spoke-plain.yaml', spokeConfig(spIke, spNatt, hubIke)), '--initiate', '127.0.0.1', '--ping', '10.1.0.1', '--count', '1', '--until', 'pinged', '--for', '30']);
    const s = await spoke.done;
    hub.child.kill('SIGTERM');
    await hub.done;
    expect(s.code).toBe(1);
    expect(s.out).toContain('ping 10.1.0.1: seq 1 not sent: the IPsec SA is not UDP-encapsulated and plain ESP (IP protocol 50) cannot be sent without raw sockets: use nat-traversal: { force: true }');
    expect(s.out).toContain('ping 10.1.0.1 from 10.2.0.1: 1 transmitted, 0 received');
    expect(s.out).toContain('#send errors 1');
  });

  it('XAUTH + Mode-Config: a VPN client authenticates, gets an address from the pool and pings from it; --until pinged', async () => {
    const [hubIke, hubNatt, cIke, cNatt] = (await freePorts(4)) as [number, number, number, number];
    const hubCfg = `node: { name: hub, address: 127.0.0.1, ike-port: ${hubIke}, natt-port: ${hubNatt}, nat-traversal: { force: true } }
isakmp-policies:
  10: { encryption: aes 256, hash: sha256, group: 14 }
tunnel-groups:
  testgroup: { type: remote-access, pre-shared-key: group-secret, address-pool: ippool, group-policy: testgroup }
group-policies:
  testgroup: { dns: [10.1.0.53], domain: lab.example }
address-pools:
  ippool: { from: 10.5.5.1, to: 10.5.5.254, mask: 255.255.255.0 }
xauth-users:
  alice: { password: wonderland }
isakmp-profiles:
  VPNclient: { match: [{ group: testgroup }], xauth: true, mode-config: respond }
transform-sets:
  ts: esp-aes esp-sha-hmac
dynamic-maps:
  dyn:
    10: { transform-sets: ts, isakmp-profile: VPNclient }
crypto-maps:
  vpn:
    65535: { dynamic: dyn }
`;
    const clientCfg = `node: { name: client, address: 127.0.0.1, ike-port: ${cIke}, natt-port: ${cNatt}, nat-traversal: { force: true } }
isakmp-policies:
  10: { encryption: aes 256, hash: sha256, group: 14 }
keyrings:
  hub: [{ address: 127.0.0.1, key: group-secret }]
isakmp-profiles:
  hub:
    match: [{ address: 127.0.0.1 }]
    keyring: hub
    self-identity: { key-id: testgroup }
    xauth-client: { username: alice, password: wonderland }
    mode-config-client: pull
transform-sets:
  ts: esp-aes esp-sha-hmac
access-lists:
  tunnel: [permit ip any any]
crypto-maps:
  vpn:
    10: { peer: "127.0.0.1:${hubIke}", peer-natt-port: ${hubNatt}, transform-sets: ts, match-address: tunnel, isakmp-profile: hub, phase1-mode: aggressive }
`;
    const hubEvents = join(dir, 'hub-ra.jsonl');
    const clientEvents = join(dir, 'client-ra.jsonl');
    const hub = start(['peer', '--config', file('hub-ra.yaml', hubCfg), '--for', '60', '--events', hubEvents]);
    await hub.ready;
    const client = start(['peer', '--config', file('client-ra.yaml', clientCfg), '--initiate', '127.0.0.1', '--ping', '10.1.0.1', '--count', '2', '--until', 'pinged', '--for', '60', '--events', clientEvents]);
    const c = await client.done;
    hub.child.kill('SIGTERM');
    const h = await hub.done;
    expect([c.code, c.err, h.err]).toEqual([0, '', '']);
    expect(c.out).toContain('stopped: the ping ended');
    expect(c.out).toContain('ping 10.1.0.1 from 10.5.5.1: 2 transmitted, 2 received');
    for (const label of ['AM1', 'XAUTH-REQ', 'XAUTH-REPLY', 'XAUTH-SET', 'XAUTH-ACK', 'CFG-REQ', 'CFG-REPLY', 'QM1']) expect(c.out).toMatch(new RegExp(`[→←] 127\\.0\\.0\\.1:\\d+ {2}${label} `));
    expect(h.out).toContain('key from tunnel-group testgroup, ISAKMP profile VPNclient');
    expect(h.out).toContain('echo requests answered 2');
    // the engines' own records: the user (never the password), the address handed out, the SA for it
    const he = readEvents(hubEvents);
    const ce = readEvents(clientEvents);
    expect(he.some((e) => e.kind === 'ike.xauth' && JSON.stringify(e).includes('alice'))).toBe(true);
    expect(readFileSync(hubEvents, 'utf8')).not.toContain('wonderland');
    expect(ce.find((e) => e.kind === 'ike.cfg' && e.dir === 'in')).toMatchObject({ attributes: { address: '10.5.5.1', dns: ['10.1.0.53'], domain: 'lab.example' } });
    expect(ce.find((e) => e.kind === 'ipsec.sa' && e.dir === 'out')).toMatchObject({ local: { address: '10.5.5.1' }, udpEncapsulated: true });
  });

  it('DPD: the survivor of a peer killed with SIGKILL declares it dead; the analyzer finds ike.dpd.peer_dead in its events', async () => {
    const [hubIke, hubNatt, spIke, spNatt] = (await freePorts(4)) as [number, number, number, number];
    const dpd = (cfg: string) => cfg.replace(/natt-port: (\d+) \}/, 'natt-port: $1, dpd: { interval: 10, retry-interval: 2, retries: 1, mode: periodic } }');
    const hubEvents = join(dir, 'hub-dpd.jsonl');
    const hub = start(['peer', '--config', file('hub-dpd.yaml', dpd(hubConfig(hubIke, hubNatt))), '--for', '60', '--events', hubEvents]);
    await hub.ready;
    const spoke = start(['peer', '--config', file('spoke-dpd.yaml', dpd(spokeConfig(spIke, spNatt, hubIke))), '--initiate', '127.0.0.1', '--for', '60']);
    await Promise.all([printed(hub, /phase 2 \(message ID [0-9a-f]{8}\) complete/), printed(spoke, /phase 2 \(message ID [0-9a-f]{8}\) complete/)]);
    spoke.child.kill('SIGKILL');
    await spoke.done;
    await printed(hub, 'phase 1 (main) failed: dpd');
    hub.child.kill('SIGTERM');
    const h = await hub.done;
    expect(h.err).toBe('');
    const events = readEvents(hubEvents);
    // R-U-THERE went out unanswered, then the SA was declared dead
    expect(events.some((e) => e.kind === 'ike.dpd' && e.dir === 'out')).toBe(true);
    const { sessions } = correlate(events, 'ikelens-peer');
    expect(runRules(sessions[0]!.session, sessions[0]!.events, () => undefined).map((f) => f.id)).toContain('ike.dpd.peer_dead');
  }, 40_000);
});

describe('ikelens peer: deleting SAs while it runs', () => {
  const qm = /phase 2 \(message ID [0-9a-f]{8}\) complete/;
  const record = (events: readonly Event[]) => ({ deletes: deletes(events), held: heldFromEvents(events) });
  /** SIGTERM; it exits 0 with nothing on stderr; its events. */
  const stopped = async (p: ReturnType<typeof start>, events: string) => {
    p.child.kill('SIGTERM');
    const r = await p.done;
    expect([r.code, r.err]).toEqual([0, '']);
    return readEvents(events);
  };
  /** Resolves once the events file (written as events happen) shows these deletes and SAs held; the test's timeout bounds the wait. */
  const eventsShow = async (file: string, want: readonly string[], held: { ike: number; child: number }) => {
    const now = () => {
      const events = readEvents(file);
      return JSON.stringify([deletes(events), heldFromEvents(events)]);
    };
    while (now() !== JSON.stringify([want, held])) await new Promise((r) => setTimeout(r, 25));
  };
  const deletes = (events: readonly Event[]) => events.flatMap((e) => (e.kind === 'ike.delete' ? [`${e.dir}:${e.protocol}`] : []));

  it('SIGUSR1 on the spoke deletes its IPsec SAs, SIGUSR2 on the hub its ISAKMP SA; each side removes what the other deleted; the hub keeps running and a new spoke establishes with it', async () => {
    const [hubIke, hubNatt, spIke, spNatt] = (await freePorts(4)) as [number, number, number, number];
    const hubEvents = join(dir, 'hub-del.jsonl');
    const spokeEvents = join(dir, 'spoke-del.jsonl');
    const hub = start(['peer', '--config', file('hub-del.yaml', hubConfig(hubIke, hubNatt)), '--for', '60', '--events', hubEvents]);
    await hub.ready;
    const spokeArgs = ['peer', '--config', file('spoke-del.yaml', spokeConfig(spIke, spNatt, hubIke)), '--initiate', '127.0.0.1', '--for', '60'];
    const spoke = start([...spokeArgs, '--events', spokeEvents]);
    await Promise.all([printed(hub, qm), printed(spoke, qm)]);

    const spokeDeleted = printed(spoke, 'deleted (SIGUSR1): 1 IPsec SA pair\n');
    spoke.child.kill('SIGUSR1');
    // the spoke deleted (its line comes after its events), the hub removed the pair and kept the ISAKMP SA
    await Promise.all([spokeDeleted, eventsShow(hubEvents, ['in:esp'], { ike: 1, child: 0 })]);
    expect(deletes(readEvents(spokeEvents))).toEqual(['out:esp']);
    expect(heldFromEvents(readEvents(spokeEvents))).toEqual({ ike: 1, child: 0 });

    const hubDeleted = printed(hub, 'deleted (SIGUSR2): 1 ISAKMP SA\n');
    hub.child.kill('SIGUSR2');
    await Promise.all([hubDeleted, eventsShow(spokeEvents, ['out:esp', 'in:isakmp'], { ike: 0, child: 0 })]);
    expect(record(await stopped(spoke, spokeEvents))).toEqual({ deletes: ['out:esp', 'in:isakmp'], held: { ike: 0, child: 0 } });

    // the hub still answers: a new spoke process initiates to it and establishes
    const again = await start([...spokeArgs, '--until', 'established']).done;
    expect([again.code, again.err]).toEqual([0, '']);
    const he = await stopped(hub, hubEvents);
    expect(record(he)).toEqual({ deletes: ['in:esp', 'out:isakmp'], held: { ike: 1, child: 1 } });
    const sessions = labels(he);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.steps).toEqual([...FULL_R, 'in:DELETE', 'out:DELETE']);
    expect(sessions[1]).toMatchObject({ steps: FULL_R, phase1: 'established', phase2: ['established'] });
  }, 40_000);

  it('--delete-after 0 with --ping and --until done: the ping first, then the DELETEs (IPsec, then ISAKMP), then the spoke stops, exit 0; the hub holds nothing', async () => {
    const [hubIke, hubNatt, spIke, spNatt] = (await freePorts(4)) as [number, number, number, number];
    const hubEvents = join(dir, 'hub-del-after.jsonl');
    const hub = start(['peer', '--config', file('hub-del-after.yaml', forced(hubConfig(hubIke, hubNatt))), '--for', '60', '--events', hubEvents]);
    await hub.ready;
    const spokeCfg = forced(spokeConfig(spIke, spNatt, hubIke)).replace('transform-sets: ts,', `peer-natt-port: ${hubNatt}, transform-sets: ts,`);
    const s = await start(['peer', '--config', file('spoke-del-after.yaml', spokeCfg), '--initiate', '127.0.0.1', '--ping', '10.1.0.1', '--count', '2', '--delete-after', '0', '--until', 'done', '--for', '30']).done;
    await eventsShow(hubEvents, ['in:esp', 'in:isakmp'], { ike: 0, child: 0 });
    hub.child.kill('SIGTERM');
    const h = await hub.done;
    expect([s.code, s.err, h.err]).toEqual([0, '', '']);
    const pinged = s.out.indexOf('ping 10.1.0.1 from 10.2.0.1: 2 transmitted, 2 received');
    const deleted = s.out.indexOf('deleted (--delete-after 0): 1 IPsec SA pair, 1 ISAKMP SA\n');
    expect(pinged).toBeGreaterThan(0);
    expect(deleted).toBeGreaterThan(pinged);
    expect(s.out.indexOf('stopped: every negotiation ended')).toBeGreaterThan(deleted);
    const he = readEvents(hubEvents);
    expect(deletes(he)).toEqual(['in:esp', 'in:isakmp']);
    expect(heldFromEvents(he)).toEqual({ ike: 0, child: 0 });
  }, 40_000);

  it('usage errors of the delete options: one sentence, exit 2', () => {
    const cfg = file('u-del.yaml', hubConfig(40020, 40021));
    for (const [args, msg] of [
      [['--delete-after', 'soon'], /^ikelens peer: --delete-after takes a number of seconds from 0 to 3600, not "soon"\n$/],
      [['--delete-after', '5', '--delete', 'isakmp'], /^ikelens peer: --delete takes ipsec or all, not "isakmp"\n$/],
      [['--delete', 'ipsec'], /^ikelens peer: --delete needs --delete-after SECONDS \(the signals choose by themselves: SIGUSR1 ipsec, SIGUSR2 all\)\n$/],
      [['--delete-after', '5', '--until', 'established'], /^ikelens peer: --delete-after cannot go with --until established: the peer would stop before it deletes \(use --until done\)\n$/],
    ] as const) {
      const r = runSync(['peer', '--config', cfg, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
    }
  });
});
