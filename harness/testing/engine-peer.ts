/**
 * Runs one reference engine on UDP sockets for a while and prints what happened, for tests that need
 * the engine inside a network namespace next to a real peer (`ip netns exec NS node --import tsx
 * harness/testing/engine-peer.ts '<json>'`). Input: `{ policy, ms, initiate }`. Output, one JSON line on
 * stdout: `{ events, childSas, modeConfig, states }` (SPIs and addresses only; no keys).
 */
import { Ikev1Engine, SystemClock, type Policy } from '../ikev1/index.js';
import { UdpTransport } from '../transport/udp.js';

interface PeerRun {
  readonly policy: Policy;
  readonly ms: number;
  readonly initiate?: boolean;
}

const input = JSON.parse(process.argv[2] ?? '{}') as PeerRun;
// the IKE port, and the NAT-T port when NAT traversal is on (IKE floats there, ESP in UDP arrives there)
const ports = [input.policy.localPort ?? 500, ...(input.policy.natTraversal ? [input.policy.nattPort ?? 4500] : [])];
const transport = await UdpTransport.open({ address: input.policy.localAddress, ports });
const engine = new Ikev1Engine({ node: 'engine', policy: input.policy, clock: new SystemClock(), send: (d) => transport.send(d), run: 'engine-peer' });
transport.onDatagram((bytes, from, to) => engine.receive(bytes, from, to));
if (input.initiate !== false) engine.initiate();
await new Promise((resolve) => setTimeout(resolve, input.ms));
await transport.close();
process.stdout.write(
  JSON.stringify({
    events: engine.events,
    childSas: engine.childSas().map((c) => ({ inboundSpi: c.inboundSpi, outboundSpi: c.outboundSpi, localProxy: c.localProxy, remoteProxy: c.remoteProxy })),
    modeConfig: engine.isakmpSas().map((sa) => sa.modeConfig ?? null),
    states: engine.isakmpSas().map((sa) => sa.p1.state),
  }) + '\n',
);
