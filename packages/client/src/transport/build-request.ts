/**
 * `buildRequest`: turns the `Request` openapi-fetch built (after its middleware) and the caller's hints into the
 * call's {@link RequestOptions}. The body is read once (by the caller, `readRequestBody`) so that retries can send it
 * again; the rest is synchronous, as it runs on every call.
 */
import type { CallHints, RequestOptions } from './request-options.js';

/** Methods that are idempotent by definition (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Finds the operation behind a method and absolute URL, when the client knows its service's operation index. */
export type OperationClassifier = (
  method: string,
  url: string,
) => { operationId: string; idempotent: boolean } | undefined;

/** The request's body, read once; `null` without one. */
export function readRequestBody(request: Request): Promise<ArrayBuffer> | null {
  return request.body === null ? null : request.arrayBuffer();
}

/** The request options of one call. `classify` is asked only when the hints leave the operation unknown. */
export function buildRequest(
  request: Request,
  body: ArrayBuffer | null,
  hints: CallHints,
  classify: OperationClassifier | undefined,
  needOperationId: boolean,
): RequestOptions {
  const method = request.method;
  let { operationId, idempotent } = hints;
  // A known idempotent method needs no lookup, unless a log line wants the operationId.
  if (idempotent === undefined && classify && (needOperationId || !IDEMPOTENT_METHODS.has(method))) {
    const found = classify(method, request.url);
    if (found) ({ operationId, idempotent } = found);
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method,
    url: request.url,
    headers,
    body,
    init: {
      redirect: request.redirect,
      credentials: request.credentials,
      cache: request.cache,
      mode: request.mode,
      keepalive: request.keepalive,
      integrity: request.integrity,
      referrerPolicy: request.referrerPolicy,
    },
    operationId,
    idempotent: idempotent ?? IDEMPOTENT_METHODS.has(method),
    signal: hints.signal,
    fetch: hints.fetch,
    expectJson: hints.expectJson === true,
  };
}
