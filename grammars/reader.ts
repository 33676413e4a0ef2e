// Streaming reader: text in (any chunking), records out, in line order. Every input line lands
// in exactly one record; nothing throws whatever the input.
//
// Per line: the envelope grammar takes the prefix (timestamp, syslog header, thread tag), then the
// body goes to the dialect grammars, the hinted one first. Bodies repeat a great deal in real
// logs (the same transform attributes, the same peer, the same state names), so body results are
// memoised in a bounded two-generation cache; `cache: false` turns that off.
//
// Two stages follow classification:
// - join: a line that no rule takes is tried glued to the line before it (terminal or e-mail
//   wrapping cut a device line in two); the join is kept only if the joined text is recognised.
// - blocks: continuation lines are folded into the header record they belong to (blocks.ts).
import { BLOCKS } from './blocks.js';
import { EnvelopeMemo } from './envelope-memo.js';
import { copy, Generations } from './generations.js';
import { parseBody, parseEnvelope } from './runtime.js';
import { FAMILIES, type BodyResult, type Envelope, type Family, type Fields, type LogRecord } from './records.js';

export interface ReaderOptions {
  /** Memoise body parses (default true). A number sets the generation size. */
  readonly cache?: boolean | number;
  /** Try joining wrapped lines (default true). */
  readonly joinWrapped?: boolean;
  /** Re-use envelope parses for lines of the same shape (default true; envelope-memo.ts). */
  readonly envelopeMemo?: boolean;
  /** Try only the body alternatives that can start with the body's first character (default true; scripts/peggy-dispatch.mjs). */
  readonly bodyDispatch?: boolean;
}

/** Lines longer than this are not given to the grammars (no device prints them). */
export const MAX_LINE = 8192;

/** A recognised body, flat: one object per distinct body, read on every line that has it. */
interface Recognised {
  readonly family: Family;
  readonly kind: string;
  readonly fields: Fields;
  /** A continuation line of a multi-line block. */
  readonly cont: boolean;
  /** For a block header: the continuation kinds it accepts (BLOCKS). */
  readonly accepts: readonly string[] | undefined;
}

type Classified = Recognised | { readonly family: null; readonly reason: string };

function recognised(family: Family, body: BodyResult): Recognised {
  return { family, kind: body.kind, fields: body.fields, cont: body.cont === true, accepts: BLOCKS[body.kind] };
}

/**
 * A line on its way to a record. Mutable because the reader re-uses the object of a line it has
 * turned into a record for the next line (one allocation fewer per line); lines kept in a block
 * or joined are never re-used.
 */
interface Line {
  line: number;
  endLine: number;
  /** Raw text of the span. */
  text: string;
  /** Text given to the grammars: for joined lines, the pieces glued together. */
  joinedText: string;
  env: Envelope | null;
  cls: Classified | null; // null: blank
}

const BLANK_FIELDS: Fields = Object.freeze({});
const NOT_BLANK = /\S/;
const STAMP_ONLY: BodyResult = { kind: 'console.stampOnly', fields: BLANK_FIELDS };

/** The family order to try for a body: the envelope's hint, the family of the previous line, then the rest. */
function candidates(hint: Family | null, last: Family | null): Family[] {
  const order: Family[] = [];
  if (hint) order.push(hint);
  if (last && last !== hint) order.push(last);
  for (const f of FAMILIES) if (f !== hint && f !== last) order.push(f);
  return order;
}

export function classifyBody(body: string, hint: Family | null, last: Family | null, dispatch = true): Classified {
  let best: Family | null = null;
  let bestPos = -1;
  for (const family of candidates(hint, last)) {
    const a = parseBody(family, body, 'Body', dispatch);
    if (a.ok) return recognised(family, a.result);
    if (a.failPos > bestPos) {
      best = family;
      bestPos = a.failPos;
    }
  }
  if (best === null || bestPos === 0) return { family: null, reason: 'no grammar recognises this line' };
  return new Unrecognised(best, body);
}

