// charon 5.9.8 re-authenticating an IKEv1 SA (rekey_time reached, interop lab scenario
// ref-i-rekey-p1): the new IKE_SA lab[2] is started in the old one's thread, so its first lines
// — `initiating Main Mode IKE_SA lab[2]`, its state change and MM1 — carry the old tag `<lab|1>`.
// They belong to lab[2]: its timeline starts with MM1, and the old SA's shows no stray message.
import { describe, expect, it } from 'vitest';
import { analyzeRecords } from '../analyze.js';
import { parseLog } from '../../grammars/index.js';

// copied from the lab's charon log (hexdumps, task and vendor-ID lines left out)
const LOG = `16:02:57.862 27[IKE] <lab|1> IKE_SA lab[1] established between 10.99.0.2[10.99.0.2]...10.99.0.1[10.99.0.1]
16:02:57.862 27[IKE] <lab|1> IKE_SA lab[1] state change: CONNECTING => ESTABLISHED
16:03:07.862 24[IKE] <lab|1> initiating Main Mode IKE_SA lab[2] to 10.99.0.1
16:03:07.862 24[IKE] <lab|1> IKE_SA lab[2] state change: CREATED => CONNECTING
16:03:07.862 24[ENC] <lab|1> generating ID_PROT request 0 [ SA V V V V V ]
16:03:07.862 24[NET] <lab|1> sending packet: from 10.99.0.2[4500] to 10.99.0.1[4500] (180 bytes)
16:03:07.863 24[IKE] IKE_SA lab[1] state change: ESTABLISHED => REKEYING
16:03:07.863 24[IKE] <lab|1> activating new tasks
16:03:07.867 28[NET] <lab|2> received packet: from 10.99.0.1[4500] to 10.99.0.2[4500] (104 bytes)
16:03:07.867 28[ENC] <lab|2> parsed ID_PROT response 0 [ SA V ]
16:03:07.868 28[ENC] <lab|2> generating ID_PROT request 0 [ KE No NAT-D NAT-D ]
16:03:07.868 28[NET] <lab|2> sending packet: from 10.99.0.2[4500] to 10.99.0.1[4500] (372 bytes)
16:03:07.871 32[NET] <lab|2> received packet: from 10.99.0.1[4500] to 10.99.0.2[4500] (360 bytes)
16:03:07.871 32[ENC] <lab|2> parsed ID_PROT response 0 [ KE No NAT-D NAT-D ]
16:03:07.874 32[ENC] <lab|2> generating ID_PROT request 0 [ ID HASH ]
16:03:07.874 32[NET] <lab|2> sending packet: from 10.99.0.2[4500] to 10.99.0.1[4500] (76 bytes)
16:03:07.877 09[NET] <lab|2> received packet: from 10.99.0.1[4500] to 10.99.0.2[4500] (76 bytes)
16:03:07.877 09[ENC] <lab|2> parsed ID_PROT response 0 [ ID HASH ]
16:03:07.877 09[IKE] <lab|2> IKE_SA lab[2] established between 10.99.0.2[10.99.0.2]...10.99.0.1[10.99.0.1]
16:03:07.877 09[IKE] <lab|2> IKE_SA lab[2] state change: CONNECTING => ESTABLISHED
16:03:08.862 13[IKE] <lab|1> deleting IKE_SA lab[1] between 10.99.0.2[10.99.0.2]...10.99.0.1[10.99.0.1]
16:03:08.862 13[IKE] <lab|1> sending DELETE for IKE_SA lab[1]
16:03:08.862 13[IKE] <lab|1> IKE_SA lab[1] state change: REKEYING => DELETING
16:03:08.862 13[ENC] <lab|1> generating INFORMATIONAL_V1 request 1629750910 [ HASH D ]
16:03:08.862 13[NET] <lab|1> sending packet: from 10.99.0.2[4500] to 10.99.0.1[4500] (92 bytes)
16:03:08.863 13[IKE] <lab|1> IKE_SA lab[1] state change: DELETING => DESTROYING
`;

describe('strongSwan IKEv1 re-authentication in the old IKE_SA thread', () => {
  const a = analyzeRecords(parseLog(LOG), 'charon.log', 'B');
  const labels = (i: number) => a.sessions[i]!.steps.map((s) => `${s.label} ${s.dir}`);

  it('the new IKE_SA starts with its MM1, sent by us', () => {
    expect(a.sessions.length).toBe(2);
    expect(labels(1)).toEqual(['MM1 out', 'MM2 in', 'MM3 out', 'MM4 in', 'MM5 out', 'MM6 in']);
    expect(a.sessions[1]!.role).toBe('initiator');
    expect(a.sessions[1]!.phase1.outcome).toBe('established');
  });

  it('the old IKE_SA keeps its own lines: the REKEYING change and its DELETE, no stray message', () => {
    expect(labels(0)).toEqual(['DELETE out']);
    const rekeying = a.events.find((e) => e.kind === 'ike.state' && e.vendor === 'REKEYING');
    expect(rekeying?.sa?.conn).toBe('1');
  });
});
