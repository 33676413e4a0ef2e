// Shared by the phase-2 rules: the Quick Mode a failure belongs to, described for a detail.
import type { Session, Phase2 } from '../timeline.js';

/** The failed Quick Modes of the session, or those that never finished. */
export function failedQuickModes(s: Session): Phase2[] {
  return s.phase2.filter((q) => q.outcome === 'failed');
}

export function describeQuickMode(q: Phase2 | undefined): string {
  if (!q) return 'Quick Mode';
  const px = q.proxies.local || q.proxies.remote ? ` (${q.proxies.local?.address ?? '?'} ↔ ${q.proxies.remote?.address ?? '?'})` : '';
  return `Quick Mode ${q.msgid}${px}`;
}
