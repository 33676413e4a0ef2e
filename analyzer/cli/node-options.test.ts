// The ikelens command runs with the Node options of node-options.ts wherever it starts: its entry's
// first line, `npm start`, the code cache the build primes for it, and the benchmark's measuring
// processes (which import the list).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_OPTIONS } from './node-options.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/ikelens.js`;
const scripts = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
const options = NODE_OPTIONS.join(' ');

describe('the command\'s Node options', () => {
  it('are on the entry\'s first line, in `npm start` and in the build\'s code cache priming', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${options}`);
    expect(scripts.start).toMatch(new RegExp(`^node ${options} bin/ikelens\\.js `));
    expect(scripts.build).toContain(`&& node ${options} dist/grammars/prime.js &&`);
  });

  it('start the entry when it is run as a program (as npx and an installed `ikelens` run it: `env -S` splits the line)', () => {
    const r = spawnSync(bin, ['parse', `${root}corpus/asa-l2tp-01-windows-responder/input.log`, '--summary'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('276');
  });
});
