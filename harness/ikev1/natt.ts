/**
 * NAT traversal for IKEv1 (RFC 3947; draft-ietf-ipsec-nat-t-ike-02 and -03): the NAT-T vendor IDs and
 * the version both peers support, NAT-D payloads and what they say about NATs on the path, the float
 * to UDP 4500, the UDP-encapsulated ESP modes for Quick Mode, NAT-OA for transport mode, and NAT
 * keepalives (RFC 3948 §2.3). A contributor around the phase-1 handlers plus two hooks the engine
 * calls (`nattOnReceive` before a verified message is applied) and Quick Mode reads
 * (`encapsulationFor`, `natOaPayloads`).
 */
import { ENCAPSULATION_MODES, type EncapsulationName } from '../../analyzer/model/registries.js';
import { vendorIdByHex } from '../../analyzer/model/vendor-ids.js';
import type { Label } from '../../analyzer/model/labels.js';
import type { Payload } from '../codec/index.js';
import { concatBytes, hashMatches, toHex } from '../crypto/index.js';
import { ipv4Bytes } from '../esp/ip.js';
import { NAT_KEEPALIVE } from '../esp/udp-encap.js';
import { NATT_PORT, type Endpoint } from '../transport/endpoint.js';
import type { Contributor } from './contributors.js';
import { vendorIdPayload } from './vendor-id-payload.js';
import type { Ikev1Engine } from './engine.js';
import type { NattVersionName, Policy } from './policy.js';
import type { IsakmpSa } from './sa.js';

/** One NAT-T version: its vendor ID, payload numbers and encapsulation-mode values. Highest preference first. */
export interface NattVersion {
  readonly name: NattVersionName;
  /** Vendor ID (analyzer/model/vendor-ids.ts). */
  readonly vid: 'nat-t-rfc3947' | 'nat-t-draft-03' | 'nat-t-draft-02n' | 'nat-t-draft-02';
  /** NAT-D: 20 (RFC 3947 §3.2), 130 in the drafts. */
  readonly natd: 'NAT-D' | 'NAT-D-DRAFT';
  /** NAT-OA: 21 (RFC 3947 §5.2), 131 in the drafts. */
  readonly natoa: 'NAT-OA' | 'NAT-OA-DRAFT';
  /** UDP-Encapsulated-Tunnel / -Transport: 3 / 4 (RFC 3947 §5.1), 61443 / 61444 in the drafts. */
  readonly udpTunnel: EncapsulationName;
  readonly udpTransport: EncapsulationName;
}

export const NATT_VERSIONS: readonly NattVersion[] = [
  { name: 'rfc3947', vid: 'nat-t-rfc3947', natd: 'NAT-D', natoa: 'NAT-OA', udpTunnel: 'udp-tunnel', udpTransport: 'udp-transport' },
  { name: 'draft-03', vid: 'nat-t-draft-03', natd: 'NAT-D-DRAFT', natoa: 'NAT-OA-DRAFT', udpTunnel: 'udp-tunnel-draft', udpTransport: 'udp-transport-draft' },
  { name: 'draft-02n', vid: 'nat-t-draft-02n', natd: 'NAT-D-DRAFT', natoa: 'NAT-OA-DRAFT', udpTunnel: 'udp-tunnel-draft', udpTransport: 'udp-transport-draft' },
  { name: 'draft-02', vid: 'nat-t-draft-02', natd: 'NAT-D-DRAFT', natoa: 'NAT-OA-DRAFT', udpTunnel: 'udp-tunnel-draft', udpTransport: 'udp-transport-draft' },
];

type NatD = Extract<Payload, { type: 'NAT-D' | 'NAT-D-DRAFT' }>;

const versionOf = (name: NattVersionName | undefined): NattVersion | undefined => NATT_VERSIONS.find((v) => v.name === name);

