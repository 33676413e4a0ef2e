import type { EnvelopeSample } from './sample.js';

// Each envelope form the envelope grammar knows, as devices print it.
export const ENVELOPE_SAMPLES: readonly EnvelopeSample[] = [
  // IOS `service timestamps debug datetime msec`, clock not authoritative
  {
    line: '*Mar  1 02:07:18.850: ISAKMP (0:1): Old State = IKE_READY New State = IKE_R_MM1',
    env: { stamp: { text: '*Mar  1 02:07:18.850', kind: 'clock', date: 'Mar 1', seconds: 7638.85, sync: '*' } },
    hint: 'ios',
    body: 'ISAKMP (0:1): Old State = IKE_READY New State = IKE_R_MM1',
  },
  // IOS with `show-timezone year` and sequence numbers
  {
    line: '000123: Nov 22 2026 11:30:01.123 UTC: ISAKMP:(1001):Old State = IKE_I_MM1  New State = IKE_I_MM2',
    env: { seq: 123, stamp: { text: 'Nov 22 2026 11:30:01.123 UTC', kind: 'clock', date: 'Nov 22', year: 2026, seconds: 41401.123, zone: 'UTC' } },
    hint: 'ios',
    body: 'ISAKMP:(1001):Old State = IKE_I_MM1  New State = IKE_I_MM2',
  },
  // IOS `service timestamps debug uptime`
  {
    line: '00:01:01: ISAKMP (0:1): received packet from 10.1.1.1 dport 500 sport 500 Global (N) NEW SA',
    env: { stamp: { text: '00:01:01', kind: 'uptime', seconds: 61 } },
    hint: 'ios',
    body: 'ISAKMP (0:1): received packet from 10.1.1.1 dport 500 sport 500 Global (N) NEW SA',
  },
  {
    line: '1d02h: ISAKMP: local port 500, remote port 500',
    env: { stamp: { text: '1d02h', kind: 'uptime', seconds: 93600 } },
    hint: 'ios',
    body: 'ISAKMP: local port 500, remote port 500',
  },
  // IOS sequence number only
  {
    line: '000045: ISAKMP: local port 500, remote port 500',
    env: { seq: 45 },
    hint: 'ios',
    body: 'ISAKMP: local port 500, remote port 500',
  },
  // ping marks glued in front of a debug line
  {
    line: '.!!!!*Mar  1 02:07:18.850: ISAKMP: local port 500, remote port 500',
    env: { noise: '.!!!!', stamp: { text: '*Mar  1 02:07:18.850', kind: 'clock', date: 'Mar 1', seconds: 7638.85, sync: '*' } },
    hint: 'ios',
    body: 'ISAKMP: local port 500, remote port 500',
  },
  // ASA buffer/console with timestamps (seed 003)
  {
    line: 'May 18 04:17:18 [IKEv1]IKE Receiver: Packet received on 172.16.1.2:500 from 10.1.1.2:500',
    env: { stamp: { text: 'May 18 04:17:18', kind: 'clock', date: 'May 18', seconds: 15438 } },
    hint: 'asa',
    body: '[IKEv1]IKE Receiver: Packet received on 172.16.1.2:500 from 10.1.1.2:500',
  },
  // ASA syslog, buffer form and syslog-server form
  {
    line: 'May 18 2015 04:17:18: %ASA-7-713236: IP = 10.1.1.2, IKE_DECODE RECEIVED Message (msgid=0) with payloads : HDR + SA (1) + NONE (0) total length : 408',
    env: { stamp: { text: 'May 18 2015 04:17:18', kind: 'clock', date: 'May 18', year: 2015, seconds: 15438 }, syslog: { facility: 'ASA', severity: 7, id: '713236' } },
    hint: 'asa',
    body: 'IP = 10.1.1.2, IKE_DECODE RECEIVED Message (msgid=0) with payloads : HDR + SA (1) + NONE (0) total length : 408',
  },
  {
    line: 'May 18 2015 04:17:18 ciscoasa : %ASA-5-713041: IP = 10.1.1.2, IKE Initiator: New Phase 1, Intf outside, IKE Peer 10.1.1.2  local Proxy Address 172.16.1.2, remote Proxy Address 10.1.1.2,  Crypto map (outside_dyn_map)',
    env: { stamp: { text: 'May 18 2015 04:17:18', kind: 'clock', date: 'May 18', year: 2015, seconds: 15438 }, host: 'ciscoasa', syslog: { facility: 'ASA', severity: 5, id: '713041' } },
    hint: 'asa',
    body: 'IP = 10.1.1.2, IKE Initiator: New Phase 1, Intf outside, IKE Peer 10.1.1.2  local Proxy Address 172.16.1.2, remote Proxy Address 10.1.1.2,  Crypto map (outside_dyn_map)',
  },
  // ASDM log viewer export
  {
    line: '6|May 18 2015 04:17:18|713172|||||Group = DefaultRAGroup, IP = 10.1.1.2, Automatic NAT Detection Status:     Remote end is NOT behind a NAT device     This   end is NOT behind a NAT device',
    env: { stamp: { text: 'May 18 2015 04:17:18', kind: 'clock', date: 'May 18', year: 2015, seconds: 15438 }, syslog: { facility: 'ASA', severity: 6, id: '713172' }, asdm: {} },
    hint: 'asa',
    body: 'Group = DefaultRAGroup, IP = 10.1.1.2, Automatic NAT Detection Status:     Remote end is NOT behind a NAT device     This   end is NOT behind a NAT device',
  },
  // ASDM export with date and time in separate columns, address columns filled
  {
    line: '7|May 18 2015|04:17:18|713236|10.1.1.2|500|172.16.1.2|500|IP = 10.1.1.2, IKE_DECODE RECEIVED Message (msgid=0) with payloads : HDR + KE (4) + NONCE (10) + NAT-D (20) + NAT-D (20) + NONE (0) total length : 260',
    env: { stamp: { text: 'May 18 2015 04:17:18', kind: 'clock', date: 'May 18', year: 2015, seconds: 15438 }, syslog: { facility: 'ASA', severity: 7, id: '713236' }, asdm: { srcIp: '10.1.1.2', srcPort: 500, dstIp: '172.16.1.2', dstPort: 500 } },
    hint: 'asa',
    body: 'IP = 10.1.1.2, IKE_DECODE RECEIVED Message (msgid=0) with payloads : HDR + KE (4) + NONCE (10) + NAT-D (20) + NAT-D (20) + NONE (0) total length : 260',
  },
  // ASDM Real-Time Log Viewer rows copied to the clipboard: tab-separated columns
  {
    line: '5\tMay 18 2015\t04:17:18\t713119\t\t\t\t\tGroup = DefaultRAGroup, IP = 10.1.1.2, PHASE 1 COMPLETED',
    env: { stamp: { text: 'May 18 2015 04:17:18', kind: 'clock', date: 'May 18', year: 2015, seconds: 15438 }, syslog: { facility: 'ASA', severity: 5, id: '713119' }, asdm: {} },
    hint: 'asa',
    body: 'Group = DefaultRAGroup, IP = 10.1.1.2, PHASE 1 COMPLETED',
  },
  // strongSwan filelog (time_format %T, time_add_ms, ike_name)
  {
    line: '11:30:01.123 08[ENC] <mm|1> parsed ID_PROT response 0 [ SA V V V V ]',
    env: { stamp: { text: '11:30:01.123', kind: 'clock', seconds: 41401.123 }, thread: 8, group: 'ENC', ikeName: 'mm', ikeId: 1 },
    hint: 'strongswan',
    body: 'parsed ID_PROT response 0 [ SA V V V V ]',
  },
  // strongSwan on stderr (foreground), no time
  {
    line: '08[NET] received packet: from 10.99.0.1[500] to 10.99.0.2[500] (212 bytes)',
    env: { thread: 8, group: 'NET' },
    hint: 'strongswan',
    body: 'received packet: from 10.99.0.1[500] to 10.99.0.2[500] (212 bytes)',
  },
  // strongSwan through syslog, with host and pid
  {
    line: 'Nov 22 11:30:01 gw charon[1234]: 08[IKE] <mm|1> IKE_SA mm[1] established between 10.99.0.1[10.99.0.1]...10.99.0.2[10.99.0.2]',
    env: { stamp: { text: 'Nov 22 11:30:01', kind: 'clock', date: 'Nov 22', seconds: 41401 }, host: 'gw', program: 'charon', pid: 1234, thread: 8, group: 'IKE', ikeName: 'mm', ikeId: 1 },
    hint: 'strongswan',
    body: 'IKE_SA mm[1] established between 10.99.0.1[10.99.0.1]...10.99.0.2[10.99.0.2]',
  },
  // swanctl --initiate console output
  {
    line: '[IKE] initiating Main Mode IKE_SA mm-psk[1] to 10.99.0.2',
    env: { group: 'IKE' },
    hint: 'strongswan',
    body: 'initiating Main Mode IKE_SA mm-psk[1] to 10.99.0.2',
  },
  // strongSwan filelog with `time_format = %b %e %T`
  {
    line: 'Nov 22 11:30:01 08[NET] received packet: from 10.99.0.1[500] to 10.99.0.2[500] (212 bytes)',
    env: { stamp: { text: 'Nov 22 11:30:01', kind: 'clock', date: 'Nov 22', seconds: 41401 }, thread: 8, group: 'NET' },
    hint: 'strongswan',
    body: 'received packet: from 10.99.0.1[500] to 10.99.0.2[500] (212 bytes)',
  },
  // strongSwan filelog with `time_format = %F %T` and `log_level = yes` (level inside the brackets)
  {
    line: '2026-11-22 11:30:01 08[IKE2] <mm|1> remote host is behind NAT',
    env: { stamp: { text: '2026-11-22 11:30:01', kind: 'clock', date: 'Nov 22', year: 2026, seconds: 41401 }, thread: 8, group: 'IKE', ikeName: 'mm', ikeId: 1 },
    hint: 'strongswan',
    body: 'remote host is behind NAT',
  },
  // strongSwan through rsyslog's RSYSLOG_FileFormat (no pid with SysSock.UsePIDFromSystem=off), unnamed IKE_SA
  // (corpus strongswan-syslog-01-established/peer.log)
  {
    line: '2026-11-22T11:20:28.552537+00:00 gw-b charon: 20[NET] <1> received packet: from 10.99.0.1[500] to 10.99.0.2[500] (180 bytes)',
    env: { stamp: { text: '2026-11-22T11:20:28.552537+00:00', kind: 'clock', date: 'Nov 22', year: 2026, seconds: 40828.552537, zone: '+00:00' }, host: 'gw-b', program: 'charon', thread: 20, group: 'NET', ikeId: 1 },
    hint: 'strongswan',
    body: 'received packet: from 10.99.0.1[500] to 10.99.0.2[500] (180 bytes)',
  },
];
