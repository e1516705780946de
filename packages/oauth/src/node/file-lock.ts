/**
 * A cross-process lock on a lock file, for `FileTokenStore`.
 *
 * Why not `proper-lockfile`: it is well made, but this package has no runtime dependency, and a token file needs
 * only one small lock. This one adds what matters for a CLI: a lock left by a crashed process on the same machine
 * is detected at once by its pid (no need to wait for it to go stale), and a lock on a shared disk by its age.
 *
 * Protocol:
 * - acquire: `open(lock, 'wx')` (atomic create-if-absent on local file systems) and write `{pid, hostname, nonce}`;
 * - while held: touch the file's mtime every `staleMs / 3` so a long refresh is not mistaken for a dead one;
 * - stale: same host and the pid is gone, or mtime older than `staleMs` (another host, pid reuse, unreadable);
 * - break a stale lock: take the short "breaker" lock `<lock>.break` (same `open(…, 'wx')`), look at the lock again
 *   and delete it only if it is still the very file judged stale (same inode and nonce) and still stale; then
 *   release the breaker. At most one process breaks at a time, and a lock nobody proved stale is never touched
 *   (an earlier version renamed first and checked afterwards, which could delete a fresh lock: two holders);
 * - release: delete the file only if it still carries our nonce.
 *
 * Known limits: on network file systems without atomic exclusive create (old NFS), no lock file scheme is safe.
 * A breaker lock is held for a few file operations only; one left by a process that died in them is itself
 * removed once stale (owner gone, or older than `staleMs`). Removing an abandoned breaker has the usual
 * check-then-delete gap, so it is safe only in practice, not in theory: it needs a crash inside that window plus
 * two waiters racing on the leftover.
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import { open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

import { LockTimeoutError, TokenStoreError } from '../errors.js';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** A lock not touched for this long is abandoned, in ms (default 30 000; the holder touches it every third). */
  staleMs?: number;
  /** Give up waiting for the lock after this long, in ms (default 60 000), with `LockTimeoutError`. */
  timeoutMs?: number;
  /** First wait between attempts, in ms (default 20; doubles up to 250). */
  retryMs?: number;
}

const DEFAULT_STALE_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_RETRY_MS = 20;
const MAX_RETRY_MS = 250;

interface LockContent {
  pid: number;
  hostname: string;
  nonce: string;
}

interface ObservedLock {
  ino: number;
  mtimeMs: number;
  content: LockContent | undefined;
}

/** Same-process holders queue here instead of polling the file (keyed by absolute lock path). */
const localQueues = new Map<string, Promise<void>>();

/**
 * Runs `fn` while holding the lock file `lockPath`, and releases it when `fn` settles.
 *
 * @throws {@link LockTimeoutError} when the lock stays busy for `timeoutMs`; {@link TokenStoreError} when the lock
 *   file cannot be created (missing folder, no permission).
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const path = resolve(lockPath);
  // Chain behind other holders in this process: they would only poll the same file.
  const previous = localQueues.get(path) ?? Promise.resolve();
  let releaseLocal!: () => void;
  const mine = new Promise<void>((done) => (releaseLocal = done));
  const tail = previous.then(() => mine);
  localQueues.set(path, tail);
  try {
    await previous;
    const held = await acquire(path, options);
    try {
      return await fn();
    } finally {
      await held.release();
    }
  } finally {
    releaseLocal();
    if (localQueues.get(path) === tail) localQueues.delete(path);
  }
}

interface HeldLock {
  release(): Promise<void>;
}

async function acquire(path: string, options: FileLockOptions): Promise<HeldLock> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let delay = options.retryMs ?? DEFAULT_RETRY_MS;
  const deadline = Date.now() + timeoutMs;
  const content: LockContent = { pid: process.pid, hostname: hostname(), nonce: randomBytes(16).toString('hex') };

  for (;;) {
    if (await tryCreate(path, content)) return hold(path, content, staleMs);

    const observed = await observe(path);
    if (observed === undefined) continue; // released between our attempt and our look: try again at once
    if (isStale(observed, staleMs)) {
      // When another waiter is breaking it right now, fall through and wait like for a live lock.
      if (await breakLock(path, observed, staleMs)) continue;
    }
    if (Date.now() >= deadline) throw new LockTimeoutError(path, timeoutMs);
    await sleep(Math.min(delay, Math.max(1, deadline - Date.now())));
    delay = Math.min(delay * 2, MAX_RETRY_MS);
  }
}

/** Creates the lock file if it does not exist. Returns false when another holder has it. */
async function tryCreate(path: string, content: LockContent): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new TokenStoreError('lock', `Could not create the lock file ${path}`, { cause: error });
  }
  try {
    await handle.writeFile(JSON.stringify(content));
  } catch (error) {
    await handle.close().catch(() => undefined);
    // An empty lock file would block everyone until it goes stale: take it away again.
    await unlink(path).catch(() => undefined);
    throw new TokenStoreError('lock', `Could not write the lock file ${path}`, { cause: error });
  }
  await handle.close();
  return true;
}

