/**
 * What `ikelens peer` prints: a ladder line per message as it happens (time, direction, peer,
 * label, payloads, the state it led to), phase outcomes, node notes; and a summary at the end
 * from the analyzer's own timelines of the run (correlate), so that the summary says what
 * `ikelens analyze` would say of the same events.
 */
import { correlate, labelMessages } from '../../analyzer/correlate/index.js';
import type { Event, IkeMsgEvent } from '../../analyzer/model/events.js';
import type { NodeNote } from './node.js';
import { u32Hex } from '../crypto/index.js';

const clockText = (iso: string | undefined): string => (iso ? iso.slice(11, 23) : '');

export class Ladder {
  private readonly msgs = new Map<string, IkeMsgEvent[]>();
  /** The line of the last message, waiting for the state change it causes. */
  private pending: { readonly key: string; readonly text: string } | undefined;

  /** The lines an event completes (usually none or one). */
  push(e: Event): string[] {
    const key = `${e.node}\u0000${e.sa?.conn ?? ''}`;
    if (e.kind === 'ike.state' && this.pending?.key === key && e.scope !== undefined) {
      const line = `${this.pending.text}  ${e.canonical ?? e.vendor}`;
      this.pending = undefined;
      return [line];
    }
    const out = this.flush();
    if (e.kind === 'ike.msg') {
      const list = this.msgs.get(key) ?? [];
      list.push(e);
      this.msgs.set(key, list);
      const labels = labelMessages(list, e.role ?? null, []).labels;
      const label = labels[labels.length - 1]?.label ?? `${e.exchange}`;
      const arrow = e.dir === 'out' ? '→' : '←';
      const payloads = e.payloads.map((p) => (p.notify ? `N(${p.notify.type})` : p.type)).join(' ');
      const text = `${clockText(e.time)}  ${arrow} ${e.remote?.address ?? e.peer?.address ?? '?'}:${e.remote?.port ?? e.peer?.port ?? ''}  ${label.padEnd(6)} ${payloads}${e.retransmit ? '  (retransmission)' : ''}`;
      this.pending = { key, text };
    } else if (e.kind === 'ike.phase' && e.status !== 'started') {
      const what = e.phase === 1 ? `phase 1 (${e.mode ?? ''})` : `phase 2 (message ID ${u32Hex(e.msgid ?? 0)})`;
      out.push(`${clockText(e.time)}    ${e.peer?.address ?? ''} ${what} ${e.status}${e.status === 'failed' ? `: ${e.reason}${e.text ? ` — ${e.text}` : ''}` : ''}`);
    } else if (e.kind === 'ipsec.sa' && e.dir === 'in') {
      out.push(`${clockText(e.time)}    ${e.peer?.address ?? ''} ESP SA in ${e.spi}, ${e.encryption ?? ''}/${e.integrity ?? ''}, ${e.remote?.address ?? e.remoteEndpoint?.address ?? ''} → ${e.local?.address ?? e.localEndpoint?.address ?? ''}`);
    }
    return out;
  }

  flush(): string[] {
    const p = this.pending;
    this.pending = undefined;
    return p ? [p.text] : [];
  }
}

export function noteLine(n: NodeNote): string {
  return `${clockText(n.time)}    ${n.text}`;
}

/** The end-of-run summary: per IKE SA its outcome, per Quick Mode its SPIs, transforms and proxies. */
export function summaryLines(events: readonly Event[]): string[] {
  const { sessions } = correlate(events, 'ikelens-engine');
  if (!sessions.length) return ['no IKE SA'];
  return sessions.flatMap(({ session: s }) => [
    `IKE SA with ${s.peer?.address ?? '?'}:${s.peer?.port ?? ''} (${s.role ?? '?'}, ${s.phase1.mode ?? '?'} mode): ${s.phase1.outcome}${s.phase1.reached ? ` at ${s.phase1.reached}` : ''}${s.phase1.accepted ? `, ${[s.phase1.accepted.encryption, s.phase1.accepted.hash, s.phase1.accepted.group !== undefined ? `group ${s.phase1.accepted.group}` : undefined].filter(Boolean).join('/')}` : ''}`,
    ...s.phase2.map(
      (q) =>
        `  Quick Mode ${q.msgid}: ${q.outcome}${q.spis.in || q.spis.out ? `, SPI in ${q.spis.in ?? '-'} out ${q.spis.out ?? '-'}` : ''}${q.transforms.length ? `, ${q.transforms.join(' ')}` : ''}${q.proxies.local || q.proxies.remote ? `, ${q.proxies.local?.address ?? '-'} ↔ ${q.proxies.remote?.address ?? '-'}` : ''}`,
    ),
  ]);
}
