// The mock's Jira (src/jira/): auth on both front doors, the seven operations from the shared data, Jira's error
// shape, 404/410, nextPageToken pages, faults, typed overrides, the standalone server, and every 2xx body checked
// against spec/jira's response schema.
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { MOCK_JIRA_API_TOKEN, MOCK_JIRA_OAUTH_TOKEN, MOCK_JIRA_SITE_URL } from '../src/index.js';
import { startTempoMockServer } from '../src/server/index.js';
import { useMockServer } from './helpers.js';

const { mock, server } = useMockServer();
const SITE = MOCK_JIRA_SITE_URL;

const jiraSpec = createRequire(import.meta.url)('@tempo-sdk/types/jira/openapi.json');
const ajv = new Ajv({ strict: false, allErrors: false });
addFormats.default(ajv);
ajv.addSchema(jiraSpec, 'jira');
const OPERATIONS: Record<string, { path: string; method: string }> = {};
for (const [path, item] of Object.entries<any>(jiraSpec.paths))
  for (const [method, op] of Object.entries<any>(item)) OPERATIONS[op.operationId] = { path, method };

/** Validates a 2xx body against the operation's success schema in spec/jira. */
function expectSchema(operationId: string, body: unknown) {
  const { path, method } = OPERATIONS[operationId]!;
  const pointer = `jira#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}/responses/200/content/application~1json/schema`;
  const validate = ajv.getSchema(pointer)!;
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

function basic(email: string, token: string) {
  return `Basic ${btoa(`${email}:${token}`)}`;
}

async function jira(path: string, init: RequestInit & { json?: unknown; auth?: string | null; base?: string } = {}) {
  const { json, auth = basic(mock.jira.credentials.email, MOCK_JIRA_API_TOKEN), base = SITE, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (auth !== null) headers.set('authorization', auth);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(`${base}${path}`, {
    ...rest,
    headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe('auth', () => {
  it('basic auth with a user email and the API token acts as that user; myself gives accountId, name, time zone', async () => {
    const res = await jira('/rest/api/3/myself');
    expect(res.status).toBe(200);
    const me = mock.db.users.all()[0]!;
    expect(res.body).toMatchObject({ accountId: me.accountId, displayName: me.displayName, active: true });
    expect(res.body.timeZone).toMatch(/^[A-Z][a-z]+\/[A-Za-z_]+$/);
    expectSchema('getCurrentUser', res.body);
    const other = mock.db.users.all()[2]!;
    const asOther = await jira('/rest/api/3/myself', { auth: basic(other.emailAddress!, MOCK_JIRA_API_TOKEN) });
    expect(asOther.body.accountId).toBe(other.accountId);
  });

  it.each([
    ['no header', null],
    ['a wrong token', basic('ada@example.com', 'nope')],
    ['an unknown email', basic('nobody@example.com', MOCK_JIRA_API_TOKEN)],
    ['a bearer token on the site URL', `Bearer ${MOCK_JIRA_OAUTH_TOKEN}`],
    ['garbage after Basic', 'Basic %%%'],
  ])('401 in Jira shape for %s, never echoing the credentials', async (_, auth) => {
    const res = await jira('/rest/api/3/myself', { auth });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    expect(JSON.stringify(res.body)).not.toContain('nope');
  });

  it('the gateway URL takes the OAuth bearer token and refuses basic auth', async () => {
    expect(
      (await jira('/rest/api/3/myself', { base: mock.jira.gatewayUrl, auth: `Bearer ${MOCK_JIRA_OAUTH_TOKEN}` }))
        .status,
    ).toBe(200);
    expect((await jira('/rest/api/3/myself', { base: mock.jira.gatewayUrl })).status).toBe(401);
    expect((await jira('/rest/api/3/myself', { base: mock.jira.gatewayUrl, auth: 'Bearer wrong' })).status).toBe(401);
  });
});

describe('issues', () => {
  it('bulk fetch: ids and keys mixed, duplicates answered once, unknown ones in issueErrors', async () => {
    const [a, b] = mock.db.issues.all();
    const res = await jira('/rest/api/3/issue/bulkfetch', {
      method: 'POST',
      json: {
        issueIdsOrKeys: [a!.key, String(b!.id), a!.key.toLowerCase(), 'NOPE-1', '999999'],
        fields: ['summary', 'project'],
      },
    });
    expect(res.status).toBe(200);
    expectSchema('bulkFetchIssues', res.body);
    expect(res.body.issues.map((i: any) => i.key)).toEqual([a!.key, b!.key]);
    expect(res.body.issues[0].fields).toEqual({
      summary: a!.summary,
      project: expect.objectContaining({ key: a!.key.split('-')[0], id: String(a!.projectId) }),
    });
    expect(res.body.issueErrors.map((e: any) => e.id)).toEqual(['NOPE-1', '999999']);
  });

  it('bulk fetch refuses more than 100, an empty list, a missing list, non-JSON and unknown fields', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `SUP-${i + 1}`);
    const tooMany = await jira('/rest/api/3/issue/bulkfetch', { method: 'POST', json: { issueIdsOrKeys: many } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.issueIdsOrKeys).toContain('100');
    expect((await jira('/rest/api/3/issue/bulkfetch', { method: 'POST', json: { issueIdsOrKeys: [] } })).status).toBe(
      400,
    );
    expect((await jira('/rest/api/3/issue/bulkfetch', { method: 'POST', json: {} })).status).toBe(400);
    expect(
      (await jira('/rest/api/3/issue/bulkfetch', { method: 'POST', json: { issueIdsOrKeys: ['SUP-1'], bogus: 1 } }))
        .status,
    ).toBe(400);
    expect(
      (
        await jira('/rest/api/3/issue/bulkfetch', {
          method: 'POST',
          body: '{',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await jira('/rest/api/3/issue/bulkfetch', {
          method: 'POST',
          body: 'x',
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(415);
  });

  it('get issue by key and by id; unknown and hidden issues are the same 404', async () => {
    const issue = mock.db.issues.all()[0]!;
    const byKey = await jira(`/rest/api/3/issue/${issue.key}`);
    expect(byKey.body).toMatchObject({ id: String(issue.id), key: issue.key, fields: { summary: issue.summary } });
    expectSchema('getIssue', byKey.body);
    expect((await jira(`/rest/api/3/issue/${issue.id}?fields=summary`)).body.fields).toEqual({
      summary: issue.summary,
    });
    const missing = await jira('/rest/api/3/issue/NOPE-1');
    expect(missing).toMatchObject({
      status: 404,
      body: { errorMessages: [expect.stringContaining('does not exist')], errors: {} },
    });
    mock.jira.hideIssue(issue.key);
    expect(await jira(`/rest/api/3/issue/${issue.key}`)).toMatchObject({ status: 404, body: missing.body });
  });

  it.each(['..', '.', '%2E%2E', 'SUP-1%2F..%2F..%2Fmyself', '%2F', 'SUP-1%3Fx', '%25'])(
    'a path value %s stays in its segment (404, never another resource)',
    async (value) => {
      const res = await jira(`/rest/api/3/issue/${value}`);
      expect([404, 405]).toContain(res.status);
      expect(res.body.accountId).toBeUndefined();
    },
  );

  it('a moved issue answers under its old and its new key, with its new key', async () => {
    const issue = mock.db.issues.all()[0]!;
    const otherProject = mock.db.projects.all()[1]!;
    const moved = mock.jira.moveIssue(issue.key, otherProject.key);
    expect(moved.key.startsWith(`${otherProject.key}-`)).toBe(true);
    for (const key of [issue.key, moved.key])
      expect((await jira(`/rest/api/3/issue/${key}`)).body).toMatchObject({ id: String(issue.id), key: moved.key });
    const bulk = await jira('/rest/api/3/issue/bulkfetch', {
      method: 'POST',
      json: { issueIdsOrKeys: [issue.key, moved.key] },
    });
    expect(bulk.body.issues).toHaveLength(1);
    mock.reset();
    expect((await jira(`/rest/api/3/issue/${issue.key}`)).body.key).toBe(issue.key);
  });
});

describe('search', () => {
  it('pages by nextPageToken until isLast, GET and POST alike', async () => {
    const project = mock.db.projects.all()[0]!;
    const expected = mock.db.issues.filter((i) => i.projectId === project.id).map((i) => i.key);
    for (const method of ['GET', 'POST'] as const) {
      const keys: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const jql = `project = ${project.key} ORDER BY key`;
        const res =
          method === 'GET'
            ? await jira(
                `/rest/api/3/search/jql?${new URLSearchParams({ jql, maxResults: '3', fields: 'summary', ...(token ? { nextPageToken: token } : {}) })}`,
              )
            : await jira('/rest/api/3/search/jql', {
                method: 'POST',
                json: { jql, maxResults: 3, fields: ['summary'], ...(token ? { nextPageToken: token } : {}) },
              });
        expect(res.status).toBe(200);
        expectSchema('searchAndReconsileIssuesUsingJql', res.body);
        keys.push(...res.body.issues.map((i: any) => i.key));
        token = res.body.nextPageToken;
        expect(res.body.isLast).toBe(token === undefined);
        pages++;
      } while (token);
      expect(keys).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / 3));
    }
  });

  it('key in (…) finds current and former keys; unbounded, unsupported JQL and foreign tokens are 400', async () => {
    const res = await jira(`/rest/api/3/search/jql?jql=${encodeURIComponent('key in (SUP-1, SUP-2, NOPE-9)')}`);
    expect(res.body.issues).toHaveLength(2);
    expect(res.body.issues[0].fields).toEqual({}); // only the id unless fields are asked for
    expect((await jira('/rest/api/3/search/jql?jql=')).status).toBe(400);
    expect((await jira(`/rest/api/3/search/jql?jql=${encodeURIComponent('summary ~ foo')}`)).status).toBe(400);
    expect((await jira(`/rest/api/3/search/jql?jql=project%3DSUP&nextPageToken=forged`)).status).toBe(400);
  });

  it('the removed legacy search answers 410 Gone, GET and POST', async () => {
    const get = await jira('/rest/api/3/search?jql=project%3DSUP');
    expect(get.status).toBe(410);
    expect(get.body.errorMessages[0]).toContain('/rest/api/3/search/jql');
    expect((await jira('/rest/api/3/search', { method: 'POST', json: { jql: 'project = SUP' } })).status).toBe(410);
  });
});

describe('users and projects', () => {
  it('user/bulk answers the known account ids with display names; unknown ones are left out', async () => {
    const users = mock.db.users.all();
    const q = new URLSearchParams();
    for (const u of users.slice(0, 3)) q.append('accountId', u.accountId);
    q.append('accountId', 'unknown:1');
    q.set('maxResults', '50');
    const res = await jira(`/rest/api/3/user/bulk?${q}`);
    expect(res.status).toBe(200);
    expectSchema('bulkGetUsers', res.body);
    expect(res.body.values.map((u: any) => u.displayName)).toEqual(users.slice(0, 3).map((u) => u.displayName));
    expect(res.body.isLast).toBe(true);
    expect((await jira('/rest/api/3/user/bulk')).status).toBe(400);
    expect((await jira('/rest/api/3/user/bulk?accountId=x&maxResults=-1')).status).toBe(400);
  });

  it('project/search pages the projects and filters by key', async () => {
    const res = await jira('/rest/api/3/project/search?maxResults=2');
    expectSchema('searchProjects', res.body);
    expect(res.body).toMatchObject({
      startAt: 0,
      maxResults: 2,
      total: mock.db.projects.size,
      isLast: mock.db.projects.size <= 2,
    });
    const one = await jira('/rest/api/3/project/search?keys=sup');
    expect(one.body.values.map((p: any) => p.key)).toEqual(['SUP']);
    expect((await jira('/rest/api/3/project/search?maxResults=101')).status).toBe(400);
  });

  it('unknown Jira routes are a 404 and a wrong method a 405, in Jira shape', async () => {
    expect((await jira('/rest/api/3/nothing')).status).toBe(404);
    expect((await jira('/rest/api/3/myself', { method: 'DELETE' })).status).toBe(405);
  });
});

describe('faults, stats and overrides', () => {
  it('faults apply to Jira operations by operationId, with Retry-After and Jira error body', async () => {
    const fault = mock.faults.add({ operationId: 'bulkFetchIssues', status: 429, retryAfterMs: 2000, times: 1 });
    const res = await jira('/rest/api/3/issue/bulkfetch', { method: 'POST', json: { issueIdsOrKeys: ['SUP-1'] } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.body.errorMessages).toHaveLength(1);
    expect(fault.hits).toBe(1);
    expect(
      (await jira('/rest/api/3/issue/bulkfetch', { method: 'POST', json: { issueIdsOrKeys: ['SUP-1'] } })).status,
    ).toBe(200);
  });

  it('stats count the requests per operation; reset forgets them', async () => {
    await jira('/rest/api/3/myself');
    await jira('/rest/api/3/issue/SUP-1');
    expect(mock.jira.stats.requests).toBe(2);
    expect(mock.jira.stats.byOperation).toEqual({ getCurrentUser: 1, getIssue: 1 });
    mock.reset();
    expect(mock.jira.stats.requests).toBe(0);
  });

  it('typed overrides work on Jira paths (openapi-msw) and as one-liners', async () => {
    server.use(
      mock.jira.http.get('/rest/api/3/myself', ({ response }) =>
        response(200).json({ accountId: 'override', displayName: 'Over Ride' }),
      ),
    );
    expect((await jira('/rest/api/3/myself')).body.accountId).toBe('override');
    server.use(mock.jira.reply('get', '/rest/api/3/issue/{issueIdOrKey}', 503, 'down'));
    expect(await jira('/rest/api/3/issue/SUP-1')).toMatchObject({
      status: 503,
      body: { errorMessages: ['down'], errors: {} },
    });
  });
});

describe('standalone server', () => {
  it('serves Jira under <url>/jira (basic) and <url>/ex/jira/{cloudId} (bearer)', async () => {
    server.close(); // real sockets for this one
    const standalone = await startTempoMockServer({ today: '2026-03-18' });
    try {
      const email = standalone.mock.jira.credentials.email;
      const me = await fetch(`${standalone.jiraUrl}/rest/api/3/myself`, {
        headers: { authorization: basic(email, MOCK_JIRA_API_TOKEN) },
      });
      expect(me.status).toBe(200);
      expect((await me.json()).self).toContain(standalone.jiraUrl);
      const gw = await fetch(`${standalone.jiraGatewayUrl}/rest/api/3/issue/SUP-1`, {
        headers: { authorization: `Bearer ${MOCK_JIRA_OAUTH_TOKEN}` },
      });
      expect(gw.status).toBe(200);
      const dots = await fetch(`${standalone.jiraUrl}/rest/api/3/issue/%2E%2E`, {
        headers: { authorization: basic(email, MOCK_JIRA_API_TOKEN) },
      });
      expect(dots.status).toBe(404);
    } finally {
      await standalone.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });
});
