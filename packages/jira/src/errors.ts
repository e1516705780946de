/**
 * The errors `@tempo-sdk/jira` throws. Every one extends {@link JiraError}, so one `instanceof` catches them all.
 * What an error holds is already safe to print: URLs without credentials, credential headers redacted, text from
 * Jira redacted before it is cut, and no reference to the request (which carries the credentials).
 */

import { apiErrorClass, type ApiErrorInit, ServiceError, type ServiceErrorOptions } from '@tempo-sdk/client/transport';

/** Options every Jira error accepts. */
export interface JiraErrorOptions extends ServiceErrorOptions {}

/**
 * The base class of every error thrown by `@tempo-sdk/jira`. `toJSON()` gives `{ name, message, ...own fields,
 * cause: { name, message } }` (from the transport's `ServiceError`, which `TempoError` shares).
 */
export class JiraError extends ServiceError {
  static {
    this.prototype.name = 'JiraError';
  }
}

/** Where a request was going. */
export interface JiraRequestErrorInit extends JiraErrorOptions {
  /** HTTP method, upper case. */
  method?: string | undefined;
  /** Request URL without credentials. */
  url?: string | undefined;
  /** The operationId, when known. */
  operationId?: string | undefined;
}

/** What {@link JiraApiError} knows about the failed exchange: status, method, URL, operationId, headers, body. */
export interface JiraApiErrorInit extends ApiErrorInit {}

/**
 * Jira answered with an error status. `message` is Jira's first message; `messages` holds every entry of
 * `errorMessages` and then every `errors` entry as `field: message`; `requestId` is `x-arequestid`. The fields are
 * those every service's error-status class has.
 */
export class JiraApiError extends apiErrorClass(JiraError) {
  static {
    this.prototype.name = 'JiraApiError';
  }
}

/** 400: Jira rejected the input (`messages` says what). */
export class JiraBadRequestError extends JiraApiError {
  static {
    this.prototype.name = 'JiraBadRequestError';
  }
}

/** 401: the email/API token or bearer token was refused. */
export class JiraUnauthorizedError extends JiraApiError {
  static {
    this.prototype.name = 'JiraUnauthorizedError';
  }
}

/** 403: authenticated, but not allowed. */
export class JiraForbiddenError extends JiraApiError {
  static {
    this.prototype.name = 'JiraForbiddenError';
  }
}

/** 404: nothing there, or nothing the caller may see (Jira does not say which). */
export class JiraNotFoundError extends JiraApiError {
  static {
    this.prototype.name = 'JiraNotFoundError';
  }
}

/** 429 after the allowed retries. `retryAfterMs` is Jira's `Retry-After`, in milliseconds, when it sent one. */
export class JiraRateLimitError extends JiraApiError {
  /** How long Jira asked to wait, in milliseconds (from the client's clock), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: JiraApiErrorInit & { retryAfterMs?: number | undefined }) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }

  static {
    this.prototype.name = 'JiraRateLimitError';
  }
}

/** 5xx after the allowed retries. */
export class JiraServerError extends JiraApiError {
  static {
    this.prototype.name = 'JiraServerError';
  }
}

/**
 * A failure tied to one request but not to an error status: where the request was going. The classes below add
 * what is specific to them.
 */
export class JiraRequestError extends JiraError {
  /** HTTP method, upper case, when known. */
  readonly method: string | undefined;
  /** Request URL without credentials, when known. */
  readonly url: string | undefined;
  /** The operationId, when known. */
  readonly operationId: string | undefined;

  constructor(message: string, init: JiraRequestErrorInit = {}) {
    super(message, init);
    this.method = init.method;
    this.url = init.url;
    this.operationId = init.operationId;
  }

  static {
    this.prototype.name = 'JiraRequestError';
  }
}

/** No response (DNS, refused, reset). */
export class JiraConnectionError extends JiraRequestError {
  /** System error code, such as `ECONNREFUSED`. */
  readonly code: string | undefined;

  constructor(message: string, init: JiraRequestErrorInit & { code?: string | undefined } = {}) {
    super(message, init);
    this.code = init.code;
  }

  static {
    this.prototype.name = 'JiraConnectionError';
  }
}

/** An attempt took longer than `timeoutMs`. */
export class JiraTimeoutError extends JiraRequestError {
  /** The limit that was passed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(message: string, init: JiraRequestErrorInit & { timeoutMs: number }) {
    super(message, init);
    this.timeoutMs = init.timeoutMs;
  }

  static {
    this.prototype.name = 'JiraTimeoutError';
  }
}

/** The caller's `signal` fired (`cause` is its reason). */
export class JiraAbortError extends JiraRequestError {
  constructor(message = 'The operation was aborted', init: JiraRequestErrorInit = {}) {
    super(message, init);
  }

  static {
    this.prototype.name = 'JiraAbortError';
  }
}

/** Where an unusable response came from. */
export interface JiraResponseErrorInit extends JiraRequestErrorInit {
  status: number;
}

/** A response body was longer than `maxResponseBytes`; reading stopped at the limit. */
export class JiraResponseTooLargeError extends JiraRequestError {
  /** HTTP status of the response. */
  readonly status: number;
  /** The limit, in bytes. */
  readonly maxResponseBytes: number;

  constructor(message: string, init: JiraResponseErrorInit & { maxResponseBytes: number }) {
    super(message, init);
    this.status = init.status;
    this.maxResponseBytes = init.maxResponseBytes;
  }

  static {
    this.prototype.name = 'JiraResponseTooLargeError';
  }
}

/** A success whose body is not what the operation promises (not JSON, empty, or the wrong shape). Never quotes it. */
export class JiraInvalidResponseError extends JiraRequestError {
  /** HTTP status of the response, when known. */
  readonly status: number | undefined;

  constructor(message: string, init: Partial<JiraResponseErrorInit> = {}) {
    super(message, init);
    this.status = init.status;
  }

  static {
    this.prototype.name = 'JiraInvalidResponseError';
  }
}

/**
 * Issue keys or ids that Jira does not know, or that the caller may not see (Jira answers both alike). Names
 * every one of them; a lookup with any of them gives no partial result.
 */
export class JiraIssuesNotFoundError extends JiraError {
  /** Every id or key asked for that could not be read, as asked. */
  readonly missing: readonly string[];

  constructor(missing: readonly string[]) {
    const shown = missing.slice(0, 20).join(', ');
    const more = missing.length > 20 ? ` and ${missing.length - 20} more` : '';
    super(
      `${missing.length === 1 ? 'Issue' : `${missing.length} issues`} not found in Jira, or not visible to you: ${shown}${more}`,
    );
    this.missing = missing;
  }

  static {
    this.prototype.name = 'JiraIssuesNotFoundError';
  }
}

/** A caller's mistake found before anything was sent (a bad option, a malformed issue key or account id). */
export class JiraUsageError extends JiraError {
  static {
    this.prototype.name = 'JiraUsageError';
  }
}
