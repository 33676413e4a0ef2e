// The HTML report in a real browser: Debian's Chromium driven by playwright-core (never a
// downloaded browser). Opens the reports of corpus entries from file://, checks the ladder and
// the findings, clicks a finding and sees its evidence highlighted in the source view, and opens
// a hostile log: no dialog, no image, no request, the text shown literally. Screenshots and the
// pages are kept under .artifacts/reports/. Without chromium: skipped, except under CI (fails).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseLog } from '../grammars/index.js';
import { analyzeRecords, combinePeerLogs, type LogAnalysis } from '../analyzer/analyze.js';
import { diffModel, diffReport, htmlReport, reportModel, type ReportOptions } from './index.js';
import { requireTool } from '../harness/testing/tools.js';
import { CHROMIUM, launchChromium, type Browser } from './testing/chromium.js';
import { SOURCE_MARKUP_LINES } from './render.js';

const hasChromium = requireTool(CHROMIUM);

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTIFACTS = join(ROOT, '.artifacts', 'reports');
const CORPUS = join(ROOT, 'corpus');

function analyzeText(text: string, file: string): LogAnalysis {
  return analyzeRecords(parseLog(text), file);
}
function corpusAnalysis(entry: string, name = 'input.log'): LogAnalysis {
  return analyzeText(readFileSync(join(CORPUS, entry, name), 'utf8'), name);
}
/** Write the page under .artifacts/reports and return its file:// URL. */
function writeReport(name: string, a: LogAnalysis, opts: ReportOptions = {}): string {
  const path = join(ARTIFACTS, `${name}.html`);
  writeFileSync(path, htmlReport(a, opts));
  return `file://${path}`;
}

