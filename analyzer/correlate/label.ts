// Labels for the messages of one IKE SA: each ISAKMP message gets its name in the protocol
// (MM1…MM6, AM1…AM3, QM1…QM3, XAUTH-*, CFG-*, TED-*, INFO, DELETE, DPD-*) from its exchange,
// its position among the messages of the same sender in that exchange, and the roles.
//
// RFC 2409 §5: in Main Mode the initiator sends messages 1, 3, 5 and the responder 2, 4, 6; in
// Aggressive Mode the initiator sends 1 and 3, the responder 2; in Quick Mode (§5.5) the side
// that sends the first message (any of the two IKE peers) is the Quick Mode initiator and sends
// 1 and 3. Counting per sender rather than overall keeps the labels right when a log misses
// the lines of one direction.
import type { Event, IkeMsgEvent, PayloadInfo } from '../model/index.js';
import type { Role } from '../timeline.js';

export interface LabelledMessage {
  readonly ev: IkeMsgEvent;
  readonly label: string;
  /** Logical exchange (labels.ts) and the key that groups its messages. */
  readonly logical: string;
  readonly key: string;
  /** Sender in the IKE SA's roles. */
  readonly sender: Role;
  /** A retransmission of the message at this index of the result, or undefined. */
  readonly retransmitOf?: number;
}

const other = (r: Role): Role => (r === 'initiator' ? 'responder' : 'initiator');

/** Sequence of labels for the k-th message (1-based) of each sender, per exchange. */
const BY_SENDER: Readonly<Record<string, Readonly<Record<Role, readonly string[]>>>> = {
  main: { initiator: ['MM1', 'MM3', 'MM5'], responder: ['MM2', 'MM4', 'MM6'] },
  aggressive: { initiator: ['AM1', 'AM3'], responder: ['AM2'] },
  quick: { initiator: ['QM1', 'QM3'], responder: ['QM2'] },
  ted: { initiator: ['TED-PROBE'], responder: ['TED-REPLY'] },
};

const TRANSACTION: Readonly<Record<'xauth' | 'cfg', Readonly<Record<string, string>>>> = {
  xauth: { request: 'XAUTH-REQ', reply: 'XAUTH-REPLY', set: 'XAUTH-SET', ack: 'XAUTH-ACK' },
  cfg: { request: 'CFG-REQ', reply: 'CFG-REPLY', set: 'CFG-SET', ack: 'CFG-ACK' },
};

function keyOf(m: IkeMsgEvent): string {
  if (m.exchange === 'main' || m.exchange === 'aggressive') return 'p1';
  if (m.exchange === 'ted') return 'ted';
  return `${m.exchange}:${m.msgid}`;
}

function notifyNames(payloads: readonly PayloadInfo[]): string[] {
  return payloads.filter((p) => p.notify).map((p) => p.notify!.type);
}

/** The label of an informational message from its payloads. */
function informationalLabel(m: IkeMsgEvent): { label: string; logical: string } {
  const n = notifyNames(m.payloads);
  if (n.includes('R_U_THERE')) return { label: 'DPD-R-U-THERE', logical: 'dpd' };
  if (n.includes('R_U_THERE_ACK')) return { label: 'DPD-ACK', logical: 'dpd' };
  if (m.payloads.some((p) => p.type === 'D')) return { label: 'DELETE', logical: 'informational' };
  return { label: 'INFO', logical: 'informational' };
}

/**
 * What a transaction message is: XAUTH or Mode-Config, and its type. From the ATTR payload when
 * the log lists it; else from the `ike.xauth` / `ike.cfg` events of the same message ID, in order.
 */
function transactionLabel(m: IkeMsgEvent, index: number, facts: ReadonlyMap<number, readonly { kind: 'xauth' | 'cfg'; step: string }[]>): string {
  const attr = m.payloads.find((p) => p.cfg)?.cfg;
  const known = facts.get(m.msgid) ?? [];
  const fact = known[index] ?? known[known.length - 1];
  const isXauth = attr?.attributes?.some((a) => /^XAUTH/.test(a)) ?? (fact ? fact.kind === 'xauth' : undefined);
  const type = attr?.type ?? fact?.step;
  if (isXauth === undefined || !type) return '?';
  return TRANSACTION[isXauth ? 'xauth' : 'cfg'][type] ?? '?';
}

/** Label the messages of one session, in order. `role` is this node's IKE role when known. */
export function labelMessages(msgs: readonly IkeMsgEvent[], role: Role | null, related: readonly Event[]): { labels: LabelledMessage[]; role: Role | null } {
  const p1 = msgs.find((m) => m.exchange === 'main' || m.exchange === 'aggressive' || m.exchange === 'ted');
  const nodeRole: Role | null = role ?? (p1 ? (p1.dir === 'out' ? 'initiator' : 'responder') : null);
  const txFacts = new Map<number, { kind: 'xauth' | 'cfg'; step: string }[]>();
  for (const e of related)
    if ((e.kind === 'ike.xauth' || e.kind === 'ike.cfg') && e.msgid !== undefined) {
      const list = txFacts.get(e.msgid) ?? [];
      list.push({ kind: e.kind === 'ike.xauth' ? 'xauth' : 'cfg', step: e.step });
      txFacts.set(e.msgid, list);
    }

  const out: LabelledMessage[] = [];
  const firstDir = new Map<string, 'in' | 'out'>(); // per exchange key: direction of its first message
  const sentBy = new Map<string, number>(); // key|sender -> count
  const seenInKey = new Map<string, number>(); // key -> messages so far (transactions)
  for (const m of msgs) {
    const key = keyOf(m);
    if (m.retransmit) {
      let j = out.length - 1;
      while (j >= 0 && !(out[j]!.key === key && out[j]!.ev.dir === m.dir && out[j]!.retransmitOf === undefined)) j--;
      if (j >= 0) {
        out.push({ ...out[j]!, ev: m, retransmitOf: j });
        continue;
      }
    }
    if (!firstDir.has(key)) firstDir.set(key, m.dir);
    // the node's role in this exchange: its IKE role for phase 1; for the others, initiator of
    // the exchange when it sent the exchange's first message
    const exchangeRole: Role | null = key === 'p1' || key === 'ted' ? nodeRole : firstDir.get(key) === 'out' ? 'initiator' : 'responder';
    const sender: Role = exchangeRole ? (m.dir === 'out' ? exchangeRole : other(exchangeRole)) : m.dir === 'out' ? 'initiator' : 'responder';
    const ikeSender: Role = nodeRole ? (m.dir === 'out' ? nodeRole : other(nodeRole)) : sender;
    let label = '?';
    let logical: string = m.exchange;
    const seq = BY_SENDER[m.exchange];
    if (seq) {
      const n = (sentBy.get(`${key}|${sender}`) ?? 0) + 1;
      sentBy.set(`${key}|${sender}`, n);
      label = seq[sender][n - 1] ?? '?';
    } else if (m.exchange === 'transaction') {
      const i = seenInKey.get(key) ?? 0;
      seenInKey.set(key, i + 1);
      label = transactionLabel(m, i, txFacts);
      logical = label.startsWith('XAUTH') ? 'xauth' : label.startsWith('CFG-SET') || label.startsWith('CFG-ACK') ? 'cfg-push' : 'cfg-pull';
    } else if (m.exchange === 'informational') {
      ({ label, logical } = informationalLabel(m));
    }
    out.push({ ev: m, label, logical, key, sender: ikeSender });
  }
  return { labels: out, role: nodeRole };
}
