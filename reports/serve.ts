// The local server of `ikelens serve`: the paste page and its two script bundles, nothing else, on
// 127.0.0.1 only. Requests whose Host is not this address (DNS rebinding: another site's name
// pointed at 127.0.0.1) are refused, as are methods other than GET/HEAD. Every response carries
// the page's Content-Security-Policy; nothing the user pastes ever reaches the server.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_PATH, WORKER_PATH, pageContentSecurityPolicy, pageHtml } from './page/page.js';

/** The only address served. */
export const LOOPBACK = '127.0.0.1';

/** The browser bundle built by scripts/build-page.mjs (dist/reports/page/app.bundle.js, next to this module when compiled). */
export const BUNDLE_URL = new URL('./page/app.bundle.js', import.meta.url);
/** The Web Worker's bundle (dist/reports/page/worker.bundle.js). */
export const WORKER_BUNDLE_URL = new URL('./page/worker.bundle.js', import.meta.url);

export class ServeError extends Error {}

export interface PageServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function headers(type: string, length: number): Record<string, string | number> {
  return {
    'Content-Type': type,
    'Content-Length': length,
    'Content-Security-Policy': pageContentSecurityPolicy({ header: true }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Uint8Array, extra: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  res.writeHead(status, { ...headers(type, bytes.byteLength), ...extra });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** Start serving on 127.0.0.1:`port` (0: a free port). Rejects with a ServeError sentence. */
export async function startPageServer(port: number): Promise<PageServer> {
  let bundle: Uint8Array;
  let workerBundle: Uint8Array;
  try {
    bundle = readFileSync(BUNDLE_URL);
    workerBundle = readFileSync(WORKER_BUNDLE_URL);
  } catch {
    throw new ServeError('the page bundle is missing: run `npm run build` (or `npm install`) first');
  }
  const page = pageHtml();
  let allowedHosts = new Set<string>();
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) return send(req, res, 421, 'text/plain; charset=utf-8', `This server answers only to http://${LOOPBACK}:${port}/ (Host: ${host || 'none'} refused).\n`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(req, res, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD.\n', { Allow: 'GET, HEAD' });
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' || path === '/index.html') return send(req, res, 200, 'text/html; charset=utf-8', page);
    if (path === APP_PATH) return send(req, res, 200, 'text/javascript; charset=utf-8', bundle);
    if (path === WORKER_PATH) return send(req, res, 200, 'text/javascript; charset=utf-8', workerBundle);
    return send(req, res, 404, 'text/plain; charset=utf-8', 'Not found.\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new ServeError(
          e.code === 'EADDRINUSE'
            ? `port ${port} on ${LOOPBACK} is in use; choose another with --port (0 picks a free one)`
            : e.code === 'EACCES'
              ? `port ${port} on ${LOOPBACK} needs privileges; choose a port above 1023 with --port`
              : `cannot listen on ${LOOPBACK}:${port}: ${e.code ?? e.message}`,
        ),
      ),
    );
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  port = actual;
  allowedHosts = new Set([`${LOOPBACK}:${actual}`, `localhost:${actual}`]);
  return {
    url: `http://${LOOPBACK}:${actual}/`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
