// Fields of the record kinds of grammars/strongswan.peggy (strongSwan charon logs: filelog, stderr,
// syslog; `swanctl --initiate` and `ipsec up` console output). Absent optional parts are omitted,
// never null. Conventions: SPIs are 8 lowercase hex digits, CPIs 4; message IDs are numbers;
// names, states, exchange, payload, notify and algorithm words exactly as charon prints them
// (`ID_PROT`, `INFORMATIONAL_V1`, `NO_PROPOSAL_CHOSEN`, `AES_CBC_128`, `(unnamed)`).

/** `in`: received/parsed by this charon; `out`: sent/generated. */
export type SwDir = 'in' | 'out';

/** One payload of a `[ SA V N(INITIAL_CONTACT) CPRQ(X_USER X_PWD) ]` list (message.c short names). */
export type SwPayload =
  /** `SA`, `KE`, `No`, `ID`, `HASH`, `SIG`, `CERT`, `CERTREQ`, `V`, `D`, `NAT-D`, `NAT-OA`, `FRAG`, ... */
  | { type: string }
  /** `N(INITIAL_CONTACT)`, `N(NO_PROP)`, `N(DPD)`; a number when charon printed the type numerically. */
  | { type: 'N'; notify: string | number }
  /** `CPRQ(X_USER X_PWD)`, `CPRP(ADDR DNS)`, `CPS(X_STATUS)`, `CPA(X_STATUS)` (attributes may be empty). */
  | { type: string; attributes: string[] }
  /** IKEv2 `EF(1/2)`. */
  | { type: string; fragment: number; fragments: number }
  /** IKEv2 `EAP/REQ/ID`. */
  | { type: 'EAP'; code: string; method?: string };

/** `IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048` → `{ protocol: 'IKE', algorithms: [...] }`. */
export interface SwProposal {
  protocol: string;
  algorithms: string[];
}

/** `A...B` of a config lookup (hosts as printed: addresses or `%any`). */
export interface SwHostPair {
  local: string;
  remote: string;
}

/** `10.99.0.1[10.99.0.1]...10.99.0.2[vpngroup]`: hosts and the identities in brackets. */
export interface SwBetween {
  local: string;
  localId: string;
  remote: string;
  remoteId: string;
}

/** `10.99.1.0/24 === 10.99.2.0/24` (each side may list several; strings as printed: `10.99.1.0/24[udp/l2f]`, `dynamic`). */
export interface SwTsPair {
  localTs: string[];
  remoteTs: string[];
}

/** A continuation record folded into a block header's `parts`. */
export type SwPart<K extends keyof StrongswanFields> = { kind: K; line: number } & StrongswanFields[K];

export interface StrongswanFields {
  // ---- messages and packets ----
  /** `parsed ID_PROT response 0 [ SA V V V V ]`, `generating QUICK_MODE request 3189691308 [ HASH SA No KE ID ID ]`. */
  'strongswan.message': { dir: SwDir; exchange: string; role: 'request' | 'response'; msgid: number; payloads: SwPayload[] };
  /** `received packet: from 10.99.0.2[500] to 10.99.0.1[500] (160 bytes)` (IKE_SA level, with bytes);
   * `sending packet: from 10.99.0.1[4500] to 10.99.0.2[4500]` (socket level, net = 2: `socket: true`, no bytes —
   * the same packet as an IKE_SA-level line, or an ESP-in-UDP packet of kernel-libipsec). Ports absent when not printed. */
  'strongswan.packet': { dir: SwDir; src: string; srcPort?: number; dst: string; dstPort?: number; bytes?: number; socket?: true };
  /** `received XAuth vendor ID` (`vendor` as printed, e.g. `NAT-T (RFC 3947)`, `draft-ietf-ipsec-nat-t-ike-02\n` with a
   * literal backslash-n as charon prints it); `received unknown vendor ID: 12:f5:...` (`unknown`, `data` as lowercase hex). */
  'strongswan.vendorId': { dir: SwDir; vendor?: string; unknown?: true; data?: string };
  /** `received NO_PROPOSAL_CHOSEN error notify` (`error` for error notifies). */
  'strongswan.notify': { dir: SwDir; notify: string | number; error: boolean };
  /** `sending retransmit 1 of request message ID 0, seq 1`. */
  'strongswan.retransmit': { attempt: number; role: 'request' | 'response'; msgid: number; seq: number };
  /** `giving up after 3 retransmits`. */
  'strongswan.giveUp': { retransmits: number };
  /** `establishing IKE_SA failed, peer not responding`. */
  'strongswan.establishFailed': { sa: 'IKE_SA' | 'CHILD_SA'; name?: string; reason?: string };
  /** A received message that could not be processed (the PSK-mismatch wordings among them):
   * `invalid HASH_V1 payload length, decryption failed?` (invalidLength, payload), `could not decrypt payloads` (decrypt),
   * `message parsing failed` (parse), `message verification failed` (verify), `integrity check failed` (integrity),
   * `calculated HASH does not match HASH payload` (hashMismatch), `ignore malformed INFORMATIONAL request` (malformed),
   * `INFORMATIONAL_V1 request with message ID 1143346151 processing failed` (processing),
   * `HASH_V1 payload verification failed` (payloadVerify), `payload type ID_V1 was not encrypted` (notEncrypted). */
  'strongswan.messageError': {
    error: 'invalidLength' | 'decrypt' | 'parse' | 'verify' | 'integrity' | 'hashMismatch' | 'malformed' | 'processing' | 'payloadVerify' | 'notEncrypted';
    payload?: string;
    exchange?: string;
    role?: 'request' | 'response';
    msgid?: number;
  };

