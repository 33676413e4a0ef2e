/**
 * The keys of a node's run for Wireshark / tshark (harness/crypto/wireshark.ts): one
 * `ikev1_decryption_table` record per ISAKMP SA with keys, two `esp_sa` records per IPsec SA pair.
 * The `--keys` file holds tshark preference values, one per line, each to be passed after `-o`
 * (`uat:ikev1_decryption_table:…`, `esp.enable_encryption_decode:TRUE`, `uat:esp_sa:…`).
 */
import { espEncryptionFor, espIntegrityFor, tsharkKeyArgs, type EspSaKeyEntry, type IkeSaKeyEntry } from '../crypto/index.js';
import type { PeerNode } from './node.js';

export function keyEntries(node: PeerNode): { ike: IkeSaKeyEntry[]; esp: EspSaKeyEntry[] } {
  const ike = node.peers().flatMap((p) => p.engine.isakmpSas().flatMap((sa) => (sa.keys ? [{ icookie: sa.icookie, encKey: sa.keys.encKey }] : [])));
  const esp = node.childSas().flatMap(({ child: c }): EspSaKeyEntry[] => {
    const algs = { encryption: espEncryptionFor(c.cipher), integrity: espIntegrityFor(c.integrity) };
    return [
      { src: c.local, dst: c.remote, spi: c.outboundSpi, encKey: c.outbound.encKey, authKey: c.outbound.authKey, ...algs },
      { src: c.remote, dst: c.local, spi: c.inboundSpi, encKey: c.inbound.encKey, authKey: c.inbound.authKey, ...algs },
    ];
  });
  return { ike, esp };
}

/** The `--keys` file: a comment, then one tshark `-o` value per line. */
export function keysFileText(node: PeerNode, earlier: Iterable<string> = []): string {
  const args = tsharkKeyArgs(keyEntries(node));
  const values = [...new Set([...earlier, ...args.filter((_, i) => i % 2 === 1)])];
  return `# ikelens peer ${node.config.node.name}: tshark preferences, one per line; pass each as -o VALUE\n${values.map((v) => v + '\n').join('')}`;
}

/**
 * Every key the node held during the run: SAs the peer deleted, or that were rekeyed, before the
 * end are gone from the node but their packets are in the capture. `note` after each event.
 */
export class KeyRecorder {
  private readonly values = new Set<string>();
  note(node: PeerNode): void {
    const args = tsharkKeyArgs(keyEntries(node));
    for (let i = 1; i < args.length; i += 2) this.values.add(args[i]!);
  }
  text(node: PeerNode): string {
    return keysFileText(node, this.values);
  }
}
