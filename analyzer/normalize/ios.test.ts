// The Cisco IOS normalizer: the corpus entries (checked against their hand-written expect.json) and
// small logs in the IOS 12.4 / 15.x forms for the failure wordings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLog } from '../../grammars/index.js';
import { corpusEntries } from '../../corpus/entries.js';
import { labelFacts, ofKind, type Event, type EventOf } from '../model/index.js';
import { normalize } from './index.js';

function run(text: string, node = 'R1'): Event[] {
  return normalize(parseLog(text), { file: 'test.log', node });
}

interface Phase2Expect {
  msgid: string;
  localProxy: string;
  remoteProxy: string;
  protocol: string;
  transforms: string[];
  mode: string;
  spiIn: string;
  spiOut: string;
  lifetimeSeconds: number | null;
  lifetimeKb: number | null;
}
interface SessionExpect {
  node: string;
  local: string;
  peer: string;
  role: 'initiator' | 'responder';
  mode: 'main' | 'aggressive';
  exchanges: string[];
  phase1: { encryption: string; hash: string; group: number; lifetime: number };
  phase2: Phase2Expect[];
  xauth: { user: string | null; outcome: string } | null;
  modeConfig: { address: string; dns: string[]; wins: string[]; domain: string } | null;
  ted: 'probe' | 'reply' | null;
}

const IOS_ENTRIES = ['ios-mm-01-hub-responder-spoke', 'ios-am-01-hub-responder-vpnclient', 'ios-ted-01-daphne-initiator', 'ios-ted-02-fred-responder'];

/** The exchange and direction of a label, for the node with this IKE role (the IKE responder is the XAUTH server). */
function expectedMsg(label: string, role: 'initiator' | 'responder'): { exchange: string; dir?: 'in' | 'out' } {
  const f = labelFacts(label);
  if (!f) throw new Error(`unknown label ${label}`);
  const exchange = f.exchange === 'xauth' || f.exchange === 'cfg-pull' || f.exchange === 'cfg-push' ? 'transaction' : f.exchange === 'dpd' ? 'informational' : f.exchange;
  if (f.sender === 'either') return { exchange };
  const sender = f.exchange === 'xauth' || f.exchange === 'cfg-push' ? (f.sender === 'initiator' ? 'responder' : 'initiator') : f.sender;
  return { exchange, dir: sender === role ? 'out' : 'in' };
}

const spi = (s: string) => s.replace(/^0x/i, '').toLowerCase();

