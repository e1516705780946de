import { describe, expect, it } from 'vitest';
import { api, TODAY, useMockServer } from './helpers.js';

describe('requests are validated against the spec', () => {
  const { mock } = useMockServer();
  const valid = () => ({
    issueId: mock.db.issues.all()[0]!.id,
    authorAccountId: mock.db.users.all()[0]!.accountId,
    startDate: TODAY,
    timeSpentSeconds: 3600,
  });
  const message = (res: { body: { errors: { message: string } } }) => res.body.errors.message;

  it.each([
    ['/worklogs?from=2026-3-1', "'from' must be a date in the format YYYY-MM-DD"],
    ['/worklogs?from=2026-02-30', "'from' must be a date in the format YYYY-MM-DD"],
    ['/worklogs?limit=ten', "'limit' must be an integer"],
    ['/worklogs?offset=1.5', "'offset' must be an integer"],
    ['/worklogs?orderBy=NEWEST', "'orderBy' must be one of: ID, START_DATE_TIME, UPDATED"],
    ['/worklogs?projectId=1&projectId=x', "'projectId[1]' must be an integer"],
    [
      '/worklogs?updatedFrom=yesterday',
      "'updatedFrom' must be a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:mm:ssZ)",
    ],
    ['/periods?from=2026-03-01', "Parameter 'to' is required"],
    ['/account-links/project/abc', "'id' must be an integer"],
    ['/global-rates/by-role', "Parameter 'rateCategory' is required"],
  ])('GET %s → 400 %s', async (path, expected) => {
    const res = await api(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(message(res)).toBe(expected);
  });

  it.each([
    ['a missing required field', { startDate: undefined }, "'startDate' is required"],
    ['a wrong type', { timeSpentSeconds: '1h' }, "'timeSpentSeconds' must be an integer"],
    ['a number below the minimum', { timeSpentSeconds: 0 }, "'timeSpentSeconds' must be >= 1"],
    ['an impossible date', { startDate: '2026-02-29' }, "'startDate' must be a date in the format YYYY-MM-DD"],
    ['a date in another format', { startDate: '18.03.2026' }, "'startDate' must be a date in the format YYYY-MM-DD"],
    [
      'a time not matching HH:mm:ss',
      { startTime: '9am' },
      "'startTime' must match the pattern ^([0-1]?[0-9]|2[0-3])(:[0-5][0-9])(:[0-5][0-9])$",
    ],
    ['an empty required string', { authorAccountId: '' }, "'authorAccountId' must not be empty"],
    ['a nested missing field', { attributes: [{ value: 'x' }] }, "'attributes[0].key' is required"],
    [
      'duplicate attribute values',
      {
        attributes: [
          { key: '_Activity_', value: 'Meeting' },
          { key: '_Activity_', value: 'Meeting' },
        ],
      },
      "'attributes' must not contain duplicate items",
    ],
  ])('POST /worklogs with %s → 400', async (_name, change, expected) => {
    const body: Record<string, unknown> = { ...valid(), ...change };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    const res = await api('/worklogs', { method: 'POST', json: body });
    expect(res.status).toBe(400);
    expect(message(res)).toBe(expected);
    expect(
      mock.db.worklogs.filter((w) => w.startDate === TODAY && w.timeSpentSeconds === 3600 && w.description === ''),
    ).toHaveLength(0);
  });

  it('checks enums in bodies', async () => {
    const res = await api('/accounts', {
      method: 'POST',
      json: { key: 'X', name: 'X', status: 'PAUSED', leadAccountId: mock.db.users.all()[0]!.accountId },
    });
    expect(res.status).toBe(400);
    expect(message(res)).toBe("'status' must be one of: CLOSED, OPEN, ARCHIVED");
  });

  it('checks references Tempo checks: unknown issue, unknown author, unknown attribute, closed account', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ issueId: 999999 }, /Issue with id 999999 does not exist/],
      [{ authorAccountId: '712020:nobody' }, /712020:nobody/],
      [{ attributes: [{ key: '_Nope_', value: 'x' }] }, /Work attribute '_Nope_' does not exist/],
      [{ attributes: [{ key: '_Account_', value: 'LEGACY' }] }, /Account 'LEGACY' is closed/],
      [
        { attributes: [{ key: '_Activity_', value: 'Sleeping' }] },
        /'Sleeping' is not a value of work attribute '_Activity_'/,
      ],
    ];
    for (const [change, expected] of cases) {
      const res = await api('/worklogs', { method: 'POST', json: { ...valid(), ...change } });
      expect(res.status).toBe(400);
      expect(message(res)).toMatch(expected);
    }
  });

  it('requires the body when the spec does, and JSON as its content type', async () => {
    const empty = await api('/worklogs', { method: 'POST' });
    expect(empty.status).toBe(400);
    expect(message(empty)).toBe('The request body is required');
    const text = await api('/worklogs', {
      method: 'POST',
      body: 'issueId=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
    expect(message(text)).toMatch(/application\/json/);
    const broken = await api('/worklogs', {
      method: 'POST',
      body: '{"issueId":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(message(broken)).toBe('The request body is not valid JSON');
    const array = await api('/worklogs', { method: 'POST', json: [valid()] });
    expect(array.status).toBe(400);
    expect(message(array)).toBe('The request body must be an object');
  });

  it('accepts repeated array keys and comma lists alike', async () => {
    const [a, b] = mock.db.projects.all();
    const repeated = await api(`/worklogs?projectId=${a!.id}&projectId=${b!.id}&limit=5000`);
    const comma = await api(`/worklogs?projectId=${a!.id},${b!.id}&limit=5000`);
    expect(repeated.status).toBe(200);
    expect(repeated.body.results.length).toBeGreaterThan(0);
    expect(comma.body.results).toEqual(repeated.body.results);
  });

  it('answers a key where the spec wants an integer id with 400', async () => {
    expect((await api('/accounts/NOPE')).status).toBe(400);
  });

  it("answers unknown ids with 404 and Tempo's error body", async () => {
    for (const path of [
      '/worklogs/123456789',
      '/worklogs/not-a-number',
      '/accounts/999',
      '/customers/999',
      '/teams/999',
      '/plans/999',
      '/work-attributes/_Nope_',
    ]) {
      const res = await api(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toEqual({ errors: { message: expect.any(String) } });
    }
  });
});
