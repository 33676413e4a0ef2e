/**
 * What makes an engine event cheap without changing it: the ISO time string is made once per
 * clock millisecond (many events share one: a message in, its state change, the reply out), and a
 * responder cookie's hex once per cookie. A profile of `npm run bench -- --only ikev1` had `emit`
 * at ~7 % self time, most of it `new Date(ms).toISOString()` and hex encoding of the cookies; an
 * outgoing message's event also decoded the whole message again for two header fields (now
 * `decodeHeader`, engine.ts), and each received datagram is hex-encoded for duplicate detection.
 */
import { toHex } from '../crypto/index.js';

/** `new Date(ms).toISOString()`, remembered for the last millisecond asked. */
export class IsoTimeCache {
  private ms = Number.NaN;
  private iso = '';

  at(ms: number): string {
    if (ms !== this.ms) {
      this.iso = new Date(ms).toISOString();
      this.ms = ms;
    }
    return this.iso;
  }
}

/** Cookie bytes are replaced (`sa.rcookie = …slice()`), never changed in place: the array identifies its hex. */
const cookieHexes = new WeakMap<Uint8Array, string | undefined>();

/** The hex of a cookie, undefined while it is all zero (the initiator before MM2/AM2: no `rcookie` in the events). */
export function cookieHex(cookie: Uint8Array): string | undefined {
  if (cookieHexes.has(cookie)) return cookieHexes.get(cookie);
  const hex = cookie.some((b) => b !== 0) ? toHex(cookie) : undefined;
  cookieHexes.set(cookie, hex);
  return hex;
}

/** Hex of a received datagram (duplicate detection), natively: the same text as `toHex`, without a string built per byte. */
export function datagramHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
