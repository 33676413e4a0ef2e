// `ikelens serve` as a user runs it: the built CLI (bin/ikelens.js; `npm test` builds first) in a
// child process on a free port, driven with Debian's Chromium through playwright-core (never a
// downloaded browser). Pastes a corpus log, opens one with the file picker, drops one, loads a
// sample, toggles secrets, pastes hostile text (no script of it runs), and records every request
// (only the page and its script, from 127.0.0.1). Also: the server refuses another Host header,
// another bind address, a bad port and a port in use, each in one sentence with exit 2, and stops
// on SIGTERM. Screenshots in .artifacts/reports/ (light and dark, 1280 px and phone width).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';
import { parseLog } from '../grammars/index.js';
import { analyzeRecords } from '../analyzer/analyze.js';
import { reportModel } from './index.js';
import { requireTool } from '../harness/testing/tools.js';
import { CHROMIUM, launchChromium, type Browser } from './testing/chromium.js';

const hasChromium = requireTool(CHROMIUM);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTIFACTS = join(ROOT, '.artifacts', 'reports');
const corpusPath = (entry: string, name = 'input.log') => join(ROOT, 'corpus', entry, name);
const corpusLog = (entry: string, name = 'input.log') => readFileSync(corpusPath(entry, name), 'utf8');

/** Start `ikelens serve` and wait for the URL it prints. */
async function serve(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, ['bin/ikelens.js', 'serve', '--open-none', ...args], { cwd: ROOT });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => reject(new Error(`ikelens serve exited (${code}): ${err || out}`)));
  });
  return { child, url };
}

function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

