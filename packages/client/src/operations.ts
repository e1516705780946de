/**
 * Calling an operation by its operationId: the runtime half of the facade. The method and path come from the
 * generated `operationIndex`, so there is no hand-written code per operation.
 */
import { operationIndex, type OperationGroup, type OperationId, type OperationInfo } from '@tempo-sdk/types';
import type { TempoCore } from './core.js';
import { TempoUsageError } from './errors.js';
import type {
  CallHeaders,
  OperationGroupClient,
  OperationParams,
  OperationResult,
  TempoFacade,
} from './operation-types.js';
import type { CallHints } from './transport/request-options.js';
import { callService } from './transport/service-client.js';

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

/** What the transport must know about an operation's call: its id, whether it may be retried, the caller's signal. */
export function operationHints(operationId: string, info: OperationInfo, signal: AbortSignal | undefined): CallHints {
  return { operationId, idempotent: info.idempotent, signal, expectJson: true };
}

/**
 * Calls one operation by operationId and returns its success body (`undefined` for 204). Works with both
 * `createTempoClient` and `createTempoCore` clients; this function plus the operation index is all the facade needs,
 * so importing it alone keeps the per-group objects out of the bundle.
 *
 * @throws `TempoApiError` subclasses for error statuses; `TempoConnectionError`, `TempoTimeoutError`,
 * `TempoAbortError` when there was no response; `TempoInvalidResponseError` for a success whose body is not JSON
 * (or empty, unless 204); `TempoResponseTooLargeError` past `maxResponseBytes`; `TempoUsageError` for an unknown
 * operationId or a path value that would leave its segment.
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
  const result = await callService(
    client,
    info.method,
    info.path,
    { params: { path, query }, body, headers, signal },
    operationHints(operationId, info, signal),
  );
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
