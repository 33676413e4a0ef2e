// Fields of the record kinds of grammars/show.peggy: the output of `show crypto ...`,
// `show vpn-sessiondb ...`, `show ip` / `show ip interface` of Cisco IOS and ASA, pasted with debugs.
// Absent optional parts are omitted, never null. Names, states and algorithm words are as printed.

/** The device family the form of the line tells (ASA `conn_id:`, IOS `conn id:`, ...); absent when both print it. */
export type ShowDevice = 'ios' | 'asa';

/** An identity tuple `addr/mask/prot/port` (`10.1.0.0/255.255.0.0/0/0`) or `addr/prefixlen/prot/port` (IPv6). */
export interface ShowIdentTuple {
  addr: string;
  mask?: string;
  prefixLen?: number;
  /** IP protocol number (0 = any). */
  prot: number;
  port: number;
}

/** An address of an ACL entry: `any` (as printed: `any`, `any4`, `any6`), `host X`, `object X`, or address + second
 * number: `wildcard` on IOS (`0.0.0.255`), `mask` on ASA (`255.255.255.0`). */
export type ShowAclAddr =
  | { any: 'any' | 'any4' | 'any6' }
  | { host: string }
  | { object: string }
  | { addr: string; wildcard: string }
  | { addr: string; mask: string };

export interface ShowAclPort {
  op: 'eq' | 'neq' | 'lt' | 'gt' | 'range';
  /** As printed: a number or a name (`isakmp`). */
  port: string;
  /** Upper end of a `range`. */
  to?: string;
}

/** One `IKEv1: (1)3DES` item of the vpn-sessiondb summary `Encryption`/`Hashing` lines. */
export interface ShowPerProtocol {
  protocol: string;
  /** The number in parentheses (how many tunnels of that protocol use it). */
  count: number;
  algorithm: string;
}

/** Packet/error counters of `show crypto ipsec sa`; a line has two or three of them. */
export interface ShowCounters {
  pktsEncaps?: number;
  pktsEncrypt?: number;
  pktsDigest?: number;
  pktsDecaps?: number;
  pktsDecrypt?: number;
  pktsVerify?: number;
  pktsCompressed?: number;
  pktsDecompressed?: number;
  pktsNotCompressed?: number;
  /** IOS `compr. failed`, ASA `comp failed`. */
  pktsCompFailed?: number;
  pktsNotDecompressed?: number;
  /** IOS `decompress failed`, ASA `decomp failed`. */
  pktsDecompFailed?: number;
  preFragSuccesses?: number;
  preFragFailures?: number;
  postFragSuccesses?: number;
  postFragFailures?: number;
  fragmentsCreated?: number;
  pmtusSent?: number;
  pmtusRcvd?: number;
  decapFragsNeedingReassembly?: number;
  tfcRcvd?: number;
  tfcSent?: number;
  validIcmpErrorsRcvd?: number;
  invalidIcmpErrorsRcvd?: number;
  sendErrors?: number;
  recvErrors?: number;
  // IOS 15 `show crypto ipsec sa detail`
  pktsNoSaSend?: number;
  pktsInvalidSaRcv?: number;
  pktsEncapsFailedSend?: number;
  pktsDecapsFailedRcv?: number;
  pktsInvalidProtRecv?: number;
  pktsVerifyFailed?: number;
  pktsInvalidIdentityRecv?: number;
  pktsInvalidLenRcv?: number;
  pktsReplayRolloverSend?: number;
  pktsReplayRolloverRcv?: number;
  pktsReplayFailedRcv?: number;
  pktsInternalErrSend?: number;
  pktsInternalErrRecv?: number;
}

