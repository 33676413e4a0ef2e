// The paste-to-diagnose page served by `ikelens serve`: a paste box, a file picker and drop zone,
// corpus samples, and the report below. The page itself is this HTML plus one script file (the
// bundle made by scripts/build-page.mjs from reports/page/app.ts) and its Web Worker (worker.ts);
// the analysis runs in the browser, in the worker, the report is the one renderReport makes for
// --html, shown in a sandboxed iframe.
// Pure code: the server imports it, and tests check the page and its policy.
import { documentHead } from '../html.js';
import { scriptHash } from '../render.js';
import { APP_PATH } from './paths.js';

/** Where the page loads its script (APP_PATH) and its Web Worker (WORKER_PATH) from (same origin). */
export { APP_PATH, WORKER_PATH } from './paths.js';

/**
 * The page's Content-Security-Policy (sent as a header and as a meta tag): its script from itself
 * only, the report's inline script by its hash (a srcdoc iframe inherits this policy), no
 * connection, no image, no form, no plug-in: nothing pasted can leave the page.
 */
export function pageContentSecurityPolicy(opts: { readonly header?: boolean } = {}): string {
  return [
    "default-src 'none'",
    `script-src 'self' '${scriptHash()}'`,
    // the analysis runs in a worker loaded from this server
    "worker-src 'self'",
    "style-src 'unsafe-inline'",
    "img-src 'none'",
    "connect-src 'none'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    // only a header can say who may frame the page (browsers ignore it in a meta tag)
    ...(opts.header ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}

const CSS = `
:root{--bg:#fff;--fg:#1b1f24;--muted:#5c6670;--line:#d0d7de;--card:#f6f8fa;--accent:#0b62c4;--err:#c62828;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--fg:#e3e7eb;--muted:#9aa5b1;--line:#2f3a45;--card:#17202a;--accent:#6cb6ff;--err:#ff6b6b}}
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;display:flex;flex-direction:column}
header.bar{padding:10px 16px;border-bottom:1px solid var(--line);background:var(--card)}
h1{font-size:18px;margin:0 0 6px}
.row{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center}
#paste{display:block;width:100%;height:7.5em;margin:8px 0 6px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:var(--bg);color:var(--fg);border:2px dashed var(--line);border-radius:6px;padding:6px 8px;resize:vertical}
#paste.drag{border-color:var(--accent)}
button,select,label.file{font:inherit;font-size:14px;padding:3px 10px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);cursor:pointer}
label.file{position:relative;overflow:hidden}
label.file input{position:absolute;left:0;top:0;width:1px;height:1px;opacity:0}
.pick{display:flex;gap:6px;min-width:0;max-width:100%}
select{min-width:0;max-width:100%;text-overflow:ellipsis}
label.check{font-size:14px}
#status{font-size:13px;color:var(--muted)}
#status.error{color:var(--err)}
.note{font-size:13px;color:var(--muted);margin:4px 0 0}
main.out{flex:1;min-height:70vh;display:flex}
#report{flex:1;width:100%;border:0;background:var(--bg)}
#report[hidden]{display:none}
#empty{padding:20px;color:var(--muted)}
@media (max-width:600px){header.bar{padding:8px 10px}#paste{height:6em}}
`;

/** The page (the samples are in the script bundle, which lists them in the picker). */
export function pageHtml(): string {
  return `${documentHead(pageContentSecurityPolicy(), 'ikelens — paste to diagnose', CSS)}
<body>
<header class="bar">
<h1>ikelens — paste to diagnose</h1>
<label for="paste" class="note">Paste a Cisco IOS / ASA or strongSwan debug log, or drop a file here. It is analysed in this page; nothing is uploaded.</label>
<textarea id="paste" wrap="off" spellcheck="false" autocomplete="off" placeholder="debug crypto isakmp / debug crypto ikev1 / charon log …"></textarea>
<div class="row">
<label class="file">Open a file…<input type="file" id="file" accept=".log,.txt,text/plain"></label>
<span class="pick"><select id="sample" aria-label="corpus sample"></select> <button type="button" id="load-sample">Load sample</button></span>
<label class="check"><input type="checkbox" id="show-secrets"> show keys and passwords</label>
<button type="button" id="clear">Clear</button>
<span id="status" role="status" aria-live="polite">Waiting for a log.</span>
</div>
</header>
<main class="out">
<p id="empty">The report appears here as you paste.</p>
<iframe id="report" title="ikelens report" sandbox="allow-scripts" referrerpolicy="no-referrer" hidden></iframe>
</main>
<script src="${APP_PATH}"></script>
</body>
</html>
`;
}
