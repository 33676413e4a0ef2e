// What a run is judged on: each side's timeline against the scenario's expectation (outcome,
// exchange labels, error findings), the peers' own word, the ping, and the wire (tshark: no
// malformed packet, the encrypted IKE messages and ESP packets decrypted with the extracted keys).
// Every check is data: a name, what was expected, what was seen.
import type { LogAnalysis } from '../../analyzer/analyze.js';
import { spiHex } from '../../analyzer/model/index.js';
import type { Phase2, Session } from '../../analyzer/timeline.js';
import type { Frame } from '../lab/capture.js';
import type { NatFact, SideExpectation, Side } from './scenario.js';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly expected: string;
  readonly got: string;
}

export interface SideObserved {
  readonly outcome: SideExpectation['outcome'];
  readonly labels: readonly string[];
  readonly findings: readonly string[];
  /** The distinct DPD labels of its timeline, sorted. */
  readonly dpd?: readonly string[];
  /** The same with their direction (`DPD-R-U-THERE in`), sorted: who probed and who answered. */
  readonly dpdDirected?: readonly string[];
  /** Its DELETE steps in order with their direction (`DELETE in`). */
  readonly deletes?: readonly string[];
  /** The labels of every IKE SA of its timeline, in order. */
  readonly ikeSas?: readonly (readonly string[])[];
  /** What its timeline says about NAT (scenario.ts NAT_FACTS), sorted. */
  readonly nat?: readonly NatFact[];
}

/** A session's NAT-T state in the scenario's words (NAT_FACTS). */
function natFacts(n: Session['natt']): NatFact[] {
  const facts: NatFact[] = [];
  if (n.localBehindNat) facts.push('local behind NAT');
  if (n.peerBehindNat) facts.push('peer behind NAT');
  if (n.floated) facts.push('floated to 4500');
  if (n.detected === false) facts.push('no NAT');
  return facts.sort();
}

/** Labels whose number depends on teardown timing, not on the negotiation. */
const TEARDOWN_LABELS = /^(INFO|DELETE|DPD-)/;

/** Established: phase 1 and every Quick Mode (at least one) established; failed: phase 1 or a Quick Mode failed. */
export function sessionOutcome(s: Session): SideObserved['outcome'] {
  if (s.phase1.outcome === 'failed' || s.phase2.some((q) => q.outcome === 'failed')) return 'failed';
  if (s.phase1.outcome === 'established' && s.phase2.length > 0 && s.phase2.every((q) => q.outcome === 'established')) return 'established';
  return 'incomplete';
}

/** One side as the analyzer read it: its first IKE SA, and the error findings of its log. */
export function observeSide(a: LogAnalysis | null): SideObserved {
  const s = a?.sessions[0];
  if (!a || !s) return { outcome: 'none', labels: [], findings: [...new Set((a?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.id))].sort() };
  const ikeSas = a.sessions.map(negotiationLabels);
  return {
    outcome: sessionOutcome(s),
    labels: ikeSas[0]!,
    ikeSas,
    deletes: s.steps.filter((x) => x.label === 'DELETE').map((x) => `DELETE ${x.dir}`),
    dpd: [...new Set(s.steps.map((x) => x.label).filter((l) => l.startsWith('DPD-')))].sort(),
    nat: natFacts(s.natt),
    dpdDirected: [...new Set(s.steps.filter((x) => x.label.startsWith('DPD-')).map((x) => `${x.label} ${x.dir}`))].sort(),
    findings: [...new Set(a.findings.filter((f) => f.severity === 'error').map((f) => f.id))].sort(),
  };
}

function negotiationLabels(s: Session): string[] {
  return s.steps.map((x) => x.label).filter((l) => !TEARDOWN_LABELS.test(l));
}

const show = (v: readonly string[] | string) => (typeof v === 'string' ? v : v.length ? v.join(' ') : '(none)');

function check(name: string, expected: readonly string[] | string, got: readonly string[] | string): Check {
  const e = show(expected);
  const g = show(got);
  return { name, ok: e === g, expected: e, got: g };
}

