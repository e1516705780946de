// One naming rule for Tempo's schema names that are not identifiers ("Projects by page", "List of LaborActuals",
// "Fixed Revenue"): PascalCase, with "List of X" -> XList and "X by page" -> XPage. spec-import uses it to rename
// components; the type generator uses it for aliases, so types made straight from a vendor document carry the
// same names as ours.

/** @param {string} name */
export function pascalCaseSchemaName(name) {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('')
    .replace(/^ListOf(.*)$/, '$1List')
    .replace(/ByPage$/, 'Page');
}
