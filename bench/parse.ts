// Parsing benchmark: a log of at least 50 MB built from corpus lines of every dialect, parsed
// streaming (records are folded into counts, never kept), beside the cost of merely splitting
// the same file into lines. Each measurement runs in its own process so its peak RSS is its own.
//
// Two inputs: `repeated` repeats the corpus verbatim; `varied` renumbers every repetition
// (addresses, message IDs, SPIs, times) the way a long real log of many negotiations differs
// from line to line, so the body cache only helps where real logs repeat themselves.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogReader, type LogRecord } from '../grammars/index.js';
import { openSource, READ_CHUNK_BYTES } from '../analyzer/ingest/source.js';
import { NODE_OPTIONS } from '../analyzer/cli/node-options.js';
import { codeCacheStatus, saveCodeCache } from '../grammars/parsers.js';
import { primeParsers } from '../grammars/prime.js';
import { corpusEntries } from '../corpus/entries.js';

const MB = 1024 * 1024;
/** Bump when buildInput or vary change what they write. */
const INPUT_VERSION = 2;

/** Corpus lines of every dialect, in file order. */
export function corpusLines(): { lines: string[]; logs: number; families: string[] } {
  const lines: string[] = [];
  const families = new Set<string>();
  let logs = 0;
  for (const e of corpusEntries())
    for (const l of e.logs) {
      logs++;
      families.add(e.name.split('-')[0]! + (e.name.includes('-show-') ? '/show' : ''));
      for (const line of readFileSync(l.path, 'utf8').split('\n')) if (line.trim()) lines.push(line);
    }
  return { lines, logs, families: [...families].sort() };
}

/** Renumber one line for repetition `i`: other addresses, IDs, SPIs and times, same shapes (and lengths). */
export function vary(line: string, i: number): string {
  return line
    .replace(/\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g, (_m, a, b, c, d) => `${a}.${b}.${(Number(c) + i) % 256}.${d}`)
    .replace(/\b([0-9A-Fa-f]{8})\b/g, (m) => (/^\d+$/.test(m) ? m : ((parseInt(m, 16) ^ (i * 2654435761)) >>> 0).toString(16).padStart(8, '0')))
    .replace(/\b(\d{6,10})\b/g, (m) => String((Number(m) + i * 7919) % Math.min(4294967296, 10 ** m.length)).padStart(m.length, '0'))
    .replace(/\b(\d\d):(\d\d):(\d\d)\b/g, (_m, h, mi, s) => `${h}:${String((Number(mi) + i) % 60).padStart(2, '0')}:${s}`);
}

/** Write the benchmark input (cached in the temp dir by size and variant). */
export function buildInput(sizeMb: number, variant: 'repeated' | 'varied'): { path: string; lines: number; bytes: number } {
  const dir = join(tmpdir(), 'ikelens-bench');
  mkdirSync(dir, { recursive: true });
  const src = corpusLines();
  // the name changes with the corpus and with the way inputs are built, so a cached file is never stale
  const path = join(dir, `corpus-${variant}-${sizeMb}mb-${src.lines.length}l-v${INPUT_VERSION}.log`);
  const target = sizeMb * MB;
  if (existsSync(path) && statSync(path).size >= target) return { path, lines: -1, bytes: statSync(path).size };
  const fd = openSync(path, 'w');
  let bytes = 0;
  let lines = 0;
  for (let i = 0; bytes < target; i++) {
    const block = (variant === 'varied' ? src.lines.map((l) => vary(l, i)) : src.lines).join('\n') + '\n';
    writeSync(fd, block);
    bytes += Buffer.byteLength(block);
    lines += src.lines.length;
  }
  closeSync(fd);
  return { path, lines, bytes };
}

export interface Measure {
  mode: string;
  bytes: number;
  lines: number;
  records: number;
  unparsed: number;
  seconds: number;
  maxRssMiB: number;
  /** Split baseline: characters of the line strings made (keeps them from being optimised away). */
  chars?: number;
  /** Live heap after a full GC at the end: what the parser really holds (RSS also counts V8's slack). */
  liveHeapMiB: number;
  cacheHitRate?: number;
  /** Lines whose envelope came from the envelope memo (grammars/envelope-memo.ts). */
  envelopeHitRate?: number;
  /**
   * Seconds spent on the first 1 MB (the chunks up to it): it holds a whole pass over the corpus
   * lines, so every distinct line is parsed there for the first time, by code V8 has not
   * optimised yet (warm-up).
   */
  firstMbSeconds: number;
  firstMbBytes: number;
  /** Minor page faults during the run: first touches of memory, which cost 1.5-10 µs each here. */
  pageFaults: number;
  /** How the parsers were loaded (grammars/parsers.ts): how many with each code cache status. */
  codeCache: Record<string, number>;
}

