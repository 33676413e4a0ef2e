// One IKE SA's events (one node's view) → its timeline: the labelled ladder, the phase-1 and
// phase-2 facts and outcomes, NAT-T, vendor IDs, XAUTH, Mode-Config, TED, IPsec SAs.
import { checkSequence, ENCAPSULATION_FACTS, type Event, type EventOf, type IkeProposalEvent, type ProposalAttrs } from '../model/index.js';
import type { IpsecSa, Outcome, Phase1, Phase2, Proposal, Proxy, Role, Session, Step } from '../timeline.js';
import { labelMessages, type LabelledMessage } from './label.js';

const lineOf = (e: Event): number => ('line' in e.origin ? e.origin.line : e.seq);
const endLineOf = (e: Event): number => ('endLine' in e.origin ? e.origin.endLine : e.seq);

function ofKind<K extends Event['kind']>(events: readonly Event[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.kind === kind);
}

function proposalOf(a: ProposalAttrs): Proposal {
  const p: { -readonly [K in keyof Proposal]: Proposal[K] } = {};
  if (a.encryption) p.encryption = a.encryption;
  if (a.keyLength !== undefined) p.keyLength = a.keyLength;
  if (a.hash) p.hash = a.hash;
  if (a.group !== undefined) p.group = a.group;
  if (a.auth) p.auth = a.auth;
  if (a.lifetimeSeconds !== undefined) p.lifetimeSeconds = a.lifetimeSeconds;
  if (a.lifetimeKilobytes !== undefined) p.lifetimeKb = a.lifetimeKilobytes;
  return p;
}

function distinct<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Merge the attributes of several proposal events (a device prints one attribute per line). */
function mergeAttrs(events: readonly IkeProposalEvent[]): ProposalAttrs {
  return Object.assign({}, ...events.map((e) => e.attrs)) as ProposalAttrs;
}

/** Steps of the ladder from the labelled messages: retransmissions fold into their original. */
function stepsOf(labelled: readonly LabelledMessage[], events: readonly Event[]): Step[] {
  const steps: (Step & { lines: number[]; retransmits: number })[] = [];
  const index = new Map<number, number>();
  // SA states only: a queued task (strongSwan) is not where the SA is
  const states = ofKind(events, 'ike.state').filter((s) => s.vendorKind !== 'task');
  // messages and states are in line order: two cursors find, for each message, the next message
  // on a later line and the first state at or after it, without rescanning
  let next = 0;
  let st = 0;
  labelled.forEach((l, i) => {
    const line = lineOf(l.ev);
    if (l.retransmitOf !== undefined) {
      const s = steps[index.get(l.retransmitOf)!]!;
      s.retransmits++;
      s.lines.push(line);
      return;
    }
    next = Math.max(next, i + 1);
    while (next < labelled.length && lineOf(labelled[next]!.ev) <= line) next++;
    const nextLine = next < labelled.length ? lineOf(labelled[next]!.ev) : Infinity;
    while (st < states.length && lineOf(states[st]!) < line) st++;
    const state = st < states.length && lineOf(states[st]!) < nextLine ? states[st] : undefined;
    index.set(i, steps.length);
    steps.push({
      label: l.label,
      exchange: l.logical,
      msgid: l.ev.msgid.toString(16).padStart(8, '0'),
      dir: l.ev.dir,
      sender: l.sender,
      payloads: l.ev.payloads.map((p) => (p.type === 'N' && p.notify ? `N(${p.notify.type})` : p.type)),
      notifies: l.ev.payloads.filter((p) => p.notify).map((p) => p.notify!.type),
      line,
      lines: [line],
      retransmits: 0,
      ...(l.ev.time ? { time: l.ev.time } : {}),
      ...(state ? { state: state.vendor } : {}),
      node: l.ev.node,
    });
  });
  return steps;
}

/** Outcome of a phase from its explicit events, else from how far the ladder got. */
function outcomeOf(complete: boolean, failed: boolean, reachedEnd: boolean): Outcome {
  if (failed && !complete) return 'failed';
  if (complete || reachedEnd) return 'established';
  return 'incomplete';
}

