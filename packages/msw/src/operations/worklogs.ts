import type { Worklog, WorklogInput, WorklogSearchInput, WorklogUpdate } from '@tempo-sdk/types';
import type { TempoDatabase } from '../db/database.js';
import { badRequest, notFound } from '../errors.js';
import type { OperationContext, OperationImplementations } from './context.js';

/** Filters shared by every worklog listing (query form and search body form). */
export interface WorklogFilter {
  from?: string;
  to?: string;
  updatedFrom?: string;
  projectIds?: number[];
  issueIds?: number[];
  authorIds?: string[];
  accountKey?: string;
  teamId?: number;
  orderBy?: { field: 'ID' | 'START_DATE_TIME' | 'UPDATED'; order: 'ASC' | 'DESC' }[];
}

/** Jira's id for a Tempo worklog: the mock derives it, so the two id-mapping endpoints agree. */
export const JIRA_WORKLOG_OFFSET = 100_000;

/** Worklogs matching `filter`, ordered as asked (by default by start date-time, then id, ascending: the spec's default). */
export function selectWorklogs(db: TempoDatabase, filter: WorklogFilter): Worklog[] {
  const projectOfIssue = (issueId: number | undefined) => (issueId === undefined ? undefined : db.issues.get(issueId)?.projectId);
  const accountKeys = filter.accountKey === undefined ? undefined : accountAttributeKeys(db);
  const teamMemberships = filter.teamId === undefined ? undefined : db.teamMemberships.filter((m) => m.team?.id === filter.teamId);
  const updatedFrom = filter.updatedFrom === undefined ? undefined : normaliseInstant(filter.updatedFrom);
  const selected = db.worklogs.filter((w) => {
    if (filter.from !== undefined && w.startDate < filter.from) return false;
    if (filter.to !== undefined && w.startDate > filter.to) return false;
    if (updatedFrom !== undefined && normaliseInstant(w.updatedAt) < updatedFrom) return false;
    if (filter.issueIds?.length && !filter.issueIds.includes(w.issue.id ?? -1)) return false;
    if (filter.projectIds?.length && !filter.projectIds.includes(projectOfIssue(w.issue.id) ?? -1)) return false;
    if (filter.authorIds?.length && !filter.authorIds.includes(w.author.accountId)) return false;
    if (accountKeys && !(w.attributes.values ?? []).some((v) => accountKeys.has(v.key) && v.value === filter.accountKey)) return false;
    // A team's worklogs are its members' worklogs from the days they were members.
    if (teamMemberships && !teamMemberships.some((m) => m.member?.accountId === w.author.accountId && (m.from ?? '0000') <= w.startDate && (m.inclusiveTo ?? '9999') >= w.startDate)) return false;
    return true;
  });
  // The spec: without an order, start date-time then id, both ascending (not id order: a worklog logged later
  // for an earlier day comes first). Seeded data is mostly in that order already, so check before sorting
  // (the hot path of every list).
  const order = filter.orderBy?.length ? filter.orderBy : DEFAULT_ORDER;
  const compare = (a: Worklog, b: Worklog): number => {
    for (const { field, order: direction } of order) {
      const diff = compareBy(field, a, b);
      if (diff !== 0) return direction === 'DESC' ? -diff : diff;
    }
    return a.tempoWorklogId - b.tempoWorklogId;
  };
  for (let i = 1; i < selected.length; i++) if (compare(selected[i - 1]!, selected[i]!) > 0) return selected.sort(compare);
  return selected;
}

const DEFAULT_ORDER: NonNullable<WorklogFilter['orderBy']> = [
  { field: 'START_DATE_TIME', order: 'ASC' },
  { field: 'ID', order: 'ASC' },
];

