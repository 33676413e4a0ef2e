import { describe, expect, it } from 'vitest';
import {
  AUTH_METHOD_FACTS,
  CIPHER_SPELLINGS,
  CIPHERS,
  ENCAPSULATION_FACTS,
  ENCAPSULATION_MODES,
  GROUPS,
  HASHES,
  P1_AUTH_METHODS,
  P1_ATTRIBUTE_CLASSES,
  IPSEC_ATTRIBUTE_CLASSES,
  REGISTRIES,
  SPELLINGS,
  canonicalAuth,
  canonicalCfgAttribute,
  canonicalCipher,
  canonicalEncapsulation,
  canonicalExchange,
  canonicalGroup,
  canonicalHash,
  canonicalIdType,
  canonicalNotify,
  canonicalPayload,
  canonicalPrf,
  canonicalProtocol,
  cipherOf,
  normalizeWord,
  registryById,
  vendorSpellings,
  type Spelling,
  type SpellingCategory,
} from './registries.js';

describe('registries', () => {
  for (const reg of REGISTRIES) {
    describe(reg.id, () => {
      it('has unique numbers and unique names', () => {
        const values = reg.entries.map((e) => e.value);
        const names = reg.entries.map((e) => e.name);
        expect(new Set(values).size).toBe(values.length);
        expect(new Set(names).size).toBe(names.length);
      });
      it('round-trips number ↔ name', () => {
        for (const e of reg.entries) {
          expect(reg.byValue(e.value)).toBe(e);
          expect(reg.byName(e.name)).toBe(e);
          expect(reg.nameOf(e.value)).toBe(e.name);
          expect(reg.valueOf(e.name)).toBe(e.value);
        }
      });
      it('cites a document for every entry and uses wire-sized numbers', () => {
        for (const e of reg.entries) {
          expect(e.ref.length).toBeGreaterThan(3);
          expect(e.label.length).toBeGreaterThan(0);
          expect(Number.isInteger(e.value) && e.value >= 0 && e.value <= 65535).toBe(true);
        }
      });
    });
  }

  it('has unique registry ids, and attribute classes point at existing value registries', () => {
    const ids = REGISTRIES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const cls of [...P1_ATTRIBUTE_CLASSES.entries, ...IPSEC_ATTRIBUTE_CLASSES.entries]) {
      if (cls.values) expect(registryById(cls.values), `${cls.name} → ${cls.values}`).toBeDefined();
    }
  });

  it('knows the numbers the corpus and the brief rely on', () => {
    expect(registryById('exchange-type')?.nameOf(2)).toBe('main');
    expect(registryById('exchange-type')?.nameOf(6)).toBe('transaction');
    expect(registryById('exchange-type')?.nameOf(32)).toBe('quick');
    expect(registryById('payload-type')?.nameOf(20)).toBe('NAT-D');
    expect(registryById('payload-type')?.nameOf(128)).toBe('IOS-KEEPALIVE');
    expect(registryById('payload-type')?.nameOf(132)).toBe('FRAG');
    expect(registryById('notify-type')?.nameOf(24578)).toBe('INITIAL_CONTACT');
    expect(registryById('notify-type')?.nameOf(36136)).toBe('R_U_THERE');
    expect(P1_AUTH_METHODS.nameOf(65001)).toBe('xauth-init-psk');
    expect(P1_AUTH_METHODS.nameOf(64221)).toBe('hybrid-init-rsa');
    expect(GROUPS.valueOf('modp2048')).toBe(14);
    expect(GROUPS.valueOf('ecp256')).toBe(19);
    expect(ENCAPSULATION_MODES.nameOf(61443)).toBe('udp-tunnel-draft');
    expect(registryById('cfg-attribute')?.nameOf(28676)).toBe('UNITY_SPLIT_INCLUDE');
    expect(registryById('cfg-attribute')?.nameOf(16527)).toBe('XAUTH_STATUS');
    expect(registryById('esp-transform-id')?.nameOf(20)).toBe('aes-gcm16');
    expect(registryById('auth-algorithm')?.nameOf(5)).toBe('sha256');
  });

  it('has facts for every auth method and encapsulation mode', () => {
    for (const e of P1_AUTH_METHODS.entries) expect(AUTH_METHOD_FACTS[e.name]).toBeDefined();
    for (const e of ENCAPSULATION_MODES.entries) expect(ENCAPSULATION_FACTS[e.name]).toBeDefined();
  });
});

