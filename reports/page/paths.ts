// The paths the paste page loads from its own server (serve.ts answers these and `/` only).
/** The page's script: the bundle of app.ts. */
export const APP_PATH = '/app.js';
/** The page's Web Worker: the bundle of worker.ts (grammars, analyzer, renderer). */
export const WORKER_PATH = '/worker.js';
