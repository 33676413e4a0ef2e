// asa records → events. (Placeholder until the asa normalizer lands: every record is kept as a log.line.)
import type { Normalizer } from './emitter.js';

export const normalizeAsa: Normalizer = (records, out) => {
  for (const r of records) out.logLine(r);
};
