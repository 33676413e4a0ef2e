// Findings: what ikelens concludes about a negotiation. Every finding has a stable dotted ID from the
// catalogue below (the IDs of shared/reference/failure-classes.md; they never change meaning), a
// group, a severity and a one-line summary registered once here. Rules (one per file, elsewhere) fill
// in the detail, the evidence and the fix in the device's own configuration syntax.

export type Severity = 'error' | 'warn' | 'note';

export type FindingGroup = 'phase1' | 'phase2' | 'xauth' | 'mode-config' | 'nat-t' | 'dpd' | 'lifetime' | 'crypto-map' | 'config';

export interface FindingDefinition {
  readonly id: string;
  readonly group: FindingGroup;
  readonly severity: Severity;
  /** One line, registered once; rules do not reword it. */
  readonly summary: string;
  /** The failure class of failure-classes.md this ID stands for. */
  readonly failureClass: string;
}

export const FINDINGS = [
  {
    id: 'ike.p1.no_response',
    group: 'phase1',
    severity: 'error',
    failureClass: 'no reply to phase 1',
    summary: 'The peer never answered phase 1: no reply to the first message.',
  },
  {
    id: 'ike.p1.proposal_mismatch',
    group: 'phase1',
    severity: 'error',
    failureClass: 'phase-1 proposal mismatch',
    summary: 'No phase-1 proposal was acceptable: the two sides share no encryption/hash/group/authentication/lifetime combination.',
  },
  {
    id: 'ike.p1.psk_mismatch',
    group: 'phase1',
    severity: 'error',
    failureClass: 'pre-shared key mismatch',
    summary: 'The pre-shared keys differ: the first encrypted message (MM5/AM3) could not be decrypted or its hash did not verify.',
  },
  {
    id: 'ike.p1.no_psk',
    group: 'phase1',
    severity: 'error',
    failureClass: 'no pre-shared key / no tunnel group for the peer',
    summary: 'No pre-shared key (or tunnel group) is configured for this peer.',
  },
  {
    id: 'ike.p1.id_mismatch',
    group: 'phase1',
    severity: 'error',
    failureClass: 'identity mismatch',
    summary: 'The phase-1 identity the peer sent is not the one this side expects (e.g. a private address from behind NAT).',
  },
  {
    id: 'ike.p1.mode_mismatch',
    group: 'phase1',
    severity: 'error',
    failureClass: 'main vs aggressive mode mismatch',
    summary: 'One side uses Main Mode and the other Aggressive Mode.',
  },
  {
    id: 'ike.xauth.failed',
    group: 'xauth',
    severity: 'error',
    failureClass: 'XAUTH failure',
    summary: 'Extended authentication (XAUTH) failed.',
  },
  {
    id: 'ike.cfg.failed',
    group: 'mode-config',
    severity: 'error',
    failureClass: 'Mode-Config failure (no pool / pool exhausted)',
    summary: 'Mode-Config failed: the client got no address (no pool configured, or the pool is exhausted).',
  },
  {
    id: 'ike.p2.no_response',
    group: 'phase2',
    severity: 'error',
    failureClass: 'no reply to quick mode',
    summary: 'The peer never answered the Quick Mode proposal (QM1).',
  },
  {
    id: 'ike.p2.proposal_mismatch',
    group: 'phase2',
    severity: 'error',
    failureClass: 'phase-2 proposal mismatch',
    summary: 'No phase-2 (IPsec) proposal was acceptable: the transform sets do not match.',
  },
  {
    id: 'ike.p2.pfs_mismatch',
    group: 'phase2',
    severity: 'error',
    failureClass: 'PFS mismatch',
    summary: 'PFS differs: one side requires a Diffie-Hellman group in Quick Mode, the other offers none or another group.',
  },
  {
    id: 'ike.p2.proxy_mismatch',
    group: 'phase2',
    severity: 'error',
    failureClass: 'proxy-ID / crypto ACL mismatch',
    summary: 'The proxy identities do not match: the crypto ACLs / traffic selectors of the two sides are not mirror images.',
  },
  {
    id: 'ike.p2.mode_mismatch',
    group: 'phase2',
    severity: 'error',
    failureClass: 'tunnel vs transport mode mismatch (L2TP)',
    summary: 'One side proposes tunnel mode and the other transport mode.',
  },
  {
    id: 'ipsec.crypto_map_missing',
    group: 'crypto-map',
    severity: 'error',
    failureClass: 'crypto map not applied / no matching crypto map entry',
    summary: 'No crypto map entry matches this peer or traffic, or the crypto map is not applied to the interface.',
  },
  {
    id: 'config.crypto_map_order',
    group: 'config',
    severity: 'warn',
    failureClass: 'dynamic map ordered before static entries',
    summary: 'A dynamic crypto map entry has a lower sequence number than static entries and catches their peers.',
  },
  {
    id: 'ike.natt.blocked',
    group: 'nat-t',
    severity: 'error',
    failureClass: 'NAT-T blocked (UDP 4500)',
    summary: 'NAT-T was negotiated but nothing came back on UDP 4500: something between the peers blocks it.',
  },
  {
    id: 'ike.dpd.peer_dead',
    group: 'dpd',
    severity: 'error',
    failureClass: 'DPD: peer dead',
    summary: 'Dead Peer Detection declared the peer dead: R-U-THERE went unanswered and the SAs were removed.',
  },
  {
    id: 'ike.lifetime.lowered',
    group: 'lifetime',
    severity: 'note',
    failureClass: 'lifetime differences (the shorter one wins)',
    summary: 'The peer lowered the SA lifetime; the shorter lifetime is in use.',
  },
  {
    id: 'ike.p1.transform_skipped',
    group: 'phase1',
    severity: 'note',
    failureClass: 'unsupported group offered but another accepted',
    summary: 'A phase-1 transform was refused, but another one was accepted.',
  },
] as const satisfies readonly FindingDefinition[];