/** `show vpn-sessiondb detail` (ASA): the keys of one line (one or two columns). */
export interface ShowSessionAttrs {
  sessionType?: string;
  username?: string;
  /** `show vpn-sessiondb l2l`: `Connection : 10.0.0.2`, `IP Addr : 10.0.0.2`. */
  connection?: string;
  ipAddr?: string;
  index?: number;
  assignedIp?: string;
  publicIp?: string;
  /** `Protocol : IKEv1 IPsec L2TPOverIPsec`. */
  protocols?: string[];
  license?: string;
  /** Per-protocol summary `Encryption : IKEv1: (1)3DES IPsec: (1)3DES ...`. */
  encryptionPerProtocol?: ShowPerProtocol[];
  /** One algorithm (inside a protocol section): `Encryption : 3DES`. */
  encryption?: string;
  hashingPerProtocol?: ShowPerProtocol[];
  hashing?: string;
  bytesTx?: number;
  bytesRx?: number;
  pktsTx?: number;
  pktsRx?: number;
  pktsTxDrop?: number;
  pktsRxDrop?: number;
  groupPolicy?: string;
  tunnelGroup?: string;
  /** As printed: `23:32:48 UTC Sat May 16 2015`. */
  loginTime?: string;
  /** `Duration : 0h:04m:05s` in seconds. */
  durationSec?: number;
  inactivitySec?: number;
  vlanMapping?: string;
  vlan?: string;
  auditSessionId?: string;
  securityGroup?: string;
  /** `1.1`, `1.2` (session.tunnel). */
  tunnelId?: string;
  udpSrcPort?: number;
  udpDstPort?: number;
  /** `IKE Neg Mode`: `Main`, `Aggressive`. */
  negMode?: string;
  authMode?: string;
  /** `Rekey Int (T)` / `Rekey Left(T)` in seconds, `Rekey Int (D)` / `Rekey Left(D)` in kilobytes. */
  rekeyIntervalSec?: number;
  rekeyLeftSec?: number;
  rekeyIntervalKb?: number;
  rekeyLeftKb?: number;
  dhGroup?: number;
  pfsGroup?: number;
  /** Empty string when the device prints the key with no value. */
  filterName?: string;
  localAddr?: ShowIdentTuple;
  remoteAddr?: ShowIdentTuple;
  encapsulation?: string;
  idleTimeOutMin?: number;
  idleTimeOutLeftMin?: number;
  clientOs?: string;
  clientOsVersion?: string;
  clientType?: string;
  clientVersion?: string;
  device: 'asa';
}

/** A part of a block (added by the reader to the header record): the continuation record's fields, its kind and line. */
export type ShowPart<K extends string, F> = F & { kind: K; line: number };

