#!/usr/bin/env node
// ikelens command-line entry: runs the compiled CLI (npm install builds it into dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/analyzer/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('ikelens is not built yet: run `npm install` (or `npm run build`) in its directory.\n');
  process.exit(2);
}
const { main: run, registerCommand } = await import(main.href);
// commands implemented in the harness (the analyzer does not import it): loaded when used
const harnessCommand = (file, name) => async () => (await import(new URL(`../dist/harness/${file}`, import.meta.url).href))[name];
registerCommand('interop', harnessCommand('interop/cli.js', 'interopCommand'));
process.exitCode = await run(process.argv.slice(2));