/** The timeline diff against the expectation: outcome, labels (when given), error findings. */
export function sideChecks(side: Side, want: SideExpectation, got: SideObserved): Check[] {
  const checks = [check(`${side} outcome`, want.outcome, got.outcome)];
  if (want.labels) checks.push(check(`${side} exchanges`, want.labels, got.labels));
  checks.push(check(`${side} findings`, [...want.findings].sort(), got.findings));
  if (want.deletes) checks.push(check(`${side} deletes`, want.deletes, got.deletes ?? []));
  // one IKE SA per ` | `-separated group
  if (want.ikeSas) checks.push(check(`${side} IKE SAs`, want.ikeSas.map((l) => show(l)).join(' | '), (got.ikeSas ?? []).map((l) => show(l)).join(' | ')));
  if (want.nat) checks.push(check(`${side} NAT`, [...want.nat].sort(), got.nat ?? []));
  // with directions (`DPD-ACK out`) the check says who answered whom, not only that DPD ran
  if (want.dpd) checks.push(check(`${side} DPD exchanges`, [...want.dpd].sort(), (want.dpd.some((l) => / (in|out)$/.test(l)) ? got.dpdDirected : got.dpd) ?? []));
  return checks;
}

const ERROR_SEVERITY = '8388608'; // PI_ERROR in Wireshark's expert info
const isTrue = (v: readonly string[]) => v.some((x) => x === '1' || x === 'True');

/**
 * The capture as tshark dissects it, each frame with its sender's keys: at least one IKE frame; no
 * malformed frame and no expert error; every encrypted IKE message decrypted — its payloads
 * dissected without error (a wrong key or IV yields garbage lengths, hence "malformed") — except
 * the `undecryptable` ones the scenario expects; and, when the tunnel carried traffic, ESP frames
 * that are all decrypted with a good ICV.
 */
export function wireChecks(all: readonly Frame[], opts: { readonly expectEsp: boolean; readonly undecryptable: number }): Check[] {
  // A byte-identical copy of an earlier datagram is a retransmission. tshark advances its IV chain
  // on the first copy, so it decrypts the copy's first block with the wrong IV and calls it
  // malformed (seen: QM1 retransmitted after racing AM3, lab README 2.7). Only first copies are judged.
  const seen = new Set<string>();
  const frames = all.filter((f) => {
    const key = `${f['ip.src'][0]}|${f['udp.payload'].join('')}`;
    if (!f['udp.payload'].length || !seen.has(key)) {
      seen.add(key);
      return true;
    }
    return false;
  });
  const no = (f: Frame) => f['frame.number'][0]!;
  const bad = (f: Frame) => f['_ws.malformed'].length > 0 || f['_ws.expert.severity'].includes(ERROR_SEVERITY);
  const ike = frames.filter((f) => f['frame.protocols'].some((p) => p.split(':').includes('isakmp')));
  const encrypted = ike.filter((f) => isTrue(f['isakmp.flag_e']));
  const notDecrypted = encrypted.filter((f) => f['isakmp.typepayload'].length === 0 || bad(f));
  const malformed = frames.filter((f) => bad(f) && !notDecrypted.includes(f)).map(no);
  const esp = frames.filter((f) => f['esp.spi'].length);
  const espBad = esp.filter((f) => !isTrue(f['esp.icv_good']) || f['ip.src'].length < 2).map(no);
  const checks = [
    check('capture has IKE frames', 'yes', ike.length ? 'yes' : 'no'),
    check('tshark: malformed frames', [], malformed),
    {
      name: 'tshark: encrypted IKE frames not decrypted',
      ok: notDecrypted.length === opts.undecryptable,
      expected: `${opts.undecryptable}`,
      got: `${notDecrypted.length}${notDecrypted.length ? ` (frames ${notDecrypted.map(no).join(' ')})` : ''}`,
    },
  ];
  if (opts.expectEsp) {
    checks.push(check('capture has ESP frames', 'yes', esp.length ? 'yes' : 'no'));
    checks.push(check('tshark: ESP frames not decrypted or ICV bad', [], espBad));
  }
  return checks;
}

