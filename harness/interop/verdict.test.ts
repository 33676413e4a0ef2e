// The verdict's pieces on data: a side observed from real charon logs (corpus), and the wire
// checks on frames as tshark reports them.
import { describe, expect, it } from 'vitest';
import { analyzeRecords } from '../../analyzer/analyze.js';
import { readRecords } from '../../analyzer/ingest/source.js';
import { FRAME_FIELDS, type Frame } from '../lab/capture.js';
import { espSinceCheck, lastQuickModeSpis, natWireChecks, observeSide, sideChecks, wireChecks } from './verdict.js';

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

  it('DPD labels with a direction say who probed and who answered: a reversed expectation fails', async () => {
    const got = observeSide(await analysis('asa-fail-05-dpd-peer-dead'));
    expect(got.dpdDirected).toEqual(['DPD-ACK in', 'DPD-R-U-THERE out']);
    const base = { outcome: got.outcome, findings: got.findings };
    const dpdCheck = (dpd: string[]) => sideChecks('responder', { ...base, dpd }, got).find((c) => c.name === 'responder DPD exchanges')!;
    expect(dpdCheck(['DPD-R-U-THERE out', 'DPD-ACK in'])).toMatchObject({ ok: true, got: 'DPD-ACK in DPD-R-U-THERE out' });
    // the side that answers probes: R-U-THERE in, ACK out — not what this log shows
    expect(dpdCheck(['DPD-R-U-THERE in', 'DPD-ACK out'])).toMatchObject({ ok: false, expected: 'DPD-ACK out DPD-R-U-THERE in', got: 'DPD-ACK in DPD-R-U-THERE out' });
  });

  it('NAT facts from the timeline (a charon log that found its peer behind a NAT and floated), checked when expected', async () => {
    const got = observeSide(await analysis('strongswan-mm-01-psk-established'));
    expect(got.nat).toEqual(['floated to 4500', 'peer behind NAT']);
    const natCheck = (nat: ('local behind NAT' | 'peer behind NAT' | 'floated to 4500' | 'no NAT')[]) => sideChecks('initiator', { outcome: got.outcome, findings: got.findings, nat }, got).find((c) => c.name === 'initiator NAT')!;
    expect(natCheck(['peer behind NAT', 'floated to 4500']).ok).toBe(true);
    // the side behind the NAT would say "local behind NAT": not this log
    expect(natCheck(['local behind NAT', 'floated to 4500'])).toMatchObject({ ok: false, got: 'floated to 4500 peer behind NAT' });
    expect(sideChecks('initiator', { outcome: got.outcome, findings: got.findings }, got).some((c) => c.name === 'initiator NAT')).toBe(false);
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

describe('natWireChecks', () => {
  const failed = (cs: ReturnType<typeof natWireChecks>) => cs.filter((c) => !c.ok).map((c) => `${c.name}: ${c.got}`);
  const opts = { responder: '10.99.0.2', natAddress: '10.99.0.254', expectEsp: true };
  const ike = (no: number, src: string, port: string, layers = 'eth:ethertype:ip:udp:udpencap:isakmp') =>
    frame(no, { 'frame.protocols': [layers], 'ip.src': [src], 'udp.srcport': [port], 'udp.dstport': [port], 'udp.payload': [`${no}`] });
  const esp = (no: number, src: string, port: string, layers = 'eth:ethertype:ip:udp:udpencap:esp:ip:icmp') =>
    frame(no, { 'frame.protocols': [layers], 'ip.src': [src, '10.99.1.1'], 'udp.srcport': [port], 'udp.dstport': [port], 'esp.spi': ['0x1'], 'esp.icv_good': ['1'] });
  const good = [
    ike(1, '10.99.0.254', '500', 'eth:ethertype:ip:udp:isakmp'),
    ike(2, '10.99.0.2', '500', 'eth:ethertype:ip:udp:isakmp'),
    ike(3, '10.99.0.254', '4500'),
    ike(4, '10.99.0.2', '4500'),
    esp(5, '10.99.0.254', '4500'),
    esp(6, '10.99.0.2', '4500'),
  ];

  it('passes the masqueraded source, IKE and ESP in UDP 4500 both ways', () => {
    expect(failed(natWireChecks(good, opts))).toEqual([]);
  });

  it('fails the private address on the wire (no masquerade), IKE that never floated, plain ESP', () => {
    expect(failed(natWireChecks([...good, ike(7, '10.99.8.1', '500', 'eth:ethertype:ip:udp:isakmp')], opts))).toEqual(["NAT: the initiator's packets arrive from: 10.99.0.254 10.99.8.1"]);
    expect(failed(natWireChecks(good.filter((f) => f['frame.number'][0] !== '4'), opts))).toEqual(['NAT: IKE on UDP 4500 with the non-ESP marker: from the initiator']);
    expect(failed(natWireChecks([...good.slice(0, 4), esp(5, '10.99.0.254', '4500'), esp(6, '10.99.0.2', '', 'eth:ethertype:ip:esp:ip:icmp')], opts))).toEqual([
      'NAT: ESP in UDP 4500: from the initiator',
      'NAT: ESP frames not in UDP 4500: 6',
    ]);
    // without traffic ESP is not judged
    expect(failed(natWireChecks(good.slice(0, 4), { ...opts, expectEsp: false }))).toEqual([]);
  });

  it('keepalives, when expected: a one-octet 0xFF datagram from the NAT\'s address to UDP 4500', () => {
    const keepalive = (no: number, src: string, payload = 'ff') => frame(no, { 'frame.protocols': ['eth:ethertype:ip:udp:udpencap'], 'ip.src': [src], 'udp.srcport': ['4500'], 'udp.dstport': ['4500'], 'udp.payload': [payload] });
    const withKa = { ...opts, keepalives: true };
    expect(natWireChecks([...good, keepalive(7, '10.99.0.254')], withKa).find((c) => c.name.startsWith('NAT: keepalives'))).toMatchObject({ ok: true, got: '1' });
    // none; one from the responder side; a longer datagram
    expect(failed(natWireChecks(good, withKa))).toEqual(['NAT: keepalives from the initiator (0xFF to UDP 4500): 0']);
    expect(failed(natWireChecks([...good, keepalive(7, '10.99.0.2'), keepalive(8, '10.99.0.254', 'ff00')], withKa))).toEqual(['NAT: keepalives from the initiator (0xFF to UDP 4500): 0']);
    expect(natWireChecks(good, opts).some((c) => c.name.startsWith('NAT: keepalives'))).toBe(false);
  });
});
