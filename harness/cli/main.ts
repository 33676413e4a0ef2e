// The harness commands of `ikelens` (bin/ikelens.js routes them here; the analyzer never imports
// the harness): `peer` runs the reference engine on UDP sockets, `interop` the lab's scenarios.
// Each command is one module; the analyzer's `main` runs them (one-sentence errors, exit code 2).
import { defaultIo, main as analyzerMain, type Command, type Io } from '../../analyzer/cli/main.js';
import { interopCommand } from '../interop/cli.js';
import { peerCommand } from './peer.js';

/** The harness command table. */
export const HARNESS_COMMANDS: Readonly<Record<string, Command>> = {
  peer: peerCommand,
  interop: interopCommand,
};

/** The analyzer's command line (help, errors, exit codes) with the harness commands added. */
export function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  return analyzerMain(argv, io, HARNESS_COMMANDS);
}
