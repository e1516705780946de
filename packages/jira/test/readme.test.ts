// Runs the README's example as it is written (imports pointed at this package's source), and checks what it prints.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it, vi } from 'vitest';

it('the README example runs and prints what its comments say', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const example = /## Example[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const src = new URL('../src/index.ts', import.meta.url).pathname;
  const server = new URL('../../msw/src/server/index.ts', import.meta.url).pathname;
  const code = example!
    .replace("'@tempo-sdk/jira'", JSON.stringify(src))
    .replace("'@tempo-sdk/msw/server'", JSON.stringify(server));
  const dir = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.readme-'));
  const lines: unknown[][] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
  try {
    const file = join(dir, 'example.ts');
    writeFileSync(file, `${code}\nexport {};\n`);
    await import(pathToFileURL(file).href);
  } finally {
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
  expect(lines[0]).toEqual([true, true]);
  expect(lines[1]).toEqual([['SUP-1', 'SUP-2']]);
  expect(lines[2]).toEqual(['SUP-1', 'SUP', 'string']);
  expect(lines[3]).toEqual(['SUP-2', 'SUP', 'string']);
  expect(lines[4]).toEqual([true]);
  expect(lines[5]).toEqual([['NOPE-7', 'NOPE-8']]);
});
