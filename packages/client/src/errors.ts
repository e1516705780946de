/**
 * The errors the client throws. Every one extends {@link TempoError}, so one `instanceof` check catches them all;
 * subclasses tell the cases apart without looking at status codes.
 *
 * What an error holds is already safe to print: URLs have their credentials removed, response headers have
 * `Authorization`/`Set-Cookie` redacted, and no error keeps a reference to the request (which carries the token).
 * `name` is set once per class on its prototype (`static { this.prototype.name = … }`) rather than as an own
 * property, so it survives minification and stays out of `util.inspect`'s property list.
 */

import {
  apiErrorClass,
  type ApiErrorInit,
  ServiceError,
  type ServiceErrorOptions,
} from './transport/service-errors.js';

/** Options every Tempo error accepts. */
export interface TempoErrorOptions extends ServiceErrorOptions {}

/**
 * The base class of every error thrown by `@tempo-sdk/client`. `toJSON()` gives `{ name, message, ...own fields,
 * cause: { name, message } }` (from the transport's `ServiceError`, which `JiraError` shares).
 */
export class TempoError extends ServiceError {
  static {
    this.prototype.name = 'TempoError';
  }
}

/** What {@link TempoApiError} knows about the failed exchange: status, method, URL, operationId, headers, body. */
export interface TempoApiErrorInit extends ApiErrorInit {}

/**
 * Tempo answered with an error status. `message` is Tempo's own message when it sent one; `messages` holds every
 * message of `{"errors":{"message"}}` or `{"errors":[{"message"}]}`. The fields (`status`, `method`, `url`,
 * `operationId`, `requestId`, `headers`, `messages`, `body`) are those every service's error-status class has.
 */
export class TempoApiError extends apiErrorClass(TempoError) {
  static {
    this.prototype.name = 'TempoApiError';
  }
}

/** 400: Tempo rejected the input; `messages` says what was wrong. */
export class TempoBadRequestError extends TempoApiError {
  static {
    this.prototype.name = 'TempoBadRequestError';
  }
}

/** 401: the token is missing, invalid or expired (after one forced refresh, when the token is a provider). */
export class TempoUnauthorizedError extends TempoApiError {
  static {
    this.prototype.name = 'TempoUnauthorizedError';
  }
}

/** 403: the token is valid but lacks permission for this resource or operation. */
export class TempoForbiddenError extends TempoApiError {
  static {
    this.prototype.name = 'TempoForbiddenError';
  }
}

/** 404: the resource does not exist (or is invisible to this token). */
export class TempoNotFoundError extends TempoApiError {
  static {
    this.prototype.name = 'TempoNotFoundError';
  }
}

/** 409: the request conflicts with the current state of the resource. */
export class TempoConflictError extends TempoApiError {
  static {
    this.prototype.name = 'TempoConflictError';
  }
}

/** 429: still rate limited after the retries the policy allows. */
export class TempoRateLimitError extends TempoApiError {
  /** How long Tempo asked to wait (from `Retry-After`, read against the client's clock), in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;

  /** @param init - with `retryAfterMs`, the parsed `Retry-After` in milliseconds. */
  constructor(message: string, init: TempoApiErrorInit & { retryAfterMs?: number | undefined }) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }

  static {
    this.prototype.name = 'TempoRateLimitError';
  }
}

/** 5xx: Tempo failed, and kept failing through the retries the policy allows. */
export class TempoServerError extends TempoApiError {
  static {
    this.prototype.name = 'TempoServerError';
  }
}

/** Where a request that did not get a response was going. */
export interface TempoRequestErrorInit extends TempoErrorOptions {
  /** HTTP method, upper case. */
  method?: string | undefined;
  /** Request URL without credentials. */
  url?: string | undefined;
}

/** No response: DNS, TCP, TLS failure, or the connection dropped. Retried for idempotent requests. */
export class TempoConnectionError extends TempoError {
  /** HTTP method, upper case. */
  readonly method: string | undefined;
  /** Request URL without credentials. */
  readonly url: string | undefined;
  /** The system error code when there is one (`ECONNREFUSED`, `ENOTFOUND`, …). */
  readonly code: string | undefined;

  /** @param init - where the request was going, and the low-level `code`. */
  constructor(message: string, init: TempoRequestErrorInit & { code?: string | undefined } = {}) {
    super(message, init);
    this.method = init.method;
    this.url = init.url;
    this.code = init.code;
  }

  static {
    this.prototype.name = 'TempoConnectionError';
  }
}

/** An attempt took longer than the `timeoutMs` option (the whole exchange, headers and body). */
export class TempoTimeoutError extends TempoError {
  /** HTTP method, upper case. */
  readonly method: string | undefined;
  /** Request URL without credentials. */
  readonly url: string | undefined;
  /** The timeout that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  /** @param init - where the request was going and the timeout in milliseconds. */
  constructor(message: string, init: TempoRequestErrorInit & { timeoutMs: number }) {
    super(message, init);
    this.method = init.method;
    this.url = init.url;
    this.timeoutMs = init.timeoutMs;
  }

  static {
    this.prototype.name = 'TempoTimeoutError';
  }
}

/** The caller's `AbortSignal` fired: during the request, a rate-limit wait, or a retry pause. */
export class TempoAbortError extends TempoError {
  /** HTTP method, upper case, when a request was under way. */
  readonly method: string | undefined;
  /** Request URL without credentials, when a request was under way. */
  readonly url: string | undefined;

