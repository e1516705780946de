// CONTRIBUTING.md "Errors": every error the package throws extends TempoMockError; a caller's mistake is a
// TempoMockUsageError; `name` lives on the prototype; toJSON gives name and message.
import { inspect } from 'node:util';
import type { OperationId } from '@tempo-sdk/types';
import { describe, expect, it } from 'vitest';
import {
  checkResponseBody,
  createTempoMock,
  exampleRequest,
  TempoMockError,
  TempoMockHttpError,
  TempoMockUsageError,
} from '../src/index.js';

const mock = createTempoMock({ today: '2026-03-18' });

/** What a call threw (fails the test when it did not throw). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('errors the package throws', () => {
  const usage: [string, () => unknown][] = [
    ['createTempoMock today', () => createTempoMock({ today: '2026-3-1' })],
    ['createTempoMock baseUrl', () => createTempoMock({ baseUrl: 'nope' })],
    ['createTempoMock clock', () => createTempoMock({ clock: {} as never })],
    ['createTempoMock maxRecordsPerCollection', () => createTempoMock({ maxRecordsPerCollection: 0 })],
    ['faults.add', () => mock.faults.add({})],
    ['checkResponseBody unknown operation', () => checkResponseBody('nope' as OperationId, 200, {})],
    ['checkResponseBody undeclared status', () => checkResponseBody('getWorklogById', 418, {})],
    ['exampleRequest unknown operation', () => exampleRequest(mock, 'nope' as OperationId)],
    ['jira.moveIssue unknown issue', () => mock.jira.moveIssue('NOPE-1', 'SUP')],
    ['jira.hideIssue unknown issue', () => mock.jira.hideIssue('NOPE-1')],
  ];
  it.each(usage)('%s: a TempoMockUsageError (a TempoMockError) naming the problem', (_name, run) => {
    const error = thrown(run);
    expect(error).toBeInstanceOf(TempoMockUsageError);
    expect(error).toBeInstanceOf(TempoMockError);
    expect((error as Error).name).toBe('TempoMockUsageError');
    expect(Object.hasOwn(error as object, 'name')).toBe(false);
    expect((error as TempoMockError).toJSON()).toMatchObject({
      name: 'TempoMockUsageError',
      message: (error as Error).message,
    });
  });

  it('refused records and OAuth refusals extend TempoMockError too', () => {
    const refused = thrown(() =>
      mock.db.worklogs.create({ issueId: -1, authorAccountId: 'x', startDate: '2026-03-18', timeSpentSeconds: 1 }),
    );
    expect(refused).toBeInstanceOf(TempoMockHttpError);
    expect(refused).toBeInstanceOf(TempoMockError);
    expect((refused as TempoMockHttpError).toJSON()).toMatchObject({ name: 'TempoMockHttpError', status: 400 });
    const oauth = thrown(() => mock.oauth.authorize(new URLSearchParams({ client_id: 'unknown' })));
    expect(oauth).toBeInstanceOf(TempoMockError);
    expect((oauth as Error).name).toBe('OAuthError');
    expect(inspect(oauth)).toContain('OAuthError');
  });
});
