import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// The API suites run a second time on Postgres when TEST_DATABASE_URL is set (`npm test` sets it
// where Postgres is installed); store, writer and concurrency tests iterate the engines themselves.
const onPostgresToo = [
  'tests/integration/api.test.ts',
  'tests/integration/api-import.test.ts',
  'tests/integration/api-jira.test.ts',
  'tests/integration/api-webhook-restart.test.ts',
  'tests/integration/live-board.test.ts',
  'tests/integration/convergence-fuzz.test.ts',
];

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    environment: 'node',
    // two cores: keep integration servers from fighting over them
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'] } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { name: 'postgres', include: onPostgresToo, env: { TEST_ENGINE: 'postgres' } } }]
        : []),
    ],
  },
});
