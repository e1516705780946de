// The seven Jira operations (spec/jira/openapi.yaml) served from the shared database, plus the 410 of the removed
// legacy search. Each route gets the parsed request and answers a MockReply or throws a JiraMockHttpError.
import type { JiraOperationId } from '@tempo-sdk/types/jira';
import { readBodyCapped, isJsonContentType } from '../body.js';
import { MAX_BODY_BYTES } from '../constants.js';
import type { TempoDatabase } from '../db/database.js';
import type { MockReply } from '../errors.js';
import { TempoMockHttpError } from '../errors.js';
import { JIRA_BULK_FETCH_MAX, JIRA_SEARCH_MAX_RESULTS, JIRA_USER_BULK_MAX } from './constants.js';
import { ISSUE_NOT_VISIBLE, JiraMockHttpError, jsonReply } from './errors.js';
import { issueJson, projectJson, selectFields, userJson } from './representations.js';
import { findIssue, type JiraState } from './state.js';
import { runJql } from './jql.js';

/** What a route needs. */
export interface JiraRouteContext {
  request: Request;
  url: URL;
  /** The base URL the request came in on (links are built under it). */
  base: string;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  db: TempoDatabase;
  state: JiraState;
  /** The accountId the request acts as. */
  accountId: string;
}

interface Route {
  method: string;
  /** Path template relative to the base URL, as in the spec. */
  template: string;
  operationId: JiraOperationId | 'removedLegacySearch';
  /** Whether the request must authenticate first (the 410 answers whoever asks). */
  serve: (ctx: JiraRouteContext) => MockReply | Promise<MockReply>;
}

const removed = (): MockReply => {
  throw new JiraMockHttpError(410, [
    'This search endpoint was removed from Jira Cloud in 2025: use /rest/api/3/search/jql, paged by nextPageToken.',
  ]);
};

export const JIRA_ROUTES: readonly Route[] = [
  { method: 'GET', template: '/rest/api/3/myself', operationId: 'getCurrentUser', serve: myself },
  { method: 'POST', template: '/rest/api/3/issue/bulkfetch', operationId: 'bulkFetchIssues', serve: bulkFetch },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}', operationId: 'getIssue', serve: getIssue },
  {
    method: 'GET',
    template: '/rest/api/3/search/jql',
    operationId: 'searchAndReconsileIssuesUsingJql',
    serve: searchGet,
  },
  {
    method: 'POST',
    template: '/rest/api/3/search/jql',
    operationId: 'searchAndReconsileIssuesUsingJqlPost',
    serve: searchPost,
  },
  { method: 'GET', template: '/rest/api/3/user/bulk', operationId: 'bulkGetUsers', serve: bulkUsers },
  { method: 'GET', template: '/rest/api/3/project/search', operationId: 'searchProjects', serve: searchProjects },
  { method: 'GET', template: '/rest/api/3/search', operationId: 'removedLegacySearch', serve: removed },
  { method: 'POST', template: '/rest/api/3/search', operationId: 'removedLegacySearch', serve: removed },
];

/**
 * The route and decoded path parameters for a path relative to the base URL. A parameter value never spans
 * segments: `%2F` inside one stays in it (and names no issue).
 */
