import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Four suites, each runnable alone:
 * - unit: core and main-process glue under Node (Electron mocked where imported);
 * - renderer: React components in happy-dom with Testing Library;
 * - integration: core against the fake Runware server and real ffmpeg;
 * - e2e: the built renderer in headless Chromium backed by the real IPC handlers.
 * Type-level tests (tests/types/*.test-d.ts) are compiled by `npm run typecheck`.
 */
export default defineConfig({
  plugins: [react()],
  test: {
    // No test may reach the internet: anything that falls back to the default
    // endpoint lands on a closed local port instead of api.runware.ai.
    env: { RUNWARE_API_URL: 'http://127.0.0.1:9/v1' },
    // A poll waits for something the app exposes; on a busy 2-core machine an import or an
    // ffmpeg run can take seconds, so the limit is generous (a passing poll returns at once).
    expect: { poll: { timeout: 20_000, interval: 50 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['tests/unit/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['tests/support/renderer-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
