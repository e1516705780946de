import type { HolidayInput, HolidayScheme, TimesheetApproval, WorkloadScheme } from '@tempo-sdk/types';
import type { TempoDatabase } from '../db/database.js';
import type { SchemeMembership, TimesheetApprovalState } from '../db/schedules.js';
import { addDays, eachDay, mondayOf } from '../dates.js';
import { badRequest, notFound } from '../errors.js';
import { OperationResponse, pageWindow, type ResolverInfo, type OperationResolvers } from './context.js';
import { crud } from './crud.js';

/** Longest range the schedule and period endpoints accept, like Tempo's own bound on such queries. */
const MAX_RANGE_DAYS = 366 * 2;

function range(info: ResolverInfo): { from: string; to: string } {
  const { from, to } = info.query as { from: string; to: string };
  if (from > to) throw badRequest(`'from' must not be after 'to'`);
  if (eachDay(from, to, MAX_RANGE_DAYS + 1).length > MAX_RANGE_DAYS)
    throw badRequest(`The range from 'from' to 'to' must not exceed ${MAX_RANGE_DAYS} days`);
  return { from, to };
}

function userOr404(info: ResolverInfo, accountId: string): string {
  if (!info.db.users.has(accountId)) throw notFound(`User with accountId '${accountId}' does not exist`);
  return accountId;
}

/** Scheme members: explicit members, plus everyone without a scheme for the default scheme. */
function membersOf(
  db: TempoDatabase,
  members: { all(): SchemeMembership[] },
  schemeId: number,
  isDefault: boolean,
): string[] {
  const explicit = members.all();
  const assigned = new Set(explicit.map((m) => m.accountId));
  return db.users
    .all()
    .map((u) => u.accountId)
    .filter(
      (id) => explicit.some((m) => m.accountId === id && m.schemeId === schemeId) || (isDefault && !assigned.has(id)),
    );
}

function presentHolidayScheme(db: TempoDatabase, scheme: HolidayScheme): HolidayScheme {
  return { ...scheme, memberCount: membersOf(db, db.holidaySchemeMembers, scheme.id, scheme.defaultScheme).length };
}

function presentWorkloadScheme(db: TempoDatabase, scheme: WorkloadScheme): WorkloadScheme {
  return { ...scheme, memberCount: membersOf(db, db.workloadSchemeMembers, scheme.id, scheme.defaultScheme).length };
}

function holidaySchemeOr404(info: ResolverInfo): HolidayScheme {
  const scheme = /^\d+$/.test(String(info.path.schemeId))
    ? info.db.holidaySchemes.get(Number(info.path.schemeId))
    : undefined;
  if (!scheme) throw notFound(`Holiday scheme '${String(info.path.schemeId)}' does not exist`);
  return scheme;
}

function workloadSchemeOr404(info: ResolverInfo): WorkloadScheme {
  const scheme = /^\d+$/.test(String(info.path.id)) ? info.db.workloadSchemes.get(Number(info.path.id)) : undefined;
  if (!scheme) throw notFound(`Workload scheme '${String(info.path.id)}' does not exist`);
  return scheme;
}

/** Marks one scheme as the default (exactly one default at a time). */
function makeDefault<T extends { id: number; defaultScheme: boolean }>(
  collection: { all(): T[]; put(record: T, input: any): T; inputOf(id: number): any },
  id: number,
): void {
  for (const scheme of collection.all()) {
    if (scheme.defaultScheme !== (scheme.id === id))
      collection.put(
        { ...scheme, defaultScheme: scheme.id === id },
        { ...collection.inputOf(scheme.id), defaultScheme: scheme.id === id },
      );
  }
}

function assignMembers(
  info: ResolverInfo,
  members: {
    create(m: SchemeMembership): SchemeMembership;
    replace(id: string, m: SchemeMembership): unknown;
    has(id: string): boolean;
  },
  schemeId: number,
): void {
  const accountIds = ((info.body ?? {}) as { accountIds?: string[] }).accountIds ?? [];
  for (const accountId of accountIds)
    if (!info.db.users.has(accountId)) throw badRequest(`User with accountId '${accountId}' does not exist`);
  for (const accountId of accountIds) {
    if (members.has(accountId)) members.replace(accountId, { accountId, schemeId });
    else members.create({ accountId, schemeId });
  }
}

