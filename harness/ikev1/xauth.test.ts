import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { runRules } from '../../analyzer/rules/index.js';
import type { Event } from '../../analyzer/model/events.js';
import { AUTH_METHOD_FACTS } from '../../analyzer/model/registries.js';
import { stateFacts } from '../../analyzer/model/states.js';
import { checkSequence, TRANSITIONS } from '../../analyzer/model/transitions.js';
import { decodeMessage } from '../codec/index.js';
import { toHex } from '../crypto/index.js';
import { HANDLERS, Ikev1Engine, pair, type Pair, type Policy } from './index.js';
import { leaseAddress } from './modecfg.js';
import type { IsakmpSa } from './sa.js';
import { session } from './test-helpers.js';

// The VPN-client pattern of the seed (corpus ios-am-01): a Cisco VPN Client with group "testgroup"
// (Aggressive Mode, ID_KEY_ID) against an IOS hub with XAUTH users and an address pool.
const HUB = '10.48.67.181';
const CLIENT = '10.51.82.100';
const SUITE = { ike: [{ cipher: '3des', hash: 'sha1', group: 2 }], esp: [{ cipher: '3des', integrity: 'sha1' }] } as const;
const USER = { username: 'gfullage', password: 'cisco123' };
const WRONG = { username: 'gfullage', password: 'guess-1' };
const ANY = { address: '0.0.0.0/0' };

function vpn(over: { hub?: Partial<Policy>; client?: Partial<Policy> } = {}): { a: Policy; b: Policy } {
  const hub: Policy = {
    localAddress: HUB,
    peerAddress: CLIENT,
    psk: 'grouppass',
    ...SUITE,
    proxies: { local: ANY, remote: ANY },
    xauthUsers: [USER],
    pools: [{ name: 'ippool', from: '10.5.5.1', to: '10.5.5.10' }],
    modeConfig: { pool: 'ippool', dns: ['1.1.1.1', '2.2.2.2'], wins: ['3.3.3.3', '4.4.4.4'], domain: 'cisco.com' },
    ...over.hub,
  };
  const client: Policy = {
    localAddress: CLIENT,
    peerAddress: HUB,
    psk: 'grouppass',
    ...SUITE,
    mode: 'aggressive',
    identity: { type: 'key-id', value: 'testgroup' },
    proxies: { local: ANY, remote: ANY },
    xauth: USER,
    modeConfigClient: { mode: 'pull' },
    ...over.client,
  };
  return { a: client, b: hub };
}

function sessions(events: readonly Event[]) {
  return correlate(events, 'ikelens-engine').sessions.map((s) => ({ ...s, findings: runRules(s.session, s.events, () => undefined).map((f) => f.id) }));
}

/** Errors `checkSequence` finds in the labelled messages of every session: none for a legal run. */
function illegal(events: readonly Event[]): string[] {
  return correlate(events, 'ikelens-engine').sessions.flatMap(({ session: x }) =>
    checkSequence(x.steps.map((m) => ({ label: m.label, dir: m.dir, payloads: m.payloads })), x.role ?? 'initiator')
      .issues.filter((i) => i.severity === 'error')
      .map((i) => i.message),
  );
}

const labels = (events: readonly Event[]) => session(events).session.steps.map((s) => `${s.dir}:${s.label}`);
const mirror = (ls: readonly string[]) => ls.map((l) => (l.startsWith('out:') ? l.replace('out:', 'in:') : l.replace('in:', 'out:')));
const states = (e: Ikev1Engine) => e.events.flatMap((x) => (x.kind === 'ike.state' && x.scope === 'isakmp-sa' ? [x.canonical] : []));
const category = (sa: IsakmpSa) => stateFacts(sa.p1.state)?.category;

function run(policies: { a: Policy; b: Policy }, seed = 3, network?: Parameters<typeof pair>[0]['network']): Pair {
  const p = pair({ ...policies, seed, ...(network ? { network } : {}) });
  p.a.initiate();
  p.settle();
  return p;
}

