import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../analyzer/report/redact.js';
import { docExamples, exampleConfig } from '../testing.js';
import { parseAclLine, aclPermits, aclProxies } from './acl.js';
import { parsePrefix, prefixText } from './addresses.js';
import { loadConfigText } from './load.js';
import { configText } from './redact.js';

const errorsOf = (text: string, name = 'bad.yaml'): readonly string[] => {
  const r = loadConfigText(text, name);
  return r.ok ? [] : r.errors;
};

const SPOKE = docExamples().find((e) => e.name === 'ios-spoke.yaml')!.text;

describe('peer config: the documented examples', () => {
  it('every example of docs/peer-config.md validates (one per seed pattern, and JSON)', () => {
    const ex = docExamples();
    expect(ex.map((e) => e.name)).toEqual(['ios-hub.yaml', 'ios-spoke.yaml', 'ios-vpn-client.yaml', 'ios-ted.yaml', 'asa-l2l.yaml', 'asa-ra.yaml', 'ios-map-order.yaml', 'example-7.json']);
    for (const e of ex) expect(errorsOf(e.text, e.name), e.name).toEqual([]);
  });

  it('the hub reads as the seed configures it: wildcard keyring, two profiles, a dynamic map with two entries', () => {
    const c = exampleConfig('ios-hub.yaml');
    expect(c.node).toMatchObject({ name: 'hub', address: '10.48.67.181', ikePort: 500, nattPort: 4500 });
    expect(c.isakmpPolicies).toEqual([{ priority: 10, encryption: '3des', hash: 'sha1', group: 2, lifetime: 86400, authentication: 'pre-share' }]);
    expect(c.keyrings[0]!.keys.map((k) => [k.match.kind, k.match.kind === 'address' ? prefixText(k.match.prefix) : '', k.key])).toEqual([['address', '0.0.0.0/0', 'cisco123']]);
    expect(c.isakmpProfiles.map((p) => [p.name, p.xauth, p.modeConfig ?? null, p.keyrings])).toEqual([
      ['L2L', false, null, ['spokes']],
      ['VPNclient', true, 'respond', []],
    ]);
    expect(c.dynamicMaps.get('dynmap')!.map((e) => [e.seq, e.isakmpProfile])).toEqual([
      [5, 'VPNclient'],
      [10, 'L2L'],
    ]);
    expect(c.cryptoMaps.get('mymap')).toEqual([{ kind: 'dynamic', seq: 10, dynamicMap: 'dynmap' }]);
    expect(c.transformSets.get('myset')).toEqual({ name: 'myset', encryption: '3des', integrity: 'sha1', mode: 'tunnel' });
    expect(c.tunnelGroups.get('testgroup')).toMatchObject({ type: 'remote-access', preSharedKey: 'cisco321', addressPool: 'ippool' });
  });

  it('entries are ordered by sequence number and ISAKMP policies by priority, whatever the file order', () => {
    const c = exampleConfig('ios-map-order.yaml', (t) =>
      t.replace('isakmp-policies:\n  10: { encryption: 3des, group: 2 }', 'isakmp-policies:\n  20: { encryption: aes 256, hash: sha256, group: 14 }\n  5: { encryption: 3des, group: 2 }'),
    );
    expect(c.isakmpPolicies.map((p) => [p.priority, p.encryption])).toEqual([
      [5, '3des'],
      [20, 'aes256'],
    ]);
    const reordered = exampleConfig('ios-map-order.yaml', (t) => t.replace(/    10: (\{.*\})\n    60000: (\{.*\})/, '    60000: $2\n    10: $1'));
    expect(reordered.cryptoMaps.get('mymap')!.map((e) => e.seq)).toEqual([10, 60000]);
  });
});

