// Fields of the record kinds of grammars/asa.peggy (Cisco ASA `debug crypto ikev1 | ipsec`, and
// the IKE/IPsec syslog messages). Absent optional parts are omitted, never null.

/** The head most ASA messages start with: the debug tag and the subject. */
export interface AsaHead {
  /** Debug tag as printed inside the brackets: `IKEv1`, `IKEv1 DEBUG`, `IKEv1 DECODE`; absent in the syslog form. */
  tag?: string;
  /** `Group = …`: the tunnel group. */
  group?: string;
  /** `Username = …`. */
  user?: string;
  /** `IP = …`: the peer's address. */
  peer?: string;
}

export type AsaRole = 'initiator' | 'responder';
export type AsaDir = 'in' | 'out';

/** A continuation line of an `IPSEC:` block (`    SPI      : 0xFD2D851F`, `    Src ports`, `    Lifetime   : 240 seconds`). */
export interface AsaIpsecFieldFields {
  /** Label as printed, padding removed: `SCB`, `Direction`, `SPI`, `Session ID`, `VPIF num`, `Tunnel type`, `Protocol`,
   * `Lifetime`, `Flags`, `SA`, `MTU`, `VCID`, `Peer`, `Channel`, `VPN handle`, `Rule ID`, `Src addr`, `Src mask`,
   * `Dst addr`, `Dst mask`, `Src ports`, `Dst ports`, `Upper`, `Lower`, `Op`, `Use protocol`, `Use SPI`. */
  name: string;
  /** Hex values as lowercase hex without 0x (SPIs padded to 8 digits), addresses as strings, numbers, `true`/`false`
   * as booleans, words as printed. Absent on the `Src ports` / `Dst ports` section lines. */
  value?: string | number | boolean;
  /** `seconds` (Lifetime), `bytes` (MTU). */
  unit?: string;
}

/** A proxy identity line: `Local subnet:192.168.1.0 mask 255.255.255.0 Protocol 1 Port 0`, `Remote host: 10.1.1.2 Protocol 17 Port 1701`. */
export interface AsaProxyIdFields {
  side: 'local' | 'remote';
  type: 'subnet' | 'host';
  address: string;
  mask?: string;
  protocol: number;
  port: number;
}

/** A proxy as the ASA prints it in `Rejecting IPSec tunnel: …`: `192.168.20.0/255.255.255.0/0/0` (address/mask/protocol/port). */
export interface AsaProxyQuad {
  address: string;
  mask: string;
  protocol: number;
  port: number;
}

/** A line of the hex dump after `Responder Lifetime decode follows`: offset and the bytes as lowercase hex. */
export interface AsaHexdumpFields {
  offset: number;
  hex: string;
}

/** A continuation folded into its header record by the reader (grammars/blocks.ts). */
export type AsaPart<K extends string, F> = { kind: K; line: number } & F;
export type AsaIpsecParts = AsaPart<'asa.ipsecField', AsaIpsecFieldFields>[];

