import { describe, expect, it } from 'vitest';
import type { Event, EventOf } from '../../analyzer/model/events.js';
import { buildIcmpv6Packet, EspDataPlane, parseIpv6 } from '../esp/index.js';
import { toHex } from '../crypto/index.js';
import { A, B, sequenceErrors, session } from './test-helpers.js';
import { espInput, pair, type Policy } from './index.js';

const BASE = { psk: 'k', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes256', integrity: 'sha256' }], pfsGroup: 14 } as const;
const NET_A6 = '2001:db8:1::/48';
const NET_B6 = '2001:db8:2::/48';
const of = <K extends Event['kind']>(events: readonly Event[], kind: K): EventOf<K>[] => events.filter((e): e is EventOf<K> => e.kind === kind);

function v6(a: { local: string; remote: string }, b: { local: string; remote: string }): { a: Policy; b: Policy } {
  return {
    a: { ...BASE, localAddress: A, peerAddress: B, proxies: { local: { address: a.local }, remote: { address: a.remote } } },
    b: { ...BASE, localAddress: B, peerAddress: A, proxies: { local: { address: b.local }, remote: { address: b.remote } } },
  };
}

describe('IPv6 proxies in Quick Mode over IPv4 (RFC 2407 §4.6.2.1 ID_IPV6_ADDR_SUBNET)', () => {
  it('two engines negotiate 2001:db8:1::/48 ↔ 2001:db8:2::/48; an ICMPv6 echo and its reply cross two EspDataPlanes', () => {
    const p = pair(v6({ local: NET_A6, remote: NET_B6 }, { local: NET_B6, remote: NET_A6 }));
    p.a.initiate();
    p.settle();
    const ca = p.a.childSas()[0]!;
    const cb = p.b.childSas()[0]!;
    expect(ca.localProxy).toEqual({ address: NET_A6 });
    expect(ca.remoteProxy).toEqual({ address: NET_B6 });
    expect(cb.localProxy).toEqual({ address: NET_B6 });
    expect(cb.remoteProxy).toEqual({ address: NET_A6 });
    // QM1 carries IDci / IDcr as ID_IPV6_ADDR_SUBNET; phase 1 stays ID_IPV4_ADDR
    const qm1 = of(p.a.events, 'ike.msg').find((m) => m.exchange === 'quick' && m.dir === 'out')!;
    expect(qm1.payloads.filter((x) => x.type === 'ID').map((x) => x.id)).toEqual([
      { type: 'ipv6-addr-subnet', value: NET_A6 },
      { type: 'ipv6-addr-subnet', value: NET_B6 },
    ]);
    const mm5 = of(p.a.events, 'ike.msg').find((m) => m.exchange === 'main' && m.encrypted && m.dir === 'out')!;
    expect(mm5.payloads.find((x) => x.type === 'ID')!.id).toMatchObject({ type: 'ipv4-addr', value: A });
    // the events: ipsec.sa proxies, the analyzer's session proxies, no finding, a legal sequence
    expect(of(p.b.events, 'ipsec.sa').map((s) => `${s.dir} ${s.local?.address} ${s.remote?.address}`)).toEqual([`in ${NET_B6} ${NET_A6}`, `out ${NET_B6} ${NET_A6}`]);
    for (const [ev, local, remote] of [[p.a.events, NET_A6, NET_B6], [p.b.events, NET_B6, NET_A6]] as const) {
      const s = session(ev);
      expect(s.session.phase2.map((q) => [q.outcome, q.proxies.local?.address, q.proxies.remote?.address])).toEqual([['established', local, remote]]);
      expect(s.findings).toEqual([]);
      expect(sequenceErrors(ev)).toEqual([]);
    }
    // the data plane: IPv6 selectors from espInput, IPv4 outer addresses
    const ia = espInput(ca);
    expect([ia.localProxy?.address, ia.remoteProxy?.address, ia.local, ia.remote]).toEqual([NET_A6, NET_B6, A, B]);
    const da = new EspDataPlane();
    const db = new EspDataPlane();
    da.installFromQuickMode(ia);
    db.installFromQuickMode(espInput(cb));
    const data = new TextEncoder().encode('ikev1 over ipv6');
    const cross = (from: EspDataPlane, to: EspDataPlane, packet: Uint8Array) => {
      const out = from.outbound(packet);
      expect(out.ok && out.value.action).toBe('protect');
      if (!out.ok || out.value.action !== 'protect') return undefined;
      expect(out.value.packet[0]! >> 4).toBe(4); // IPv4 outer (ESP between 10.0.0.1 and 10.0.0.2)
      const got = to.inbound(out.value.packet);
      expect(got.ok && got.value.kind).toBe('esp');
      return got.ok && got.value.kind === 'esp' ? got.value.packet : undefined;
    };
    const ping = buildIcmpv6Packet('2001:db8:1::10', '2001:db8:2::20', { type: 128, identifier: 6, sequence: 1, data });
    expect(toHex(cross(da, db, ping)!)).toBe(toHex(ping));
    const pong = buildIcmpv6Packet('2001:db8:2::20', '2001:db8:1::10', { type: 129, identifier: 6, sequence: 1, data });
    const back = cross(db, da, pong)!;
    expect(toHex(back)).toBe(toHex(pong));
    expect(parseIpv6(back).ok).toBe(true);
    // outside the selectors: not protected by this SA
    const stray = da.outbound(buildIcmpv6Packet('2001:db8:3::1', '2001:db8:2::20', { type: 128, identifier: 6, sequence: 2, data }));
    expect(stray.ok && stray.value.action).not.toBe('protect');
  });

  it('IPv6 hosts and ranges travel as ID_IPV6_ADDR / ID_IPV6_ADDR_RANGE and come back as written', () => {
    const host = '2001:db8:1::10';
    const range = '2001:db8:2::1-2001:db8:2::ff';
    const p = pair(v6({ local: host, remote: range }, { local: range, remote: host }));
    p.a.initiate();
    p.settle();
    const qm1 = of(p.b.events, 'ike.msg').find((m) => m.exchange === 'quick' && m.dir === 'in')!;
    expect(qm1.payloads.filter((x) => x.type === 'ID').map((x) => x.id)).toEqual([
      { type: 'ipv6-addr', value: host },
      { type: 'ipv6-addr-range', value: range },
    ]);
    expect(p.b.childSas()[0]).toMatchObject({ localProxy: { address: range }, remoteProxy: { address: host } });
  });

  it('a proxy mismatch with IPv6 proxies: INVALID-ID-INFORMATION, ike.p2.proxy_mismatch on both sides', () => {
    const p = pair(v6({ local: NET_A6, remote: NET_B6 }, { local: '2001:db8:9::/48', remote: NET_A6 }));
    p.a.initiate();
    p.settle();
    expect(p.a.childSas()).toEqual([]);
    expect(of(p.b.events, 'ike.phase').find((e) => e.phase === 2 && e.status === 'failed')).toMatchObject({ reason: 'proxy' });
    expect(of(p.a.events, 'ike.phase').find((e) => e.phase === 2 && e.status === 'failed')).toMatchObject({ reason: 'proxy' });
    expect(of(p.a.events, 'ike.notify').find((n) => n.dir === 'in')).toMatchObject({ type: 'INVALID_ID_INFORMATION' });
    for (const ev of [p.a.events, p.b.events]) {
      const s = session(ev);
      expect(s.findings).toContain('ike.p2.proxy_mismatch');
      expect(s.session.phase2[0]?.proxies.local?.address).toMatch(/^2001:db8:/);
    }
  });
});
