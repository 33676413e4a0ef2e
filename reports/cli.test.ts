// `ikelens analyze --html`: the command writes the report (in-process, from the sources, so it
// does not depend on a fresh build), exit codes unchanged, secrets redacted unless asked.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './testing/cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = (entry: string, file = 'input.log') => join(root, 'corpus', entry, file);
const dir = mkdtempSync(join(tmpdir(), 'ikelens-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

describe('ikelens analyze --html', () => {
  it('writes the report and keeps the exit code of the analysis', async () => {
    const file = join(dir, 'psk.html');
    const r = await run(['analyze', corpus('strongswan-mm-02-psk-mismatch'), '--html', file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`report written to ${file}\n`);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('ike.p1.psk_mismatch');
    const ok = await run(['analyze', corpus('ios-mm-01-hub-responder-spoke'), '--html', join(dir, 'ok.html')]);
    expect(ok.code).toBe(0);
  });

  it('prints the page on standard output with --html -', async () => {
    const r = await run(['analyze', corpus('ios-mm-01-hub-responder-spoke'), '--html', '-']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('<!doctype html>')).toBe(true);
    expect(r.out.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('still prints the JSON with --json', async () => {
    const r = await run(['analyze', corpus('ios-mm-01-hub-responder-spoke'), '--html', join(dir, 'j.html'), '--json']);
    expect(JSON.parse(r.out).ikelens).toBe('analysis');
  });

  it('two peers\u2019 logs make one report with both sources', async () => {
    const file = join(dir, 'two.html');
    const r = await run(['analyze', corpus('strongswan-mm-02-psk-mismatch'), '--peer-log', corpus('strongswan-mm-02-psk-mismatch', 'peer.log'), '--html', file]);
    expect(r.code).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('id="L0-1"');
    expect(html).toContain('id="L1-1"');
  });

  it('redacts secrets unless --show-secrets', async () => {
    const log = join(dir, 'with-key.log');
    writeFileSync(log, ['crypto isakmp key Sup3rS3cret address 10.0.0.2', readFileSync(corpus('ios-mm-01-hub-responder-spoke'), 'utf8')].join('\n'));
    await run(['analyze', log, '--html', join(dir, 'r.html')]);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).not.toContain('Sup3rS3cret');
    await run(['analyze', log, '--html', join(dir, 's.html'), '--show-secrets']);
    expect(readFileSync(join(dir, 's.html'), 'utf8')).toContain('Sup3rS3cret');
    // the terminal and JSON outputs too: the line is printed among the lines not understood
    const text = await run(['analyze', log]);
    expect(text.out).toContain('crypto isakmp key ‹redacted› address 10.0.0.2');
    expect(text.out).not.toContain('Sup3rS3cret');
    const json = await run(['analyze', log, '--json']);
    expect(JSON.parse(json.out).unparsed[0].text).toBe('crypto isakmp key ‹redacted› address 10.0.0.2');
    expect((await run(['analyze', log, '--json', '--show-secrets'])).out).toContain('Sup3rS3cret');
  });

  it('says in one sentence what is wrong, exit 2', async () => {
    const noDir = await run(['analyze', corpus('ios-mm-01-hub-responder-spoke'), '--html', join(dir, 'missing', 'x.html')]);
    expect(noDir.code).toBe(2);
    expect(noDir.err).toMatch(/cannot write .*x\.html: ENOENT/);
  });
});
