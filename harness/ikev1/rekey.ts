/**
 * Lifetimes and rekeying of both phases (RFC 2409 §4.5 / RFC 2407 §4.5 lifetimes; the timing is
 * Cisco's, since the RFCs leave it to the implementation).
 *
 * Every established SA gets two background timers on the engine's clock: soft and hard.
 * - Hard (the negotiated lifetime): an IPsec SA pair is removed from `childSas()` with an
 *   `ipsec.sa` event per direction whose `state` is `expired`; an ISAKMP SA goes to DELETED.
 * - Soft: the SA is rekeyed, unless a newer SA for the same traffic (IPsec) or the same peer
 *   (ISAKMP) replaced it already. An IPsec SA is rekeyed by a new Quick Mode for the same proxies
 *   on the newest usable ISAKMP SA with the peer, or, when that one is past its own soft lifetime
 *   or gone, by a new phase 1 first (the Quick Mode follows when it completes). An ISAKMP SA is
 *   rekeyed by a new Main/Aggressive Mode with the peer; existing IPsec SAs stay, their rekeys use
 *   the new ISAKMP SA. A new SA replaces the old one at once (traffic moves to it); the old one
 *   lives until its hard lifetime, or is deleted at once with `policy.deleteRekeyed` (`retireChildSa`).
 *
 * Who rekeys (so that both peers do not rekey at once): the side that initiated the expiring SA
 * rekeys at `base − jitter` of its lifetime (Cisco ASA: phase 1 at 95 %, "Starting P1 rekey
 * timer: 82080 seconds" of 86400; phase 2 at 85 %, 3060 of 3600), the jitter up to 5 % drawn
 * from a seeded rng; the side that responded waits until halfway between base and hard
 * (97.5 % / 92.5 %), so it rekeys only when the initiator did not. When one side's Quick Mode
 * completes, both sides see the new SA replace the old one and the other side's soft timer is
 * cancelled. A rekey of phase 2 by kilobytes comes from the data plane (`childSaExpiring`),
 * with the same fractions as its soft kilobytes (see dataplane-link.ts).
 *
 * `policy.rekey === false`: SAs only expire (the soft lifetime does nothing).
 *
 * A rekey that fails (its Quick Mode, or the phase 1 it waited for, ends failed: lost, refused) is
 * tried again with backoff until the old pair's hard lifetime: RETRY_FIRST_MS after the failure,
 * doubling, and not once the next try would start after the hard expiry (then the pair expires
 * as before). The RFCs leave retries to the implementation (RFC 2409 §4.5 only says a lifetime
 * ends an SA); strongSwan retries a CHILD_SA rekey that cannot go ahead after 15 s (its
 * RETRY_INTERVAL), Cisco keeps trying while the old SA lives.
 */
import type { Clock } from './clock.js';
import type { Ikev1Engine } from './engine.js';
import { DEFAULT_P1_SECONDS } from './lifetime.js';
import type { Rng } from './rng.js';
import type { ChildSa, IsakmpSa, QuickExchange, Scope } from './sa.js';

export type ExpiryLevel = 'soft' | 'hard';

/** Soft lifetime as a fraction of the hard one: the initiator's base (before jitter). */
export const SOFT_BASE = { p1: 0.95, p2: 0.85 } as const;
/** The initiator's soft point moves earlier by up to this fraction (seeded). */
export const SOFT_JITTER = 0.05;
/** A failed rekey is tried again this long after the failure, then after twice that, … (strongSwan's RETRY_INTERVAL). */
export const RETRY_FIRST_MS = 15_000;

/** The soft fraction for an SA this side initiated or responded to. */
export function softFraction(phase: 'p1' | 'p2', role: 'initiator' | 'responder', rng: Rng): number {
  const base = SOFT_BASE[phase];
  return role === 'initiator' ? base - SOFT_JITTER * rng.next() : base + (1 - base) / 2;
}

interface Life {
  soft?: (() => void) | undefined;
  hard?: (() => void) | undefined;
  /** A newer SA took over (no rekey from this one). */
  replaced: boolean;
  /** A rekey was started from this one. */
  rekeying: boolean;
  expired: boolean;
  /** A failed rekey waiting to be tried again (timer), and how many were tried again so far. */
  retry?: (() => void) | undefined;
  retries?: number;
}

export type ChildListener = (what: 'established' | 'expired' | 'deleted', child: ChildSa, softFraction: number) => void;

export class Lifetimes {
  private readonly children = new Map<ChildSa, Life & { readonly sa: IsakmpSa; readonly fraction: number; readonly hardAt: number }>();
  /** Rekey Quick Modes under way → the pairs they rekey (a failure retries those). */
  private readonly attempts = new Map<QuickExchange, ChildSa[]>();
  private readonly isakmp = new Map<IsakmpSa, Life>();
  /** ISAKMP SAs this side started to replace an expiring one (no Quick Mode of their own). */
  private readonly rekeyP1 = new Set<IsakmpSa>();
  /** IPsec SAs whose rekey waits for a new ISAKMP SA. */
  private waiting: ChildSa[] = [];
  private readonly listeners: ChildListener[] = [];

