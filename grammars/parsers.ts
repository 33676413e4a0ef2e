// The generated parsers (grammars/_generated), loaded with V8's code cache.
//
// Why. A first pass over a log spends about a fifth of its time compiling the parsers' functions
// (V8 compiles a function when it is first called), and most logs are read once: that is much of
// what a user waits for. Node 20 has no code cache for ES modules, but `vm.Script` takes one for a
// classic script, so the build writes each parser again as a script (`<name>.script.js`, the same
// code: scripts/build-grammars.mjs `scriptCode`) and this module runs it with the bytecode V8 made
// for it before. On the corpus pass the first parses took 15-20 % less and loading the parsers a
// third less.
//
// The cache. One file per parser in `_generated/code-cache/` (IKELENS_CODE_CACHE names another
// directory; `off` turns the cache off), named by a hash of the script, Node's version and
// platform, and the flags the process runs with (V8 rejects a cache made under other flags). A
// parser without an accepted cache is compiled as usual, and its cache is written when the process
// exits, with the functions it compiled by then; `npm run build` writes the caches for plain
// `node` by parsing every grammar sample (grammars/prime.ts). A cache V8 rejects (another build,
// a damaged file) costs nothing but the compile and is replaced. Writes go to a temporary file
// renamed into place, so processes running side by side never read half a file; a directory that
// cannot be written leaves the parsers uncached.
//
// The page's bundle uses parsers.browser.ts instead (scripts/build-page.mjs): the ES modules.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type * as EnvelopeModule from './_generated/envelope.js';
import type * as ProbeModule from './_generated/envelope.probe.js';
import type * as BodyModule from './_generated/ios.js';

export type CodeCacheStatus = 'accepted' | 'rejected' | 'absent' | 'off';

const GENERATED = fileURLToPath(new URL('./_generated/', import.meta.url));
const setting = process.env.IKELENS_CODE_CACHE;
const CACHE_DIR = setting === 'off' ? null : setting ? setting.replace(/\/?$/, '/') : `${GENERATED}code-cache/`;

const statuses: Record<string, CodeCacheStatus> = {};
/** Caches to write at exit: parsers that had none V8 accepted. */
const unsaved: { file: string; script: Script }[] = [];

function load<T>(name: string): T {
  const path = `${GENERATED}${name}.script.js`;
  const source = readFileSync(path, 'utf8');
  let cachedData: Buffer | undefined;
  let file = '';
  if (CACHE_DIR !== null) {
    const key = createHash('sha256')
      .update([source, process.version, process.platform, process.arch, process.execArgv.join(' '), process.env.NODE_OPTIONS ?? ''].join('\0'))
      .digest('hex')
      .slice(0, 24);
    file = `${CACHE_DIR}${name}-${key}.bin`;
    try {
      cachedData = readFileSync(file);
    } catch {
      // none yet
    }
  }
  const script = new Script(source, { filename: path, cachedData });
  statuses[name] = CACHE_DIR === null ? 'off' : cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  if (CACHE_DIR !== null && statuses[name] !== 'accepted') {
    if (unsaved.length === 0) process.once('exit', saveCodeCache);
    unsaved.push({ file, script });
  }
  return (script.runInThisContext() as () => T)();
}

/** Write the caches of the parsers that had none accepted (at exit; callable earlier). */
export function saveCodeCache(): void {
  const pending = unsaved.splice(0);
  if (pending.length === 0) return;
  try {
    mkdirSync(CACHE_DIR!, { recursive: true });
  } catch {
    return; // a read-only install: the parsers simply stay uncached
  }
  for (const { file, script } of pending) {
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, file);
    } catch {
      // (a file that cannot be written: that parser stays uncached)
    }
  }
}

/** How each parser was loaded: with an accepted cache, a rejected one, none yet, or the cache off. */
export function codeCacheStatus(): Readonly<Record<string, CodeCacheStatus>> {
  return { ...statuses };
}

export const envelopeParser = load<typeof EnvelopeModule>('envelope');
export const probeParser = load<typeof ProbeModule>('envelope.probe');
export const iosParser = load<typeof BodyModule>('ios');
export const asaParser = load<typeof BodyModule>('asa');
export const strongswanParser = load<typeof BodyModule>('strongswan');
export const showParser = load<typeof BodyModule>('show');
export const consoleParser = load<typeof BodyModule>('console');