export interface ShowFields {
  // ---- show crypto ipsec sa ----
  'show.counters': ShowCounters & { device?: ShowDevice };
  /** `slot: 0, conn id: 2004, flow_id: 5, crypto map: mymap` (IOS), `slot: 0, conn_id: 4096, crypto-map: x` (ASA). */
  'show.saConn': {
    slot?: number;
    connId: number;
    flowId?: number;
    /** IOS 15 `flow_id: SW:1` → engine `SW`, flowId 1. */
    flowEngine?: string;
    /** IOS 15 `sibling_flags 80000046`, lowercase hex. */
    siblingFlags?: string;
    cryptoMap: string;
    device: ShowDevice;
  };
  /** `spi: 0x7A1AB8F3(2048571635)`: spi as 8 lowercase hex digits. */
  'show.spi': { spi: string; device: ShowDevice };
  /** `transform: esp-3des esp-sha-hmac ,`; ASA `... no compression` gives compression false. */
  'show.transform': { transforms: string[]; compression?: false; device?: ShowDevice };
  /** `in use settings ={RA, Transport, IKEv1, }` → settings as printed, split at commas and blanks. */
  'show.inUseSettings': { settings: string[]; device?: 'asa' };
  /** `sa timing: remaining key lifetime (k/sec): (4602415/3169)`. */
  'show.saTiming': { remainingKb?: number; remainingSec: number; device?: ShowDevice };
  'show.ivSize': { ivSize: number };
  'show.replayDetection': { replayDetection: boolean };
  /** IOS 15 `Status: ACTIVE(ACTIVE)`. */
  'show.saStatus': { status: string; detail?: string; device: 'ios' };
  /** `inbound esp sas:` — the SA list that the following `spi:` lines belong to. */
  'show.saList': { direction: 'inbound' | 'outbound'; protocol: 'esp' | 'ah' | 'pcp' };
  /** ASA `Anti replay bitmap:`; the bitmap lines become `parts`. */
  'show.antiReplayBitmap': { device: 'asa'; parts?: ShowPart<'show.bitmapWords', { words: string[] }>[] };
  /** `0x00000000 0x0000001F` → words as 8 lowercase hex digits. Continuation of show.antiReplayBitmap. */
  'show.bitmapWords': { words: string[] };
  'show.ident': ShowIdentTuple & { side: 'local' | 'remote' };
  /** `current_peer: 10.100.2.102:500`, ASA `current_peer: 10.1.1.2, username: test`, IOS 15 `current_peer 10.1.1.2 port 500`. */
  'show.currentPeer': { peer: string; port?: number; username?: string; device?: ShowDevice };
  /** `PERMIT, flags={origin_is_acl,}`. */
  'show.flowAction': { action: 'PERMIT' | 'DENY' | 'BYPASS'; flags: string[]; device: 'ios' };
  /** `local crypto endpt.: 10.48.67.181, remote crypto endpt.: 10.51.82.100`; ASA adds `/port`. */
  'show.cryptoEndpoints': { local: string; localPort?: number; remote: string; remotePort?: number; device?: 'asa' };
  /** `path mtu 1500, ip mtu 1500`, ASA `path mtu 1500, ipsec overhead 58(36), media mtu 1500`. */
  'show.mtu': {
    plaintextMtu?: number;
    pathMtu?: number;
    ipMtu?: number;
    ipMtuIdb?: string;
    mediaMtu?: number;
    ipsecOverhead?: number;
    /** The unlabelled number in parentheses after ASA's ipsec overhead (`58(36)` → 36). */
    ipsecOverheadParen?: number;
    device?: ShowDevice;
  };
  /** ASA `PMTU time remaining (sec): 0, DF policy: copy-df`. */
  'show.pmtu': { pmtuTimeRemainingSec: number; dfPolicy: string; device: 'asa' };
  /** ASA `ICMP error validation: disabled, TFC packets: disabled` (enabled → true). */
  'show.icmpValidation': { icmpErrorValidation: boolean; tfcPackets: boolean; device: 'asa' };
  /** `current outbound spi: B0C0F4AC`, ASA `current inbound spi : 71F346AB`: spi as 8 lowercase hex digits. */
  'show.currentSpi': { direction: 'inbound' | 'outbound'; spi: string; device?: 'asa' };
  /** `interface: FastEthernet0/0` (IOS interface) / `interface: outside` (ASA nameif). */
  'show.ipsecInterface': { interface: string };
  /** `Crypto map tag: mymap, local addr. 10.48.67.181`, ASA `..., seq num: 10, local addr: 172.16.1.2`. */
  'show.cryptoMapTag': { map: string; seq?: number; localAddr: string; device: ShowDevice };
  /** `protected vrf:` / `protected vrf: (none)` → no vrf. */
  'show.protectedVrf': { vrf?: string; device: 'ios' };
  /** ASA `dynamic allocated peer ip: 192.168.1.1`, `dynamic allocated peer ip(ipv6): 0.0.0.0`. */
  'show.dynamicPeerIp': { family: 'ipv4' | 'ipv6'; ip: string; device: 'asa' };

