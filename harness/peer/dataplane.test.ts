import { describe, expect, it } from 'vitest';
import type { Event } from '../../analyzer/model/events.js';
import { pair, type Pair } from '../ikev1/pair.js';
import type { Policy } from '../ikev1/policy.js';
import { NodeDataPlane, sourceAddressIn, type EchoReply } from './dataplane.js';
import { Ping } from './ping.js';

const BASE = { psk: 'dp-secret', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }], natTraversal: true } as const;

/** Two engines (NAT-T, encapsulation forced by A) with a NodeDataPlane each, on the in-memory network and fake clock. */
function tunnel(local: string, remote: string, force = true): { p: Pair; dp: { a: NodeDataPlane; b: NodeDataPlane }; events: { a: Event[]; b: Event[] }; replies: { a?: (r: EchoReply) => void } } {
  const events = { a: [] as Event[], b: [] as Event[] };
  const replies: { a?: (r: EchoReply) => void } = {};
  let p: Pair | undefined;
  const plane = (side: 'a' | 'b') =>
    new NodeDataPlane({ node: side, run: 'dp', natTPort: 4500, now: () => p!.clock.now(), send: (d) => p!.net.send(d), onEvent: (e) => events[side].push(e), ...(side === 'a' ? { onEchoReply: (r) => replies.a?.(r) } : {}) });
  const dp = { a: plane('a'), b: plane('b') };
  const pa: Policy = { ...BASE, localAddress: '192.0.2.1', peerAddress: '192.0.2.2', forceEncapsulation: force, proxies: { local: { address: local }, remote: { address: remote } } };
  const pb: Policy = { ...BASE, localAddress: '192.0.2.2', peerAddress: '192.0.2.1', proxies: { local: { address: remote }, remote: { address: local } } };
  p = pair({ a: pa, b: pb, seed: 11, onEsp: { a: (esp, from, to) => dp.a.receive(p!.a, esp, from, to), b: (esp, from, to) => dp.b.receive(p!.b, esp, from, to) } });
  dp.a.attach(p.a);
  dp.b.attach(p.b);
  p.a.initiate();
  p.settle(10_000);
  return { p, dp, events, replies };
}

describe('NodeDataPlane: a node answering pings through its tunnels', () => {
  it('a ping through an IPv4 tunnel: echo requests answered by the far side, replies counted by Ping', () => {
    const t = tunnel('10.1.0.0/16', '10.2.0.0/16');
    expect(t.p.a.childSas()[0]!.udp).toBeDefined();
    expect(t.dp.a.sourceFor('10.2.3.4')).toBe('10.1.0.1');
    expect(t.dp.a.sourceFor('10.3.0.1')).toBeUndefined();
    const lines: string[] = [];
    let done = false;
    const ping = new Ping({ target: '10.2.3.4', count: 4, identifier: 7, clock: t.p.clock, dataPlane: t.dp.a, onLine: (l) => lines.push(l), onDone: () => (done = true) });
    t.replies.a = (r) => ping.reply(r); // as the CLI wires it
    expect(ping.startWhenReady((x) => t.dp.a.sourceFor(x))).toBe(true);
    t.p.settle(10_000);
    expect(done).toBe(true);
    expect(ping.complete).toBe(true);
    expect(lines.at(-1)).toBe('ping 10.2.3.4 from 10.1.0.1: 4 transmitted, 4 received');
    expect(t.dp.b.echoesAnswered).toBe(4);
    expect(t.dp.a.totals()).toMatchObject({ encaps: 4, decaps: 4, sendErrors: 0, recvErrors: 0 });
    expect(t.events.b.filter((e) => e.kind === 'log.line' && e.record === 'peer.echo-request')).toHaveLength(4);
    // the engine's ipsec.sa events are not repeated by the data plane
    expect(t.events.a.filter((e) => e.kind === 'ipsec.sa')).toEqual([]);
  });

  it('ICMPv6 echo through an IPv6-in-IPv4 tunnel is answered too', () => {
    const t = tunnel('2001:db8:1::/48', '2001:db8:2::/48');
    const src = t.dp.a.sourceFor('2001:db8:2::9')!;
    expect(src).toBe(sourceAddressIn('2001:db8:1::/48'));
    let done = false;
    const ping = new Ping({ target: '2001:db8:2::9', count: 2, identifier: 9, clock: t.p.clock, dataPlane: t.dp.a, onLine: () => {}, onDone: () => (done = true) });
    t.replies.a = (r) => ping.reply(r);
    ping.startWhenReady((x) => t.dp.a.sourceFor(x));
    t.p.settle(10_000);
    expect(done).toBe(true);
    expect([ping.transmitted, ping.received]).toEqual([2, 2]);
    expect(t.dp.b.echoesAnswered).toBe(2);
  });

  it('no encapsulation: the packet is not sent, counted as a send error, and the reason is kept', () => {
    const t = tunnel('10.1.0.0/16', '10.2.0.0/16', false);
    expect(t.p.a.childSas()[0]!.udp).toBeUndefined();
    const lines: string[] = [];
    const ping = new Ping({ target: '10.2.0.5', count: 1, identifier: 1, clock: t.p.clock, dataPlane: t.dp.a, onLine: (l) => lines.push(l), onDone: () => {} });
    ping.startWhenReady((x) => t.dp.a.sourceFor(x));
    t.p.clock.advance(2500);
    expect(lines[0]).toMatch(/^ping 10\.2\.0\.5: seq 1 not sent: the IPsec SA is not UDP-encapsulated/);
    expect(lines.at(-1)).toBe('ping 10.2.0.5 from 10.1.0.1: 1 transmitted, 0 received');
    expect(t.dp.a.totals().sendErrors).toBe(1);
    expect([...t.dp.a.problems]).toHaveLength(1);
  });

  it('source addresses: a host proxy itself, the first host of a subnet or range', () => {
    expect(sourceAddressIn('10.5.5.1')).toBe('10.5.5.1');
    expect(sourceAddressIn('10.1.0.0/16')).toBe('10.1.0.1');
    expect(sourceAddressIn('10.1.0.10-10.1.0.20')).toBe('10.1.0.10');
    expect(sourceAddressIn('2001:db8:1::/48')).toBe('2001:db8:1::1');
  });
});