export type FindingId = (typeof FINDINGS)[number]['id'];

const BY_ID = new Map<string, FindingDefinition>(FINDINGS.map((f) => [f.id, f]));

export function findingDefinition(id: string): FindingDefinition | undefined {
  return BY_ID.get(id);
}

export function isFindingId(id: string): id is FindingId {
  return BY_ID.has(id);
}

/** A source line cited as evidence. */
export interface EvidenceLine {
  readonly file: string;
  readonly line: number;
  readonly endLine?: number;
  /** The text of the line(s), for reports that show it inline. */
  readonly text?: string;
}

export interface Evidence {
  /** Sequence numbers of the events the rule relied on. */
  readonly events: readonly number[];
  readonly lines: readonly EvidenceLine[];
}

/** Configuration that fixes the problem, in each device's own syntax (only where one applies). */
export interface Fix {
  readonly ios?: string;
  readonly asa?: string;
  readonly strongswan?: string;
  /** One line saying what the fix does. */
  readonly note?: string;
}

export interface Finding {
  readonly id: FindingId;
  readonly group: FindingGroup;
  readonly severity: Severity;
  readonly summary: string;
  /** What happened in this negotiation, with the values (which attribute, which peer, which message). */
  readonly detail: string;
  readonly evidence: Evidence;
  readonly fix?: Fix;
  /** The node whose view it is, and the peer (for multi-session inputs). */
  readonly node?: string;
  readonly peer?: string;
}

/** A finding with its group, severity and summary taken from the catalogue. */
export function makeFinding(
  id: FindingId,
  body: { readonly detail: string; readonly evidence: Evidence; readonly fix?: Fix; readonly node?: string; readonly peer?: string },
): Finding {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown finding id ${id}`);
  return { id, group: def.group, severity: def.severity, summary: def.summary, ...body };
}

const SEVERITY_RANK: { readonly [S in Severity]: number } = { error: 0, warn: 1, note: 2 };

/** Order for display: errors first, then warnings, then notes; stable within a severity. */
export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
}
