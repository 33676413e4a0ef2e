// Fields of the record kinds of grammars/ios.peggy (Cisco IOS / IOS-XE `debug crypto isakmp | ipsec |
// engine`, and the `%CRYPTO-n-...` syslog messages). Absent optional parts are omitted, never null.
// Conventions: SPIs are 8 lowercase hex digits without 0x whatever base IOS printed; message IDs and
// node IDs are unsigned 32-bit numbers, with `<name>Signed: true` when IOS printed them negative;
// names, states and algorithm words are as printed.

/** The ISAKMP head: `ISAKMP (0:1):`, `ISAKMP (1):`, `ISAKMP (0/2):`, `ISAKMP:(1001):`, `ISAKMP: (1001):`,
 * `ISAKMP:(0:1:SW:1):`, `ISAKMP-PAK: (1001):`; empty for `ISAKMP:` / `ISAKMP :` lines. */
export interface IosHead {
  /** The first number of `(0:1)` / `(0/2)` / `(0:1:SW:1)`. */
  engine?: number;
  /** The ISAKMP SA's conn-id: `(0:1)` → 1, `(1001)` → 1001, `(1)` → 1. */
  conn?: number;
  /** 12.4(T) `(0:1:SW:1)`: `SW` / `HW` and the last number. */
  impl?: 'SW' | 'HW';
  slot?: number;
  /** IOS-XE debug channel: `ISAKMP-PAK:` → `PAK`, `ISAKMP-ERROR:` → `ERROR`. */
  channel?: string;
}

/** An IOS syslog mnemonic left in the body: `%CRYPTO-6-IKMP_MODE_FAILURE:`. */
export interface IosSyslogHead {
  syslog?: { facility: string; severity: number; mnemonic: string };
}

/** `role` of a packet or SA as IOS prints it in parentheses: (N) no SA yet, (R) responder, (I) initiator. */
export type IosRole = 'N' | 'R' | 'I';

/** `{ msgid }` or `{ msgid, msgidSigned: true }`. */
export interface IosMsgId {
  msgid: number;
  msgidSigned?: true;
}

export interface IosFields {
  // ---- state machine, packets ----
  /** `Old State = IKE_READY New State = IKE_R_MM1` */
  'ios.stateChange': IosHead & { old: string; new: string };
  /** `Node 904613356, Input = IKE_MESG_FROM_PEER, IKE_QM_EXCH` (node absent for SA-level inputs). */
  'ios.input': IosHead & { node?: number; nodeSigned?: true; input: string; event: string };
  /** `received packet from 10.1.1.2 dport 500 sport 500 Global (N) NEW SA`, `sending packet to 10.1.1.2 my_port 500
   * peer_port 500 (R) MM_SA_SETUP`, 12.2 `sending packet to 12.12.12.13 (I) PEER_DISCOVERY via FastEthernet0/0:11.11.11.2`.
   * `localPort`/`peerPort`: dport/sport (received) or my_port/peer_port (sent); `state` e.g. `MM_SA_SETUP`, `NEW SA`. */
  'ios.packet': IosHead & {
    dir: 'in' | 'out';
    peer: string;
    localPort?: number;
    peerPort?: number;
    vrf?: string;
    role: IosRole;
    state: string;
    viaInterface?: string;
    viaAddress?: string;
  };
  /** `Sending an IKE IPv4 Packet.` */
  'ios.sendingIke': IosHead & { af: 'IPv4' | 'IPv6' };
  /** `retransmitting phase 1 MM_NO_STATE...`, `retransmitting phase 2 QM_IDLE 1286270330 ...`,
   * `retransmitting due to retransmit phase 1` (no state). */
  'ios.retransmit': IosHead & { phase: number; state?: string; msgid?: number; msgidSigned?: true };
  /** `retransmission skipped for phase 1 (time since last transmission 504)` */
  'ios.retransmitSkipped': IosHead & { phase: number; sinceLast: number };
  /** `incrementing error counter on sa, attempt 1 of 5: retransmit phase 1` */
  'ios.errorCounter': IosHead & { on: 'sa' | 'node'; attempt: number; of: number; reason: string };
  /** `beginning Main Mode exchange`, `beginning Quick Mode exchange, M-ID of 409419560`, `beginning peer discovery exchange` */
  'ios.beginExchange': IosHead & { exchange: 'Quick Mode' | 'Main Mode' | 'Aggressive Mode' | 'peer discovery'; msgid?: number; msgidSigned?: true };
  /** `Can not start Aggressive mode, trying Main mode.` */
  'ios.tryMainMode': IosHead;

