// IKEv1 negotiation benchmark: full Main Mode + Quick Mode negotiations per second between two
// in-memory engines (harness/ikev1 `pair`: both sides, the network and the fake clock in this
// process, one core, node:crypto provider), per suite; beside it the Diffie-Hellman operations
// of the same group measured alone in the same run (key generation + shared secret), so the DH
// share of a negotiation is a ratio of two measurements, not a guess. The strongSwan figures are
// the lab's (shared/lab/README.md §6, charon 5.9.8 on this machine type, kernel-libipsec):
// printed only as ratios.
import { cpus, loadavg } from 'node:os';
import { nodeProvider, type CipherAlg, type DhGroupId, type HashAlg } from '../harness/crypto/index.js';
import { pair, type EspCipher, type EspIntegrity, type Policy } from '../harness/ikev1/index.js';
import { rate } from './esp.js';

interface Suite {
  readonly name: string;
  readonly ike: { cipher: CipherAlg; hash: HashAlg; group: DhGroupId };
  readonly esp: { cipher: EspCipher; integrity: EspIntegrity };
  readonly pfsGroup: DhGroupId | 0;
  /** The lab's strongSwan CPU per MM+QM (initiator + responder charon, ms) for this suite or the closest one. */
  readonly strongswan: { readonly cpuMs: number; readonly what: string };
}

/** shared/lab/README.md §6: charon CPU per MM+QM from /proc/PID/stat, initiator + responder. */
const SS_MODP2048_PFS = { cpuMs: 14.1 + 9.3, what: 'aes128-sha1-modp2048 + PFS' };
const SS_MODP1024_PFS = { cpuMs: 9.0 + 4.3, what: '3des-sha1-modp1024 + PFS' };
/** shared/lab/README.md §6: one worker running swanctl --initiate / --terminate in sequence (MM+QM, modp2048 + PFS). */
const SS_SWANCTL_PER_SECOND = 23;

const SUITES: readonly Suite[] = [
  { name: 'aes128/sha1/modp2048', ike: { cipher: 'aes128', hash: 'sha1', group: 14 }, esp: { cipher: 'aes128', integrity: 'sha1' }, pfsGroup: 0, strongswan: SS_MODP2048_PFS },
  { name: 'aes128/sha1/modp2048 +PFS 14', ike: { cipher: 'aes128', hash: 'sha1', group: 14 }, esp: { cipher: 'aes128', integrity: 'sha1' }, pfsGroup: 14, strongswan: SS_MODP2048_PFS },
  { name: '3des/sha1/modp1024', ike: { cipher: '3des', hash: 'sha1', group: 2 }, esp: { cipher: '3des', integrity: 'sha1' }, pfsGroup: 0, strongswan: SS_MODP1024_PFS },
  { name: '3des/sha1/modp1024 +PFS 2', ike: { cipher: '3des', hash: 'sha1', group: 2 }, esp: { cipher: '3des', integrity: 'sha1' }, pfsGroup: 2, strongswan: SS_MODP1024_PFS },
  { name: 'aes128/sha1/ecp256 +PFS 19', ike: { cipher: 'aes128', hash: 'sha1', group: 19 }, esp: { cipher: 'aes128', integrity: 'sha1' }, pfsGroup: 19, strongswan: SS_MODP2048_PFS },
];

export interface Ikev1Row {
  readonly suite: string;
  readonly perSecond: number;
  readonly msPerNegotiation: number;
  readonly dhOps: number;
  readonly dhMsPerOp: number;
  readonly dhShare: number;
  readonly exponentBits: number;
  readonly vsCharonCpu: number;
  readonly vsSwanctl: number;
}

function policies(s: Suite): { a: Policy; b: Policy } {
  const base = { psk: 'bench', ike: [s.ike], esp: [s.esp], pfsGroup: s.pfsGroup };
  return {
    a: { ...base, localAddress: '10.0.0.1', peerAddress: '10.0.0.2', proxies: { local: { address: '10.1.0.0/16' }, remote: { address: '10.2.0.0/16' } } },
    b: { ...base, localAddress: '10.0.0.2', peerAddress: '10.0.0.1', proxies: { local: { address: '10.2.0.0/16' }, remote: { address: '10.1.0.0/16' } } },
  };
}

