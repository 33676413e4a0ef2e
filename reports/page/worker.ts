// The paste page's Web Worker (bundled by scripts/build-page.mjs, served as /worker.js): each
// request is analysed and rendered (analyse.ts) and the HTML posted back.
import { analysePaste, type AnalyseRequest } from './analyse.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<AnalyseRequest>) => void) | null; postMessage(m: unknown): void };
scope.onmessage = (e) => scope.postMessage(analysePaste(e.data));