  // ---- payloads ----
  /** `processing SA payload. message ID = 0` (SA, KE, NONCE, ID, HASH, SIG, CERT, ...). */
  'ios.payload': IosHead & IosMsgId & { payload: string };
  /** `received payload type 17` */
  'ios.payloadType': IosHead & { type: number };
  /** `ID payload` — header of an ID dump; `parts` are `ios.idField` records. */
  'ios.idPayload': IosHead;
  /** An ID dump line: `next-payload : 8`, `type : 1`, `address : 10.1.1.2`, `group id : testgroup`, `FQDN name : ...`,
   * `protocol : 17`, `port : 500`, `length : 12`. Numbers for nextPayload/type/protocol/port/length. */
  'ios.idField': { key: 'nextPayload' | 'type' | 'address' | 'fqdn' | 'groupId' | 'protocol' | 'port' | 'length'; value: number | string };
  /** `Total payload length: 12` */
  'ios.totalPayloadLength': IosHead & { length: number };
  /** `ID_IPV4_ADDR_SUBNET src 13.13.13.0/255.255.255.0 prot 0 port 0` */
  'ios.idSummary': IosHead & { idType: string; which: 'src' | 'dst'; address: string; mask?: string; protocol: number; port: number };

  // ---- keys, profiles, authentication ----
  /** `Looking for a matching key for 10.1.1.2 in spokes : success` */
  'ios.keyLookup': IosHead & { peer: string; keyring: string; success: boolean };
  /** `found peer pre-shared key matching 10.1.1.2` */
  'ios.pskFound': IosHead & { peer: string };
  /** `local preshared key found` */
  'ios.localPskFound': IosHead;
  /** `Found ADDRESS key in keyring spokes` */
  'ios.keyringKey': IosHead & { keyType: string; keyring: string };
  /** `No pre-shared key with 10.1.1.2!` */
  'ios.noPsk': IosHead & { peer: string };
  /** `peer matches L2L profile`; `peer matches *none* of the profiles` → none. */
  'ios.profileMatch': IosHead & { profile?: string; none?: true };
  /** `SA request profile is (NULL)` (profile omitted for NULL). */
  'ios.saRequestProfile': IosHead & { profile?: string };
  /** `Scanning profiles for xauth ... L2L VPNclient` */
  'ios.xauthScan': IosHead & { profiles: string[] };
  /** `Authentication by xauth preshared` */
  'ios.authByXauth': IosHead;
  /** `SA is doing pre-shared key authentication plus XAUTH using id type ID_IPV4_ADDR` (method as printed). */
  'ios.authMethod': IosHead & { method: string; xauth: boolean; idType: string };
  /** `SA authentication status: authenticated`; 12.4+ prints the status on the next line (`ios.authStatusValue` part). */
  'ios.authStatus': IosHead & { authenticated?: boolean };
  'ios.authStatusValue': { authenticated: boolean };
  /** `SA has been authenticated with 10.1.1.2` */
  'ios.authenticated': IosHead & { peer: string };
  /** `SKEYID state generated` */
  'ios.skeyid': IosHead;

  // ---- vendor IDs, NAT-D ----
  /** `processing vendor id payload` */
  'ios.vidPayload': IosHead;
  /** `vendor ID is Unity` / `DPD` / `Xauth` / `NAT-T v2` / `NAT-T RFC 3947` (as printed). */
  'ios.vid': IosHead & { vendor: string };
  /** `vendor ID seems Unity/DPD but major 215 mismatch`, `... but hash mismatch` */
  'ios.vidMismatch': IosHead & { major?: number; hash?: true };
  /** `speaking to another IOS box!` */
  'ios.vidIos': IosHead;
  /** `constructed NAT-T vendor-02 ID` → vendor `NAT-T vendor-02`. */
  'ios.vidSent': IosHead & { vendor: string };
  /** `His hash no match - this node outside NAT`, `No NAT Found for self or peer` (none). */
  'ios.natd': IosHead & { hashMismatch?: 'his' | 'mine'; thisNode?: 'outside' | 'inside'; none?: true };

