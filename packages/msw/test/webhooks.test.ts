// Webhooks in the mock (src/webhooks/): stateful subscriptions, the handshake, signed deliveries of changes made
// through the API and through mock.db, Tempo's retry policy on the mock's clock, deactivation and refresh.
// The receiver here is an msw handler that checks each signature with node:crypto, per Tempo's documented
// algorithm, independently of the mock's own signer.
import { createHmac } from 'node:crypto';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import openapi from '@tempo-sdk/types/openapi.json' with { type: 'json' };
import { TEMPO_WEBHOOK_LIMITS, type Subscription, type WebhookEvent } from '@tempo-sdk/types';
import { createTempoMock, MOCK_API_TOKEN } from '../src/index.js';

const RECEIVER = 'https://receiver.example/tempo';
let nowMs = Date.parse('2026-03-18T09:00:00.000Z');
const clock = { now: () => nowMs };
const mock = createTempoMock({ today: '2026-03-18', clock });
mock.webhooks.configure({ timers: false, random: () => 0.5, timeoutMs: 2000 });

interface Received {
  method: string;
  headers: Record<string, string>;
  body: string;
  randomString?: string | null;
}
let received: Received[] = [];
/** How the receiver answers POSTs (status), and whether it echoes handshakes correctly. */
let postStatus = 200;
let handshakeAnswer: 'echo' | 'wrong' | 404 | 'network' = 'echo';

const receiver = http.all(RECEIVER, async ({ request }) => {
  const url = new URL(request.url);
  const entry: Received = {
    method: request.method,
    headers: Object.fromEntries(request.headers),
    body: await request.text(),
    randomString: url.searchParams.get('randomString'),
  };
  received.push(entry);
  if (request.method === 'GET') {
    if (handshakeAnswer === 'network') return HttpResponse.error();
    if (handshakeAnswer === 404) return new HttpResponse(null, { status: 404 });
    return HttpResponse.text(handshakeAnswer === 'echo' ? entry.randomString! : 'nope');
  }
  return new HttpResponse(null, { status: postStatus });
});
// The real fetch, for the tests that talk to a real local server (msw patches the global one in beforeAll).
const realFetch = globalThis.fetch;
const server = setupServer(...mock.handlers, receiver);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  received = [];
  postStatus = 200;
  handshakeAnswer = 'echo';
});
afterEach(async () => {
  await mock.webhooks.whenIdle(); // nothing of this test arrives during the next one
  mock.reset();
});
afterAll(() => server.close());

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`https://api.tempo.io/4${path}`, {
    method,
    headers: { authorization: `Bearer ${MOCK_API_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
};
const subscribe = async (event: string, url = RECEIVER) =>
  (await api('POST', '/webhooks/subscriptions', { event, url, name: `test ${event}` })).body as Subscription;
const posts = () => received.filter((r) => r.method === 'POST');

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(openapi as object, 'spec');
const validEvent = ajv.getSchema('spec#/components/schemas/WebhookEvent')!;

/** The independent check: node:crypto's HMAC of body + timestamp with the subscription's secret. */
function checkSignature(r: Received, secret: string) {
  const expected = createHmac('sha256', secret)
    .update(r.body + r.headers['tempo-timestamp'], 'utf8')
    .digest('hex');
  expect(r.headers['tempo-signature']).toBe(expected);
  expect(r.headers['tempo-timestamp']).toBe(new Date(Date.parse(r.headers['tempo-timestamp']!)).toISOString());
  expect(r.headers['tempo-jira-client-key']).toBeTruthy();
  expect(r.headers['tempo-tenant-id']).toBeTruthy();
  expect(r.headers['content-type']).toBe('application/json');
  const event = JSON.parse(r.body) as WebhookEvent;
  expect(validEvent(event) ? [] : validEvent.errors).toEqual([]);
  return event;
}

describe('subscriptions', () => {
  it('create sends the handshake and is active once the URL echoes it; list, get, delete', async () => {
    const sub = await subscribe('worklog.created');
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('GET');
    expect(received[0]!.randomString).toMatch(/^[A-Za-z0-9]{128}$/);
    expect(sub).toMatchObject({ event: 'worklog.created', url: RECEIVER, active: true, name: 'test worklog.created' });
    expect(sub.sharedSecret).toMatch(/^[A-Za-z0-9]{128}$/);
    expect(sub.self).toBe(`https://api.tempo.io/4/webhooks/subscriptions/${sub.id}`);
    expect((await api('GET', '/webhooks/subscriptions')).body.results.map((s: Subscription) => s.id)).toEqual([sub.id]);
    expect((await api('GET', `/webhooks/subscriptions/${sub.id}`)).body).toEqual(sub);
    expect((await api('DELETE', `/webhooks/subscriptions/${sub.id}`)).status).toBe(204);
    expect((await api('GET', `/webhooks/subscriptions/${sub.id}`)).status).toBe(404);
    expect((await api('DELETE', `/webhooks/subscriptions/${sub.id}`)).status).toBe(404);
    expect((await api('PATCH', `/webhooks/subscriptions/${sub.id}/refresh`)).status).toBe(404);
  });

  it('refuses the same url and event twice (409) and a 26th subscription (400)', async () => {
    await subscribe('worklog.created');
    const again = await api('POST', '/webhooks/subscriptions', { event: 'worklog.created', url: RECEIVER });
    expect(again.status).toBe(409);
    expect(again.body.errors.message).toMatch(/already exists/);
    expect((await api('POST', '/webhooks/subscriptions', { event: 'worklog.updated', url: RECEIVER })).status).toBe(
      200,
    );
    for (let i = 2; i < TEMPO_WEBHOOK_LIMITS.maxSubscriptions; i++) {
      expect(
        (await api('POST', '/webhooks/subscriptions', { event: 'plan.created', url: `${RECEIVER}?n=${i}` })).status,
      ).toBe(200);
    }
    const over = await api('POST', '/webhooks/subscriptions', { event: 'plan.created', url: `${RECEIVER}?n=99` });
    expect(over.status).toBe(400);
    expect(over.body.errors.message).toMatch(/at most 25/);
    expect(mock.webhooks.list()).toHaveLength(25);
  });

  it.each([
    ['a wrong echo', 'wrong'],
    ['a 404', 404],
    ['a failed connection', 'network'],
  ] as const)('a failed handshake (%s) leaves the subscription inactive and sends it nothing', async (_, answer) => {
    handshakeAnswer = answer;
    const sub = await subscribe('worklog.created');
    expect(sub.active).toBe(false);
    expect(mock.webhooks.handshakes.at(-1)).toMatchObject({ subscriptionId: sub.id, ok: false });
    mock.db.worklogs.create({
      issueId: mock.db.issues.all()[0]!.id,
      authorAccountId: mock.db.users.all()[0]!.accountId,
      startDate: '2026-03-18',
      timeSpentSeconds: 60,
    });
    await mock.webhooks.whenIdle();
    expect(posts()).toEqual([]);
  });
});

