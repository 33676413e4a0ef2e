// Paste-to-report benchmark (issue 7: "a 10,000-line paste renders its report within one second
// in the page"). Builds a 10,000-line paste from real corpus lines (every corpus log in order,
// then renumbered repetitions, as in the parse benchmark), starts the real page server on a free
// 127.0.0.1 port, and in Debian's Chromium (playwright-core) times, several times, from the paste
// event (a ClipboardEvent carrying the text, dispatched at the focused empty paste box, what Ctrl+V
// fires first) to the report shown (the iframe loaded and two frames painted), and to the text in
// the paste box too (the page fills it after the report), with the page's longest main-thread
// task in between (PerformanceObserver 'longtask'). The baseline, measured in the same
// page and run, is the browser putting the same text into a <pre> as text and painting it.
import { existsSync } from 'node:fs';
import { startPageServer } from '../reports/serve.js';
import { CHROMIUM, launchChromium } from '../reports/testing/chromium.js';
import { corpusLines, vary } from './parse.js';

const LINES = 10_000;
const RUNS = 7;
const TARGET_MS = 1000;

/** 10,000 corpus lines: each log once, then renumbered repetitions. */
export function pasteText(lines = LINES): string {
  const src = corpusLines().lines;
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) for (const l of src) if (out.length < lines) out.push(i ? vary(l, i) : l);
  return out.join('\n') + '\n';
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

export async function renderBench(log: (s: string) => void): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    log(`render: not measured, ${CHROMIUM} is not installed (scripts/install-deps.sh)`);
    return;
  }
  const text = pasteText();
  const server = await startPageServer(0);
  const browser = await launchChromium(server.url);
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const report: number[] = [];
    const box: number[] = [];
    const blocked: number[] = [];
    const parts = { analyse: [] as number[], html: [] as number[], frame: [] as number[] };
    const baseline: number[] = [];
    let sessions = '';
    // one warm-up of each, then RUNS measured, alternating so both see the same browser state
    for (let run = 0; run <= RUNS; run++) {
      const r = await page.evaluate(async (t) => {
        const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const box = document.getElementById('paste') as HTMLTextAreaElement;
        // an empty box, focused, as before Ctrl+V
        box.value = '';
        box.focus();
        await frames();
        const before = Number(document.body.dataset.renders ?? 0);
        const clipboard = new DataTransfer();
        clipboard.setData('text/plain', t);
        // the page's main thread: its longest task until the report is shown (a long task blocks typing and scrolling)
        const tasks: number[] = [0];
        const watch = new PerformanceObserver((l) => {
          for (const e of l.getEntries()) tasks.push(e.duration);
        });
        watch.observe({ type: 'longtask' });
        const t0 = performance.now();
        // what Ctrl+V fires first; unless the page cancels it, the browser then inserts the text
        // (a synthetic event does not insert: if the page did not cancel it, do it as the browser would)
        if (box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }))) {
          box.value = t;
          box.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
        }
        while (Number(document.body.dataset.renders ?? 0) === before) await new Promise((r) => setTimeout(r, 5));
        const info = (window as unknown as { ikelensRender: { shownAt: number; analyseMs: number; htmlMs: number; frameMs: number } }).ikelensRender;
        for (const e of watch.takeRecords()) tasks.push(e.duration);
        watch.disconnect();
        const blocked = Math.max(...tasks);
        // and until the pasted text is in the box too, laid out and painted
        const inBox = box.value === t;
        void box.scrollHeight;
        await frames();
        const boxMs = performance.now() - t0;
        return { ms: info.shownAt - t0, blocked, boxMs, inBox, analyse: info.analyseMs, html: info.htmlMs, frame: info.frameMs, status: document.getElementById('status')!.textContent ?? '' };
      }, run % 2 ? text : text + '\n');
      if (!r.inBox) throw new Error('render bench: the pasted text is not in the paste box once the report is shown');
      const b = await page.evaluate(async (t) => {
        const t0 = performance.now();
        const pre = document.createElement('pre');
        pre.textContent = t;
        document.body.append(pre);
        void pre.offsetHeight;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const elapsed = performance.now() - t0;
        pre.remove();
        return elapsed;
      }, text);
      if (run === 0) continue;
      report.push(r.ms);
      box.push(r.boxMs);
      blocked.push(r.blocked);
      parts.analyse.push(r.analyse);
      parts.html.push(r.html);
      parts.frame.push(r.frame);
      baseline.push(b);
      sessions = r.status;
    }
    const m = median(report);
    const base = median(baseline);
    log(`render: ${LINES} corpus lines (${(text.length / 1024).toFixed(0)} KB) pasted into the ikelens serve page, Chromium, ${RUNS} runs after a warm-up`);
    log(`  page status: ${sessions}`);
    log(`  paste → report shown:          median ${ms(m)} (min ${ms(Math.min(...report))}, max ${ms(Math.max(...report))})`);
    log(`    of which (medians): grammars + analyzer ${ms(median(parts.analyse))}, report HTML ${ms(median(parts.html))}, frame parse + layout + paint ${ms(median(parts.frame))}`);
    log(`    the page's longest main-thread task meanwhile: median ${ms(median(blocked))} (max ${ms(Math.max(...blocked))})`);
    log(`  paste → text also in the paste box, painted: median ${ms(median(box))} (min ${ms(Math.min(...box))}, max ${ms(Math.max(...box))})`);
    log(`  baseline, same text in a <pre>: median ${ms(base)} (min ${ms(Math.min(...baseline))}, max ${ms(Math.max(...baseline))})`);
    log(`  ratio report / baseline: ${(m / base).toFixed(1)}×; target ${ms(TARGET_MS)}: ${m <= TARGET_MS ? 'met' : 'NOT met'}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
