#!/usr/bin/env node
// Bundles the paste page's script (reports/page/app.ts with the grammars, the analyzer and the
// report renderer) into one browser file that `ikelens serve` sends:
// dist/reports/page/app.bundle.js (beside tsc's app.js, an ES module the browser cannot use).
// The corpus samples listed in reports/page/samples.json go into the bundle as text, so the page
// loads nothing but itself. The bundle is for the browser: a `node:` import anywhere in it fails
// the build (the analysis must stay pure code). Generated, not committed.
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(root, 'dist', 'reports', 'page', 'app.bundle.js');

const samples = JSON.parse(readFileSync(join(root, 'reports', 'page', 'samples.json'), 'utf8')).map((s) => ({
  name: s.name,
  file: `${s.entry}/${s.log}`,
  text: readFileSync(join(root, 'corpus', s.entry, s.log), 'utf8'),
}));

mkdirSync(dirname(BUNDLE), { recursive: true });
const result = await build({
  stdin: {
    contents: `import { startPage } from './reports/page/app.ts';\nstartPage(${JSON.stringify(samples)});\n`,
    resolveDir: root,
    sourcefile: 'page-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'none',
  outfile: BUNDLE,
  metafile: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'no-node-modules',
      setup(b) {
        b.onResolve({ filter: /^node:|^(fs|path|crypto|url|util|os|child_process|stream)$/ }, (args) => ({
          errors: [{ text: `${args.importer} imports ${args.path}: the browser bundle must stay free of Node modules` }],
        }));
      },
    },
  ],
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`page bundle: ${BUNDLE.slice(root.length + 1)} (${(bytes / 1024).toFixed(0)} KB, ${samples.length} samples)`);
