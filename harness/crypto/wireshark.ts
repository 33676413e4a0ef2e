/**
 * Key export for Wireshark / tshark, so that an independent dissector can decrypt the IKEv1
 * and ESP packets we produce (see shared/lab/README.md §5, tested with tshark 4.0.17).
 *
 * Two UAT tables:
 *  - `ikev1_decryption_table`: `<initiator cookie hex>,<encryption key hex>` — both fields
 *    are byte fields and must be UNQUOTED (quoted, tshark says "Length of Initiator's COOKIE
 *    must be 8 octets (16 hex characters)"). The key is the phase-1 cipher key derived from
 *    SKEYID_e (`Phase1Keys.encKey`). tshark computes the IVs itself, so the capture must hold
 *    the exchange from its first message.
 *  - `esp_sa`: `"IPv4","src","dst","0xSPI","<encryption>","0x<key>","<authentication>","0x<key>"`
 *    — here every field is a quoted string. One line per direction: the SPI is the one in
 *    the ESP header (chosen by the receiver), src/dst are the outer addresses of that
 *    direction, and the keys are the KEYMAT computed with that SPI.
 *
 * Output comes in two forms: file contents (for a profile's `ikev1_decryption_table` and
 * `esp_sa` files, e.g. under `~/.config/wireshark/`) and `-o` arguments for the command line.
 */
import { toHex, u32Hex } from './bytes.js';
import type { CipherAlg, HashAlg } from './provider.js';

export interface IkeSaKeyEntry {
  /** Initiator cookie: 8 bytes or 16 hex digits. */
  readonly icookie: Uint8Array | string;
  /** Phase-1 encryption key (DES 8, 3DES 24, AES 16/24/32 bytes). */
  readonly encKey: Uint8Array;
}

export type EspEncryption = 'des-cbc' | '3des-cbc' | 'aes-cbc' | 'aes-gcm-16' | 'null';
export type EspIntegrity = 'hmac-md5-96' | 'hmac-sha1-96' | 'hmac-sha256-128' | 'hmac-sha384-192' | 'hmac-sha512-256' | 'null';

/** tshark 4.0 `esp_sa` encryption names, and the accepted key lengths in bytes. */
export const ESP_ENCRYPTION: Readonly<Record<EspEncryption, { readonly tshark: string; readonly keyLengths: readonly number[] }>> = {
  'des-cbc': { tshark: 'DES-CBC [RFC2405]', keyLengths: [8] },
  '3des-cbc': { tshark: 'TripleDES-CBC [RFC2451]', keyLengths: [24] },
  'aes-cbc': { tshark: 'AES-CBC [RFC3602]', keyLengths: [16, 24, 32] },
  // key ‖ 4-byte salt (RFC 4106 §8.1)
  'aes-gcm-16': { tshark: 'AES-GCM with 16 octet ICV [RFC4106]', keyLengths: [20, 28, 36] },
  null: { tshark: 'NULL', keyLengths: [0] },
};

/** tshark 4.0 `esp_sa` authentication names, and the key lengths in bytes. */
export const ESP_INTEGRITY: Readonly<Record<EspIntegrity, { readonly tshark: string; readonly keyLength: number }>> = {
  'hmac-md5-96': { tshark: 'HMAC-MD5-96 [RFC2403]', keyLength: 16 },
  'hmac-sha1-96': { tshark: 'HMAC-SHA-1-96 [RFC2404]', keyLength: 20 },
  'hmac-sha256-128': { tshark: 'HMAC-SHA-256-128 [RFC4868]', keyLength: 32 },
  'hmac-sha384-192': { tshark: 'HMAC-SHA-384-192 [RFC4868]', keyLength: 48 },
  'hmac-sha512-256': { tshark: 'HMAC-SHA-512-256 [RFC4868]', keyLength: 64 },
  null: { tshark: 'NULL', keyLength: 0 },
};

export interface EspSaKeyEntry {
  readonly family?: 'IPv4' | 'IPv6';
  /** Outer source / destination address of this direction. */
  readonly src: string;
  readonly dst: string;
  /** The SPI in the ESP header of this direction. */
  readonly spi: number | Uint8Array;
  readonly encryption: EspEncryption;
  readonly encKey: Uint8Array;
  readonly integrity: EspIntegrity;
  readonly authKey: Uint8Array;
}

/** Our CBC cipher → ESP encryption name. */
export function espEncryptionFor(cipher: CipherAlg): EspEncryption {
  return cipher === 'des' ? 'des-cbc' : cipher === '3des' ? '3des-cbc' : 'aes-cbc';
}

/** Our hash → ESP HMAC with the truncation of RFC 2403/2404/4868. */
export function espIntegrityFor(hash: HashAlg): EspIntegrity {
  const m: Record<HashAlg, EspIntegrity> = {
    md5: 'hmac-md5-96',
    sha1: 'hmac-sha1-96',
    sha256: 'hmac-sha256-128',
    sha384: 'hmac-sha384-192',
    sha512: 'hmac-sha512-256',
  };
  return m[hash];
}

