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
    // a LAN-to-LAN peer: no XAUTH, no Mode-Config
    expect(r.policy).not.toHaveProperty('xauthUsers');
    expect(r.policy).not.toHaveProperty('modeConfig');
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
    expect(r.tunnelGroup?.name).toBe('testgroup');
    expect(r.policy.xauthUsers).toEqual([{ username: 'gfullage', password: 'cisco' }]);
    expect(r.policy.modeConfig).toEqual({ mode: 'pull', pool: 'ippool', dns: ['1.1.1.1', '2.2.2.2'], wins: ['3.3.3.3', '4.4.4.4'], domain: 'cisco.com' });
    expect(r.policy.pools).toEqual([{ name: 'ippool', from: '10.5.5.1', to: '10.5.5.254' }]);
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
        { cipher: 'aes256', integrity: 'sha256', lifetimeSeconds: 28800, lifetimeKilobytes: 4608000 },
        { cipher: 'aes128', integrity: 'sha1', lifetimeSeconds: 28800, lifetimeKilobytes: 4608000 },
      ],
      proxies: { local: { address: '192.168.1.0/24', protocol: 6 }, remote: { address: '192.168.2.0/24', protocol: 6 } },
    });
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

describe('compilation: what the node settings drive in the engine', () => {
  const spoke = (node: string, edit: (t: string) => string = (t) => t) => exampleConfig('ios-spoke.yaml', (t) => edit(t.replace('address: 10.100.2.102 }', `address: 10.100.2.102, ${node} }`)));
  const hub = '10.48.67.181';

  it('NAT traversal is on by default (IOS), off with nat-traversal: false, forced with { force: true }; keepalive and the peer NAT-T port', () => {
    expect(compiled(exampleConfig('ios-spoke.yaml'), hub).policy).toMatchObject({ natTraversal: true });
    expect(compiled(exampleConfig('ios-spoke.yaml'), hub).policy).not.toHaveProperty('forceEncapsulation');
    const off = compiled(spoke('nat-traversal: false'), hub).policy;
    expect(off).not.toHaveProperty('natTraversal');
    const forced = compiled(
      spoke('nat-traversal: { force: true }, nat-keepalive: 10', (t) => t.replace('{ peer: 10.48.67.181,', '{ peer: "10.48.67.181:5000", peer-natt-port: 5001,')),
      hub,
    ).policy;
    expect(forced).toMatchObject({ natTraversal: true, forceEncapsulation: true, natKeepaliveSeconds: 10, peerPort: 5000, peerNattPort: 5001 });
  });

  it('DPD: interval, retry interval, retries and periodic / on-demand (crypto isakmp keepalive 10 2 periodic)', () => {
    expect(compiled(spoke('dpd: { interval: 10, retry-interval: 2, retries: 3, mode: periodic }'), hub).policy.dpd).toEqual({ intervalSeconds: 10, retries: 3, retryIntervalSeconds: 2, mode: 'periodic' });
    expect(compiled(spoke('dpd: { interval: 30 }'), hub).policy.dpd).toEqual({ intervalSeconds: 30, retries: 2, retryIntervalSeconds: 2, mode: 'on-demand' });
    expect(compiled(exampleConfig('ios-spoke.yaml'), hub).policy).not.toHaveProperty('dpd');
  });

  it('INITIAL-CONTACT, the hostname identity, rekeying switches', () => {
    const p = compiled(spoke('initial-contact: true, identity: hostname, hostname: spoke.example.com, rekey: false, delete-rekeyed: true'), hub).policy;
    expect(p).toMatchObject({ initialContact: true, identity: { type: 'fqdn', value: 'spoke.example.com' }, rekey: false, deleteRekeyed: true });
    // without hostname: the node name (as IOS uses the router's host name)
    expect(compiled(spoke('identity: hostname'), hub).policy.identity).toEqual({ type: 'fqdn', value: 'spoke' });
    const d = compiled(exampleConfig('ios-spoke.yaml'), hub).policy;
    for (const k of ['initialContact', 'identity', 'rekey', 'deleteRekeyed']) expect(d).not.toHaveProperty(k);
  });

  it('IPsec lifetimes: the global default (crypto ipsec security-association lifetime) in seconds and kilobytes, an entry lifetime wins', () => {
    const global = spoke('ipsec-lifetime: { seconds: 1800, kilobytes: 10000 }');
    expect(compiled(global, hub).policy.esp).toEqual([{ cipher: '3des', integrity: 'sha1', lifetimeSeconds: 1800, lifetimeKilobytes: 10000 }]);
    const own = spoke('ipsec-lifetime: { seconds: 1800, kilobytes: 10000 }', (t) => t.replace('match-address: 100 }', 'match-address: 100, lifetime: { kilobytes: 5000 } }'));
    expect(compiled(own, hub).policy.esp).toEqual([{ cipher: '3des', integrity: 'sha1', lifetimeKilobytes: 5000 }]);
    // the responder's crypto map uses the same lifetimes
    expect(selectQuickPolicy(global, hub, undefined, { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' }, pfsGroup: 0 })).toMatchObject({ esp: [{ lifetimeSeconds: 1800, lifetimeKilobytes: 10000 }] });
  });

  it('transport mode: a transform set with mode: transport', () => {
    const c = exampleConfig('ios-spoke.yaml', (t) => t.replace('myset: esp-3des esp-sha-hmac', 'myset: { esp: esp-3des esp-sha-hmac, mode: transport }'));
    expect(compiled(c, hub).policy.espMode).toBe('transport');
    expect(compiled(exampleConfig('ios-spoke.yaml'), hub).policy).not.toHaveProperty('espMode');
  });
});

describe('compilation: XAUTH and Mode-Config', () => {
  it('a VPN client: the entry names its profile (set isakmp-profile): KEY_ID group identity, XAUTH credentials, Mode-Config pull, Aggressive Mode', () => {
    const r = compiled(exampleConfig('ios-vpn-client.yaml'), '10.48.67.181');
    expect(r.profile?.name).toBe('hub');
    expect(r.policy).toMatchObject({
      psk: 'cisco321',
      mode: 'aggressive',
      identity: { type: 'key-id', value: 'testgroup' },
      xauth: { username: 'gfullage', password: 'cisco' },
      modeConfigClient: { mode: 'pull' },
      proxies: { local: { address: '0.0.0.0/0' }, remote: { address: '0.0.0.0/0' } },
    });
    expect(r.policy).not.toHaveProperty('xauthUsers');
  });

  it('a server profile with mode-config initiate pushes; xauth-attempts; the group policy split-include ACL becomes the split networks', () => {
    const hub = exampleConfig('ios-hub.yaml', (t) =>
      t
        .replace('    xauth: true\n    mode-config: respond', '    xauth: true\n    xauth-attempts: 2\n    mode-config: initiate')
        .replace('domain: cisco.com }', 'domain: cisco.com, split-include: split }\naccess-lists:\n  split:\n    - permit ip 10.1.0.0 0.0.255.255 any\n    - deny ip any any\n    - permit ip 10.9.0.0 0.0.0.255 any'),
    );
    const p = compiled(hub, '10.51.82.100', { type: 'group', value: 'testgroup' }).policy;
    expect(p.xauthAttempts).toBe(2);
    expect(p.modeConfig).toMatchObject({ mode: 'push', pool: 'ippool', splitInclude: ['10.1.0.0/16', '10.9.0.0/24'] });
  });

  it('ASA remote access: DefaultRAGroup serves XAUTH with the users and Mode-Config with its pool (and mask) and group policy', () => {
    const r = compiled(exampleConfig('asa-ra.yaml'), '203.0.113.9');
    expect(r.tunnelGroup?.name).toBe('DefaultRAGroup');
    expect(r.policy).toMatchObject({
      xauthUsers: [{ username: 'test', password: 'test' }],
      modeConfig: { mode: 'pull', pool: 'Address-pool', netmask: '255.255.255.0', domain: 'cisco.com' },
      pools: [{ name: 'Address-pool', from: '192.168.1.1', to: '192.168.1.254' }],
    });
    // an ASA LAN-to-LAN tunnel group: neither
    expect(compiled(exampleConfig('asa-l2l.yaml'), '10.0.0.2').policy).not.toHaveProperty('xauthUsers');
  });
});