/** What one ISAKMP SA knows about NAT traversal. */
export interface NattState {
  /** The version both announced (the highest); unset: NAT-T is not used on this SA. */
  version?: NattVersionName;
  /** Versions the peer announced in MM1/MM2 (AM1/AM2). */
  peerVersions: NattVersionName[];
  localBehindNat?: boolean;
  peerBehindNat?: boolean;
  /** We sent a bogus local NAT-D hash to force UDP encapsulation (strongSwan `encap = yes`). */
  faked?: boolean;
  floated?: boolean;
  /** Endpoints of the datagram being processed: NAT-D compares against them. */
  path?: { readonly from: Endpoint; readonly to: Endpoint };
  /** Cancels the keepalive timer. */
  keepalive?: (() => void) | undefined;
}

/** The versions a policy announces, in preference order (none when NAT-T is off). */
export function ourVersions(p: Policy): NattVersion[] {
  const n = p.natTraversal;
  if (!n) return [];
  return NATT_VERSIONS.filter((v) => n === true || n.includes(v.name));
}

function state(engine: Ikev1Engine, sa: IsakmpSa): NattState | undefined {
  if (!ourVersions(engine.policy).length) return undefined;
  return (sa.natt ??= { peerVersions: [] });
}

/** NAT-T is used and a NAT (real or faked by either side) is on the path: UDP encapsulation. */
export function natDetected(sa: IsakmpSa): boolean {
  const s = sa.natt;
  return Boolean(s?.version && (s.localBehindNat || s.peerBehindNat || s.faked));
}

/**
 * RFC 3947 §3.2: "HASH = HASH(CKY-I | CKY-R | IP | Port)", using the negotiated HASH algorithm (the
 * phase-1 prf's hash), IP as 4 octets, Port as 2 octets in network order.
 */
export function natdHash(engine: Ikev1Engine, sa: IsakmpSa, e: Endpoint): Uint8Array {
  return engine.provider.hash(sa.suite!.hash, concatBytes(sa.icookie, sa.rcookie, ipv4Bytes(e.address), Uint8Array.of(e.port >>> 8, e.port & 0xff)));
}

// ---- the contributor -----------------------------------------------------------------------------------

const VID_LABELS: readonly Label[] = ['MM1', 'MM2', 'AM1', 'AM2'];
const NATD_LABELS: readonly Label[] = ['MM3', 'MM4', 'AM2', 'AM3'];

/**
 * RFC 3947 §3.1: "The NAT-Traversal capability of the remote host is determined by an exchange of
 * vendor ID payloads. In the first two messages of Phase 1, the vendor id payload for this
 * specification MUST be sent if supported (and it MUST be received by both sides) for the
 * NAT-Traversal probe to continue." (The vendor ID is the MD5 of "RFC 3947".) The initiator announces every version it speaks;
 * the responder answers with the one it chose (the highest both speak), and the initiator takes the
 * highest of the responder's that it speaks.
 *
 * RFC 3947 §3.2: "The NAT-D payloads are included after the Nonce and Key exchange payloads in the
 * third and fourth packets of Main Mode, and in the second and third packets in the Aggressive
 * Mode." "The first NAT-D payload contains the remote end's IP address and port (i.e., the
 * destination address of the UDP packet). The remaining NAT-D payloads contain possible local-end
 * IP addresses and ports (i.e., all possible source addresses of the UDP packet)."
 */