  // ---- show crypto isakmp sa (IOS), show crypto isakmp sa detail, show crypto engine connections active ----
  /** `11.11.11.2 11.11.11.1 QM_IDLE 2 0` (dst src state conn-id slot [status]), 15.x `... 1001 ACTIVE`. */
  'show.isakmpSa': { dst: string; src: string; state: string; connId: number; slot?: number; status?: string; deleted?: true; device: 'ios' };
  /** `1 10.48.67.181 10.100.2.102 3des sha psk 2 04:15:43` (blank I-VRF/Auth columns are omitted). */
  'show.isakmpSaDetail': {
    connId: number;
    local: string;
    remote: string;
    ivrf?: string;
    status?: string;
    encr: string;
    hash: string;
    auth?: string;
    dh: number;
    /** Remaining lifetime (`04:15:43`) in seconds. */
    lifetimeSec: number;
    /** `CX` → [`C`, `X`], see the legend. */
    caps?: string[];
    device: 'ios';
  };
  /** IOS 15 `Engine-id:Conn-id =  SW:1`. */
  'show.engineIdConnId': { engine: string; connId: number; device: 'ios' };
  /** A row of `show crypto engine connections active` (three IOS layouts; `<none>` columns are omitted). */
  'show.engineConnection': {
    id: number;
    interface?: string;
    type?: 'IPsec' | 'IKE';
    ip?: string;
    state?: string;
    algorithm: string;
    encrypt: number;
    decrypt: number;
    lastSeq?: number;
    device: 'ios';
  };
  /** The header of a table, with its columns as printed. */
  'show.tableHeader': { table: 'isakmpSa' | 'isakmpSaDetail' | 'engineConnections' | 'ipAddresses'; columns: string[]; device: ShowDevice };
  /** `Codes: C - IKE configuration mode, D - Dead Peer Detection`; the other legend lines become `parts`. */
  'show.legend': { codes: { code: string; meaning: string }[]; device: 'ios'; parts?: ShowPart<'show.legendLine', { codes: { code: string; meaning: string }[] }>[] };
  /** `K - Keepalives, N - NAT-traversal`. Continuation of show.legend. */
  'show.legendLine': { codes: { code: string; meaning: string }[] };
  /** Section titles: `IPv4 Crypto ISAKMP SA`, ASA `IKEv1 SAs:`, `System IP Addresses:`, `Current IP Addresses:`. */
  'show.section': { section: 'isakmpSaIpv4' | 'isakmpSaIpv6' | 'ikev1Sas' | 'ikev2Sas' | 'systemIpAddresses' | 'currentIpAddresses' | 'cryptoSession'; device: ShowDevice };

  // ---- show crypto isakmp sa / show crypto ikev1 sa (ASA) ----
  /** `Active SA: 1`, `Rekey SA: 0 (...)`, `Total IKE SA: 1`. */
  'show.ikeSaCount': { counter: 'active' | 'rekey' | 'total'; count: number; device: 'asa' };
  /** `1   IKE Peer: 10.1.1.2`. */
  'show.ikePeer': { index: number; peer: string; device: 'asa' };
  /** `Type : user  Role : responder`, `Rekey : no  State : MM_ACTIVE` (any of the four per line). */
  'show.ikeSaAttrs': { type?: string; role?: 'initiator' | 'responder'; rekey?: boolean; state?: string; device: 'asa' };
  /** `There are no IKEv1 SAs`. */
  'show.noSas': { what: string; device: 'asa' };

  // ---- show crypto map (IOS) ----
  /** `Crypto Map "tedtag" 10 ipsec-isakmp` (TED: `... Dynamic map template tag: tedmap Discover enabled` on one line). */
  'show.cryptoMapEntry': {
    map: string;
    seq: number;
    /** `ipsec-isakmp`, `ipsec-manual`; absent for a dynamic map entry. */
    type?: string;
    family?: 'IPv4' | 'IPv6';
    /** The dynamic map this entry refers to (`Dynamic map template tag:` on the same line). */
    template?: string;
    discover?: true;
    /** `Crypto Map Template"dynmap" 10`: the entry belongs to the dynamic map `map`. */
    dynamicMap?: true;
    device: 'ios';
  };
  'show.mapDynamicTemplate': { template: string; device: 'ios' };
  'show.mapDiscover': { discover: true; device: 'ios' };
  'show.mapPeer': { peer: string; device: 'ios' };
  /** `Extended IP access list 101` (acl absent when the name was lost). */
  'show.mapAcl': { acl?: string; device: 'ios' };
  /** `access-list 101 permit ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255`; ASA `access-list VPN extended permit ...`. */
  'show.aclEntry': {
    acl?: string;
    action: 'permit' | 'deny';
    protocol: string;
    src: ShowAclAddr;
    srcPort?: ShowAclPort;
    dst: ShowAclAddr;
    dstPort?: ShowAclPort;
    matches?: number;
    device: ShowDevice;
  };
  /** `dynamic (created from dynamic map ted-map/10)`. */
  'show.mapCreatedFrom': { dynamicMap: string; seq: number; device: 'ios' };
  'show.mapCurrentPeer': { peer: string; device: 'ios' };
  /** `Security association lifetime: 4608000 kilobytes/3600 seconds`. */
  'show.mapLifetime': { kilobytes: number; seconds: number; device: 'ios' };
  /** `PFS (Y/N): N`, `PFS (Y/N): N, DH group: none`, `DH group:  group2`. */
  'show.pfs': { pfs?: boolean; dhGroup?: string; device: 'ios' };
  /** `Transform sets={ ted-transforms, }`; `open` when the sets follow on the next lines (IOS 15). */
  'show.mapTransformSets': { sets: string[]; open?: true; device: 'ios' };
  /** IOS 15 `ESP-3DES-SHA:  { esp-3des esp-sha-hmac  } ,`. */
  'show.mapTransformSet': { name: string; transforms: string[]; device: 'ios' };
  /** IOS 15 `}` closing `Transform sets={`. */
  'show.mapTransformSetsEnd': { device: 'ios' };
  'show.mapIsakmpProfile': { profile: string; device: 'ios' };
  /** `Interfaces using crypto map tedtag:`; the interface lines become `parts`. */
  'show.mapInterfaces': { map: string; device: 'ios'; parts?: ShowPart<'show.interfaceName', { interface: string }>[] };
  /** `FastEthernet0/0`. Continuation of show.mapInterfaces. */
  'show.interfaceName': { interface: string };

