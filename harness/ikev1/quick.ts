/**
 * Quick Mode (RFC 2409 §5.5): HASH(1..3), the ESP SA proposal, nonces, optional KE (PFS), IDci/IDcr
 * proxies, and KEYMAT for both directions (RFC 2409 §5.5, via harness/crypto `keymat`).
 */
import type { Proxy } from '../../analyzer/model/events.js';
import { encodePayloads, type IdPayload, type Payload, type PayloadOf, type PayloadType } from '../codec/index.js';
import { DhError, hashMatches, keymat, qmHash1, qmHash2, qmHash3, readU32, splitKeymat, toHex, u32Hex, type DhGroupId } from '../crypto/index.js';
import type { Ikev1Engine } from './engine.js';
import { idValue } from './payload-info.js';
import type { Handler } from './handlers.js';
import type { EspProposal, QuickPolicy } from './policy.js';
import { proxyId } from './proxy-id.js';
import { chooseLifetime, DEFAULT_P2_SECONDS, readResponderLifetime, responderLifetimeNotify, type Lifetime } from './lifetime.js';
import { espAttrs, espKeyLengths, espMismatch, espSa, lifetimeFields, readEspTransform } from './proposals.js';
import type { ChildSa, IsakmpSa, QuickExchange } from './sa.js';
import { encapsulationFor, natOaPayloads, readNatOa } from './natt.js';

const firstOf = <T extends PayloadType>(ps: readonly Payload[], t: T): PayloadOf<T> | undefined => ps.find((p): p is PayloadOf<T> => p.type === t);

function proxyOf(id: IdPayload): Proxy {
  return { address: idValue(id), ...(id.protocol ? { protocol: id.protocol } : {}), ...(id.port ? { port: id.port } : {}) };
}

function spiBytes(engine: Ikev1Engine): Uint8Array {
  const b = engine.rng.bytes(4);
  b[0] = b[0]! | 0x10; // SPIs 0..255 are reserved
  return b;
}

function afterHash(payloads: readonly Payload[]): Uint8Array {
  return encodePayloads(payloads.slice(1));
}

/** Verifies HASH(1)/HASH(2): the HASH must come first. */
function hashFirst(payloads: readonly Payload[]): Uint8Array | undefined {
  const h = payloads[0];
  return h && h.type === 'HASH' ? h.data : undefined;
}

const lifetimeOf = (o: { lifetimeSeconds?: number; lifetimeKilobytes?: number }): Lifetime => ({
  ...(o.lifetimeSeconds !== undefined ? { seconds: o.lifetimeSeconds } : {}),
  ...(o.lifetimeKilobytes !== undefined ? { kilobytes: o.lifetimeKilobytes } : {}),
});

function pfsOf(engine: Ikev1Engine): number {
  return engine.policy.pfsGroup || 0;
}

