import { describe, expect, it } from 'vitest';
import { api, BASE, TODAY, useMockServer } from './helpers.js';

describe('worklogs', () => {
  const { mock } = useMockServer();
  const someone = () => mock.db.users.all()[1]!.accountId;
  const anIssue = () => mock.db.issues.all()[0]!;

  it('create → get, list and search see it; PUT replaces; DELETE → 204 then 404', async () => {
    const created = await api('/worklogs', {
      method: 'POST',
      json: {
        issueId: anIssue().id,
        authorAccountId: someone(),
        startDate: TODAY,
        timeSpentSeconds: 3600,
        description: 'Pairing',
      },
    });
    expect(created.status).toBe(200);
    const id = created.body.tempoWorklogId as number;
    expect(created.body).toMatchObject({
      self: `${BASE}/worklogs/${id}`,
      timeSpentSeconds: 3600,
      billableSeconds: 3600,
      startDate: TODAY,
    });

    expect((await api(`/worklogs/${id}`)).body.description).toBe('Pairing');
    const listed = await api(`/worklogs?from=${TODAY}&to=${TODAY}&limit=5000`);
    expect(listed.body.results.map((w: { tempoWorklogId: number }) => w.tempoWorklogId)).toContain(id);
    const searched = await api('/worklogs/search?limit=5000', {
      method: 'POST',
      json: { authorIds: [someone()], from: TODAY, to: TODAY },
    });
    expect(searched.body.results.map((w: { tempoWorklogId: number }) => w.tempoWorklogId)).toContain(id);

    const replaced = await api(`/worklogs/${id}`, {
      method: 'PUT',
      json: { authorAccountId: someone(), startDate: TODAY, timeSpentSeconds: 1800 },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.timeSpentSeconds).toBe(1800);
    expect(replaced.body.description).toBe(''); // PUT replaces: the description not sent is gone
    expect(replaced.body.issue.id).toBe(anIssue().id);

    const deleted = await api(`/worklogs/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const gone = await api(`/worklogs/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ errors: { message: expect.stringContaining(String(id)) } });
  });

  it('paginates with absolute next/previous links that lead through every page', async () => {
    const all = mock.db.worklogs.size;
    const seen: number[] = [];
    let url: string | undefined = `${BASE}/worklogs?limit=40`;
    let pages = 0;
    while (url) {
      const res = await api(url.slice(BASE.length));
      expect(res.status).toBe(200);
      seen.push(...res.body.results.map((w: { tempoWorklogId: number }) => w.tempoWorklogId));
      if (pages > 0) expect(res.body.metadata.previous).toMatch(/^https:\/\/api\.tempo\.io\/4\/worklogs\?/);
      url = res.body.metadata.next;
      pages++;
    }
    expect(pages).toBe(Math.ceil(all / 40));
    expect(new Set(seen).size).toBe(all);
  });

  it('refuses a limit over 5000', async () => {
    const res = await api('/worklogs?limit=5001');
    expect(res.status).toBe(400);
    expect(res.body.errors.message).toMatch(/limit/);
  });

  describe('POST /worklogs/work-attribute-values', () => {
    const valuesOf = (id: number) =>
      (mock.db.worklogs.get(id)!.attributes.values ?? []).map((v) => `${v.key}=${v.value}`).sort();

    it('adds values to several worklogs (204)', async () => {
      const [a, b] = mock.db.worklogs.all();
      const res = await api('/worklogs/work-attribute-values', {
        method: 'POST',
        json: [
          { tempoWorklogId: a!.tempoWorklogId, attributeValues: [{ key: '_Overtime_', value: 'true' }] },
          { tempoWorklogId: b!.tempoWorklogId, attributeValues: [{ key: '_Overtime_', value: 'false' }] },
        ],
      });
      expect(res.status).toBe(204);
      expect(valuesOf(a!.tempoWorklogId)).toContain('_Overtime_=true');
      expect(valuesOf(b!.tempoWorklogId)).toContain('_Overtime_=false');
    });

    it('only adds: a key the worklog already has is a 400 and the value stays', async () => {
      const w = mock.db.worklogs.all()[0]!;
      const before = valuesOf(w.tempoWorklogId);
      expect(before.some((v) => v.startsWith('_Activity_='))).toBe(true);
      const res = await api('/worklogs/work-attribute-values', {
        method: 'POST',
        json: [
          {
            tempoWorklogId: w.tempoWorklogId,
            attributeValues: [
              { key: '_Activity_', value: before.includes('_Activity_=Review') ? 'Support' : 'Review' },
            ],
          },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.message).toMatch(/already has a value/);
      expect(valuesOf(w.tempoWorklogId)).toEqual(before);
    });

    it('an unknown attribute key is a 404', async () => {
      const w = mock.db.worklogs.all()[0]!;
      const res = await api('/worklogs/work-attribute-values', {
        method: 'POST',
        json: [{ tempoWorklogId: w.tempoWorklogId, attributeValues: [{ key: '_Nope_', value: 'x' }] }],
      });
      expect(res.status).toBe(404);
      expect(res.body.errors.message).toMatch(/_Nope_/);
    });

    it('is all or nothing: a later bad item leaves earlier worklogs unchanged', async () => {
      const [a, b] = mock.db.worklogs.all();
      const before = valuesOf(a!.tempoWorklogId);
      for (const bad of [
        { tempoWorklogId: b!.tempoWorklogId, attributeValues: [{ key: '_Nope_', value: 'x' }] }, // 404
        { tempoWorklogId: b!.tempoWorklogId, attributeValues: [{ key: '_Overtime_', value: 'maybe' }] }, // 400: not a checkbox value
        { tempoWorklogId: a!.tempoWorklogId, attributeValues: [{ key: '_Overtime_', value: 'false' }] }, // 400: added by the first item
      ]) {
        const res = await api('/worklogs/work-attribute-values', {
          method: 'POST',
          json: [{ tempoWorklogId: a!.tempoWorklogId, attributeValues: [{ key: '_Overtime_', value: 'true' }] }, bad],
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(valuesOf(a!.tempoWorklogId)).toEqual(before);
      }
    });
  });

  describe('order', () => {
    const ids = (res: { body: { results: { tempoWorklogId: number }[] } }) =>
      res.body.results.map((w) => w.tempoWorklogId);
    /** A worklog created now for an earlier day, and one at an earlier hour on the same day: id order is not the default order. */
    const seedOutOfOrder = () => {
      const issueId = anIssue().id;
      const late = mock.db.worklogs.create({
        issueId,
        authorAccountId: someone(),
        startDate: '2026-03-02',
        startTime: '18:00:00',
        timeSpentSeconds: 60,
      });
      const early = mock.db.worklogs.create({
        issueId,
        authorAccountId: someone(),
        startDate: '2026-03-02',
        startTime: '06:00:00',
        timeSpentSeconds: 60,
      });
      return { late, early };
    };

    it('GET /worklogs without orderBy: start date-time, then id, ascending', async () => {
      const { late, early } = seedOutOfOrder();
      const res = await api('/worklogs?limit=5000');
      const keys = res.body.results.map(
        (w: { startDateTimeUtc: string; tempoWorklogId: number }) => [w.startDateTimeUtc, w.tempoWorklogId] as const,
      );
      const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
      expect(keys).toEqual(sorted);
      expect(ids(res).indexOf(early.tempoWorklogId)).toBeLessThan(ids(res).indexOf(late.tempoWorklogId));
      expect(ids(res).indexOf(late.tempoWorklogId)).toBeLessThan(ids(res).length - 1); // not appended in id order
    });

    it('GET /worklogs?orderBy=… sorts by that field, descending', async () => {
      seedOutOfOrder();
      const byId = ids(await api('/worklogs?limit=5000&orderBy=ID'));
      expect(byId).toEqual([...byId].sort((a, b) => b - a));
      const byStart = (await api('/worklogs?limit=5000&orderBy=START_DATE_TIME')).body.results.map(
        (w: { startDateTimeUtc: string }) => w.startDateTimeUtc,
      );
      expect(byStart).toEqual([...byStart].sort().reverse());
    });

    it('POST /worklogs/search: same default order; an orderBy list applies with its directions', async () => {
      seedOutOfOrder();
      const listed = ids(await api('/worklogs?limit=5000'));
      expect(ids(await api('/worklogs/search?limit=5000', { method: 'POST', json: {} }))).toEqual(listed);
      const asc = ids(
        await api('/worklogs/search?limit=5000', {
          method: 'POST',
          json: { orderBy: [{ field: 'ID', order: 'ASC' }] },
        }),
      );
      expect(asc).toEqual([...listed].sort((a, b) => a - b));
    });
  });

  it('POST /worklogs/search filters only by the fields WorklogSearchInput defines (teamId, accountKey are ignored)', async () => {
    const everything = await api('/worklogs/search?limit=5000', { method: 'POST', json: {} });
    const team = mock.db.teams.all()[0]!;
    const accountKey = mock.db.accounts.all()[0]!.key;
    for (const extra of [{ teamId: team.id }, { accountKey }, { teamId: team.id, accountKey }]) {
      const res = await api('/worklogs/search?limit=5000', { method: 'POST', json: extra });
      expect(res.status).toBe(200);
      expect(res.body.metadata.count).toBe(everything.body.metadata.count);
    }
  });
});
