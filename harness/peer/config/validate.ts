/**
 * Raw config (parsed JSON or YAML) → PeerConfig, or the list of what is wrong with it. Every error
 * is one sentence that starts with the path of the setting (`crypto-maps.VPN.10.transform-sets:
 * "TS9" is not defined`); values of secret settings (keys, passwords) are never quoted.
 */
import { isDhGroupId, type CipherAlg, type DhGroupId, type HashAlg } from '../../crypto/index.js';
import type { EspCipher, EspIntegrity } from '../../ikev1/policy.js';
import { parseAclLine, type AclLine } from './acl.js';
import { parseEndpoint, parseIpv4, parsePrefix } from './addresses.js';
import type {
  AddressPool,
  CryptoMapEntry,
  DynamicEntry,
  EntrySettings,
  GroupPolicy,
  IdentityMatch,
  IsakmpPolicyConfig,
  IsakmpProfile,
  Keyring,
  Lifetime,
  NodeConfig,
  PeerConfig,
  PresharedKey,
  TransformSet,
  TunnelGroup,
} from './schema.js';

export type ValidationResult = { readonly ok: true; readonly config: PeerConfig } | { readonly ok: false; readonly errors: readonly string[] };

/** IOS / ASA words for the phase-1 cipher (`encr aes 256`, `encryption aes-256`) and ours. */
const IKE_CIPHERS: Readonly<Record<string, CipherAlg>> = {
  des: 'des',
  '3des': '3des',
  aes: 'aes128',
  'aes 128': 'aes128',
  'aes 192': 'aes192',
  'aes 256': 'aes256',
  'aes-192': 'aes192',
  'aes-256': 'aes256',
  aes128: 'aes128',
  aes192: 'aes192',
  aes256: 'aes256',
};
const IKE_HASHES: Readonly<Record<string, HashAlg>> = { md5: 'md5', sha: 'sha1', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };
/** `crypto ipsec transform-set` words: ESP ciphers (esp-aes takes an optional key size) and HMACs. */
const ESP_CIPHERS: Readonly<Record<string, EspCipher>> = { 'esp-des': 'des', 'esp-3des': '3des', 'esp-aes': 'aes128', 'esp-aes 128': 'aes128', 'esp-aes 192': 'aes192', 'esp-aes 256': 'aes256', 'esp-aes-192': 'aes192', 'esp-aes-256': 'aes256' };
const ESP_HMACS: Readonly<Record<string, EspIntegrity>> = { 'esp-md5-hmac': 'md5', 'esp-sha-hmac': 'sha1', 'esp-sha256-hmac': 'sha256', 'esp-sha384-hmac': 'sha384', 'esp-sha512-hmac': 'sha512' };

/** Setting names that hold secrets: never echoed in errors, redacted when the config is printed. */
export const SECRET_SETTINGS: ReadonlySet<string> = new Set(['key', 'pre-shared-key', 'password']);

type Raw = Record<string, unknown>;

/**
 * Lifetime minimums in seconds. By default IOS's ranges (`lifetime` under `crypto isakmp policy`:
 * 60–86400; `set security-association lifetime seconds`: 120–86400), so that a config the engine
 * takes is one a device would take too. `node.lab-short-lifetimes: true` lowers both to 10 s for
 * tests and the interop lab, where a rekey must happen within a short run; no device accepts that.
 */
export const LIFETIME_MINIMUMS = { ios: { isakmp: 60, ipsec: 120 }, lab: { isakmp: 10, ipsec: 10 } } as const;

class Reader {
  readonly errors: string[] = [];
  /** The lifetime minimums in force (`node.lab-short-lifetimes` switches them to the lab's). */
  lifetimeMin: { readonly isakmp: number; readonly ipsec: number } = LIFETIME_MINIMUMS.ios;

  err(path: string, sentence: string): undefined {
    this.errors.push(`${path}: ${sentence}`);
    return undefined;
  }

