/**
 * Anti-replay (RFC 4303 §3.4.3) with the bitmap of RFC 6479: a ring of 32-bit words, one more
 * than the window needs, so that sliding the window right only clears whole words and costs
 * O(min(advance, window) / 32) — a 64-bit or a 65536-bit window is checked in constant time.
 *
 * Sequence numbers are JavaScript numbers: 32-bit, or with ESN the 64-bit counter up to
 * 2^53 − 1 (at 10 Gbit/s of 64-byte packets that is 450 years).
 */

export type ReplayVerdict = 'ok' | 'replay' | 'too-old';

export const DEFAULT_REPLAY_WINDOW = 64;
export const MAX_REPLAY_WINDOW = 1 << 20;

export class ReplayWindow {
  /** Window size in packets (0 = anti-replay disabled). */
  readonly size: number;
  private readonly words: Uint32Array;
  private readonly bits: number;
  /** Highest sequence number accepted so far (0 = none yet). */
  private topSeq = 0;

  constructor(size: number = DEFAULT_REPLAY_WINDOW) {
    if (!Number.isInteger(size) || size < 0 || size > MAX_REPLAY_WINDOW) {
      throw new RangeError(`replay window ${size}: expected an integer from 0 to ${MAX_REPLAY_WINDOW}`);
    }
    this.size = size;
    // one spare word: sliding clears the word the new top falls in without touching the
    // window's oldest bits (RFC 6479 §2.2)
    const n = size === 0 ? 1 : Math.ceil(size / 32) + 1;
    this.words = new Uint32Array(n);
    this.bits = n * 32;
  }

  /** The highest authenticated sequence number (the right edge of the window). */
  get top(): number {
    return this.topSeq;
  }

  /**
   * RFC 4303 §3.4.3: "the receiver MUST check ... that the packet ... does not duplicate the
   * sequence number of any other packet received during the life of this SA", and packets
   * left of the window are rejected. The check does not change the window: call `update`
   * only after the ICV verified ("the receive window is updated only if the integrity
   * verification succeeds").
   */
  check(seq: number): ReplayVerdict {
    if (this.size === 0) return 'ok';
    if (seq === 0) return 'too-old'; // the first packet sent has sequence number 1
    if (seq > this.topSeq) return 'ok';
    if (this.topSeq - seq >= this.size) return 'too-old';
    const bit = seq % this.bits;
    return (this.words[bit >>> 5]! >>> (bit & 31)) & 1 ? 'replay' : 'ok';
  }

  /** Marks `seq` as received, sliding the window right when it is new. Call after `check` said ok. */
  update(seq: number): void {
    if (this.size === 0) {
      if (seq > this.topSeq) this.topSeq = seq;
      return;
    }
    const n = this.words.length;
    if (seq > this.topSeq) {
      const oldWord = Math.floor(this.topSeq / 32);
      const newWord = Math.floor(seq / 32);
      const clear = Math.min(newWord - oldWord, n);
      for (let i = 1; i <= clear; i++) this.words[(oldWord + i) % n] = 0;
      this.topSeq = seq;
    }
    const bit = seq % this.bits;
    this.words[bit >>> 5]! |= 1 << (bit & 31);
  }

  /** check + update in one call: true if accepted. */
  accept(seq: number): boolean {
    if (this.check(seq) !== 'ok') return false;
    this.update(seq);
    return true;
  }

  /**
   * ESN (RFC 4303 Appendix A2.2): the receiver infers the high 32 bits Seqh from the low 32
   * bits Seql on the wire, the window's top T = Th ‖ Tl and the window size W:
   *   Case A, Tl >= W − 1 (the window lies in one subspace):
   *     if Seql >= Tl − W + 1 then Seqh = Th else Seqh = Th + 1
   *   Case B, Tl < W − 1 (the window spans two subspaces):
   *     if Seql >= Tl − W + 1 (mod 2^32) then Seqh = Th − 1 else Seqh = Th
   * With anti-replay disabled the default window size is used for the inference.
   */
  inferEsn(seql: number): number {
    const w = this.size === 0 ? DEFAULT_REPLAY_WINDOW : this.size;
    const tl = this.topSeq % 0x1_0000_0000;
    const th = Math.floor(this.topSeq / 0x1_0000_0000);
    let seqh: number;
    if (tl >= w - 1) seqh = seql >= tl - w + 1 ? th : th + 1;
    else seqh = seql >= 0x1_0000_0000 + tl - w + 1 && th > 0 ? th - 1 : th;
    return seqh * 0x1_0000_0000 + seql;
  }
}