function expectTunnel(p: Pair) {
  const [ca] = p.a.childSas();
  const [cb] = p.b.childSas();
  expect(ca && cb).toBeTruthy();
  expect(ca!.inboundSpi).toBe(cb!.outboundSpi);
  expect(toHex(ca!.inbound.encKey)).toBe(toHex(cb!.outbound.encKey));
  expect(toHex(ca!.outbound.authKey)).toBe(toHex(cb!.inbound.authKey));
  return { ca: ca!, cb: cb! };
}

const XAUTH_OK = ['in:XAUTH-REQ', 'out:XAUTH-REPLY', 'in:XAUTH-SET', 'out:XAUTH-ACK'];
const QM = ['out:QM1', 'in:QM2', 'out:QM3'];

describe('Aggressive Mode with a KEY_ID group + XAUTH + Mode-Config pull + Quick Mode (the VPN client of ios-am-01)', () => {
  const p = run(vpn());
  const seedExpect = JSON.parse(readFileSync(new URL('../../corpus/ios-am-01-hub-responder-vpnclient/expect.json', import.meta.url), 'utf8')).sessions[0];

  it('every message of both runs fits the transitions table (checkSequence)', () => {
    expect(illegal(p.a.events)).toEqual([]);
    expect(illegal(p.b.events)).toEqual([]);
  });

  it('labels every message through correlate on both sides, and the tunnel is up with mirrored keys', () => {
    const client = ['out:AM1', 'in:AM2', 'out:AM3', ...XAUTH_OK, 'out:CFG-REQ', 'in:CFG-REPLY', ...QM];
    expect(labels(p.a.events)).toEqual(client);
    expect(labels(p.b.events)).toEqual(mirror(client));
    // the seed's exchanges, less the RESPONDER-LIFETIME INFO (lifetimes are another helper's)
    expect(labels(p.b.events).map((l) => l.slice(l.indexOf(':') + 1))).toEqual(seedExpect.exchanges.filter((l: string) => l !== 'INFO'));
    expectTunnel(p);
  });

  it('the analyzer reports XAUTH success and the Mode-Config attributes as for the seed, with no findings', () => {
    for (const e of [p.a, p.b]) {
      const s = session(e.events);
      expect(s.session.phase1.outcome).toBe('established');
      // as the seed's golden timeline: the accepted method is XAUTHInitPreShared, its base the expected psk
      expect(s.session.phase1.auth).toBe('xauth-init-psk');
      expect(AUTH_METHOD_FACTS['xauth-init-psk'].base).toBe(seedExpect.auth);
      expect(s.session.xauth?.outcome).toBe(seedExpect.xauth.outcome);
      expect(s.session.xauth?.user).toBe('gfullage');
      expect(s.session.modeConfig?.address).toBe(seedExpect.modeConfig.address);
      expect(s.session.modeConfig?.dns).toEqual(seedExpect.modeConfig.dns);
      expect(s.session.modeConfig?.wins).toEqual(seedExpect.modeConfig.wins);
      expect(s.session.modeConfig?.domain).toBe(seedExpect.modeConfig.domain);
      expect(s.findings).toEqual([]);
    }
  });

  it('the hub sees the group name as ID_KEY_ID; the client proxies its assigned address in Quick Mode', () => {
    expect(session(p.b.events).session.phase1.peerId).toEqual({ type: 'key-id', value: 'testgroup' });
    const { ca, cb } = expectTunnel(p);
    expect(ca.localProxy?.address).toBe('10.5.5.1');
    expect(cb.remoteProxy?.address).toBe('10.5.5.1');
    expect(session(p.b.events).session.phase2[0]?.proxies).toEqual({ local: ANY, remote: { address: '10.5.5.1' } });
    expect(p.a.isakmpSas()[0]!.modeConfig).toEqual({ address: '10.5.5.1', dns: ['1.1.1.1', '2.2.2.2'], wins: ['3.3.3.3', '4.4.4.4'], domain: 'cisco.com' });
  });

  it('runs the table states of the ISAKMP SA: XAUTH server and client states, back to established', () => {
    expect(states(p.b)).toEqual(['AGGR_R1', 'AGGR_R2', 'XAUTH_SERVER_AWAIT_REPLY', 'XAUTH_SERVER_VERIFY', 'XAUTH_SERVER_AWAIT_ACK', 'P1_ESTABLISHED']);
    expect(states(p.a)).toEqual(['AGGR_I1', 'AGGR_I2', 'XAUTH_CLIENT_AWAIT_SET', 'P1_ESTABLISHED', 'CFG_CLIENT_AWAIT_REPLY', 'P1_ESTABLISHED']);
    expect(p.clock.pending()).toBe(0);
  });

  it('transaction messages are exchange type 6, encrypted, HASH then ATTR, one message ID per request/reply pair', () => {
    const tx = p.a.events.filter((e) => e.kind === 'ike.msg' && e.exchange === 'transaction');
    expect(tx).toHaveLength(6);
    for (const m of tx) {
      if (m.kind !== 'ike.msg') continue;
      expect(m.encrypted).toBe(true);
      expect(m.payloads.map((x) => x.type)).toEqual(['HASH', 'ATTR']);
    }
    const ids = tx.map((m) => (m.kind === 'ike.msg' ? m.msgid : 0));
    expect(ids[0]).toBe(ids[1]); // REQ / REPLY
    expect(ids[2]).toBe(ids[3]); // SET / ACK
    expect(ids[4]).toBe(ids[5]); // CFG-REQ / CFG-REPLY
    expect(new Set(ids).size).toBe(3);
    const wire = p.net.log.filter((l) => decodeMessage(l.d.bytes).header.exchangeType === 6);
    expect(wire.map((l) => l.fate)).toEqual(Array(6).fill('delivered'));
  });

  it('the XAUTH password is in no event (only the attribute name is)', () => {
    for (const e of [p.a, p.b]) {
      const text = JSON.stringify(e.events);
      expect(text).not.toContain(USER.password);
      expect(text).toContain('XAUTH_USER_PASSWORD');
    }
  });
});