/** Runs inside a child process: stream the file once in `mode`. */
export async function measure(path: string, mode: 'split' | 'parse' | 'parse-nocache'): Promise<Measure> {
  const faults0 = process.resourceUsage().minorPageFault;
  const t0 = process.hrtime.bigint();
  let lines = 0;
  let records = 0;
  let unparsed = 0;
  let bytes = 0;
  const reader = mode === 'split' ? null : new LogReader({ cache: mode === 'parse' });
  let partial = '';
  let chars = 0;
  // records are folded as they complete (the reader's streaming form: nothing piles up per chunk)
  const count = (r: LogRecord): void => {
    records++;
    lines += r.endLine - r.line + 1;
    if (r.kind === 'unparsed') unparsed++;
  };
  let firstMbSeconds = 0;
  let firstMbBytes = 0;
  // read as the CLI reads a file (analyzer/ingest/source.ts)
  for await (const chunk of openSource(path)) {
    bytes += chunk.length;
    if (reader) reader.pushEach(chunk, count);
    else {
      // the baseline: the same chunks, split into line strings
      const text = partial + chunk;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        // the line string is made, as the reader makes it; its length is summed so it is used
        chars += text.slice(start, nl).length;
        lines++;
        start = nl + 1;
      }
      partial = text.slice(start);
    }
    if (firstMbBytes === 0 && bytes >= MB) {
      firstMbSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      firstMbBytes = bytes;
    }
  }
  if (reader) reader.endEach(count);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const stats = reader?.cacheStats;
  const usage = process.resourceUsage();
  (globalThis as { gc?: () => void }).gc?.();
  return {
    mode,
    bytes,
    lines,
    records,
    unparsed,
    seconds,
    firstMbSeconds,
    firstMbBytes,
    pageFaults: usage.minorPageFault - faults0,
    codeCache: Object.values(codeCacheStatus()).reduce<Record<string, number>>((n, st) => ({ ...n, [st]: (n[st] ?? 0) + 1 }), {}),
    maxRssMiB: usage.maxRSS / 1024,
    liveHeapMiB: process.memoryUsage().heapUsed / 1048576,
    ...(reader ? {} : { chars }),
    ...(stats && stats.hits + stats.misses > 0 ? { cacheHitRate: stats.hits / (stats.hits + stats.misses) } : {}),
    ...(stats && stats.envelopeHits + stats.envelopeMisses > 0 ? { envelopeHitRate: stats.envelopeHits / (stats.envelopeHits + stats.envelopeMisses) } : {}),
  };
}

/**
 * Run the worker in `mode` in a fresh process (clean heap, its own peak RSS), with the Node options
 * the ikelens command runs with (analyzer/cli/node-options.ts); its last line of output.
 */