describe('normalizeIos on the corpus', () => {
  const entries = corpusEntries().filter((e) => IOS_ENTRIES.includes(e.name));
  it('finds the IOS entries', () => {
    expect(entries.map((e) => e.name).sort()).toEqual([...IOS_ENTRIES].sort());
  });

  for (const entry of entries) {
    const session = (entry.expect as { sessions: SessionExpect[] }).sessions[0]!;
    const text = readFileSync(entry.logs[0]!.path, 'utf8');
    const records = parseLog(text);
    const events = normalize(records, { file: 'input.log', node: session.node });
    const msgs = ofKind(events, 'ike.msg');

    describe(entry.name, () => {
      it('keeps the node name on every event and gives every record an event', () => {
        expect(events.every((e) => e.node === session.node)).toBe(true);
        const lines = new Set(events.map((e) => ('line' in e.origin ? e.origin.line : -1)));
        const missing = records.filter((r) => r.family === 'ios' && !lines.has(r.line)).map((r) => `${r.line} ${r.kind}`);
        expect(missing).toEqual([]);
      });

      it('puts every IKE event on an SA with a conn-id', () => {
        const ike = events.filter((e) => e.kind.startsWith('ike.') || e.kind.startsWith('ipsec.'));
        expect(ike.filter((e) => !e.sa?.conn).map((e) => `${'line' in e.origin ? e.origin.line : ''} ${e.kind}`)).toEqual([]);
        expect(ike.filter((e) => e.sa?.conn === '0' || e.sa?.conn?.startsWith('0#'))).toEqual([]);
      });

      it('shows every message of expect.json, in order, with its exchange and direction', () => {
        const got = msgs.filter((m) => !m.retransmit).map((m) => `${m.dir} ${m.exchange}`);
        const want = session.exchanges.map((l) => expectedMsg(l, session.role));
        expect(got.length).toBe(want.length);
        want.forEach((w, i) => {
          const [dir, exchange] = got[i]!.split(' ');
          expect(exchange, `${session.exchanges[i]} (message ${i + 1})`).toBe(w.exchange);
          if (w.dir) expect(dir, `${session.exchanges[i]} (message ${i + 1})`).toBe(w.dir);
        });
      });

      it('gives phase-1 messages message ID 0 and Quick Mode messages the Quick Mode message ID', () => {
        for (const m of msgs) if (m.exchange === 'main' || m.exchange === 'aggressive' || m.exchange === 'ted') expect(m.msgid).toBe(0);
        const qm = msgs.filter((m) => m.exchange === 'quick').map((m) => m.msgid);
        expect(qm).toEqual(session.phase2.flatMap((p) => [Number(p.msgid), Number(p.msgid), Number(p.msgid)]));
      });

      it('knows the role and the peer of the negotiation', () => {
        const main = msgs.filter((m) => m.exchange !== 'ted');
        for (const m of main) {
          expect(m.role).toBe(session.role);
          expect(m.peer?.address).toBe(session.peer);
          expect(m.remote?.address).toBe(session.peer);
          expect(m.local?.address).toBe(session.local);
        }
      });

      it('has the accepted phase-1 proposal with canonical attributes', () => {
        const accepted = ofKind(events, 'ike.proposal').filter((p) => p.phase === 1 && p.stage === 'accepted');
        expect(accepted).toHaveLength(1);
        const a = accepted[0]!.attrs;
        expect(a.encryption).toBe(session.phase1.encryption);
        expect(a.hash).toBe(session.phase1.hash);
        expect(a.group).toBe(session.phase1.group);
        // the effective lifetime: the responder-lifetime notify when one was sent, else the proposal's
        const notify = ofKind(events, 'ike.notify').find((n) => n.type === 'RESPONDER_LIFETIME');
        expect(notify?.lifetime?.seconds ?? a.lifetimeSeconds).toBe(session.phase1.lifetime);
        const offered = ofKind(events, 'ike.proposal').filter((p) => p.phase === 1 && p.stage === 'offered');
        expect(offered.every((p) => p.source === 'peer')).toBe(true);
        expect(ofKind(events, 'ike.proposal').find((p) => p.phase === 1 && p.stage === 'checked')?.policy).toBe('priority 10 policy');
      });

      it('reports phase 1 and each Quick Mode complete', () => {
        const phases = ofKind(events, 'ike.phase').filter((p) => p.status !== 'started');
        expect(phases.filter((p) => p.status === 'failed')).toEqual([]);
        const p1 = phases.filter((p) => p.phase === 1);
        expect(p1).toHaveLength(1);
        expect(p1[0]!.mode).toBe(session.mode);
        expect(phases.filter((p) => p.phase === 2).map((p) => p.msgid)).toEqual(session.phase2.map((p) => Number(p.msgid)));
      });

      it('has the IPsec SAs with their SPIs, proxies (CIDR), transforms and lifetimes', () => {
        const sas = ofKind(events, 'ipsec.sa');
        for (const p2 of session.phase2) {
          const inb = sas.filter((s) => s.dir === 'in');
          const outb = sas.filter((s) => s.dir === 'out');
          expect(new Set(inb.map((s) => s.spi))).toEqual(new Set([spi(p2.spiIn)]));
          expect(new Set(outb.map((s) => s.spi))).toEqual(new Set([spi(p2.spiOut)]));
          // one event per IPsec SA, completed by the later blocks that print it again
          expect(inb).toHaveLength(1);
          expect(outb).toHaveLength(1);
          for (const s of sas) {
            expect(s.protocol).toBe(p2.protocol);
            expect(s.local?.address).toBe(p2.localProxy);
            expect(s.remote?.address).toBe(p2.remoteProxy);
            expect(s.transforms).toEqual(p2.transforms);
            if (s.mode !== undefined) expect(s.mode).toBe(p2.mode); // 12.2 prints no mode in the key-engine block
            expect(s.lifetimeSeconds).toBe(p2.lifetimeSeconds ?? undefined);
            expect(s.lifetimeKilobytes).toBe(p2.lifetimeKb ?? undefined);
          }
          expect(ofKind(events, 'ipsec.spi').map((s) => s.spi)).toEqual([spi(p2.spiIn)]);
          const accepted = ofKind(events, 'ike.proposal').filter((p) => p.phase === 2 && p.stage === 'accepted');
          expect(accepted).toHaveLength(1);
          expect(accepted[0]!.attrs).toMatchObject({ protocol: p2.protocol, encapsulation: p2.mode, pfsGroup: 0 });
          // the Quick Mode message the peer sent carries both proxies as ID payloads
          const ids = msgs
            .filter((m) => m.exchange === 'quick' && m.dir === 'in')
            .flatMap((m) => m.payloads.filter((p) => p.type === 'ID' && p.id).map((p) => p.id!.value));
          expect(ids.map((v) => (v.includes('/') ? v : `${v}/32`)).sort()).toEqual([p2.localProxy, p2.remoteProxy].sort());
        }
      });

      it('authenticates the peer', () => {
        const auth = ofKind(events, 'ike.auth');
        expect(auth.map((a) => a.result)).toEqual(['ok']);
        expect(auth[0]!.method === 'psk' || auth[0]!.method === 'xauth-init-psk').toBe(true);
      });

      it('has the XAUTH and Mode-Config facts', () => {
        const xauth = ofKind(events, 'ike.xauth');
        const cfg = ofKind(events, 'ike.cfg');
        if (!session.xauth) expect(xauth).toEqual([]);
        else {
          expect(xauth.map((x) => `${x.step} ${x.dir}`)).toEqual(['request out', 'reply in', 'set out', 'ack in']);
          expect(xauth.at(-1)!.status).toBe(session.xauth.outcome);
        }
        if (!session.modeConfig) expect(cfg).toEqual([]);
        else {
          const reply = cfg.find((c) => c.step === 'reply');
          expect(reply?.dir).toBe('out');
          expect(reply?.attributes).toMatchObject(session.modeConfig);
          expect(cfg.find((c) => c.step === 'request')?.requested).toContain('INTERNAL_IP4_ADDRESS');
        }
      });

      it('has the TED probe and reply', () => {
        const ted = ofKind(events, 'ike.ted');
        if (!session.ted) {
          expect(ted).toEqual([]);
          return;
        }
        expect(ted.map((t) => `${t.step} ${t.dir}`)).toEqual(session.ted === 'probe' ? ['probe out', 'reply in'] : ['probe in', 'reply out']);
        // the TED SA is its own short-lived ISAKMP SA
        expect(new Set(ted.map((t) => t.sa?.conn))).toEqual(new Set(['1']));
      });
    });
  }

  it('mm-01: the (0:0) line of the new SA belongs to conn 1, and the QM1 payloads are complete', () => {
    const events = run(readFileSync(corpusEntries().find((e) => e.name === 'ios-mm-01-hub-responder-spoke')!.logs[0]!.path, 'utf8'), 'hub');
    const first = ofKind(events, 'ike.msg')[0]!;
    expect(first.sa?.conn).toBe('1');
    expect(first.origin).toMatchObject({ line: 1 });
    const qm1 = ofKind(events, 'ike.msg').find((m) => m.exchange === 'quick')!;
    expect(qm1.payloads.map((p) => p.type)).toEqual(['HASH', 'SA', 'NONCE', 'ID', 'ID']);
    expect(qm1.payloads[3]!.id).toEqual({ type: 'ipv4-addr-subnet', value: '10.2.0.0/16', protocol: 0, port: 0 });
    const auth = ofKind(events, 'ike.auth')[0]!;
    expect(auth.peerId).toEqual({ type: 'ipv4-addr', value: '10.100.2.102', protocol: 17, port: 500 });
    expect(auth.localId).toEqual({ type: 'ipv4-addr', value: '10.48.67.181', protocol: 17, port: 500 });
    const states = ofKind(events, 'ike.state').filter((s) => s.vendorKind === 'fsm');
    expect(states[0]).toMatchObject({ vendor: 'IKE_R_MM1', canonical: 'MAIN_R0', previous: { vendor: 'IKE_READY', canonical: 'IDLE' }, input: 'IKE_MESG_FROM_PEER, IKE_MM_EXCH' });
    expect(states.find((s) => s.vendor === 'IKE_QM_R_QM2')).toMatchObject({ canonical: 'QUICK_R1', scope: 'exchange' });
  });

  it('am-01: aggressive mode with group ID, vendor IDs, the INFO with the responder lifetime, XAUTH and Mode-Config messages', () => {
    const events = run(readFileSync(corpusEntries().find((e) => e.name === 'ios-am-01-hub-responder-vpnclient')!.logs[0]!.path, 'utf8'), 'hub');
    const msgs = ofKind(events, 'ike.msg');
    expect(msgs.map((m) => `${m.dir} ${m.exchange} ${m.msgid}`)).toEqual([
      'in aggressive 0',
      'out aggressive 0',
      'in aggressive 0',
      'out informational 1257790711',
      'out transaction 955647754',
      'in transaction 955647754',
      'out transaction 3176856558',
      'in transaction 3176856558',
      'in transaction 3496471852',
      'out transaction 3496471852',
      'in quick 381726614',
      'out quick 381726614',
      'in quick 381726614',
    ]);
    expect(msgs[0]!.payloads.find((p) => p.type === 'ID')?.id).toEqual({ type: 'key-id', value: 'testgroup', protocol: 17, port: 500 });
    expect(msgs[2]!.payloads.find((p) => p.type === 'N')?.notify?.type).toBe('INITIAL_CONTACT');
    expect(msgs[3]!.payloads).toEqual([{ type: 'N', notify: { type: 'RESPONDER_LIFETIME' } }]);
    expect(msgs.map((m) => m.payloads.find((p) => p.type === 'ATTR')?.cfg?.type)).toEqual([
      undefined, undefined, undefined, undefined, 'request', 'reply', 'set', 'ack', 'request', 'reply', undefined, undefined, undefined,
    ]);
    const vids = ofKind(events, 'ike.vid');
    expect(vids.map((v) => `${v.dir} ${v.name}`)).toEqual(['in xauth', 'in dpd', 'in nat-t-draft-02', 'in unknown', 'in cisco-unity', 'out nat-t-draft-02']);
    expect(ofKind(events, 'ike.xauth')[0]!.attributes).toEqual(['XAUTH_USER_NAME', 'XAUTH_USER_PASSWORD']);
    const req = ofKind(events, 'ike.cfg').find((c) => c.step === 'request')!;
    expect(req.msgid).toBe(3496471852);
    expect(req.requested).toContain('UNITY_BANNER'); // "UNKNOWN Unknown Attr: 0x7000"
    const reply = ofKind(events, 'ike.cfg').find((c) => c.step === 'reply')!;
    expect(reply.attributes?.addressExpiry).toBe(86386);
    expect(reply.attributes?.applicationVersion).toMatch(/^Cisco Internetwork Operating System Software\nIOS \(tm\) 7200/);
    const notify = ofKind(events, 'ike.notify');
    expect(notify.map((n) => `${n.dir} ${n.type}`)).toEqual(['in INITIAL_CONTACT', 'out RESPONDER_LIFETIME']);
    expect(ofKind(events, 'ike.proposal').find((p) => p.stage === 'accepted' && p.phase === 1)?.attrs.auth).toBe('xauth-init-psk');
  });

  it('ted-01: the probe to the original destination and the reply of the gateway, then Main Mode on conn 2', () => {
    const events = run(readFileSync(corpusEntries().find((e) => e.name === 'ios-ted-01-daphne-initiator')!.logs[0]!.path, 'utf8'), 'Daphne');
    const [probe, reply] = ofKind(events, 'ike.ted');
    expect(probe).toMatchObject({ step: 'probe', dir: 'out', target: '12.12.12.13', proxies: { local: { address: '13.13.13.0/24' } }, role: 'initiator' });
    expect(reply).toMatchObject({ step: 'reply', dir: 'in', gateway: '11.11.11.2', proxies: { local: { address: '13.13.13.0/24' }, remote: { address: '12.12.12.0/24' } } });
    const mm = ofKind(events, 'ike.msg').filter((m) => m.exchange === 'main');
    expect(new Set(mm.map((m) => m.sa?.conn))).toEqual(new Set(['2']));
    expect(ofKind(events, 'ike.phase').find((p) => p.status === 'started' && p.phase === 2)?.msgid).toBe(409419560);
    // the TED SA is deleted by design ("delete_me flag/throw"): not a failure
    expect(ofKind(events, 'ike.state').find((s) => s.vendor === 'DELETING')?.sa?.conn).toBe('1');
  });

  it('ted-02: the probe received from the protected host, answered to the peer gateway', () => {
    const events = run(readFileSync(corpusEntries().find((e) => e.name === 'ios-ted-02-fred-responder')!.logs[0]!.path, 'utf8'), 'fred');
    const [probe, reply] = ofKind(events, 'ike.ted');
    expect(probe).toMatchObject({ step: 'probe', dir: 'in', target: '13.13.13.14', gateway: '11.11.11.1', proxies: { remote: { address: '13.13.13.0/24' } }, role: 'responder' });
    expect(reply).toMatchObject({ step: 'reply', dir: 'out', target: '11.11.11.1' });
    // 12.2 prints MM6 as "(R) QM_IDLE"
    const mm6 = ofKind(events, 'ike.msg').filter((m) => m.exchange === 'main').at(-1)!;
    expect(mm6).toMatchObject({ dir: 'out', origin: { line: 74 } });
  });
});

