// `ikelens analyze [FILE|-] [--peer-log FILE] [--json] [--html FILE|-] [--show-secrets] [--node NAME]`:
// timelines per IKE SA and findings. Exit 0 without error findings, 1 with, 2 on usage errors.
// --html writes the self-contained HTML report (reports/) to FILE (`-`: standard output);
// keys and passwords in it are redacted unless --show-secrets.
import { writeFileSync } from 'node:fs';
import { analyzeRecords, combinePeerLogs, type LogAnalysis } from '../analyze.js';
import { readRecords } from '../ingest/source.js';
import { analysisJson } from '../report/json.js';
import { redactAnalysis } from '../report/redact.js';
import { analysisText } from '../report/terminal.js';
import { htmlReport } from '../../reports/index.js';
import { parseCli } from './args.js';
import { UsageError } from './errors.js';
import type { Io } from './main.js';

export async function analyzeFile(file: string, node?: string): Promise<LogAnalysis> {
  return analyzeRecords(await readRecords(file), file, node);
}

/** Write an HTML report to FILE, or to standard output for `-`. */
export function writeHtml(target: string, html: string, io: Io): void {
  if (target === '-') return io.out(html);
  try {
    writeFileSync(target, html);
  } catch (e) {
    throw new UsageError(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export async function analyzeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCli(
    args,
    { json: { type: 'boolean' }, 'peer-log': { type: 'string' }, html: { type: 'string' }, node: { type: 'string' }, 'peer-node': { type: 'string' }, 'show-secrets': { type: 'boolean' } },
    1,
  );
  if (values.html === '') throw new UsageError('--html needs a file name (or - for standard output)');
  const file = positionals[0] ?? '-';
  const a = await analyzeFile(file, values.node);
  const peer = values['peer-log'] !== undefined ? await analyzeFile(values['peer-log'], values['peer-node']) : undefined;
  const result = peer ? combinePeerLogs(a, peer) : a;
  if (values.html !== undefined) {
    writeHtml(values.html, htmlReport(result, { ...(peer ? { peer, compare: [a, peer] as const } : {}), showSecrets: values['show-secrets'] === true }), io);
  }
  // what is printed shows no keys or passwords unless asked (the HTML report redacts on its own)
  const shown = values['show-secrets'] === true ? result : redactAnalysis(result);
  if (values.html === '-') {
    // the page went to standard output; nothing else may follow it
  } else if (values.json) io.out(JSON.stringify(analysisJson(shown, peer), null, 2) + '\n');
  else if (values.html !== undefined) io.out(`report written to ${values.html}\n`);
  else io.out(analysisText(shown, io.color, peer));
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
