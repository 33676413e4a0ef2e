// Parse every grammar sample, so that the parsers' code cache (parsers.ts) holds the code a log
// needs: `npm run build` runs this (`node dist/grammars/prime.js`) to write the caches for plain
// `node`, and the parsing benchmark runs it for the flags of its measuring processes. The samples
// are real lines of every record rule (grammars/samples); each body also goes through every
// grammar, as bodies do when the envelope's hint is wrong.
import { pathToFileURL } from 'node:url';
import { parseLog } from './index.js';
import { FAMILIES } from './records.js';
import { parseBody, parseEnvelope } from './runtime.js';
import { saveCodeCache } from './parsers.js';
import { SAMPLES as IOS } from './samples/ios.js';
import { SAMPLES as ASA } from './samples/asa.js';
import { SAMPLES as STRONGSWAN } from './samples/strongswan.js';
import { SAMPLES as SHOW } from './samples/show.js';
import { SAMPLES as CONSOLE } from './samples/console.js';
import { ENVELOPE_SAMPLES } from './samples/envelope.js';

/** Parse the samples (as one log, and each body with every grammar); returns the records made. */
export function primeParsers(): number {
  const lines = [...IOS, ...ASA, ...STRONGSWAN, ...SHOW, ...CONSOLE, ...ENVELOPE_SAMPLES].map((s) => s.line);
  for (const line of lines) {
    const e = parseEnvelope(line);
    const body = (e ? line.slice(e.bodyStart) : line).trim();
    for (const f of FAMILIES) parseBody(f, body, 'Body', true);
  }
  return parseLog(lines.join('\n')).length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  primeParsers();
  saveCodeCache();
}