/** KEYMAT for both directions; inbound keys use our SPI, outbound the peer's. */
function childSa(engine: Ikev1Engine, sa: IsakmpSa, q: QuickExchange, proxies = sa.proxies ?? engine.policy.proxies): ChildSa {
  const p = q.chosen!;
  const len = espKeyLengths(p.cipher, p.integrity);
  const base = { protocol: 3, niB: q.ni!, nrB: q.nr!, ...(q.gqmxy ? { gqmxy: q.gqmxy } : {}) };
  const keys = (spi: Uint8Array) => splitKeymat(keymat(sa.suite!, sa.keys!.skeyidD, { ...base, spi }, len.enc + len.auth), len.enc, len.auth);
  const encap = encapsulationFor(engine, sa);
  return {
    conn: sa.conn,
    msgid: q.msgid,
    role: q.role,
    cipher: p.cipher,
    integrity: p.integrity,
    pfsGroup: q.pfsGroup ?? 0,
    lifetimeSeconds: p.lifetimeSeconds ?? DEFAULT_P2_SECONDS,
    ...(p.lifetimeKilobytes !== undefined ? { lifetimeKilobytes: p.lifetimeKilobytes } : {}),
    inboundSpi: readU32(q.spiIn!, 0),
    outboundSpi: readU32(q.spiOut!, 0),
    inbound: keys(q.spiIn!),
    outbound: keys(q.spiOut!),
    local: engine.policy.localAddress,
    remote: sa.peer,
    ...(proxies ? { localProxy: proxyOf(proxyId(proxies.local)), remoteProxy: proxyOf(proxyId(proxies.remote)) } : {}),
    prf: { provider: sa.suite!.provider, hash: sa.suite!.hash },
    skeyidD: sa.keys!.skeyidD,
    niB: q.ni!,
    nrB: q.nr!,
    ...(q.gqmxy ? { gqmxy: q.gqmxy } : {}),
    mode: engine.policy.espMode ?? 'tunnel',
    ...(encap.udp ? { udp: { localPort: sa.localPort, remotePort: sa.remotePort } } : {}),
    ...(q.natOa ? { natOa: q.natOa } : {}),
  };
}

function established(engine: Ikev1Engine, sa: IsakmpSa, q: QuickExchange, child: ChildSa): void {
  q.child = child;
  const common = {
    protocol: 'esp' as const,
    ...(child.localProxy ? { local: child.localProxy } : {}),
    ...(child.remoteProxy ? { remote: child.remoteProxy } : {}),
    localEndpoint: { address: child.local, ...(child.udp ? { port: child.udp.localPort } : {}) },
    remoteEndpoint: { address: child.remote, ...(child.udp ? { port: child.udp.remotePort } : {}) },
    encryption: child.cipher,
    integrity: child.integrity,
    mode: child.mode ?? 'tunnel',
    ...(child.udp ? { udpEncapsulated: true } : {}),
    lifetimeSeconds: child.lifetimeSeconds,
    ...(child.lifetimeKilobytes !== undefined ? { lifetimeKilobytes: child.lifetimeKilobytes } : {}),
    pfsGroup: child.pfsGroup,
  };
  engine.emit(sa, { kind: 'ipsec.spi', dir: 'out', protocol: 'esp', spi: u32Hex(child.outboundSpi) }, q.msgid);
  engine.emit(sa, { kind: 'ipsec.sa', dir: 'in', spi: u32Hex(child.inboundSpi), ...common }, q.msgid);
  engine.emit(sa, { kind: 'ipsec.sa', dir: 'out', spi: u32Hex(child.outboundSpi), ...common }, q.msgid);
  engine.emit(sa, { kind: 'ike.phase', phase: 2, status: 'complete', msgid: q.msgid }, q.msgid);
  engine.lifetimes.childEstablished(sa, child);
}

function gqmxy(engine: Ikev1Engine, q: QuickExchange, peerKe: Uint8Array): boolean {
  try {
    q.gqmxy = engine.provider.dhComputeSecret(q.pfsGroup as DhGroupId, q.dh!.privateKey, peerKe);
    return true;
  } catch (e) {
    if (e instanceof DhError || e instanceof RangeError) return false;
    throw e;
  }
}

/** The responder's policy for this Quick Mode: `policy.quickResponder` (a node's crypto map) given the offer, else the engine's own. */
function responderQuickPolicy(engine: Ikev1Engine, ids: readonly IdPayload[], pfsGroup: number): QuickPolicy | string {
  const choose = engine.policy.quickResponder;
  if (!choose) return engine.policy;
  const [idci, idcr] = ids;
  return choose({ ...(ids.length === 2 ? { local: proxyOf(idcr!), remote: proxyOf(idci!) } : {}), pfsGroup });
}

