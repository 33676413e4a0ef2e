// The diff view as HTML: the two timelines side by side (one table row per aligned step, A on the
// left, B on the right), the first divergence highlighted and marked, the parameters that differ,
// and the values only one log states. Each row carries its lines in both logs (data-evidence),
// so clicking it highlights them in the source view. Every value goes through `esc`.
import type { DiffCell, DiffModel, DiffSessionModel } from './diff.js';
import { esc, lineLink } from './html.js';
import { refSpec } from './ladder.js';
import type { SourceModel } from './model.js';

/** The verdict line of the summary, linking to the first divergence (or to the diff). */
export function diffVerdictHtml(d: DiffModel): string {
  const first = d.sessions.find((s) => s.rows.some((r) => r.first));
  const target = first ? `${first.key}-first` : 'diff';
  return `<p class="diff-verdict"><span class="badge ${d.equal ? 'o-established' : 'o-failed'}">${d.equal ? 'timelines match' : 'timelines differ'}</span> <a href="#${esc(target)}">${esc(d.verdict)}</a></p>\n`;
}

function cell(c: DiffCell | null, src: number, sources: readonly SourceModel[]): string {
  if (!c) return '<td class="gap" aria-label="no such step">—</td>';
  const where = c.line !== undefined ? ` ${lineLink(src, c.line, `L${c.line}`, sources)}` : '';
  return `<td><span class="mono step-label">${esc(c.label)}</span> <span class="muted">${esc(c.sender)}</span>${where}</td>`;
}

function sessionDiffHtml(s: DiffSessionModel, d: DiffModel, sources: readonly SourceModel[]): string {
  const rows = s.rows
    .map((r, i) => {
      const cls = [r.first ? 'first' : '', !r.a || !r.b ? 'differs' : ''].filter(Boolean).join(' ');
      const mark = r.first ? '<span class="first-mark">first divergence</span>' : '';
      return `<tr${cls ? ` class="${cls}"` : ''}${r.first ? ` id="${esc(s.key)}-first"` : ''} data-evidence="${esc(refSpec(r.refs))}"><th scope="row">${i + 1}${mark}</th>${cell(r.a, d.a.src, sources)}${cell(r.b, d.b.src, sources)}</tr>`;
    })
    .join('');
  const params = s.params.length
    ? `<h4>Parameters that differ</h4><table class="diff-params"><thead><tr><th scope="col">parameter</th><th scope="col">A</th><th scope="col">B</th></tr></thead><tbody>${s.params
        .map((p) => `<tr><th scope="row" class="mono">${esc(p.name)}</th><td>${esc(p.a)}</td><td>${esc(p.b)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const oneSided = s.oneSided.length
    ? `<h4>Stated by one log only <span class="muted">(not a divergence)</span></h4><ul class="one-sided">${s.oneSided
        .map((p) => `<li><span class="mono">${esc(p.name)}</span>: ${esc(p.value)} <span class="muted">${esc(`(only ${p.side} states it)`)}</span></li>`)
        .join('')}</ul>`
    : '';
  return `<div class="diff-session" id="${esc(s.key)}">
<h3>${esc(`A ${s.a} vs B ${s.b}`)} <span class="badge ${s.equal ? 'o-established' : 'o-failed'}">${s.equal ? 'match' : 'differ'}</span></h3>
${s.divergence ? `<p class="divergence"><strong>${esc(s.divergence)}</strong></p>` : ''}
<table class="diff"><thead><tr><th scope="col">#</th><th scope="col">${esc(`A: ${d.a.node}`)}</th><th scope="col">${esc(`B: ${d.b.node}`)}</th></tr></thead><tbody>${rows}</tbody></table>
${params}${oneSided}
</div>`;
}

/** The diff section of the report. */
export function diffHtml(d: DiffModel, sources: readonly SourceModel[]): string {
  const file = (f: string) => (f === '-' ? 'standard input' : f);
  return `<section id="diff" aria-labelledby="diff-h"><h2 id="diff-h">Timelines compared</h2>
<p class="muted">${esc(`A: ${file(d.a.file)} (${d.a.node}) · B: ${file(d.b.file)} (${d.b.node}). Aligned by exchange and sender; cookies, SPIs, message IDs, nonces and times are not compared.`)}</p>
${d.sessions.map((s) => sessionDiffHtml(s, d, sources)).join('\n')}
${d.unmatched.length ? `<ul class="unmatched">${d.unmatched.map((u) => `<li>${esc(u)}</li>`).join('')}</ul>` : ''}
</section>`;
}
