// Corpus goldens for the analyzer: each log's timelines and findings (the JSON of
// `ikelens analyze --json`), and for entries with both peers' logs the two-sided timeline,
// match the reviewed `<log>.timeline.golden.json` / `two-sided.golden.json`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLog } from '../grammars/index.js';
import { analyzeRecords, combinePeerLogs } from '../analyzer/analyze.js';
import { analysisJson } from '../analyzer/report/json.js';
import { corpusEntries } from './entries.js';
import { checkGolden } from './golden.js';

const analyze = (path: string, file: string) => analyzeRecords(parseLog(readFileSync(path, 'utf8')), file);
const render = (x: unknown) => JSON.stringify(x, null, 2) + '\n';

for (const entry of corpusEntries()) {
  describe(entry.name, () => {
    const analyses = entry.logs.map((l) => ({ log: l, a: analyze(l.path, l.file) }));
    for (const { log, a } of analyses) {
      it(`${log.file}: timeline and findings match the golden`, () => {
        const actual = render(analysisJson(a));
        const g = checkGolden(log.path.replace(/\.log$/, '.timeline.golden.json'), actual);
        if (!g.ok) expect(actual).toBe(g.expected);
      });
    }
    if (analyses.length === 2) {
      it('two-sided timeline matches the golden', () => {
        const [a, b] = analyses;
        const actual = render(analysisJson(combinePeerLogs(a!.a, b!.a), b!.a));
        const g = checkGolden(join(entry.dir, 'two-sided.golden.json'), actual);
        if (!g.ok) expect(actual).toBe(g.expected);
      });
    }
  });
}