describe('peer config: errors are one sentence naming the path', () => {
  const cases: [string, (t: string) => string, string][] = [
    ['an undefined transform set', (t) => t.replace('transform-sets: myset, match', 'transform-sets: [myset, TS9], match'), 'bad.yaml: crypto-maps.mymap.10.transform-sets: "TS9" is not defined'],
    ['an undefined ACL', (t) => t.replace('match-address: 100', 'match-address: 101'), 'bad.yaml: crypto-maps.mymap.10.match-address: "101" is not defined'],
    ['a static entry without a peer', (t) => t.replace('peer: 10.48.67.181, ', ''), 'bad.yaml: crypto-maps.mymap.10.peer: is required'],
    ['a bad peer address', (t) => t.replace('peer: 10.48.67.181', 'peer: 10.48.67.300'), 'bad.yaml: crypto-maps.mymap.10.peer: "10.48.67.300" is not an IPv4 address (or address:port)'],
    ['a misspelt setting', (t) => t.replace('{ address: 10.48.67.181, key', '{ address: 10.48.67.181, kee'), 'bad.yaml: keyrings.default.0.kee: is not a setting here (known: address, hostname, group, key)'],
    ['an unknown DH group', (t) => t.replace('group: 2', 'group: 3'), 'bad.yaml: isakmp-policies.10.group: 3 is not a Diffie-Hellman group this engine has (1, 2, 5, 14-21)'],
    ['an unknown cipher', (t) => t.replace('encryption: 3des', 'encryption: blowfish'), 'bad.yaml: isakmp-policies.10.encryption: "blowfish" is not one of des, 3des, aes, aes 128, aes 192, aes 256, aes-192, aes-256, aes128, aes192, aes256'],
    ['a bad priority', (t) => t.replace('  10: { encryption', '  0: { encryption'), 'bad.yaml: isakmp-policies.0: must be a whole number from 1 to 65535, not "0"'],
    ['an unknown transform', (t) => t.replace('esp-3des esp-sha-hmac', 'esp-3des esp-sha9-hmac'), 'bad.yaml: transform-sets.myset: "esp-sha9-hmac" is not a transform this engine has (esp-des, esp-3des, esp-aes, esp-aes 128, esp-aes 192, esp-aes 256, esp-aes-192, esp-aes-256, esp-md5-hmac, esp-sha-hmac, esp-sha256-hmac, esp-sha384-hmac, esp-sha512-hmac)'],
    ['a transform set without an HMAC', (t) => t.replace('esp-3des esp-sha-hmac', 'esp-3des'), 'bad.yaml: transform-sets.myset: needs an ESP HMAC (esp-md5-hmac, esp-sha-hmac, esp-sha256-hmac, ...)'],
    ['a bad ACL line', (t) => t.replace('permit ip 10.2.0.0 0.0.255.255', 'permit ip 10.2.0.0 0.255.0.255'), 'bad.yaml: access-lists.100.0: the source "10.2.0.0 0.255.0.255" is not an address with a netmask or a wildcard mask'],
    ['an ACL port on ip', (t) => t.replace('10.1.0.0 0.0.255.255', '10.1.0.0 0.0.255.255 eq 80'), 'bad.yaml: access-lists.100.0: a port needs protocol tcp or udp, not ip'],
    ['no node', (t) => t.replace(/^node: .*\n/m, ''), 'bad.yaml: node: is required'],
    ['an unknown section', (t) => t + 'crypto-map:\n  x: 1\n', 'bad.yaml: crypto-map: is not a setting here (known: node, isakmp-policies, keyrings, isakmp-profiles, transform-sets, access-lists, crypto-maps, dynamic-maps, tunnel-groups, group-policies, address-pools, xauth-users)'],
    ['the same IKE and NAT-T port', (t) => t.replace('address: 10.100.2.102 }', 'address: 10.100.2.102, ike-port: 4500 }'), 'bad.yaml: node.natt-port: must differ from node.ike-port (4500)'],
    ['an unknown ESP mode', (t) => t.replace('myset: esp-3des esp-sha-hmac', 'myset: { esp: esp-3des esp-sha-hmac, mode: tunel }'), 'bad.yaml: transform-sets.myset.mode: "tunel" is not tunnel or transport'],
    ['a bad nat-traversal setting', (t) => t.replace('address: 10.100.2.102 }', 'address: 10.100.2.102, nat-traversal: { forced: true } }'), 'bad.yaml: node.nat-traversal.forced: is not a setting here (known: force)'],
    ['nat-traversal force not a flag', (t) => t.replace('address: 10.100.2.102 }', 'address: 10.100.2.102, nat-traversal: { force: yes please } }'), 'bad.yaml: node.nat-traversal.force: must be true or false, not "yes please"'],
    ['a bad DPD mode', (t) => t.replace('address: 10.100.2.102 }', 'address: 10.100.2.102, dpd: { interval: 10, mode: always } }'), 'bad.yaml: node.dpd.mode: "always" is not one of periodic, on-demand'],
    ['a DPD retry interval out of range', (t) => t.replace('address: 10.100.2.102 }', 'address: 10.100.2.102, dpd: { interval: 10, retry-interval: 1 } }'), 'bad.yaml: node.dpd.retry-interval: must be a whole number from 2 to 60, not 1'],
    ['an unknown identity', (t) => t.replace('address: 10.100.2.102 }', 'address: 10.100.2.102, identity: dn }'), 'bad.yaml: node.identity: "dn" is not one of address, hostname'],
    ['a bad global IPsec lifetime', (t) => t.replace('address: 10.100.2.102 }', 'address: 10.100.2.102, ipsec-lifetime: { kilobytes: 10 } }'), 'bad.yaml: node.ipsec-lifetime.kilobytes: must be a whole number from 2560 to 4294967295, not 10'],
    ['an ISAKMP lifetime under IOS\'s minimum', (t) => t.replace('group: 2 }', 'group: 2, lifetime: 20 }'), 'bad.yaml: isakmp-policies.10.lifetime: must be a whole number from 60 to 86400, not 20 (node.lab-short-lifetimes: true allows from 10 s, for tests and labs)'],
    ['an IPsec lifetime under IOS\'s minimum', (t) => t.replace('match-address: 100 }', 'match-address: 100, lifetime: { seconds: 20 } }'), 'bad.yaml: crypto-maps.mymap.10.lifetime.seconds: must be a whole number from 120 to 86400, not 20 (node.lab-short-lifetimes: true allows from 10 s, for tests and labs)'],
    ['a lifetime under the lab\'s minimum', (t) => t.replace('address: 10.100.2.102 }', 'address: 10.100.2.102, lab-short-lifetimes: true, ipsec-lifetime: { seconds: 9 } }'), 'bad.yaml: node.ipsec-lifetime.seconds: must be a whole number from 10 to 86400, not 9'],
    ['lab-short-lifetimes not a flag', (t) => t.replace('address: 10.100.2.102 }', 'address: 10.100.2.102, lab-short-lifetimes: 10 }'), 'bad.yaml: node.lab-short-lifetimes: must be true or false, not 10'],
    ['a bad peer NAT-T port', (t) => t.replace('peer: 10.48.67.181,', 'peer: 10.48.67.181, peer-natt-port: 0,'), 'bad.yaml: crypto-maps.mymap.10.peer-natt-port: must be a whole number from 1 to 65535, not 0'],
    ['a profile self-identity with two identities', (t) => t + 'isakmp-profiles:\n  c: { match: [{ address: 0.0.0.0/0 }], self-identity: { key-id: g, fqdn: a.b } }\n', 'bad.yaml: isakmp-profiles.c.self-identity: needs exactly one of address, fqdn, user-fqdn or key-id'],
    ['XAUTH client credentials without a password', (t) => t + 'isakmp-profiles:\n  c: { match: [{ address: 0.0.0.0/0 }], xauth-client: { username: u } }\n', 'bad.yaml: isakmp-profiles.c.xauth-client.password: is required'],
    ['an unknown Mode-Config client mode', (t) => t + 'isakmp-profiles:\n  c: { match: [{ address: 0.0.0.0/0 }], mode-config-client: respond }\n', 'bad.yaml: isakmp-profiles.c.mode-config-client: "respond" is not one of pull, push'],
  ];
  for (const [what, edit, sentence] of cases) {
    it(what, () => {
      const text = edit(SPOKE);
      expect(text).not.toBe(SPOKE);
      expect(errorsOf(text)).toEqual([sentence]);
    });
  }

  it('node.lab-short-lifetimes: ISAKMP and IPsec lifetimes from 10 s (node, policies, map entries); without it IOS\'s ranges', () => {
    const short = SPOKE.replace('address: 10.100.2.102 }', 'address: 10.100.2.102, lab-short-lifetimes: true, ipsec-lifetime: { seconds: 10 } }')
      .replace('group: 2 }', 'group: 2, lifetime: 10 }')
      .replace('match-address: 100 }', 'match-address: 100, lifetime: { seconds: 12 } }');
    const r = loadConfigText(short, 'lab.yaml');
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    expect(r.config.node.labShortLifetimes).toBe(true);
    expect(r.config.node.ipsecLifetime).toEqual({ seconds: 10 });
    expect(r.config.isakmpPolicies[0]!.lifetime).toBe(10);
    expect(r.config.cryptoMaps.get('mymap')![0]).toMatchObject({ lifetime: { seconds: 12 } });
    expect(errorsOf(short.replace('lab-short-lifetimes: true', 'lab-short-lifetimes: false')).length).toBe(3);
    const ios = loadConfigText(SPOKE, 'spoke.yaml');
    expect(ios.ok && ios.config.node.labShortLifetimes).toBe(undefined);
  });

  it('references across sections: dynamic maps, profiles, keyrings, pools, group policies', () => {
    const hub = docExamples().find((e) => e.name === 'ios-hub.yaml')!.text;
    const bad = hub
      .replace('10: { dynamic: dynmap }', '10: { dynamic: dynmap2 }')
      .replace('isakmp-profile: L2L', 'isakmp-profile: L2X')
      .replace('keyring: spokes', 'keyring: spokez')
      .replace('address-pool: ippool', 'address-pool: pool9')
      .replace('group-policy: testgroup', 'group-policy: gp9');
    expect(errorsOf(bad)).toEqual([
      'bad.yaml: tunnel-groups.testgroup.address-pool: "pool9" is not defined',
      'bad.yaml: tunnel-groups.testgroup.group-policy: "gp9" is not defined',
      'bad.yaml: isakmp-profiles.L2L.keyring: "spokez" is not defined',
      'bad.yaml: dynamic-maps.dynmap.10.isakmp-profile: "L2X" is not defined',
      'bad.yaml: crypto-maps.mymap.10.dynamic: "dynmap2" is not defined',
    ]);
  });

  it('a secret is never quoted in an error', () => {
    const errs = errorsOf(SPOKE.replace('key: cisco123', 'key: [cisco123]'));
    expect(errs).toEqual(['bad.yaml: keyrings.default.0.key: must be a non-empty text']);
    expect(errs.join('')).not.toContain('cisco123');
  });

  it('YAML and JSON syntax errors name the line and column, not the text', () => {
    expect(errorsOf('node: { address: 10.0.0.1 }\nkeyrings:\n  a: [{ address: 1.2.3.4, key: s3cret }]\nkeyrings: {}\n')).toEqual([
      'bad.yaml is not valid YAML at line 4, column 1: map keys must be unique',
    ]);
    const json = errorsOf('{ "node": { "address": "10.0.0.1" }, "keyrings": { "a": [{ "key": "s3cret",, }] } }', 'bad.json');
    expect(json).toHaveLength(1);
    expect(json[0]).toMatch(/^bad\.json is not valid JSON at line 1, column \d+: /);
    expect(json[0]).not.toContain('s3cret');
    expect(errorsOf('- just\n- a list\n')).toEqual(['bad.yaml: the file must hold a mapping of settings (node, isakmp-policies, crypto-maps, ...)']);
  });
});