export function ikev1Bench(log: (s: string) => void, o: { ms?: number } = {}): Ikev1Row[] {
  const ms = o.ms ?? 1500;
  const rows: Ikev1Row[] = [];
  log(`IKEv1 Main Mode + Quick Mode between two in-memory engines (both sides in this process), one core (${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}, Node ${process.versions.node}), node:crypto provider`);
  log('suite                          neg/s   ms/neg  DH ops  DH ms/op (keygen+secret)  DH share  exp bits   ×strongSwan CPU  ×swanctl 23/s');
  for (const s of SUITES) {
    const { a, b } = policies(s);
    let seed = 1;
    const neg = rate(() => {
      const p = pair({ a, b, seed: seed++ });
      p.a.initiate();
      p.settle();
      if (p.a.childSas().length !== 1 || p.b.childSas().length !== 1) throw new Error(`${s.name}: negotiation did not establish`);
    }, ms);
    // RFC 2409 §5: one DH key pair and one g^xy per side in phase 1, and again per side in a Quick Mode with PFS
    const dhOps = 2 * (1 + (s.pfsGroup ? 1 : 0));
    const group = s.ike.group;
    const peer = nodeProvider.dhGenerateKey(group);
    let exponentBits = 0;
    const dh = rate(() => {
      const k = nodeProvider.dhGenerateKey(group);
      exponentBits = k.exponentBits;
      nodeProvider.dhComputeSecret(group, k.privateKey, peer.publicKey);
    }, ms / 3);
    const msPerNegotiation = 1000 / neg.perSecond;
    const dhMsPerOp = 1000 / dh.perSecond;
    const row: Ikev1Row = {
      suite: s.name,
      perSecond: neg.perSecond,
      msPerNegotiation,
      dhOps,
      dhMsPerOp,
      dhShare: (dhOps * dhMsPerOp) / msPerNegotiation,
      exponentBits,
      vsCharonCpu: s.strongswan.cpuMs / msPerNegotiation,
      vsSwanctl: neg.perSecond / SS_SWANCTL_PER_SECOND,
    };
    rows.push(row);
    log(
      `${row.suite.padEnd(28)} ${row.perSecond.toFixed(0).padStart(7)}  ${row.msPerNegotiation.toFixed(2).padStart(7)}  ${String(dhOps).padStart(6)}  ${row.dhMsPerOp.toFixed(3).padStart(24)}  ${(row.dhShare * 100).toFixed(0).padStart(7)} %  ${String(exponentBits).padStart(8)}   ${row.vsCharonCpu.toFixed(1).padStart(14)}×  ${row.vsSwanctl.toFixed(1).padStart(12)}×`,
    );
  }
  log(`×strongSwan CPU = strongSwan's charon CPU per MM+QM (initiator + responder) ÷ ours: ${SS_MODP2048_PFS.cpuMs.toFixed(1)} ms (${SS_MODP2048_PFS.what}; used for the modp2048 and ecp256 rows) and ${SS_MODP1024_PFS.cpuMs.toFixed(1)} ms (${SS_MODP1024_PFS.what}; modp1024 rows), lab README §6.`);
  log(`×swanctl = ours ÷ ${SS_SWANCTL_PER_SECOND} negotiations/s, one swanctl worker (modp2048 + PFS, includes process start-ups and DELETEs). DH share = DH ops × (keygen + secret, measured alone) ÷ ms per negotiation.`);
  log('The strongSwan figures come from an idle machine; on a loaded one (load average above the core count) read the DH share, which is measured in this run, rather than the ×strongSwan columns.');
  return rows;
}

// `node dist/bench/ikev1.js` runs it on its own
if (import.meta.url === `file://${process.argv[1]}`) ikev1Bench((s) => console.log(s));
