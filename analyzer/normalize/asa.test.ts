// The ASA normalizer on the ASA corpus entries: the facts the normalize contract promises
// (README.md), checked against each entry's hand-written expect.json, plus a few failure
// wordings of the grammar that no corpus entry has yet.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLog, type LogRecord } from '../../grammars/index.js';
import { ofKind, type Event, type IkeMsgEvent, type IpsecSaEvent } from '../model/index.js';
import { normalize } from './index.js';

interface ExpectedPhase2 {
  readonly msgid: string;
  readonly localProxy: string;
  readonly remoteProxy: string;
  readonly proxyProtocol: number;
  readonly localPort: number;
  readonly remotePort: number;
  readonly protocol: string;
  readonly spiIn: string;
  readonly spiOut: string;
  readonly lifetimeSeconds: number | null;
}
interface ExpectedSession {
  readonly node: string;
  readonly local: string;
  readonly peer: string;
  readonly role: 'initiator' | 'responder';
  readonly mode: 'main' | 'aggressive';
  readonly exchanges: readonly string[];
  readonly outcome: string;
  readonly phase2: readonly ExpectedPhase2[];
  readonly natt: boolean;
}

const ENTRIES = ['asa-mm-01-initiator', 'asa-mm-02-responder', 'asa-l2tp-01-windows-responder'] as const;

function load(entry: string): { records: LogRecord[]; events: Event[]; session: ExpectedSession } {
  const dir = new URL(`../../corpus/${entry}/`, import.meta.url);
  const records = parseLog(readFileSync(new URL('input.log', dir), 'utf8'));
  const expected = JSON.parse(readFileSync(new URL('expect.json', dir), 'utf8')) as { sessions: ExpectedSession[] };
  const session = expected.sessions[0];
  if (!session) throw new Error(`${entry}: no session in expect.json`);
  return { records, events: normalize(records, { file: 'input.log', node: session.node }), session };
}

function line(e: Event): number {
  return 'line' in e.origin ? e.origin.line : 0;
}

/** Paths of null or undefined values anywhere in a value. */
function emptyFields(v: unknown, path = ''): string[] {
  if (v === null || v === undefined) return [path];
  if (typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => emptyFields(x, `${path}.${k}`));
}

/** `0xFD2D851F` → `fd2d851f`. */
const spi = (s: string) => s.replace(/^0x/i, '').toLowerCase().padStart(8, '0');
/** Messages as `out main 0` lines. */
const flow = (events: readonly Event[]) => ofKind(events, 'ike.msg').map((m) => `${m.dir} ${m.exchange} ${m.msgid.toString(16)}`);

/** A log written in the test: its records, events, and the events of one line. */
function snippet(log: string) {
  const records = parseLog(`${log}\n`);
  const events = normalize(records, { file: 'test.log', node: 'asa' });
  return { records, events, at: (n: number) => events.filter((e) => line(e) === n) };
}

function itKeepsEveryLine(records: readonly LogRecord[], events: readonly Event[], lines: number): void {
  it('recognises every line and keeps each as at least one event without null fields', () => {
    expect(records.filter((r) => r.family !== 'asa')).toEqual([]);
    expect(new Set(events.map(line)).size).toBe(lines);
    expect(events.flatMap((e) => emptyFields(e))).toEqual([]);
  });
}
/** The ipsec.sa events of one SPI that print the proxies (embryonic SA with known proxies, encrypt / tunnel-flow rules). */
const proxiesOf = (events: readonly Event[], s: string): IpsecSaEvent[] => ofKind(events, 'ipsec.sa').filter((e) => e.spi === s && e.local && e.remote);

