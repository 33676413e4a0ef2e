/**
 * Deleting SAs while `ikelens peer` runs, as an operator would on a device (`clear crypto sa`,
 * `clear crypto isakmp`): a signal or a timer makes the node send Informational DELETEs
 * (`PeerNode.deleteSas`); the process keeps running and still answers or starts negotiations.
 */
import type { PeerNode } from './node.js';

export type DeleteScope = 'ipsec' | 'all';

/** How many SAs a delete ended: IPsec SA pairs and ISAKMP SAs (`PeerNode.deleteSas`). */
export interface DeleteCounts {
  readonly ipsec: number;
  readonly isakmp: number;
}

/** What each signal deletes: SIGUSR1 the IPsec SA pairs (the ISAKMP SAs stay), SIGUSR2 the IPsec SAs then the ISAKMP SAs. */
export const DELETE_SIGNALS: Readonly<Record<'SIGUSR1' | 'SIGUSR2', DeleteScope>> = { SIGUSR1: 'ipsec', SIGUSR2: 'all' };

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The line printed once a delete ran (its events are written by then; scripts such as the interop
 * runner wait for it): `deleted (SIGUSR2): 1 IPsec SA pair, 1 ISAKMP SA`.
 */
export function deletedLine(trigger: string, d: DeleteCounts): string {
  const parts = [d.ipsec ? count(d.ipsec, 'IPsec SA pair') : '', d.isakmp ? count(d.isakmp, 'ISAKMP SA') : ''].filter(Boolean);
  return `deleted (${trigger}): ${parts.join(', ') || 'nothing (no established SA)'}`;
}

/**
 * Between the DELETE of the IPsec SAs and that of the ISAKMP SA. strongSwan hands each datagram to a
 * worker thread: two DELETEs 1 ms apart raced in the lab, the ISAKMP one was handled first and the
 * IPsec one was dropped with its IKE_SA gone (charon's log showed one DELETE of two).
 */
export const DELETE_GAP_MS = 100;

/** Runs a delete on the node (`all`: the IPsec SAs, then after DELETE_GAP_MS the ISAKMP SAs) and prints its line. */
export async function deleteNow(node: PeerNode, what: DeleteScope, trigger: string, print: (line: string) => void): Promise<void> {
  const first = node.deleteSas('ipsec');
  if (what === 'ipsec') return print(deletedLine(trigger, first));
  if (first.ipsec) await new Promise((resolve) => setTimeout(resolve, DELETE_GAP_MS));
  const rest = node.deleteSas('all');
  print(deletedLine(trigger, { ipsec: first.ipsec + rest.ipsec, isakmp: rest.isakmp }));
}

/** Installs the delete signals; returns the function that removes them. */
export function onDeleteSignals(handle: (what: DeleteScope, signal: string) => void): () => void {
  const handlers = (Object.keys(DELETE_SIGNALS) as (keyof typeof DELETE_SIGNALS)[]).map((sig) => [sig, () => handle(DELETE_SIGNALS[sig], sig)] as const);
  for (const [sig, h] of handlers) process.on(sig, h);
  return () => {
    for (const [sig, h] of handlers) process.off(sig, h);
  };
}
