import { describe, expect, it } from 'vitest';
import { correlate } from '../../analyzer/correlate/index.js';
import { runRules } from '../../analyzer/rules/index.js';
import type { Event } from '../../analyzer/model/events.js';
import { toHex } from '../crypto/index.js';
import { FakeClock } from '../ikev1/clock.js';
import { Ikev1Engine } from '../ikev1/engine.js';
import { MemoryNetwork } from '../ikev1/network.js';
import type { PeerConfig } from './config/schema.js';
import { memoryTransport, PeerNode } from './node.js';
import { exampleConfig } from './testing.js';

const HUB = '10.48.67.181';
const FULL_I = ['out:MM1', 'in:MM2', 'out:MM3', 'in:MM4', 'out:MM5', 'in:MM6', 'out:QM1', 'in:QM2', 'out:QM3'];
const FULL_R = FULL_I.map((l) => (l.startsWith('out') ? l.replace('out', 'in') : l.replace('in', 'out')));

function lab(configs: readonly PeerConfig[], seed = 1) {
  const clock = new FakeClock();
  const net = new MemoryNetwork(clock, { seed });
  const nodes = configs.map((config, i) => new PeerNode({ config, transport: memoryTransport(net, config.node.address), clock, seed: seed * 100 + i * 10, run: 'lab' }));
  return {
    clock,
    net,
    nodes,
    settle: () => {
      while (clock.step()) {
        /* deliveries and timers */
      }
    },
  };
}

function sessions(events: readonly Event[]) {
  return correlate(events, 'ikelens-engine').sessions.map((s) => ({
    peer: s.session.peer?.address,
    role: s.session.role,
    steps: s.session.steps.map((st) => `${st.dir}:${st.label}`),
    phase1: s.session.phase1.outcome,
    phase2: s.session.phase2.map((p) => p.outcome),
    findings: runRules(s.session, s.events, () => undefined).map((f) => f.id),
  }));
}

/** A spoke of the hub seed: its own address and protected subnet. */
const spoke = (address: string, subnet: string): PeerConfig =>
  exampleConfig('ios-spoke.yaml', (t) => t.replace('address: 10.100.2.102', `address: ${address}`).replace('10.2.0.0 0.0.255.255', `${subnet} 0.0.255.255`));

