import type { Envelope, Fields } from '../records.js';

/**
 * A real line (as a device printed it, envelope included) and what it must parse to.
 * `rule` is the grammar rule that must take it, and no other record rule of any grammar may.
 */
export interface Sample {
  readonly rule: string;
  readonly line: string;
  readonly kind: string;
  readonly fields: Fields;
  /** Set when the sample is a continuation line of a multi-line block. */
  readonly cont?: true;
  /** Where the line comes from (corpus entry, seed, strongSwan source), for the reader. */
  readonly source?: string;
}

/** An envelope sample: the line, the envelope it must yield and where the body starts. */
export interface EnvelopeSample {
  readonly line: string;
  readonly env: Envelope;
  readonly hint: string | null;
  readonly body: string;
}
