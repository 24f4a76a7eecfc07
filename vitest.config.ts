import { defineConfig } from 'vitest/config';

// Three projects so each suite pays only for the setup it needs:
//   tooling  - pure unit tests of the TypeScript tooling (fast)
//   functions - Lambda cores and handlers, against real PostgreSQL, dynalite and s3rver
//   plans    - assertions over build/plans/<env>.json, generated once per run by the global setup
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'tooling',
          include: ['tests/tooling/**/*.test.ts', 'tests/modules/**/*.test.ts', 'tests/repo/**/*.test.ts'],
          exclude: ['tests/tooling/functions/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'functions',
          include: ['tests/functions/**/*.test.ts', 'tests/tooling/functions/**/*.test.ts'],
          globalSetup: ['tests/functions/global-setup.ts'],
          setupFiles: ['tests/functions/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'plans',
          include: ['tests/plans/**/*.test.ts'],
          globalSetup: ['tests/plans/global-setup.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
