// Acceptance on the corpus: the analyzer's timelines and findings agree with the facts a person
// read from each log and wrote down by hand in the entry's expect.json (and peer.expect.json).
// Only facts the expectation states are checked (null means "the log does not say").
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLog } from '../grammars/index.js';
import { corpusEntries } from '../corpus/entries.js';
import { analyzeRecords } from './analyze.js';
import { AUTH_METHOD_FACTS, type AuthMethod } from './model/index.js';
import type { Phase2, Session } from './timeline.js';

type Json = Record<string, any>;

const spi = (s: string | null | undefined) => (s ? s.replace(/^0x/i, '').toLowerCase().padStart(8, '0') : s);
/** Message IDs as the expectation wrote them: hex for ASA (as it prints them), decimal otherwise. */
const msgidHex = (m: string, dialect: string) => (dialect === 'asa' ? parseInt(m, 16) : Number(m)).toString(16).padStart(8, '0');

function sessionOutcome(s: Session): string {
  if (s.phase1.outcome === 'failed' || s.phase2.some((q) => q.outcome === 'failed')) return 'failed';
  if (s.phase1.outcome === 'established' && s.phase2.every((q) => q.outcome === 'established')) return 'established';
  return 'incomplete';
}

function authBase(a: string | null): string | null {
  return a && a in AUTH_METHOD_FACTS ? AUTH_METHOD_FACTS[a as AuthMethod].base : a;
}

function cidrOf(p: { address: string } | undefined): string | undefined {
  if (!p) return undefined;
  return /[/-]/.test(p.address) ? p.address : `${p.address}/32`;
}

function checkPhase2(got: Phase2 | undefined, want: Json, dialect: string, where: string) {
  expect.soft(got, `${where}: quick mode present`).toBeDefined();
  const q = got!;
  if (want.msgid) expect.soft(q.msgid, `${where} msgid`).toBe(msgidHex(want.msgid, dialect));
  if (want.localProxy) expect.soft(cidrOf(q.proxies.local), `${where} local proxy`).toBe(want.localProxy);
  if (want.remoteProxy) expect.soft(cidrOf(q.proxies.remote), `${where} remote proxy`).toBe(want.remoteProxy);
  if (want.proxyProtocol) expect.soft(q.proxies.local?.protocol, `${where} proxy protocol`).toBe(want.proxyProtocol);
  if (want.localPort) expect.soft(q.proxies.local?.port, `${where} local port`).toBe(want.localPort);
  if (want.remotePort) expect.soft(q.proxies.remote?.port, `${where} remote port`).toBe(want.remotePort);
  if (want.mode) expect.soft(q.mode, `${where} mode`).toBe(want.mode);
  if (want.spiIn) expect.soft(q.spis.in, `${where} inbound SPI`).toBe(spi(want.spiIn));
  if (want.spiOut) expect.soft(q.spis.out, `${where} outbound SPI`).toBe(spi(want.spiOut));
  if (want.lifetimeSeconds) expect.soft(q.lifetimeSeconds, `${where} lifetime`).toBe(want.lifetimeSeconds);
  if (want.pfsGroup !== undefined && want.pfsGroup !== null) expect.soft(q.pfsGroup ?? 0, `${where} PFS group`).toBe(want.pfsGroup);
  if (Array.isArray(want.transforms)) expect.soft(q.transforms.join(' '), `${where} transforms`).toBe(want.transforms.join(' '));
}

