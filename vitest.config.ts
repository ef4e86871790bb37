import { defineConfig } from 'vitest/config';

// Suites that measure the event loop must not share the 2 cores with other test files: they run
// on their own, after everything else has finished.
const RUN_ALONE = ['test/integration/event-loop-guard.test.ts', 'test/integration/heavy-input.test.ts'];

const shared = {
  environment: 'node',
  // Generous: integration tests start servers and child processes on a busy 2-core machine.
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Fixed zone for the process; tests pass SITE_TIMEZONE explicitly where it matters.
  env: { TZ: 'UTC', NO_COLOR: '1' },
} as const;

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: 'suite',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
          exclude: [...RUN_ALONE, '**/node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { ...shared, name: 'alone', include: RUN_ALONE, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
