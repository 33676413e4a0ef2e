// The streaming reader: line splitting whatever the chunking, line endings, spans.
import { describe, expect, it } from 'vitest';
import { LogReader, parseLog } from './index.js';

const LOG = [
  '*Mar  1 02:07:18.850: ISAKMP (0:1): Old State = IKE_READY New State = IKE_R_MM1',
  '',
  'something no grammar knows',
  'ISAKMP (0:1): Old State = IKE_R_MM1 New State = IKE_R_MM2',
].join('\n');

function spans(text: string, chunk: number) {
  const r = new LogReader();
  const out = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...r.push(text.slice(i, i + chunk)));
  out.push(...r.end());
  return out.map((x) => [x.line, x.endLine, x.kind]);
}

describe('LogReader', () => {
  it('gives the same records whatever the chunk size', () => {
    const whole = spans(LOG, LOG.length);
    expect(whole).toEqual([
      [1, 1, 'ios.stateChange'],
      [2, 2, 'blank'],
      [3, 3, 'unparsed'],
      [4, 4, 'ios.stateChange'],
    ]);
    for (const n of [1, 2, 3, 7, 64]) expect(spans(LOG, n)).toEqual(whole);
  });

  it('treats CRLF, CR and LF line endings alike, also when a CRLF is split across chunks', () => {
    const crlf = LOG.replace(/\n/g, '\r\n');
    const cr = LOG.replace(/\n/g, '\r');
    const want = spans(LOG, 1000);
    expect(spans(crlf, 1000)).toEqual(want);
    expect(spans(cr, 1000)).toEqual(want);
    for (const n of [1, 2, 5]) expect(spans(crlf, n)).toEqual(want);
  });

  it('counts a final line without newline and drops a byte-order mark', () => {
    const recs = parseLog('\ufeffISAKMP (0:1): Old State = A New State = B');
    expect(recs).toHaveLength(1);
    expect(recs[0]!.text).toBe('ISAKMP (0:1): Old State = A New State = B');
  });

  it('keeps the raw text and gives the reason for a line it does not know', () => {
    const [r] = parseLog('hello <script>alert(1)</script>');
    expect(r!.kind).toBe('unparsed');
    expect(r!.text).toBe('hello <script>alert(1)</script>');
    expect(r!.reason).toMatch(/\S/);
  });

  it('does not give absurdly long lines to the grammars', () => {
    const [r] = parseLog('ISAKMP ' + 'x'.repeat(20000));
    expect(r!.kind).toBe('unparsed');
    expect(r!.reason).toMatch(/too long/);
  });

  it('gives identical records with and without the body cache', () => {
    const text = LOG + '\n' + LOG;
    const strip = (rs: ReturnType<typeof parseLog>) => rs.map((r) => ({ ...r }));
    expect(strip(parseLog(text, { cache: false }))).toEqual(strip(parseLog(text)));
  });
});
