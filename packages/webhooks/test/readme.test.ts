// Runs every ```ts block of README.md marked `// example: NAME`, verbatim apart from the package imports (pointed at
// src/): if this breaks, so does the README. Each block asserts with console.assert, which the test turns into
// failures.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n\/\/ example: ([\w-]+)\n([\s\S]*?)```/g)].map(([, name, code]) => ({
  name: name!,
  code: code!,
}));
const dir = new URL('./.readme/', import.meta.url);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README examples', () => {
  it('has the examples this test expects', () => {
    expect(blocks.map((b) => b.name)).toEqual(expect.arrayContaining(['verify', 'handler', 'loop']));
  });

  it.each(blocks)('$name runs and its assertions hold', async ({ name, code }) => {
    mkdirSync(dir, { recursive: true });
    const file = new URL(`${name}.ts`, dir);
    writeFileSync(
      file,
      `${code.replaceAll("'@tempo-sdk/webhooks/node'", "'../../src/node/index.js'").replaceAll("'@tempo-sdk/webhooks'", "'../../src/index.js'")}\nexport {};\n`, // @tempo-sdk/msw/server resolves as installed
    );
    const failures: unknown[] = [];
    let asserted = 0;
    const assert = vi.spyOn(console, 'assert').mockImplementation((condition, ...data) => {
      asserted++;
      if (!condition) failures.push(data.length ? data : 'console.assert failed');
    });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await import(/* @vite-ignore */ file.href);
    } finally {
      assert.mockRestore();
      log.mockRestore();
      warn.mockRestore();
    }
    expect(failures).toEqual([]);
    expect(asserted).toBeGreaterThan(1);
  });
});
