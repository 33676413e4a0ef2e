/**
 * The Security Association Database (RFC 4301 §4.4.2): ESP SAs with their keys, sequence
 * counters, replay windows, lifetimes and the counters that `show crypto ipsec sa` prints.
 *
 * SAs come from Quick Mode (`installFromQuickMode`: KEYMAT per RFC 2409 §5.5, one SA per
 * direction, each keyed with the SPI of its own direction) or are installed directly.
 * Lifetimes are checked against an injected clock (`now`, milliseconds) on every packet and on
 * `tick()`; soft expiry announces that a rekey is due, hard expiry removes the SA.
 *
 * Events (analyzer/model vocabulary): `ipsec.sa` when an SA is installed; `log.line` records
 * `esp.sa.soft-expired`, `esp.sa.hard-expired`, `esp.sa.deleted`, `esp.sequence-overflow`,
 * and for errors `esp.replay`, `esp.icv-failure`, `esp.invalid-spi` whose text is the IOS
 * syslog message of the same failure.
 */
import type { Event, EventOf, Proxy } from '../../analyzer/model/index.js';
import { engineOrigin } from '../../analyzer/model/index.js';
import { keymat, nodeProvider, splitKeymat, u32be, u32Hex, type CryptoProvider, type EspSaKeyEntry, type PrfSpec } from '../crypto/index.js';
import { EspCodec, peekEsp, type OpenedEsp, type SealOptions } from './esp.js';
import { isIpv6 } from './ip6.js';
import { DEFAULT_REPLAY_WINDOW, ReplayWindow } from './replay.js';
import { fail, ok, type EspResult } from './result.js';
import { ESP_CIPHERS, ESP_INTEGRITIES, integrityHashName, type EspTransform } from './transforms.js';

export type SaDirection = 'in' | 'out';
export type SaMode = 'tunnel' | 'transport';
export type SaState = 'active' | 'soft-expired' | 'expired' | 'deleted';

export interface SaLifetime {
  /** Hard lifetime in seconds (IOS default 3600). */
  readonly seconds?: number;
  /** Hard lifetime in kilobytes of protected payload (IOS default 4608000). */
  readonly kilobytes?: number;
  /** Soft lifetimes; default 90 % of the hard ones. */
  readonly softSeconds?: number;
  readonly softKilobytes?: number;
}

export interface EspSaConfig {
  readonly spi: number;
  readonly direction: SaDirection;
  readonly mode: SaMode;
  readonly transform: EspTransform;
  readonly encKey: Uint8Array;
  readonly authKey: Uint8Array;
  readonly esn?: boolean;
  /** Outer (tunnel endpoint) addresses: ours and the peer's. */
  readonly local: string;
  readonly remote: string;
  /** Proxies (traffic selectors): our side and the peer's. Default: the outer addresses. */
  readonly localProxy?: Proxy;
  readonly remoteProxy?: Proxy;
  /** ESP in UDP (RFC 3948) with these ports. */
  readonly udp?: { readonly localPort: number; readonly remotePort: number };
  /** Replay window in packets (inbound; 0 disables anti-replay). Default 64. */
  readonly replayWindow?: number;
  readonly lifetime?: SaLifetime;
  /** Device connection id, printed in the IOS-style messages. */
  readonly conn?: string;
  /** Outbound: the next sequence number to send (default 1; tests of the overflow rule). */
  readonly firstSequence?: number;
}

/** The counters of `show crypto ipsec sa` (IOS / ASA wording in the comments). */
export interface EspSaCounters {
  /** #pkts encaps / encrypt / digest (outbound SAs). */
  encaps: number;
  encrypt: number;
  digest: number;
  /** #pkts decaps / decrypt / verify (inbound SAs). */
  decaps: number;
  decrypt: number;
  verify: number;
  /** Protected payload bytes, the base of the kilobyte lifetime. */
  bytes: number;
  /** #send errors / #recv errors (every failure, including the ones below). */
  sendErrors: number;
  recvErrors: number;
  /** #pkts replay failed. */
  replayFailures: number;
  /** #pkts verify failed (ICV / GCM tag). */
  icvFailures: number;
  /** Decrypted but refused: bad padding, pad length, next header, proxy mismatch. */
  invalidPackets: number;
  /** Dummy packets (next header 59) received and dropped. */
  dummies: number;
}

