// The verdict's pieces on data: a side observed from real charon logs (corpus), and the wire
// checks on frames as tshark reports them.
import { describe, expect, it } from 'vitest';
import { analyzeRecords } from '../../analyzer/analyze.js';
import { readRecords } from '../../analyzer/ingest/source.js';
import { FRAME_FIELDS, type Frame } from '../lab/capture.js';
import { espSinceCheck, lastQuickModeSpis, observeSide, sideChecks, wireChecks } from './verdict.js';

const analysis = async (entry: string, file = 'input.log') => analyzeRecords(await readRecords(`corpus/${entry}/${file}`), file);

function frame(no: number, fields: Partial<Record<(typeof FRAME_FIELDS)[number], string[]>>): Frame {
  return Object.fromEntries(FRAME_FIELDS.map((f) => [f, f === 'frame.number' ? [String(no)] : (fields[f] ?? [])])) as unknown as Frame;
}
const ikeFrame = (no: number, src: string, payload: string, extra: Partial<Record<(typeof FRAME_FIELDS)[number], string[]>> = {}) =>
  frame(no, { 'frame.protocols': ['eth:ethertype:ip:udp:isakmp'], 'ip.src': [src], 'udp.payload': [payload], 'isakmp.flag_e': ['0'], 'isakmp.typepayload': ['1'], ...extra });

describe('observeSide', () => {
  it('an established charon log: outcome, labels without teardown, no error finding', async () => {
    const got = observeSide(await analysis('strongswan-mm-01-psk-established'));
    expect(got).toMatchObject({ outcome: 'established', labels: ['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6', 'QM1', 'QM2', 'QM3'], findings: [], dpd: [] });
  });

  it('DELETE steps with their direction and the DPD labels are observed and checked when expected', async () => {
    const got = observeSide(await analysis('asa-fail-05-dpd-peer-dead'));
    expect(got.dpd).toEqual(['DPD-ACK', 'DPD-R-U-THERE']);
    expect(got.findings).toContain('ike.dpd.peer_dead');
    const want = { outcome: got.outcome, findings: got.findings, dpd: ['DPD-R-U-THERE'], deletes: ['DELETE in'] };
    const failed = sideChecks('responder', want, got).filter((c) => !c.ok);
    expect(failed.map((c) => [c.name, c.expected, c.got])).toEqual([
      ['responder deletes', 'DELETE in', got.deletes!.length ? got.deletes!.join(' ') : '(none)'],
      ['responder DPD exchanges', 'DPD-R-U-THERE', 'DPD-ACK DPD-R-U-THERE'],
    ]);
    expect(sideChecks('responder', { ...want, dpd: ['DPD-R-U-THERE', 'DPD-ACK'], deletes: got.deletes! }, got).every((c) => c.ok)).toBe(true);
  });

  it('the labels of every IKE SA: one list per SA, checked when expected (a second phase 1 missing fails)', async () => {
    const got = observeSide(await analysis('strongswan-mm-01-psk-established'));
    const first = ['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6', 'QM1', 'QM2', 'QM3'];
    expect(got.ikeSas).toEqual([first]);
    const want = { outcome: got.outcome, findings: got.findings };
    expect(sideChecks('initiator', { ...want, ikeSas: [first] }, got).every((c) => c.ok)).toBe(true);
    const rekeyed = sideChecks('initiator', { ...want, ikeSas: [first, ['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6']] }, got).filter((c) => !c.ok);
    expect(rekeyed.map((c) => [c.name, c.expected, c.got])).toEqual([['initiator IKE SAs', `${first.join(' ')} | MM1 MM2 MM3 MM4 MM5 MM6`, first.join(' ')]]);
  });

  it('a PSK mismatch: failed, with the finding', async () => {
    const got = observeSide(await analysis('strongswan-mm-02-psk-mismatch'));
    expect(got.outcome).toBe('failed');
    expect(got.findings).toEqual(['ike.p1.psk_mismatch']);
    expect(sideChecks('initiator', { outcome: 'failed', findings: ['ike.p1.psk_mismatch'] }, got).every((c) => c.ok)).toBe(true);
    const wrong = sideChecks('initiator', { outcome: 'established', findings: [] }, got);
    expect(wrong.filter((c) => !c.ok).map((c) => c.name)).toEqual(['initiator outcome', 'initiator findings']);
  });

  it('no record at all: none', () => {
    expect(observeSide(null)).toEqual({ outcome: 'none', labels: [], findings: [] });
  });
});

