import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SummaryReporter from './test/support/summary-reporter.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', new SummaryReporter()],
    // Only how long a stuck test takes to fail: CPU-bound tests (every labelled line, random runs) need
    // room on a machine several times slower or busier (test/support/patience.ts).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    // Many files wait on child processes, servers or PostgreSQL: at least two workers, even on two
    // cores (vitest's default is cores − 1). The code keeps no module-level state (one createApp per
    // test), so a worker reuses its loaded modules across files instead of importing them again.
    maxWorkers: Math.max(2, availableParallelism()),
    isolate: false,
  },
});
