// The one interface every peer kind implements, so that the runner drives a charon, a silent
// address or (next) the reference engine — `node bin/ikelens.js peer --config FILE` run under
// `ip netns exec`, writing its events as JSON lines — the same way.
import type { LogAnalysis } from '../../analyzer/analyze.js';
import type { KeyTables } from '../lab/charon-keys.js';
import type { Lab, LabNode } from '../lab/netns.js';
import type { PeerKind, PeerPolicy } from './policy.js';
import type { Side } from './scenario.js';
import type { Endpoints } from './strongswan-config.js';
import type { HeldSas } from './held-sas.js';
import type { DeleteScope } from '../peer/delete.js';

export interface PeerSetup {
  readonly lab: Lab;
  readonly node: LabNode;
  readonly side: Side;
  readonly policy: PeerPolicy;
  readonly endpoints: Endpoints;
  /** The address this peer pings through the tunnel when the scenario expects traffic (the other side's inner host). */
  readonly pingTarget?: string;
}

export interface PingResult {
  readonly name: string;
  readonly transmitted: number;
  readonly received: number;
}

export interface InitiateResult {
  /** Whether the peer itself reports phase 1 and Quick Mode as established. */
  readonly ok: boolean;
  /** What the peer printed (for the report of a failed case). */
  readonly output: string;
}

export interface PeerObservation {
  /** The analyzer's view of this peer's own record (log or events); null when it records nothing (silent). */
  readonly analysis: LogAnalysis | null;
  /** Wireshark key tables of what it negotiated. */
  readonly keys: KeyTables;
  /** Files worth keeping for a failed case (logs, generated configurations). */
  readonly files: readonly string[];
}

export interface Peer {
  readonly kind: PeerKind;
  readonly side: Side;
  /** Writes its configuration and starts in its namespace; resolves when it takes commands. */
  start(): Promise<void>;
  /** Initiator: phase 1 then Quick Mode for the scenario's child; resolves when done or failed. */
  initiate(timeoutS: number): Promise<InitiateResult>;
  /** Whether the peer has its CHILD_SA installed (polled up to `timeoutMs`): the responder installs it only after QM3. */
  tunnelUp(timeoutMs: number): Promise<boolean>;
  /** The virtual IP Mode-Config gave this peer (it sources its tunnel traffic from it), or null. */
  virtualIp(): Promise<string | null>;
  /**
   * ICMP echo through the tunnel to `target` (3 echoes), when the peer sends it itself (the reference
   * engine's `--ping`); absent: the runner runs the system's ping in the peer's namespace (charon's TUN device carries it).
   */
  ping?(target: string): Promise<PingResult>;
  /** Waits until the peer has finished what it is doing (its record stops growing). */
  settle(): Promise<void>;
  /** Deletes its SAs (the DELETE exchanges): all (IPsec then ISAKMP, the default) or only the IPsec SAs; resolves when the deletes are sent and recorded. */
  terminate(what?: DeleteScope): Promise<void>;
  /** The SAs it still holds (after a teardown: did it remove what the other side deleted?). */
  heldSas?(): Promise<HeldSas>;
  /** Stops its process. Safe after a failed start and when called twice. */
  stop(): Promise<void>;
  /** After stop: its record, analysed, and its keys. */
  observe(): Promise<PeerObservation>;
}
