// pushEach/endEach (records handed over one by one) give exactly the records push/end return,
// in the same order, whatever the chunking.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { LogReader, type LogRecord } from './index.js';
import { mutatedLine, params, same } from './testing/lines.js';

const byChunks = (text: string, chunk: number, each: boolean): LogRecord[] => {
  const r = new LogReader();
  const out: LogRecord[] = [];
  const sink = (x: LogRecord) => void out.push(x);
  for (let i = 0; i < text.length; i += chunk) {
    const piece = text.slice(i, i + chunk);
    if (each) r.pushEach(piece, sink);
    else out.push(...r.push(piece));
  }
  if (each) r.endEach(sink);
  else out.push(...r.end());
  return out;
};

describe('reader: pushEach = push', () => {
  it('gives the same records for mutated corpus lines in any chunking', () => {
    fc.assert(
      fc.property(fc.array(mutatedLine, { maxLength: 40 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), (lines, a, b) => {
        const text = lines.join('\n');
        same(byChunks(text, a, true), byChunks(text, b, false));
      }),
      params,
    );
  });
});
