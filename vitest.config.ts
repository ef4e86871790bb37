import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Suites that measure the event loop must not share the 2 cores with other test files: they run
// on their own, after everything else has finished.
const RUN_ALONE = ['test/integration/event-loop-guard.test.ts', 'test/integration/heavy-input.test.ts'];
const ALL = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'];

// The whole suite runs once per database: on SQLite always, and on PostgreSQL when a server is
// given (TEST_POSTGRES_URL; `.ci/run` starts one). Tests of one dialect's port implementation run
// only under that dialect.
const DATABASES = [
  { name: 'sqlite', skip: '**/postgres-*.test.ts' },
  ...(process.env.TEST_POSTGRES_URL ? [{ name: 'postgres', skip: '**/sqlite-*.test.ts' }] : []),
];

const shared = {
  environment: 'node',
  // Generous: integration tests start servers and child processes on a busy 2-core machine.
  testTimeout: 60_000,
  hookTimeout: 60_000,
} as const;

function projectsFor({ name, skip }: (typeof DATABASES)[number], order: number): TestProjectInlineConfiguration[] {
  // Fixed zone for the process; tests pass SITE_TIMEZONE explicitly where it matters.
  const env = { TZ: 'UTC', NO_COLOR: '1', TEST_DATABASE: name };
  return [
    {
      extends: true,
      test: { ...shared, env, name, include: ALL, exclude: [...RUN_ALONE, skip, '**/node_modules/**'], sequence: { groupOrder: order } },
    },
    {
      extends: true,
      test: { ...shared, env, name: `${name}, alone`, include: RUN_ALONE, fileParallelism: false, sequence: { groupOrder: DATABASES.length + order } },
    },
  ];
}

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: { projects: DATABASES.flatMap((database, order) => projectsFor(database, order)) },
});
