// An interop run's report in a real browser (Debian's Chromium through playwright-core, never a
// downloaded one), from a recorded run without a lab: the two charon logs of
// corpus/strongswan-console-01-swanctl-initiate (the initiator's log ends before QM3, the
// responder's has it: the timelines differ) judged against fail-psk-mismatch — a failing case.
// The verdict and its failed checks are visible at the top, the ladder carries both sides' labels
// and column names, the diff's first divergence is highlighted. Page and screenshot in .artifacts/interop/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { interopReportModel } from '../../reports/index.js';
import { CHROMIUM, launchChromium } from '../../reports/testing/chromium.js';
import { requireTool } from '../testing/tools.js';
import { interopVerdict, runReportHtml } from './html-report.js';
import { charonSide, recordedResult, scenarioNamed } from './recorded-run.js';

const hasChromium = requireTool(CHROMIUM);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(ROOT, '.artifacts', 'interop');
const CORPUS = join(ROOT, 'corpus', 'strongswan-console-01-swanctl-initiate');

describe.skipIf(!hasChromium)('an interop report in Chromium', () => {
  it('a failing case: the verdict and its failed check at the top, both sides in the ladder, the first divergence highlighted', async () => {
    const s = scenarioNamed('fail-psk-mismatch');
    const obs = { initiator: charonSide(join(CORPUS, 'input.log'), 'initiator'), responder: charonSide(join(CORPUS, 'peer.log'), 'responder') };
    const r = recordedResult(s, obs);
    expect(r.verdict).toBe('fail');
    const failedCheck = r.checks.find((c) => !c.ok)!;
    const model = interopReportModel({ initiator: obs.initiator.analysis, responder: obs.responder.analysis }, interopVerdict(s, r));
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${s.name}-recorded.html`);
    writeFileSync(path, runReportHtml(s, r, obs));
    // the page must need nothing but itself: any other request is recorded and refused
    const browser = await launchChromium('file://');
    try {
      const page = await browser.newPage();
      await page.goto(`file://${path}`);

      // the verdict, visible without scrolling, with the failed check spelled out
      const verdict = page.locator('#interop-verdict');
      expect(await verdict.textContent()).toBe('FAIL');
      expect(await verdict.isVisible()).toBe(true);
      expect((await verdict.boundingBox())!.y).toBeLessThan(900);
      expect(await page.locator('#interop .failed-checks li').first().textContent()).toBe(`${failedCheck.name}: expected ${failedCheck.expected}, got ${failedCheck.got}`);
      expect(await page.locator('#interop tr.check-failed').count()).toBe(r.checks.filter((c) => !c.ok).length);
      await page.screenshot({ path: join(ARTIFACTS, `${s.name}-recorded-top.png`) });

      // one two-sided ladder: both columns named after the sides, every message's label, messages of both logs
      const ladder = page.locator('svg.ladder').first();
      expect(await ladder.locator('text.col-name').allTextContents()).toEqual(['initiator', 'responder']);
      const labels = (await ladder.locator('a.step text.label').allTextContents()).map((l) => l.split(' ')[0]);
      expect(labels).toEqual(model.sessions[0]!.steps.map((x) => x.label));
      expect(labels).toContain('QM3'); // only the responder's log has it
      expect(labels).toContain('MM1');

      // the diff: exactly one first divergence, highlighted, the verdict line leads to it
      const first = page.locator('#diff table.diff tbody tr.first');
      expect(await first.count()).toBe(1);
      const want = model.diff!.sessions[0]!.rows.find((x) => x.first)!;
      expect(await first.locator('td').nth(1).textContent()).toContain(want.b!.label);
      const bg = (row: ReturnType<typeof page.locator>) => row.locator('td').first().evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(await bg(first)).not.toBe(await bg(page.locator('#diff table.diff tbody tr').first()));
      await page.locator('.diff-verdict a').click();
      expect(await page.evaluate(() => location.hash)).toBe('#d0-first');
      expect(await first.isVisible()).toBe(true);
      expect(browser.offsite).toEqual([]);
      expect(browser.cspErrors).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `${s.name}-recorded-divergence.png`) });
      await page.close();
    } finally {
      await browser.close();
    }
  }, 60_000);
});
