// Key tables from real charon logs (corpus strongswan-mm-08-verbose, ike = 4, chd = 4): the
// entries equal the keys the crypto fixtures copied from the same log by hand, both peers' logs
// give the same SAs, and a log at normal levels gives none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../analyzer/ingest/source.js';
import { toHex } from '../crypto/bytes.js';
import { STRONGSWAN_MM08 as SS } from '../crypto/fixtures/strongswan-mm-08.js';
import { espSaRecord, ikev1DecryptionRecord } from '../crypto/wireshark.js';
import { readReferenceKeys } from '../interop/reference-keys.js';
import { charonKeyTables, mergeKeyTables } from './charon-keys.js';

const entry = 'corpus/strongswan-mm-08-verbose';

describe('charonKeyTables', () => {
  it('initiator log: the IKE SA (cookie from natd_chunk, Ka) and both ESP directions', async () => {
    const t = charonKeyTables(await readRecords(`${entry}/input.log`));
    expect(t.ike.map(ikev1DecryptionRecord)).toEqual([`d3bed229fe758321,${toHex(SS.encKey)}`]);
    expect(t.esp.map(espSaRecord)).toEqual([
      // outbound: the SPI the responder chose, protected with the "initiator" keys (this side initiated the Quick Mode)
      `"IPv4","10.99.0.1","10.99.0.2","0x056613d7","AES-CBC [RFC3602]","0x${toHex(SS.encInitiatorKey)}","HMAC-SHA-1-96 [RFC2404]","0x${toHex(SS.integInitiatorKey)}"`,
      `"IPv4","10.99.0.2","10.99.0.1","0xbe3fff6b","AES-CBC [RFC3602]","0x${toHex(SS.encResponderKey)}","HMAC-SHA-1-96 [RFC2404]","0x${toHex(SS.integResponderKey)}"`,
    ]);
  });

  it('responder log: the same SAs seen from the other side, so the merge keeps one of each', async () => {
    const i = charonKeyTables(await readRecords(`${entry}/input.log`));
    const r = charonKeyTables(await readRecords(`${entry}/peer.log`));
    expect(r.ike.map(ikev1DecryptionRecord)).toEqual(i.ike.map(ikev1DecryptionRecord));
    expect(r.esp.map(espSaRecord).sort()).toEqual(i.esp.map(espSaRecord).sort());
    const m = mergeKeyTables(i, r);
    expect([m.ike.length, m.esp.length]).toEqual([1, 2]);
  });

  it('a log without key dumps (ike = 2, chd = 1) gives empty tables', async () => {
    const t = charonKeyTables(await readRecords('corpus/strongswan-mm-01-psk-established/input.log'));
    expect(t).toEqual({ ike: [], esp: [] });
  });
});

describe('charonKeyTables without NAT-T', () => {
  // a lab charon (ike = 4) against the reference engine without NAT-T vendor IDs: no natd_chunk is dumped
  const log = 'harness/lab/fixtures/charon-no-natt.log';

  it('takes the initiator cookie from HASH_I data after the two MODP-2048 public values', async () => {
    const text = readFileSync(log, 'utf8');
    expect(text).not.toContain('natd_chunk');
    const t = charonKeyTables(await readRecords(log));
    // the cookie the charon log shows in the HASH_I data dump at offset 512, and its Ka dump
    expect(t.ike.map(ikev1DecryptionRecord)).toEqual(['32b4aa78dbe65f06,23aab0ed69d36bd444c50938b5d347e5']);
  });
});

describe('charonKeyTables when the peer rekeys the child', () => {
  // interop lab, ref-r-rekey-p2-by-reference: charon initiated QM 1, the reference engine QM 2 (the
  // rekey) in the same IKE SA; the engine's own key file of that run is the truth for both pairs
  it("takes each pair's key direction from its own Quick Mode", async () => {
    const t = charonKeyTables(await readRecords('harness/lab/fixtures/charon-peer-rekeys-child.log'));
    const engine = readReferenceKeys(readFileSync('harness/lab/fixtures/engine-rekeys-child.keys.txt', 'utf8'));
    expect(engine.esp.length).toBe(4);
    expect(t.esp.map(espSaRecord).sort()).toEqual(engine.esp.map(espSaRecord).sort());
  });
});
