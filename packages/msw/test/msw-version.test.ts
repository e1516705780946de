// Which msw the suite runs on: msw 2 from the workspace, or msw 3 when scripts/test-msw3.mjs sets TEMPO_MSW_DIR.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as msw from 'msw';
import { describe, expect, it } from 'vitest';

const dir = process.env.TEMPO_MSW_DIR;

describe('msw under test', () => {
  it.runIf(dir !== undefined)(
    'is msw 3 from TEMPO_MSW_DIR, one copy for our code and openapi-msw, on Node ≥ 22.12',
    async () => {
      const version = JSON.parse(readFileSync(join(dir!, 'package.json'), 'utf8')).version as string;
      expect(version).toMatch(/^3\./);
      const direct = (await import(/* @vite-ignore */ join(dir!, 'lib/core/index.js'))) as typeof msw;
      expect(msw.http).toBe(direct.http);
      const [major, minor] = process.versions.node.split('.').map(Number);
      expect(major! > 22 || (major === 22 && minor! >= 12)).toBe(true);
    },
  );

  it.runIf(dir === undefined)('is the workspace msw 2 (≥ 2.10) otherwise', async () => {
    const { createRequire } = await import('node:module');
    const version = createRequire(import.meta.url)('msw/package.json').version as string;
    expect(version).toMatch(/^2\.(1\d|[2-9]\d)\./);
  });
});