/** The SPIs of the last established Quick Mode of a side's timeline (its sessions in order), as 8 hex digits. */
export function lastQuickModeSpis(a: LogAnalysis | null): string[] {
  const last = (a?.sessions ?? []).flatMap((s): readonly Phase2[] => s.phase2).filter((q) => q.outcome === 'established').pop();
  return [last?.spis.in, last?.spis.out].filter((x): x is string => Boolean(x)).sort();
}

/**
 * The ESP packets captured since `sinceS` (epoch seconds: the pings after a hold) carry exactly
 * `spis`, the last Quick Mode's pair: traffic crossed the new SAs in both directions, none the old.
 */
export function espSinceCheck(frames: readonly Frame[], sinceS: number, spis: readonly string[]): Check {
  const seen = [...new Set(frames.filter((f) => f['esp.spi'].length && Number(f['frame.time_epoch'][0]) >= sinceS).flatMap((f) => f['esp.spi'].map((v) => spiHex(v) ?? v)))].sort();
  return check('ESP after the hold on the last Quick Mode\'s SAs', spis.length === 2 ? [...spis] : '(no Quick Mode pair)', seen);
}

/**
 * Through a real NAT (scenario `nat`), on the responder's link: every packet of the initiator comes
 * from the router's public address (the masquerade), IKE moved to UDP 4500 in both directions with
 * the non-ESP marker (RFC 3947 §4, RFC 3948 §2.2: tshark dissects it as udpencap, then ISAKMP), and
 * with traffic every ESP packet is ESP in UDP on port 4500 (RFC 3948 §2.1).
 */
export function natWireChecks(frames: readonly Frame[], opts: { readonly responder: string; readonly natAddress: string; readonly expectEsp: boolean; readonly keepalives?: boolean }): Check[] {
  const fromInitiator = frames.filter((f) => f['ip.src'][0] !== opts.responder);
  const layers = (f: Frame) => f['frame.protocols'].flatMap((p) => p.split(':'));
  const on4500 = (f: Frame) => f['udp.srcport'][0] === '4500' || f['udp.dstport'][0] === '4500';
  const udpEncap = (f: Frame) => on4500(f) && layers(f).includes('udpencap');
  const ike4500 = (f: Frame) => udpEncap(f) && layers(f).includes('isakmp');
  const sides = (pick: (f: Frame) => boolean) => [fromInitiator.some(pick) ? 'from the initiator' : '', frames.some((f) => f['ip.src'][0] === opts.responder && pick(f)) ? 'from the responder' : ''].filter(Boolean);
  const checks = [
    check('NAT: the initiator\'s packets arrive from', opts.natAddress, [...new Set(fromInitiator.map((f) => f['ip.src'][0] ?? '?'))].sort()),
    check('NAT: IKE on UDP 4500 with the non-ESP marker', ['from the initiator', 'from the responder'], sides(ike4500)),
  ];
  if (opts.expectEsp) {
    const esp = frames.filter((f) => f['esp.spi'].length);
    checks.push(check('NAT: ESP in UDP 4500', ['from the initiator', 'from the responder'], sides((f) => f['esp.spi'].length > 0 && udpEncap(f))));
    checks.push(check('NAT: ESP frames not in UDP 4500', [], esp.filter((f) => !udpEncap(f)).map((f) => f['frame.number'][0]!)));
  }
  // RFC 3948 §2.3: "A NAT-keepalive packet is a UDP packet with a single octet body ... 0xFF", from the side behind the NAT
  if (opts.keepalives) {
    const keepalives = fromInitiator.filter((f) => f['udp.dstport'][0] === '4500' && f['udp.payload'].join('') === 'ff');
    checks.push({ name: 'NAT: keepalives from the initiator (0xFF to UDP 4500)', ok: keepalives.length > 0, expected: 'at least 1', got: String(keepalives.length) });
  }
  return checks;
}
