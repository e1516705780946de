/** Package hygiene: runs anywhere fetch runs (no `node:` imports in src), version in step, runtime deps minimal. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as client from '../src/index.js';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};
const sources = readdirSync(join(root, 'src'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.ts'))
  // Code only: TSDoc examples may mention process.env or import the package itself.
  .map((f) => ({ file: f, text: stripComments(readFileSync(join(root, 'src', f), 'utf8')) }));

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

describe('package', () => {
  it('has no node: imports and no Node globals in src (browsers, Deno, Bun)', () => {
    for (const { file, text } of sources) {
      expect(text, file).not.toMatch(/from ['"]node:|require\(|\bprocess\.|\bBuffer\b/);
    }
  });

  it('imports only its two runtime dependencies', () => {
    const imported = new Set<string>();
    for (const { text } of sources) {
      for (const [, spec] of text.matchAll(/from ['"]([^'"]+)['"]/g)) if (!spec!.startsWith('.')) imported.add(spec!);
    }
    expect([...imported].sort()).toEqual(['@tempo-sdk/types', 'openapi-fetch']);
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@tempo-sdk/types', 'openapi-fetch']);
  });

  it('VERSION matches package.json', () => {
    expect(client.VERSION).toBe(pkg.version);
  });

  it('every error class has its own name and a shared base', () => {
    const classes = Object.entries(client).filter(([name]) => /^Tempo\w*Error$/.test(name)) as [
      string,
      new (...a: never[]) => Error,
    ][];
    expect(classes.length).toBe(18);
    for (const [name, Class] of classes) {
      expect(Class.prototype).toBeInstanceOf(Error);
      expect(Object.getOwnPropertyDescriptor(Class.prototype, 'name')?.value).toBe(name);
      if (name !== 'TempoError') expect(Class.prototype).toBeInstanceOf(client.TempoError);
    }
  });
});
