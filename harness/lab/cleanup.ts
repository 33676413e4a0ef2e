// Emergency clean-up: whatever the lab creates (namespaces, daemons, captures) registers a
// synchronous undo here while it exists. The normal path undoes things itself (asynchronously,
// in order) and unregisters; this registry covers the other ways out — an exception that skips
// the `finally`, process exit, Ctrl-C (SIGINT) and SIGTERM — so nothing is left behind.
// Undo functions run newest first (daemons before the namespaces they live in).

type Undo = () => void;
const undos: Undo[] = [];
let installed = false;

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

function runAll(): void {
  while (undos.length) {
    const undo = undos.pop()!;
    try {
      undo();
    } catch {
      // best effort: one failing undo must not keep the others from running
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  process.stderr.write(`ikelens lab: ${signal}, cleaning up\n`);
  runAll();
  process.exit(SIGNAL_EXIT[signal] ?? 1);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const s of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) process.on(s, onSignal);
}

function uninstall(): void {
  if (!installed || undos.length) return;
  installed = false;
  process.off('exit', runAll);
  for (const s of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) process.off(s, onSignal);
}

/** Registers a synchronous undo; the returned function unregisters it (after a normal clean-up). */
export function registerUndo(undo: Undo): () => void {
  install();
  undos.push(undo);
  return () => {
    const i = undos.lastIndexOf(undo);
    if (i >= 0) undos.splice(i, 1);
    uninstall();
  };
}

/** Runs every registered undo now (tests, and callers that abort a whole run). */
export function runAllUndos(): void {
  runAll();
  uninstall();
}
