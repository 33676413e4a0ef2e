// The strongSwan normalizer against the corpus: every strongswan-* recording (input.log = A, peer.log = B)
// normalized, then the facts the normalize contract promises checked against the hand-written
// expect.json / peer.expect.json, and the evidence of each failure case checked value by value.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLog, type LogRecord } from '../../grammars/index.js';
import {
  AUTH_METHOD_FACTS,
  ofKind,
  type Event,
  type EventKind,
  type EventOf,
  type IkeMsgEvent,
  type IkeProposalEvent,
  type Identity,
  type LogOrigin,
  type PhaseReason,
} from '../model/index.js';
import { normalize } from './index.js';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const ENTRIES = readdirSync(CORPUS)
  .filter((d) => d.startsWith('strongswan-'))
  .sort();

interface ExpectPhase2 {
  msgid: string;
  localProxy: string | null;
  remoteProxy: string | null;
  protocol: string | null;
  transforms: string[];
  pfsGroup: number | null;
  mode: string | null;
  spiIn: string | null;
  spiOut: string | null;
  lifetimeSeconds?: number;
}

interface ExpectSession {
  node: string;
  local: string;
  peer: string;
  role: 'initiator' | 'responder';
  mode: 'main' | 'aggressive';
  auth: string | null;
  exchanges: string[];
  outcome: 'established' | 'failed';
  failedAt?: string;
  phase1: { encryption: string; hash: string; group: number } | null;
  phase2: ExpectPhase2[];
  xauth: { user: string; outcome: string } | null;
  modeConfig: { address: string | null } | null;
  natt: boolean;
  findings: { id: string }[];
}

interface Side {
  readonly records: LogRecord[];
  readonly events: Event[];
  readonly session: ExpectSession;
}

const cache = new Map<string, Side>();