/**
 * A body no grammar takes, with the message of the grammar that read furthest. The message is
 * made only when a record needs it: most failed bodies are join attempts that make no record,
 * and peggy's messages are costly. The parse is deterministic, so it is simply run again.
 */
class Unrecognised {
  readonly family = null;
  private message: string | null = null;
  constructor(
    private readonly best: Family,
    private readonly body: string,
  ) {}
  get reason(): string {
    if (this.message === null) {
      const a = parseBody(this.best, this.body);
      const msg = a.ok ? 'not recognised' : a.reason();
      this.message = `${this.best}: ${msg.length > 200 ? msg.slice(0, 197) + '...' : msg}`;
    }
    return this.message;
  }
}

export class LogReader {
  private lineNo = 0;
  private partial = '';
  private sawCR = false;
  private held: Line | null = null;
  /** A line object already turned into a record, for the next line (see Line). */
  private spare: Line | null = null;
  private block: { header: Line; parts: Line[] } | null = null;
  private out: LogRecord[] = [];
  /** Set during pushEach/endEach: records go straight to it instead of `out`. */
  private sink: ((r: LogRecord) => void) | null = null;
  private lastFamily: Family | null = null;
  private readonly cache: Generations<Classified> | null;
  private readonly envelopes: EnvelopeMemo | null;
  private readonly joinWrapped: boolean;
  private readonly dispatch: boolean;

  constructor(opts: ReaderOptions = {}) {
    const c = opts.cache ?? true;
    this.cache = c === false ? null : new Generations<Classified>(typeof c === 'number' ? c : 8192);
    this.joinWrapped = opts.joinWrapped ?? true;
    this.envelopes = opts.envelopeMemo === false ? null : new EnvelopeMemo();
    this.dispatch = opts.bodyDispatch ?? true;
  }

  get cacheStats(): { hits: number; misses: number; envelopeHits: number; envelopeMisses: number } {
    return { hits: this.cache?.hits ?? 0, misses: this.cache?.misses ?? 0, envelopeHits: this.envelopes?.hits ?? 0, envelopeMisses: this.envelopes?.misses ?? 0 };
  }

