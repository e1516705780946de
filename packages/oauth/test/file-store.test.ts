import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  mkdirSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LockTimeoutError, TokenStoreError, type TokenSet } from '../src/index.js';
import { FileTokenStore, withFileLock } from '../src/node/index.js';
import { identityTag, processIdentity } from '../src/node/process-identity.js';
import { runFixture, startFixture } from './support/child.js';

const tokens: TokenSet = {
  accessToken: 'at-1',
  refreshToken: 'rt-1',
  expiresAt: 1_900_000_000_000,
  tokenType: 'Bearer',
  scope: 'read',
};
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

  it.skipIf(process.platform === 'win32')(
    'writes the file with mode 0600 in a folder created with mode 0700',
    async () => {
      await new FileTokenStore(file).set(tokens);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
      // Also when the file existed before with looser permissions: the rename replaces it with a 0600 file.
      writeFileSync(file, readFileSync(file), { mode: 0o644 });
      await new FileTokenStore(file).set({ ...tokens, accessToken: 'at-2' });
      expect(statSync(file).mode & 0o777).toBe(0o600);
    },
  );

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

  it('refuses a token file larger than maxFileBytes with a typed read error, without its content', async () => {
    mkdirSync(join(dir, 'nested'));
    const secret = 'leaky-secret-in-a-huge-file';
    writeFileSync(file, JSON.stringify({ version: 1, tokens: { ...tokens, accessToken: secret.repeat(40_000) } }));
    const error = await new FileTokenStore(file).get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect((error as TokenStoreError).operation).toBe('read');
    expect(String(error)).toMatch(/larger than 1048576 bytes \(maxFileBytes\)/);
    expect(JSON.stringify(error) + String(error)).not.toContain('leaky-secret');
    // Within a raised limit the same file is read.
    expect((await new FileTokenStore(file, { maxFileBytes: 2_000_000 }).get())?.refreshToken).toBe('rt-1');
    // And a small limit refuses even a normal file.
    await new FileTokenStore(file).set(tokens);
    await expect(new FileTokenStore(file, { maxFileBytes: 10 }).get()).rejects.toThrow(/larger than 10 bytes/);
    expect(() => new FileTokenStore(file, { maxFileBytes: 0 })).toThrow(/maxFileBytes/);
  });

  it('reads a normal token file under a very large maxFileBytes (the limit is not allocated up front)', async () => {
    mkdirSync(join(dir, 'nested'));
    await new FileTokenStore(file).set(tokens);
    // 8 GiB and the largest safe integer: a buffer of that size cannot be allocated, so a reader that sized its
    // buffer by the limit failed here with "Could not read the token file".
    for (const maxFileBytes of [2 ** 33, Number.MAX_SAFE_INTEGER]) {
      expect((await new FileTokenStore(file, { maxFileBytes }).get())?.refreshToken).toBe('rt-1');
    }
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a token path that is not a regular file (a link to an endless device, a FIFO) without blocking',
    async () => {
      mkdirSync(join(dir, 'nested'));
      symlinkSync('/dev/zero', file);
      await expect(new FileTokenStore(file).get()).rejects.toThrow(/not a regular file/);
      rmSync(file);
      spawnSync('mkfifo', [file]);
      const error = await new FileTokenStore(file).get().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenStoreError);
      expect(String(error)).toMatch(/not a regular file/);
    },
  );

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
    const orphan = join(dir, 'nested', `.tokens.json.2147483646-${identityTag()}.abcdef.tmp`); // no such pid, our PID space
    const unrelated = join(dir, 'nested', 'notes.txt');
    writeFileSync(orphan, 'secret leftovers');
    writeFileSync(unrelated, 'keep me');
    await new FileTokenStore(file).set(tokens);
    expect(readdirSync(join(dir, 'nested')).sort()).toEqual(['notes.txt', 'tokens.json']);
  });

  it('keeps temp files whose writer is in another PID namespace (its pid means nothing here) until they are a day old', async () => {
    // Two containers share the folder: a pid that does not exist here may be the other container's writer, busy
    // with its write right now. Deleting its temp file would make its rename fail.
    mkdirSync(join(dir, 'nested'));
    const otherContainer = join(dir, 'nested', '.tokens.json.2147483646-0123456789ab.abcdef.tmp');
    const olderVersion = join(dir, 'nested', '.tokens.json.2147483646.abcdef.tmp'); // no PID space recorded
    const abandoned = join(dir, 'nested', '.tokens.json.2147483645-0123456789ab.fedcba.tmp');
    for (const path of [otherContainer, olderVersion, abandoned]) writeFileSync(path, 'in flight');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
    utimesSync(abandoned, twoDaysAgo, twoDaysAgo);
    await new FileTokenStore(file).set(tokens);
    expect(readdirSync(join(dir, 'nested')).sort()).toEqual(
      ['.tokens.json.2147483646-0123456789ab.abcdef.tmp', '.tokens.json.2147483646.abcdef.tmp', 'tokens.json'].sort(),
    );
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

    // The writer's tokens are 2 MB (to make each write last): past the default maxFileBytes, so raise it.
    const survivor = await new FileTokenStore(file, { maxFileBytes: 4 * 1024 * 1024 }).get();
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

  it('takes over at once a lock left by a process that no longer exists in our PID namespace', async () => {
    mkdirSync(join(dir, 'nested'));
    writeFileSync(`${file}.lock`, JSON.stringify({ ...processIdentity(), pid: 2147483646, nonce: 'dead' }));
    const started = Date.now();
    const value = await new FileTokenStore(file, { lock: { timeoutMs: 2000 } }).lock(async () => 'got it');
    expect(value).toBe('got it');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('takes over a lock whose heartbeat stopped (other host or reused pid) once it was unchanged for staleMs', async () => {
    mkdirSync(join(dir, 'nested'));
    const lock = `${file}.lock`;
    writeFileSync(lock, JSON.stringify({ pid: process.pid, hostname: 'another-host', nonce: 'old' }));
    expect(await new FileTokenStore(file, { lock: { staleMs: 200, timeoutMs: 2000 } }).lock(async () => 42)).toBe(42);
  });

  /** Plants a lock owned by someone else and keeps its heartbeat going (mtime moved forward) until stopped. */
  function liveForeignLock(lock: string, owner: Record<string, unknown>): () => void {
    writeFileSync(lock, JSON.stringify({ ...owner, nonce: 'live-elsewhere' }));
    let beat = Date.now() / 1000;
    const timer = setInterval(() => {
      beat += 2;
      utimesSync(lock, beat, beat);
    }, 20);
    return () => clearInterval(timer);
  }

  it('never judges a live lock of another PID namespace dead by its pid (two containers, one hostname)', async () => {
    mkdirSync(join(dir, 'nested'));
    const lock = `${file}.lock`;
    // Same hostname and boot, another PID namespace: pid 2147483646 does not exist here, but it does there.
    const stop = liveForeignLock(lock, { ...processIdentity(), pidNamespace: 'pid:[4026530000]', pid: 2147483646 });
    try {
      const error = await withFileLock(lock, async () => 'taken', { staleMs: 200, timeoutMs: 700 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LockTimeoutError);
      expect(JSON.parse(readFileSync(lock, 'utf8')).nonce).toBe('live-elsewhere');
    } finally {
      stop();
    }
    // Once its heartbeat stops, it is abandoned after staleMs.
    expect(await withFileLock(lock, async () => 'taken', { staleMs: 200, timeoutMs: 2000 })).toBe('taken');
  });

  it('never judges a live lock stale because the wall clock jumped forward (no file time is compared with a clock)', async () => {
    mkdirSync(join(dir, 'nested'));
    const lock = `${file}.lock`;
    const stop = liveForeignLock(lock, { pid: 1, hostname: 'another-host' });
    const realNow = Date.now.bind(Date);
    const jumped = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 3600_000);
    try {
      const error = await withFileLock(lock, async () => 'taken', { staleMs: 300, timeoutMs: 700 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LockTimeoutError);
    } finally {
      jumped.mockRestore();
      stop();
    }
  });

  it('ends the wait at its deadline when the wall clock stands still (monotonic deadline)', async () => {
    mkdirSync(join(dir, 'nested'));
    const lock = `${file}.lock`;
    const stop = liveForeignLock(lock, { pid: 1, hostname: 'another-host' });
    const frozen = vi.spyOn(Date, 'now').mockReturnValue(1_900_000_000_000);
    try {
      await expect(withFileLock(lock, async () => 'taken', { timeoutMs: 300 })).rejects.toBeInstanceOf(
        LockTimeoutError,
      );
    } finally {
      frozen.mockRestore();
      stop();
    }
  });

  it('measures its deadline and pauses on the injected clock', async () => {
    mkdirSync(join(dir, 'nested'));
    const lock = `${file}.lock`;
    const stop = liveForeignLock(lock, { pid: 1, hostname: 'another-host' });
    // Virtual time: each pause advances it at once, so a 10-minute wait ends in a few real milliseconds.
    let virtualMs = 0;
    const slept: number[] = [];
    const clock = {
      now: () => Date.now(),
      monotonicNow: () => virtualMs,
      sleep: async (ms: number) => {
        slept.push(ms);
        virtualMs += ms;
      },
    };
    try {
      const error = await withFileLock(lock, async () => 'taken', {
        timeoutMs: 600_000,
        staleMs: 1_200_000,
        clock,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockTimeoutError);
      expect(virtualMs).toBeGreaterThanOrEqual(600_000);
      expect(slept.length).toBeGreaterThan(10);
    } finally {
      stop();
    }
  });

  it.each([
    ['a dangling symlink', (lock: string) => symlinkSync(join(dir, 'nowhere'), lock)],
    ['a FIFO', (lock: string) => spawnSync('mkfifo', [lock])],
    ['a directory', (lock: string) => mkdirSync(lock)],
    ['a huge file', (lock: string) => writeFileSync(lock, 'x'.repeat(1 << 20))],
  ])('ends the wait at its deadline whatever the file system shows: %s at the lock path', async (_, plant) => {
    mkdirSync(join(dir, 'nested'));
    const lock = `${file}.lock`;
    plant(lock);
    await expect(withFileLock(lock, async () => 'taken', { staleMs: 60_000, timeoutMs: 300 })).rejects.toBeInstanceOf(
      LockTimeoutError,
    );
  });

  it('ends the wait at its deadline while another holder in this process keeps the lock', async () => {
    mkdirSync(join(dir, 'nested'));
    const lock = `${file}.lock`;
    let release!: () => void;
    const holder = withFileLock(lock, () => new Promise<void>((done) => (release = done)));
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    try {
      await expect(withFileLock(lock, async () => 'taken', { timeoutMs: 200 })).rejects.toBeInstanceOf(
        LockTimeoutError,
      );
    } finally {
      release();
      await holder;
    }
    // The queue still works after a waiter gave up.
    expect(await withFileLock(lock, async () => 'next')).toBe('next');
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
    const ROUNDS = 8;
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
    for (let round = 0; round < ROUNDS; round++) {
      // A lock left behind by a crashed holder on another host: stale once its heartbeat has been missed.
      writeFileSync(lock, JSON.stringify({ pid: 1, hostname: 'another-host', nonce: `stale-${round}` }));
      await Promise.all(
        aliases.map((alias) => withFileLock(alias, section, { staleMs: 60, timeoutMs: 4000, retryMs: 1 })),
      );
    }
    expect(maxInside).toBe(1);
    expect(entered).toBe(ROUNDS * aliases.length);
    expect(readdirSync(real)).toEqual([]); // no lock, breaker or grave left behind
  }, 40_000);

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
    const error = await new FileTokenStore(join(dir, 'a-file', 'tokens.json'))
      .lock(async () => 1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect((error as TokenStoreError).operation).toBe('lock');
  });
});
