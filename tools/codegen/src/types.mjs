// Turns a bundled OpenAPI document into TypeScript declarations with openapi-typescript.
import openapiTS, { astToString } from 'openapi-typescript';
import { DO_NOT_EDIT } from './header.mjs';

/**
 * @param {Record<string, any>} doc a bundled OpenAPI 3 document
 * @param {string} source shown in the do-not-edit banner
 * @returns {Promise<string>} `paths`, `components`, `operations` and one alias per schema
 */
export async function generateTypes(doc, source) {
  const ast = await openapiTS(doc, {
    // `export type Worklog = components['schemas']['Worklog']` for every schema.
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    rootTypesKeepCasing: true,
    // Keep Tempo's spelling of ids in path params typed as declared (strings or numbers).
    alphabetize: false,
  });
  return `${DO_NOT_EDIT(source)}\n\n${astToString(ast)}`;
}
