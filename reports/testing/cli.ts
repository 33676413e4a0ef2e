// Test support: the CLI in-process (from the sources, so it does not depend on a fresh build),
// with its output and exit code captured.
import { main } from '../../analyzer/cli/main.js';

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), color: false });
  return { code, out, err };
}
