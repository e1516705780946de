import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempoMock, MOCK_API_TOKEN, TempoMockUsageError, type TempoMock } from '../src/index.js';

const snapshot = (mock: TempoMock) =>
  JSON.stringify({
    w: mock.db.worklogs.all(),
    u: mock.db.users.all(),
    a: mock.db.accounts.all(),
    t: mock.db.teamMemberships.all(),
    p: mock.db.plans.all(),
  });

describe('default data', () => {
  it('is deterministic for (seed, today) whatever the clock says', () => {
    const full = (mock: TempoMock) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(mock.db)
            .filter(([, v]) => v && typeof v === 'object' && 'all' in v)
            .map(([k, v]) => [k, (v as { all(): unknown[] }).all()]),
        ),
      );
    const early = createTempoMock({
      seed: 3,
      today: '2026-03-18',
      clock: { now: () => Date.parse('2020-01-01T00:00:00Z') },
    });
    const late = createTempoMock({
      seed: 3,
      today: '2026-03-18',
      clock: { now: () => Date.parse('2030-06-01T08:00:00Z') },
    });
    expect(full(early)).toBe(full(late));
    expect(full(early)).toContain('"createdAt":"2026-03-18T12:00:00Z"'); // records made while seeding carry noon of today
  });

  it('is deterministic for (seed, today) and differs with the seed', () => {
    const a = createTempoMock({ seed: 7, today: '2026-03-18', clock: { now: () => 0 } });
    const b = createTempoMock({ seed: 7, today: '2026-03-18', clock: { now: () => 0 } });
    const c = createTempoMock({ seed: 8, today: '2026-03-18', clock: { now: () => 0 } });
    expect(snapshot(a)).toBe(snapshot(b));
    expect(snapshot(a)).not.toBe(snapshot(c));
  });

  it('looks like a real Tempo site arranged around today', () => {
    const mock = createTempoMock({ today: '2026-03-18' });
    const { db } = mock;
    expect(db.users.size).toBe(5);
    for (const user of db.users.all())
      expect(user.accountId).toMatch(/^712020:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(db.issues.all().map((i) => i.key)).toContain('SUP-8');
    const worklogs = db.worklogs.all();
    expect(worklogs.length).toBeGreaterThan(100);
    expect(worklogs.every((w) => w.startDate >= '2026-02-19' && w.startDate <= '2026-03-18')).toBe(true);
    expect(worklogs.some((w) => w.startDate === '2026-03-18')).toBe(true); // this week has data
    expect(worklogs.every((w) => ![0, 6].includes(new Date(`${w.startDate}T00:00:00Z`).getUTCDay()))).toBe(true);
    // Each seeded day adds up to 8 hours per person.
    const perUserDay = new Map<string, number>();
    for (const w of worklogs)
      perUserDay.set(
        `${w.author.accountId} ${w.startDate}`,
        (perUserDay.get(`${w.author.accountId} ${w.startDate}`) ?? 0) + w.timeSpentSeconds,
      );
    expect(new Set(perUserDay.values())).toEqual(new Set([28800]));
    // Relations hold: account attributes name existing accounts; memberships name existing teams.
    for (const w of worklogs) {
      const account = w.attributes.values?.find((v) => v.key === '_Account_')?.value;
      expect(db.accounts.find((a) => a.key === account)).toBeDefined();
    }
    for (const m of db.teamMemberships.all()) expect(db.teams.has(m.team!.id)).toBe(true);
    expect(db.accountCategories.size).toBeGreaterThan(0);
    expect(db.customers.size).toBeGreaterThan(0);
    expect(db.holidaySchemes.size).toBeGreaterThan(0);
    expect(db.workloadSchemes.size).toBeGreaterThan(0);
    expect(db.timesheetApprovals.filter((a) => a.status === 'IN_REVIEW').length).toBeGreaterThan(0);
  });

  it('defaults today to the current UTC date, and refuses a malformed one', () => {
    expect(createTempoMock().today).toBe(new Date().toISOString().slice(0, 10));
    expect(() => createTempoMock({ today: '18.03.2026' })).toThrow(TempoMockUsageError);
    expect(() => createTempoMock({ today: '18.03.2026' })).toThrow(/today.*YYYY-MM-DD/);
    expect(() => createTempoMock({ baseUrl: 'not a url' })).toThrow(TempoMockUsageError);
    expect(() => createTempoMock({ seed: 1.5 })).toThrow(TempoMockUsageError);
    expect(() => createTempoMock({ requestLogLimit: -1 })).toThrow(TempoMockUsageError);
    expect(() => createTempoMock({ clock: {} as never })).toThrow(TempoMockUsageError);
  });

  it('can start empty', () => {
    const mock = createTempoMock({ data: 'empty' });
    expect(mock.db.worklogs.size + mock.db.users.size + mock.db.accounts.size).toBe(0);
  });
});

