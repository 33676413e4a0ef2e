import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../ikev1/clock.js';
import { espDatagram, espInput, espPacket, Ikev1Engine, type Policy } from '../ikev1/index.js';
import { buildIcmpPacket, EspDataPlane } from '../esp/index.js';
import type { Endpoint } from './endpoint.js';
import { toHex } from '../crypto/index.js';
import { classifyNattDatagram, withNonEspMarker } from './non-esp-marker.js';
import { UdpTransport } from './udp.js';

const LOOPBACK = '127.0.0.1';
const open: UdpTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

async function transport(): Promise<UdpTransport> {
  const t = await UdpTransport.open({ address: LOOPBACK, ports: [0, 0] });
  open.push(t);
  return t;
}

/** Resolves when `done()` holds; rejects after `ms` of real time (a hang is a failure, not a measurement). */
function until(done: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (done()) return resolve();
      if (Date.now() > end) return reject(new Error('condition not reached'));
      setTimeout(tick, 5);
    };
    tick();
  });
}

describe('UDP transport', () => {
  it('carries Main Mode + Quick Mode between two engines on real sockets, on any ports', async () => {
    const ta = await transport();
    const tb = await transport();
    const [ikeA, nattA] = ta.ports as [number, number];
    const [ikeB, nattB] = tb.ports as [number, number];
    const base = { psk: 'udp-secret', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }] } as const;
    const pa: Policy = { ...base, localAddress: LOOPBACK, peerAddress: LOOPBACK, localPort: ikeA, peerPort: ikeB, nattPort: nattA, proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } };
    const pb: Policy = { ...base, localAddress: LOOPBACK, peerAddress: LOOPBACK, localPort: ikeB, peerPort: ikeA, nattPort: nattB, proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } };
    const clock = new SystemClock();
    const a = new Ikev1Engine({ node: 'A', policy: pa, clock, seed: 3, send: (d) => ta.send(d) });
    const b = new Ikev1Engine({ node: 'B', policy: pb, clock, seed: 4, send: (d) => tb.send(d) });
    ta.onDatagram((bytes, from, to) => a.receive(bytes, from, to));
    tb.onDatagram((bytes, from, to) => b.receive(bytes, from, to));

    a.initiate();
    await until(() => a.childSas().length === 1 && b.childSas().length === 1);
    const [ca, cb] = [a.childSas()[0]!, b.childSas()[0]!];
    expect(ca.inboundSpi).toBe(cb.outboundSpi);
    expect(toHex(ca.outbound.encKey)).toBe(toHex(cb.inbound.encKey));
    // the events carry the real ports: A's messages went from its IKE port to B's
    const out = a.events.find((e) => e.kind === 'ike.msg' && e.dir === 'out');
    expect(out).toMatchObject({ local: { address: LOOPBACK, port: ikeA }, remote: { address: LOOPBACK, port: ikeB } });
    expect(ta.errors).toEqual([]);
    expect(tb.errors).toEqual([]);
  });

  it('NAT-T with forced encapsulation on real sockets: the float to the NAT-T ports, and a ping as ESP in UDP both ways', async () => {
    const ta = await transport();
    const tb = await transport();
    const [ikeA, nattA] = ta.ports as [number, number];
    const [ikeB, nattB] = tb.ports as [number, number];
    const base = { psk: 'udp-secret', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }], natTraversal: true } as const;
    const pa: Policy = { ...base, localAddress: LOOPBACK, peerAddress: LOOPBACK, localPort: ikeA, peerPort: ikeB, nattPort: nattA, peerNattPort: nattB, forceEncapsulation: true, proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } };
    const pb: Policy = { ...base, localAddress: LOOPBACK, peerAddress: LOOPBACK, localPort: ikeB, peerPort: ikeA, nattPort: nattB, peerNattPort: nattA, proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } };
    const dp = { a: new EspDataPlane({ natTPort: nattA }), b: new EspDataPlane({ natTPort: nattB }) };
    const got: { a: Uint8Array[]; b: Uint8Array[] } = { a: [], b: [] };
    const onEsp = (side: 'a' | 'b') => (esp: Uint8Array, from: Endpoint, to: Endpoint) => {
      const r = dp[side].inbound(espPacket(esp, from, to));
      if (r.ok && r.value.kind === 'esp') got[side].push(r.value.packet);
    };
    const clock = new SystemClock();
    const a = new Ikev1Engine({ node: 'A', policy: pa, clock, seed: 3, send: (d) => ta.send(d), onEsp: onEsp('a') });
    const b = new Ikev1Engine({ node: 'B', policy: pb, clock, seed: 4, send: (d) => tb.send(d), onEsp: onEsp('b') });
    ta.onDatagram((bytes, from, to) => a.receive(bytes, from, to));
    tb.onDatagram((bytes, from, to) => b.receive(bytes, from, to));

    a.initiate();
    await until(() => a.childSas().length === 1 && b.childSas().length === 1);
    expect(a.childSas()[0]!.udp).toEqual({ localPort: nattA, remotePort: nattB });
    expect(b.childSas()[0]!.udp).toEqual({ localPort: nattB, remotePort: nattA });
    const mm5 = a.events.filter((e) => e.kind === 'ike.msg' && e.dir === 'out')[2];
    expect(mm5).toMatchObject({ local: { port: nattA }, remote: { port: nattB } });
    dp.a.installFromQuickMode(espInput(a.childSas()[0]!));
    dp.b.installFromQuickMode(espInput(b.childSas()[0]!));
    const ping = buildIcmpPacket('10.1.1.1', '10.2.2.2', { type: 8, identifier: 3, sequence: 1, data: new TextEncoder().encode('esp in udp') });
    const pong = buildIcmpPacket('10.2.2.2', '10.1.1.1', { type: 0, identifier: 3, sequence: 1, data: new TextEncoder().encode('esp in udp') });
    for (const [side, t, packet] of [['a', ta, ping], ['b', tb, pong]] as const) {
      const out = dp[side].outbound(packet);
      if (!out.ok || out.value.action !== 'protect') throw new Error('not protected');
      t.send(espDatagram(out.value.packet)!);
    }
    await until(() => got.a.length === 1 && got.b.length === 1);
    expect(toHex(got.b[0]!)).toBe(toHex(ping));
    expect(toHex(got.a[0]!)).toBe(toHex(pong));
    expect(ta.errors).toEqual([]);
    expect(tb.errors).toEqual([]);
  });

  it('a port that cannot be bound is one sentence, and nothing stays bound', async () => {
    const t = await transport();
    await expect(UdpTransport.open({ address: LOOPBACK, ports: [0, t.ports[0]!] })).rejects.toThrow(`cannot bind UDP ${LOOPBACK}:${t.ports[0]}: EADDRINUSE`);
  });

  it('an IKE message on the NAT-T port (with the non-ESP marker) reaches the engine; ESP goes to the data plane; keepalives are ignored', () => {
    const esp: Uint8Array[] = [];
    const sent: Uint8Array[] = [];
    const pb: Policy = { psk: 'x', localAddress: '10.0.0.2', peerAddress: '10.0.0.1', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [] };
    const b = new Ikev1Engine({ node: 'B', policy: pb, clock: new SystemClock(), send: (d) => sent.push(d.bytes), onEsp: (p) => esp.push(p) });
    const a = new Ikev1Engine({ node: 'A', policy: { ...pb, localAddress: '10.0.0.1', peerAddress: '10.0.0.2' }, clock: new SystemClock(), send: (d) => sent.push(d.bytes) });
    a.initiate();
    const mm1 = sent.shift()!;
    const natt = { address: '10.0.0.2', port: 4500 };
    b.receive(new Uint8Array([0xff]), { address: '10.0.0.1', port: 4500 }, natt);
    b.receive(new Uint8Array([1, 2, 3, 4, 0, 0, 0, 1]), { address: '10.0.0.1', port: 4500 }, natt);
    expect(esp.map(toHex)).toEqual(['0102030400000001']);
    expect(sent).toHaveLength(0);
    b.receive(withNonEspMarker(mm1), { address: '10.0.0.1', port: 4500 }, natt);
    // B answers MM2 on the port it was reached on, framed for it
    expect(sent).toHaveLength(1);
    expect(classifyNattDatagram(sent[0]!)).toMatchObject({ kind: 'ike' });
    expect(b.events.find((e) => e.kind === 'ike.msg' && e.dir === 'out')).toMatchObject({ local: natt, remote: { address: '10.0.0.1', port: 4500 } });
  });

  it('classifies what arrives on the NAT-T port (RFC 3948 §2)', () => {
    expect(classifyNattDatagram(new Uint8Array([0xff]))).toEqual({ kind: 'keepalive' });
    expect(classifyNattDatagram(new Uint8Array([0, 0]))).toMatchObject({ kind: 'invalid' });
    expect(classifyNattDatagram(new Uint8Array([0, 0, 0, 0, 9]))).toEqual({ kind: 'ike', message: new Uint8Array([9]) });
    expect(classifyNattDatagram(new Uint8Array([0, 0, 0, 1, 9]))).toMatchObject({ kind: 'esp' });
  });
});
