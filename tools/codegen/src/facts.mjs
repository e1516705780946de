// Tempo's facts that code needs at run time, read from the spec so that they are written down once: the base URL
// of each region (`servers`), the OAuth endpoints (the oauth2 security scheme's flow) and the largest page
// (`limit`'s maximum). Rendered into `@tempo-sdk/types` beside the operation index.
import { DO_NOT_EDIT } from './header.mjs';
import { deref } from './ref.mjs';

/** Vendor extension on a server object naming the region it serves (`global`, `eu`, `us`). */
export const REGION_EXTENSION = 'x-tempo-region';
/** Vendor extension on an OAuth flow giving its RFC 7009 revocation endpoint (OpenAPI has no field for it). */
export const REVOCATION_EXTENSION = 'x-tempo-revocation-url';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * A single-quoted TypeScript string literal (the style of the other generated modules); the URLs quoted here are
 * checked to parse, so they hold no line breaks.
 * @param {string} text
 */
const quote = (text) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/**
 * @typedef {object} TempoFacts
 * @property {Record<string, string>} baseUrls region name -> base URL (API version included, no trailing slash)
 * @property {{ authorization: string, token: string, revocation?: string } | undefined} oauthUrls
 *   the authorization-code flow's endpoints, when the document declares an oauth2 scheme
 * @property {number | undefined} pageLimitMax the largest `maximum` of a `limit` query parameter, when one is declared
 * @property {WebhookFacts | undefined} webhooks the webhook protocol, when the document describes it
 */

/**
 * @typedef {object} WebhookFacts
 * @property {string[]} eventTypes every `eventType` of the WebhookEvent union (its discriminator mapping)
 * @property {{ maxSubscriptions: number, deliveryTimeoutSeconds: number, retries: number,
 *   retryDelaySeconds: { min: number, max: number } }} limits the root's `x-tempo-webhooks`
 */

/** Root extension holding the webhook protocol's numbers (OpenAPI has no field for them). */
export const WEBHOOKS_EXTENSION = 'x-tempo-webhooks';

/**
 * Region -> base URL from `servers`. A server names its region with `x-tempo-region`; a document whose servers name
 * none (Tempo's published one has a single server serving every region) gets its first server as `global`.
 * `pathPrefix` is the API version a vendor document keeps in its paths (`/4`): it belongs to the base URL.
 * @param {{ servers?: Record<string, any>[] }} doc
 * @param {string} pathPrefix
 * @returns {Record<string, string>}
 */
function readBaseUrls(doc, pathPrefix) {
  const servers = doc.servers ?? [];
  const named = servers.filter((server) => typeof server[REGION_EXTENSION] === 'string');
  const pairs = named.length
    ? named.map((server) => [server[REGION_EXTENSION], server.url])
    : servers.slice(0, 1).map((server) => ['global', server.url]);
  /** @type {Record<string, string>} */
  const urls = {};
  for (const [region, url] of pairs) {
    if (!/^[a-z][a-z0-9]*$/.test(region))
      throw new Error(`servers: ${REGION_EXTENSION} "${region}" is not a lower-case identifier`);
    if (region in urls) throw new Error(`servers: region "${region}" is named by two servers`);
    if (typeof url !== 'string' || !URL.canParse(url)) throw new Error(`servers: "${url}" is not an absolute URL`);
    urls[region] = `${url.replace(/\/+$/, '')}${pathPrefix}`;
  }
  return urls;
}

/**
 * The authorization-code flow of the first oauth2 security scheme, if any.
 * @param {Record<string, any>} doc
 * @returns {TempoFacts['oauthUrls']}
 */
function readOAuthUrls(doc) {
  for (const scheme of Object.values(doc.components?.securitySchemes ?? {})) {
    const flow = deref(doc, scheme)?.type === 'oauth2' ? deref(doc, scheme).flows?.authorizationCode : undefined;
    if (!flow) continue;
    const urls = { authorization: flow.authorizationUrl, token: flow.tokenUrl };
    if (flow[REVOCATION_EXTENSION]) urls.revocation = flow[REVOCATION_EXTENSION];
    for (const [name, url] of Object.entries(urls)) {
      if (typeof url !== 'string' || !URL.canParse(url))
        throw new Error(`oauth2 authorizationCode flow: ${name} URL "${url}" is not an absolute URL`);
    }
    return urls;
  }
  return undefined;
}

/**
 * The largest `maximum` declared on a `limit` query parameter of any operation (operation-level parameters
 * override path-level ones of the same name, as OpenAPI says; both are read).
 * @param {Record<string, any>} doc
 * @returns {number | undefined}
 */
function readPageLimitMax(doc) {
  let max;
  for (const item of Object.values(doc.paths ?? {})) {
    const operations = METHODS.map((method) => item?.[method]).filter(Boolean);
    for (const parameter of [...(item?.parameters ?? []), ...operations.flatMap((op) => op.parameters ?? [])]) {
      const param = deref(doc, parameter);
      const maximum = deref(doc, param?.schema)?.maximum;
      if (param?.in === 'query' && param.name === 'limit' && typeof maximum === 'number')
        max = Math.max(max ?? maximum, maximum);
    }
  }
  return max;
}

/**
 * The event types (WebhookEvent's discriminator mapping) and the delivery rules (`x-tempo-webhooks`); both or
 * neither (Tempo's published document has neither).
 * @param {Record<string, any>} doc
 * @returns {WebhookFacts | undefined}
 */
