// Where a document keeps the API version. Its own module (re-exported by generate.mjs) so that tools which only
// need this rule, like tools/spec-diff, do not load openapi-typescript and the TypeScript compiler with it.

/**
 * Vendor documents put the API version in the paths (`/4/worklogs`, server `https://api.tempo.io`);
 * ours puts it in the server URL. Returns the prefix to strip, if any.
 * @param {{ servers?: { url?: string }[], paths?: Record<string, unknown> }} doc
 * @returns {'' | '/4'}
 */
export function versionPrefix(doc) {
  const server = doc.servers?.[0]?.url ?? '';
  return /\/4\/?$/.test(server) ? '' : Object.keys(doc.paths ?? {}).some((p) => p.startsWith('/4/')) ? '/4' : '';
}
