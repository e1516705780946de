/**
 * What the error classes of every service on this transport share, written once. A service's base class
 * (`TempoError`, `JiraError`) extends {@link ServiceError}; its error-status class (`TempoApiError`,
 * `JiraApiError`) extends `apiErrorClass(itsBase)`, which adds the fields of an error status. Each service keeps
 * its own class names and `instanceof` relations; `name` is still set once per class by the service.
 */
import type { ApiErrorDetails } from './service.js';

/** Options every service error accepts. */
export interface ServiceErrorOptions {
  /** The underlying error, already stripped of secrets. */
  cause?: unknown;
}

/**
 * The base of each service's base error class: a message without secrets, an optional cause, and a `toJSON` that
 * returns `{ name, message, ...own fields that are set, cause: { name, message } }` (so a cause's other fields, which
 * may hold a request, never reach a log).
 */
export class ServiceError extends Error {
  /** @param message - what went wrong, without secrets. */
  constructor(message: string, options?: ServiceErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }

  static {
    this.prototype.name = 'ServiceError';
  }

  /** A plain object for `JSON.stringify`: name, message, the error's own fields, and the cause's name and message. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined) json[key] = value;
    }
    const cause = this.cause;
    if (cause instanceof Error) json.cause = { name: cause.name, message: cause.message };
    return json;
  }
}

/** What an error-status class knows about the failed exchange. */
export interface ApiErrorInit extends ServiceErrorOptions {
  /** HTTP status of the response. */
  status: number;
  /** HTTP method of the request, upper case. */
  method: string;
  /** The request URL without credentials. */
  url: string;
  /** The operationId, when the request was made by operation. */
  operationId?: string | undefined;
  /** A request id the server sent back (`x-request-id`, Jira's `x-arequestid` and similar), for support tickets. */
  requestId?: string | undefined;
  /** The response headers (lower-case names), credential headers redacted. */
  headers?: Record<string, string> | undefined;
  /** Every message of the error body, in order (the first is the error's `message`). */
  messages?: readonly string[] | undefined;
  /** The parsed JSON error body, redacted, when the response had one. */
  body?: unknown;
}

/** The fields of an error-status class (see {@link ApiErrorInit} for what each holds). */
export interface ApiErrorFields {
  /** HTTP status of the response. */
  readonly status: number;
  /** HTTP method of the request, upper case. */
  readonly method: string;
  /** The request URL without credentials (no `access_token`, `token`, `client_secret`, `code` parameters). */
  readonly url: string;
  /** The operationId, when known. */
  readonly operationId: string | undefined;
  /** A request id the server sent back, when present. */
  readonly requestId: string | undefined;
  /** The response headers (lower-case names), credential headers redacted. */
  readonly headers: Record<string, string>;
  /** Every message of the error body, in order (`[message]` when the body had none). */
  readonly messages: readonly string[];
  /** The parsed JSON error body, redacted, when the response had one. */
  readonly body: unknown;
}

/** A service's base error class, as {@link apiErrorClass} takes it. */
export type ServiceErrorClass<E extends Error> = new (message: string, options?: ServiceErrorOptions) => E;

/** What {@link apiErrorClass} returns: a class of `base`'s errors with the {@link ApiErrorFields}. */
export type ApiErrorClass<E extends Error> = new (message: string, init: ApiErrorInit) => E & ApiErrorFields;

/**
 * The error-status class of a service, derived from the service's base class, so that
 * `class TempoApiError extends apiErrorClass(TempoError)` is both a `TempoError` and has every field of an error
 * status, in the same order for every service (`toJSON` and `util.inspect` list them in that order).
 */
export function apiErrorClass<E extends Error>(base: ServiceErrorClass<E>): ApiErrorClass<E> {
  const Base = base as ServiceErrorClass<Error>;
  class ApiError extends Base {
    constructor(message: string, init: ApiErrorInit) {
      super(message, init);
      // One object, then one assign: the fields keep this order in `toJSON` and `util.inspect`.
      const fields: ApiErrorFields = {
        status: init.status,
        method: init.method,
        url: init.url,
        operationId: init.operationId,
        requestId: init.requestId,
        headers: init.headers ?? {},
        messages: init.messages ?? [message],
        body: init.body,
      };
      Object.assign(this, fields);
    }
  }
  return ApiError as unknown as ApiErrorClass<E>;
}

/** A service's error-status class as {@link apiErrorFactory} takes it (the 429 class keeps `retryAfterMs`). */
export type ApiErrorConstructor<E extends Error> = new (
  message: string,
  init: ApiErrorInit & { retryAfterMs?: number | undefined },
) => E;

/**
 * A service's `errors.api`: an error of the class `byStatus` names for the status, else of `server` for a 5xx, else
 * of `fallback` (the service's error-status base class).
 */
export function apiErrorFactory<E extends Error>(
  byStatus: Readonly<Record<number, ApiErrorConstructor<E>>>,
  server: ApiErrorConstructor<E>,
  fallback: ApiErrorConstructor<E>,
): (details: ApiErrorDetails) => E {
  return ({ message, ...init }) => {
    const Class = byStatus[init.status] ?? (init.status >= 500 ? server : fallback);
    return new Class(message, init);
  };
}
