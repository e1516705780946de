import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Type tests of the option unions and of the fit with @tempo-sdk/client (test/*.test-d.ts).
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    // Compiles src once into .tmp/dist for the tests that run child processes (plain node cannot load .ts).
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
  },
});
