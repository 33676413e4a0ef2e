// The command line as a user runs it: the built bin/ikelens.js in a child process (npm test
// builds first), a file or a paste on standard input, exit codes, one-sentence errors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['bin/ikelens.js', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const corpus = (entry: string, file = 'input.log') => `corpus/${entry}/${file}`;

describe('ikelens analyze', () => {
  it('prints the ladder and exits 0 for an established negotiation with no error finding', () => {
    const r = run(['analyze', corpus('ios-mm-01-hub-responder-spoke')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/responder, Main Mode, psk/);
    for (const label of ['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6', 'QM1', 'QM2', 'QM3']) expect(r.out).toContain(` ${label} `);
    expect(r.out).toContain('SPI in f8b3bac8, out 68bc0109');
    expect(r.out).not.toMatch(/\x1b\[/); // no colour when not on a terminal
  });

  it('exits 1 and prints the finding with its evidence lines and the fixes for a failure', () => {
    const r = run(['analyze', corpus('strongswan-mm-02-psk-mismatch')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error ike\.p1\.psk_mismatch/);
    expect(r.out).toMatch(/evidence: lines 148, /);
    expect(r.out).toMatch(/IOS:\n\s+crypto isakmp key/);
  });

  it('reads a paste on standard input, with "-" or with no file', () => {
    const paste = readFileSync(corpus('strongswan-mm-07-no-response'), 'utf8');
    for (const args of [['analyze', '-'], ['analyze']]) {
      const r = run(args, paste);
      expect(r.code).toBe(1);
      expect(r.out).toContain('(standard input)');
      expect(r.out).toMatch(/ike\.p1\.no_response/);
    }
  });

  it('prints the versioned JSON with the documented fields', () => {
    const r = run(['analyze', corpus('asa-l2tp-01-windows-responder'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ ikelens: 'analysis', version: 1, dialects: ['asa'], coverage: { understood: 276, total: 276 } });
    const s = j.sessions[0];
    expect(s).toMatchObject({ peer: '10.1.1.2:500', role: 'responder', mode: 'main', phase1: { outcome: 'established', reached: 'MM6' } });
    expect(s.phase2[0]).toMatchObject({ msgid: '00000001', mode: 'transport', outcome: 'established', spis: { in: '7ad72e0d', out: '8c14fd70' } });
    expect(s.exchanges.map((x: { label: string }) => x.label)).toEqual(['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6', 'QM1', 'QM2', 'QM3']);
    expect(s.exchanges[0]).toMatchObject({ label: 'MM1', dir: 'in', line: 2 });
    expect(j.findings.map((f: { id: string; severity: string }) => [f.id, f.severity])).toEqual([['ike.p1.transform_skipped', 'note']]);
    expect(j.findings[0].evidence[0]).toMatchObject({ line: 4 });
  });

  it('merges the peer log into one two-sided timeline', () => {
    const r = run(['analyze', corpus('strongswan-mm-01-psk-established'), '--peer-log', corpus('strongswan-mm-01-psk-established', 'peer.log'), '--json']);
    const s = JSON.parse(r.out).sessions;
    expect(s).toHaveLength(1);
    expect(s[0].peerView).toMatchObject({ node: 'peer' });
    expect(s[0].exchanges.every((x: { peerSide?: unknown }) => x.peerSide)).toBe(true);
  });

  it('says in one sentence why it cannot run, with exit code 2', () => {
    for (const [args, msg] of [
      [['analyze', 'no/such/file.log'], /^ikelens analyze: cannot read no\/such\/file\.log: no such file\n$/],
      [['analyze', 'corpus'], /^ikelens analyze: cannot read corpus: it is a directory\n$/],
      [['analyze', '--bogus'], /^ikelens analyze: Unknown option '--bogus'\n$/],
      [['analyze', 'a.log', 'b.log'], /^ikelens analyze: too many arguments: b\.log\n$/],
      [['frobnicate'], /^ikelens: unknown command "frobnicate"; run "ikelens help" for the list\.\n$/],
      [['diff', 'a.log'], /^ikelens diff: give two logs \(or a log and an expected timeline \.json\) to compare\n$/],
    ] as const) {
      const r = run([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.out).toBe('');
    }
  });
});

describe('ikelens diff', () => {
  it('exits 0 when both peers\' logs give the same timeline', () => {
    const r = run(['diff', corpus('strongswan-mm-01-psk-established'), corpus('strongswan-mm-01-psk-established', 'peer.log')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/the timelines match/);
  });

  it('exits 1 and shows the first divergence and the parameters that differ', () => {
    const r = run(['diff', corpus('strongswan-mm-01-psk-established'), corpus('strongswan-mm-03-p1-proposal-mismatch')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/first divergence at step 2: A has MM2, B has nothing/);
    expect(r.out).toMatch(/phase1\.outcome: A "established", B "failed"/);
  });

  it('compares a log with an expected timeline (the JSON of analyze --json)', () => {
    const expected = run(['analyze', corpus('strongswan-mm-05-pfs-mismatch'), '--json']).out;
    const dir = fileURLToPath(new URL('../../.artifacts/', import.meta.url));
    const path = `${dir}expected-mm05.json`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, expected);
    expect(run(['diff', corpus('strongswan-mm-05-pfs-mismatch'), path]).code).toBe(0);
    expect(run(['diff', corpus('strongswan-mm-04-p2-proposal-mismatch'), path]).code).toBe(1);
  });
});
