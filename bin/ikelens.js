#!/usr/bin/env -S node --v8-pool-size=1
// ikelens command-line entry: runs the compiled CLI (npm install builds it into dist/). The first
// line gives node the options of analyzer/cli/node-options.ts (why: there).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// the harness commands (the reference engine) have their own entry: the analyzer never imports the harness
const HARNESS_COMMANDS = new Set(['peer', 'interop']);
const main = new URL(HARNESS_COMMANDS.has(process.argv[2]) ? '../dist/harness/cli/main.js' : '../dist/analyzer/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('ikelens is not built yet: run `npm install` (or `npm run build`) in its directory.\n');
  process.exit(2);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