  // ---- proposals ----
  /** `Checking ISAKMP transform 1 against priority 10 policy` */
  'ios.checkTransform': IosHead & { transform: number; priority: number };
  /** A transform attribute: `encryption 3DES-CBC`, `hash SHA`, `default group 2` (group), `auth pre-share`,
   * `life type in seconds` (lifeType), `life duration (VPI) of 0x0 0x1 0x51 0x80` (lifeDuration 86400, encoding VPI),
   * `keylength of 256` / `key length is 256` (keyLength), `encaps is 1 (Tunnel)`, `SA life type in kilobytes` (saLifeType),
   * `SA life duration (basic) of 3600` (saLifeDuration), `authenticator is HMAC-SHA`, `group is 2` (pfsGroup). */
  'ios.attr': IosHead & {
    attr: 'encryption' | 'hash' | 'group' | 'auth' | 'lifeType' | 'lifeDuration' | 'keyLength' | 'encaps' | 'saLifeType' | 'saLifeDuration' | 'authenticator' | 'pfsGroup';
    value: string | number;
    encoding?: 'VPI' | 'basic';
    mode?: string;
  };
  /** `atts are acceptable. Next payload is 0`, `atts are not acceptable. Next payload is 3` */
  'ios.atts': IosHead & { acceptable: boolean; nextPayload?: number };
  /** `Checking IPSec proposal 1` */
  'ios.checkProposal': IosHead & { proposal: number };
  /** `transform 1, ESP_3DES` */
  'ios.p2Transform': IosHead & { transform: number; name: string };
  /** `attributes in transform:` */
  'ios.attrsInTransform': IosHead;
  /** `Encryption algorithm offered does not match policy!` → what `Encryption algorithm` (also `Hash algorithm`,
   * `Diffie-Hellman group`, `Authentication method`). */
  'ios.offerMismatch': IosHead & { what: string };
  /** `no offers accepted!` */
  'ios.noOffers': IosHead;
  /** `phase 2 SA policy not acceptable! (local 10.1.1.1 remote 10.2.2.2)` */
  'ios.policyNotAcceptable': IosHead & { phase: number; local?: string; remote?: string };
  /** `IPSec policy invalidated proposal with error 32` */
  'ios.policyInvalidated': IosHead & { error: number };
  /** 12.4 lifetime bookkeeping: `Acceptable atts:actual life: 0` (note `acceptable actual life`), `Fill atts in sa
   * life_in_seconds:86400` (`fill life_in_seconds`), `Returning Actual lifetime: 86400` (`actual lifetime`),
   * `:Started lifetime timer: 86400.` (`lifetime timer`). */
  'ios.lifetimeNote': IosHead & { note: string; value: number };
  /** `Sending phase 1 responder lifetime 86400` */
  'ios.responderLifetime': IosHead & { seconds: number };

