// Timeline diff: two timelines of one negotiation (two logs, or a log and an expected
// timeline) compared in a normal form that leaves out what always differs between two runs or
// two views — cookies, SPIs, message IDs, nonces, timestamps, line numbers — and reads
// everything from the IKE initiator's side, so a responder's log compares with an initiator's.
// Steps are aligned (longest common subsequence of label and sender); the first divergence is
// the first aligned position where the two differ; parameters are compared field by field.
import type { Phase2, Proposal, Session } from '../timeline.js';

/** A session in the form that is compared. */
export interface DiffView {
  readonly steps: readonly { readonly label: string; readonly sender: string }[];
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
}

export interface StepPair {
  readonly a: { readonly label: string; readonly sender: string } | null;
  readonly b: { readonly label: string; readonly sender: string } | null;
}

export interface SessionDiff {
  readonly equal: boolean;
  /** Aligned steps; a side is null where that timeline lacks the step. */
  readonly steps: readonly StepPair[];
  /** Index in `steps` of the first pair that differs, or null. */
  readonly firstDivergence: number | null;
  /** Parameters both timelines state, with different values. */
  readonly params: readonly { readonly name: string; readonly a: unknown; readonly b: unknown }[];
  /** Parameters only one timeline states (its log says, the other's does not): not a divergence. */
  readonly oneSided: readonly { readonly name: string; readonly a: unknown; readonly b: unknown }[];
}

/** The role-neutral view of a session. */
export function diffView(s: Pick<Session, 'role' | 'phase1' | 'phase2' | 'steps' | 'natt' | 'xauth' | 'modeConfig'>): DiffView {
  const responder = s.role === 'responder';
  const params: Record<string, string | number | boolean | null> = {
    'phase1.mode': s.phase1.mode,
    'phase1.auth': s.phase1.auth,
    'phase1.outcome': s.phase1.outcome,
    'phase1.reached': s.phase1.reached,
    ...flatProposal('phase1.accepted', s.phase1.accepted),
    'natt.detected': s.natt.detected,
    'xauth.outcome': s.xauth?.outcome ?? null,
    'modeConfig.address': s.modeConfig?.address ?? null,
  };
  s.phase2.forEach((q, i) => Object.assign(params, flatPhase2(`phase2[${i}]`, q, responder)));
  return {
    steps: comparedSteps(s).map((x) => ({ label: x.label, sender: x.sender })),
    params,
  };
}

/** The steps of a session that are compared (unlabelled ones are left out), in order: DiffView.steps[i] is comparedSteps(s)[i]. */
export function comparedSteps<S extends { readonly label: string }>(s: { readonly steps: readonly S[] }): S[] {
  return s.steps.filter((x) => x.label !== '?');
}

function flatProposal(prefix: string, p: Proposal | null): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  // the method is compared once, as phase1.auth (a device may not repeat it in the proposal)
  for (const k of ['encryption', 'hash', 'group', 'lifetimeSeconds'] as const) out[`${prefix}.${k}`] = p?.[k] ?? null;
  return out;
}

/** Phase-2 parameters from the IKE initiator's side: a responder's local proxy is the initiator's remote one. */
function flatPhase2(prefix: string, q: Phase2, responder: boolean): Record<string, string | number | null> {
  const [mine, theirs] = responder ? [q.proxies.remote, q.proxies.local] : [q.proxies.local, q.proxies.remote];
  return {
    [`${prefix}.initiatorProxy`]: mine?.address ?? null,
    [`${prefix}.responderProxy`]: theirs?.address ?? null,
    [`${prefix}.transforms`]: q.transforms.join(' ') || null,
    [`${prefix}.pfsGroup`]: q.pfsGroup ?? null,
    [`${prefix}.mode`]: q.mode ?? null,
    [`${prefix}.lifetimeSeconds`]: q.lifetimeSeconds ?? null,
    [`${prefix}.outcome`]: q.outcome,
    [`${prefix}.reached`]: q.reached,
  };
}

const same = (x: { label: string; sender: string }, y: { label: string; sender: string }) => x.label === y.label && x.sender === y.sender;

/** Longest-common-subsequence alignment of two lists under an equality; unmatched items pair with null. */
export function align<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): { a: T | null; b: T | null }[] {
  const n = a.length;
  const m = b.length;
  const L: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i]![j] = eq(a[i]!, b[j]!) ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const out: { a: T | null; b: T | null }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && eq(a[i]!, b[j]!)) out.push({ a: a[i++]!, b: b[j++]! });
    else if (j >= m || (i < n && L[i + 1]![j]! >= L[i]![j + 1]!)) out.push({ a: a[i++]!, b: null });
    else out.push({ a: null, b: b[j++]! });
  }
  return out;
}

export function alignSteps(a: DiffView['steps'], b: DiffView['steps']): StepPair[] {
  return align(a, b, same);
}

export function diffViews(a: DiffView, b: DiffView): SessionDiff {
  const steps = alignSteps(a.steps, b.steps);
  const first = steps.findIndex((p) => !p.a || !p.b);
  const names = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])];
  const differing = names.filter((k) => (a.params[k] ?? null) !== (b.params[k] ?? null)).map((name) => ({ name, a: a.params[name] ?? null, b: b.params[name] ?? null }));
  const params = differing.filter((p) => p.a !== null && p.b !== null);
  const oneSided = differing.filter((p) => p.a === null || p.b === null);
  return { equal: first < 0 && params.length === 0, steps, firstDivergence: first < 0 ? null : first, params, oneSided };
}

export function diffSessions(a: Session, b: Session): SessionDiff {
  return diffViews(diffView(a), diffView(b));
}

/** Two timelines of several IKE SAs: sessions paired in order (the i-th with the i-th), and those only one side has. */
export interface TimelinesDiff {
  readonly equal: boolean;
  readonly sessions: readonly { readonly ids: readonly [string, string]; readonly d: SessionDiff }[];
  readonly unmatched: readonly { readonly side: 'A' | 'B'; readonly id: string }[];
}

export function diffTimelines(a: readonly { readonly id: string; readonly view: DiffView }[], b: readonly { readonly id: string; readonly view: DiffView }[]): TimelinesDiff {
  const n = Math.min(a.length, b.length);
  const sessions = Array.from({ length: n }, (_, i) => ({ ids: [a[i]!.id, b[i]!.id] as const, d: diffViews(a[i]!.view, b[i]!.view) }));
  const unmatched = [...a.slice(n).map((v) => ({ side: 'A' as const, id: v.id })), ...b.slice(n).map((v) => ({ side: 'B' as const, id: v.id }))];
  // two logs without any IKE SA are not "equal timelines": there is nothing to compare
  return { equal: n > 0 && sessions.every((x) => x.d.equal) && unmatched.length === 0, sessions, unmatched };
}

/** The first divergence in words (`first divergence at step 6: A has MM6, B has nothing`), or null when the steps match. */
export function divergenceText(d: SessionDiff): string | null {
  if (d.firstDivergence === null) return null;
  const p = d.steps[d.firstDivergence]!;
  return `first divergence at step ${d.firstDivergence + 1}: ${p.a ? `A has ${p.a.label}` : 'A has nothing'}, ${p.b ? `B has ${p.b.label}` : 'B has nothing'}`;
}

/** What the unmatched sessions and an empty comparison are called in every output. */
export function unmatchedText(t: TimelinesDiff, anySession: boolean): string[] {
  const out = t.unmatched.map((u) => (u.side === 'A' ? `A has a session B lacks: ${u.id}` : `B has a session A lacks: ${u.id}`));
  if (!anySession) out.push('neither input has an IKE SA');
  return out;
}