function load(entry: string, side: 'input' | 'peer'): Side {
  const key = `${entry}/${side}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const file = `${CORPUS}${entry}/${side}.log`;
  const records = parseLog(readFileSync(file, 'utf8'));
  const events = normalize(records, { file: `${side}.log`, node: side === 'input' ? 'A' : 'B' });
  const expectFile = `${CORPUS}${entry}/${side === 'input' ? 'expect.json' : 'peer.expect.json'}`;
  const sessions = (JSON.parse(readFileSync(expectFile, 'utf8')) as { sessions: ExpectSession[] }).sessions;
  expect(sessions).toHaveLength(1);
  const loaded = { records, events, session: sessions[0]! };
  cache.set(key, loaded);
  return loaded;
}

function sides(entry: string): ('input' | 'peer')[] {
  return existsSync(`${CORPUS}${entry}/peer.log`) ? ['input', 'peer'] : ['input'];
}

const of = <K extends EventKind>(s: Side, kind: K): EventOf<K>[] => ofKind(s.events, kind);
const line = (e: Event): number => (e.origin as LogOrigin).line;
const failures = (s: Side, phase: 1 | 2) => of(s, 'ike.phase').filter((e) => e.phase === phase && e.status === 'failed');
const completes = (s: Side, phase: 1 | 2) => of(s, 'ike.phase').filter((e) => e.phase === phase && e.status === 'complete');

/** The logical exchange of an expect.json label (MM3 → main, XAUTH-SET → transaction, INFO → informational). */
function exchangeOfLabel(label: string): string {
  if (/^MM\d$/.test(label)) return 'main';
  if (/^AM\d$/.test(label)) return 'aggressive';
  if (/^QM\d$/.test(label)) return 'quick';
  if (/^(XAUTH|CFG)-/.test(label)) return 'transaction';
  return 'informational';
}

/** An ID payload's identity as a proxy in expect.json's form (a host as /32). */
function proxyText(id: Identity | undefined): string | undefined {
  if (!id) return undefined;
  return id.type === 'ipv4-addr' ? `${id.value}/32` : id.value;
}

/** The phase-2 proposal of a session: the accepted one, else what the Quick Mode initiator offered. */
function phase2Proposal(s: Side): IkeProposalEvent | undefined {
  const p2 = of(s, 'ike.proposal').filter((e) => e.phase === 2);
  const offeredBy = s.session.role === 'initiator' ? 'local' : 'peer';
  return p2.find((e) => e.stage === 'accepted') ?? p2.find((e) => e.stage === 'offered' && e.source === offeredBy);
}

/** Findings of expect.json and the phase failure that shows each. */
const FAILURE_OF_FINDING: Readonly<Record<string, { phase: 1 | 2; reason: PhaseReason }>> = {
  'ike.p1.psk_mismatch': { phase: 1, reason: 'psk' },
  'ike.p1.proposal_mismatch': { phase: 1, reason: 'proposal' },
  'ike.p1.no_response': { phase: 1, reason: 'no_response' },
  'ike.p2.proposal_mismatch': { phase: 2, reason: 'proposal' },
  'ike.p2.pfs_mismatch': { phase: 2, reason: 'pfs' },
  'ike.p2.proxy_mismatch': { phase: 2, reason: 'proxy' },
};

function findNull(value: unknown, path: string): string | undefined {
  if (value === null) return path;
  if (typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const hit = findNull(v, `${path}.${k}`);
    if (hit) return hit;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// The contract, on every recording
// ---------------------------------------------------------------------------------------------------

describe.each(ENTRIES)('%s', (entry) => {
  describe.each(sides(entry))('%s.log', (side) => {
    it('every record yields at least one event', () => {
      const s = load(entry, side);
      const lines = new Set(s.events.map(line));
      const silent = s.records.filter((r) => r.kind !== 'blank' && !lines.has(r.line));
      expect(silent.map((r) => `${r.line} ${r.kind}`)).toEqual([]);
    });

    it('events are in line order and numbered', () => {
      const s = load(entry, side);
      s.events.forEach((e, i) => {
        expect(e.seq).toBe(i);
        if (i > 0) expect(line(e)).toBeGreaterThanOrEqual(line(s.events[i - 1]!));
      });
    });

    it('sa.conn is set on every ike.msg, and it is the IKE_SA unique id', () => {
      const msgs = of(load(entry, side), 'ike.msg');
      expect(msgs.length).toBeGreaterThan(0);
      for (const m of msgs) expect(m.sa?.conn).toBe('1');
    });

    it('no event has a null field', () => {
      for (const e of load(entry, side).events) expect(findNull(e, e.kind)).toBeUndefined();
    });

    it('peer, role, local address and mode', () => {
      const s = load(entry, side);
      const x = s.session;
      const msgs = of(s, 'ike.msg');
      for (const m of msgs) {
        expect(m.peer?.address).toBe(x.peer);
        expect(m.role).toBe(x.role);
        if (m.local) expect(m.local.address).toBe(x.local);
        if (m.remote) expect(m.remote.address).toBe(x.peer);
      }
      const p1 = of(s, 'ike.phase').filter((e) => e.phase === 1);
      expect(p1.length).toBeGreaterThan(0);
      for (const e of p1) expect(e.mode).toBe(x.mode);
    });

    it('the messages follow the exchanges of expect.json (retransmits aside)', () => {
      const s = load(entry, side);
      const sent = of(s, 'ike.msg').filter((m) => !m.retransmit);
      expect(sent.map((m) => m.exchange)).toEqual(s.session.exchanges.map(exchangeOfLabel));
    });

    it('auth method', () => {
      const s = load(entry, side);
      const methods = of(s, 'ike.auth').map((e) => e.method);
      if (s.session.auth === null) expect(methods.every((m) => m === undefined)).toBe(true);
      else for (const m of methods) expect(m && AUTH_METHOD_FACTS[m].base).toBe(s.session.auth);
    });

    it('phase-1 proposal', () => {
      const s = load(entry, side);
      const accepted = of(s, 'ike.proposal').filter((e) => e.phase === 1 && e.stage === 'accepted');
      if (s.session.phase1 === null) expect(accepted).toEqual([]);
      else {
        const { encryption, hash, group } = s.session.phase1;
        expect(accepted).toHaveLength(1);
        expect(accepted[0]!.attrs).toMatchObject({ protocol: 'isakmp', encryption, hash, group });
      }
    });

    it('phase 2: message ID, proxies, proposal, SPIs, mode', () => {
      const s = load(entry, side);
      const x = s.session;
      expect(x.phase2.length).toBeLessThanOrEqual(1);
      for (const p2 of x.phase2) {
        const msgid = Number(p2.msgid);
        const qm = of(s, 'ike.msg').filter((m) => m.exchange === 'quick' && m.msgid === msgid);
        expect(qm.length).toBeGreaterThan(0);
        const proposal = phase2Proposal(s);
        const transforms = proposal ? [proposal.attrs.encryption, proposal.attrs.hash] : [];
        expect(transforms).toEqual(p2.transforms);
        if (proposal) expect(proposal.attrs.pfsGroup || null).toBe(p2.pfsGroup);
        const sas = of(s, 'ipsec.sa');
        if (p2.spiIn) {
          expect(completes(s, 2).map((e) => e.msgid)).toEqual([msgid]);
          const sa = (dir: 'in' | 'out') => sas.find((e) => e.dir === dir);
          expect(sa('in')?.spi).toBe(p2.spiIn);
          expect(sa('out')?.spi).toBe(p2.spiOut);
          for (const e of sas) {
            expect(e.protocol).toBe(p2.protocol);
            expect(e.local?.address).toBe(p2.localProxy);
            expect(e.remote?.address).toBe(p2.remoteProxy);
            expect(e.mode ?? null).toBe(p2.mode);
            expect(e.lifetimeSeconds).toBe(p2.lifetimeSeconds);
            expect(e.sa).toEqual({ conn: '1', spi: e.spi });
          }
        } else {
          expect(sas).toEqual([]);
          // the proxies of a failed Quick Mode are in the ID payloads of its first message
          const ids = qm[0]!.payloads.filter((p) => p.type === 'ID').map((p) => proxyText(p.id));
          const [mine, theirs] = x.role === 'initiator' ? [ids[0], ids[1]] : [ids[1], ids[0]];
          expect([mine, theirs]).toEqual([p2.localProxy, p2.remoteProxy]);
        }
      }
    });

    it('outcome', () => {
      const s = load(entry, side);
      const x = s.session;
      if (x.outcome === 'established') {
        expect(completes(s, 1)).toHaveLength(1);
        expect(failures(s, 1)).toEqual([]);
        expect(failures(s, 2)).toEqual([]);
        return;
      }
      const phase = x.failedAt?.startsWith('QM') ? 2 : 1;
      expect(failures(s, phase).length).toBeGreaterThan(0);
      if (phase === 1) expect(completes(s, 1)).toEqual([]);
      else expect(completes(s, 2)).toEqual([]);
      for (const f of failures(s, 2)) expect(f.msgid).toBe(Number(x.phase2[0]?.msgid));
    });

    it('each finding has its phase failure with the right reason', () => {
      const s = load(entry, side);
      for (const { id } of s.session.findings) {
        const want = FAILURE_OF_FINDING[id];
        if (!want) continue;
        const got = failures(s, want.phase).map((e) => e.reason);
        expect(got).toContain(want.reason);
      }
    });

    it('NAT-T, XAUTH, Mode-Config', () => {
      const s = load(entry, side);
      const x = s.session;
      expect(of(s, 'ike.natd').some((e) => e.floated)).toBe(x.natt);
      const xauth = of(s, 'ike.xauth').filter((e) => e.user !== undefined);
      if (x.xauth) expect(xauth.map((e) => [e.user, e.status])).toEqual([[x.xauth.user, x.xauth.outcome]]);
      else expect(of(s, 'ike.xauth')).toEqual([]);
      const addresses = of(s, 'ike.cfg').flatMap((e) => (e.attributes?.address ? [e.attributes.address] : []));
      expect(addresses).toEqual(x.modeConfig?.address ? [x.modeConfig.address] : []);
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// Concrete values, case by case
// ---------------------------------------------------------------------------------------------------

const A = (entry: string) => load(`strongswan-${entry}`, 'input');
const B = (entry: string) => load(`strongswan-${entry}`, 'peer');
const msgsOf = (s: Side, exchange: IkeMsgEvent['exchange']) => of(s, 'ike.msg').filter((m) => m.exchange === exchange);
const notifies = (s: Side) => of(s, 'ike.notify').map((e) => `${e.dir} ${e.type}`);

describe('mm-01: Main Mode + Quick Mode with PFS, established, deleted', () => {
  it('A: messages with payloads, endpoints and the NAT-T float', () => {
    const a = A('mm-01-psk-established');
    const mm = msgsOf(a, 'main');
    expect(mm.map((m) => m.dir)).toEqual(['out', 'in', 'out', 'in', 'out', 'in']);
    expect(mm[0]!.payloads.map((p) => p.type)).toEqual(['SA', 'VID', 'VID', 'VID', 'VID', 'VID']);
    expect(mm[0]!.payloads.slice(1).map((p) => p.vendorId?.name)).toEqual(['xauth', 'dpd', 'fragmentation', 'nat-t-rfc3947', 'nat-t-draft-02n']);
    expect(mm[0]).toMatchObject({ msgid: 0, length: 180, local: { address: '10.99.0.1', port: 500 }, remote: { address: '10.99.0.2', port: 500 } });
    expect(mm[1]!.payloads.slice(1).map((p) => p.vendorId?.name)).toEqual(['xauth', 'dpd', 'fragmentation', 'nat-t-rfc3947']);
    expect(mm[2]!.payloads.map((p) => p.type)).toEqual(['KE', 'NONCE', 'NAT-D', 'NAT-D']);
    expect(mm[4]!.payloads).toEqual([{ type: 'ID' }, { type: 'HASH' }, { type: 'N', notify: { type: 'INITIAL_CONTACT' } }]);
    expect(mm[4]).toMatchObject({ local: { port: 4500 }, remote: { port: 4500 }, length: 108 });
    expect(of(a, 'ike.natd')).toEqual([
      expect.objectContaining({ peerBehindNat: true }),
      expect.objectContaining({ floated: true, local: { address: '10.99.0.1', port: 4500 }, remote: { address: '10.99.0.2', port: 4500 } }),
    ]);
    expect(of(a, 'ike.vid').map((e) => `${e.dir} ${e.name}`)).toEqual([
      'out xauth',
      'out dpd',
      'out fragmentation',
      'out nat-t-rfc3947',
      'out nat-t-draft-02n',
      'in xauth',
      'in dpd',
      'in fragmentation',
      'in nat-t-rfc3947',
    ]);
  });

  it('A: phase 1 and 2 complete, auth, IPsec SAs', () => {
    const a = A('mm-01-psk-established');
    expect(of(a, 'ike.phase').map((e) => `${e.phase} ${e.status}`)).toEqual(['1 started', '1 complete', '2 complete']);
    expect(of(a, 'ike.auth')).toEqual([
      expect.objectContaining({
        result: 'ok',
        method: 'psk',
        localId: { type: 'ipv4-addr', value: '10.99.0.1' },
        peerId: { type: 'ipv4-addr', value: '10.99.0.2' },
      }),
    ]);
    const qm1 = msgsOf(a, 'quick')[0]!;
    expect(qm1.payloads.map((p) => p.type)).toEqual(['HASH', 'SA', 'NONCE', 'KE', 'ID', 'ID']);
    expect(qm1.payloads.filter((p) => p.type === 'ID').map((p) => p.id)).toEqual([
      { type: 'ipv4-addr-subnet', value: '10.99.1.0/24' },
      { type: 'ipv4-addr-subnet', value: '10.99.2.0/24' },
    ]);
    expect(of(a, 'ike.proposal').filter((e) => e.stage === 'accepted').map((e) => e.attrs)).toEqual([
      { protocol: 'isakmp', encryption: 'aes128', hash: 'sha1', prf: 'sha1', group: 14, auth: 'psk' },
      { protocol: 'esp', encryption: 'aes128', hash: 'sha1', pfsGroup: 14, esn: false, encapsulation: 'tunnel' },
    ]);
    expect(of(a, 'ipsec.sa').map((e) => [e.dir, e.spi, e.conn, e.encryption, e.integrity, e.pfsGroup, e.udpEncapsulated])).toEqual([
      ['in', '61f3c9e3', 'net{1}', 'aes128', 'sha1', 14, true],
      ['out', '6fda5c4c', 'net{1}', 'aes128', 'sha1', 14, true],
    ]);
  });

  it('A: the two DELETE informationals; B: receives them', () => {
    const a = A('mm-01-psk-established');
    expect(of(a, 'ike.delete').map((e) => [e.dir, e.protocol, e.spis])).toEqual([
      ['out', 'esp', ['61f3c9e3']],
      ['out', 'isakmp', []],
    ]);
    expect(msgsOf(a, 'informational').map((m) => [m.msgid, m.payloads])).toEqual([
      [2832357453, [{ type: 'HASH' }, { type: 'D', delete: { protocol: 'esp' } }]],
      [4257915251, [{ type: 'HASH' }, { type: 'D', delete: { protocol: 'isakmp' } }]],
    ]);
    const b = B('mm-01-psk-established');
    expect(of(b, 'ike.delete').map((e) => [e.dir, e.protocol, e.spis])).toEqual([
      ['in', 'esp', ['61f3c9e3']],
      ['in', 'isakmp', []],
    ]);
  });

  it('B: responder role from the first message, proxies of the received Quick Mode', () => {
    const b = B('mm-01-psk-established');
    const first = of(b, 'ike.msg')[0]!;
    expect(first).toMatchObject({ dir: 'in', exchange: 'main', role: 'responder', peer: { address: '10.99.0.1' }, length: 180 });
    const qm1 = msgsOf(b, 'quick')[0]!;
    expect(qm1.payloads.filter((p) => p.type === 'ID').map((p) => p.id?.value)).toEqual(['10.99.1.0/24', '10.99.2.0/24']);
    expect(of(b, 'ike.state').filter((e) => e.vendorKind === 'ike-sa').map((e) => `${e.vendor}:${e.canonical}`)).toEqual([
      'CONNECTING:P1_PENDING',
      'ESTABLISHED:P1_ESTABLISHED',
      'DELETING:DELETING',
      'DELETING:DELETING',
      'DESTROYING:DELETED',
    ]);
  });
});

describe('mm-02: PSK mismatch', () => {
  it('A: the peer INFORMATIONAL does not decrypt → auth failed, phase 1 failed psk; then no_response', () => {
    const a = A('mm-02-psk-mismatch');
    expect(of(a, 'ike.auth')).toEqual([expect.objectContaining({ result: 'failed', method: 'psk', reason: 'invalid HASH_V1 payload length, decryption failed?' })]);
    expect(failures(a, 1).map((e) => [e.reason, e.text])).toEqual([
      ['psk', 'invalid HASH_V1 payload length, decryption failed?'],
      ['no_response', 'giving up after 3 retransmits'],
    ]);
    // the undecryptable informationals are messages too, dated at their packet lines
    const info = msgsOf(a, 'informational');
    expect(info.map((m) => [m.dir, m.msgid, m.length, m.remote?.port])).toEqual([
      ['in', 1143346151, 76, 500],
      ['in', 825609091, 76, 500],
      ['in', 120704610, 76, 500],
      ['in', 310137650, 76, 500],
    ]);
    const retransmits = of(a, 'ike.msg').filter((m) => m.retransmit);
    expect(retransmits.map((m) => [m.exchange, m.msgid, m.retransmitCount, m.payloads.length, m.length])).toEqual([
      ['main', 0, 1, 3, 108],
      ['main', 0, 2, 3, 108],
      ['main', 0, 3, 3, 108],
    ]);
  });

  it('B: MM5 does not decrypt → auth failed, phase 1 failed psk, N(PAYLOAD_MALFORMED) sent', () => {
    const b = B('mm-02-psk-mismatch');
    expect(of(b, 'ike.auth')).toEqual([expect.objectContaining({ result: 'failed', reason: 'invalid ID_V1 payload length, decryption failed?' })]);
    expect(failures(b, 1).map((e) => e.reason)).toEqual(['psk']);
    expect(notifies(b)).toEqual(Array(4).fill('out PAYLOAD_MALFORMED'));
    const mm5 = msgsOf(b, 'main').filter((m) => m.dir === 'in' && m.length === 108);
    expect(mm5.map((m) => m.retransmit ?? false)).toEqual([false, true, true, true]);
    expect(line(mm5[0]!)).toBeLessThan(line(failures(b, 1)[0]!));
  });
});

describe('mm-03: phase-1 proposal mismatch', () => {
  it('A: N(NO_PROPOSAL_CHOSEN) received → phase 1 failed proposal', () => {
    const a = A('mm-03-p1-proposal-mismatch');
    expect(notifies(a)).toEqual(['in NO_PROPOSAL_CHOSEN']);
    expect(failures(a, 1)).toEqual([expect.objectContaining({ reason: 'proposal', text: 'received NO_PROPOSAL_CHOSEN error notify', mode: 'main' })]);
    expect(of(a, 'ike.proposal').filter((e) => e.source === 'local').map((e) => e.attrs)).toEqual([
      { protocol: 'isakmp', encryption: 'aes256', hash: 'sha256', prf: 'sha256', group: 14, auth: 'psk' },
    ]);
  });

  it('B: ENCRYPTION_ALGORITHM rejected with both sides, phase 1 failed proposal, N(NO_PROP) sent', () => {
    const b = B('mm-03-p1-proposal-mismatch');
    const offered = of(b, 'ike.proposal').filter((e) => e.stage === 'offered');
    expect(offered.map((e) => [e.source, e.attrs.encryption, e.attrs.hash, e.attrs.group])).toEqual([
      ['peer', 'aes256', 'sha256', 14],
      ['local', '3des', 'sha1', 2],
    ]);
    expect(of(b, 'ike.proposal').filter((e) => e.stage === 'rejected')).toEqual([
      expect.objectContaining({
        phase: 1,
        source: 'peer',
        reason: { attribute: 'encryption', offered: 'aes256', configured: '3des', text: 'no acceptable ENCRYPTION_ALGORITHM found; no proposal found' },
      }),
    ]);
    expect(failures(b, 1).map((e) => [e.reason, e.text])).toEqual([['proposal', 'no proposal found']]);
    expect(notifies(b)).toEqual(['out NO_PROPOSAL_CHOSEN']);
    expect(msgsOf(b, 'informational')).toEqual([expect.objectContaining({ dir: 'out', msgid: 395656622, payloads: [{ type: 'N', notify: { type: 'NO_PROPOSAL_CHOSEN' } }] })]);
  });
});

describe('mm-04: phase-2 proposal mismatch', () => {
  it('A: N(NO_PROP) during Quick Mode → phase 2 failed proposal with the QM message ID', () => {
    const a = A('mm-04-p2-proposal-mismatch');
    expect(notifies(a)).toEqual(['out INITIAL_CONTACT', 'in NO_PROPOSAL_CHOSEN']);
    expect(failures(a, 2)).toEqual([expect.objectContaining({ reason: 'proposal', msgid: 3077955641, text: 'received NO_PROPOSAL_CHOSEN error notify' })]);
    expect(completes(a, 1)).toHaveLength(1);
  });

  it('B: ENCRYPTION_ALGORITHM rejected in Quick Mode, phase 2 failed proposal', () => {
    const b = B('mm-04-p2-proposal-mismatch');
    expect(of(b, 'ike.proposal').filter((e) => e.stage === 'rejected')).toEqual([
      expect.objectContaining({
        phase: 2,
        attrs: { protocol: 'esp', encryption: 'aes256', hash: 'sha256', esn: false, pfsGroup: 0 },
        reason: expect.objectContaining({ attribute: 'encryption', offered: 'aes256', configured: '3des' }),
      }),
    ]);
    expect(failures(b, 2)).toEqual([
      expect.objectContaining({ reason: 'proposal', msgid: 3077955641, text: 'no matching proposal found, sending NO_PROPOSAL_CHOSEN' }),
    ]);
    expect(notifies(b)).toEqual(['in INITIAL_CONTACT', 'out NO_PROPOSAL_CHOSEN']);
  });
});

describe('mm-05: PFS mismatch', () => {
  it('A: only NO_PROPOSAL_CHOSEN → proposal; its own offer carried PFS group 14 (KE in QM1)', () => {
    const a = A('mm-05-pfs-mismatch');
    expect(failures(a, 2).map((e) => [e.reason, e.msgid])).toEqual([['proposal', 2238659822]]);
    const offered = of(a, 'ike.proposal').filter((e) => e.phase === 2 && e.source === 'local');
    expect(offered.length).toBeGreaterThan(0);
    for (const e of offered) expect(e.attrs.pfsGroup).toBe(14);
    expect(msgsOf(a, 'quick')[0]!.payloads.map((p) => p.type)).toContain('KE');
  });

  it('B: KEY_EXCHANGE_METHOD rejected → pfsGroup 14 offered vs none configured, phase 2 failed pfs', () => {
    const b = B('mm-05-pfs-mismatch');
    expect(of(b, 'ike.proposal').filter((e) => e.stage === 'rejected')).toEqual([
      expect.objectContaining({ phase: 2, reason: expect.objectContaining({ attribute: 'pfsGroup', offered: 14, configured: 0 }) }),
    ]);
    expect(failures(b, 2).map((e) => [e.reason, e.msgid])).toEqual([['pfs', 2238659822]]);
    expect(notifies(b)).toContain('out NO_PROPOSAL_CHOSEN');
  });
});

describe('mm-06: traffic-selector mismatch', () => {
  it('A: N(INVALID_ID_INFORMATION) in Quick Mode → phase 2 failed proxy', () => {
    const a = A('mm-06-ts-mismatch');
    expect(notifies(a)).toContain('in INVALID_ID_INFORMATION');
    expect(failures(a, 2)).toEqual([expect.objectContaining({ reason: 'proxy', msgid: 3594278951, text: 'received INVALID_ID_INFORMATION error notify' })]);
  });

  it('B: no matching CHILD_SA config → phase 2 failed proxy, N(INVALID_ID_INFORMATION) sent', () => {
    const b = B('mm-06-ts-mismatch');
    expect(failures(b, 2)).toEqual([
      expect.objectContaining({ reason: 'proxy', msgid: 3594278951, text: 'no matching CHILD_SA config found for 10.99.1.0/24 === 10.99.2.0/24' }),
    ]);
    expect(notifies(b)).toContain('out INVALID_ID_INFORMATION');
  });
});

describe('mm-07: no response', () => {
  it('A: MM1 and three retransmits, then phase 1 failed no_response', () => {
    const a = A('mm-07-no-response');
    expect(of(a, 'ike.msg').map((m) => [m.dir, m.exchange, m.retransmitCount ?? 0, m.length])).toEqual([
      ['out', 'main', 0, 180],
      ['out', 'main', 1, 180],
      ['out', 'main', 2, 180],
      ['out', 'main', 3, 180],
    ]);
    expect(failures(a, 1).map((e) => [e.reason, e.text])).toEqual([['no_response', 'giving up after 3 retransmits']]);
    expect(of(a, 'ike.auth')).toEqual([]);
    // the auth method of its own offer comes from the connection's config dump (`class = pre-shared key`)
    expect(of(a, 'ike.proposal').map((e) => [e.stage, e.source, e.attrs.auth])).toEqual([['offered', 'local', 'psk']]);
  });
});

describe('am-01: Aggressive Mode + XAUTH + Mode-Config', () => {
  it('A: XAUTH as client, virtual IP installed', () => {
    const a = A('am-01-xauth-modecfg-established');
    expect(of(a, 'ike.xauth').map((e) => [e.step, e.dir, e.msgid, e.user ?? null, e.status ?? null])).toEqual([
      ['request', 'in', 2205508232, null, null],
      ['reply', 'out', 2205508232, null, null],
      ['set', 'in', 1959757930, null, null],
      ['set', 'in', 1959757930, 'alice', 'success'],
      ['ack', 'out', 1959757930, null, null],
    ]);
    expect(of(a, 'ike.xauth')[0]!.attributes).toEqual(['XAUTH_USER_NAME', 'XAUTH_USER_PASSWORD']);
    expect(of(a, 'ike.cfg').map((e) => [e.step, e.dir, e.msgid, e.requested ?? null, e.attributes ?? null])).toEqual([
      ['request', 'out', 3299395446, ['INTERNAL_IP4_ADDRESS'], null],
      ['reply', 'in', 3299395446, null, { address: '10.99.3.1' }],
    ]);
    const reply = msgsOf(a, 'transaction').find((m) => m.msgid === 3299395446 && m.dir === 'in')!;
    expect(reply.payloads[1]).toEqual({ type: 'ATTR', cfg: { type: 'reply', attributes: ['INTERNAL_IP4_ADDRESS', 'INTERNAL_IP4_DNS'] } });
    expect(of(a, 'ike.auth')).toEqual([
      expect.objectContaining({ method: 'xauth-init-psk', localId: { type: 'fqdn', value: 'vpngroup' }, peerId: { type: 'fqdn', value: 'gw.lab' } }),
    ]);
    expect(msgsOf(a, 'quick')[0]!.payloads.filter((p) => p.type === 'ID').map((p) => p.id)).toEqual([
      { type: 'ipv4-addr', value: '10.99.3.1' },
      { type: 'ipv4-addr-subnet', value: '10.99.2.0/24' },
    ]);
  });

  it('B: XAUTH server, assigns the virtual IP', () => {
    const b = B('am-01-xauth-modecfg-established');
    expect(of(b, 'ike.xauth').filter((e) => e.user)).toEqual([expect.objectContaining({ step: 'reply', dir: 'in', user: 'alice', status: 'success', msgid: 2205508232 })]);
    expect(of(b, 'ike.cfg').map((e) => [e.step, e.dir, e.attributes?.address ?? null])).toEqual([
      ['request', 'in', null],
      ['reply', 'out', '10.99.3.1'],
    ]);
    expect(of(b, 'ike.auth')[0]!.method).toBe('xauth-init-psk');
  });
});

describe('console and other envelopes', () => {
  it('console-01 (swanctl --initiate): the SA of `IKE_SA s2s[1]` carried to untagged lines', () => {
    const a = A('console-01-swanctl-initiate');
    for (const e of a.events) expect(e.sa?.conn).toBe('1');
    expect(of(a, 'ipsec.sa').map((e) => [e.spi, e.mode ?? null])).toEqual([
      ['6f5602b3', null],
      ['8e6cb3bf', null],
    ]);
  });

  it('console-02 (ipsec up): CHILD_SA named after the conn; B adopts the received lifetime', () => {
    expect(of(A('console-02-ipsec-up'), 'ipsec.sa').map((e) => e.conn)).toEqual(['s2s{1}', 's2s{1}']);
    const b = B('console-02-ipsec-up');
    expect(of(b, 'ike.proposal').filter((e) => e.stage === 'checked')).toEqual([
      expect.objectContaining({ phase: 2, attrs: { lifetimeSeconds: 3600 }, reason: expect.objectContaining({ attribute: 'lifetimeSeconds', offered: 3600, configured: 3960 }) }),
    ]);
  });

  it('stdout-01 (charon in the foreground): lines before `initiating ...` join the SA', () => {
    const a = A('stdout-01-charon-foreground');
    const vids = of(a, 'ike.vid').filter((e) => e.dir === 'out');
    expect(vids.length).toBe(5);
    for (const e of vids) expect(e.sa?.conn).toBe('1');
    expect(a.events.filter((e) => e.kind === 'log.line' && e.record === 'strongswan.daemonStart')[0]?.sa).toBeUndefined();
  });

  it('syslog-01: time as printed', () => {
    const a = A('syslog-01-established');
    expect(of(a, 'ike.msg')[0]!.time).toMatch(/^Nov 22 11:20:\d\d$/);
    expect(of(B('syslog-01-established'), 'ike.msg')[0]!.time).toMatch(/^2026-11-22T11:20:/);
  });

  it('mm-08 (verbose): hexdumps and encoding steps are log lines of the SA', () => {
    const a = A('mm-08-verbose');
    const hex = a.events.filter((e) => e.kind === 'log.line' && e.record === 'strongswan.hexdump');
    expect(hex.length).toBeGreaterThan(10);
    for (const e of hex) expect(e.sa?.conn).toBe('1');
    expect(of(a, 'ipsec.spi').map((e) => [e.dir, e.spi])).toEqual([
      ['in', 'be3fff6b'],
      ['out', '056613d7'],
    ]);
  });
});