  // ---- nodes, SAs ----
  /** `set new node -1118110738 to CONF_XAUTH` */
  'ios.newNode': IosHead & IosMsgId & { state: string };
  /** `deleting node 904613356 error FALSE reason "quick mode done (await)"` */
  'ios.deleteNode': IosHead & IosMsgId & { error: boolean; reason: string };
  /** `purging node 1257790711` */
  'ios.purgeNode': IosHead & IosMsgId;
  /** `deleting SA reason "delete_me flag/throw" state (I) PEER_DISCOVERY (peer 12.12.12.13) input queue 0` */
  'ios.deleteSa': IosHead & { reason: string; role: IosRole; state: string; peer: string; inputQueue?: number };
  /** `purging SA., sa=82687F70, delme=82687F70` */
  'ios.purgeSa': IosHead & { sa: string; delme: string };
  /** `local port 500, remote port 500` */
  'ios.ports': IosHead & { localPort: number; remotePort: number };
  /** `insert sa successfully sa = 63D5BE0C` */
  'ios.insertSa': IosHead & { sa: string };
  /** `Created a peer struct for 10.51.82.100, peer port 500` */
  'ios.peerStruct': IosHead & { peer: string; port: number };
  /** `New peer created peer = 0x6A2A8B0C peer_handle = 0x80000002` */
  'ios.newPeer': IosHead & { struct: string; handle: string };
  /** `Locking peer struct 0x644AFC7C, IKE refcount 1 for crypto_ikmp_config_initialize_sa`,
   * `Unlocking peer struct 0x6A2A8B0C for isadb_mark_sa_deleted(), count 0` (lock false). */
  'ios.peerLock': IosHead & { lock: boolean; struct: string; refType?: string; refcount: number; for: string };
  /** `Trying to insert a peer 10.48.67.181/10.51.82.100/500/, and inserted successfully.` */
  'ios.peerInsert': IosHead & { local: string; peer: string; port: number; struct?: string };
  /** `Setting client config settings 644AFCF8`; `(Re)Setting client xauth list and state` (xauthReset). */
  'ios.clientConfig': IosHead & { settings?: string; xauthReset?: true };
  /** `got callback 1` */
  'ios.callback': IosHead & { callback: number };
  /** `asking for 1 spis from ipsec` */
  'ios.askSpi': IosHead & { count: number };
  /** `had to get SPI's from ipsec.`, `QM Initiator gets spi` */
  'ios.spiWait': IosHead;
  /** `received ke message (2/1)`: the two numbers as printed. */
  'ios.keMessage': IosHead & { type: number; count: number };
  /** `Creating IPSec SAs` */
  'ios.creatingSas': IosHead;
  /** `peer does not do paranoid keepalives.` */
  'ios.noParanoidKeepalives': IosHead;

  // ---- IPsec SA blocks printed by ISAKMP ----
  /** `inbound SA from 10.100.2.102 to 10.48.67.181 (f/i) 0/ 0` (+ `(proxy A to B )` inline in some prints);
   * parts: `ios.saProxy`, `ios.saSpi`, `ios.saLifetime`, `ios.saClientFlags`. */
  'ios.saBlock': { dir: 'in' | 'out'; from: string; to: string; fvrf?: number; ivrf?: number; proxyFrom?: string; proxyTo?: string };
  /** `(proxy 10.2.0.0 to 10.1.0.0)` */
  'ios.saProxy': { proxyFrom: string; proxyTo: string };
  /** `has spi 0xF8B3BAC8 and conn_id 2000 and flags 2` (spi printed hex, decimal or signed decimal; flags hex). */
  'ios.saSpi': { spi: string; connId: number; flags?: number };
  /** `lifetime of 3600 seconds` / `lifetime of 4608000 kilobytes` */
  'ios.saLifetime': { seconds?: number; kilobytes?: number };
  /** `has client flags 0x0` */
  'ios.saClientFlags': { flags: number };

