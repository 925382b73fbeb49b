import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { DemoFirstSequencer } from './tests/e2e/support/sequencer';

export default defineConfig({
  test: {
    // Vitest's default leaves a core for itself (one worker on two cores), but the integration tests
    // mostly wait for their database: two workers on two cores took them from about 360 s to 197 s on
    // PostgreSQL, and a whole CI run from 25–29 to 20 minutes. Each worker has its own database
    // (tests/helpers/test-database.ts); the end-to-end files still run one at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Files that add proposals to the shared e2e server run last (tests/e2e/support/sequencer.ts).
    sequence: { sequencer: DemoFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Component tests of the tab: React + Fluent UI in happy-dom, the API answered by a fake client.
        plugins: [react()],
        test: {
          name: 'tab',
          include: ['tests/tab/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['tests/tab/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          // One database per worker, shared by its files and reset between tests: PGlite takes seconds
          // to start and a server database seconds to migrate, so neither is paid per file.
          pool: 'forks',
          isolate: false,
          // Generous: CI shares a 2-core machine; a slow run must not read as a failure.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The tab end to end: the real server with the demo seed and Debian's headless Chromium, both
        // started once by the global setup; the files share them, so they run one after another.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A page updates after its API answers: polls wait like Playwright's own waits do.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
