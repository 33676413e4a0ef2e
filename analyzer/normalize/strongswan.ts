// strongswan records → events. (Placeholder until the strongswan normalizer lands: every record is kept as a log.line.)
import type { Normalizer } from './emitter.js';

export const normalizeStrongswan: Normalizer = (records, out) => {
  for (const r of records) out.logLine(r);
};
