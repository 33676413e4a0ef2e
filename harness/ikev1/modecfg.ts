/**
 * Mode-Config (draft-ietf-ipsec-isakmp-mode-cfg-05) over transaction exchanges: pull (the client sends
 * REQUEST with empty attributes, the server answers REPLY with values) and push (the server sends SET,
 * the client answers ACK). Attributes: the draft's INTERNAL_IP4_ADDRESS / NETMASK / DNS / NBNS /
 * SUBNET and the Cisco Unity ones (banner, save-passwd, default domain, split DNS, split include, PFS,
 * backup servers). Client addresses come from `policy.pools` (one address per ISAKMP SA; an address
 * whose SA has gone — deleting, deleted, failed — is free again).
 */
import type { CfgAttributes, IkeCfgEvent } from '../../analyzer/model/events.js';
import { CFG_ATTRIBUTES, CFG_MESSAGE_TYPES, type CfgAttributeName } from '../../analyzer/model/registries.js';
import { ipv4Bytes, ipv4String, tlv, tv, type AttrPayload, type Attribute } from '../codec/index.js';
import type { Ikev1Engine } from './engine.js';
import type { Handler } from './handlers.js';
import type { IsakmpSa, TransactionExchange } from './sa.js';
import type { PoolLeases } from './policy.js';
import { afterConfig } from './sequence.js';
import { attrOf, transactionPayloads } from './transaction.js';

type ListField = 'dns' | 'wins' | 'splitInclude' | 'splitDns' | 'backupServers';
type Codec =
  /** one IPv4 address (4 bytes) */
  | { readonly kind: 'ip4'; readonly field: 'address' | 'netmask' }
  /** one IPv4 address per attribute, repeated */
  | { readonly kind: 'ip4-each'; readonly field: 'dns' | 'wins' }
  /** text */
  | { readonly kind: 'text'; readonly field: 'domain' | 'banner' }
  /** comma-separated text (Cisco Unity lists) */
  | { readonly kind: 'text-list'; readonly field: 'splitDns' | 'backupServers' }
  /** basic (TV) attribute 0/1 (vpnc reads UNITY_SAVE_PASSWD and UNITY_PFS as 16-bit values) */
  | { readonly kind: 'flag'; readonly field: 'savePassword' | 'pfs' }
  /** draft §3.3 INTERNAL_IP4_SUBNET: address | netmask (8 bytes), one network per attribute */
  | { readonly kind: 'subnet-each'; readonly field: 'splitInclude' }
  /** Cisco UNITY_SPLIT_INCLUDE: all networks in one attribute, 14 bytes each (address, mask, 6 bytes zero) */
  | { readonly kind: 'unity-split'; readonly field: 'splitInclude' };

/** The attributes this engine asks for and hands out, in request order. */
const ATTRIBUTES: readonly { readonly name: CfgAttributeName; readonly codec: Codec }[] = [
  { name: 'INTERNAL_IP4_ADDRESS', codec: { kind: 'ip4', field: 'address' } },
  { name: 'INTERNAL_IP4_NETMASK', codec: { kind: 'ip4', field: 'netmask' } },
  { name: 'INTERNAL_IP4_DNS', codec: { kind: 'ip4-each', field: 'dns' } },
  { name: 'INTERNAL_IP4_NBNS', codec: { kind: 'ip4-each', field: 'wins' } },
  { name: 'INTERNAL_IP4_SUBNET', codec: { kind: 'subnet-each', field: 'splitInclude' } },
  { name: 'UNITY_DEF_DOMAIN', codec: { kind: 'text', field: 'domain' } },
  { name: 'UNITY_SPLIT_INCLUDE', codec: { kind: 'unity-split', field: 'splitInclude' } },
  { name: 'UNITY_SPLITDNS_NAME', codec: { kind: 'text-list', field: 'splitDns' } },
  { name: 'UNITY_BANNER', codec: { kind: 'text', field: 'banner' } },
  { name: 'UNITY_SAVE_PASSWD', codec: { kind: 'flag', field: 'savePassword' } },
  { name: 'UNITY_PFS', codec: { kind: 'flag', field: 'pfs' } },
  { name: 'UNITY_BACKUP_SERVERS', codec: { kind: 'text-list', field: 'backupServers' } },
];
const BY_TYPE = new Map(ATTRIBUTES.map((a) => [CFG_ATTRIBUTES.valueOf(a.name), a]));
const text = new TextEncoder();
const untext = new TextDecoder();
const EMPTY = new Uint8Array(0);