describe('ciphers', () => {
  it('have unique names, one default per multi-length family', () => {
    const names = CIPHERS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const families = new Set(CIPHERS.map((c) => c.family));
    for (const f of families) {
      const rows = CIPHERS.filter((c) => c.family === f);
      if (rows.length > 1) expect(rows.filter((c) => 'isDefault' in c && c.isDefault).length, f).toBe(1);
      expect(cipherOf(f), f).toBeDefined();
    }
  });
});

const CANONICAL_CHECK: { readonly [C in SpellingCategory]: (s: Spelling<unknown>) => boolean } = {
  cipher: () => true, // checked below with the key length
  hash: (s) => (HASHES as readonly unknown[]).includes(s.canonical),
  prf: (s) => (HASHES as readonly unknown[]).includes(s.canonical),
  group: (s) => GROUPS.byValue(s.canonical as number) !== undefined,
  auth: (s) => P1_AUTH_METHODS.byName(String(s.canonical)) !== undefined,
  encapsulation: (s) => ENCAPSULATION_MODES.byName(String(s.canonical)) !== undefined,
  protocol: (s) => registryById('protocol-id')?.byName(String(s.canonical)) !== undefined,
  exchange: (s) => registryById('exchange-type')?.byName(String(s.canonical)) !== undefined,
  payload: (s) => registryById('payload-type')?.byName(String(s.canonical)) !== undefined,
  notify: (s) => registryById('notify-type')?.byName(String(s.canonical)) !== undefined,
  'cfg-attribute': (s) => registryById('cfg-attribute')?.byName(String(s.canonical)) !== undefined,
  'id-type': (s) => registryById('id-type')?.byName(String(s.canonical)) !== undefined,
};

const LOOKUP: { readonly [C in SpellingCategory]: (word: string, dialect: Spelling<unknown>['dialect']) => unknown } = {
  cipher: (w, d) => canonicalCipher(w, undefined, d),
  hash: canonicalHash,
  prf: canonicalPrf,
  group: canonicalGroup,
  auth: canonicalAuth,
  encapsulation: canonicalEncapsulation,
  protocol: canonicalProtocol,
  exchange: canonicalExchange,
  payload: canonicalPayload,
  notify: canonicalNotify,
  'cfg-attribute': canonicalCfgAttribute,
  'id-type': canonicalIdType,
};