describe.each(ENTRIES)('asa normalizer on %s: what every log must give', (entry) => {
  const { records, events, session } = load(entry);

  it('turns every ASA record into at least one event', () => {
    const lines = new Set(events.map(line));
    const missing = records.filter((r) => r.family === 'asa' && !lines.has(r.line)).map((r) => `${r.line} ${r.kind}`);
    expect(missing).toEqual([]);
    expect(events.filter((e) => e.kind === 'unparsed')).toEqual([]);
  });

  it('emits events in line order, numbered 0..n-1', () => {
    const order = events.map(line);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  });

  it('sets sa.conn (the peer address) on every ike.msg, and the peer and role from the expectation', () => {
    const msgs = ofKind(events, 'ike.msg');
    expect(msgs.length).toBe(session.exchanges.length);
    for (const m of msgs) {
      expect(m.sa?.conn).toBe(session.peer);
      expect(m.peer?.address).toBe(session.peer);
      expect(m.role).toBe(session.role);
      expect(m.label).toBeUndefined();
    }
  });

  it('puts no null or undefined in any event', () => {
    expect(events.flatMap((e) => emptyFields(e).map((p) => `${line(e)} ${e.kind}${p}`))).toEqual([]);
  });

  it('tells the mode, Main Mode then one Quick Mode, and the outcome', () => {
    const [qm] = session.phase2;
    const qmid = parseInt(qm?.msgid ?? '', 16);
    const p1 = ofKind(events, 'ike.msg').filter((m) => m.msgid === 0);
    const p2 = ofKind(events, 'ike.msg').filter((m) => m.msgid === qmid);
    expect(p1.map((m) => m.exchange)).toEqual(Array(6).fill(session.mode));
    expect(p2.map((m) => m.exchange)).toEqual(['quick', 'quick', 'quick']);
    const first = session.role === 'initiator' ? 'out' : 'in';
    const other = first === 'out' ? 'in' : 'out';
    expect(p1.map((m) => m.dir)).toEqual([first, other, first, other, first, other]);
    expect(p2.map((m) => m.dir)).toEqual([first, other, first]);
    expect(session.outcome).toBe('established');
    const phases = ofKind(events, 'ike.phase');
    expect(phases.filter((p) => p.status === 'failed')).toEqual([]);
    expect(phases.filter((p) => p.status === 'complete').map((p) => [p.phase, p.mode ?? p.msgid])).toEqual([
      [1, session.mode],
      [2, qmid],
    ]);
  });

  it('gives the SPIs and the proxies of the phase-2 SA as CIDR', () => {
    const [qm] = session.phase2;
    if (!qm) throw new Error('no phase 2 in expect.json');
    const spis = ofKind(events, 'ipsec.spi');
    expect(spis.filter((e) => e.dir === 'in').map((e) => e.spi)).toContain(spi(qm.spiIn));
    expect(spis.filter((e) => e.dir === 'out').map((e) => e.spi)).toContain(spi(qm.spiOut));
    for (const e of spis) expect(e.protocol).toBe(qm.protocol);
    for (const s of [spi(qm.spiIn), spi(qm.spiOut)]) {
      const withProxies = proxiesOf(events, s);
      expect(withProxies.length).toBeGreaterThan(0);
      for (const e of withProxies) {
        expect(e.local).toEqual({ address: qm.localProxy, protocol: qm.proxyProtocol, port: qm.localPort });
        expect(e.remote).toEqual({ address: qm.remoteProxy, protocol: qm.proxyProtocol, port: qm.remotePort });
        expect(e.sa?.conn).toBe(session.peer);
      }
    }
  });

  it('says NAT-T was not detected: nobody behind NAT', () => {
    expect(session.natt).toBe(false);
    const natd = ofKind(events, 'ike.natd');
    expect(natd.map((n) => [n.localBehindNat, n.peerBehindNat])).toEqual([[false, false]]);
  });

  it('authenticates the peer by its address when phase 1 completes', () => {
    const auth = ofKind(events, 'ike.auth');
    expect(auth.map((a) => [a.result, a.peerId])).toEqual([['ok', { type: 'ipv4-addr', value: session.peer }]]);
  });
});

