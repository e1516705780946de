import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockTimeoutError, TokenStoreError, type TokenSet } from '../src/index.js';
import { FileTokenStore, withFileLock } from '../src/node/index.js';
import { runFixture, startFixture } from './support/child.js';

const tokens: TokenSet = { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: 1_900_000_000_000, tokenType: 'Bearer', scope: 'read' };
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tempo-oauth-store-'));
  file = join(dir, 'nested', 'tokens.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileTokenStore', () => {
  it('returns undefined before the first write, then what was written', async () => {
    const store = new FileTokenStore(file);
    expect(await store.get()).toBeUndefined();
    await store.set(tokens);
    expect(await store.get()).toEqual(tokens);
    expect(await new FileTokenStore(file).get()).toEqual(tokens);
  });

  it.skipIf(process.platform === 'win32')('writes the file with mode 0600 in a folder created with mode 0700', async () => {
    await new FileTokenStore(file).set(tokens);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    // Also when the file existed before with looser permissions: the rename replaces it with a 0600 file.
    writeFileSync(file, readFileSync(file), { mode: 0o644 });
    await new FileTokenStore(file).set({ ...tokens, accessToken: 'at-2' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes a versioned envelope and leaves no temp file behind', async () => {
    await new FileTokenStore(file).set(tokens);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, tokens });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['tokens.json']);
  });

  it('reports a corrupt or foreign file as a typed read error without its content', async () => {
    mkdirSync(join(dir, 'nested'));
    writeFileSync(file, '{"version":1,"tokens":{"accessToken":"leaky-secret"');
    const error = await new FileTokenStore(file).get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect((error as TokenStoreError).operation).toBe('read');
    expect(JSON.stringify(error) + String(error)).not.toContain('leaky-secret');

    writeFileSync(file, JSON.stringify({ version: 2, tokens }));
    await expect(new FileTokenStore(file).get()).rejects.toThrow(/version 1/);
  });

  it('reports a failed write as a typed error and keeps the previous file', async () => {
    const store = new FileTokenStore(file);
    await store.set(tokens);
    // A folder where the temp file should go makes the write fail (permissions would not stop root).
    const blocked = new FileTokenStore(join(dir, 'nested', 'tokens.json', 'inner.json'));
    const error = await blocked.set(tokens).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect((error as TokenStoreError).operation).toBe('write');
    expect(await store.get()).toEqual(tokens);
  });

  it('removes temp files left by writers that died, keeps the rest', async () => {
    mkdirSync(join(dir, 'nested'));
    const orphan = join(dir, 'nested', '.tokens.json.2147483646.abcdef.tmp'); // no such pid
    const unrelated = join(dir, 'nested', 'notes.txt');
    writeFileSync(orphan, 'secret leftovers');
    writeFileSync(unrelated, 'keep me');
    await new FileTokenStore(file).set(tokens);
    expect(readdirSync(join(dir, 'nested')).sort()).toEqual(['notes.txt', 'tokens.json']);
  });

  it('clears the file, and clearing twice is fine', async () => {
    const store = new FileTokenStore(file);
    await store.set(tokens);
    await store.clear();
    await store.clear();
    expect(await store.get()).toBeUndefined();
  });

  it('survives a crash in the middle of a write: the file holds a complete old or new set', async () => {
    const { child, done } = startFixture('crash-writer.mjs', { TOKEN_FILE: file });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer | string) => {
        if (String(chunk).includes('writing')) resolve();
      });
      child.on('close', () => reject(new Error('writer exited early')));
    });
    // Let a few more 2 MB writes start, then kill without warning (no finally blocks run).
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGKILL');
    const result = await done;
    expect(result.signal).toBe('SIGKILL');

    const survivor = await new FileTokenStore(file).get();
    expect(survivor?.refreshToken).toMatch(/^rt-\d+$/);
    const n = survivor!.refreshToken.slice(3);
    expect(survivor!.accessToken.startsWith(`at-${n}-`)).toBe(true);
    expect(survivor!.accessToken.length).toBe(`at-${n}-`.length + 2 * 1024 * 1024);
  });
});

