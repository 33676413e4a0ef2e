/**
 * Independent check of the wire format: tshark dissects our MM1 (written into a classic pcap,
 * LINKTYPE_RAW, IPv4/UDP 500) as "Identity Protection (Main Mode)" with the SA, proposal,
 * transform attributes and vendor IDs, and finds nothing malformed. Also an Informational with
 * every unencrypted payload kind tshark knows. Under CI a missing tshark fails this file
 * (scripts/install-deps.sh installs it); elsewhere the tests are skipped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { concatBytes, fromHex } from '../crypto/bytes.js';
import { tlv, tv } from './attributes.js';
import { encodeMessage, type Message } from './message.js';
import { idIpv4 } from './payloads/id.js';
import { notify } from './payloads/notify.js';
import { ICOOKIE, mm1, mm3, RCOOKIE } from './test-messages.js';
import { pcapRaw } from '../testing/pcap.js';
import { requireTool } from '../testing/tools.js';
import { buildUdpPacket } from '../esp/ip.js';

const hasTshark = requireTool('tshark');

/** IPv4 + UDP around an ISAKMP message, 10.99.0.1:500 → 10.99.0.2:500 (the ESP data plane's IP layer builds it). */
function udp500(isakmp: Uint8Array): Uint8Array {
  return buildUdpPacket('10.99.0.1', '10.99.0.2', 500, 500, isakmp);
}

const dir = mkdtempSync(join(tmpdir(), 'ikelens-codec-'));
afterAll(() => { if (!process.env.KEEP_PCAP) rmSync(dir, { recursive: true, force: true }); });

function dissect(name: string, messages: Uint8Array[]): string {
  const file = join(dir, name);
  writeFileSync(file, pcapRaw(messages.map(udp500)));
  return execFileSync('tshark', ['-n', '-r', file, '-V'], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe.skipIf(!hasTshark)('tshark dissects what we encode', () => {
  it('MM1: Main Mode, SA/proposal/transform attributes, vendor IDs, nothing malformed', () => {
    const out = dissect('mm1.pcap', [encodeMessage(mm1())]);
    expect(out).toContain('Identity Protection (Main Mode)');
    expect(out).toMatch(/Initiator SPI: 0102030405060708/);
    expect(out).toMatch(/Domain of interpretation: IPSEC \(1\)/);
    expect(out).toMatch(/Protocol ID: ISAKMP \(1\)/);
    expect(out).toMatch(/Transform ID: KEY_IKE \(1\)/);
    expect(out).toMatch(/Encryption Algorithm: AES-CBC \(7\)/);
    expect(out).toMatch(/Key Length: 128/);
    expect(out).toMatch(/HASH Algorithm: SHA \(2\)/);
    expect(out).toMatch(/Authentication Method: Pre-shared key \(1\)/);
    expect(out).toMatch(/Group Description: 2048 bit MODP group \(14\)/);
    expect(out).toMatch(/Life Duration: 86400/);
    expect(out).toContain('RFC 3947 Negotiation of NAT-Traversal in the IKE');
    expect(out).toContain('Dead Peer Detection');
    expect(out).toMatch(/Life Type: Seconds \(1\)/);
    expect(out).toMatch(/Length: 128/);
    expect(out).not.toMatch(/Malformed|malformed|Expert Info \(Error/);
  });
  it('MM3 (KE, nonce, NAT-D) and an Informational with notifies, delete, ID and attributes', () => {
    const info: Message = {
      header: { icookie: ICOOKIE, rcookie: RCOOKIE, exchangeType: 5, flags: 0, messageId: 0x01020304 },
      payloads: [
        notify('INITIAL_CONTACT', { spi: concatBytes(ICOOKIE, RCOOKIE) }),
        notify('R_U_THERE', { spi: concatBytes(ICOOKIE, RCOOKIE), data: fromHex('00000007') }),
        { type: 'D', doi: 1, protocol: 3, spiSize: 4, spis: [fromHex('c0ffee01')] },
        idIpv4('10.99.0.1', 17, 500),
        { type: 'ATTR', cfgType: 1, identifier: 5, attributes: [tv(16520, 0), tlv(16521, new Uint8Array(0)), tlv(16522, new Uint8Array(0))] },
        { type: 'VID', data: fromHex('12f5f28c457168a9702d9fe274cc0100') },
      ],
    };
    const out = dissect('info.pcap', [encodeMessage(mm3()), encodeMessage(info)]);
    expect(out).toContain('Key Exchange');
    expect(out).toContain('Payload: NAT-D (RFC 3947) (20)');
    expect(out).toContain('Payload: Nonce (10)');
    expect(out).toContain('INITIAL-CONTACT');
    expect(out).toContain('R-U-THERE');
    expect(out).toMatch(/Delete SPI: c0ffee01/);
    expect(out).toMatch(/ID_IPV4_ADDR/);
    expect(out).toMatch(/10\.99\.0\.1/);
    expect(out).toMatch(/XAUTH TYPE: Generic \(0\)/);
    expect(out).toContain('CISCO-UNITY Major version: 1');
    expect(out).not.toMatch(/Malformed|malformed|Expert Info \(Error/);
  });
  it('draft NAT-T numbers (130/131), RFC NAT-OA (21), CERT, CR, SIG and a Cisco fragment (132)', () => {
    const qm: Message = {
      header: { icookie: ICOOKIE, rcookie: RCOOKIE, exchangeType: 32, flags: 0, messageId: 5 },
      payloads: [
        { type: 'NAT-D-DRAFT', data: new Uint8Array(20).fill(1) },
        { type: 'NAT-OA-DRAFT', idType: 1, address: Uint8Array.of(192, 168, 1, 2) },
        { type: 'NAT-OA', idType: 1, address: Uint8Array.of(192, 168, 1, 3) },
        { type: 'CERT', encoding: 4, data: Uint8Array.of(0x30, 0) },
        { type: 'CR', certType: 4, authority: new Uint8Array(0) },
        { type: 'SIG', data: new Uint8Array(8).fill(9) },
      ],
    };
    const frag: Message = {
      header: { icookie: ICOOKIE, rcookie: RCOOKIE, exchangeType: 2, flags: 0, messageId: 0 },
      // one fragment holding a whole MM1: tshark reassembles and dissects it
      payloads: [{ type: 'FRAG', fragmentId: 1, number: 1, flags: 1, data: encodeMessage(mm1()) }],
    };
    const out = dissect('draft.pcap', [encodeMessage(qm), encodeMessage(frag)]);
    expect(out).toContain('Quick Mode');
    expect(out).toMatch(/Payload: NAT-D \(draft-ietf-ipsec-nat-t-ike-01 to 03\) \(130\)/);
    expect(out).toMatch(/Payload: NAT-OA \(draft-ietf-ipsec-nat-t-ike-01 to 03\) \(131\)/);
    expect(out).toMatch(/Payload: NAT-OA \(RFC 3947\) \(21\)/);
    expect(out).toMatch(/192\.168\.1\.2/);
    expect(out).toMatch(/192\.168\.1\.3/);
    expect(out).toMatch(/Payload: Certificate \(6\)/);
    expect(out).toMatch(/Payload: Certificate Request \(7\)/);
    expect(out).toMatch(/Payload: Signature \(9\)/);
    expect(out).toMatch(/Cisco-Fragmentation \(132\)/);
    expect(out).toMatch(/Frag last: Last fragment \(1\)/);
    expect(out).toMatch(/Reassembled ISAKMP length: 128/);
    expect(out).not.toMatch(/Malformed|malformed|Expert Info \(Error/);
  });
});