// ---------------------------------------------------------------------------------------------------
// Failure wordings (IOS 12.4 / 15.x forms)
// ---------------------------------------------------------------------------------------------------

const P1_MISMATCH = `*Mar  1 00:10:01.123: ISAKMP (0:0): received packet from 10.1.1.2 dport 500 sport 500 Global (N) NEW SA
*Mar  1 00:10:01.123: ISAKMP: Created a peer struct for 10.1.1.2, peer port 500
*Mar  1 00:10:01.123: ISAKMP: local port 500, remote port 500
*Mar  1 00:10:01.127: ISAKMP: insert sa successfully sa = 6A1C1C34
*Mar  1 00:10:01.127: ISAKMP:(0):Input = IKE_MESG_FROM_PEER, IKE_MM_EXCH
*Mar  1 00:10:01.127: ISAKMP:(0):Old State = IKE_READY  New State = IKE_R_MM1
*Mar  1 00:10:01.127: ISAKMP:(0): processing SA payload. message ID = 0
*Mar  1 00:10:01.127: ISAKMP:(0):found peer pre-shared key matching 10.1.1.2
*Mar  1 00:10:01.127: ISAKMP:(0):Checking ISAKMP transform 1 against priority 10 policy
*Mar  1 00:10:01.127: ISAKMP:      encryption AES-CBC
*Mar  1 00:10:01.127: ISAKMP:      keylength of 256
*Mar  1 00:10:01.127: ISAKMP:      hash SHA
*Mar  1 00:10:01.127: ISAKMP:      default group 2
*Mar  1 00:10:01.127: ISAKMP:      auth pre-share
*Mar  1 00:10:01.127: ISAKMP:      life type in seconds
*Mar  1 00:10:01.127: ISAKMP:      life duration (VPI) of 0x0 0x1 0x51 0x80
*Mar  1 00:10:01.127: ISAKMP:(0):Encryption algorithm offered does not match policy!
*Mar  1 00:10:01.127: ISAKMP:(0):atts are not acceptable. Next payload is 0
*Mar  1 00:10:01.131: ISAKMP:(0):Checking ISAKMP transform 1 against priority 65535 policy
*Mar  1 00:10:01.131: ISAKMP:      encryption AES-CBC
*Mar  1 00:10:01.131: ISAKMP:      keylength of 256
*Mar  1 00:10:01.131: ISAKMP:      hash SHA
*Mar  1 00:10:01.131: ISAKMP:      default group 2
*Mar  1 00:10:01.131: ISAKMP:      auth pre-share
*Mar  1 00:10:01.131: ISAKMP:(0):Hash algorithm offered does not match policy!
*Mar  1 00:10:01.131: ISAKMP:(0):atts are not acceptable. Next payload is 0
*Mar  1 00:10:01.131: ISAKMP:(0):no offers accepted!
*Mar  1 00:10:01.131: ISAKMP:(0): phase 1 SA policy not acceptable! (local 10.1.1.1 remote 10.1.1.2)
*Mar  1 00:10:01.131: ISAKMP (0): incrementing error counter on sa, attempt 1 of 5: construct_fail_ag_init
*Mar  1 00:10:01.131: ISAKMP:(0): sending packet to 10.1.1.2 my_port 500 peer_port 500 (R) MM_NO_STATE
*Mar  1 00:10:01.131: ISAKMP:(0):Sending an IKE IPv4 Packet.
*Mar  1 00:10:01.131: ISAKMP:(0):peer does not do paranoid keepalives.
*Mar  1 00:10:01.131: ISAKMP:(0):deleting SA reason "Phase1 SA policy proposal not accepted" state (R) MM_NO_STATE (peer 10.1.1.2)
*Mar  1 00:10:01.131: ISAKMP (0:0): FSM action returned error: 2
*Mar  1 00:10:01.131: ISAKMP:(0):Input = IKE_MESG_INTERNAL, IKE_PROCESS_ERROR
*Mar  1 00:10:01.131: ISAKMP:(0):Old State = IKE_R_MM1  New State = IKE_R_MM1
*Mar  1 00:10:01.135: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 10.1.1.2
`;

