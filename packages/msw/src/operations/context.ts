import type { OperationId } from '@tempo-sdk/types';
import { TEMPO_PAGE_LIMIT_MAX } from '@tempo-sdk/types';
import type { TempoDatabase } from '../db/database.js';
import { badRequest } from '../errors.js';

/**
 * What a resolver gets (msw's word for the function answering a request; this is its "resolver info"):
 * validated, typed inputs and the mock's state.
 */
export interface ResolverInfo {
  readonly operationId: OperationId;
  readonly request: Request;
  readonly url: URL;
  /** The base URL the request came in under (`https://api.eu.tempo.io/4`, `http://127.0.0.1:4000/4`, …). */
  readonly base: string;
  /** Path parameters converted to their declared types. */
  readonly path: Record<string, any>;
  /** Query parameters converted to their declared types (arrays from repeated keys), with spec defaults. */
  readonly query: Record<string, any>;
  /** The parsed, validated JSON body (undefined without one). */
  readonly body: any;
  readonly db: TempoDatabase;
  /** The mock's "today" (`YYYY-MM-DD`). */
  readonly today: string;
  /** The mock's clock (`now()`: wall-clock epoch milliseconds). */
  readonly clock: { now(): number };
  /** accountId of the user the bearer token belongs to. */
  readonly user: string;
  /** One page of `items` per `offset`/`limit`, with absolute `next`/`previous` links. */
  page<T>(items: readonly T[]): Page<T>;
  /** A non-paginated result list `{ metadata: { count }, results, self }`. */
  results<T>(items: readonly T[]): { metadata: { count: number }; results: T[]; self: string };
}

/** A page as Tempo serves it. */
export interface Page<T> {
  metadata: { count: number; offset: number; limit: number; next?: string; previous?: string };
  results: T[];
  self: string;
}

/**
 * What an implementation returns: a body (answered with the operation's success status), `undefined`
 * (answered with the success status and no body: 204 for deletes), or a full {@link OperationResponse}.
 */
export type OperationResult = unknown;

/** An explicit status/body/headers answer. */
export class OperationResponse {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** A hand-written resolver of one operation. */
export type OperationResolver = (info: ResolverInfo) => OperationResult | Promise<OperationResult>;

/** Resolvers by operationId. */
export type OperationResolvers = Partial<Record<OperationId, OperationResolver>>;

/** Tempo's page size when a request gives no `limit`. */
export const DEFAULT_PAGE_LIMIT = 50;

/** Reads and checks `offset`/`limit` (limit 1…`TEMPO_PAGE_LIMIT_MAX`, offset ≥ 0). */
export function pageWindow(
  query: Record<string, any>,
  defaultLimit = DEFAULT_PAGE_LIMIT,
): { offset: number; limit: number } {
  const offset = typeof query.offset === 'number' ? query.offset : 0;
  const limit = typeof query.limit === 'number' ? query.limit : defaultLimit;
  if (!Number.isInteger(offset) || offset < 0)
    throw badRequest(`'offset' must be an integer greater than or equal to 0`);
  if (!Number.isInteger(limit) || limit < 1 || limit > TEMPO_PAGE_LIMIT_MAX)
    throw badRequest(`'limit' must be an integer between 1 and ${TEMPO_PAGE_LIMIT_MAX}`);
  return { offset, limit };
}

/** Builds a Tempo page from the full list; links keep every query parameter and change only `offset`. */
export function buildPage<T>(items: readonly T[], url: URL, window: { offset: number; limit: number }): Page<T> {
  const { offset, limit } = window;
  const results = items.slice(offset, offset + limit);
  const metadata: Page<T>['metadata'] = { count: results.length, offset, limit };
  if (offset + limit < items.length) metadata.next = linkWithOffset(url, offset + limit, limit);
  if (offset > 0) metadata.previous = linkWithOffset(url, Math.max(0, offset - limit), limit);
  return { metadata, results, self: url.toString() };
}

function linkWithOffset(url: URL, offset: number, limit: number): string {
  const link = new URL(url.toString());
  link.searchParams.set('offset', String(offset));
  link.searchParams.set('limit', String(limit));
  return link.toString();
}