  /** A mapping with only known settings; `required` ones must be present. */
  obj(path: string, v: unknown, known: readonly string[], required: readonly string[] = []): Raw | undefined {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return this.err(path, `must be a mapping of settings, not ${describe(v)}`);
    const o = v as Raw;
    const unknown = Object.keys(o).filter((k) => !known.includes(k));
    for (const k of unknown) this.err(join(path, k), `is not a setting here (known: ${known.join(', ')})`);
    // a misspelt required setting is reported once, as not a setting
    if (!unknown.length) for (const k of required) if (o[k] === undefined) this.err(join(path, k), 'is required');
    return o;
  }

  /** A mapping of named items (transform sets, ACLs, ...). */
  named(path: string, v: unknown): [string, unknown][] {
    if (v === undefined) return [];
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return this.err(path, `must be a mapping from names to definitions, not ${describe(v)}`) ?? [];
    return Object.entries(v as Raw);
  }

  list(path: string, v: unknown): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) return this.err(path, `must be a list, not ${describe(v)}`) ?? [];
    return v;
  }

  str(path: string, v: unknown): string | undefined {
    if (typeof v === 'number') return String(v); // YAML reads `match-address: 100` as a number
    if (typeof v !== 'string' || v.trim() === '') return this.err(path, `must be a non-empty text${SECRET_SETTINGS.has(last(path)) ? '' : `, not ${describe(v)}`}`);
    return v.trim();
  }

  int(path: string, v: unknown, min: number, max: number): number | undefined {
    const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) return this.err(path, `must be a whole number from ${min} to ${max}, not ${describe(v)}`);
    return n;
  }

  /** Lifetime seconds, from the minimum in force to 86400; a short one refused names the lab switch. */
  lifetimeSeconds(path: string, v: unknown, kind: 'isakmp' | 'ipsec'): number | undefined {
    const n = this.int(path, v, this.lifetimeMin[kind], 86400);
    // under the lab minimums the range is empty (lab ≤ v < lab): the hint comes only under IOS's
    if (n === undefined && typeof v === 'number' && v >= LIFETIME_MINIMUMS.lab[kind] && v < this.lifetimeMin[kind])
      this.errors[this.errors.length - 1] += ` (node.lab-short-lifetimes: true allows from ${LIFETIME_MINIMUMS.lab[kind]} s, for tests and labs)`;
    return n;
  }

  bool(path: string, v: unknown): boolean | undefined {
    if (typeof v !== 'boolean') return this.err(path, `must be true or false, not ${describe(v)}`);
    return v;
  }

  word<T>(path: string, v: unknown, table: Readonly<Record<string, T>>): T | undefined {
    const s = typeof v === 'string' ? v.trim().toLowerCase().replace(/\s+/g, ' ') : undefined;
    const hit = s === undefined ? undefined : table[s];
    if (hit === undefined) return this.err(path, `${describe(v)} is not one of ${Object.keys(table).join(', ')}`);
    return hit;
  }

  group(path: string, v: unknown): DhGroupId | undefined {
    const n = typeof v === 'string' ? Number(v.trim().replace(/^group\s*/, '')) : v;
    if (typeof n !== 'number' || !isDhGroupId(n)) return this.err(path, `${describe(v)} is not a Diffie-Hellman group this engine has (1, 2, 5, 14-21)`);
    return n;
  }

  ipv4(path: string, v: unknown): string | undefined {
    const s = this.str(path, v);
    if (s !== undefined && parseIpv4(s) === undefined) return this.err(path, `"${s}" is not an IPv4 address`);
    return s;
  }

  /** A name that must be defined in `defined` (a reference). */
  ref(path: string, v: unknown, defined: ReadonlySet<string> | ReadonlyMap<string, unknown>): string | undefined {
    const s = this.str(path, v);
    if (s !== undefined && !defined.has(s)) return this.err(path, `"${s}" is not defined`);
    return s;
  }

  /** One name or a list of names, each defined; the error names the list's path. */
  refs(path: string, v: unknown, defined: ReadonlySet<string> | ReadonlyMap<string, unknown>): string[] {
    const items = Array.isArray(v) ? v : [v];
    const out: string[] = [];
    for (const item of items) {
      const s = this.ref(path, item, defined);
      if (s !== undefined) out.push(s);
    }
    return out;
  }
}

/** The names a section defines, whether or not their definitions are valid (a bad definition is reported once, not again at each use). */
const definedNames = (v: unknown): ReadonlySet<string> => new Set(v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);

