#!/usr/bin/env node
// Imports the *structure* of a vendor-published Tempo OpenAPI document into our own spec/ tree.
//
//   node scripts/spec-import.mjs <vendor.yaml> [--spec-dir spec]
//
// What it keeps from the vendor document: paths, methods, operationIds, tags, parameters, request
// bodies, success responses and schemas (names, types, formats, enums, required sets, defaults).
// What it never keeps: any of the vendor's prose (summaries, descriptions, titles) or examples.
// Our own prose lives in spec/ and survives re-imports; before the tree is rewritten it is read back:
// operation summaries and descriptions by operationId, tag descriptions by tag name, parameter
// descriptions by operationId + location + parameter name, and schema descriptions (a property's, an
// item's, the schema's own) by schema name + their path inside the schema. Prose whose operation,
// parameter or property no longer exists goes with it.
// New operations get a summary derived from their operationId and are listed on stdout so a human
// can write a proper one.
// Also the project's own: callbacks (kept by operationId; spec/webhooks/callbacks.yaml describes the webhook
// handshake and events) and schemas the root refers to outside components/schemas (spec/webhooks/schemas/), which
// replace a vendor schema of the same name.
//
// It also applies, every time, the project's fixes for the vendor's known defects; each is listed in
// spec/deviations.yaml.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { pascalCaseSchemaName } from '../tools/codegen/src/names.mjs';
import { parseDocument, SpecInputError } from '../tools/spec-diff/src/load.mjs';

