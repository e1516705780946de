// The mock's Jira: the seven operations of spec/jira/ (and the 410 of the removed search) served from the same
// users, projects and issues that Tempo's worklogs refer to. Pipeline: faults → route → auth → operation.
import type { JiraPaths } from '@tempo-sdk/types/jira';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { createOpenApiHttp, type OpenApiHttpHandlers } from 'openapi-msw';
import type { TempoDatabase } from '../db/database.js';
import { toResponse, type MockReply } from '../errors.js';
import { retryAfterHeader, type FaultInjector, type FaultRule } from '../faults.js';
import { authenticate, defaultJiraAuth, type JiraDoor } from './auth.js';
import {
  JIRA_GATEWAY_ORIGIN,
  MOCK_JIRA_API_TOKEN,
  MOCK_JIRA_CLOUD_ID,
  MOCK_JIRA_OAUTH_TOKEN,
  MOCK_JIRA_SITE_URL,
} from './constants.js';
import { JiraMockHttpError, jiraErrorReply } from './errors.js';
import { matchRoute } from './routes.js';
import { createJiraState, hideIssue, moveIssue, resetJiraState, type JiraStats } from './state.js';
import type { MockIssue } from '../db/database.js';

/** What the Jira mock shares with the Tempo mock around it. */
export interface JiraMockDependencies {
  db: () => TempoDatabase;
  faults: FaultInjector;
  /** accountId that bearer tokens act for, and whose email `credentials` gives. */
  currentUser: () => string;
  /** The site URL (basic auth); default {@link MOCK_JIRA_SITE_URL}. */
  siteUrl?: string;
  onInternalError: (error: unknown, request: Request) => void;
}

/**
 * HTTP methods of the Jira operations.
 * @inline
 */
type JiraMethod = 'get' | 'post';
/** Jira paths (as in `JiraPaths`) that have an operation for `M`. */
export type JiraPathsWithMethod<M extends JiraMethod> = {
  [P in keyof JiraPaths]: JiraPaths[P] extends Record<M, infer Op>
    ? [Op] extends [undefined | never]
      ? never
      : P
    : never;
}[keyof JiraPaths] &
  string;

/** `mock.jira`: the Jira Cloud part of the mock. */
export interface JiraMock {
  /** The site URL served with basic auth, e.g. `https://tempo-mock.atlassian.net`. */
  readonly siteUrl: string;
  /** The gateway URL served with bearer tokens: `https://api.atlassian.com/ex/jira/{cloudId}`. */
  readonly gatewayUrl: string;
  /** Basic-auth credentials of the mock's current user: `{ email, apiToken }`. */
  readonly credentials: { readonly email: string; readonly apiToken: string };
  /** A bearer token accepted on the gateway URL ({@link MOCK_JIRA_OAUTH_TOKEN}). */
  readonly oauthToken: string;
  /** Requests that reached the Jira mock, in all and per operationId (`removedLegacySearch` for the 410s). */
  readonly stats: Readonly<JiraStats>;
  /** msw handlers for the default site and gateway URLs (already part of `mock.handlers`). */
  readonly handlers: RequestHandler[];
  /** Typed override factories for Jira's paths (openapi-msw), on any origin. */
  readonly http: OpenApiHttpHandlers<JiraPaths>;
  /** A one-line override answering `status`; a string body becomes Jira's `{"errorMessages":[body],"errors":{}}`. */
  reply<M extends JiraMethod>(
    method: M,
    path: JiraPathsWithMethod<M>,
    status: number,
    body?: string | object,
    headers?: Record<string, string>,
  ): RequestHandler;
  /** Moves an issue to another project: a new key, the same id; the old key still finds it. Returns the issue. */
  moveIssue(idOrKey: string | number, projectKey: string): MockIssue;
  /** Makes an issue invisible to every caller (answered exactly as if it did not exist). */
  hideIssue(idOrKey: string | number): void;
  /** Handlers for other URLs sharing this state (the standalone server's). */
  createHandlers(siteUrls: readonly string[], gatewayUrls: readonly string[]): RequestHandler[];
  /** Serves one request that arrived under `base` (a site or gateway URL). */
  handle(request: Request, base: string, door: JiraDoor): Promise<MockReply>;
  /** Forgets moves, hidden issues and stats (called by `mock.reset()`). */
  reset(): void;
}

