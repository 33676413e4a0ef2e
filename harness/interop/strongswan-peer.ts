// A strongSwan peer: a charon in its namespace with swanctl.conf generated from the policy.
// Its record is the charon filelog, read by the strongSwan grammar and the analyzer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRecords } from '../../analyzer/analyze.js';
import { readRecords } from '../../analyzer/ingest/source.js';
import { Charon, waitQuiet } from '../lab/charon.js';
import { sleep } from '../lab/exec.js';
import { charonKeyTables } from '../lab/charon-keys.js';
import type { InitiateResult, Peer, PeerObservation, PeerSetup } from './peer.js';
import { CHILD, CONN, swanctlConf } from './strongswan-config.js';
import { parseSwanctlSas, type HeldSas } from './held-sas.js';
import { DELETE_GAP_MS, type DeleteScope } from '../peer/delete.js';

export class StrongswanPeer implements Peer {
  readonly kind = 'strongswan';
  readonly side;
  private charon: Charon | undefined;
  private readonly dir: string;

  constructor(private readonly setup: PeerSetup) {
    this.side = setup.side;
    this.dir = join(setup.lab.dir, setup.side);
  }

  async start(): Promise<void> {
    this.charon = await Charon.start(this.setup.lab, this.setup.node, this.side, swanctlConf(this.setup.policy, this.setup.endpoints), this.setup.policy.natKeepaliveS ? { keepAliveS: this.setup.policy.natKeepaliveS } : {});
  }

  async initiate(timeoutS: number): Promise<InitiateResult> {
    if (!this.charon) throw new Error('initiate before start');
    const r = await this.charon.initiate(CONN, CHILD, timeoutS);
    return { ok: r.code === 0, output: (r.stdout + r.stderr).trim() };
  }

  async tunnelUp(timeoutMs: number): Promise<boolean> {
    const t0 = Date.now();
    while (this.charon) {
      const r = await this.charon.listSas();
      if (/\bINSTALLED\b/.test(r.stdout)) return true;
      if (Date.now() - t0 >= timeoutMs) return false;
      await sleep(50);
    }
    return false;
  }

  async virtualIp(): Promise<string | null> {
    // `swanctl --list-sas`: "  local  'vpngroup' @ 10.99.0.1[4500] [10.99.3.1]"
    const r = await this.charon?.listSas();
    return r ? (/^\s+local\s+'[^']*' @ \S+ \[([0-9.]+)\]/m.exec(r.stdout)?.[1] ?? null) : null;
  }

  async settle(): Promise<void> {
    if (this.charon) await waitQuiet(this.charon.logFile);
  }

  async terminate(what: DeleteScope = 'all'): Promise<void> {
    // the CHILD_SA first, then the IKE_SA, as the reference engine does (DELETE_GAP_MS): with
    // `--terminate --ike` alone charon sends both DELETEs back to back, and the peer's charon, which
    // handles each datagram on a thread of its own, sometimes took the ISAKMP one first and then
    // could not place the other (one DELETE in its log instead of two: a verdict that changed from
    // one run to the next)
    await this.charon?.terminateChild(CHILD);
    if (what === 'ipsec') return;
    await sleep(DELETE_GAP_MS);
    await this.charon?.terminate(CONN);
  }

  async heldSas(): Promise<HeldSas> {
    // charon's own word, through vici in its namespace
    const r = await this.charon?.listSas();
    return parseSwanctlSas(r?.stdout ?? '');
  }

  async stop(): Promise<void> {
    await this.charon?.stop();
  }

  async observe(): Promise<PeerObservation> {
    const log = join(this.dir, 'charon.log');
    const files = ['charon.log', 'stdout.log', 'strongswan.conf', 'swanctl.conf'].map((f) => join(this.dir, f)).filter((f) => existsSync(f));
    if (!existsSync(log)) return { analysis: null, keys: { ike: [], esp: [] }, files };
    const records = await readRecords(log);
    return { analysis: analyzeRecords(records, log, this.side), keys: charonKeyTables(records), files };
  }
}
