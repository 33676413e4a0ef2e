// The ladder diagram of one IKE SA as inline SVG, generated from the session's steps: the
// left column is this node, the right one the peer; one arrow per message, labelled (MM1…,
// QM1…, XAUTH-…, INFO, DPD-…) with its payloads above and below, the state each side reached
// beside the column, failures in red, retransmissions marked ×N. Each arrow links to the
// message's details and carries its evidence lines (data-evidence) for the source view.
import { esc } from './html.js';
import type { LineRef, SessionModel, StepModel } from './model.js';

const W = 800;
const LEFT = 200;
const RIGHT = 600;
const TOP = 64;
const ROW = 58;

export function refSpec(refs: readonly (LineRef & { readonly endLine?: number })[]): string {
  return refs.map((r) => `${r.src}:${r.line}${r.endLine && r.endLine > r.line ? `-${r.endLine}` : ''}`).join(' ');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function arrow(y: number, fromLeft: boolean, cls: string): string {
  const x1 = fromLeft ? LEFT + 4 : RIGHT - 4;
  const x2 = fromLeft ? RIGHT - 4 : LEFT + 4;
  const head = fromLeft ? `${x2},${y} ${x2 - 10},${y - 5} ${x2 - 10},${y + 5}` : `${x2},${y} ${x2 + 10},${y - 5} ${x2 + 10},${y + 5}`;
  return `<line class="${cls}" x1="${x1}" y1="${y}" x2="${x2}" y2="${y}"/><polygon class="${cls} head" points="${head}"/>`;
}

function stepSvg(x: StepModel, i: number): string {
  const y = TOP + 20 + i * ROW;
  const cls = x.failed ? 'arrow failed' : x.retransmits ? 'arrow retx' : 'arrow';
  const mid = (LEFT + RIGHT) / 2;
  const parts: string[] = [];
  if (x.retransmits) parts.push(arrow(y + 6, x.fromLeft, 'arrow ghost'));
  parts.push(arrow(y, x.fromLeft, cls));
  const mark = `${x.failed ? ' ✗' : ''}${x.retransmits ? ` ×${x.retransmits + 1}` : ''}`;
  parts.push(`<text class="label${x.failed ? ' failed' : ''}" x="${mid}" y="${y - 8}" text-anchor="middle">${esc(x.label)}${esc(mark)}</text>`);
  const payloads = [...x.payloads, ...x.notifies.filter((n) => !x.payloads.some((p) => p.includes(n))).map((n) => `N(${n})`)].join(' ');
  if (payloads) parts.push(`<text class="payloads" x="${mid}" y="${y + 20}" text-anchor="middle">${esc(clip(payloads, 56))}</text>`);
  if (x.leftState) parts.push(`<text class="state" x="${LEFT - 10}" y="${y + 4}" text-anchor="end">${esc(clip(x.leftState, 22))}</text>`);
  if (x.rightState) parts.push(`<text class="state" x="${RIGHT + 10}" y="${y + 4}" text-anchor="start">${esc(clip(x.rightState, 22))}</text>`);
  // source line numbers at the edges: this node's log on the left, the peer's on the right
  if (x.leftLine !== undefined) parts.push(`<text class="lineno" x="6" y="${y + 4}" text-anchor="start">${esc(`L${x.leftLine}`)}</text>`);
  if (x.rightLine !== undefined) parts.push(`<text class="lineno" x="${W - 6}" y="${y + 4}" text-anchor="end">${esc(`L${x.rightLine}`)}</text>`);
  const where = x.refs.map((r) => `line ${r.line}`).join(', ');
  const title = `${x.label}: ${x.fromLeft ? '→' : '←'} ${payloads || 'no payloads printed'}${x.retransmits ? `; sent ${x.retransmits + 1} times` : ''}${x.failed ? '; failed here' : ''} (${where})`;
  return `<a class="step" href="#${esc(x.key)}" data-step="${esc(x.key)}" data-evidence="${esc(refSpec(x.refs))}"><title>${esc(title)}</title><rect class="hit" x="${LEFT - 170}" y="${y - 26}" width="${RIGHT - LEFT + 340}" height="${ROW - 4}"/>${parts.join('')}</a>`;
}

export function ladderSvg(s: SessionModel): string {
  const rows = s.steps.length + (s.missing ? 1 : 0);
  const h = TOP + 20 + Math.max(1, rows) * ROW;
  const col = (x: number, name: string, role: string | null, addr: string | null) =>
    `<text class="col-name" x="${x}" y="22" text-anchor="middle">${esc(clip(name, 30))}</text>` +
    `<text class="col-role" x="${x}" y="40" text-anchor="middle">${esc(clip([role, addr && addr !== name ? addr : null].filter(Boolean).join(' · '), 38))}</text>` +
    `<line class="lifeline" x1="${x}" y1="${TOP - 12}" x2="${x}" y2="${h - 8}"/>`;
  const out = [
    `<svg class="ladder" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${esc(`ladder diagram of IKE SA ${s.id}`)}">`,
    col(LEFT, s.left.name, s.left.role, s.left.address),
    col(RIGHT, s.right.name, s.right.role, s.right.address),
    ...s.steps.map(stepSvg),
  ];
  if (s.missing) {
    const y = TOP + 20 + s.steps.length * ROW;
    const fromLeft = s.missing.fromLeft ?? true;
    out.push(`<g class="missing">${arrow(y, fromLeft, 'arrow missing')}<text class="label failed" x="${(LEFT + RIGHT) / 2}" y="${y - 8}" text-anchor="middle">${esc(`${s.missing.label} ✗ never came`)}</text></g>`);
  }
  if (!s.steps.length && !s.missing) out.push(`<text class="payloads" x="${(LEFT + RIGHT) / 2}" y="${TOP + 24}" text-anchor="middle">no message of this SA was seen</text>`);
  out.push('</svg>');
  return out.join('');
}