  // ---- IPSEC(...) messages ----
  /** `IPSEC(validate_proposal_request): proposal part #1,`, `IPSEC(initialize_sas): ,`, `IPSEC(tunnel discover request): ,`;
   * parts: `ios.keMsg`, `ios.keProxy` (local, remote), `ios.keTransform`, `ios.keLifedur`, `ios.keSpi`. */
  'ios.keyEngine': { fn: string; part?: number };
  /** `(key eng. msg.) INBOUND local= 10.48.67.181, remote= 10.100.2.102,` (ports in 12.4+: `10.1.1.1:0`). */
  'ios.keMsg': { dir: 'in' | 'out'; local: string; localPort?: number; remote: string; remotePort?: number };
  /** `local_proxy= 10.1.0.0/255.255.0.0/0/0 (type=4),`; prefix for ID types 1 (host, /32) and 4 (subnet). */
  'ios.keProxy': { side: 'local' | 'remote'; address: string; mask: string; protocol: number; port: number; idType: number; prefix?: string };
  /** `protocol= ESP, transform= esp-3des esp-sha-hmac (Tunnel),` → transforms [esp-3des, esp-sha-hmac], mode Tunnel;
   * `esp-aes 256` stays one transform. */
  'ios.keTransform': { protocol: string; transforms: string[]; mode?: string };
  /** `lifedur= 3600s and 4608000kb,` */
  'ios.keLifedur': { seconds: number; kilobytes: number };
  /** `spi= 0xF8B3BAC8(4172528328), conn_id= 2000, keysize= 0, flags= 0x2` (+ TED `dest=FastEthernet0/0:11.11.11.2`). */
  'ios.keSpi': { spi: string; connId: number; keySize: number; flags: number; destInterface?: string; destAddress?: string };
  /** `IPSEC(create_sa): sa created,`, `IPSEC(delete_sa): deleting SA,`; parts: `ios.saDest`, `ios.saSpiValue`,
   * `ios.saTrans`, `ios.saLifetimeLeft`. */
  'ios.ipsecSa': { fn: string; action: 'created' | 'deleting' };
  /** `(sa) sa_dest= 10.48.67.181, sa_prot= 50,` */
  'ios.saDest': { dest: string; proto: number };
  /** `sa_spi= 0xF8B3BAC8(4172528328),` */
  'ios.saSpiValue': { spi: string };
  /** `sa_trans= esp-3des esp-sha-hmac , sa_conn_id= 2000` */
  'ios.saTrans': { transforms: string[]; connId: number };
  /** `sa_lifetime(k/sec)= (4586345/3600)` */
  'ios.saLifetimeLeft': { kilobytes: number; seconds: number };
  /** `IPSEC(spi_response): getting spi 4172528328 for SA` (+ `from A to B for prot 3` inline, or as an `ios.spiRoute` part). */
  'ios.spiResponse': { fn: string; spi: string; from?: string; to?: string; prot?: number };
  'ios.spiRoute': { from: string; to: string; prot: number };
  /** `IPSEC(key_engine): got a queue event...`, `... got a queue event with 1 KMI message(s)` */
  'ios.ipsecQueueEvent': { fn: string; messages?: number };
  /** `IPSEC(kei_proxy): head = mymap, map->ivrf = , kei->ivrf =` */
  'ios.keiProxy': { fn: string; head: string; mapIvrf: string; keiIvrf: string };
  /** `IPSEC(add mtree): src 10.1.0.0, dest 10.2.0.0, dest_port 0`, `IPSEC(policy_db_add_ident): ...` */
  'ios.ipsecIdent': { fn: string; src: string; dest: string; destPort: number };
  /** `IPSEC(validate_transform_proposal): transform proposal not supported for identity:` (+ `{esp-3des esp-md5-hmac }`
   * inline or as an `ios.transformSet` part). */
  'ios.transformNotSupported': { fn: string; prot?: number; trans?: number; hmacAlg?: number; transforms?: string[] };
  'ios.transformSet': { transforms: string[] };
  /** `IPSEC(validate_transform_proposal): proxy identities not supported` */
  'ios.proxyIdsNotSupported': { fn: string };
  /** `IPSEC(initialize_sas): invalid proxy IDs` */
  'ios.invalidProxyIds': { fn: string };
  /** `IPSEC(validate_proposal): invalid local address 10.1.1.1` */
  'ios.invalidLocalAddress': { fn: string; address: string };
  /** `IPSEC(key_engine_delete_sas): rec'd delete notify from ISAKMP` */
  'ios.ipsecDeleteNotify': { fn: string };
  /** `IPSEC(key_engine_delete_sas): delete SA with spi 0xB0C0F4AC proto 50 for 10.51.82.100` */
  'ios.ipsecDeleteSpi': { fn: string; spi: string; proto: number; peer: string };
  /** `IPSEC(update_current_outbound_sa): updated peer 10.1.1.2 current outbound sa to SPI B0C0F4AC` */
  'ios.ipsecOutboundSa': { fn: string; peer: string; spi: string };
  /** `IPSEC(crypto_ipsec_sa_find_ident_head): reconnecting with the same proxies and peer 10.1.1.2` */
  'ios.ipsecReconnect': { fn: string; peer: string };

  // ---- crypto engine ----
  /** `CryptoEngine0: generate hmac context for conn id 1` (source CryptoEngine0, op `generate hmac context`, conn 1),
   * `CRYPTO_ENGINE: Dh phase 1 status: 0`, `CryptoEngine0: delete connection 1`; 12.2 `validate proposal 0` (status 0). */
  'ios.engine': { source?: string; op: string; conn?: number; status?: number };

