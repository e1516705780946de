/**
 * `@tempo-sdk/client/transport` serves another service: a Jira-shaped service plugs in its own error classes,
 * error-body parser, name and HTTP Basic auth, against an msw server.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  callService,
  createServiceClient,
  createTransport,
  type ApiErrorDetails,
  type ServiceDefinition,
  type TransportOptions,
} from '../src/transport/index.js';
import { createVirtualClock } from './support/virtual-clock.js';

class ShopError extends Error {
  static {
    this.prototype.name = 'ShopError';
  }
}
class ShopApiError extends ShopError {
  constructor(readonly details: ApiErrorDetails) {
    super(details.message);
  }
  static {
    this.prototype.name = 'ShopApiError';
  }
}
class ShopUsageError extends ShopError {
  static {
    this.prototype.name = 'ShopUsageError';
  }
}
class ShopConnectionError extends ShopError {
  static {
    this.prototype.name = 'ShopConnectionError';
  }
}

/** Jira's error body: `{"errorMessages":[…],"errors":{field: message}}`. */
const shop: ServiceDefinition = {
  name: 'Shop',
  errorMessages: (body) => {
    const { errorMessages = [], errors = {} } = (body ?? {}) as {
      errorMessages?: string[];
      errors?: Record<string, string>;
    };
    return [...errorMessages, ...Object.entries(errors).map(([field, message]) => `${field}: ${message}`)];
  },
  errors: {
    api: (details) => new ShopApiError(details),
    connection: (message) => new ShopConnectionError(message),
    timeout: (message) => new ShopError(message),
    abort: (message) => new ShopError(message),
    tooLarge: (message) => new ShopError(message),
    invalidResponse: (message) => new ShopError(message),
    usage: (message) => new ShopUsageError(message),
    isOwn: (error) => error instanceof ShopError,
  },
};

const BASE = 'https://shop.example.test/rest/api/3';
const PASSWORD = 'shop-api-token-0123456789abcdef';
interface ShopPaths {
  '/issue/{issueIdOrKey}': {
    get: {
      parameters: { path: { issueIdOrKey: string } };
      responses: { 200: { content: { 'application/json': { key: string } } } };
    };
  };
}

const seen: { authorization: string | null; url: string }[] = [];
let answers: (() => Response)[] = [];
const server = setupServer(
  http.get(`${BASE}/issue/:key`, ({ request }) => {
    seen.push({ authorization: request.headers.get('authorization'), url: request.url });
    const next = answers.shift();
    return next ? next() : HttpResponse.json({ key: 'SHOP-1' });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  seen.length = 0;
  answers = [];
});
afterAll(() => server.close());

function shopClient(options: Partial<TransportOptions> = {}) {
  const transport = createTransport({
    service: shop,
    baseUrl: BASE,
    auth: { basic: { username: 'me@example.test', password: PASSWORD } },
    clock: createVirtualClock(),
    ...options,
  });
  return createServiceClient<ShopPaths>(transport);
}

describe('@tempo-sdk/client/transport for another service', () => {
  it('sends HTTP Basic credentials and returns the parsed body', async () => {
    const client = shopClient();
    const result = await callService(
      client,
      'get',
      '/issue/{issueIdOrKey}',
      { params: { path: { issueIdOrKey: 'SHOP-1' } } },
      { operationId: 'getIssue', idempotent: true },
    );
    expect(result.data).toEqual({ key: 'SHOP-1' });
    expect(seen[0]?.authorization).toBe(`Basic ${btoa(`me@example.test:${PASSWORD}`)}`);
    const low = await client.GET('/issue/{issueIdOrKey}', { params: { path: { issueIdOrKey: 'SHOP-2' } } });
    expect(low.data).toEqual({ key: 'SHOP-1' });
  });

  it("parses the service's error body into its own error class", async () => {
    answers.push(() =>
      HttpResponse.json({ errorMessages: ['Issue does not exist'], errors: { key: 'unknown' } }, { status: 404 }),
    );
    const error = await callService(
      shopClient(),
      'get',
      '/issue/{issueIdOrKey}',
      { params: { path: { issueIdOrKey: 'NOPE-1' } } },
      { operationId: 'getIssue' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopApiError);
    expect((error as ShopApiError).details).toMatchObject({
      status: 404,
      message: 'Issue does not exist',
      messages: ['Issue does not exist', 'key: unknown'],
      operationId: 'getIssue',
      method: 'GET',
      url: `${BASE}/issue/NOPE-1`,
    });
  });

  it('retries a 429 under its Retry-After, with the injected clock', async () => {
    answers.push(() =>
      HttpResponse.json({ errorMessages: ['slow down'] }, { status: 429, headers: { 'retry-after': '3' } }),
    );
    const clock = createVirtualClock();
    const client = shopClient({ clock });
    await callService(client, 'get', '/issue/{issueIdOrKey}', { params: { path: { issueIdOrKey: 'SHOP-1' } } }, {});
    expect(seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([3000]);
  });

  it("refuses a dot-segment path value with the service's usage error, before sending", async () => {
    const error = await callService(
      shopClient(),
      'get',
      '/issue/{issueIdOrKey}',
      { params: { path: { issueIdOrKey: '..' } } },
      {},
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopUsageError);
    expect(seen).toHaveLength(0);
  });

  it('names the service in connection errors and keeps the Basic credentials out of every view', async () => {
    const failing = (async () => {
      throw new TypeError(`fetch failed for Basic ${btoa(`me@example.test:${PASSWORD}`)} and ${PASSWORD}`);
    }) as typeof fetch;
    const error = await callService(
      shopClient({ fetch: failing, retry: false }),
      'get',
      '/issue/{issueIdOrKey}',
      { params: { path: { issueIdOrKey: 'SHOP-1' } } },
      {},
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopConnectionError);
    expect((error as Error).message).toMatch(/^Could not reach Shop for GET /);
    for (const view of [
      (error as Error).message,
      (error as Error).stack ?? '',
      inspect(error),
      JSON.stringify(error),
    ]) {
      expect(view).not.toContain(PASSWORD.slice(0, 12));
      expect(view).not.toContain(btoa(`me@example.test:${PASSWORD}`).slice(0, 12));
    }
  });

  it('refuses a password that cannot be sent in a header at once', () => {
    expect(() => shopClient({ auth: { basic: { username: 'me', password: 'pässwörd✓' } } })).toThrow(ShopUsageError);
  });
});
