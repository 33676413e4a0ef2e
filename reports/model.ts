// The report model: everything the HTML report shows, as plain data, built from an analysis
// (LogAnalysis, optionally with the peer's). No HTML here; render.ts turns this into the page.
// Every string that comes from a log has already been redacted here (unless showSecrets).
import type { LogAnalysis } from '../analyzer/analyze.js';
import type { Finding } from '../analyzer/model/index.js';
import type { Phase2, Proposal, Proxy, Session, Step } from '../analyzer/timeline.js';
import { redactLine, redactLines } from '../analyzer/report/redact.js';
import { diffModel, type DiffModel } from './diff.js';
import { eventLines } from './event-lines.js';
import type { InteropModel } from './interop.js';

export interface ReportOptions {
  /** The other peer's analysis, for two-sided reports (`--peer-log`). */
  readonly peer?: LogAnalysis;
  /** Keep pre-shared keys and passwords as printed (default: redacted). */
  readonly showSecrets?: boolean;
  /** Two logs (sources 0 and 1, each analysed alone) whose timelines the report compares side by side. */
  readonly compare?: readonly [LogAnalysis, LogAnalysis];
}

/** A line of one of the source logs: `src` indexes ReportModel.sources. */
export interface LineRef {
  readonly src: number;
  readonly line: number;
}

export interface SourceModel {
  readonly index: number;
  readonly file: string;
  readonly node: string;
  readonly lines: readonly string[];
  /** Lines not understood by any grammar (1-based), with the reason. */
  readonly unparsed: ReadonlyMap<number, string>;
  readonly coverage: { readonly understood: number; readonly total: number };
}

export type KeyValue = readonly [string, string];

export interface StepModel {
  /** Unique in the report, usable as an HTML id: `s0-m3`. */
  readonly key: string;
  readonly label: string;
  readonly exchange: string;
  readonly msgid: string;
  /** True when the arrow goes from the left column (this node) to the right (the peer). */
  readonly fromLeft: boolean;
  readonly sender: string;
  readonly payloads: readonly string[];
  readonly notifies: readonly string[];
  readonly retransmits: number;
  readonly time?: string;
  /** State after the message on the left (this node) and right (the peer) side, when printed. */
  readonly leftState?: string;
  readonly rightState?: string;
  /** The message at which the exchange failed. */
  readonly failed: boolean;
  /** The line in the left node's log and in the right node's (two-sided timelines), when there. */
  readonly leftLine?: number;
  readonly rightLine?: number;
  /** Lines that show it: this node's log first, then the peer's. */
  readonly refs: readonly LineRef[];
  /** Per-message details: proposals, IDs, proxies, SPIs, vendor IDs, notifies. */
  readonly details: readonly KeyValue[];
}

export type OutcomeText = 'established' | 'failed' | 'incomplete';

export interface SessionModel {
  readonly key: string;
  readonly id: string;
  readonly title: string;
  readonly left: { readonly name: string; readonly role: string | null; readonly address: string | null };
  readonly right: { readonly name: string; readonly role: string | null; readonly address: string | null };
  readonly outcome: OutcomeText;
  readonly failedAt?: string;
  /** A message that never came (e.g. failedAt is a step not in the log): drawn as a missing arrow. */
  readonly missing?: { readonly label: string; readonly fromLeft: boolean | null };
  readonly phase1: readonly KeyValue[];
  readonly phase2: readonly { readonly msgid: string; readonly outcome: OutcomeText; readonly failedAt?: string; readonly rows: readonly KeyValue[] }[];
  readonly steps: readonly StepModel[];
  readonly lines: readonly LineRef[];
}

export interface FindingModel {
  readonly key: string;
  readonly id: string;
  readonly severity: 'error' | 'warn' | 'note';
  readonly summary: string;
  readonly detail: string;
  readonly node?: string;
  readonly peer?: string;
  readonly evidence: readonly (LineRef & { readonly endLine?: number; readonly text: string })[];
  readonly fixNote?: string;
  readonly fixes: readonly { readonly label: string; readonly text: string }[];
}