  // ---- notifies, initial contact, DPD ----
  /** `processing NOTIFY INITIAL_CONTACT protocol 1` (in), `sending NOTIFY PROPOSAL_NOT_CHOSEN protocol 3` (out);
   * part: `ios.notifySpi`. */
  'ios.notify': IosHead & { dir: 'in' | 'out'; type: string; protocol: number };
  /** `spi 0, message ID = 0, sa = 63D3D804` */
  'ios.notifySpi': IosMsgId & { spi: string; sa?: string };
  /** `Process initial contact,`; part: `ios.bringDown`. */
  'ios.initialContact': IosHead;
  /** `bring down existing phase 1 and 2 SA's with local 10.48.67.181 remote 10.51.82.100 remote port 500` */
  'ios.bringDown': { local: string; remote: string; remotePort?: number };
  /** `Send initial contact` */
  'ios.sendInitialContact': IosHead;
  /** `DPD/R_U_THERE received from peer 10.1.1.2, sequence 0x5DD1ED25` */
  'ios.dpd': IosHead & { type: 'R_U_THERE' | 'R_U_THERE_ACK'; peer: string; sequence: number };
  /** `IKE_DPD is enabled, initializing timers` */
  'ios.dpdEnabled': IosHead;

  // ---- XAUTH, Mode-Config ----
  /** `Need XAUTH` */
  'ios.needXauth': IosHead;
  /** `ISAKMP/xauth: request attribute XAUTH_USER_NAME_V2` */
  'ios.xauthAttr': { dir: 'request' | 'reply'; attr: string };
  /** `XAUTH ACK Processed` */
  'ios.xauthAckProcessed': IosHead;
  /** `initiating peer config to 10.51.82.100. ID = 955647754`, `responding to peer config from ... ID = ...` */
  'ios.peerConfig': IosHead & IosMsgId & { action: 'initiating' | 'responding'; peer: string };
  /** `processing transaction payload from 10.51.82.100. message ID = 955647754` */
  'ios.transaction': IosHead & IosMsgId & { peer: string };
  /** `Config payload REQUEST` / `REPLY` / `SET` / `ACK` */
  'ios.cfgPayload': IosHead & { type: string };
  /** `checking request:` */
  'ios.cfgCheckRequest': IosHead;
  /** `IP4_ADDRESS` (a requested attribute), `UNKNOWN Unknown Attr: 0x7000` (attr UNKNOWN, code 0x7000). */
  'ios.cfgAttr': IosHead & { attr: string; code?: number };
  /** `attributes sent in message:`; part: `ios.cfgSentAttr`. */
  'ios.cfgSentAttrs': IosHead;
  /** `Address: 0.2.0.0` */
  'ios.cfgSentAttr': { name: string; value: string };
  /** `allocating address 10.5.5.1` */
  'ios.cfgAllocate': IosHead & { address: string };
  /** `returning IP addr to the address pool` */
  'ios.cfgReturnAddress': IosHead;
  /** `Sending private address: 10.5.5.1` (attr IP4_ADDRESS), `Sending IP4_DNS server address: 1.1.1.1`,
   * `Sending ADDRESS_EXPIRY seconds left to use the address: 86386` (value a number). `what` is the text before the colon. */
  'ios.cfgSend': IosHead & { attr: string; what: string; value: string | number };
  /** `Sending APPLICATION_VERSION string: Cisco Internetwork Operating System Software`; parts: `ios.versionLine`. */
  'ios.cfgSendVersion': IosHead & { version: string };
  /** A line of the version banner: `IOS (tm) ...`, `Copyright (c) ...`, `Compiled ...`. */
  'ios.versionLine': { text: string };
  /** `Unknown Attr: UNKNOWN (0x7000)` */
  'ios.cfgUnknownAttr': IosHead & { code: number };

