import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import {
  openApiDocument,
  resolveSchema,
  type OperationObject,
  type ParameterObject,
  type SchemaObject,
} from './spec.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object in some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

const SPEC_ID = 'tempo-openapi';

/** `updatedFrom`-style formats of the spec: a date, optionally with a time, optionally with `Z`. */
const DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?)?Z?$/;

let shared: Ajv | undefined;

/**
 * One ajv instance holding the whole spec under a fixed id, so operation schemas are compiled by JSON pointer
 * into the document and their `#/components/...` references resolve. Created on first use; each operation's
 * validators compile lazily, so creating a mock costs nothing until a request arrives.
 */
export function specAjv(): Ajv {
  if (shared) return shared;
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true, discriminator: false });
  addFormats(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat("yyyy-MM-dd['T'HH:mm:ss]['Z']", DATE_OR_DATE_TIME);
  ajv.addFormat("yyyy-MM-dd['T'HH:mm:ss'Z']", DATE_OR_DATE_TIME);
  // The vendor document labels some fields with a format that only repeats the type; they constrain nothing.
  for (const name of ['string', 'array', 'object']) ajv.addFormat(name, () => true);
  ajv.addSchema({ $id: SPEC_ID, paths: openApiDocument.paths, components: openApiDocument.components });
  shared = ajv;
  return ajv;
}

/** JSON-pointer escape of one reference token. */
export function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Compiles the schema found at `pointer` inside the spec (e.g. `/paths/~1worklogs/post/...`). */
export function compileAt(pointer: string): ValidateFunction {
  return specAjv().compile({ $ref: `${SPEC_ID}#${pointer}` });
}

/** Compiles a schema whose `$ref`s point into the spec (`#/components/...` is rewritten to the spec's id). */
export function compileSchema(schema: SchemaObject): ValidateFunction {
  const rewritten = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${SPEC_ID}#/`)) as SchemaObject;
  return specAjv().compile(rewritten);
}

/** The failure of one validation, phrased like Tempo's messages. */
export class ValidationFailure {
  constructor(readonly message: string) {}
}

/** Validators of one operation's inputs, compiled on first use. */
export class OperationValidator {
  private params?: {
    path: ParameterObject[];
    query: ParameterObject[];
    validatePath: ValidateFunction;
    validateQuery: ValidateFunction;
  };
  private body?: ValidateFunction | null;

  constructor(
    private readonly method: string,
    private readonly path: string,
    private readonly op: OperationObject,
  ) {}

  /** The declared query parameters of the operation. */
  queryParameters(): ParameterObject[] {
    return this.compileParams().query;
  }

  /**
   * Converts and validates path and query parameters. Returns the typed values (integers as numbers, arrays
   * from repeated keys) or a failure naming the first wrong parameter.
   */
  validateParameters(
    rawPath: Record<string, string>,
    search: URLSearchParams,
  ): { path: Record<string, unknown>; query: Record<string, unknown> } | ValidationFailure {
    const compiled = this.compileParams();
    const path: Record<string, unknown> = {};
    for (const p of compiled.path) {
      const raw = rawPath[p.name];
      if (raw !== undefined) path[p.name] = coerce(raw, p.schema);
    }
    if (!compiled.validatePath(path)) return new ValidationFailure(formatError(compiled.validatePath.errors, 'path'));
    const query: Record<string, unknown> = {};
    for (const p of compiled.query) {
      const schema = resolveSchema(p.schema);
      if (schema.type === 'array') {
        const values = search
          .getAll(p.name)
          .flatMap((v) => (v.includes(',') && schema.items?.type !== 'string' ? v.split(',') : [v]));
        if (values.length > 0) query[p.name] = values.map((v) => coerce(v, schema.items ?? {}));
      } else {
        const raw = search.get(p.name);
        if (raw !== null) query[p.name] = coerce(raw, schema);
      }
    }
    if (!compiled.validateQuery(query))
      return new ValidationFailure(formatError(compiled.validateQuery.errors, 'query'));
    for (const p of compiled.query) {
      const def = resolveSchema(p.schema).default;
      if (query[p.name] === undefined && def !== undefined) query[p.name] = def;
    }
    return { path, query };
  }

