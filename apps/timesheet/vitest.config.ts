import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // e2e tests spawn the built CLI and a mock server; give them room on a 2-core CI machine.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
