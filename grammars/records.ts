// The records the grammars produce: one per device line (or per multi-line block), typed by
// kind, with the line span they came from. Grammars know nothing of events: the analyzer's
// normalize step turns records into events.

/** Device dialects: the debug output of one kind of device. */
export type Dialect = 'ios' | 'asa' | 'strongswan';

/** Every grammar family: the three dialects, `show ...` command output, console noise. */
export type Family = Dialect | 'show' | 'console';

export const DIALECTS: readonly Dialect[] = ['ios', 'asa', 'strongswan'];
export const FAMILIES: readonly Family[] = ['ios', 'asa', 'strongswan', 'show', 'console'];

/** A timestamp as printed, with the parts a correlator needs to order and align lines. */
export interface Stamp {
  /** Exactly as printed, e.g. `*Mar  1 02:07:18.850` or `11:30:01.123`. */
  readonly text: string;
  /** `clock` a wall-clock time of day (with or without date), `uptime` time since boot. */
  readonly kind: 'clock' | 'uptime';
  /** Month and day as printed (`Mar  1` → `Mar 1`), when present. */
  readonly date?: string;
  readonly year?: number;
  /** Seconds since midnight (clock) or since boot (uptime), milliseconds as a fraction. */
  readonly seconds: number;
  /** IOS prints `*` when the clock is not authoritative, `.` when it lost sync. */
  readonly sync?: '*' | '.';
  readonly zone?: string;
}

/** What surrounds a device message on its line: timestamps, syslog header, charon's thread tag. */
export interface Envelope {
  readonly stamp?: Stamp;
  /** IOS `service sequence-numbers`: `000123:`. */
  readonly seq?: number;
  /** Syslog sender host. */
  readonly host?: string;
  /** Syslog program (`charon`) and pid. */
  readonly program?: string;
  readonly pid?: number;
  /** `%ASA-7-713236:` / `%CRYPTO-6-IKMP_MODE_FAILURE:`. */
  readonly syslog?: { readonly facility: string; readonly severity: number; readonly id: string };
  /** charon: `08[NET]` thread and log group, `<mm|1>` IKE_SA name and unique id. */
  readonly thread?: number;
  readonly group?: string;
  readonly ikeName?: string;
  readonly ikeId?: number;
  /** Console output glued in front of the line (ping marks `!!!!!`, a prompt `hub#`). */
  readonly noise?: string;
  /** ASDM export: the columns it adds. */
  readonly asdm?: { readonly srcIp?: string; readonly srcPort?: number; readonly dstIp?: string; readonly dstPort?: number };
}

/** Fields of one record kind: plain JSON data (numbers, strings, booleans, arrays, objects). */
export type Fields = { readonly [key: string]: unknown };

export interface LogRecord<K extends string = string, F extends Fields = Fields> {
  /** Dotted kind: `<family>.<what>` (`ios.stateChange`), or `unparsed` / `blank`. */
  readonly kind: K;
  readonly family: Family | null;
  /** 1-based first and last line of the span in the input. */
  readonly line: number;
  readonly endLine: number;
  /** The raw text of the span, lines joined with `\n`. */
  readonly text: string;
  readonly env: Envelope | null;
  readonly fields: F;
  /** For `unparsed`: why no rule took the line. */
  readonly reason?: string;
}

export type UnparsedRecord = LogRecord<'unparsed', { readonly text: string }> & { readonly reason: string };

/** What a grammar rule's action returns for a body. `cont` marks a continuation line of a multi-line block. */
export interface BodyResult {
  readonly kind: string;
  readonly fields: Fields;
  readonly cont?: true;
}

export function isUnderstood(r: LogRecord): boolean {
  return r.kind !== 'unparsed';
}
