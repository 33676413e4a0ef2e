// The `ikelens peer` configs generated from scenario policies: every scenario's reference side
// validates against the peer config schema and compiles into the engine policy the scenario means
// (proposals, PSK, proxies, PFS, mode, identities, XAUTH / Mode-Config roles); the key file reads back.
import { describe, expect, it } from 'vitest';
import { compilePeer } from '../peer/compile.js';
import { validateConfig } from '../peer/config/validate.js';
import { espSaRecord, ikev1DecryptionRecord, tsharkKeyArgs } from '../crypto/wireshark.js';
import { fromHex } from '../crypto/bytes.js';
import { LAB_PLAN } from '../lab/netns.js';
import { poolRange, referenceConfig } from './reference-config.js';
import { readReferenceKeys } from './reference-keys.js';
import { loadScenarios, SIDES, type Side } from './scenario.js';
import type { Endpoints } from './strongswan-config.js';
import type { QuickOffer } from '../ikev1/policy.js';

const endpoints = (side: Side): Endpoints => {
  const [me, other] = side === 'initiator' ? [LAB_PLAN.i, LAB_PLAN.r] : [LAB_PLAN.r, LAB_PLAN.i];
  return { role: side, local: me.outer, remote: other.outer, localNet: me.innerNet, remoteNet: other.innerNet };
};

function compiled(name: string, side: Side, identity?: { type: 'group' | 'fqdn'; value: string }) {
  const s = loadScenarios(undefined, name).find((x) => x.name === name)!;
  const e = endpoints(side);
  const v = validateConfig(referenceConfig(s[side], e));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  const c = compilePeer(v.config, { address: e.remote, ...(identity ? { identity } : {}) });
  if (!c.ok) throw new Error(c.reason);
  return c;
}

