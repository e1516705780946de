/**
 * Drift between the mock's hand-written code and the spec it serves. Schema validation alone misses it: Tempo's
 * schemas leave `additionalProperties` open, so a field the spec removed still validates when the mock keeps
 * sending it, and a query parameter the spec renamed is silently ignored when the mock keeps filtering on the old
 * name. These checks find both; the conformance tests (and `pnpm spec:update`) run them over every operation.
 */
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { getOperation, resolveSchema, successResponse, type OperationObject, type SchemaObject } from './spec.js';

/**
 * The paths of the fields in `value` that `schema` does not declare, e.g. `results[].description`. A schema that
 * declares no properties (a free-form object) or allows `additionalProperties` declares everything below it; of
 * `oneOf`/`anyOf` branches the best-matching one counts; `allOf` declares what any of its parts declares.
 */
export function undeclaredFields(schema: SchemaObject, value: unknown, at = ''): string[] {
  const node = resolveSchema(schema);
  if (Array.isArray(value)) {
    if (!node.items) return [];
    const found = new Set<string>();
    for (const item of value) for (const path of undeclaredFields(node.items, item, `${at}[]`)) found.add(path);
    return [...found];
  }
  if (value === null || typeof value !== 'object') return [];
  const branches = node.oneOf ?? node.anyOf;
  if (branches?.length) {
    const candidates = branches.map((branch) => undeclaredFields(branch, value, at));
    return candidates.reduce((best, next) => (next.length < best.length ? next : best));
  }
  const properties = declaredProperties(node);
  if (!properties) return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    const declared = properties.get(key);
    if (declared) found.push(...undeclaredFields(declared, child, path));
    else if (!node.additionalProperties) found.push(path);
  }
  return found;
}

/** The properties an object schema declares (through `allOf` too), or undefined when it is free-form. */
function declaredProperties(node: SchemaObject): Map<string, SchemaObject> | undefined {
  const parts = [node, ...(node.allOf ?? []).map(resolveSchema)];
  const properties = new Map<string, SchemaObject>();
  let declaresAny = false;
  for (const part of parts) {
    if (part.properties) declaresAny = true;
    for (const [key, child] of Object.entries(part.properties ?? {})) properties.set(key, child);
    if (part !== node && part.additionalProperties) return undefined;
  }
  return declaresAny ? properties : undefined;
}

/** The response fields the mock sent for `operationId` that the spec's schema for `status` does not declare. */
export function undeclaredResponseFields(operationId: OperationId, status: number, body: unknown): string[] {
  const op = operationOf(operationId);
  const response = op.responses[String(status)];
  // Shared responses (`$ref: #/components/responses/…`) resolve like schemas: the walk is the same JSON pointer.
  const resolved = (response?.$ref ? resolveSchema({ $ref: response.$ref }) : response) as typeof response;
  const schema =
    resolved?.content?.['application/json']?.schema ??
    (status === successResponse(op).status ? successResponse(op).schema : undefined);
  return schema ? undeclaredFields(schema, body) : [];
}

/**
 * Told what a hand-written resolver does with its `query` object: which names it looks up, present or not (the
 * validator puts only declared parameters in it, so a filter on a name the spec renamed finds nothing, silently).
 */
export interface QueryReadObserver {
  /** The resolver of `operationId` looked `name` up: read it, tested `name in query`, or asked for its descriptor. */
  read(operationId: OperationId, name: string): void;
  /** The resolver listed the query's keys (a spread, `Object.keys`…): what it reads from a copy cannot be followed. */
  listed(operationId: OperationId): void;
}

/**
 * `query` behind a Proxy that tells `observer` of every lookup and changes nothing else: each trap answers what the
 * plain object answers. Symbol keys (`Symbol.toPrimitive`, `Symbol.iterator`…) are the language's, never a filter.
 */
export function observedQuery<T extends object>(query: T, operationId: OperationId, observer: QueryReadObserver): T {
  return new Proxy(query, {
    get(target, key, receiver) {
      if (typeof key === 'string') observer.read(operationId, key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === 'string') observer.read(operationId, key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') observer.read(operationId, key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      observer.listed(operationId);
      return Reflect.ownKeys(target);
    },
  });
}

/** A {@link QueryReadObserver} that keeps what it is told, by operation. */
export class QueryReadLog implements QueryReadObserver {
  private readonly names = new Map<OperationId, Set<string>>();
  private readonly listing = new Set<OperationId>();

  read(operationId: OperationId, name: string): void {
    let names = this.names.get(operationId);
    if (!names) this.names.set(operationId, (names = new Set()));
    names.add(name);
  }

  listed(operationId: OperationId): void {
    this.listing.add(operationId);
  }

  /** The names the resolver of `operationId` looked up, in the order first seen. */
  readsOf(operationId: OperationId): string[] {
    return [...(this.names.get(operationId) ?? [])];
  }

  /** True when the resolver of `operationId` listed its query's keys. */
  hasListed(operationId: OperationId): boolean {
    return this.listing.has(operationId);
  }
}

/**
 * Names the language itself looks up on any object, which are no filter: `then` (is it a promise? asked when the
 * object is awaited or returned from an async function) and `toJSON` (asked by `JSON.stringify`). Members of
 * `Object.prototype` (`toString`, `hasOwnProperty`, `constructor`…) are method calls, found by asking the prototype
 * itself rather than a list.
 */
const LANGUAGE_LOOKUPS = new Set(['then', 'toJSON']);

/**
 * Of the names a resolver looked up in its query, those that `operation` (default: the served spec's) does not
 * declare as query parameters: filters the mock applies that no request can reach any more. Declared names are fine
 * whatever they do (`offset` and `limit` too); so are the language's own lookups.
 */
export function undeclaredQueryReads(
  operationId: OperationId,
  names: readonly string[],
  operation: Pick<OperationObject, 'parameters'> = operationOf(operationId),
): string[] {
  const declared = new Set((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
  return names.filter((name) => !declared.has(name) && !LANGUAGE_LOOKUPS.has(name) && !(name in Object.prototype));
}

function operationOf(operationId: OperationId): OperationObject {
  const info = operationIndex[operationId];
  return getOperation(info.method, info.path);
}
