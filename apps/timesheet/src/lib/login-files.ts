/**
 * The files `timesheet login` leaves in the config directory, and reading them back.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../context.js';
import {
  LOGIN_FILE,
  parseSavedLogin,
  resolveConfigDir,
  TOKENS_FILE,
  type GlobalOptions,
  type SavedLogin,
} from './config.js';
import { AppError, fsReason } from './errors.js';
import { describeWriteTarget, resolveWriteTarget } from './output-file.js';
import { JIRA_FILE, parseSavedJira, type JiraCredentials } from './jira.js';

/** Paths of the files `timesheet login` writes. */
export interface ConfigPaths {
  dir: string;
  tokensFile: string;
  loginFile: string;
  /** Jira credentials saved by `timesheet login --jira-site … --jira-email …` (mode 0600). */
  jiraFile: string;
}

/** Where the config lives for this run. */
export function configPaths(
  ctx: Pick<AppContext, 'env' | 'platform' | 'homedir'>,
  options: GlobalOptions,
): ConfigPaths {
  const dir = resolveConfigDir(options, ctx.env, { platform: ctx.platform, homedir: ctx.homedir || homedir() });
  return { dir, tokensFile: join(dir, TOKENS_FILE), loginFile: join(dir, LOGIN_FILE), jiraFile: join(dir, JIRA_FILE) };
}

/**
 * The largest `login.json` or `jira.json` read: what `timesheet login` writes is a few hundred bytes, so a file
 * larger than this is not one it wrote (and is not read whole: it could be anything, of any size).
 */
export const MAX_SAVED_FILE_BYTES = 64 * 1024;

/**
 * The text of a file `timesheet login` wrote, or `undefined` when there is none. Opened without blocking (a FIFO
 * would hang a plain read), refused unless it is a regular file of at most {@link MAX_SAVED_FILE_BYTES}.
 * @throws {AppError} naming the file and what is wrong with it (never its content).
 */
async function readSavedFile(path: string, again: string): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError(`cannot read ${path}: ${fsReason(error)}`, { cause: error });
  }
  try {
    // A folder opens fine and fails on read with EISDIR and no path; a FIFO or device could block or never end.
    const info = await handle.stat();
    if (!info.isFile())
      throw new AppError(
        `cannot read ${path}: ${info.isDirectory() ? 'is a directory' : `not a regular file; ${again}`}`,
      );
    const buffer = Buffer.alloc(MAX_SAVED_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_SAVED_FILE_BYTES)
      throw new AppError(
        `${path} is larger than ${MAX_SAVED_FILE_BYTES} bytes, so it is not one timesheet wrote; ${again}`,
      );
    return buffer.toString('utf8', 0, bytesRead);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(`cannot read ${path}: ${fsReason(error)}`, { cause: error });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

const LOGIN_AGAIN = 'run `timesheet login` again';
const JIRA_LOGIN_AGAIN = 'run `timesheet login --jira-site SITE --jira-email EMAIL` again';

/** Reads what `timesheet login` saved, or `undefined` when not signed in. */
export async function readSavedLogin(paths: ConfigPaths): Promise<SavedLogin | undefined> {
  const text = await readSavedFile(paths.loginFile, LOGIN_AGAIN);
  if (text === undefined) return undefined;
  const login = parseSavedLogin(text);
  if (!login) throw new AppError(`${paths.loginFile} is damaged; ${LOGIN_AGAIN}`);
  return login;
}

/** Reads the Jira credentials `timesheet login --jira-site … --jira-email …` saved, or `undefined`. */
export async function readSavedJira(paths: ConfigPaths): Promise<JiraCredentials | undefined> {
  const text = await readSavedFile(paths.jiraFile, JIRA_LOGIN_AGAIN);
  if (text === undefined) return undefined;
  const saved = parseSavedJira(text);
  if (!saved) throw new AppError(`${paths.jiraFile} is damaged; ${JIRA_LOGIN_AGAIN}`);
  return saved;
}

/**
 * The path to give `FileTokenStore` for `tokens.json`: the file itself, or — when `tokens.json` is a symlink —
 * the file it points to. The store replaces its file by renaming a temp file over it; given the link's own
 * path it would replace the link with a regular file (see `output-file.ts`: the app writes through links).
 *
 * @throws {AppError} when `tokens.json` is a folder, a device, or a link to one.
 */
export async function tokensFilePath(tokensFile: string): Promise<string> {
  const target = await resolveWriteTarget(tokensFile, { throughBrokenLink: true });
  if (target.kind === 'file') return target.path;
  // The config folder is made by `login` when it is missing; until then the path is as good as any.
  if (target.kind === 'missing-folder') return tokensFile;
  const why = describeWriteTarget(target);
  throw new AppError(`cannot use ${tokensFile}${why.startsWith(':') ? why : ` ${why}`}`);
}
