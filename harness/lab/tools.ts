// The programs the lab drives, and their installation: scripts/install-deps.sh (the project's
// one installer, which .ci/run also calls) installs what is missing. Under CI a missing tool
// after that is an error, never a skip.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHARON } from './charon.js';

/** Program → what provides it (for messages); scripts/install-deps.sh holds the same map. */
export const LAB_TOOLS: readonly { readonly tool: string; readonly pkg: string }[] = [
  { tool: 'ip', pkg: 'iproute2' },
  { tool: CHARON, pkg: 'strongswan-charon' },
  { tool: 'swanctl', pkg: 'strongswan-swanctl' },
  { tool: '/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so', pkg: 'libcharon-extra-plugins' },
  { tool: '/usr/lib/ipsec/plugins/libstrongswan-xauth-generic.so', pkg: 'libcharon-extauth-plugins' },
  { tool: '/usr/lib/ipsec/plugins/libstrongswan-openssl.so', pkg: 'libstrongswan-standard-plugins' },
  { tool: 'tshark', pkg: 'tshark' },
  { tool: 'ping', pkg: 'iputils-ping' },
  { tool: 'nft', pkg: 'nftables' },
];

function present(tool: string): boolean {
  if (tool.startsWith('/')) return existsSync(tool);
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

/** The lab tools that are missing now. */
export function missingLabTools(): string[] {
  return LAB_TOOLS.filter((t) => !present(t.tool)).map((t) => `${t.tool} (${t.pkg})`);
}

/** scripts/install-deps.sh of this checkout (from the sources or from dist/, whichever runs). */
function installScript(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    const f = join(dir, 'scripts', 'install-deps.sh');
    if (existsSync(f)) return f;
  }
  return null;
}

/**
 * Makes sure the lab can run: root, and every tool (running scripts/install-deps.sh when one is
 * missing). Returns null when ready, else one sentence saying what is wrong.
 */
export function labReadiness(opts: { install?: boolean } = {}): string | null {
  if (process.getuid?.() !== 0) return 'the interop lab needs root (network namespaces, charon): run it as root';
  let missing = missingLabTools();
  const script = installScript();
  if (missing.length && opts.install !== false && script) {
    spawnSync('bash', [script], { stdio: ['ignore', 'inherit', 'inherit'] });
    missing = missingLabTools();
  }
  return missing.length ? `the interop lab needs ${missing.join(', ')}: run scripts/install-deps.sh as root` : null;
}
