// `npm run bench`: measures and prints; benchmarks are not tests.
//   --mb N      size of the parsing input (default 64; use 1024 for the 1 GB memory check)
//   --only NAME run one benchmark (parse, esp, ikev1)
import { parseArgs } from 'node:util';
import { espBench } from './esp.js';
import { ikev1Bench } from './ikev1.js';
import { parseBench, worker } from './parse.js';

const { values, positionals } = parseArgs({
  options: { mb: { type: 'string', default: '64' }, only: { type: 'string' }, worker: { type: 'string' } },
  allowPositionals: true,
});

if (values.worker) {
  await worker(values.worker, positionals[0]!);
} else {
  const benches: Record<string, () => void> = {
    parse: () => parseBench(Math.max(50, Number(values.mb)), (s) => console.log(s)),
    esp: () => void espBench((s) => console.log(s)),
    ikev1: () => void ikev1Bench((s) => console.log(s)),
  };
  for (const [name, run] of Object.entries(benches)) if (!values.only || values.only === name) run();
}