  constructor(
    private readonly engine: Ikev1Engine,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  /** Called with every IPsec SA pair established and expired (the data-plane link installs and removes them). */
  onChild(fn: ChildListener): void {
    this.listeners.push(fn);
  }

  private get rekeyOn(): boolean {
    return this.engine.policy.rekey !== false;
  }

  private arm(life: Life, seconds: number, fraction: number, soft: () => void, hard: () => void): void {
    const ms = seconds * 1000;
    life.soft = this.clock.setTimer(Math.round(ms * fraction), () => {
      life.soft = undefined;
      soft();
    }, { background: true });
    life.hard = this.clock.setTimer(ms, () => {
      life.hard = undefined;
      hard();
    }, { background: true });
  }

  private stop(life: Life, which: 'soft' | 'both'): void {
    life.soft?.();
    life.soft = undefined;
    life.retry?.();
    life.retry = undefined;
    if (which === 'both') {
      life.hard?.();
      life.hard = undefined;
    }
  }

  // ---- phase 2 ------------------------------------------------------------------------------------

  /** A Quick Mode completed (either role): it replaces the older pairs for the same traffic; timers armed. */
  childEstablished(sa: IsakmpSa, child: ChildSa): void {
    for (const [old, life] of this.children) {
      if (life.replaced || life.expired || !sameTraffic(old, child)) continue;
      life.replaced = true;
      this.stop(life, 'soft');
      this.engine.retireChildSa(old, 'rekeyed');
    }
    this.waiting = this.waiting.filter((c) => !sameTraffic(c, child));
    const q = sa.quick.get(child.msgid);
    if (q) this.attempts.delete(q);
    const fraction = softFraction('p2', child.role, this.rng);
    const life = { sa, fraction, hardAt: this.clock.now() + child.lifetimeSeconds * 1000, replaced: false, rekeying: false, expired: false };
    this.children.set(child, life);
    this.arm(life, child.lifetimeSeconds, fraction, () => this.childSaExpiring(child, 'soft', `soft lifetime (${Math.round(child.lifetimeSeconds * fraction)} of ${child.lifetimeSeconds} s)`), () => this.childSaExpiring(child, 'hard', `hard lifetime ${child.lifetimeSeconds} s`));
    for (const l of this.listeners) l('established', child, fraction);
  }

  /** Soft: rekey (once, if nothing replaced it yet); hard: the pair expires. From the timers or the data plane. */
  childSaExpiring(child: ChildSa, level: ExpiryLevel, reason: string): void {
    const life = this.children.get(child);
    if (!life || life.expired) return; // no entry: expired, or deleted meanwhile (childDeleted)
    if (level === 'hard') return this.expireChild(child, life, reason);
    if (life.replaced || life.rekeying || !this.rekeyOn) return;
    life.rekeying = true;
    this.stop(life, 'soft');
    this.rekeyChild(child);
  }

  /** One rekey attempt: a Quick Mode on a usable ISAKMP SA, or a new phase 1 first. */
  private rekeyChild(child: ChildSa): void {
    const sa = this.usableIsakmpSa(child.remote);
    if (sa) {
      const q = this.engine.startQuickMode(sa);
      if (q) this.attempts.set(q, [child]);
      else this.retryLater([child]);
      return;
    }
    this.waiting.push(child);
    this.startPhase1(child.remote, this.children.get(child)?.sa.mode ?? 'main');
  }

  /**
   * An exchange ended failed (engine.setState): a rekey Quick Mode → its pairs are tried again
   * later; a phase 1 this side started for waiting pairs → those are tried again later.
   */
  exchangeFailed(sa: IsakmpSa, scope: Scope): void {
    if (scope !== sa.p1) {
      const pairs = this.attempts.get(scope as QuickExchange);
      if (!pairs) return;
      this.attempts.delete(scope as QuickExchange);
      this.retryLater(pairs);
      return;
    }
    if (!this.rekeyP1.has(sa)) return;
    const waiting = this.waiting.filter((c) => c.remote === sa.peer);
    this.waiting = this.waiting.filter((c) => c.remote !== sa.peer);
    this.retryLater(waiting);
  }

  /** Backoff: RETRY_FIRST_MS × 2^(n−1) after the n-th failure, while that is before the pair's hard lifetime. */
  private retryLater(pairs: readonly ChildSa[]): void {
    for (const child of pairs) {
      const life = this.children.get(child);
      if (!life || life.replaced || life.expired || life.retry) continue;
      const n = (life.retries ?? 0) + 1;
      const ms = RETRY_FIRST_MS * 2 ** (n - 1);
      if (this.clock.now() + ms >= life.hardAt) continue; // no time left: the pair expires at its hard lifetime
      life.retries = n;
      life.retry = this.clock.setTimer(ms, () => {
        life.retry = undefined;
        if (!life.replaced && !life.expired) this.rekeyChild(child);
      }, { background: true });
    }
  }

  private expireChild(child: ChildSa, life: Life & { readonly sa: IsakmpSa }, reason: string): void {
    this.stop(life, 'both');
    life.expired = true;
    this.children.delete(child);
    this.engine.expireChildSa(life.sa, child, reason);
    for (const l of this.listeners) l('expired', child, 0);
  }

  /**
   * The pair was deleted (a DELETE sent or received, its ISAKMP SA torn down: informational.ts): no
   * soft or hard timer is left for it and the listeners drop it now (the data plane stops using it),
   * not at its hard lifetime.
   */
  childDeleted(child: ChildSa): void {
    const life = this.children.get(child);
    if (!life || life.expired) return;
    this.stop(life, 'both');
    life.expired = true;
    this.children.delete(child);
    this.waiting = this.waiting.filter((c) => c !== child);
    for (const l of this.listeners) l('deleted', child, 0);
  }

  // ---- phase 1 ------------------------------------------------------------------------------------

  /**
   * Phase 1 completed (either role): timers armed, older ISAKMP SAs with the peer replaced, waiting
   * IPsec rekeys started on it. True when this SA is a rekey this side started (no Quick Mode of
   * its own: the IPsec SAs are rekeyed when their lifetimes say so).
   */
  isakmpEstablished(sa: IsakmpSa): boolean {
    for (const [old, life] of this.isakmp) {
      if (old === sa || old.peer !== sa.peer || life.replaced || life.expired) continue;
      life.replaced = true;
      this.stop(life, 'soft');
    }
    const seconds = sa.chosen?.lifetimeSeconds ?? DEFAULT_P1_SECONDS;
    const life: Life = { replaced: false, rekeying: false, expired: false };
    this.isakmp.set(sa, life);
    const fraction = softFraction('p1', sa.role, this.rng);
    this.arm(life, seconds, fraction, () => this.isakmpSoft(sa, life), () => this.engine.endIsakmpSa(sa, `hard lifetime ${seconds} s`));
    const waiting = this.waiting.filter((c) => c.remote === sa.peer);
    this.waiting = this.waiting.filter((c) => c.remote !== sa.peer);
    // the waiting pairs are all the policy's traffic: one Quick Mode rekeys them
    if (waiting.length) {
      const q = this.engine.startQuickMode(sa);
      if (q) this.attempts.set(q, waiting);
      else this.retryLater(waiting);
    }
    const isRekey = this.rekeyP1.delete(sa);
    return isRekey || waiting.length > 0;
  }

  /** The ISAKMP SA ended (DELETE either way, hard expiry, DPD, INITIAL-CONTACT): its timers stop, so it is never rekeyed. */
  isakmpDeleted(sa: IsakmpSa): void {
    const life = this.isakmp.get(sa);
    if (!life) return;
    this.stop(life, 'both');
    life.expired = true;
    this.isakmp.delete(sa);
  }

  private isakmpSoft(sa: IsakmpSa, life: Life): void {
    if (life.replaced || life.rekeying || life.expired || !this.rekeyOn) return;
    life.rekeying = true;
    this.startPhase1(sa.peer, sa.mode);
  }

  /** A new phase 1 with the peer, unless one is under way (a failed one is forgotten: the next expiry may try again). */
  private startPhase1(peer: string, mode: 'main' | 'aggressive'): void {
    for (const s of this.rekeyP1) if (s.p1.state === 'P1_FAILED') this.rekeyP1.delete(s);
    if ([...this.rekeyP1].some((s) => s.peer === peer)) return;
    if (peer !== this.engine.policy.peerAddress) return; // the policy names one peer (a responder-only peer cannot be dialled)
    this.rekeyP1.add(this.engine.initiate(mode));
  }

  /** The newest established ISAKMP SA with `peer` that is not past its soft lifetime (nor deleted). */
  private usableIsakmpSa(peer: string): IsakmpSa | undefined {
    const candidates = this.engine.isakmpSas().filter((s) => {
      // an ended ISAKMP SA (deleted or expired) has no entry any more: isakmpDeleted
      const life = this.isakmp.get(s);
      return s.peer === peer && life && !life.expired && !life.replaced && !life.rekeying;
    });
    return candidates[candidates.length - 1];
  }

  /** Timers this module holds (tests: none after everything expired). */
  get armed(): number {
    let n = 0;
    for (const l of [...this.children.values(), ...this.isakmp.values()]) n += (l.soft ? 1 : 0) + (l.hard ? 1 : 0) + (l.retry ? 1 : 0);
    return n;
  }
}

function sameTraffic(a: ChildSa, b: ChildSa): boolean {
  return a.remote === b.remote && a.localProxy?.address === b.localProxy?.address && a.remoteProxy?.address === b.remoteProxy?.address && a.localProxy?.protocol === b.localProxy?.protocol && a.localProxy?.port === b.localProxy?.port && a.remoteProxy?.protocol === b.remoteProxy?.protocol && a.remoteProxy?.port === b.remoteProxy?.port;
}
