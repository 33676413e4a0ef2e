/**
 * Phase-1 identities (RFC 2407 §4.6.2.1): the ID payload we send in MM5/MM6 and AM1/AM2, the
 * identity as events name it, and the check of the peer's identity against `policy.peerIdentity`.
 *
 * RFC 2409 §5: "HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b )" — IDii_b is the
 * body of the ID payload as sent, so whatever type we send here is what the hashes cover
 * (phase1.ts `authPayloads` / `verifyPeerHash` encode the payload they are given).
 */
import type { Identity } from '../../analyzer/model/events.js';
import { ID_TYPES } from '../../analyzer/model/registries.js';
import { idIpv4, idString, type IdPayload } from '../codec/index.js';
import type { Ikev1Engine } from './engine.js';
import type { IsakmpSa } from './sa.js';
import type { IdentitySpec, Policy } from './policy.js';
import { idValue } from './payload-info.js';

/**
 * RFC 2407 §4.6.2: "During Phase I negotiations, the ID port and protocol fields MUST be set to zero
 * or to UDP port 500" — we send UDP/500 as Cisco and strongSwan do.
 */
const PHASE1_PROTOCOL = 17;
const PHASE1_PORT = 500;

/** The ID payload for an identity spec (UDP/500). */
export function idPayloadOf(spec: IdentitySpec): IdPayload {
  return spec.type === 'ipv4-addr' ? idIpv4(spec.value, PHASE1_PROTOCOL, PHASE1_PORT) : idString(spec.type, spec.value, PHASE1_PROTOCOL, PHASE1_PORT);
}

/** Our phase-1 identity: `policy.identity`, else ID_IPV4_ADDR of our address. */
export function ownIdentity(policy: Policy): IdPayload {
  return idPayloadOf(policy.identity ?? { type: 'ipv4-addr', value: policy.localAddress });
}

/** An ID payload as the events name it (type, value, protocol/port when set). */
export function identityOf(p: IdPayload): Identity {
  const type = ID_TYPES.nameOf(p.idType) ?? 'ipv4-addr';
  return { type, value: idValue(p), ...(p.protocol ? { protocol: p.protocol } : {}), ...(p.port ? { port: p.port } : {}) };
}

/**
 * The peer's identity against `policy.peerIdentity`: undefined when it fits (or nothing is expected),
 * else why not. Type and value must both match (FQDNs compare case-insensitively, RFC 4343).
 */
export function peerIdentityMismatch(policy: Policy, p: IdPayload): string | undefined {
  const want = policy.peerIdentity;
  if (!want) return undefined;
  const got = identityOf(p);
  const same = got.type === want.type && (want.type === 'fqdn' || want.type === 'user-fqdn' ? got.value.toLowerCase() === want.value.toLowerCase() : got.value === want.value);
  return same ? undefined : `peer identity ${got.type} ${got.value} is not the expected ${want.type} ${want.value}`;
}

/**
 * Checks the peer's identity; on a mismatch emits the `ike.auth` failure with the identity it sent
 * (the analyzer's ike.p1.id_mismatch names it) and returns the failure for the handler to return.
 */
export function checkPeerIdentity(
  engine: Ikev1Engine,
  sa: IsakmpSa,
  p: IdPayload,
  notify: boolean,
): { kind: 'fail'; reason: 'id'; text: string; notify?: 'INVALID_ID_INFORMATION' } | undefined {
  const why = peerIdentityMismatch(engine.policy, p);
  if (!why) return undefined;
  engine.emit(sa, { kind: 'ike.auth', method: 'psk', result: 'failed', localId: identityOf(ownIdentity(engine.policy)), peerId: identityOf(p), reason: why });
  // RFC 2408 §5.4 / §3.14.1: a bad identification is answered with INVALID-ID-INFORMATION
  return { kind: 'fail', reason: 'id', text: why, ...(notify ? { notify: 'INVALID_ID_INFORMATION' as const } : {}) };
}