describe('wireChecks', () => {
  const ok = (cs: ReturnType<typeof wireChecks>) => cs.filter((c) => !c.ok).map((c) => `${c.name}: ${c.got}`);

  it('passes decrypted frames and good ESP', () => {
    const frames = [
      ikeFrame(1, '10.99.0.1', 'aa'),
      ikeFrame(2, '10.99.0.1', 'bb', { 'isakmp.flag_e': ['1'], 'isakmp.typepayload': ['5', '8'] }),
      frame(3, { 'frame.protocols': ['eth:ethertype:ip:udp:udpencap:esp:ip:icmp'], 'ip.src': ['10.99.0.1', '10.99.1.1'], 'udp.payload': ['cc'], 'esp.spi': ['0x1'], 'esp.icv_good': ['1'] }),
    ];
    expect(ok(wireChecks(frames, { expectEsp: true, undecryptable: 0 }))).toEqual([]);
  });

  it('an encrypted frame without dissected payloads, or with garbage, is not decrypted; plain malformed frames are named', () => {
    const frames = [
      ikeFrame(1, '10.99.0.1', 'aa', { '_ws.malformed': ['_ws.malformed'] }),
      ikeFrame(2, '10.99.0.1', 'bb', { 'isakmp.flag_e': ['1'], 'isakmp.typepayload': [] }),
      ikeFrame(3, '10.99.0.2', 'cc', { 'isakmp.flag_e': ['1'], 'isakmp.typepayload': ['8'], '_ws.malformed': ['x'] }),
    ];
    expect(ok(wireChecks(frames, { expectEsp: false, undecryptable: 0 }))).toEqual(['tshark: malformed frames: 1', 'tshark: encrypted IKE frames not decrypted: 2 (frames 2 3)']);
    expect(ok(wireChecks(frames.slice(1), { expectEsp: false, undecryptable: 2 }))).toEqual([]);
  });

  it('judges only the first copy of a retransmitted datagram', () => {
    const frames = [
      ikeFrame(4, '10.99.0.1', 'dd', { 'isakmp.flag_e': ['1'], 'isakmp.typepayload': ['8', '1'] }),
      ikeFrame(5, '10.99.0.1', 'dd', { 'isakmp.flag_e': ['1'], 'isakmp.typepayload': ['8'], '_ws.malformed': ['x'] }),
    ];
    expect(ok(wireChecks(frames, { expectEsp: false, undecryptable: 0 }))).toEqual([]);
  });

  it('ESP expected: none captured, or one not decrypted, fails', () => {
    expect(ok(wireChecks([ikeFrame(1, '10.99.0.1', 'aa')], { expectEsp: true, undecryptable: 0 }))).toEqual(['capture has ESP frames: no']);
    const esp = frame(2, { 'frame.protocols': ['eth:ethertype:ip:udp:udpencap:esp'], 'ip.src': ['10.99.0.1'], 'udp.payload': ['ee'], 'esp.spi': ['0x1'], 'esp.icv_good': ['0'] });
    expect(ok(wireChecks([ikeFrame(1, '10.99.0.1', 'aa'), esp], { expectEsp: true, undecryptable: 0 }))).toEqual(['tshark: ESP frames not decrypted or ICV bad: 2']);
  });
});

describe('espSinceCheck: traffic after a hold on the last Quick Mode\'s SAs', () => {
  const esp = (no: number, spi: string, t: number) => frame(no, { 'frame.protocols': ['eth:ethertype:ip:udp:udpencap:esp'], 'esp.spi': [spi], 'esp.icv_good': ['1'], 'frame.time_epoch': [String(t)] });
  const pair = ['1d7bb191', '7053abbb'];
  const before = [esp(1, '0xf9fd33c8', 100), esp(2, '0xbe591962', 100.1)];

  it('the last Quick Mode of a timeline: its two SPIs as 8 hex digits', async () => {
    expect(lastQuickModeSpis(await analysis('strongswan-mm-08-verbose'))).toEqual(['056613d7', 'be3fff6b']);
    expect(lastQuickModeSpis(null)).toEqual([]);
  });

  it('passes when the frames after the mark carry exactly the new pair, both ways (older frames do not count)', () => {
    const c = espSinceCheck([...before, esp(3, '0x1d7bb191', 120), esp(4, '0x7053abbb', 120.1)], 110, pair);
    expect([c.ok, c.got]).toEqual([true, '1d7bb191 7053abbb']);
  });

  it('fails on the old pair after the mark, on one direction only, on no ESP, and without a pair to compare', () => {
    expect(espSinceCheck([...before, esp(3, '0xf9fd33c8', 120), esp(4, '0x7053abbb', 120.1)], 110, pair)).toMatchObject({ ok: false, got: '7053abbb f9fd33c8' });
    expect(espSinceCheck([esp(3, '0x1d7bb191', 120)], 110, pair)).toMatchObject({ ok: false, got: '1d7bb191' });
    expect(espSinceCheck(before, 110, pair)).toMatchObject({ ok: false, got: '(none)' });
    expect(espSinceCheck([esp(3, '0x1d7bb191', 120)], 110, [])).toMatchObject({ ok: false, expected: '(no Quick Mode pair)' });
  });
});
