import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One file at a time: integration files share two Strapi instances and assert on database-wide facts
    // (gapless numbers) that another file's concurrent creations would disturb.
    fileParallelism: false,
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
