/**
 * `FileTokenStore`: tokens in a JSON file, written atomically with owner-only permissions, with a cross-process
 * lock for refreshes. Node only.
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

import { OAuthUsageError, TokenStoreError } from '../errors.js';
import type { TokenStore } from '../store.js';
import { toTokenSet, type TokenSet } from '../token-set.js';
import { errorCode, withFileLock, type FileLockOptions } from './file-lock.js';
import { identityTag, isAlive } from './process-identity.js';

/** Format version written into the file, so later versions can migrate it. */
const FILE_VERSION = 1;
/**
 * A temp file whose writer cannot be checked (another PID namespace, another machine) is removed only once it is
 * this old (by its mtime; best effort): a write takes milliseconds, so it was certainly abandoned.
 */
const FOREIGN_TEMP_MAX_AGE_MS = 24 * 3600_000;
/**
 * The default `maxFileBytes`: 1 MiB, as the other packages' default body limits. A token set is a few hundred bytes
 * to a few KB (JWTs included); a file far larger is not one this store wrote, and reading it whole could exhaust
 * memory (a file that grows, a log written to the wrong path).
 */
const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Options of {@link FileTokenStore}. */
export interface FileTokenStoreOptions {
  /** Tuning of the cross-process lock (`<path>.lock`). */
  lock?: FileLockOptions;
  /**
   * The largest token file read, in bytes (default 1048576). A larger file is refused with a
   * `TokenStoreError` (from `@tempo-sdk/oauth`) (`operation: 'read'`) after reading at most this many bytes and one more.
   */
  maxFileBytes?: number;
}

/**
 * Keeps one user's tokens in a JSON file (mode 0600), e.g. `~/.config/my-cli/tempo-tokens.json`.
 *
 * - Writes are atomic: a temp file in the same folder is written, flushed to disk (fsync) and renamed over the
 *   old file, then the folder is synced. A crash at any moment leaves either the old or the new file, never a
 *   half-written one.
 * - `lock(fn)` holds `<path>.lock` so that several processes sharing the file refresh one at a time
 *   (see `withFileLock` for the protocol).
 *
 * @example
 * ```ts
 * import { homedir } from 'node:os';
 * import { join } from 'node:path';
 * const store = new FileTokenStore(join(homedir(), '.config', 'my-cli', 'tempo-tokens.json'));
 * ```
 */
export class FileTokenStore implements TokenStore {
  /** Absolute path of the token file. */
  readonly path: string;
  /** Absolute path of the lock file. */
  readonly lockPath: string;
  readonly #lockOptions: FileLockOptions;
  readonly #maxFileBytes: number;