describe.skipIf(!hasChromium)('HTML report in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // the page must need nothing but itself: any other request is recorded and refused
    browser = await launchChromium('file://');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(url);
    return page;
  }

  const entries = ['ios-mm-01-hub-responder-spoke', 'strongswan-mm-02-psk-mismatch', 'asa-l2tp-01-windows-responder'];
  it.each(entries)('%s: ladder labels and findings are shown', async (entry) => {
    const a = corpusAnalysis(entry);
    const model = reportModel(a);
    const page = await open(writeReport(entry, a));
    expect(await page.title()).toContain('ikelens report');
    const labels = await page.locator('svg.ladder a.step text.label').allTextContents();
    const expected = model.sessions.flatMap((s) => s.steps.map((x) => x.label));
    expect(expected.length).toBeGreaterThan(0);
    expect(labels.map((l) => l.split(' ')[0])).toEqual(expected);
    expect(await page.locator('svg.ladder').first().isVisible()).toBe(true);
    const ids = await page.locator('article.finding .fid').allTextContents();
    expect(ids).toEqual(model.findings.map((f) => f.id));
    expect(await page.locator('#summary .headline').textContent()).toContain(model.summary.headline);
    // 1280 px: no horizontal scrolling
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(ARTIFACTS, `${entry}.png`), fullPage: true });
    await page.close();
  });

  it('clicking a finding highlights its evidence lines in the source view', async () => {
    const entry = 'strongswan-mm-02-psk-mismatch';
    const a = corpusAnalysis(entry);
    const f = reportModel(a).findings.find((x) => x.id === 'ike.p1.psk_mismatch')!;
    expect(f).toBeDefined();
    const page = await open(writeReport(`${entry}-click`, a));
    expect(await page.locator('.src-line.hl').count()).toBe(0);
    await page.locator(`#${f.key} .fsum`).click();
    expect(await page.locator(`#${f.key}`).getAttribute('class')).toContain('selected');
    const highlighted = await page.locator('.src-line.hl').evaluateAll((els) => els.map((e) => e.id));
    expect(highlighted).toEqual(expect.arrayContaining(f.evidence.map((e) => `L${e.src}-${e.line}`)));
    const first = page.locator(`#L${f.evidence[0]!.src}-${f.evidence[0]!.line}`);
    expect(await first.getAttribute('class')).toContain('hl');
    expect(await first.locator('code').textContent()).toBe(f.evidence[0]!.text);
    await expect.poll(() => first.isVisible()).toBe(true);
    // the evidence line is scrolled into the source pane's view
    const inView = await first.evaluate((el) => {
      const pane = el.closest('aside')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.top >= pane.top && r.bottom <= pane.bottom;
    });
    expect(inView).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, `${entry}-finding-clicked.png`) });

    // an arrow of the ladder: its details open, its lines are highlighted
    const mm5 = page.locator('svg.ladder a.step', { hasText: 'MM5' }).first();
    const key = await mm5.getAttribute('data-step');
    await mm5.click();
    expect(await page.locator(`details#${key}`).getAttribute('open')).not.toBeNull();
    expect(await page.locator('.src-line.hl').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('reads well on a phone and in dark mode', async () => {
    const entry = 'strongswan-mm-02-psk-mismatch';
    const url = writeReport(`${entry}-phone`, corpusAnalysis(entry));
    const page = await open(url);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    // nothing wider than the screen except the ladder's own scroll box
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: join(ARTIFACTS, `${entry}-phone-dark.png`), fullPage: false });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    // print: only evidence and not-understood lines of the source remain
    const shown = await page.locator('.src-line').evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.className));
    expect(shown.length).toBeGreaterThan(0);
    for (const c of shown) expect(c).toMatch(/\b(evl|unp|hl)\b/);
    await page.setViewportSize({ width: 800, height: 1100 });
    await page.screenshot({ path: join(ARTIFACTS, `${entry}-print.png`), fullPage: true });
    await page.close();
  });

  it('two peers\u2019 logs: both sources, evidence in each', async () => {
    const entry = 'strongswan-mm-02-psk-mismatch';
    const a = corpusAnalysis(entry);
    const b = corpusAnalysis(entry, 'peer.log');
    const combined = combinePeerLogs(a, b);
    const page = await open(writeReport(`${entry}-two-sided`, combined, { peer: b }));
    expect(await page.locator('aside.source div.src-log').count()).toBe(2);
    expect(await page.locator('#L1-1').count()).toBe(1);
    const f = reportModel(combined, { peer: b }).findings[0]!;
    await page.locator(`#${f.key} .fsum`).click();
    const srcs = new Set(await page.locator('.src-line.hl').evaluateAll((els) => els.map((e) => e.id.split('-')[0])));
    expect(srcs).toEqual(new Set(f.evidence.map((e) => `L${e.src}`)));
    await page.screenshot({ path: join(ARTIFACTS, `${entry}-two-sided.png`), fullPage: true });
    await page.close();
  });

  it('a hostile log: no dialog fires, no element is injected, the text shows literally', async () => {
    const base = readFileSync(join(CORPUS, 'ios-mm-01-hub-responder-spoke', 'input.log'), 'utf8').split('\n').slice(0, 30);
    const hostile = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '</code></li></ol><script>alert(2)</script>'];
    const a = analyzeText([...base, ...hostile].join('\n'), '"><img src=x onerror=alert(3)>.log');
    const page = await open(writeReport('injection', a));
    await page.waitForTimeout(300);
    expect(browser.dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('svg[onload]').count()).toBe(0);
    for (let i = 0; i < hostile.length; i++) expect(await page.locator(`#L0-${base.length + 1 + i} code`).textContent()).toBe(hostile[i]);
    expect(await page.locator('h1').textContent()).toContain('"><img src=x onerror=alert(3)>.log');
    // the hostile lines are listed as not understood
    expect(await page.locator('#coverage').textContent()).toContain('<script>alert(1)</script>');
    await page.screenshot({ path: join(ARTIFACTS, 'injection.png'), fullPage: true });
    await page.close();
  });

  it('a long log: source blocks become lines near the view, when highlighted and before printing', async () => {
    // every IOS and ASA corpus log, one after the other: findings with evidence beyond the markup lines
    const entries = readdirSync(CORPUS).filter((e) => /^(ios|asa)-/.test(e) && existsSync(join(CORPUS, e, 'input.log'))).sort();
    const lines = entries.flatMap((e) => readFileSync(join(CORPUS, e, 'input.log'), 'utf8').trimEnd().split('\n'));
    expect(lines.length).toBeGreaterThan(SOURCE_MARKUP_LINES);
    const hostile = ['<script>alert(1)</script>', '</pre></li></ol></aside><script>alert(2)</script>', "'><svg onload=alert(1)>"];
    lines.push(...hostile);
    const a = analyzeText(lines.join('\n'), 'long.log');
    const model = reportModel(a);
    const total = model.sources[0]!.lines.length;
    const page = await open(writeReport('long-log', a));
    // only the blocks near the top of the source pane are lines
    await expect.poll(() => page.locator('.src-line').count()).toBeGreaterThan(0);
    expect(await page.locator('.src-line').count()).toBeLessThan(total / 2);
    expect(await page.locator(`#L0-${total}`).count()).toBe(0);
    // the finding with the last evidence line, far down: clicking it makes its lines, highlights them and scrolls to the first
    const [f, last] = model.findings.flatMap((x) => x.evidence.map((e) => [x, e] as const)).reduce((x, y) => (y[1].line > x[1].line ? y : x));
    expect(last.line).toBeGreaterThan(SOURCE_MARKUP_LINES);
    await page.locator(`#${f.key} .fsum`).click();
    const highlighted = await page.locator('.src-line.hl').evaluateAll((els) => els.map((e) => e.id));
    expect(highlighted).toEqual(expect.arrayContaining(f.evidence.map((e) => `L0-${e.line}`)));
    const far = page.locator(`#L0-${last.line}`);
    expect(await far.locator('code').textContent()).toBe(last.text);
    expect(await far.getAttribute('class')).toMatch(/\bevl\b/);
    const first = page.locator(`#L0-${f.evidence[0]!.line}`);
    await expect
      .poll(() =>
        first.evaluate((el) => {
          const pane = el.closest('aside')!.getBoundingClientRect();
          const r = el.getBoundingClientRect();
          return r.top >= pane.top && r.bottom <= pane.bottom;
        }),
      )
      .toBe(true);
    // scrolled to the end of the pane: the last lines are there, the hostile ones as text
    await page.locator('aside.source').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => page.locator(`#L0-${total}`).count()).toBe(1);
    for (let i = 0; i < hostile.length; i++) expect(await page.locator(`#L0-${total - hostile.length + 1 + i} code`).textContent()).toBe(hostile[i]);
    expect(await page.locator(`#L0-${total}`).getAttribute('title')).toMatch(/^not understood: /);
    expect(await page.locator(`#L0-${total}`).getAttribute('class')).toMatch(/\bunp\b/);
    // a line number of a made line highlights it
    await page.locator(`#L0-${total - 1} a.ln`).click();
    expect(await page.locator('.src-line.hl').evaluateAll((els) => els.map((e) => e.id))).toEqual([`L0-${total - 1}`]);
    expect(browser.dialogs).toEqual([]);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('svg[onload]').count()).toBe(0);
    // printing: every block becomes lines first, and only evidence and not-understood lines print
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await page.locator('ol.lazy').count()).toBe(0);
    expect(await page.locator('.src-line').count()).toBe(total);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.locator('.src-line').evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.className));
    expect(shown.length).toBeGreaterThan(0);
    for (const c of shown) expect(c).toMatch(/\b(evl|unp|hl)\b/);
    await page.close();
  });

  /** Each row of the diff table: its classes and the text of its A and B cells. */
  async function diffRows(page: Page) {
    return page.locator('#diff table.diff tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ cls: tr.className, a: tr.children[1]!.textContent!.trim(), b: tr.children[2]!.textContent!.trim() })),
    );
  }

  it('a diff of two logs that differ: side by side, aligned, the first divergence highlighted', async () => {
    const entry = 'strongswan-console-01-swanctl-initiate';
    const a = corpusAnalysis(entry);
    const b = corpusAnalysis(entry, 'peer.log');
    const path = join(ARTIFACTS, 'diff-differ.html');
    writeFileSync(path, diffReport(a, b));
    const page = await open(`file://${path}`);
    const model = diffModel(a, b, false).sessions[0]!;
    const rows = await diffRows(page);
    // one row per aligned pair: A's step on the left, B's on the right, a dash where one lacks it
    expect(rows.map((r) => [r.a.split(' ')[0], r.b.split(' ')[0]])).toEqual(model.rows.map((r) => [r.a?.label ?? '—', r.b?.label ?? '—']));
    const first = rows.findIndex((r) => /\bfirst\b/.test(r.cls));
    expect(first).toBe(model.rows.findIndex((r) => r.first));
    expect(rows.filter((r) => /\bfirst\b/.test(r.cls))).toHaveLength(1);
    // the two columns sit side by side on one line at 1280 px
    const boxes = await page.locator('#diff table.diff tbody tr').nth(0).locator('td').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y })));
    expect(boxes[1]!.x).toBeGreaterThan(boxes[0]!.x);
    expect(boxes[1]!.y).toBe(boxes[0]!.y);
    // highlighted: the first divergence looks different from a matching row
    const bg = (i: number) => page.locator('#diff table.diff tbody tr').nth(i).locator('td').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await bg(first)).not.toBe(await bg(0));
    // the summary links to it; clicking the row highlights its line in B's source
    await page.locator('.diff-verdict a').click();
    expect(await page.evaluate(() => location.hash)).toBe('#d0-first');
    await page.locator('#d0-first td').nth(1).click();
    const qm3 = model.rows[first]!.b!.line!;
    expect(await page.locator(`#L1-${qm3}`).getAttribute('class')).toContain('hl');
    expect(await page.locator('#diff').textContent()).toContain('phase2[0].reached');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    await page.locator('#diff').screenshot({ path: join(ARTIFACTS, 'diff-differ.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    await page.locator('#d0-first').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'diff-differ-phone-dark.png') });
    await page.close();
  });

  it('a diff of two logs that match: no divergence marked, the verdict says so', async () => {
    const entry = 'strongswan-mm-02-psk-mismatch';
    const a = corpusAnalysis(entry);
    const b = corpusAnalysis(entry, 'peer.log');
    // the two-sided report of analyze --peer-log carries the same section
    const page = await open(writeReport('diff-match-two-sided', combinePeerLogs(a, b), { peer: b, compare: [a, b] }));
    expect(await page.locator('.diff-verdict .badge').textContent()).toBe('timelines match');
    const rows = await diffRows(page);
    expect(rows.length).toBe(diffModel(a, b, false).sessions[0]!.rows.length);
    for (const r of rows) {
      expect(r.cls).not.toMatch(/first|differs/);
      expect(r.a.split(' ')[0]).toBe(r.b.split(' ')[0]);
    }
    expect(await page.locator('#d0-first').count()).toBe(0);
    await page.locator('#diff').screenshot({ path: join(ARTIFACTS, 'diff-match.png') });
    await page.close();
  });

  it('made no request outside the file and broke no CSP rule', () => {
    expect(browser.offsite).toEqual([]);
    expect(browser.cspErrors).toEqual([]);
    expect(browser.dialogs).toEqual([]);
  });
});