describe('vendor spellings', () => {
  for (const category of Object.keys(SPELLINGS) as SpellingCategory[]) {
    it(`${category}: every spelling maps to a canonical name, and the lookup finds it`, () => {
      for (const s of SPELLINGS[category]) {
        expect(CANONICAL_CHECK[category](s), `${s.dialect} "${s.word}"`).toBe(true);
        const expected = category === 'cipher' ? cipherOf((s as (typeof CIPHER_SPELLINGS)[number]).canonical, (s as (typeof CIPHER_SPELLINGS)[number]).keyLength) : s.canonical;
        expect(expected, `${s.dialect} "${s.word}"`).toBeDefined();
        expect(LOOKUP[category](s.word, s.dialect), `${s.dialect} "${s.word}"`).toBe(expected);
      }
    });
    it(`${category}: one word never means two things`, () => {
      const seen = new Map<string, unknown>();
      for (const s of SPELLINGS[category]) {
        const k = normalizeWord(s.word);
        const value = category === 'cipher' ? cipherOf((s as (typeof CIPHER_SPELLINGS)[number]).canonical, (s as (typeof CIPHER_SPELLINGS)[number]).keyLength) : s.canonical;
        if (seen.has(k)) expect(value, `"${s.word}"`).toBe(seen.get(k));
        seen.set(k, value);
      }
    });
  }

  it('maps the device words of the brief and the corpus', () => {
    expect(canonicalCipher('3DES-CBC')).toBe('3des');
    expect(canonicalCipher('AES-CBC', 256)).toBe('aes256');
    expect(canonicalCipher('AES-CBC')).toBe('aes128');
    expect(canonicalCipher('esp-3des')).toBe('3des');
    expect(canonicalCipher('ESP_3DES')).toBe('3des');
    expect(canonicalCipher('ESP-3DES')).toBe('3des');
    expect(canonicalCipher('esp-aes 256')).toBe('aes256');
    expect(canonicalCipher('aes-256', undefined, 'asa')).toBe('aes256');
    expect(canonicalCipher('AES_CBC_128')).toBe('aes128');
    expect(canonicalCipher('AES_GCM_16_256')).toBe('aes256gcm16');
    expect(canonicalCipher('3DES_CBC')).toBe('3des');
    expect(canonicalCipher('aes128')).toBe('aes128');
    expect(canonicalCipher('aes128gcm16')).toBe('aes128gcm16');
    expect(canonicalCipher('rot13')).toBeUndefined();
    expect(canonicalHash('SHA')).toBe('sha1');
    expect(canonicalHash('HMAC-SHA')).toBe('sha1');
    expect(canonicalHash('esp-sha-hmac')).toBe('sha1');
    expect(canonicalHash('ESP-SHA-HMAC')).toBe('sha1');
    expect(canonicalHash('HMAC_SHA1_96')).toBe('sha1');
    expect(canonicalHash('sha1')).toBe('sha1');
    expect(canonicalHash('HMAC-MD5')).toBe('md5');
    expect(canonicalPrf('PRF_HMAC_SHA1')).toBe('sha1');
    expect(canonicalGroup('default group 2')).toBe(2);
    expect(canonicalGroup('Group 2')).toBe(2);
    expect(canonicalGroup('group14')).toBe(14);
    expect(canonicalGroup('MODP_2048')).toBe(14);
    expect(canonicalGroup('modp1024')).toBe(2);
    expect(canonicalGroup('ECP_256')).toBe(19);
    expect(canonicalGroup('group 99')).toBeUndefined();
    expect(canonicalAuth('pre-share')).toBe('psk');
    expect(canonicalAuth('XAUTHInitPreShared')).toBe('xauth-init-psk');
    expect(canonicalAuth('XAuthInitPSK')).toBe('xauth-init-psk');
    expect(canonicalAuth('pre-shared key')).toBe('psk');
    expect(canonicalEncapsulation('Tunnel')).toBe('tunnel');
    expect(canonicalProtocol('ESP')).toBe('esp');
    expect(canonicalProtocol('3')).toBe('esp');
    expect(canonicalExchange('ID_PROT')).toBe('main');
    expect(canonicalExchange('INFORMATIONAL_V1')).toBe('informational');
    expect(canonicalPayload('No')).toBe('NONCE');
    expect(canonicalPayload('V')).toBe('VID');
    expect(canonicalPayload('VENDOR', 'asa')).toBe('VID');
    expect(canonicalPayload('IOS KEEPALIVE')).toBe('IOS-KEEPALIVE');
    expect(canonicalPayload('CPRQ')).toBe('ATTR');
    expect(canonicalNotify('NO_PROP')).toBe('NO_PROPOSAL_CHOSEN');
    expect(canonicalNotify('PLD_MAL')).toBe('PAYLOAD_MALFORMED');
    expect(canonicalNotify('INVAL_ID')).toBe('INVALID_ID_INFORMATION');
    expect(canonicalNotify('INITIAL_CONTACT')).toBe('INITIAL_CONTACT');
    expect(canonicalNotify('NO-PROPOSAL-CHOSEN')).toBe('NO_PROPOSAL_CHOSEN');
    expect(canonicalCfgAttribute('ADDR')).toBe('INTERNAL_IP4_ADDRESS');
    expect(canonicalCfgAttribute('X_PWD')).toBe('XAUTH_USER_PASSWORD');
    expect(canonicalCfgAttribute('IP4_NBNS')).toBe('INTERNAL_IP4_NBNS');
    expect(canonicalCfgAttribute('0x7000')).toBe('UNITY_BANNER');
    expect(canonicalCfgAttribute('0x700A')).toBe('UNITY_DDNS_HOSTNAME');
    expect(canonicalIdType('ID_IPV4_ADDR')).toBe('ipv4-addr');
    expect(canonicalIdType('11')).toBe('key-id');
  });

  it('gives back the device word for a canonical value', () => {
    expect(vendorSpellings('cipher', 'aes256', 'ios', 'config')).toEqual(['esp-aes 256', 'aes 256']);
    expect(vendorSpellings('cipher', 'aes128', 'asa', 'config')).toEqual(['aes', 'esp-aes']);
    expect(vendorSpellings('cipher', '3des', 'strongswan', 'config')).toEqual(['3des']);
    expect(vendorSpellings('hash', 'sha1', 'ios', 'config')).toContain('esp-sha-hmac');
    expect(vendorSpellings('group', 14, 'strongswan', 'config')).toEqual(['modp2048']);
    expect(vendorSpellings('auth', 'psk', 'asa', 'config')).toEqual(['pre-share']);
  });
});