function readWebhooks(doc) {
  const mapping = deref(doc, doc.components?.schemas?.WebhookEvent)?.discriminator?.mapping;
  const limits = doc[WEBHOOKS_EXTENSION];
  if (!mapping || !limits) return undefined;
  const numbers = [
    limits.maxSubscriptions,
    limits.deliveryTimeoutSeconds,
    limits.retries,
    limits.retryDelaySeconds?.min,
    limits.retryDelaySeconds?.max,
  ];
  if (!numbers.every((n) => Number.isInteger(n) && n >= 0))
    throw new Error(`${WEBHOOKS_EXTENSION}: every value must be a non-negative integer`);
  const eventTypes = Object.keys(mapping);
  if (!eventTypes.every((t) => /^[a-z][a-z.]*$/.test(t)))
    throw new Error('WebhookEvent: discriminator values must be dotted lower-case names');
  return { eventTypes, limits };
}

/**
 * Reads the facts from a bundled document.
 * @param {Record<string, any>} doc
 * @param {{ pathPrefix?: string }} [options] the version prefix a vendor document keeps in its paths
 * @returns {TempoFacts}
 */
export function readFacts(doc, { pathPrefix = '' } = {}) {
  return {
    baseUrls: readBaseUrls(doc, pathPrefix),
    oauthUrls: readOAuthUrls(doc),
    pageLimitMax: readPageLimitMax(doc),
    webhooks: readWebhooks(doc),
  };
}

/**
 * Renders the facts as a TypeScript module. A fact the document does not hold is left out (Tempo's published
 * document declares no OAuth flow); `@tempo-sdk/types` re-exports them all, so our spec must hold each one.
 * @param {TempoFacts} facts
 * @param {string} source the spec's path, for the banner
 * @returns {string}
 */
export function renderFacts(facts, source) {
  const regions = Object.keys(facts.baseUrls);
  const parts = [
    `${DO_NOT_EDIT(source)}
/** One of Tempo's API regions (the spec's \`servers\`, each named by \`${REGION_EXTENSION}\`). */
export type TempoRegion = ${regions.length ? regions.map((r) => `'${r}'`).join(' | ') : 'never'};

/**
 * The base URL of each region, API version included, without a trailing slash (the spec's \`servers\`).
${regions.map((r) => ` * - \`${r}\`: \`${facts.baseUrls[r]}\``).join('\n')}
 */
export const TEMPO_BASE_URLS: Readonly<Record<TempoRegion, string>> = Object.freeze({
${regions.map((r) => `  ${r}: ${quote(facts.baseUrls[r])},`).join('\n')}
});
`,
  ];
  if (facts.oauthUrls) {
    const { authorization, token, revocation } = facts.oauthUrls;
    parts.push(`
/**
 * Tempo's OAuth 2.0 endpoints (the spec's oauth2 security scheme, authorization-code flow).
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-3 | RFC 6749 §3} (authorization and token endpoints)${
   revocation
     ? `
 * @see {@link https://www.rfc-editor.org/rfc/rfc7009#section-2 | RFC 7009 §2} (revocation endpoint, \`${REVOCATION_EXTENSION}\`)`
     : ''
 }
 */
export const TEMPO_OAUTH_URLS = Object.freeze({
  /** Where the user is sent to grant access (\`authorizationUrl\`). */
  authorization: ${quote(authorization)},
  /** Code exchange and refresh (\`tokenUrl\`). */
  token: ${quote(token)},${
    revocation
      ? `
  /** Token revocation (\`${REVOCATION_EXTENSION}\`). */
  revocation: ${quote(revocation)},`
      : ''
  }
} as const);
`);
  }
  if (facts.pageLimitMax !== undefined) {
    parts.push(`
/** The largest page Tempo serves: the greatest \`maximum\` of a \`limit\` query parameter in the spec. */
export const TEMPO_PAGE_LIMIT_MAX = ${facts.pageLimitMax};
`);
  }
  if (facts.webhooks) {
    const { eventTypes, limits } = facts.webhooks;
    parts.push(`
/** Every webhook event type (the \`eventType\` of each member of the spec's \`WebhookEvent\` union). */
export const TEMPO_WEBHOOK_EVENT_TYPES = Object.freeze([
${eventTypes.map((t) => `  ${quote(t)},`).join('\n')}
] as const);

/** One webhook event type, e.g. \`'worklog.created'\`. */
export type TempoWebhookEventType = (typeof TEMPO_WEBHOOK_EVENT_TYPES)[number];

/** Tempo's webhook delivery rules (the spec's \`${WEBHOOKS_EXTENSION}\`), durations in milliseconds. */
export const TEMPO_WEBHOOK_LIMITS = Object.freeze({
  /** The most subscriptions one app may hold. */
  maxSubscriptions: ${limits.maxSubscriptions},
  /** A delivery without an answer within this time has failed. */
  deliveryTimeoutMs: ${limits.deliveryTimeoutSeconds * 1000},
  /** How many times a failed delivery is tried again before the subscription is deactivated. */
  retries: ${limits.retries},
  /** The pause before each retry is drawn at random between these bounds. */
  retryDelayMs: Object.freeze({ min: ${limits.retryDelaySeconds.min * 1000}, max: ${limits.retryDelaySeconds.max * 1000} }),
} as const);
`);
  }
  return parts.join('');
}