/**
 * The step at which a phase broke, as engineers say it ("failed at MM5"): the last message
 * exchanged up to the failure — the one the peer did not answer, or the received one this node
 * refused or could not process. With no message at all, the first one expected.
 */
function failedAtOf(steps: readonly Step[], failLine: number, expected: string | undefined): string | undefined {
  // no message of that phase in the log (a DPD excerpt of an SA set up earlier): not known
  if (!steps.length) return undefined;
  const before = steps.filter((s) => s.line <= failLine);
  return before[before.length - 1]?.label ?? steps[0]?.label ?? expected;
}

/**
 * RFC 2409 §5.1–5.4: the authenticating messages (MM5/MM6, AM2/AM3) carry HASH with pre-shared
 * keys and SIG with signatures. When the device does not print the method, the payloads tell.
 */
function authFromPayloads(p1steps: readonly Step[]): string | null {
  const auth = p1steps.filter((s) => ['MM5', 'MM6', 'AM2', 'AM3'].includes(s.label) && s.payloads.length > 0);
  if (!auth.length) return null;
  if (auth.some((s) => s.payloads.includes('SIG'))) return null;
  return auth.every((s) => s.payloads.includes('HASH')) ? 'psk' : null;
}

function phase1Of(steps: readonly Step[], events: readonly Event[], role: Role | null): Phase1 {
  const p1steps = steps.filter((s) => s.exchange === 'main' || s.exchange === 'aggressive');
  const phases = ofKind(events, 'ike.phase').filter((e) => e.phase === 1);
  const proposals = ofKind(events, 'ike.proposal').filter((e) => e.phase === 1);
  const accepted = proposals.filter((p) => p.stage === 'accepted');
  const auths = ofKind(events, 'ike.auth');
  const firstMsg = ofKind(events, 'ike.msg').find((m) => m.exchange === 'main' || m.exchange === 'aggressive');
  const mode = (firstMsg?.exchange as 'main' | 'aggressive' | undefined) ?? phases.find((p) => p.mode)?.mode ?? null;
  const verdict = checkSequence(
    p1steps.map((s) => ({ label: s.label, dir: s.dir })),
    role ?? 'initiator',
  );
  const complete = phases.some((p) => p.status === 'complete');
  const failedEv = phases.find((p) => p.status === 'failed');
  const laterSteps = steps.some((s) => s.exchange !== 'main' && s.exchange !== 'aggressive' && s.exchange !== 'ted' && s.exchange !== 'informational');
  const reached = p1steps.length ? p1steps[p1steps.length - 1]!.label : null;
  const reachedEnd = reached === 'MM6' || reached === 'AM3' || laterSteps;
  const outcome = outcomeOf(complete, Boolean(failedEv), reachedEnd);
  const acceptedAttrs = accepted.length ? mergeAttrs(accepted) : null;
  const ownAuth = proposals.find((p) => p.source === 'local' && p.attrs.auth)?.attrs.auth;
  const auth = acceptedAttrs?.auth ?? auths.find((a) => a.method)?.method ?? ownAuth ?? authFromPayloads(p1steps);
  const localId = auths.find((a) => a.localId)?.localId;
  const peerId = auths.find((a) => a.peerId)?.peerId;
  const failedAt = outcome === 'failed' && failedEv ? failedAtOf(p1steps, lineOf(failedEv), verdict.next[0] ?? (mode === 'aggressive' ? 'AM1' : 'MM1')) : undefined;
  return {
    mode,
    auth,
    offered: distinct(proposals.filter((p) => p.stage === 'offered' || p.stage === 'checked').map((p) => proposalOf(p.attrs))).filter((p) => Object.keys(p).length > 0),
    accepted: acceptedAttrs ? proposalOf(acceptedAttrs) : null,
    reached,
    outcome,
    ...(failedAt ? { failedAt } : {}),
    ...(localId ? { localId: { type: localId.type, value: localId.value } } : {}),
    ...(peerId ? { peerId: { type: peerId.type, value: peerId.value } } : {}),
  };
}

