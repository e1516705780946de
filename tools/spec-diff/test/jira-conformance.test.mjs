// Our Jira document (spec/jira/) against Atlassian's published Jira Cloud platform document: for every operation we
// include, the same method, path, operationId, parameters and request body, and success responses that declare a
// subset of the reference's fields, each the same as there. Checked twice: by spec-diff with spec/jira/deviations.yaml,
// and by a direct walk of both documents that knows nothing of spec-diff.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffDocuments, loadDeviations, loadSpec, location } from '../src/index.mjs';
import { referenceDir, repoRoot } from './reference.mjs';

const referenceFile = join(referenceDir, 'jira-cloud-platform-v3-2025-12.json');
const hasJiraReference = existsSync(referenceFile);
const ourBundle = join(repoRoot, 'packages', 'types', 'jira', 'openapi.json');
const deviationsFile = join(repoRoot, 'spec', 'jira', 'deviations.yaml');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** What issue #11 asks the document to cover. */
const WANTED = [
  'GET /rest/api/3/myself getCurrentUser',
  'POST /rest/api/3/issue/bulkfetch bulkFetchIssues',
  'GET /rest/api/3/issue/{issueIdOrKey} getIssue',
  'GET /rest/api/3/search/jql searchAndReconsileIssuesUsingJql',
  'POST /rest/api/3/search/jql searchAndReconsileIssuesUsingJqlPost',
  'GET /rest/api/3/user/bulk bulkGetUsers',
  'GET /rest/api/3/project/search searchProjects',
];

function operationsOf(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const m of METHODS) if (item[m]) out.push({ key: `${m.toUpperCase()} ${path}`, op: item[m] });
  return out;
}

/** Resolves `$ref`s and single-element `allOf` wrappers, and drops prose, examples and vendor extensions. */
function structure(doc, node, depth = 0) {
  if (depth > 12 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => structure(doc, n, depth + 1));
  if (node.$ref)
    return structure(
      doc,
      node.$ref
        .slice(2)
        .split('/')
        .reduce((o, k) => o[k], doc),
      depth + 1,
    );
  if (node.allOf?.length === 1) {
    const { allOf, ...rest } = node;
    return { ...structure(doc, allOf[0], depth + 1), ...structure(doc, rest, depth + 1) };
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' || k === 'example' || k === 'examples' || k === 'xml' || k.startsWith('x-')) continue;
    out[k] = structure(doc, v, depth + 1);
  }
  return out;
}

/** Every place where our schema is not the reference's restricted to our declared properties. */
function subsetDifferences(theirs, ours, at, out) {
  if (ours?.properties) {
    for (const [name, prop] of Object.entries(ours.properties)) {
      if (!theirs?.properties?.[name]) out.push(`${at}.${name}: not in the reference`);
      else subsetDifferences(theirs.properties[name], prop, `${at}.${name}`, out);
    }
  }
  if (ours?.items) subsetDifferences(theirs?.items, ours.items, `${at}[]`, out);
  const scalar = (s) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(s ?? {})
          .filter(([k]) => !['properties', 'items', 'additionalProperties'].includes(k))
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    );
  if (scalar(theirs) !== scalar(ours)) out.push(`${at}: ${scalar(theirs)} -> ${scalar(ours)}`);
  if (
    JSON.stringify(ours?.required ?? []) !==
    JSON.stringify((theirs?.required ?? []).filter((r) => ours?.properties?.[r]))
  )
    out.push(`${at}: required differs`);
  return out;
}

function successSchema(doc, op) {
  const status = Object.keys(op.responses).find((s) => /^2/.test(s));
  return structure(doc, op.responses[status]?.content?.['application/json']?.schema);
}

describe('spec/jira/deviations.yaml', () => {
  it('is valid: every deviation has an id, what, why and matchers (or says why it has none)', () => {
    const deviations = loadDeviations(deviationsFile);
    expect(deviations.map((d) => d.id)).toContain('response-field-subsets');
  });
});

