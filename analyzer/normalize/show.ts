// show records → events. (Placeholder until the show normalizer lands: every record is kept as a log.line.)
import type { Normalizer } from './emitter.js';

export const normalizeShow: Normalizer = (records, out) => {
  for (const r of records) out.logLine(r);
};
