import { describe, expect, it } from 'vitest';
import { readFacts, renderFacts } from '../src/facts.mjs';

const server = (url, region) => ({ url, ...(region ? { 'x-tempo-region': region } : {}) });
const limit = (maximum) => ({
  name: 'limit',
  in: 'query',
  schema: { type: 'integer', ...(maximum ? { maximum } : {}) },
});
const oauth2 = (flow) => ({ oauth2: { type: 'oauth2', flows: { authorizationCode: { scopes: {}, ...flow } } } });

describe('readFacts', () => {
  it('names each server by its x-tempo-region and drops a trailing slash', () => {
    const doc = {
      servers: [server('https://a.example/4/', 'global'), server('https://eu.a.example/4', 'eu')],
      paths: {},
    };
    expect(readFacts(doc).baseUrls).toEqual({ global: 'https://a.example/4', eu: 'https://eu.a.example/4' });
  });

  it('takes the first server as global when no server names a region, with the version prefix of the paths', () => {
    const doc = { servers: [server('https://a.example'), server('https://b.example')], paths: {} };
    expect(readFacts(doc, { pathPrefix: '/4' }).baseUrls).toEqual({ global: 'https://a.example/4' });
  });

  it('refuses two servers for one region, a region that is not an identifier, and a URL that does not parse', () => {
    expect(() =>
      readFacts({ servers: [server('https://a.example', 'eu'), server('https://b.example', 'eu')] }),
    ).toThrow(/named by two servers/);
    expect(() => readFacts({ servers: [server('https://a.example', 'EU West')] })).toThrow(
      /not a lower-case identifier/,
    );
    expect(() => readFacts({ servers: [server('/relative', 'eu')] })).toThrow(/not an absolute URL/);
  });

  it('reads the authorization-code flow, its revocation extension, and a $ref to the scheme', () => {
    const flow = {
      authorizationUrl: 'https://a.example/authorize',
      tokenUrl: 'https://a.example/token',
      'x-tempo-revocation-url': 'https://a.example/revoke',
    };
    const doc = { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, ...oauth2(flow) } } };
    expect(readFacts(doc).oauthUrls).toEqual({
      authorization: 'https://a.example/authorize',
      token: 'https://a.example/token',
      revocation: 'https://a.example/revoke',
    });
    const viaRef = { components: { securitySchemes: { o: { $ref: '#/components/x/oauth2' } }, x: oauth2(flow) } };
    expect(readFacts(viaRef).oauthUrls?.token).toBe('https://a.example/token');
    expect(
      readFacts({
        components: {
          securitySchemes: oauth2({ authorizationUrl: 'https://a.example/a', tokenUrl: 'https://a.example/t' }),
        },
      }).oauthUrls,
    ).toEqual({
      authorization: 'https://a.example/a',
      token: 'https://a.example/t',
    });
    expect(() =>
      readFacts({
        components: { securitySchemes: oauth2({ authorizationUrl: 'nope', tokenUrl: 'https://a.example/t' }) },
      }),
    ).toThrow(/authorization URL "nope"/);
    expect(readFacts({}).oauthUrls).toBeUndefined();
  });

  it('takes the largest maximum of a limit query parameter, at path or operation level, through $refs', () => {
    const doc = {
      paths: {
        '/a': { get: { parameters: [limit(1000), { name: 'offset', in: 'query', schema: { maximum: 99999 } }] } },
        '/b': { parameters: [{ $ref: '#/components/parameters/Limit' }], post: {} },
        '/c': { get: { parameters: [{ name: 'limit', in: 'header', schema: { maximum: 7000 } }, limit()] } },
      },
      components: { parameters: { Limit: limit(5000) } },
    };
    expect(readFacts(doc).pageLimitMax).toBe(5000);
    expect(readFacts({ paths: { '/a': { get: { parameters: [limit()] } } } }).pageLimitMax).toBeUndefined();
  });
});

describe('readFacts: webhooks', () => {
  const mapping = { 'worklog.created': '#/components/schemas/A', 'team.deleted': '#/components/schemas/B' };
  const limits = {
    maxSubscriptions: 25,
    deliveryTimeoutSeconds: 30,
    retries: 10,
    retryDelaySeconds: { min: 300, max: 900 },
  };
  const doc = (extra) => ({
    paths: {},
    components: { schemas: { WebhookEvent: { oneOf: [], discriminator: { propertyName: 'eventType', mapping } } } },
    ...extra,
  });

  it('reads the event types from the discriminator mapping and the rules from x-tempo-webhooks', () => {
    expect(readFacts(doc({ 'x-tempo-webhooks': limits })).webhooks).toEqual({
      eventTypes: ['worklog.created', 'team.deleted'],
      limits,
    });
    expect(readFacts(doc({})).webhooks).toBeUndefined();
    expect(() => readFacts(doc({ 'x-tempo-webhooks': { ...limits, retries: -1 } }))).toThrow(/non-negative integer/);
  });

  it('renders them with durations in milliseconds', () => {
    const text = renderFacts({ baseUrls: {}, webhooks: { eventTypes: ['worklog.created'], limits } }, 'spec.yaml');
    expect(text).toContain(
      "export const TEMPO_WEBHOOK_EVENT_TYPES = Object.freeze([\n  'worklog.created',\n] as const);",
    );
    expect(text).toContain('deliveryTimeoutMs: 30000,');
    expect(text).toContain('retryDelayMs: Object.freeze({ min: 300000, max: 900000 }),');
    expect(renderFacts({ baseUrls: {} }, 'spec.yaml')).not.toContain('TEMPO_WEBHOOK');
  });

  it("our spec's event types are exactly the events a subscription can name", async () => {
    const { readFileSync } = await import('node:fs');
    const bundled = JSON.parse(readFileSync(new URL('../../../packages/types/openapi.json', import.meta.url), 'utf8'));
    const events = bundled.components.schemas.SubscriptionInput.properties.event.enum;
    expect(readFacts(bundled).webhooks.eventTypes.toSorted()).toEqual(events.toSorted());
    expect(events).toHaveLength(24);
  });
});

describe('renderFacts', () => {
  it('renders each fact the document holds, and leaves out the ones it does not', () => {
    const all = renderFacts(
      {
        baseUrls: { global: "https://a.example/it's" },
        oauthUrls: { authorization: 'https://a/1', token: 'https://a/2', revocation: 'https://a/3' },
        pageLimitMax: 50,
      },
      'spec.yaml',
    );
    expect(all).toMatch(/^\/\/ This file is generated by tools\/codegen from spec\.yaml\. Do not edit it by hand/);
    expect(all).toContain("export type TempoRegion = 'global';");
    expect(all).toContain("global: 'https://a.example/it\\'s',");
    expect(all).toContain("revocation: 'https://a/3',");
    expect(all).toContain('export const TEMPO_PAGE_LIMIT_MAX = 50;');
    const some = renderFacts({ baseUrls: {}, oauthUrls: undefined, pageLimitMax: undefined }, 'spec.yaml');
    expect(some).toContain('export type TempoRegion = never;');
    expect(some).not.toContain('TEMPO_OAUTH_URLS');
    expect(some).not.toContain('TEMPO_PAGE_LIMIT_MAX');
  });
});
