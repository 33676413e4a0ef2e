#!/usr/bin/env node
// Bundles the paste page's script (reports/page/app.ts) and its Web Worker (reports/page/worker.ts
// with the grammars, the analyzer and the report renderer) into two browser files that `ikelens
// serve` sends: dist/reports/page/app.bundle.js and worker.bundle.js (beside tsc's app.js and
// worker.js, ES modules the browser cannot use).
// The corpus samples listed in reports/page/samples.json go into the bundle as text, so the page
// loads nothing but itself. The bundle is for the browser: a `node:` import anywhere in it fails
// the build (the analysis must stay pure code). Generated, not committed.
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(root, 'dist', 'reports', 'page', 'app.bundle.js');
export const WORKER_BUNDLE = join(root, 'dist', 'reports', 'page', 'worker.bundle.js');

const samples = JSON.parse(readFileSync(join(root, 'reports', 'page', 'samples.json'), 'utf8')).map((s) => ({
  name: s.name,
  file: `${s.entry}/${s.log}`,
  text: readFileSync(join(root, 'corpus', s.entry, s.log), 'utf8'),
}));

mkdirSync(dirname(BUNDLE), { recursive: true });

/** One IIFE browser bundle of `contents` (a TS entry) into `outfile`; its size in bytes. */
async function bundle(contents, outfile) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'page-entry.ts', loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    outfile,
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        // the grammars load their parsers with Node's code cache (grammars/parsers.ts); the page
        // takes the same parsers as ES modules
        name: 'browser-parsers',
        setup(b) {
          b.onResolve({ filter: /^\.\/parsers\.js$/ }, (args) =>
            args.importer.startsWith(join(root, 'grammars')) ? { path: join(root, 'grammars', 'parsers.browser.ts') } : undefined,
          );
        },
      },
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
  return Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
}

const bytes = await bundle(`import { startPage } from './reports/page/app.ts';\nstartPage(${JSON.stringify(samples)});\n`, BUNDLE);
const workerBytes = await bundle(`import './reports/page/worker.ts';\n`, WORKER_BUNDLE);
console.log(`page bundle: ${BUNDLE.slice(root.length + 1)} (${(bytes / 1024).toFixed(0)} KB, ${samples.length} samples), ${WORKER_BUNDLE.slice(root.length + 1)} (${(workerBytes / 1024).toFixed(0)} KB)`);