export interface SadCounters {
  /** #pkts invalid spi (rcv): no inbound SA with the packet's SPI. */
  invalidSpi: number;
  installed: number;
  expired: number;
  deleted: number;
}

const TWO32 = 0x1_0000_0000;

export class EspSa {
  readonly spi: number;
  readonly direction: SaDirection;
  readonly config: EspSaConfig;
  readonly codec: EspCodec;
  readonly window: ReplayWindow | undefined;
  readonly counters: EspSaCounters = {
    encaps: 0,
    encrypt: 0,
    digest: 0,
    decaps: 0,
    decrypt: 0,
    verify: 0,
    bytes: 0,
    sendErrors: 0,
    recvErrors: 0,
    replayFailures: 0,
    icvFailures: 0,
    invalidPackets: 0,
    dummies: 0,
  };
  state: SaState = 'active';
  /** Clock value (ms) at installation. */
  readonly installedAt: number;
  private nextSeq: number;

  constructor(config: EspSaConfig, provider: CryptoProvider, installedAt: number) {
    this.config = config;
    this.spi = config.spi;
    this.direction = config.direction;
    this.codec = new EspCodec({ spi: config.spi, transform: config.transform, encKey: config.encKey, authKey: config.authKey, esn: config.esn ?? false }, provider);
    this.window = config.direction === 'in' ? new ReplayWindow(config.replayWindow ?? DEFAULT_REPLAY_WINDOW) : undefined;
    this.nextSeq = config.firstSequence ?? 1;
    if (!Number.isInteger(this.nextSeq) || this.nextSeq < 1) throw new RangeError(`first sequence number ${this.nextSeq}: must be ≥ 1`);
    this.installedAt = installedAt;
  }

  /** The highest sequence number that may be sent: 2^32 − 1, or with ESN 2^53 − 1 here (2^64 − 1 in RFC 4303). */
  get maxSequence(): number {
    return this.config.esn ? Number.MAX_SAFE_INTEGER : TWO32 - 1;
  }

  /** Next outbound sequence number. */
  get sequence(): number {
    return this.nextSeq;
  }

  get usable(): boolean {
    return this.state === 'active' || this.state === 'soft-expired';
  }

  /**
   * RFC 4303 §3.3.3: "the sender MUST NOT send a packet on an SA if doing so would cause the
   * sequence number to cycle"; the counter starts at 1 for the first packet.
   */
  takeSequence(): number | undefined {
    if (this.nextSeq > this.maxSequence) return undefined;
    return this.nextSeq++;
  }

  /** The tshark `esp_sa` entry of this SA (src/dst are the outer addresses of its direction). */
  wiresharkEntry(): EspSaKeyEntry {
    const c = this.config;
    return {
      src: c.direction === 'out' ? c.local : c.remote,
      dst: c.direction === 'out' ? c.remote : c.local,
      spi: c.spi,
      encryption: ESP_CIPHERS[c.transform.encryption].tshark,
      encKey: c.encKey,
      integrity: c.transform.integrity,
      authKey: c.authKey,
      ...(isIpv6(c.local) ? { family: 'IPv6' as const } : {}),
    };
  }
}

export interface EventOptions {
  /** The node whose view the events are (default "esp"). */
  readonly node?: string;
  /** The harness run id for the events' origin (default "esp"). */
  readonly run?: string;
  readonly emit?: (e: Event) => void;
}

export interface SadOptions extends EventOptions {
  readonly provider?: CryptoProvider;
  /** Clock in milliseconds (default Date.now). */
  readonly now?: () => number;
}

