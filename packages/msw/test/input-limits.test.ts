import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTempoMock, TempoMockUsageError } from '../src/index.js';
import { main } from '../src/server/cli.js';
import { startTempoMockServer, type TempoMockServer } from '../src/server/index.js';

describe('the admin API refuses malformed seed records and timer values with a 400', () => {
  let server: TempoMockServer;
  beforeAll(async () => {
    server = await startTempoMockServer({ today: '2026-03-18' });
  });
  afterEach(() => server.mock.reset());
  afterAll(() => server.close());

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.adminUrl}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    return {
      status: response.status,
      message: ((await response.json()) as { errors?: { message: string } }).errors?.message,
    };
  };

  it.each([
    ['users', { accountId: 5 }, /^User: 'accountId' must be a string/],
    ['users', null, /^User: a record must be a JSON object, got null/],
    ['users', [null], /^User: a record must be a JSON object/],
    ['worklogs', { timeSpentSeconds: -5 }, /^Worklog: '\w+' is required/],
    [
      'worklogs',
      { issueId: 1, authorAccountId: 'x', startDate: '2026-13-45', timeSpentSeconds: 60 },
      /^Worklog: 'startDate' must be/,
    ],
    ['projects', { key: 7, name: 'x' }, /^Project: 'key' must be a string/],
    ['issues', { key: 'A-1', summary: 's' }, /^Issue: 'projectId' is required/],
    ['accounts', 'ACME', /^Account: a record must be a JSON object, got string/],
    ['teams', {}, /^Team: 'name' is required/],
    [
      'holidays',
      { name: 'x', date: '2026-02-30', durationSeconds: 60, type: 'FIXED', schemeId: 1 },
      /^Holiday: 'date' must be/,
    ],
    ['workloadSchemeMembers', { accountId: 'x' }, /^Workload scheme membership: 'schemeId' is required/],
    ['timesheetApprovals', { key: 1 }, /^Timesheet approval: /],
  ])('POST /db/%s %j', async (collection, body, message) => {
    const before = server.mock.db.users.all().length;
    const answer = await post(`/db/${collection}`, body);
    expect(answer.status).toBe(400);
    expect(answer.message).toMatch(message);
    expect(answer.message).not.toMatch(/Cannot read|undefined/);
    expect(server.mock.db.users.all().length).toBe(before);
  });

  it.each([
    [{ delayMs: 1e12 }, /delayMs must be a number from 0 to 2147483647/],
    [{ status: 429, retryAfterMs: 2 ** 31 }, /retryAfterMs must be a number from 0 to 2147483647/],
    [{ status: 503, retryAfterDate: 'not a date' }, /retryAfterDate must be a valid Date or an HTTP date/],
  ])('POST /faults %j', async (rule, message) => {
    const answer = await post('/faults', rule);
    expect(answer.status).toBe(400);
    expect(answer.message).toMatch(message);
    expect(server.mock.faults.list()).toEqual([]);
  });

  it('still takes the longest delay setTimeout honours', async () => {
    expect((await post('/faults', { delayMs: 2 ** 31 - 1, times: 1 })).status).toBe(201);
  });
});

describe('the in-process API refuses the same with typed errors', () => {
  const mock = createTempoMock({ today: '2026-03-18' });

  it('db.x.create refuses malformed records before storing them', () => {
    const count = mock.db.worklogs.all().length;
    expect(() => mock.db.worklogs.create({ timeSpentSeconds: -5 } as never)).toThrow(/^Worklog: '\w+' is required/);
    expect(() => mock.db.users.create(null as never)).toThrow(/^User: a record must be a JSON object/);
    expect(mock.db.worklogs.all().length).toBe(count);
  });

  it('faults.add refuses delays setTimeout cannot wait', () => {
    for (const rule of [
      { delayMs: 1e12 },
      { delayMs: Number.POSITIVE_INFINITY },
      { status: 429, retryAfterMs: 2 ** 31 },
    ])
      expect(() => mock.faults.add(rule)).toThrow(TempoMockUsageError);
  });

  it('today refuses an impossible month or day with the usage error, not a RangeError', () => {
    for (const today of ['2026-13-45', '2026-02-30'])
      expect(() => createTempoMock({ today })).toThrow(
        new TempoMockUsageError(`today must be a date in the format YYYY-MM-DD, got '${today}'`),
      );
  });
});

describe('tempo-mock --today', () => {
  it.each(['2026-13-45', '2026-02-30', 'tomorrow'])('refuses %s with one clear line and exit code 2', async (today) => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await main(['--port', '0', '--today', today]);
      expect(
        stderr.mock.calls
          .map(([text]) => String(text))
          .join('')
          .split('\n')[0],
      ).toBe(`tempo-mock: --today must be a real date in the format YYYY-MM-DD, got '${today}'`);
      expect(process.exitCode).toBe(2);
    } finally {
      stderr.mockRestore();
      process.exitCode = undefined;
    }
  });
});
