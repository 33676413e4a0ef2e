// `ikelens serve [--port N] [--open-none]`: the paste-to-diagnose page on http://127.0.0.1:N/
// (reports/serve.ts). Prints the URL, opens it in the system browser unless --open-none, and
// runs until SIGINT or SIGTERM (exit 0). A bad port, a port in use or another host: one
// sentence, exit 2.
import { spawn } from 'node:child_process';
import { LOOPBACK, ServeError, startPageServer } from '../../reports/serve.js';
import { parseCli } from './args.js';
import { UsageError } from './errors.js';
import type { Io } from './main.js';

const DEFAULT_PORT = 8377;

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (0 picks a free port), not "${text}"`);
  return Number(text);
}

/** Best effort: the platform's opener; if there is none the printed URL is enough. */
function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no opener: the URL is printed
  }
}

export async function serveCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCli(args, { port: { type: 'string' }, host: { type: 'string' }, 'open-none': { type: 'boolean' } }, 0);
  if (values.host !== undefined && values.host !== LOOPBACK && values.host !== 'localhost')
    throw new UsageError(`the page is served on ${LOOPBACK} only (it is for this machine); --host ${values.host} is refused`);
  const port = parsePort(values.port);
  let server;
  try {
    server = await startPageServer(port);
  } catch (e) {
    if (e instanceof ServeError) throw new UsageError(e.message);
    throw e;
  }
  io.out(`ikelens serve: ${server.url} (the analysis runs in your browser; Ctrl-C stops)\n`);
  if (!values['open-none']) openInBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