const args = process.argv.slice(2);
const vendorPath = args.find((a) => !a.startsWith('--'));
const specDir = resolve(args.includes('--spec-dir') ? args[args.indexOf('--spec-dir') + 1] : 'spec');
if (!vendorPath) {
  console.error('usage: spec-import <vendor-openapi.yaml> [--spec-dir spec]');
  process.exit(2);
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const vendor = readVendorDocument(vendorPath);

/**
 * The vendor document, or one line on stderr and exit 2: a file that is not an OpenAPI 3 document, or one with no
 * operation at all, would otherwise rewrite spec/ into nothing (the import replaces the whole tree).
 * @param {string} file
 */
function readVendorDocument(file) {
  try {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new SpecInputError(
        `${file}: cannot read it (${/** @type {NodeJS.ErrnoException} */ (error).code ?? 'error'})`,
      );
    }
    const doc = parseDocument(text, file);
    const operations = Object.values(doc.paths).reduce(
      (n, item) => n + METHODS.filter((m) => item && typeof item === 'object' && m in item).length,
      0,
    );
    if (operations === 0)
      throw new SpecInputError(`${file}: the document declares no operation; spec/ was left as it is`);
    return doc;
  } catch (error) {
    if (!(error instanceof SpecInputError)) throw error;
    console.error(`spec-import: ${error.message}`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------------
// Our prose from the current tree (kept across imports)
// ---------------------------------------------------------------------------------------------
const ourOperationProse = new Map(); // operationId -> { summary, description }
const ourParameterProse = new Map(); // parameterKey(operationId, param) -> description
const ourTagProse = new Map(); // tag name -> description
const ourSchemaProse = new Map(); // schema name -> [{ path: string[], description }]
const ourCallbacks = new Map(); // operationId -> callbacks (the project's own, e.g. spec/webhooks/callbacks.yaml)

const parameterKey = (operationId, param) => `${operationId} ${param.in} ${param.name}`;

if (existsSync(join(specDir, 'paths'))) {
  for (const file of readdirSync(join(specDir, 'paths'))) {
    const doc = parse(readFileSync(join(specDir, 'paths', file), 'utf8')) ?? {};
    for (const item of Object.values(doc)) {
      for (const method of METHODS) {
        const op = item?.[method];
        if (!op?.operationId) continue;
        ourOperationProse.set(op.operationId, { summary: op.summary, description: op.description });
        if (op.callbacks) ourCallbacks.set(op.operationId, op.callbacks);
        for (const param of op.parameters ?? []) {
          if (param.description) ourParameterProse.set(parameterKey(op.operationId, param), param.description);
        }
      }
    }
  }
}
if (existsSync(join(specDir, 'components', 'schemas'))) {
  for (const file of readdirSync(join(specDir, 'components', 'schemas'))) {
    const found = [];
    collectDescriptions(parse(readFileSync(join(specDir, 'components', 'schemas', file), 'utf8')), [], found);
    if (found.length) ourSchemaProse.set(file.replace(/\.yaml$/, ''), found);
  }
}

/** Every `description` text inside a schema, with the path of keys leading to the node that holds it. */
function collectDescriptions(node, path, found) {
  if (!node || typeof node !== 'object') return;
  // A string `description` is prose; an object one is a property that happens to be named "description".
  if (!Array.isArray(node) && typeof node.description === 'string') found.push({ path, description: node.description });
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'description' || typeof value === 'object') collectDescriptions(value, [...path, key], found);
  }
}

/** Puts a description back at `path` (as the node's first key) if the imported schema still has that node. */
function withDescription(node, path, description) {
  if (!node || typeof node !== 'object') return node;
  if (path.length === 0) return Array.isArray(node) || node.$ref ? node : { description, ...node };
  const [key, ...rest] = path;
  if (!(key in node)) return node;
  const copy = Array.isArray(node) ? [...node] : { ...node };
  copy[key] = withDescription(node[key], rest, description);
  return copy;
}
if (existsSync(join(specDir, 'openapi.yaml'))) {
  const root = parse(readFileSync(join(specDir, 'openapi.yaml'), 'utf8'));
  for (const tag of root.tags ?? []) ourTagProse.set(tag.name, tag.description);
}

// ---------------------------------------------------------------------------------------------
// Defect fixes
// ---------------------------------------------------------------------------------------------

/** Vendor schema names that are not valid component names ("Projects by page") become PascalCase. */
function componentName(name) {
  return /^[A-Za-z0-9._-]+$/.test(name) ? name : pascalCaseSchemaName(name);
}
const schemaRenames = new Map(Object.keys(vendor.components?.schemas ?? {}).map((n) => [n, componentName(n)]));

const PROSE_KEYS = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs']);

/** Deep-copies a schema without prose or examples, with the vendor's structural defects fixed. */
function cleanSchema(node, refPrefix) {
  if (Array.isArray(node)) return node.map((n) => cleanSchema(n, refPrefix));
  if (!node || typeof node !== 'object') return node;
  if (node.$ref) {
    // A $ref stands alone: siblings are ignored by OpenAPI 3.0 tools anyway.
    const name = decodeURIComponent(node.$ref.replace('#/components/schemas/', ''));
    return { $ref: `${refPrefix}${schemaRenames.get(name) ?? name}.yaml` };
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (PROSE_KEYS.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanSchema(v, refPrefix)]));
    } else {
      out[key] = cleanSchema(value, refPrefix);
    }
  }
  // Tempo puts `enum` on array schemas; the values belong to the items.
  if (out.type === 'array' && Array.isArray(out.enum)) {
    out.items = { ...(out.items ?? { type: 'string' }), enum: out.enum };
    delete out.enum;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------
const serverUrl = vendor.servers?.[0]?.url ?? '';
const pathPrefix = /\/4\/?$/.test(serverUrl) ? '' : '/4';

/** A summary for an operation we have not written one for yet: "getWorklogsByUser" -> "Get worklogs by user". */
function derivedSummary(operationId) {
  const words = operationId
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ');
  return [words[0][0].toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' ');
}

const SUCCESS_TEXT = { 200: 'Success.', 201: 'Created.', 202: 'Accepted.', 204: 'Done; the response has no body.' };
/** Names of the root's shared error responses that some operation refers to (an unused one fails lint). */
const sharedResponsesUsed = new Set();
const ERROR_RESPONSES = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
};

/** POSTs that only read: searches and id translations. The client retries these like GETs. */
function isReadOnlyPost(path) {
  return /\/search$|\/plans-for-review$|\/jira-to-tempo$|\/tempo-to-jira$/.test(path);
}

const DATE_PARAMS = new Set(['from', 'to', 'date', 'day']);