const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));
const last = (path: string): string => path.slice(path.lastIndexOf('.') + 1);

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  return String(v);
}

const TOP = [
  'node',
  'isakmp-policies',
  'keyrings',
  'isakmp-profiles',
  'transform-sets',
  'access-lists',
  'crypto-maps',
  'dynamic-maps',
  'tunnel-groups',
  'group-policies',
  'address-pools',
  'xauth-users',
] as const;

export function validateConfig(raw: unknown): ValidationResult {
  const r = new Reader();
  const top = r.obj('', raw, TOP, ['node']) ?? {};
  if (r.errors.length && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) return { ok: false, errors: ['the file must hold a mapping of settings (node, isakmp-policies, crypto-maps, ...)'] };

  const node = readNode(r, top['node']);
  const isakmpPolicies = readIsakmpPolicies(r, top['isakmp-policies']);
  const transformSets = new Map<string, TransformSet>();
  for (const [name, v] of r.named('transform-sets', top['transform-sets'])) {
    const ts = readTransformSet(r, join('transform-sets', name), name, v);
    if (ts) transformSets.set(name, ts);
  }
  const accessLists = new Map<string, AclLine[]>();
  for (const [name, v] of r.named('access-lists', top['access-lists'])) {
    const lines: AclLine[] = [];
    r.list(join('access-lists', name), v).forEach((l, i) => {
      const path = join(join('access-lists', name), i);
      const text = r.str(path, l);
      if (text === undefined) return;
      const line = parseAclLine(text);
      if (typeof line === 'string') r.err(path, `${line}`);
      else lines.push(line);
    });
    accessLists.set(name, lines);
  }
  const addressPools = new Map<string, AddressPool>();
  for (const [name, v] of r.named('address-pools', top['address-pools'])) {
    const path = join('address-pools', name);
    const o = r.obj(path, v, ['from', 'to', 'mask'], ['from', 'to']);
    if (!o) continue;
    const from = o['from'] === undefined ? undefined : r.ipv4(join(path, 'from'), o['from']);
    const to = o['to'] === undefined ? undefined : r.ipv4(join(path, 'to'), o['to']);
    const mask = o['mask'] === undefined ? undefined : r.ipv4(join(path, 'mask'), o['mask']);
    if (from && to && parseIpv4(from)! > parseIpv4(to)!) r.err(path, `the pool starts (${from}) after it ends (${to})`);
    if (from && to) addressPools.set(name, { name, from, to, ...(mask ? { mask } : {}) });
  }
  const groupPolicies = new Map<string, GroupPolicy>();
  for (const [name, v] of r.named('group-policies', top['group-policies'])) {
    const path = join('group-policies', name);
    const o = r.obj(path, v, ['dns', 'wins', 'domain', 'split-include']);
    if (!o) continue;
    const addrs = (k: string) => r.list(join(path, k), o[k]).flatMap((a, i) => r.ipv4(join(join(path, k), i), a) ?? []);
    const domain = o['domain'] === undefined ? undefined : r.str(join(path, 'domain'), o['domain']);
    const split = o['split-include'] === undefined ? undefined : r.ref(join(path, 'split-include'), o['split-include'], accessLists);
    groupPolicies.set(name, { name, dns: addrs('dns'), wins: addrs('wins'), ...(domain ? { domain } : {}), ...(split ? { splitInclude: split } : {}) });
  }
  const tunnelGroups = new Map<string, TunnelGroup>();
  for (const [name, v] of r.named('tunnel-groups', top['tunnel-groups'])) {
    const path = join('tunnel-groups', name);
    const o = r.obj(path, v, ['type', 'pre-shared-key', 'address-pool', 'group-policy'], ['type']);
    if (!o) continue;
    const type = o['type'] === undefined ? undefined : r.word(join(path, 'type'), o['type'], { 'ipsec-l2l': 'ipsec-l2l', 'remote-access': 'remote-access', 'ipsec-ra': 'remote-access' } as const);
    const psk = o['pre-shared-key'] === undefined ? undefined : r.str(join(path, 'pre-shared-key'), o['pre-shared-key']);
    const pool = o['address-pool'] === undefined ? undefined : r.ref(join(path, 'address-pool'), o['address-pool'], definedNames(top['address-pools']));
    const gp = o['group-policy'] === undefined ? undefined : r.ref(join(path, 'group-policy'), o['group-policy'], definedNames(top['group-policies']));
    if (type) tunnelGroups.set(name, { name, type, ...(psk ? { preSharedKey: psk } : {}), ...(pool ? { addressPool: pool } : {}), ...(gp ? { groupPolicy: gp } : {}) });
  }
  const xauthUsers = new Map<string, { password: string }>();
  for (const [name, v] of r.named('xauth-users', top['xauth-users'])) {
    const path = join('xauth-users', name);
    const o = r.obj(path, v, ['password'], ['password']);
    const pw = o?.['password'] === undefined ? undefined : r.str(join(path, 'password'), o['password']);
    if (pw !== undefined) xauthUsers.set(name, { password: pw });
  }
  const keyrings: Keyring[] = [];
  for (const [name, v] of r.named('keyrings', top['keyrings'])) {
    const keys: PresharedKey[] = [];
    r.list(join('keyrings', name), v).forEach((k, i) => {
      const path = join(join('keyrings', name), i);
      const o = r.obj(path, k, ['address', 'hostname', 'group', 'key'], ['key']);
      if (!o) return;
      const match = readMatch(r, path, o, 'hostname');
      const key = o['key'] === undefined ? undefined : r.str(join(path, 'key'), o['key']);
      if (match && key !== undefined) keys.push({ match, key });
    });
    keyrings.push({ name, keys });
  }
  const keyringNames = new Set(keyrings.map((k) => k.name));
  const isakmpProfiles: IsakmpProfile[] = [];
  for (const [name, v] of r.named('isakmp-profiles', top['isakmp-profiles'])) {
    const path = join('isakmp-profiles', name);
    const o = r.obj(path, v, ['match', 'keyring', 'xauth', 'xauth-attempts', 'mode-config', 'self-identity', 'xauth-client', 'mode-config-client', 'description'], ['match']);
    if (!o) continue;
    const match: IdentityMatch[] = [];
    const items = r.list(join(path, 'match'), o['match']);
    if (o['match'] !== undefined && items.length === 0 && Array.isArray(o['match'])) r.err(join(path, 'match'), 'needs at least one identity (address, group or fqdn)');
    items.forEach((m, i) => {
      const mp = join(join(path, 'match'), i);
      const mo = r.obj(mp, m, ['address', 'group', 'fqdn']);
      const id = mo && readMatch(r, mp, mo, 'fqdn');
      if (id) match.push(id);
    });
    const keyringRefs = o['keyring'] === undefined ? [] : r.refs(join(path, 'keyring'), o['keyring'], keyringNames);
    const xauth = o['xauth'] === undefined ? false : (r.bool(join(path, 'xauth'), o['xauth']) ?? false);
    const mc = o['mode-config'] === undefined || o['mode-config'] === false ? undefined : r.word(join(path, 'mode-config'), o['mode-config'], { respond: 'respond', initiate: 'initiate' } as const);
    const attempts = o['xauth-attempts'] === undefined ? undefined : r.int(join(path, 'xauth-attempts'), o['xauth-attempts'], 1, 10);
    const selfIdentity = o['self-identity'] === undefined ? undefined : readSelfIdentity(r, join(path, 'self-identity'), o['self-identity']);
    let xauthClient: IsakmpProfile['xauthClient'];
    if (o['xauth-client'] !== undefined) {
      const xo = r.obj(join(path, 'xauth-client'), o['xauth-client'], ['username', 'password'], ['username', 'password']);
      const username = xo?.['username'] === undefined ? undefined : r.str(join(path, 'xauth-client.username'), xo['username']);
      const password = xo?.['password'] === undefined ? undefined : r.str(join(path, 'xauth-client.password'), xo['password']);
      if (username !== undefined && password !== undefined) xauthClient = { username, password };
    }
    const mcc = o['mode-config-client'] === undefined ? undefined : r.word(join(path, 'mode-config-client'), o['mode-config-client'], { pull: 'pull', push: 'push' } as const);
    isakmpProfiles.push({
      name,
      match,
      keyrings: keyringRefs,
      xauth,
      ...(attempts !== undefined ? { xauthAttempts: attempts } : {}),
      ...(mc ? { modeConfig: mc } : {}),
      ...(selfIdentity ? { selfIdentity } : {}),
      ...(xauthClient ? { xauthClient } : {}),
      ...(mcc ? { modeConfigClient: mcc } : {}),
    });
  }
  const profileNames = definedNames(top['isakmp-profiles']);
  const refs = { transformSets: definedNames(top['transform-sets']), accessLists, profiles: profileNames };

  const dynamicMaps = readMaps(r, 'dynamic-maps', top['dynamic-maps'], (path, seq, e): DynamicEntry | undefined => {
    const o = r.obj(path, e, ['transform-sets', 'match-address', 'pfs', 'lifetime', 'isakmp-profile'], ['transform-sets']);
    return o && { kind: 'dynamic-entry', ...readSettings(r, path, seq, o, refs) };
  });
  const cryptoMaps = readMaps(r, 'crypto-maps', top['crypto-maps'], (path, seq, e): CryptoMapEntry | undefined => {
    if (e !== null && typeof e === 'object' && 'dynamic' in e) {
      const o = r.obj(path, e, ['dynamic']);
      const d = o && r.ref(join(path, 'dynamic'), o['dynamic'], definedNames(top['dynamic-maps']));
      return d ? { kind: 'dynamic', seq, dynamicMap: d } : undefined;
    }
    const o = r.obj(path, e, ['peer', 'peer-natt-port', 'transform-sets', 'match-address', 'pfs', 'lifetime', 'isakmp-profile', 'phase1-mode'], ['peer', 'transform-sets', 'match-address']);
    if (!o) return undefined;
    const peers = (Array.isArray(o['peer']) ? o['peer'] : o['peer'] === undefined ? [] : [o['peer']]).flatMap((p) => {
      const s = r.str(join(path, 'peer'), p);
      const ep = s === undefined ? undefined : parseEndpoint(s);
      if (s !== undefined && !ep) r.err(join(path, 'peer'), `"${s}" is not an IPv4 address (or address:port)`);
      return ep ? [ep] : [];
    });
    const mode = o['phase1-mode'] === undefined ? 'main' : r.word(join(path, 'phase1-mode'), o['phase1-mode'], { main: 'main', aggressive: 'aggressive' } as const);
    const peerNattPort = o['peer-natt-port'] === undefined ? undefined : r.int(join(path, 'peer-natt-port'), o['peer-natt-port'], 1, 65535);
    return { kind: 'static', ...readSettings(r, path, seq, o, refs), peers, phase1Mode: mode ?? 'main', ...(peerNattPort !== undefined ? { peerNattPort } : {}) };
  });
  if (node?.cryptoMap !== undefined && !cryptoMaps.has(node.cryptoMap)) r.err('node.crypto-map', `"${node.cryptoMap}" is not defined`);
  if (node && node.cryptoMap === undefined && cryptoMaps.size > 1) r.err('node.crypto-map', `is required when several crypto maps are defined (${[...cryptoMaps.keys()].join(', ')})`);
  if (!node || r.errors.length) return { ok: false, errors: r.errors.length ? r.errors : ['node: is required'] };
  return {
    ok: true,
    config: { node, isakmpPolicies, keyrings, isakmpProfiles, transformSets, accessLists, cryptoMaps, dynamicMaps, tunnelGroups, groupPolicies, addressPools, xauthUsers },
  };
}

