import { describe, expect, it } from 'vitest';
import { compilePeer, findKey, matchProfile, type Compiled } from './compile.js';
import { cryptoMapOrderWarnings, evaluationOrder, matchEntry, selectQuickPolicy } from './crypto-map.js';
import { exampleConfig } from './testing.js';
import type { PeerConfig } from './config/schema.js';

function compiled(c: PeerConfig, address: string, identity?: { type: 'address' | 'group' | 'fqdn'; value: string }): Compiled {
  const r = compilePeer(c, { address, ...(identity ? { identity } : {}) });
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe('compilation: phase 1', () => {
  it('ISAKMP policies become the engine proposals in priority order, with lifetimes', () => {
    const c = exampleConfig('ios-spoke.yaml', (t) => t.replace('  10: { encryption: 3des, authentication: pre-share, group: 2 }', '  30: { encryption: 3des, group: 2 }\n  7: { encryption: aes 256, hash: sha256, group: 14, lifetime: 3600 }'));
    expect(compiled(c, '10.48.67.181').policy.ike).toEqual([
      { priority: 7, cipher: 'aes256', hash: 'sha256', group: 14, lifetimeSeconds: 3600 },
      { priority: 30, cipher: '3des', hash: 'sha1', group: 2, lifetimeSeconds: 86400 },
    ]);
  });

  it('a wildcard keyring key serves any address, through the profile that matches address 0.0.0.0', () => {
    const hub = exampleConfig('ios-hub.yaml');
    const r = compiled(hub, '10.100.2.102');
    expect(r.policy.psk).toBe('cisco123');
    expect(r.keySource).toBe('keyring spokes, address 0.0.0.0/0');
    expect(r.profile?.name).toBe('L2L');
    expect(r.extras).toEqual({});
  });

  it('the most specific address key wins over the wildcard', () => {
    const hub = exampleConfig('ios-hub.yaml', (t) => t.replace('    - { address: 0.0.0.0 0.0.0.0, key: cisco123 }', '    - { address: 0.0.0.0 0.0.0.0, key: cisco123 }\n    - { address: 10.100.2.0/24, key: branch24 }'));
    expect(compiled(hub, '10.100.2.102').policy.psk).toBe('branch24');
    expect(compiled(hub, '10.100.3.1').policy.psk).toBe('cisco123');
    expect(findKey(hub, '10.100.2.102', { type: 'address', value: '10.100.2.102' })?.source).toBe('keyring spokes, address 10.100.2.0/24');
  });

  it('a group identity (Aggressive Mode KEY_ID) matches the VPNclient profile and takes its client group key, pool and XAUTH', () => {
    const hub = exampleConfig('ios-hub.yaml');
    const id = { type: 'group', value: 'testgroup' } as const;
    expect(matchProfile(hub, id)?.name).toBe('VPNclient');
    const r = compiled(hub, '10.51.82.100', id);
    expect(r.policy.psk).toBe('cisco321');
    expect(r.keySource).toBe('tunnel-group testgroup');
    expect(r.extras).toEqual({ xauth: { users: ['gfullage'] }, modeConfig: { mode: 'respond', pool: 'ippool', groupPolicy: 'testgroup' } });
    expect(compilePeer(hub, { address: '10.51.82.100', identity: { type: 'group', value: 'othergroup' } })).toEqual({ ok: false, reason: 'no pre-shared key for group othergroup (10.51.82.100)' });
  });

  it('no key for an address is a reason, not a policy', () => {
    expect(compilePeer(exampleConfig('ios-spoke.yaml'), { address: '10.9.9.9' })).toEqual({ ok: false, reason: 'no pre-shared key for 10.9.9.9' });
  });

  it('ASA: the tunnel group named after the peer, else DefaultRAGroup', () => {
    expect(compiled(exampleConfig('asa-l2l.yaml'), '10.0.0.2')).toMatchObject({ keySource: 'tunnel-group 10.0.0.2', policy: { psk: 'cisco' } });
    expect(compilePeer(exampleConfig('asa-l2l.yaml'), { address: '10.0.0.3' }).ok).toBe(false);
    expect(compiled(exampleConfig('asa-ra.yaml'), '203.0.113.9')).toMatchObject({ keySource: 'tunnel-group DefaultRAGroup', policy: { psk: 'C!sc0@123' } });
  });
});

describe('compilation: crypto map entries', () => {
  it('initiator: the static entry of the peer gives proxies (first permit line), ESP proposals in transform-set order, PFS, lifetime, ports', () => {
    const c = exampleConfig('asa-l2l.yaml', (t) =>
      t
        .replace('  TRANSFORM: esp-aes esp-sha-hmac', '  TRANSFORM: esp-aes esp-sha-hmac\n  STRONG: esp-aes 256 esp-sha256-hmac')
        .replace('10: { match-address: VPN, peer: 10.0.0.2, transform-sets: TRANSFORM }', '10: { match-address: VPN, peer: "10.0.0.2:4501", transform-sets: [STRONG, TRANSFORM], pfs: group14, lifetime: { seconds: 28800, kilobytes: 4608000 } }'),
    );
    const r = compiled(c, '10.0.0.2');
    expect(r.entry?.map).toBe('MAP');
    expect(r.policy).toMatchObject({
      localAddress: '10.0.0.1',
      peerAddress: '10.0.0.2',
      peerPort: 4501,
      localPort: 500,
      nattPort: 4500,
      mode: 'main',
      pfsGroup: 14,
      esp: [
        { cipher: 'aes256', integrity: 'sha256', lifetimeSeconds: 28800 },
        { cipher: 'aes128', integrity: 'sha1', lifetimeSeconds: 28800 },
      ],
      proxies: { local: { address: '192.168.1.0/24', protocol: 6 }, remote: { address: '192.168.2.0/24', protocol: 6 } },
    });
    expect(r.extras.lifetimeKilobytes).toBe(4608000);
  });

  it('initiator: of two static entries naming the peer, the lower sequence number', () => {
    const c = exampleConfig('ios-spoke.yaml', (t) =>
      t.replace('  myset: esp-3des esp-sha-hmac', '  myset: esp-3des esp-sha-hmac\n  aes: esp-aes esp-sha-hmac').replace('    10: { peer', '    20: { peer: 10.48.67.181, transform-sets: aes, match-address: 100, phase1-mode: aggressive }\n    10: { peer'),
    );
    const r = compiled(c, '10.48.67.181');
    expect(r.entry?.entry.seq).toBe(10);
    expect(r.policy.esp).toEqual([{ cipher: '3des', integrity: 'sha1' }]);
    expect(r.policy.mode).toBe('main');
  });

  it('responder: dynamic map entries are tried by their sequence numbers, each for its ISAKMP profile; offered proxies are accepted as offered', () => {
    const hub = exampleConfig('ios-hub.yaml');
    expect(evaluationOrder(hub).map((e) => e.name)).toEqual(['mymap 10 (dynmap 5)', 'mymap 10 (dynmap 10)']);
    const offer = { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' }, pfsGroup: 0 };
    expect(matchEntry(hub, '10.100.2.102', 'L2L', offer)?.name).toBe('mymap 10 (dynmap 10)');
    expect(matchEntry(hub, '10.51.82.100', 'VPNclient', offer)?.name).toBe('mymap 10 (dynmap 5)');
    expect(selectQuickPolicy(hub, '10.100.2.102', 'L2L', offer)).toEqual({ esp: [{ cipher: '3des', integrity: 'sha1' }], pfsGroup: 0, proxies: { local: offer.local, remote: offer.remote } });
    // no set pfs: any PFS group the initiator offers is accepted
    expect(selectQuickPolicy(hub, '10.100.2.102', 'L2L', { ...offer, pfsGroup: 14 })).toMatchObject({ pfsGroup: 14 });
    expect(selectQuickPolicy(hub, '10.100.2.102', undefined, offer)).toBe('no entry of crypto map mymap admits peer 10.100.2.102 with proxies 10.2.0.0/16 → 10.1.0.0/16');
  });

  it('responder: a dynamic entry with an ACL admits only the proxies it protects (seed 001, TED)', () => {
    const ted = exampleConfig('ios-ted.yaml');
    const inside = { local: { address: '13.13.13.0/24' }, remote: { address: '12.12.12.0/24' }, pfsGroup: 0 };
    expect(selectQuickPolicy(ted, '11.11.11.2', undefined, inside)).toMatchObject({ esp: [{ cipher: 'des', integrity: 'md5' }] });
    expect(selectQuickPolicy(ted, '11.11.11.2', undefined, { ...inside, remote: { address: '12.12.0.0/16' } })).toBe('no entry of crypto map tedtag admits peer 11.11.11.2 with proxies 12.12.0.0/16 → 13.13.13.0/24');
  });

  it('responder: set pfs is required of the initiator', () => {
    const c = exampleConfig('ios-map-order.yaml', (t) => t.replace('20: { transform-sets: myset }', '20: { transform-sets: myset, pfs: 5 }'));
    expect(selectQuickPolicy(c, '198.51.100.7', undefined, { pfsGroup: 2 })).toMatchObject({ pfsGroup: 5 });
  });

  it('responder: entries by sequence number, the first admitting one decides (config.crypto_map_order)', () => {
    const right = exampleConfig('ios-map-order.yaml');
    const offer = { local: { address: '10.1.0.0/16' }, remote: { address: '172.16.0.0/16' }, pfsGroup: 0 };
    expect(matchEntry(right, '172.16.77.10', undefined, offer)?.name).toBe('mymap 10');
    expect(matchEntry(right, '198.51.100.7', undefined, offer)?.name).toBe('mymap 60000 (dynmap 20)');
    const wrong = exampleConfig('ios-map-order.yaml', (t) => t.replace('60000: { dynamic: dynmap }', '5: { dynamic: dynmap }'));
    expect(matchEntry(wrong, '172.16.77.10', undefined, offer)?.name).toBe('mymap 5 (dynmap 20)');
    expect(cryptoMapOrderWarnings(right)).toEqual([]);
    expect(cryptoMapOrderWarnings(wrong)).toEqual([
      'crypto-maps.mymap: the dynamic entry 5 comes before the static entry 10, so their peers are caught by the dynamic entry (config.crypto_map_order: give the dynamic entry the highest sequence number)',
    ]);
  });
});
