// Normalize: the records of one log, in order, become events of the one vocabulary. Each
// family has its normalizer; lines of families that carry no protocol fact of their own
// (console noise) become `log.line` events, unrecognised lines `unparsed` events.
import type { LogRecord } from '../../grammars/index.js';
import type { Event } from '../model/index.js';
import { Emitter, type NormalizeContext, type Normalizer } from './emitter.js';
import { normalizeIos } from './ios.js';
import { normalizeAsa } from './asa.js';
import { normalizeStrongswan } from './strongswan.js';
import { normalizeShow } from './show.js';

export { Emitter, type NormalizeContext, type Normalizer } from './emitter.js';

const NORMALIZERS: Readonly<Record<string, Normalizer>> = {
  ios: normalizeIos,
  asa: normalizeAsa,
  strongswan: normalizeStrongswan,
  show: normalizeShow,
};

/**
 * Events of one log. Consecutive records of one family go to that family's normalizer as one
 * run (normalizers keep context across lines of their run: the SA a bare attribute line
 * belongs to, the message a `processing ... payload` line completes). Events come out in
 * record order.
 */
export function normalize(records: readonly LogRecord[], ctx: NormalizeContext): Event[] {
  const out = new Emitter(ctx);
  const byFamily = new Map<string, LogRecord[]>();
  // each family's normalizer sees all of its own records, in order, so its context survives
  // interleaved console lines; the emitted events are then put back in line order.
  for (const r of records) {
    if (r.kind === 'unparsed' || r.kind === 'blank' || !r.family) continue;
    const list = byFamily.get(r.family) ?? [];
    list.push(r);
    byFamily.set(r.family, list);
  }
  for (const [family, list] of byFamily) {
    const n = NORMALIZERS[family];
    if (n) n(list, out);
    else for (const r of list) out.logLine(r);
  }
  for (const r of records) if (r.kind === 'unparsed') out.unparsed(r);
  return renumber(out.events);
}

/** Sort by source line (stable: events of one line keep their order) and number them 0..n-1. */
function renumber(events: Event[]): Event[] {
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => line(a.e) - line(b.e) || a.e.seq - b.e.seq || a.i - b.i)
    .map(({ e }, seq) => ({ ...e, seq }) as Event);
  return sorted;
}

function line(e: Event): number {
  return 'line' in e.origin ? e.origin.line : 0;
}
