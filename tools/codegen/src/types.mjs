// Turns a bundled OpenAPI document into TypeScript declarations with openapi-typescript.
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { DO_NOT_EDIT } from './header.mjs';
import { pascalCaseSchemaName } from './names.mjs';

/**
 * The exported alias name for a schema component. Names that are already identifiers are kept as they are; others
 * (Tempo's published document has "Projects by page", "List of LaborActuals", "Fixed Revenue") become PascalCase the
 * way scripts/spec-import.mjs renames them (ProjectsPage, LaborActualsList, FixedRevenue), so that types generated
 * straight from a vendor document compile and carry the names our spec uses.
 * @param {string} name
 */
export function typeAliasName(name) {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return name;
  const pascal = pascalCaseSchemaName(name);
  return /^[0-9]/.test(pascal) ? `_${pascal}` : pascal || '_';
}

/**
 * openapi-typescript keeps component names verbatim as alias names under `rootTypesKeepCasing`, even when they are
 * not identifiers (`export type Projects by page = …` does not compile). Renames those aliases, avoiding clashes.
 */
function fixAliasNames(nodes) {
  const taken = new Set(nodes.filter(ts.isTypeAliasDeclaration).map((n) => n.name.text));
  return nodes.map((node) => {
    if (!ts.isTypeAliasDeclaration(node) || typeAliasName(node.name.text) === node.name.text) return node;
    let name = typeAliasName(node.name.text);
    for (let i = 2; taken.has(name); i++) name = `${typeAliasName(node.name.text)}_${i}`;
    taken.add(name);
    return ts.factory.updateTypeAliasDeclaration(
      node,
      node.modifiers,
      ts.factory.createIdentifier(name),
      node.typeParameters,
      node.type,
    );
  });
}

/**
 * @param {Record<string, any>} doc a bundled OpenAPI 3 document
 * @param {string} source shown in the do-not-edit banner
 * @returns {Promise<string>} `paths`, `components`, `operations` and one alias per schema
 */
export async function generateTypes(doc, source) {
  const ast = await openapiTS(/** @type {import('openapi-typescript').OpenAPI3} */ (doc), {
    // `export type Worklog = components['schemas']['Worklog']` for every schema.
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    rootTypesKeepCasing: true,
    // Keep Tempo's spelling of ids in path params typed as declared (strings or numbers).
    alphabetize: false,
  });
  return `${DO_NOT_EDIT(source)}\n\n${astToString(fixAliasNames(ast))}`;
}