export const nattContributor: Contributor = {
  name: 'nat-t',
  labels: [...VID_LABELS, ...NATD_LABELS.filter((l) => !VID_LABELS.includes(l))],
  outgoing({ engine, sa, label }) {
    const st = state(engine, sa);
    if (!st) return [];
    const out: Payload[] = [];
    if (VID_LABELS.includes(label)) {
      const send = sa.role === 'initiator' ? ourVersions(engine.policy) : st.version ? [versionOf(st.version)!] : [];
      for (const v of send) {
        const p = vendorIdPayload(engine, sa, v.vid);
        if (p) out.push(p);
      }
    }
    const v = versionOf(st.version);
    if (v && NATD_LABELS.includes(label)) {
      const remote = { address: sa.peer, port: sa.remotePort };
      const local = { address: engine.policy.localAddress, port: sa.localPort };
      // strongSwan (ikev1/tasks/isakmp_natd.c, `encap = yes`): "faking NAT situation to enforce UDP
      // encapsulation" — a local hash that cannot match makes the peer see us behind a NAT.
      const localHash = natdHash(engine, sa, local);
      out.push({ type: v.natd, data: natdHash(engine, sa, remote) }, { type: v.natd, data: st.faked ? engine.rng.bytes(localHash.length) : localHash });
    }
    return out;
  },
  incoming({ engine, sa, label }, payloads) {
    const st = state(engine, sa);
    if (!st) return;
    if (VID_LABELS.includes(label)) {
      for (const p of payloads) {
        if (p.type !== 'VID') continue;
        const name = vendorIdByHex(toHex(p.data))?.entry.name;
        const v = NATT_VERSIONS.find((x) => x.vid === name);
        if (v && !st.peerVersions.includes(v.name)) st.peerVersions.push(v.name);
      }
      st.version = ourVersions(engine.policy).find((v) => st.peerVersions.includes(v.name))?.name;
      // decided with the version, before any NAT-D: an Aggressive Mode initiator floats on AM2, before its own NAT-D goes out in AM3
      if (st.version && engine.policy.forceEncapsulation) st.faked = true;
    }
    const v = versionOf(st.version);
    if (v && NATD_LABELS.includes(label)) detect(engine, sa, st, payloads.filter((p): p is NatD => p.type === v.natd));
  },
};

/**
 * RFC 3947 §3.2: "If there is no NAT between the peers, the first NAT-D payload received should match
 * one of the local NAT-D payloads (i.e., the local NAT-D payloads this host is sending out), and one
 * of the other NAT-D payloads must match the remote end's IP address and port. If the first check
 * fails (i.e., first NAT-D payload does not match any of the local IP addresses and ports), it means
 * that there is dynamic NAT between the peers, and this end should start sending keepalives as
 * defined in the [RFC3948] (this end is behind the NAT)." If the second check fails, the other end
 * is behind a NAT.
 */
function detect(engine: Ikev1Engine, sa: IsakmpSa, st: NattState, natd: readonly NatD[]): void {
  const path = st.path;
  if (!natd.length || !path) return; // the peer sent no NAT-D: nothing to compare
  const [first, ...rest] = natd;
  st.localBehindNat = !hashMatches(natdHash(engine, sa, path.to), first!.data);
  st.peerBehindNat = !rest.some((d) => hashMatches(natdHash(engine, sa, path.from), d.data));
  engine.emit(sa, { kind: 'ike.natd', localBehindNat: st.localBehindNat, peerBehindNat: st.peerBehindNat });
  if (st.localBehindNat) startKeepalives(engine, sa, st);
  // RFC 3947 §4: "If a NAT device has been detected, then the initiator MUST change to port 4500";
  // "In Main Mode, the initiator MUST change ports when sending the ID payload if there is NAT
  // between the hosts. The initiator MUST set both UDP source and destination ports to 4500."
  // This runs on MM4 / AM2, before MM5 / AM3 is sent.
  if (sa.role === 'initiator' && natDetected(sa)) float(engine, sa, st, engine.nattPort(), engine.policy.peerNattPort ?? NATT_PORT);
}

function float(engine: Ikev1Engine, sa: IsakmpSa, st: NattState, localPort: number, remotePort: number): void {
  if (sa.localPort === localPort && sa.remotePort === remotePort) return;
  sa.localPort = localPort;
  sa.remotePort = remotePort;
  if (st.floated) return;
  st.floated = true;
  engine.emit(sa, { kind: 'ike.natd', floated: true, local: { address: engine.policy.localAddress, port: localPort }, remote: { address: sa.peer, port: remotePort } });
}

/**
 * Called by the engine for a received message that decrypted and fits its row, before it is applied:
 * records the datagram's endpoints for the NAT-D check, and makes the responder follow the
 * initiator's float. RFC 3947 §4: "All subsequent packets sent to this peer (including informational
 * notifications) MUST be sent on port 4500"; the responder answers from its port 4500 to the port
 * the initiator's packet came from (a NAT may have changed it).
 */
