// config.crypto_map_order (a warning): in a crypto map, a dynamic-map entry sequenced before
// static entries. IOS and the ASA evaluate crypto map entries by sequence number and a dynamic
// entry matches any peer, so the static entries after it are never reached for peers it
// accepts. Seen in pasted `show crypto map` output (IOS):
//   Crypto Map "mymap" 10 ipsec-isakmp / Dynamic map template tag: dynmap
//   Crypto Map "mymap" 20 ipsec-isakmp / Peer = 10.2.2.2
import type { LogRecord } from '../../grammars/index.js';
import { makeFinding, type Finding } from '../model/index.js';
import type { ConfigRule } from './rule.js';

interface MapEntry {
  readonly map: string;
  readonly seq: number;
  readonly dynamic: boolean;
  /** An instance IOS created from a dynamic map for a peer (`dynamic (created from dynamic map x/10)`): not configured. */
  created: boolean;
  readonly record: LogRecord;
}

function mapEntries(records: readonly LogRecord[]): MapEntry[] {
  const entries: MapEntry[] = [];
  for (const r of records) {
    if (r.kind === 'show.cryptoMapEntry') {
      const f = r.fields as { map: string; seq: number; template?: string; dynamicMap?: true };
      if (f.dynamicMap) continue; // an entry of the dynamic map itself, not of the crypto map
      entries.push({ map: f.map, seq: f.seq, dynamic: f.template !== undefined, created: false, record: r });
    } else if (r.kind === 'show.mapDynamicTemplate' && entries.length) {
      const last = entries[entries.length - 1]!;
      entries[entries.length - 1] = { ...last, dynamic: true };
    } else if (r.kind === 'show.mapCreatedFrom' && entries.length) entries[entries.length - 1]!.created = true;
  }
  return entries;
}

export const cryptoMapOrder: ConfigRule = {
  id: 'config.crypto_map_order',
  looksFor: 'a dynamic-map entry of a crypto map sequenced before static entries (pasted show crypto map)',
  check: ({ records, lineText, file }) => {
    const findings: Finding[] = [];
    const entries = mapEntries(records);
    for (const map of new Set(entries.map((e) => e.map))) {
      const own = entries.filter((e) => e.map === map);
      const dynamic = own.filter((e) => e.dynamic).sort((a, b) => a.seq - b.seq)[0];
      if (!dynamic) continue;
      const shadowed = own.filter((e) => !e.dynamic && !e.created && e.seq > dynamic.seq);
      if (!shadowed.length) continue;
      const lines = [dynamic, ...shadowed].map((e) => ({ file, line: e.record.line, ...(lineText(e.record.line) !== undefined ? { text: lineText(e.record.line)! } : {}) }));
      findings.push(
        makeFinding('config.crypto_map_order', {
          detail: `In crypto map ${map}, the dynamic entry ${dynamic.seq} comes before the static entr${shadowed.length === 1 ? 'y' : 'ies'} ${shadowed.map((e) => e.seq).join(', ')}: entries are tried by sequence number, so ${shadowed.length === 1 ? 'it' : 'they'} can be bypassed by the dynamic entry.`,
          evidence: { events: [], lines },
          fix: {
            note: 'Give the dynamic entry the highest sequence number of the map, after every static entry.',
            ios: `no crypto map ${map} ${dynamic.seq} ipsec-isakmp dynamic <dynamic-map>\ncrypto map ${map} 65535 ipsec-isakmp dynamic <dynamic-map>`,
            asa: `no crypto map ${map} ${dynamic.seq} ipsec-isakmp dynamic <dynamic-map>\ncrypto map ${map} 65535 ipsec-isakmp dynamic <dynamic-map>`,
          },
        }),
      );
    }
    return findings;
  },
};