export interface QuickModeSaInput {
  /** The phase-1 prf (provider and hash) and SKEYID_d. */
  readonly prf: PrfSpec;
  readonly skeyidD: Uint8Array;
  /** Nonce bodies of the Quick Mode initiator and responder (the same order on both sides). */
  readonly niB: Uint8Array;
  readonly nrB: Uint8Array;
  /** With PFS: the Quick Mode g^xy at full length. */
  readonly gqmxy?: Uint8Array;
  readonly transform: EspTransform;
  readonly mode: SaMode;
  readonly esn?: boolean;
  /** Our SPI (inbound SA) and the peer's SPI (outbound SA). */
  readonly inboundSpi: number;
  readonly outboundSpi: number;
  readonly local: string;
  readonly remote: string;
  readonly localProxy?: Proxy;
  readonly remoteProxy?: Proxy;
  readonly udp?: { readonly localPort: number; readonly remotePort: number };
  readonly replayWindow?: number;
  readonly lifetime?: SaLifetime;
  readonly conn?: string;
  readonly pfsGroup?: number;
}

/** One direction's keys from Quick Mode: KEYMAT computed with that direction's SPI, then split. */
export function quickModeKeys(i: QuickModeSaInput, spi: number): { encKey: Uint8Array; authKey: Uint8Array } {
  const encLength = ESP_CIPHERS[i.transform.encryption].keymatLength;
  const authLength = ESP_INTEGRITIES[i.transform.integrity].keyLength;
  // RFC 2409 §5.5: KEYMAT = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b), expanded
  // K1 | K2 | ...; protocol 3 = PROTO_IPSEC_ESP; the encryption key is taken first
  const km = keymat(i.prf, i.skeyidD, { protocol: 3, spi: u32be(spi), niB: i.niB, nrB: i.nrB, ...(i.gqmxy ? { gqmxy: i.gqmxy } : {}) }, encLength + authLength);
  return splitKeymat(km, encLength, authLength);
}

export class Sad {
  readonly provider: CryptoProvider;
  readonly counters: SadCounters = { invalidSpi: 0, installed: 0, expired: 0, deleted: 0 };
  private readonly inbound = new Map<number, EspSa>();
  private readonly outbound = new Map<number, EspSa>();
  private readonly now: () => number;
  private readonly node: string;
  private readonly run: string;
  private readonly sink: ((e: Event) => void) | undefined;
  private step = 0;

  constructor(o: SadOptions = {}) {
    this.provider = o.provider ?? nodeProvider;
    this.now = o.now ?? Date.now;
    this.node = o.node ?? 'esp';
    this.run = o.run ?? 'esp';
    this.sink = o.emit;
  }

  /** Installs one SA. An SPI already installed in that direction is an error (thrown: a caller bug). */
  install(config: EspSaConfig): EspSa {
    const table = config.direction === 'in' ? this.inbound : this.outbound;
    if (table.has(config.spi)) throw new RangeError(`${config.direction}bound SPI 0x${u32Hex(config.spi)} is already installed`);
    const sa = new EspSa(config, this.provider, this.now());
    table.set(config.spi, sa);
    this.counters.installed++;
    this.emitSa(sa);
    return sa;
  }

  /** Installs the inbound and the outbound SA of a Quick Mode result. */
  installFromQuickMode(i: QuickModeSaInput): { inbound: EspSa; outbound: EspSa } {
    const common = {
      mode: i.mode,
      transform: i.transform,
      local: i.local,
      remote: i.remote,
      ...(i.esn !== undefined ? { esn: i.esn } : {}),
      ...(i.localProxy ? { localProxy: i.localProxy } : {}),
      ...(i.remoteProxy ? { remoteProxy: i.remoteProxy } : {}),
      ...(i.udp ? { udp: i.udp } : {}),
      ...(i.lifetime ? { lifetime: i.lifetime } : {}),
      ...(i.conn ? { conn: i.conn } : {}),
    };
    const inbound = this.install({
      ...common,
      spi: i.inboundSpi,
      direction: 'in',
      ...quickModeKeys(i, i.inboundSpi),
      ...(i.replayWindow !== undefined ? { replayWindow: i.replayWindow } : {}),
    });
    const outbound = this.install({ ...common, spi: i.outboundSpi, direction: 'out', ...quickModeKeys(i, i.outboundSpi) });
    return { inbound, outbound };
  }

  getInbound(spi: number): EspSa | undefined {
    return this.inbound.get(spi);
  }

  getOutbound(spi: number): EspSa | undefined {
    return this.outbound.get(spi);
  }

  get all(): EspSa[] {
    return [...this.inbound.values(), ...this.outbound.values()];
  }

