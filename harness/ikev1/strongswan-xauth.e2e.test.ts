/**
 * The engine as a VPN client (Aggressive Mode, ID_KEY_ID group, XAUTH, Mode-Config) against a real
 * strongSwan 5.9 charon as XAUTH + Mode-Config server (lab README §2.8), each in its own network
 * namespace: pull (CFG-REQ/REPLY), push (CFG-SET/ACK, `pull = no`) and a wrong password (SET FAIL).
 * charon's log must show it accepted our HASHes and attributes; our events, read by the analyzer,
 * must give the labels and session facts. kernel-libipsec installs only UDP-encapsulated ESP, so the
 * client runs NAT-T with a faked NAT (forceEncapsulation) and charon's CHILD_SA comes up.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { runRules } from '../../analyzer/rules/index.js';
import type { Event } from '../../analyzer/model/events.js';
import { requireTool } from '../testing/tools.js';
import type { Policy } from './index.js';

const CHARON = '/usr/lib/ipsec/charon';
// `ip` and `swanctl` have no --version that exits 0: checked by path
const present = requireTool('/usr/sbin/ip') && requireTool(CHARON) && requireTool('/usr/sbin/swanctl');
const ROOT = new URL('../../', import.meta.url).pathname;
const NS_C = `xa${process.pid}c`;
const NS_S = `xa${process.pid}s`;
const CLIENT = '10.99.0.1';
const SERVER = '10.99.0.2';

const ip = (...args: string[]) => {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`);
};

function strongswanConf(w: string): string {
  return `charon {
  load_modular = no
  load = random nonce openssl pem pkcs1 x509 pubkey hmac sha1 sha2 md5 aes gmp kernel-libipsec kernel-netlink socket-default vici xauth-generic attr
  threads = 16
  i_dont_care_about_security_and_use_aggressive_mode_psk = yes
  retransmit_tries = 2
  retransmit_timeout = 1.0
  plugins { vici { socket = unix://${w}/charon.vici } }
  filelog { lab { path = ${w}/charon.log
                  time_format = %T
                  ike_name = yes
                  flush_line = yes
                  default = 1
                  ike = 2
                  cfg = 2
                  chd = 1
                  enc = 1 } }
}
`;
}

function swanctlConf(push: boolean): string {
  return `connections { vpn { version = 1
                    aggressive = yes
                    local_addrs = ${SERVER}
                    remote_addrs = %any
                    proposals = aes128-sha1-modp1024
                    pools = pool1
                    ${push ? 'pull = no' : ''}
                    local { auth = psk
                            id = @gw.lab }
                    remote-psk { auth = psk
                                 id = keyid:vpngroup }
                    remote-xauth { auth = xauth-generic }
                    children { net { local_ts = 10.99.2.0/24
                                     esp_proposals = aes128-sha1 } } } }
pools { pool1 { addrs = 10.99.3.0/24
                dns = 10.99.2.53
                nbns = 10.99.2.137 } }
secrets { ike-x { id-a = keyid:vpngroup
                  id-b = @gw.lab
                  secret = "groupsecret" }
          xauth-alice { id = alice
                        secret = "alicepass" } }
`;
}

const clientPolicy = (mode: 'pull' | 'push', password: string): Policy => ({
  localAddress: CLIENT,
  peerAddress: SERVER,
  psk: 'groupsecret',
  ike: [{ cipher: 'aes128', hash: 'sha1', group: 2 }],
  esp: [{ cipher: 'aes128', integrity: 'sha1' }],
  mode: 'aggressive',
  identity: { type: 'key-id', value: 'vpngroup' },
  peerIdentity: { type: 'fqdn', value: 'gw.lab' },
  xauth: { username: 'alice', password },
  modeConfigClient: { mode },
  proxies: { local: { address: '0.0.0.0/0' }, remote: { address: '10.99.2.0/24' } },
  // kernel-libipsec installs only UDP-encapsulated ESP: NAT-T with a faked NAT, as strongSwan itself does there
  natTraversal: true,
  forceEncapsulation: true,
  natKeepaliveSeconds: 0,
});

interface PeerOutput {
  readonly events: Event[];
  readonly childSas: { inboundSpi: number; localProxy?: { address: string }; remoteProxy?: { address: string } }[];
  readonly modeConfig: (Record<string, unknown> | null)[];
  readonly states: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One charon run (fresh daemon and log) with the engine client in the other namespace. */