/** `SECTION.NAME.SEQ` maps (crypto maps, dynamic maps): entries read by `entry`, ordered by sequence number. */
function readMaps<E extends { readonly seq: number }>(r: Reader, section: string, v: unknown, entry: (path: string, seq: number, e: unknown) => E | undefined): Map<string, E[]> {
  const maps = new Map<string, E[]>();
  for (const [name, m] of r.named(section, v)) {
    const entries: E[] = [];
    for (const [seqText, e] of r.named(join(section, name), m)) {
      const path = join(join(section, name), seqText);
      const seq = r.int(path, seqText, 1, 65535);
      const x = seq === undefined ? undefined : entry(path, seq, e);
      if (x) entries.push(x);
    }
    maps.set(name, entries.sort((a, b) => a.seq - b.seq));
  }
  return maps;
}

function readNode(r: Reader, v: unknown): NodeConfig | undefined {
  if (v === undefined) return undefined;
  const o = r.obj(
    'node',
    v,
    ['name', 'address', 'ike-port', 'natt-port', 'crypto-map', 'nat-keepalive', 'nat-traversal', 'dpd', 'initial-contact', 'identity', 'hostname', 'ipsec-lifetime', 'rekey', 'delete-rekeyed', 'retransmit', 'half-open', 'lab-short-lifetimes'],
    ['address'],
  );
  if (!o) return undefined;
  const flag = (k: string, d: boolean) => (o[k] === undefined ? d : (r.bool(join('node', k), o[k]) ?? d));
  // first: the lifetimes below (and those of the policies and map entries after the node) depend on it
  const labShortLifetimes = flag('lab-short-lifetimes', false);
  if (labShortLifetimes) r.lifetimeMin = LIFETIME_MINIMUMS.lab;
  const address = o['address'] === undefined ? undefined : r.ipv4('node.address', o['address']);
  const name = o['name'] === undefined ? 'node' : (r.str('node.name', o['name']) ?? 'node');
  const port = (k: string, d: number) => (o[k] === undefined ? d : (r.int(join('node', k), o[k], 1, 65535) ?? d));
  const ikePort = port('ike-port', 500);
  const nattPort = port('natt-port', 4500);
  if (ikePort === nattPort) r.err('node.natt-port', `must differ from node.ike-port (${ikePort})`);
  const cryptoMap = o['crypto-map'] === undefined ? undefined : r.str('node.crypto-map', o['crypto-map']);
  const natKeepalive = o['nat-keepalive'] === undefined ? undefined : r.int('node.nat-keepalive', o['nat-keepalive'], 5, 3600);
  const natTraversal = readNatTraversal(r, o['nat-traversal']);
  let dpd: NodeConfig['dpd'];
  if (o['dpd'] !== undefined) {
    const d = r.obj('node.dpd', o['dpd'], ['interval', 'retries', 'retry-interval', 'mode'], ['interval']);
    const interval = d?.['interval'] === undefined ? undefined : r.int('node.dpd.interval', d['interval'], 10, 3600);
    const retries = d?.['retries'] === undefined ? 2 : r.int('node.dpd.retries', d['retries'], 1, 60);
    const retryInterval = d?.['retry-interval'] === undefined ? 2 : r.int('node.dpd.retry-interval', d['retry-interval'], 2, 60);
    const mode = d?.['mode'] === undefined ? 'on-demand' : r.word('node.dpd.mode', d['mode'], { periodic: 'periodic', 'on-demand': 'on-demand' } as const);
    if (interval !== undefined && retries !== undefined && retryInterval !== undefined && mode !== undefined) dpd = { interval, retries, retryInterval, mode };
  }
  const identity = o['identity'] === undefined ? 'address' : (r.word('node.identity', o['identity'], { address: 'address', hostname: 'hostname' } as const) ?? 'address');
  const hostname = o['hostname'] === undefined ? undefined : r.str('node.hostname', o['hostname']);
  const ipsecLifetime = o['ipsec-lifetime'] === undefined ? undefined : readLifetime(r, 'node.ipsec-lifetime', o['ipsec-lifetime']);
  let retransmit: NodeConfig['retransmit'];
  if (o['retransmit'] !== undefined) {
    const t = r.obj('node.retransmit', o['retransmit'], ['initial-ms', 'retries']);
    const initialMs = t?.['initial-ms'] === undefined ? 1000 : r.int('node.retransmit.initial-ms', t['initial-ms'], 10, 60000);
    const retries = t?.['retries'] === undefined ? 4 : r.int('node.retransmit.retries', t['retries'], 0, 20);
    if (initialMs !== undefined && retries !== undefined) retransmit = { initialMs, retries };
  }
  const halfOpen = o['half-open'] === undefined ? undefined : r.int('node.half-open', o['half-open'], 1, 3600);
  if (address === undefined) return undefined;
  return {
    name,
    address,
    ikePort,
    nattPort,
    ...(cryptoMap ? { cryptoMap } : {}),
    ...(natKeepalive !== undefined ? { natKeepalive } : {}),
    natTraversal,
    ...(dpd ? { dpd } : {}),
    initialContact: flag('initial-contact', false),
    identity,
    ...(hostname ? { hostname } : {}),
    ...(ipsecLifetime ? { ipsecLifetime } : {}),
    rekey: flag('rekey', true),
    deleteRekeyed: flag('delete-rekeyed', false),
    ...(retransmit ? { retransmit } : {}),
    ...(halfOpen !== undefined ? { halfOpen } : {}),
    ...(labShortLifetimes ? { labShortLifetimes } : {}),
  };
}

