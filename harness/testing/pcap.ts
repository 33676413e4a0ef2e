// Test support: a classic pcap file (magic a1b2c3d4, little-endian, version 2.4) with
// LINKTYPE_RAW (101): each record is a bare IPv4 packet, for tshark to read.
import { concatBytes } from '../crypto/bytes.js';

export function pcapRaw(packets: readonly Uint8Array[], firstSecond = 1_700_000_000): Uint8Array {
  const g = new DataView(new ArrayBuffer(24));
  g.setUint32(0, 0xa1b2c3d4, true);
  g.setUint16(4, 2, true);
  g.setUint16(6, 4, true);
  g.setUint32(16, 65535, true);
  g.setUint32(20, 101, true);
  const parts: Uint8Array[] = [new Uint8Array(g.buffer)];
  packets.forEach((p, i) => {
    const h = new DataView(new ArrayBuffer(16));
    h.setUint32(0, firstSecond + i, true);
    h.setUint32(8, p.length, true);
    h.setUint32(12, p.length, true);
    parts.push(new Uint8Array(h.buffer), p);
  });
  return concatBytes(...parts);
}
