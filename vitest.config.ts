import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{grammars,analyzer,harness,reports,corpus}/**/*.test.ts'],
    testTimeout: 60_000,
    // the JSON report is what .ci/run counts to print `N passed, N failed`
    reporters: ['default', ['json', { outputFile: '.artifacts/vitest-results.json' }]],
  },
});
