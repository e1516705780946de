import spec from '@tempo-sdk/types/openapi.json' with { type: 'json' };

/** A JSON schema node of the bundled OpenAPI 3.0 document (loose on purpose: the walkers check shapes at run time). */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  additionalProperties?: boolean | SchemaObject;
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  allOf?: SchemaObject[];
  nullable?: boolean;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  pattern?: string;
  [key: string]: unknown;
}

/** One parameter of an operation, as the bundled spec declares it. */
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: SchemaObject;
}

/** The parts of an operation object the mock reads. */
export interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: SchemaObject }> }>;
}

/** The bundled spec (`@tempo-sdk/types/openapi.json`), typed loosely. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject>; responses: Record<string, unknown> };
  [key: string]: unknown;
}

/** The bundled Tempo spec. Imported as JSON so it also works in browsers (bundlers inline it). */
export const openApiDocument = spec as unknown as OpenApiDocument;

/** The operation object of `method path` in the spec. */
export function getOperation(method: string, path: string): OperationObject {
  const op = openApiDocument.paths[path]?.[method];
  if (!op) throw new Error(`The spec has no operation ${method.toUpperCase()} ${path}`);
  return op;
}

/** Follows `#/components/...` references until a concrete schema is reached. */
export function resolveSchema(schema: SchemaObject): SchemaObject {
  let current = schema;
  for (let guard = 0; current.$ref && guard < 32; guard++) {
    current = resolvePointer(current.$ref);
  }
  return current;
}

function resolvePointer(ref: string): SchemaObject {
  if (!ref.startsWith('#/')) throw new Error(`Unsupported reference ${ref}`);
  let node: unknown = openApiDocument;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) throw new Error(`Dangling reference ${ref}`);
  }
  return node as SchemaObject;
}

/** The 2xx status an operation answers with, and the JSON schema of its body (undefined when it has none). */
export function successResponse(op: OperationObject): { status: number; schema: SchemaObject | undefined } {
  const code =
    Object.keys(op.responses)
      .filter((c) => /^2\d\d$/.test(c))
      .sort()[0] ?? '200';
  const response = op.responses[code];
  return { status: Number(code), schema: response?.content?.['application/json']?.schema };
}
