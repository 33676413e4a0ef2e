// "No response": the responder's address exists but nothing answers IKE. An nft rule in the
// namespace drops UDP 500 and 4500, so the initiator sees neither an answer nor an ICMP error.
import { runOk } from '../lab/exec.js';
import type { InitiateResult, Peer, PeerObservation, PeerSetup } from './peer.js';

const DROP_IKE = `table inet ikelens_silent {
  chain input {
    type filter hook input priority 0; policy accept;
    udp dport { 500, 4500 } drop
  }
}
`;

/** Nor does anything leave it: a peer gone (its probes would tell the other side it is alive). */
const DROP_IKE_OUT = `table inet ikelens_gone {
  chain output {
    type filter hook output priority 0; policy accept;
    udp sport { 500, 4500 } drop
  }
}
`;

/** Nothing reaches IKE in the namespace any more (a silent peer); `gone`: nothing leaves it either (a peer gone in a DPD scenario). */
export async function dropIke(ns: string, gone = false): Promise<void> {
  await runOk('ip', ['netns', 'exec', ns, 'nft', '-f', '-'], { input: gone ? DROP_IKE + DROP_IKE_OUT : DROP_IKE });
}

export class SilentPeer implements Peer {
  readonly kind = 'silent';
  readonly side;
  constructor(private readonly setup: PeerSetup) {
    this.side = setup.side;
  }
  async start(): Promise<void> {
    await dropIke(this.setup.node.ns);
  }
  async initiate(): Promise<InitiateResult> {
    return { ok: false, output: 'a silent peer does not initiate' };
  }
  async tunnelUp(): Promise<boolean> {
    return false;
  }
  async virtualIp(): Promise<string | null> {
    return null;
  }
  async settle(): Promise<void> {}
  async terminate(): Promise<void> {}
  async stop(): Promise<void> {}
  async observe(): Promise<PeerObservation> {
    return { analysis: null, keys: { ike: [], esp: [] }, files: [] };
  }
}