function checkSession(s: Session, want: Json, dialect: string, where: string) {
  if (want.peer) expect.soft(s.peer?.address, `${where} peer`).toBe(want.peer);
  if (want.local) expect.soft(s.local?.address, `${where} local`).toBe(want.local);
  if (want.role) expect.soft(s.role, `${where} role`).toBe(want.role);
  if (want.mode) expect.soft(s.phase1.mode, `${where} mode`).toBe(want.mode);
  if (want.auth) expect.soft(authBase(s.phase1.auth), `${where} auth`).toBe(want.auth);
  if (Array.isArray(want.exchanges)) expect.soft(s.steps.map((x) => x.label), `${where} exchanges`).toEqual(want.exchanges);
  if (want.outcome) expect.soft(sessionOutcome(s), `${where} outcome`).toBe(want.outcome);
  if (want.failedAt) expect.soft(s.phase1.failedAt ?? s.phase2.find((q) => q.failedAt)?.failedAt, `${where} failed at`).toBe(want.failedAt);
  const p1 = want.phase1 ?? {};
  if (p1.encryption) expect.soft(s.phase1.accepted?.encryption, `${where} encryption`).toBe(p1.encryption);
  if (p1.hash) expect.soft(s.phase1.accepted?.hash, `${where} hash`).toBe(p1.hash);
  if (p1.group) expect.soft(s.phase1.accepted?.group, `${where} group`).toBe(p1.group);
  if (p1.lifetime) expect.soft(s.phase1.accepted?.lifetimeSeconds, `${where} lifetime`).toBe(p1.lifetime);
  (want.phase2 ?? []).forEach((q: Json, i: number) => checkPhase2(s.phase2[i], q, dialect, `${where} phase2[${i}]`));
  // "no NAT-T" is also met when the negotiation never got as far as NAT detection (null)
  if (want.natt === true) expect.soft(s.natt.detected, `${where} NAT-T`).toBe(true);
  if (want.natt === false) expect.soft(s.natt.detected, `${where} NAT-T`).not.toBe(true);
  if (want.xauth) {
    expect.soft(s.xauth?.outcome, `${where} XAUTH outcome`).toBe(want.xauth.outcome);
    if (want.xauth.user) expect.soft(s.xauth?.user, `${where} XAUTH user`).toBe(want.xauth.user);
  }
  if (want.modeConfig) {
    const m = want.modeConfig;
    if (m.address) expect.soft(s.modeConfig?.address, `${where} Mode-Config address`).toBe(m.address);
    if (m.dns) expect.soft(s.modeConfig?.dns, `${where} DNS`).toEqual(m.dns);
    if (m.wins) expect.soft(s.modeConfig?.wins, `${where} WINS`).toEqual(m.wins);
    if (m.domain) expect.soft(s.modeConfig?.domain, `${where} domain`).toBe(m.domain);
  }
  if (want.ted) expect.soft(s.ted?.role, `${where} TED`).toBe(want.ted === 'probe' ? 'prober' : 'responder');
}

for (const entry of corpusEntries()) {
  for (const log of entry.logs) {
    const expectFile = join(entry.dir, log.file === 'input.log' ? 'expect.json' : 'peer.expect.json');
    if (!existsSync(expectFile)) continue;
    const want = JSON.parse(readFileSync(expectFile, 'utf8')) as Json;
    const sessions = (want.sessions ?? []) as Json[];
    describe(`${entry.name}/${log.file}`, () => {
      const a = analyzeRecords(parseLog(readFileSync(log.path, 'utf8')), log.file);
      const dialect = String(want.dialects?.[0] ?? '');
      it(`has ${sessions.length} IKE SA${sessions.length === 1 ? '' : 's'} with the facts of ${expectFile.split('/').pop()}`, () => {
        expect(a.sessions.length).toBe(sessions.length);
        sessions.forEach((w, i) => checkSession(a.sessions[i]!, w, dialect, `session ${i + 1}`));
      });
      it('reports the expected findings and no other error', () => {
        const expected = sessions.flatMap((w) => (w.findings ?? []) as Json[]);
        const got = a.findings.map((f) => f.id);
        for (const f of expected) expect(got, `finding ${f.id}`).toContain(f.id);
        const extraErrors = a.findings.filter((f) => f.severity === 'error' && !expected.some((e) => e.id === f.id)).map((f) => f.id);
        expect(extraErrors).toEqual([]);
      });
    });
  }
}
