/**
 * A fake clock: timers run only when the test advances time. No real timers anywhere in the engine.
 */
export interface Clock {
  now(): number;
  /**
   * Calls `fn` at now() + ms; returns a cancel function. `background` timers (SA lifetimes) run
   * when time passes but do not keep a fake clock's `step()` going on their own.
   */
  setTimer(ms: number, fn: () => void, o?: { readonly background?: boolean }): () => void;
}

interface Timer {
  readonly at: number;
  readonly id: number;
  readonly fn: () => void;
  readonly background: boolean;
  cancelled: boolean;
}

export class FakeClock implements Clock {
  private t = 0;
  private nextId = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.t;
  }

  setTimer(ms: number, fn: () => void, o?: { readonly background?: boolean }): () => void {
    const timer: Timer = { at: this.t + ms, id: this.nextId++, fn, background: o?.background === true, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Pending (not cancelled) timers; background ones (SA lifetimes) only with `withBackground`. */
  pending(withBackground = false): number {
    return this.timers.filter((x) => !x.cancelled && (withBackground || !x.background)).length;
  }

  /**
   * Runs the earliest timer (advancing time to it); false when no foreground timer is left
   * (background timers alone — SA lifetimes — wait for `advance`).
   */
  step(): boolean {
    this.timers = this.timers.filter((x) => !x.cancelled);
    if (!this.timers.some((x) => !x.background)) return false;
    this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
    const first = this.timers.shift()!;
    this.t = Math.max(this.t, first.at);
    first.fn();
    return true;
  }

  /** Advances by `ms`, running every timer due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.timers = this.timers.filter((x) => !x.cancelled);
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const first = this.timers[0];
      if (!first || first.at > end) break;
      this.timers.shift();
      this.t = first.at;
      first.fn();
    }
    this.t = end;
  }
}

/** The real clock, for engines on UDP sockets: `setTimeout` timers that do not keep the process alive. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(ms: number, fn: () => void): () => void {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  }
}
