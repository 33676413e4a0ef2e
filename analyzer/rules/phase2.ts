// Shared by the phase-2 rules: the Quick Mode a failure belongs to, described for a detail,
// who refused it, and proxies in each device's ACL syntax.
import type { Session, Phase2 } from '../timeline.js';
import { peerName } from './rule.js';

/** The failed Quick Modes of the session, or those that never finished. */
export function failedQuickModes(s: Session): Phase2[] {
  return s.phase2.filter((q) => q.outcome === 'failed');
}

export function describeQuickMode(q: Phase2 | undefined): string {
  if (!q) return 'Quick Mode';
  const px = q.proxies.local || q.proxies.remote ? ` (${q.proxies.local?.address ?? '?'} ↔ ${q.proxies.remote?.address ?? '?'})` : '';
  return `Quick Mode ${q.msgid}${px}`;
}

/** Who refused a Quick Mode: its responder — this node when it received QM1, else the peer. */
export function refuser(s: Session, q: Phase2 | undefined): string {
  const qm1 = q ? s.steps.find((x) => x.exchange === 'quick' && x.msgid === q.msgid) : undefined;
  return qm1?.dir === 'in' ? 'this node' : peerName(s);
}

const maskOf = (len: number) => [24, 16, 8, 0].map((sh) => ((len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0) >>> sh) & 255);

/** A proxy (`10.1.0.0/16`, `10.5.5.1/32`, `10.5.5.1`) in IOS ACL syntax (wildcard) and ASA syntax (mask). */
export function aclAddress(cidr: string): { ios: string; asa: string } {
  const [addr, lenText] = cidr.split('/');
  const len = lenText === undefined ? 32 : Number(lenText);
  if (!addr || !/^\d+\.\d+\.\d+\.\d+$/.test(addr) || !(len >= 0 && len <= 32)) return { ios: cidr, asa: cidr };
  if (len === 32) return { ios: `host ${addr}`, asa: `host ${addr}` };
  if (len === 0) return { ios: 'any', asa: 'any' };
  const mask = maskOf(len);
  return { ios: `${addr} ${mask.map((b) => 255 - b).join('.')}`, asa: `${addr} ${mask.join('.')}` };
}
