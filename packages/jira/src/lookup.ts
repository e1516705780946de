/**
 * What Tempo code needs from Jira, without hand lookups: issue keys ⇄ ids with summaries and project keys, display
 * names for account ids, and the signed-in user. Batched (at most 100 issues per request), de-duplicated, cached
 * (bounded, with a time to live) and kept within a concurrency limit.
 */
import type { JiraIssue } from '@tempo-sdk/types/jira';
import { BoundedCache } from './cache.js';
import type { JiraClient } from './client.js';
import { JiraInvalidResponseError, JiraIssuesNotFoundError, JiraNotFoundError, JiraUsageError } from './errors.js';
import { checkAccountIds, parseIssueRef, parseIssueRefs, quoteInput, type IssueRef } from './keys.js';
import { chunks, mapWithConcurrency } from './limit.js';

/** An issue as Tempo code needs it. */
export interface JiraIssueInfo {
  /** Jira's numeric issue id (Tempo's `issueId`). */
  id: number;
  /** The issue's current key, e.g. `SUP-12`. */
  key: string;
  /** The issue's summary (title). */
  summary: string;
  /** The key of the project it is in now, e.g. `SUP`. */
  projectKey: string;
}

/** The signed-in user, from `GET /rest/api/3/myself`. */
export interface JiraMyself {
  /** The Atlassian account id (Tempo's `authorAccountId`). */
  accountId: string;
  displayName: string;
  /** IANA time zone, such as `Europe/Berlin`, when Jira shows it to the caller. */
  timeZone: string | undefined;
  /** Present when the user's privacy settings allow it. */
  emailAddress: string | undefined;
}

/** Options of {@link createJiraLookup}. */
export interface JiraLookupOptions {
  /** Issues per bulk-fetch request, 1–100 (Jira's maximum). Default `100`. */
  batchSize?: number | undefined;
  /** Requests of one lookup in flight at once. Default `4`. */
  maxConcurrent?: number | undefined;
  /** Most issues (and, separately, most users) kept in the cache; `0` for no cache. Default `10000`. */
  maxCacheEntries?: number | undefined;
  /** How long a cached answer is used, in milliseconds. Default `600000` (10 minutes). */
  cacheTtlMs?: number | undefined;
  /** Monotonic time source for the cache; default `performance.now()`. */
  clock?: { monotonicNow(): number } | undefined;
}

/** Per-call options. */
export interface JiraLookupCallOptions {
  /** Aborts the lookup (`JiraAbortError`). */
  signal?: AbortSignal | undefined;
}

/** The lookups built on a {@link JiraClient}. */
export interface JiraLookup {
  /**
   * Resolves issue keys and/or ids to `{ id, key, summary, projectKey }`, keyed by the reference as normalised
   * (keys upper case, ids as digits). Duplicates are fetched once; cached answers are not fetched again. An issue
   * whose key changed (moved to another project) resolves under its old and its new key.
   * @throws {JiraUsageError} naming every malformed reference, before anything is sent.
   * @throws {JiraIssuesNotFoundError} naming every key or id Jira does not know or will not show; nothing partial.
   * @throws the client's errors (`JiraUnauthorizedError`, `JiraRateLimitError`, `JiraConnectionError`, …).
   * @see spec/jira `bulkFetchIssues`, `getIssue`
   */
  issues(refs: readonly (string | number)[], options?: JiraLookupCallOptions): Promise<Map<string, JiraIssueInfo>>;
  /**
   * Keys → numeric ids, keyed by the key in upper case.
   * @throws {JiraUsageError} when a value is not an issue key; {@link JiraIssuesNotFoundError} as for `issues`.
   */
  issueIds(keys: readonly string[], options?: JiraLookupCallOptions): Promise<Map<string, number>>;
  /**
   * One issue by key or id.
   * @throws as {@link JiraLookup.issues}.
   */
  issue(ref: string | number, options?: JiraLookupCallOptions): Promise<JiraIssueInfo>;
  /**
   * The signed-in user (asked once, then remembered).
   * @throws the client's errors; {@link JiraInvalidResponseError} when Jira's answer has no account id.
   * @see spec/jira `getCurrentUser`
   */
  me(options?: JiraLookupCallOptions): Promise<JiraMyself>;
  /**
   * Display names by account id, from `GET /rest/api/3/user/bulk` (up to 100 per request). Account ids Jira does
   * not know are left out of the map.
   * @throws {JiraUsageError} for a malformed account id; the client's errors.
   * @see spec/jira `bulkGetUsers`
   */
  displayNames(accountIds: readonly string[], options?: JiraLookupCallOptions): Promise<Map<string, string>>;
  /** Forgets every cached issue, user and "me". */
  clearCache(): void;
}