function compareBy(field: string, a: Worklog, b: Worklog): number {
  // Plain code-unit comparison: ISO timestamps in one format sort as strings, and it is much cheaper than localeCompare.
  if (field === 'START_DATE_TIME') return compareText(a.startDateTimeUtc ?? '', b.startDateTimeUtc ?? '');
  if (field === 'UPDATED') return compareText(a.updatedAt, b.updatedAt);
  return a.tempoWorklogId - b.tempoWorklogId;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `2026-03-01` → `2026-03-01T00:00:00Z`; a date-time keeps its time: comparable as strings. */
function normaliseInstant(value: string): string {
  const withTime = value.length === 10 ? `${value}T00:00:00` : value.replace(/\.\d+/, '').replace(/Z$/, '');
  return withTime;
}

/** Keys of work attributes of type ACCOUNT (usually `_Account_`). */
function accountAttributeKeys(db: TempoDatabase): Set<string> {
  return new Set(db.workAttributes.filter((a) => a.type === 'ACCOUNT').map((a) => a.key));
}


function worklogOr404(ctx: OperationContext, raw: unknown): Worklog {
  const id = Number(raw);
  const worklog = Number.isInteger(id) ? ctx.db.worklogs.get(id) : undefined;
  if (!worklog) throw notFound(`Worklog with id ${String(raw)} does not exist`);
  return worklog;
}

function queryFilter(ctx: OperationContext): WorklogFilter {
  const q = ctx.query;
  checkRange(q.from, q.to);
  return {
    from: q.from,
    to: q.to,
    updatedFrom: q.updatedFrom,
    projectIds: q.projectId,
    issueIds: q.issueId,
    // The spec: `orderBy` names a field to sort by descending (the default order is ascending, see selectWorklogs).
    orderBy: q.orderBy ? [{ field: q.orderBy, order: 'DESC' }] : undefined,
  };
}

function checkRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from > to) throw badRequest(`'from' must not be after 'to'`);
}

