// Wireshark key tables from a charon log written at ike = 4, chd = 4 (shared/lab/README.md §5,
// appendix C): charon has no save-keys plugin in Debian, but it dumps the keys. The log is read
// through the strongSwan grammar (hexdump blocks with their `<conn|N>` IKE_SA id), and the
// entries come out in harness/crypto/wireshark.ts's types, so the records and tshark arguments
// are built by the one key-table module.
import type { LogRecord } from '../../grammars/index.js';
import { fromHex } from '../crypto/bytes.js';
import type { EspEncryption, EspIntegrity, EspSaKeyEntry, IkeSaKeyEntry } from '../crypto/wireshark.js';

export interface KeyTables {
  readonly ike: readonly IkeSaKeyEntry[];
  readonly esp: readonly EspSaKeyEntry[];
}

/** charon's ESP algorithm names (`selected proposal: ESP:AES_CBC_128/HMAC_SHA1_96/...`) → ours. */
const ESP_ENCRYPTION_NAMES: Readonly<Record<string, EspEncryption>> = {
  AES_CBC_128: 'aes-cbc',
  AES_CBC_192: 'aes-cbc',
  AES_CBC_256: 'aes-cbc',
  '3DES_CBC': '3des-cbc',
  DES_CBC: 'des-cbc',
};
const ESP_INTEGRITY_NAMES: Readonly<Record<string, EspIntegrity>> = {
  HMAC_MD5_96: 'hmac-md5-96',
  HMAC_SHA1_96: 'hmac-sha1-96',
  HMAC_SHA2_256_128: 'hmac-sha256-128',
  HMAC_SHA2_384_192: 'hmac-sha384-192',
  HMAC_SHA2_512_256: 'hmac-sha512-256',
};

interface IkeSaState {
  icookie?: string;
  /** Length of one Diffie-Hellman public value of the selected IKE group (bytes). */
  keLength?: number;
  ka?: Uint8Array;
  local?: string;
  remote?: string;
  /** The last Quick Mode that set up a CHILD_SA was ours (a rekey by the peer in the same IKE SA is not). */
  initiatedQuickMode: boolean;
  childKeys: Map<string, Uint8Array>;
  esp?: { encryption: EspEncryption; integrity: EspIntegrity };
}

/** Public value length per charon group name: MODP p's length; ECP x ‖ y (RFC 5903 §7). */
const KE_LENGTH: Readonly<Record<string, number>> = {
  MODP_768: 96,
  MODP_1024: 128,
  MODP_1536: 192,
  MODP_2048: 256,
  MODP_3072: 384,
  MODP_4096: 512,
  MODP_6144: 768,
  MODP_8192: 1024,
  ECP_256: 64,
  ECP_384: 96,
  ECP_521: 132,
};

function dumpBytes(r: LogRecord): Uint8Array {
  const parts = (r.fields.parts ?? []) as readonly { hex: string }[];
  const hex = parts.map((p) => p.hex).join('');
  return fromHex(hex).subarray(0, Number(r.fields.bytes));
}

/**
 * The key tables of every IKE SA in a charon log: one `ikev1_decryption_table` entry per IKE SA
 * (initiator cookie = the first 8 bytes of its first `natd_chunk`, or from `HASH_I data` without NAT-T; key = `encryption key Ka`) and
 * two `esp_sa` entries per CHILD_SA. "initiator" keys protect traffic from the Quick Mode
 * initiator to the responder (the SPI the initiator lists as `_o`).
 */
