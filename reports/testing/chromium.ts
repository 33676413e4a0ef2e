// Test and benchmark support: Debian's Chromium through playwright-core (never a downloaded
// browser), with a fresh profile; every request outside what the page may load is recorded and
// refused; dialogs and CSP complaints of each page are recorded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface Browser {
  readonly context: BrowserContext;
  /** Requests refused because they were not for `allowed`. */
  readonly offsite: string[];
  /** Every request the pages made. */
  readonly requests: string[];
  readonly dialogs: string[];
  readonly cspErrors: string[];
  /** A new page whose dialogs are dismissed and recorded, and whose CSP complaints are recorded. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launch Chromium; requests whose URL does not start with `allowed` are aborted and recorded. */
export async function launchChromium(allowed: string): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ikelens-chromium-'));
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  const b = { context, offsite: [] as string[], requests: [] as string[], dialogs: [] as string[], cspErrors: [] as string[] };
  context.on('request', (r) => b.requests.push(r.url()));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(allowed)) return route.continue();
    b.offsite.push(url);
    return route.abort();
  });
  return {
    ...b,
    async newPage() {
      const page = await context.newPage();
      page.on('dialog', (d) => {
        b.dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) b.cspErrors.push(m.text());
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
