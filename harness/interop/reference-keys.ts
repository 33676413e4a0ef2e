// The `ikelens peer --keys` file (harness/peer/keys.ts: one tshark `-o` value per line) read back
// into key tables, so that the runner merges, writes and passes them like charon's (../lab/charon-keys.ts).
import { fromHex } from '../crypto/bytes.js';
import { ESP_ENCRYPTION, ESP_INTEGRITY, type EspEncryption, type EspIntegrity, type EspSaKeyEntry, type IkeSaKeyEntry } from '../crypto/wireshark.js';
import type { KeyTables } from '../lab/charon-keys.js';

const byTshark = <K extends string>(table: Readonly<Record<K, { readonly tshark: string }>>): Map<string, K> =>
  new Map((Object.entries(table) as [K, { tshark: string }][]).map(([k, v]) => [v.tshark, k]));
const ENCRYPTION_BY_NAME = byTshark<EspEncryption>(ESP_ENCRYPTION);
const INTEGRITY_BY_NAME = byTshark<EspIntegrity>(ESP_INTEGRITY);

const hexKey = (f: string) => fromHex(f.replace(/^0x/i, ''));

/** Lines it does not understand are skipped: the file is the engine's, and tshark is the judge of the keys. */
export function readReferenceKeys(text: string): KeyTables {
  const ike: IkeSaKeyEntry[] = [];
  const esp: EspSaKeyEntry[] = [];
  for (const line of text.split('\n')) {
    const i = /^uat:ikev1_decryption_table:([0-9a-f]{16}),([0-9a-f]+)$/i.exec(line.trim());
    if (i) ike.push({ icookie: i[1]!.toLowerCase(), encKey: hexKey(i[2]!) });
    const e = /^uat:esp_sa:(.*)$/.exec(line.trim());
    if (!e) continue;
    const f = [...e[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    const encryption = ENCRYPTION_BY_NAME.get(f[4] ?? '');
    const integrity = INTEGRITY_BY_NAME.get(f[6] ?? '');
    if (f.length !== 8 || !encryption || !integrity) continue;
    esp.push({ family: f[0] as 'IPv4', src: f[1]!, dst: f[2]!, spi: hexKey(f[3]!), encryption, integrity, encKey: hexKey(f[5]!), authKey: hexKey(f[7]!) });
  }
  return { ike, esp };
}
