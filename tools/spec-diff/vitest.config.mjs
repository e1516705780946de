import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // These tests start the CLI in child processes; on a loaded 2-core CI machine one start can take several seconds,
    // past vitest's default of 5 s.
    testTimeout: 20_000,
  },
});