function cookieHex(c: Uint8Array | string): string {
  const h = typeof c === 'string' ? c.replace(/^0x/i, '').toLowerCase() : toHex(c);
  if (!/^[0-9a-f]{16}$/.test(h)) throw new RangeError(`initiator cookie must be 8 bytes (16 hex digits), got ${JSON.stringify(typeof c === 'string' ? c : h)}`);
  return h;
}

/** One `ikev1_decryption_table` record: `<icookie>,<key>` (hex, unquoted). */
export function ikev1DecryptionRecord(e: IkeSaKeyEntry): string {
  if (![8, 16, 24, 32].includes(e.encKey.length)) {
    throw new RangeError(`IKEv1 encryption key of ${e.encKey.length} bytes is not a DES/3DES/AES key`);
  }
  return `${cookieHex(e.icookie)},${toHex(e.encKey)}`;
}

/** The `0x…` SPI field of an esp_sa record. */
function espSaSpi(spi: number | Uint8Array): string {
  if (typeof spi === 'number') {
    if (!Number.isInteger(spi) || spi < 0 || spi > 0xffffffff) throw new RangeError(`SPI ${spi} is not 32-bit`);
    return '0x' + u32Hex(spi);
  }
  if (spi.length !== 4) throw new RangeError(`SPI must be 4 bytes, got ${spi.length}`);
  return '0x' + toHex(spi);
}

function address(a: string): string {
  if (!/^[0-9A-Fa-f.:*/]+$/.test(a)) throw new RangeError(`not an address for esp_sa: ${JSON.stringify(a)}`);
  return a;
}

function keyField(k: Uint8Array): string {
  return k.length === 0 ? '' : '0x' + toHex(k);
}

/** One `esp_sa` record: eight quoted, comma-separated fields. */
export function espSaRecord(e: EspSaKeyEntry): string {
  const enc = ESP_ENCRYPTION[e.encryption];
  const integ = ESP_INTEGRITY[e.integrity];
  if (!enc) throw new RangeError(`unknown ESP encryption ${String(e.encryption)}`);
  if (!integ) throw new RangeError(`unknown ESP integrity ${String(e.integrity)}`);
  if (!enc.keyLengths.includes(e.encKey.length)) {
    throw new RangeError(`${e.encryption}: key of ${e.encKey.length} bytes, expected ${enc.keyLengths.join('/')}`);
  }
  if (e.authKey.length !== integ.keyLength) {
    throw new RangeError(`${e.integrity}: key of ${e.authKey.length} bytes, expected ${integ.keyLength}`);
  }
  const fields = [
    e.family ?? 'IPv4',
    address(e.src),
    address(e.dst),
    espSaSpi(e.spi),
    enc.tshark,
    keyField(e.encKey),
    integ.tshark,
    keyField(e.authKey),
  ];
  return fields.map((f) => `"${f}"`).join(',');
}

const FILE_HEADER = '# This file is automatically generated, DO NOT MODIFY.\n';

/** Contents of an `ikev1_decryption_table` UAT file. */
export function ikev1DecryptionTableFile(entries: readonly IkeSaKeyEntry[]): string {
  return FILE_HEADER + entries.map((e) => ikev1DecryptionRecord(e) + '\n').join('');
}

/** Contents of an `esp_sa` UAT file. */
export function espSaFile(entries: readonly EspSaKeyEntry[]): string {
  return FILE_HEADER + entries.map((e) => espSaRecord(e) + '\n').join('');
}

export interface TsharkKeyOptions {
  readonly ike?: readonly IkeSaKeyEntry[];
  readonly esp?: readonly EspSaKeyEntry[];
  /** Also let tshark check the ESP ICV (default true). */
  readonly checkIcv?: boolean;
}

/**
 * tshark arguments as an argv array (no shell quoting needed with spawn/execFile):
 * `-o uat:ikev1_decryption_table:<record>` per IKE SA, and with ESP entries
 * `-o esp.enable_encryption_decode:TRUE` (+ `esp.enable_authentication_check:TRUE`) and
 * `-o uat:esp_sa:<record>` per direction.
 */
export function tsharkKeyArgs(o: TsharkKeyOptions): string[] {
  const args: string[] = [];
  for (const e of o.ike ?? []) args.push('-o', `uat:ikev1_decryption_table:${ikev1DecryptionRecord(e)}`);
  const esp = o.esp ?? [];
  if (esp.length > 0) {
    args.push('-o', 'esp.enable_encryption_decode:TRUE');
    if (o.checkIcv ?? true) args.push('-o', 'esp.enable_authentication_check:TRUE');
    for (const e of esp) args.push('-o', `uat:esp_sa:${espSaRecord(e)}`);
  }
  return args;
}

/** The same arguments quoted for a POSIX shell command line (single quotes). */
export function tsharkKeyArgsShell(o: TsharkKeyOptions): string {
  return tsharkKeyArgs(o)
    .map((a) => (/^[A-Za-z0-9_.:,=+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