  // ---- show crypto session (IOS) ----
  /** One line of `show crypto session [detail]`; each line gives one of the groups. */
  'show.cryptoSession': {
    /** `Interface: FastEthernet0/0`. */
    interface?: string;
    /** `Session status: UP-ACTIVE`. */
    sessionStatus?: string;
    /** `Peer: 10.1.1.2 port 500 fvrf: (none) ivrf: (none)` (`(none)` VRFs omitted). */
    peer?: string;
    port?: number;
    fvrf?: string;
    ivrf?: string;
    profile?: string;
    phase1Id?: string;
    /** `IKEv1 SA: local 10.1.1.1/500 remote 10.1.1.2/500 Active` (12.4 prints `IKE SA:`, no version). */
    ikeSa?: { version?: 'IKEv1' | 'IKEv2'; local: string; localPort: number; remote: string; remotePort: number; status: string };
    /** `IPSEC FLOW: permit ip 10.1.1.0/255.255.255.0 10.2.2.0/255.255.255.0` (addresses `a/mask`, a host address, or `any`). */
    flow?: { action: 'permit' | 'deny'; protocol: string; local: string; remote: string };
    /** `Active SAs: 2, origin: crypto map`. */
    activeSas?: number;
    origin?: string;
    /** `Inbound:  #pkts dec'ed 4 drop 0 life (KB/Sec) 4397189/3587`. */
    counters?: { direction: 'inbound' | 'outbound'; pkts: number; drop: number; lifeKb: number; lifeSec: number };
    device: 'ios';
  };

  // ---- show vpn-sessiondb detail (ASA) ----
  'show.sessionAttrs': ShowSessionAttrs;
  /** `IKEv1 Tunnels: 1`. */
  'show.sessionTunnels': { protocol: string; count: number; device: 'asa' };
  /** `IKEv1:`, `IPsec:`, `L2TPOverIPsec:` — the section the following attributes belong to. */
  'show.sessionSection': { protocol: string; device: 'asa' };

  // ---- show ip (ASA), show ip interface (IOS) ----
  'show.ipAddress': { interface: string; name: string; address: string; mask: string; method: string; device: 'asa' };
  /** `FastEthernet0/1 is up, line protocol is up`. */
  'show.interfaceStatus': { interface: string; status: string; protocol: 'up' | 'down'; device: 'ios' };
  /** `Internet address is 10.100.2.102/24`, `Broadcast address is ...`, `Address determined by DHCP` (one field per line). */
  'show.ipInterface': { address?: string; broadcast?: string; addressSource?: string; device: 'ios' };
}

export type ShowKind = keyof ShowFields;