const USER_BATCH = 100;

function positiveInt(
  name: string,
  value: number | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
  min = 1,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new JiraUsageError(
      `\`${name}\` must be an integer from ${min} to ${max}, got ${typeof value === 'number' ? value : JSON.stringify(String(value))}`,
    );
  return value;
}

/** The name a reference is reported and returned under. */
function nameOf(ref: IssueRef): string {
  return ref.kind === 'key' ? ref.key : String(ref.id);
}

function invalid(operationId: string, what: string): JiraInvalidResponseError {
  return new JiraInvalidResponseError(`Jira's answer to ${operationId} is not what the operation promises: ${what}`, {
    operationId,
  });
}

/** The parts of an issue Tempo code needs, checked. */
function toInfo(issue: JiraIssue, operationId: string): JiraIssueInfo {
  const fields = (issue.fields ?? {}) as { summary?: unknown; project?: { key?: unknown } };
  const id = Number(issue.id);
  if (!Number.isSafeInteger(id) || id <= 0 || typeof issue.key !== 'string' || parseIssueRef(issue.key)?.kind !== 'key')
    throw invalid(operationId, 'an issue without a numeric id and a key');
  const projectKey =
    typeof fields.project?.key === 'string' ? fields.project.key : issue.key.slice(0, issue.key.lastIndexOf('-'));
  return { id, key: issue.key, summary: typeof fields.summary === 'string' ? fields.summary : '', projectKey };
}

/**
 * Creates the lookups over `client`.
 * @throws {JiraUsageError} for an out-of-range option.
 */
