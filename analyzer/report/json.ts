// The JSON output of `ikelens analyze --json`, versioned. Documented in docs/json-output.md:
// bump VERSION when a field changes meaning or disappears (adding fields keeps the version).
import type { Finding } from '../model/index.js';
import type { LogAnalysis } from '../analyze.js';
import type { Session } from '../timeline.js';

export const JSON_VERSION = 1;

function endpoint(e: { address: string; port?: number } | undefined): string | null {
  return e ? (e.port ? `${e.address}:${e.port}` : e.address) : null;
}

export function sessionJson(s: Session) {
  return {
    id: s.id,
    node: s.node,
    dialect: s.dialect,
    local: endpoint(s.local),
    peer: endpoint(s.peer),
    role: s.role,
    mode: s.phase1.mode,
    auth: s.phase1.auth,
    phase1: {
      proposal: { offered: s.phase1.offered, accepted: s.phase1.accepted },
      reached: s.phase1.reached,
      outcome: s.phase1.outcome,
      failedAt: s.phase1.failedAt ?? null,
      localId: s.phase1.localId ?? null,
      peerId: s.phase1.peerId ?? null,
    },
    phase2: s.phase2.map((q) => ({
      msgid: q.msgid,
      proxies: q.proxies,
      protocol: q.protocol ?? null,
      transforms: q.transforms,
      pfsGroup: q.pfsGroup ?? null,
      mode: q.mode ?? null,
      spis: q.spis,
      lifetimeSeconds: q.lifetimeSeconds ?? null,
      lifetimeKb: q.lifetimeKb ?? null,
      reached: q.reached,
      outcome: q.outcome,
      failedAt: q.failedAt ?? null,
    })),
    exchanges: s.steps.map((x) => ({
      label: x.label,
      dir: x.dir,
      line: x.line,
      exchange: x.exchange,
      msgid: x.msgid,
      sender: x.sender,
      payloads: x.payloads,
      retransmits: x.retransmits,
      ...(x.state ? { state: x.state } : {}),
      ...(x.time ? { time: x.time } : {}),
      ...(x.node && x.node !== s.node ? { node: x.node } : {}),
      ...(x.peerSide ? { peerSide: x.peerSide } : {}),
    })),
    natt: s.natt,
    vendorIds: s.vendorIds,
    xauth: s.xauth,
    modeConfig: s.modeConfig,
    ted: s.ted,
    ipsecSas: s.ipsecSas,
    lines: s.lines,
    ...(s.peerView ? { peerView: s.peerView } : {}),
  };
}

export function findingJson(f: Finding) {
  return {
    id: f.id,
    severity: f.severity,
    summary: f.summary,
    detail: f.detail,
    node: f.node ?? null,
    peer: f.peer ?? null,
    evidence: f.evidence.lines.map((l) => ({ file: l.file, line: l.line, ...(l.endLine ? { endLine: l.endLine } : {}), ...(l.text !== undefined ? { text: l.text } : {}) })),
    fix: f.fix ?? null,
  };
}

export function analysisJson(a: LogAnalysis, peer?: LogAnalysis) {
  return {
    ikelens: 'analysis',
    version: JSON_VERSION,
    input: { file: a.file, node: a.node, ...(peer ? { peerFile: peer.file, peerNode: peer.node } : {}) },
    dialects: a.dialects,
    coverage: { understood: a.coverage.understood, total: a.coverage.total },
    sessions: a.sessions.map(sessionJson),
    findings: a.findings.map(findingJson),
    unparsed: a.unparsed,
  };
}
