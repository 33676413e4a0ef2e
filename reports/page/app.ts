// The paste page's script (browser only; bundled by scripts/build-page.mjs). Text from the paste
// box, a dropped or picked file, or a bundled corpus sample is analysed in the page's Web Worker
// (worker.ts: the same grammars and analyzer as the CLI, the same renderReport as `--html`), so
// this thread stays free meanwhile; the page shows the report in an iframe sandboxed without
// same-origin (its own inline script may run, nothing else, and it cannot reach this page).
// Typing is debounced; a paste or a drop renders at once.
import type { AnalyseAnswer, AnalyseRequest } from './analyse.js';
import { WORKER_PATH } from './paths.js';

export interface Sample {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

/** What the page last rendered: read by the tests and the benchmark. */
export interface RenderInfo {
  readonly renders: number;
  readonly lines: number;
  /** From the input event to the report shown (iframe loaded and painted), in ms. */
  readonly ms: number;
  /** Of which: grammars and analyzer, the report's HTML, the frame parsing, laying out and painting it. */
  readonly analyseMs: number;
  readonly htmlMs: number;
  readonly frameMs: number;
  /** performance.now() when the report was shown. */
  readonly shownAt: number;
}

const TYPING_DELAY_MS = 250;

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

export function startPage(samples: readonly Sample[]): void {
  const paste = byId<HTMLTextAreaElement>('paste');
  const frame = byId<HTMLIFrameElement>('report');
  const empty = byId<HTMLElement>('empty');
  const status = byId<HTMLElement>('status');
  const secrets = byId<HTMLInputElement>('show-secrets');
  const picker = byId<HTMLInputElement>('file');
  const sample = byId<HTMLSelectElement>('sample');
  for (const [i, s] of samples.entries()) {
    const o = document.createElement('option');
    o.value = String(i);
    o.textContent = s.name;
    sample.append(o);
  }
  let fileName = 'paste';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let renders = 0;
  let pending: { started: number; lines: number; analyseMs: number; htmlMs: number; framed: number } | null = null;
  const worker = new Worker(WORKER_PATH);
  let asked = 0;
  let askedAt = 0;

  function say(text: string, error = false): void {
    status.textContent = text;
    status.classList.toggle('error', error);
  }

  // A paste: the report is made from the clipboard's text at once, and the text goes into the box
  // only once the report is shown (the box is read-only meanwhile). Chromium lays out every line
  // of a textarea: for a 10,000-line log that takes longer than laying out the report, and the
  // report is what the user pasted for.
  let boxFill: { value: string; caret: number } | null = null;
  function fillBox(): void {
    const f = boxFill;
    if (!f) return;
    boxFill = null;
    paste.value = f.value;
    paste.setSelectionRange(f.caret, f.caret);
    paste.readOnly = false;
  }
  const current = () => boxFill?.value ?? paste.value;

  function render(started: number): void {
    timer = undefined;
    const text = current();
    if (!text.trim()) {
      asked++; // an answer still coming is for text no longer there
      fillBox();
      frame.hidden = true;
      frame.srcdoc = '';
      empty.hidden = false;
      say('Waiting for a log.');
      return;
    }
    const req: AnalyseRequest = { id: ++asked, text, fileName, showSecrets: secrets.checked };
    askedAt = started;
    worker.postMessage(req);
  }

  worker.addEventListener('message', (e: MessageEvent<AnalyseAnswer>) => {
    const a = e.data;
    if (a.id !== asked) return; // an answer to a request since replaced
    if ('error' in a) {
      pending = null;
      say(`This log could not be analysed: ${a.error}`, true);
      fillBox();
      return;
    }
    pending = { started: askedAt, lines: a.lines, analyseMs: a.analyseMs, htmlMs: a.htmlMs, framed: performance.now() };
    frame.srcdoc = a.html;
    frame.hidden = false;
    empty.hidden = true;
    say(`${a.lines} lines, ${a.sessions} IKE SA${a.sessions === 1 ? '' : 's'}, ${a.findings} finding${a.findings === 1 ? '' : 's'}.`);
  });
  worker.addEventListener('error', (e) => {
    say(`The analysis stopped: ${e.message || 'the worker failed'}`, true);
    fillBox();
  });

  frame.addEventListener('load', () => {
    if (!pending || frame.hidden) return;
    const p = pending;
    pending = null;
    // shown = loaded and painted: the frame after next
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const shownAt = performance.now();
        renders++;
        const info: RenderInfo = { renders, lines: p.lines, ms: shownAt - p.started, analyseMs: p.analyseMs, htmlMs: p.htmlMs, frameMs: shownAt - p.framed, shownAt };
        (window as unknown as { ikelensRender: RenderInfo }).ikelensRender = info;
        status.textContent += ` Rendered in ${Math.round(info.ms)} ms.`;
        fillBox();
        document.body.dataset.renders = String(renders);
      }),
    );
  });

  function schedule(now: boolean): void {
    const started = performance.now();
    if (timer !== undefined) clearTimeout(timer);
    if (now) render(started);
    else timer = setTimeout(() => render(started), TYPING_DELAY_MS);
  }

  function load(text: string, name: string): void {
    boxFill = null;
    paste.readOnly = false;
    paste.value = text;
    fileName = name;
    schedule(true);
  }

  paste.addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text/plain');
    if (!text || paste.readOnly) return; // no text (or a fill pending): the browser does what it does
    e.preventDefault();
    // what the browser would have done: the text replaces the selection, the caret after it
    const at = paste.selectionStart;
    boxFill = { value: paste.value.slice(0, at) + text + paste.value.slice(paste.selectionEnd), caret: at + text.length };
    paste.readOnly = true;
    fileName = 'paste';
    schedule(true);
  });
  paste.addEventListener('input', (e) => {
    const kind = (e as InputEvent).inputType ?? '';
    if (kind === 'insertFromPaste' || kind === 'insertFromDrop') fileName = 'paste';
    schedule(kind === 'insertFromPaste' || kind === 'insertFromDrop' || kind === 'deleteByCut');
  });
  secrets.addEventListener('change', () => schedule(true));
  byId('clear').addEventListener('click', () => load('', 'paste'));

  async function readFile(f: File | undefined): Promise<void> {
    if (!f) return;
    try {
      load(await f.text(), f.name);
    } catch (e) {
      say(`Cannot read ${f.name}: ${(e as Error).message}`, true);
    }
  }
  picker.addEventListener('change', () => void readFile(picker.files?.[0]));
  paste.addEventListener('dragover', (e) => {
    e.preventDefault();
    paste.classList.add('drag');
  });
  paste.addEventListener('dragleave', () => paste.classList.remove('drag'));
  paste.addEventListener('drop', (e) => {
    paste.classList.remove('drag');
    const f = e.dataTransfer?.files?.[0];
    if (!f) return; // dropped text: the textarea inserts it and fires input (insertFromDrop)
    e.preventDefault();
    void readFile(f);
  });
  byId('load-sample').addEventListener('click', () => {
    const s = samples[Number(sample.value)];
    if (s) load(s.text, s.file);
  });
}
