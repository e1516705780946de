import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Alias } from 'vitest/config';

/**
 * With TEMPO_MSW_DIR (scripts/test-msw3.mjs), `msw` and its subpaths resolve to that copy (msw 3), for our code and
 * for openapi-msw alike (inlined, so the alias reaches its imports too): one msw in the process.
 */
function mswAliases(dir: string | undefined): Alias[] {
  if (!dir) return [];
  const exports = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports as Record<
    string,
    string | Record<string, string | null>
  >;
  return Object.entries(exports).flatMap(([subpath, target]) => {
    const file = typeof target === 'string' ? target : (target.node ?? target.default);
    if (!file || subpath.includes('*')) return [];
    const specifier = `msw${subpath.slice(1)}`;
    return [
      { find: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`), replacement: join(dir, file) },
    ];
  });
}

const mswDir = process.env.TEMPO_MSW_DIR;

export default defineConfig({
  resolve: { alias: mswAliases(mswDir) },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: mswDir === undefined, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    ...(mswDir ? { server: { deps: { inline: ['openapi-msw', 'msw'] } } } : {}),
  },
});
