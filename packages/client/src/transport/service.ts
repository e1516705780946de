/**
 * What the request path needs to know about the service it talks to. Everything service-specific (error classes,
 * the shape of error bodies, the service's name in messages) comes in through a {@link ServiceDefinition}, so the
 * same transport serves Tempo and Jira.
 */

/** Where a request was going: attached to every error the transport builds. */
export interface RequestDetails {
  /** HTTP method, upper case. */
  method: string;
  /** The request URL without credentials. */
  url: string;
  /** The operationId, when the call named one. */
  operationId?: string | undefined;
}

/** What an error response said, already redacted, for {@link ServiceErrors.api}. */
export interface ApiErrorDetails extends RequestDetails {
  /** HTTP status of the response. */
  status: number;
  /** The first message (the service's own, or a short text for the status). */
  message: string;
  /** Every message the body held, in order. */
  messages: readonly string[];
  /** A request id the server sent back (`x-request-id` and similar). */
  requestId: string | undefined;
  /** Response headers, lower-case names, credential headers redacted. */
  headers: Record<string, string>;
  /** The parsed JSON error body, redacted; `undefined` when the body was not JSON. */
  body: unknown;
  /** `Retry-After`, in milliseconds from the client's clock, when the server sent one. */
  retryAfterMs: number | undefined;
}

/**
 * The service's error classes, one factory per failure the transport can report. Each returns an instance of the
 * service's base error class, so one `instanceof` catches everything a client throws.
 */
export interface ServiceErrors {
  /** The server answered with an error status. */
  api(details: ApiErrorDetails): Error;
  /** No response: DNS, refused, reset. `code` is the system error code (`ECONNREFUSED`, …). */
  connection(message: string, details: RequestDetails & { code: string | undefined; cause: Error }): Error;
  /** An attempt took longer than `timeoutMs` (headers and body). */
  timeout(message: string, details: RequestDetails & { timeoutMs: number }): Error;
  /** The caller's signal fired. */
  abort(message: string, details: RequestDetails & { cause: unknown }): Error;
  /** The response body was longer than `maxResponseBytes`. */
  tooLarge(message: string, details: RequestDetails & { status: number; maxResponseBytes: number }): Error;
  /** A success answered with a body that is not what the call expects (not JSON, or empty). Never quotes the body. */
  invalidResponse(message: string, details: RequestDetails & { status: number }): Error;
  /** A caller's mistake found before sending (a bad path value, a token that cannot be sent as a header). */
  usage(message: string): Error;
  /** Whether `error` is one of the service's own errors (passed through unchanged, never wrapped). */
  isOwn(error: unknown): boolean;
}

/** A service the transport can talk to. */
export interface ServiceDefinition {
  /** The service's name in messages: `Could not reach ${name} for GET …`. */
  name: string;
  /** Its error classes. */
  errors: ServiceErrors;
  /** Every human-readable message in a parsed error body (Tempo: `{"errors":{"message":…}}`). */
  errorMessages(body: unknown): string[];
}