export interface ReportModel {
  readonly title: string;
  readonly summary: {
    readonly headline: string;
    readonly outcome: OutcomeText | 'none';
    readonly peers: readonly string[];
    readonly counts: { readonly error: number; readonly warn: number; readonly note: number };
    /** The first error finding's summary, else the failure point: what failed and why. */
    readonly why?: string;
    readonly dialects: readonly string[];
  };
  readonly sources: readonly SourceModel[];
  readonly sessions: readonly SessionModel[];
  readonly findings: readonly FindingModel[];
  readonly coverage: { readonly understood: number; readonly total: number; readonly percent: string };
  readonly unparsed: readonly (LineRef & { readonly text: string; readonly reason: string })[];
  readonly secrets: { readonly shown: boolean; readonly redacted: number };
  /** The side-by-side comparison of two logs' timelines (`diff A B --html`, `analyze --peer-log`). */
  readonly diff?: DiffModel;
  /** The conformance runner's verdict on the run this report is of (harness/interop). */
  readonly interop?: InteropModel;
}

function endpoint(e: { address: string; port?: number } | undefined): string | null {
  return e ? (e.port ? `${e.address}:${e.port}` : e.address) : null;
}

export function proposalText(p: Proposal | null | undefined): string {
  if (!p) return '—';
  const parts = [
    p.encryption && (p.keyLength && !/\d{3}$/.test(p.encryption) ? `${p.encryption}-${p.keyLength}` : p.encryption),
    p.hash,
    p.group !== undefined ? `group ${p.group}` : undefined,
    p.auth,
    p.lifetimeSeconds !== undefined ? `${p.lifetimeSeconds} s` : undefined,
    p.lifetimeKb !== undefined ? `${p.lifetimeKb} KB` : undefined,
  ].filter(Boolean);
  return parts.join(' / ') || 'parameters not printed in the log';
}

function proxyText(p: Proxy | undefined): string {
  if (!p) return '?';
  return `${p.address}${p.protocol ? ` proto ${p.protocol}` : ''}${p.port ? ` port ${p.port}` : ''}`;
}

function phase2Rows(q: Phase2): KeyValue[] {
  const rows: KeyValue[] = [['proxies', `${proxyText(q.proxies.local)} ⇄ ${proxyText(q.proxies.remote)}`]];
  if (q.protocol) rows.push(['protocol', q.protocol]);
  if (q.transforms.length) rows.push(['transforms', q.transforms.join(' ')]);
  if (q.pfsGroup !== undefined) rows.push(['PFS', q.pfsGroup ? `group ${q.pfsGroup}` : 'none']);
  if (q.mode) rows.push(['mode', q.mode]);
  if (q.spis.in || q.spis.out) rows.push(['SPIs', [q.spis.in && `in ${q.spis.in}`, q.spis.out && `out ${q.spis.out}`].filter(Boolean).join(', ')]);
  const life = [q.lifetimeSeconds !== undefined ? `${q.lifetimeSeconds} s` : '', q.lifetimeKb !== undefined ? `${q.lifetimeKb} KB` : ''].filter(Boolean).join(', ');
  if (life) rows.push(['lifetime', life]);
  if (q.reached) rows.push(['reached', q.reached]);
  return rows;
}

/** What each message of the ladder carried, as far as the session tells. */
function stepDetails(s: Session, x: Step, index: number): KeyValue[] {
  const d: KeyValue[] = [];
  d.push(['exchange', x.exchange], ['message ID', x.msgid], ['sent by', x.sender]);
  if (x.payloads.length) d.push(['payloads', x.payloads.join(' ')]);
  if (x.notifies.length) d.push(['notifies', x.notifies.join(', ')]);
  if (x.retransmits) d.push(['retransmissions', `sent ${x.retransmits + 1} times`]);
  if (x.time) d.push(['time', x.time]);
  const p1 = s.phase1;
  if ((x.label === 'MM1' || x.label === 'AM1') && p1.offered.length) p1.offered.forEach((p, i) => d.push([`proposal ${i + 1}`, proposalText(p)]));
  if ((x.label === 'MM2' || x.label === 'AM2') && p1.accepted) d.push(['accepted', proposalText(p1.accepted)]);
  const idOf = (sender: string) => (sender === s.role ? p1.localId : p1.peerId);
  if (x.label === 'MM5' || x.label === 'MM6' || x.label === 'AM1' || x.label === 'AM2') {
    const id = idOf(x.sender);
    if (id && x.payloads.includes('ID')) d.push(['identity', `${id.type} ${id.value}`]);
  }
  if (x.exchange === 'quick') {
    const q = s.phase2.find((p) => p.msgid === x.msgid);
    if (q && (x.label === 'QM1' || x.label === 'QM2')) for (const row of phase2Rows(q)) if (row[0] !== 'reached') d.push(row);
  }
  if (x.exchange === 'ted' && s.ted?.proxies?.length) d.push(['TED proxies', s.ted.proxies.join(' ⇄ ')]);
  if (x.exchange === 'xauth' && s.xauth) d.push(['XAUTH', `${s.xauth.outcome}${s.xauth.user ? ` (user ${s.xauth.user})` : ''}`]);
  if ((x.label === 'CFG-REPLY' || x.label === 'CFG-SET') && s.modeConfig) {
    const m = s.modeConfig;
    if (m.address) d.push(['address', `${m.address}${m.netmask ? ` / ${m.netmask}` : ''}`]);
    if (m.dns.length) d.push(['DNS', m.dns.join(', ')]);
    if (m.wins.length) d.push(['WINS', m.wins.join(', ')]);
    if (m.domain) d.push(['domain', m.domain]);
    if (m.splitInclude.length) d.push(['split include', m.splitInclude.join(', ')]);
    for (const [k, v] of Object.entries(m.other)) d.push([k, v]);
  }
  // vendor IDs: those printed between this message's first line and the next message's
  if (x.payloads.includes('VID')) {
    const next = s.steps[index + 1]?.line ?? Infinity;
    const vids = s.vendorIds.filter((v) => v.dir === x.dir && v.line >= x.line - 20 && v.line < next).map((v) => v.name);
    if (vids.length) d.push(['vendor IDs', [...new Set(vids)].join(', ')]);
  }
  return d;
}

