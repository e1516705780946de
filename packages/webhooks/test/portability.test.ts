// The main entry must load in browsers, workers, Deno and Bun: no node: modules, no Node globals. Only src/node/
// (the @tempo-sdk/webhooks/node subpath) may use them.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('src/*.ts (the main entry) uses no node: import, Buffer.* or process.*', () => {
  const dir = new URL('../src/', import.meta.url);
  const offenders = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => /from 'node:|\bBuffer\.|\bprocess\./.test(readFileSync(new URL(f, dir), 'utf8')));
  expect(offenders).toEqual([]);
});
