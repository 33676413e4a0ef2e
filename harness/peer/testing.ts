/** Test support: the example configs of docs/peer-config.md, by their `# example: NAME` line. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfigText } from './config/load.js';
import type { PeerConfig } from './config/schema.js';

const DOC = fileURLToPath(new URL('../../docs/peer-config.md', import.meta.url));

/** Every fenced yaml/json block of the doc: its example name (json blocks: `json-N`) and text. */
export function docExamples(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const re = /```(yaml|json)\n([\s\S]*?)```/g;
  const doc = readFileSync(DOC, 'utf8');
  for (let m = re.exec(doc); m; m = re.exec(doc)) {
    const named = /^# example: (\S+)/.exec(m[2]!);
    out.push({ name: named ? named[1]! : `example-${out.length}.${m[1]}`, text: m[2]! });
  }
  return out;
}

export function exampleConfig(name: string, edit: (text: string) => string = (t) => t): PeerConfig {
  const ex = docExamples().find((e) => e.name === name);
  if (!ex) throw new Error(`no example ${name} in docs/peer-config.md`);
  const r = loadConfigText(edit(ex.text), name);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}