  /** Feed a chunk of text; returns the records completed so far. */
  push(chunk: string): LogRecord[] {
    let text = chunk;
    if (this.lineNo === 0 && this.partial === '' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (this.sawCR && text.charCodeAt(0) === 10) text = text.slice(1); // the \n of a \r\n split across chunks
    this.sawCR = false;
    let start = 0;
    // next \r and \n positions, each searched again only once passed (one scan per chunk)
    let nl = text.indexOf('\n');
    let cr = text.indexOf('\r');
    for (;;) {
      if (nl >= 0 && nl < start) nl = text.indexOf('\n', start);
      if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
      if (nl < 0 && cr < 0) break;
      let end: number;
      let next: number;
      if (cr >= 0 && (nl < 0 || cr < nl)) {
        end = cr;
        if (cr + 1 === text.length) {
          this.sawCR = true;
          next = cr + 1;
        } else next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      } else {
        end = nl;
        next = nl + 1;
      }
      if (this.partial === '') this.onLine(text.slice(start, end), text, start);
      else {
        const line = this.partial + text.slice(start, end);
        this.onLine(line, line, 0);
        this.partial = '';
      }
      start = next;
    }
    this.partial += text.slice(start);
    return this.drain();
  }

  /**
   * Like `push`, but each record is handed to `sink` as soon as it is complete: records die young
   * instead of piling up for the whole chunk (less GC work and a smaller heap for big chunks).
   */
  pushEach(chunk: string, sink: (r: LogRecord) => void): void {
    this.sink = sink;
    try {
      this.push(chunk);
    } finally {
      this.sink = null;
    }
  }

  /** Like `end`, handing each record to `sink`. */
  endEach(sink: (r: LogRecord) => void): void {
    this.sink = sink;
    try {
      this.end();
    } finally {
      this.sink = null;
    }
  }

  private emit(r: LogRecord): void {
    if (this.sink !== null) this.sink(r);
    else this.out.push(r);
  }

  /** End of input: flush the last line and any held record. */
  end(): LogRecord[] {
    if (this.partial !== '') {
      this.onLine(this.partial, this.partial, 0);
      this.partial = '';
    }
    if (this.held) this.toBlocks(this.held);
    this.held = null;
    this.flushBlock();
    return this.drain();
  }

  private drain(): LogRecord[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  /** Results of the last `classify` (fields, not a returned object: this runs on every line). */
  private env: Envelope | null = null;
  private cls: Classified | null = null;

  /**
   * Sets `env` and `cls` (null: a blank line) for the line `text`, which is `src[at, at + text.length)`:
   * the envelope memo reads it there (from the flat input chunk, not from the slice).
   */
  private classify(text: string, src: string, at: number): void {
    this.env = null;
    this.cls = null;
    // most lines start with a printable ASCII character: no need for the regex then
    const c0 = text.charCodeAt(0);
    if (!(c0 > 32 && c0 < 127) && !NOT_BLANK.test(text)) return;
    if (text.length > MAX_LINE) {
      this.cls = { family: null, reason: `line too long (${text.length} characters)` };
      return;
    }
    const m = this.envelopes;
    const e = m ? (m.scanIn(text, src, at) ? m : null) : parseEnvelope(text);
    const body = trimFrom(text, e ? e.bodyStart : 0);
    const hint = e?.hint ?? null;
    let cls: Classified | undefined;
    if (body === '') {
      cls = e ? recognised(hint ?? 'console', STAMP_ONLY) : undefined;
    } else if (this.cache) {
      cls = this.cache.get(body);
      if (cls === undefined) {
        // key and fields (slices of the parsed text) are kept: a flat copy, not slices of the input chunk
        const own = copy(body);
        cls = classifyBody(own, hint, this.lastFamily, this.dispatch);
        this.cache.set(own, cls);
      }
    } else cls = classifyBody(body, hint, this.lastFamily, this.dispatch);
    if (cls === undefined) cls = { family: null, reason: 'no message after the envelope' };
    if (cls.family) this.lastFamily = cls.family;
    this.env = e?.env ?? null;
    this.cls = cls;
  }

  /** A line, `src[at, at + text.length)`. */
  private onLine(text: string, src: string, at: number): void {
    const n = ++this.lineNo;
    this.classify(text, src, at);
    const env = this.env;
    const cls = this.cls;
    let cur = this.spare;
    if (cur === null) cur = { line: n, endLine: n, text, joinedText: text, env, cls };
    else {
      this.spare = null;
      cur.line = n;
      cur.endLine = n;
      cur.text = text;
      cur.joinedText = text;
      cur.env = env;
      cur.cls = cls;
    }
    const held = this.held;
    if (held && this.joinWrapped && held.cls && cls && (cls.family === null || (cls.cont && env === null && !this.accepts(held, cls.kind)))) {
      const joined = this.tryJoin(held, cur);
      if (joined) {
        this.held = joined;
        return;
      }
    }
    if (held && this.toBlocks(held)) this.spare = held;
    this.held = cur;
  }

  /** Would a continuation of `kind` right after `held` belong to a block (held's own, or the open one)? */
  private accepts(held: Line, kind: string): boolean {
    if (!held.cls || held.cls.family === null) return false;
    const own = held.cls.accepts;
    if (own) return own.includes(kind);
    const b = this.block;
    if (!held.cls.cont || !b || !b.header.cls || b.header.cls.family === null) return false;
    const open = b.header.cls.accepts;
    return Boolean(open?.includes(held.cls.kind) && open.includes(kind));
  }

  /**
   * A device line cut by wrapping: glue the piece to the line before. A cut at a blank (the
   * first piece ends with one, or the second starts indented) is glued with one blank;
   * otherwise the cut fell inside a word and the pieces are glued directly, then with a blank.
   */
  private tryJoin(held: Line, cur: Line): Line | null {
    if (held.cls && held.cls.family !== null && held.cls.cont) return null;
    const tail = cur.text.trim();
    const atBlank = /\s$/.test(held.joinedText) || /^\s/.test(cur.text);
    for (const sep of atBlank ? [' ', ''] : ['', ' ']) {
      const joinedText = held.joinedText.trimEnd() + sep + tail;
      this.classify(joinedText, joinedText, 0);
      const env = this.env;
      const cls = this.cls;
      if (cls && cls.family !== null)
        return { line: held.line, endLine: cur.endLine, text: held.text + '\n' + cur.text, joinedText, env, cls };
    }
    return null;
  }

  /** Emit `l` or keep it in a block; true when it was emitted (its object may then be re-used). */
  private toBlocks(l: Line): boolean {
    const b = this.block;
    if (b) {
      const accepts = b.header.cls && b.header.cls.family ? b.header.cls.accepts : undefined;
      if (l.cls && l.cls.family !== null && l.cls.cont && accepts?.includes(l.cls.kind)) {
        b.parts.push(l);
        return false;
      }
      this.flushBlock();
    }
    if (l.cls && l.cls.family !== null && l.cls.accepts) {
      this.block = { header: l, parts: [] };
      return false;
    }
    this.emit(toRecord(l));
    return true;
  }

  private flushBlock(): void {
    const b = this.block;
    if (!b) return;
    this.block = null;
    // (a block header is always a recognised line: BLOCKS keys are record kinds)
    const h = b.header;
    const cls = h.cls as Recognised;
    // Object.assign copies as spread does (same keys, same order) without spread's slow path
    // for the many field shapes
    const fields = Object.assign({}, cls.fields) as { parts?: unknown };
    if (b.parts.length === 0) {
      fields.parts = [];
      this.emit({ kind: cls.kind, family: cls.family, line: h.line, endLine: h.endLine, text: h.text, env: h.env, fields: fields as Fields });
      return;
    }
    const last = b.parts[b.parts.length - 1]!;
    let text = h.text;
    for (const p of b.parts) text += '\n' + p.text;
    fields.parts = b.parts.map((p) => {
      const part = p.cls as Recognised;
      return Object.assign({ kind: part.kind, line: p.line }, part.fields);
    });
    this.emit({ kind: cls.kind, family: cls.family, line: h.line, endLine: last.endLine, text, env: h.env, fields: fields as Fields });
  }
}

/** `text.slice(start).trim()`, with one slice for the common ASCII case. */
function trimFrom(text: string, start: number): string {
  let a = start;
  let b = text.length;
  // ASCII blanks are skipped here; any other character ends the scan (String.trim knows the
  // Unicode spaces: a non-ASCII character at either end goes to it)
  for (; a < b; a++) {
    const c = text.charCodeAt(a);
    if (c !== 32 && (c < 9 || c > 13)) break;
  }
  for (; b > a; b--) {
    const c = text.charCodeAt(b - 1);
    if (c !== 32 && (c < 9 || c > 13)) break;
  }
  if ((a < b && text.charCodeAt(a) > 127) || (b > a && text.charCodeAt(b - 1) > 127)) return text.slice(a, b).trim();
  return a === 0 && b === text.length ? text : text.slice(a, b);
}

// Records are built as plain object literals: on the per-line path, object spread costs
// about 2 µs a record where a literal costs tens of nanoseconds (measured by the benchmark).
function toRecord(l: Line): LogRecord {
  const cls = l.cls;
  if (cls === null) return { kind: 'blank', family: null, line: l.line, endLine: l.endLine, text: l.text, env: l.env, fields: BLANK_FIELDS };
  if (cls.family === null) return { kind: 'unparsed', family: null, line: l.line, endLine: l.endLine, text: l.text, env: l.env, fields: { text: l.text }, reason: cls.reason };
  return { kind: cls.kind, family: cls.family, line: l.line, endLine: l.endLine, text: l.text, env: l.env, fields: cls.fields };
}
