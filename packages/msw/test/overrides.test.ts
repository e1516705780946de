import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { api, useMockServer } from './helpers.js';

describe('typed overrides', () => {
  const { mock, server } = useMockServer();

  it('replaces one operation for one test on every base URL', async () => {
    const id = mock.db.worklogs.all()[0]!.tempoWorklogId;
    // Statuses the spec declares are typed (`response(404).json(...)` checks the body against ErrorResponse).
    server.use(
      mock.http.get('/worklogs/{id}', ({ response }) =>
        response(404).json({ errors: { message: 'Gone for this test' } }),
      ),
    );
    expect((await api(`/worklogs/${id}`)).body).toEqual({ errors: { message: 'Gone for this test' } });
    expect((await api(`/worklogs/${id}`, { base: 'https://api.eu.tempo.io/4' })).status).toBe(404);
    expect((await api('/worklogs?limit=1')).status).toBe(200); // other operations untouched
  });

  it('answers statuses the spec does not declare with response.untyped', async () => {
    const id = mock.db.worklogs.all()[0]!.tempoWorklogId;
    server.use(
      mock.http.get('/worklogs/{id}', ({ response }) => response.untyped(new HttpResponse(null, { status: 500 }))),
    );
    expect((await api(`/worklogs/${id}`)).status).toBe(500);
  });

  it('answers with typed bodies, and is gone after resetHandlers', async () => {
    server.use(
      mock.http.get('/accounts/{id}', ({ params, response }) =>
        response(200).json({
          id: Number(params.id),
          key: 'OVERRIDDEN',
          name: 'From an override',
          status: 'OPEN',
          global: false,
          lead: { accountId: 'x' },
          links: { self: 'https://api.tempo.io/4/accounts/OVERRIDDEN/links' },
          self: 'https://api.tempo.io/4/accounts/OVERRIDDEN',
        }),
      ),
    );
    expect((await api('/accounts/1')).body.key).toBe('OVERRIDDEN');
    server.resetHandlers();
    expect((await api('/accounts/1')).body.key).toBe('ACME-SUPPORT');
  });

  it('has a one-line reply helper for any status, with Tempo-shaped error bodies', async () => {
    const id = mock.db.worklogs.all()[0]!.tempoWorklogId;
    server.use(
      mock.reply('get', '/worklogs/{id}', 500),
      mock.reply('post', '/worklogs/search', 503, 'Down for maintenance', { 'retry-after': '30' }),
    );
    expect((await api(`/worklogs/${id}`)).status).toBe(500);
    const search = await api('/worklogs/search', { method: 'POST', json: {} });
    expect(search.status).toBe(503);
    expect(search.headers.get('retry-after')).toBe('30');
    expect(search.body).toEqual({ errors: { message: 'Down for maintenance' } });
    expect((await api('/worklogs?limit=1')).status).toBe(200);
    // Paths are checked against the spec per method (typecheck fails if these stop being errors).
    // @ts-expect-error POST-only path used with GET
    mock.reply('get', '/worklogs/search', 500);
    // @ts-expect-error not a path of the spec
    mock.reply('get', '/worklog/{id}', 500);
  });

  it('accepts plain msw handlers too, e.g. to simulate a Tempo outage page', async () => {
    server.use(
      mock.http.untyped.all(
        '*/4/*',
        () => new HttpResponse('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
      ),
    );
    const res = await api('/teams');
    expect(res.status).toBe(502);
    expect(res.text).toContain('Bad gateway');
  });
});
