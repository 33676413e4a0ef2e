// Test support for the lab tests (*.e2e.test.ts under harness/lab and harness/interop): they need
// root and the lab's Debian tools. Under CI a missing one fails the test file, as requireTool
// does for single tools; elsewhere the caller skips with `describe.skipIf(!ready)`.
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingLabTools } from '../lab/tools.js';

export function requireLab(): boolean {
  const root = process.getuid?.() === 0;
  const missing = missingLabTools();
  if (process.env.CI && !root) throw new Error('the lab tests need root in CI (network namespaces, charon)');
  if (process.env.CI && missing.length) throw new Error(`${missing.join(', ')} required in CI: run scripts/install-deps.sh (as root) first`);
  return root && missing.length === 0;
}

/** PIDs of the charons (STRONGSWAN_CONF path in their environment) and `ikelens peer` processes (--config path) of labs whose names begin with `prefix`. */
export function labDaemons(prefix: string): number[] {
  const marker = `STRONGSWAN_CONF=${join(tmpdir(), prefix)}`;
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/environ`, 'latin1').includes(marker)) pids.push(Number(d));
      // an `ikelens peer` of the lab: its --config file lies in the lab's directory
      else if (readFileSync(`/proc/${d}/cmdline`, 'latin1').includes(`\0peer\0--config\0${join(tmpdir(), prefix)}`)) pids.push(Number(d));
    } catch {
      // gone meanwhile, or a kernel thread
    }
  }
  return pids;
}
