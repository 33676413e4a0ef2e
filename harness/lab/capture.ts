// tshark in the lab: a capture inside a namespace (shared/lab/README.md §5), and the dissection
// of a capture with Wireshark key tables — one row of fields per frame, so that checks
// (malformed packets, decrypted payloads) are assertions on data, not on printed text.
import { existsSync, readFileSync } from 'node:fs';
import { run, sleep } from './exec.js';
import type { Lab, LabNode, LabProcess } from './netns.js';

/** IKE (500), NAT-T / ESP in UDP (4500) and plain ESP. */
export const IKE_FILTER = 'udp port 500 or udp port 4500 or esp';

export interface Capture {
  readonly file: string;
  /** Stops tshark with SIGINT (it writes the rest of the file) and waits for it. */
  stop(): Promise<void>;
}

/** Starts `tshark -i IFACE -w FILE` inside the node's namespace and waits until it captures. */
export async function startCapture(lab: Lab, node: LabNode, file: string, filter = IKE_FILTER): Promise<Capture> {
  const log = `${file}.tshark.log`;
  const proc: LabProcess = lab.spawn(node, ['tshark', '-q', '-n', '-i', node.iface, '-f', filter, '-w', file], { log });
  let gone = false;
  void proc.exited.then(() => (gone = true));
  // tshark prints "Capturing on 'veth-r'" once dumpcap listens
  for (let i = 0; i < 200; i++) {
    if (existsSync(log) && /Capturing on/.test(readFileSync(log, 'utf8'))) break;
    if (gone) throw new Error(`tshark in ${node.ns} exited: ${existsSync(log) ? readFileSync(log, 'utf8').trim() : ''}`);
    await sleep(50);
  }
  if (!existsSync(log) || !/Capturing on/.test(readFileSync(log, 'utf8'))) {
    await proc.stop('SIGKILL');
    throw new Error(`tshark in ${node.ns} did not start capturing within 10 s`);
  }
  return { file, stop: () => proc.stop('SIGINT', 5000) };
}

/** Fields read per frame (tshark `-T fields`, all occurrences, `|` between occurrences). */
export const FRAME_FIELDS = [
  'frame.number',
  'frame.protocols',
  '_ws.malformed',
  '_ws.expert.severity',
  'isakmp.ispi',
  'isakmp.exchangetype',
  'isakmp.flag_e',
  'isakmp.nextpayload',
  'isakmp.typepayload',
  'esp.spi',
  'esp.icv_good',
  'ip.src',
  'udp.payload',
  'icmp.type',
  // capture time (seconds since the epoch, the host's clock): which frames came after a point of the run
  'frame.time_epoch',
  'udp.srcport',
  'udp.dstport',
] as const;

export type FrameField = (typeof FRAME_FIELDS)[number];
export type Frame = Readonly<Record<FrameField, readonly string[]>>;

/** The frames of a capture as tshark dissects them with `keyArgs` (see harness/crypto/wireshark.ts tsharkKeyArgs). */
export async function dissect(file: string, keyArgs: readonly string[]): Promise<Frame[]> {
  const args = ['-n', '-r', file, ...keyArgs, '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=a', '-E', 'aggregator=|'];
  for (const f of FRAME_FIELDS) args.push('-e', f);
  const r = await run('tshark', args, { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`tshark -r ${file} failed (exit ${r.code}): ${r.stderr.trim()}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.split('\t');
      return Object.fromEntries(FRAME_FIELDS.map((f, i) => [f, cols[i] ? cols[i]!.split('|') : []])) as unknown as Frame;
    });
}
