/**
 * `ikelens peer --ping ADDRESS [--count N]`: ICMP (or ICMPv6) echo requests through the tunnel,
 * one at a time as IOS `ping` sends them — the next when the reply came or after the timeout —
 * from a host address of our side of the SA (the local proxy, or the Mode-Config address the
 * node was given), and the replies counted.
 */
import { buildIcmpPacket, buildIcmpv6Packet } from '../esp/index.js';
import { isIpv6 } from '../esp/ip6.js';
import type { Clock } from '../ikev1/clock.js';
import type { EchoReply, NodeDataPlane } from './dataplane.js';

/** IOS ping's default timeout per echo. */
export const PING_TIMEOUT_MS = 2000;
const ICMP_ECHO_REQUEST = 8;
const ICMPV6_ECHO_REQUEST = 128;
const DATA = new TextEncoder().encode('ikelens peer ping through the tunnel');

export interface PingOptions {
  readonly target: string;
  readonly count: number;
  /** Our inner address; default: a host address of our side of the SA that reaches the target. */
  readonly source?: string;
  readonly identifier: number;
  readonly clock: Clock;
  readonly dataPlane: NodeDataPlane;
  /** One line per echo (reply, timeout, not sent) and the result line at the end. */
  readonly onLine: (line: string) => void;
  readonly onDone: () => void;
}

export class Ping {
  transmitted = 0;
  received = 0;
  source: string | undefined;
  private started = false;
  private finished = false;
  private waiting: { sequence: number; sentAt: number; cancel: () => void } | undefined;

  constructor(private readonly o: PingOptions) {}

  get done(): boolean {
    return this.finished;
  }

  /** Every echo answered. */
  get complete(): boolean {
    return this.finished && this.received === this.o.count;
  }

  /** Starts once an SA reaches the target; call on every event until it returns true. */
  startWhenReady(source: (target: string) => string | undefined): boolean {
    if (this.started) return true;
    const s = this.o.source ?? source(this.o.target);
    if (s === undefined) return false;
    this.started = true;
    this.source = s;
    this.next();
    return true;
  }

  /** An echo reply out of a tunnel. */
  reply(r: EchoReply): void {
    const w = this.waiting;
    if (!w || r.identifier !== this.o.identifier || r.sequence !== w.sequence || r.from !== this.o.target) return;
    w.cancel();
    this.waiting = undefined;
    this.received++;
    this.o.onLine(`ping ${this.o.target}: reply seq ${r.sequence} from ${r.from}, ${this.o.clock.now() - w.sentAt} ms`);
    this.next();
  }

  /** The result line (`N transmitted, N received`). */
  summary(): string {
    return `ping ${this.o.target}${this.source ? ` from ${this.source}` : ''}: ${this.transmitted} transmitted, ${this.received} received${this.finished ? '' : ' (stopped before the end)'}`;
  }

  private next(): void {
    if (this.transmitted >= this.o.count) {
      this.finished = true;
      this.o.onLine(this.summary());
      return this.o.onDone();
    }
    const sequence = ++this.transmitted;
    const src = this.source!;
    const echo = { identifier: this.o.identifier, sequence, data: DATA };
    const packet = isIpv6(this.o.target) ? buildIcmpv6Packet(src, this.o.target, { type: ICMPV6_ECHO_REQUEST, ...echo }) : buildIcmpPacket(src, this.o.target, { type: ICMP_ECHO_REQUEST, ...echo });
    const sent = this.o.dataPlane.send(packet);
    if (!sent.ok) this.o.onLine(`ping ${this.o.target}: seq ${sequence} not sent: ${sent.reason}`);
    const cancel = this.o.clock.setTimer(PING_TIMEOUT_MS, () => {
      this.waiting = undefined;
      if (sent.ok) this.o.onLine(`ping ${this.o.target}: seq ${sequence} timed out`);
      this.next();
    });
    this.waiting = { sequence, sentAt: this.o.clock.now(), cancel };
  }
}
