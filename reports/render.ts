// The report model rendered as one self-contained HTML page: inline CSS, inline SVG, one inline
// script allowed by its SHA-256 hash in the page's Content-Security-Policy; no URL to anything
// outside the file. Every value goes through `esc`. Pure code (no node: module): the paste page
// runs this same renderer in the browser.
import { sha256 } from '@noble/hashes/sha2.js';
import { CSS, SCRIPT, SOURCE_BLOCK } from './assets.js';
import { diffHtml, diffVerdictHtml } from './diff-html.js';
import { documentHead, esc, lineLink } from './html.js';
import { interopHtml } from './interop.js';
import { ladderSvg, refSpec } from './ladder.js';
import type { FindingModel, KeyValue, ReportModel, SessionModel, SourceModel, StepModel } from './model.js';

/** The CSP source of an inline script: `sha256-` and the base64 of its UTF-8 bytes' SHA-256. */
export function scriptHash(script: string = SCRIPT): string {
  let bin = '';
  for (const b of sha256(new TextEncoder().encode(script))) bin += String.fromCharCode(b);
  return `sha256-${btoa(bin)}`;
}

export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src '${scriptHash()}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function kvTable(rows: readonly KeyValue[]): string {
  if (!rows.length) return '';
  return `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
}

function summaryHtml(m: ReportModel): string {
  const s = m.summary;
  const outcomeLabel = s.outcome === 'none' ? 'no IKE SA' : s.outcome === 'incomplete' ? 'log incomplete' : s.outcome;
  const counts = `${s.counts.error} error${s.counts.error === 1 ? '' : 's'}, ${s.counts.warn} warning${s.counts.warn === 1 ? '' : 's'}, ${s.counts.note} note${s.counts.note === 1 ? '' : 's'}`;
  const firstError = m.findings.find((f) => f.severity === 'error');
  const why = s.why ? `<p class="why"><strong>Why:</strong> ${firstError ? `<a href="#${esc(firstError.key)}">${esc(s.why)}</a>` : esc(s.why)}</p>` : '';
  const sessions = m.sessions.length
    ? `<ul class="sa-list">${m.sessions.map((x) => `<li><a href="#${esc(x.key)}">${esc(x.title)}</a> <span class="badge o-${esc(x.outcome)}">${esc(x.outcome === 'failed' && x.failedAt ? `failed at ${x.failedAt}` : x.outcome)}</span></li>`).join('')}</ul>`
    : '';
  const secrets = m.secrets.shown
    ? 'shown as in the log (--show-secrets)'
    : m.secrets.redacted
      ? `${m.secrets.redacted} redacted`
      : 'none found (keys and passwords are redacted)';
  return `<header class="summary" id="summary">
<a class="skip" href="#findings">Skip to the findings</a>
<h1>${esc(m.title)}</h1>
${m.interop ? interopHtml(m.interop) : ''}${m.diff ? diffVerdictHtml(m.diff) : ''}<p class="headline"><span class="badge o-${esc(s.outcome)}">${esc(outcomeLabel)}</span> ${esc(s.headline)}</p>
${why}${sessions}
<dl>
<div><dt>peers</dt><dd>${esc(s.peers.join(' ⇄ ') || '—')}</dd></div>
<div><dt>findings</dt><dd><a href="#findings">${esc(counts)}</a></dd></div>
<div><dt>understood</dt><dd><a href="#coverage">${esc(`${m.coverage.understood} of ${m.coverage.total} lines (${m.coverage.percent}%)`)}</a></dd></div>
<div><dt>dialects</dt><dd>${esc(s.dialects.join(', ') || 'none recognised')}</dd></div>
<div><dt>secrets</dt><dd>${esc(secrets)}</dd></div>
</dl>
</header>`;
}

function findingHtml(f: FindingModel, sources: readonly SourceModel[]): string {
  const evidence = f.evidence.length
    ? `<ul class="ev">${f.evidence
        .map((e) => `<li>${lineLink(e.src, e.line, `line ${e.line}${e.endLine && e.endLine > e.line ? `–${e.endLine}` : ''}`, sources)} <code>${esc(e.text)}</code></li>`)
        .join('')}</ul>`
    : '<p class="muted">no evidence line</p>';
  const fixes = [
    f.fixNote ? `<p><strong>Fix:</strong> ${esc(f.fixNote)}</p>` : '',
    ...f.fixes.map((x) => `<div class="fix"><span class="fix-label">${esc(x.label)}</span><pre><code>${esc(x.text)}</code></pre></div>`),
  ].join('');
  const who = [f.node && `node ${f.node}`, f.peer && `peer ${f.peer}`].filter(Boolean).join(', ');
  return `<article class="finding sev-${esc(f.severity)}" id="${esc(f.key)}" tabindex="0" data-evidence="${esc(refSpec(f.evidence))}" aria-label="${esc(`${f.severity}: ${f.id}`)}">