describe('Main Mode + XAUTH + Mode-Config push (Cisco client configuration address initiate)', () => {
  const cfg = {
    pool: 'ippool',
    mode: 'push' as const,
    netmask: '255.255.255.0',
    dns: ['10.9.9.53'],
    wins: ['10.9.9.137'],
    domain: 'corp.example',
    splitInclude: ['10.9.0.0/16', '192.168.50.0/24'],
    splitDns: ['corp.example', 'lab.example'],
    banner: 'authorised users only',
    savePassword: false,
    pfs: true,
    backupServers: ['10.48.67.182', 'vpn2.corp.example'],
  };
  const p = run(vpn({ hub: { modeConfig: cfg }, client: { mode: 'main', identity: undefined, modeConfigClient: { mode: 'push' } } }));

  it('MM1–MM6, XAUTH, CFG-SET/CFG-ACK, Quick Mode; the client takes every attribute, Unity ones included', () => {
    const client = ['out:MM1', 'in:MM2', 'out:MM3', 'in:MM4', 'out:MM5', 'in:MM6', ...XAUTH_OK, 'in:CFG-SET', 'out:CFG-ACK', ...QM];
    expect(labels(p.a.events)).toEqual(client);
    expect(labels(p.b.events)).toEqual(mirror(client));
    expectTunnel(p);
    const { mode: _m, pool: _p, ...values } = cfg;
    expect(p.a.isakmpSas()[0]!.modeConfig).toEqual({ address: '10.5.5.1', ...values });
    expect(states(p.b)).toContain('CFG_SERVER_AWAIT_ACK');
    expect(illegal(p.a.events)).toEqual([]);
    expect(illegal(p.b.events)).toEqual([]);
  });

  it('the analyzer reports the pushed attributes and no findings', () => {
    for (const e of [p.a, p.b]) {
      const s = session(e.events);
      expect(s.session.modeConfig).toMatchObject({ address: '10.5.5.1', netmask: '255.255.255.0', dns: ['10.9.9.53'], wins: ['10.9.9.137'], domain: 'corp.example', splitInclude: cfg.splitInclude });
      expect(s.session.xauth?.outcome).toBe('success');
      expect(s.findings).toEqual([]);
    }
  });
});