  // ---- IKE_SA and CHILD_SA life ----
  /** `initiating Main Mode IKE_SA s2s[1] to 10.99.0.2` (by local); `10.99.0.1 is initiating a Main Mode IKE_SA` (by peer).
   * `mode` as printed (`Main Mode`, `Aggressive Mode`), absent for IKEv2. */
  'strongswan.initiate': { by: 'local' | 'peer'; mode?: string; name?: string; id?: number; peer: string };
  /** `IKE_SA s2s[1] state change: CREATED => CONNECTING`, `CHILD_SA net{1} state change: INSTALLING => INSTALLED`. */
  'strongswan.stateChange': { sa: 'IKE_SA' | 'CHILD_SA'; name: string; id: number; old: string; new: string };
  /** `IKE_SA s2s[1] established between 10.99.0.1[10.99.0.1]...10.99.0.2[10.99.0.2]`. */
  'strongswan.ikeEstablished': { name: string; id: number } & SwBetween;
  /** `deleting IKE_SA s2s[1] between ...` (deleting), `IKE_SA deleted` (deleted),
   * `destroying IKE_SA in state CONNECTING without notification` (destroying, `notify: false`). */
  'strongswan.ikeDelete':
    | ({ stage: 'deleting'; name: string; id: number } & SwBetween)
    | { stage: 'deleted' }
    | { stage: 'destroying'; state: string; notify: false };
  /** `CHILD_SA net{1} established with SPIs 61f3c9e3_i 6fda5c4c_o and TS 10.99.1.0/24 === 10.99.2.0/24`. */
  'strongswan.childEstablished': { name: string; id: number; spiIn: string; spiOut: string; cpiIn?: string; cpiOut?: string } & SwTsPair;
  /** `closing CHILD_SA net{1} with SPIs 61f3c9e3_i (252 bytes) 6fda5c4c_o (252 bytes) and TS ... === ...`. */
  'strongswan.childClosing': {
    name: string;
    id: number;
    spiIn: string;
    bytesIn: number;
    spiOut: string;
    bytesOut: number;
    cpiIn?: string;
    cpiOut?: string;
  } & SwTsPair;
  /** `sending DELETE for ESP CHILD_SA with SPI 61f3c9e3`, `received DELETE for IKE_SA s2s[1]`. */
  'strongswan.delete':
    | { dir: SwDir; sa: 'CHILD_SA'; protocol: string; spi: string }
    | { dir: SwDir; sa: 'IKE_SA'; name: string; id: number };
  /** `scheduling rekeying in 13162s` (rekey), `scheduling reauthentication in 10169s` (reauth), `maximum IKE_SA lifetime 14602s` (expire). */
  'strongswan.lifetime': { event: 'rekey' | 'reauth' | 'expire'; seconds: number };
  /** `received 3600s lifetime, configured 3960s` (quick mode). */
  'strongswan.lifetimeCheck': { unit: 'seconds' | 'bytes'; received: number; configured: number };
  /** `remote host is behind NAT`, `local host is behind NAT, sending keep alives`, `faking NAT situation to enforce UDP encapsulation`. */
  'strongswan.nat': { behind?: 'local' | 'remote'; keepalives?: true; faked?: true };
  /** `local endpoint changed from 0.0.0.0[500] to 10.99.0.2[500]`. */
  'strongswan.endpointChange': { side: 'local' | 'remote'; from: string; fromPort?: number; to: string; toPort?: number };
  /** `queueing MAIN_MODE task` (queue), `activating new tasks` (activateAll), `activating ISAKMP_VENDOR task` (activate),
   * `reinitiating already active tasks` (reinitiate), `MAIN_MODE task` (active: listed after reinitiate), `nothing to initiate` (nothing). */
  'strongswan.task': { action: 'queue' | 'activateAll' | 'activate' | 'reinitiate' | 'active' | 'nothing'; task?: string };

