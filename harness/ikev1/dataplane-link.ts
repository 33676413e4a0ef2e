/**
 * An engine and its ESP data plane (harness/esp) kept in step: every IPsec SA pair the engine
 * establishes is installed (KEYMAT recomputed by harness/esp from `espInput`), the SPD entry
 * for its proxies moves to the newest outbound SA (traffic follows a rekey at once), pairs the
 * engine expires leave the SAD, and the data plane's soft/hard expiry — by kilobytes, which only
 * the data plane can count, or by time noticed on a packet — goes back to the engine through
 * `childSaExpiring`, which rekeys or expires.
 *
 * ```ts
 * const link = new DataPlaneLink(engine);
 * const dp = new EspDataPlane({ now: () => clock.now(), emit: (e) => { events.push(e); link.espEvent(e); } });
 * link.attach(dp);
 * ```
 */
import type { Event } from '../../analyzer/model/events.js';
import type { EspDataPlane, SaLifetime } from '../esp/index.js';
import type { Ikev1Engine } from './engine.js';
import { espInput } from './esp.js';
import type { ChildSa } from './sa.js';

/** The data plane's lifetime records (harness/esp sad.ts) and the engine's expiry levels. */
const EXPIRY_RECORDS: Readonly<Record<string, 'soft' | 'hard'>> = { 'esp.sa.soft-expired': 'soft', 'esp.sa.hard-expired': 'hard' };

export class DataPlaneLink {
  private dp: EspDataPlane | undefined;
  /** Installed pairs by either SPI. */
  private readonly bySpi = new Map<number, ChildSa>();
  private readonly pending: { child: ChildSa; fraction: number }[] = [];

  constructor(private readonly engine: Ikev1Engine) {
    engine.lifetimes.onChild((what, child, fraction) => (what === 'established' ? this.install(child, fraction) : this.remove(child, what === 'deleted' ? 'deleted by IKE (DELETE)' : 'hard lifetime expired (IKE)')));
  }

  /** The data plane to keep in step (pairs established before are installed now). */
  attach(dp: EspDataPlane): void {
    this.dp = dp;
    for (const p of this.pending.splice(0)) this.install(p.child, p.fraction);
  }

  /** Hand every event of the data plane here (its `emit` option): lifetime records reach the engine. */
  espEvent(e: Event): void {
    if (e.kind !== 'log.line') return;
    const level = EXPIRY_RECORDS[e.record];
    const spi = e.sa?.spi;
    if (!level || spi === undefined) return;
    const child = this.bySpi.get(parseInt(spi, 16));
    if (child) this.engine.childSaExpiring(child, level, `data plane: ${e.text ?? e.record}`);
  }

  private install(child: ChildSa, softFraction: number): void {
    const dp = this.dp;
    if (!dp) return void this.pending.push({ child, fraction: softFraction });
    // the data plane's soft points are the engine's (rekey.ts), so kilobytes and seconds agree on who rekeys first
    const lifetime: SaLifetime = {
      seconds: child.lifetimeSeconds,
      softSeconds: child.lifetimeSeconds * softFraction,
      ...(child.lifetimeKilobytes !== undefined ? { kilobytes: child.lifetimeKilobytes, softKilobytes: child.lifetimeKilobytes * softFraction } : {}),
    };
    const input = { ...espInput(child), lifetime };
    dp.sad.installFromQuickMode(input);
    this.bySpi.set(child.inboundSpi, child);
    this.bySpi.set(child.outboundSpi, child);
    const local = input.localProxy ?? { address: input.local };
    const remote = input.remoteProxy ?? { address: input.remote };
    const same = (a: { address: string; protocol?: number; port?: number }, b: typeof a) => a.address === b.address && (a.protocol ?? 0) === (b.protocol ?? 0) && (a.port ?? 0) === (b.port ?? 0);
    const policy = dp.spd.entries.find((p) => p.action === 'protect' && same(p.local, local) && same(p.remote, remote));
    // RFC 4301 §4.4.1: the SPD entry points at the SA to use; a rekey repoints it (make-before-break)
    if (policy) policy.outboundSpi = child.outboundSpi;
    else dp.spd.add({ local, remote, action: 'protect', outboundSpi: child.outboundSpi, name: child.conn });
  }

  private remove(child: ChildSa, reason: string): void {
    this.bySpi.delete(child.inboundSpi);
    this.bySpi.delete(child.outboundSpi);
    this.dp?.sad.delete(child.inboundSpi, 'in', reason);
    this.dp?.sad.delete(child.outboundSpi, 'out', reason);
  }
}
