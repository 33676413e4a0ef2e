// The report's inline stylesheet and script. Both are constants: nothing from a log ever goes in
// here, so the script's CSP hash is stable and the page never runs text it was given.

export const CSS = `
:root{--bg:#fff;--fg:#1b1f24;--muted:#5c6670;--line:#d0d7de;--card:#f6f8fa;--accent:#0b62c4;--err:#c62828;--warn:#a35f00;--note:#1565c0;--ok:#2e7d32;--hl:#fff3b0;--hl-fg:#1b1f24;--evl:#fdecea;--unp:#f0f0f0;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--fg:#e3e7eb;--muted:#9aa5b1;--line:#2f3a45;--card:#17202a;--accent:#6cb6ff;--err:#ff6b6b;--warn:#f0b429;--note:#74b9ff;--ok:#5fd08a;--hl:#5c4d00;--hl-fg:#fff8d6;--evl:#3a1f22;--unp:#22272e}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
code,pre,.mono{font-family:var(--mono);font-size:13px}
h1{font-size:20px;margin:0 0 6px}h2{font-size:18px;margin:22px 0 8px}h3{font-size:15px;margin:14px 0 6px}
.summary{padding:16px 20px;border-bottom:1px solid var(--line);background:var(--card)}
.summary .headline{font-size:17px;font-weight:600}
.summary .why{margin:6px 0}
.summary dl{display:flex;flex-wrap:wrap;gap:4px 22px;margin:8px 0 0}
.summary dt{color:var(--muted);font-size:13px}.summary dd{margin:0}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:13px;font-weight:600;border:1px solid currentColor}
.o-established{color:var(--ok)}.o-failed,.sev-error .sev{color:var(--err)}.o-incomplete,.o-none,.sev-warn .sev{color:var(--warn)}.sev-note .sev{color:var(--note)}
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,44%);gap:0}
main{padding:0 20px 40px;min-width:0}
aside.source{position:sticky;top:0;height:100vh;overflow:auto;border-left:1px solid var(--line);background:var(--bg);padding:0 0 40px}
.source h2{position:sticky;top:0;margin:0;padding:10px 12px;background:var(--card);border-bottom:1px solid var(--line);font-size:14px;z-index:1}
ol.src{list-style:none;margin:0;padding:0}
ol.src.chunk{content-visibility:auto;contain-intrinsic-size:auto 3600px}
.src-line{display:grid;grid-template-columns:4.2em minmax(0,1fr);font-family:var(--mono);font-size:12px;line-height:1.5}
.src-line .ln{color:var(--muted);text-align:right;padding-right:8px;text-decoration:none;user-select:none}
.src-line code{white-space:pre-wrap;word-break:break-all;font-size:12px;padding-right:8px}
.src-text pre{margin:0;padding:0 8px 0 4.2em;font-size:12px;line-height:1.5;white-space:pre-wrap;word-break:break-all}
.src-line.evl{background:var(--evl)}
.src-line.unp code{background:var(--unp);text-decoration:underline dotted var(--warn)}
.src-line.hl,.src-line:target{background:var(--hl);color:var(--hl-fg);outline:2px solid var(--warn)}
.finding{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;padding:10px 12px;margin:10px 0;background:var(--card);cursor:pointer}
.finding.sev-error{border-left-color:var(--err)}.finding.sev-warn{border-left-color:var(--warn)}.finding.sev-note{border-left-color:var(--note)}
.finding.selected{outline:2px solid var(--accent)}
.finding .head{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:baseline}
.finding .fid{font-family:var(--mono);font-size:13px}
.finding .detail{margin:6px 0}
.finding ul.ev{margin:6px 0;padding-left:18px}
.finding ul.ev code{white-space:pre-wrap;word-break:break-all}
.finding pre{background:var(--bg);border:1px solid var(--line);padding:6px 8px;overflow:auto;margin:4px 0}
.fix-label{color:var(--muted);font-size:13px}
.session{border-top:1px solid var(--line);margin-top:18px;content-visibility:auto;contain-intrinsic-size:auto 1400px}
.ladder-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px;background:var(--bg)}
svg.ladder{display:block;min-width:560px;width:100%;height:auto;font-family:var(--mono)}
svg.ladder .col-name{font-weight:700;font-size:14px;fill:var(--fg)}
svg.ladder .col-role{font-size:11px;fill:var(--muted)}
svg.ladder .lifeline{stroke:var(--line);stroke-width:3}
svg.ladder .arrow{stroke:var(--accent);stroke-width:2;fill:var(--accent)}
svg.ladder .arrow.retx{stroke:var(--warn);fill:var(--warn)}
svg.ladder .arrow.ghost{stroke:var(--warn);fill:var(--warn);opacity:.45;stroke-dasharray:4 3}
svg.ladder .arrow.failed,svg.ladder .arrow.missing{stroke:var(--err);fill:var(--err)}
svg.ladder .arrow.missing{stroke-dasharray:6 4}
svg.ladder .label{font-size:13px;font-weight:700;fill:var(--fg)}
svg.ladder .label.failed{fill:var(--err)}
svg.ladder .payloads{font-size:11px;fill:var(--muted)}
svg.ladder .state{font-size:11px;fill:var(--ok)}
svg.ladder .lineno{font-size:10px;fill:var(--muted)}
svg.ladder .hit{fill:transparent}
svg.ladder a.step:hover .hit,svg.ladder a.step:focus .hit,svg.ladder a.step.selected .hit{fill:var(--hl);opacity:.5}
table.kv{border-collapse:collapse;margin:6px 0;font-size:14px}
table.kv th{text-align:left;color:var(--muted);font-weight:400;padding:2px 14px 2px 0;vertical-align:top;white-space:nowrap}
table.kv td{padding:2px 0;word-break:break-word}
details.msg{border-bottom:1px solid var(--line);padding:4px 0}
details.msg summary{cursor:pointer}
details.msg summary .mono{font-weight:700}
details.msg.failed summary{color:var(--err)}
details.msg:target{background:var(--card)}
.muted{color:var(--muted)}
.unparsed li code{white-space:pre-wrap;word-break:break-all}
#diff h4{font-size:14px;margin:12px 0 4px}
.diff-verdict{margin:6px 0;font-weight:600}
table.diff,table.diff-params{border-collapse:collapse;margin:6px 0;font-size:14px;width:100%;max-width:720px}
table.diff th,table.diff td,table.diff-params th,table.diff-params td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top;word-break:break-word}
table.diff thead th,table.diff-params thead th{background:var(--card)}
table.diff tbody th{width:1%;color:var(--muted);font-weight:400;white-space:nowrap}
table.diff tbody tr{cursor:pointer}
table.diff td.gap{color:var(--muted);text-align:center}
table.diff tr.differs td{background:var(--unp)}
table.diff tr.first td,table.diff tr.first th{background:var(--evl);border-top:3px solid var(--err);border-bottom:3px solid var(--err)}
table.diff tr.selected td{outline:2px solid var(--accent)}
.first-mark{display:block;color:var(--err);font-size:11px;font-weight:700;white-space:nowrap}
.interop{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:8px 0 12px;background:var(--bg)}
.interop h2{margin:4px 0 6px}.interop table.checks{width:100%;overflow-wrap:anywhere}
.interop tr.check-failed td,.interop tr.check-failed th{background:var(--evl)}
.interop ul.failed-checks{margin:6px 0;padding-left:18px;color:var(--err)}
.interop details.scenario code{white-space:pre-wrap;word-break:break-all}
.step-label{font-weight:700}
ul.one-sided,ul.unmatched{margin:4px 0;padding-left:18px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px}
@media (max-width:1100px){.layout{display:block}aside.source{position:static;height:auto;max-height:70vh;border-left:0;border-top:1px solid var(--line)}}
@media (max-width:600px){body{font-size:14px}main{padding:0 10px 30px}.summary{padding:12px 10px}.src-line{grid-template-columns:3.2em minmax(0,1fr)}.src-text pre{padding-left:3.2em}}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#444;--line:#999;--card:#fff;--accent:#000;--hl:#ffe97a;--evl:#fde2e0;--unp:#eee}
body{font-size:11pt}.layout{display:block}aside.source{position:static;height:auto;overflow:visible;border:0}
.source h2{position:static}ol.src.chunk,.session{content-visibility:visible}.src-line:not(.evl):not(.unp):not(.hl),.src-text{display:none}
.finding,.ladder-wrap,details.msg,table.kv,table.diff tr{break-inside:avoid}.ladder-wrap{overflow:visible}svg.ladder{min-width:0}
a{color:inherit;text-decoration:none}.finding{cursor:auto}.skip{display:none}
}
`;