  // ---- proposals, traffic selectors, config lookups ----
  /** `received proposals: ...`, `configured proposals: ...`, `selected proposal: ...`. */
  'strongswan.proposals': { which: 'received' | 'configured' | 'selected'; proposals: SwProposal[] };
  /** `selecting proposal:`; the checks that follow become `parts`. */
  'strongswan.proposalSelection': { parts?: SwPart<'strongswan.proposalCheck'>[] };
  /** `proposal matches`, `no acceptable ENCRYPTION_ALGORITHM found` (continuation of proposalSelection). */
  'strongswan.proposalCheck': { match: boolean; transform?: string };
  /** `no proposal found`, `no matching proposal found, sending NO_PROPOSAL_CHOSEN`, `no acceptable proposal found`. */
  'strongswan.noProposal': { notify?: string };
  /** `proposing traffic selectors for us:` (propose), `selecting traffic selectors for other:` (select); the selectors
   * (propose) or the match lines (select) that follow become `parts`. */
  'strongswan.tsList': {
    action: 'propose' | 'select';
    side: 'us' | 'other';
    parts?: (SwPart<'strongswan.trafficSelector'> | SwPart<'strongswan.tsMatch'>)[];
  };
  /** ` 10.99.3.1/32` (continuation of tsList). */
  'strongswan.trafficSelector': { ts: string };
  /** ` config: 10.99.1.0/24, received: 10.99.1.0/24 => match: 10.99.1.0/24`, `... => no match` (continuation of tsList). */
  'strongswan.tsMatch': { config: string; received: string; matched: boolean; match?: string };
  /** `looking for an IKEv1 config for A...B` (looking), `candidate: A...B, prio 3100` (candidate),
   * `found matching ike config: A...B with prio 3100` (found), `no IKE config found for A...B, sending NO_PROPOSAL_CHOSEN` (none). */
  'strongswan.ikeConfig': { step: 'looking' | 'candidate' | 'found' | 'none'; version?: number; prio?: number; notify?: string } & SwHostPair;
  /** `looking for pre-shared key peer configs matching A...B[id]` (looking; `auth` as printed: `pre-shared key`, `XAuthInitPSK`),
   * `candidate "s2s", match: 1/20/3100 (me/other/ike)` (candidate), `selected peer config "s2s"` (selected), `no peer config found` (none). */
  'strongswan.peerConfig': {
    step: 'looking' | 'candidate' | 'selected' | 'none';
    auth?: string;
    local?: string;
    remote?: string;
    remoteId?: string;
    name?: string;
    me?: number;
    other?: number;
    ike?: number;
  };
  /** `looking for a child config for A === B` (looking), `candidate "net" with prio 5+5` (candidate),
   * `found matching child config "net" with prio 10` (found), `no matching CHILD_SA config found for A === B` (none). */
  'strongswan.childConfig': {
    step: 'looking' | 'candidate' | 'found' | 'none';
    name?: string;
    prio?: number;
    prioLocal?: number;
    prioRemote?: number;
    localTs?: string[];
    remoteTs?: string[];
  };

  // ---- XAuth and Mode Config ----
  /** `XAuth authentication of 'alice' (myself) successful` (`myself`: this charon is the XAuth client). */
  'strongswan.xauth': { user: string; myself: boolean; ok: boolean };
  /** `assigning virtual IP 10.99.3.1 to peer 'alice'` (assign), `installing new virtual IP 10.99.3.1` (install),
   * `peer requested virtual IP %any` (request), `no virtual IP found for %any requested by 'bob'` /
   * `no virtual IP found, sending INTERNAL_ADDRESS_FAILURE` (none). */
  'strongswan.virtualIp': { action: 'assign' | 'install' | 'request' | 'none'; address?: string; peer?: string; notify?: string };
  /** `processing INTERNAL_IP4_ADDRESS attribute`, `handling INTERNAL_IP4_DNS attribute failed` (`failed`). */
  'strongswan.attribute': { attribute: string; failed?: true };
  /** `assigning new lease to 'alice'` (new), `lease 10.99.3.1 by 'alice' went offline` (offline),
   * `reassigning offline lease to 'alice'` (reassignOffline). */
  'strongswan.lease': { action: 'new' | 'offline' | 'reassignOffline' | 'reassignOnline'; peer: string; address?: string };