  // ---- TED ----
  /** `GOT A PEER DISCOVERY MESSAGE FROM THE SA MANAGER!!!` */
  'ios.tedRequest': IosHead;
  /** `src = 13.13.13.14 to 12.12.12.13, protocol 3, transform 2, hmac 1` */
  'ios.tedSrc': { src: string; dst: string; protocol: number; transform: number; hmac: number };
  /** `proxy source is 13.13.13.0/255.255.255.0 and my address (not used now) is 11.11.11.1` */
  'ios.tedProxySource': { address: string; mask: string; prefix?: string; myAddress: string };
  /** `no idb in request` */
  'ios.tedNoIdb': IosHead;
  /** `1st ID is 11.11.11.1`, `2nd ID is 13.13.13.0/255.255.255.0` */
  'ios.tedId': { n: number; address: string; mask?: string; prefix?: string };
  /** `received response to my peer discovery probe!` */
  'ios.tedResponse': IosHead;
  /** `ted negotiated proxies: 0 13.13.13.0/255.255.255.0:0, 12.12.12.0/255.255.255.0:0` (local/remote as prefixes). */
  'ios.tedProxies': IosHead & { protocol: number; local: string; localPort: number; remote: string; remotePort: number };
  /** `initiating IKE to 11.11.11.2 in response to probe.` */
  'ios.tedInitiate': IosHead & { peer: string };
  /** `created new SA after peer-discovery with 11.11.11.2` */
  'ios.tedNewSa': IosHead & { peer: string };
  /** `responding to peer discovery probe!` */
  'ios.tedRespond': IosHead;
  /** `peer's address is 11.11.11.1` */
  'ios.tedPeerAddress': { address: string };
  /** `src (him) 4, 13.13.13.0/255.255.255.0 to dst (me) 0, 0.0.0.0/0.0.0.0` */
  'ios.tedSrcDst': { peerType: number; peerAddress: string; peerMask: string; myType: number; myAddress: string; myMask: string };
  /** `peer can handle TED V3: changing source to 11.11.11.1 and dest to 11.11.11.2` */
  'ios.tedV3': IosHead & { version: number; source: string; dest: string };

  // ---- failures ----
  /** `IKE message from 10.1.1.2 failed its sanity check or is malformed` (ISAKMP head or %CRYPTO-4-IKMP_BAD_MESSAGE). */
  'ios.malformed': IosHead & IosSyslogHead & { peer: string };
  /** `reserved not zero on payload 5!` (payload number) / `reserved not zero on ID payload!` (payload name). */
  'ios.reservedNotZero': IosHead & { payload: number | string };
  /** `FSM action returned error: 2` */
  'ios.fsmError': IosHead & { error: number };
  /** `QM FSM error ...` (detail as printed). */
  'ios.qmFsmError': IosHead & { detail?: string };
  /** `peer not responding!` */
  'ios.peerNotResponding': IosHead;
  /** `packet encryption/decryption error ...` */
  'ios.cryptError': IosHead & { detail?: string };
  /** `HMAC verification failed ...` */
  'ios.hmacFailed': IosHead & { detail?: string };
  /** `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at 10.1.1.2` */
  'ios.modeFailure': IosSyslogHead & { mode: string; peer: string };
  /** `%CRYPTO-4-IKMP_NO_SA: IKE message from 10.1.1.2 has no SA and is not an initialization offer` */
  'ios.noSa': IosSyslogHead & { peer: string };
  /** `%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=..., prot=50, spi=0x...(...), srcaddr=...` */
  'ios.invalidSpi': IosSyslogHead & { dest: string; proto: number; spi: string; src: string; more?: string };
  /** `%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=1, sequence number=2` */
  'ios.replayFailed': IosSyslogHead & { connId?: number; sequence?: number };
  /** `%CRYPTO-4-RECVD_PKT_MAC_ERR: decrypt: mac verify failed for connection id=1` */
  'ios.macFailed': IosSyslogHead & { connId?: number; more?: string };
  /** `%CRYPTO-6-IKMP_SA_NOT_AUTH: Cannot accept Quick Mode exchange from 10.1.1.2 if SA is not authenticated!`; `SA not authenticated`. */
  'ios.saNotAuthenticated': IosHead & IosSyslogHead & { exchange?: string; peer?: string };
  /** `%CRYPTO-6-IKMP_NOT_ENCRYPTED: IKE packet from 10.1.1.2 was not encrypted and it should've been.` */
  'ios.notEncrypted': IosSyslogHead & { peer: string };
  /** `%CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP  .  Peer 10.1.1.2:500       Id: 10.1.1.2` */
  'ios.sessionStatus': IosSyslogHead & { up: boolean; peer: string; port: number; id?: string };
  /** `%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON` */
  'ios.isakmpOnOff': IosSyslogHead & { on: boolean };
  /** Any other `%CRYPTO-n-MNEMONIC: text`. */
  'ios.cryptoSyslog': Required<IosSyslogHead> & { text: string };
}

export type IosKind = keyof IosFields;
