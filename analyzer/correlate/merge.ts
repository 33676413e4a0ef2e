// Two logs of the same negotiation, one from each peer → one two-sided timeline per IKE SA.
// Sessions are paired by what both sides see the same: cookies, the SPIs (one side's inbound
// SPI is the other's outbound), the addresses (one side's peer is the other's local address)
// and complementary roles; then by order. Steps are aligned by exchange, message ID (the same
// on the wire for both), label and sender — never by clock, so skewed clocks and missing lines
// do not matter: a step one log lacks is kept from the other.
import { align } from '../diff/index.js';
import type { Session, Step } from '../timeline.js';

function pairScore(a: Session, b: Session): number {
  let score = 0;
  if (a.cookies?.initiator && a.cookies.initiator === b.cookies?.initiator) score += 10;
  const aSpis = a.phase2.flatMap((q) => [q.spis.in, q.spis.out]).filter(Boolean);
  for (const q of b.phase2) {
    if (q.spis.in && aSpis.includes(q.spis.in)) score += 5;
    if (q.spis.out && aSpis.includes(q.spis.out)) score += 5;
  }
  if (a.peer && b.local && a.peer.address === b.local.address) score += 3;
  if (b.peer && a.local && b.peer.address === a.local.address) score += 3;
  if (a.role && b.role && a.role !== b.role) score += 1;
  if (a.phase1.mode && a.phase1.mode === b.phase1.mode) score += 1;
  return score;
}

/** Pairs of sessions (index in a, index in b), best matches first; unpaired sessions stay one-sided. */
export function pairSessions(a: readonly Session[], b: readonly Session[]): [number, number][] {
  const candidates: { i: number; j: number; score: number }[] = [];
  a.forEach((x, i) => b.forEach((y, j) => candidates.push({ i, j, score: pairScore(x, y) })));
  candidates.sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number][] = [];
  for (const c of candidates) {
    if (c.score <= 1 || usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    pairs.push([c.i, c.j]);
  }
  // what is left pairs up by order
  const restA = a.map((_, i) => i).filter((i) => !usedA.has(i));
  const restB = b.map((_, j) => j).filter((j) => !usedB.has(j));
  for (let k = 0; k < Math.min(restA.length, restB.length); k++) pairs.push([restA[k]!, restB[k]!]);
  return pairs.sort((p, q) => p[0] - q[0]);
}

const stepKey = (s: Step) => `${s.exchange === 'main' || s.exchange === 'aggressive' ? 'p1' : s.msgid}|${s.label}|${s.sender}`;

/** Merge b's view of a session into a's: a's steps carry b's line; b-only steps are added. */
export function mergeSession(a: Session, b: Session): Session {
  const pairs = align(a.steps, b.steps, (x, y) => stepKey(x) === stepKey(y));
  const steps: Step[] = pairs.map(({ a: x, b: y }) => {
    if (x && y) return { ...x, peerSide: { node: b.node, line: y.line, ...(y.state ? { state: y.state } : {}) } };
    if (x) return x;
    // a step only the peer logged, seen from a's side: its direction flips
    return { ...y!, dir: y!.dir === 'out' ? 'in' : 'out', node: b.node, peerSide: { node: b.node, line: y!.line, ...(y!.state ? { state: y!.state } : {}) } };
  });
  return {
    ...a,
    steps,
    role: a.role ?? (b.role ? (b.role === 'initiator' ? 'responder' : 'initiator') : null),
    ...(a.local ? {} : b.peer ? { local: b.peer } : {}),
    ...(a.peer ? {} : b.local ? { peer: b.local } : {}),
    peerView: { node: b.node, session: b.id, lines: b.lines },
  };
}
