/**
 * The ESP packet format (RFC 4303 §2) and its cryptographic processing, per SA keys.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ ----
 *  |               Security Parameters Index (SPI)                 | ^Int.
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |Cov-
 *  |                      Sequence Number                          | |ered
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ | ----
 *  |                    Payload Data* (variable)                   | |   ^
 *  ~                                                               ~ |   |
 *  |                                                               | |Conf.
 *  +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |Cov-
 *  |               |     Padding (0-255 bytes)                     | |ered*
 *  +-+-+-+-+-+-+-+-+               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |   |
 *  |                               |  Pad Length   | Next Header   | v   v
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ ------
 *  |         Integrity Check Value-ICV   (variable)                |
 *  ~                                                               ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  * Payload Data starts with the explicit IV (CBC: RFC 3602 §3, GCM: RFC 4106 §3.1).
 *
 * `EspCodec` seals and opens packets for one direction's keys; it keeps no sequence state
 * (the SA does). `open` takes the replay window so that it can follow RFC 4303 §3.4's order:
 * replay check, ICV, window update, decryption.
 */
import { constantTimeEqual, readU32, u32Hex, writeU32, type CryptoProvider } from '../crypto/index.js';
import { IPPROTO_NONE } from './ip.js';
import { ReplayWindow } from './replay.js';
import { fail, ok, type EspResult } from './result.js';
import { ESP_CIPHERS, ESP_INTEGRITIES, icvLength, transformProblem, type EspCipherInfo, type EspIntegrityInfo, type EspTransform } from './transforms.js';

export const ESP_HEADER_LENGTH = 8;
const TWO32 = 0x1_0000_0000;

export interface EspKeys {
  readonly spi: number;
  readonly transform: EspTransform;
  /** The encryption KEYMAT: the cipher key, and for GCM the key ‖ 4-byte salt (RFC 4106 §8.1). */
  readonly encKey: Uint8Array;
  readonly authKey: Uint8Array;
  /** Extended (64-bit) sequence numbers (RFC 4303 §2.2.1). */
  readonly esn?: boolean;
}

export interface SealOptions {
  /** Explicit IV (tests). Default: random for CBC, the 64-bit sequence number for GCM. */
  readonly iv?: Uint8Array;
  /** Extra padding blocks (0-255 bytes of padding in total). */
  readonly extraPadBlocks?: number;
  /**
   * Free bytes to leave in front of the ESP packet, for the outer IPv4 (+ UDP) header: the
   * result is then `headroom` zero bytes followed by the ESP packet, so the caller can write
   * the header in place instead of copying the packet again.
   */
  readonly headroom?: number;
}

export interface OpenedEsp {
  readonly spi: number;
  /** The full sequence number (with ESN, high ‖ low bits). */
  readonly seq: number;
  readonly nextHeader: number;
  /** The protected payload (inner IP packet in tunnel mode, transport payload otherwise). */
  readonly payload: Uint8Array;
  readonly padLength: number;
  /** Next Header 59: a dummy packet the receiver MUST discard (RFC 4303 §2.6). */
  readonly dummy: boolean;
}

/** SPI and low sequence number of an ESP packet without opening it. */
export function peekEsp(esp: Uint8Array): EspResult<{ spi: number; seq: number }> {
  if (esp.length < ESP_HEADER_LENGTH) return fail('truncated', esp.length, `ESP header needs 8 bytes, got ${esp.length}`);
  return ok({ spi: readU32(esp, 0), seq: readU32(esp, 4) });
}

export class EspCodec {
  readonly spi: number;
  readonly transform: EspTransform;
  readonly esn: boolean;
  readonly icvLength: number;
  private readonly cipher: EspCipherInfo;
  private readonly integ: EspIntegrityInfo;
  private readonly key: Uint8Array;
  private readonly salt: Uint8Array;
  private readonly authKey: Uint8Array;

  constructor(
    keys: EspKeys,
    readonly provider: CryptoProvider,
  ) {
    const problem = transformProblem(keys.transform);
    if (problem) throw new RangeError(problem);
    if (!Number.isInteger(keys.spi) || keys.spi < 0 || keys.spi > 0xffffffff) throw new RangeError(`SPI ${keys.spi} is not 32-bit`);
    // RFC 4303 §2.1: "The SPI value of zero (0) is reserved for local, implementation-specific
    // use and MUST NOT be sent on the wire"; 1-255 are reserved by IANA.
    if (keys.spi < 256) throw new RangeError(`SPI ${keys.spi} is reserved (RFC 4303 §2.1)`);
    this.spi = keys.spi;
    this.transform = keys.transform;
    this.esn = keys.esn ?? false;
    this.cipher = ESP_CIPHERS[keys.transform.encryption];
    this.integ = ESP_INTEGRITIES[keys.transform.integrity];
    if (keys.encKey.length !== this.cipher.keymatLength) {
      throw new RangeError(`${keys.transform.encryption}: encryption KEYMAT must be ${this.cipher.keymatLength} bytes, got ${keys.encKey.length}`);
    }
    if (keys.authKey.length !== this.integ.keyLength) {
      throw new RangeError(`${keys.transform.integrity}: integrity key must be ${this.integ.keyLength} bytes, got ${keys.authKey.length}`);
    }
    // RFC 4106 §8.1: the last four octets of the KEYMAT for the cipher are the salt
    this.key = this.cipher.aead ? keys.encKey.slice(0, keys.encKey.length - 4) : keys.encKey.slice();
    this.salt = this.cipher.aead ? keys.encKey.slice(keys.encKey.length - 4) : new Uint8Array(0);
    this.authKey = keys.authKey.slice();
    this.icvLength = icvLength(keys.transform);
  }