  /** @param init - where the request was going; `cause` is the signal's reason. */
  constructor(message = 'The operation was aborted', init: TempoRequestErrorInit = {}) {
    super(message, init);
    this.method = init.method;
    this.url = init.url;
  }

  static {
    this.prototype.name = 'TempoAbortError';
  }
}

/** Where a response that could not be used came from. */
export interface TempoResponseErrorInit extends TempoRequestErrorInit {
  /** HTTP status of the response. */
  status: number;
  /** The operationId, when known. */
  operationId?: string | undefined;
}

/** A response body was longer than `maxResponseBytes`; reading stopped at the limit. Not retried. */
export class TempoResponseTooLargeError extends TempoError {
  /** HTTP method, upper case. */
  readonly method: string | undefined;
  /** Request URL without credentials. */
  readonly url: string | undefined;
  /** The operationId, when known. */
  readonly operationId: string | undefined;
  /** HTTP status of the response. */
  readonly status: number;
  /** The limit that was passed, in bytes. */
  readonly maxResponseBytes: number;

  /** @param init - the request, the status and the limit in bytes. */
  constructor(message: string, init: TempoResponseErrorInit & { maxResponseBytes: number }) {
    super(message, init);
    this.method = init.method;
    this.url = init.url;
    this.operationId = init.operationId;
    this.status = init.status;
    this.maxResponseBytes = init.maxResponseBytes;
  }

  static {
    this.prototype.name = 'TempoResponseTooLargeError';
  }
}

/**
 * A success answered with a body the operation cannot have: not JSON, or empty where the operation promises one
 * (a 204 is fine). The message names the operation and the status; the body is never quoted.
 */
export class TempoInvalidResponseError extends TempoError {
  /** HTTP method, upper case. */
  readonly method: string | undefined;
  /** Request URL without credentials. */
  readonly url: string | undefined;
  /** The operationId, when known. */
  readonly operationId: string | undefined;
  /** HTTP status of the response. */
  readonly status: number;

  /** @param init - the request and the status. */
  constructor(message: string, init: TempoResponseErrorInit) {
    super(message, init);
    this.method = init.method;
    this.url = init.url;
    this.operationId = init.operationId;
    this.status = init.status;
  }

  static {
    this.prototype.name = 'TempoInvalidResponseError';
  }
}

/**
 * A pagination `next` link pointed outside the configured base URL (another origin, scheme or path). Following it
 * would send the token there, so iteration stops.
 */
export class TempoUnsafeLinkError extends TempoError {
  /** The refused link, without credentials. */
  readonly link: string;
  /** The base URL links must stay under. */
  readonly baseUrl: string;

  /** @param init - the refused link (sanitized) and the base URL. */
  constructor(message: string, init: { link: string; baseUrl: string }) {
    super(message);
    this.link = init.link;
    this.baseUrl = init.baseUrl;
  }

  static {
    this.prototype.name = 'TempoUnsafeLinkError';
  }
}

/** `paginate`/`pages` with `onLimit: 'throw'` reached `maxItems` while Tempo had more items. */
export class TempoMaxItemsError extends TempoError {
  /** The operation being paginated. */
  readonly operationId: string;
  /** The limit that was reached. */
  readonly maxItems: number;

  /** @param init - the operation and the limit. */
  constructor(message: string, init: { operationId: string; maxItems: number }) {
    super(message);
    this.operationId = init.operationId;
    this.maxItems = init.maxItems;
  }

  static {
    this.prototype.name = 'TempoMaxItemsError';
  }
}

/** Why {@link TempoPaginationError} stopped an iteration. */
export type TempoPaginationErrorReason =
  /** A page was not `{ metadata, results: [] }`. */
  | 'not-a-page'
  /** A `next` link named a page already read (A → A, A → B → A, the same URL with its parameters reordered). */
  | 'link-cycle'
  /** A `next` link's `offset` did not move forward, so the same rows would be read again. */
  | 'no-progress'
  /** A page held the same items as the one before it (a server ignoring `offset`). */
  | 'repeated-page'
  /** More consecutive empty pages with a `next` link than `maxEmptyPages` allows. */
  | 'empty-pages';

/**
 * `paginate`/`pages` stopped because following the pages would never end or would read the same items again: a
 * link cycle, a link that does not advance, a repeated page, or endless empty pages. Nothing is retried.
 */
export class TempoPaginationError extends TempoError {
  /** The operation being paginated. */
  readonly operationId: string;
  /** What was wrong (see {@link TempoPaginationErrorReason}). */
  readonly reason: TempoPaginationErrorReason;
  /** The URL of the page that showed it, without credentials. */
  readonly url: string | undefined;

  /** @param init - the operation, the reason and the page's sanitized URL. */
  constructor(
    message: string,
    init: { operationId: string; reason: TempoPaginationErrorReason; url?: string | undefined },
  ) {
    super(message);
    this.operationId = init.operationId;
    this.reason = init.reason;
    this.url = init.url;
  }

  static {
    this.prototype.name = 'TempoPaginationError';
  }
}

/** The client was called wrongly: a bad option, an unknown or non-paginated operation, a token provider that gave nothing. */
export class TempoUsageError extends TempoError {
  static {
    this.prototype.name = 'TempoUsageError';
  }
}