const quickOutI1: Handler = ({ engine, sa, scope }) => {
  const q = scope as QuickExchange;
  const pfs = pfsOf(engine);
  q.pfsGroup = pfs;
  q.spiIn = spiBytes(engine);
  q.ni = engine.rng.bytes(20);
  const encap = encapsulationFor(engine, sa);
  const rest: Payload[] = [espSa(q.spiIn, engine.policy.esp, pfs, encap.value), { type: 'NONCE', data: q.ni }];
  if (pfs) {
    q.dh = engine.provider.dhGenerateKey(pfs as DhGroupId);
    rest.push({ type: 'KE', data: q.dh.publicKey });
  }
  const proxies = sa.proxies ?? engine.policy.proxies; // a Mode-Config client's address replaces the policy's
  if (proxies) {
    q.idci = proxyId(proxies.local);
    q.idcr = proxyId(proxies.remote);
    rest.push(q.idci, q.idcr);
  }
  rest.push(...natOaPayloads(engine, sa, 'initiator'));
  engine.policy.esp.forEach((p, i) =>
    engine.emit(sa, { kind: 'ike.proposal', phase: 2, stage: 'offered', source: 'local', proposal: 1, transform: i + 1, attrs: espAttrs({ ...p, pfsGroup: pfs, encapsulation: encap.value }) }, q.msgid),
  );
  engine.emit(sa, { kind: 'ipsec.spi', dir: 'in', protocol: 'esp', spi: toHex(q.spiIn) }, q.msgid);
  const h = qmHash1(sa.suite!, sa.keys!.skeyidA, q.msgid, encodePayloads(rest));
  return { kind: 'ok', reply: [{ type: 'HASH', data: h }, ...rest] };
};

