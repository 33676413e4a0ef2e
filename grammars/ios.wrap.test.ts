// The reader rejoins IOS debug lines that a document or a terminal wrapped: each wrapped line must
// come out as ONE record spanning both physical lines, with the fields of the unwrapped line.
// For that, the first half of a wrapped line is not a complete record (or, when it is, the joined
// text parses too), and the second half is no record of its own.
import { describe, expect, it } from 'vitest';
import { parseLog, type LogRecord } from './index.js';

/** The records of a text, without the raw text (spans, kinds, fields). */
function brief(rs: readonly LogRecord[]) {
  return rs.map((r) => ({ line: r.line, endLine: r.endLine, kind: r.kind, fields: r.fields }));
}

/** A wrapped line must parse like the same line unwrapped (`joined`), spanning lines 1-2. */
function expectRejoined(first: string, second: string, joined: string): LogRecord {
  const whole = parseLog(joined);
  expect(whole).toHaveLength(1);
  expect(whole[0]!.kind).not.toBe('unparsed');
  const recs = parseLog(first + '\n' + second);
  expect(brief(recs)).toEqual([{ line: 1, endLine: 2, kind: whole[0]!.kind, fields: whole[0]!.fields }]);
  expect(recs[0]!.text).toBe(first + '\n' + second);
  return recs[0]!;
}

// Seed 004 (Cisco document 46242): the document re-wrapped long device lines at a word boundary,
// leaving a trailing space on the first half and indenting the second (exact text, spaces included).
const SEED_004_WRAPS: readonly (readonly [string, string])[] = [
  ['ISAKMP (0:0): received packet from 10.100.2.102 dport 500 sport 500 ', '              Global (N) NEW SA'],
  ['ISAKMP (0:1): sending packet to 10.100.2.102 my_port 500 peer_port ', '              500 (R) MM_SA_SETUP'],
  ['ISAKMP (0:1): received packet from 10.100.2.102 dport 500 sport 500 ', '              Global (R) MM_SA_SETUP'],
  ['ISAKMP (0:1): sending packet to 10.100.2.102 my_port 500 peer_port 500 ', '              (R) MM_KEY_EXCH'],
  ['ISAKMP (0:1): received packet from 10.100.2.102 dport 500 sport 500 Global ', '              (R) QM_IDLE '],
  ['IPSEC(spi_response): getting spi 4172528328 for SA from 10.48.67.181 to ', '                     10.100.2.102 for prot 3'],
  ['ISAKMP (0:0): received packet from 10.51.82.100 dport 500 sport 500 Global ', '              (N) NEW SA'],
  ['ISAKMP: Locking peer struct 0x644AFC7C, IKE refcount 1 for ', '        crypto_ikmp_config_initialize_sa'],
  ['ISAKMP (0:2): SA is doing pre-shared key authentication plus XAUTH ', '              using id type ID_IPV4_ADDR'],
  ['ISAKMP (0:2): sending packet to 10.51.82.100 my_port 500 peer_port 500 ', '             (R) AG_INIT_EXCH'],
  ["bring down existing phase 1 and 2 SA's with local 10.48.67.181 remote ", '        10.51.82.100 remote port 500'],
  ['ISAKMP: Trying to insert a peer 10.48.67.181/10.51.82.100/500/, ', '        and inserted successfully.'],
  ['ISAKMP (0:2): Old State = IKE_XAUTH_AAA_START_LOGIN_AWAIT New State = ', '              IKE_XAUTH_REQ_SENT '],
  ['ISAKMP (0:2): processing transaction payload from 10.51.82.100. message ', '              ID = 955647754'],
  ['ISAKMP (0:2): deleting node 955647754 error FALSE reason "done with ', '              xauth request/reply exchange"'],
  ['ISAKMP (0:2): sending packet to 10.51.82.100 my_port 500 peer_port ', '              500 (R) CONF_XAUTH '],
  ['ISAKMP (0:2): processing transaction payload from 10.51.82.100. message ', '              ID = -1118110738'],
];

describe('IOS lines wrapped by a document (seed 004)', () => {
  it('rejoins `sending packet ... peer_port` + `500 (R) MM_SA_SETUP`', () => {
    const r = expectRejoined(...SEED_004_WRAPS[1]!, 'ISAKMP (0:1): sending packet to 10.100.2.102 my_port 500 peer_port 500 (R) MM_SA_SETUP');
    expect(r.kind).toBe('ios.packet');
    expect(r.fields).toEqual({ engine: 0, conn: 1, dir: 'out', peer: '10.100.2.102', localPort: 500, peerPort: 500, role: 'R', state: 'MM_SA_SETUP' });
  });

  it('rejoins `received packet ... Global` + `(R) QM_IDLE`', () => {
    const r = expectRejoined(...SEED_004_WRAPS[4]!, 'ISAKMP (0:1): received packet from 10.100.2.102 dport 500 sport 500 Global (R) QM_IDLE');
    expect(r.kind).toBe('ios.packet');
    expect(r.fields).toEqual({ engine: 0, conn: 1, dir: 'in', peer: '10.100.2.102', localPort: 500, peerPort: 500, vrf: 'Global', role: 'R', state: 'QM_IDLE' });
  });

  it('rejoins `getting spi ... from 10.48.67.181 to` + `10.100.2.102 for prot 3`', () => {
    const r = expectRejoined(...SEED_004_WRAPS[5]!, 'IPSEC(spi_response): getting spi 4172528328 for SA from 10.48.67.181 to 10.100.2.102 for prot 3');
    expect(r.kind).toBe('ios.spiResponse');
    expect(r.fields).toEqual({ fn: 'spi_response', spi: 'f8b3bac8', from: '10.48.67.181', to: '10.100.2.102', prot: 3, parts: [] });
  });

  it.each(SEED_004_WRAPS.map((w) => [w[0].trim(), w] as const))('rejoins %s ...', (_n, [first, second]) => {
    expectRejoined(first, second, first.trimEnd() + ' ' + second.trim());
    // the first half alone is no record: nothing would be joined to a complete record
    expect(parseLog(first).map((r) => r.kind)).toEqual(['unparsed']);
  });

  it('keeps the records around a wrapped line in place', () => {
    const text = [
      'ISAKMP (0:1): Old State = IKE_R_MM1 New State = IKE_R_MM1 ',
      '',
      ...SEED_004_WRAPS[1]!,
      'ISAKMP (0:1): Input = IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE',
    ].join('\n');
    expect(parseLog(text).map((r) => [r.line, r.endLine, r.kind])).toEqual([
      [1, 1, 'ios.stateChange'],
      [2, 2, 'blank'],
      [3, 4, 'ios.packet'],
      [5, 5, 'ios.input'],
    ]);
  });
});