function cleanParameter(param, operationId) {
  const out = { name: param.name, in: param.in };
  const description = ourParameterProse.get(parameterKey(operationId, param));
  if (description) out.description = description;
  if (param.required || param.in === 'path') out.required = true;
  for (const key of ['style', 'explode', 'deprecated', 'allowEmptyValue']) if (key in param) out[key] = param[key];
  out.schema = cleanSchema(param.schema ?? { type: 'string' }, '../components/schemas/');
  // Tempo's date parameters are plain strings in its document but only accept YYYY-MM-DD; saying so
  // lets validators (our mock among them) reject "2026/01/31" the way Tempo does.
  if (DATE_PARAMS.has(param.name) && out.schema.type === 'string' && !out.schema.format) out.schema.format = 'date';
  return out;
}

function cleanContent(content) {
  return Object.fromEntries(
    Object.entries(content).map(([type, media]) => [
      type,
      media.schema ? { schema: cleanSchema(media.schema, '../components/schemas/') } : {},
    ]),
  );
}

const newOperations = [];
const newCallbacks = [];
const pathFiles = new Map(); // file slug -> { path -> pathItem }
const rootPaths = {};
const tagsSeen = [];

for (const [vendorPath_, item] of Object.entries(vendor.paths)) {
  if (pathPrefix && !vendorPath_.startsWith(`${pathPrefix}/`)) continue; // other APIs (Papertrail) live elsewhere
  const path = vendorPath_.slice(pathPrefix.length);
  const pathItem = {};
  let fileTag;
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const tag = op.tags?.[0] ?? 'Other';
    fileTag ??= tag;
    if (!tagsSeen.includes(tag)) tagsSeen.push(tag);
    const prose = ourOperationProse.get(op.operationId);
    if (!prose) newOperations.push(`${method.toUpperCase()} ${path} ${op.operationId}`);
    const out = {
      operationId: op.operationId,
      tags: op.tags,
      summary: prose?.summary ?? derivedSummary(op.operationId),
      description: prose?.description ?? `${derivedSummary(op.operationId)}.`,
    };
    if (method === 'post' && isReadOnlyPost(path)) out['x-tempo-read-only'] = true;
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
    if (params.length) out.parameters = params.map((param) => cleanParameter(param, op.operationId));
    if (op.requestBody) {
      out.requestBody = { required: op.requestBody.required ?? true, content: cleanContent(op.requestBody.content) };
    }
    const responses = {};
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (ERROR_RESPONSES[status]) continue;
      if (/^[45]/.test(status)) {
        responses[status] = {
          description: "The request failed; the body carries Tempo's message.",
          content: { 'application/json': { schema: { $ref: '../openapi.yaml#/components/schemas/ErrorResponse' } } },
        };
        continue;
      }
      responses[status] = { description: SUCCESS_TEXT[status] ?? 'Success.' };
      if (response.content && Number(status) !== 204) responses[status].content = cleanContent(response.content);
    }
    // Every call can fail these ways; Tempo documents the shapes once for the whole API. Tempo also answers 400 for
    // invalid input on any operation that takes parameters or a body, documented or not (issue 12 item 17).
    const documented = new Set(Object.keys(op.responses ?? {}));
    if (params.length > 0 || op.requestBody) documented.add('400');
    for (const [status, name] of Object.entries(ERROR_RESPONSES)) {
      if (['401', '403', '429'].includes(status) || documented.has(status)) {
        responses[status] = { $ref: `../openapi.yaml#/components/responses/${name}` };
        sharedResponsesUsed.add(name);
      }
    }
    out.responses = responses;
    // Callbacks (requests Tempo makes to the caller's server) are described by the project itself, from the
    // vendor's facts: ours are kept; vendor callbacks we have not described yet are listed for a human.
    if (op.callbacks && ourCallbacks.has(op.operationId)) out.callbacks = ourCallbacks.get(op.operationId);
    else if (op.callbacks)
      newCallbacks.push(`${method.toUpperCase()} ${path} ${op.operationId}: ${Object.keys(op.callbacks).join(', ')}`);
    pathItem[method] = out;
  }
  const slug = fileTag
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (!pathFiles.has(slug)) pathFiles.set(slug, {});
  pathFiles.get(slug)[path] = pathItem;
  rootPaths[path] = { $ref: `paths/${slug}.yaml#/${path.replaceAll('~', '~0').replaceAll('/', '~1')}` };
}

