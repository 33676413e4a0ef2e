// The harness commands of `ikelens` (bin/ikelens.js routes them here; the analyzer never imports
// the harness): `peer` runs the reference engine on UDP sockets. Each command is one module; usage
// errors become one sentence and exit code 2, as in analyzer/cli/main.ts.
import { UsageError } from '../../analyzer/cli/errors.js';
import { defaultIo, type Io } from '../../analyzer/cli/main.js';
import { peerCommand } from './peer.js';

type Command = (args: string[], io: Io) => Promise<number>;

/** The harness command table (the interop lab's `interop` joins it). */
export const HARNESS_COMMANDS: Readonly<Record<string, Command>> = {
  peer: peerCommand,
};

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [cmd, ...rest] = argv;
  const run = cmd === undefined ? undefined : HARNESS_COMMANDS[cmd];
  if (!cmd || !run) {
    io.err(`ikelens: unknown command "${cmd ?? ''}"; run "ikelens help" for the list.\n`);
    return 2;
  }
  return run(rest, io).catch((e: unknown) => {
    if (!(e instanceof UsageError)) throw e;
    io.err(`ikelens ${cmd}: ${e.message}\n`);
    return 2;
  });
}