describe('XAUTH failures', () => {
  it('a wrong password, then the right one when the hub asks again: established', () => {
    const p = run(vpn({ client: { xauth: [WRONG, USER] } }));
    const client = ['out:AM1', 'in:AM2', 'out:AM3', 'in:XAUTH-REQ', 'out:XAUTH-REPLY', ...XAUTH_OK, 'out:CFG-REQ', 'in:CFG-REPLY', ...QM];
    expect(labels(p.a.events)).toEqual(client);
    expect(labels(p.b.events)).toEqual(mirror(client));
    expect(states(p.b)).toEqual(['AGGR_R1', 'AGGR_R2', 'XAUTH_SERVER_AWAIT_REPLY', 'XAUTH_SERVER_VERIFY', 'XAUTH_SERVER_AWAIT_REPLY', 'XAUTH_SERVER_VERIFY', 'XAUTH_SERVER_AWAIT_ACK', 'P1_ESTABLISHED']);
    expect(illegal(p.a.events)).toEqual([]);
    expect(illegal(p.b.events)).toEqual([]);
    expectTunnel(p);
    for (const e of [p.a, p.b]) {
      expect(session(e.events).session.xauth?.outcome).toBe('success');
      expect(session(e.events).findings).toEqual([]);
      expect(JSON.stringify(e.events)).not.toContain(WRONG.password);
    }
  });

  it('wrong passwords until the hub gives up: SET FAIL, the SA goes on both sides, ike.xauth.failed on both', () => {
    const p = run(vpn({ client: { xauth: WRONG }, hub: { xauthAttempts: 3 } }));
    const tries = ['in:XAUTH-REQ', 'out:XAUTH-REPLY'];
    const client = ['out:AM1', 'in:AM2', 'out:AM3', ...tries, ...tries, ...tries, 'in:XAUTH-SET', 'out:XAUTH-ACK'];
    expect(labels(p.a.events)).toEqual(client);
    expect(labels(p.b.events)).toEqual(mirror(client));
    expect(p.a.childSas()).toHaveLength(0);
    expect(p.b.childSas()).toHaveLength(0);
    for (const e of [p.a, p.b]) {
      expect(e.isakmpSas()[0]!.p1.state).toBe('DELETING');
      expect(illegal(e.events)).toEqual([]);
      const s = session(e.events);
      expect(s.session.xauth?.outcome).toBe('failure');
      expect(s.findings).toContain('ike.xauth.failed');
      expect(e.events.some((x) => x.kind === 'ike.phase' && x.status === 'failed' && x.reason === 'xauth')).toBe(true);
    }
    expect(p.clock.pending()).toBe(0);
  });

  it('a client with XAUTH but no credentials to give fails XAUTH at the first request', () => {
    const p = run(vpn({ client: { xauth: [] } }));
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('DELETING');
    expect(session(p.a.events).findings).toContain('ike.xauth.failed');
    expect(p.a.childSas()).toHaveLength(0);
  });

  it('the proposals say XAUTHInitPreShared (65001); a client without XAUTH offers plain PSK and the hub refuses the auth method', () => {
    const ok = run(vpn());
    const offered = ok.a.events.find((e) => e.kind === 'ike.proposal' && e.stage === 'offered');
    expect(offered && offered.kind === 'ike.proposal' ? offered.attrs.auth : undefined).toBe('xauth-init-psk');
    const p = run(vpn({ client: { xauth: undefined, modeConfigClient: undefined } }));
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('P1_FAILED');
    const rejected = p.b.events.find((e) => e.kind === 'ike.proposal' && e.stage === 'rejected');
    expect(rejected && rejected.kind === 'ike.proposal' ? rejected.reason : undefined).toMatchObject({ attribute: 'auth', offered: 1, configured: 'xauth-init-psk' });
    expect(session(p.a.events).findings).toContain('ike.p1.proposal_mismatch');
    expect(session(p.b.events).findings).toContain('ike.p1.proposal_mismatch');
  });
});