  /** True when the operation takes a JSON body. */
  acceptsBody(): boolean {
    return this.op.requestBody !== undefined;
  }

  /** True when the spec requires a body. */
  requiresBody(): boolean {
    return this.op.requestBody?.required === true;
  }

  /** Validates a parsed JSON body; returns a failure or undefined. */
  validateBody(body: unknown): ValidationFailure | undefined {
    if (this.body === undefined) {
      this.body = this.op.requestBody
        ? compileAt(`/paths/${pointerToken(this.path)}/${this.method}/requestBody/content/application~1json/schema`)
        : null;
    }
    if (this.body && !this.body(body)) return new ValidationFailure(formatError(this.body.errors, 'body'));
    return undefined;
  }

  private compileParams() {
    if (this.params) return this.params;
    const all = this.op.parameters ?? [];
    const path = all.filter((p) => p.in === 'path');
    const query = all.filter((p) => p.in === 'query');
    this.params = {
      path,
      query,
      validatePath: compileSchema(objectOf(path)),
      validateQuery: compileSchema(objectOf(query)),
    };
    return this.params;
  }
}

function objectOf(params: ParameterObject[]): SchemaObject {
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

/**
 * Turns a query/path string into the type its schema declares, when it cleanly is one; otherwise the string
 * is kept and ajv reports the type error with the parameter's name.
 */
function coerce(raw: string, schema: SchemaObject): unknown {
  const type = resolveSchema(schema).type;
  if (type === 'integer' || type === 'number') {
    if (/^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw);
    return raw;
  }
  if (type === 'boolean') {
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    return raw;
  }
  return raw;
}

const FORMAT_WORDS: Record<string, string> = {
  date: 'a date in the format YYYY-MM-DD',
  'date-time': 'a date-time in the format YYYY-MM-DDTHH:mm:ssZ',
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  uuid: 'a UUID',
  email: 'an email address',
  uri: 'a URI',
  "yyyy-MM-dd['T'HH:mm:ss]['Z']": 'a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:mm:ssZ)',
  "yyyy-MM-dd['T'HH:mm:ss'Z']": 'a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:mm:ssZ)',
};

/** Turns ajv's first error into a Tempo-style sentence naming the field: `'startDate' must be a date …`. */
export function formatError(errors: ErrorObject[] | null | undefined, where: 'path' | 'query' | 'body'): string {
  const error = errors?.[0];
  if (!error) return 'The request is invalid';
  let name = instancePathToName(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const missing = String(params.missingProperty);
    const field = name ? `${name}.${missing}` : missing;
    return where === 'body' ? `'${field}' is required` : `Parameter '${field}' is required`;
  }
  const subject = name ? `'${name}'` : where === 'body' ? 'The request body' : 'The parameter';
  switch (error.keyword) {
    case 'format':
      return `${subject} must be ${FORMAT_WORDS[String(params.format)] ?? `in the format ${String(params.format)}`}`;
    case 'type':
      return `${subject} must be ${article(String(params.type))}`;
    case 'enum':
      return `${subject} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'minLength':
      return Number(params.limit) === 1
        ? `${subject} must not be empty`
        : `${subject} must have at least ${String(params.limit)} characters`;
    case 'maxLength':
      return `${subject} must have at most ${String(params.limit)} characters`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `${subject} must be ${String(params.comparison)} ${String(params.limit)}`;
    case 'pattern':
      return `${subject} must match the pattern ${String(params.pattern)}`;
    case 'minItems':
      return `${subject} must contain at least ${String(params.limit)} item(s)`;
    case 'maxItems':
      return `${subject} must contain at most ${String(params.limit)} item(s)`;
    case 'uniqueItems':
      return `${subject} must not contain duplicate items`;
    case 'additionalProperties':
      name = name ? `${name}.${String(params.additionalProperty)}` : String(params.additionalProperty);
      return `'${name}' is not a known field`;
    default:
      return `${subject} ${error.message ?? 'is invalid'}`;
  }
}

function article(type: string): string {
  const t = type.split(',')[0] ?? type;
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

/** `/attributes/0/key` → `attributes[0].key`. */
function instancePathToName(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}
