// The SAs a peer still holds after the teardown, and the check on them: after one side deleted
// (terminate) and both settled, the other side must have removed what the DELETEs named — read from
// charon itself (`swanctl --list-sas` through vici) or from the reference engine's events.
import type { Event } from '../../analyzer/model/events.js';
import type { Side } from './scenario.js';
import type { Check } from './verdict.js';

/** How many IKE (ISAKMP) SAs and CHILD_SAs (IPsec SA pairs) a peer holds. */
export interface HeldSas {
  readonly ike: number;
  readonly child: number;
}

/**
 * `swanctl --list-sas`: an IKE_SA starts a line (`conn: #1, ESTABLISHED, IKEv1, …`), its CHILD_SAs are
 * indented (`  child: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, …`). Every SA listed counts, whatever
 * its state (one still DELETING is still held).
 */
export function parseSwanctlSas(text: string): HeldSas {
  const ike = text.match(/^\S[^:\n]*: #\d+, [A-Z_]+, IKEv[12]\b/gm)?.length ?? 0;
  const child = text.match(/^\s+\S[^:\n]*: #\d+, reqid \d+, [A-Z_]+,/gm)?.length ?? 0;
  return { ike, child };
}

/**
 * What the reference engine holds, from its events: an ISAKMP SA from phase 1 complete until its
 * state is DELETED; an IPsec SA pair from its Quick Mode's completion until that exchange is
 * DELETED (a DELETE either way) or its `ipsec.sa` expired. The ISAKMP SA's end alone does not end
 * the pair, as in IKEv1: one that expired or that a received DELETE named alone leaves its IPsec SAs
 * (when the engine deletes its ISAKMP SA itself, it ends the pairs too, each exchange DELETED).
 */
export function heldFromEvents(events: readonly Event[]): HeldSas {
  const ike = new Set<string>();
  const child = new Set<string>();
  for (const e of events) {
    const conn = e.sa?.conn;
    if (conn === undefined) continue;
    const key = `${conn}/${e.sa?.msgid ?? ''}`;
    if (e.kind === 'ike.phase' && e.status === 'complete') (e.phase === 1 ? ike.add(conn) : child.add(key));
    else if (e.kind === 'ipsec.sa' && e.state !== undefined) child.delete(key);
    else if (e.kind === 'ike.state' && e.canonical === 'DELETED') {
      if (e.scope === 'exchange') child.delete(key);
      else ike.delete(conn);
    }
  }
  return { ike: ike.size, child: child.size };
}

const shown = (h: HeldSas) => `${h.ike} IKE SA${h.ike === 1 ? '' : 's'}, ${h.child} CHILD_SA${h.child === 1 ? '' : 's'}`;

/** The SAs a side holds after the teardown against the scenario's `remaining`; `got` null: the peer cannot tell. */
export function heldCheck(side: Side, want: HeldSas, got: HeldSas | null): Check {
  return {
    name: `${side} SAs held after the teardown`,
    ok: got !== null && got.ike === want.ike && got.child === want.child,
    expected: shown(want),
    got: got ? shown(got) : 'unknown (this peer cannot list its SAs)',
  };
}
