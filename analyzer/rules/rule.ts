// What a rule is and the helpers rules share. A rule is a pure function of one session's
// timeline and events; it returns findings with evidence (event sequence numbers and their
// source lines) and the fix in each device's own configuration syntax.
import { makeFinding, type Event, type EventOf, type Evidence, type Finding, type FindingId, type Fix } from '../model/index.js';
import type { LogRecord } from '../../grammars/index.js';
import type { Session } from '../timeline.js';

export interface RuleContext {
  readonly session: Session;
  /** The session's events, in order. */
  readonly events: readonly Event[];
  /** The source text of a line (1-based), for evidence. */
  readonly lineText: (line: number) => string | undefined;
}

/** What a configuration rule reads: every record of a paste (show output, configuration), not one session. */
export interface ConfigContext {
  readonly records: readonly LogRecord[];
  readonly file: string;
  readonly lineText: (line: number) => string | undefined;
}

/** A rule about the configuration a paste shows (a `show crypto map`), not about a negotiation. */
export interface ConfigRule {
  readonly id: FindingId;
  readonly looksFor: string;
  readonly check: (ctx: ConfigContext) => Finding[];
}

export interface Rule {
  readonly id: FindingId;
  /** What the rule looks for, in one sentence (the catalogue prints it). */
  readonly looksFor: string;
  readonly check: (ctx: RuleContext) => Finding[];
}

export function ofKind<K extends Event['kind']>(events: readonly Event[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.kind === kind);
}

/** Evidence from events: their sequence numbers and source lines (with text). */
export function evidence(ctx: RuleContext, events: readonly Event[]): Evidence {
  const seen = new Set<number>();
  const lines = [];
  for (const e of events) {
    if (!('line' in e.origin) || seen.has(e.origin.line)) continue;
    seen.add(e.origin.line);
    const text = ctx.lineText(e.origin.line);
    lines.push({ file: e.origin.file, line: e.origin.line, ...(e.origin.endLine !== e.origin.line ? { endLine: e.origin.endLine } : {}), ...(text !== undefined ? { text } : {}) });
  }
  return { events: events.map((e) => e.seq), lines: lines.sort((a, b) => a.line - b.line) };
}

export function finding(ctx: RuleContext, id: FindingId, detail: string, events: readonly Event[], fix?: Fix): Finding {
  const s = ctx.session;
  return makeFinding(id, {
    detail,
    evidence: evidence(ctx, events),
    ...(fix ? { fix } : {}),
    node: s.node,
    ...(s.peer ? { peer: s.peer.address } : {}),
  });
}

/** The failed `ike.phase` events of a phase whose reason is one of `reasons`. */
export function phaseFailures(ctx: RuleContext, phase: 1 | 2, reasons: readonly string[]): EventOf<'ike.phase'>[] {
  return ofKind(ctx.events, 'ike.phase').filter((p) => p.phase === phase && p.status === 'failed' && p.reason !== undefined && reasons.includes(p.reason));
}

/** The peer's address for messages: `10.0.0.2`, or `the peer`. */
export function peerName(s: Session): string {
  return s.peer?.address ?? 'the peer';
}

/**
 * The common shape of many rules: the device reported that a phase failed for one of
 * `reasons`. The rule gives the detail and the fix; the failures (and `also` events) are the evidence.
 */
export function phaseFailureRule(spec: {
  readonly id: FindingId;
  readonly phase: 1 | 2;
  readonly reasons: readonly string[];
  readonly looksFor: string;
  readonly detail: (ctx: RuleContext, failures: readonly EventOf<'ike.phase'>[]) => string;
  readonly fix?: (ctx: RuleContext) => Fix;
  readonly also?: (ctx: RuleContext) => readonly Event[];
}): Rule {
  return {
    id: spec.id,
    looksFor: spec.looksFor,
    check: (ctx) => {
      const failures = phaseFailures(ctx, spec.phase, spec.reasons);
      if (!failures.length) return [];
      const more = spec.also?.(ctx) ?? [];
      const ev = [...failures, ...more].sort((a, b) => a.seq - b.seq);
      return [finding(ctx, spec.id, spec.detail(ctx, failures), ev, spec.fix?.(ctx))];
    },
  };
}

/** The device's own words of the first failure, quoted, or empty. */
export function deviceWords(failures: readonly EventOf<'ike.phase'>[]): string {
  const t = failures.find((f) => f.text)?.text;
  return t ? ` The device said: "${t}".` : '';
}
