/**
 * Drift between the mock's hand-written code and the spec it serves. Schema validation alone misses it: Tempo's
 * schemas leave `additionalProperties` open, so a field the spec removed still validates when the mock keeps
 * sending it, and a query parameter the spec renamed is silently ignored when the mock keeps filtering on the old
 * name. These checks find both; the conformance tests (and `pnpm spec:update`) run them over every operation.
 */
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { getOperation, resolveSchema, successResponse, type SchemaObject } from './spec.js';

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
  const info = operationIndex[operationId];
  const op = getOperation(info.method, info.path);
  const response = op.responses[String(status)];
  // Shared responses (`$ref: #/components/responses/…`) resolve like schemas: the walk is the same JSON pointer.
  const resolved = (response?.$ref ? resolveSchema({ $ref: response.$ref }) : response) as typeof response;
  const schema =
    resolved?.content?.['application/json']?.schema ??
    (status === successResponse(op).status ? successResponse(op).schema : undefined);
  return schema ? undeclaredFields(schema, body) : [];
}
