// swanctl.conf generated from the scenarios' policies: the settings of the lab recipes
// (shared/lab/README.md §2.4, 2.7, 2.8). That charon accepts and negotiates with them is what
// interop.e2e.test.ts shows.
import { describe, expect, it } from 'vitest';
import { strongswanConf } from '../lab/charon.js';
import { LAB_PLAN } from '../lab/netns.js';
import { loadScenarios } from './scenario.js';
import { espProposal, ikeProposal, swanctlConf, type Endpoints } from './strongswan-config.js';

const ends = (role: 'initiator' | 'responder'): Endpoints => {
  const [me, other] = role === 'initiator' ? [LAB_PLAN.i, LAB_PLAN.r] : [LAB_PLAN.r, LAB_PLAN.i];
  return { role, local: me.outer, remote: other.outer, localNet: me.innerNet, remoteNet: other.innerNet };
};
const scenario = (name: string) => loadScenarios(undefined, name).find((s) => s.name === name)!;
const setting = (conf: string, key: string) => conf.split('\n').filter((l) => l.trim().startsWith(`${key} =`)).map((l) => l.trim());

describe('strongSwan proposals', () => {
  it('IKE: encryption-hash-group; ESP: a DH group only with PFS', () => {
    expect(ikeProposal({ encryption: '3des', hash: 'sha1', group: 2 })).toBe('3des-sha1-modp1024');
    expect(ikeProposal({ encryption: 'aes128', hash: 'sha256', group: 19 })).toBe('aes128-sha256-ecp256');
    expect(espProposal({ encryption: 'aes256', integrity: 'sha256' }, 5)).toBe('aes256-sha256-modp1536');
    expect(espProposal({ encryption: 'aes256', integrity: 'sha256' }, null)).toBe('aes256-sha256');
    expect(() => ikeProposal({ encryption: 'aes128', hash: 'sha1', group: 99 })).toThrow(/group 99/);
  });
});

