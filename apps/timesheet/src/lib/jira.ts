/**
 * Jira in the app: where its credentials come from, the lookup built on them, and how its failures become one
 * line. Tempo's API names issues by numeric id and people by account id; with Jira credentials the app shows and
 * takes issue keys, shows display names and knows who you are (`GET /rest/api/3/myself`). Without them everything
 * still works with ids, and the app says once how to turn keys on.
 *
 * Credentials, first match wins: `JIRA_SITE` (or `TEMPO_JIRA_URL`) + `JIRA_EMAIL` + `JIRA_API_TOKEN` › the
 * `jira.json` saved by `timesheet login --jira-site … --jira-email …` (mode 0600) › none. In demo mode: the mock's.
 */
import type { JiraIssueInfo, JiraLookup } from '@tempo-sdk/jira';
import type { AppContext } from '../context.js';
import { writeLine } from '../context.js';
import type { Env } from './config.js';
import { AppError, describeJiraError, UsageError } from './errors.js';

/** What `timesheet login --jira-site … --jira-email …` saves (mode 0600), and what the variables give. */
export interface JiraCredentials {
  site: string;
  email: string;
  apiToken: string;
}

/** File holding the saved Jira credentials, next to `login.json`, mode 0600. */
export const JIRA_FILE = 'jira.json';

/** How to turn keys on, said once per run when Jira is not configured. */
export const JIRA_HINT =
  'issue keys and names need Jira: set JIRA_SITE, JIRA_EMAIL and JIRA_API_TOKEN, or run `timesheet login --jira-site SITE --jira-email EMAIL`; showing numeric ids';

/**
 * Jira credentials from the environment, or `saved`.
 * @throws {UsageError} when only some of the variables are set (naming the missing ones).
 */
export function resolveJiraCredentials(env: Env, saved: JiraCredentials | undefined): JiraCredentials | undefined {
  const site = env.JIRA_SITE?.trim() || env.TEMPO_JIRA_URL?.trim();
  const email = env.JIRA_EMAIL?.trim();
  const apiToken = env.JIRA_API_TOKEN?.trim();
  const given = { JIRA_SITE: site, JIRA_EMAIL: email, JIRA_API_TOKEN: apiToken };
  const missing = Object.entries(given)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  // TEMPO_JIRA_URL alone is the OAuth login's consent site, not a request for Jira lookups.
  const any = Boolean(env.JIRA_SITE?.trim() || email || apiToken);
  if (any && missing.length)
    throw new UsageError(`Jira credentials are incomplete: set ${missing.join(' and ')} too (or unset the others)`);
  if (site && email && apiToken) return { site, email, apiToken };
  return saved;
}

/** Parses `jira.json`; undefined when it does not have the three fields. */
export function parseSavedJira(text: string): JiraCredentials | undefined {
  try {
    const value = JSON.parse(text) as Partial<JiraCredentials>;
    if (
      typeof value.site === 'string' &&
      typeof value.email === 'string' &&
      typeof value.apiToken === 'string' &&
      value.apiToken
    )
      return value as JiraCredentials;
  } catch {
    // damaged: reported by the caller
  }
  return undefined;
}

/** Jira as the commands see it. */
export interface JiraAccess {
  /** The lookup, or undefined without Jira credentials. */
  readonly lookup: JiraLookup | undefined;
  /** Says (once per run) how to turn keys on, when Jira is not configured. */
  hintOnce(): void;
  /**
   * Says (once per run) why Jira's facts are missing from the output, and stops asking Jira for the rest of the
   * run: an export of many batches must not wait out Jira's retries once per batch.
   */
  warnOnce(error: unknown): void;
  /** Whether Jira already failed in this run. */
  readonly failed: boolean;
}

/** A {@link JiraAccess} over `lookup`, writing its notes to stderr. */
export function jiraAccess(ctx: AppContext, lookup: JiraLookup | undefined, secrets: readonly string[]): JiraAccess {
  let said = false;
  let failed = false;
  const say = (line: string) => {
    if (said) return;
    said = true;
    writeLine(ctx.stderr, `timesheet: ${line}`);
  };
  return {
    lookup,
    hintOnce: () => say(JIRA_HINT),
    warnOnce: (error) => {
      failed = true;
      say(`${describeJiraError(error, secrets)}; showing numeric ids`);
    },
    get failed() {
      return failed;
    },
  };
}

/** A Jira failure that stops a command that cannot do without Jira (a key to resolve, no account id). */
export function jiraAppError(error: unknown, secrets: readonly string[]): Error {
  if (error instanceof UsageError || error instanceof AppError) return error;
  // An abort (Ctrl-C, SIGTERM) is the run's interruption: describeError says so, with the signal's exit code.
  if (error instanceof Error && error.name === 'JiraAbortError') return error;
  return new AppError(describeJiraError(error, secrets), { cause: error });
}

/**
 * Keys and summaries for issue ids, for showing: whatever Jira can tell. Ids Jira does not know or will not show
 * (a deleted issue) stay without a key; any other Jira failure is said once and gives an empty map, so the
 * command goes on with ids. Without Jira credentials, says once how to turn keys on.
 */
export async function describeIssues(
  jira: JiraAccess,
  ids: readonly number[],
  signal?: AbortSignal,
): Promise<Map<number, JiraIssueInfo>> {
  const out = new Map<number, JiraIssueInfo>();
  if (!jira.lookup) {
    if (ids.length) jira.hintOnce();
    return out;
  }
  if (jira.failed) return out;
  let pending = [...new Set(ids)];
  // Two rounds at most: the second without the ids the first named as missing.
  for (let round = 0; round < 2 && pending.length; round++) {
    try {
      for (const info of (await jira.lookup.issues(pending, { signal })).values()) out.set(info.id, info);
      return out;
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof Error && error.name === 'JiraIssuesNotFoundError' && round === 0) {
        const missing = new Set((error as Error & { missing: readonly string[] }).missing);
        pending = pending.filter((id) => !missing.has(String(id)));
        continue;
      }
      jira.warnOnce(error);
      return out;
    }
  }
  return out;
}

/** Display names for account ids, for showing; a Jira failure is said once and gives an empty map. */
export async function describeUsers(
  jira: JiraAccess,
  accountIds: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  if (!jira.lookup) {
    if (accountIds.length) jira.hintOnce();
    return new Map();
  }
  if (jira.failed) return new Map();
  try {
    return await jira.lookup.displayNames(accountIds, { signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    jira.warnOnce(error);
    return new Map();
  }
}
