// config.crypto_map_order on pasted `show crypto map` output (IOS).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLog } from '../../grammars/index.js';
import { corpusEntries } from '../../corpus/entries.js';
import { analyzeRecords } from '../analyze.js';

// IOS `show crypto map` of a hub whose dynamic entry (for clients) was configured before the
// static entry of a branch: the layout IOS prints, as in seed 001's Daphne output
const SHADOWED = `hub#show crypto map
Crypto Map "mymap" 10 ipsec-isakmp
Dynamic map template tag: dynmap

Crypto Map "mymap" 20 ipsec-isakmp
Peer = 10.2.2.2
Extended IP access list 120
access-list 120 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255
Current peer: 10.2.2.2
Security association lifetime: 4608000 kilobytes/3600 seconds
PFS (Y/N): N
Transform sets={ myset, }
Interfaces using crypto map mymap:
FastEthernet0/0
`;

describe('config.crypto_map_order', () => {
  it('warns when a dynamic entry comes before a static one, with both lines as evidence and the renumbering as fix', () => {
    const a = analyzeRecords(parseLog(SHADOWED), 'hub.txt');
    expect(a.coverage.understood).toBe(a.coverage.total);
    const f = a.findings.filter((x) => x.id === 'config.crypto_map_order');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warn');
    expect(f[0]!.detail).toMatch(/crypto map mymap, the dynamic entry 10 comes before the static entry 20/);
    expect(f[0]!.evidence.lines.map((l) => l.line)).toEqual([2, 5]);
    expect(f[0]!.fix?.ios).toContain('crypto map mymap 65535 ipsec-isakmp dynamic');
  });

  it('does not warn when the dynamic entry is last', () => {
    const fixed = SHADOWED.replace('"mymap" 10 ipsec-isakmp', '"mymap" 30 ipsec-isakmp');
    expect(analyzeRecords(parseLog(fixed), 'hub.txt').findings.filter((x) => x.id === 'config.crypto_map_order')).toEqual([]);
  });

  it('does not count an entry IOS created from the dynamic map (Daphne, seed 001) as static', () => {
    const daphne = corpusEntries().find((e) => e.name === 'ios-show-02-daphne')!;
    const a = analyzeRecords(parseLog(readFileSync(daphne.logs[0]!.path, 'utf8')), 'input.log');
    expect(a.findings.filter((x) => x.id === 'config.crypto_map_order')).toEqual([]);
  });
});