// ---------------------------------------------------------------------------------------------
// Write the tree
// ---------------------------------------------------------------------------------------------
const header = (what) =>
  `# ${what}\n# Structure imported by scripts/spec-import.mjs; summaries and descriptions are the project's own and are kept on re-import.\n`;
const yamlOptions = { lineWidth: 110, aliasDuplicateObjects: false };

rmSync(join(specDir, 'paths'), { recursive: true, force: true });
rmSync(join(specDir, 'components', 'schemas'), { recursive: true, force: true });
mkdirSync(join(specDir, 'paths'), { recursive: true });
mkdirSync(join(specDir, 'components', 'schemas'), { recursive: true });

for (const [slug, items] of pathFiles) {
  writeFileSync(
    join(specDir, 'paths', `${slug}.yaml`),
    header(`Operations tagged ${items[Object.keys(items)[0]][Object.keys(items[Object.keys(items)[0]])[0]].tags[0]}`) +
      stringify(items, yamlOptions),
  );
}
const rootFile = join(specDir, 'openapi.yaml');
const template = parse(readFileSync(new URL('./spec-root.template.yaml', import.meta.url), 'utf8'));
const root = existsSync(rootFile) ? parse(readFileSync(rootFile, 'utf8')) : template;
// Schemas the root defines itself (inline, or in files outside components/schemas such as spec/webhooks/) are the
// project's own and stay; one of them replaces the vendor's schema of the same name (WebhookEvent: one schema per
// event type instead of the vendor's single loose one).
const ownSchemas = Object.entries(root.components.schemas ?? {}).filter(
  ([, s]) => !s.$ref?.startsWith('components/schemas/'),
);
const ownNames = new Set(ownSchemas.map(([name]) => name));
const rootSchemas = {};
for (const [vendorName, schema] of Object.entries(vendor.components?.schemas ?? {})) {
  const name = schemaRenames.get(vendorName);
  if (ownNames.has(name)) continue;
  let ours = cleanSchema(schema, './');
  for (const { path, description } of ourSchemaProse.get(name) ?? []) ours = withDescription(ours, path, description);
  writeFileSync(join(specDir, 'components', 'schemas', `${name}.yaml`), stringify(ours, yamlOptions));
  rootSchemas[name] = { $ref: `components/schemas/${name}.yaml` };
}

// Shared error responses: exactly those the operations use, ours if we have one, else the template's (a vendor
// document without any 409 drops Conflict; the next one with a 409 brings it back).
root.components.responses = Object.fromEntries(
  Object.values(ERROR_RESPONSES)
    .filter((name) => sharedResponsesUsed.has(name))
    .map((name) => [name, root.components.responses?.[name] ?? template.components.responses[name]]),
);
root.tags = tagsSeen.map((name) => ({
  name,
  description: ourTagProse.get(name) ?? `Operations on ${name.toLowerCase()}.`,
}));
root.paths = rootPaths;
root.components.schemas = Object.fromEntries(
  [...ownSchemas, ...Object.entries(rootSchemas)].sort(([a], [b]) => a.localeCompare(b)),
);
writeFileSync(
  rootFile,
  header("Tempo REST API v4: the project's own OpenAPI document (root)") + stringify(root, yamlOptions),
);

const opCount = Object.values(rootPaths).length;
console.log(`imported ${opCount} paths, ${Object.keys(rootSchemas).length} schemas into ${specDir}`);
if (newCallbacks.length) {
  console.log(
    `${newCallbacks.length} operation(s) have callbacks in the vendor document that spec/ does not describe (left out):`,
  );
  for (const line of newCallbacks) console.log(`  ${line}`);
}
if (newOperations.length) {
  console.log(`${newOperations.length} operation(s) have no summary of ours yet (derived ones were written):`);
  for (const line of newOperations) console.log(`  ${line}`);
}
