// The whole matrix through the real runner and the real command (`ikelens interop`), as root,
// against real charons in network namespaces: every scenario's verdict, the table, the JUnit
// file, `--keep` for a failed case (logs, capture and key tables that really decrypt it), an
// error case, the same verdict twice, the exit codes, and nothing left behind.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../analyzer/cli/errors.js';
import { dissect } from '../lab/capture.js';
import { LAB_PREFIX, labNamespaces } from '../lab/netns.js';
import { labDaemons, requireLab } from '../testing/lab.js';
import { interopCommand } from './cli.js';
import { runScenario } from './runner.js';
import { loadScenarios, SCENARIO_DIR } from './scenario.js';
import { wireChecks } from './verdict.js';

const ready = requireLab();
const root = fileURLToPath(new URL('../..', import.meta.url));
const mine = `${LAB_PREFIX}${process.pid}-`;

/** A copy of a matrix scenario in `dir` under another name, changed by `change`. */
function variant(dir: string, from: string, name: string, change: (doc: Record<string, any>) => void): void {
  mkdirSync(dir, { recursive: true });
  const doc = JSON.parse(readFileSync(join(SCENARIO_DIR, `${from}.json`), 'utf8'));
  change(doc);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(doc));
}

async function interop(args: string[]) {
  let out = '';
  let err = '';
  const code = await interopCommand(args, { out: (s) => (out += s), err: (s) => (err += s), color: false });
  return { code, out, err };
}