describe('seeding API', () => {
  it("creates, gets, lists, updates, deletes and clears with the API's own rules, and reset restores the default", async () => {
    const mock = createTempoMock({ today: '2026-03-18', data: 'empty' });
    const { db } = mock;
    const user = db.users.create({ accountId: '712020:tester', displayName: 'Tess Ter' });
    const project = db.projects.create({ key: 'QA', name: 'Quality' });
    const issue = db.issues.create({ key: 'QA-1', projectId: project.id, summary: 'Test things' });
    const worklog = db.worklogs.create({
      issueId: issue.id,
      authorAccountId: user.accountId,
      startDate: '2026-03-18',
      timeSpentSeconds: 1800,
    });
    expect(db.worklogs.get(worklog.tempoWorklogId)).toEqual(worklog);
    expect(db.worklogs.all()).toEqual([worklog]);
    expect(db.worklogs.update(worklog.tempoWorklogId, { description: 'Seeded' })?.description).toBe('Seeded');
    expect(() =>
      db.worklogs.create({
        issueId: 424242,
        authorAccountId: user.accountId,
        startDate: '2026-03-18',
        timeSpentSeconds: 60,
      }),
    ).toThrow(/Issue with id 424242/);

    const res = await mock.fetch(`https://api.tempo.io/4/worklogs/${worklog.tempoWorklogId}`, {
      headers: { authorization: `Bearer ${MOCK_API_TOKEN}` },
    });
    expect(((await res.json()) as { description: string }).description).toBe('Seeded');

    expect(db.worklogs.delete(worklog.tempoWorklogId)).toBe(true);
    expect(db.worklogs.get(worklog.tempoWorklogId)).toBeUndefined();
    db.users.clear();
    expect(db.users.size).toBe(0);

    const seeded = createTempoMock({ today: '2026-03-18', clock: { now: () => 0 } });
    const before = snapshot(seeded);
    seeded.db.worklogs.clear();
    seeded.db.accounts.create({
      key: 'EXTRA',
      name: 'Extra',
      status: 'OPEN',
      leadAccountId: seeded.db.users.all()[0]!.accountId,
    });
    seeded.reset();
    expect(snapshot(seeded)).toBe(before);
  });
});

describe('base URLs', () => {
  it('serves global, EU and US by default, with self links in the region asked', async () => {
    const mock = createTempoMock({ today: '2026-03-18' });
    for (const base of ['https://api.tempo.io/4', 'https://api.eu.tempo.io/4', 'https://api.us.tempo.io/4']) {
      const res = await mock.fetch(`${base}/worklogs?limit=1`, {
        headers: { authorization: `Bearer ${MOCK_API_TOKEN}` },
      });
      const body = (await res.json()) as { self: string; results: { self: string }[]; metadata: { next: string } };
      expect(body.results[0]!.self.startsWith(`${base}/worklogs/`)).toBe(true);
      expect(body.metadata.next.startsWith(`${base}/worklogs?`)).toBe(true);
    }
  });

  it('moves only link fields to the region: text quoting a Tempo URL comes back as written', async () => {
    const mock = createTempoMock({ today: '2026-03-18' });
    const description = 'Moved from https://api.tempo.io/4/worklogs/1 (see "self":"https://api.tempo.io/4")';
    const headers = { authorization: `Bearer ${MOCK_API_TOKEN}`, 'content-type': 'application/json' };
    const created = await mock.fetch('https://api.eu.tempo.io/4/worklogs', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        issueId: mock.db.issues.all()[0]!.id,
        authorAccountId: mock.db.users.all()[0]!.accountId,
        startDate: '2026-03-18',
        timeSpentSeconds: 60,
        description,
      }),
    });
    const id = ((await created.json()) as { tempoWorklogId: number }).tempoWorklogId;
    for (const base of ['https://api.eu.tempo.io/4', 'https://api.us.tempo.io/4']) {
      // A stored record (served from its cached JSON) and a list page (built per request).
      const one = (await (await mock.fetch(`${base}/worklogs/${id}`, { headers })).json()) as {
        self: string;
        description: string;
      };
      expect(one).toMatchObject({ self: `${base}/worklogs/${id}`, description });
      const page = (await (
        await mock.fetch(`${base}/worklogs?issueId=${mock.db.issues.all()[0]!.id}&from=2026-03-18&to=2026-03-18`, {
          headers,
        })
      ).json()) as { results: { description: string }[] };
      expect(page.results.map((w) => w.description)).toContain(description);
    }
  });

  it('serves custom base URLs instead', async () => {
    const mock = createTempoMock({ baseUrl: 'http://tempo.internal:8080/api/4' });
    const ok = await mock.fetch('http://tempo.internal:8080/api/4/accounts', {
      headers: { authorization: `Bearer ${MOCK_API_TOKEN}` },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { results: { self: string }[] }).results[0]!.self).toMatch(
      /^http:\/\/tempo\.internal:8080\/api\/4\/accounts\//,
    );
    expect((await mock.fetch('https://api.tempo.io/4/accounts')).status).toBe(404);
  });
});

describe('browser safety', () => {
  it('keeps node: imports out of everything but the server entry', () => {
    const root = join(import.meta.dirname, '..', 'src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'server') walk(path);
        } else if (name.endsWith('.ts')) files.push(path);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"]node:|require\(|\bBuffer\b|\bprocess\./);
    }
  });
});
