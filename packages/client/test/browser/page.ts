/**
 * Runs in Chromium (bundled by test/browser.test.ts): the client as a browser app uses it, against @tempo-sdk/msw
 * behind msw's service worker. The page has no network: only the service worker answers.
 */
import { createTempoMock, MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { setupWorker } from 'msw/browser';
import { createTempoClient, TempoNotFoundError, TempoUnauthorizedError } from '../../src/index.js';

const mock = createTempoMock({ today: '2026-03-18' });
const worker = setupWorker(...mock.handlers);

async function scenario() {
  await worker.start({ quiet: true, onUnhandledRequest: 'error' });
  const tempo = createTempoClient({
    token: async () => MOCK_API_TOKEN,
    region: 'eu',
    retry: { delays: [10], jitter: 0 },
  });

  const all = mock.db.worklogs.size;
  const pages = tempo.paginate('getWorklogs', {}, { pageSize: Math.ceil(all / 3) });
  const ids = new Set<number>();
  for await (const worklog of pages) ids.add(worklog.tempoWorklogId);

  const created = await tempo.worklogs.createWorklog({
    body: {
      issueId: mock.db.issues.all()[0]!.id,
      authorAccountId: mock.db.users.all()[0]!.accountId,
      startDate: '2026-03-18',
      startTime: '09:30:00',
      timeSpentSeconds: 1800,
    },
  });
  const read = await tempo.worklogs.getWorklogById({ path: { id: String(created.tempoWorklogId) } });
  await tempo.worklogs.deleteWorklog({ path: { id: String(created.tempoWorklogId) } });
  const afterDelete = await tempo.worklogs
    .getWorklogById({ path: { id: String(created.tempoWorklogId) } })
    .catch((e: unknown) => e);

  const fault = mock.faults.add({ operationId: 'getAccounts', status: 503, times: 1 });
  const accounts = await tempo.accounts.getAccounts();

  const anonymous = createTempoClient({ token: 'not-a-valid-token', region: 'eu', retry: false });
  const unauthorized = await anonymous.worklogs.getWorklogs().catch((e: unknown) => e);
  worker.stop();
  return {
    paginated: { items: ids.size, expected: all, pages: pages.pagesFetched },
    roundTrip: {
      startTime: read.startTime,
      deleted: afterDelete instanceof TempoNotFoundError,
      status: (afterDelete as TempoNotFoundError).status,
    },
    retriedAfter503: { results: accounts.results.length > 0, faultHits: fault.hits },
    unauthorized: {
      isTyped: unauthorized instanceof TempoUnauthorizedError,
      leaksToken: JSON.stringify(unauthorized).includes('not-a-valid-token'),
    },
  };
}

(globalThis as { runScenario?: typeof scenario }).runScenario = scenario;