function outcomeOf(s: Session): OutcomeText {
  if (s.phase1.outcome !== 'established') return s.phase1.outcome;
  if (s.phase2.some((q) => q.outcome === 'failed')) return 'failed';
  return 'established';
}

function sessionModel(s: Session, index: number, srcOf: (node: string | undefined) => number): SessionModel {
  const key = `s${index}`;
  const two = s.peerView !== undefined;
  const mine = srcOf(s.node);
  const other = two ? srcOf(s.peerView!.node) : mine;
  const otherRole = s.role ? (s.role === 'initiator' ? 'responder' : 'initiator') : null;
  const failedAt = s.phase1.failedAt ?? s.phase2.find((q) => q.failedAt)?.failedAt;
  let failedIndex = -1;
  if (failedAt) for (let i = s.steps.length - 1; i >= 0; i--) if (s.steps[i]!.label === failedAt) { failedIndex = i; break; }
  const steps: StepModel[] = s.steps.map((x, i) => {
    const peerOnly = x.node !== undefined && x.node !== s.node;
    const refs: LineRef[] = peerOnly ? [{ src: other, line: x.line }] : [{ src: mine, line: x.line }];
    if (!peerOnly && x.peerSide) refs.push({ src: other, line: x.peerSide.line });
    return {
      key: `${key}-m${i}`,
      label: x.label,
      exchange: x.exchange,
      msgid: x.msgid,
      fromLeft: x.dir === 'out',
      sender: x.sender,
      payloads: x.payloads,
      notifies: x.notifies,
      retransmits: x.retransmits,
      ...(x.time ? { time: x.time } : {}),
      ...(peerOnly ? (x.state ? { rightState: x.state } : {}) : { ...(x.state ? { leftState: x.state } : {}), ...(x.peerSide?.state ? { rightState: x.peerSide.state } : {}) }),
      failed: i === failedIndex,
      ...(peerOnly ? { rightLine: x.line } : { leftLine: x.line, ...(x.peerSide ? { rightLine: x.peerSide.line } : {}) }),
      refs,
      details: stepDetails(s, x, i),
    };
  });
  // the failure point is a message that is not in the log (never sent, never answered)
  let missing: SessionModel['missing'];
  if (failedAt && failedIndex < 0) {
    const sender = /^(MM[135]|AM[13]|QM[13])$/.test(failedAt) ? 'initiator' : /^(MM[246]|AM2|QM2)$/.test(failedAt) ? 'responder' : null;
    missing = { label: failedAt, fromLeft: sender && s.role ? sender === s.role : null };
  }
  const p1 = s.phase1;
  const phase1: KeyValue[] = [
    ['mode', p1.mode ? `${p1.mode === 'main' ? 'Main' : 'Aggressive'} Mode` : 'unknown'],
    ['authentication', p1.auth ?? '—'],
    ['outcome', `${p1.outcome}${p1.failedAt ? ` at ${p1.failedAt}` : ''}${p1.reached ? ` (reached ${p1.reached})` : ''}`],
    ...p1.offered.map((p, i): KeyValue => [`offered ${i + 1}`, proposalText(p)]),
    ['accepted', proposalText(p1.accepted)],
  ];
  if (p1.localId) phase1.push(['local identity', `${p1.localId.type} ${p1.localId.value}`]);
  if (p1.peerId) phase1.push(['peer identity', `${p1.peerId.type} ${p1.peerId.value}`]);
  if (s.cookies?.initiator || s.cookies?.responder) phase1.push(['cookies', `${s.cookies.initiator ?? '?'} / ${s.cookies.responder ?? '?'}`]);
  if (s.natt.detected !== null) phase1.push(['NAT-T', `${s.natt.detected ? 'NAT detected' : 'no NAT detected'}${s.natt.floated ? ', floated to UDP 4500' : ''}`]);
  if (s.vendorIds.length) {
    const vids = (dir: string) => [...new Set(s.vendorIds.filter((v) => v.dir === dir).map((v) => v.name))].join(', ');
    if (vids('out')) phase1.push(['vendor IDs sent', vids('out')]);
    if (vids('in')) phase1.push(['vendor IDs received', vids('in')]);
  }
  if (s.xauth) phase1.push(['XAUTH', `${s.xauth.outcome}${s.xauth.user ? ` (user ${s.xauth.user})` : ''}`]);
  if (s.ted) phase1.push(['TED', `${s.ted.role === 'prober' ? 'sent the probe' : 'answered the probe'}${s.ted.proxies?.length ? ` for ${s.ted.proxies.join(' ⇄ ')}` : ''}`]);
  if (s.modeConfig?.address) phase1.push(['Mode-Config address', s.modeConfig.address]);
  // the same SA is often printed several times: one row per direction and SPI, the fullest text
  const sas = new Map<string, string>();
  for (const sa of s.ipsecSas) {
    const text = `${sa.protocol} SPI ${sa.spi}${sa.mode ? `, ${sa.mode}` : ''}${sa.local || sa.remote ? `, ${proxyText(sa.local)} ⇄ ${proxyText(sa.remote)}` : ''}`;
    const k = `IPsec SA ${sa.dir}|${sa.spi}`;
    if ((sas.get(k)?.length ?? -1) < text.length) sas.set(k, text);
  }
  for (const [k, text] of sas) phase1.push([k.split('|')[0]!, text]);
  const rightName = two ? s.peerView!.node : (s.peer?.address ?? 'peer');
  return {
    key,
    id: s.id,
    title: `${s.node}${s.local ? ` ${endpoint(s.local)}` : ''} ⇄ ${two ? `${s.peerView!.node} ` : ''}${endpoint(s.peer) ?? 'unknown peer'}`,
    left: { name: s.node, role: s.role, address: endpoint(s.local) },
    right: { name: rightName, role: otherRole, address: endpoint(s.peer) },
    outcome: outcomeOf(s),
    ...(failedAt ? { failedAt } : {}),
    ...(missing ? { missing } : {}),
    phase1,
    phase2: s.phase2.map((q) => ({ msgid: q.msgid, outcome: q.outcome, ...(q.failedAt ? { failedAt: q.failedAt } : {}), rows: phase2Rows(q) })),
    steps,
    lines: [{ src: mine, line: s.lines[0] }, ...(two ? [{ src: other, line: s.peerView!.lines[0] }] : [])],
  };
}