describe('asa-mm-01-initiator', () => {
  const { events } = load('asa-mm-01-initiator');

  it('is the initiator from `IKE Initiator:New Phase 1`', () => {
    const started = ofKind(events, 'ike.phase').find((p) => p.status === 'started' && p.phase === 1);
    expect(started && [line(started), started.role, started.sa?.conn]).toEqual([4, 'initiator', '10.0.0.2']);
  });

  it('lists the messages in order: MM1..MM6 (msgid 0), QM1..QM3 (msgid 7b80c2b0)', () => {
    expect(flow(events)).toEqual([
      'out main 0',
      'in main 0',
      'out main 0',
      'in main 0',
      'out main 0',
      'in main 0',
      'out quick 7b80c2b0',
      'in quick 7b80c2b0',
      'out quick 7b80c2b0',
    ]);
  });

  it('names the payloads: VIDs, IDs and notifies told by the lines around the IKE_DECODE line', () => {
    const [mm1, mm2, , mm4, , mm6, qm1, qm2] = ofKind(events, 'ike.msg');
    expect(mm1?.payloads.map((p) => p.vendorId?.name ?? p.type)).toEqual(['SA', 'nat-t-draft-02', 'nat-t-draft-03', 'nat-t-rfc3947', 'fragmentation']);
    expect(mm2?.payloads.map((p) => p.vendorId?.name ?? p.type)).toEqual(['SA', 'nat-t-rfc3947']);
    expect(mm4?.payloads.map((p) => p.vendorId?.name ?? p.type)).toEqual(['KE', 'NONCE', 'cisco-unity', 'dpd', 'cisco-ios', 'xauth', 'NAT-D', 'NAT-D']);
    expect(mm6?.payloads[0]).toEqual({ type: 'ID', id: { type: 'ipv4-addr', value: '10.0.0.2' } });
    expect(qm1?.payloads.map((p) => p.id?.value ?? p.notify?.type ?? p.type)).toEqual(['HASH', 'SA', 'NONCE', '192.168.1.0/24', '192.168.2.0/24', 'INITIAL_CONTACT']);
    expect(qm2?.payloads.map((p) => p.id?.value ?? p.notify?.type ?? p.type)).toEqual(['HASH', 'SA', 'NONCE', '192.168.1.0/24', '192.168.2.0/24', 'RESPONDER_LIFETIME']);
  });

  it('reads the RESPONDER-LIFETIME notify of QM2: 3600 s for the outbound SPI, applied to both SAs of the Quick Mode', () => {
    const notifies = ofKind(events, 'ike.notify').filter((n) => n.type === 'RESPONDER_LIFETIME');
    expect(notifies.map((n) => [n.dir, n.spi, n.lifetime, line(n)])).toEqual([['in', 'dde50931', { seconds: 3600 }, 97]]);
    const sas = ofKind(events, 'ipsec.sa');
    expect(new Set(sas.map((e) => e.spi))).toEqual(new Set(['fd2d851f', 'dde50931']));
    // also the inbound embryonic SA printed before the change (line 66): its 240 s is the embryonic timer
    for (const e of sas) expect([line(e), e.lifetimeSeconds]).toEqual([line(e), 3600]);
  });

  it('sends INITIAL-CONTACT and the vendor IDs once each', () => {
    expect(ofKind(events, 'ike.notify').filter((n) => n.dir === 'out').map((n) => n.type)).toEqual(['INITIAL_CONTACT']);
    expect(ofKind(events, 'ike.vid').filter((v) => v.dir === 'out').map((v) => v.name)).toEqual([
      'nat-t-draft-02',
      'nat-t-draft-03',
      'nat-t-rfc3947',
      'fragmentation',
      'cisco-unity',
      'xauth',
      'cisco-ios',
      'cisco-vpn-concentrator',
      'dpd',
    ]);
  });

  it('gives the SA outer endpoints from the permit/decrypt rules', () => {
    const outer = ofKind(events, 'ipsec.sa').filter((e) => e.localEndpoint);
    expect(outer.map((e) => [e.dir, e.localEndpoint?.address, e.remoteEndpoint?.address])).toEqual([
      ['out', '10.0.0.1', '10.0.0.2'],
      ['in', '10.0.0.1', '10.0.0.2'],
      ['in', '10.0.0.1', '10.0.0.2'],
    ]);
  });

  it('keeps the key acquire and crypto map lookup (before any SA) without sa', () => {
    const early = events.filter((e) => line(e) <= 3);
    expect(early.map((e) => [e.kind, e.sa])).toEqual([
      ['log.line', undefined],
      ['log.line', undefined],
      ['log.line', undefined],
    ]);
  });
});