async function scenario(base: string, name: string, push: boolean, password: string): Promise<{ out: PeerOutput; log: string }> {
  const w = join(base, name);
  mkdirSync(join(w, 'run'), { recursive: true });
  writeFileSync(join(w, 'strongswan.conf'), strongswanConf(w));
  writeFileSync(join(w, 'swanctl.conf'), swanctlConf(push));
  const env = { ...process.env, STRONGSWAN_CONF: join(w, 'strongswan.conf') };
  const charon: ChildProcess = spawn('ip', ['netns', 'exec', NS_S, 'sh', '-c', `mount --bind ${w}/run /run && exec ${CHARON}`], { env, stdio: 'ignore' });
  try {
    for (let i = 0; i < 100 && !existsSync(join(w, 'charon.vici')); i++) await sleep(50);
    const load = spawnSync('swanctl', ['--load-all', '--file', join(w, 'swanctl.conf'), '--uri', `unix://${w}/charon.vici`], { env, encoding: 'utf8' });
    expect(load.stdout).toContain('successfully loaded 1 connections');
    const run = spawnSync('ip', ['netns', 'exec', NS_C, process.execPath, '--import', 'tsx', 'harness/testing/engine-peer.ts', JSON.stringify({ policy: clientPolicy(push ? 'push' : 'pull', password), ms: 3000 })], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (run.status !== 0) throw new Error(`engine peer failed: ${run.stderr}`);
    return { out: JSON.parse(run.stdout) as PeerOutput, log: readFileSync(join(w, 'charon.log'), 'utf8') };
  } finally {
    charon.kill();
    await new Promise((r) => (charon.exitCode !== null ? r(null) : charon.once('exit', r)));
  }
}

function analyzed(events: readonly Event[]) {
  const s = correlate(events, 'ikelens-engine').sessions;
  expect(s).toHaveLength(1);
  return { session: s[0]!.session, findings: runRules(s[0]!.session, s[0]!.events, () => undefined).map((f) => f.id) };
}

describe.skipIf(!present)('engine VPN client against strongSwan charon (XAUTH + Mode-Config server)', () => {
  let base = '';
  const runs: Record<string, { out: PeerOutput; log: string }> = {};

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'ikelens-xauth-'));
    ip('netns', 'add', NS_C);
    ip('netns', 'add', NS_S);
    ip('link', 'add', `${NS_C}v`, 'netns', NS_C, 'type', 'veth', 'peer', 'name', `${NS_S}v`, 'netns', NS_S);
    ip('-n', NS_C, 'addr', 'add', `${CLIENT}/24`, 'dev', `${NS_C}v`);
    ip('-n', NS_S, 'addr', 'add', `${SERVER}/24`, 'dev', `${NS_S}v`);
    for (const [ns, dev] of [[NS_C, `${NS_C}v`], [NS_S, `${NS_S}v`]] as const) {
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'link', 'set', dev, 'up');
    }
    ip('-n', NS_S, 'addr', 'add', '10.99.2.1/32', 'dev', 'lo');
    runs.pull = await scenario(base, 'pull', false, 'alicepass');
    runs.push = await scenario(base, 'push', true, 'alicepass');
    runs.wrong = await scenario(base, 'wrong', false, 'not-her-password');
  }, 60_000);

  afterAll(() => {
    spawnSync('ip', ['netns', 'del', NS_C]);
    spawnSync('ip', ['netns', 'del', NS_S]);
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('pull: charon accepts our XAUTH REPLY and CFG-REQ, assigns a virtual IP; we label and record it all', () => {
    const { out, log } = runs.pull!;
    expect(log).toContain("XAuth authentication of 'alice' successful");
    expect(log).toContain("assigning virtual IP 10.99.3.1 to peer 'alice'");
    expect(log).toMatch(/parsed TRANSACTION response \d+ \[ HASH CPA\(X_STATUS\) \]/);
    expect(log).toMatch(/generating QUICK_MODE response \d+ \[ HASH SA No ID ID \]/);
    const { session, findings } = analyzed(out.events);
    expect(session.steps.map((s) => s.label)).toEqual(['AM1', 'AM2', 'AM3', 'XAUTH-REQ', 'XAUTH-REPLY', 'XAUTH-SET', 'XAUTH-ACK', 'CFG-REQ', 'CFG-REPLY', 'QM1', 'QM2', 'QM3']);
    expect(session.xauth).toMatchObject({ user: 'alice', outcome: 'success' });
    expect(session.modeConfig).toMatchObject({ address: '10.99.3.1', dns: ['10.99.2.53'], wins: ['10.99.2.137'] });
    expect(session.phase1.peerId).toMatchObject({ type: 'fqdn', value: 'gw.lab' });
    expect(session.phase2[0]?.proxies).toEqual({ local: { address: '10.99.3.1' }, remote: { address: '10.99.2.0/24' } });
    expect(log).toMatch(/CHILD_SA net\{\d+\} established with SPIs [0-9a-f]{8}_i [0-9a-f]{8}_o and TS 10\.99\.2\.0\/24 === 10\.99\.3\.1\/32/);
    expect(out.childSas).toHaveLength(1);
    expect(findings).toEqual([]);
  });

  it('push: charon SETs the configuration, we ACK it and start Quick Mode from the pushed address', () => {
    const { out, log } = runs.push!;
    expect(log).toMatch(/generating TRANSACTION request \d+ \[ HASH CPS\(ADDR DNS NBNS\) \]/);
    expect(log).toMatch(/parsed TRANSACTION response \d+ \[ HASH CPA\(ADDR DNS NBNS\) \]/);
    const { session } = analyzed(out.events);
    expect(session.steps.map((s) => s.label)).toEqual(['AM1', 'AM2', 'AM3', 'XAUTH-REQ', 'XAUTH-REPLY', 'XAUTH-SET', 'XAUTH-ACK', 'CFG-SET', 'CFG-ACK', 'QM1', 'QM2', 'QM3']);
    expect(out.modeConfig[0]).toMatchObject({ address: '10.99.3.1' });
    expect(log).toMatch(/CHILD_SA net\{\d+\} established .* === 10\.99\.3\.1\/32/);
    expect(out.childSas[0]?.localProxy?.address).toBe('10.99.3.1');
  });

  it('a wrong password: charon sends STATUS FAIL and destroys the SA; we ACK, go to DELETING and report ike.xauth.failed', () => {
    const { out, log } = runs.wrong!;
    expect(log).toContain("XAuth authentication of 'alice' failed");
    expect(log).toContain('destroying IKE_SA after failed XAuth authentication');
    expect(out.states).toEqual(['DELETING']);
    const { session, findings } = analyzed(out.events);
    expect(session.xauth?.outcome).toBe('failure');
    expect(findings).toContain('ike.xauth.failed');
    expect(JSON.stringify(out.events)).not.toContain('not-her-password');
  });
});
