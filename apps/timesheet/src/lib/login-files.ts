/**
 * The files `timesheet login` leaves in the config directory, and reading them back.
 */
import { readFile } from 'node:fs/promises';
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

/** Reads what `timesheet login` saved, or `undefined` when not signed in. */
export async function readSavedLogin(paths: ConfigPaths): Promise<SavedLogin | undefined> {
  let text: string;
  try {
    text = await readFile(paths.loginFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // readFile on a folder fails with EISDIR and no path: name the file, or the message says nothing useful.
    throw new AppError(`cannot read ${paths.loginFile}: ${fsReason(error)}`, { cause: error });
  }
  const login = parseSavedLogin(text);
  if (!login) throw new AppError(`${paths.loginFile} is damaged; run \`timesheet login\` again`);
  return login;
}

/** Reads the Jira credentials `timesheet login --jira-site … --jira-email …` saved, or `undefined`. */
export async function readSavedJira(paths: ConfigPaths): Promise<JiraCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(paths.jiraFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError(`cannot read ${paths.jiraFile}: ${fsReason(error)}`, { cause: error });
  }
  const saved = parseSavedJira(text);
  if (!saved)
    throw new AppError(
      `${paths.jiraFile} is damaged; run \`timesheet login --jira-site SITE --jira-email EMAIL\` again`,
    );
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