/** Creates the Jira part of a mock. `createTempoMock` does it; reach it as `mock.jira`. */
export function createJiraMock(deps: JiraMockDependencies): JiraMock {
  const state = createJiraState();
  const auth = defaultJiraAuth();
  const siteUrl = (deps.siteUrl ?? MOCK_JIRA_SITE_URL).replace(/\/+$/, '');
  const gatewayUrl = `${JIRA_GATEWAY_ORIGIN}/ex/jira/${MOCK_JIRA_CLOUD_ID}`;

  const handle = async (request: Request, base: string, door: JiraDoor): Promise<MockReply> => {
    try {
      const url = new URL(request.url);
      const basePath = new URL(base).pathname.replace(/\/$/, '');
      // The URL parser has already removed dot segments; a path that left the base is not Jira's.
      const relativePath = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : '';
      const matched = relativePath ? matchRoute(request.method, relativePath) : undefined;
      const route = matched && 'route' in matched ? matched.route : undefined;
      const fault = deps.faults.take({
        method: request.method,
        pathname: url.pathname,
        relativePath,
        template: route?.template,
        operationId: route?.operationId,
      });
      if (fault) {
        const reply = await applyFault(fault);
        if (reply) return reply;
      }
      state.stats.requests++;
      if (!matched)
        return jiraErrorReply(404, [`Nothing is served at ${relativePath || url.pathname} by the mock's Jira.`]);
      if (!('route' in matched))
        return jiraErrorReply(
          405,
          [`Use ${matched.allowed.join(' or ')} here.`],
          {},
          { allow: matched.allowed.join(', ') },
        );
      state.stats.byOperation[matched.route.operationId] =
        (state.stats.byOperation[matched.route.operationId] ?? 0) + 1;
      const db = deps.db();
      const accountId =
        matched.route.operationId === 'removedLegacySearch'
          ? ''
          : authenticate(request, door, db, auth, deps.currentUser);
      return await matched.route.serve({ request, url, base, params: matched.params, db, state, accountId });
    } catch (error) {
      if (error instanceof JiraMockHttpError)
        return jiraErrorReply(error.status, [...error.errorMessages], { ...error.errors }, { ...error.headers });
      deps.onInternalError(error, request);
      return jiraErrorReply(500, ['Internal error in the Jira mock.']);
    }
  };

  const createHandlers = (sites: readonly string[], gateways: readonly string[]): RequestHandler[] => [
    ...sites.map((base) =>
      http.all(new RegExp(`^${escapeRegExp(base)}/rest/.*$`), async ({ request }) =>
        toResponse(await handle(request, base, 'site')),
      ),
    ),
    ...gateways.map((base) =>
      http.all(new RegExp(`^${escapeRegExp(base)}/rest/.*$`), async ({ request }) =>
        toResponse(await handle(request, base, 'gateway')),
      ),
    ),
  ];

  return {
    siteUrl,
    gatewayUrl,
    get credentials() {
      const email = deps.db().users.get(deps.currentUser())?.emailAddress ?? '';
      return { email, apiToken: MOCK_JIRA_API_TOKEN };
    },
    oauthToken: MOCK_JIRA_OAUTH_TOKEN,
    get stats() {
      return state.stats;
    },
    handlers: createHandlers([siteUrl], [gatewayUrl]),
    http: createOpenApiHttp<JiraPaths>({ baseUrl: '*' }),
    reply(method, path, status, body, headers = {}) {
      const pattern = `*${String(path).replace(/\{([^}]+)\}/g, ':$1')}`;
      return http[method](pattern, () => {
        if (body === undefined) return new HttpResponse(null, { status, headers });
        const json = typeof body === 'string' ? { errorMessages: [body], errors: {} } : body;
        return HttpResponse.json(json, { status, headers });
      });
    },
    moveIssue: (idOrKey, projectKey) => moveIssue(deps.db(), state, idOrKey, projectKey),
    hideIssue: (idOrKey) => hideIssue(deps.db(), state, idOrKey),
    createHandlers,
    handle,
    reset: () => resetJiraState(state),
  };
}

/** A fault as Jira would answer it: its error body, `Retry-After` on request. */
async function applyFault(fault: FaultRule): Promise<MockReply | undefined> {
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.networkError) return { status: 0, headers: {}, body: null, networkError: true };
  if (fault.status === undefined) return undefined;
  const retryAfter = retryAfterHeader(fault);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
  if (fault.body !== undefined)
    return {
      status: fault.status,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(fault.body),
    };
  return jiraErrorReply(fault.status, [fault.message ?? `Injected fault: HTTP ${fault.status}`], {}, headers);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