function readIsakmpPolicies(r: Reader, v: unknown): IsakmpPolicyConfig[] {
  const out: IsakmpPolicyConfig[] = [];
  for (const [prio, p] of r.named('isakmp-policies', v)) {
    const path = join('isakmp-policies', prio);
    const priority = r.int(path, prio, 1, 65535);
    const o = r.obj(path, p, ['encryption', 'hash', 'group', 'lifetime', 'authentication']);
    if (priority === undefined || !o) continue;
    // IOS defaults for what a policy leaves out: des, sha, group 1, 86400 s
    const encryption = o['encryption'] === undefined ? 'des' : r.word(join(path, 'encryption'), o['encryption'], IKE_CIPHERS);
    const hash = o['hash'] === undefined ? 'sha1' : r.word(join(path, 'hash'), o['hash'], IKE_HASHES);
    const group = o['group'] === undefined ? 1 : r.group(join(path, 'group'), o['group']);
    const lifetime = o['lifetime'] === undefined ? 86400 : r.lifetimeSeconds(join(path, 'lifetime'), o['lifetime'], 'isakmp');
    const auth = o['authentication'] === undefined ? 'pre-share' : r.word(join(path, 'authentication'), o['authentication'], { 'pre-share': 'pre-share' } as const);
    if (encryption && hash && group && lifetime && auth) out.push({ priority, encryption, hash, group, lifetime, authentication: auth });
  }
  return out.sort((a, b) => a.priority - b.priority);
}