  // ---- CHILD_SA installation, kernel ----
  /** `adding inbound ESP SA`; its `SPI 0x..., src ... dst ...` line becomes `parts`. */
  'strongswan.saAdd': { direction: 'inbound' | 'outbound'; protocol: string; parts?: SwPart<'strongswan.saSpi'>[] };
  /** `  SPI 0xbe3fff6b, src 10.99.0.2 dst 10.99.0.1` (continuation of saAdd). */
  'strongswan.saSpi': { spi: string; src: string; dst: string };
  /** `using AES_CBC for encryption`, `using HMAC_SHA1_96 for integrity`. */
  'strongswan.saAlgorithm': { algorithm: string; use: 'encryption' | 'integrity' };
  /** `unable to install inbound and outbound IPsec SA (SAD) in kernel` (SAD), `unable to install IPsec policies (SPD) in kernel` (SPD). */
  'strongswan.installFailed': { what: 'SAD' | 'SPD' };
  /** `installing route: 10.99.2.0/24 src 10.99.1.1 dev ipsec0` (`via` → gateway). */
  'strongswan.route': { action: 'install'; dst: string; gateway?: string; src?: string; dev?: string };
  /** `created TUN device: ipsec0` (tunCreated), `getting iface index for ipsec0` (ifaceIndex),
   * `getting a local address in traffic selector 10.99.1.0/24` (localAddressLookup), `using host 10.99.1.1` (usingHost),
   * `creating roam job due to address/link change` (roam), `fe80::... appeared on icb` / `disappeared from icb`,
   * `flags changed for fe80::... on ica` (addressFlags), `10.99.2.1 is on interface lo` (addressOnIface). */
  'strongswan.kernel': {
    event: 'tunCreated' | 'ifaceIndex' | 'localAddressLookup' | 'usingHost' | 'roam' | 'addressAppeared' | 'addressDisappeared' | 'addressFlags' | 'addressOnIface';
    iface?: string;
    address?: string;
    ts?: string;
  };
  /** `known interfaces and IP addresses:`; the interface names (and, once the reader takes bare address lines, their
   * addresses: each address belongs to the interface before it) that follow become `parts`. */
  'strongswan.interfaces': { parts?: (SwPart<'strongswan.interface'> | SwPart<'strongswan.address'>)[] };
  /** `  ipsec0` (continuation of interfaces). */
  'strongswan.interface': { name: string };
  /** `   %any`, `   %any6` (continuation of a configConn `vips:` section; bare IP addresses are not taken, see
   * SwAddress in strongswan.peggy). */
  'strongswan.address': { address: string };

  // ---- vici, stroke, configuration, credentials ----
  /** `vici client 1 connected` / `disconnected`, `vici client 1 requests: load-conn` (request),
   * `vici client 2 registered for: control-log` (register) / `unregistered for:` (unregister). */
  'strongswan.viciClient': { client: number; event: 'connected' | 'disconnected' | 'request' | 'register' | 'unregister'; name?: string };
  /** `vici initiate CHILD_SA 'net'`, `vici terminate IKE_SA 's2s'`; `received stroke: add connection 's2s'` (no `sa`). */
  'strongswan.command': { via: 'vici' | 'stroke'; command: string; sa?: 'IKE_SA' | 'CHILD_SA'; name: string };
  /** `added vici connection: s2s`, `added vici pool pool1: 10.99.3.0, 254 entries`, `added configuration 's2s'` (stroke). */
  'strongswan.configLoaded': {
    via: 'vici' | 'stroke';
    action: 'added' | 'updated' | 'replaced';
    object: 'connection' | 'pool';
    name: string;
    base?: string;
    size?: number;
  };
  /** `loaded IKE shared key with id 'ike-s2s' for: '10.99.0.1', '10.99.0.2'`, `loaded IKE secret for 10.99.0.1 10.99.0.2`
   * (stroke), `loading ca certificates from '/etc/ipsec.d/cacerts'` (stroke). */
  'strongswan.credential': { action: 'loaded' | 'loading'; type?: string; what: string; keyId?: string; owners?: string[]; path?: string };
  /** ` conn s2s:` (vici config dump, cfg = 2) / `conn s2s` (stroke); the sections, settings and vips that follow become `parts`. */
  'strongswan.configConn': {
    name: string;
    via: 'vici' | 'stroke';
    parts?: (SwPart<'strongswan.configSection'> | SwPart<'strongswan.configSetting'> | SwPart<'strongswan.address'>)[];
  };
  /** `  child net:`, `  local:`, `  remote:`, `  vips:` (continuation of configConn; settings after it belong to it). */
  'strongswan.configSection': { section: 'child' | 'local' | 'remote' | 'vips' | 'pools'; name?: string };
  /** `   rekey_time = 3600`, `   class = pre-shared key`, `  left=10.99.0.1` (continuation of configConn; digits-only values as numbers). */
  'strongswan.configSetting': { key: string; value: string | number };

