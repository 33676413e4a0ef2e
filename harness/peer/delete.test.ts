// Deleting SAs while a node runs (PeerNode.deleteSas, delete.ts): nodes on the in-memory network with
// a fake clock; the gap between the IPsec and the ISAKMP DELETE on vitest's fake timers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Event, EventOf } from '../../analyzer/model/events.js';
import { FakeClock } from '../ikev1/clock.js';
import { MemoryNetwork } from '../ikev1/network.js';
import type { PeerConfig } from './config/schema.js';
import { DELETE_GAP_MS, DELETE_SIGNALS, deletedLine, deleteNow } from './delete.js';
import { memoryTransport, PeerNode } from './node.js';
import { exampleConfig } from './testing.js';

const HUB = '10.48.67.181';
const spoke = (address: string, subnet: string): PeerConfig =>
  exampleConfig('ios-spoke.yaml', (t) => t.replace('address: 10.100.2.102', `address: ${address}`).replace('10.2.0.0 0.0.255.255', `${subnet} 0.0.255.255`));

/** The hub of the seeds and two spokes, both established with it. */
function hubAndSpokes() {
  const clock = new FakeClock();
  const net = new MemoryNetwork(clock, { seed: 7 });
  const configs = [exampleConfig('ios-hub.yaml'), spoke('10.100.2.102', '10.2.0.0'), spoke('10.100.3.103', '10.3.0.0')];
  const [hub, s1, s2] = configs.map((config, i) => new PeerNode({ config, transport: memoryTransport(net, config.node.address), clock, seed: 700 + i * 10, run: 'lab' })) as [PeerNode, PeerNode, PeerNode];
  const settle = () => {
    while (clock.step()) {
      /* deliveries and timers */
    }
  };
  s1.initiate(HUB);
  s2.initiate(HUB);
  settle();
  expect(hub.childSas()).toHaveLength(2);
  return { hub, s1, s2, settle };
}

/** What a node holds: live ISAKMP SAs (past phase 1, not deleted) and IPsec SA pairs. */
const held = (n: PeerNode) => ({
  ike: n.peers().flatMap((p) => p.engine.isakmpSas()).filter((sa) => sa.keys && sa.p1.state !== 'DELETED' && sa.p1.state !== 'P1_FAILED').length,
  child: n.childSas().length,
});
const deletes = (events: readonly Event[]) => events.filter((e): e is EventOf<'ike.delete'> => e.kind === 'ike.delete').map((e) => `${e.dir}:${e.protocol}`);

afterEach(() => void vi.useRealTimers());

describe('deleting SAs while a node runs', () => {
  it('ipsec: every IPsec SA pair of every engine, a DELETE each; the spokes remove theirs and keep their ISAKMP SAs; a new negotiation works after', () => {
    const { hub, s1, s2, settle } = hubAndSpokes();
    expect(hub.deleteSas('ipsec')).toEqual({ ipsec: 2, isakmp: 0 });
    // the events are in the node's stream on return
    expect(deletes(hub.events)).toEqual(['out:esp', 'out:esp']);
    settle();
    for (const s of [s1, s2]) {
      expect(s.childSas()).toEqual([]);
      expect(deletes(s.events)).toEqual(['in:esp']);
      expect(held(s)).toEqual({ ike: 1, child: 0 });
    }
    expect(held(hub)).toEqual({ ike: 2, child: 0 });
    // nothing left to delete
    expect(hub.deleteSas('ipsec')).toEqual({ ipsec: 0, isakmp: 0 });
    // the node still negotiates: a spoke initiates again
    expect(s1.initiate(HUB).ok).toBe(true);
    settle();
    expect(hub.childSas().map((c) => c.peer)).toEqual(['10.100.2.102']);
    expect(held(hub)).toEqual({ ike: 3, child: 1 });
  });

  it('all: the IPsec SAs then the ISAKMP SA of each engine; both sides hold nothing; a second delete finds nothing', () => {
    const { hub, s1, s2, settle } = hubAndSpokes();
    expect(s1.deleteSas('all')).toEqual({ ipsec: 1, isakmp: 1 });
    settle();
    expect(deletes(s1.events)).toEqual(['out:esp', 'out:isakmp']);
    expect(deletes(hub.events)).toEqual(['in:esp', 'in:isakmp']);
    expect(held(s1)).toEqual({ ike: 0, child: 0 });
    expect(hub.childSas().map((c) => c.peer)).toEqual(['10.100.3.103']);
    expect(held(s2)).toEqual({ ike: 1, child: 1 });
    expect(s1.deleteSas('all')).toEqual({ ipsec: 0, isakmp: 0 });
  });

  it(`deleteNow all: the IPsec DELETE at once, the ISAKMP DELETE ${DELETE_GAP_MS} ms later (strongSwan handles datagrams in parallel), then the line`, async () => {
    vi.useFakeTimers();
    const { hub, s1, settle } = hubAndSpokes();
    const lines: string[] = [];
    const done = deleteNow(s1, 'all', 'SIGUSR2', (l) => lines.push(l));
    settle();
    expect(deletes(hub.events)).toEqual(['in:esp']);
    expect(lines).toEqual([]);
    await vi.advanceTimersByTimeAsync(DELETE_GAP_MS);
    await done;
    settle();
    expect(deletes(hub.events)).toEqual(['in:esp', 'in:isakmp']);
    expect(lines).toEqual(['deleted (SIGUSR2): 1 IPsec SA pair, 1 ISAKMP SA']);
  });

  it('deleteNow ipsec: no gap, the line at once; the signals and the lines', async () => {
    const { s1 } = hubAndSpokes();
    const lines: string[] = [];
    await deleteNow(s1, 'ipsec', '--delete-after 5', (l) => lines.push(l));
    await deleteNow(s1, 'all', 'SIGUSR2', (l) => lines.push(l));
    await deleteNow(s1, 'all', 'SIGUSR2', (l) => lines.push(l));
    expect(lines).toEqual(['deleted (--delete-after 5): 1 IPsec SA pair', 'deleted (SIGUSR2): 1 ISAKMP SA', 'deleted (SIGUSR2): nothing (no established SA)']);
    expect(DELETE_SIGNALS).toEqual({ SIGUSR1: 'ipsec', SIGUSR2: 'all' });
    expect(deletedLine('SIGUSR1', { ipsec: 2, isakmp: 0 })).toBe('deleted (SIGUSR1): 2 IPsec SA pairs');
  });
});