describe('referenceConfig', () => {
  it('every reference side of every scenario validates and compiles for its peer', () => {
    const refs = loadScenarios().flatMap((s) => SIDES.filter((side) => s[side].kind === 'reference').map((side) => ({ s, side })));
    expect(refs.length).toBeGreaterThanOrEqual(25);
    for (const { s, side } of refs) {
      const v = validateConfig(referenceConfig(s[side], endpoints(side)));
      expect(v.ok ? [] : v.errors, `${s.name} ${side}`).toEqual([]);
    }
  });

  it('short lifetimes (ikeLifetimeS, ipsecLifetimeS): the ISAKMP policies\' and the map entry\'s lifetimes, node.lab-short-lifetimes only below IOS\'s minimums', () => {
    const p2 = compiled('ref-i-rekey-p2-by-reference', 'initiator');
    expect(p2.policy.esp.every((x) => x.lifetimeSeconds === 14)).toBe(true);
    const p1 = compiled('ref-r-rekey-p1-by-reference', 'responder');
    expect(p1.policy.ike.map((x) => x.lifetimeSeconds)).toEqual([14]);
    const s = loadScenarios(undefined, 'ref-i-rekey-p2-by-reference')[0]!;
    const node = (extra: object) => referenceConfig({ ...s.initiator, ...extra }, endpoints('initiator')).node as Record<string, unknown>;
    expect(node({})['lab-short-lifetimes']).toBe(true);
    expect(node({ ipsecLifetimeS: 120 })['lab-short-lifetimes']).toBeUndefined();
    expect(node({ ipsecLifetimeS: undefined, ikeLifetimeS: 59 })['lab-short-lifetimes']).toBe(true);
    expect(node({ ipsecLifetimeS: undefined })['lab-short-lifetimes']).toBeUndefined();
  });

  it('DPD (dpdS): periodic probes after that many idle seconds, 2 retries 2 s apart', () => {
    expect(compiled('ref-i-dpd-dead', 'initiator').policy.dpd).toEqual({ intervalSeconds: 10, retries: 2, retryIntervalSeconds: 2, mode: 'periodic' });
    expect(compiled('ref-i-mm-psk-aes256-sha256-modp1536-pfs5', 'initiator').policy.dpd).toBeUndefined();
  });

  it('NAT keepalives (natKeepaliveS): node.nat-keepalive, the engine\'s natKeepaliveSeconds', () => {
    expect(compiled('ref-i-nat-real', 'initiator').policy.natKeepaliveSeconds).toBe(5);
    expect(compiled('ref-i-mm-psk-aes256-sha256-modp1536-pfs5', 'initiator').policy.natKeepaliveSeconds).toBeUndefined();
  });

  it('a Main Mode initiator: proposals, PSK, ACL proxies, PFS, ESP in order', () => {
    const c = compiled('ref-i-mm-psk-aes256-sha256-modp1536-pfs5', 'initiator');
    expect(c.policy).toMatchObject({
      psk: 'labsecret123',
      mode: 'main',
      pfsGroup: 5,
      ike: [{ cipher: 'aes256', hash: 'sha256', group: 5 }],
      esp: [{ cipher: 'aes256', integrity: 'sha256' }],
      proxies: { local: { address: '10.99.1.0/24' }, remote: { address: '10.99.2.0/24' } },
    });
  });

  it('an Aggressive Mode initiator without PFS', () => {
    const c = compiled('refref-am-psk-3des-sha1-modp1024-nopfs', 'initiator');
    expect(c.policy.mode).toBe('aggressive');
    expect(c.policy.pfsGroup ?? null).toBeNull();
    expect(c.policy.forceEncapsulation).toBe(true);
  });

  it('a VPN client: key-id identity, XAUTH credentials, Mode-Config pull', () => {
    const c = compiled('ref-i-am-xauth-modecfg', 'initiator');
    expect(c.policy).toMatchObject({ identity: { type: 'key-id', value: 'vpngroup' }, xauth: { username: 'alice', password: 'alicepass' }, modeConfigClient: { mode: 'pull' } });
  });

  it('a VPN gateway: the group tunnel group gives the key, XAUTH users, the pool; an FQDN identity', () => {
    const c = compiled('ref-r-am-xauth-modecfg', 'responder', { type: 'group', value: 'vpngroup' });
    expect(c.policy.psk).toBe('groupsecret');
    expect(c.policy.identity).toMatchObject({ type: 'fqdn', value: 'gw.lab' });
    expect(c.keySource).toContain('vpngroup');
    expect(c.tunnelGroup?.addressPool).toBe('lab-pool');
  });

  it('a responder whose peer is behind a NAT is configured as a hub: wildcard key, a dynamic entry with the ACL; any address gets the key, only the ACL\'s proxies are admitted', () => {
    const s = loadScenarios(undefined, 'ref-r-nat-real')[0]!;
    const e: Endpoints = { ...endpoints('responder'), remote: '10.99.0.254', remoteBehindNat: '10.99.8.1' };
    const config = referenceConfig(s.responder, e);
    expect(config.keyrings).toEqual({ default: [{ address: '0.0.0.0 0.0.0.0', key: 'labsecret123' }] });
    expect(config['crypto-maps']).toEqual({ lab: { 65535: { dynamic: 'lab-dyn' } } });
    const v = validateConfig(config);
    if (!v.ok) throw new Error(v.errors.join('\n'));
    for (const address of ['10.99.0.254', '192.0.2.7']) {
      const c = compilePeer(v.config, { address });
      if (!c.ok) throw new Error(c.reason);
      expect(c.policy.psk).toBe('labsecret123');
      const offer = { local: { address: '10.99.2.0/24' }, remote: { address: '10.99.1.0/24' }, pfsGroup: 14 } as QuickOffer;
      expect(c.policy.quickResponder!(offer)).toMatchObject({ pfsGroup: 14, proxies: { local: { address: '10.99.2.0/24' }, remote: { address: '10.99.1.0/24' } } });
      expect(c.policy.quickResponder!({ ...offer, remote: { address: '10.99.7.0/24' } } as QuickOffer)).toMatch(/no entry of crypto map lab admits/);
    }
    // without a NAT the same responder has its one static entry for the peer's address
    expect(referenceConfig(s.responder, endpoints('responder'))['crypto-maps']).toEqual({ lab: { 10: expect.objectContaining({ peer: '10.99.0.1' }) } });
  });

  it('pool bounds', () => {
    expect(poolRange('10.99.3.0/24')).toEqual({ from: '10.99.3.1', to: '10.99.3.254', mask: '255.255.255.0' });
    expect(poolRange('192.168.8.128/25')).toEqual({ from: '192.168.8.129', to: '192.168.8.254', mask: '255.255.255.128' });
  });
});

describe('readReferenceKeys', () => {
  it('reads back the tshark values `ikelens peer --keys` writes, and skips what it does not know', () => {
    const ike = [{ icookie: '32b4aa78dbe65f06', encKey: fromHex('23aab0ed69d36bd444c50938b5d347e5') }];
    const esp = [
      { src: '10.99.0.1', dst: '10.99.0.2', spi: fromHex('14a7d848'), encryption: '3des-cbc' as const, encKey: new Uint8Array(24).fill(1), integrity: 'hmac-sha1-96' as const, authKey: new Uint8Array(20).fill(2) },
      { src: '10.99.0.2', dst: '10.99.0.1', spi: fromHex('28fa5ae7'), encryption: 'aes-cbc' as const, encKey: new Uint8Array(32).fill(3), integrity: 'hmac-sha256-128' as const, authKey: new Uint8Array(32).fill(4) },
    ];
    const values = tsharkKeyArgs({ ike, esp }).filter((_, i) => i % 2 === 1);
    const text = ['# ikelens peer x: tshark preferences', ...values, 'uat:esp_sa:"IPv4","a","b"', ''].join('\n');
    const t = readReferenceKeys(text);
    expect(t.ike.map(ikev1DecryptionRecord)).toEqual(ike.map(ikev1DecryptionRecord));
    expect(t.esp.map(espSaRecord)).toEqual(esp.map(espSaRecord));
  });
});
