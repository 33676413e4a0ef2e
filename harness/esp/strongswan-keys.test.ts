/**
 * Known answers from a real peer: the Quick Mode of a strongSwan 5.9.8 negotiation (ESP
 * aes128-sha1 with PFS modp2048; harness/crypto/fixtures/strongswan-mm-08.ts, copied from
 * corpus/strongswan-mm-08-verbose/input.log). Installing that Quick Mode result at the
 * initiator (10.99.0.1) must give exactly the keys charon logged: the outbound SA (SPI
 * 056613d7, chosen by the responder) has the "initiator" keys, the inbound SA (be3fff6b) the
 * "responder" keys — and the tshark records the lab used to decrypt that capture.
 */
import { describe, expect, it } from 'vitest';
import { espSaRecord, nodeProvider, toHex } from '../crypto/index.js';
import { STRONGSWAN_MM08 as SS } from '../crypto/fixtures/strongswan-mm-08.js';
import { EspDataPlane } from './dataplane.js';
import { buildIcmpPacket } from './ip.js';

// the SA seed is g(qm)^xy (256) | protocol (1) | SPI (4) | Ni_b | Nr_b (32 + 32)
const niB = SS.initiatorSaSeed.subarray(261, 293);
const nrB = SS.initiatorSaSeed.subarray(293);

function install(node: 'initiator' | 'responder') {
  const dp = new EspDataPlane({ provider: nodeProvider });
  const me = node === 'initiator' ? '10.99.0.1' : '10.99.0.2';
  const peer = node === 'initiator' ? '10.99.0.2' : '10.99.0.1';
  const sas = dp.installFromQuickMode({
    prf: { provider: nodeProvider, hash: 'sha1' },
    skeyidD: SS.skeyidD,
    niB,
    nrB,
    gqmxy: SS.qmDhSecret,
    transform: { encryption: 'aes128', integrity: 'hmac-sha1-96' },
    mode: 'tunnel',
    inboundSpi: node === 'initiator' ? 0xbe3fff6b : 0x056613d7,
    outboundSpi: node === 'initiator' ? 0x056613d7 : 0xbe3fff6b,
    local: me,
    remote: peer,
  });
  return { dp, ...sas };
}

describe('Quick Mode → SAD with strongSwan\'s own keys', () => {
  it('the nonces are 32 bytes each', () => {
    expect(nrB.length).toBe(32);
    expect(toHex(niB).slice(0, 8)).toBe('98d89602');
  });

  it('initiator: outbound = "initiator" keys, inbound = "responder" keys', () => {
    const { inbound, outbound } = install('initiator');
    expect(toHex(outbound.config.encKey)).toBe(toHex(SS.encInitiatorKey));
    expect(toHex(outbound.config.authKey)).toBe(toHex(SS.integInitiatorKey));
    expect(toHex(inbound.config.encKey)).toBe(toHex(SS.encResponderKey));
    expect(toHex(inbound.config.authKey)).toBe(toHex(SS.integResponderKey));
    expect(espSaRecord(outbound.wiresharkEntry())).toBe(
      `"IPv4","10.99.0.1","10.99.0.2","0x056613d7","AES-CBC [RFC3602]","0x${toHex(SS.encInitiatorKey)}","HMAC-SHA-1-96 [RFC2404]","0x${toHex(SS.integInitiatorKey)}"`,
    );
    expect(espSaRecord(inbound.wiresharkEntry())).toMatch(/^"IPv4","10\.99\.0\.2","10\.99\.0\.1","0xbe3fff6b",/);
  });

  it('responder side mirrors it, and the two data planes talk', () => {
    const i = install('initiator');
    const r = install('responder');
    expect(toHex(r.inbound.config.encKey)).toBe(toHex(SS.encInitiatorKey));
    expect(toHex(r.outbound.config.authKey)).toBe(toHex(SS.integResponderKey));
    const ping = buildIcmpPacket('10.99.0.1', '10.99.0.2', { type: 8, identifier: 1, sequence: 1, data: new Uint8Array(8) });
    const out = i.dp.outbound(ping);
    expect(out.ok && out.value.action === 'protect' && r.dp.inbound(out.value.packet)).toMatchObject({ ok: true, value: { kind: 'esp' } });
  });
});