// ---- CIDR helpers --------------------------------------------------------------------------------------

function cidrParts(cidr: string): { address: string; mask: string } {
  const [address, bitsText] = cidr.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { address: address!, mask: [24, 16, 8, 0].map((s) => (mask >>> s) & 0xff).join('.') };
}

function toCidr(address: Uint8Array, mask: Uint8Array): string {
  const bits = Array.from(mask).reduce((n, b) => n + b.toString(2).split('').filter((c) => c === '1').length, 0);
  return `${ipv4String(address)}/${bits}`;
}

const u32 = (addr: string): number => ipv4Bytes(addr).reduce((n, b) => n * 256 + b, 0);
const fromU32 = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join('.');

// ---- encoding / decoding ---------------------------------------------------------------------------------

/** The attributes carrying the values of `cfg` that are in `wanted` (null = all we have). */
export function encodeCfg(cfg: CfgAttributes, wanted: ReadonlySet<number> | null): Attribute[] {
  const out: Attribute[] = [];
  for (const { name, codec } of ATTRIBUTES) {
    const type = CFG_ATTRIBUTES.valueOf(name);
    if (wanted && !wanted.has(type)) continue;
    switch (codec.kind) {
      case 'ip4':
        if (cfg[codec.field]) out.push(tlv(type, ipv4Bytes(cfg[codec.field]!)));
        break;
      case 'ip4-each':
        for (const a of cfg[codec.field] ?? []) out.push(tlv(type, ipv4Bytes(a)));
        break;
      case 'text':
        if (cfg[codec.field]) out.push(tlv(type, text.encode(cfg[codec.field]!)));
        break;
      case 'text-list':
        if (cfg[codec.field]?.length) out.push(tlv(type, text.encode(cfg[codec.field]!.join(','))));
        break;
      case 'flag':
        if (cfg[codec.field] !== undefined) out.push(tv(type, cfg[codec.field] ? 1 : 0));
        break;
      case 'subnet-each':
        for (const n of cfg.splitInclude ?? []) {
          const p = cidrParts(n);
          out.push(tlv(type, Uint8Array.from([...ipv4Bytes(p.address), ...ipv4Bytes(p.mask)])));
        }
        break;
      case 'unity-split':
        if (cfg.splitInclude?.length) {
          const data = new Uint8Array(14 * cfg.splitInclude.length);
          cfg.splitInclude.forEach((n, i) => {
            const p = cidrParts(n);
            data.set(ipv4Bytes(p.address), i * 14);
            data.set(ipv4Bytes(p.mask), i * 14 + 4);
          });
          out.push(tlv(type, data));
        }
        break;
    }
  }
  return out;
}

/** The attributes of a REPLY or SET as the events name them (values we cannot read are skipped). */
export function decodeCfg(attrs: readonly Attribute[]): CfgAttributes {
  const out: { -readonly [K in keyof CfgAttributes]: CfgAttributes[K] } = {};
  const push = (field: ListField, v: string) => {
    const list = (out[field] ?? []) as string[];
    if (!list.includes(v)) out[field] = [...list, v];
  };
  for (const a of attrs) {
    const entry = BY_TYPE.get(a.type);
    if (!entry) continue;
    const c = entry.codec;
    if (c.kind === 'flag') {
      if (a.format === 'tv') out[c.field] = a.value !== 0;
      continue;
    }
    if (a.format !== 'tlv' || a.data.length === 0) continue;
    const d = a.data;
    if (c.kind === 'ip4' && d.length === 4) out[c.field] = ipv4String(d);
    else if (c.kind === 'ip4-each' && d.length === 4) push(c.field, ipv4String(d));
    else if (c.kind === 'text') out[c.field] = untext.decode(d);
    else if (c.kind === 'text-list') {
      for (const v of untext.decode(d).split(',')) if (v.trim()) push(c.field, v.trim());
    } else if (c.kind === 'subnet-each' && d.length === 8) push('splitInclude', toCidr(d.subarray(0, 4), d.subarray(4, 8)));
    else if (c.kind === 'unity-split' && d.length % 14 === 0) {
      for (let i = 0; i < d.length; i += 14) push('splitInclude', toCidr(d.subarray(i, i + 4), d.subarray(i + 4, i + 8)));
    }
  }
  return out;
}

