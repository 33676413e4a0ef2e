import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VENDOR_IDS, VENDOR_ID_WORDINGS, normalizeHex, vendorIdByDeviceWording, vendorIdByHex, vendorIdByName, type VendorIdEntry } from './vendor-ids.js';

const entries = VENDOR_IDS as readonly VendorIdEntry[];

describe('vendor IDs', () => {
  it('have unique names and unique, valid hex of a plausible length', () => {
    const names = entries.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    const hexes = entries.flatMap((v) => (v.hex ? [v.hex] : []));
    expect(new Set(hexes).size).toBe(hexes.length);
    for (const v of entries) {
      if (!v.hex) continue;
      expect(v.hex, v.name).toMatch(/^(?:[0-9a-f]{2})+$/);
      expect([8, 14, 16, 20], v.name).toContain(v.hex.length / 2);
    }
  });

  it('no exact entry is a prefix-match of another entry (lookups are unambiguous)', () => {
    for (const v of entries) {
      if (!v.hex) continue;
      const m = vendorIdByHex(v.hex);
      expect(m?.entry.name, v.name).toBe(v.name);
    }
  });

  it('recomputes every MD5-derived value', () => {
    for (const v of entries) {
      if (!v.md5Of || !v.hex) continue;
      const digest = createHash('md5').update(v.md5Of).digest('hex');
      expect(digest.startsWith(v.hex), `${v.name}: MD5(${JSON.stringify(v.md5Of)}) = ${digest}`).toBe(true);
    }
    // the two Cisco values that are truncated hashes followed by version bytes
    expect(createHash('md5').update('CISCO-UNITY').digest('hex').slice(0, 28) + '0100').toBe(vendorIdByName('cisco-unity')?.hex);
    expect(createHash('md5').update('ALTIGA GATEWAY').digest('hex').slice(0, 28)).toBe(vendorIdByName('cisco-vpn-concentrator')?.hex);
    expect(Buffer.from('HeartBeat_Notify').toString('hex')).toBe(vendorIdByName('heartbeat-notify')?.hex);
  });

  it('finds values exactly and by prefix', () => {
    expect(vendorIdByHex('4a131c81070358455c5728f20e95452f')?.entry.name).toBe('nat-t-rfc3947');
    expect(vendorIdByHex('0x4A131C81070358455C5728F20E95452F')?.entry.name).toBe('nat-t-rfc3947');
    expect(vendorIdByHex('09002689dfd6b712')?.entry.name).toBe('xauth');
    expect(vendorIdByHex('afcad71368a1f1c96b8696fc77570100')?.entry.name).toBe('dpd');
    expect(vendorIdByHex('12f5f28c457168a9702d9fe274cc0100')?.entry.name).toBe('cisco-unity');
    const frag = vendorIdByHex('4048b7d56ebce88525e7de7f00d6c2d3c0000000');
    expect(frag).toMatchObject({ match: 'prefix', suffix: 'c0000000' });
    expect(frag?.entry.name).toBe('fragmentation');
    expect(vendorIdByHex('1e2b516905991c7d7c96fcbfb587e46100000004')?.entry.name).toBe('ms-nt5-isakmpoakley');
    expect(vendorIdByHex('1f07f70eaa6514d3b0fa96542a500407')?.entry.name).toBe('cisco-vpn-concentrator');
    expect(vendorIdByHex('4865617274426561745f4e6f74696679386b0100')?.entry.name).toBe('heartbeat-notify');
    expect(vendorIdByHex('4a:13:1c:81:07:03:58:45:5c:57:28:f2:0e:95:45:2f')?.entry.name).toBe('nat-t-rfc3947');
    expect(vendorIdByHex('deadbeef')).toBeUndefined();
    expect(vendorIdByHex('not hex')).toBeUndefined();
    expect(normalizeHex('0xAB cd')).toBe('abcd');
  });

  it('maps every device wording to a known VID, and its example to itself', () => {
    for (const w of VENDOR_ID_WORDINGS) {
      if (w.vid !== null) expect(vendorIdByName(w.vid), w.example).toBeDefined();
      for (const a of w.alsoMatches ?? []) expect(vendorIdByName(a), w.example).toBeDefined();
      const m = vendorIdByDeviceWording(w.dialect, w.example);
      expect(m?.wording, `${w.dialect}: ${w.example}`).toBe(w);
    }
  });

  it('reads the wordings of the brief and the corpus', () => {
    const cases: [Parameters<typeof vendorIdByDeviceWording>[0], string, string | null, 'in' | 'out'][] = [
      ['ios', 'ISAKMP (0:2): vendor ID is Unity', 'cisco-unity', 'in'],
      ['ios', 'ISAKMP (0:2): vendor ID is DPD', 'dpd', 'in'],
      ['ios', 'ISAKMP (0:2): vendor ID is Xauth', 'xauth', 'in'],
      ['ios', 'ISAKMP (0:2): vendor ID is XAUTH', 'xauth', 'in'],
      ['ios', 'ISAKMP:(0): vendor ID is NAT-T RFC 3947', 'nat-t-rfc3947', 'in'],
      ['ios', 'ISAKMP:(0): vendor ID is NAT-T v7', 'nat-t-draft-07', 'in'],
      ['ios', 'ISAKMP (0:2): vendor ID is NAT-T v2', 'nat-t-draft-02', 'in'],
      ['ios', 'ISAKMP (0:1): speaking to another IOS box!', 'cisco-ios', 'in'],
      ['ios', 'ISAKMP (0:2): vendor ID seems Unity/DPD but major 215 mismatch', null, 'in'],
      ['ios', 'ISAKMP (0:2): constructed NAT-T vendor-02 ID', 'nat-t-draft-02', 'out'],
      ['asa', 'Received NAT-Traversal RFC VID', 'nat-t-rfc3947', 'in'],
      ['asa', 'Received NAT-Traversal ver 02 VID', 'nat-t-draft-02', 'in'],
      ['asa', 'Received NAT-Traversal ver 03 VID', 'nat-t-draft-03', 'in'],
      ['asa', 'Received Fragmentation VID', 'fragmentation', 'in'],
      ['asa', 'Received xauth V6 VID', 'xauth', 'in'],
      ['asa', 'Received DPD VID', 'dpd', 'in'],
      ['asa', 'Received Cisco Unity client VID', 'cisco-unity', 'in'],
      ['asa', 'IP = 10.0.0.2, constructing Fragmentation VID + extended capabilities payload', 'fragmentation', 'out'],
      ['asa', 'IP = 10.0.0.2, Send Altiga/Cisco VPN3000/Cisco ASA GW VID', 'cisco-vpn-concentrator', 'out'],
      ['strongswan', 'received DPD vendor ID', 'dpd', 'in'],
      ['strongswan', 'received NAT-T (RFC 3947) vendor ID', 'nat-t-rfc3947', 'in'],
      ['strongswan', 'sending draft-ietf-ipsec-nat-t-ike-02\\n vendor ID', 'nat-t-draft-02n', 'out'],
      ['strongswan', 'received draft-ietf-ipsec-nat-t-ike-02 vendor ID', 'nat-t-draft-02', 'in'],
      ['strongswan', '<s2s|1> received XAuth vendor ID', 'xauth', 'in'],
      ['strongswan', 'received FRAGMENTATION vendor ID', 'fragmentation', 'in'],
      ['strongswan', 'received Cisco Unity vendor ID', 'cisco-unity', 'in'],
      ['strongswan', 'received MS NT5 ISAKMPOAKLEY vendor ID', 'ms-nt5-isakmpoakley', 'in'],
    ];
    for (const [dialect, text, vid, dir] of cases) {
      const m = vendorIdByDeviceWording(dialect, text);
      expect(m, text).toBeDefined();
      expect(m?.vid, text).toBe(vid);
      expect(m?.dir, text).toBe(dir);
    }
    const unknown = vendorIdByDeviceWording('strongswan', 'received unknown vendor ID: 4a:13:1c:81:07:03:58:45:5c:57:28:f2:0e:95:45:2f');
    expect(unknown).toMatchObject({ vid: 'nat-t-rfc3947', hex: '4a131c81070358455c5728f20e95452f' });
    expect(vendorIdByDeviceWording('strongswan', 'received unknown vendor ID: de:ad:be:ef')).toMatchObject({ vid: null, hex: 'deadbeef' });
    expect(vendorIdByDeviceWording('ios', 'processing SA payload')).toBeUndefined();
  });
});