describe.skipIf(!ready)('ikelens interop: the matrix (strongSwan and the reference engine, both roles)', () => {
  const work = mkdtempSync(join(tmpdir(), 'ikelens-interop-test-'));
  const scenarios = loadScenarios();
  let matrix: Awaited<ReturnType<typeof interop>>;

  beforeAll(async () => {
    matrix = await interop(['--junit', join(work, 'matrix.xml'), '--keep', join(work, 'kept'), '--reports', join(work, 'reports'), '--jobs', '2']);
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('passes every scenario and exits 0', () => {
    expect(matrix.code, matrix.out).toBe(0);
    const rows = matrix.out.split('\n').filter((l) => / (PASS|FAIL|ERROR) /.test(l));
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(scenarios.map((s) => s.name));
    for (const r of rows) expect(r, r).toMatch(/^\S+\s+(strongswan|reference)→(strongswan|silent|reference)\s+PASS\s+\d+\.\d s$/);
    // the reference engine in both roles against strongSwan, and against itself
    const roles = new Set(rows.map((r) => r.split(/\s+/)[1]));
    for (const role of ['reference→strongswan', 'strongswan→reference', 'reference→reference', 'reference→silent']) expect(roles.has(role), role).toBe(true);
    expect(matrix.out).toContain(`${scenarios.length} scenarios: ${scenarios.length} passed, 0 failed, 0 errors`);
  });

  it('writes the JUnit file, and keeps nothing when nothing failed', () => {
    const xml = readFileSync(join(work, 'matrix.xml'), 'utf8');
    expect(xml).toMatch(new RegExp(`<testsuite name="ikelens interop" tests="${scenarios.length}" failures="0" errors="0"`));
    for (const s of scenarios) expect(xml).toContain(`name="${s.name}"`);
    expect(readdirSync(join(work, 'kept'))).toEqual([]);
  });

  it('--reports writes one HTML report per scenario, named in the JUnit file, with its verdict and both sides', () => {
    const xml = readFileSync(join(work, 'matrix.xml'), 'utf8');
    expect(readdirSync(join(work, 'reports')).sort()).toEqual(scenarios.map((s) => `${s.name}.html`).sort());
    for (const s of scenarios) {
      const path = join(work, 'reports', `${s.name}.html`);
      expect(xml).toContain(`<system-out>report: ${path}</system-out>`);
      const page = readFileSync(path, 'utf8');
      expect(page, s.name).toContain('id="interop-verdict">PASS</span>');
      expect(page, s.name).not.toContain('labsecret123');
      // the two-sided ladder: both charons' logs, their columns named after the sides (a silent responder records nothing)
      expect(page, s.name).toMatch(/<text class="col-name"[^>]*>initiator<\/text>/);
      if (s.responder.kind === 'strongswan') expect(page, s.name).toMatch(/<text class="col-name"[^>]*>responder<\/text>/);
    }
  });

  it('gives the same verdict and the same checks twice (the Aggressive Mode case that races QM1 with AM3, the PSK mismatch, the reference engine as responder and against itself)', async () => {
    for (const name of ['am-psk-aes256-sha256-modp2048-pfs14', 'fail-psk-mismatch', 'ref-r-fail-pfs-mismatch', 'refref-am-psk-3des-sha1-modp1024-nopfs']) {
      const s = scenarios.find((x) => x.name === name)!;
      const [a, b] = [await runScenario(s), await runScenario(s)];
      expect([a.verdict, b.verdict]).toEqual(['pass', 'pass']);
      const view = (r: typeof a) => r.checks.map((c) => [c.name, c.ok, c.expected]);
      expect(view(b)).toEqual(view(a));
      expect(b.sides).toEqual(a.sides);
    }
  }, 180_000);

  it('a reference peer with a wrong expectation: --keep holds its config, events and key file, and its events give the timeline', async () => {
    const dir = join(work, 'ref-wrong');
    variant(dir, 'refref-mm-psk-aes256-sha256-ecp256-pfs19', 'refref-wrong', (doc) => {
      doc.expect.responder.labels = ['MM1'];
    });
    const keep = join(work, 'kept-ref-wrong');
    const r = await interop(['--scenarios', dir, '--keep', keep]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^refref-wrong\s+reference→reference\s+FAIL/m);
    expect(r.out).toContain('responder exchanges: expected MM1, got MM1 MM2 MM3 MM4 MM5 MM6 QM1 QM2 QM3');
    const kept = join(keep, 'refref-wrong');
    for (const side of ['initiator', 'responder'])
      for (const f of ['peer.json', 'events.jsonl', 'keys.txt', 'stdout.log']) expect(existsSync(join(kept, `${side}.${f}`)), `${side}.${f}`).toBe(true);
    const result = JSON.parse(readFileSync(join(kept, 'result.json'), 'utf8'));
    expect(result.sides.initiator.labels).toEqual(['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6', 'QM1', 'QM2', 'QM3']);
    // the two-sided timeline from both event streams, and the key tables both key files gave
    expect(result.timeline.sessions).toHaveLength(1);
    const ike = readFileSync(join(kept, 'ikev1_decryption_table'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(ike).toHaveLength(1);
    expect(readFileSync(join(kept, 'initiator.keys.txt'), 'utf8')).toContain(`uat:ikev1_decryption_table:${ike[0]}`);
  }, 60_000);

  it('a wrong expectation fails, exits 1, and --keep holds the logs, the capture and key tables that decrypt it', async () => {
    const dir = join(work, 'wrong');
    variant(dir, 'mm-psk-aes128-sha1-modp2048-pfs14', 'mm-wrong', (doc) => {
      doc.expect.initiator.findings = ['ike.p1.psk_mismatch'];
    });
    const keep = join(work, 'kept-wrong');
    const r = await interop(['--scenarios', dir, '--keep', keep, '--junit', join(work, 'wrong.xml'), '--reports', join(work, 'reports-wrong')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^mm-wrong\s+strongswan→strongswan\s+FAIL/m);
    expect(r.out).toContain('initiator findings: expected ike.p1.psk_mismatch, got (none)');
    expect(readFileSync(join(work, 'wrong.xml'), 'utf8')).toContain('<failure message="initiator findings">');
    const kept = join(keep, 'mm-wrong');
    // the report of the failing case shows its failed check; the same page is kept beside its files
    const report = readFileSync(join(work, 'reports-wrong', 'mm-wrong.html'), 'utf8');
    expect(report).toContain('id="interop-verdict">FAIL</span>');
    expect(report).toContain('<ul class="failed-checks"><li><strong>initiator findings</strong>: expected ike.p1.psk_mismatch, got (none)</li></ul>');
    expect(readFileSync(join(kept, 'report.html'), 'utf8')).toBe(report);
    for (const f of ['capture.pcapng', 'initiator.charon.log', 'responder.charon.log', 'initiator.swanctl.conf', 'responder.strongswan.conf', 'ikev1_decryption_table', 'esp_sa', 'result.json'])
      expect(existsSync(join(kept, f)), f).toBe(true);
    const result = readFileSync(join(kept, 'result.json'), 'utf8');
    expect(result).not.toContain('labsecret123');
    expect(JSON.parse(result).scenario.initiator.psk).toBe('‹redacted›');
    const table = (f: string) => readFileSync(join(kept, f), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    const [ike, esp] = [table('ikev1_decryption_table'), table('esp_sa')];
    expect([ike.length, esp.length]).toEqual([1, 2]);
    // the kept key tables decrypt the kept capture; without them the same checks fail
    const keyArgs = [...ike.map((l) => ['-o', `uat:ikev1_decryption_table:${l}`]), ['-o', 'esp.enable_encryption_decode:TRUE'], ['-o', 'esp.enable_authentication_check:TRUE'], ...esp.map((l) => ['-o', `uat:esp_sa:${l}`])].flat();
    const failed = (frames: Awaited<ReturnType<typeof dissect>>) => wireChecks(frames, { expectEsp: true, undecryptable: 0 }).filter((c) => !c.ok).map((c) => c.name);
    expect(failed(await dissect(join(kept, 'capture.pcapng'), keyArgs))).toEqual([]);
    expect(failed(await dissect(join(kept, 'capture.pcapng'), []))).toEqual(['tshark: encrypted IKE frames not decrypted', 'tshark: ESP frames not decrypted or ICV bad']);
  }, 120_000);

  it('a scenario charon refuses is an error with one sentence; the lab is still removed and its files kept', async () => {
    const dir = join(work, 'broken');
    variant(dir, 'mm-psk-3des-sha1-modp1024-nopfs', 'mm-broken', (doc) => {
      doc.responder = { localTs: 'not-a-subnet' };
    });
    const r = await interop(['--scenarios', dir, '--keep', join(work, 'kept-broken')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^mm-broken\s+strongswan→strongswan\s+ERROR/m);
    expect(r.out).toMatch(/error: swanctl --load-all failed for responder/);
    expect(existsSync(join(work, 'kept-broken', 'mm-broken', 'responder', 'swanctl.conf'))).toBe(true);
    expect(labNamespaces().filter((n) => n.startsWith(mine))).toEqual([]);
  }, 60_000);

  it('usage and environment errors are one sentence (exit 2 from the command line)', async () => {
    await expect(interop(['--jobs', '9'])).rejects.toThrow(new UsageError('--jobs takes a number from 1 to 4'));
    await expect(interop(['--filter', 'no-such-scenario'])).rejects.toThrow(/^no scenario matches "no-such-scenario"$/);
    await expect(interop(['extra'])).rejects.toThrow(/too many arguments: extra/);
    // the built command, as a user that is not root (npm test builds dist/ first)
    const r = spawnSync(process.execPath, ['bin/ikelens.js', 'interop', '--filter', 'mm-psk-3des'], { cwd: root, encoding: 'utf8', uid: 65534, gid: 65534 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ikelens interop: the interop lab needs root (network namespaces, charon): run it as root\n');
    const list = spawnSync(process.execPath, ['bin/ikelens.js', 'interop', '--list', '--filter', 'fail-*'], { cwd: root, encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0])).toEqual(scenarios.filter((s) => s.name.startsWith('fail-')).map((s) => s.name));
  });

  it('leaves no namespace and no charon of this process behind', () => {
    expect(labNamespaces().filter((n) => n.startsWith(mine))).toEqual([]);
    expect(labDaemons(mine)).toEqual([]);
  });
});