describe('swanctlConf', () => {
  it('a responder whose peer is behind a NAT accepts it from any address, with the peer\'s own (private) address as its identity', () => {
    const conf = swanctlConf(scenario('nat-real-mm-psk-aes256-sha256-modp2048-pfs14').responder, { ...ends('responder'), remote: '10.99.0.254', remoteBehindNat: '10.99.8.1' });
    expect(setting(conf, 'remote_addrs')).toEqual(['remote_addrs = %any']);
    expect(setting(conf, 'id')).toEqual(['id = 10.99.0.2', 'id = 10.99.8.1']);
    expect(setting(conf, 'id-2')).toEqual(['id-2 = 10.99.8.1']);
    const plain = swanctlConf(scenario('nat-real-mm-psk-aes256-sha256-modp2048-pfs14').responder, ends('responder'));
    expect(setting(plain, 'remote_addrs')).toEqual(['remote_addrs = 10.99.0.1']);
  });

  it('natKeepaliveS is strongswan.conf\'s charon.keep_alive (global, not swanctl.conf)', () => {
    expect(setting(strongswanConf('/lab/x', { keepAliveS: 5 }), 'keep_alive')).toEqual(['keep_alive = 5s']);
    expect(setting(strongswanConf('/lab/x'), 'keep_alive')).toEqual([]);
  });

  it('DPD and a short child rekey: dpd_delay / dpd_action, rekey_time with a hard life_time after it and no jitter', () => {
    const dpd = swanctlConf(scenario('ref-i-dpd-alive').responder, ends('responder'));
    expect([...setting(dpd, 'dpd_delay'), ...setting(dpd, 'dpd_action')]).toEqual(['dpd_delay = 10s', 'dpd_action = clear']);
    const rekey = swanctlConf(scenario('ref-i-rekey-p2').responder, ends('responder'));
    expect(['rekey_time', 'life_time', 'rand_time'].flatMap((k) => setting(rekey, k))).toEqual(['rekey_time = 10s', 'life_time = 20s', 'rand_time = 0s']);
    expect(setting(swanctlConf(scenario('mm-psk-aes128-sha1-modp2048-pfs14').initiator, ends('initiator')), 'dpd_delay')).toEqual([]);
  });

  it('a short IKE_SA rekey (IKEv1: re-authentication): rekey_time, over_time (default the rekey time), no jitter, on the connection', () => {
    const keys = ['rekey_time', 'over_time', 'rand_time'];
    const byCharon = (name: string, side: 'initiator' | 'responder') => keys.flatMap((k) => setting(swanctlConf(scenario(name)[side], ends(side)), k));
    expect(byCharon('ref-i-rekey-p1', 'responder')).toEqual(['rekey_time = 10s', 'over_time = 2s', 'rand_time = 0s']);
    expect(byCharon('ref-r-rekey-p1', 'initiator')).toEqual(['rekey_time = 10s', 'over_time = 10s', 'rand_time = 0s']);
    // on the connection, before its children (the child's rekey_time is ref-i-rekey-p2's)
    const conf = swanctlConf(scenario('ref-i-rekey-p1').responder, ends('responder'));
    expect(conf.indexOf('rekey_time')).toBeLessThan(conf.indexOf('children {'));
    expect(byCharon('ref-i-rekey-p2', 'responder')).toEqual(['rekey_time = 10s', 'rand_time = 0s']);
  });

  it('Main Mode site to site: mirrored addresses, IDs and traffic selectors, one PSK secret', () => {
    const s = scenario('mm-psk-aes128-sha1-modp2048-pfs14');
    const i = swanctlConf(s.initiator, ends('initiator'));
    const r = swanctlConf(s.responder, ends('responder'));
    expect(setting(i, 'aggressive')).toEqual(['aggressive = no']);
    expect(setting(i, 'proposals')).toEqual(['proposals = aes128-sha1-modp2048']);
    expect(setting(i, 'esp_proposals')).toEqual(['esp_proposals = aes128-sha1-modp2048']);
    expect(setting(i, 'local_ts').concat(setting(i, 'remote_ts'))).toEqual(['local_ts = 10.99.1.0/24', 'remote_ts = 10.99.2.0/24']);
    expect(setting(r, 'local_ts').concat(setting(r, 'remote_ts'))).toEqual(['local_ts = 10.99.2.0/24', 'remote_ts = 10.99.1.0/24']);
    expect(setting(r, 'remote_addrs')).toEqual(['remote_addrs = 10.99.0.1']);
    expect(setting(i, 'id')).toEqual(['id = 10.99.0.1', 'id = 10.99.0.2']);
    expect(setting(i, 'secret')).toEqual(['secret = labsecret123']);
  });

  it('XAUTH + Mode-Config: a second auth round on each side, a virtual IP request, a pool, any client address', () => {
    const s = scenario('am-xauth-modecfg');
    const i = swanctlConf(s.initiator, ends('initiator'));
    const r = swanctlConf(s.responder, ends('responder'));
    expect(setting(i, 'aggressive')).toEqual(['aggressive = yes']);
    expect(setting(i, 'auth')).toEqual(['auth = psk', 'auth = xauth', 'auth = psk']);
    expect(setting(i, 'xauth_id')).toEqual(['xauth_id = alice']);
    expect(setting(i, 'vips')).toEqual(['vips = 0.0.0.0']);
    expect(setting(i, 'local_ts')).toEqual([]);
    expect(setting(r, 'auth')).toEqual(['auth = psk', 'auth = psk', 'auth = xauth-generic']);
    expect(setting(r, 'remote_addrs')).toEqual(['remote_addrs = %any']);
    expect(setting(r, 'pools')).toEqual(['pools = pool1']);
    expect(setting(r, 'addrs')).toEqual(['addrs = 10.99.3.0/24']);
    expect(setting(r, 'remote_ts')).toEqual([]);
    expect(setting(r, 'id')).toEqual(['id = @gw.lab', 'id = keyid:vpngroup', 'id = alice']);
  });

  it('quotes values that are not plain tokens', () => {
    const s = scenario('mm-psk-aes128-sha1-modp2048-pfs14');
    const conf = swanctlConf({ ...s.initiator, psk: 'two words "quoted"' }, ends('initiator'));
    expect(setting(conf, 'secret')).toEqual(['secret = "two words \\"quoted\\""']);
  });
});