export function matchRoute(
  method: string,
  relativePath: string,
): { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined {
  const segments = relativePath.split('/');
  const allowed: string[] = [];
  for (const route of JIRA_ROUTES) {
    const parts = route.template.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const name = /^\{(.+)\}$/.exec(parts[i]!)?.[1];
      if (name) {
        try {
          params[name] = decodeURIComponent(segments[i]!);
        } catch {
          ok = false;
        }
        ok &&= segments[i] !== '';
      } else ok = parts[i] === segments[i];
    }
    if (!ok) continue;
    if (route.method === method.toUpperCase()) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}

function myself(ctx: JiraRouteContext): MockReply {
  const user = ctx.db.users.get(ctx.accountId);
  if (!user) throw new JiraMockHttpError(401, ['The account of these credentials no longer exists.']);
  return jsonReply(userJson(ctx.base, user));
}

async function bulkFetch(ctx: JiraRouteContext): Promise<MockReply> {
  const body = await jsonBody(ctx.request, ['issueIdsOrKeys', 'fields', 'expand', 'fieldsByKeys', 'properties']);
  const ids = body.issueIdsOrKeys;
  if (!Array.isArray(ids) || ids.some((v) => typeof v !== 'string'))
    throw fieldError('issueIdsOrKeys', 'issueIdsOrKeys must be a list of issue ids or keys.');
  if (ids.length === 0) throw fieldError('issueIdsOrKeys', 'Name at least one issue id or key.');
  if (ids.length > JIRA_BULK_FETCH_MAX)
    throw fieldError('issueIdsOrKeys', `At most ${JIRA_BULK_FETCH_MAX} issue ids or keys can be fetched at once.`);
  const fields = stringList(body.fields, 'fields');
  const selected = selectFields(fields, '*navigable');
  const issues = [];
  const issueErrors = [];
  const seen = new Set<number>();
  for (const idOrKey of ids as string[]) {
    const issue = findIssue(ctx.db, ctx.state, idOrKey.trim());
    if (!issue) issueErrors.push({ id: idOrKey, errorMessage: ISSUE_NOT_VISIBLE });
    else if (!seen.has(issue.id)) {
      // Jira answers each issue once however many times (or under however many keys) it was named.
      seen.add(issue.id);
      issues.push(issueJson(ctx.base, ctx.db, issue, selected));
    }
  }
  return jsonReply({ issues, issueErrors });
}

function getIssue(ctx: JiraRouteContext): MockReply {
  const issue = findIssue(ctx.db, ctx.state, ctx.params.issueIdOrKey!);
  if (!issue) throw new JiraMockHttpError(404, [ISSUE_NOT_VISIBLE]);
  return jsonReply(issueJson(ctx.base, ctx.db, issue, selectFields(ctx.url.searchParams.getAll('fields'), '*all')));
}

function searchGet(ctx: JiraRouteContext): MockReply {
  const q = ctx.url.searchParams;
  return search(ctx, {
    jql: q.get('jql') ?? '',
    nextPageToken: q.get('nextPageToken') ?? undefined,
    maxResults: intParam(q, 'maxResults', 50),
    fields: q.getAll('fields'),
  });
}

async function searchPost(ctx: JiraRouteContext): Promise<MockReply> {
  const body = await jsonBody(ctx.request, [
    'jql',
    'nextPageToken',
    'maxResults',
    'fields',
    'expand',
    'fieldsByKeys',
    'properties',
    'reconcileIssues',
  ]);
  if (body.jql !== undefined && typeof body.jql !== 'string') throw fieldError('jql', 'jql must be a string.');
  if (body.nextPageToken !== undefined && typeof body.nextPageToken !== 'string')
    throw fieldError('nextPageToken', 'nextPageToken must be a string.');
  if (body.maxResults !== undefined && !Number.isInteger(body.maxResults))
    throw fieldError('maxResults', 'maxResults must be an integer.');
  return search(ctx, {
    jql: (body.jql as string | undefined) ?? '',
    nextPageToken: body.nextPageToken as string | undefined,
    maxResults: (body.maxResults as number | undefined) ?? 50,
    fields: stringList(body.fields, 'fields') ?? [],
  });
}

function search(
  ctx: JiraRouteContext,
  input: { jql: string; nextPageToken: string | undefined; maxResults: number; fields: string[] },
): MockReply {
  if (input.maxResults < 0) throw fieldError('maxResults', 'maxResults must not be negative.');
  const pageSize = Math.min(input.maxResults || 50, JIRA_SEARCH_MAX_RESULTS);
  const matches = runJql(ctx.db, ctx.state, input.jql);
  const offset = input.nextPageToken === undefined ? 0 : readPageToken(input.nextPageToken, input.jql);
  const page = matches.slice(offset, offset + pageSize);
  const selected = selectFields(input.fields, 'id');
  const isLast = offset + page.length >= matches.length;
  return jsonReply({
    issues: page.map((issue) => issueJson(ctx.base, ctx.db, issue, selected)),
    isLast,
    ...(isLast ? {} : { nextPageToken: pageToken(offset + page.length, input.jql) }),
  });
}

function bulkUsers(ctx: JiraRouteContext): MockReply {
  const q = ctx.url.searchParams;
  const accountIds = q
    .getAll('accountId')
    .flatMap((v) => v.split(','))
    .filter(Boolean);
  if (accountIds.length === 0) throw fieldError('accountId', 'Name at least one accountId.');
  if (accountIds.length > JIRA_USER_BULK_MAX)
    throw fieldError('accountId', `At most ${JIRA_USER_BULK_MAX} accountIds can be read at once.`);
  if (accountIds.some((id) => id.length > 128))
    throw fieldError('accountId', 'An accountId is at most 128 characters long.');
  const startAt = intParam(q, 'startAt', 0);
  const maxResults = intParam(q, 'maxResults', 10);
  const found = [...new Set(accountIds)].map((id) => ctx.db.users.get(id)).filter((u) => u !== undefined);
  return jsonReply(
    pageOf(
      ctx,
      found.map((u) => userJson(ctx.base, u)),
      startAt,
      maxResults,
    ),
  );
}

function searchProjects(ctx: JiraRouteContext): MockReply {
  const q = ctx.url.searchParams;
  const startAt = intParam(q, 'startAt', 0);
  const maxResults = intParam(q, 'maxResults', 50);
  if (maxResults > JIRA_SEARCH_MAX_RESULTS)
    throw fieldError('maxResults', `maxResults must be at most ${JIRA_SEARCH_MAX_RESULTS}.`);
  const keys = new Set(
    q
      .getAll('keys')
      .flatMap((v) => v.split(','))
      .map((k) => k.trim().toUpperCase())
      .filter(Boolean),
  );
  const ids = new Set(
    q
      .getAll('id')
      .flatMap((v) => v.split(','))
      .filter(Boolean)
      .map(Number),
  );
  const text = q.get('query')?.toLowerCase();
  const projects = ctx.db.projects
    .filter(
      (p) =>
        (!keys.size || keys.has(p.key.toUpperCase())) &&
        (!ids.size || ids.has(p.id)) &&
        (!text || `${p.key} ${p.name}`.toLowerCase().includes(text)),
    )
    .sort((a, b) => a.key.localeCompare(b.key));
  return jsonReply(
    pageOf(
      ctx,
      projects.map((p) => projectJson(ctx.base, p)),
      startAt,
      maxResults,
    ),
  );
}

/** Jira's offset pages (`PageBeanUser`, `PageBeanProject`). */
function pageOf<T>(ctx: JiraRouteContext, all: T[], startAt: number, maxResults: number) {
  const values = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= all.length;
  const link = (start: number) => {
    const url = new URL(ctx.url);
    url.searchParams.set('startAt', String(start));
    url.searchParams.set('maxResults', String(maxResults));
    return `${ctx.base}${url.pathname.slice(new URL(ctx.base).pathname.replace(/\/$/, '').length)}${url.search}`;
  };
  return {
    self: link(startAt),
    ...(isLast ? {} : { nextPage: link(startAt + maxResults) }),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values,
  };
}

function intParam(q: URLSearchParams, name: string, fallback: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^[0-9]{1,9}$/.test(raw)) throw fieldError(name, `${name} must be a non-negative integer.`);
  return Number(raw);
}

function stringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw fieldError(name, `${name} must be a list of strings.`);
  return value as string[];
}

async function jsonBody(request: Request, known: readonly string[]): Promise<Record<string, unknown>> {
  if (!isJsonContentType(request.headers.get('content-type')))
    throw new JiraMockHttpError(415, ['The request body must be JSON (Content-Type: application/json).']);
  let text: string;
  try {
    text = await readBodyCapped(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof TempoMockHttpError) throw new JiraMockHttpError(error.status, [error.message]);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new JiraMockHttpError(400, ['The request body is not valid JSON.']);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new JiraMockHttpError(400, ['The request body must be a JSON object.']);
  const unknown = Object.keys(body).filter((k) => !known.includes(k));
  if (unknown.length) throw new JiraMockHttpError(400, [`Unrecognized field "${unknown[0]}".`]);
  return body as Record<string, unknown>;
}

function fieldError(field: string, message: string): JiraMockHttpError {
  return new JiraMockHttpError(400, [], { [field]: message });
}

// Page tokens are stateless (the offset, bound to the query), so a client cannot make the mock hold anything.
function pageToken(offset: number, jql: string): string {
  return btoa(JSON.stringify({ o: offset, q: hashText(jql) })).replace(/=+$/, '');
}

function readPageToken(token: string, jql: string): number {
  try {
    const { o, q } = JSON.parse(atob(token)) as { o: unknown; q: unknown };
    if (Number.isInteger(o) && (o as number) >= 0 && q === hashText(jql)) return o as number;
  } catch {
    // fall through: not one of ours
  }
  throw fieldError('nextPageToken', 'The nextPageToken is not valid for this query.');
}

function hashText(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}