function memberSearch(info: ResolverInfo, members: (schemeId: number) => string[], exists: (id: number) => boolean) {
  const body = info.body as { schemeIds: number[]; offset?: number; limit?: number };
  const window = pageWindow({ offset: body.offset ?? 0, limit: body.limit ?? 50 });
  const rows = body.schemeIds
    .filter(exists)
    .flatMap((schemeId) => members(schemeId).map((accountId) => ({ member: info.db.userRef(accountId), schemeId })));
  const results = rows.slice(window.offset, window.offset + window.limit);
  return { metadata: { count: results.length, offset: window.offset, limit: window.limit }, results };
}

// ---- timesheet approvals -------------------------------------------------------------------------------

/** The approval period (a week, Monday to Sunday) containing `from`. */
function approvalPeriod(info: ResolverInfo): { from: string; to: string } {
  const from = mondayOf(info.query.from as string);
  const to = addDays(from, 6);
  if (info.query.to !== undefined && (info.query.to as string) < (info.query.from as string))
    throw badRequest(`'from' must not be after 'to'`);
  return { from, to };
}

function approvalState(db: TempoDatabase, accountId: string, from: string): TimesheetApprovalState | undefined {
  return db.timesheetApprovals.get(`${accountId}|${from}`);
}

/** The TimesheetApproval body: status from the stored state, seconds computed from worklogs and schedule. */
export function presentApproval(
  info: ResolverInfo,
  accountId: string,
  period: { from: string; to: string },
): TimesheetApproval {
  const state = approvalState(info.db, accountId, period.from);
  const status = state?.status ?? 'OPEN';
  const spent = info.db.worklogs
    .filter((w) => w.author.accountId === accountId && w.startDate >= period.from && w.startDate <= period.to)
    .reduce((sum, w) => sum + w.timeSpentSeconds, 0);
  const required = info.db.scheduleOf(accountId, period.from, period.to).reduce((sum, d) => sum + d.requiredSeconds, 0);
  const q = `from=${period.from}&to=${period.to}`;
  const base = `${info.base}/timesheet-approvals/user/${encodeURIComponent(accountId)}`;
  const action = (name: string) => ({ self: `${base}/${name}?${q}` });
  const actions: TimesheetApproval['actions'] =
    status === 'OPEN'
      ? { submit: action('submit') }
      : status === 'IN_REVIEW'
        ? { approve: action('approve'), reject: action('reject'), recall: action('recall') }
        : { reopen: action('reopen') };
  const approval: TimesheetApproval = {
    self: `${base}?${q}`,
    period,
    user: info.db.userRef(accountId),
    requiredSeconds: required,
    timeSpentSeconds: spent,
    worklogs: { self: `${info.base}/worklogs/user/${encodeURIComponent(accountId)}?${q}` },
    actions,
    status: {
      key: status,
      ...(state ? { updatedAt: state.updatedAt, actor: info.db.userRef(state.actorAccountId ?? accountId) } : {}),
      ...(state?.comment !== undefined ? { comment: state.comment } : {}),
      ...(state?.requiredSecondsAtSubmit !== undefined
        ? {
            requiredSecondsAtSubmit: state.requiredSecondsAtSubmit,
            timeSpentSecondsAtSubmit: state.timeSpentSecondsAtSubmit ?? 0,
          }
        : {}),
    },
  };
  if (state?.reviewerAccountId) approval.reviewer = info.db.userRef(state.reviewerAccountId);
  return approval;
}

type Transition = { from: TimesheetApprovalState['status'][]; to: TimesheetApprovalState['status']; verb: string };

