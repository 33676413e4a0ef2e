// A timeline: one IKE SA as one node saw it (or both nodes, after a two-sided merge), built by
// correlate from events. It is what the rules judge, the CLI prints, the JSON carries and the
// reports draw. Plain JSON data.

export type Role = 'initiator' | 'responder';
export type Dir = 'in' | 'out';

export interface Endpoint {
  readonly address: string;
  readonly port?: number;
}

/** One message of the ladder. */
export interface Step {
  /** MM1…MM6, AM1…AM3, QM1…QM3, XAUTH-REQ/REPLY/SET/ACK, CFG-REQ/REPLY/SET/ACK, TED-PROBE/REPLY, INFO, DELETE, DPD-R-U-THERE, DPD-ACK; `?` when the position could not be told. */
  readonly label: string;
  /** Logical exchange: main, aggressive, quick, xauth, cfg-pull, cfg-push, informational, dpd, ted. */
  readonly exchange: string;
  /** Message ID, 8 lowercase hex digits. */
  readonly msgid: string;
  /** Direction from the point of view of the node whose log this is. */
  readonly dir: Dir;
  /** Who sent it, in the IKE SA's roles. */
  readonly sender: Role;
  /** Payload names in order (HDR excluded), as far as the log tells. */
  readonly payloads: readonly string[];
  /** Notifies carried (names). */
  readonly notifies: readonly string[];
  /** First source line that shows this message, and all of them. */
  readonly line: number;
  readonly lines: readonly number[];
  /** Times the same message was sent again. */
  readonly retransmits: number;
  /** Time of the first evidence line as the device printed it, when timestamped. */
  readonly time?: string;
  /** The vendor's state name after this message, when the log prints it. */
  readonly state?: string;
  /** Which node's log shows it (for two-sided timelines). */
  readonly node?: string;
  /** Two-sided timelines: the same message in the other node's log. */
  readonly peerSide?: { readonly node: string; readonly line: number; readonly state?: string };
}

/** Phase-1 or phase-2 proposal parameters, canonical names (registries). */
export interface Proposal {
  readonly encryption?: string;
  readonly keyLength?: number;
  readonly hash?: string;
  readonly group?: number;
  readonly auth?: string;
  readonly lifetimeSeconds?: number;
  readonly lifetimeKb?: number;
}

export type Outcome = 'established' | 'failed' | 'incomplete';

export interface Phase1 {
  readonly mode: 'main' | 'aggressive' | null;
  readonly auth: string | null;
  readonly offered: readonly Proposal[];
  readonly accepted: Proposal | null;
  /** Label of the last message exchanged (MM4, AM2, ...), or null when none. */
  readonly reached: string | null;
  readonly outcome: Outcome;
  /** For failures: the message at which it failed (the one that did not come, or was refused). */
  readonly failedAt?: string;
  readonly localId?: { readonly type: string; readonly value: string };
  readonly peerId?: { readonly type: string; readonly value: string };
}

export interface Proxy {
  /** Address, `a.b.c.d/len` subnet or `a-b` range. */
  readonly address: string;
  readonly protocol?: number;
  readonly port?: number;
}

export interface Phase2 {
  readonly msgid: string;
  readonly proxies: { readonly local?: Proxy; readonly remote?: Proxy };
  readonly protocol?: string;
  readonly transforms: readonly string[];
  readonly pfsGroup?: number | null;
  readonly mode?: 'tunnel' | 'transport';
  readonly spis: { readonly in?: string; readonly out?: string };
  readonly lifetimeSeconds?: number;
  readonly lifetimeKb?: number;
  readonly reached: string | null;
  readonly outcome: Outcome;
  readonly failedAt?: string;
}

export interface IpsecSa {
  readonly dir: Dir;
  readonly protocol: string;
  readonly spi: string;
  readonly local?: Proxy;
  readonly remote?: Proxy;
  readonly transforms?: readonly string[];
  readonly mode?: 'tunnel' | 'transport';
  readonly lifetimeSeconds?: number;
  readonly lifetimeKb?: number;
  readonly line: number;
}

export interface Session {
  /** Stable within one analysis: `<node>#<n>`. */
  readonly id: string;
  /** Whose view (device name, log file). */
  readonly node: string;
  readonly dialect: string;
  readonly local?: Endpoint;
  readonly peer?: Endpoint;
  readonly role: Role | null;
  readonly cookies?: { readonly initiator?: string; readonly responder?: string };
  readonly phase1: Phase1;
  readonly phase2: readonly Phase2[];
  readonly steps: readonly Step[];
  readonly natt: { readonly detected: boolean | null; readonly localBehindNat?: boolean; readonly peerBehindNat?: boolean; readonly floated?: boolean };
  readonly vendorIds: readonly { readonly dir: Dir; readonly name: string; readonly line: number }[];
  readonly xauth: { readonly user?: string; readonly outcome: 'success' | 'failure' | 'pending'; readonly line: number } | null;
  readonly modeConfig: {
    readonly address?: string;
    readonly netmask?: string;
    readonly dns: readonly string[];
    readonly wins: readonly string[];
    readonly domain?: string;
    readonly splitInclude: readonly string[];
    readonly other: Readonly<Record<string, string>>;
  } | null;
  readonly ted: { readonly role: 'prober' | 'responder'; readonly proxies?: readonly string[]; readonly line: number } | null;
  readonly ipsecSas: readonly IpsecSa[];
  /** First and last source line of the session. */
  readonly lines: readonly [number, number];
  /** Two-sided timelines: the other node's session merged into this one. */
  readonly peerView?: { readonly node: string; readonly session: string; readonly lines: readonly [number, number] };
}