function proxyText(p: Proxy | undefined): Proxy | undefined {
  return p ? { address: p.address, ...(p.protocol ? { protocol: p.protocol } : {}), ...(p.port ? { port: p.port } : {}) } : undefined;
}

/**
 * Phase-2 events that do not name their message ID belong to the Quick Mode in progress: the
 * one whose latest message is the closest before them.
 */
function quickModeOf(e: Event, qmLines: readonly { msgid: number; line: number }[]): number | undefined {
  const own = e.sa?.msgid ?? ('msgid' in e && typeof e.msgid === 'number' ? e.msgid : undefined);
  if (own !== undefined && qmLines.some((q) => q.msgid === own)) return own;
  const line = lineOf(e);
  let best: { msgid: number; line: number } | undefined;
  for (const q of qmLines) if (q.line <= line && (!best || q.line >= best.line)) best = q;
  return best?.msgid ?? qmLines[0]?.msgid;
}

function phase2Of(steps: readonly Step[], events: readonly Event[]): Phase2[] {
  const qms = ofKind(events, 'ike.msg').filter((m) => m.exchange === 'quick');
  const msgids = [...new Set(qms.map((m) => m.msgid))];
  const qmLines = qms.map((m) => ({ msgid: m.msgid, line: lineOf(m) }));
  // each phase-2 event's Quick Mode, worked out once for all of them
  const owner = new Map<Event, number | undefined>();
  for (const e of events)
    if (e.kind === 'ike.proposal' || e.kind === 'ipsec.sa' || e.kind === 'ipsec.spi' || e.kind === 'ike.phase') owner.set(e, quickModeOf(e, qmLines));
  const belongs = (e: Event, id: number) => owner.get(e) === id;
  return msgids.map((id) => {
    const hex = id.toString(16).padStart(8, '0');
    const qsteps = steps.filter((s) => s.exchange === 'quick' && s.msgid === hex);
    const proposals = ofKind(events, 'ike.proposal').filter((p) => p.phase === 2 && belongs(p, id));
    const accepted = proposals.filter((p) => p.stage === 'accepted');
    // without an accepted proposal, what was on the wire: the Quick Mode initiator's offer
    // (this node's own when it sent QM1, the peer's when it received it)
    const nodeInitiated = qsteps[0]?.dir === 'out';
    const offers = proposals.filter((p) => p.stage !== 'rejected' && p.stage !== 'accepted');
    const onWire = offers.filter((p) => p.source === (nodeInitiated ? 'local' : 'peer'));
    const attrs = mergeAttrs(accepted.length ? accepted : onWire.length ? onWire : offers);
    const sas = ofKind(events, 'ipsec.sa').filter((s) => belongs(s, id));
    const spis = ofKind(events, 'ipsec.spi').filter((s) => belongs(s, id));
    const phases = ofKind(events, 'ike.phase').filter((p) => p.phase === 2 && (p.msgid === id || (p.msgid === undefined && belongs(p, id))));
    const sa = sas[0];
    const inSpi = sas.find((s) => s.dir === 'in')?.spi ?? spis.find((s) => s.dir === 'in')?.spi;
    const outSpi = sas.find((s) => s.dir === 'out')?.spi ?? spis.find((s) => s.dir === 'out')?.spi;
    const local = proxyText(sas.find((s) => s.local)?.local) ?? idProxy(qsteps, events, id, 'local');
    const remote = proxyText(sas.find((s) => s.remote)?.remote) ?? idProxy(qsteps, events, id, 'remote');
    const encapsulation = [accepted, onWire, offers].flat().find((p) => p.attrs.encapsulation)?.attrs.encapsulation;
    const mode = sa?.mode ?? (encapsulation ? ENCAPSULATION_FACTS[encapsulation].mode : undefined);
    const transforms = sa?.transforms ?? ([attrs.encryption, attrs.hash].filter(Boolean) as string[]);
    const reached = qsteps.length ? qsteps[qsteps.length - 1]!.label : null;
    const complete = phases.some((p) => p.status === 'complete');
    const failedEv = phases.find((p) => p.status === 'failed');
    const outcome = outcomeOf(complete, Boolean(failedEv), Boolean(inSpi && outSpi && qsteps.some((s) => s.label === 'QM3')));
    const failedAt = outcome === 'failed' && failedEv ? failedAtOf(qsteps, lineOf(failedEv), 'QM1') : undefined;
    const pfs = attrs.pfsGroup ?? sa?.pfsGroup;
    return {
      msgid: hex,
      proxies: { ...(local ? { local } : {}), ...(remote ? { remote } : {}) },
      ...(attrs.protocol ? { protocol: attrs.protocol } : sa ? { protocol: sa.protocol } : {}),
      transforms,
      ...(pfs !== undefined ? { pfsGroup: pfs } : {}),
      ...(mode ? { mode } : {}),
      spis: { ...(inSpi ? { in: inSpi } : {}), ...(outSpi ? { out: outSpi } : {}) },
      ...((sa?.lifetimeSeconds ?? attrs.lifetimeSeconds) !== undefined ? { lifetimeSeconds: sa?.lifetimeSeconds ?? attrs.lifetimeSeconds } : {}),
      ...((sa?.lifetimeKilobytes ?? attrs.lifetimeKilobytes) !== undefined ? { lifetimeKb: sa?.lifetimeKilobytes ?? attrs.lifetimeKilobytes } : {}),
      reached,
      outcome,
      ...(failedAt ? { failedAt } : {}),
    };
  });
}