const names = (attrs: readonly Attribute[]): string[] => attrs.map((a) => CFG_ATTRIBUTES.nameOf(a.type) ?? `0x${a.type.toString(16)}`);

// ---- the address pool ------------------------------------------------------------------------------------

/** The engine's own leases when the policy brings no shared table (`policy.poolLeases`). */
const ownLeases = new WeakMap<Ikev1Engine, PoolLeases>();

const gone = (sa: IsakmpSa): boolean => sa.p1.state === 'DELETING' || sa.p1.state === 'DELETED' || sa.p1.state === 'P1_FAILED';

/** An address for this SA from the Mode-Config pool (the same one again for the same SA), or why there is none. */
export function leaseAddress(engine: Ikev1Engine, sa: IsakmpSa): { address: string } | { error: string } {
  const name = engine.policy.modeConfig?.pool;
  const pool = engine.policy.pools?.find((p) => p.name === name);
  if (!name || !pool) return { error: name ? `address pool ${name} is not configured` : 'no address pool configured' };
  // a node's engines (one per peer, harness/peer) share one table, so no address is handed out twice
  let table = engine.policy.poolLeases ?? ownLeases.get(engine);
  if (!table) ownLeases.set(engine, (table = new Map()));
  let held = table.get(name);
  if (!held) table.set(name, (held = new Map()));
  for (const [addr, holder] of held) if (holder === sa) return { address: fromU32(addr) };
  for (let a = u32(pool.from); a <= u32(pool.to); a++) {
    const holder = held.get(a);
    if (holder && !gone(holder)) continue;
    held.set(a, sa);
    return { address: fromU32(a) };
  }
  return { error: `address pool ${name} exhausted` };
}

/** What the server hands this SA's client: the policy's attributes and an address from the pool. */
function serverConfig(engine: Ikev1Engine, sa: IsakmpSa, addressWanted: boolean): { cfg: CfgAttributes; error?: string } {
  const m = engine.policy.modeConfig ?? {};
  const { mode: _mode, pool: _pool, ...values } = m;
  void _mode;
  void _pool;
  if (!addressWanted) return { cfg: values };
  const lease = leaseAddress(engine, sa);
  if ('error' in lease) return { cfg: values, error: lease.error };
  // the server's Quick Mode proxies for this client: its local network to the client's address
  sa.proxies = { local: engine.policy.proxies?.local ?? { address: '0.0.0.0/0' }, remote: { address: lease.address } };
  sa.modeConfig = { address: lease.address, ...values };
  return { cfg: sa.modeConfig };
}

/** The client keeps what it got; its Quick Mode proxy becomes its address. False when no address came. */
function clientKeeps(engine: Ikev1Engine, sa: IsakmpSa, cfg: CfgAttributes): boolean {
  sa.modeConfig = cfg;
  if (!cfg.address) return false;
  sa.proxies = { local: { address: cfg.address }, remote: engine.policy.proxies?.remote ?? { address: '0.0.0.0/0' } };
  return true;
}

function attrPayload(engine: Ikev1Engine, type: 'request' | 'reply' | 'set' | 'ack', attributes: Attribute[], identifier?: number): AttrPayload {
  return { type: 'ATTR', cfgType: CFG_MESSAGE_TYPES.valueOf(type), identifier: identifier ?? engine.rng.u32() & 0xffff, attributes };
}

function cfgEvent(engine: Ikev1Engine, sa: IsakmpSa, scope: TransactionExchange, body: Omit<IkeCfgEvent, 'kind' | 'seq' | 'origin' | 'node' | 'msgid'>): void {
  engine.emit(sa, { kind: 'ike.cfg', ...body, msgid: scope.msgid }, scope.msgid);
}

const NO_ADDRESS = 'no INTERNAL_IP4_ADDRESS was assigned';

// ---- pull: the client asks --------------------------------------------------------------------------------

/** REQUEST: every attribute we know, empty (in a REQUEST an empty attribute asks for a value, mode-cfg draft). */
const modecfgOutRequest: Handler = ({ engine, sa, scope }) => {
  const tx = scope as TransactionExchange;
  const attributes = ATTRIBUTES.map(({ name, codec }) => (codec.kind === 'flag' ? tv(CFG_ATTRIBUTES.valueOf(name), 0) : tlv(CFG_ATTRIBUTES.valueOf(name), EMPTY)));
  const attr = attrPayload(engine, 'request', attributes);
  cfgEvent(engine, sa, tx, { step: 'request', dir: 'out', requested: names(attributes) });
  return { kind: 'ok', reply: transactionPayloads(sa, tx.msgid, attr) };
};

