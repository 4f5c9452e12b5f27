import { defineConfig } from 'vitest/config';

// Two projects: "unit" tests are pure (no database); "db" tests run against PGlite, or against the
// PostgreSQL in TEST_DATABASE_URL when it is set (.ci/run does both).
export default defineConfig({
  test: {
    env: { TZ: 'Europe/Berlin' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          exclude: ['src/**/*.db.test.ts', 'src/**/*.db.test.tsx'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts', 'src/**/*.db.test.tsx', 'test/db/**/*.test.ts'],
          globalSetup: ['test/support/db-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