describe('handshake answers the mock reads', () => {
  it('reads at most 1 KiB of an endless handshake answer (a real server), and the subscription stays inactive', async () => {
    const { createServer } = await import('node:http');
    let written = 0;
    const endless = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 65);
      const pump = () => {
        while (!res.destroyed && written < 64 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (!res.destroyed && written < 64 * 1024 * 1024) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    mock.webhooks.configure({ fetch: realFetch });
    try {
      const sub = await subscribe(
        'worklog.created',
        `http://127.0.0.1:${(endless.address() as { port: number }).port}/hook`,
      );
      expect(sub.active).toBe(false);
      expect(written).toBeLessThan(8 * 1024 * 1024); // the mock stopped reading long before the server stopped writing
    } finally {
      mock.webhooks.configure({ fetch: undefined });
      endless.closeAllConnections();
      endless.close();
    }
  });
});

describe('deliveries', () => {
  it('worklogs created, updated and deleted through the API are delivered, signed per Tempo', async () => {
    const subs = {
      created: await subscribe('worklog.created'),
      updated: await subscribe('worklog.updated'),
      deleted: await subscribe('worklog.deleted'),
    };
    const issueId = mock.db.issues.all()[0]!.id;
    const authorAccountId = mock.db.users.all()[0]!.accountId;
    const created = (
      await api('POST', '/worklogs', {
        issueId,
        authorAccountId,
        startDate: '2026-03-18',
        startTime: '09:30:00',
        timeSpentSeconds: 3600,
        description: 'webhook test',
      })
    ).body;
    await api('PUT', `/worklogs/${created.tempoWorklogId}`, {
      authorAccountId,
      startDate: '2026-03-18',
      timeSpentSeconds: 7200,
      description: 'changed',
    });
    await api('DELETE', `/worklogs/${created.tempoWorklogId}`);
    await mock.webhooks.whenIdle();
    // Deliveries run side by side (Tempo promises no order): compare in the order of the changes.
    const order = ['worklog.created', 'worklog.updated', 'worklog.deleted'];
    const events = posts()
      .map((r) =>
        checkSignature(
          r,
          subs[(JSON.parse(r.body) as WebhookEvent).eventType.split('.')[1] as keyof typeof subs].sharedSecret,
        ),
      )
      .sort((a, b) => order.indexOf(a.eventType) - order.indexOf(b.eventType));
    expect(events.map((e) => e.eventType)).toEqual(['worklog.created', 'worklog.updated', 'worklog.deleted']);
    expect(events.map((e) => (e.payload as { tempoWorklogId: number }).tempoWorklogId)).toEqual([
      created.tempoWorklogId,
      created.tempoWorklogId,
      created.tempoWorklogId,
    ]);
    expect(events[0]!.payload).toMatchObject({
      issue: { id: issueId },
      author: { accountId: authorAccountId },
      timeSpentSeconds: 3600,
      startDate: '2026-03-18',
      startTime: '09:30:00',
      description: 'webhook test',
    });
    expect(events[1]!.payload).toMatchObject({ timeSpentSeconds: 7200, description: 'changed' });
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    expect(mock.webhooks.deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('changes through mock.db are delivered too: plans, teams, memberships, holidays, schemes', async () => {
    const types = [
      'plan.created',
      'plan.updated',
      'plan.deleted',
      'team.created',
      'team.updated',
      'team.deleted',
      'team.memberships.created',
      'team.memberships.updated',
      'team.memberships.deleted',
      'holiday.scheme.created',
      'holiday.created',
      'workload.scheme.created',
    ];
    const secrets = new Map<string, string>();
    for (const type of types) secrets.set(type, (await subscribe(type)).sharedSecret);
    const [user] = mock.db.users.all();
    const issue = mock.db.issues.all()[0]!;
    const plan = mock.db.plans.create({
      assigneeId: user!.accountId,
      assigneeType: 'USER',
      planItemId: String(issue.id),
      planItemType: 'ISSUE',
      startDate: '2026-03-18',
      endDate: '2026-03-19',
      plannedSecondsPerDay: 3600,
    } as never);
    mock.db.plans.update(plan.id!, { description: 'renamed' } as never);
    mock.db.plans.delete(plan.id!);
    const team = mock.db.teams.create({ name: 'Webhook team' });
    mock.db.teams.update(team.id, { name: 'Webhook team 2' });
    const role = mock.db.roles.all()[0]!;
    const membership = mock.db.teamMemberships.create({
      teamId: team.id,
      accountId: user!.accountId,
      roleId: role.id,
      commitmentPercent: 100,
      from: '2026-03-01',
    } as never);
    mock.db.teamMemberships.update(membership.id, { commitmentPercent: 50 } as never);
    mock.db.teamMemberships.delete(membership.id);
    mock.db.teams.delete(team.id);
    const scheme = mock.db.holidaySchemes.create({ name: 'Webhook holidays' } as never);
    mock.db.holidays.create({
      schemeId: scheme.id,
      name: 'Day off',
      type: 'FIXED',
      date: '2026-12-24',
      durationSeconds: 28800,
    });
    mock.db.workloadSchemes.create({
      name: 'Webhook workload',
      days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((day, i) => ({
        day,
        requiredSeconds: i < 5 ? 28800 : 0,
      })),
    } as never);
    await mock.webhooks.whenIdle();
    const events = posts().map((r) => checkSignature(r, secrets.get((JSON.parse(r.body) as WebhookEvent).eventType)!));
    expect(events.map((e) => e.eventType).sort()).toEqual([...types].sort());
    const byType = Object.fromEntries(events.map((e) => [e.eventType, e.payload])) as Record<string, any>;
    expect(byType['plan.updated']).toMatchObject({ id: plan.id, description: 'renamed' });
    expect(byType['team.updated']).toMatchObject({
      original: { id: team.id, name: 'Webhook team' },
      changed: { name: 'Webhook team 2' },
    });
    expect(byType['team.memberships.updated'].memberships[0]).toMatchObject({
      id: membership.id,
      teamId: team.id,
      commitmentPercent: 50,
      userId: { ecosystemId: user!.accountId },
    });
    expect(byType['team.memberships.deleted'].memberships[0]).toMatchObject({
      id: membership.id,
      isRemovedFromTheTeam: true,
      remainingMemberships: [],
    });
  });

  it('only active subscriptions for the event get it, each with its own secret', async () => {
    const a = await subscribe('team.created');
    const b = await subscribe('team.created', `${RECEIVER}?second`);
    await subscribe('team.deleted');
    mock.db.teams.create({ name: 'Two receivers' });
    await mock.webhooks.whenIdle();
    const [first, second] = posts();
    expect(posts()).toHaveLength(2);
    checkSignature(first!, a.sharedSecret);
    checkSignature(second!, b.sharedSecret);
    expect(first!.headers['tempo-signature']).not.toBe(second!.headers['tempo-signature']);
  });

  it('emit() sends an event the mock does not model', async () => {
    const sub = await subscribe('plan.issue.sync.config.updated');
    const config = { syncPlansWithJiraIssuesEnabled: true, planAttributeJiraIssueFieldIds: { endDate: 'duedate' } };
    mock.webhooks.emit('plan.issue.sync.config.updated', {
      original: config,
      changed: { ...config, syncPlansWithJiraIssuesEnabled: false },
    });
    await mock.webhooks.whenIdle();
    expect(checkSignature(posts()[0]!, sub.sharedSecret).eventType).toBe('plan.issue.sync.config.updated');
  });

  it('nothing is delivered for the default data seeded by reset()', async () => {
    await subscribe('worklog.created');
    mock.reset();
    await mock.webhooks.whenIdle();
    expect(posts()).toEqual([]);
    expect(mock.webhooks.list()).toEqual([]);
  });
});

describe('retries on the mock clock', () => {
  it('retries a failing delivery 10 times 5–15 minutes apart, then deactivates; refresh turns it back on', async () => {
    const sub = await subscribe('team.created');
    postStatus = 500;
    mock.db.teams.create({ name: 'Unlucky' });
    await mock.webhooks.whenIdle();
    expect(mock.webhooks.deliveries[0]).toMatchObject({
      status: 'pending',
      attempts: [{ number: 1, status: 500, ok: false }],
    });
    expect(await mock.webhooks.runDue()).toBe(0); // nothing is due yet
    for (let retry = 1; retry <= TEMPO_WEBHOOK_LIMITS.retries; retry++) {
      nowMs += 15 * 60_000;
      expect(await mock.webhooks.runDue()).toBe(1);
    }
    const [delivery] = mock.webhooks.deliveries;
    expect(delivery!.attempts).toHaveLength(1 + TEMPO_WEBHOOK_LIMITS.retries);
    expect(delivery!.status).toBe('failed');
    expect(new Set(posts().map((p) => JSON.parse(p.body).eventId)).size).toBe(1); // the same event every time
    for (const p of posts()) checkSignature(p, sub.sharedSecret); // each attempt signed at its own time
    expect(new Set(posts().map((p) => p.headers['tempo-timestamp'])).size).toBe(posts().length);
    expect((await api('GET', `/webhooks/subscriptions/${sub.id}`)).body.active).toBe(false);

    // Inactive: new events are not sent.
    postStatus = 200;
    mock.db.teams.create({ name: 'Not sent' });
    await mock.webhooks.whenIdle();
    expect(posts()).toHaveLength(11);

    expect((await api('PATCH', `/webhooks/subscriptions/${sub.id}/refresh`)).status).toBe(204);
    expect((await api('GET', `/webhooks/subscriptions/${sub.id}`)).body.active).toBe(true);
    mock.db.teams.create({ name: 'Sent again' });
    await mock.webhooks.whenIdle();
    expect(JSON.parse(posts().at(-1)!.body).payload.name).toBe('Sent again');
    expect(mock.webhooks.deliveries.at(-1)!.status).toBe('delivered');
  });

  it('a retry that succeeds ends the delivery; the pause follows the random draw between 5 and 15 minutes', async () => {
    await subscribe('team.created');
    postStatus = 503;
    mock.db.teams.create({ name: 'Second time lucky' });
    await mock.webhooks.whenIdle();
    const first = mock.webhooks.deliveries[0]!;
    expect(first.nextAttemptAtMs! - first.attempts[0]!.atMs).toBe(10 * 60_000); // random 0.5 → 10 minutes
    postStatus = 204;
    nowMs += 10 * 60_000;
    await mock.webhooks.runDue();
    expect(mock.webhooks.deliveries[0]).toMatchObject({
      status: 'delivered',
      attempts: [
        { ok: false, status: 503 },
        { ok: true, status: 204 },
      ],
    });
  });

  it('counts a receiver that does not answer in time as a failure', async () => {
    await subscribe('team.created');
    mock.webhooks.configure({ timeoutMs: 50 });
    server.use(
      http.post(RECEIVER, async () => {
        await delay('infinite');
        return new HttpResponse(null);
      }),
    );
    mock.db.teams.create({ name: 'Slow receiver' });
    await mock.webhooks.whenIdle();
    mock.webhooks.configure({ timeoutMs: 2000 });
    server.resetHandlers();
    expect(mock.webhooks.deliveries[0]!.attempts[0]).toMatchObject({ ok: false, error: 'timeout after 50 ms' });
  });
});

describe('bounded state', () => {
  it('keeps at most maxRecords finished deliveries (the oldest finished go first)', async () => {
    mock.webhooks.configure({ maxRecords: 5 });
    try {
      await subscribe('team.created');
      for (let i = 0; i < 12; i++) mock.db.teams.create({ name: `Team ${i}` });
      await mock.webhooks.whenIdle();
      expect(posts()).toHaveLength(12);
      const kept = mock.webhooks.deliveries;
      expect(kept).toHaveLength(5);
      expect(kept.every((d) => d.status === 'delivered')).toBe(true);
      expect(kept.map((d) => (d.event.payload as { name: string }).name)).toContain('Team 11');
    } finally {
      mock.webhooks.configure({ maxRecords: 1000 });
    }
  });
});

describe('standalone server', () => {
  it('delivers over real HTTP and shows the state in the admin API', async () => {
    const { createServer } = await import('node:http');
    const { startTempoMockServer } = await import('../src/server/index.js');
    const bodies: { body: string; timestamp: string; signature: string }[] = [];
    const target = createServer((req, res) => {
      if (req.method === 'GET')
        return void res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end(new URL(req.url!, 'http://x').searchParams.get('randomString'));
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push({
          body,
          timestamp: String(req.headers['tempo-timestamp']),
          signature: String(req.headers['tempo-signature']),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(target.address() as { port: number }).port}/hook`;
    server.close(); // msw must not intercept the mock server's real HTTP in this test
    const tempo = await startTempoMockServer({ port: 0, today: '2026-03-18' });
    try {
      const headers = { authorization: `Bearer ${MOCK_API_TOKEN}`, 'content-type': 'application/json' };
      const sub = (await (
        await fetch(`${tempo.baseUrl}/webhooks/subscriptions`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ event: 'team.created', url }),
        })
      ).json()) as Subscription;
      expect(sub.active).toBe(true);
      expect(sub.self).toBe(`${tempo.baseUrl}/webhooks/subscriptions/${sub.id}`);
      await fetch(`${tempo.baseUrl}/teams`, { method: 'POST', headers, body: JSON.stringify({ name: 'Over HTTP' }) });
      await tempo.mock.webhooks.whenIdle();
      expect(bodies).toHaveLength(1);
      const { body, timestamp, signature } = bodies[0]!;
      expect(signature).toBe(
        createHmac('sha256', sub.sharedSecret)
          .update(body + timestamp)
          .digest('hex'),
      );
      expect(JSON.parse(body)).toMatchObject({ eventType: 'team.created', payload: { name: 'Over HTTP' } });
      const deliveries = await (await fetch(`${tempo.adminUrl}/webhooks/deliveries`)).json();
      expect(deliveries).toMatchObject([
        { subscriptionId: sub.id, status: 'delivered', attempts: [{ status: 204, ok: true }] },
      ]);
      expect(await (await fetch(`${tempo.adminUrl}/webhooks/subscriptions`)).json()).toMatchObject([
        { id: sub.id, active: true },
      ]);
      expect(await (await fetch(`${tempo.adminUrl}/webhooks/run-due`, { method: 'POST' })).json()).toEqual({
        attempts: 0,
      });
    } finally {
      await tempo.close();
      target.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });
});
