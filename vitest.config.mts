import { defineConfig } from 'vitest/config';
import { HeaviestFirstSequencer } from './tests/support/sequencer';

export default defineConfig({
  test: {
    // Each integration file has databases, instances and an SMTP sink of its own (tests/support/file-backends.ts),
    // so files may run side by side; two at a time on this two-core machine.
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    sequence: { sequencer: HeaviestFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
          // Real Strapi instances are started once for all files and reached over HTTP.
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