describe('asa-mm-02-responder', () => {
  const { events } = load('asa-mm-02-responder');

  it('lists the messages in order: MM1..MM6 (msgid 0), QM1..QM3 (msgid 52481cf5)', () => {
    expect(flow(events)).toEqual([
      'in main 0',
      'out main 0',
      'in main 0',
      'out main 0',
      'in main 0',
      'out main 0',
      'in quick 52481cf5',
      'out quick 52481cf5',
      'in quick 52481cf5',
    ]);
  });

  it('accepts IKE proposal 1 transform 1 (global IKE entry # 2) and IPsec proposal 1 transform 1 (entry # 10)', () => {
    const accepted = ofKind(events, 'ike.proposal').filter((p) => p.stage === 'accepted' && p.policy);
    expect(accepted.map((p) => [p.phase, p.proposal, p.transform, p.policy, p.source])).toEqual([
      [1, 1, 1, 'global IKE entry # 2', 'peer'],
      [2, 1, 1, 'global IPsec SA entry # 10', 'peer'],
    ]);
    expect(ofKind(events, 'ike.proposal').filter((p) => p.stage === 'rejected')).toEqual([]);
  });

  it('names the draft NAT-D payloads (130) and the peer vendor IDs of MM1', () => {
    const [mm1, , mm3] = ofKind(events, 'ike.msg');
    expect(mm1?.payloads.map((p) => p.vendorId?.name ?? p.type)).toEqual(['SA', 'nat-t-rfc3947', 'VID', 'nat-t-draft-03', 'nat-t-draft-02']);
    expect(mm3?.payloads.filter((p) => p.type.startsWith('NAT-D')).map((p) => p.type)).toEqual(['NAT-D-DRAFT', 'NAT-D-DRAFT']);
  });

  it('reads the proxies of QM1 with their sides, protocol and port', () => {
    const qm1 = ofKind(events, 'ike.msg').find((m) => m.exchange === 'quick');
    expect(qm1?.payloads.filter((p) => p.id).map((p) => p.id)).toEqual([
      { type: 'ipv4-addr-subnet', value: '192.168.2.0/24', protocol: 1, port: 0 },
      { type: 'ipv4-addr-subnet', value: '192.168.1.0/24', protocol: 1, port: 0 },
    ]);
  });

  it('prints no SA lifetime and no responder-lifetime notify', () => {
    expect(ofKind(events, 'ike.notify')).toEqual([]);
    expect(ofKind(events, 'ipsec.sa').filter((e) => e.lifetimeSeconds !== undefined)).toEqual([]);
  });
});

