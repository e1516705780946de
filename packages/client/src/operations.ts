/**
 * Calling an operation by its operationId: the runtime half of the facade. The method and path come from the
 * generated `operationIndex`, so there is no hand-written code per operation.
 */
import { operationIndex, type OperationGroup, type OperationId, type OperationInfo } from '@tempo-sdk/types';
import { createApiError } from './api-error.js';
import { coreContext, type TempoCore } from './core.js';
import { TempoUsageError } from './errors.js';
import type {
  CallHeaders,
  OperationGroupClient,
  OperationParams,
  OperationResult,
  TempoFacade,
} from './operation-types.js';
import { OPERATION_HINT, requestUrlOf, type OperationHint } from './transport.js';

/** What an openapi-fetch call resolves to, without the path typing. */
export interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The loose shape of `client.request` used internally once an operation has been looked up. */
export type RawRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<RawResult>;

/** Loose call parameters, as the facade receives them at run time. */
export interface RawParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: CallHeaders;
  signal?: AbortSignal;
}

/** The index entry for `operationId`, or a {@link TempoUsageError} naming the unknown id. */
export function lookupOperation(operationId: string): OperationInfo {
  const info = Object.hasOwn(operationIndex, operationId)
    ? (operationIndex as Record<string, OperationInfo>)[operationId]
    : undefined;
  if (!info) throw new TempoUsageError(`Unknown Tempo operation "${operationId}"`);
  return info;
}

/**
 * The hint that tells the transport which operation (and so which retry rule) a request belongs to, and whether
 * the caller passed an abort signal.
 */
export function operationHint(operationId: string, info: OperationInfo, signal: AbortSignal | undefined): OperationHint {
  return { operationId, idempotent: info.idempotent, signal: signal ?? null };
}

/** Throws the right `TempoApiError` subclass when `result` is not a success. */
export function ensureOk(client: TempoCore, result: RawResult, method: string, operationId: string): void {
  if (result.response.ok) return;
  throw createApiError({
    response: result.response,
    body: result.error,
    method,
    url: requestUrlOf(result.response),
    operationId,
    redactor: coreContext(client).redactor,
  });
}

/**
 * Calls one operation by operationId and returns its success body (`undefined` for 204). Works with both
 * `createTempoClient` and `createTempoCore` clients; this function plus the operation index is all the facade needs,
 * so importing it alone keeps the per-group objects out of the bundle.
 *
 * @throws `TempoApiError` subclasses for error statuses; `TempoConnectionError`, `TempoTimeoutError`,
 * `TempoAbortError` when there was no response; `TempoUsageError` for an unknown operationId.
 * @example
 * ```ts
 * const page = await callOperation(tempo, 'getWorklogs', { query: { from: '2026-11-01', to: '2026-11-30' } });
 * ```
 */
export async function callOperation<Id extends OperationId>(
  client: TempoCore,
  operationId: Id,
  ...[params]: {} extends OperationParams<Id> ? [params?: OperationParams<Id>] : [params: OperationParams<Id>]
): Promise<OperationResult<Id>> {
  const info = lookupOperation(operationId);
  const { path, query, body, headers, signal } = (params ?? {}) as RawParams;
  const request = client.request as unknown as RawRequest;
  const result = await request(info.method, info.path, {
    params: { path, query },
    body,
    headers,
    signal,
    [OPERATION_HINT]: operationHint(operationId, info, signal),
  });
  ensureOk(client, result, info.method.toUpperCase(), operationId);
  return result.data as OperationResult<Id>;
}

/** The operationIds of each group, computed from the index once, on first use. */
let groupMembers: Map<string, string[]> | undefined;

/** The names of the facade's groups (`worklogs`, `accounts`, …), from the operation index. */
export function operationGroups(): string[] {
  return [...membersByGroup().keys()];
}

function membersByGroup(): Map<string, string[]> {
  if (!groupMembers) {
    groupMembers = new Map();
    for (const [operationId, info] of Object.entries(operationIndex as Record<string, OperationInfo>)) {
      const list = groupMembers.get(info.group) ?? [];
      list.push(operationId);
      groupMembers.set(info.group, list);
    }
  }
  return groupMembers;
}

/**
 * The methods of one facade group, e.g. `createOperationGroup(tempo, 'worklogs').getWorklogs({ query })`.
 * `createTempoClient` builds these lazily, on first access to `tempo.<group>`.
 */
export function createOperationGroup<G extends OperationGroup>(client: TempoCore, group: G): OperationGroupClient<G> {
  const members = membersByGroup().get(group);
  if (!members) throw new TempoUsageError(`Unknown Tempo operation group "${group}"`);
  const methods: Record<string, (params?: unknown) => Promise<unknown>> = {};
  for (const operationId of members) {
    methods[operationId] = (params?: unknown) =>
      (callOperation as (c: TempoCore, id: string, p?: unknown) => Promise<unknown>)(client, operationId, params);
  }
  return Object.freeze(methods) as unknown as OperationGroupClient<G>;
}

/**
 * Defines one lazy getter per group on `target`: the group object is built on first access and then kept.
 * @internal
 */
export function defineGroups(target: object, client: TempoCore): asserts target is TempoFacade {
  for (const group of membersByGroup().keys()) {
    if (group in target) continue; // never shadow the low-level API (no group is named like it today)
    Object.defineProperty(target, group, {
      configurable: true,
      enumerable: true,
      get() {
        const value = createOperationGroup(client, group as OperationGroup);
        Object.defineProperty(target, group, { value, enumerable: true });
        return value;
      },
    });
  }
}
