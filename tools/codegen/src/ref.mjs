// Following local `$ref`s (`#/components/schemas/Worklog`) inside one bundled document.

/**
 * The node a chain of local `$ref`s leads to (at most 20 hops, so a cycle ends), or the node itself.
 * @param {Record<string, any>} doc a bundled OpenAPI document
 * @param {any} node
 * @returns {any}
 */
export function deref(doc, node) {
  let current = node;
  for (let guard = 0; current?.$ref && guard < 20; guard++) {
    current = String(current.$ref)
      .replace(/^#\//, '')
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((obj, key) => obj?.[key], doc);
  }
  return current;
}
