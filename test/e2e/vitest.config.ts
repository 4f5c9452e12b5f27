import { defineConfig } from 'vitest/config';

// End-to-end tests: the app runs in the test process on a random port, Debian's Chromium drives it.
export default defineConfig({
  test: {
    env: { TZ: 'Europe/Berlin' },
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/support/db-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