describe('asa-l2tp-01-windows-responder', () => {
  const { events } = load('asa-l2tp-01-windows-responder');

  it('rejects the transforms with a DH group the ASA does not name, then accepts transform 5', () => {
    const p1 = ofKind(events, 'ike.proposal').filter((p) => p.phase === 1);
    const rejected = p1.filter((p) => p.stage === 'rejected');
    expect(rejected.map(line)).toEqual([4, 5, 19, 20]);
    for (const p of rejected) {
      expect(p.reason).toEqual({
        attribute: 'group',
        offered: 'Unknown',
        configured: 2,
        text: "Phase 1 failure: Mismatched attribute types for class Group Description: Rcv'd: Unknown Cfg'd: Group 2",
      });
      expect(p.sa?.conn).toBe('10.1.1.2');
    }
    const accepted = p1.filter((p) => p.stage === 'accepted');
    expect(accepted.map((p) => [line(p), p.proposal, p.transform, p.policy])).toEqual([
      [6, undefined, undefined, undefined],
      [21, 1, 5, 'global IKE entry # 2'],
    ]);
    const p2 = ofKind(events, 'ike.proposal').filter((p) => p.phase === 2);
    expect(p2.map((p) => [p.stage, p.proposal, p.transform, p.policy])).toEqual([
      ['accepted', undefined, undefined, undefined],
      ['accepted', 2, 1, 'global IPSec SA entry # 10'],
    ]);
    // 'L2TP/IPSec session detected.' (line 82) is what says the SA is in transport mode
    expect(line(p2[0]!)).toBe(82);
    expect(p2[0]!.attrs).toEqual({ encapsulation: 'transport' });
  });

  it('lists the messages with msgid 1 for the Quick Mode, and the UDP/500 endpoints of the received ones', () => {
    expect(flow(events)).toEqual(['in main 0', 'out main 0', 'in main 0', 'out main 0', 'in main 0', 'out main 0', 'in quick 1', 'out quick 1', 'in quick 1']);
    const received = ofKind(events, 'ike.msg').filter((m): m is IkeMsgEvent => m.dir === 'in');
    for (const m of received) {
      expect(m.local).toEqual({ address: '172.16.1.2', port: 500 });
      expect(m.remote).toEqual({ address: '10.1.1.2', port: 500 });
    }
  });

  it('gives the UDP/1701 host proxies of the L2TP transport SA, and no mode (the debug does not print it)', () => {
    const qm1 = ofKind(events, 'ike.msg').find((m) => m.exchange === 'quick');
    expect(qm1?.payloads.filter((p) => p.id).map((p) => p.id)).toEqual([
      { type: 'ipv4-addr', value: '10.1.1.2', protocol: 17, port: 1701 },
      { type: 'ipv4-addr', value: '172.16.1.2', protocol: 17, port: 1701 },
    ]);
    for (const e of ofKind(events, 'ipsec.sa')) expect(e.mode).toBeUndefined();
  });

  it('reports the L2TP lines as l2tp.ctrl and keeps the static route as evidence', () => {
    const l2tp = ofKind(events, 'l2tp.ctrl');
    expect(l2tp.map((e) => [line(e), e.message, e.sa?.conn])).toEqual([
      [82, 'L2TP/IPSec session detected', '10.1.1.2'],
      [275, 'IKEQM_Active() Add L2TP classification rules: ip <10.1.1.2> mask <0xFFFFFFFF> port <1701>', '10.1.1.2'],
    ]);
    const route = events.find((e) => line(e) === 276);
    expect(route).toMatchObject({ kind: 'log.line', record: 'asa.staticRoute', sa: { conn: '10.1.1.2' } });
  });

  it('names the peer vendor IDs it recognises and leaves the others unnamed', () => {
    const [mm1] = ofKind(events, 'ike.msg');
    expect(mm1?.payloads.map((p) => p.vendorId?.name ?? p.type)).toEqual(['SA', 'VID', 'VID', 'nat-t-rfc3947', 'nat-t-draft-02', 'fragmentation', 'VID', 'VID', 'VID']);
    expect(ofKind(events, 'ike.vid').filter((v) => v.dir === 'in').map((v) => v.name)).toEqual(['nat-t-rfc3947', 'nat-t-draft-02', 'fragmentation']);
  });
});

