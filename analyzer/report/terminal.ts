// Terminal output of `ikelens analyze`: per IKE SA a compact ladder (line, label, arrow, payloads,
// retransmissions, state), the negotiated parameters, then the findings with their evidence lines.
// Colour only when asked (the CLI asks on a TTY).
import type { Finding } from '../model/index.js';
import type { LogAnalysis } from '../analyze.js';
import type { Proposal, Session, Step } from '../timeline.js';

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const ANSI = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const COLOR: Paint = { bold: ANSI('1'), dim: ANSI('2'), red: ANSI('31'), yellow: ANSI('33'), green: ANSI('32'), cyan: ANSI('36') };
const PLAIN: Paint = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, green: (s) => s, cyan: (s) => s };

export function proposalText(p: Proposal | null | undefined): string {
  if (!p) return '—';
  const text = [p.encryption, p.hash, p.group !== undefined ? `group ${p.group}` : undefined, p.auth, p.lifetimeSeconds !== undefined ? `${p.lifetimeSeconds} s` : undefined, p.lifetimeKb !== undefined ? `${p.lifetimeKb} KB` : undefined]
    .filter(Boolean)
    .join(' / ');
  return text || 'parameters not printed in the log';
}

function outcomeText(o: string, paint: Paint, failedAt?: string): string {
  if (o === 'established') return paint.green('established');
  if (o === 'failed') return paint.red(`failed${failedAt ? ` at ${failedAt}` : ''}`);
  return paint.yellow('log incomplete');
}

const ARROW = 22;
function arrow(step: Step): string {
  const body = '─'.repeat(ARROW - 1);
  return step.dir === 'out' ? `${body}▶` : `◀${body}`;
}

function ladder(s: Session, paint: Paint): string[] {
  const me = `${s.node}${s.role ? ` (${s.role})` : ''}`;
  const them = `${s.peer?.address ?? 'peer'}${s.role ? ` (${s.role === 'initiator' ? 'responder' : 'initiator'})` : ''}`;
  const two = s.peerView !== undefined;
  const lineCol = (x: Step) => (two ? `${x.node && x.node !== s.node ? '-' : x.line}|${x.peerSide ? x.peerSide.line : '-'}` : String(x.line));
  const out = [paint.dim(`   ${(two ? `${s.node}|${s.peerView!.node}` : 'line').padStart(11)}  ${'msg'.padEnd(13)} ${me.padEnd(ARROW)} ${them}`)];
  for (const x of s.steps) {
    const re = x.retransmits ? paint.yellow(` ×${x.retransmits + 1}`) : '';
    const state = x.state ? paint.dim(`  → ${x.state}`) : '';
    const payloads = x.payloads.length ? ` ${x.payloads.join(' ')}` : '';
    out.push(`   ${lineCol(x).padStart(11)}  ${paint.bold(x.label.padEnd(13))} ${paint.cyan(arrow(x))}${payloads}${re}${state}`);
  }
  return out;
}

function sessionText(s: Session, paint: Paint): string[] {
  const mode = s.phase1.mode ? `${s.phase1.mode === 'main' ? 'Main' : 'Aggressive'} Mode` : 'mode unknown';
  const local = s.local ? ` ${s.local.address}${s.local.port ? ':' + s.local.port : ''}` : '';
  const peer = s.peer ? `${s.peer.address}${s.peer.port ? ':' + s.peer.port : ''}` : 'unknown peer';
  const lines = [
    paint.bold(`IKE SA ${s.id}: ${s.node}${local} ⇄ ${peer}`) + `  ${s.role ?? 'role unknown'}, ${mode}${s.phase1.auth ? ', ' + s.phase1.auth : ''}`,
    `  phase 1: ${outcomeText(s.phase1.outcome, paint, s.phase1.failedAt)}${s.phase1.reached ? ` (reached ${s.phase1.reached})` : ''}; accepted ${proposalText(s.phase1.accepted)}`,
  ];
  if (s.phase1.peerId) lines.push(`  peer identity: ${s.phase1.peerId.type} ${s.phase1.peerId.value}`);
  if (s.natt.detected !== null) lines.push(`  NAT-T: ${s.natt.detected ? 'NAT detected' : 'no NAT detected'}${s.natt.floated ? ', floated to UDP 4500' : ''}`);
  if (s.ted) lines.push(`  TED: ${s.ted.role === 'prober' ? 'sent the probe' : 'answered the probe'}${s.ted.proxies?.length ? ` for ${s.ted.proxies.join(' ⇄ ')}` : ''}`);
  if (s.xauth) lines.push(`  XAUTH: ${s.xauth.outcome}${s.xauth.user ? ` (user ${s.xauth.user})` : ''}`);
  if (s.modeConfig) {
    const m = s.modeConfig;
    const parts = [m.address && `address ${m.address}`, m.netmask && `mask ${m.netmask}`, m.dns.length && `DNS ${m.dns.join(', ')}`, m.wins.length && `WINS ${m.wins.join(', ')}`, m.domain && `domain ${m.domain}`, m.splitInclude.length && `split ${m.splitInclude.join(', ')}`].filter(Boolean);
    lines.push(`  Mode-Config: ${parts.join('; ') || 'exchanged'}`);
  }
  for (const q of s.phase2) {
    const px = `${q.proxies.local ? proxy(q.proxies.local) : '?'} ⇄ ${q.proxies.remote ? proxy(q.proxies.remote) : '?'}`;
    const spis = [q.spis.in && `in ${q.spis.in}`, q.spis.out && `out ${q.spis.out}`].filter(Boolean).join(', ');
    const params = [q.transforms.join(' '), q.pfsGroup ? `PFS group ${q.pfsGroup}` : q.pfsGroup === 0 ? 'no PFS' : undefined, q.mode, q.lifetimeSeconds !== undefined ? `${q.lifetimeSeconds} s` : undefined].filter(Boolean).join(', ');
    lines.push(`  phase 2 ${q.msgid}: ${outcomeText(q.outcome, paint, q.failedAt)}; ${px}${params ? `; ${params}` : ''}${spis ? `; SPI ${spis}` : ''}`);
  }
  return [...lines, ...ladder(s, paint)];
}