function findingModel(f: Finding, index: number, srcOfFile: (file: string) => number, lineText: (src: number, line: number) => string | undefined, clean: (s: string) => string): FindingModel {
  const fixes: { label: string; text: string }[] = [];
  for (const [dialect, label] of [['ios', 'IOS'], ['asa', 'ASA'], ['strongswan', 'strongSwan']] as const) {
    const text = f.fix?.[dialect];
    if (text) fixes.push({ label, text });
  }
  return {
    key: `f${index}`,
    id: f.id,
    severity: f.severity,
    summary: f.summary,
    detail: clean(f.detail),
    ...(f.node ? { node: f.node } : {}),
    ...(f.peer ? { peer: f.peer } : {}),
    evidence: f.evidence.lines.map((l) => {
      const src = srcOfFile(l.file);
      // the text shown is the (redacted) source line, never the raw evidence text
      const text = lineText(src, l.line) ?? clean(l.text ?? '');
      return { src, line: l.line, ...(l.endLine ? { endLine: l.endLine } : {}), text };
    }),
    ...(f.fix?.note ? { fixNote: f.fix.note } : {}),
    fixes,
  };
}

function sourceModel(a: LogAnalysis, index: number, showSecrets: boolean, clean: (s: string) => string): { source: SourceModel; redacted: number } {
  // an analysis of events (no text): the events are its lines, line N = event N
  const text = a.lines.length === 0 && a.events.length > 0 ? eventLines(a.events) : a.lines;
  const total = Math.max(text.length, a.coverage.total);
  const raw: string[] = [];
  for (let i = 0; i < total; i++) raw.push(text[i] ?? '');
  const r = showSecrets ? { lines: raw, count: 0 } : redactLines(raw);
  return {
    source: { index, file: a.file, node: a.node, lines: r.lines, unparsed: new Map(a.unparsed.map((u) => [u.line, clean(u.reason)])), coverage: a.coverage },
    redacted: r.count,
  };
}