describe('asa normalizer on failure wordings (grammar samples, no corpus entry yet)', () => {
  const log = [
    '[IKEv1]:IP = 10.0.0.2, IKE_DECODE RECEIVED Message (msgid=0) with payloads :HDR + SA (1) + VENDOR (13) + NONE (0) total length :104',
    '[IKEv1]:IP = 10.0.0.2, All SA proposals found unacceptable',
    '[IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, Session is being torn down. Reason: User Requested',
    '[IKEv1]:IP = 10.0.0.2, IKE_DECODE RECEIVED Message (msgid=0) with payloads :HDR + SA (1) + VENDOR (13) + NONE (0) total length :104',
    '[IKEv1]:IP = 10.0.0.2, IKE_DECODE SENDING Message (msgid=0) with payloads :HDR + SA (1) + VENDOR (13) + NONE (0) total length :104',
    '%ASA-5-713201: IP = 10.0.0.2, Duplicate Phase 1 packet detected.  Retransmitting last packet.',
    '[IKEv1]:Group = 10.0.0.2, IP = 10.0.0.2, ERROR, had problems decrypting packet, probably due to mismatched pre-shared key.  Aborting',
    '[IKEv1]:IP = 10.0.0.3, IKE MM Responder FSM error history (struct &0x3ff9bc0)  <state>, <event>:  MM_DONE, EV_ERROR-->MM_WAIT_MSG3, EV_TIMEOUT-->MM_WAIT_MSG3, NullEvent-->MM_SND_MSG2, EV_SND_MSG',
    '[IKEv1]:Group = 10.0.0.4, IP = 10.0.0.4, PHASE 1 COMPLETED',
    '[IKEv1 DECODE]:IP = 10.0.0.4, IKE Responder starting QM: msg id = 52481cf5',
    '[IKEv1]:IP = 10.0.0.4, IKE_DECODE RECEIVED Message (msgid=52481cf5) with payloads :HDR + HASH (8) + SA (1) + NONCE (10) + ID (5) + ID (5) + NONE (0) total length :172',
    '%ASA-5-713904: Group = 10.0.0.4, IP = 10.0.0.4, All IPSec SA proposals found unacceptable!',
    '%ASA-3-713902: Group = 10.0.0.4, IP = 10.0.0.4, QM FSM error (P2 struct &0xcb0c4e30, mess id 0x52481cf5)!',
    '[IKEv1]:IP = 10.0.0.4, IKE_DECODE SENDING Message (msgid=3b5d7d1f) with payloads :HDR + HASH (8) + NOTIFY (11) + NONE (0) total length :84',
    '%ASA-5-713904: IP = 10.0.0.5, Received non-routine Notify message: Invalid ID info (18)',
    '%ASA-4-113019: Group = DefaultRAGroup, Username = test, IP = 10.1.1.2, Session disconnected. Session Type: IKEv1, Duration: 0h:00m:18s, Bytes xmt: 0, Bytes rcv: 0, Reason: Lost Service',
  ].join('\n');
  const { records, events, at } = snippet(log);

  itKeepsEveryLine(records, events, 16);

  it('fails phase 1 on unacceptable proposals; the teardown after it adds no second failure', () => {
    expect(at(2).map((e) => [e.kind, e.kind === 'ike.phase' ? e.reason : e.kind === 'ike.proposal' ? e.stage : ''])).toEqual([
      ['ike.proposal', 'rejected'],
      ['ike.phase', 'proposal'],
    ]);
    expect(at(3)).toMatchObject([{ kind: 'log.line', text: 'Session is being torn down. Reason: User Requested', sa: { conn: '10.0.0.2' } }]);
  });

  it('names a second IKE SA with the same peer, after the first was torn down, with #2', () => {
    expect(ofKind(events, 'ike.msg').filter((m) => m.peer?.address === '10.0.0.2').map((m) => m.sa?.conn)).toEqual(['10.0.0.2', '10.0.0.2#2', '10.0.0.2#2', '10.0.0.2#2', '10.0.0.2#2']);
  });

  it('reads a duplicate phase-1 packet as the peer\'s message received again and the ASA\'s last message resent', () => {
    expect(at(6)).toMatchObject([
      { kind: 'ike.msg', dir: 'in', retransmit: true, exchange: 'main', msgid: 0, length: 104, sa: { conn: '10.0.0.2#2' } },
      { kind: 'ike.msg', dir: 'out', retransmit: true, exchange: 'main', sa: { conn: '10.0.0.2#2' } },
    ]);
  });

  it('reads a decrypt failure as a pre-shared key mismatch', () => {
    expect(at(7)).toMatchObject([
      { kind: 'ike.auth', method: 'psk', result: 'failed' },
      { kind: 'ike.phase', phase: 1, status: 'failed', reason: 'psk', sa: { conn: '10.0.0.2#2' } },
    ]);
  });

  it('turns an FSM error history into state changes and a phase-1 failure after the timeout', () => {
    const states = ofKind(at(8), 'ike.state');
    expect(states.map((s) => [s.vendor, s.canonical, s.input])).toEqual([
      ['MM_SND_MSG2', 'MAIN_R1', 'EV_SND_MSG'],
      ['MM_WAIT_MSG3', 'MAIN_R1', 'NullEvent'],
      ['MM_WAIT_MSG3', 'MAIN_R1', 'EV_TIMEOUT'],
      ['MM_DONE', 'P1_FAILED', 'EV_ERROR'],
    ]);
    expect(ofKind(at(8), 'ike.phase')).toMatchObject([{ phase: 1, status: 'failed', reason: 'no_response', role: 'responder' }]);
  });

  it('fails the Quick Mode once (proposals), with its message ID, and reads the notify it sends as informational', () => {
    const failed = ofKind(events, 'ike.phase').filter((p) => p.phase === 2);
    expect(failed.map((p) => [line(p), p.status, p.reason, p.msgid])).toEqual([
      [10, 'started', undefined, 0x52481cf5],
      [12, 'failed', 'proposal', 0x52481cf5],
    ]);
    expect(at(13)).toMatchObject([{ kind: 'log.line', record: 'asa.qmFsmError' }]);
    expect(at(14)).toMatchObject([{ kind: 'ike.msg', exchange: 'informational', msgid: 0x3b5d7d1f }]);
  });

  it('reads a received error notify and a disconnect reason', () => {
    expect(at(15)).toMatchObject([
      { kind: 'ike.notify', dir: 'in', type: 'INVALID_ID_INFORMATION', number: 18 },
      { kind: 'ike.phase', phase: 1, status: 'failed', reason: 'id' },
    ]);
    expect(at(16)).toMatchObject([{ kind: 'ike.phase', status: 'failed', reason: 'unknown', text: expect.stringContaining('Reason: Lost Service') }]);
  });
});

