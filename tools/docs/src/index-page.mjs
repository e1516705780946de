// The site's front page: one link to each rendered OpenAPI document and to each package's API reference.

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * @typedef {object} PackageLink
 * @property {string} name         the package's name
 * @property {string} description  what it is for
 * @property {{ specifier: string, page: string }[]} entries  each public entry (import specifier) and its page
 */

/**
 * @param {object} contents
 * @param {import('./redoc.mjs').RenderedSpec[]} contents.specs
 * @param {PackageLink[]} [contents.packages] the TypeDoc reference of each package (none: no such section)
 * @returns {string} the HTML of `index.html`
 */
export function renderIndex({ specs, packages = [] }) {
  const specItems = specs.map(
    (spec) =>
      `<li><a href="${escapeHtml(spec.file)}">${escapeHtml(spec.title)}</a> <small>(version ${escapeHtml(spec.version)})</small></li>`,
  );
  const packageItems = packages.map(
    (pkg) =>
      `<li>${pkg.entries.map((entry) => `<a href="${escapeHtml(entry.page)}"><code>${escapeHtml(entry.specifier)}</code></a>`).join(', ')}` +
      `<br><small>${escapeHtml(pkg.description)}</small></li>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tempo SDK for TypeScript: API reference</title>
<link rel="icon" type="image/svg+xml" href="favicon.svg">
<style>
body { font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
li { margin: 0.5rem 0; }
small { color: #555; }
</style>
</head>
<body>
<h1>Tempo SDK for TypeScript: API reference</h1>
<h2>The REST APIs (our OpenAPI documents, rendered by Redoc)</h2>
<ul>
${specItems.join('\n')}
</ul>
${
  packageItems.length
    ? `<h2>The packages (TypeDoc, every public entry)</h2>
<ul>
${packageItems.join('\n')}
</ul>
`
    : ''
}</body>
</html>
`;
}