export function createJiraLookup(client: JiraClient, options: JiraLookupOptions = {}): JiraLookup {
  const batchSize = positiveInt('batchSize', options.batchSize, 100, 100);
  const maxConcurrent = positiveInt('maxConcurrent', options.maxConcurrent, 4, 64);
  const maxCacheEntries = positiveInt('maxCacheEntries', options.maxCacheEntries, 10_000, 10_000_000, 0);
  const cacheTtlMs = positiveInt('cacheTtlMs', options.cacheTtlMs, 600_000, Number.MAX_SAFE_INTEGER, 0);
  const monotonicNow = options.clock ? () => options.clock!.monotonicNow() : () => performance.now();
  const byId = new BoundedCache<number, JiraIssueInfo>(maxCacheEntries, cacheTtlMs, monotonicNow);
  const idByKey = new BoundedCache<string, number>(maxCacheEntries, cacheTtlMs, monotonicNow);
  const names = new BoundedCache<string, string>(maxCacheEntries, cacheTtlMs, monotonicNow);
  let myself: JiraMyself | undefined;

  const cached = (ref: IssueRef): JiraIssueInfo | undefined => {
    const id = ref.kind === 'id' ? ref.id : idByKey.get(ref.key);
    return id === undefined ? undefined : byId.get(id);
  };
  const remember = (info: JiraIssueInfo, askedKey?: string) => {
    byId.set(info.id, info);
    idByKey.set(info.key.toUpperCase(), info.id);
    if (askedKey) idByKey.set(askedKey, info.id);
  };

  /** One bulk fetch; returns what it found by name, and the names Jira could not show. */
  const fetchBatch = async (
    refs: IssueRef[],
    signal: AbortSignal | undefined,
  ): Promise<{ found: Map<string, JiraIssueInfo>; missing: string[] }> => {
    const result = await client.call('bulkFetchIssues', {
      body: { issueIdsOrKeys: refs.map(nameOf), fields: ['summary', 'project'] },
      signal,
    });
    if (!result || typeof result !== 'object' || (result.issues !== undefined && !Array.isArray(result.issues)))
      throw invalid('bulkFetchIssues', 'no list of issues');
    const infos = (result.issues ?? []).map((issue) => toInfo(issue, 'bulkFetchIssues'));
    const errored = new Set((result.issueErrors ?? []).map((e) => String(e?.id ?? '').toUpperCase()));
    const found = new Map<string, JiraIssueInfo>();
    const used = new Set<number>();
    const unmatched: IssueRef[] = [];
    for (const ref of refs) {
      const info = infos.find((i) => (ref.kind === 'id' ? i.id === ref.id : i.key.toUpperCase() === ref.key));
      if (info) {
        found.set(nameOf(ref), info);
        used.add(info.id);
        remember(info);
      } else if (!errored.has(nameOf(ref))) unmatched.push(ref);
    }
    // A key that found an issue under another key is a former key (the issue moved). Bulk fetch does not say which
    // asked key an answer belongs to: one left-over of each pairs up; otherwise each such key is asked alone.
    const leftovers = infos.filter((i) => !used.has(i.id));
    if (unmatched.length === 1 && leftovers.length === 1) {
      found.set(nameOf(unmatched[0]!), leftovers[0]!);
      remember(leftovers[0]!, nameOf(unmatched[0]!));
    } else if (unmatched.length) {
      for (const ref of unmatched) {
        try {
          const issue = await client.call('getIssue', {
            path: { issueIdOrKey: nameOf(ref) },
            query: { fields: ['summary', 'project'] },
            signal,
          });
          const info = toInfo(issue, 'getIssue');
          found.set(nameOf(ref), info);
          remember(info, ref.kind === 'key' ? ref.key : undefined);
        } catch (error) {
          if (!(error instanceof JiraNotFoundError)) throw error;
        }
      }
    }
    return { found, missing: refs.map(nameOf).filter((name) => !found.has(name)) };
  };

  const issues: JiraLookup['issues'] = async (inputs, { signal } = {}) => {
    const refs = parseIssueRefs(inputs);
    const unique = new Map<string, IssueRef>();
    for (const ref of refs) unique.set(nameOf(ref), ref);
    const out = new Map<string, JiraIssueInfo>();
    const toFetch: IssueRef[] = [];
    for (const [name, ref] of unique) {
      const hit = cached(ref);
      if (hit) out.set(name, hit);
      else toFetch.push(ref);
    }
    const results = await mapWithConcurrency(chunks(toFetch, batchSize), maxConcurrent, (batch) =>
      fetchBatch(batch, signal),
    );
    const missing = results.flatMap((r) => r.missing);
    if (missing.length) throw new JiraIssuesNotFoundError(missing);
    for (const { found } of results) for (const [name, info] of found) out.set(name, info);
    // In the order asked.
    return new Map([...unique.keys()].map((name) => [name, out.get(name)!]));
  };

  return {
    issues,
    async issueIds(keys, options) {
      const notKeys = keys.filter((k) => parseIssueRef(k)?.kind !== 'key');
      if (notKeys.length)
        throw new JiraUsageError(
          `Not an issue key: ${notKeys.slice(0, 10).map(quoteInput).join(', ')} (expected a key such as PROJ-123)`,
        );
      const found = await issues(keys, options);
      return new Map([...found].map(([key, info]) => [key, info.id]));
    },
    async issue(ref, options) {
      const found = await issues([ref], options);
      return found.values().next().value!;
    },
    async me({ signal } = {}) {
      if (myself) return myself;
      const user = await client.call('getCurrentUser', { signal });
      if (!user || typeof user.accountId !== 'string' || user.accountId === '')
        throw invalid('getCurrentUser', 'no accountId');
      myself = {
        accountId: user.accountId,
        displayName: typeof user.displayName === 'string' ? user.displayName : user.accountId,
        timeZone: user.timeZone,
        emailAddress: user.emailAddress,
      };
      return myself;
    },
    async displayNames(accountIds, { signal } = {}) {
      checkAccountIds(accountIds);
      const unique = [...new Set(accountIds)];
      const toFetch = unique.filter((id) => names.get(id) === undefined);
      await mapWithConcurrency(chunks(toFetch, USER_BATCH), maxConcurrent, async (batch) => {
        // Offset pages; at most one page per account id asked (and one more) even if Jira kept saying "not last".
        for (let startAt = 0, pages = 0; pages <= batch.length; pages++) {
          const page = await client.call('bulkGetUsers', {
            query: { accountId: batch, startAt, maxResults: USER_BATCH },
            signal,
          });
          if (!page || (page.values !== undefined && !Array.isArray(page.values)))
            throw invalid('bulkGetUsers', 'no list of users');
          const values = page.values ?? [];
          for (const user of values)
            if (typeof user.accountId === 'string' && typeof user.displayName === 'string')
              names.set(user.accountId, user.displayName);
          if (page.isLast !== false || values.length === 0) return;
          startAt += values.length;
        }
        throw invalid('bulkGetUsers', 'pages that never end');
      });
      const out = new Map<string, string>();
      for (const id of unique) {
        const name = names.get(id);
        if (name !== undefined) out.set(id, name);
      }
      return out;
    },
    clearCache() {
      byId.clear();
      idByKey.clear();
      names.clear();
      myself = undefined;
    },
  };
}
