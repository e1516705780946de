import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTempoMock } from '@tempo-sdk/msw';
import { createJiraClient, type JiraClientOptions } from '../../src/index.js';

/** The Tempo mock (with its Jira) behind msw's setupServer for this test file, reset after each test. */
export function useJiraMock() {
  const mock = createTempoMock({ today: '2026-03-18', onInternalError: () => undefined });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    mock.reset();
  });
  afterAll(() => server.close());
  /** A client of the mock's Jira site, as its current user, with fast retries. */
  const client = (options: Partial<JiraClientOptions> = {}) =>
    createJiraClient({
      site: mock.jira.siteUrl,
      email: mock.jira.credentials.email,
      apiToken: mock.jira.credentials.apiToken,
      retry: { delays: [5], minRateLimitDelay: 5, maxRetries: 3 },
      ...options,
    });
  return { mock, server, client };
}
