// `ikelens analyze [FILE|-] [--peer-log FILE] [--json] [--html FILE] [--node NAME]`:
// timelines per IKE SA and findings. Exit 0 without error findings, 1 with, 2 on usage errors.
import { analyzeRecords, combinePeerLogs, type LogAnalysis } from '../analyze.js';
import { readRecords } from '../ingest/source.js';
import { analysisJson } from '../report/json.js';
import { analysisText } from '../report/terminal.js';
import { parseCli } from './args.js';
import { UsageError } from './errors.js';
import type { Io } from './main.js';

export async function analyzeFile(file: string, node?: string): Promise<LogAnalysis> {
  return analyzeRecords(await readRecords(file), file, node);
}

export async function analyzeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCli(
    args,
    { json: { type: 'boolean' }, 'peer-log': { type: 'string' }, html: { type: 'string' }, node: { type: 'string' }, 'peer-node': { type: 'string' } },
    1,
  );
  if (values.html !== undefined) throw new UsageError('--html: HTML reports are not available yet in this version');
  const file = positionals[0] ?? '-';
  const a = await analyzeFile(file, values.node);
  const peer = values['peer-log'] !== undefined ? await analyzeFile(values['peer-log'], values['peer-node']) : undefined;
  const result = peer ? combinePeerLogs(a, peer) : a;
  io.out(values.json ? JSON.stringify(analysisJson(result, peer), null, 2) + '\n' : analysisText(result, io.color, peer));
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
