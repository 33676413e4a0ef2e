// The conformance runner: one scenario = a fresh lab (two namespaces), a capture on the
// responder's link, the two peers, the initiator's attempt, a ping through the tunnel, teardown,
// then the evidence — both timelines, their diff against the expectation, the key tables, tshark's
// dissection — and a verdict. The lab is destroyed whatever happens; with `keepDir` the files of a
// failed case are copied there first.
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { combinePeerLogs } from '../../analyzer/analyze.js';
import { analysisJson } from '../../analyzer/report/json.js';
import { REDACTED } from '../../analyzer/report/redact.js';
import { ikev1DecryptionTableFile, espSaFile, tsharkKeyArgs } from '../crypto/wireshark.js';
import { dissect, startCapture, type Capture } from '../lab/capture.js';
import { mergeKeyTables, type KeyTables } from '../lab/charon-keys.js';
import { run } from '../lab/exec.js';
import { keysBeyondNat } from '../lab/nat.js';
import { Lab, type LabNode } from '../lab/netns.js';
import type { Peer, PeerObservation } from './peer.js';
import { PEER_FACTORIES } from './peers.js';
import { withRunReport } from './html-report.js';
import { dropIke } from './silent-peer.js';
import type { PeerPolicy } from './policy.js';
import { SIDES, type Scenario, type Side } from './scenario.js';
import { espSinceCheck, lastQuickModeSpis, natWireChecks, observeSide, sideChecks, wireChecks, type Check, type SideObserved } from './verdict.js';
import { heldCheck } from './held-sas.js';

export type Verdict = 'pass' | 'fail' | 'error';

export interface ScenarioResult {
  readonly name: string;
  /** `initiator kind → responder kind`. */
  readonly role: string;
  readonly verdict: Verdict;
  readonly ms: number;
  readonly checks: readonly Check[];
  readonly sides: Readonly<Record<Side, SideObserved>> | null;
  /** For `error`: what kept the run from finishing (one sentence). */
  readonly error?: string;
  /** Where the files of a failed case were kept. */
  readonly kept?: string;
  /** Where the HTML report of the run was written (`--reports DIR`, else beside the kept files). */
  readonly report?: string;
}

export interface RunOptions {
  /** Keep logs, configs, capture and key tables of a failed case in `<keepDir>/<scenario>/`. */
  readonly keepDir?: string;
  /** How long the initiator may take (seconds). */
  readonly initiateTimeoutS?: number;
  /** Write the HTML report of every case (pass or fail) to `<reportsDir>/<scenario>.html`. */
  readonly reportsDir?: string;
}

export const roleOf = (s: Scenario) => `${s.initiator.kind}→${s.responder.kind}`;

/** 3 echoes through the tunnel: the peer's own ping (the reference engine), else the system's ping in its namespace (charon's TUN device). */
async function ping(side: Side, peer: Peer, node: LabNode, target: string, when = ''): Promise<Check> {
  let got: string;
  if (peer.ping) got = String((await peer.ping(target)).received);
  else {
    const r = await run('ip', ['netns', 'exec', node.ns, 'ping', '-n', '-c', '3', '-i', '0.2', '-W', '2', target], { timeoutMs: 20_000 });
    got = /(\d+) received/.exec(r.stdout)?.[1] ?? '0';
  }
  return { name: `ping ${side} → ${target}${when}`, ok: got === '3', expected: '3 of 3 echo replies', got: `${got} of 3 echo replies` };
}

/** The scenario as written into result.json: pre-shared keys and XAUTH passwords redacted. */
export function shownScenario(s: Scenario): Scenario {
  const hide = (p: PeerPolicy): PeerPolicy => ({ ...p, psk: REDACTED, ...(p.xauth ? { xauth: { ...p.xauth, password: REDACTED } } : {}) });
  return { ...s, initiator: hide(s.initiator), responder: hide(s.responder) };
}

