// Test support: real tools from Debian that some tests drive (tshark, Chromium). Under CI a
// missing tool fails the test file (CI must never skip silently); elsewhere the caller skips
// with `describe.skipIf(!present)`. scripts/install-deps.sh installs them.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** Whether `command --version` runs (or, for a path, the file exists); throws under CI when not. */
export function requireTool(command: string): boolean {
  const present = command.startsWith('/') ? existsSync(command) : spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
  if (!present && process.env.CI) throw new Error(`${command} is required in CI: run scripts/install-deps.sh (as root) first`);
  return present;
}
