// The message sequences of the corpus sessions (expect.json "exchanges") fit the transitions table.
// expect.json lists labels without directions; they are derived from the session's IKE role, assuming
// what every corpus session shows: the IKE initiator starts Quick Mode and pulls Mode-Config, the IKE
// responder is the XAUTH server.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labelFacts, type ExchangeRole } from './labels.js';
import { checkSequence, type ObservedMessage } from './transitions.js';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));

interface Session {
  readonly node?: string;
  readonly role?: string;
  readonly outcome?: string;
  readonly exchanges?: readonly string[];
}

function sessions(): { name: string; session: Session }[] {
  if (!existsSync(CORPUS)) return [];
  const out: { name: string; session: Session }[] = [];
  for (const entry of readdirSync(CORPUS).sort()) {
    if (entry === 'tools' || !statSync(join(CORPUS, entry)).isDirectory()) continue;
    for (const file of ['expect.json', 'peer.expect.json']) {
      const path = join(CORPUS, entry, file);
      if (!existsSync(path)) continue;
      let json: { sessions?: Session[] };
      try {
        json = JSON.parse(readFileSync(path, 'utf8')) as { sessions?: Session[] };
      } catch {
        continue; // being written by another helper
      }
      for (const session of json.sessions ?? []) out.push({ name: `${entry}/${file} ${session.node ?? ''}`, session });
    }
  }
  return out;
}

function observed(labels: readonly string[], role: ExchangeRole): ObservedMessage[] {
  return labels.map((label) => {
    const f = labelFacts(label);
    if (!f || f.sender === 'either') return { label, dir: 'in' };
    const ikeSender = f.exchange === 'xauth' || f.exchange === 'cfg-push' ? (f.sender === 'initiator' ? 'responder' : 'initiator') : f.sender;
    return { label, dir: ikeSender === role ? 'out' : 'in' };
  });
}

const all = sessions().filter(({ session }) => (session.role === 'initiator' || session.role === 'responder') && Array.isArray(session.exchanges));

describe('corpus sessions against the transitions table', () => {
  it('has sessions to check', () => {
    expect(all.length).toBeGreaterThan(0);
  });
  for (const { name, session } of all) {
    // labels outside the model's vocabulary (none today) are reported by labels.test, not here
    const labels = (session.exchanges ?? []).filter((l) => labelFacts(l));
    it(name, () => {
      const role = session.role as ExchangeRole;
      const v = checkSequence(observed(labels, role), role);
      expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
      if (session.outcome === 'established') expect(v.phase1).toBe('established');
      if (session.outcome === 'failed') expect(v.complete).toBe(false);
    });
  }
});
