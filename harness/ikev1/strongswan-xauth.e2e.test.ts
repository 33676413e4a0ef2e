/**
 * The engine as a VPN client (Aggressive Mode, ID_KEY_ID group, XAUTH, Mode-Config) against a real
 * strongSwan 5.9 charon as XAUTH + Mode-Config server (lab README §2.8), each in its own network
 * namespace: pull (CFG-REQ/REPLY), push (CFG-SET/ACK, `pull = no`) and a wrong password (SET FAIL).
 * charon's log must show it accepted our HASHes and attributes; our events, read by the analyzer,
 * must give the labels and session facts. kernel-libipsec installs only UDP-encapsulated ESP, so the
 * client runs NAT-T with a faked NAT (forceEncapsulation) and charon's CHILD_SA comes up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { runRules } from '../../analyzer/rules/index.js';
import type { Event } from '../../analyzer/model/events.js';
import { Charon } from '../lab/charon.js';
import { Lab, labSubdir } from '../lab/netns.js';
import { requireLab } from '../testing/lab.js';
import type { Policy } from './index.js';

const ready = requireLab();
const ENGINE_PEER = new URL('../testing/engine-peer.ts', import.meta.url).pathname;

/** charon in the lab's responder namespace as XAUTH + Mode-Config server (lab README §2.8); `push`: it SETs the configuration. */
function swanctlConf(lab: Lab, push: boolean): string {
  return `connections { vpn { version = 1
                    aggressive = yes
                    local_addrs = ${lab.r.outer}
                    remote_addrs = %any
                    proposals = aes128-sha1-modp1024
                    pools = pool1
                    ${push ? 'pull = no' : ''}
                    local { auth = psk
                            id = @gw.lab }
                    remote-psk { auth = psk
                                 id = keyid:vpngroup }
                    remote-xauth { auth = xauth-generic }
                    children { net { local_ts = ${lab.r.innerNet}
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

const clientPolicy = (lab: Lab, mode: 'pull' | 'push', password: string): Policy => ({
  localAddress: lab.i.outer,
  peerAddress: lab.r.outer,
  psk: 'groupsecret',
  ike: [{ cipher: 'aes128', hash: 'sha1', group: 2 }],
  esp: [{ cipher: 'aes128', integrity: 'sha1' }],
  mode: 'aggressive',
  identity: { type: 'key-id', value: 'vpngroup' },
  peerIdentity: { type: 'fqdn', value: 'gw.lab' },
  xauth: { username: 'alice', password },
  modeConfigClient: { mode },
  proxies: { local: { address: '0.0.0.0/0' }, remote: { address: lab.r.innerNet } },
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

/** One charon run (fresh daemon and log) with the engine client in the initiator namespace. */
async function scenario(lab: Lab, name: string, push: boolean, password: string): Promise<{ out: PeerOutput; log: string }> {
  const charon = await Charon.start(lab, lab.r, name, swanctlConf(lab, push));
  try {
    const log = join(labSubdir(lab, `${name}-engine`), 'engine.log');
    const input = JSON.stringify({ policy: clientPolicy(lab, push ? 'push' : 'pull', password), ms: 3000 });
    const engine = lab.spawn(lab.i, [process.execPath, '--import', 'tsx', ENGINE_PEER, input], { log });
    const code = await engine.exited;
    const text = readFileSync(log, 'utf8');
    const line = text.split('\n').find((l) => l.startsWith('{"events"'));
    if (code !== 0 || !line) throw new Error(`engine peer failed (${code}): ${text.slice(0, 2000)}`);
    return { out: JSON.parse(line) as PeerOutput, log: readFileSync(charon.logFile, 'utf8') };
  } finally {
    await charon.stop();
  }
}

function analyzed(events: readonly Event[]) {
  const s = correlate(events, 'ikelens-engine').sessions;
  expect(s).toHaveLength(1);
  return { session: s[0]!.session, findings: runRules(s[0]!.session, s[0]!.events, () => undefined).map((f) => f.id) };
}

describe.skipIf(!ready)('engine VPN client against strongSwan charon (XAUTH + Mode-Config server)', () => {
  let lab: Lab | undefined;
  const runs: Record<string, { out: PeerOutput; log: string }> = {};

  beforeAll(async () => {
    lab = await Lab.create();
    runs.pull = await scenario(lab, 'pull', false, 'alicepass');
    runs.push = await scenario(lab, 'push', true, 'alicepass');
    runs.wrong = await scenario(lab, 'wrong', false, 'not-her-password');
  }, 90_000);

  afterAll(async () => {
    await lab?.destroy();
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
