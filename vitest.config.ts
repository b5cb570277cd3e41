import { defineConfig } from 'vitest/config';

/**
 * Two projects: fast unit tests (pure logic, services against the built-in sandbox on
 * loopback, emulated HID devices) and end-to-end tests that drive Debian's Chromium
 * against the built app. `npm test` (scripts/test.mjs) runs both and prints the total.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          globals: true,
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globals: true,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
      {
        // Benchmarks print figures (npm run bench); they assert nothing about speed.
        test: {
          name: 'bench',
          include: ['test/bench/**/*.bench.test.ts'],
          environment: 'node',
          globals: true,
          testTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