function hold(path: string, content: LockContent, staleMs: number): HeldLock {
  // Touch the lock while we hold it so that a slow refresh is not taken for a crashed one.
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, Math.max(10, Math.floor(staleMs / 3)));
  heartbeat.unref();
  return {
    async release() {
      clearInterval(heartbeat);
      const current = await observe(path);
      // Delete only our own lock: if it was broken and re-taken meanwhile, it belongs to someone else now.
      if (current?.content?.nonce === content.nonce) await unlink(path).catch(() => undefined);
    },
  };
}

/** Reads the lock's identity and content, or `undefined` if there is no lock file. */
async function observe(path: string): Promise<ObservedLock | undefined> {
  try {
    const info = await stat(path);
    const text = await readFile(path, 'utf8').catch(() => '');
    return { ino: info.ino, mtimeMs: info.mtimeMs, content: parseContent(text) };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new TokenStoreError('lock', `Could not inspect the lock file ${path}`, { cause: error });
  }
}

function parseContent(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    if (typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.nonce === 'string') {
      return { pid: value.pid, hostname: value.hostname, nonce: value.nonce };
    }
  } catch {
    // Empty or half-written: the creator may be writing it right now; only its age can tell.
  }
  return undefined;
}

function isStale(lock: ObservedLock, staleMs: number): boolean {
  if (Date.now() - lock.mtimeMs > staleMs) return true;
  const owner = lock.content;
  return owner !== undefined && owner.hostname === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

/** Whether a process with this pid exists on this machine. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Removes a lock judged stale, without ever removing a lock that was not proved stale. Returns false when another
 * waiter holds the breaker (the caller then waits and looks again).
 */
async function breakLock(path: string, judged: ObservedLock, staleMs: number): Promise<boolean> {
  const breakerPath = `${path}.break`;
  const breaker: LockContent = { pid: process.pid, hostname: hostname(), nonce: randomBytes(16).toString('hex') };
  if (!(await tryCreate(breakerPath, breaker))) {
    // A breaker left by a process that died mid-break would block every waiter: remove it once it is stale.
    const other = await observe(breakerPath);
    if (other !== undefined && isStale(other, staleMs)) await removeIfUnchanged(breakerPath, other);
    return false;
  }
  try {
    // Only one breaker runs now. Between our look and here, the stale lock may have been broken and re-taken by
    // a live holder: delete only the exact file we judged, and only if it is still stale.
    const current = await observe(path);
    if (current !== undefined && sameFile(current, judged) && isStale(current, staleMs)) {
      await unlink(path).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw new TokenStoreError('lock', `Could not remove the stale lock file ${path}`, { cause: error });
      });
    }
    return true;
  } finally {
    await removeIfUnchanged(breakerPath, { ino: 0, mtimeMs: 0, content: breaker });
  }
}

/** Deletes `path` if it still carries the nonce of `seen` (and, when known, its inode). */
async function removeIfUnchanged(path: string, seen: ObservedLock): Promise<void> {
  const current = await observe(path).catch(() => undefined);
  if (current === undefined) return;
  const sameNonce = current.content?.nonce === seen.content?.nonce;
  if (sameNonce && (seen.ino === 0 || current.ino === seen.ino)) await unlink(path).catch(() => undefined);
}

/** Whether two looks saw the same lock file: same inode and same owner nonce (or both unreadable). */
function sameFile(a: ObservedLock, b: ObservedLock): boolean {
  return a.ino === b.ino && a.content?.nonce === b.content?.nonce;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** The `code` of a Node system error (`ENOENT`, `EEXIST`…). */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
