/**
 * An engine's keys as Wireshark / tshark key tables (harness/crypto/wireshark.ts): one
 * `ikev1_decryption_table` entry per ISAKMP SA that has keys (its initiator cookie and the
 * phase-1 cipher key), and one `esp_sa` entry per established IPsec SA this engine sends on
 * (outer addresses, the peer's SPI, the outbound KEYMAT). The peer's engine gives the other
 * direction; `tsharkKeyArgs({ ike, esp })` turns them into tshark arguments.
 */
import { espEncryptionFor, espIntegrityFor, type EspSaKeyEntry, type IkeSaKeyEntry } from '../crypto/index.js';
import type { Ikev1Engine } from './engine.js';

export function ikeKeyEntries(engine: Ikev1Engine): IkeSaKeyEntry[] {
  return engine.isakmpSas().flatMap((sa) => (sa.keys ? [{ icookie: sa.icookie, encKey: sa.keys.encKey }] : []));
}

export function espKeyEntries(engine: Ikev1Engine): EspSaKeyEntry[] {
  return engine.childSas().map((c) => ({
    src: c.local,
    dst: c.remote,
    spi: c.outboundSpi,
    encryption: espEncryptionFor(c.cipher),
    encKey: c.outbound.encKey,
    integrity: espIntegrityFor(c.integrity),
    authKey: c.outbound.authKey,
  }));
}