const quickInI1OutR1: Handler = ({ engine, sa, scope, payloads }) => {
  const q = scope as QuickExchange;
  const h = hashFirst(payloads);
  if (!h || !hashMatches(qmHash1(sa.suite!, sa.keys!.skeyidA, q.msgid, afterHash(payloads)), h)) return { kind: 'ignore', text: 'HASH(1) does not verify' };
  const offer = firstOf(payloads, 'SA')!;
  const prop = offer.proposals[0];
  if (!prop || prop.protocol !== 3 || prop.spi.length !== 4) return { kind: 'fail', reason: 'proposal', text: 'QM1 must offer an ESP proposal with a 4-byte SPI' };
  q.spiOut = prop.spi; // known before the choice: a refusal names it (informational.ts refuseQuickMode)
  q.ni = firstOf(payloads, 'NONCE')!.data;
  const offers = prop.transforms.map((t) => ({ t, o: readEspTransform(t) }));
  offers.forEach(({ t, o }) => engine.emit(sa, { kind: 'ike.proposal', phase: 2, stage: 'offered', source: 'peer', proposal: prop.number, transform: t.number, attrs: espAttrs(o) }, q.msgid));
  const ids = payloads.filter((p): p is IdPayload => p.type === 'ID');
  const pol = responderQuickPolicy(engine, ids, offers[0]?.o.pfsGroup ?? 0);
  if (typeof pol === 'string') return { kind: 'fail', reason: 'proxy', text: pol };
  const pfs = pol.pfsGroup || 0;
  const encap = encapsulationFor(engine, sa);
  let chosen: { t: (typeof offers)[number]['t']; p: EspProposal; lowered: Lifetime | undefined } | undefined;
  for (const p of pol.esp) {
    const hit = offers.find(({ o }) => !espMismatch(o, p, pfs, encap.value));
    if (hit) {
      const life = chooseLifetime(lifetimeOf(hit.o), lifetimeOf(p), DEFAULT_P2_SECONDS);
      chosen = { t: hit.t, p: { cipher: p.cipher, integrity: p.integrity, ...lifetimeFields(life.applied) }, lowered: life.lowered };
      break;
    }
  }
  if (!chosen) {
    const top = pol.esp[0];
    let onlyPfs = offers.length > 0;
    for (const { t, o } of offers) {
      const why = top ? espMismatch(o, top, pfs, encap.value) : undefined;
      if (why?.attribute !== 'pfsGroup') onlyPfs = false;
      engine.emit(sa, { kind: 'ike.proposal', phase: 2, stage: 'rejected', source: 'peer', proposal: prop.number, transform: t.number, attrs: espAttrs(o), ...(why ? { reason: why } : {}) }, q.msgid);
    }
    return { kind: 'fail', reason: onlyPfs ? 'pfs' : 'proposal', text: 'no IPsec proposal matched the transform set' };
  }
  // proxies: IDci/IDcr must be our remote/local (mirrored)
  const proxies = sa.proxies ?? pol.proxies; // a Mode-Config client's address replaces the configured one
  if (ids.length === 2 || proxies) {
    if (ids.length !== 2 || !proxies) return { kind: 'fail', reason: 'proxy', text: 'proxy identities missing on one side' };
    const want = [idValue(proxyId(proxies.remote)), idValue(proxyId(proxies.local))];
    if (idValue(ids[0]!) !== want[0] || idValue(ids[1]!) !== want[1]) return { kind: 'fail', reason: 'proxy', text: `proxies ${idValue(ids[0]!)} → ${idValue(ids[1]!)} do not match ${want[0]} → ${want[1]}` };
    q.idci = ids[0]!;
    q.idcr = ids[1]!;
  }
  q.pfsGroup = pfs;
  q.chosen = chosen.p;
  q.spiOut = prop.spi;
  q.spiIn = spiBytes(engine);
  q.nr = engine.rng.bytes(20);
  engine.emit(sa, { kind: 'ike.proposal', phase: 2, stage: 'accepted', source: 'peer', proposal: prop.number, transform: chosen.t.number, attrs: espAttrs({ ...chosen.p, pfsGroup: pfs, encapsulation: encap.value }) }, q.msgid);
  const natOa = readNatOa(payloads);
  if (natOa) q.natOa = natOa;
  // the offered transform goes back as it was (its lifetime is the initiator's); a shorter
  // lifetime of ours travels in RESPONDER-LIFETIME below
  const rest: Payload[] = [
    { type: 'SA', doi: 1, situation: 1, proposals: [{ number: prop.number, protocol: 3, spi: q.spiIn, transforms: [chosen.t] }] },
    { type: 'NONCE', data: q.nr },
  ];
  if (pfs) {
    const ke = firstOf(payloads, 'KE');
    if (!ke) return { kind: 'fail', reason: 'pfs', text: 'PFS required but QM1 has no KE' };
    q.dh = engine.provider.dhGenerateKey(pfs as DhGroupId);
    if (!gqmxy(engine, q, ke.data)) return { kind: 'fail', reason: 'malformed', text: 'unusable KE in QM1' };
    rest.push({ type: 'KE', data: q.dh.publicKey });
  }
  if (q.idci && q.idcr) rest.push(q.idci, q.idcr);
  rest.push(...natOaPayloads(engine, sa, 'responder'));
  if (chosen.lowered) {
    // RFC 2407 §4.6.3.1: "The RESPONDER-LIFETIME status message may be used to communicate the
    // IPSEC SA lifetime chosen by the responder."
    const n = responderLifetimeNotify(q.spiIn, chosen.lowered);
    rest.push(n);
    engine.emit(sa, { kind: 'ike.notify', dir: 'out', type: 'RESPONDER_LIFETIME', number: n.notifyType, protocol: 'esp', spi: toHex(q.spiIn), data: toHex(n.data), lifetime: chosen.lowered }, q.msgid);
  }
  engine.emit(sa, { kind: 'ipsec.spi', dir: 'in', protocol: 'esp', spi: toHex(q.spiIn) }, q.msgid);
  q.pending = childSa(engine, sa, q, proxies);
  const h2 = qmHash2(sa.suite!, sa.keys!.skeyidA, q.msgid, q.ni, encodePayloads(rest));
  return { kind: 'ok', reply: [{ type: 'HASH', data: h2 }, ...rest] };
};

