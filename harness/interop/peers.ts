// Peer kind → implementation: a charon, a silent address, or the reference engine
// (`node bin/ikelens.js peer --config FILE` under `ip netns exec`, events as JSON lines).
import type { Peer, PeerSetup } from './peer.js';
import type { PeerKind } from './policy.js';
import { ReferencePeer } from './reference-peer.js';
import { SilentPeer } from './silent-peer.js';
import { StrongswanPeer } from './strongswan-peer.js';

export const PEER_FACTORIES: Readonly<Record<PeerKind, ((s: PeerSetup) => Peer) | null>> = {
  strongswan: (s) => new StrongswanPeer(s),
  silent: (s) => new SilentPeer(s),
  reference: (s) => new ReferencePeer(s),
};
