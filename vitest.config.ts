import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    environment: 'node',
    // Generous: integration tests start servers and child processes on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Fixed zone for the process; tests pass SITE_TIMEZONE explicitly where it matters.
    env: { TZ: 'UTC', NO_COLOR: '1' },
  },
});