describe('a node with a wildcard key and a dynamic crypto map (the hub of seeds 000/004)', () => {
  it('answers two spokes it did not know in advance: one engine each, both established, separate SAs, one merged event stream', () => {
    const hubConfig = exampleConfig('ios-hub.yaml');
    const l = lab([hubConfig, spoke('10.100.2.102', '10.2.0.0'), spoke('10.100.3.103', '10.3.0.0')]);
    const [hub, s1, s2] = l.nodes as [PeerNode, PeerNode, PeerNode];
    expect(s1.initiate(HUB).ok).toBe(true);
    expect(s2.initiate(HUB).ok).toBe(true);
    l.settle();

    expect(hub.peers().map((p) => [p.address, p.compiled.profile?.name, p.compiled.keySource])).toEqual([
      ['10.100.2.102', 'L2L', 'keyring spokes, address 0.0.0.0/0'],
      ['10.100.3.103', 'L2L', 'keyring spokes, address 0.0.0.0/0'],
    ]);
    const hubSas = hub.childSas();
    expect(hubSas.map((c) => [c.peer, c.child.localProxy?.address, c.child.remoteProxy?.address])).toEqual([
      ['10.100.2.102', '10.1.0.0/16', '10.2.0.0/16'],
      ['10.100.3.103', '10.1.0.0/16', '10.3.0.0/16'],
    ]);
    // each spoke's SA mirrors the hub's SA for it; the two are different SAs
    for (const [s, hubSa] of [
      [s1, hubSas[0]!],
      [s2, hubSas[1]!],
    ] as const) {
      const [mine] = s.childSas();
      expect(mine!.child.inboundSpi).toBe(hubSa.child.outboundSpi);
      expect(mine!.child.outboundSpi).toBe(hubSa.child.inboundSpi);
      expect(toHex(mine!.child.outbound.encKey)).toBe(toHex(hubSa.child.inbound.encKey));
      expect(mine!.child.cipher).toBe('3des');
    }
    expect(hubSas[0]!.child.inboundSpi).not.toBe(hubSas[1]!.child.inboundSpi);
    expect(hubSas[0]!.child.conn).not.toBe(hubSas[1]!.child.conn);

    // one stream: seq 1..n in order, both peers in it, interleaved as it happened
    expect(hub.events.map((e) => e.seq)).toEqual(hub.events.map((_, i) => i + 1));
    expect(hub.events.every((e) => e.node === 'hub' && 'run' in e.origin && e.origin.step === e.seq)).toBe(true);
    const peersInOrder = hub.events.map((e) => e.peer?.address);
    expect(new Set(peersInOrder)).toEqual(new Set(['10.100.2.102', '10.100.3.103']));
    const firstOf2 = peersInOrder.indexOf('10.100.3.103');
    expect(peersInOrder.slice(firstOf2).includes('10.100.2.102')).toBe(true);

    expect(sessions(hub.events)).toEqual([
      { peer: '10.100.2.102', role: 'responder', steps: FULL_R, phase1: 'established', phase2: ['established'], findings: [] },
      { peer: '10.100.3.103', role: 'responder', steps: FULL_R, phase1: 'established', phase2: ['established'], findings: [] },
    ]);
    expect(sessions(s1.events)).toEqual([{ peer: HUB, role: 'initiator', steps: FULL_I, phase1: 'established', phase2: ['established'], findings: [] }]);
  });

  it('answers Aggressive Mode too: the spoke initiates with set phase1-mode aggressive, the hub creates its engine from AM1', () => {
    const aggressive = exampleConfig('ios-spoke.yaml', (t) => t.replace('match-address: 100 }', 'match-address: 100, phase1-mode: aggressive }'));
    const l = lab([exampleConfig('ios-hub.yaml'), aggressive]);
    expect(l.nodes[1]!.initiate(HUB).ok).toBe(true);
    l.settle();
    const am = ['in:AM1', 'out:AM2', 'in:AM3', 'in:QM1', 'out:QM2', 'in:QM3'];
    expect(sessions(l.nodes[0]!.events)).toEqual([{ peer: '10.100.2.102', role: 'responder', steps: am, phase1: 'established', phase2: ['established'], findings: [] }]);
    expect(l.nodes[0]!.peers()[0]!.compiled.profile?.name).toBe('L2L');
  });

  it('serves plain engines too (any initiator): a spoke with PFS gets PFS, since the dynamic entry sets none', () => {
    const hubConfig = exampleConfig('ios-hub.yaml');
    const l = lab([hubConfig]);
    const engine = new Ikev1Engine({
      node: 'spoke',
      clock: l.clock,
      seed: 5,
      send: (d) => l.net.send(d),
      policy: { localAddress: '10.100.9.9', peerAddress: HUB, psk: 'cisco123', ike: [{ cipher: '3des', hash: 'sha1', group: 2 }], esp: [{ cipher: '3des', integrity: 'sha1' }], pfsGroup: 14, proxies: { local: { address: '10.9.0.0/16' }, remote: { address: '10.1.0.0/16' } } },
    });
    l.net.attach('10.100.9.9', (b, f, t) => engine.receive(b, f, t));
    engine.initiate();
    l.settle();
    expect(engine.childSas()[0]?.pfsGroup).toBe(14);
    expect(l.nodes[0]!.childSas()[0]?.child.pfsGroup).toBe(14);
  });

  it('refuses a first message from an address it has no key for: a note, nothing sent, no engine', () => {
    const l = lab([exampleConfig('ios-spoke.yaml'), exampleConfig('asa-l2l.yaml', (t) => t.replace('address: 10.0.0.1', 'address: 10.48.67.9').replace('peer: 10.0.0.2', 'peer: 10.100.2.102').replace('10.0.0.2: { type', '10.100.2.102: { type'))]);
    const [spokeNode, stranger] = l.nodes as [PeerNode, PeerNode];
    expect(stranger.initiate('10.100.2.102').ok).toBe(true);
    l.settle();
    expect(spokeNode.peers()).toEqual([]);
    expect(spokeNode.events).toEqual([]);
    expect(spokeNode.notes.map((n) => n.text)).toEqual(Array(5).fill('MM1 from 10.48.67.9 refused: no pre-shared key for 10.48.67.9'));
    expect(l.net.log.filter((x) => x.d.from.address === '10.100.2.102')).toEqual([]);
    expect(sessions(stranger.events)[0]).toMatchObject({ phase1: 'failed', findings: ['ike.p1.no_response'] });
  });

  it('a dynamic entry with an ACL refuses proxies outside it (seed 001, TED): phase 2 fails with reason proxy on the responder', () => {
    const fred = (net: string) =>
      exampleConfig('ios-spoke.yaml', (t) =>
        t
          .replace('address: 10.100.2.102', 'address: 11.11.11.2')
          .replace('key: cisco123', 'key: abc123')
          .replace('10.48.67.181, key', '11.11.11.1, key')
          .replace('peer: 10.48.67.181', 'peer: 11.11.11.1')
          .replace('myset: esp-3des esp-sha-hmac', 'myset: esp-des esp-md5-hmac')
          .replace('10: { encryption: 3des, authentication: pre-share, group: 2 }', '10: { authentication: pre-share }')
          .replace('permit ip 10.2.0.0 0.0.255.255 10.1.0.0 0.0.255.255', `permit ip ${net} 13.13.13.0 0.0.0.255`),
      );
    for (const [net, outcome] of [
      ['12.12.12.0 0.0.0.255', 'established'],
      ['12.12.0.0 0.0.255.255', 'failed'],
    ] as const) {
      const l = lab([exampleConfig('ios-ted.yaml'), fred(net)]);
      expect(l.nodes[1]!.initiate('11.11.11.1').ok).toBe(true);
      l.settle();
      const daphne = l.nodes[0]!;
      expect(sessions(daphne.events)[0]!.phase2, net).toEqual([outcome]);
      if (outcome === 'failed') {
        expect(daphne.events.find((e) => e.kind === 'ike.phase' && e.phase === 2 && e.status === 'failed')).toMatchObject({
          reason: 'proxy',
          text: 'no entry of crypto map tedtag admits peer 11.11.11.2 with proxies 12.12.0.0/16 → 13.13.13.0/24',
        });
        expect(sessions(daphne.events)[0]!.findings).toContain('ike.p2.proxy_mismatch');
      }
    }
  });

  it('initiate names a peer of a static entry, or says why not', () => {
    const l = lab([exampleConfig('ios-hub.yaml')]);
    expect(l.nodes[0]!.initiate('10.100.2.102')).toEqual({ ok: false, reason: 'no static crypto map entry has peer 10.100.2.102' });
    const s = lab([exampleConfig('ios-spoke.yaml')]);
    expect(s.nodes[0]!.initiate('10.9.9.9')).toEqual({ ok: false, reason: 'no pre-shared key for 10.9.9.9' });
  });
});

