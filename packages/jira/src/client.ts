/**
 * `createJiraClient`: openapi-fetch over Jira's paths (spec/jira), on @tempo-sdk/client's transport: the same auth,
 * retries (429 with `Retry-After`), timeouts, abort, `maxResponseBytes`, throttle and redaction as the Tempo client,
 * with Jira's error classes and error body.
 */
import {
  callService,
  createServiceClient,
  createTransport,
  type Clock,
  type LogLevel,
  type RateLimiter,
  type RateLimitPolicy,
  type RetryPolicy,
  type ServiceClient,
  type TempoLogger,
} from '@tempo-sdk/client/transport';
import { jiraOperationIndex, type JiraOperationId, type JiraOperations, type JiraPaths } from '@tempo-sdk/types/jira';
import { resolveConnection, type JiraConnectionOptions } from './options.js';
import { jiraService } from './service.js';

/**
 * Jira's retry policy: 429s are retried after `Retry-After` (at least 1 s); 5xx, timeouts and lost connections on
 * reads up to 3 times after 1, 2 and 4 s. Jira's rate limits are per user and cost-based, so the client waits as
 * told rather than guessing a rate.
 */
export const JIRA_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 3,
  delays: Object.freeze([1000, 2000, 4000]),
  minRateLimitDelay: 1000,
  maxDelay: 60_000,
  maxTotalDelay: 90_000,
  jitter: 0.1,
});

/** The default throttle: at most 4 Jira requests in flight, 20 started per second. */
export const JIRA_RATE_LIMIT: RateLimitPolicy = Object.freeze({ maxConcurrent: 4, requestsPerSecond: 20 });

/** Options of {@link createJiraClient}: where and how to connect, plus the options every package shares. */
export interface JiraClientOptions extends JiraConnectionOptions {
  /** The fetch to use; default the global one, looked up per request. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Milliseconds allowed per attempt (request and body); `0` for none. Default `30000`. */
  timeoutMs?: number | undefined;
  /** Retry policy, or `false`. Default {@link JIRA_RETRY_POLICY}. */
  retry?: RetryPolicy | false | undefined;
  /** Throttle: limits, a shared limiter, or `false`. Default {@link JIRA_RATE_LIMIT}. */
  rateLimit?: RateLimitPolicy | RateLimiter | false | undefined;
  /** The largest response body read, in bytes; past it a `JiraResponseTooLargeError`. Default 64 MiB. */
  maxResponseBytes?: number | undefined;
  /** Where log lines go (every line redacted). Silent by default. */
  logger?: TempoLogger | undefined;
  logLevel?: LogLevel | undefined;
  /** Time source (`now`, `monotonicNow`, `sleep`, `random`), for tests. */
  clock?: Clock | undefined;
  /** Prepended to the User-Agent. */
  userAgent?: string | undefined;
}

/** Parameters of an operation, as {@link JiraClient.call} takes them. */
export type JiraCallParams<Id extends JiraOperationId> = {
  path?: JiraOperations[Id]['parameters'] extends { path?: infer P } ? P : never;
  query?: JiraOperations[Id]['parameters'] extends { query?: infer Q } ? Q : never;
  body?: JiraOperations[Id] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
  /** Aborts the call (a `JiraAbortError`). */
  signal?: AbortSignal | undefined;
};

/** The success body of an operation. */
export type JiraCallResult<Id extends JiraOperationId> = JiraOperations[Id]['responses'] extends {
  200: { content: { 'application/json': infer R } };
}
  ? R
  : undefined;

/** A Jira client. */
export interface JiraClient {
  /** The base URL requests go to (site, gateway or the one given). */
  readonly baseUrl: string;
  /** The low-level openapi-fetch client (`GET`, `POST`, … returning `{ data, error, response }`). */
  readonly raw: ServiceClient<JiraPaths>;
  /**
   * Sends one operation of spec/jira and resolves with its success body.
   * @throws {JiraApiError} (and subclasses by status) for an error status, `JiraConnectionError`,
   * `JiraTimeoutError`, `JiraAbortError`, `JiraResponseTooLargeError`, `JiraInvalidResponseError` (not JSON, or
   * empty), `JiraUsageError` (a path value that would leave its segment, before sending).
   */
  call<Id extends JiraOperationId>(operationId: Id, params?: JiraCallParams<Id>): Promise<JiraCallResult<Id>>;
}

/**
 * Creates a Jira client: basic auth against `https://{site}.atlassian.net`, or an OAuth 2.0 bearer token against
 * `https://api.atlassian.com/ex/jira/{cloudId}`.
 *
 * @example
 * ```ts
 * const jira = createJiraClient({ site: 'acme', email: 'me@acme.com', apiToken: process.env.JIRA_API_TOKEN! });
 * const me = await jira.call('getCurrentUser');
 * ```
 * @throws {JiraUsageError} for missing or malformed options.
 * @see {@link https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/ | Basic auth for REST APIs}
 */
export function createJiraClient(options: JiraClientOptions): JiraClient {
  const { baseUrl, auth } = resolveConnection(options);
  const transport = createTransport({
    service: jiraService,
    baseUrl,
    auth,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry ?? JIRA_RETRY_POLICY,
    rateLimit: options.rateLimit === undefined ? JIRA_RATE_LIMIT : options.rateLimit, // null: a usage error
    maxResponseBytes: options.maxResponseBytes,
    logger: options.logger,
    logLevel: options.logLevel,
    clock: options.clock,
    userAgent: options.userAgent,
    // Jira's two POSTs only read; everything else here is a GET.
    classify: (method, url) => {
      const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length).split('?')[0] : undefined;
      const entry = Object.entries(jiraOperationIndex).find(
        ([, info]) => info.method === method.toLowerCase() && info.path === path,
      );
      return entry ? { operationId: entry[0], idempotent: entry[1].idempotent } : undefined;
    },
  });
  const raw = createServiceClient<JiraPaths>(transport);
  return {
    baseUrl,
    raw,
    async call(operationId, params = {}) {
      const info = jiraOperationIndex[operationId];
      const { signal, body, path, query } = params as {
        signal?: AbortSignal;
        body?: unknown;
        path?: object;
        query?: object;
      };
      const init = { params: { path, query }, ...(body === undefined ? {} : { body }), ...(signal ? { signal } : {}) };
      const { data } = await callService(raw, info.method.toUpperCase(), info.path, init, {
        operationId,
        idempotent: info.idempotent,
        signal,
      });
      return data as never;
    },
  };
}
