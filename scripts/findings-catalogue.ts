// Writes docs/findings.md from the finding catalogue (analyzer/model/findings.ts) and the rules
// registered in analyzer/rules/index.ts: `npm run catalogue`. A test checks the file is current.
import { writeFileSync } from 'node:fs';
import { catalogueMarkdown } from '../analyzer/rules/catalogue.js';

writeFileSync(new URL('../../docs/findings.md', import.meta.url), catalogueMarkdown());
console.log('wrote docs/findings.md');