<div class="head"><span class="badge sev">${esc(f.severity)}</span><span class="fid">${esc(f.id)}</span>${who ? `<span class="muted">${esc(who)}</span>` : ''}</div>
<p class="fsum"><strong>${esc(f.summary)}</strong></p>
<p class="detail">${esc(f.detail)}</p>
${evidence}${fixes}
</article>`;
}

function stepHtml(x: StepModel, sources: readonly SourceModel[]): string {
  const arrow = x.fromLeft ? '→' : '←';
  const states = [x.leftState && `left: ${x.leftState}`, x.rightState && `right: ${x.rightState}`].filter(Boolean).join('; ');
  const rows: KeyValue[] = [...x.details, ...(states ? ([['states after', states]] as KeyValue[]) : [])];
  const where = x.refs.map((r) => lineLink(r.src, r.line, `line ${r.line}`, sources)).join(', ');
  return `<details class="msg${x.failed ? ' failed' : ''}" id="${esc(x.key)}"><summary><span class="mono">${esc(x.label)}</span> ${esc(arrow)} ${esc(x.payloads.join(' ') || '—')}${x.retransmits ? ` <span class="badge o-incomplete">${esc(`×${x.retransmits + 1}`)}</span>` : ''}${x.failed ? ' <span class="badge o-failed">failed here</span>' : ''}</summary>${kvTable(rows)}<p class="muted">source: ${where}</p></details>`;
}

function sessionHtml(s: SessionModel, sources: readonly SourceModel[]): string {
  const p2 = s.phase2
    .map((q) => `<h3>Phase 2 <span class="mono">${esc(q.msgid)}</span> <span class="badge o-${esc(q.outcome)}">${esc(q.outcome === 'failed' && q.failedAt ? `failed at ${q.failedAt}` : q.outcome)}</span></h3>${kvTable(q.rows)}`)
    .join('');
  return `<section class="session" id="${esc(s.key)}" aria-labelledby="${esc(s.key)}-h">