export function charonKeyTables(records: readonly LogRecord[]): KeyTables {
  const sas = new Map<number, IkeSaState>();
  const ike: IkeSaKeyEntry[] = [];
  const esp: EspSaKeyEntry[] = [];
  const state = (id: number) => {
    let s = sas.get(id);
    if (!s) sas.set(id, (s = { initiatedQuickMode: false, childKeys: new Map() }));
    return s;
  };
  for (const r of records) {
    const id = r.env?.ikeId;
    if (id === undefined) continue;
    const s = state(id);
    const f = r.fields;
    switch (r.kind) {
      case 'strongswan.hexdump': {
        const label = String(f.label);
        if (label === 'natd_chunk' && !s.icookie) s.icookie = Buffer.from(dumpBytes(r).subarray(0, 8)).toString('hex');
        // Without NAT-T (a peer that sent no NAT-T vendor ID) there is no natd_chunk. RFC 2409 §5:
        // "HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b )" — CKY-I follows the two public values.
        else if (label === 'HASH_I data' && !s.icookie && s.keLength) {
          s.icookie = Buffer.from(dumpBytes(r).subarray(2 * s.keLength, 2 * s.keLength + 8)).toString('hex');
          if (s.ka && !ike.some((e) => e.icookie === s.icookie)) ike.push({ icookie: s.icookie, encKey: s.ka });
        }
        else if (label === 'encryption key Ka' && !s.ka) {
          s.ka = dumpBytes(r);
          if (s.icookie) ike.push({ icookie: s.icookie, encKey: s.ka });
        } else if (/^(encryption|integrity) (initiator|responder) key$/.test(label)) s.childKeys.set(label, dumpBytes(r));
        break;
      }
      case 'strongswan.ikeEstablished':
        s.local = String(f.local);
        s.remote = String(f.remote);
        if (s.ka && s.icookie && !ike.some((e) => e.icookie === s.icookie)) ike.push({ icookie: s.icookie, encKey: s.ka });
        break;
      case 'strongswan.message': {
        const payloads = (f.payloads ?? []) as readonly { type: string }[];
        // per Quick Mode, not per IKE SA: after our QM the peer may rekey the child with its own (seen in the lab)
        if (f.exchange === 'QUICK_MODE' && f.role === 'request' && payloads.some((p) => p.type === 'SA')) s.initiatedQuickMode = f.dir === 'out';
        break;
      }
      case 'strongswan.proposals': {
        const ikeP = ((f.proposals ?? []) as readonly { protocol: string; algorithms: readonly string[] }[]).find((x) => x.protocol === 'IKE');
        if (f.which === 'selected' && ikeP) s.keLength = ikeP.algorithms.map((a) => KE_LENGTH[a]).find(Boolean);
        const p = ((f.proposals ?? []) as readonly { protocol: string; algorithms: readonly string[] }[]).find((x) => x.protocol === 'ESP');
        if (f.which !== 'selected' || !p) break;
        const encryption = p.algorithms.map((a) => ESP_ENCRYPTION_NAMES[a]).find(Boolean);
        const integrity = p.algorithms.map((a) => ESP_INTEGRITY_NAMES[a]).find(Boolean);
        if (encryption && integrity) s.esp = { encryption, integrity };
        break;
      }
      case 'strongswan.childEstablished': {
        const k = (n: string) => s.childKeys.get(n);
        const [ei, er, ai, ar] = [k('encryption initiator key'), k('encryption responder key'), k('integrity initiator key'), k('integrity responder key')];
        if (ei && er && ai && ar && s.esp && s.local && s.remote) {
          const [outKeys, inKeys] = s.initiatedQuickMode ? [[ei, ai], [er, ar]] : [[er, ar], [ei, ai]];
          const spiOut = fromHex(String(f.spiOut));
          const spiIn = fromHex(String(f.spiIn));
          esp.push({ src: s.local, dst: s.remote, spi: spiOut, encryption: s.esp.encryption, encKey: outKeys[0]!, integrity: s.esp.integrity, authKey: outKeys[1]! });
          esp.push({ src: s.remote, dst: s.local, spi: spiIn, encryption: s.esp.encryption, encKey: inKeys[0]!, integrity: s.esp.integrity, authKey: inKeys[1]! });
        }
        s.childKeys.clear();
        break;
      }
    }
  }
  return { ike, esp };
}

/** Both peers' tables as one (the same SA seen from both sides appears once). */
export function mergeKeyTables(...tables: readonly KeyTables[]): KeyTables {
  const ike = new Map<string, IkeSaKeyEntry>();
  const esp = new Map<string, EspSaKeyEntry>();
  for (const t of tables) {
    for (const e of t.ike) ike.set(String(e.icookie), e);
    for (const e of t.esp) esp.set(`${e.src}>${e.dst}:${Buffer.from(e.spi as Uint8Array).toString('hex')}`, e);
  }
  return { ike: [...ike.values()], esp: [...esp.values()] };
}