export interface AsaFields {
  /** `processing SA payload`, `constructing NAT-Traversal VID ver 02 payload`, `constructing proxy ID`, `processing delete`. */
  'asa.payload': AsaHead & { action: 'processing' | 'constructing'; payload: string };
  /** `IKE_DECODE SENDING Message (msgid=0) with payloads :HDR + SA (1) + VENDOR (13) + NONE (0) total length :168`.
   * `payloads` leaves out HDR and the terminating NONE (0). */
  'asa.decode': AsaHead & { dir: AsaDir; msgid: number; payloads: { name: string; type: number }[]; length: number };
  'asa.ipsecField': AsaIpsecFieldFields;
  /** Fixed progress messages. */
  'asa.step': AsaHead & {
    step:
      | 'natDiscoveryHash' // computing NAT Discovery hash
      | 'isakmpHash' // Computing hash for ISAKMP
      | 'oakleyProposalAcceptable' // Oakley proposal is acceptable
      | 'beginQuickMode' // Oakley begin quick mode
      | 'constructQuickMode' // oakley constructing (constucting) quick mode
      | 'loadIpsecSas' // loading all IPSEC SAs
      | 'generateQmKey' // Generating Quick Mode Key!
      | 'generateKeys' // Generating keys for Initiator... (role)
      | 'sendInitialContact' // IKE Initiator sending Initial Contact (role)
      | 'qmNotRekeyed' // QM IsRekeyed old sa not found by addr
      | 'sendDelete' // sending delete/delete with reason message
      | 'sendNotify'; // sending notify message
    role?: AsaRole;
  };
  /** `Received NAT-Traversal RFC VID` (in), `Send Altiga/Cisco VPN3000/Cisco ASA GW VID` (out); `vid` as printed. */
  'asa.vendorId': AsaHead & { dir: AsaDir; vid: string };
  /** `Processing IOS/PIX Vendor ID payload (version:1.0.0, capabilities:00000f7f)` (in), `Constructing ASA spoofing IOS Vendor ID payload (...)` (out). */
  'asa.iosVendorId': AsaHead & { dir: AsaDir; version: string; capabilities: string };
  /** `Constructing IOS keep alive payload:proposal=32767/32767 sec.` */
  'asa.iosKeepalive': AsaHead & { dir: AsaDir; interval: number; retry: number };
  /** Messages between IKE and the key engine: `Pitcher:received a key acquire message, spi 0x0` (acquire),
   * `Pitcher: received KEY_UPDATE, spi …` (update), `Pitcher: received key delete msg, spi …` (delete),
   * `IKE got SPI from key engine:SPI = …` (gotSpi), `IKE got a KEY_ADD msg for SA:SPI = …` (keyAdd),
   * `IKE:requesting SPI!` (requestSpi), `Queuing KEY-ACQUIRE messages …` (queueAcquire). */
  'asa.keyEngine': AsaHead & { event: 'acquire' | 'update' | 'delete' | 'gotSpi' | 'keyAdd' | 'requestSpi' | 'queueAcquire'; spi?: string };
  /** `IKE Initiator starting QM:msg id = 7b80c2b0` (start), `IKE Responder sending 2nd QM pkt: msg id = 00000001` (send, packet 2). */
  'asa.quickMode': AsaHead & { role: AsaRole; event: 'start' | 'send'; packet?: number; msgid: number };
  /** `PHASE 1 COMPLETED`, `PHASE 2 COMPLETED (msgid=7b80c2b0)`. */
  'asa.phaseCompleted': AsaHead & { phase: 1 | 2; msgid?: number };
  /** `Starting P1 rekey timer:82080 seconds.` */
  'asa.rekeyTimer': AsaHead & { phase: 1 | 2; seconds: number };
  /** `ID_IPV4_ADDR ID received` (+ the address on the next line, joined by the reader),
   * `ID_IPV4_ADDR_SUBNET ID received--192.168.1.0--255.255.255.0`; a RANGE gives `address` and `end`; a non-address id `value`. */
  'asa.idReceived': AsaHead & { idType: string; address?: string; mask?: string; end?: string; value?: string };
  /** `Transmitting Proxy Id:`; the ids follow as `asa.proxyId` parts, or are inline in `ids` when printed on one line. */
  'asa.proxyIdTransmit': AsaHead & { ids?: AsaProxyIdFields[]; parts?: AsaPart<'asa.proxyId', AsaProxyIdFields>[] };
  'asa.proxyId': AsaProxyIdFields;
  /** `Received remote IP Proxy Subnet data in ID Payload:Address …, Mask …, Protocol 1, Port 0`, `Received local Proxy Host data …`. */
  'asa.proxyReceived': AsaHead & { side: 'local' | 'remote'; type: 'subnet' | 'host'; address: string; mask?: string; protocol: number; port: number };
  /** `IPSEC: New embryonic SA created @ 0x53FC3C00,` + field lines. `sa` is the SA's address. */
  'asa.ipsecEmbryonicSa': { sa: string; parts?: AsaIpsecParts };
  /** `IPSEC: Creating outbound VPN context, SPI 0x…` / `IPSEC: Updating outbound VPN context 0x000161A4, SPI 0x…` + field lines. */
  'asa.ipsecVpnContext': { action: 'create' | 'update'; dir: AsaDir; context?: string; spi: string; parts?: AsaIpsecParts };
  /** `IPSEC: New outbound encrypt rule, SPI 0x…` + field lines; `rule`: `encrypt`, `permit`, `tunnel flow`, `decrypt`. */
  'asa.ipsecRule': { dir: AsaDir; rule: string; spi: string; parts?: AsaIpsecParts };
  /** `IPSEC: Completed host OBSA update, SPI 0x…`, `IPSEC: Completed outbound VPN context, SPI 0x…` (+ `VPN handle:`),
   * `IPSEC: Completed outbound encrypt rule, SPI 0x…` (+ `Rule ID:`). `object` as printed. */
  'asa.ipsecCompleted': { dir: AsaDir; object: string; spi: string; parts?: AsaIpsecParts };
  /** `IPSEC: Deleted inbound decrypt rule, SPI 0x…` (+ `Rule ID:`). */
  'asa.ipsecDeleted': { dir: AsaDir; object: string; spi: string; parts?: AsaIpsecParts };
  /** 602303 / 602304: `IPSEC: An outbound LAN-to-LAN SA (SPI= 0x…) between A and B (user= U) has been created.` */
  'asa.ipsecSa': { dir: AsaDir; tunnel: string; spi: string; local: string; remote: string; user?: string; action: 'created' | 'deleted' };
  /** `IPSEC(crypto_map_check)-3:Looking for crypto map matching 5-tuple:Prot=1, saddr=…, sport=…, daddr=…, dport=…` */
  'asa.cryptoMapLookup': { level: number; protocol: number; src: string; srcPort: number; dst: string; dstPort: number };
  /** `IPSEC(crypto_map_check)-3:Checking crypto map MAP 10:matched.` / `…: skipping because <reason>.` */
  'asa.cryptoMapCheck': { level: number; map: string; seq: number; result: 'matched' | 'skipped'; reason?: string };
  /** `IKE Initiator:New Phase 1, Intf inside, IKE Peer 10.0.0.2 local Proxy Address …, remote Proxy Address …, Crypto map (MAP)` (713041). */
  'asa.initiatorStart': AsaHead & { action: 'new' | 'rekey'; phase: 1 | 2; intf: string; ikePeer: string; localProxy: string; remoteProxy: string; map: string };
  /** `IKE Receiver: Packet received on 172.16.1.2:500 from 10.1.1.2:500` */
  'asa.packetReceived': AsaHead & { local: string; localPort: number; remote: string; remotePort: number };
  /** `Connection landed on tunnel_group 10.0.0.2` */
  'asa.tunnelGroup': AsaHead & { tunnelGroup: string };
  /** `Automatic NAT Detection Status:Remote end is NOT behind a NAT device This end is NOT behind a NAT device` (713172). */
  'asa.natDetection': AsaHead & { remoteBehindNat: boolean; localBehindNat: boolean };
  /** `IKE SA Proposal # 1, Transform # 5 acceptable Matches global IKE entry # 2`; `sa`: `IKE`, `IPsec` or `IPSec` as printed. */
  'asa.proposalAccepted': AsaHead & { sa: string; proposal: number; transform: number; entry: number };
  /** `Phase 1 failure: Mismatched attribute types for class Group Description: Rcv'd: Unknown Cfg'd: Group 2` (713257). */
  'asa.attrMismatch': AsaHead & { phase: 1 | 2; class: string; received: string; configured: string };
  /** `Keep-alive type for this connection:DPD` */
  'asa.keepaliveType': AsaHead & { type: string };
  /** `Keep-alives configured on but peer does not support keep-alives (type = None)` */
  'asa.keepaliveUnsupported': AsaHead & { type: string };
  /** `All SA proposals found unacceptable` (phase 1), `All IPSec SA proposals found unacceptable!` (phase 2). */
  'asa.proposalsUnacceptable': AsaHead & { phase: 1 | 2 };
  /** `Static Crypto Map check, checking map = MAP, seq = 10...` (checking), `…, map MAP, seq = 10 is a successful match` (matched),
   * `…, map = M, seq = 10, ACL does not match proxy IDs src:A dst:B` (aclMismatch). */
  'asa.staticMapCheck': AsaHead & { map: string; seq: number; result: 'checking' | 'matched' | 'aclMismatch'; src?: string; dst?: string };
  /** `IKE Remote Peer configured for crypto map:MAP` */
  'asa.peerCryptoMap': AsaHead & { map: string };
  /** `Responder forcing change of IPsec rekeying duration from 28800 to 3600 seconds` (responder),
   * `Overriding Initiator's IPSec rekeying duration from 0 to 28800 seconds` (override). */
  'asa.lifetimeChange': AsaHead & { by: 'responder' | 'override'; from: number; to: number; unit: string };
  /** `Responder Lifetime decode follows (outb SPI[4]|attributes):` + hex dump lines. */
  'asa.responderLifetime': AsaHead & { parts?: AsaPart<'asa.hexdump', AsaHexdumpFields>[] };
  'asa.hexdump': AsaHexdumpFields;
  /** `NP encrypt rule look up for crypto map MAP 10 matching ACL VPN:returned cs_id=53f11198;rule=53f11a90`
   * (`encrypt_rule=`, `tunnelFlow_rule=` on 9.x); ids as lowercase hex. */
  'asa.npRuleLookup': AsaHead & { map: string; seq: number; acl: string; csId?: string; rule?: string; encryptRule?: string; tunnelFlowRule?: string };
  /** `Security negotiation complete for LAN-to-LAN Group (10.0.0.2) Initiator, Inbound SPI = 0x…, Outbound SPI = 0x…` (713049);
   * `peerType` `LAN-to-LAN Group` or `User`, `name` the text in parentheses when not empty. */
  'asa.negotiationComplete': AsaHead & { peerType: string; name?: string; role: AsaRole; spiIn: string; spiOut: string };
  /** `L2TP/IPSec session detected.` (detected), `IKEQM_Active() Add L2TP classification rules: ip <A> mask <0xFFFFFFFF> port <1701>`
   * (classification; mask as printed). */
  'asa.l2tp': AsaHead & { event: 'detected' | 'classification'; address?: string; mask?: string; port?: number };
  /** `Adding static route for client address: 192.168.1.1` */
  'asa.staticRoute': AsaHead & { action: 'add' | 'delete'; address: string };
  /** `Assigned private IP address 192.168.1.1 to remote user` (713228). */
  'asa.assignedIp': AsaHead & { address: string };
  /** `Error processing payload: Payload ID: 1` (713048): the payload, by its ISAKMP type number, the ASA could not process. */
  'asa.payloadError': AsaHead & { payload: number };
  /** `Received non-routine Notify message: Invalid ID info (18)` (routine false, code),
   * `Received an un-encrypted NO_PROPOSAL_CHOSEN notify message, dropping` (encrypted false). */
  'asa.notifyReceived': AsaHead & { notify: string; code?: number; routine?: false; encrypted?: false };
  /** `Received encrypted packet with no matching SA, dropping` */
  'asa.noMatchingSa': AsaHead;
  /** `ERROR, had problems decrypting packet, probably due to mismatched pre-shared key.  Aborting` */
  'asa.decryptFailed': AsaHead;
  /** `Received encrypted Oakley Main Mode packet with invalid payloads, MessID = 0` */
  'asa.invalidPayloads': AsaHead & { mode: string; msgid: number };
  /** `Duplicate Phase 1 packet detected.  Retransmitting last packet.` (retransmit) / `No last packet to retransmit.` (none). */
  'asa.duplicatePacket': AsaHead & { phase: 1 | 2; action?: 'retransmit' | 'none' };
  /** `Information Exchange processing failed` */
  'asa.infoExchangeFailed': AsaHead;
  /** `QM FSM error (P2 struct &0xcb0c4e30, mess id 0x3b5d7d1f)!` (713902). */
  'asa.qmFsmError': AsaHead & { p2Struct: string; msgid: number };
  /** `IKE MM Responder FSM error history (struct &0x…)  <state>, <event>:  MM_DONE, EV_ERROR-->MM_WAIT_MSG3, EV_TIMEOUT-->…`
   * (most recent first, as printed). */
  'asa.fsmErrorHistory': AsaHead & { exchange: string; role: AsaRole; struct: string; history: { state: string; event: string }[] };
  /** `Can't find a valid tunnel group, aborting...!` */
  'asa.noTunnelGroup': AsaHead;
  /** `Rejecting IPSec tunnel: no matching crypto map entry for remote proxy 192.168.20.0/255.255.255.0/0/0 local proxy
   * 192.168.11.0/255.255.255.0/0/0 on interface outside` (713061). */
  'asa.noCryptoMap': AsaHead & { remote: AsaProxyQuad; local: AsaProxyQuad; intf: string };
  /** `Removing peer from peer table failed, no match!`, `… correlator table …`, `Error: Unable to remove PeerTblEntry` (peer). */
  'asa.peerTableRemoveFailed': AsaHead & { table: 'peer' | 'correlator' };
  /** `IKE SA MM:8d4b8e5e rcv'd Terminate: state MM_ACTIVE  flags 0x…, refcnt 1, tuncnt 0` / `IKE SA MM:… terminating:  flags …`. */
  'asa.ikeSaTerminate': AsaHead & { mode: string; sa: string; event: 'rcvdTerminate' | 'terminating'; state?: string; flags: string; refcnt: number; tuncnt: number };
  /** `Active unit receives a delete event for remote peer 10.0.0.2.` */
  'asa.deleteEvent': AsaHead & { remote: string };
  /** `IKE Deleting SA: Remote Proxy 192.168.2.0, Local Proxy 192.168.1.0` (proxies may be `N/A`). */
  'asa.deletingSa': AsaHead & { remoteProxy: string; localProxy: string };
  /** `Connection terminated for peer 10.0.0.2.  Reason: Peer Terminate  Remote Proxy …, Local Proxy …` (713050). */
  'asa.connectionTerminated': AsaHead & { remote: string; reason: string; remoteProxy: string; localProxy: string };
  /** `Sending keep-alive of type DPD R-U-THERE (seq number 0x3f2c6a91)` (out), `Received keep-alive of type DPD R-U-THERE-ACK (seq number 0x3f2c6a91)` (in);
   * `type` as printed (`DPD`), `seq` the sequence number. */
  'asa.keepalive': AsaHead & { dir: AsaDir; type: string; message: 'R-U-THERE' | 'R-U-THERE-ACK'; seq: number };
  /** `IKE lost contact with remote peer, deleting connection (keepalive type: DPD)` */
  'asa.dpdLost': AsaHead & { type: string };
  /** `Session is being torn down. Reason: User Requested` */
  'asa.sessionTeardown': AsaHead & { reason: string };
  /** 113019: `Session disconnected. Session Type: IKEv1, Duration: 0h:00m:18s, Bytes xmt: 0, Bytes rcv: 0, Reason: Lost Service`;
   * `duration` as printed, `seconds` the same in seconds. */
  'asa.sessionDisconnected': AsaHead & { sessionType: string; duration: string; seconds: number; bytesXmt: number; bytesRcv: number; reason: string };
}

export type AsaKind = keyof AsaFields;
