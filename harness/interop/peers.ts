// Peer kind → implementation. The reference engine's peer (a child process
// `node bin/ikelens.js peer --config FILE` under `ip netns exec`, events as JSON lines) plugs in here.
import type { Peer, PeerSetup } from './peer.js';
import type { PeerKind } from './policy.js';
import { SilentPeer } from './silent-peer.js';
import { StrongswanPeer } from './strongswan-peer.js';

export const PEER_FACTORIES: Readonly<Record<PeerKind, ((s: PeerSetup) => Peer) | null>> = {
  strongswan: (s) => new StrongswanPeer(s),
  silent: (s) => new SilentPeer(s),
  // not yet: needs the engine's UDP transport and `ikelens peer` (issue 6, next wave)
  reference: null,
};