describe('IOS lines hard-wrapped by an 80-column terminal', () => {
  /** Cut a line at column 80, as a terminal does (mid-word, nothing added or removed). */
  const wrap80 = (line: string) => [line.slice(0, 80), line.slice(80)] as const;

  it('rejoins a 12.4 line cut mid-word: `... authentication us` + `ing id type ID_IPV4_ADDR`', () => {
    const line = '*Mar  1 00:01:23.456: ISAKMP:(1001):SA is doing pre-shared key authentication using id type ID_IPV4_ADDR';
    const [first, second] = wrap80(line);
    expect([first.slice(-2), second]).toEqual(['us', 'ing id type ID_IPV4_ADDR']);
    const r = expectRejoined(first, second, line);
    expect(r.kind).toBe('ios.authMethod');
    expect(r.fields).toEqual({ conn: 1001, method: 'pre-shared key', xauth: false, idType: 'ID_IPV4_ADDR' });
    expect(r.env?.stamp?.text).toBe('*Mar  1 00:01:23.456');
  });

  it('rejoins a 12.4 packet line cut mid-word: `... peer` + `_port 500 (I) MM_NO_STATE`', () => {
    const line = '*Mar  1 00:01:23.456: ISAKMP:(1001): sending packet to 10.1.1.2 my_port 500 peer_port 500 (I) MM_NO_STATE';
    const [first, second] = wrap80(line);
    expect(second).toBe('_port 500 (I) MM_NO_STATE');
    const r = expectRejoined(first, second, line);
    expect(r.kind).toBe('ios.packet');
    expect(r.fields).toEqual({ conn: 1001, dir: 'out', peer: '10.1.1.2', localPort: 500, peerPort: 500, role: 'I', state: 'MM_NO_STATE' });
  });

  it('rejoins a 12.2 TED line cut inside an address', () => {
    const line = '*Mar 1 02:07:45.803: ISAKMP (0:1): peer can handle TED V3: changing source to 11.11.11.1 and dest to 11.11.11.2';
    const [first, second] = wrap80(line);
    expect([first.slice(-5), second.slice(0, 8)]).toEqual(['to 11', '.11.11.1']);
    const r = expectRejoined(first, second, line);
    expect(r.kind).toBe('ios.tedV3');
    expect(r.fields).toEqual({ engine: 0, conn: 1, version: 3, source: '11.11.11.1', dest: '11.11.11.2' });
  });

  it('rejoins a line whose first half is itself a complete record (a state name cut short)', () => {
    const line = 'ISAKMP (0:2): Old State = IKE_XAUTH_REQ_SENT New State = IKE_XAUTH_AAA_CONT_LOGIN_AWAIT';
    const [first, second] = wrap80(line);
    expect(parseLog(first).map((r) => r.kind)).toEqual(['ios.stateChange']);
    const r = expectRejoined(first, second, line);
    expect(r.fields).toEqual({ engine: 0, conn: 2, old: 'IKE_XAUTH_REQ_SENT', new: 'IKE_XAUTH_AAA_CONT_LOGIN_AWAIT' });
  });

});

describe('IOS multi-line blocks are not mistaken for wrapped lines', () => {
  it('folds a 12.4 key-engine block (indented continuation lines) into its header', () => {
    const text = [
      'IPSEC(validate_proposal_request): proposal part #1',
      '  (key eng. msg.) INBOUND local= 10.1.1.1:0, remote= 10.1.1.2:0,',
      '    local_proxy= 192.168.1.0/255.255.255.0/0/0 (type=4),',
      '    remote_proxy= 192.168.2.0/255.255.255.0/0/0 (type=4),',
      '    protocol= ESP, transform= esp-aes 256 esp-sha-hmac  (Tunnel),',
      '    lifedur= 0s and 0kb,',
      '    spi= 0x0(0), conn_id= 0, keysize= 256, flags= 0x0',
    ];
    const recs = parseLog(text.join('\n'));
    expect(recs.map((r) => [r.line, r.endLine, r.kind])).toEqual([[1, 7, 'ios.keyEngine']]);
    const parts = recs[0]!.fields.parts as { kind: string }[];
    expect(parts.map((p) => p.kind)).toEqual(['ios.keMsg', 'ios.keProxy', 'ios.keProxy', 'ios.keTransform', 'ios.keLifedur', 'ios.keSpi']);
  });
});
