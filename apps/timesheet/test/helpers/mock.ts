/**
 * The msw-intercepted Tempo for command tests: `createTempoMock` handlers on msw's `setupServer`, so the app's
 * real client calls `https://api.tempo.io/4/…` and the mock answers. Requests to 127.0.0.1 (the OAuth loopback
 * server) pass through untouched.
 */
import { createTempoMock, MOCK_API_TOKEN, type TempoMock } from '@tempo-sdk/msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The mock's fixed "today" in these tests (a Wednesday; ISO week 2026-W12, Mon 16 to Sun 22 March). */
export const TODAY = '2026-03-18';
/** The app's clock for that day (local time). */
export const NOW = new Date(2026, 2, 18, 10, 0);

/** Installs the mock for the current test file; `reset()` after each test restores the seeded data. */
export function useTempoMock(): {
  mock: TempoMock;
  server: SetupServer;
  /** URLs of the API requests made during the current test. */
  requests: string[];
  me: () => string;
  env: () => Record<string, string>;
  /** `env()` plus the mock Jira's credentials (JIRA_SITE, JIRA_EMAIL, JIRA_API_TOKEN): keys and names on. */
  jiraEnv: () => Record<string, string>;
} {
  const mock = createTempoMock({ today: TODAY, seed: 1 });
  const server = setupServer(...mock.handlers);
  const requests: string[] = [];
  server.events.on('request:start', ({ request }) => {
    if (new URL(request.url).hostname !== '127.0.0.1') requests.push(request.url);
  });
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: ({ url }, print) => (new URL(url).hostname === '127.0.0.1' ? undefined : print.error()),
    }),
  );
  afterEach(() => {
    server.resetHandlers();
    mock.reset();
    requests.length = 0;
  });
  afterAll(() => server.close());
  const me = (): string => mock.db.users.all()[0]!.accountId;
  const env = () => ({ TEMPO_API_TOKEN: MOCK_API_TOKEN, TEMPO_ACCOUNT_ID: me() });
  const jiraEnv = () => ({
    ...env(),
    JIRA_SITE: mock.jira.siteUrl,
    JIRA_EMAIL: mock.jira.credentials.email,
    JIRA_API_TOKEN: mock.jira.credentials.apiToken,
  });
  return { mock, server, requests, me, env, jiraEnv };
}
