import { describe, expect, it } from 'vitest';
import type { Event } from '../../analyzer/model/events.js';
import { encodePayloads, idIpv4Subnet } from '../codec/index.js';
import { CIPHERS, qmHash1 } from '../crypto/index.js';
import { espSa } from './proposals.js';
import { A, policies } from './test-helpers.js';
import { pair } from './index.js';

const BASE = { psk: 'k', ike: [{ cipher: 'aes128', hash: 'sha1', group: 14 }], esp: [{ cipher: 'aes128', integrity: 'sha1' }] } as const;

const aboutMsgid = (events: readonly Event[], msgid: number) => events.filter((e) => e.kind !== 'ike.msg' && e.sa?.msgid === msgid);

describe('a Quick Mode is recorded only once QM1 decrypted and HASH(1) verified (RFC 2409 §5.5)', () => {
  it('corrupt, re-numbered, undecryptable and forged QM1s with fresh message IDs leave no record; the real one after them completes', () => {
    const p = pair(policies(BASE));
    p.a.initiate();
    p.settle();
    const saA = p.a.isakmpSas()[0]!;
    const saB = p.b.isakmpSas()[0]!;
    expect(saB.quick.size).toBe(1);
    // a second Quick Mode from A, its QM1 kept off the wire
    let qm1: Uint8Array | undefined;
    p.net.filter = (d) => {
      if (qm1 || d.from.address !== A) return false;
      qm1 = d.bytes;
      return true;
    };
    const q = p.a.startQuickMode(saA)!;
    p.net.filter = undefined;
    expect(qm1).toBeDefined();
    const fresh = [0x01020304, 0x0a0b0c0d, 0x11223344, 0x55667788];
    const withMsgid = (bytes: Uint8Array, msgid: number) => {
      const b = bytes.slice();
      new DataView(b.buffer).setUint32(20, msgid);
      return b;
    };
    const eventsBefore = p.b.events.length;
    // 1. the real QM1 with its first ciphertext byte flipped (its message ID is new to B)
    const flipped = qm1!.slice();
    flipped[28] = flipped[28]! ^ 0xff;
    p.b.receive(flipped, A);
    // 2. the real QM1 under another message ID: its IV (and HASH(1) over M-ID) no longer fit
    p.b.receive(withMsgid(qm1!, fresh[0]!), A);
    // 3. random ciphertext, whole blocks
    const junk = withMsgid(qm1!, fresh[1]!);
    for (let i = 28; i < junk.length; i++) junk[i] = (i * 37) & 0xff;
    p.b.receive(junk, A);
    // 4. forged: encrypted with the right phase-1 keys and IV, payloads fit the table, HASH(1) wrong
    const rest = [espSa(new Uint8Array([0x10, 1, 2, 3]), [...BASE.esp], 0), { type: 'NONCE' as const, data: new Uint8Array(20).fill(7) }, idIpv4Subnet('10.1.0.0', '255.255.0.0'), idIpv4Subnet('10.2.0.0', '255.255.0.0')];
    const forged = p.a.encode(saA, { state: 'QUICK_START', msgid: fresh[2]!, seen: new Set() }, 'QM1', [{ type: 'HASH', data: new Uint8Array(20) }, ...rest]);
    p.b.receive(forged, A);
    // ... and its HASH(1) made right: that one is a Quick Mode (control: the forgery above failed only on HASH(1))
    const h = qmHash1(saA.suite!, saA.keys!.skeyidA, fresh[3]!, encodePayloads(rest));
    const genuine = p.a.encode(saA, { state: 'QUICK_START', msgid: fresh[3]!, seen: new Set() }, 'QM1', [{ type: 'HASH', data: h }, ...rest]);
    expect(CIPHERS[saA.suite!.cipher].blockSize).toBe(16);

    expect([...saB.quick.keys()]).not.toContain(q.msgid);
    for (const id of fresh.slice(0, 3)) expect([...saB.quick.keys()]).not.toContain(id);
    expect(saB.quick.size).toBe(1);
    for (const id of [q.msgid, ...fresh.slice(0, 3)]) expect(aboutMsgid(p.b.events.slice(eventsBefore), id)).toEqual([]);

    p.b.receive(genuine, A);
    expect(saB.quick.get(fresh[3]!)?.state).toBe('QUICK_R1');
    // the real QM1, retransmitted by A's timer, still completes
    p.settle();
    expect(saB.quick.get(q.msgid)?.state).toBe('QUICK_R2');
    expect(q.state).toBe('QUICK_I2');
    for (const rec of saB.quick.values()) expect(rec.state).not.toBe('QUICK_START');
  });
});