describe('asa normalizer on the failure wordings of the hand-assembled asa-fail entries', () => {
  const log = [
    // 1-4: MM4 sent, then an undecryptable MM5 (no IKE_DECODE line for it), then its duplicate
    '[IKEv1]IP = 172.16.2.2, IKE_DECODE RECEIVED Message (msgid=0) with payloads : HDR + SA (1) + NONE (0) total length : 84',
    '[IKEv1]IP = 172.16.2.2, IKE_DECODE SENDING Message (msgid=0) with payloads : HDR + SA (1) + NONE (0) total length : 84',
    '[IKEv1]Group = 172.16.2.2, IP = 172.16.2.2, Received encrypted Oakley Main Mode packet with invalid payloads, MessID = 0',
    '[IKEv1]Group = 172.16.2.2, IP = 172.16.2.2, Duplicate Phase 1 packet detected.  Retransmitting last packet.',
    // 5-6: the same complaint right after the IKE_DECODE line of the packet: no second message
    '[IKEv1]IP = 172.16.2.3, IKE_DECODE RECEIVED Message (msgid=0) with payloads : HDR + ID (5) + HASH (8) + NONE (0) total length : 64',
    '[IKEv1]IP = 172.16.2.3, Received encrypted Oakley Main Mode packet with invalid payloads, MessID = 0',
    // 7-9: MM1 refused
    '%ASA-7-713236: IP = 10.0.0.2, IKE_DECODE RECEIVED Message (msgid=0) with payloads : HDR + SA (1) + NONE (0) total length : 208',
    "%ASA-5-713257: Phase 1 failure: Mismatched attribute types for class Encryption Algorithm: Rcv'd: AES-CBC Cfg'd: Triple-DES",
    '%ASA-3-713048: IP = 10.0.0.2, Error processing payload: Payload ID: 1',
    // 10-13: Quick Mode rejected for want of a crypto map entry, then the teardown
    '[IKEv1]:IP = 209.165.201.10, IKE_DECODE RECEIVED Message (msgid=8e0bd5c2) with payloads :HDR + HASH (8) + SA (1) + NONCE (10) + ID (5) + ID (5) + NONE (0) total length :172',
    '[IKEv1]:Group = 209.165.201.10, IP = 209.165.201.10, Rejecting IPSec tunnel: no matching crypto map entry for remote proxy 192.168.20.0/255.255.255.0/0/0 local proxy 192.168.11.0/255.255.255.0/0/0 on interface outside',
    '[IKEv1]:Group = 209.165.201.10, IP = 209.165.201.10, QM FSM error (P2 struct &0x00007fff2d0b7e60, mess id 0x8e0bd5c2)!',
    '[IKEv1]:Group = 209.165.201.10, IP = 209.165.201.10, Session is being torn down. Reason: crypto map policy not found',
    // 14: no tunnel group
    "%ASA-3-713902: IP = 172.16.5.5, Can't find a valid tunnel group, aborting...!",
    // 15-21: DPD: R-U-THERE sent and answered
    '[IKEv1 DEBUG]Group = 198.51.100.77, IP = 198.51.100.77, Sending keep-alive of type DPD R-U-THERE (seq number 0x3f2c6a91)',
    '[IKEv1 DEBUG]Group = 198.51.100.77, IP = 198.51.100.77, constructing blank hash payload',
    '[IKEv1]IP = 198.51.100.77, IKE_DECODE SENDING Message (msgid=8a1d3c5e) with payloads : HDR + HASH (8) + NOTIFY (11) + NONE (0) total length : 84',
    '[IKEv1]IP = 198.51.100.77, IKE_DECODE RECEIVED Message (msgid=5e7b2f10) with payloads : HDR + HASH (8) + NOTIFY (11) + NONE (0) total length : 84',
    '[IKEv1 DEBUG]Group = 198.51.100.77, IP = 198.51.100.77, processing hash payload',
    '[IKEv1 DEBUG]Group = 198.51.100.77, IP = 198.51.100.77, processing notify payload',
    '[IKEv1 DEBUG]Group = 198.51.100.77, IP = 198.51.100.77, Received keep-alive of type DPD R-U-THERE-ACK (seq number 0x3f2c6a91)',
  ].join('\n');
  const { records, events, at } = snippet(log);

  itKeepsEveryLine(records, events, 21);

  it('takes an undecryptable Main Mode packet for a received message without payloads, and its duplicate for a repeat', () => {
    expect(flow(events.filter((e) => e.peer?.address === '172.16.2.2'))).toEqual(['in main 0', 'out main 0', 'in main 0', 'in main 0', 'out main 0']);
    expect(ofKind(at(3), 'ike.msg')).toMatchObject([{ dir: 'in', exchange: 'main', msgid: 0, payloads: [], encrypted: true }]);
    expect(ofKind(at(3), 'ike.phase')).toMatchObject([{ phase: 1, status: 'failed', reason: 'psk' }]);
    expect(ofKind(at(4), 'ike.msg').map((m) => [m.dir, m.retransmit, m.payloads.length])).toEqual([
      ['in', true, 0],
      ['out', true, 1],
    ]);
    expect(ofKind(at(6), 'ike.msg')).toEqual([]);
    expect(ofKind(at(6), 'ike.phase')).toMatchObject([{ reason: 'psk', sa: { conn: '172.16.2.3' } }]);
  });

  it('reads Triple-DES as 3des and keeps the payload error as evidence', () => {
    expect(ofKind(at(8), 'ike.proposal')).toMatchObject([{ phase: 1, stage: 'rejected', attrs: { encryption: 'aes128' }, reason: { attribute: 'encryption', offered: 'aes128', configured: '3des' } }]);
    expect(at(9)).toMatchObject([{ kind: 'log.line', record: 'asa.payloadError', text: 'Error processing payload: Payload ID: 1', sa: { conn: '10.0.0.2' } }]);
  });

  it('fails the Quick Mode with no_crypto_map once; the teardown that names the crypto map adds nothing', () => {
    expect(at(11)).toMatchObject([{ kind: 'ike.phase', phase: 2, status: 'failed', reason: 'no_crypto_map', msgid: 0x8e0bd5c2 }]);
    expect(ofKind(events, 'ike.phase').filter((p) => p.sa?.conn === '209.165.201.10' && p.status === 'failed')).toHaveLength(1);
    expect(at(13)).toMatchObject([{ kind: 'log.line', text: 'Session is being torn down. Reason: crypto map policy not found' }]);
  });

  it('reads a missing tunnel group as no pre-shared key, without an authentication event', () => {
    expect(at(14)).toMatchObject([{ kind: 'ike.phase', phase: 1, status: 'failed', reason: 'no_psk', text: "Can't find a valid tunnel group, aborting...!" }]);
  });

  it('names the DPD notifies of the messages around the keep-alive lines and reports the DPD steps', () => {
    const msgs = ofKind(events, 'ike.msg').filter((m) => m.peer?.address === '198.51.100.77');
    expect(msgs.map((m) => [m.dir, m.exchange, m.payloads.map((p) => p.notify?.type ?? p.type)])).toEqual([
      ['out', 'informational', ['HASH', 'R_U_THERE']],
      ['in', 'informational', ['HASH', 'R_U_THERE_ACK']],
    ]);
    expect(ofKind(events, 'ike.dpd').map((d) => [d.step, d.dir, d.dpdSeq])).toEqual([
      ['r-u-there', 'out', 0x3f2c6a91],
      ['ack', 'in', 0x3f2c6a91],
    ]);
    expect(ofKind(events, 'ike.notify').filter((n) => n.peer?.address === '198.51.100.77').map((n) => `${n.dir} ${n.type} ${n.number}`)).toEqual(['out R_U_THERE 36136', 'in R_U_THERE_ACK 36137']);
  });
});
