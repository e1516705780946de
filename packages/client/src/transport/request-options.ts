/**
 * The one object a call carries through the request path (built once by `buildRequest`, read by every later
 * step): where it goes, what it sends, and what the transport must know to retry it safely.
 */
import { sanitizeUrl } from '../redact.js';

/** What a caller tells the transport about a call, besides the request itself. */
export interface CallHints {
  /** The operationId, for logs and errors. */
  operationId?: string | undefined;
  /**
   * Whether sending the request twice has the same effect as once (so 5xx and connection errors may be retried).
   * `undefined`: the transport decides from the method (and the service's classifier, when it has one).
   */
  idempotent?: boolean | undefined;
  /** The caller's abort signal (`undefined`: none was passed, so there is nothing to forward). */
  signal?: AbortSignal | undefined;
  /** A fetch for this call only; default the transport's. */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * The call needs a JSON body on success (every operation whose success is not 204): an empty or non-JSON body
   * then rejects with the service's `invalidResponse` error. Low-level calls keep openapi-fetch's leniency.
   */
  expectJson?: boolean | undefined;
  /**
   * A middleware will see the response: it is then handed to openapi-fetch with its body (a copy, from the bytes
   * already read), so that `onResponse` can read it. Without middleware the response is handed over as read.
   */
  middleware?: boolean | undefined;
}

/** Everything one call sends, resolved once. */
export interface RequestOptions {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Absolute request URL as sent (may hold secrets in its query: report it through {@link sanitizeUrl}). */
  readonly url: string;
  /** Request headers (lower-case names) without `authorization`, which each attempt sets. */
  readonly headers: Record<string, string>;
  /** The body, read once so that every attempt can send it again. */
  readonly body: ArrayBuffer | null;
  /** The `RequestInit` fields openapi-fetch (or a middleware) set, besides method, headers, body and signal. */
  readonly init: RequestInit;
  readonly operationId: string | undefined;
  readonly idempotent: boolean;
  /** The caller's signal, forwarded to each attempt. */
  readonly signal: AbortSignal | undefined;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly expectJson: boolean;
}

/** The URL of `options` without credentials, for errors and logs. */
export function safeUrl(options: RequestOptions): string {
  return sanitizeUrl(options.url);
}
