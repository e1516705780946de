/**
 * A cross-process lock on a lock file, for `FileTokenStore`: a lease kept alive by a heartbeat.
 *
 * Why not `proper-lockfile`: it is well made, but this package has no runtime dependency, and a token file needs
 * only one small lock. This one adds what matters for a CLI: a lock left by a crashed process in the same PID
 * namespace is detected at once by its pid, and any other abandoned lock by its missing heartbeat.
 *
 * Protocol:
 * - acquire: `open(lock, 'wx')` (atomic create-if-absent on local file systems) and write
 *   `{pid, hostname, bootId, pidNamespace, nonce}`;
 * - while held (the lease): move the file's mtime forward every `staleMs / 3` (the heartbeat);
 * - stale: a waiter has watched the lock for `staleMs` of its own monotonic clock without seeing it change (no
 *   heartbeat), or the owner recorded the same hostname, boot and PID namespace as the waiter and its pid is gone.
 *   Staleness never compares a pid across PID namespaces (two containers sharing a folder and a hostname), and
 *   never compares a file time with a clock (clocks step; other machines' clocks differ);
 * - break a stale lock: take the short "breaker" lock `<lock>.break` (same `open(…, 'wx')`), look at the lock again
 *   and delete it only if it is still the very file judged stale, unchanged since (same inode, mtime and nonce);
 *   then release the breaker. At most one process breaks at a time, and a lock nobody proved stale is never
 *   touched;
 * - release: delete the file only if it still carries our nonce.
 * - every wait ends at its deadline (`timeoutMs`, on the monotonic clock), whatever the file system shows: a lock
 *   path that vanishes between looks, a symlink, a FIFO or a huge file in its place.
 *
 * Known limits: on network file systems without atomic exclusive create (old NFS), no lock file scheme is safe. A
 * holder whose event loop is blocked for longer than `staleMs` misses its heartbeats and may lose the lock.
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, unlink, utimes } from 'node:fs/promises';
import { resolve } from 'node:path';

import { resolveClock, type Clock, type ClockOption } from '../clock.js';
import { LockTimeoutError, TokenStoreError } from '../errors.js';
import { durationMs, timerMs } from '../validate.js';
import { isAlive, processIdentity, sharesPidSpace, type ProcessIdentity } from './process-identity.js';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /**
   * A lock whose heartbeat has not been seen for this long, in milliseconds, is abandoned (default 30 000; the
   * holder beats every third of it). Measured by each waiter on its own monotonic clock.
   */
  staleMs?: number;
  /** Give up waiting for the lock after this long, in milliseconds (default 60 000), with `LockTimeoutError`. */
  timeoutMs?: number;
  /** First wait between attempts, in milliseconds (default 20; doubles up to 250). */
  retryMs?: number;
  /**
   * Time source for the deadline and staleness (`monotonicNow()`) and the pauses (`sleep()`); default the system
   * clock. The heartbeat itself always runs on real timers.
   */
  clock?: ClockOption;
}

const DEFAULT_STALE_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_RETRY_MS = 20;
const MAX_RETRY_MS = 250;
/** Lock files are tiny; more than this is not ours and is not read. */
const MAX_LOCK_FILE_BYTES = 4096;
/** Tries in a row without a pause (the lock vanished, or we just broke it) before waiting like for a live lock. */
const MAX_IMMEDIATE_RETRIES = 3;

interface LockContent extends ProcessIdentity {
  pid: number;
  nonce: string;
}

interface ObservedLock {
  ino: number;
  mtimeMs: number;
  size: number;
  content: LockContent | undefined;
}

/** What a waiter remembers about a lock it watches: what it looked like, and since when (monotonic). */
interface Watch {
  signature: string;
  since: number;
}

/** Same-process holders queue here instead of polling the file (keyed by absolute lock path). */
const localQueues = new Map<string, Promise<void>>();