function inChild(path: string, mode: string): string {
  const self = fileURLToPath(new URL('./run.js', import.meta.url));
  const r = spawnSync(process.execPath, ['--expose-gc', ...NODE_OPTIONS, self, '--worker', mode, path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench worker ${mode} failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').pop()!;
}

const measureInChild = (path: string, mode: string): Measure => JSON.parse(inChild(path, mode)) as Measure;

/**
 * The measuring processes run with --expose-gc (for the live heap), and V8 takes a code cache only
 * from a process with the same flags: the parsers' cache is written for them first, as `npm run
 * build` writes it for plain `node` and for the command's options (grammars/parsers.ts, grammars/prime.ts).
 */
function primeCodeCache(): void {
  inChild('', 'prime');
}

/** A row of the table: the run of median time among the repeats, and the rates of all of them. */
interface Row {
  readonly name: string;
  readonly median: Measure;
  readonly rates: readonly number[];
}

const rateOf = (m: Measure): number => m.bytes / MB / m.seconds;

function row(name: string, runs: readonly Measure[]): Row {
  const byTime = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { name, median: byTime[(byTime.length - 1) >> 1]!, rates: runs.map(rateOf) };
}

/**
 * `runs` repeats of each measurement, each in a fresh process, taken in turns (split, parse, ...)
 * so that the machine's slow and fast moments fall on all of them alike; a row shows the run of
 * median time and the range of the rates.
 */
export function parseBench(sizeMb: number, runs: number, log: (s: string) => void): void {
  const src = corpusLines();
  log(`parsing: ${sizeMb} MB logs built from ${src.lines.length} lines of ${src.logs} corpus logs (${src.families.join(', ')}), ${runs} run(s) of each`);
  primeCodeCache();
  const rows: Row[] = [];
  for (const variant of ['repeated', 'varied'] as const) {
    const input = buildInput(sizeMb, variant);
    const modes = variant === 'repeated' ? (['split', 'parse'] as const) : (['split', 'parse', 'parse-nocache'] as const);
    const taken = new Map<string, Measure[]>(modes.map((m) => [m, []]));
    for (let r = 0; r < runs; r++) for (const mode of modes) taken.get(mode)!.push(measureInChild(input.path, mode));
    if (variant === 'repeated') rows.push(row('split into lines (baseline)', taken.get('split')!));
    rows.push(row(`parse ${variant}`, taken.get('parse')!));
    if (variant === 'varied') {
      rows.push(row(`parse ${variant}, no body cache`, taken.get('parse-nocache')!));
      rows.push(row('split into lines (baseline, varied)', taken.get('split')!));
    }
  }
  const baseRate = rateOf(rows[0]!.median);
  const percent = (x: number | undefined): string => (x === undefined ? '' : (100 * x).toFixed(1) + '%');
  // the table's columns: heading, width, cell
  const columns: [string, number, (r: Row) => string][] = [
    ['MB/s', 8, (r) => rateOf(r.median).toFixed(1)],
    ['range', 12, (r) => (r.rates.length > 1 ? `${Math.min(...r.rates).toFixed(1)}-${Math.max(...r.rates).toFixed(1)}` : '')],
    ['x split', 8, (r) => (rateOf(r.median) / baseRate).toFixed(3)],
    ['1st MB', 8, (r) => (r.median.firstMbSeconds * 1000).toFixed(0) + ' ms'],
    ['then MB/s', 9, ({ median: m }) => ((m.bytes - m.firstMbBytes) / MB / (m.seconds - m.firstMbSeconds)).toFixed(1)],
    ['faults', 7, (r) => String(r.median.pageFaults)],
    ['peak RSS', 9, (r) => r.median.maxRssMiB.toFixed(0) + ' MiB'],
    ['live heap', 9, (r) => r.median.liveHeapMiB.toFixed(0) + ' MiB'],
    ['cache hits', 10, (r) => percent(r.median.cacheHitRate)],
    ['env memo', 8, (r) => percent(r.median.envelopeHitRate)],
    ['unparsed', 8, (r) => String(r.median.unparsed)],
  ];
  log(`  ${'measurement'.padEnd(36)}${columns.map(([h, w]) => ' ' + h.padStart(w)).join('')}`);
  for (const r of rows) log(`  ${r.name.padEnd(36)}${columns.map(([, w, cell]) => ' ' + cell(r).padStart(w)).join('')}`);
  log('  target: parse >= 50 MB/s; peak RSS < 256 MB for a 1 GB input (npm run bench -- --mb 1024 --runs 1)');
  log('  MB/s and the other columns: the run of median time; range: the rates of all runs');
  const caches = rows[1]!.median.codeCache;
  log(`  the parsers' code cache in the measuring processes (grammars/parsers.ts): ${Object.entries(caches).map(([st, n]) => `${n} ${st}`).join(', ')}`);
  log(`  read as the CLI reads a file: ${READ_CHUNK_BYTES / 1024} KB at a time into one re-used buffer (analyzer/ingest/source.ts)`);
  log(`  measuring processes: node --expose-gc ${NODE_OPTIONS.join(' ')} (the ikelens command's options: analyzer/cli/node-options.ts)`);
  log('  1st MB: time of the first 1 MB, a whole pass over the corpus lines: each distinct line parsed for the first time,');
  log('  by code V8 has not optimised yet (a fixed warm-up cost whatever the size); then MB/s: the rate over the rest of the file');
  log('  faults: minor page faults in the run (first touches of memory; 1.5-10 µs each on these machines, most while V8 grows its heap)');
  log('  cache hits: body cache; env memo: lines whose envelope the envelope memo gave (grammars/README.md)');
  log('  live heap: what the parser holds after a full GC at the end (flat whatever the size; RSS adds V8 heap slack)');
}

export async function worker(mode: string, path: string): Promise<void> {
  if (mode === 'prime') {
    primeParsers();
    saveCodeCache();
    return;
  }
  const m = await measure(path, mode as 'split' | 'parse' | 'parse-nocache');
  writeFileSync(1, JSON.stringify(m) + '\n');
}
