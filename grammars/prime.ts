// Parse every grammar sample, so that the parsers' code cache (parsers.ts) holds the code a log
// needs: `npm run build` runs this (`node dist/grammars/prime.js`) to write the caches for plain
// `node` and for the ikelens command's options (analyzer/cli/node-options.ts), and the parsing
// benchmark runs it for the flags of its measuring processes. The samples
// are real lines of every record rule (grammars/samples); each body also goes through every
// grammar, as bodies do when the envelope's hint is wrong.
import { pathToFileURL } from 'node:url';
import { parseLog } from './index.js';
import { FAMILIES } from './records.js';
import { bodyOf, parseBody } from './runtime.js';
import { saveCodeCache } from './parsers.js';
import { ENVELOPE_SAMPLES, SAMPLES } from './samples/index.js';

/** Parse the samples (as one log, and each body with every grammar); returns the records made. */
export function primeParsers(): number {
  const lines = [...FAMILIES.flatMap((f) => SAMPLES[f]), ...ENVELOPE_SAMPLES].map((s) => s.line);
  for (const line of lines) {
    const body = bodyOf(line);
    for (const f of FAMILIES) parseBody(f, body, 'Body', true);
  }
  return parseLog(lines.join('\n')).length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  primeParsers();
  saveCodeCache();
}