const quickInR1OutI2: Handler = ({ engine, sa, scope, payloads }) => {
  const q = scope as QuickExchange;
  const h = hashFirst(payloads);
  const nr = firstOf(payloads, 'NONCE')!.data;
  if (!h || !hashMatches(qmHash2(sa.suite!, sa.keys!.skeyidA, q.msgid, q.ni!, afterHash(payloads)), h)) return { kind: 'ignore', text: 'HASH(2) does not verify' };
  const reply = firstOf(payloads, 'SA')!;
  const prop = reply.proposals[0];
  const t = prop?.transforms[0];
  if (!prop || !t || reply.proposals.length !== 1 || prop.transforms.length !== 1 || prop.protocol !== 3 || prop.spi.length !== 4) return { kind: 'fail', reason: 'proposal', text: 'QM2 must carry one ESP transform' };
  const o = readEspTransform(t);
  const encap = encapsulationFor(engine, sa);
  const mine = engine.policy.esp.find((p) => !espMismatch(o, p, q.pfsGroup ?? 0, encap.value));
  if (!mine) return { kind: 'fail', reason: 'proposal', text: 'the responder chose a transform we did not offer' };
  // our offer's lifetime, unless the responder told a shorter one in RESPONDER-LIFETIME
  // (RFC 2407 §4.6.3.1): then that one, as Cisco initiators apply it
  let life: Lifetime = lifetimeOf(o);
  for (const n of payloads) {
    if (n.type !== 'N') continue;
    const told = readResponderLifetime(n);
    if (!told) continue;
    engine.emit(sa, { kind: 'ike.notify', dir: 'in', type: 'RESPONDER_LIFETIME', number: n.notifyType, protocol: 'esp', spi: toHex(n.spi), data: toHex(n.data), lifetime: told }, q.msgid);
    life = chooseLifetime(life, told, DEFAULT_P2_SECONDS).applied;
  }
  q.chosen = { cipher: mine.cipher, integrity: mine.integrity, ...lifetimeFields(life) };
  q.nr = nr;
  q.spiOut = prop.spi;
  const natOa = readNatOa(payloads);
  if (natOa) q.natOa = natOa;
  if (q.pfsGroup) {
    const ke = firstOf(payloads, 'KE');
    if (!ke) return { kind: 'fail', reason: 'pfs', text: 'PFS offered but QM2 has no KE' };
    if (!gqmxy(engine, q, ke.data)) return { kind: 'fail', reason: 'malformed', text: 'unusable KE in QM2' };
  }
  engine.emit(sa, { kind: 'ike.proposal', phase: 2, stage: 'accepted', source: 'local', proposal: prop.number, transform: t.number, attrs: espAttrs({ ...q.chosen, pfsGroup: q.pfsGroup ?? 0, encapsulation: encap.value }) }, q.msgid);
  const child = childSa(engine, sa, q);
  const h3 = qmHash3(sa.suite!, sa.keys!.skeyidA, q.msgid, q.ni!, q.nr);
  return { kind: 'ok', reply: [{ type: 'HASH', data: h3 }], after: () => established(engine, sa, q, child) };
};

const quickInI2: Handler = ({ engine, sa, scope, payloads }) => {
  const q = scope as QuickExchange;
  const h = hashFirst(payloads);
  if (!h || !hashMatches(qmHash3(sa.suite!, sa.keys!.skeyidA, q.msgid, q.ni!, q.nr!), h)) return { kind: 'ignore', text: 'HASH(3) does not verify' };
  return { kind: 'ok', after: () => established(engine, sa, q, q.pending!) };
};

export const QUICK_HANDLERS: { readonly [name: string]: Handler } = { quickOutI1, quickInI1OutR1, quickInR1OutI2, quickInI2 };
