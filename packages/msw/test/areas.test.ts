import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineArea, type AreaEnvironment, type AreaServing } from '../src/area.js';
import type { ServedRequest } from '../src/engine.js';
import { MOCK_API_TOKEN } from '../src/index.js';
import { createMockRuntime } from '../src/runtime.js';

/** A small area as the jira/webhooks helpers write theirs: a store slice, reset/seed, routes, a hook. */
function noteArea() {
  const calls: { resets: number; serving: AreaServing[] } = { resets: 0, serving: [] };
  const area = defineArea({
    name: 'notes',
    createStore: (env: AreaEnvironment) => ({ env, notes: [] as string[], served: [] as ServedRequest[] }),
    reset: (store, env) => {
      calls.resets++;
      store.notes =
        env.data === 'empty' ? [] : [`seeded for ${env.db.users.all()[0]?.displayName ?? 'nobody'} on ${env.today}`];
      store.served = [];
    },
    handlers: (store, serving) => {
      calls.serving.push(serving);
      return [http.get('https://notes.example/notes', () => HttpResponse.json(store.notes))];
    },
    resolvers: (store) => ({
      getAllRoles: () => ({ metadata: { count: store.notes.length }, results: [], self: 'x' }),
    }),
    served: (store, served) => {
      store.served.push(served);
    },
  });
  return { area, calls };
}

describe('areas (the extension point)', () => {
  const { area, calls } = noteArea();
  const runtime = createMockRuntime({ today: '2026-03-18' }, [area]);
  const mock = runtime.mock as typeof runtime.mock & { notes: ReturnType<typeof area.createStore> };
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('gives the area its store slice under its name, seeded after the Tempo data', () => {
    expect(calls.resets).toBe(1);
    expect(mock.notes.notes).toEqual([`seeded for ${mock.db.users.all()[0]!.displayName} on 2026-03-18`]);
    expect(mock.notes.env.db).toBe(mock.db);
    expect(mock.notes.env.seed).toBe(1);
  });

  it('serves its routes among mock.handlers and lets it take over operations', async () => {
    mock.notes.notes.push('added');
    expect(await (await fetch('https://notes.example/notes')).json()).toEqual([
      expect.stringMatching(/^seeded/),
      'added',
    ]);
    const roles = await fetch('https://api.tempo.io/4/roles', {
      headers: { authorization: `Bearer ${MOCK_API_TOKEN}` },
    });
    expect(((await roles.json()) as { metadata: { count: number } }).metadata.count).toBe(2);
  });

  it('tells the area of every answered request, with the resolver result', async () => {
    const res = await fetch('https://api.tempo.io/4/worklogs?limit=1', {
      headers: { authorization: `Bearer ${MOCK_API_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const served = mock.notes.served.at(-1)!;
    expect(served).toMatchObject({
      method: 'GET',
      path: '/4/worklogs?limit=1',
      status: 200,
      operationId: 'getWorklogs',
      user: mock.db.users.all()[0]!.accountId,
    });
    expect(served.input?.query).toMatchObject({ limit: 1 });
    await fetch('https://api.tempo.io/4/worklogs');
    expect(mock.notes.served.at(-1)).toMatchObject({ status: 401, operationId: 'getWorklogs' });
    expect(mock.notes.served.at(-1)!.input).toBeUndefined();
  });

  it('resets with the mock', () => {
    mock.notes.notes.push('scratch');
    mock.reset();
    expect(calls.resets).toBe(2);
    expect(mock.notes.notes).toHaveLength(1);
    expect(mock.notes.served).toEqual([]);
  });

  it('builds handlers for the standalone server with its origin', () => {
    runtime.handlersFor({
      baseUrls: ['http://127.0.0.1:1/4'],
      oauthOrigins: ['http://127.0.0.1:1'],
      serverOrigin: 'http://127.0.0.1:1',
    });
    expect(calls.serving.at(-1)?.serverOrigin).toBe('http://127.0.0.1:1');
  });

  it('seeds nothing for data: empty', () => {
    const empty = createMockRuntime({ today: '2026-03-18', data: 'empty' }, [noteArea().area]).mock as typeof mock;
    expect(empty.notes.notes).toEqual([]);
  });
});

describe('request log', () => {
  it('keeps the newest requestLogLimit answers, without headers, and empties on reset', async () => {
    const runtime = createMockRuntime({ today: '2026-03-18', requestLogLimit: 3 }, []);
    const base = runtime.mock.baseUrls[0]!;
    for (const path of ['/roles', '/teams', '/skills', '/customers', '/nothing-here']) {
      await runtime.serveApi(
        new Request(`${base}${path}`, { headers: { authorization: `Bearer ${MOCK_API_TOKEN}` } }),
        base,
      );
    }
    const log = runtime.mock.requests.all();
    expect(log.map((e) => [e.path, e.status])).toEqual([
      ['/4/skills', 200],
      ['/4/customers', 200],
      ['/4/nothing-here', 404],
    ]);
    expect(JSON.stringify(log)).not.toContain(MOCK_API_TOKEN);
    runtime.mock.reset();
    expect(runtime.mock.requests.all()).toEqual([]);
  });
});