/** REQUEST → REPLY with the values asked for that we have; an address from the pool. */
const modecfgInRequestOutReply: Handler = ({ engine, sa, scope, payloads }) => {
  const tx = scope as TransactionExchange;
  const req = attrOf(payloads)!;
  cfgEvent(engine, sa, tx, { step: 'request', dir: 'in', requested: names(req.attributes) });
  const wanted = new Set(req.attributes.map((a) => a.type));
  const { cfg, error } = serverConfig(engine, sa, wanted.has(CFG_ATTRIBUTES.valueOf('INTERNAL_IP4_ADDRESS')));
  const attributes = encodeCfg(cfg, wanted);
  const attr = attrPayload(engine, 'reply', attributes, req.identifier);
  cfgEvent(engine, sa, tx, { step: 'reply', dir: 'out', attributes: decodeCfg(attributes), ...(error ? { failed: true, reason: error } : {}) });
  return { kind: 'ok', reply: transactionPayloads(sa, tx.msgid, attr) };
};

/** REPLY: recorded; without an address the client cannot build its tunnel (ike.cfg.failed). */
const modecfgInReply: Handler = ({ engine, sa, scope, payloads }) => {
  const tx = scope as TransactionExchange;
  const cfg = decodeCfg(attrOf(payloads)!.attributes);
  const ok = clientKeeps(engine, sa, cfg);
  cfgEvent(engine, sa, tx, { step: 'reply', dir: 'in', attributes: cfg, ...(ok ? {} : { failed: true, reason: NO_ADDRESS }) });
  if (!ok) return { kind: 'fail', reason: 'cfg', text: NO_ADDRESS };
  return { kind: 'ok', after: () => afterConfig(engine, sa) };
};

// ---- push: the server sets ----------------------------------------------------------------------------------

/** SET: everything the server hands out, the address from the pool (Cisco `client configuration address initiate`). */
const modecfgOutSet: Handler = ({ engine, sa, scope }) => {
  const tx = scope as TransactionExchange;
  const { cfg, error } = serverConfig(engine, sa, true);
  const attributes = encodeCfg(cfg, null);
  cfgEvent(engine, sa, tx, { step: 'set', dir: 'out', attributes: decodeCfg(attributes), ...(error ? { failed: true, reason: error } : {}) });
  return { kind: 'ok', reply: transactionPayloads(sa, tx.msgid, attrPayload(engine, 'set', attributes)) };
};

/** SET → ACK naming the attributes taken, without values (mode-cfg draft); no address → no ACK, the client fails. */
const modecfgInSetOutAck: Handler = ({ engine, sa, scope, payloads }) => {
  const tx = scope as TransactionExchange;
  const set = attrOf(payloads)!;
  const cfg = decodeCfg(set.attributes);
  const ok = clientKeeps(engine, sa, cfg);
  cfgEvent(engine, sa, tx, { step: 'set', dir: 'in', attributes: cfg, ...(ok ? {} : { failed: true, reason: NO_ADDRESS }) });
  if (!ok) return { kind: 'fail', reason: 'cfg', text: NO_ADDRESS };
  const taken = [...new Map(set.attributes.filter((a) => BY_TYPE.has(a.type)).map((a) => [a.type, a])).values()];
  const ack = taken.map((a) => (a.format === 'tv' ? tv(a.type, a.value) : tlv(a.type, EMPTY)));
  cfgEvent(engine, sa, tx, { step: 'ack', dir: 'out', requested: names(ack) });
  return { kind: 'ok', reply: transactionPayloads(sa, tx.msgid, attrPayload(engine, 'ack', ack, set.identifier)), after: () => afterConfig(engine, sa) };
};

/** ACK: the client took the configuration (it starts Quick Mode); the SA is ready here too. */
const modecfgInAck: Handler = ({ engine, sa, scope, payloads }) => {
  const tx = scope as TransactionExchange;
  cfgEvent(engine, sa, tx, { step: 'ack', dir: 'in', requested: names(attrOf(payloads)!.attributes) });
  return { kind: 'ok', after: () => afterConfig(engine, sa) };
};

export const MODECFG_HANDLERS: { readonly [name: string]: Handler } = {
  modecfgOutRequest,
  modecfgInReply,
  modecfgInRequestOutReply,
  modecfgOutSet,
  modecfgInAck,
  modecfgInSetOutAck,
};