function proxy(p: { address: string; protocol?: number; port?: number }): string {
  return `${p.address}${p.protocol ? `/${p.protocol}` : ''}${p.port ? `:${p.port}` : ''}`;
}

function findingText(f: Finding, paint: Paint): string[] {
  const sev = f.severity === 'error' ? paint.red('error') : f.severity === 'warn' ? paint.yellow('warn ') : paint.cyan('note ');
  // evidence from both logs of a two-sided analysis names the file of each line
  const files = [...new Set(f.evidence.lines.map((l) => l.file))];
  const where = f.evidence.lines
    .slice(0, 12)
    .map((l) => (files.length > 1 ? `${l.file.split('/').pop()}:${l.line}` : String(l.line)))
    .join(', ');
  const out = [`${sev} ${paint.bold(f.id)}  ${f.summary}`, `      ${f.detail}`];
  if (where) out.push(paint.dim(`      evidence: line${f.evidence.lines.length > 1 ? 's' : ''} ${where}${f.evidence.lines.length > 12 ? ', …' : ''}`));
  if (f.fix) {
    if (f.fix.note) out.push(`      fix: ${f.fix.note}`);
    for (const [dialect, label] of [['ios', 'IOS'], ['asa', 'ASA'], ['strongswan', 'strongSwan']] as const) {
      const snippet = f.fix[dialect];
      if (snippet) out.push(paint.dim(`        ${label}:`), ...snippet.split('\n').map((l) => `          ${l}`));
    }
  }
  return out;
}

export function analysisText(a: LogAnalysis, color: boolean, peer?: LogAnalysis): string {
  const paint = color ? COLOR : PLAIN;
  const pct = ((100 * a.coverage.understood) / Math.max(1, a.coverage.total)).toFixed(1);
  const out = [
    `${paint.bold('ikelens')} ${a.file === '-' ? '(standard input)' : a.file}  (${a.node})`,
    ...(peer ? [`   peer log ${peer.file}  (${peer.node}); coverage ${peer.coverage.understood} of ${peer.coverage.total} lines`] : []),
    `dialects: ${a.dialects.join(', ') || 'none recognised'}; coverage: ${a.coverage.understood} of ${a.coverage.total} lines understood (${pct}%)`,
    '',
  ];
  if (!a.sessions.length) out.push('no IKE SA found in this log', '');
  for (const s of a.sessions) out.push(...sessionText(s, paint), '');
  if (a.findings.length) {
    out.push(paint.bold(`findings (${a.findings.length}):`));
    for (const f of a.findings) out.push(...findingText(f, paint));
    out.push('');
  } else out.push('no findings', '');
  if (a.unparsed.length) {
    out.push(paint.bold(`not understood (${a.unparsed.length} line${a.unparsed.length === 1 ? '' : 's'}):`));
    for (const u of a.unparsed.slice(0, 20)) out.push(`  ${String(u.line).padStart(6)}: ${u.text}`);
    if (a.unparsed.length > 20) out.push(`  … and ${a.unparsed.length - 20} more`);
  }
  return out.join('\n') + '\n';
}
