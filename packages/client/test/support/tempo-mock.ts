/**
 * @tempo-sdk/msw behind msw's setupServer for one test file, plus a client wired to it with virtual time
 * (so rate-limit waits and retry pauses cost no real seconds).
 */
import { createTempoMock, MOCK_API_TOKEN, type TempoMockOptions } from '@tempo-sdk/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTempoClient, type TempoClientOptions } from '../../src/index.js';
import { createVirtualClock } from './virtual-clock.js';

export const TODAY = '2026-11-27';

/** One request as msw saw it (observed, not answered: answers come from the Tempo mock). */
export interface Observed {
  method: string;
  url: string;
  body: string;
  authorization: string | null;
}

/** Starts the mock for the current file; resets data, faults and overrides after each test. */
export function useTempoMock(options: TempoMockOptions = {}) {
  const mock = createTempoMock({ today: TODAY, onInternalError: () => undefined, ...options });
  const server = setupServer(...mock.handlers);
  const requests: Observed[] = [];
  server.events.on('request:start', ({ request }) => {
    const entry: Observed = {
      method: request.method,
      url: request.url,
      body: '',
      authorization: request.headers.get('authorization'),
    };
    requests.push(entry); // synchronously, so the order and count are exact
    if (request.body)
      void request
        .clone()
        .text()
        .then((text) => (entry.body = text));
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    mock.reset();
    requests.length = 0;
  });
  afterAll(() => server.close());

  /** A client on the mock with the static token and a virtual clock. */
  const client = (overrides: Partial<TempoClientOptions> = {}) => {
    const clock = createVirtualClock();
    const tempo = createTempoClient({ token: MOCK_API_TOKEN, clock, ...overrides });
    return { tempo, clock };
  };
  return { mock, server, requests, client };
}
