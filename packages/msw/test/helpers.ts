import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { MOCK_AREAS } from '../src/areas.js';
import { MOCK_API_TOKEN, type TempoMockOptions } from '../src/index.js';
import { createMockRuntime, type RuntimeWatchers } from '../src/runtime.js';

export const TODAY = '2026-03-18';
export const BASE = 'https://api.tempo.io/4';

/**
 * A mock behind msw's setupServer for the current test file, reset after each test; `watch` observes the mock's own
 * code (the drift test).
 */
export function useMockServer(options: TempoMockOptions = {}, watch: RuntimeWatchers = {}) {
  const { mock } = createMockRuntime({ today: TODAY, onInternalError: () => undefined, ...options }, MOCK_AREAS, watch);
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    mock.reset();
  });
  afterAll(() => server.close());
  return { mock, server };
}

/** fetch against the mock with the static token and JSON body handling. */
export async function api(
  path: string,
  init: RequestInit & { json?: unknown; token?: string | null; base?: string } = {},
) {
  const { json, token = MOCK_API_TOKEN, base = BASE, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(`${base}${path}`, {
    ...rest,
    headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body, text };
}