const NO_RESPONSE = `*Mar  1 00:22:44.783: ISAKMP:(0): SA request profile is (NULL)
*Mar  1 00:22:44.787: ISAKMP: Created a peer struct for 10.1.1.2, peer port 500
*Mar  1 00:22:44.787: ISAKMP: Locking peer struct 0x6A2A8B0C, refcount 1 for isakmp_initiator
*Mar  1 00:22:44.787: ISAKMP: local port 500, remote port 500
*Mar  1 00:22:44.787: ISAKMP: set new node 0 to QM_IDLE
*Mar  1 00:22:44.791: ISAKMP: insert sa successfully sa = 66E8B9C8
*Mar  1 00:22:44.791: ISAKMP:(0):Can not start Aggressive mode, trying Main mode.
*Mar  1 00:22:44.791: ISAKMP:(0):found peer pre-shared key matching 10.1.1.2
*Mar  1 00:22:44.791: ISAKMP:(0): constructed NAT-T vendor-rfc3947 ID
*Mar  1 00:22:44.791: ISAKMP:(0):Input = IKE_MESG_FROM_IPSEC, IKE_SA_REQ_MM
*Mar  1 00:22:44.791: ISAKMP:(0):Old State = IKE_READY  New State = IKE_I_MM1
*Mar  1 00:22:44.795: ISAKMP:(0): beginning Main Mode exchange
*Mar  1 00:22:44.795: ISAKMP:(0): sending packet to 10.1.1.2 my_port 500 peer_port 500 (I) MM_NO_STATE
*Mar  1 00:22:44.795: ISAKMP:(0):Sending an IKE IPv4 Packet.
*Mar  1 00:22:54.795: ISAKMP:(0): retransmitting phase 1 MM_NO_STATE...
*Mar  1 00:22:54.795: ISAKMP (0): incrementing error counter on sa, attempt 1 of 5: retransmit phase 1
*Mar  1 00:22:54.795: ISAKMP:(0): retransmitting phase 1 MM_NO_STATE...
*Mar  1 00:22:54.795: ISAKMP:(0): sending packet to 10.1.1.2 my_port 500 peer_port 500 (I) MM_NO_STATE
*Mar  1 00:22:54.795: ISAKMP:(0):Sending an IKE IPv4 Packet.
*Mar  1 00:23:04.795: ISAKMP:(0): retransmitting phase 1 MM_NO_STATE...
*Mar  1 00:23:04.795: ISAKMP (0): incrementing error counter on sa, attempt 5 of 5: retransmit phase 1
*Mar  1 00:23:04.795: ISAKMP:(0):peer does not do paranoid keepalives.
*Mar  1 00:23:04.795: ISAKMP:(0):deleting SA reason "Death by retransmission P1" state (I) MM_NO_STATE (peer 10.1.1.2)
`;

