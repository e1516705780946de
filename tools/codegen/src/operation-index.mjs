// Builds the operation index: one entry per operationId with what a client or a mock needs to know
// about the operation without parsing the spec at run time.
import { DO_NOT_EDIT } from './header.mjs';
import { deref } from './ref.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** "Account - Categories" -> "accountCategories": the property name of the tag's group in the facade. */
export function groupName(tag) {
  const words = tag.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join('');
}

function successSchema(doc, op) {
  const status = Object.keys(op.responses ?? {}).find((code) => /^2\d\d$/.test(code));
  const response = status === undefined ? undefined : deref(doc, op.responses?.[status]);
  return deref(doc, response?.content?.['application/json']?.schema);
}

/**
 * A page of Tempo results: `{ metadata: { next, … }, results: [...] }`. The absolute `next` link leads to the
 * following page (for searches, the same body is POSTed to it). Such operations can be walked page by page.
 * (Token-paged operations, with `nextPageToken`, are not marked: their pages are walked differently.)
 */
function isPaginated(doc, op) {
  const schema = successSchema(doc, op);
  const metadata = deref(doc, schema?.properties?.metadata);
  const results = deref(doc, schema?.properties?.results);
  return Boolean(metadata?.properties?.next && results?.type === 'array');
}

/**
 * Reads `paths` of a bundled document into index entries, sorted by operationId.
 * @param {Record<string, any>} doc
 * @param {{ pathPrefix?: string }} [options] strip this prefix from paths (vendor documents use "/4/…")
 */
export function buildOperationIndex(doc, { pathPrefix = '' } = {}) {
  const entries = [];
  for (const [rawPath, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op?.operationId) continue;
      const tag = op.tags?.[0] ?? 'Default';
      entries.push({
        operationId: op.operationId,
        method,
        path: pathPrefix && rawPath.startsWith(pathPrefix) ? rawPath.slice(pathPrefix.length) : rawPath,
        tag,
        group: groupName(tag),
        paginated: isPaginated(doc, op),
        // Safe to send again: reads, and writes that replace or remove (PUT, DELETE).
        readOnly: method === 'get' || op['x-tempo-read-only'] === true,
        idempotent: method !== 'post' && method !== 'patch' ? true : op['x-tempo-read-only'] === true,
        // For the doc comments of operation-docs.ts only; the index module does not render them.
        summary: typeof op.summary === 'string' ? op.summary : undefined,
        description: typeof op.description === 'string' ? op.description : undefined,
        deprecated: op.deprecated === true,
      });
    }
  }
  return entries.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

/**
 * Renders the index as a TypeScript module (`operationIndex`, `OperationId`, `OperationInfo`).
 * @param {ReturnType<typeof buildOperationIndex>} entries
 * @param {string} source shown in the do-not-edit banner
 * @param {string} [api] the API's name in the comments (Tempo's by default)
 */
export function renderOperationIndex(entries, source, api) {
  if (api) {
    // A document other than Tempo's: the same module, with comments that do not talk about Tempo's base URL.
    return renderOperationIndex(entries, source)
      .replace('one operation of the Tempo API', `one operation of the ${api}`)
      .replace(
        ' relative to the base URL (`https://api.tempo.io/4`), e.g. `/worklogs/{id}`',
        ' relative to the server URL',
      )
      .replace(', e.g. `Worklogs`', '')
      .replace(', e.g. `accountCategories`', '');
  }
  const lines = entries.map(
    (e) =>
      `  ${e.operationId}: { method: '${e.method}', path: '${e.path}', tag: ${JSON.stringify(e.tag)}, group: '${e.group}', paginated: ${e.paginated}, readOnly: ${e.readOnly}, idempotent: ${e.idempotent} },`,
  );
  return `${DO_NOT_EDIT(source)}
/** What the SDK knows about one operation of the Tempo API, without reading the spec at run time. */
export interface OperationInfo {
  /** HTTP method, lower case as in the spec. */
  readonly method: 'get' | 'put' | 'post' | 'delete' | 'patch';
  /** Path template relative to the base URL (\`https://api.tempo.io/4\`), e.g. \`/worklogs/{id}\`. */
  readonly path: string;
  /** The operation's first tag in the spec, e.g. \`Worklogs\`. */
  readonly tag: string;
  /** The tag as a camelCase property name, e.g. \`accountCategories\`: the facade groups operations by it. */
  readonly group: string;
  /** Answers with \`{ metadata: { next, … }, results }\` pages reached with \`offset\` and \`limit\`. */
  readonly paginated: boolean;
  /** Changes nothing on the server (GETs and search POSTs). */
  readonly readOnly: boolean;
  /** Can be sent twice with the same effect as once (reads, PUT, DELETE): safe to retry. */
  readonly idempotent: boolean;
}

/** Every operation of the spec by operationId. */
export const operationIndex = {
${lines.join('\n')}
} as const satisfies Record<string, OperationInfo>;

/** The operationId of any operation in the spec. */
export type OperationId = keyof typeof operationIndex;

/** Operations grouped by tag group name: \`OperationsInGroup<'worklogs'>\` is \`'getWorklogs' | …\`. */
export type OperationsInGroup<G extends string> = {
  [K in OperationId]: (typeof operationIndex)[K]['group'] extends G ? K : never;
}[OperationId];

/** The facade's group names, e.g. \`'worklogs' | 'accounts' | …\`. */
export type OperationGroup = (typeof operationIndex)[OperationId]['group'];
`;
}