export function nattOnReceive(engine: Ikev1Engine, sa: IsakmpSa, from: Endpoint, to: Endpoint): void {
  const st = state(engine, sa);
  if (!st) return;
  st.path = { from, to };
  if (sa.role === 'responder' && st.version && to.port === engine.nattPort() && from.address === sa.peer) float(engine, sa, st, to.port, from.port);
}

// ---- keepalives ------------------------------------------------------------------------------------

const GONE = new Set(['P1_FAILED', 'DELETED']);

/**
 * RFC 3948 §2.3: "A NAT-keepalive packet is a UDP packet with a single octet body ... 0xFF"; RFC 3947
 * §3.2: the end behind the NAT "should start sending keepalives". Every `natKeepaliveSeconds`
 * (default 20, 0 = never) from our NAT-T port, on the engine's clock, until the ISAKMP SA is gone.
 */
function startKeepalives(engine: Ikev1Engine, sa: IsakmpSa, st: NattState): void {
  const seconds = engine.policy.natKeepaliveSeconds ?? 20;
  if (seconds <= 0 || st.keepalive) return;
  const tick = (): void => {
    st.keepalive = undefined;
    if (GONE.has(sa.p1.state) || !engine.isakmpSas().includes(sa)) return;
    if (sa.localPort === engine.nattPort()) engine.sendUnframed(sa, NAT_KEEPALIVE);
    st.keepalive = engine.clock.setTimer(seconds * 1000, tick);
  };
  st.keepalive = engine.clock.setTimer(seconds * 1000, tick);
}

// ---- Quick Mode: encapsulation mode and NAT-OA ------------------------------------------------------

/**
 * RFC 3947 §5.1: "UDP-Encapsulated-Tunnel 3, UDP-Encapsulated-Transport 4" (61443 / 61444 in the
 * drafts) are the encapsulation modes when NAT-T is in use and a NAT was detected; else Tunnel 1 /
 * Transport 2 (RFC 2407 §4.5).
 */
export function encapsulationFor(engine: Ikev1Engine, sa: IsakmpSa): { value: number; name: EncapsulationName; udp: boolean } {
  const transport = engine.policy.espMode === 'transport';
  const v = versionOf(sa.natt?.version);
  const name: EncapsulationName = v && natDetected(sa) ? (transport ? v.udpTransport : v.udpTunnel) : transport ? 'transport' : 'tunnel';
  return { value: ENCAPSULATION_MODES.valueOf(name), name, udp: name.startsWith('udp-') };
}

/**
 * RFC 3947 §5.2: "NAT-OA payloads are sent inside the first and second packets of Quick Mode. The
 * initiator MUST send the payloads if it proposes any UDP-Encapsulated-Transport mode, and the
 * responder MUST send the payload only if it selected UDP-Encapsulated-Transport mode." "In the
 * case of transport mode, both ends MUST send both original source and destination addresses to the
 * other end." NAT-OAi: the initiator's address, NAT-OAr: the responder's, as this end knows them.
 */
export function natOaPayloads(engine: Ikev1Engine, sa: IsakmpSa, role: 'initiator' | 'responder'): Payload[] {
  const v = versionOf(sa.natt?.version);
  const e = encapsulationFor(engine, sa);
  if (!v || !e.udp || engine.policy.espMode !== 'transport') return [];
  const [i, r] = role === 'initiator' ? [engine.policy.localAddress, sa.peer] : [sa.peer, engine.policy.localAddress];
  return [
    { type: v.natoa, idType: 1, address: ipv4Bytes(i) },
    { type: v.natoa, idType: 1, address: ipv4Bytes(r) },
  ];
}

/** The peer's NAT-OA payloads (NAT-OAi, NAT-OAr) as addresses, when it sent both. */
export function readNatOa(payloads: readonly Payload[]): { initiator: string; responder: string } | undefined {
  const oa = payloads.filter((p): p is Extract<Payload, { type: 'NAT-OA' | 'NAT-OA-DRAFT' }> => (p.type === 'NAT-OA' || p.type === 'NAT-OA-DRAFT') && p.idType === 1 && p.address.length === 4);
  if (oa.length !== 2) return undefined;
  return { initiator: [...oa[0]!.address].join('.'), responder: [...oa[1]!.address].join('.') };
}