function readTransformSet(r: Reader, path: string, name: string, v: unknown): TransformSet | undefined {
  let text: string | undefined;
  let mode: unknown;
  if (typeof v === 'string') text = v;
  else {
    const o = r.obj(path, v, ['esp', 'mode'], ['esp']);
    if (!o) return undefined;
    text = o['esp'] === undefined ? undefined : r.str(join(path, 'esp'), o['esp']);
    mode = o['mode'];
    if (mode !== undefined && mode !== 'tunnel' && mode !== 'transport') return r.err(join(path, 'mode'), `${describe(mode)} is not tunnel or transport`);
  }
  if (text === undefined) return undefined;
  const words = text.trim().toLowerCase().split(/\s+/);
  let encryption: EspCipher | undefined;
  let integrity: EspIntegrity | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const sized = /^\d+$/.test(words[i + 1] ?? '') ? `${w} ${words[i + 1]}` : undefined;
    if (sized && ESP_CIPHERS[sized]) {
      encryption = ESP_CIPHERS[sized];
      i++;
    } else if (ESP_CIPHERS[w]) encryption = ESP_CIPHERS[w];
    else if (ESP_HMACS[w]) integrity = ESP_HMACS[w];
    else return r.err(path, `"${w}" is not a transform this engine has (${[...Object.keys(ESP_CIPHERS), ...Object.keys(ESP_HMACS)].join(', ')})`);
  }
  if (!encryption) return r.err(path, 'needs an ESP cipher (esp-des, esp-3des, esp-aes [128|192|256])');
  if (!integrity) return r.err(path, 'needs an ESP HMAC (esp-md5-hmac, esp-sha-hmac, esp-sha256-hmac, ...)');
  return { name, encryption, integrity, mode: mode === 'transport' ? 'transport' : 'tunnel' };
}

