// Runs the generated peggy parsers. Parsers are called in peggy's library mode
// (`peg$library`), which returns the result, where parsing stopped and whether it succeeded,
// without throwing: the envelope is parsed as a prefix, and a body that no rule takes costs no
// exception. peggy is pinned in package.json because library mode is part of its generated code.
//
// The generated parsers are post-processed by scripts/peggy-hoist.mjs: what peggy declares inside
// `peg$parse` (constants, expectations, actions, rule functions) lives at module scope, and the
// per-call state (input, positions, failure tracking) is in module variables that each call
// resets. So a parser must never be re-entered: no grammar action may call a parser (its own or,
// to be safe, any other) while it runs. Library mode's lazy `peg$throw` reads that state: for a
// failed parse, the hoisted parser returns a `peg$throw` bound to a snapshot of its own call, so it
// gives the right message even when called after later parses (`BodyAttempt.reason` relies on
// that; with peggy's own peg$throw it would have to be called before the same parser runs again).
import { asaParser, consoleParser, envelopeParser, iosParser, showParser, strongswanParser } from './parsers.js';
import type { PeggyLibraryResult } from './_generated/envelope.js';
import type { BodyResult, Envelope, Family } from './records.js';

type Parser = { parse(input: string, options?: Record<string, unknown>): unknown };

export const PARSERS: Readonly<Record<Family, Parser>> = {
  ios: iosParser,
  asa: asaParser,
  strongswan: strongswanParser,
  show: showParser,
  console: consoleParser,
};

const LIBRARY = { peg$library: true } as const;

export interface EnvelopeResult {
  readonly env: Envelope;
  readonly hint: Family | null;
  /** Offset of the message body in the line. */
  readonly bodyStart: number;
}

/** The envelope of a line, or null when the line starts directly with its message. */
export function parseEnvelope(line: string): EnvelopeResult | null {
  const r = envelopeParser.parse(line, LIBRARY) as PeggyLibraryResult;
  const v = r.peg$result as { env: Envelope; hint: Family | null; bodyStart?: number } | null;
  if (r.peg$result === r.peg$FAILED || v === null) return null;
  // the result object is this call's own: completing it saves an allocation on every line
  v.bodyStart = r.peg$currPos;
  return v as EnvelopeResult;
}

/** The message body of a line: what follows its envelope (the whole line without one), trimmed. */
export function bodyOf(line: string): string {
  const e = parseEnvelope(line);
  return (e ? line.slice(e.bodyStart) : line).trim();
}

export type BodyAttempt =
  | { readonly ok: true; readonly result: BodyResult }
  | { readonly ok: false; readonly failPos: number; readonly reason: () => string };

/**
 * Parse a whole message body with one family's grammar, starting at `rule` (default `Body`).
 * `dispatch`: let `Body` try only the alternatives that can start with the body's first character
 * (scripts/peggy-dispatch.mjs): same result and failure position, but a failure at the start
 * lists fewer expectations, so messages (`reason`) should come from a plain parse.
 */
export function parseBody(family: Family, body: string, rule = 'Body', dispatch = false): BodyAttempt {
  const r = PARSERS[family].parse(body, { peg$library: true, startRule: rule, peg$dispatch: dispatch }) as PeggyLibraryResult;
  if (r.peg$success) return { ok: true, result: r.peg$result as BodyResult };
  return {
    ok: false,
    failPos: r.peg$maxFailPos,
    reason: () => {
      try {
        r.peg$throw?.();
      } catch (e) {
        return (e as Error).message;
      }
      return 'not recognised';
    },
  };
}