/** Proxies from the ID payloads of Quick Mode: IDci is the QM initiator's, IDcr the responder's. */
function idProxy(qsteps: readonly Step[], events: readonly Event[], id: number, side: 'local' | 'remote'): Proxy | undefined {
  const qm1 = ofKind(events, 'ike.msg').find((m) => m.exchange === 'quick' && m.msgid === id);
  if (!qm1) return undefined;
  const ids = qm1.payloads.filter((p) => p.type === 'ID' && p.id).map((p) => p.id!);
  if (ids.length < 2) return undefined;
  const nodeInitiated = qsteps[0]?.dir === 'out';
  const pick = (side === 'local') === nodeInitiated ? ids[0]! : ids[1]!;
  return { address: pick.value, ...(pick.protocol ? { protocol: pick.protocol } : {}), ...(pick.port ? { port: pick.port } : {}) };
}

export function buildSession(id: string, dialect: string, events: readonly Event[]): Session {
  const node = events[0]?.node ?? 'local';
  const msgs = ofKind(events, 'ike.msg');
  const givenRole = events.find((e) => e.role)?.role ?? null;
  const { labels, role } = labelMessages(msgs, givenRole, events);
  const steps = stepsOf(labels, events);
  const peerEv = events.find((e) => e.peer && !(e.kind === 'ike.msg' && e.exchange === 'ted') && e.kind !== 'ike.ted');
  // a TED probe goes to the protected host, not to the IKE peer: IKE messages name the peer
  const ikeMsgs = msgs.filter((m) => m.exchange !== 'ted');
  const localEp = ikeMsgs.find((m) => m.local)?.local ?? ofKind(events, 'ipsec.sa').find((s) => s.localEndpoint)?.localEndpoint;
  const remoteEp = ikeMsgs.find((m) => m.remote)?.remote;
  const natd = ofKind(events, 'ike.natd');
  const xauth = ofKind(events, 'ike.xauth');
  const cfg = ofKind(events, 'ike.cfg');
  const ted = ofKind(events, 'ike.ted');
  const cookies = events.find((e) => e.sa?.icookie || e.sa?.rcookie)?.sa;
  const lines = events.map(lineOf);
  const ends = events.map(endLineOf);

  const peer = remoteEp ?? (peerEv?.peer ? { address: peerEv.peer.address, ...(peerEv.peer.port ? { port: peerEv.peer.port } : {}) } : undefined);
  const xauthStatus = xauth.find((x) => x.status)?.status;
  const xauthUser = xauth.find((x) => x.user)?.user;
  const cfgAttrs = cfg.map((c) => c.attributes).filter(Boolean);
  // one entry per installed SA (an `ipsec.sa` with a state reports the end of one listed already)
  const ipsecSas: IpsecSa[] = ofKind(events, 'ipsec.sa').filter((s) => s.state === undefined).map((s) => ({
    dir: s.dir,
    protocol: s.protocol,
    spi: s.spi,
    ...(s.local ? { local: s.local } : {}),
    ...(s.remote ? { remote: s.remote } : {}),
    ...(s.transforms ? { transforms: s.transforms } : {}),
    ...(s.mode ? { mode: s.mode } : {}),
    ...(s.lifetimeSeconds !== undefined ? { lifetimeSeconds: s.lifetimeSeconds } : {}),
    ...(s.lifetimeKilobytes !== undefined ? { lifetimeKb: s.lifetimeKilobytes } : {}),
    line: lineOf(s),
  }));

  return {
    id,
    node,
    dialect,
    ...(localEp ? { local: localEp } : {}),
    ...(peer ? { peer } : {}),
    role,
    ...(cookies ? { cookies: { ...(cookies.icookie ? { initiator: cookies.icookie } : {}), ...(cookies.rcookie ? { responder: cookies.rcookie } : {}) } } : {}),
    phase1: phase1Of(steps, events, role),
    phase2: phase2Of(steps, events),
    steps,
    natt: {
      detected: natd.length ? natd.some((n) => n.localBehindNat || n.peerBehindNat) : null,
      ...(natd.some((n) => n.localBehindNat !== undefined) ? { localBehindNat: natd.some((n) => n.localBehindNat) } : {}),
      ...(natd.some((n) => n.peerBehindNat !== undefined) ? { peerBehindNat: natd.some((n) => n.peerBehindNat) } : {}),
      ...(natd.some((n) => n.floated) ? { floated: true } : {}),
    },
    vendorIds: ofKind(events, 'ike.vid').map((v) => ({ dir: v.dir, name: v.name, line: lineOf(v) })),
    xauth: xauth.length
      ? { ...(xauthUser ? { user: xauthUser } : {}), outcome: xauthStatus ?? 'pending', line: lineOf(xauth[0]!) }
      : null,
    modeConfig: cfgAttrs.length
      ? {
          ...(cfgAttrs.find((a) => a!.address) ? { address: cfgAttrs.find((a) => a!.address)!.address } : {}),
          ...(cfgAttrs.find((a) => a!.netmask) ? { netmask: cfgAttrs.find((a) => a!.netmask)!.netmask } : {}),
          dns: [...new Set(cfgAttrs.flatMap((a) => a!.dns ?? []))],
          wins: [...new Set(cfgAttrs.flatMap((a) => a!.wins ?? []))],
          ...(cfgAttrs.find((a) => a!.domain) ? { domain: cfgAttrs.find((a) => a!.domain)!.domain } : {}),
          splitInclude: [...new Set(cfgAttrs.flatMap((a) => a!.splitInclude ?? []))],
          other: Object.fromEntries(cfgAttrs.flatMap((a) => a!.other ?? []).map((o) => [o.name, o.value ?? ''])),
        }
      : null,
    ted: ted.length
      ? {
          role: ted.some((t) => t.step === 'probe' && t.dir === 'out') ? 'prober' : 'responder',
          ...(ted.find((t) => t.proxies) ? { proxies: [ted.find((t) => t.proxies)!.proxies!.local?.address, ted.find((t) => t.proxies)!.proxies!.remote?.address].filter((x): x is string => Boolean(x)) } : {}),
          line: lineOf(ted[0]!),
        }
      : null,
    ipsecSas,
    lines: [Math.min(...lines), Math.max(...ends)],
  };
}