const TRANSITIONS: Record<'submit' | 'approve' | 'reject' | 'recall' | 'reopen', Transition> = {
  submit: { from: ['OPEN'], to: 'IN_REVIEW', verb: 'submitted' },
  approve: { from: ['IN_REVIEW'], to: 'APPROVED', verb: 'approved' },
  reject: { from: ['IN_REVIEW'], to: 'OPEN', verb: 'rejected' },
  recall: { from: ['IN_REVIEW'], to: 'OPEN', verb: 'recalled' },
  reopen: { from: ['APPROVED'], to: 'OPEN', verb: 'reopened' },
};

function transition(name: keyof typeof TRANSITIONS) {
  return (info: ResolverInfo) => {
    const accountId = userOr404(info, String(info.path.accountId));
    const period = approvalPeriod(info);
    const current = approvalState(info.db, accountId, period.from);
    const status = current?.status ?? 'OPEN';
    const rule = TRANSITIONS[name];
    if (!rule.from.includes(status))
      throw badRequest(`The timesheet of ${period.from}–${period.to} is ${status} and cannot be ${rule.verb}`);
    const body = (info.body ?? {}) as { comment?: string; reviewerAccountId?: string };
    const reviewer = body.reviewerAccountId ?? current?.reviewerAccountId ?? defaultReviewer(info.db, accountId);
    if (body.reviewerAccountId && !info.db.users.has(body.reviewerAccountId))
      throw badRequest(`User with accountId '${body.reviewerAccountId}' does not exist`);
    const approval = presentApproval(info, accountId, period);
    info.db.setApproval({
      accountId,
      from: period.from,
      to: period.to,
      status: rule.to,
      reviewerAccountId: reviewer,
      actorAccountId: info.user,
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      ...(name === 'submit'
        ? { timeSpentSecondsAtSubmit: approval.timeSpentSeconds, requiredSecondsAtSubmit: approval.requiredSeconds }
        : current?.requiredSecondsAtSubmit !== undefined
          ? {
              timeSpentSecondsAtSubmit: current.timeSpentSecondsAtSubmit ?? 0,
              requiredSecondsAtSubmit: current.requiredSecondsAtSubmit,
            }
          : {}),
    });
    return presentApproval(info, accountId, period);
  };
}

/** Reviewer of a user: the lead of one of their teams, else the first user. */
function defaultReviewer(db: TempoDatabase, accountId: string): string {
  const teamIds = db.teamMemberships.filter((m) => m.member?.accountId === accountId).map((m) => m.team!.id);
  const lead = teamIds
    .map((id) => db.teams.get(id)?.lead?.accountId)
    .find((id) => id !== undefined && id !== accountId);
  return lead ?? db.users.all()[0]!.accountId;
}

