/**
 * `buildRequest`: turns the `Request` openapi-fetch built (after its middleware) and the caller's hints into the
 * call's {@link RequestOptions}. The body is read once here so that retries can send it again.
 */
import type { CallHints, RequestOptions } from './request-options.js';

/** Methods that are idempotent by definition (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Finds the operation behind a method and absolute URL, when the client knows its service's operation index. */
export type OperationClassifier = (method: string, url: string) => { operationId: string; idempotent: boolean } | undefined;

/** The request options of one call. `classify` is asked only when the hints leave the operation unknown. */
export async function buildRequest(
  request: Request,
  hints: CallHints,
  classify: OperationClassifier | undefined,
  needOperationId: boolean,
): Promise<RequestOptions> {
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
    body: request.body === null ? null : await request.arrayBuffer(),
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