  /** Bytes added around a payload of `n` bytes (header, IV, padding, trailer, ICV). */
  overhead(n: number): number {
    return this.sealedLength(n, 0) - n;
  }

  private sealedLength(n: number, extraPadBlocks: number): number {
    const a = this.cipher.alignment;
    const padLength = ((a - ((n + 2) % a)) % a) + extraPadBlocks * a;
    return ESP_HEADER_LENGTH + this.cipher.ivLength + n + padLength + 2 + this.icvLength;
  }

  /**
   * Builds one ESP packet (SPI … ICV) around `payload` with sequence number `seq` (the full
   * 64-bit value with ESN; only its low 32 bits are sent).
   */
  seal(seq: number, payload: Uint8Array, nextHeader: number, o: SealOptions = {}): Uint8Array {
    const c = this.cipher;
    const a = c.alignment;
    // RFC 4303 §2.4: the Padding, Pad Length and Next Header fields end on a 4-byte boundary and
    // the ciphertext is a multiple of the cipher's block size.
    const padLength = ((a - ((payload.length + 2) % a)) % a) + (o.extraPadBlocks ?? 0) * a;
    if (padLength > 255) throw new RangeError(`padding of ${padLength} bytes exceeds 255`);
    const ptLength = payload.length + padLength + 2;
    const h = o.headroom ?? 0;
    const seqLow = seq % TWO32;
    const seqHigh = Math.floor(seq / TWO32);
    const headerAndIv = ESP_HEADER_LENGTH + c.ivLength;
    const buf = new Uint8Array(h + headerAndIv + ptLength + this.icvLength);
    const out = h === 0 ? buf : buf.subarray(h);
    // the plaintext is built in place, where the ciphertext will go (one allocation per packet)
    const pt = out.subarray(headerAndIv, headerAndIv + ptLength);
    pt.set(payload, 0);
    // RFC 4303 §2.4: "the Padding bytes are initialized with a series of (unsigned, 1-byte)
    // integer values. The first padding byte appended to the plaintext is numbered 1, with
    // subsequent padding bytes making up a monotonically increasing sequence"
    for (let i = 0; i < padLength; i++) pt[payload.length + i] = i + 1;
    pt[ptLength - 2] = padLength;
    pt[ptLength - 1] = nextHeader;
    writeU32(out, 0, this.spi);
    writeU32(out, 4, seqLow);

    if (c.aead) {
      // RFC 4106 §3.1: the IV MUST be unique for a given key; the 64-bit sequence number is
      // (like Linux' seqiv)
      const iv = o.iv ?? seqIv(seq);
      out.set(iv, ESP_HEADER_LENGTH);
      // RFC 4106 §4: nonce = salt (4 octets) ‖ IV (8 octets)
      const nonce = new Uint8Array(12);
      nonce.set(this.salt, 0);
      nonce.set(iv, 4);
      // RFC 4106 §5: AAD = SPI ‖ 32-bit Sequence Number, or SPI ‖ ESN high ‖ ESN low
      const aad = this.aad(out, seqHigh);
      const sealed = this.provider.encryptGcm(c.gcm!, this.key, nonce, pt, aad, this.icvLength);
      out.set(sealed, headerAndIv);
      return buf;
    }

    if (c.cbc) {
      // RFC 3602 §2.4: the IV MUST be chosen at random and unpredictable
      const iv = o.iv ?? this.provider.randomBytes(c.ivLength);
      out.set(iv, ESP_HEADER_LENGTH);
      out.set(this.provider.encryptCbc(c.cbc, this.key, iv, pt), headerAndIv);
    } // NULL encryption (RFC 2410): the plaintext stays as it is
    if (this.integ.hash) {
      const end = headerAndIv + ptLength;
      // RFC 4303 §2.2.1 / §3.3.2.1: with ESN the high-order 32 bits take part in the ICV as if
      // appended after the Next Header field; the ICV slot (≥ 12 bytes) holds them meanwhile.
      let mac: Uint8Array;
      if (this.esn) {
        writeU32(out, end, seqHigh);
        mac = this.provider.hmac(this.integ.hash, this.authKey, out.subarray(0, end + 4));
      } else {
        mac = this.provider.hmac(this.integ.hash, this.authKey, out.subarray(0, end));
      }
      // RFC 2404 / RFC 4868: the ICV is the leftmost 96 (128, 192, 256) bits of the HMAC
      out.set(mac.subarray(0, this.icvLength), end);
    }
    return buf;
  }