<h2 id="${esc(s.key)}-h">IKE SA ${esc(s.id)}: ${esc(s.title)} <span class="badge o-${esc(s.outcome)}">${esc(s.outcome === 'failed' && s.failedAt ? `failed at ${s.failedAt}` : s.outcome)}</span></h2>
<div class="ladder-wrap">${ladderSvg(s)}</div>
<h3>Phase 1</h3>${kvTable(s.phase1)}${p2}
<h3>Messages</h3>
<div class="msgs">${s.steps.map((x) => stepHtml(x, sources)).join('')}</div>
</section>`;
}

function coverageHtml(m: ReportModel): string {
  const per = m.sources.length > 1 ? `<ul>${m.sources.map((s) => `<li>${esc(`${s.node} (${s.file}): ${s.coverage.understood} of ${s.coverage.total} lines`)}</li>`).join('')}</ul>` : '';
  const list = m.unparsed.length
    ? `<p>${esc(`${m.unparsed.length} line${m.unparsed.length === 1 ? '' : 's'} not understood:`)}</p><ol class="unparsed">${m.unparsed
        .map((u) => `<li>${lineLink(u.src, u.line, `line ${u.line}`, m.sources)} <code>${esc(u.text)}</code> <span class="muted">${esc(u.reason)}</span></li>`)
        .join('')}</ol>`
    : '<p>Every line was understood.</p>';
  return `<section id="coverage"><h2>Input understood</h2><p>${esc(`${m.coverage.understood} of ${m.coverage.total} lines understood (${m.coverage.percent}%).`)}</p>${per}${list}</section>`;
}

/**
 * The source view comes in blocks of SOURCE_BLOCK lines: a block off screen is neither styled
 * nor laid out (CSS content-visibility). Up to this many lines a log's source view is all markup. Beyond, each block is one escaped
 * text (a `<pre>`, its line numbers and marks as data attributes) that the report's script turns
 * into numbered lines when it nears the source pane's view, when one of its lines is highlighted,
 * and before printing: the browser parses a 10,000-line source view as 50 text nodes instead of
 * 50,000 elements. Without the script the text is still there, unnumbered.
 */
export const SOURCE_MARKUP_LINES = 2000;

function lineHtml(s: SourceModel, text: string, n: number, evidence: ReadonlySet<string>): string {
  const cls = ['src-line', evidence.has(`${s.index}:${n}`) ? 'evl' : '', s.unparsed.has(n) ? 'unp' : ''].filter(Boolean).join(' ');
  const title = s.unparsed.has(n) ? ` title="${esc(`not understood: ${s.unparsed.get(n)}`)}"` : '';
  return `<li class="${cls}" id="L${s.index}-${n}"${title}><a class="ln" href="#L${s.index}-${n}" data-ref="${s.index}:${n}">${n}</a><code>${esc(text)}</code></li>`;
}

/** A block as text for the script to number: `first` is its first line's number. */
function textBlockHtml(s: SourceModel, lines: readonly string[], first: number, evidence: ReadonlySet<string>): string {
  const evl: number[] = [];
  const unp: [number, string][] = [];
  for (let n = first; n < first + lines.length; n++) {
    if (evidence.has(`${s.index}:${n}`)) evl.push(n);
    const why = s.unparsed.get(n);
    if (why !== undefined) unp.push([n, why]);
  }
  // the parser drops one newline right after <pre> and turns a CR into a line break: a newline
  // goes first and a CR is written as a character reference, so the text splits back into these lines
  const text = esc(lines.join('\n')).replace(/\r/g, '&#13;');
  return `<ol class="src chunk lazy" data-src="${s.index}" data-first="${first}"${evl.length ? ` data-evl="${evl.join(' ')}"` : ''}${unp.length ? ` data-unp="${esc(JSON.stringify(unp))}"` : ''}><li class="src-text"><pre>\n${text}</pre></li></ol>`;
}

function sourceHtml(s: SourceModel, evidence: ReadonlySet<string>): string {
  const markup = s.lines.length <= SOURCE_MARKUP_LINES;
  const blocks: string[] = [];
  for (let i = 0; i < s.lines.length || i === 0; i += SOURCE_BLOCK) {
    const lines = s.lines.slice(i, i + SOURCE_BLOCK);
    blocks.push(markup ? `<ol class="src chunk">${lines.map((text, k) => lineHtml(s, text, i + k + 1, evidence)).join('')}</ol>` : textBlockHtml(s, lines, i + 1, evidence));
  }
  return `<h2>${esc(`${s.file === '-' ? 'standard input' : s.file} — ${s.node}`)}</h2><div class="src-log" role="group" aria-label="${esc(`source log ${s.file}`)}">${blocks.join('\n')}</div>`;
}

/** The page. */
export function renderReport(m: ReportModel): string {
  const evidence = new Set(m.findings.flatMap((f) => f.evidence.flatMap((e) => {
    const out: string[] = [];
    for (let n = e.line; n <= (e.endLine ?? e.line) && n < e.line + 200; n++) out.push(`${e.src}:${n}`);
    return out;
  })));
  const findings = m.findings.length ? m.findings.map((f) => findingHtml(f, m.sources)).join('\n') : '<p>No findings.</p>';
  const sessions = m.sessions.length ? m.sessions.map((s) => sessionHtml(s, m.sources)).join('\n') : '<p>No IKE SA was found in this log.</p>';
  return `${documentHead(contentSecurityPolicy(), m.title, CSS)}
<body>
${summaryHtml(m)}
<div class="layout">
<main>
${m.diff ? diffHtml(m.diff, m.sources) : ''}
<section id="findings"><h2>Findings</h2>
${findings}
</section>
<section id="sessions">
${sessions}
</section>
${coverageHtml(m)}
</main>
<aside class="source" id="source" aria-label="source logs">
${m.sources.map((s) => sourceHtml(s, evidence)).join('\n')}
</aside>
</div>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