describe('peer config: printing', () => {
  it('redacts keys, pre-shared keys and passwords unless asked', () => {
    const hub = docExamples().find((e) => e.name === 'ios-hub.yaml')!.text;
    const r = loadConfigText(hub, 'hub.yaml');
    if (!r.ok) throw new Error(r.errors.join());
    const text = configText(r.raw);
    for (const secret of ['cisco123', 'cisco321', 'password: cisco']) expect(text).not.toContain(secret);
    expect(text.split(REDACTED).length - 1).toBe(3);
    expect(text).toContain('address: 0.0.0.0 0.0.0.0');
    expect(configText(r.raw, true)).toContain('cisco321');
  });
});

describe('addresses and crypto ACLs', () => {
  it('reads CIDR, IOS wildcards, ASA netmasks, hosts and any', () => {
    for (const [text, want] of [
      ['10.2.0.0 0.0.255.255', '10.2.0.0/16'],
      ['192.168.1.0 255.255.255.0', '192.168.1.0/24'],
      ['0.0.0.0 0.0.0.0', '0.0.0.0/0'],
      ['0.0.0.0 255.255.255.255', '0.0.0.0/0'],
      ['10.1.1.1 0.0.0.0', '10.1.1.1'],
      ['10.1.1.1 255.255.255.255', '10.1.1.1'],
      ['10.1.0.0/16', '10.1.0.0/16'],
      ['any', '0.0.0.0/0'],
      ['10.1.1.1', '10.1.1.1'],
    ] as const)
      expect(prefixText(parsePrefix(text)!), text).toBe(want);
    for (const bad of ['10.1.0.1/16', '10.2.0.0 0.255.0.255', '10.1.1', '300.1.1.1']) expect(parsePrefix(bad), bad).toBeUndefined();
  });

  it('turns the first permit line into proxies and judges offers by the first line covering them', () => {
    const lines = ['deny ip host 10.1.1.99 any', 'permit tcp 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255 eq 80', 'permit ip 10.1.0.0/16 10.2.0.0/16'].map((l) => {
      const x = parseAclLine(l);
      if (typeof x === 'string') throw new Error(x);
      return x;
    });
    expect(aclProxies(lines)).toEqual({ local: { address: '10.1.0.0/16', protocol: 6 }, remote: { address: '10.2.0.0/16', protocol: 6, port: 80 } });
    expect(aclPermits(lines, { address: '10.1.5.0/24' }, { address: '10.2.0.0/16' })).toBe(true);
    expect(aclPermits(lines, { address: '10.1.1.99' }, { address: '10.2.0.1' })).toBe(false); // denied first
    expect(aclPermits(lines, { address: '10.1.0.0/15' }, { address: '10.2.0.0/16' })).toBe(false); // wider than the ACL
    expect(aclPermits(lines, { address: '10.3.0.0/16' }, { address: '10.2.0.0/16' })).toBe(false);
    expect(parseAclLine('permit ip host 1.2.3.4 any extra')).toBe('"extra" after the destination is not understood');
    expect(parseAclLine('allow ip any any')).toBe('"allow ip any any" does not start with permit or deny');
  });
});