function keepFiles(dir: string, capture: string, obs: Partial<Record<Side, PeerObservation>>, keys: KeyTables, evidence: unknown): void {
  mkdirSync(dir, { recursive: true });
  if (existsSync(capture)) copyFileSync(capture, join(dir, 'capture.pcapng'));
  for (const side of SIDES) for (const f of obs[side]?.files ?? []) copyFileSync(f, join(dir, `${side}.${basename(f)}`));
  writeFileSync(join(dir, 'ikev1_decryption_table'), ikev1DecryptionTableFile(keys.ike));
  writeFileSync(join(dir, 'esp_sa'), espSaFile(keys.esp));
  writeFileSync(join(dir, 'result.json'), JSON.stringify(evidence, null, 2) + '\n');
}

export async function runScenario(s: Scenario, opts: RunOptions = {}): Promise<ScenarioResult> {
  const t0 = Date.now();
  const role = roleOf(s);
  const checks: Check[] = [];
  const obs: Partial<Record<Side, PeerObservation>> = {};
  let lab: Lab | undefined;
  let keys: KeyTables = { ike: [], esp: [] };
  let capturePath = '';
  /** When the pings after the hold started (epoch seconds). */
  let afterHoldS: number | undefined;
  try {
    for (const side of SIDES)
      if (!PEER_FACTORIES[s[side].kind]) throw new Error(`${side} kind "${s[side].kind}" cannot run yet (the reference peer needs the engine's UDP transport and \`ikelens peer\`)`);
    lab = await Lab.create(s.nat ? { nat: true } : {});
    const nodes: Record<Side, LabNode> = { initiator: lab.i, responder: lab.r };
    const peers = {} as Record<Side, Peer>;
    for (const side of SIDES) {
      const me = nodes[side];
      const other = nodes[side === 'initiator' ? 'responder' : 'initiator'];
      const remote = lab.seenAddress(other);
      peers[side] = PEER_FACTORIES[s[side].kind]!({
        lab,
        node: me,
        side,
        policy: s[side],
        // behind the NAT (scenario `nat`) the initiator is seen at the router's public address
        endpoints: { role: side, local: me.outer, remote, localNet: me.innerNet, remoteNet: other.innerNet, ...(remote !== other.outer ? { remoteBehindNat: other.outer } : {}) },
        ...(s.expect.ping ? { pingTarget: other.inner } : {}),
      });
    }
    capturePath = join(lab.dir, 'capture.pcapng');
    const capture: Capture = await startCapture(lab, lab.r, capturePath);
    // the responder first: it must be listening when the initiator's first message arrives
    await peers.responder.start();
    await peers.initiator.start();
    const init = await peers.initiator.initiate(opts.initiateTimeoutS ?? 20);
    const established = s.expect.initiator.outcome === 'established';
    checks.push({ name: 'initiator reports', ok: init.ok === established, expected: established ? 'established' : 'not established', got: init.ok ? 'established' : `not established: ${init.output.split('\n').pop()}` });
    if (init.ok) {
      const up = await peers.responder.tunnelUp(5000);
      checks.push({ name: 'responder reports the CHILD_SA installed', ok: up === established, expected: established ? 'yes' : 'no', got: up ? 'yes' : 'no' });
    }
    if (s.expect.ping) {
      checks.push(await ping('initiator', peers.initiator, lab.i, lab.r.inner));
      // and back, to the initiator's inner host or to the virtual IP Mode-Config gave it
      checks.push(await ping('responder', peers.responder, lab.r, (await peers.initiator.virtualIp()) ?? lab.i.inner));
      if (s.expect.holdS) {
        // the tunnel held up (a rekey, DPD probes happen meanwhile), then traffic again through it
        if (s.expect.silence) await dropIke(nodes[s.expect.silence].ns, true);
        await new Promise((r) => setTimeout(r, s.expect.holdS! * 1000));
        // from each side that pings with the system's ping (the reference engine pings once, by itself): its echo and reply cross both directions of the tunnel
        const when = ` after ${s.expect.holdS} s`;
        afterHoldS = Date.now() / 1000;
        if (!s.expect.silence && !peers.initiator.ping) checks.push(await ping('initiator', peers.initiator, lab.i, lab.r.inner, when));
        // the lease is read again: a re-authentication during the hold may have renewed it
        if (!s.expect.silence && !peers.responder.ping) checks.push(await ping('responder', peers.responder, lab.r, (await peers.initiator.virtualIp()) ?? lab.i.inner, when));
      }
    }
    await Promise.all(SIDES.map((x) => peers[x].settle()));
    if (init.ok) {
      await peers[s.expect.terminateBy ?? 'initiator'].terminate(s.expect.terminateWhat);
      await Promise.all(SIDES.map((x) => peers[x].settle()));
      // what each side still holds, before it stops (the other side removed what the DELETEs named)
      for (const side of SIDES) {
        const want = s.expect[side].remaining;
        if (want) checks.push(heldCheck(side, want, (await peers[side].heldSas?.()) ?? null));
      }
    }
    // the initiator stops first, so that the responder logs whatever it sends while stopping
    await peers.initiator.stop();
    await peers.responder.stop();
    await capture.stop();
    for (const side of SIDES) obs[side] = await peers[side].observe();
    const sides = { initiator: observeSide(obs.initiator!.analysis), responder: observeSide(obs.responder!.analysis) };
    for (const side of SIDES) checks.push(...sideChecks(side, s.expect[side], sides[side]));
    // the capture is on the responder's link: behind a NAT the initiator's ESP keys name its private address, the wire the router's
    const nat = lab.nat;
    const initiatorKeys = nat ? keysBeyondNat(obs.initiator!.keys, lab.i.outer, nat.outside.address) : obs.initiator!.keys;
    keys = mergeKeyTables(initiatorKeys, obs.responder!.keys);
    // each frame as tshark dissects it with its sender's keys: after a PSK mismatch the two sides hold different phase-1 keys
    const bySender = {
      initiator: await dissect(capturePath, tsharkKeyArgs(initiatorKeys)),
      responder: await dissect(capturePath, tsharkKeyArgs(obs.responder!.keys)),
    };
    const frames = bySender.initiator.map((f, i) => (f['ip.src'][0] === lab!.r.outer ? bySender.responder[i]! : f));
    checks.push(...wireChecks(frames, { expectEsp: s.expect.ping, undecryptable: s.expect.undecryptable ?? 0 }));
    if (s.expect.newSasAfterHold) checks.push(espSinceCheck(frames, afterHoldS ?? Infinity, lastQuickModeSpis(obs.initiator!.analysis)));
    if (nat) checks.push(...natWireChecks(frames, { responder: lab.r.outer, natAddress: nat.outside.address, expectEsp: s.expect.ping, keepalives: s.expect.natKeepalives === true }));
    const verdict: Verdict = checks.every((c) => c.ok) ? 'pass' : 'fail';
    let kept: string | undefined;
    if (verdict === 'fail' && opts.keepDir) {
      kept = join(opts.keepDir, s.name);
      const a = obs.initiator!.analysis;
      const b = obs.responder!.analysis;
      const timeline = a && b ? analysisJson(combinePeerLogs(a, b), b) : a ? analysisJson(a) : b ? analysisJson(b) : null;
      keepFiles(kept, capturePath, obs, keys, { scenario: shownScenario(s), checks, sides, timeline, frames });
    }
    return withRunReport(s, { name: s.name, role, verdict, ms: Date.now() - t0, checks, sides, ...(kept ? { kept } : {}) }, obs, opts);
  } catch (e) {
    const error = (e as Error).message.split('\n')[0]!;
    let kept: string | undefined;
    if (opts.keepDir && lab) {
      kept = join(opts.keepDir, s.name);
      rmSync(kept, { recursive: true, force: true });
      // everything the lab wrote so far (configs, logs, capture), but not sockets and private /run
      cpSync(lab.dir, kept, { recursive: true, filter: (f) => !/(\.vici|\/run)$/.test(f) });
      writeFileSync(join(kept, 'result.json'), JSON.stringify({ scenario: shownScenario(s), checks, error }, null, 2) + '\n');
    }
    return withRunReport(s, { name: s.name, role, verdict: 'error', ms: Date.now() - t0, checks, sides: null, error, ...(kept ? { kept } : {}) }, obs, opts);
  } finally {
    await lab?.destroy();
  }
}

/** Runs scenarios, `jobs` at a time (each in its own lab), results in the scenarios' order. */
export async function runScenarios(list: readonly Scenario[], opts: RunOptions & { jobs?: number; onResult?: (r: ScenarioResult) => void } = {}): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = new Array(list.length);
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      results[i] = await runScenario(list[i]!, opts);
      opts.onResult?.(results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs ?? 1, list.length)) }, worker));
  return results;
}