/** A raw GET with a chosen Host header. */
function get(url: string, host: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: '/', headers: { Host: host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What the CLI prints and returns, for the refusals (they exit at once). */
function serveOnce(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/ikelens.js', 'serve', '--open-none', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('ikelens serve: the server', () => {
  it('answers only to its own host name and stops on SIGTERM', async () => {
    const { child, url } = await serve(['--port', '0']);
    const port = new URL(url).port;
    expect((await get(url, `127.0.0.1:${port}`)).status).toBe(200);
    const evil = await get(url, `attacker.example:${port}`);
    expect(evil.status).toBe(421);
    expect(evil.body).not.toContain('<script');
    expect((await get(url, `127.0.0.1:${Number(port) + 1}`)).status).toBe(421);
    // a port in use: one sentence, exit 2
    const busy = serveOnce(['--port', port]);
    expect(busy).toMatchObject({ code: 2, out: '' });
    expect(busy.err).toBe(`ikelens serve: port ${port} on 127.0.0.1 is in use; choose another with --port (0 picks a free one)\n`);
    expect(await stop(child)).toBe(0);
  });

  it('refuses another bind address and a bad port in one sentence (exit 2)', () => {
    expect(serveOnce(['--host', '0.0.0.0'])).toEqual({ code: 2, out: '', err: 'ikelens serve: the page is served on 127.0.0.1 only (it is for this machine); --host 0.0.0.0 is refused\n' });
    expect(serveOnce(['--port', '70000'])).toEqual({ code: 2, out: '', err: 'ikelens serve: --port must be a number from 0 to 65535 (0 picks a free port), not "70000"\n' });
    expect(serveOnce(['--port', 'http'])).toMatchObject({ code: 2 });
  });
});

describe.skipIf(!hasChromium)('ikelens serve: the page in Chromium', () => {
  let server: { child: ChildProcessWithoutNullStreams; url: string };
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serve(['--port', '0']);
    // every request is recorded; anything not for the local server is refused
    browser = await launchChromium(server.url);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stop(server.child);
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage();
    const res = await page.goto(server.url);
    expect(res?.headers()['content-security-policy']).toContain("connect-src 'none'");
    expect(res?.headers()['content-security-policy']).toContain("worker-src 'self'");
    return page;
  }

  /** Wait for the page's n-th rendered report. */
  async function rendered(page: Page, n: number): Promise<FrameLocator> {
    await page.waitForFunction((k) => Number(document.body.dataset.renders ?? 0) >= k, n, { timeout: 20_000 });
    return page.frameLocator('#report');
  }

  /** A real paste: the text on the clipboard, Ctrl+V into the paste box. */
  async function paste(page: Page, text: string): Promise<void> {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.locator('#paste').fill('');
    await page.locator('#paste').focus();
    await page.keyboard.press('Control+V');
  }

  async function expectReportOf(report: FrameLocator, text: string, file: string): Promise<void> {
    const model = reportModel(analyzeRecords(parseLog(text), file));
    const labels = await report.locator('svg.ladder a.step text.label').allTextContents();
    const expected = model.sessions.flatMap((s) => s.steps.map((x) => x.label));
    expect(expected.length).toBeGreaterThan(0);
    expect(labels.map((l) => l.split(' ')[0])).toEqual(expected);
    expect(await report.locator('article.finding .fid').allTextContents()).toEqual(model.findings.map((f) => f.id));
    expect(await report.locator('#summary .headline').textContent()).toContain(model.summary.headline);
  }

  it('a pasted log: the report appears with its ladder and findings; a finding highlights its evidence', async () => {
    const page = await open();
    const text = corpusLog('ios-fail-05-proxy-mismatch');
    await paste(page, text);
    const report = await rendered(page, 1);
    await expectReportOf(report, text, 'paste');
    expect(await page.locator('#paste').inputValue()).toBe(text);
    const model = reportModel(analyzeRecords(parseLog(text), 'paste'));
    const f = model.findings.find((x) => x.id === 'ike.p2.proxy_mismatch')!;
    await report.locator(`#${f.key} .fsum`).click();
    const highlighted = await report.locator('.src-line.hl').evaluateAll((els) => els.map((e) => e.id));
    expect(highlighted).toEqual(expect.arrayContaining(f.evidence.map((e) => `L0-${e.line}`)));
    await page.screenshot({ path: join(ARTIFACTS, 'serve-paste-1280-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'serve-paste-1280-dark.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    // a phone: nothing wider than the screen (the report scrolls in its own frame)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(ARTIFACTS, 'serve-paste-phone-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(ARTIFACTS, 'serve-paste-phone-light.png') });
    await page.close();
  });

  it('a paste replaces the selection as the browser would; the report is of the result', async () => {
    const page = await open();
    const lines = corpusLog('ios-fail-05-proxy-mismatch').split('\n');
    const head = lines.slice(0, 5).join('\n') + '\n';
    const tail = '\n' + lines.slice(5).join('\n');
    // the box holds a log with XXXX on line 6, selected (set without an input event: no render yet)
    await page.evaluate(({ h, t }) => {
      const box = document.getElementById('paste') as HTMLTextAreaElement;
      box.value = `${h}XXXX${t}`;
      box.focus();
      box.setSelectionRange(h.length, h.length + 4);
    }, { h: head, t: tail });
    const pasted = 'crypto isakmp key Sup3rS3cret address 10.0.0.2';
    await page.evaluate((t) => navigator.clipboard.writeText(t), pasted);
    await page.keyboard.press('Control+V');
    const report = await rendered(page, 1);
    expect(await page.locator('#paste').inputValue()).toBe(head + pasted + tail);
    expect(await page.locator('#paste').evaluate((b: HTMLTextAreaElement) => [b.selectionStart, b.selectionEnd, b.readOnly])).toEqual([head.length + pasted.length, head.length + pasted.length, false]);
    expect(await report.locator('#L0-6 code').textContent()).toBe('crypto isakmp key ‹redacted› address 10.0.0.2');
    expect(await report.locator('#L0-7 code').textContent()).toBe(lines[5]);
    await page.close();
  });

  it('typing is debounced into one report', async () => {
    const page = await open();
    const lines = corpusLog('strongswan-mm-02-psk-mismatch').split('\n').slice(0, 40).join('\n');
    await page.locator('#paste').pressSequentially(lines.slice(0, 200), { delay: 0 });
    const report = await rendered(page, 1);
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => document.body.dataset.renders)).toBe('1');
    expect(await report.locator('#summary h1').textContent()).toContain('paste');
    await page.close();
  });

  it('a file from the picker and a dropped file', async () => {
    const page = await open();
    await page.locator('#file').setInputFiles(corpusPath('ios-am-01-hub-responder-vpnclient'));
    let report = await rendered(page, 1);
    await expectReportOf(report, corpusLog('ios-am-01-hub-responder-vpnclient'), 'input.log');
    expect(await report.locator('h1').textContent()).toContain('input.log');

    const text = corpusLog('asa-l2tp-01-windows-responder');
    const dt = await page.evaluateHandle((t) => {
      const d = new DataTransfer();
      d.items.add(new File([t], 'dropped-asa.log', { type: 'text/plain' }));
      return d;
    }, text);
    await page.dispatchEvent('#paste', 'drop', { dataTransfer: dt });
    report = await rendered(page, 2);
    await expectReportOf(report, text, 'dropped-asa.log');
    expect(await report.locator('h1').textContent()).toContain('dropped-asa.log');
    await page.close();
  });

  it('the sample button loads a corpus log; secrets are redacted until asked for', async () => {
    const page = await open();
    const names = await page.locator('#sample option').allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(3);
    const i = names.findIndex((n) => /strongSwan, pre-shared key mismatch/.test(n));
    await page.locator('#sample').selectOption(String(i));
    await page.locator('#load-sample').click();
    let report = await rendered(page, 1);
    await expectReportOf(report, corpusLog('strongswan-mm-02-psk-mismatch'), 'strongswan-mm-02-psk-mismatch/input.log');
    expect(await report.locator('article.finding .fid').allTextContents()).toContain('ike.p1.psk_mismatch');

    await paste(page, ['crypto isakmp key Sup3rS3cret address 10.0.0.2', corpusLog('ios-mm-01-hub-responder-spoke')].join('\n'));
    report = await rendered(page, 2);
    expect(await report.locator('#L0-1 code').textContent()).toBe('crypto isakmp key ‹redacted› address 10.0.0.2');
    expect(await report.locator('body').textContent()).not.toContain('Sup3rS3cret');
    await page.locator('#show-secrets').check();
    report = await rendered(page, 3);
    expect(await report.locator('#L0-1 code').textContent()).toBe('crypto isakmp key Sup3rS3cret address 10.0.0.2');
    await page.close();
  });

  it('pasted markup is text: no script of it runs, no element of it appears', async () => {
    const page = await open();
    const base = corpusLog('ios-mm-01-hub-responder-spoke').split('\n').slice(0, 30);
    const hostile = [
      '<script>window.top.pwned = 1; window.pwned = 1; alert(1)</script>',
      '"><img src=x onerror="window.top.pwned = 2; window.pwned = 2">',
      "'><svg onload=window.pwned=3>",
      '</code></li></ol><script>window.pwned = 4</script>',
      '</textarea><script>window.pwned = 5</script>',
    ];
    await paste(page, [...base, ...hostile].join('\n'));
    const report = await rendered(page, 1);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(await frame.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await report.locator('img').count()).toBe(0);
    expect(await report.locator('svg[onload]').count()).toBe(0);
    expect(await report.locator('script').count()).toBe(1);
    for (let i = 0; i < hostile.length; i++) expect(await report.locator(`#L0-${base.length + 1 + i} code`).textContent()).toBe(hostile[i]);
    // the frame is sandboxed without same-origin: the report cannot reach the page
    expect(await page.locator('#report').getAttribute('sandbox')).toBe('allow-scripts');
    expect(await frame.evaluate(() => { try { return String(window.parent.document.title); } catch { return 'blocked'; } })).toBe('blocked');
    expect(browser.dialogs).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'serve-injection.png') });
    await page.close();
  });

  it('loaded nothing but the page, its script and its worker, from 127.0.0.1, and broke no CSP rule', () => {
    expect(browser.offsite).toEqual([]);
    expect(new Set(browser.requests.map((u) => new URL(u).pathname))).toEqual(new Set(['/', '/app.js', '/worker.js']));
    for (const u of browser.requests) expect(new URL(u).hostname).toBe('127.0.0.1');
    expect(browser.cspErrors).toEqual([]);
    expect(browser.dialogs).toEqual([]);
  });
});