describe('Mode-Config address pool', () => {
  it('pool exhausted: the second client SA gets no address, ike.cfg.failed on both sides', () => {
    const p = run(vpn({ hub: { pools: [{ name: 'ippool', from: '10.5.5.1', to: '10.5.5.1' }] } }));
    expect(p.a.childSas()).toHaveLength(1);
    p.a.initiate();
    p.settle();
    const second = (e: Ikev1Engine) => {
      const all = sessions(e.events);
      expect(all).toHaveLength(2);
      return all[1]!;
    };
    const c = second(p.a);
    const h = second(p.b);
    expect(c.session.steps.map((s) => s.label)).toEqual(['AM1', 'AM2', 'AM3', 'XAUTH-REQ', 'XAUTH-REPLY', 'XAUTH-SET', 'XAUTH-ACK', 'CFG-REQ', 'CFG-REPLY']);
    expect(c.findings).toContain('ike.cfg.failed');
    expect(h.findings).toContain('ike.cfg.failed');
    const hubCfg = p.b.events.find((e) => e.kind === 'ike.cfg' && e.failed);
    expect(hubCfg && hubCfg.kind === 'ike.cfg' ? hubCfg.reason : '').toBe('address pool ippool exhausted');
    expect(p.a.isakmpSas()[1]!.p1.state).toBe('DELETING');
    expect(p.a.childSas()).toHaveLength(1); // the first tunnel stays
  });

  it('an address comes back to the pool when its SA goes; the same SA keeps its address', () => {
    const p = pair({ ...vpn({ hub: { pools: [{ name: 'ippool', from: '10.5.5.1', to: '10.5.5.1' }] } }), seed: 5 });
    const sa = (state: IsakmpSa['p1']['state']) => ({ p1: { state } }) as IsakmpSa;
    const first = sa('P1_ESTABLISHED');
    const second = sa('P1_ESTABLISHED');
    expect(leaseAddress(p.b, first)).toEqual({ address: '10.5.5.1' });
    expect(leaseAddress(p.b, first)).toEqual({ address: '10.5.5.1' });
    expect(leaseAddress(p.b, second)).toEqual({ error: 'address pool ippool exhausted' });
    first.p1.state = 'DELETING';
    expect(leaseAddress(p.b, second)).toEqual({ address: '10.5.5.1' });
    expect(leaseAddress(p.a, first)).toEqual({ error: 'no address pool configured' });
  });
});

describe('phase-1 identity types', () => {
  const mm = (a: Partial<Policy>, b: Partial<Policy>) => {
    const base = { psk: 'k', ...SUITE, proxies: { local: ANY, remote: ANY } };
    return { a: { ...base, localAddress: '10.0.0.1', peerAddress: '10.0.0.2', ...a }, b: { ...base, localAddress: '10.0.0.2', peerAddress: '10.0.0.1', ...b } };
  };

  for (const mode of ['main', 'aggressive'] as const) {
    it(`${mode}: ID_FQDN and ID_USER_FQDN are sent, hashed and checked`, () => {
      const p = run(
        mm(
          { mode, identity: { type: 'fqdn', value: 'gw-a.lab' }, peerIdentity: { type: 'user-fqdn', value: 'ops@b.lab' } },
          { identity: { type: 'user-fqdn', value: 'ops@b.lab' }, peerIdentity: { type: 'fqdn', value: 'GW-A.lab' } },
        ),
      );
      expectTunnel(p);
      const sa = session(p.a.events).session.phase1;
      const sb = session(p.b.events).session.phase1;
      expect(sa.localId).toMatchObject({ type: 'fqdn', value: 'gw-a.lab' });
      expect(sa.peerId).toMatchObject({ type: 'user-fqdn', value: 'ops@b.lab' });
      expect(sb.peerId).toMatchObject({ type: 'fqdn', value: 'gw-a.lab' });
    });
  }

  it('main: the responder refuses an unexpected identity at MM5 (INVALID_ID_INFORMATION, ike.p1.id_mismatch)', () => {
    const p = run(mm({ identity: { type: 'fqdn', value: 'rogue.lab' } }, { peerIdentity: { type: 'fqdn', value: 'gw-a.lab' } }));
    const s = session(p.b.events);
    expect(s.findings).toContain('ike.p1.id_mismatch');
    expect(s.session.steps.map((x) => x.label)).toEqual(['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6'].slice(0, 5).concat('INFO'));
    expect(p.b.events.some((e) => e.kind === 'ike.notify' && e.dir === 'out' && e.type === 'INVALID_ID_INFORMATION')).toBe(true);
    expect(p.b.events.some((e) => e.kind === 'ike.auth' && e.result === 'failed' && e.peerId?.value === 'rogue.lab')).toBe(true);
    expect(p.a.childSas()).toHaveLength(0);
  });

  it('aggressive: a wrong group name (KEY_ID) is refused at AM1; both sides report ike.p1.id_mismatch', () => {
    const p = run(vpn({ hub: { peerIdentity: { type: 'key-id', value: 'testgroup' } }, client: { identity: { type: 'key-id', value: 'othergroup' } } }));
    expect(session(p.b.events).findings).toContain('ike.p1.id_mismatch');
    expect(session(p.a.events).findings).toContain('ike.p1.id_mismatch');
    expect(labels(p.a.events)).toEqual(['out:AM1', 'in:INFO']);
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('P1_FAILED');
  });

  it('the initiator checks the responder identity too (MM6)', () => {
    const p = run(mm({ peerIdentity: { type: 'fqdn', value: 'gw-b.lab' } }, {}));
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('P1_FAILED');
    expect(session(p.a.events).findings).toContain('ike.p1.id_mismatch');
  });
});