/** `lifetime: { seconds, kilobytes }` (the ranges of IOS `set security-association lifetime`; seconds from the lab's minimum with `node.lab-short-lifetimes`). */
function readLifetime(r: Reader, path: string, v: unknown): Lifetime {
  const lo = r.obj(path, v, ['seconds', 'kilobytes']);
  const seconds = lo?.['seconds'] === undefined ? undefined : r.lifetimeSeconds(join(path, 'seconds'), lo['seconds'], 'ipsec');
  const kilobytes = lo?.['kilobytes'] === undefined ? undefined : r.int(join(path, 'kilobytes'), lo['kilobytes'], 2560, 4294967295);
  return { ...(seconds !== undefined ? { seconds } : {}), ...(kilobytes !== undefined ? { kilobytes } : {}) };
}

/** `nat-traversal`: true / false (IOS `[no] crypto ipsec nat-transparency udp-encapsulation`, default on) or `{ force: true }` (strongSwan `encap = yes`). */
function readNatTraversal(r: Reader, v: unknown): NodeConfig['natTraversal'] {
  if (v === undefined) return { enabled: true, force: false };
  if (typeof v === 'boolean') return { enabled: v, force: false };
  const o = r.obj('node.nat-traversal', v, ['force']);
  const force = o?.['force'] === undefined ? false : (r.bool('node.nat-traversal.force', o['force']) ?? false);
  return { enabled: true, force };
}

