// The core entry must run in browsers, Deno, Bun and edge runtimes: fetch + WebCrypto only. `tsc -p
// tsconfig.core.json` (part of `typecheck`) compiles it without Node's types; this test guards the sources too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OAuthUsageError } from '../src/index.js';
import { describe, expect, it } from 'vitest';
import { openSystemBrowser } from '../src/node/index.js';

const srcDir = join(import.meta.dirname, '..', 'src');

describe('portability', () => {
  it('keeps node: imports, process and Buffer out of the core entry', () => {
    const coreFiles = readdirSync(srcDir).filter((name) => name.endsWith('.ts'));
    expect(coreFiles.length).toBeGreaterThan(5);
    for (const name of coreFiles) {
      const code = readFileSync(join(srcDir, name), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, name).not.toMatch(/from ['"]node:|require\(|\bprocess\.|\bBuffer\b/);
      expect(code, name).not.toMatch(/from ['"]\.\/node\//);
    }
  });

  it('opens only http(s) URLs in the system browser', async () => {
    await expect(openSystemBrowser('file:///etc/passwd')).rejects.toThrow(OAuthUsageError);
    await expect(openSystemBrowser('javascript:alert(1)')).rejects.toThrow(OAuthUsageError);
  });
});