  private aad(esp: Uint8Array, seqHigh: number): Uint8Array {
    if (!this.esn) return esp.subarray(0, 8);
    const aad = new Uint8Array(12);
    aad.set(esp.subarray(0, 4), 0);
    writeU32(aad, 4, seqHigh);
    aad.set(esp.subarray(4, 8), 8);
    return aad;
  }

  /**
   * Opens an ESP packet (RFC 4303 §3.4). With a replay window: the sequence number is checked
   * before the ICV and the window advances only after the ICV verified. Error offsets are
   * into `esp`.
   */
  open(esp: Uint8Array, window?: ReplayWindow): EspResult<OpenedEsp> {
    const c = this.cipher;
    const headerAndIv = ESP_HEADER_LENGTH + c.ivLength;
    const minimum = headerAndIv + Math.max(c.alignment, 4) + this.icvLength;
    if (esp.length < minimum) return fail('truncated', esp.length, `ESP packet of ${esp.length} bytes, at least ${minimum} expected`);
    const spi = readU32(esp, 0);
    if (spi !== this.spi) return fail('invalid-spi', 0, `SPI 0x${u32Hex(spi)} is not this SA's`);
    const seqLow = readU32(esp, 4);
    const seq = this.esn ? (window ?? new ReplayWindow(0)).inferEsn(seqLow) : seqLow;
    const seqHigh = Math.floor(seq / TWO32);
    if (window) {
      const v = window.check(seq);
      if (v !== 'ok') return fail('replay', 4, `sequence number ${seq} ${v === 'replay' ? 'was already received' : `is left of the window (top ${window.top})`}`);
    }
    const ctEnd = esp.length - this.icvLength;
    const ctLength = ctEnd - headerAndIv;
    if (ctLength % c.alignment !== 0) {
      return fail('ciphertext-length', headerAndIv, `ciphertext of ${ctLength} bytes is not a multiple of ${c.alignment}`);
    }

    let pt: Uint8Array;
    if (c.aead) {
      const nonce = new Uint8Array(12);
      nonce.set(this.salt, 0);
      nonce.set(esp.subarray(ESP_HEADER_LENGTH, headerAndIv), 4);
      const opened = this.provider.decryptGcm(c.gcm!, this.key, nonce, esp.subarray(headerAndIv), this.aad(esp, seqHigh), this.icvLength);
      if (!opened) return fail('icv-failure', ctEnd, 'GCM tag does not verify');
      pt = opened;
    } else {
      if (this.integ.hash) {
        let mac: Uint8Array;
        if (this.esn) {
          const buf = new Uint8Array(ctEnd + 4);
          buf.set(esp.subarray(0, ctEnd), 0);
          writeU32(buf, ctEnd, seqHigh);
          mac = this.provider.hmac(this.integ.hash, this.authKey, buf);
        } else {
          mac = this.provider.hmac(this.integ.hash, this.authKey, esp.subarray(0, ctEnd));
        }
        // the ICV comparison runs in constant time (no early exit on the first differing byte)
        if (!constantTimeEqual(mac.subarray(0, this.icvLength), esp.subarray(ctEnd))) {
          return fail('icv-failure', ctEnd, `${this.transform.integrity} ICV does not verify`);
        }
      }
      pt = c.cbc
        ? this.provider.decryptCbc(c.cbc, this.key, esp.subarray(ESP_HEADER_LENGTH, headerAndIv), esp.subarray(headerAndIv, ctEnd))
        : esp.subarray(headerAndIv, ctEnd); // NULL encryption: a view of the input
    }
    // RFC 4303 §3.4.3: the window is updated only after the integrity check succeeded
    window?.update(seq);

    const padLength = pt[pt.length - 2]!;
    const nextHeader = pt[pt.length - 1]!;
    if (padLength > pt.length - 2) return fail('pad-length', ctEnd - 2, `pad length ${padLength} exceeds the ${pt.length - 2} bytes before it`);
    const payloadLength = pt.length - 2 - padLength;
    // RFC 4303 §2.4: with the default padding "the receiver SHOULD inspect the Padding field"
    for (let i = 0; i < padLength; i++) {
      if (pt[payloadLength + i] !== i + 1) return fail('padding', headerAndIv + payloadLength + i, `padding byte ${i + 1} is ${pt[payloadLength + i]}`);
    }
    return ok({ spi, seq, nextHeader, payload: pt.subarray(0, payloadLength), padLength, dummy: nextHeader === IPPROTO_NONE });
  }
}

/** The 64-bit sequence number as an 8-byte GCM IV. */
function seqIv(seq: number): Uint8Array {
  const iv = new Uint8Array(8);
  writeU32(iv, 0, Math.floor(seq / TWO32));
  writeU32(iv, 4, seq % TWO32);
  return iv;
}

