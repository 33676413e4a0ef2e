// `ikelens` command line. Each command is one module; this file only dispatches and turns
// usage errors into one clear sentence and exit code 2.
import { InputError } from '../ingest/source.js';
import { analyzeCommand } from './analyze.js';
import { diffCommand } from './diff.js';
import { parseCommand } from './parse.js';
import { serveCommand } from './serve.js';

export { UsageError } from "./errors.js";
import { UsageError } from "./errors.js";

const USAGE = `usage: ikelens <command> [options]

commands:
  analyze [FILE|-]   read a debug log (a file, or - / no file for standard input): one timeline
                     per IKE SA (MM1-MM6, AM1-AM3, QM1-QM3, ...) and findings with evidence
                     lines and fixes. --json for the versioned JSON (docs/json-output.md),
                     --html FILE for a self-contained HTML report; keys and passwords are
                     redacted in every output unless --show-secrets,
                     --peer-log FILE for the other peer's log (one two-sided timeline; with
                     --html the two timelines are also compared side by side).
                     Exit 0: no error finding, 1: error findings, 2: usage or unreadable input.
  diff A B           compare two timelines (two logs, or a log and the JSON of analyze --json):
                     aligned exchanges, the first divergence, the parameters that differ
                     (cookies, SPIs, message IDs, nonces and times are ignored). Exit 1 if they differ.
                     --html FILE: the report of both logs with the timelines side by side.
  parse [FILE|-]     print the typed records of a log, one per line (--json: JSON lines;
                     --summary: dialects, coverage, record kinds, lines not understood)
  interop            run the interop scenarios (harness/interop/scenarios) in network namespaces
                     against strongSwan, as root: a table (scenario, role, verdict, time);
                     --filter PATTERN (substring or glob), --junit FILE, --keep DIR (logs, pcap,
                     key tables of failed cases), --reports DIR (an HTML report per scenario),
                     --jobs N, --list. Exit 0 all pass, 1 some fail.
  serve              the paste-to-diagnose page on http://127.0.0.1:8377/ (--port N, 0 for a
                     free port; --open-none: do not open a browser). Paste or drop a log: the
                     analysis and the report run in the browser, nothing is uploaded.
  peer --config FILE run the reference IKEv1 engine on UDP sockets, configured like a device
                     (docs/peer-config.md): --initiate PEER, --events FILE.jsonl, --keys FILE,
                     --for SECONDS, --until established|done; a live ladder and a summary.
  help               this text

Analyse a paste: pbpaste | ikelens analyze -   (or: ikelens analyze < paste.txt)`;

export type Command = (args: string[], io: Io) => Promise<number>;
export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly color: boolean;
}

const COMMANDS: Record<string, Command> = {
  analyze: analyzeCommand,
  diff: diffCommand,
  parse: parseCommand,
  serve: serveCommand,
};

/**
 * Runs one command line. `extra`: commands whose modules live outside the analyzer (the analyzer
 * never imports the harness: harness/cli/main.ts passes its own table here).
 */
export async function main(argv: string[], io: Io = defaultIo(), extra: Readonly<Record<string, Command>> = {}): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    io.out(USAGE + '\n');
    return cmd ? 0 : 2;
  }
  const run = COMMANDS[cmd] ?? extra[cmd];
  if (!run) {
    io.err(`ikelens: unknown command "${cmd}"; run "ikelens help" for the list.\n`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.err(`ikelens ${cmd}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export function defaultIo(): Io {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}
