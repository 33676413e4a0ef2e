// What every dialect normalizer shares: numbering events, their origin and node, and the rule
// that nothing of the input is dropped (every record yields at least one event: `log.line` for
// a recognised line with no protocol meaning, `unparsed` for a line no grammar knew).
import type { LogRecord } from '../../grammars/index.js';
import type { Event, EventBase, LogOrigin } from '../model/index.js';

export interface NormalizeContext {
  /** The log file name (or `-` for standard input) for origins. */
  readonly file: string;
  /** Whose view: the device name, from the log when it says (prompt, syslog host) or given. */
  readonly node: string;
}

/** Fields of an event that the emitter fills: kind-specific fields plus optional base fields. */
export type EventInit<E extends Event> = Omit<E, 'seq' | 'origin' | 'node'> & { readonly node?: string };

export class Emitter {
  private seq = 0;
  readonly events: Event[] = [];
  constructor(readonly ctx: NormalizeContext) {}

  origin(r: LogRecord): LogOrigin {
    return { file: this.ctx.file, line: r.line, endLine: r.endLine };
  }

  /** Emit one event derived from record `r`. */
  emit<E extends Event>(r: LogRecord, init: EventInit<E>): E {
    const time = r.env?.stamp?.text;
    const e = { seq: this.seq++, origin: this.origin(r), node: this.ctx.node, ...(time ? { time } : {}), ...init } as unknown as E;
    this.events.push(e);
    return e;
  }

  /** Replace an already emitted event (a later line completes it: payloads of a received message). */
  update<E extends Event>(e: E, patch: Partial<Omit<E, 'seq' | 'origin' | 'kind'>>): E {
    const i = this.events.lastIndexOf(e);
    const next = { ...e, ...patch } as E;
    if (i >= 0) this.events[i] = next;
    return next;
  }

  /** A recognised line that carries no protocol fact: kept as evidence. */
  logLine(r: LogRecord, sa?: EventBase<string>['sa'], peer?: EventBase<string>['peer']): void {
    this.emit(r, { kind: 'log.line', record: r.kind, ...(sa ? { sa } : {}), ...(peer ? { peer } : {}) } as EventInit<Event>);
  }

  unparsed(r: LogRecord): void {
    this.emit(r, { kind: 'unparsed', text: r.text, reason: r.reason ?? 'not recognised' } as EventInit<Event>);
  }
}

/** A dialect normalizer: folds the records of one log (in order) into events through the emitter. */
export type Normalizer = (records: readonly LogRecord[], out: Emitter) => void;