/** Hand-written, stateful implementations of the Worklogs operations. */
export const worklogOperations: OperationImplementations = {
  getWorklogs: (ctx) => ctx.page(selectWorklogs(ctx.db, queryFilter(ctx))),

  getWorklogsByUser: (ctx) => {
    if (!ctx.db.users.has(ctx.path.accountId)) throw notFound(`User with accountId '${ctx.path.accountId}' does not exist`);
    return ctx.page(selectWorklogs(ctx.db, { ...queryFilter(ctx), authorIds: [ctx.path.accountId] }));
  },

  getWorklogsByIssueId: (ctx) => {
    if (!ctx.db.issues.has(ctx.path.issueId)) throw notFound(`Issue with id ${ctx.path.issueId} does not exist`);
    return ctx.page(selectWorklogs(ctx.db, { ...queryFilter(ctx), issueIds: [ctx.path.issueId] }));
  },

  getWorklogsByProjectId: (ctx) => {
    if (!ctx.db.projects.has(ctx.path.projectId)) throw notFound(`Project with id ${ctx.path.projectId} does not exist`);
    return ctx.page(selectWorklogs(ctx.db, { ...queryFilter(ctx), projectIds: [ctx.path.projectId] }));
  },

  getWorklogsByTeam: (ctx) => {
    const teamId = Number(ctx.path.teamId);
    if (!ctx.db.teams.has(teamId)) throw notFound(`Team with id ${String(ctx.path.teamId)} does not exist`);
    return ctx.page(selectWorklogs(ctx.db, { ...queryFilter(ctx), teamId }));
  },

  getWorklogsByAccount: (ctx) => {
    if (!ctx.db.accounts.find((a) => a.key === ctx.path.accountKey)) throw notFound(`Account with key '${ctx.path.accountKey}' does not exist`);
    return ctx.page(selectWorklogs(ctx.db, { ...queryFilter(ctx), accountKey: ctx.path.accountKey }));
  },

  searchWorklogs: (ctx) => {
    const input = (ctx.body ?? {}) as WorklogSearchInput;
    // Only the fields of the spec's WorklogSearchInput filter: the internal filter also has `teamId` and
    // `accountKey` (for the /team and /account listings), which a search body must not be able to reach.
    const filter: WorklogFilter = {
      from: input.from,
      to: input.to,
      updatedFrom: input.updatedFrom,
      authorIds: input.authorIds,
      issueIds: input.issueIds,
      projectIds: input.projectIds,
      orderBy: input.orderBy as WorklogFilter['orderBy'],
    };
    checkRange(filter.from, filter.to);
    for (const key of ['from', 'to'] as const) {
      if (filter[key] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(filter[key]!)) throw badRequest(`'${key}' must be a date in the format YYYY-MM-DD`);
    }
    return ctx.page(selectWorklogs(ctx.db, filter));
  },

  getWorklogById: (ctx) => worklogOr404(ctx, ctx.path.id),

  createWorklog: (ctx) => ctx.db.worklogs.create(ctx.body as WorklogInput),

  bulkCreateWorklog: (ctx) => {
    if (!ctx.db.issues.has(ctx.path.issueId)) throw notFound(`Issue with id ${ctx.path.issueId} does not exist`);
    const inputs = (ctx.body as Omit<WorklogInput, 'issueId'>[]).map((w) => ({ ...w, issueId: ctx.path.issueId as number }));
    // All or nothing: check every input before creating any.
    for (const input of inputs) ctx.db.worklogs.check(input);
    return inputs.map((input) => ctx.db.worklogs.create(input));
  },

  updateWorklog: (ctx) => {
    const existing = worklogOr404(ctx, ctx.path.id);
    const body = ctx.body as WorklogUpdate;
    return ctx.db.worklogs.replace(existing.tempoWorklogId, { ...body, issueId: existing.issue.id! });
  },

  deleteWorklog: (ctx) => {
    const existing = worklogOr404(ctx, ctx.path.id);
    ctx.db.worklogs.delete(existing.tempoWorklogId);
    return undefined;
  },

  getWorkAttributeValuesForWorklog: (ctx) => ctx.results(worklogOr404(ctx, ctx.path.id).attributes.values ?? []),

  getWorkAttributeValueForWorklog: (ctx) => {
    const worklog = worklogOr404(ctx, ctx.path.id);
    const value = (worklog.attributes.values ?? []).find((v) => v.key === ctx.path.key);
    if (!value) throw notFound(`Worklog ${worklog.tempoWorklogId} has no value for work attribute '${ctx.path.key}'`);
    return value;
  },

  createWorkAttributeValuesForWorklogs: (ctx) => {
    const items = ctx.body as { tempoWorklogId: number; attributeValues: { key: string; value?: string }[] }[];
    // The spec: this only adds values (a key the worklog already has → 400; change values by updating the
    // worklog), unknown worklogs or attribute keys → 404. All or nothing: every item is checked, against the
    // values earlier items of the same call add, before any worklog changes.
    const planned = new Map<number, { key: string; value?: string }[]>();
    for (const item of items) {
      const id = worklogOr404(ctx, item.tempoWorklogId).tempoWorklogId;
      const current = ctx.db.worklogs.inputOf(id)!;
      const attributes = [...(planned.get(id) ?? current.attributes ?? [])];
      for (const value of item.attributeValues) {
        if (!ctx.db.workAttributes.has(value.key)) throw notFound(`Work attribute '${value.key}' does not exist`);
        if (attributes.some((a) => a.key === value.key)) {
          throw badRequest(`Worklog ${id} already has a value for work attribute '${value.key}': update the worklog to change it`);
        }
        attributes.push(value);
      }
      ctx.db.worklogs.check({ ...current, attributes }); // value fits the attribute's type, list, account → else 400
      planned.set(id, attributes);
    }
    for (const [id, attributes] of planned) ctx.db.worklogs.update(id, { attributes });
    return undefined;
  },

  searchWorkAttributeValuesForWorklogs: (ctx) => {
    const ids = ((ctx.body ?? {}) as { tempoWorklogIds?: number[] }).tempoWorklogIds ?? [];
    return ids
      .map((id) => ctx.db.worklogs.get(id))
      .filter((w): w is Worklog => w !== undefined)
      .map((w) => ({ tempoWorklogId: w.tempoWorklogId, workAttributeValues: w.attributes.values ?? [] }));
  },

  getTempoWorklogIdsByJiraWorklogIds: (ctx) => {
    const ids = (ctx.body as { jiraWorklogIds: number[] }).jiraWorklogIds;
    const mapped = ids
      .filter((jira) => ctx.db.worklogs.has(jira - JIRA_WORKLOG_OFFSET))
      .map((jira) => ({ jiraWorklogId: jira, tempoWorklogId: jira - JIRA_WORKLOG_OFFSET }));
    return ctx.page(mapped);
  },

  getJiraWorklogIdsByTempoWorklogIds: (ctx) => {
    const ids = (ctx.body as { tempoWorklogIds: number[] }).tempoWorklogIds;
    const mapped = ids
      .filter((tempo) => ctx.db.worklogs.has(tempo))
      .map((tempo) => ({ tempoWorklogId: tempo, jiraWorklogId: tempo + JIRA_WORKLOG_OFFSET }));
    return ctx.page(mapped);
  },
};
