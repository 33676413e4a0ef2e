// The lab's NAT topology (`Lab.create({ nat: true })`): initiator — router — responder, three
// namespaces. The initiator sits on a "private" subnet behind the router, which masquerades
// (nftables, source NAT to its own "public" address) whatever leaves towards the responder, as a
// home or branch router does. The responder is on the "public" subnet and has no route to the
// private one: it sees the router's address as its peer, and its answers reach the initiator only
// through the router's connection tracking. All addresses exist only inside the namespaces.
import { runOk } from './exec.js';
import type { KeyTables } from './charon-keys.js';
import type { LabNode } from './netns.js';

/** One interface of the router: its name inside the router's namespace and its address (/24). */
export interface RouterPort {
  readonly iface: string;
  readonly address: string;
}

/** The router between the initiator and the responder. */
export interface LabNat {
  readonly ns: string;
  /** On the initiator's private subnet: the initiator's default gateway. */
  readonly inside: RouterPort;
  /** On the responder's public subnet: the address every packet of the initiator leaves with. */
  readonly outside: RouterPort;
}

/**
 * The NAT plan: the private subnet 10.99.8.0/24 (initiator .1, router .254) and the public one, the
 * default lab's outer subnet 10.99.0.0/24 (router .254, responder .2 as in `LAB_PLAN`). The inner
 * hosts stay those of the default plan.
 */
export const LAB_NAT_PLAN = {
  i: { iface: 'veth-i', outer: '10.99.8.1', inner: '10.99.1.1', innerNet: '10.99.1.0/24' },
  router: { inside: { iface: 'veth-ni', address: '10.99.8.254' }, outside: { iface: 'veth-no', address: '10.99.0.254' } },
} as const;

/** Source NAT of everything routed out of the public interface to that interface's address (ports kept when free, as conntrack does). */
export function masqueradeRuleset(outside: RouterPort): string {
  return `table ip ikelens_nat {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "${outside.iface}" masquerade
  }
}
`;
}

const linkUp = async (ns: string, iface: string, address: string) => {
  await runOk('ip', ['-n', ns, 'addr', 'add', `${address}/24`, 'dev', iface]);
  await runOk('ip', ['-n', ns, 'link', 'set', iface, 'up']);
};

/** Builds the three namespaces' links, addresses, routes, forwarding and the masquerade rule (the namespaces exist already). */
export async function buildNatTopology(i: LabNode, nat: LabNat, r: LabNode): Promise<void> {
  // veth pairs created directly inside the namespaces: no interface name ever exists on the host
  await runOk('ip', ['link', 'add', i.iface, 'netns', i.ns, 'type', 'veth', 'peer', 'name', nat.inside.iface, 'netns', nat.ns]);
  await runOk('ip', ['link', 'add', r.iface, 'netns', r.ns, 'type', 'veth', 'peer', 'name', nat.outside.iface, 'netns', nat.ns]);
  for (const n of [i, r]) {
    await linkUp(n.ns, n.iface, n.outer);
    await runOk('ip', ['-n', n.ns, 'addr', 'add', `${n.inner}/32`, 'dev', 'lo']);
    await runOk('ip', ['-n', n.ns, 'link', 'set', 'lo', 'up']);
  }
  await linkUp(nat.ns, nat.inside.iface, nat.inside.address);
  await linkUp(nat.ns, nat.outside.iface, nat.outside.address);
  await runOk('ip', ['-n', nat.ns, 'link', 'set', 'lo', 'up']);
  // the initiator reaches the public subnet through the router; the responder has no route back (a real NAT)
  await runOk('ip', ['-n', i.ns, 'route', 'add', 'default', 'via', nat.inside.address]);
  // /proc/sys/net is the writer's namespace's: forwarding on in the router only
  await runOk('ip', ['netns', 'exec', nat.ns, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward']);
  await runOk('ip', ['netns', 'exec', nat.ns, 'nft', '-f', '-'], { input: masqueradeRuleset(nat.outside) });
}

/**
 * A key table as seen beyond the NAT (where the capture is): the ESP entries of the side behind it
 * name its private address, which the router rewrote to its public one on the wire (tshark
 * matches an `esp_sa` entry by the packet's outer addresses).
 */
export function keysBeyondNat(keys: KeyTables, privateAddress: string, publicAddress: string): KeyTables {
  const seen = (a: string) => (a === privateAddress ? publicAddress : a);
  return { ike: keys.ike, esp: keys.esp.map((e) => ({ ...e, src: seen(e.src), dst: seen(e.dst) })) };
}