/** Periods, user schedules, holiday and workload schemes, timesheet approvals. */
export const scheduleOperations: OperationResolvers = {
  getPeriods: (info) => {
    const { from, to } = range(info);
    const periods: { from: string; to: string }[] = [];
    for (let start = mondayOf(from); start <= to; start = addDays(start, 7))
      periods.push({ from: start, to: addDays(start, 6) });
    return { periods };
  },

  getAuthenticatedUserSchedule: (info) => {
    const { from, to } = range(info);
    return info.results(info.db.scheduleOf(info.user, from, to));
  },

  getUserSchedule: (info) => {
    const { from, to } = range(info);
    return info.results(info.db.scheduleOf(userOr404(info, String(info.path.accountId)), from, to));
  },

  // Holiday schemes
  ...crud({
    collection: (db) => db.holidaySchemes,
    param: 'schemeId',
    list: { operationId: 'getHolidaySchemes', shape: 'results' },
    get: 'getHolidayScheme',
    create: 'createHolidayScheme',
    update: 'updateHolidayScheme',
    delete: 'deleteHolidayScheme',
    present: (info, s) => presentHolidayScheme(info.db, s),
    beforeDelete: (info, scheme) => {
      if (scheme.defaultScheme) throw badRequest('The default holiday scheme cannot be deleted');
      for (const h of info.db.holidays.filter((h) => h.schemeId === scheme.id)) info.db.holidays.delete(h.id);
      for (const m of info.db.holidaySchemeMembers.filter((m) => m.schemeId === scheme.id))
        info.db.holidaySchemeMembers.delete(m.accountId);
    },
  }),

  setDefaultScheme: (info) => {
    const scheme = holidaySchemeOr404(info);
    makeDefault(info.db.holidaySchemes, scheme.id);
    return presentHolidayScheme(info.db, info.db.holidaySchemes.get(scheme.id)!);
  },

  getUserHolidayScheme: (info) => {
    const scheme = info.db.holidaySchemeOf(userOr404(info, String(info.path.accountId)));
    if (!scheme) throw notFound('The user has no holiday scheme');
    return presentHolidayScheme(info.db, scheme);
  },

  getHolidays: (info) => {
    const scheme = holidaySchemeOr404(info);
    const year = info.query.year as number | undefined;
    return info.results(
      info.db.holidays.filter((h) => h.schemeId === scheme.id && (year === undefined || h.date.startsWith(`${year}-`))),
    );
  },

  getFloatingHolidays: (info) => {
    const scheme = holidaySchemeOr404(info);
    return info.results(info.db.holidays.filter((h) => h.schemeId === scheme.id && h.type === 'FLOATING'));
  },

  ...crud({
    collection: (db) => db.holidays,
    param: 'holidayId',
    find: (info, raw) => {
      const scheme = holidaySchemeOr404(info);
      const holiday = /^\d+$/.test(raw) ? info.db.holidays.get(Number(raw)) : undefined;
      return holiday?.schemeId === scheme.id ? holiday : undefined;
    },
    get: 'getHoliday',
    create: 'createHoliday',
    update: 'updateHoliday',
    delete: 'deleteHoliday',
    input: (info) => ({ ...(info.body as HolidayInput), schemeId: holidaySchemeOr404(info).id }),
  }),

  getWorkloadSchemeMembers: (info) => {
    const scheme = holidaySchemeOr404(info);
    return info.page(
      membersOf(info.db, info.db.holidaySchemeMembers, scheme.id, scheme.defaultScheme).map((id) =>
        info.db.userRef(id),
      ),
    );
  },

  setWorkloadSchemeMembership: (info) => {
    assignMembers(info, info.db.holidaySchemeMembers, holidaySchemeOr404(info).id);
    return undefined;
  },

  searchHolidaySchemeMembers: (info) =>
    memberSearch(
      info,
      (schemeId) =>
        membersOf(
          info.db,
          info.db.holidaySchemeMembers,
          schemeId,
          info.db.holidaySchemes.get(schemeId)?.defaultScheme ?? false,
        ),
      (id) => info.db.holidaySchemes.has(id),
    ),

  // Workload schemes
  ...crud({
    collection: (db) => db.workloadSchemes,
    param: 'id',
    list: { operationId: 'getWorkloadSchemes', shape: 'page' },
    get: 'getWorkloadSchemeById',
    create: 'createWorkloadScheme',
    update: 'updateWorkloadScheme',
    delete: 'deleteWorkloadScheme',
    present: (info, s) => presentWorkloadScheme(info.db, s),
    beforeDelete: (info, scheme) => {
      if (scheme.defaultScheme) throw badRequest('The default workload scheme cannot be deleted');
      for (const m of info.db.workloadSchemeMembers.filter((m) => m.schemeId === scheme.id))
        info.db.workloadSchemeMembers.delete(m.accountId);
    },
  }),

  setDefaultWorkloadScheme: (info) => {
    const scheme = workloadSchemeOr404(info);
    makeDefault(info.db.workloadSchemes, scheme.id);
    return presentWorkloadScheme(info.db, info.db.workloadSchemes.get(scheme.id)!);
  },

  getUserWorkloadScheme: (info) => {
    const scheme = info.db.workloadSchemeOf(userOr404(info, String(info.path.accountId)));
    if (!scheme) throw notFound('The user has no workload scheme');
    return presentWorkloadScheme(info.db, scheme);
  },

  getWorkloadSchemeMembers_1: (info) => {
    const scheme = workloadSchemeOr404(info);
    return info.page(
      membersOf(info.db, info.db.workloadSchemeMembers, scheme.id, scheme.defaultScheme).map((id) =>
        info.db.userRef(id),
      ),
    );
  },

  setWorkloadSchemeForUsers: (info) => {
    assignMembers(info, info.db.workloadSchemeMembers, workloadSchemeOr404(info).id);
    return undefined;
  },

  searchWorkloadSchemeMembers: (info) =>
    memberSearch(
      info,
      (schemeId) =>
        membersOf(
          info.db,
          info.db.workloadSchemeMembers,
          schemeId,
          info.db.workloadSchemes.get(schemeId)?.defaultScheme ?? false,
        ),
      (id) => info.db.workloadSchemes.has(id),
    ),

  // Timesheet approvals
  getTimesheetApprovalForUser: (info) =>
    presentApproval(info, userOr404(info, String(info.path.accountId)), approvalPeriod(info)),

  getTimesheetApprovalForTeam: (info) => {
    const teamId = Number(info.path.teamId);
    if (!info.db.teams.has(teamId)) throw notFound(`Team '${String(info.path.teamId)}' does not exist`);
    const period = approvalPeriod(info);
    const members = [
      ...new Set(
        info.db.teamMemberships
          .filter(
            (m) => m.team?.id === teamId && (m.from ?? '0000') <= period.to && (m.inclusiveTo ?? '9999') >= period.from,
          )
          .map((m) => m.member!.accountId),
      ),
    ];
    return info.results(members.map((accountId) => presentApproval(info, accountId, period)));
  },

  getTimesheetReviewersForUser: (info) => {
    const accountId = userOr404(info, String(info.path.accountId));
    return info.results([info.db.userRef(defaultReviewer(info.db, accountId))]);
  },

  getTimesheetApprovalsWaitingForApproval: (info) => {
    const waiting = info.db.timesheetApprovals.filter(
      (a) => a.status === 'IN_REVIEW' && a.reviewerAccountId === info.user,
    );
    return info.results(waiting.map((a) => presentApproval(info, a.accountId, { from: a.from, to: a.to })));
  },

  submitTimesheetForUser: transition('submit'),
  approveTimesheetForUser: transition('approve'),
  rejectTimesheetForUser: transition('reject'),
  recallTimesheetForUser: transition('recall'),
  reopenTimesheetForUser: transition('reopen'),

  searchTimesheetApprovalLogs: (info) => {
    const body = (info.body ?? {}) as { updatedFrom?: string; userAccountIds?: string[] };
    const limit = info.query.limit as number; // the validator fills the spec's default (50)
    const token = info.query.nextPageToken as string | undefined;
    let offset = 0;
    if (token !== undefined) {
      offset = Number.parseInt(token, 36);
      if (!/^[0-9a-z]+$/.test(token) || !Number.isSafeInteger(offset))
        return new OperationResponse(400, { errors: { message: `'nextPageToken' is not valid` } });
    }
    const since =
      body.updatedFrom === undefined
        ? ''
        : body.updatedFrom.length === 10
          ? `${body.updatedFrom}T00:00:00Z`
          : body.updatedFrom;
    const logs = info.db.timesheetApprovalLogs.filter(
      (l) => l.updatedAt >= since && (!body.userAccountIds?.length || body.userAccountIds.includes(l.accountId)),
    );
    const results = logs.slice(offset, offset + limit).map((l) => ({
      period: { from: l.from, to: l.to },
      user: info.db.userRef(l.accountId),
      ...(l.reviewerAccountId ? { reviewer: info.db.userRef(l.reviewerAccountId) } : {}),
      status: {
        key: l.status,
        actor: info.db.userRef(l.actorAccountId),
        updatedAt: l.updatedAt,
        ...(l.comment !== undefined ? { comment: l.comment } : {}),
      },
    }));
    const metadata: { limit: number; nextPageToken?: string; nextPageUrl?: string } = { limit };
    if (offset + limit < logs.length) {
      metadata.nextPageToken = (offset + limit).toString(36);
      const next = new URL(info.url.toString());
      next.searchParams.set('nextPageToken', metadata.nextPageToken);
      metadata.nextPageUrl = next.toString();
    }
    return { metadata, results, self: info.url.toString() };
  },
};
