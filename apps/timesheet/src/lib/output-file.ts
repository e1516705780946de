/**
 * Writing a file the way every file of this app is written (`export --out`, `login.json`, the token file's
 * path): to a temp file beside the target, renamed over it at the end, so a reader never sees half a file.
 *
 * Symlinks: a rename replaces whatever is at the path, so renaming over a symlink would swap the link for a
 * regular file — and `--out /dev/stdout` run as root would replace the system's `/dev/stdout`. The rule here is
 * **write through the link**: the path is resolved first, the temp file is made next to the real file, and the
 * rename replaces that file; the link stays as it was. A link to something that is not a regular file (a
 * device, a pipe, a folder — `/dev/stdout` on a terminal or a pipe) or to nothing at all is refused, because a
 * rename cannot write *into* those. The temp file is created with `O_EXCL` (`wx`), which never follows a link
 * planted at its name.
 */
import { constants, type Stats, type WriteStream } from 'node:fs';
import { chmod, lstat, open, readlink, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from './errors.js';
import { trackTempFile } from './temp-files.js';

/** Where a write to a path lands, or why it cannot. */
export type WriteTarget =
  | {
      kind: 'file' /** The real path to replace (the link's target, resolved). */;
      path: string /** The file being replaced, if any. */;
      existing?: Stats;
    }
  | { kind: 'directory' | 'not-a-file' | 'broken-link' | 'missing-folder' | 'folder-not-a-folder'; folder?: string };

/**
 * Resolves `path` for writing (see the module docs): symlinks are followed to a regular file, or refused.
 *
 * @param options.throughBrokenLink a link to a file that does not exist yet names where to create it (the app's
 *   own config files, which a dotfile manager may link elsewhere and `logout` deletes through the link). Off for
 *   `--out`: a dangling link in a shared folder such as /tmp may have been planted to make the export (run as
 *   root) create a file anywhere.
 */
export async function resolveWriteTarget(
  path: string,
  options: { throughBrokenLink?: boolean } = {},
): Promise<WriteTarget> {
  const link = await lstat(path).catch(() => undefined);
  let real = path;
  let existing: Stats | undefined;
  if (link?.isSymbolicLink()) {
    existing = await stat(path).catch(() => undefined);
    if (!existing && options.throughBrokenLink) {
      const next = resolve(dirname(path), await readlink(path));
      // One level of link only: a chain of dangling links is not worth following.
      return (await lstat(next).catch(() => undefined)) ? { kind: 'broken-link' } : resolveWriteTarget(next);
    }
    if (!existing) return { kind: 'broken-link' };
    if (existing.isDirectory()) return { kind: 'directory' };
    if (!existing.isFile()) return { kind: 'not-a-file' };
    // realpath can still fail for a target that vanished meanwhile, or a /proc link to a deleted file.
    const resolved = await realpath(path).catch(() => undefined);
    if (!resolved) return { kind: 'broken-link' };
    real = resolved;
  } else if (link) {
    if (link.isDirectory()) return { kind: 'directory' };
    if (!link.isFile()) return { kind: 'not-a-file' };
    existing = link;
  }
  const folder = dirname(real);
  const parent = await stat(folder).catch(() => undefined);
  if (!parent) return { kind: 'missing-folder', folder };
  if (!parent.isDirectory()) return { kind: 'folder-not-a-folder', folder };
  return existing ? { kind: 'file', path: real, existing } : { kind: 'file', path: real };
}

/** A temp file being written; {@link commit} renames it over the target, {@link discard} removes it. */
export interface AtomicFile {
  /** The open temp file. */
  handle: FileHandle;
  /** Its path (`.NAME.<pid>.partial` beside the target). */
  temp: string;
  /**
   * A write stream on the temp file (for writing with backpressure). It owns the handle: end it and wait for
   * its `close` before {@link commit}.
   */
  stream(): WriteStream;
  /** Flushes (unless a stream wrote it), closes and renames the temp file over the target. */
  commit(): Promise<void>;
  /** Closes and removes the temp file (safe to call after a commit, and more than once). */
  discard(): Promise<void>;
}

/**
 * Opens a temp file beside `target` (a path from {@link resolveWriteTarget}). It is registered for removal at
 * exit until committed or discarded, so no way the process ends leaves it behind.
 *
 * @param options.mode permissions of the file (filtered by the umask when `exact` is not set).
 * @param options.exact the file gets exactly `mode` (secrets: 0600 whatever the umask or the replaced file had);
 *   otherwise a replaced file keeps its own permissions (an export over a private file stays private).
 */
export async function openAtomicFile(
  target: Extract<WriteTarget, { kind: 'file' }>,
  options: { mode: number; exact?: boolean } = { mode: 0o666 },
): Promise<AtomicFile> {
  const { mode, exact = false } = options;
  const temp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.partial`);
  // O_EXCL: fails rather than follow a symlink (or reuse a file) someone left at the temp name.
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  const untrack = trackTempFile(temp);
  let open_ = true;
  let done = false;
  let stream: WriteStream | undefined;
  const close = async (): Promise<void> => {
    if (!open_) return;
    open_ = false;
    if (stream) stream.destroy();
    else await handle.close().catch(() => undefined);
  };
  return {
    handle,
    temp,
    stream() {
      stream ??= handle.createWriteStream({ encoding: 'utf8' });
      return stream;
    },
    async commit() {
      if (exact) await chmod(temp, mode);
      else if (target.existing) await chmod(temp, target.existing.mode & 0o7777);
      // A FileHandle is busy while a stream owns it; only a file written through the handle is flushed here.
      if (!stream) await handle.sync();
      await close();
      await rename(temp, target.path);
      done = true;
      untrack();
    },
    async discard() {
      await close();
      if (done) return;
      done = true;
      await rm(temp, { force: true });
      untrack();
    },
  };
}

/** Why a path cannot be written, in words after the path (`is a directory`). */
export function describeWriteTarget(target: Exclude<WriteTarget, { kind: 'file' }>): string {
  switch (target.kind) {
    case 'directory':
      return 'is a directory';
    case 'not-a-file':
      return 'is not a regular file';
    case 'broken-link':
      return 'is a symlink to nothing';
    case 'missing-folder':
      return `: folder ${target.folder} does not exist`;
    case 'folder-not-a-folder':
      return `: ${target.folder} is not a folder`;
  }
}

/**
 * Writes `text` to `path` atomically, through a symlink (see the module docs), with exactly `mode`.
 *
 * @returns the real path written.
 * @throws {AppError} naming `path` when it cannot hold a file.
 */
export async function writeFileAtomically(path: string, text: string, mode: number): Promise<string> {
  const target = await resolveWriteTarget(path, { throughBrokenLink: true });
  if (target.kind !== 'file') {
    const why = describeWriteTarget(target);
    throw new AppError(`cannot write ${path}${why.startsWith(':') ? why : ` ${why}`}`);
  }
  const file = await openAtomicFile(target, { mode, exact: true });
  try {
    await file.handle.writeFile(text, 'utf8');
    await file.commit();
  } finally {
    await file.discard();
  }
  return target.path;
}