describe('FileTokenStore.lock', () => {
  it('runs critical sections one at a time within a process, across store instances', async () => {
    const a = new FileTokenStore(file);
    const b = new FileTokenStore(file);
    let inside = 0;
    let maxInside = 0;
    const section = async (): Promise<void> => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await new Promise((resolve) => setTimeout(resolve, 3));
      inside--;
    };
    mkdirSync(join(dir, 'nested'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).lock(section)));
    expect(maxInside).toBe(1);
    expect(readdirSync(join(dir, 'nested'))).toEqual([]); // lock file removed
  });

  it('excludes other processes: 3 processes × 30 locked increments lose none', async () => {
    mkdirSync(join(dir, 'nested'));
    const counter = join(dir, 'counter');
    writeFileSync(counter, '0');
    const env = { TOKEN_FILE: file, COUNTER_FILE: counter, ROUNDS: '30' };
    const results = await Promise.all([1, 2, 3].map(() => runFixture('lock-counter.mjs', env)));
    for (const r of results) expect(r.stderr + r.stdout).toBe('done\n');
    expect(readFileSync(counter, 'utf8')).toBe('90');
  });

  it('takes over at once a lock left by a process that no longer exists', async () => {
    mkdirSync(join(dir, 'nested'));
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2147483646, hostname: (await import('node:os')).hostname(), nonce: 'dead' }));
    const started = Date.now();
    const value = await new FileTokenStore(file, { lock: { timeoutMs: 2000 } }).lock(async () => 'got it');
    expect(value).toBe('got it');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('takes over a lock whose holder stopped touching it (other host or reused pid)', async () => {
    mkdirSync(join(dir, 'nested'));
    const lock = `${file}.lock`;
    writeFileSync(lock, JSON.stringify({ pid: process.pid, hostname: 'another-host', nonce: 'old' }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect(await new FileTokenStore(file, { lock: { staleMs: 5000, timeoutMs: 2000 } }).lock(async () => 42)).toBe(42);
  });

  it('lets exactly one of many racing waiters break a stale lock, and never has two holders', async () => {
    // Each alias is a symlink to the same folder, so the in-process queue (keyed by path) does not serialise the
    // acquirers: they race on the lock file as separate processes would.
    const real = join(dir, 'nested');
    mkdirSync(real);
    const aliases = Array.from({ length: 6 }, (_, i) => {
      const alias = join(dir, `alias-${i}`);
      symlinkSync(real, alias, 'dir');
      return join(alias, 'tokens.json.lock');
    });
    const lock = join(real, 'tokens.json.lock');
    let inside = 0;
    let maxInside = 0;
    let entered = 0;
    const section = async (): Promise<void> => {
      inside++;
      entered++;
      maxInside = Math.max(maxInside, inside);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      inside--;
    };
    for (let round = 0; round < 40; round++) {
      // A lock left behind by a crashed holder on another host: stale by age.
      writeFileSync(lock, JSON.stringify({ pid: 1, hostname: 'another-host', nonce: `stale-${round}` }));
      const old = new Date(Date.now() - 60_000);
      utimesSync(lock, old, old);
      await Promise.all(aliases.map((alias) => withFileLock(alias, section, { staleMs: 5000, timeoutMs: 4000, retryMs: 1 })));
    }
    expect(maxInside).toBe(1);
    expect(entered).toBe(40 * aliases.length);
    expect(readdirSync(real)).toEqual([]); // no lock, breaker or grave left behind
  });

  it('waits for a live lock and gives up with LockTimeoutError', async () => {
    mkdirSync(join(dir, 'nested'));
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, hostname: 'another-host', nonce: 'live' }));
    const error = await new FileTokenStore(file, { lock: { timeoutMs: 120, retryMs: 10 } })
      .lock(async () => 'never')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect((error as LockTimeoutError).operation).toBe('lock');
    // The foreign lock is left alone.
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).nonce).toBe('live');
  });

  it('releases the lock when the section throws, and does not delete a lock it no longer owns', async () => {
    mkdirSync(join(dir, 'nested'));
    const lock = `${file}.lock`;
    await expect(withFileLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(readdirSync(join(dir, 'nested'))).toEqual([]);

    await withFileLock(lock, async () => {
      // Someone broke our lock and took it: on release we must leave theirs in place.
      writeFileSync(lock, JSON.stringify({ pid: process.pid, hostname: 'x', nonce: 'theirs' }));
    });
    expect(JSON.parse(readFileSync(lock, 'utf8')).nonce).toBe('theirs');
  });

  it('creates a missing folder before locking', async () => {
    expect(await new FileTokenStore(join(dir, 'a', 'b', 'tokens.json')).lock(async () => 'locked')).toBe('locked');
  });

  it('reports a lock file that cannot be created as a typed error', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const error = await new FileTokenStore(join(dir, 'a-file', 'tokens.json')).lock(async () => 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect((error as TokenStoreError).operation).toBe('lock');
  });
});