const P2_MISMATCH = `ISAKMP (1001): received packet from 10.1.1.2 dport 500 sport 500 Global (R) QM_IDLE
ISAKMP: set new node 1286270330 to QM_IDLE
ISAKMP:(1001): processing HASH payload. message ID = 1286270330
ISAKMP:(1001): processing SA payload. message ID = 1286270330
ISAKMP:(1001):Checking IPSec proposal 1
ISAKMP: transform 1, ESP_AES
ISAKMP:   attributes in transform:
ISAKMP:      encaps is 1 (Tunnel)
ISAKMP:      SA life type in seconds
ISAKMP:      SA life duration (basic) of 3600
ISAKMP:      SA life type in kilobytes
ISAKMP:      SA life duration (VPI) of  0x0 0x46 0x50 0x0
ISAKMP:      authenticator is HMAC-SHA
ISAKMP:      key length is 256
ISAKMP:(1001):atts are acceptable.
IPSEC(validate_proposal_request): proposal part #1,
  (key eng. msg.) INBOUND local= 10.1.1.1:0, remote= 10.1.1.2:0,
    local_proxy= 192.168.1.0/255.255.255.0/0/0 (type=4),
    remote_proxy= 192.168.2.0/255.255.255.0/0/0 (type=4),
    protocol= ESP, transform= esp-aes 256 esp-sha-hmac  (Tunnel),
    lifedur= 0s and 0kb,
    spi= 0x0(0), conn_id= 0, keysize= 256, flags= 0x0
IPSEC(validate_transform_proposal): transform proposal not supported for identity:
    {esp-aes 256 esp-sha-hmac }
ISAKMP:(1001): IPSec policy invalidated proposal with error 256
ISAKMP:(1001): phase 2 SA policy not acceptable! (local 10.1.1.1 remote 10.1.1.2)
ISAKMP: set new node 1567334584 to QM_IDLE
ISAKMP:(1001):sending NOTIFY PROPOSAL_NOT_CHOSEN protocol 3
        spi 1734212436, message ID = 1567334584
ISAKMP:(1001): sending packet to 10.1.1.2 my_port 500 peer_port 500 (R) QM_IDLE
ISAKMP:(1001):Sending an IKE IPv4 Packet.
ISAKMP:(1001):purging node 1567334584
ISAKMP:(1001):deleting node 1286270330 error TRUE reason "QM rejected"
ISAKMP:(1001):Node 1286270330, Input = IKE_MESG_FROM_PEER, IKE_QM_EXCH
ISAKMP:(1001):Old State = IKE_QM_READY  New State = IKE_QM_READY
`;

const PSK_MISMATCH = `ISAKMP (0:0): received packet from 10.1.1.2 dport 500 sport 500 Global (N) NEW SA
ISAKMP: local port 500, remote port 500
ISAKMP: insert sa successfully sa = 6A1C1C34
ISAKMP:(0):Input = IKE_MESG_FROM_PEER, IKE_MM_EXCH
ISAKMP:(0):Old State = IKE_READY  New State = IKE_R_MM1
ISAKMP:(0): processing SA payload. message ID = 0
ISAKMP:(0):Checking ISAKMP transform 1 against priority 10 policy
ISAKMP:      encryption 3DES-CBC
ISAKMP:      hash SHA
ISAKMP:      default group 2
ISAKMP:      auth pre-share
ISAKMP:(0):atts are acceptable. Next payload is 0
ISAKMP:(0): sending packet to 10.1.1.2 my_port 500 peer_port 500 (R) MM_SA_SETUP
ISAKMP (0:0): received packet from 10.1.1.2 dport 500 sport 500 Global (R) MM_SA_SETUP
ISAKMP:(0): processing KE payload. message ID = 0
ISAKMP:(0): processing NONCE payload. message ID = 0
ISAKMP:(0): sending packet to 10.1.1.2 my_port 500 peer_port 500 (R) MM_KEY_EXCH
ISAKMP (0:0): received packet from 10.1.1.2 dport 500 sport 500 Global (R) MM_KEY_EXCH
ISAKMP (0:0): reserved not zero on payload 5!
%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 10.1.1.2 failed its sanity check or is malformed
`;

const AFTER_P1 = `IPSEC(sa_request): ,
  (key eng. msg.) OUTBOUND local= 10.1.1.1, remote= 10.1.1.2,
    local_proxy= 192.168.1.0/255.255.255.0/0/0 (type=4),
    remote_proxy= 192.168.2.0/255.255.255.0/0/0 (type=4),
    protocol= ESP, transform= esp-aes esp-sha-hmac  (Tunnel),
    lifedur= 3600s and 4608000kb,
    spi= 0x0(0), conn_id= 0, keysize= 128, flags= 0x0
ISAKMP (0:0): received packet from 10.1.1.2 dport 500 sport 500 Global (I) MM_KEY_EXCH
ISAKMP:(0): processing ID payload. message ID = 0
ISAKMP:(0): processing HASH payload. message ID = 0
ISAKMP:(1001):SA has been authenticated with 10.1.1.2
ISAKMP:(1001):Old State = IKE_I_MM5  New State = IKE_I_MM6
ISAKMP:(1001):Old State = IKE_I_MM6  New State = IKE_P1_COMPLETE
ISAKMP:(1001):beginning Quick Mode exchange, M-ID of 1286270330
ISAKMP:(1001): sending packet to 10.1.1.2 my_port 500 peer_port 500 (I) QM_IDLE
ISAKMP:(1001):Node 1286270330, Input = IKE_MESG_INTERNAL, IKE_INIT_QM
ISAKMP:(1001): retransmitting phase 2 QM_IDLE       1286270330 ...
ISAKMP:(1001): sending packet to 10.1.1.2 my_port 500 peer_port 500 (I) QM_IDLE
ISAKMP:(1001):DPD/R_U_THERE received from peer 10.1.1.2, sequence 0x5DD1ED25
ISAKMP:(1001):peer not responding!
`;

