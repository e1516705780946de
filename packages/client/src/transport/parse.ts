/**
 * `parseReply`: the body bytes an exchange read, turned into openapi-fetch's `{ data, error, response }`. JSON
 * that does not parse is the service's `invalidResponse` error, which names the operation and status and never
 * quotes the body (it may be a login page, or anything).
 */
import { BodyTooLarge, NO_CONTENT, readBody } from './read-body.js';
import { safeUrl } from './request-options.js';
import type { Exchange, Transport } from './transport.js';

/** How openapi-fetch is asked to parse a success body. */
export type ParseAs = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';

/** openapi-fetch's result shape, plus the URL the request went to. */
export interface ParsedResult {
  data?: unknown;
  error?: unknown;
  response: Response;
  /** The request URL as sent, when the transport sent it (not when a middleware answered). */
  url?: string | undefined;
}

const decoder = new TextDecoder();

function invalid(transport: Transport, exchange: Exchange, response: Response, what: string): Error {
  const options = exchange.options;
  const method = options?.method ?? 'request';
  const url = options ? safeUrl(options) : '';
  const operationId = options?.operationId;
  const subject = operationId ?? `${method} ${url}`;
  return transport.service.errors.invalidResponse(
    `${subject} answered ${response.status} with ${what} (expected JSON)`,
    { method, url, operationId, status: response.status },
  );
}

/**
 * The result of one call, from the exchange's reply (or from a response a middleware supplied instead, whose body
 * is read here: only then is the result a promise).
 */
export function parseReply(
  transport: Transport,
  exchange: Exchange,
  result: { data?: unknown; error?: unknown; response: Response },
  parseAs: ParseAs,
  expectJson: boolean,
): ParsedResult | Promise<ParsedResult> {
  const own = exchange.reply !== undefined && result.response === exchange.handedBack;
  const response = own ? (exchange.reply?.response as Response) : result.response;
  const url = own ? exchange.options?.url : undefined;
  if (!response.ok) {
    if (!own) return { error: result.error, response }; // openapi-fetch read a middleware's error body already
    const bytes = exchange.reply?.bytes as Uint8Array;
    if (bytes.byteLength === 0) return { error: undefined, response, url };
    const text = decoder.decode(bytes);
    try {
      return { error: JSON.parse(text), response, url };
    } catch {
      return { error: text, response, url };
    }
  }
  if (!own) {
    if (response.bodyUsed) return { data: result.data, response };
    return readForeign(transport, exchange, response).then((bytes) =>
      parseSuccess(transport, exchange, response, bytes, undefined, parseAs, expectJson),
    );
  }
  return parseSuccess(transport, exchange, response, exchange.reply?.bytes as Uint8Array, url, parseAs, expectJson);
}

function parseSuccess(
  transport: Transport,
  exchange: Exchange,
  response: Response,
  bytes: Uint8Array,
  url: string | undefined,
  parseAs: ParseAs,
  expectJson: boolean,
): ParsedResult {
  if (NO_CONTENT.has(response.status) || (exchange.options?.method ?? '') === 'HEAD')
    return { data: undefined, response, url };
  if (bytes.byteLength === 0) {
    // openapi-fetch gives `undefined`; an operation whose type promises a body must not resolve with nothing.
    if (expectJson && parseAs === 'json') throw invalid(transport, exchange, response, 'an empty body');
    return { data: parseAs === 'json' ? undefined : parse(bytes, parseAs, response), response, url };
  }
  if (parseAs !== 'json') return { data: parse(bytes, parseAs, response), response, url };
  try {
    return { data: JSON.parse(decoder.decode(bytes)), response, url };
  } catch {
    throw invalid(transport, exchange, response, 'a body that is not JSON');
  }
}

/** The body of a response a middleware supplied: under the same limit as the transport's own. */
function readForeign(transport: Transport, exchange: Exchange, response: Response): Promise<Uint8Array> {
  const options = exchange.options;
  return readWithinLimit(transport, response, {
    method: options?.method ?? 'request',
    url: options ? safeUrl(options) : '',
    operationId: options?.operationId,
  });
}

/**
 * The whole body of `response`, or the service's `tooLarge` error once it passes `transport.maxResponseBytes`
 * (the read stops there). For bodies the transport did not read itself: a middleware's responses.
 */
export async function readWithinLimit(
  transport: Transport,
  response: Response,
  request: { method: string; url: string; operationId: string | undefined },
): Promise<Uint8Array> {
  try {
    return await readBody(response, transport.maxResponseBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    const { method, url, operationId } = request;
    const { maxResponseBytes } = transport;
    throw transport.service.errors.tooLarge(
      `${method} ${url}: the response body (status ${response.status}) is larger than maxResponseBytes (${maxResponseBytes})`,
      { method, url, operationId, status: response.status, maxResponseBytes },
    );
  }
}

function parse(bytes: Uint8Array, parseAs: Exclude<ParseAs, 'json'>, response: Response): unknown {
  switch (parseAs) {
    case 'text':
      return decoder.decode(bytes);
    case 'arrayBuffer':
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    case 'blob':
      return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: response.headers.get('content-type') ?? '' });
    case 'stream':
      return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
  }
}
