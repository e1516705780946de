import type { Worklog } from '@tempo-sdk/types';
import { describe, expect, it } from 'vitest';
import { api, BASE, TODAY, useMockServer } from './helpers.js';

const ids = (res: { body: { results: { tempoWorklogId: number }[] } }) =>
  res.body.results.map((w) => w.tempoWorklogId).sort((a, b) => a - b);
const expectIds = (worklogs: Worklog[]) => worklogs.map((w) => w.tempoWorklogId).sort((a, b) => a - b);

describe('worklog filters', () => {
  const { mock } = useMockServer({ clock: { now: () => Date.parse('2026-03-18T18:00:00Z') } });
  const db = mock.db;

  it('filters by from/to (inclusive) and by updatedFrom', async () => {
    const res = await api('/worklogs?from=2026-03-09&to=2026-03-13&limit=5000');
    expect(ids(res)).toEqual(
      expectIds(db.worklogs.filter((w) => w.startDate >= '2026-03-09' && w.startDate <= '2026-03-13')),
    );
    expect(res.body.results.length).toBeGreaterThan(10);

    const edited = db.worklogs.all()[3]!;
    await api(`/worklogs/${edited.tempoWorklogId}`, {
      method: 'PUT',
      json: { authorAccountId: edited.author.accountId, startDate: edited.startDate, timeSpentSeconds: 900 },
    });
    const updated = await api('/worklogs?updatedFrom=2026-03-18T17:30:00Z&limit=5000');
    expect(ids(updated)).toEqual([edited.tempoWorklogId]);
  });

  it('filters by project, issue, user, account and team', async () => {
    const project = db.projects.all()[1]!;
    const issueIds = new Set(db.issues.filter((i) => i.projectId === project.id).map((i) => i.id));
    const byProject = await api(`/worklogs?projectId=${project.id}&limit=5000`);
    expect(ids(byProject)).toEqual(expectIds(db.worklogs.filter((w) => issueIds.has(w.issue.id!))));
    expect(ids(await api(`/worklogs/project/${project.id}?limit=5000`))).toEqual(ids(byProject));

    const issue = db.issues.all()[2]!;
    const byIssue = await api(`/worklogs?issueId=${issue.id}&limit=5000`);
    expect(ids(byIssue)).toEqual(expectIds(db.worklogs.filter((w) => w.issue.id === issue.id)));
    expect(ids(await api(`/worklogs/issue/${issue.id}?limit=5000`))).toEqual(ids(byIssue));

    const user = db.users.all()[2]!.accountId;
    const byUser = await api(`/worklogs/user/${user}?limit=5000&from=2026-03-01`);
    expect(ids(byUser)).toEqual(
      expectIds(db.worklogs.filter((w) => w.author.accountId === user && w.startDate >= '2026-03-01')),
    );

    const byAccount = await api('/worklogs/account/GLOBEX-WEB?limit=5000');
    expect(ids(byAccount)).toEqual(
      expectIds(
        db.worklogs.filter((w) =>
          (w.attributes.values ?? []).some((v) => v.key === '_Account_' && v.value === 'GLOBEX-WEB'),
        ),
      ),
    );
    expect(byAccount.body.results.length).toBeGreaterThan(0);

    // Team membership counts from its start: user 4 joined the Web Team 14 days before today.
    const web = db.teams.find((t) => t.name === 'Web Team')!;
    const moved = db.users.all()[4]!.accountId;
    const byTeam = await api(`/worklogs/team/${web.id}?limit=5000`);
    const teamWorklogs = byTeam.body.results as Worklog[];
    expect(teamWorklogs.some((w) => w.author.accountId === moved)).toBe(true);
    expect(teamWorklogs.filter((w) => w.author.accountId === moved).every((w) => w.startDate >= '2026-03-04')).toBe(
      true,
    );
    expect(
      teamWorklogs.every((w) =>
        [db.users.all()[1]!.accountId, db.users.all()[3]!.accountId, moved].includes(w.author.accountId),
      ),
    ).toBe(true);
  });

  it('searches with body filters and paginates searches with query offset/limit', async () => {
    const authors = db.users
      .all()
      .slice(0, 2)
      .map((u) => u.accountId);
    const expected = expectIds(
      db.worklogs.filter(
        (w) => authors.includes(w.author.accountId) && w.startDate >= '2026-03-02' && w.startDate <= '2026-03-15',
      ),
    );
    const seen: number[] = [];
    let path: string | undefined = '/worklogs/search?limit=7';
    while (path) {
      const res = await api(path, {
        method: 'POST',
        json: { authorIds: authors, from: '2026-03-02', to: '2026-03-15' },
      });
      expect(res.status).toBe(200);
      seen.push(...ids(res));
      path = res.body.metadata.next?.slice(BASE.length);
      if (path)
        expect(res.body.metadata.next).toMatch(/^https:\/\/api\.tempo\.io\/4\/worklogs\/search\?limit=7&offset=\d+$/);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(expected);
  });

  it('orders by START_DATE_TIME (descending, as the spec says for orderBy), and by the search body order', async () => {
    const res = await api('/worklogs?orderBy=START_DATE_TIME&limit=5000');
    const starts = (res.body.results as Worklog[]).map((w) => w.startDateTimeUtc!);
    expect(starts).toEqual([...starts].sort().reverse());
    const desc = await api('/worklogs/search?limit=5', {
      method: 'POST',
      json: { orderBy: [{ field: 'START_DATE_TIME', order: 'DESC' }] },
    });
    expect(desc.body.results[0].startDate).toBe(
      db.worklogs
        .all()
        .map((w) => w.startDate)
        .sort()
        .at(-1),
    );
  });

  it('bulk creation is all or nothing', async () => {
    const issue = db.issues.all()[0]!;
    const author = db.users.all()[0]!.accountId;
    const before = db.worklogs.size;
    const bad = await api(`/worklogs/issue/${issue.id}/bulk`, {
      method: 'POST',
      json: [
        { authorAccountId: author, startDate: TODAY, timeSpentSeconds: 600 },
        { authorAccountId: '712020:ghost', startDate: TODAY, timeSpentSeconds: 600 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(db.worklogs.size).toBe(before);
    const good = await api(`/worklogs/issue/${issue.id}/bulk`, {
      method: 'POST',
      json: [{ authorAccountId: author, startDate: TODAY, timeSpentSeconds: 600 }],
    });
    expect(good.status).toBe(200);
    expect(good.body[0].issue.id).toBe(issue.id);
    expect(db.worklogs.size).toBe(before + 1);
  });

  it('keeps work attribute values and the id mappings consistent', async () => {
    const worklog = db.worklogs.all()[0]!;
    const set = await api('/worklogs/work-attribute-values', {
      method: 'POST',
      json: [{ tempoWorklogId: worklog.tempoWorklogId, attributeValues: [{ key: '_Overtime_', value: 'true' }] }],
    });
    expect(set.status).toBe(204);
    const value = await api(`/worklogs/${worklog.tempoWorklogId}/work-attribute-values/_Overtime_`);
    expect(value.body).toEqual({ key: '_Overtime_', value: 'true' });
    const toJira = await api('/worklogs/tempo-to-jira', {
      method: 'POST',
      json: { tempoWorklogIds: [worklog.tempoWorklogId, 1] },
    });
    expect(toJira.body.results).toHaveLength(1);
    const back = await api('/worklogs/jira-to-tempo', {
      method: 'POST',
      json: { jiraWorklogIds: [toJira.body.results[0].jiraWorklogId] },
    });
    expect(back.body.results[0].tempoWorklogId).toBe(worklog.tempoWorklogId);
  });
});

describe('accounts, categories, customers, links', () => {
  const { mock } = useMockServer();
  const lead = () => mock.db.users.all()[0]!.accountId;

  it('filters accounts by status (GET ?status and POST /accounts/search statuses)', async () => {
    const open = await api('/accounts?status=OPEN');
    expect(open.body.results.map((a: { status: string }) => a.status)).toEqual(
      Array(open.body.results.length).fill('OPEN'),
    );
    expect(open.body.results.length).toBe(mock.db.accounts.filter((a) => a.status === 'OPEN').length);
    const closedOrArchived = await api('/accounts/search', {
      method: 'POST',
      json: { statuses: ['CLOSED', 'ARCHIVED'] },
    });
    expect(closedOrArchived.body.results.map((a: { key: string }) => a.key).sort()).toEqual(['ARCHIVE-2024', 'LEGACY']);
    expect((await api('/accounts?status=PAUSED')).status).toBe(400);
  });

  it('creates an account referencing a category and customer, and follows their changes', async () => {
    const created = await api('/accounts', {
      method: 'POST',
      json: {
        key: 'NEW',
        name: 'New',
        status: 'OPEN',
        leadAccountId: lead(),
        categoryKey: 'BILL',
        customerKey: 'ACME',
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      key: 'NEW',
      category: { key: 'BILL' },
      customer: { key: 'ACME' },
      lead: { accountId: lead() },
      self: `${BASE}/accounts/NEW`,
    });
    await api('/account-categories/BILL', { method: 'PUT', json: { key: 'BILL', name: 'Billable (renamed)' } });
    expect((await api(`/accounts/${created.body.id}`)).body.category.name).toBe('Billable (renamed)');
    const duplicate = await api('/accounts', {
      method: 'POST',
      json: { key: 'NEW', name: 'Again', status: 'OPEN', leadAccountId: lead() },
    });
    expect(duplicate.status).toBe(400);
    const customerAccounts = await api(`/customers/${mock.db.customers.find((c) => c.key === 'ACME')!.id}/accounts`);
    expect(customerAccounts.body.results.map((a: { key: string }) => a.key)).toContain('NEW');
    expect((await api('/account-categories/BILL', { method: 'DELETE' })).status).toBe(400); // still used
  });

  it('links accounts to projects, lists links both ways, and moves the default', async () => {
    const project = mock.db.projects.all()[0]!;
    const link = await api('/account-links', {
      method: 'POST',
      json: { accountKey: 'R-AND-D', scopeId: project.id, scopeType: 'PROJECT' },
    });
    expect(link.status).toBe(200);
    const forProject = await api(`/account-links/project/${project.id}`);
    expect(forProject.body.results.map((l: { id: number }) => l.id)).toContain(link.body.id);
    const forAccount = await api('/accounts/R-AND-D/links');
    expect(forAccount.body.results.map((l: { scope: { id: number } }) => l.scope.id)).toContain(project.id);
    expect((await api(`/account-links/${link.body.id}/make-default`, { method: 'PATCH' })).status).toBe(204);
    const defaults = (await api(`/account-links/project/${project.id}`)).body.results.filter(
      (l: { default: boolean }) => l.default,
    );
    expect(defaults.map((l: { id: number }) => l.id)).toEqual([link.body.id]);
    const withGlobal = await api(`/account-links/project/${project.id}?includeGlobalAccounts=true`);
    expect(withGlobal.body.results.length).toBe(forProject.body.results.length + 1); // INTERNAL is global
    expect((await api('/accounts/R-AND-D', { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/account-links/${link.body.id}`)).status).toBe(404);
  });
});

describe('teams, memberships, roles', () => {
  const { mock } = useMockServer();

  it('creates a team, adds a member, and finds it by member and name', async () => {
    const team = await api('/teams', { method: 'POST', json: { name: 'Data Team', summary: 'Numbers' } });
    expect(team.status).toBe(200);
    const someone = mock.db.users.all()[2]!.accountId;
    const membership = await api('/team-memberships', {
      method: 'POST',
      json: { teamId: team.body.id, accountId: someone, commitmentPercent: 50, from: TODAY },
    });
    expect(membership.body).toMatchObject({
      team: { id: team.body.id, name: 'Data Team' },
      member: { accountId: someone },
      commitmentPercent: 50,
      role: { name: 'Member' },
    });
    const byMember = await api(`/teams?teamMembers=${someone}`);
    expect(byMember.body.results.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['Data Team', 'Support Squad']),
    );
    expect((await api('/teams?name=data')).body.results.map((t: { id: number }) => t.id)).toEqual([team.body.id]);
    const withMembers = await api(`/teams?teamIds=${team.body.id}&includeMemberships=true`);
    expect(withMembers.body.results[0].members.teamMembers[0]).toMatchObject({
      accountId: someone,
      memberships: [{ id: membership.body.id, commitment: 50 }],
    });
    const members = await api(`/teams/${team.body.id}/members`);
    expect(members.body.results[0].memberships.active.id).toBe(membership.body.id);
    const search = await api('/team-memberships/search', { method: 'POST', json: { teamIds: [team.body.id] } });
    expect(search.body.results.map((m: { id: number }) => m.id)).toEqual([membership.body.id]);
    expect((await api(`/teams/${team.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/team-memberships/${membership.body.id}`)).status).toBe(404);
  });

  it('keeps the default role and roles in use', async () => {
    const roles = await api('/roles');
    const defaultRole = await api('/roles/default');
    expect(roles.body.results.filter((r: { default: boolean }) => r.default)).toEqual([defaultRole.body]);
    expect((await api(`/roles/${defaultRole.body.id}`, { method: 'DELETE' })).status).toBe(400);
    const spare = await api('/roles', { method: 'POST', json: { name: 'Spare' } });
    expect((await api(`/roles/${spare.body.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('membership end: output `to` is the day after, `inclusiveTo` the last day; input `to` is exclusive unless useInclusiveEndDate', async () => {
    const team = (await api('/teams', { method: 'POST', json: { name: 'End dates' } })).body as { id: number };
    const authorsOn = (day: string) =>
      new Set(mock.db.worklogs.filter((w) => w.startDate === day).map((w) => w.author.accountId));
    const users = [...authorsOn('2026-03-09')].filter((id) => authorsOn('2026-03-10').has(id)); // people with worklogs on both days
    const exclusive = await api('/team-memberships', {
      method: 'POST',
      json: { teamId: team.id, accountId: users[0], from: '2026-03-02', to: '2026-03-10' },
    });
    expect(exclusive.body).toMatchObject({ to: '2026-03-10', inclusiveTo: '2026-03-09' });
    const inclusive = await api('/team-memberships', {
      method: 'POST',
      json: { teamId: team.id, accountId: users[1], from: '2026-03-02', to: '2026-03-10', useInclusiveEndDate: true },
    });
    expect(inclusive.body).toMatchObject({ to: '2026-03-11', inclusiveTo: '2026-03-10' });
    // Team worklogs follow the last day: users[0]'s worklogs of 03-10 are not the team's, users[1]'s are.
    const onTenth = (await api(`/worklogs/team/${team.id}?from=2026-03-10&to=2026-03-10&limit=5000`)).body
      .results as Worklog[];
    expect(onTenth.length).toBeGreaterThan(0);
    expect(onTenth.every((w) => w.author.accountId === users[1])).toBe(true);
    const onNinth = (await api(`/worklogs/team/${team.id}?from=2026-03-09&to=2026-03-09&limit=5000`)).body
      .results as Worklog[];
    expect(new Set(onNinth.map((w) => w.author.accountId))).toEqual(new Set([users[0], users[1]]));
  });
});

describe('schedules, periods, approvals, plans', () => {
  const { mock } = useMockServer();

  it('computes a user schedule: 8 h workdays, weekends 0, holidays, part-time schemes', async () => {
    const res = await api('/user-schedule?from=2026-03-23&to=2026-03-29');
    const days = res.body.results as { date: string; requiredSeconds: number; type: string }[];
    expect(days).toHaveLength(7);
    expect(days.map((d) => d.requiredSeconds)).toEqual([28800, 28800, 28800, 28800, 0, 0, 0]); // Friday is the company holiday
    expect(days[4]!.type).toBe('HOLIDAY');
    expect(days[5]!.type).toBe('NON_WORKING_DAY');
    const partTimer = mock.db.workloadSchemeMembers.all()[0]!.accountId;
    const theirs = await api(`/user-schedule/${partTimer}?from=2026-03-16&to=2026-03-22`);
    expect(theirs.body.results.map((d: { requiredSeconds: number }) => d.requiredSeconds)).toEqual([
      28800, 28800, 28800, 28800, 0, 0, 0,
    ]);
    expect((await api('/user-schedule?from=2026-03-29&to=2026-03-23')).status).toBe(400);
  });

  it('moves a timesheet through submit → reject → submit → approve → reopen', async () => {
    const [reviewer, , , , user] = mock.db.users.all().map((u) => u.accountId);
    const q = '?from=2026-03-16&to=2026-03-22';
    const path = `/timesheet-approvals/user/${user}`;
    expect((await api(`${path}${q}`)).body.status.key).toBe('OPEN');
    const submitted = await api(`${path}/submit${q}`, {
      method: 'POST',
      json: { comment: 'done', reviewerAccountId: reviewer },
    });
    expect(submitted.body).toMatchObject({
      status: { key: 'IN_REVIEW', comment: 'done' },
      reviewer: { accountId: reviewer },
      period: { from: '2026-03-16', to: '2026-03-22' },
    });
    expect(submitted.body.actions).toHaveProperty('approve');
    expect(submitted.body.timeSpentSeconds).toBe(
      mock.db.worklogs
        .filter((w) => w.author.accountId === user && w.startDate >= '2026-03-16' && w.startDate <= '2026-03-22')
        .reduce((s, w) => s + w.timeSpentSeconds, 0),
    );
    expect((await api(`${path}/submit${q}`, { method: 'POST', json: {} })).status).toBe(400);
    expect(
      (await api(`${path}/reject${q}`, { method: 'POST', json: { comment: 'missing Monday' } })).body.status.key,
    ).toBe('OPEN');
    await api(`${path}/submit${q}`, { method: 'POST', json: { reviewerAccountId: reviewer } });
    const waiting = await api('/timesheet-approvals/waiting');
    expect(waiting.body.results.map((a: { user: { accountId: string } }) => a.user.accountId)).toContain(user);
    expect((await api(`${path}/approve${q}`, { method: 'POST', json: {} })).body.status.key).toBe('APPROVED');
    expect((await api(`${path}/reopen${q}`, { method: 'POST', json: {} })).body.status.key).toBe('OPEN');
    const logs = await api('/timesheet-approvals/logs/search', { method: 'POST', json: { userAccountIds: [user] } });
    expect(logs.body.results.map((l: { status: { key: string } }) => l.status.key)).toEqual([
      'IN_REVIEW',
      'OPEN',
      'IN_REVIEW',
      'APPROVED',
      'OPEN',
    ]);
  });

  it('lists weekly periods and team approvals', async () => {
    const periods = await api('/periods?from=2026-03-01&to=2026-03-18');
    expect(periods.body.periods[0]).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(periods.body.periods.at(-1)).toEqual({ from: '2026-03-16', to: '2026-03-22' });
    const team = mock.db.teams.all()[0]!;
    const approvals = await api(`/timesheet-approvals/team/${team.id}?from=2026-03-09`);
    expect(approvals.body.results.length).toBeGreaterThan(0);
    expect(approvals.body.results.map((a: { status: { key: string } }) => a.status.key)).toContain('IN_REVIEW');
  });

  it('creates plans, spreads totals over working days, and filters them', async () => {
    const user = mock.db.users.all()[2]!.accountId;
    const issue = mock.db.issues.all()[3]!;
    const plan = await api('/plans', {
      method: 'POST',
      json: {
        assigneeId: user,
        assigneeType: 'USER',
        planItemId: String(issue.id),
        planItemType: 'ISSUE',
        startDate: '2026-03-23',
        endDate: '2026-03-29',
        plannedSeconds: 4 * 7200,
      },
    });
    expect(plan.status).toBe(200);
    expect(plan.body.plannedSecondsPerDay).toBe(7200); // 4 working days: Friday is a holiday, weekend off
    const found = await api(`/plans?from=2026-03-25&to=2026-03-25&issueIds=${issue.id}`);
    expect(found.body.results.map((p: { id: number }) => p.id)).toEqual([plan.body.id]);
    expect((await api(`/plans?from=2026-04-01&to=2026-04-30&issueIds=${issue.id}`)).body.results).toEqual([]);
    const forUser = await api(`/plans/user/${user}?from=2026-03-01&to=2026-03-31`);
    expect(forUser.body.results.map((p: { id: number }) => p.id)).toContain(plan.body.id);
    const bad = await api('/plans', {
      method: 'POST',
      json: {
        assigneeId: user,
        assigneeType: 'USER',
        planItemId: String(issue.id),
        planItemType: 'ISSUE',
        startDate: '23.03.2026',
        endDate: '2026-03-29',
        plannedSeconds: 3600,
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.message).toBe("'startDate' must be a date in the format YYYY-MM-DD");
  });

  it('DELETE /plans/{id}/partial/{day} removes that day: shortens at either end, splits inside, deletes a one-day plan', async () => {
    const user = mock.db.users.all()[2]!.accountId;
    const issue = mock.db.issues.all()[3]!;
    const create = async (startDate: string, endDate: string) =>
      (
        await api('/plans', {
          method: 'POST',
          json: {
            assigneeId: user,
            assigneeType: 'USER',
            planItemId: String(issue.id),
            planItemType: 'ISSUE',
            startDate,
            endDate,
            plannedSecondsPerDay: 3600,
          },
        })
      ).body as { id: number };
    const plansOfIssue = () =>
      mock.db.plans
        .filter((p) => p.planItem?.id === String(issue.id))
        .map((p) => `${p.startDate}..${p.endDate}:${p.plannedSecondsPerDay}`)
        .sort();

    const plan = await create('2026-03-23', '2026-03-26'); // Monday–Thursday
    expect((await api(`/plans/${plan.id}/partial/2026-03-23`, { method: 'DELETE' })).status).toBe(200);
    expect(plansOfIssue()).toEqual(['2026-03-24..2026-03-26:3600']);
    expect((await api(`/plans/${plan.id}/partial/2026-03-26`, { method: 'DELETE' })).status).toBe(200);
    expect(plansOfIssue()).toEqual(['2026-03-24..2026-03-25:3600']);
    expect(mock.db.plans.get(plan.id)!.totalPlannedSeconds).toBe(2 * 3600);

    const long = await create('2026-03-30', '2026-04-03');
    expect((await api(`/plans/${long.id}/partial/2026-04-01`, { method: 'DELETE' })).status).toBe(200);
    expect(plansOfIssue()).toEqual([
      '2026-03-24..2026-03-25:3600',
      '2026-03-30..2026-03-31:3600',
      '2026-04-02..2026-04-03:3600',
    ]);
    expect(mock.db.plans.get(long.id)!.endDate).toBe('2026-03-31');
    expect((await api(`/plans?from=2026-04-01&to=2026-04-01&issueIds=${issue.id}`)).body.results).toEqual([]);

    const single = await create('2026-04-06', '2026-04-06');
    expect((await api(`/plans/${single.id}/partial/2026-04-06`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/plans/${single.id}`)).status).toBe(404);
  });

  it('filters plans by the (deprecated) planItemIds in GET /plans and POST /plans/search', async () => {
    const project = mock.db.projects.all()[1]!;
    const all = (await api('/plans?from=2026-03-01&to=2026-04-30&limit=5000')).body.results as {
      id: number;
      planItem: { id: string };
    }[];
    const expected = all.filter((p) => p.planItem.id === String(project.id)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    const listed = await api(`/plans?from=2026-03-01&to=2026-04-30&limit=5000&planItemIds=${project.id}`);
    expect(listed.body.results.map((p: { id: number }) => p.id)).toEqual(expected);
    const searched = await api('/plans/search', {
      method: 'POST',
      json: { from: '2026-03-01', to: '2026-04-30', planItemIds: [project.id] },
    });
    expect(searched.body.results.map((p: { id: number }) => p.id)).toEqual(expected);
  });

  it('POST /generic-resources/search pages with the body and links next/previous; following a link gives that page', async () => {
    for (let i = 0; i < 3; i++) mock.db.genericResources.create({ name: `Contractor ${i}` }); // 5 in all
    const all = mock.db.genericResources.all().map((r) => r.id);
    const body = { limit: 2 };
    const first = await api('/generic-resources/search', { method: 'POST', json: body });
    expect(first.status).toBe(200);
    expect(first.body.metadata).toEqual({
      count: 2,
      offset: 0,
      limit: 2,
      next: `${BASE}/generic-resources/search?offset=2&limit=2`,
    });
    const seen: number[] = first.body.results.map((r: { id: number }) => r.id);
    let next: string | undefined = first.body.metadata.next;
    let last: any;
    while (next) {
      last = await api(next.slice(BASE.length), { method: 'POST', json: body });
      expect(last.body.metadata.previous).toMatch(
        /^https:\/\/api\.tempo\.io\/4\/generic-resources\/search\?offset=\d+&limit=2$/,
      );
      seen.push(...last.body.results.map((r: { id: number }) => r.id));
      next = last.body.metadata.next;
    }
    expect(seen).toEqual(all);
    expect(last.body.metadata).toMatchObject({ offset: 4, count: 1 });
    const middle = await api('/generic-resources/search', { method: 'POST', json: { offset: 2, limit: 2 } });
    expect(middle.body.metadata).toMatchObject({
      offset: 2,
      next: expect.stringContaining('offset=4'),
      previous: expect.stringContaining('offset=0'),
    });
  });

  it('approval log search pages 50 entries by default (the spec default)', async () => {
    const user = mock.db.users.all()[0]!.accountId;
    for (let i = 0; i < 60; i++) {
      mock.db.timesheetApprovalLogs.create({
        accountId: user,
        from: '2026-03-09',
        to: '2026-03-15',
        status: 'OPEN',
        actorAccountId: user,
        updatedAt: '2026-03-16T10:00:00Z',
      });
    }
    const res = await api('/timesheet-approvals/logs/search', { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(50);
  });

  it('manages scheme members and defaults', async () => {
    const scheme = mock.db.holidaySchemes.find((s) => !s.defaultScheme)!;
    const user = mock.db.users.all()[0]!.accountId;
    expect(
      (await api(`/holiday-schemes/${scheme.id}/members`, { method: 'POST', json: { accountIds: [user] } })).status,
    ).toBe(204);
    expect((await api(`/holiday-schemes/users/${user}`)).body.id).toBe(scheme.id);
    expect((await api(`/holiday-schemes/${scheme.id}`)).body.memberCount).toBe(1);
    const now = await api(`/holiday-schemes/${scheme.id}/default`, { method: 'PUT' });
    expect(now.body.defaultScheme).toBe(true);
    expect(
      (await api('/holiday-schemes')).body.results.filter((s: { defaultScheme: boolean }) => s.defaultScheme),
    ).toHaveLength(1);
  });
});