function failures(events: Event[]): EventOf<'ike.phase'>[] {
  return ofKind(events, 'ike.phase').filter((p) => p.status === 'failed');
}

describe('normalizeIos failure wordings', () => {
  it('phase-1 proposal refused: offered once, checked and rejected per policy with the attribute named, one phase failure', () => {
    const events = run(P1_MISMATCH);
    const props = ofKind(events, 'ike.proposal');
    expect(props.map((p) => `${p.stage} ${p.policy ?? ''}`.trim())).toEqual([
      'offered',
      'checked priority 10 policy',
      'rejected priority 10 policy',
      'checked priority 65535 policy',
      'rejected priority 65535 policy',
    ]);
    expect(props[0]!.attrs).toEqual({ encryption: 'aes256', keyLength: 256, hash: 'sha1', group: 2, auth: 'psk', lifetimeSeconds: 86400 });
    expect(props[2]!.reason).toMatchObject({ attribute: 'encryption', offered: 'aes256', text: 'Encryption algorithm offered does not match policy!' });
    expect(props[4]!.reason).toMatchObject({ attribute: 'hash', offered: 'sha1' });
    const f = failures(events);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ phase: 1, reason: 'proposal', text: 'no offers accepted!', mode: 'main' });
    // the packet sent after the refusal is the error notify, not MM2
    const msgs = ofKind(events, 'ike.msg');
    expect(msgs.map((m) => `${m.dir} ${m.exchange}`)).toEqual(['in main', 'out informational']);
    // the lines after the delete still belong to the same (provisional) SA
    expect(new Set(events.filter((e) => e.sa).map((e) => e.sa!.conn))).toEqual(new Set(['0']));
  });

  it('no response: MM1 retransmitted, then phase 1 failed with no_response', () => {
    const events = run(NO_RESPONSE);
    const msgs = ofKind(events, 'ike.msg');
    expect(msgs.map((m) => `${m.dir} ${m.exchange} ${m.retransmit ?? false}`)).toEqual(['out main false', 'out main true']);
    expect(msgs[0]!.payloads).toEqual([{ type: 'VID', vendorId: { name: 'nat-t-rfc3947' } }]);
    expect(msgs.every((m) => m.role === 'initiator')).toBe(true);
    expect(failures(events)).toEqual([expect.objectContaining({ phase: 1, reason: 'no_response' })]);
    expect(ofKind(events, 'ike.phase').find((p) => p.status === 'started')).toMatchObject({ phase: 1, mode: 'main' });
  });

  it('phase-2 transform refused by IPsec: proposal rejected, Quick Mode failed, NO_PROPOSAL_CHOSEN sent in an informational', () => {
    const events = run(P2_MISMATCH);
    const msgs = ofKind(events, 'ike.msg');
    expect(msgs.map((m) => `${m.dir} ${m.exchange} ${m.msgid}`)).toEqual(['in quick 1286270330', 'out informational 1567334584']);
    expect(msgs[1]!.payloads).toEqual([{ type: 'N', notify: { type: 'NO_PROPOSAL_CHOSEN' } }]);
    // IOS stopped at the SA payload; the proxies come from the key-engine block, as the QM1's last payloads
    expect(msgs[0]!.payloads.map((p) => (p.type === 'ID' ? `ID ${p.id?.value}` : p.type))).toEqual(['HASH', 'SA', 'ID 192.168.2.0/24', 'ID 192.168.1.0/24']);
    const props = ofKind(events, 'ike.proposal');
    expect(props.map((p) => p.stage)).toEqual(['offered', 'accepted', 'rejected']);
    expect(props[0]!.attrs).toEqual({
      protocol: 'esp',
      encryption: 'aes256',
      keyLength: 256,
      hash: 'sha1',
      encapsulation: 'tunnel',
      lifetimeSeconds: 3600,
      lifetimeKilobytes: 4608000,
      pfsGroup: 0,
    });
    expect(props[2]!.reason?.text).toMatch(/transform proposal not supported/);
    expect(failures(events)).toEqual([expect.objectContaining({ phase: 2, reason: 'proposal', msgid: 1286270330 })]);
    expect(ofKind(events, 'ike.notify')).toEqual([expect.objectContaining({ dir: 'out', type: 'NO_PROPOSAL_CHOSEN', protocol: 'esp', spi: '675dfb54' })]);
  });

  it('a garbled MM5 is a pre-shared key mismatch', () => {
    const events = run(PSK_MISMATCH);
    expect(ofKind(events, 'ike.msg').map((m) => m.dir)).toEqual(['in', 'out', 'in', 'out', 'in']);
    expect(failures(events)).toEqual([expect.objectContaining({ phase: 1, reason: 'psk', text: 'reserved not zero on payload 5!' })]);
    expect(ofKind(events, 'ike.auth')).toEqual([expect.objectContaining({ result: 'failed', method: 'psk' })]);
  });

  it('the copies of a garbled MM5 the peer sends again are retransmissions; the MM4 sent again too; one failure', () => {
    const events = run(`${PSK_MISMATCH}ISAKMP:(1001): retransmitting phase 1 MM_KEY_EXCH...
ISAKMP (1001): incrementing error counter on sa, attempt 1 of 5: retransmit phase 1
ISAKMP:(1001): retransmitting phase 1 MM_KEY_EXCH
ISAKMP:(1001): sending packet to 10.1.1.2 my_port 500 peer_port 500 (R) MM_KEY_EXCH
ISAKMP (1001): received packet from 10.1.1.2 dport 500 sport 500 Global (R) MM_KEY_EXCH
ISAKMP:(1001):reserved not zero on payload 5!
%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 10.1.1.2 failed its sanity check or is malformed
ISAKMP:(1001):deleting SA reason "Death by retransmission P1" state (R) MM_KEY_EXCH (peer 10.1.1.2)
`);
    const msgs = ofKind(events, 'ike.msg');
    expect(msgs.map((m) => `${m.dir} ${m.retransmit ?? false}`)).toEqual(['in false', 'out false', 'in false', 'out false', 'in false', 'out true', 'in true']);
    expect(failures(events)).toEqual([expect.objectContaining({ phase: 1, reason: 'psk' })]);
    expect(ofKind(events, 'ike.auth')).toHaveLength(1);
  });

  it('12.4(T)+ goes through the vendor IDs of MM1 twice: each payload is counted once', () => {
    const vids = `ISAKMP:(0): processing vendor id payload
ISAKMP:(0): vendor ID seems Unity/DPD but major 69 mismatch
ISAKMP (0): vendor ID is NAT-T RFC 3947
ISAKMP:(0): processing vendor id payload
ISAKMP:(0): vendor ID seems Unity/DPD but major 123 mismatch
ISAKMP:(0): vendor ID is NAT-T v2
`;
    const events = run(`ISAKMP (0): received packet from 10.1.1.2 dport 500 sport 500 Global (N) NEW SA
ISAKMP:(0): processing SA payload. message ID = 0
${vids}ISAKMP:(0):Checking ISAKMP transform 1 against priority 10 policy
ISAKMP:      encryption AES-CBC
ISAKMP:(0):atts are acceptable. Next payload is 0
${vids}ISAKMP:(0): sending packet to 10.1.1.2 my_port 500 peer_port 500 (R) MM_SA_SETUP
`);
    const mm1 = ofKind(events, 'ike.msg')[0]!;
    expect(mm1.payloads).toEqual([
      { type: 'SA' },
      { type: 'VID', vendorId: { name: 'nat-t-rfc3947' } },
      { type: 'VID', vendorId: { name: 'nat-t-draft-02' } },
    ]);
    expect(ofKind(events, 'ike.vid').map((v) => v.name)).toEqual(['nat-t-rfc3947', 'nat-t-draft-02']);
  });

  it('an initiator learns its own address from the IPSEC(sa_request) that started the negotiation', () => {
    const events = run(`IPSEC(sa_request): ,
  (key eng. msg.) OUTBOUND local= 10.1.1.1:0, remote= 10.1.1.2:0,
    local_proxy= 192.168.1.0/255.255.255.0/0/0 (type=4),
    remote_proxy= 192.168.2.0/255.255.255.0/0/0 (type=4),
    protocol= ESP, transform= esp-aes esp-sha-hmac  (Tunnel),
    lifedur= 3600s and 4608000kb,
    spi= 0x0(0), conn_id= 0, keysize= 128, flags= 0x0
${NO_RESPONSE}`);
    const msgs = ofKind(events, 'ike.msg');
    expect(msgs.map((m) => `${m.local?.address} ${m.local?.port}`)).toEqual(['10.1.1.1 500', '10.1.1.1 500']);
    // the request is where the negotiation starts: its line belongs to the SA
    expect(events.filter((e) => 'line' in e.origin && e.origin.line === 1).map((e) => `${e.kind} ${e.sa?.conn} ${e.peer?.address}`)).toEqual(['log.line 0 10.1.1.2']);
    expect(failures(events)).toEqual([expect.objectContaining({ phase: 1, reason: 'no_response' })]);
  });

  it('a sanity-check failure before the encrypted messages is a malformed message', () => {
    const events = run(`ISAKMP (0:0): received packet from 10.1.1.2 dport 500 sport 500 Global (N) NEW SA
ISAKMP:(0):IKE message from 10.1.1.2 failed its sanity check or is malformed
`);
    expect(failures(events)).toEqual([expect.objectContaining({ phase: 1, reason: 'malformed' })]);
  });

  it('no pre-shared key for the peer', () => {
    const events = run(`ISAKMP (0:0): received packet from 10.1.1.9 dport 500 sport 500 Global (N) NEW SA
ISAKMP: local port 500, remote port 500
ISAKMP:(0):No pre-shared key with 10.1.1.9!
`);
    expect(failures(events)).toEqual([expect.objectContaining({ phase: 1, reason: 'no_psk', text: 'No pre-shared key with 10.1.1.9!' })]);
    // no key, no authentication: not a key mismatch
    expect(ofKind(events, 'ike.auth')).toEqual([]);
  });

  it('12.4: the (0) lines of phase 1 take the conn-id printed once the peer is authenticated; QM retransmitted; DPD; peer not responding', () => {
    const events = run(AFTER_P1);
    expect(new Set(events.filter((e) => e.sa).map((e) => e.sa!.conn))).toEqual(new Set(['1001']));
    const msgs = ofKind(events, 'ike.msg');
    expect(msgs.map((m) => `${m.dir} ${m.exchange} ${m.msgid} ${m.retransmit ?? false}`)).toEqual([
      'in main 0 false',
      'out quick 1286270330 false',
      'out quick 1286270330 true',
    ]);
    // QM1 carries the proxies IPsec asked for (IPSEC(sa_request), printed before phase 1)
    expect(msgs[1]!.payloads.map((p) => p.id?.value)).toEqual(['192.168.1.0/24', '192.168.2.0/24']);
    expect(msgs[2]!.payloads).toEqual(msgs[1]!.payloads);
    expect(ofKind(events, 'ike.dpd')).toEqual([expect.objectContaining({ step: 'r-u-there', dir: 'in', dpdSeq: 0x5dd1ed25 })]);
    expect(failures(events)).toEqual([expect.objectContaining({ phase: 2, reason: 'no_response', msgid: 1286270330 })]);
    expect(ofKind(events, 'ike.phase').filter((p) => p.status === 'complete')).toEqual([expect.objectContaining({ phase: 1 })]);
  });

  it('proxy identities refused, notifies received from the peer', () => {
    const events = run(`ISAKMP:(1001): received packet from 10.1.1.2 dport 500 sport 500 Global (R) QM_IDLE
ISAKMP: set new node 1459547346 to QM_IDLE
ISAKMP:(1001): processing HASH payload. message ID = 1459547346
ISAKMP:(1001): processing SA payload. message ID = 1459547346
IPSEC(validate_transform_proposal): proxy identities not supported
ISAKMP:(1002): received packet from 10.9.9.9 dport 500 sport 500 Global (I) QM_IDLE
ISAKMP: set new node 1734212436 to QM_IDLE
ISAKMP:(1002): processing HASH payload. message ID = 1734212436
ISAKMP:(1002):processing NOTIFY PROPOSAL_NOT_CHOSEN protocol 3
        spi 1734212436, message ID = 1734212436
`);
    const f = failures(events);
    expect(f.map((p) => `${p.sa?.conn} ${p.phase} ${p.reason}`)).toEqual(['1001 2 proxy', '1002 2 proposal']);
    const msgs = ofKind(events, 'ike.msg');
    expect(msgs.map((m) => `${m.sa?.conn} ${m.exchange} ${m.msgid}`)).toEqual(['1001 quick 1459547346', '1002 informational 1734212436']);
    expect(ofKind(events, 'ike.notify')).toEqual([expect.objectContaining({ dir: 'in', type: 'NO_PROPOSAL_CHOSEN', protocol: 'esp' })]);
  });

  it('the peer answers MM1 with an error notify', () => {
    const events = run(`ISAKMP:(0): beginning Main Mode exchange
ISAKMP:(0): sending packet to 10.1.1.2 my_port 500 peer_port 500 (I) MM_NO_STATE
ISAKMP (0:0): received packet from 10.1.1.2 dport 500 sport 500 Global (I) MM_NO_STATE
ISAKMP:(0): processing NOTIFY PROPOSAL_NOT_CHOSEN protocol 1
        spi 0, message ID = 1734212436
`);
    expect(ofKind(events, 'ike.msg').map((m) => `${m.dir} ${m.exchange} ${m.msgid}`)).toEqual(['out main 0', 'in informational 1734212436']);
    expect(failures(events)).toEqual([expect.objectContaining({ phase: 1, reason: 'proposal', mode: 'main' })]);
    expect(ofKind(events, 'ike.notify')).toEqual([expect.objectContaining({ dir: 'in', type: 'NO_PROPOSAL_CHOSEN', protocol: 'isakmp' })]);
  });

  it('DPD and DELETE in informational exchanges', () => {
    const events = run(`ISAKMP (1001): received packet from 10.1.1.2 dport 500 sport 500 Global (R) QM_IDLE
ISAKMP: set new node -1045389028 to QM_IDLE
ISAKMP:(1001): processing HASH payload. message ID = -1045389028
ISAKMP:(1001): processing NOTIFY DPD/R_U_THERE protocol 1
        spi 0, message ID = -1045389028, sa = 0x66A8B0C0
ISAKMP:(1001):deleting node -1045389028 error FALSE reason "Informational (in) state 1"
ISAKMP:(1001):DPD/R_U_THERE received from peer 10.1.1.2, sequence 0x5DD1ED25
ISAKMP: set new node 1045389029 to QM_IDLE
ISAKMP:(1001):Sending NOTIFY DPD/R_U_THERE_ACK protocol 1
        spi 1734212436, message ID = 1045389029
ISAKMP:(1001): sending packet to 10.1.1.2 my_port 500 peer_port 500 (R) QM_IDLE
ISAKMP:(1001):purging node 1045389029
ISAKMP (1001): received packet from 10.1.1.2 dport 500 sport 500 Global (R) QM_IDLE
ISAKMP: set new node 1459547346 to QM_IDLE
ISAKMP:(1001): processing HASH payload. message ID = 1459547346
ISAKMP:(1001): processing DELETE payload. message ID = 1459547346
IPSEC(key_engine_delete_sas): rec'd delete notify from ISAKMP
IPSEC(key_engine_delete_sas): delete SA with spi 0xB0C0F4AC proto 50 for 10.1.1.2
ISAKMP:(1001):deleting node 1459547346 error FALSE reason "Informational (in) state 1"
`);
    const msgs = ofKind(events, 'ike.msg');
    expect(msgs.map((m) => `${m.dir} ${m.exchange} ${m.msgid}`)).toEqual(['in informational 3249578268', 'out informational 1045389029', 'in informational 1459547346']);
    expect(msgs[0]!.payloads).toEqual([{ type: 'HASH' }, { type: 'N', notify: { type: 'R_U_THERE' } }]);
    expect(msgs[1]!.payloads).toEqual([{ type: 'N', notify: { type: 'R_U_THERE_ACK' } }]);
    expect(msgs[2]!.payloads).toEqual([{ type: 'HASH' }, { type: 'D', delete: { protocol: 'esp' } }]);
    expect(ofKind(events, 'ike.dpd').map((d) => `${d.step} ${d.dir} ${d.dpdSeq ?? ''}`.trim())).toEqual(['r-u-there in 1574038821', 'ack out']);
    expect(ofKind(events, 'ike.notify').map((n) => `${n.dir} ${n.type}`)).toEqual(['in R_U_THERE', 'out R_U_THERE_ACK']);
    expect(ofKind(events, 'ike.delete')).toEqual([expect.objectContaining({ dir: 'in', protocol: 'esp', spis: ['b0c0f4ac'] })]);
    expect(failures(events)).toEqual([]);
  });

  it('never throws and keeps every line, also on lines out of any context', () => {
    const text = [
      'ISAKMP: encryption 3DES-CBC',
      'ISAKMP:(1001):atts are acceptable.',
      'has spi 0xF8B3BAC8 and conn_id 2000 and flags 2',
      'IPSEC(key_engine_delete_sas): delete SA with spi 0xB0C0F4AC proto 50 for 10.51.82.100',
      'ISAKMP: Config payload ACK',
      'ISAKMP:(1001):deleting node 1286270330 error TRUE reason "Death by retransmission P2"',
      '%CRYPTO-4-IKMP_NO_SA: IKE message from 10.1.1.2 has no SA and is not an initialization offer',
      'ISAKMP (0:1): QM FSM error',
      'ISAKMP:(0):Diffie-Hellman group offered does not match policy!',
      'this is not IOS',
    ].join('\n');
    const records = parseLog(text);
    const events = run(text, 'x');
    for (const r of records) expect(events.some((e) => 'line' in e.origin && e.origin.line === r.line)).toBe(true);
    expect(events.every((e) => e.node === 'x')).toBe(true);
  });
});
