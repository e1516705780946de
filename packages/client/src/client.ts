/**
 * `createTempoClient`: the core client plus the operation facade (`tempo.<group>.<operationId>()`), `call`,
 * `paginate` and `pages` as methods. This is the entry most apps use; it brings in the operation index.
 */
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { buildCore, type TempoClientOptions, type TempoCore } from './core.js';
import { createOperationMatcher } from './operation-matcher.js';
import type {
  OperationItem,
  OperationPage,
  OperationParams,
  OperationResult,
  PaginatedOperationId,
  PaginateParams,
  TempoFacade,
} from './operation-types.js';
import { callOperation, defineGroups } from './operations.js';
import { pages, paginate, type PageIterable, type PaginateOptions } from './pagination.js';

/** The methods `createTempoClient` adds to the core client besides the groups. */
export interface TempoClientMethods {
  /**
   * Calls any operation by operationId; the same as `tempo.<group>.<operationId>(params)`.
   * @throws `TempoApiError` subclasses for error statuses.
   */
  call<Id extends OperationId>(
    operationId: Id,
    ...params: {} extends OperationParams<Id> ? [params?: OperationParams<Id>] : [params: OperationParams<Id>]
  ): Promise<OperationResult<Id>>;
  /** Iterates the items of a paginated operation across all pages (see {@link paginate}). */
  paginate<Id extends PaginatedOperationId>(
    operationId: Id,
    params?: PaginateParams<Id>,
    options?: PaginateOptions,
  ): PageIterable<OperationItem<Id>>;
  /** Iterates the pages of a paginated operation (see {@link pages}). */
  pages<Id extends PaginatedOperationId>(
    operationId: Id,
    params?: PaginateParams<Id>,
    options?: PaginateOptions,
  ): PageIterable<OperationPage<Id>>;
}

/** The full client: low-level openapi-fetch methods, one object per operation group, and pagination. */
export type TempoClient = TempoCore & TempoFacade & TempoClientMethods;

/**
 * Creates a Tempo client.
 *
 * @example
 * ```ts
 * import { createTempoClient } from '@tempo-sdk/client';
 *
 * const tempo = createTempoClient({ token: process.env.TEMPO_API_TOKEN!, region: 'eu' });
 * const worklog = await tempo.worklogs.getWorklogById({ path: { id: '126' } });
 * for await (const w of tempo.paginate('getWorklogs', { query: { from: '2026-11-01', to: '2026-11-30' } })) {
 *   console.log(w.tempoWorklogId, w.timeSpentSeconds);
 * }
 * ```
 */
export function createTempoClient(options: TempoClientOptions): TempoClient {
  const core = buildCore(options, (baseUrl) => createOperationMatcher(operationIndex, baseUrl));
  const methods: TempoClientMethods = {
    call: ((operationId: OperationId, params?: unknown) =>
      (callOperation as (c: TempoCore, id: string, p?: unknown) => Promise<unknown>)(
        core,
        operationId,
        params,
      )) as TempoClientMethods['call'],
    paginate: (operationId, params, paginateOptions) => paginate(core, operationId, params, paginateOptions),
    pages: (operationId, params, paginateOptions) => pages(core, operationId, params, paginateOptions),
  };
  const client = Object.assign(core, methods);
  defineGroups(client, core);
  return client as TempoClient;
}
