// ios records → events. (Placeholder until the ios normalizer lands: every record is kept as a log.line.)
import type { Normalizer } from './emitter.js';

export const normalizeIos: Normalizer = (records, out) => {
  for (const r of records) out.logLine(r);
};
