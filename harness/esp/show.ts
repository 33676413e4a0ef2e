/**
 * `show crypto ipsec sa`-style text for an SA pair (IOS layout, the counter lines the
 * analyzer's show grammar knows), for logs and reports of harness runs.
 */
import type { Proxy } from '../../analyzer/model/index.js';
import type { EspSa } from './sad.js';
import { addressRange } from './spd.js';

function ident(p: Proxy): string {
  const r = addressRange(p.address);
  const size = r.hi - r.lo + 1;
  const mask = Number.isInteger(Math.log2(size)) ? (0xffffffff - (size - 1)) >>> 0 : 0xffffffff;
  const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  return `(${dotted(r.lo)}/${dotted(mask)}/${p.protocol ?? 0}/${p.port ?? 0})`;
}

/** The `show crypto ipsec sa` block of one inbound/outbound SA pair. */
export function showCryptoIpsecSa(inbound: EspSa, outbound: EspSa): string {
  const c = outbound.config;
  const i = inbound.counters;
  const o = outbound.counters;
  const sa = (s: EspSa) => {
    const t = s.config.transform;
    const life = s.config.lifetime;
    return [
      `      spi: 0x${s.spi.toString(16).toUpperCase()}(${s.spi})`,
      `        transform: esp-${t.encryption} ${t.integrity === 'null' ? '' : `esp-${t.integrity}`} ,`.replace('  ,', ' ,'),
      `        in use settings ={${s.config.mode === 'tunnel' ? 'Tunnel' : 'Transport'}${s.config.udp ? ' UDP-Encaps' : ''}, }`,
      `        sa timing: remaining key lifetime (k/sec): (${life?.kilobytes !== undefined ? Math.max(0, Math.floor(life.kilobytes - s.counters.bytes / 1024)) : 'none'}/${life?.seconds ?? 'none'})`,
      `        replay detection support: ${s.window === undefined || s.window.size > 0 ? 'Y' : 'N'}`,
      `        Status: ${s.state === 'active' || s.state === 'soft-expired' ? 'ACTIVE' : 'DELETED'}(${s.state.toUpperCase()})`,
    ].join('\n');
  };
  return [
    `   local  ident (addr/mask/prot/port): ${ident(c.localProxy ?? { address: c.local })}`,
    `   remote ident (addr/mask/prot/port): ${ident(c.remoteProxy ?? { address: c.remote })}`,
    `   current_peer ${c.remote} port ${c.udp?.remotePort ?? 500}`,
    `    #pkts encaps: ${o.encaps}, #pkts encrypt: ${o.encrypt}, #pkts digest: ${o.digest}`,
    `    #pkts decaps: ${i.decaps}, #pkts decrypt: ${i.decrypt}, #pkts verify: ${i.verify}`,
    `    #send errors ${o.sendErrors}, #recv errors ${i.recvErrors}`,
    `    #pkts replay failed (rcv): ${i.replayFailures}, #pkts verify failed: ${i.icvFailures}`,
    '',
    `     local crypto endpt.: ${c.local}, remote crypto endpt.: ${c.remote}`,
    `     current outbound spi: 0x${outbound.spi.toString(16).toUpperCase()}(${outbound.spi})`,
    '',
    '     inbound esp sas:',
    sa(inbound),
    '',
    '     outbound esp sas:',
    sa(outbound),
  ].join('\n');
}