/** Lines per block of the source view (render.ts; the script finds a line's block by it). */
export const SOURCE_BLOCK = 200;

// Click a finding (or an arrow, or an evidence line number): its evidence lines are highlighted
// in the source view and scrolled into it. Arrows also open the message's details. Printing
// opens every details element. No inline handlers: CSP allows this one script by its hash.
// A long log's source blocks come as text (render.ts): a block becomes numbered lines (built with
// textContent, never parsed as HTML) when it nears the source pane's view, when a line of it is
// highlighted, and before printing.
export const SCRIPT = `(function () {
  'use strict';
  function expand(block) {
    if (!block.classList.contains('lazy')) return;
    block.classList.remove('lazy');
    var src = block.getAttribute('data-src'), first = +block.getAttribute('data-first');
    var pre = block.querySelector('pre');
    var lines = pre ? pre.textContent.split('\\n') : [];
    var evl = Object.create(null), unp = Object.create(null), i;
    var ev = (block.getAttribute('data-evl') || '').split(' ');
    for (i = 0; i < ev.length; i++) if (ev[i]) evl[ev[i]] = true;
    var un = JSON.parse(block.getAttribute('data-unp') || '[]');
    for (i = 0; i < un.length; i++) unp[un[i][0]] = un[i][1];
    var out = document.createDocumentFragment();
    for (i = 0; i < lines.length; i++) {
      var n = first + i, li = document.createElement('li'), a = document.createElement('a'), code = document.createElement('code');
      li.className = 'src-line' + (evl[n] ? ' evl' : '') + (n in unp ? ' unp' : '');
      li.id = 'L' + src + '-' + n;
      if (n in unp) li.title = 'not understood: ' + unp[n];
      a.className = 'ln';
      a.href = '#' + li.id;
      a.setAttribute('data-ref', src + ':' + n);
      a.textContent = String(n);
      code.textContent = lines[i];
      li.appendChild(a);
      li.appendChild(code);
      out.appendChild(li);
    }
    block.textContent = '';
    block.appendChild(out);
  }
  function lineElement(src, n) {
    var el = document.getElementById('L' + src + '-' + n);
    if (el) return el;
    var block = document.querySelector('ol.lazy[data-src="' + src + '"][data-first="' + (n - (n - 1) % ${SOURCE_BLOCK}) + '"]');
    if (!block) return null;
    expand(block);
    return document.getElementById('L' + src + '-' + n);
  }
  var lazy = document.querySelectorAll('ol.lazy');
  if (lazy.length && window.IntersectionObserver) {
    var observer = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (!entries[i].isIntersecting) continue;
        observer.unobserve(entries[i].target);
        expand(entries[i].target);
      }
    }, { root: document.querySelector('aside.source'), rootMargin: '1200px 0px' });
    for (var k = 0; k < lazy.length; k++) observer.observe(lazy[k]);
  }
  var current = [];
  var selected = null;
  function clear() {
    for (var i = 0; i < current.length; i++) current[i].classList.remove('hl');
    current = [];
    if (selected) selected.classList.remove('selected');
    selected = null;
  }
  function highlight(spec) {
    var refs = (spec || '').split(/\\s+/);
    for (var i = 0; i < refs.length; i++) {
      var m = /^(\\d+):(\\d+)(?:-(\\d+))?$/.exec(refs[i]);
      if (!m) continue;
      var last = m[3] ? +m[3] : +m[2];
      for (var n = +m[2]; n <= last && n < +m[2] + 200; n++) {
        var el = lineElement(m[1], n);
        if (el) { el.classList.add('hl'); current.push(el); }
      }
    }
    var first = current[0];
    if (!first) return;
    var pane = first.closest('aside.source');
    if (pane && pane.scrollHeight > pane.clientHeight + 4) {
      // blocks of lines off screen are not laid out (content-visibility): scroll, then again on
      // the next frames while the blocks around the target take their real height. (A block is
      // its lines' offsetParent: measure against the pane instead.)
      var frames = 0;
      (function settle() {
        var top = Math.max(0, pane.scrollTop + first.getBoundingClientRect().top - pane.getBoundingClientRect().top - pane.clientHeight / 3);
        if (frames && Math.abs(pane.scrollTop - top) < 2) return;
        pane.scrollTop = top;
        if (++frames < 12) requestAnimationFrame(settle);
      })();
    } else if (first.scrollIntoView && window.matchMedia && !window.matchMedia('(max-width: 1100px)').matches) {
      first.scrollIntoView({ block: 'center' });
    }
  }
  function select(el) {
    clear();
    selected = el;
    el.classList.add('selected');
    highlight(el.getAttribute('data-evidence'));
    var step = el.getAttribute('data-step');
    if (step) {
      var d = document.getElementById(step);
      if (d && d.tagName === 'DETAILS') d.open = true;
    }
  }
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!t || !t.closest) return;
    var line = t.closest('a[data-ref]');
    if (line) { clear(); highlight(line.getAttribute('data-ref')); return; }
    if (t.closest('pre') && window.getSelection && String(window.getSelection())) return;
    var el = t.closest('[data-evidence]');
    if (el) select(el);
  });
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if ((e.key === 'Enter' || e.key === ' ') && t && t.classList && t.classList.contains('finding')) { e.preventDefault(); select(t); }
  });
  window.addEventListener('beforeprint', function () {
    var blocks = document.querySelectorAll('ol.lazy');
    for (var b = 0; b < blocks.length; b++) expand(blocks[b]);
    var d = document.querySelectorAll('details');
    for (var i = 0; i < d.length; i++) d[i].open = true;
  });
  var h = location.hash.slice(1);
  if (/^L\\d+-\\d+$/.test(h)) highlight(h.slice(1).replace('-', ':'));
})();
`;
