import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, isKind, isLogOrigin, logOrigin, ofKind, spiHex, unsignedMsgid, type Event } from './events.js';

const base = { node: 'hub', origin: logOrigin('input.log', 10), peer: { address: '10.100.2.102', port: 500 }, role: 'responder' as const };

const samples: Event[] = [
  {
    ...base,
    kind: 'ike.msg',
    seq: 1,
    dir: 'in',
    exchange: 'main',
    msgid: 0,
    sa: { icookie: '0011223344556677' },
    payloads: [{ type: 'SA', number: 1 }, { type: 'VID', number: 13, vendorId: { name: 'dpd', hex: 'afcad71368a1f1c96b8696fc77570100' } }, { type: 'UNKNOWN', number: 17 }],
    label: 'MM1',
    local: { address: '10.48.67.181', port: 500 },
    remote: { address: '10.100.2.102', port: 500 },
  },
  { ...base, kind: 'ike.state', seq: 2, vendor: 'IKE_R_MM1', vendorKind: 'fsm', canonical: 'MAIN_R0', previous: { vendor: 'IKE_READY', canonical: 'IDLE' }, input: 'IKE_MESG_FROM_PEER, IKE_MM_EXCH' },
  { ...base, kind: 'ike.proposal', seq: 3, phase: 1, stage: 'accepted', proposal: 1, transform: 1, attrs: { encryption: '3des', hash: 'sha1', group: 2, auth: 'psk', lifetimeSeconds: 86400 }, policy: 'priority 10' },
  { ...base, kind: 'ike.proposal', seq: 4, phase: 2, stage: 'rejected', attrs: { protocol: 'esp', encryption: 'aes256', hash: 'sha256', pfsGroup: 14 }, reason: { attribute: 'pfsGroup', offered: 14, configured: 0 } },
  { ...base, kind: 'ike.notify', seq: 5, dir: 'in', type: 'INITIAL_CONTACT', number: 24578, protocol: 'isakmp' },
  { ...base, kind: 'ike.auth', seq: 6, method: 'psk', peerId: { type: 'ipv4-addr', value: '10.100.2.102', protocol: 17, port: 500 }, result: 'ok' },
  { ...base, kind: 'ike.phase', seq: 7, phase: 1, status: 'complete', mode: 'main' },
  { ...base, kind: 'ike.vid', seq: 8, dir: 'in', name: 'nat-t-draft-02', alsoMatches: ['nat-t-draft-02n'] },
  { ...base, kind: 'ike.natd', seq: 9, localBehindNat: false, peerBehindNat: true, floated: true },
  { ...base, kind: 'ike.xauth', seq: 10, step: 'set', dir: 'out', status: 'success', user: 'alice' },
  { ...base, kind: 'ike.cfg', seq: 11, step: 'reply', dir: 'out', attributes: { address: '10.5.5.1', dns: ['1.1.1.1', '2.2.2.2'], wins: ['3.3.3.3'], domain: 'cisco.com', other: [{ name: '0x7003' }] } },
  { ...base, kind: 'ike.ted', seq: 12, step: 'probe', dir: 'out', target: '12.12.12.13', proxies: { local: { address: '13.13.13.0/24' } } },
  { ...base, kind: 'ike.dpd', seq: 13, step: 'r-u-there', dir: 'in', dpdSeq: 0x1a3f },
  { ...base, kind: 'ike.delete', seq: 14, dir: 'out', protocol: 'esp', spis: ['61f3c9e3'] },
  { ...base, kind: 'ipsec.spi', seq: 15, dir: 'in', protocol: 'esp', spi: 'f8b3bac8' },
  { ...base, kind: 'ipsec.sa', seq: 16, dir: 'in', protocol: 'esp', spi: 'f8b3bac8', local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' }, transforms: ['esp-3des', 'esp-sha-hmac'], encryption: '3des', integrity: 'sha1', mode: 'tunnel', lifetimeSeconds: 3600, lifetimeKilobytes: 4608000, conn: '2000' },
  { ...base, kind: 'l2tp.ctrl', seq: 17, dir: 'in', message: 'SCCRQ' },
  { ...base, kind: 'ppp', seq: 18, message: 'LCP ConfReq' },
  { ...base, kind: 'log.line', seq: 19, record: 'ios.engine' },
  { node: 'A', origin: { run: 'run-1', step: 3 }, kind: 'unparsed', seq: 20, text: '???', reason: 'no rule' },
];

describe('events', () => {
  it('are plain JSON: a round trip changes nothing', () => {
    expect(JSON.parse(JSON.stringify(samples))).toEqual(samples);
  });

  it('cover every kind, and the guards narrow them', () => {
    expect(new Set(samples.map((e) => e.kind))).toEqual(new Set(EVENT_KINDS));
    const msgs = ofKind(samples, 'ike.msg');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]?.payloads).toHaveLength(3);
    const first = samples[0];
    expect(first && isKind(first, 'ike.msg')).toBe(true);
    expect(isLogOrigin(samples[0]!.origin)).toBe(true);
    expect(isLogOrigin(samples[19]!.origin)).toBe(false);
  });

  it('normalise message IDs and SPIs', () => {
    expect(unsignedMsgid(-1118110738)).toBe(3176856558);
    expect(unsignedMsgid(904613356)).toBe(904613356);
    expect(spiHex('0xF8B3BAC8')).toBe('f8b3bac8');
    expect(spiHex('4172528328')).toBe('f8b3bac8');
    expect(spiHex(-1329531732)).toBe('b0c0f4ac');
    expect(spiHex('B0C0F4AC')).toBe('b0c0f4ac');
    expect(spiHex(0x68bc0109)).toBe('68bc0109');
    expect(spiHex('0x1FFFFFFFF')).toBeUndefined();
  });
});
