// `npm run bench`: measures and prints; benchmarks are not tests.
//   --mb N      size of the parsing input (default 64; use 1024 for the 1 GB memory check)
//   --runs N    repeats of each parsing measurement, each in a fresh process (default 3; the median is shown)
//   --only NAME run one benchmark (parse, esp, ikev1, render)
import { parseArgs } from 'node:util';
import { espBench } from './esp.js';
import { ikev1Bench } from './ikev1.js';
import { parseBench, worker } from './parse.js';
import { renderBench } from './render.js';

const { values, positionals } = parseArgs({
  options: { mb: { type: 'string', default: '64' }, runs: { type: 'string', default: '3' }, only: { type: 'string' }, worker: { type: 'string' } },
  allowPositionals: true,
});

if (values.worker) {
  await worker(values.worker, positionals[0]!);
} else {
  const benches: Record<string, () => void> = {
    parse: () => parseBench(Math.max(50, Number(values.mb)), Math.max(1, Math.floor(Number(values.runs)) || 1), (s) => console.log(s)),
    esp: () => void espBench((s) => console.log(s)),
    ikev1: () => void ikev1Bench((s) => console.log(s)),
    render: () => void renderBench((s) => console.log(s)),
  };
  for (const [name, run] of Object.entries(benches)) if (!values.only || values.only === name) run();
}