describe('loss and duplication during XAUTH and Mode-Config', () => {
  it('a lost XAUTH-REPLY, XAUTH-ACK and CFG-REPLY are recovered by retransmission', () => {
    const p = pair({ ...vpn(), seed: 4 });
    const dropped = new Set<string>();
    // the first datagram of each transaction message ID from each side is lost once
    p.net.filter = (d) => {
      const h = decodeMessage(d.bytes).header;
      const key = `${d.from.address}:${h.messageId}`;
      if (h.exchangeType !== 6 || dropped.has(key)) return false;
      dropped.add(key);
      return true;
    };
    p.a.initiate();
    p.settle();
    expect(dropped.size).toBeGreaterThanOrEqual(5);
    expectTunnel(p);
    for (const e of [p.a, p.b]) {
      const s = session(e.events);
      expect(s.session.xauth?.outcome).toBe('success');
      expect(s.session.steps.filter((x) => x.label.startsWith('XAUTH') || x.label.startsWith('CFG')).map((x) => x.label)).toEqual(['XAUTH-REQ', 'XAUTH-REPLY', 'XAUTH-SET', 'XAUTH-ACK', 'CFG-REQ', 'CFG-REPLY']);
    }
    expect(p.a.isakmpSas()[0]!.p1.state).toBe('P1_ESTABLISHED');
  });

  it('random loss and duplication: the tunnel comes up with equal keys, or every side ends in a defined state with no timer left', () => {
    const FC = process.env.CI ? { seed: 20261122, numRuns: 40 } : { numRuns: 40 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.constantFrom('pull' as const, 'push' as const), (seed, loss, duplicate, mode) => {
        const pol = vpn({ hub: { modeConfig: { pool: 'ippool', mode } }, client: { modeConfigClient: { mode } } });
        const p = run(pol, seed, { loss, duplicate });
        expect(p.clock.pending()).toBe(0);
        const up = p.a.childSas().length === 1 && p.b.childSas().length === 1;
        if (up) expectTunnel(p);
        for (const e of [p.a, p.b]) {
          for (const sa of e.isakmpSas()) expect(['established', 'failed', 'deleting']).toContain(category(sa));
          // the analyzer reads every run without a finding other than no-response ones
          const f = sessions(e.events).flatMap((s) => s.findings);
          expect(f.filter((x) => !/no_response/.test(x))).toEqual([]);
          expect(illegal(e.events)).toEqual([]);
          // duplicates never make a second XAUTH verdict
          expect(e.events.filter((x) => x.kind === 'ike.xauth' && x.step === 'set').length).toBeLessThanOrEqual(1);
        }
      }),
      FC,
    );
  });
});