/**
 * Runs `fn` while holding the lock file `lockPath`, and releases it when `fn` settles.
 *
 * @throws `LockTimeoutError` (from `@tempo-sdk/oauth`) when the lock stays busy for `timeoutMs` (also while another holder in this
 *   process has it); `TokenStoreError` (from `@tempo-sdk/oauth`) when the lock file cannot be created or inspected (missing folder, no
 *   permission); `OAuthUsageError` (from `@tempo-sdk/oauth`) for malformed options; whatever `fn` throws.
 */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const path = resolve(lockPath);
  const settings = lockSettings(options);
  const deadline = settings.clock.monotonicNow() + settings.timeoutMs;
  // Chain behind other holders in this process: they would only poll the same file.
  const queued = localQueues.get(path);
  const previous = queued ?? Promise.resolve();
  let releaseLocal!: () => void;
  const mine = new Promise<void>((done) => (releaseLocal = done));
  const tail = previous.then(() => mine);
  localQueues.set(path, tail);
  try {
    if (queued !== undefined && !(await settlesBefore(queued, deadline, settings.clock))) {
      throw new LockTimeoutError(path, settings.timeoutMs);
    }
    const held = await acquire(path, settings, deadline);
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

interface LockSettings {
  staleMs: number;
  timeoutMs: number;
  retryMs: number;
  clock: Clock;
}

function lockSettings(options: FileLockOptions): LockSettings {
  return {
    staleMs: durationMs(options.staleMs, DEFAULT_STALE_MS, 'staleMs'),
    timeoutMs: timerMs(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    retryMs: Math.max(1, timerMs(options.retryMs, DEFAULT_RETRY_MS, 'retryMs')),
    clock: resolveClock(options.clock),
  };
}

/** Whether `promise` settles before the monotonic `deadline`. */
async function settlesBefore(promise: Promise<unknown>, deadline: number, clock: Clock): Promise<boolean> {
  const stop = new AbortController();
  const timedOut = clock.sleep(Math.max(0, deadline - clock.monotonicNow()), stop.signal).then(
    () => false,
    () => false,
  );
  try {
    return await Promise.race([promise.then(() => true), timedOut]);
  } finally {
    stop.abort();
  }
}

interface HeldLock {
  release(): Promise<void>;
}

async function acquire(path: string, settings: LockSettings, deadline: number): Promise<HeldLock> {
  const { clock, staleMs } = settings;
  let delay = settings.retryMs;
  const content: LockContent = { ...processIdentity(), pid: process.pid, nonce: randomBytes(16).toString('hex') };
  const watches = new Map<string, Watch>();
  let immediate = 0;

  for (;;) {
    if (await tryCreate(path, content)) return hold(path, content, staleMs);

    let retryNow = false;
    const observed = await observe(path);
    if (observed === undefined) {
      retryNow = true; // released between our attempt and our look
    } else if (isStale(path, observed, watches, settings)) {
      // When another waiter is breaking it right now, fall through and wait like for a live lock.
      retryNow = await breakLock(path, observed, watches, settings);
    }
    const now = clock.monotonicNow();
    if (now >= deadline) throw new LockTimeoutError(path, settings.timeoutMs);
    if (retryNow && immediate < MAX_IMMEDIATE_RETRIES) {
      immediate++;
      continue;
    }
    immediate = 0;
    await clock.sleep(Math.min(delay, Math.max(1, deadline - now)));
    delay = Math.min(delay * 2, MAX_RETRY_MS);
  }
}

/** Creates the lock file if it does not exist. Returns false when another holder has it. */
async function tryCreate(path: string, content: LockContent): Promise<boolean> {
  let handle;
  try {
    // 'wx' (O_CREAT | O_EXCL) never follows a symlink, even a dangling one.
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
  // The heartbeat: move the mtime forward so that waiters see the lease is alive. Each beat sets a later time than
  // the one before (by at least 2 s, which coarse file systems still record), so a holder whose wall clock stepped
  // back still shows a change.
  let lastBeatMs = 0;
  const heartbeat = setInterval(
    () => {
      lastBeatMs = Math.max(Date.now(), lastBeatMs + 2000);
      const seconds = lastBeatMs / 1000;
      utimes(path, seconds, seconds).catch(() => undefined);
    },
    Math.max(10, Math.floor(staleMs / 3)),
  );
  heartbeat.unref();
  return {
    async release() {
      clearInterval(heartbeat);
      const current = await observe(path).catch(() => undefined);
      // Delete only our own lock: if it was broken and re-taken meanwhile, it belongs to someone else now.
      if (current?.content?.nonce === content.nonce) await unlink(path).catch(() => undefined);
    },
  };
}

/**
 * Reads the lock's identity and content, or `undefined` if there is no lock file. Never follows a symlink and
 * never blocks on what is not a small regular file (a FIFO would block an `open` forever).
 */
async function observe(path: string): Promise<ObservedLock | undefined> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new TokenStoreError('lock', `Could not inspect the lock file ${path}`, { cause: error });
  }
  const content =
    info.isFile() && info.size <= MAX_LOCK_FILE_BYTES ? parseContent(await readSmallFile(path)) : undefined;
  return { ino: info.ino, mtimeMs: info.mtimeMs, size: info.size, content };
}

async function readSmallFile(path: string): Promise<string> {
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  let handle;
  try {
    handle = await open(path, flags);
    const buffer = Buffer.alloc(MAX_LOCK_FILE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_LOCK_FILE_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return ''; // gone, replaced or unreadable: only its (lack of) heartbeat can tell
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function parseContent(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    if (typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.nonce === 'string') {
      const content: LockContent = { pid: value.pid, hostname: value.hostname, nonce: value.nonce };
      if (typeof value.bootId === 'string') content.bootId = value.bootId;
      if (typeof value.pidNamespace === 'string') content.pidNamespace = value.pidNamespace;
      return content;
    }
  } catch {
    // Empty or half-written: the creator may be writing it right now; only its heartbeat can tell.
  }
  return undefined;
}

/** What changes with every heartbeat or new holder. */
function signatureOf(lock: ObservedLock): string {
  return `${lock.ino}:${lock.mtimeMs}:${lock.size}:${lock.content?.nonce ?? ''}`;
}

/**
 * Whether the lock is abandoned: its owner is a dead pid in our own PID space, or it has not changed for
 * `staleMs` while we watched it (monotonic time, ours).
 */
function isStale(key: string, lock: ObservedLock, watches: Map<string, Watch>, settings: LockSettings): boolean {
  const owner = lock.content;
  if (owner !== undefined && owner.pid !== process.pid && sharesPidSpace(owner) && !isAlive(owner.pid)) return true;
  const now = settings.clock.monotonicNow();
  const signature = signatureOf(lock);
  const watch = watches.get(key);
  if (watch === undefined || watch.signature !== signature) {
    watches.set(key, { signature, since: now });
    return false;
  }
  return now - watch.since >= settings.staleMs;
}

/**
 * Removes a lock judged stale, without ever removing a lock that was not proved stale. Returns false when another
 * waiter holds the breaker (the caller then waits and looks again).
 */
async function breakLock(
  path: string,
  judged: ObservedLock,
  watches: Map<string, Watch>,
  settings: LockSettings,
): Promise<boolean> {
  const breakerPath = `${path}.break`;
  const breaker: LockContent = { ...processIdentity(), pid: process.pid, nonce: randomBytes(16).toString('hex') };
  if (!(await tryCreate(breakerPath, breaker))) {
    // A breaker left by a process that died mid-break would block every waiter: remove it once it is stale.
    const other = await observe(breakerPath);
    if (other !== undefined && isStale(breakerPath, other, watches, settings))
      await removeIfUnchanged(breakerPath, other);
    return false;
  }
  try {
    // Only one breaker runs now. Between our look and here, the stale lock may have been broken and re-taken by a
    // live holder, or its holder may have beaten: delete only the exact file we judged, unchanged since.
    const current = await observe(path);
    if (current !== undefined && signatureOf(current) === signatureOf(judged)) {
      await unlink(path).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT')
          throw new TokenStoreError('lock', `Could not remove the stale lock file ${path}`, { cause: error });
      });
    }
    watches.delete(path);
    return true;
  } finally {
    await removeIfUnchanged(breakerPath, { ino: 0, mtimeMs: 0, size: 0, content: breaker });
  }
}

/** Deletes `path` if it still carries the nonce of `seen` (and, when known, its inode). */
async function removeIfUnchanged(path: string, seen: ObservedLock): Promise<void> {
  const current = await observe(path).catch(() => undefined);
  if (current === undefined) return;
  const sameNonce = current.content?.nonce === seen.content?.nonce;
  if (sameNonce && (seen.ino === 0 || current.ino === seen.ino)) await unlink(path).catch(() => undefined);
}

/** The `code` of a Node system error (`ENOENT`, `EEXIST`…). */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