  /** Removes an SA (e.g. on an IKE Delete). Returns false if it was not installed. */
  delete(spi: number, direction: SaDirection, reason = 'deleted'): boolean {
    const table = direction === 'in' ? this.inbound : this.outbound;
    const sa = table.get(spi);
    if (!sa) return false;
    table.delete(spi);
    if (sa.state !== 'expired') {
      sa.state = 'deleted';
      this.counters.deleted++;
    }
    this.log(sa, 'esp.sa.deleted', `IPSEC(delete_sa): deleting SA, (sa) sa_dest= ${sa.config.direction === 'in' ? sa.config.local : sa.config.remote}, sa_proto= 50, sa_spi= 0x${u32Hex(sa.spi)}, reason: ${reason}`);
    return true;
  }

  /** Checks every SA's time lifetimes (call it from a timer, or after moving a test clock). */
  tick(): void {
    for (const sa of this.all) this.checkLifetime(sa);
  }

  /**
   * Checks the lifetimes of `sa` and moves it to soft-expired / expired (and out of the SAD).
   * Returns false when the SA can no longer be used.
   */
  checkLifetime(sa: EspSa): boolean {
    if (!sa.usable) return false;
    const life = sa.config.lifetime;
    if (!life) return true;
    const ageSeconds = (this.now() - sa.installedAt) / 1000;
    const kb = sa.counters.bytes / 1024;
    const hardS = life.seconds;
    const hardK = life.kilobytes;
    const softS = life.softSeconds ?? (hardS !== undefined ? hardS * 0.9 : undefined);
    const softK = life.softKilobytes ?? (hardK !== undefined ? hardK * 0.9 : undefined);
    if ((hardS !== undefined && ageSeconds >= hardS) || (hardK !== undefined && kb >= hardK)) {
      const why = hardS !== undefined && ageSeconds >= hardS ? `seconds lifetime ${hardS}` : `kilobytes lifetime ${hardK}`;
      sa.state = 'expired';
      this.counters.expired++;
      this.log(sa, 'esp.sa.hard-expired', `IPSEC: SA 0x${u32Hex(sa.spi)} (${sa.direction}) hard expired: ${why}`);
      this.delete(sa.spi, sa.direction, `hard lifetime expired (${why})`);
      return false;
    }
    if (sa.state === 'active' && ((softS !== undefined && ageSeconds >= softS) || (softK !== undefined && kb >= softK))) {
      sa.state = 'soft-expired';
      const why = softS !== undefined && ageSeconds >= softS ? `seconds ${softS}` : `kilobytes ${softK}`;
      this.log(sa, 'esp.sa.soft-expired', `IPSEC: SA 0x${u32Hex(sa.spi)} (${sa.direction}) soft lifetime expired (${why}): rekey due`);
    }
    return true;
  }

  // ---- packet processing on one SA ------------------------------------------------------------

  /** Seals `payload` on an outbound SA (counters, sequence overflow, lifetimes). */
  seal(sa: EspSa, payload: Uint8Array, nextHeader: number, o?: SealOptions): EspResult<Uint8Array> {
    if (!this.checkLifetime(sa)) {
      sa.counters.sendErrors++;
      return fail('sa-expired', 0, `SA 0x${u32Hex(sa.spi)} is ${sa.state}`);
    }
    const seq = sa.takeSequence();
    if (seq === undefined) {
      sa.counters.sendErrors++;
      this.log(sa, 'esp.sequence-overflow', `IPSEC: sequence number of SA 0x${u32Hex(sa.spi)} would cycle: rekey required`);
      return fail('sequence-overflow', 4, `sequence number would cycle past ${sa.maxSequence} (RFC 4303 §3.3.3)`);
    }
    const esp = sa.codec.seal(seq, payload, nextHeader, o);
    // (with o.headroom the result starts with that many free bytes)
    const c = sa.counters;
    c.encaps++;
    if (sa.config.transform.encryption !== 'null') c.encrypt++;
    if (sa.codec.icvLength > 0) c.digest++;
    c.bytes += payload.length;
    this.checkLifetime(sa);
    return ok(esp);
  }

