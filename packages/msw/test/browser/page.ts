/**
 * Runs in Chromium (bundled by test/browser.test.ts): the README's browser setup, `setupWorker` with the mock's
 * handlers, then a few requests a browser app would make. The page has no network: only the service worker answers.
 */
import { setupWorker } from 'msw/browser';
import { createTempoMock, MOCK_API_TOKEN } from '../../src/index.js';

const mock = createTempoMock({ today: '2026-03-18' });
const worker = setupWorker(...mock.handlers);

async function call(url: string, init: RequestInit = {}, token: string | null = MOCK_API_TOKEN) {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: text ? (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) : null,
  };
}

async function scenario() {
  await worker.start({ quiet: true, onUnhandledRequest: 'error' });
  const page = await call('https://api.tempo.io/4/worklogs?limit=2');
  const user = mock.db.users.all()[0]!;
  const issue = mock.db.issues.all()[0]!;
  const created = await call('https://api.eu.tempo.io/4/worklogs', {
    method: 'POST',
    body: JSON.stringify({
      issueId: issue.id,
      authorAccountId: user.accountId,
      startDate: '2026-03-18',
      timeSpentSeconds: 1800,
      description: 'From the browser',
    }),
  });
  const read = await call(`https://api.us.tempo.io/4/worklogs/${created.body.tempoWorklogId}`);
  const invalid = await call('https://api.tempo.io/4/worklogs?from=18/03/2026');
  const anonymous = await call('https://api.tempo.io/4/worklogs', {}, null);
  mock.faults.add({ path: '/worklogs', status: 503, times: 1 });
  const faulted = await call('https://api.tempo.io/4/worklogs');
  const afterFault = await call('https://api.tempo.io/4/worklogs?limit=1');
  worker.stop();
  return {
    controlled: navigator.serviceWorker.controller !== null,
    page: { status: page.status, results: page.body.results.length, next: page.body.metadata.next },
    created: { status: created.status, description: created.body.description },
    read: {
      status: read.status,
      description: read.body.description,
      inDb: mock.db.worklogs.get(created.body.tempoWorklogId) !== undefined,
    },
    invalid: { status: invalid.status, message: invalid.body.errors.message },
    anonymous: { status: anonymous.status, contentType: anonymous.contentType },
    faulted: faulted.status,
    afterFault: afterFault.status,
  };
}

(globalThis as { runScenario?: typeof scenario }).runScenario = scenario;