/** `self-identity`: exactly one of `address` (true), `fqdn`, `user-fqdn`, `key-id`. */
function readSelfIdentity(r: Reader, path: string, v: unknown): IsakmpProfile['selfIdentity'] {
  const o = r.obj(path, v, ['address', 'fqdn', 'user-fqdn', 'key-id']);
  if (!o) return undefined;
  const given = Object.keys(o);
  if (given.length !== 1) return r.err(path, 'needs exactly one of address, fqdn, user-fqdn or key-id');
  const k = given[0]!;
  if (k === 'address') return r.err(join(path, k), 'is the default identity: leave self-identity out');
  const value = r.str(join(path, k), o[k]);
  const type = ({ fqdn: 'fqdn', 'user-fqdn': 'user-fqdn', 'key-id': 'key-id' } as const)[k as 'fqdn' | 'user-fqdn' | 'key-id'];
  return value === undefined ? undefined : { type, value };
}

/** `address` (prefix or A MASK), `group`, or `hostname`/`fqdn`: exactly one. */
function readMatch(r: Reader, path: string, o: Raw, hostWord: 'hostname' | 'fqdn'): IdentityMatch | undefined {
  const given = (['address', 'group', hostWord] as const).filter((k) => o[k] !== undefined);
  if (given.length !== 1) return r.err(path, `needs exactly one of address, group or ${hostWord}`);
  const k = given[0]!;
  const s = r.str(join(path, k), o[k]);
  if (s === undefined) return undefined;
  if (k === 'address') {
    const prefix = parsePrefix(s);
    if (!prefix) return r.err(join(path, k), `"${s}" is not an address, A/LEN or A MASK`);
    return { kind: 'address', prefix };
  }
  return k === 'group' ? { kind: 'group', name: s } : { kind: 'hostname', name: s.toLowerCase() };
}

function readSettings(
  r: Reader,
  path: string,
  seq: number,
  o: Raw,
  refs: { transformSets: ReadonlySet<string>; accessLists: ReadonlyMap<string, unknown>; profiles: ReadonlySet<string> },
): EntrySettings {
  const transformSets = o['transform-sets'] === undefined ? [] : r.refs(join(path, 'transform-sets'), o['transform-sets'], refs.transformSets);
  if (Array.isArray(o['transform-sets']) && o['transform-sets'].length > 6) r.err(join(path, 'transform-sets'), 'can name at most 6 transform sets (as IOS)');
  const acl = o['match-address'] === undefined ? undefined : r.ref(join(path, 'match-address'), o['match-address'], refs.accessLists);
  const pfs = o['pfs'] === undefined || o['pfs'] === false ? undefined : r.group(join(path, 'pfs'), o['pfs']);
  const profile = o['isakmp-profile'] === undefined ? undefined : r.ref(join(path, 'isakmp-profile'), o['isakmp-profile'], refs.profiles);
  const lifetime = o['lifetime'] === undefined ? undefined : readLifetime(r, join(path, 'lifetime'), o['lifetime']);
  return { seq, transformSets, ...(acl ? { acl } : {}), ...(pfs ? { pfs } : {}), ...(lifetime ? { lifetime } : {}), ...(profile ? { isakmpProfile: profile } : {}) };
}
