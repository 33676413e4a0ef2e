// Each vendor state name mapping checked against the corpus: every state token the devices print in
// the corpus logs must be known to states.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Dialect } from './registries.js';
import { canonicalState, type VendorStateKind } from './states.js';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));

interface Token {
  readonly dialect: Dialect;
  readonly kind: VendorStateKind;
  readonly name: string;
  readonly where: string;
}

/** Patterns of state tokens per dialect: [regex with the state names in groups, kind]. */
const PATTERNS: { readonly [D in Dialect]: readonly (readonly [RegExp, VendorStateKind])[] } = {
  ios: [
    [/Old State = (\S+)\s+New State = (\S+)/, 'fsm'],
    // packet lines "(R) MM_SA_SETUP", "(N) NEW SA", deleting-SA lines "state (I) PEER_DISCOVERY"
    [/\((?:R|I|N)\) (NEW SA|[A-Z][A-Z0-9_]+)/, 'sa'],
    // the state column of `show crypto isakmp sa`: dst src state conn-id slot
    [/^\s*\d{1,3}(?:\.\d{1,3}){3}\s+\d{1,3}(?:\.\d{1,3}){3}\s+([A-Z][A-Z0-9_]+)\s+\d+/, 'sa'],
  ],
  asa: [[/\b((?:MM|AM)_[A-Z0-9_]+)\b/, 'fsm']],
  strongswan: [
    [/IKE_SA \S+ state change: ([A-Z]+) => ([A-Z]+)/, 'ike-sa'],
    [/CHILD_SA \S+ state change: ([A-Z]+) => ([A-Z]+)/, 'child-sa'],
    [/destroying IKE_SA in state ([A-Z]+)/, 'ike-sa'],
    [/(?:queueing|activating) ([A-Z_]+) task/, 'task'],
    [/^\s+([A-Z_]+) task$/, 'task'],
  ],
};

function dialectOf(entry: string): Dialect | undefined {
  const d = entry.split('-')[0];
  return d === 'ios' || d === 'asa' || d === 'strongswan' ? d : undefined;
}

function corpusTokens(): Token[] {
  if (!existsSync(CORPUS)) return [];
  const tokens: Token[] = [];
  for (const entry of readdirSync(CORPUS).sort()) {
    if (entry === 'tools') continue;
    const dir = join(CORPUS, entry);
    if (!statSync(dir).isDirectory()) continue;
    const dialect = dialectOf(entry);
    if (!dialect) continue;
    for (const file of ['input.log', 'peer.log']) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // strongSwan's task list lines keep their indentation after the tag: "<s2s|1>   MAIN_MODE task"
          const body = dialect === 'strongswan' ? line.replace(/^.*?<[^>]*>/, '') : line;
          for (const [re, kind] of PATTERNS[dialect]) {
            const m = re.exec(body);
            if (!m) continue;
            for (const name of m.slice(1)) if (name) tokens.push({ dialect, kind, name, where: `${entry}/${file}:${i + 1}` });
          }
        });
    }
  }
  return tokens;
}

const tokens = corpusTokens();

describe('vendor states in the corpus', () => {
  it('finds state tokens of every dialect in the corpus', () => {
    const dialects = new Set(tokens.map((t) => t.dialect));
    expect(dialects.has('ios')).toBe(true);
    expect(dialects.has('strongswan')).toBe(true);
    // the ASA entries print states only in `show crypto isakmp sa` output
    expect(dialects.has('asa')).toBe(true);
  });

  it('maps every state token printed in the corpus', () => {
    const unmapped = tokens.filter((t) => !canonicalState(t.dialect, t.name, { kind: t.kind }));
    expect(unmapped.map((t) => `${t.where}: ${t.dialect} ${t.kind} ${t.name}`)).toEqual([]);
  });

  it('covers the distinct tokens (report)', () => {
    const distinct = new Set(tokens.map((t) => `${t.dialect} ${t.kind} ${t.name}`));
    expect(distinct.size).toBeGreaterThan(20);
  });
});