const title = "conformance with Atlassian's Jira Cloud platform document (2025-12)";
describe.skipIf(!hasJiraReference)(hasJiraReference ? title : `${title} SKIPPED: ${referenceFile} not found`, () => {
  const vendor = hasJiraReference ? loadSpec(referenceFile).doc : null;
  const ours = loadSpec(ourBundle).doc;

  it('has exactly the seven operations issue #11 names, with the reference method, path and operationId', () => {
    const mine = operationsOf(ours).map(({ key, op }) => `${key} ${op.operationId}`);
    expect(mine.sort()).toEqual([...WANTED].sort());
    for (const { key, op } of operationsOf(ours)) {
      const [method, path] = key.split(' ');
      expect(vendor.paths[path]?.[method.toLowerCase()]?.operationId).toBe(op.operationId);
    }
    expect(ours.paths['/rest/api/3/search']).toBeUndefined(); // removed by Atlassian in 2025 (410)
  });

  it('explains every spec-diff difference by a deviation, and no deviation is stale', () => {
    const deviations = loadDeviations(deviationsFile);
    const result = diffDocuments(vendor, ours, { deviations, deviationsFile: 'spec/jira/deviations.yaml' });
    const unexplained = result.entries.filter((e) => !e.deviation).map((e) => `${location(e)} ${e.kind}`);
    expect(unexplained).toEqual([]);
    const unused = result.deviations.filter(
      (d) => d.entries === 0 && deviations.find((x) => x.id === d.id).match.length > 0,
    );
    expect(unused).toEqual([]);
    // Nothing but response fields left out may touch an operation we include.
    const kinds = new Set(
      result.entries
        .filter((e) => e.operations.length && e.kind !== 'operation.removed')
        .map((e) => `${e.kind}/${e.direction}`),
    );
    expect([...kinds]).toEqual(['property.removed/response']);
  });

  it('is structurally exact for every included operation (direct walk, independent of spec-diff)', () => {
    const report = [];
    for (const { key, op } of operationsOf(ours)) {
      const [method, path] = key.split(' ');
      const ref = vendor.paths[path][method.toLowerCase()];
      const problems = [];
      const params = (doc, o) =>
        Object.fromEntries((o.parameters ?? []).map((p) => structure(doc, p)).map((p) => [`${p.in}.${p.name}`, p]));
      expect(params(ours, op), `${key} parameters`).toEqual(params(vendor, ref));
      expect(structure(ours, op.requestBody?.content), `${key} request body`).toEqual(
        structure(vendor, ref.requestBody?.content),
      );
      expect(op.requestBody?.required, `${key} requestBody.required`).toBe(ref.requestBody?.required);
      subsetDifferences(successSchema(vendor, ref), successSchema(ours, op), `${key} response`, problems);
      expect(problems, key).toEqual([]);
      expect(Object.keys(op.responses).filter((s) => /^2/.test(s))).toEqual(
        Object.keys(ref.responses).filter((s) => /^2/.test(s)),
      );
      expect(op.security).toEqual(ref.security);
      report.push(key);
    }
    console.log(
      `jira conformance: ${report.length}/${WANTED.length} operations structurally exact against ${referenceFile.split('/').pop()}`,
    );
    expect(report).toHaveLength(WANTED.length);
  });

  it('the direct walk would catch a changed parameter or response field (it can fail)', () => {
    const broken = structuredClone(ours);
    broken.paths['/rest/api/3/user/bulk'].get.parameters.find((p) => p.name === 'accountId').required = false;
    const op = broken.paths['/rest/api/3/user/bulk'].get;
    const ref = vendor.paths['/rest/api/3/user/bulk'].get;
    const params = (doc, o) => (o.parameters ?? []).map((p) => structure(doc, p));
    expect(params(broken, op)).not.toEqual(params(vendor, ref));
    broken.components.schemas.User.properties.active.type = 'string';
    const problems = subsetDifferences(successSchema(vendor, ref), successSchema(broken, op), 'user/bulk', []);
    expect(problems.join('\n')).toContain('active');
  });
});