describe('crypto map order: the node does what the device does (analyzer rule config.crypto_map_order)', () => {
  // a hub with a static entry for a branch (AES) and a dynamic entry for everyone else (3DES)
  const hubWith = (dynamicSeq: number) =>
    exampleConfig('ios-map-order.yaml', (t) =>
      t
        .replace('  myset: esp-3des esp-sha-hmac', '  myset: esp-3des esp-sha-hmac\n  branch: esp-aes 256 esp-sha-hmac')
        .replace('transform-sets: myset }\n    60000', 'transform-sets: branch }\n    60000')
        .replace('60000: { dynamic: dynmap }', `${dynamicSeq}: { dynamic: dynmap }`),
    );
  const branch = exampleConfig('ios-spoke.yaml', (t) =>
    t
      .replace('address: 10.100.2.102', 'address: 172.16.77.10')
      .replace('myset: esp-3des esp-sha-hmac', 'myset: esp-aes 256 esp-sha-hmac')
      .replace('permit ip 10.2.0.0 0.0.255.255 10.1.0.0 0.0.255.255', 'permit ip 172.16.0.0 0.0.255.255 10.1.0.0 0.0.255.255'),
  );

  it('dynamic entry last (65535): the branch reaches its static entry and establishes', () => {
    const l = lab([hubWith(65535), branch]);
    expect(l.nodes[1]!.initiate(HUB).ok).toBe(true);
    l.settle();
    expect(l.nodes[0]!.childSas().map((c) => c.child.cipher)).toEqual(['aes256']);
    expect(sessions(l.nodes[0]!.events)[0]).toMatchObject({ phase2: ['established'], findings: [] });
  });

  it('dynamic entry first (5): it catches the branch, its 3DES transform set refuses the AES offer, phase 2 fails as on the device', () => {
    const l = lab([hubWith(5), branch]);
    expect(l.nodes[1]!.initiate(HUB).ok).toBe(true);
    l.settle();
    expect(l.nodes[0]!.childSas()).toEqual([]);
    const hub = sessions(l.nodes[0]!.events)[0]!;
    expect(hub).toMatchObject({ phase1: 'established', phase2: ['failed'] });
    expect(hub.findings).toContain('ike.p2.proposal_mismatch');
    const rejected = l.nodes[0]!.events.find((e) => e.kind === 'ike.proposal' && e.phase === 2 && e.stage === 'rejected');
    expect(rejected).toMatchObject({ reason: { attribute: 'encryption', offered: 'aes256', configured: '3des' } });
  });
});

describe('a VPN hub node serving several clients (one engine per client)', () => {
  it('leases each client its own address from the one pool', () => {
    const client = (address: string): PeerConfig => exampleConfig('ios-vpn-client.yaml', (t) => t.replace('address: 10.51.82.100', `address: ${address}`));
    const l = lab([exampleConfig('ios-hub.yaml'), client('10.51.82.100'), client('10.51.82.101')]);
    const [, c1, c2] = l.nodes as [PeerNode, PeerNode, PeerNode];
    const e1 = c1.initiate(HUB);
    const e2 = c2.initiate(HUB);
    expect(e1.ok && e2.ok).toBe(true);
    l.settle();
    const assigned = [c1, c2].map((c) => c.peers()[0]!.engine.isakmpSas()[0]!.modeConfig?.address);
    expect(assigned).toEqual(['10.5.5.1', '10.5.5.2']);
    for (const c of [c1, c2]) expect(sessions(c.events).map((s) => [s.phase1, s.phase2, s.findings])).toEqual([['established', ['established'], []]]);
  });
});
