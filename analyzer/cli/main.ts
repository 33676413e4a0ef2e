// `ikelens` command line. Each command is one module; this file only dispatches and turns
// usage errors into one clear sentence and exit code 2.
import { InputError } from '../ingest/source.js';
import { parseCommand } from './parse.js';

export { UsageError } from "./errors.js";
import { UsageError } from "./errors.js";

const USAGE = `usage: ikelens <command> [options]

commands:
  analyze [FILE|-]   read a debug log (a file, or - / no file for standard input) and report
                     dialects, coverage and what was recognised
  parse [FILE|-]     print the typed records of a log, one per line (--json for JSON lines)
  help               this text

Analyse a paste: pbpaste | ikelens analyze -   (or: ikelens analyze < paste.txt)`;

type Command = (args: string[], io: Io) => Promise<number>;
export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly color: boolean;
}

const COMMANDS: Record<string, Command> = {
  analyze: parseCommand('summary'),
  parse: parseCommand('records'),
};

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    io.out(USAGE + '\n');
    return cmd ? 0 : 2;
  }
  const run = COMMANDS[cmd];
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

function defaultIo(): Io {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}