/** Build the report model of one analysis (or of two peers' logs: pass the combined analysis and `peer`). */
export function reportModel(a: LogAnalysis, opts: ReportOptions = {}): ReportModel {
  const srcOf = (node: string | undefined) => (opts.peer && node === opts.peer.node && node !== a.node ? 1 : 0);
  const m = assembleReport({
    logs: [a, ...(opts.peer ? [opts.peer] : [])],
    sessions: a.sessions.map((session) => ({ session, srcOf })),
    findings: a.findings,
    dialects: a.dialects,
    showSecrets: opts.showSecrets === true,
  });
  return opts.compare ? { ...m, diff: diffModel(opts.compare[0], opts.compare[1], m.secrets.shown) } : m;
}

/** What a report is made of: the logs (sources, in this order), the sessions with the source of each node, the findings. */
export interface ReportParts {
  readonly logs: readonly LogAnalysis[];
  readonly sessions: readonly { readonly session: Session; readonly srcOf: (node: string | undefined) => number; readonly title?: (t: string) => string }[];
  readonly findings: readonly Finding[];
  readonly dialects: readonly string[];
  readonly showSecrets: boolean;
}

export function assembleReport(parts: ReportParts): ReportModel {
  const { showSecrets } = parts;
  const clean = (s: string) => (showSecrets ? s : redactLine(s).text);
  const built = parts.logs.map((l, i) => sourceModel(l, i, showSecrets, clean));
  const sources = built.map((b) => b.source);
  const srcOfFile = (file: string) => Math.max(0, sources.findIndex((s) => s.file === file));
  const lineText = (src: number, line: number) => sources[src]?.lines[line - 1];
  const sessions = parts.sessions.map((x, i) => {
    const m = sessionModel(x.session, i, x.srcOf);
    return x.title ? { ...m, title: x.title(m.title) } : m;
  });
  const findings = parts.findings.map((f, i) => findingModel(f, i, srcOfFile, lineText, clean));
  const counts = { error: 0, warn: 0, note: 0 };
  for (const f of findings) counts[f.severity]++;
  const understood = sources.reduce((n, s) => n + s.coverage.understood, 0);
  const total = sources.reduce((n, s) => n + s.coverage.total, 0);
  const outcome: OutcomeText | 'none' = !sessions.length
    ? 'none'
    : sessions.some((s) => s.outcome === 'failed')
      ? 'failed'
      : sessions.some((s) => s.outcome === 'incomplete')
        ? 'incomplete'
        : 'established';
  const peers = [...new Set(sessions.flatMap((s) => [`${s.left.name}${s.left.address ? ` (${s.left.address})` : ''}`, `${s.right.name}${s.right.address && s.right.address !== s.right.name ? ` (${s.right.address})` : ''}`]))];
  const firstError = findings.find((f) => f.severity === 'error');
  const failed = sessions.find((s) => s.outcome === 'failed');
  const headline = !sessions.length
    ? 'No IKE SA found in this log'
    : `${sessions.length} IKE SA${sessions.length > 1 ? 's' : ''}: ${outcome === 'established' ? 'established' : outcome === 'failed' ? `failed${failed?.failedAt ? ` at ${failed.failedAt}` : ''}` : 'the log ends before the negotiation does'}`;
  const why = firstError ? firstError.summary : failed?.failedAt ? `The negotiation stopped at ${failed.failedAt}.` : undefined;
  const files = sources.map((s) => (s.file === '-' ? 'standard input' : s.file.split('/').pop() ?? s.file));
  return {
    title: `ikelens report — ${files.join(' + ')}`,
    summary: { headline, outcome, peers, counts, ...(why ? { why } : {}), dialects: parts.dialects },
    sources,
    sessions,
    findings,
    coverage: { understood, total, percent: ((100 * understood) / Math.max(1, total)).toFixed(1) },
    unparsed: sources.flatMap((s) => [...s.unparsed].map(([line, reason]) => ({ src: s.index, line, text: s.lines[line - 1] ?? '', reason }))),
    secrets: { shown: showSecrets, redacted: built.reduce((n, b) => n + b.redacted, 0) },
  };
}
