// show records → events. `show crypto ...` output describes SAs at the moment the command ran,
// not a negotiation: its lines are kept as evidence (`log.line`) so reports can show them, and
// they do not join the debug timelines (a show taken at another time would mislead them).
import type { Normalizer } from './emitter.js';

export const normalizeShow: Normalizer = (records, out) => {
  for (const r of records) out.logLine(r);
};