  /** Finds the inbound SA of an ESP packet and opens it (counters, replay, events). */
  open(esp: Uint8Array, outer?: { src: string; dst: string }): EspResult<OpenedEsp & { sa: EspSa }> {
    const header = peekEsp(esp);
    if (!header.ok) return header;
    const { spi, seq: seqLow } = header.value;
    const sa = this.inbound.get(spi);
    if (!sa || !sa.usable) {
      this.counters.invalidSpi++;
      this.log(undefined, 'esp.invalid-spi', `%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=${outer?.dst ?? 'unknown'}, prot=50, spi=0x${u32Hex(spi).toUpperCase()}(${spi}), srcaddr=${outer?.src ?? 'unknown'}`, spi);
      return fail('invalid-spi', 0, `no inbound SA with SPI 0x${u32Hex(spi)}`);
    }
    if (!this.checkLifetime(sa)) {
      sa.counters.recvErrors++;
      return fail('sa-expired', 0, `SA 0x${u32Hex(spi)} is ${sa.state}`);
    }
    const r = sa.codec.open(esp, sa.window);
    const c = sa.counters;
    if (!r.ok) {
      c.recvErrors++;
      const conn = sa.config.conn ?? u32Hex(sa.spi);
      if (r.error.code === 'replay') {
        c.replayFailures++;
        this.log(sa, 'esp.replay', `%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=${conn}, sequence number=${seqLow}`);
      } else if (r.error.code === 'icv-failure') {
        c.icvFailures++;
        this.log(sa, 'esp.icv-failure', `%CRYPTO-4-RECVD_PKT_MAC_ERR: decrypt: mac verify failed for connection id=${conn}`);
      } else {
        c.invalidPackets++;
      }
      return r;
    }
    c.decaps++;
    if (sa.config.transform.encryption !== 'null') c.decrypt++;
    if (sa.codec.icvLength > 0) c.verify++;
    c.bytes += r.value.payload.length;
    if (r.value.dummy) c.dummies++;
    this.checkLifetime(sa);
    return ok({ ...r.value, sa });
  }

  // ---- events -------------------------------------------------------------------------------

  private base(sa: EspSa | undefined, spi?: number) {
    const s = sa?.spi ?? spi;
    return {
      seq: ++this.step,
      origin: engineOrigin(this.run, this.step),
      node: this.node,
      time: new Date(this.now()).toISOString(),
      ...(sa ? { peer: { address: sa.config.remote, ...(sa.config.udp ? { port: sa.config.udp.remotePort } : {}) } } : {}),
      ...(s !== undefined ? { sa: { spi: u32Hex(s), ...(sa?.config.conn ? { conn: sa.config.conn } : {}) } } : {}),
    };
  }

  private emitSa(sa: EspSa): void {
    if (!this.sink) return;
    const c = sa.config;
    const hash = integrityHashName(c.transform.integrity);
    const ev: EventOf<'ipsec.sa'> = {
      kind: 'ipsec.sa',
      ...this.base(sa),
      dir: c.direction,
      protocol: 'esp',
      spi: u32Hex(c.spi),
      local: c.localProxy ?? { address: c.local },
      remote: c.remoteProxy ?? { address: c.remote },
      localEndpoint: { address: c.local, ...(c.udp ? { port: c.udp.localPort } : {}) },
      remoteEndpoint: { address: c.remote, ...(c.udp ? { port: c.udp.remotePort } : {}) },
      encryption: c.transform.encryption,
      ...(hash ? { integrity: hash } : {}),
      mode: c.mode,
      udpEncapsulated: c.udp !== undefined,
      ...(c.lifetime?.seconds !== undefined ? { lifetimeSeconds: c.lifetime.seconds } : {}),
      ...(c.lifetime?.kilobytes !== undefined ? { lifetimeKilobytes: c.lifetime.kilobytes } : {}),
      ...(c.conn ? { conn: c.conn } : {}),
    };
    this.sink(ev);
  }

  private log(sa: EspSa | undefined, record: string, text: string, spi?: number): void {
    if (!this.sink) return;
    const ev: EventOf<'log.line'> = { kind: 'log.line', ...this.base(sa, spi), record, text };
    this.sink(ev);
  }
}