  /**
   * @param path - the token file; its folder is created (mode 0700) on first write if missing.
   * @throws `OAuthUsageError` (from `@tempo-sdk/oauth`) when `path` is not a non-empty string, or `maxFileBytes` is not a positive
   *   whole number of bytes.
   */
  constructor(path: string, options: FileTokenStoreOptions = {}) {
    if (typeof path !== 'string' || path === '') throw new OAuthUsageError('path', 'FileTokenStore needs a file path');
    const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes < 1)
      throw new OAuthUsageError('maxFileBytes', 'FileTokenStore: `maxFileBytes` must be a whole number of bytes >= 1');
    this.#maxFileBytes = maxFileBytes;
    this.path = resolve(path);
    this.lockPath = `${this.path}.lock`;
    this.#lockOptions = options.lock ?? {};
  }

  /**
   * Reads the tokens, or `undefined` when the file does not exist.
   *
   * @throws `TokenStoreError` (from `@tempo-sdk/oauth`) when the file cannot be read, is not a regular file, is larger than
   *   `maxFileBytes`, or does not hold a token set (its content is never put into the error).
   */
  async get(): Promise<TokenSet | undefined> {
    const text = await readTokenFile(this.path, this.#maxFileBytes);
    if (text === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new TokenStoreError('read', `The token file ${this.path} is not valid JSON`);
    }
    const envelope = parsed as { version?: unknown; tokens?: unknown } | null;
    const tokens = envelope?.version === FILE_VERSION ? toTokenSet(envelope.tokens) : undefined;
    if (!tokens)
      throw new TokenStoreError(
        'read',
        `The token file ${this.path} does not hold a version ${FILE_VERSION} token set`,
      );
    return tokens;
  }

  /**
   * Replaces the file atomically with `tokens` (temp file + fsync + rename + folder fsync), mode 0600.
   *
   * @throws `OAuthUsageError` (from `@tempo-sdk/oauth`) when `tokens` is not a TokenSet; `TokenStoreError` (from `@tempo-sdk/oauth`) when the write fails
   *   (the previous file is then unchanged).
   */
  async set(tokens: TokenSet): Promise<void> {
    const valid = toTokenSet(tokens);
    if (!valid) throw new OAuthUsageError('tokens', 'FileTokenStore.set needs a TokenSet');
    const folder = dirname(this.path);
    // The name records who writes it (pid and PID space), so that a cleanup elsewhere can tell whether it is orphaned.
    const temp = join(
      folder,
      `.${basename(this.path)}.${process.pid}-${identityTag()}.${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await writeDurably(temp, `${JSON.stringify({ version: FILE_VERSION, tokens: valid }, null, 2)}\n`);
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new TokenStoreError('write', `Could not write the token file ${this.path}`, { cause: error });
    }
    await syncFolder(folder);
    await this.#removeOrphanTempFiles(folder);
  }

  /**
   * Deletes the token file (no error if it does not exist).
   *
   * @throws `TokenStoreError` (from `@tempo-sdk/oauth`) when the file exists but cannot be deleted.
   */
  async clear(): Promise<void> {
    try {
      await unlink(this.path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw new TokenStoreError('clear', `Could not delete the token file ${this.path}`, { cause: error });
    }
    await syncFolder(dirname(this.path));
  }

  /**
   * Runs `fn` while holding `<path>.lock`, shared with every process using the same file.
   *
   * @throws `LockTimeoutError` (from `@tempo-sdk/oauth`) when the lock stays busy; `TokenStoreError` (from `@tempo-sdk/oauth`) when the folder or lock file
   *   cannot be created; whatever `fn` throws.
   */
  async lock<T>(fn: () => Promise<T>): Promise<T> {
    // The first login may lock before the first write created the folder.
    try {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new TokenStoreError('lock', `Could not create the folder of ${this.lockPath}`, { cause: error });
    }
    return withFileLock(this.lockPath, fn, this.#lockOptions);
  }

  /** Non-secret description for logs. */
  toJSON(): { type: 'FileTokenStore'; path: string } {
    return { type: 'FileTokenStore', path: this.path };
  }

  /**
   * Temp files of processes that died mid-write hold secrets: remove those whose writer is gone. Best effort.
   * A pid is checked only when the writer recorded our PID space (see `process-identity.ts`): in another container
   * sharing the folder the same pid means another process, and its write may be under way right now.
   */
  async #removeOrphanTempFiles(folder: string): Promise<void> {
    const prefix = `.${basename(this.path)}.`;
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return;
    }
    const ours = identityTag();
    for (const name of names) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
      const [pidText, tag] = (name.slice(prefix.length).split('.')[0] ?? '').split('-');
      const pid = Number(pidText);
      if (!Number.isSafeInteger(pid) || pid <= 0) continue;
      const path = join(folder, name);
      if (tag === ours) {
        if (pid !== process.pid && !isAlive(pid)) await unlink(path).catch(() => undefined);
      } else if (await olderThan(path, FOREIGN_TEMP_MAX_AGE_MS)) {
        await unlink(path).catch(() => undefined);
      }
    }
  }
}

/** Whether a file's mtime is more than `ageMs` in the past (false when it cannot be read). */
async function olderThan(path: string, ageMs: number): Promise<boolean> {
  try {
    return Date.now() - (await lstat(path)).mtimeMs > ageMs;
  } catch {
    return false;
  }
}

/** Writes a new file with mode 0600 and flushes it to the disk before returning. */
async function writeDurably(path: string, data: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    // open()'s mode is filtered by the umask; make sure the result is exactly owner read/write.
    await handle.chmod(0o600);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a folder so that a rename in it survives a power loss. Not possible on Windows (opening a folder
 * fails there), where NTFS journals the rename itself.
 */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EPERM on Windows, EINVAL on some file systems: nothing more can be done.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Bytes read per step from the token file: a token set is a few hundred bytes, so one step is the usual case. */
const READ_CHUNK_BYTES = 64 * 1024;

/**
 * The token file's text, at most `maxBytes` of it, or `undefined` when there is no file. Opened without blocking
 * (a FIFO would block a plain open) and checked to be a regular file before anything is read.
 */
async function readTokenFile(path: string, maxBytes: number): Promise<string | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new TokenStoreError('read', `Could not read the token file ${path}`, { cause: error });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new TokenStoreError('read', `The token file ${path} is not a regular file`);
    const tooLarge = () =>
      new TokenStoreError('read', `The token file ${path} is larger than ${maxBytes} bytes (maxFileBytes)`);
    if (info.size > maxBytes) throw tooLarge();
    // The size may change while reading (another writer, a special file that reports 0): read to the end, but
    // never more than the limit and one byte. Read in chunks rather than into one buffer of `maxBytes + 1`, so a
    // large limit costs nothing unless the file is that large (a buffer of 8 GiB cannot even be allocated).
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(READ_CHUNK_BYTES, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw tooLarge();
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } catch (error) {
    if (error instanceof TokenStoreError) throw error;
    throw new TokenStoreError('read', `Could not read the token file ${path}`, { cause: error });
  } finally {
    await handle.close().catch(() => undefined);
  }
}