describe('an XAUTH exchange under way when its ISAKMP SA ends', () => {
  /** The hub's XAUTH-REQ lost: the hub's SA waits for the reply. */
  const xauthWaiting = () => {
    const p = pair({ ...vpn(), seed: 6 });
    p.net.filter = (d) => d.from.address === HUB && decodeMessage(d.bytes).header.exchangeType === 6;
    p.a.initiate();
    p.clock.advance(500);
    const old = p.b.isakmpSas()[0]!;
    expect(old.p1.state).toBe('XAUTH_SERVER_AWAIT_REPLY');
    return { p, old };
  };

  // The transaction's scope is recorded in `sa.quick` with the Quick Modes (engine `apply`), so the
  // teardown (`teardownIsakmpSa`: INITIAL-CONTACT, DPD, a sent DELETE) stops its timer as it stops theirs.
  it('the client restarts during XAUTH (INITIAL-CONTACT): the hub\'s XAUTH-REQ is not sent again on the ended SA, no timer is left', () => {
    const { p, old } = xauthWaiting();
    const [xauth] = old.transactions!.values();
    expect(xauth!.timer).toBeTypeOf('function');
    p.net.filter = undefined;
    const mark = p.b.events.at(-1)!.seq;
    // the client restarts (a new engine on its address) and says INITIAL-CONTACT in AM3
    const a2 = new Ikev1Engine({ node: 'A', policy: { ...vpn().a, initialContact: true }, clock: p.clock, seed: 4244, send: (d) => p.net.send(d) });
    p.net.attach(CLIENT, (bytes, from, to) => a2.receive(bytes, from, to));
    a2.initiate();
    p.clock.advance(900); // the new SA is up before the old XAUTH-REQ's first retransmission was due
    expect(a2.childSas()).toHaveLength(1);
    expect(old.p1.state).toBe('DELETED');
    expect(xauth!.timer).toBeUndefined();
    expect(p.clock.pending()).toBe(0);
    p.clock.advance(120_000); // past the whole retransmission schedule (1 + 2 + 4 + 8 + 16 s)
    const onOld = p.b.events.filter((e) => e.seq > mark && e.sa?.conn === old.conn);
    // nothing more on the old SA: no XAUTH-REQ again, no `no_response` give-up moving DELETED back to DELETING
    expect(onOld.map((e) => e.kind)).toEqual(['ike.delete', 'ike.state']);
    expect(old.p1.state).toBe('DELETED');
    expect(p.clock.pending()).toBe(0);
    // the new SA went through XAUTH and Mode-Config with the restarted client
    expect(session(a2.events).session.xauth?.outcome).toBe('success');
    expect(illegal(p.b.events)).toEqual([]);
  });

  it('the engine ends the SA itself: the transaction stops with it, no Quick Mode failure is made of it, no resend, no timer left', () => {
    const { p, old } = xauthWaiting();
    const mark = p.b.events.at(-1)!.seq;
    p.b.endIsakmpSa(old, 'ended by the test');
    p.clock.advance(120_000); // past the whole retransmission schedule
    const onOld = p.b.events.filter((e) => e.seq > mark && e.sa?.conn === old.conn);
    expect(onOld.map((e) => [e.kind, 'phase' in e ? e.phase : undefined])).toEqual([['ike.state', undefined]]);
    expect(old.p1.state).toBe('DELETED');
    expect(p.clock.pending()).toBe(0);
  });
});

describe('the table drives XAUTH and Mode-Config', () => {
  it('every xauth / cfg-pull / cfg-push row has a handler, and every handler names a row', () => {
    const rows = TRANSITIONS.filter((t) => t.logical === 'xauth' || t.logical === 'cfg-pull' || t.logical === 'cfg-push');
    expect(rows.length).toBe(16);
    for (const t of rows) expect(HANDLERS[t.handler], t.handler).toBeTypeOf('function');
    const names = new Set(TRANSITIONS.map((t) => t.handler));
    for (const name of Object.keys(HANDLERS)) expect(names.has(name), name).toBe(true);
  });
});
