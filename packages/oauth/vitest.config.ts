import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Compiles src once into .tmp/dist for the tests that run child processes (plain node cannot load .ts).
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
  },
});