  // ---- daemon, console ----
  /** `Starting IKE charon daemon (strongSwan 5.9.8, Linux 6.18.44-fc-v657, x86_64)`. */
  'strongswan.daemonStart': { daemon: string; version: string; os: string; release: string; machine: string };
  /** `loaded plugins: ...` (plugins), `spawning 32 worker threads` (threads), `dropped capabilities, running as uid 0, gid 0`
   * (capabilities), `providers loaded by OpenSSL: legacy default` (openssl), `waiting for data on sockets` (socketWait). */
  'strongswan.daemon': {
    event: 'plugins' | 'threads' | 'capabilities' | 'openssl' | 'socketWait';
    plugins?: string[];
    threads?: number;
    uid?: number;
    gid?: number;
    providers?: string[];
  };
  /** `SIGTERM received, shutting down`. */
  'strongswan.signal': { signal: string; action: string };
  /** `initiate completed successfully` / `initiate failed: ...` (swanctl), `connection 's2s' established successfully` /
   * `establishing connection 's2s' failed` (ipsec up: command `up`). */
  'strongswan.commandResult': { command: string; ok: boolean; connection?: string; reason?: string };

  // ---- verbose output: encoding (enc = 2) and hexdumps (ike/chd = 4) ----
  /** Every parse/generate step of enc = 2, `op` naming the step: `parsing header of message` (parseHeader),
   * `parsed a ID_PROT message header` (parsedHeader, exchange), `parsing body of message, first payload is X` (parseBody),
   * `starting parsing a X payload` (parseStart), `parsing X payload, 160 bytes left` (parse, bytesLeft),
   * `parsing rule 3 U_INT_4` (parseRule, index, rule), `44 bytes left, parsing recursively X` (parseRecursive),
   * `parsing X payload finished` (parsed), `verifying payload of type X` (verify), `X payload verified, adding to payload list`
   * (verified), `process payload of type X` (process), `verifying message structure` (verifyStructure),
   * `found payload of type X` (found), `found an encrypted payload` (foundEncrypted), `parsed content of encrypted payload`
   * (parsedEncrypted), `insert decrypted payload of type X at end of list` (insertDecrypted), `added payload of type X to message`
   * (add), `order payloads in message` (order), `not encrypting payloads` (notEncrypting), `insert payload X into encrypted
   * payload` (insertEncrypted), `generating payload of type X` (generate), `generating rule 12 (1259)` (generateRule),
   * `generating X payload finished` (generated), `generated content in encrypted payload` (generatedEncrypted).
   * `payload`/`rule` are numbers when charon printed an unnamed type as `(1259)`. */
  'strongswan.encoding': {
    op: string;
    payload?: string | number;
    exchange?: string;
    index?: number;
    rule?: string | number;
    bytesLeft?: number;
  };
  /** `natd_hash => 20 bytes @ 0x7fa8dc00a1e0`, `next IV for MID 0 => 16 bytes @ ...` (label as printed; address `(nil)` for
   * an empty chunk); the rows that follow become `parts`. */
  'strongswan.hexdump': { label: string; bytes: number; address: string; parts?: SwPart<'strongswan.hexdumpRow'>[] };
  /** `   0: D3 BE D2 29 ...  ...).u.!` → `{ offset: 0, hex: 'd3bed229...' }` (continuation of hexdump; the ASCII column is dropped). */
  'strongswan.hexdumpRow': { offset: number; hex: string };
}

export type StrongswanKind = keyof StrongswanFields;
