// The source view of an analysis whose source is events, not text (the reference engine's JSON
// lines): one line per event, line N = the event with sequence number N — which is what the
// analyzer uses as the "line" of a step or an evidence item when an event has no file origin
// (analyzer/correlate/session.ts lineOf). The text is the event's own fields, compactly.
import type { Event } from '../analyzer/model/index.js';

/** Beyond this a sequence number is not used as a line number (the view would be mostly blank). */
const MAX_LINE = 1_000_000;

export function eventLines(events: readonly Event[]): string[] {
  const bySeq = events.every((e) => Number.isInteger(e.seq) && e.seq >= 1 && e.seq <= MAX_LINE);
  const lines: string[] = [];
  events.forEach((e, i) => {
    const { kind, seq: _seq, origin: _origin, node: _node, ...rest } = e as Event & Record<string, unknown>;
    lines[bySeq ? e.seq - 1 : i] = `${kind} ${JSON.stringify(rest)}`;
  });
  return Array.from(lines, (l) => l ?? '');
}
