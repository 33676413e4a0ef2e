// Multi-line blocks: a header record followed by continuation lines that belong to it (IOS ID
// payload dumps, IOS key-engine messages, ASA IPSEC SA and rule blocks, charon hexdumps).
// The reader folds the continuation records into the header's `parts`, and the block's line
// span covers them all. header kind -> continuation kinds it accepts.
export const BLOCKS: Readonly<Record<string, readonly string[]>> = {
  // ---- ios ----
  // `ISAKMP (0:1): ID payload` + `next-payload : 8` / `type : 1` / `address : 10.100.2.102` / ... / `length : 12`
  'ios.idPayload': ['ios.idField'],
  // `IPSEC(validate_proposal_request): proposal part #1,` / `IPSEC(initialize_sas): ,` + `(key eng. msg.) INBOUND local= ...,`
  // / `local_proxy= ...` / `remote_proxy= ...` / `protocol= ESP, transform= ...` / `lifedur= ...` / `spi= ...`
  'ios.keyEngine': ['ios.keMsg', 'ios.keProxy', 'ios.keTransform', 'ios.keLifedur', 'ios.keSpi'],
  // `IPSEC(create_sa): sa created,` + `(sa) sa_dest= ..., sa_prot= 50,` / `sa_spi= 0x...(...),` / `sa_trans= ... , sa_conn_id= 2000`
  'ios.ipsecSa': ['ios.saDest', 'ios.saSpiValue', 'ios.saTrans', 'ios.saLifetimeLeft'],
  // `inbound SA from 10.100.2.102 to 10.48.67.181 (f/i) 0/ 0` + `(proxy 10.2.0.0 to 10.1.0.0)` / `has spi 0xF8B3BAC8 and
  // conn_id 2000 and flags 2` / `lifetime of 3600 seconds` / `lifetime of 4608000 kilobytes` / `has client flags 0x0`
  'ios.saBlock': ['ios.saProxy', 'ios.saSpi', 'ios.saLifetime', 'ios.saClientFlags'],
  // `IPSEC(spi_response): getting spi 2048571635 for SA` + `from 10.48.67.181 to 10.51.82.100 for prot 3`
  'ios.spiResponse': ['ios.spiRoute'],
  // `ISAKMP (0:2): processing NOTIFY INITIAL_CONTACT protocol 1` + `spi 0, message ID = 0, sa = 63D3D804`
  'ios.notify': ['ios.notifySpi'],
  // `ISAKMP (0:2): Process initial contact,` + `bring down existing phase 1 and 2 SA's with local ... remote ... remote port 500`
  'ios.initialContact': ['ios.bringDown'],
  // `ISAKMP (0:2): attributes sent in message:` + `Address: 0.2.0.0`
  'ios.cfgSentAttrs': ['ios.cfgSentAttr'],
  // `ISAKMP: Sending APPLICATION_VERSION string: Cisco Internetwork Operating System Software` + `IOS (tm) ...` /
  // `Copyright (c) ...` / `Compiled ...`
  'ios.cfgSendVersion': ['ios.versionLine'],
  // `ISAKMP:(1001):SA authentication status:` + `authenticated` (12.4+)
  'ios.authStatus': ['ios.authStatusValue'],
  // `IPSEC(validate_transform_proposal): transform proposal not supported for identity:` + `{esp-3des esp-md5-hmac }`
  'ios.transformNotSupported': ['ios.transformSet'],
  // ---- asa ----
  // `IPSEC: New embryonic SA created @ 0x53FC3C00,` + `    SCB: 0x53F90A00,` + `    Direction: inbound` ...
  'asa.ipsecEmbryonicSa': ['asa.ipsecField'],
  // `IPSEC: Creating outbound VPN context, SPI 0xDDE50931` + `    Flags: 0x00000005` + `    SA   : 0x53FC3698` ...
  'asa.ipsecVpnContext': ['asa.ipsecField'],
  // `IPSEC: New outbound encrypt rule, SPI 0xDDE50931` + `    Src addr: 192.168.1.0` ... `    Use SPI: false`
  'asa.ipsecRule': ['asa.ipsecField'],
  // `IPSEC: Completed outbound VPN context, SPI 0xDDE50931` + `    VPN handle: 0x000161A4`;
  // `IPSEC: Completed outbound encrypt rule, SPI 0xDDE50931` + `    Rule ID: 0x53FC3AD8`
  'asa.ipsecCompleted': ['asa.ipsecField'],
  'asa.ipsecDeleted': ['asa.ipsecField'],
  // `..., Transmitting Proxy Id:` + `Remote subnet:192.168.2.0 Mask 255.255.255.0 Protocol 1 Port 0` + `Local subnet:...`
  'asa.proxyIdTransmit': ['asa.proxyId'],
  // `[IKEv1 DECODE]:Responder Lifetime decode follows (outb SPI[4]|attributes):` + `[IKEv1 DECODE]:0000:DDE50931 80010001 ...`
  'asa.responderLifetime': ['asa.hexdump'],
  // ---- strongswan ----
  // `natd_hash => 20 bytes @ 0x7fa8dc00a1e0` + `   0: D7 44 33 F7 ...  .D3..L.E......5.` + `  16: 61 2D BE 42  a-.B`
  'strongswan.hexdump': ['strongswan.hexdumpRow'],
  // `selecting proposal:` + `  proposal matches` / `  no acceptable ENCRYPTION_ALGORITHM found`
  'strongswan.proposalSelection': ['strongswan.proposalCheck'],
  // `proposing traffic selectors for us:` + ` 10.99.1.0/24`; `selecting traffic selectors for other:` + ` config: ..., received: ... => match: ...`
  'strongswan.tsList': ['strongswan.trafficSelector', 'strongswan.tsMatch'],
  // `adding inbound ESP SA` + `  SPI 0xbe3fff6b, src 10.99.0.2 dst 10.99.0.1`
  'strongswan.saAdd': ['strongswan.saSpi'],
  // `known interfaces and IP addresses:` + `  lo` + `    127.0.0.1` ... (bare addresses: see SwAddress in strongswan.peggy)
  'strongswan.interfaces': ['strongswan.interface', 'strongswan.address'],
  // ` conn s2s:` + `  child net:` + `   rekey_time = 3600` ... + `  vips:` + `   %any` ...; stroke `conn s2s` + `  left=10.99.0.1` ...
  'strongswan.configConn': ['strongswan.configSection', 'strongswan.configSetting', 'strongswan.address'],
  // ---- show ----
  // `Codes: C - IKE configuration mode, ...` + the other legend lines (show crypto isakmp sa detail)
  'show.legend': ['show.legendLine'],
  // ASA `Anti replay bitmap:` + `0x00000000 0x00000003`
  'show.antiReplayBitmap': ['show.bitmapWords'],
  // `Interfaces using crypto map tedtag:` + `FastEthernet0/0`
  'show.mapInterfaces': ['show.interfaceName'],
  // (console) `Cryptographic Subsystem:` + `Crypto ISAKMP debugging is on` ... (IOS show debug)
  'console.debugSection': ['console.debugState'],
};
