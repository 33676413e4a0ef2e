/** Payloads as the events name them (PayloadInfo with canonical names). */
import type { PayloadInfo } from '../../analyzer/model/events.js';
import { CFG_ATTRIBUTES, CFG_MESSAGE_TYPES, ID_TYPES, NOTIFY_TYPES } from '../../analyzer/model/registries.js';
import { vendorIdByHex, type VendorIdName } from '../../analyzer/model/vendor-ids.js';
import { idText, type Payload } from '../codec/index.js';
import { toHex } from '../crypto/index.js';
import { maskBits } from './proxy-id.js';

/** A payload as the events name it. */
export function payloadInfo(p: Payload): PayloadInfo {
  if (p.type === 'N') {
    const name = NOTIFY_TYPES.nameOf(p.notifyType);
    return { type: 'N', notify: name ? { type: name, number: p.notifyType } : { type: 'UNKNOWN', number: p.notifyType } };
  }
  if (p.type === 'ID') {
    const t = ID_TYPES.nameOf(p.idType);
    if (t) return { type: 'ID', id: { type: t, value: idValue(p), ...(p.protocol ? { protocol: p.protocol } : {}), ...(p.port ? { port: p.port } : {}) } };
  }
  if (p.type === 'VID') {
    const hex = toHex(p.data);
    const m = vendorIdByHex(hex);
    return { type: 'VID', vendorId: { ...(m ? { name: m.entry.name as VendorIdName } : {}), hex } };
  }
  if (p.type === 'ATTR') {
    const type = CFG_MESSAGE_TYPES.nameOf(p.cfgType);
    return { type: 'ATTR', cfg: { ...(type ? { type } : {}), attributes: p.attributes.map((a) => CFG_ATTRIBUTES.nameOf(a.type) ?? `0x${a.type.toString(16)}`) } };
  }
  return { type: p.type };
}

/** ID text with subnets as CIDR (events encode subnets as "10.1.0.0/16"). */
export function idValue(p: Extract<Payload, { type: 'ID' }>): string {
  const t = idText(p);
  // IPv6 subnets likewise: "2001:db8:1::/48" (RFC 2407 §4.6.2.1 ID_IPV6_ADDR_SUBNET carries a mask)
  if (p.idType === ID_TYPES.valueOf('ipv6-addr-subnet') && p.data.length === 32) return `${t.slice(0, t.indexOf('/'))}/${maskBits(p.data.subarray(16))}`;
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (!m) return t;
  const bits = m[2]!.split('.').reduce((n, o) => n + (Number(o) >>> 0).toString(2).split('').filter((c) => c === '1').length, 0);
  return `${m[1]}/${bits}`;
}
