import { defineConfig } from 'vitest/config';

// One run, four projects: the output names each one, so a reader sees that the same
// integration suite ran on PGlite and on PostgreSQL, and that the browser tests ran in Chromium.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/emulators/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['tests/integration/**/*.test.ts'],
          env: { TEST_DB: 'pglite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/integration/**/*.test.ts'],
          env: { TEST_DB: 'postgres' },
          globalSetup: ['tests/support/postgres-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'chromium',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/browser-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
