// Correlate: the events of one node's log → one timeline per IKE SA. Interleaved SAs are told
// apart by the SA handle the normalizer gives every event (`sa.conn`: IOS conn-id, ASA peer,
// strongSwan IKE_SA unique id); events of no SA stay outside the sessions.
import type { Event } from '../model/index.js';
import type { Session } from '../timeline.js';
import { buildSession } from './session.js';

export { labelMessages } from './label.js';

export interface SessionEvents {
  readonly session: Session;
  /** The session's own events, in order (what its rules judge). */
  readonly events: readonly Event[];
}

export interface Correlated {
  readonly sessions: SessionEvents[];
  /** Events that belong to no IKE SA (daemon start-up, configuration, console, unparsed lines). */
  readonly outside: Event[];
}

export function correlate(events: readonly Event[], dialect: string): Correlated {
  const groups = new Map<string, Event[]>();
  const outside: Event[] = [];
  for (const e of events) {
    const conn = e.sa?.conn;
    if (conn === undefined) {
      outside.push(e);
      continue;
    }
    const key = `${e.node}\u0000${conn}`;
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  // a session is an IKE SA: a group with no ISAKMP message, proposal or phase event is not one
  // (IPsec SA lines of a device with no IKE lines) and stays outside
  const sessions: SessionEvents[] = [];
  let n = 0;
  const ordered = joinTed([...groups.values()].sort((a, b) => a[0]!.seq - b[0]!.seq));
  for (const g of ordered) {
    if (!g.some((e) => e.kind === 'ike.msg' || e.kind === 'ike.proposal' || e.kind === 'ike.phase' || e.kind === 'ike.state')) {
      outside.push(...g);
      continue;
    }
    sessions.push({ session: buildSession(`${g[0]!.node}#${++n}`, dialect, g), events: g });
  }
  outside.sort((a, b) => a.seq - b.seq);
  return { sessions, outside };
}

/**
 * Cisco TED runs its probe and reply on a short ISAKMP SA of their own; the negotiation they
 * lead to is the next IKE SA with the gateway the TED exchange found. One timeline tells the
 * story, so a TED-only group joins that SA's group (probe and reply first).
 */
function joinTed(groups: Event[][]): Event[][] {
  const out: Event[][] = [];
  const absorbed = new Set<number>();
  groups.forEach((g, i) => {
    if (absorbed.has(i)) return;
    const msgs = g.filter((e) => e.kind === 'ike.msg');
    const tedOnly = msgs.length > 0 && msgs.every((m) => m.kind === 'ike.msg' && m.exchange === 'ted');
    if (!tedOnly) return out.push(g);
    const gateways = new Set(g.flatMap((e) => [e.kind === 'ike.ted' ? e.gateway : undefined, e.kind !== 'ike.msg' && e.kind !== 'ike.ted' ? e.peer?.address : undefined]).filter((x): x is string => Boolean(x)));
    const j = groups.findIndex((h, k) => k > i && !absorbed.has(k) && h.some((e) => e.kind === 'ike.msg' && e.exchange !== 'ted' && e.peer !== undefined && gateways.has(e.peer.address)));
    if (j < 0) return out.push(g);
    absorbed.add(j);
    out.push([...g, ...groups[j]!].sort((a, b) => a.seq - b.seq));
  });
  return out;
}
