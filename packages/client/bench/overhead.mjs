/**
 * (a) Overhead of a typed call vs a bare fetch, and (c) speed vs the `tempo-client` npm package (axios), on the same
 * GET /4/worklogs/{id} against the same local node:http server (in a child process). Prints JSON results.
 * The rate limiter is off here (it would cap every client at 5/s); retries are on (none happen).
 */
import createClient from 'openapi-fetch';
import TempoClientPackage from 'tempo-client';
import { createTempoClient } from '../dist/index.js';
import { compare } from './measure.mjs';
import { spawnBenchServer } from './spawn-server.mjs';

const TempoApi = TempoClientPackage.default ?? TempoClientPackage;
const TOKEN = 'bench-token-0123456789';
const server = await spawnBenchServer();
try {
  const tempo = createTempoClient({ token: TOKEN, baseUrl: server.baseUrl, rateLimit: false });
  // tempo-client 4.2.0 builds `${protocol}://${host}:${port}${intermediatePath ?? '/core/' + apiVersion}${path}`:
  // with intermediatePath '/4' it calls the same v4 paths, so the server needs no v3 routes.
  const legacy = new TempoApi({
    protocol: 'http',
    host: '127.0.0.1',
    port: String(server.port),
    bearerToken: TOKEN,
    apiVersion: '4',
    intermediatePath: '/4',
  });
  const bareOpenapiFetch = createClient({ baseUrl: server.baseUrl, headers: { Authorization: `Bearer ${TOKEN}` } });
  const url = `${server.baseUrl}/worklogs/126`;
  const headers = { authorization: `Bearer ${TOKEN}` };

  // Every variant must read the same worklog.
  const check = [
    await (await fetch(url, { headers })).json(),
    await tempo.worklogs.getWorklogById({ path: { id: '126' } }),
    (await tempo.GET('/worklogs/{id}', { params: { path: { id: '126' } } })).data,
    (await bareOpenapiFetch.GET('/worklogs/{id}', { params: { path: { id: '126' } } })).data,
    await legacy.worklogs.getWorklog('126'),
  ];
  if (new Set(check.map((w) => w.tempoWorklogId)).size !== 1) throw new Error('variants disagree');

  const variants = [
    { name: 'bare fetch', run: async () => (await fetch(url, { headers })).json() },
    {
      name: 'bare openapi-fetch (reference)',
      run: () => bareOpenapiFetch.GET('/worklogs/{id}', { params: { path: { id: '126' } } }),
    },
    { name: '@tempo-sdk/client facade', run: () => tempo.worklogs.getWorklogById({ path: { id: '126' } }) },
    { name: '@tempo-sdk/client GET', run: () => tempo.GET('/worklogs/{id}', { params: { path: { id: '126' } } }) },
    { name: 'tempo-client 4.2.0 (axios)', run: () => legacy.worklogs.getWorklog('126') },
  ];
  const sequential = await compare(variants, { concurrency: 1 });
  const parallel = await compare(variants, { concurrency: 8 });
  process.stdout.write(JSON.stringify({ sequential, parallel }));
} finally {
  await server.close();
}
