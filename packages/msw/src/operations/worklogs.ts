import type { Worklog, WorklogInput, WorklogSearchInput, WorklogUpdate } from '@tempo-sdk/types';
import type { TempoDatabase } from '../db/database.js';
import { badRequest, notFound } from '../errors.js';
import type { ResolverInfo, OperationResolvers } from './context.js';

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
  const projectOfIssue = (issueId: number | undefined) =>
    issueId === undefined ? undefined : db.issues.get(issueId)?.projectId;
  const accountKeys = filter.accountKey === undefined ? undefined : accountAttributeKeys(db);
  const teamMemberships =
    filter.teamId === undefined ? undefined : db.teamMemberships.filter((m) => m.team?.id === filter.teamId);
  const updatedFrom = filter.updatedFrom === undefined ? undefined : normaliseInstant(filter.updatedFrom);
  const selected = db.worklogs.filter((w) => {
    if (filter.from !== undefined && w.startDate < filter.from) return false;
    if (filter.to !== undefined && w.startDate > filter.to) return false;
    if (updatedFrom !== undefined && normaliseInstant(w.updatedAt) < updatedFrom) return false;
    if (filter.issueIds?.length && !filter.issueIds.includes(w.issue.id ?? -1)) return false;
    if (filter.projectIds?.length && !filter.projectIds.includes(projectOfIssue(w.issue.id) ?? -1)) return false;
    if (filter.authorIds?.length && !filter.authorIds.includes(w.author.accountId)) return false;
    if (
      accountKeys &&
      !(w.attributes.values ?? []).some((v) => accountKeys.has(v.key) && v.value === filter.accountKey)
    )
      return false;
    // A team's worklogs are its members' worklogs from the days they were members.
    if (
      teamMemberships &&
      !teamMemberships.some(
        (m) =>
          m.member?.accountId === w.author.accountId &&
          (m.from ?? '0000') <= w.startDate &&
          (m.inclusiveTo ?? '9999') >= w.startDate,
      )
    )
      return false;
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
  for (let i = 1; i < selected.length; i++)
    if (compare(selected[i - 1]!, selected[i]!) > 0) return selected.sort(compare);
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

function worklogOr404(info: ResolverInfo, raw: unknown): Worklog {
  const id = Number(raw);
  const worklog = Number.isInteger(id) ? info.db.worklogs.get(id) : undefined;
  if (!worklog) throw notFound(`Worklog with id ${String(raw)} does not exist`);
  return worklog;
}

/**
 * The filters every worklog listing declares (`from`, `to`, `updatedFrom`), read by name: the listings by user,
 * issue, project, team and account declare no other, so they must not look any other up (the drift test checks).
 */
function periodFilter(info: ResolverInfo): WorklogFilter {
  const q = info.query;
  checkRange(q.from, q.to);
  return { from: q.from, to: q.to, updatedFrom: q.updatedFrom };
}

/** `GET /worklogs`'s own filters besides the period. */
function queryFilter(info: ResolverInfo): WorklogFilter {
  const q = info.query;
  return {
    ...periodFilter(info),
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
export const worklogOperations: OperationResolvers = {
  getWorklogs: (info) => info.page(selectWorklogs(info.db, queryFilter(info))),

  getWorklogsByUser: (info) => {
    if (!info.db.users.has(info.path.accountId))
      throw notFound(`User with accountId '${info.path.accountId}' does not exist`);
    return info.page(selectWorklogs(info.db, { ...periodFilter(info), authorIds: [info.path.accountId] }));
  },

  getWorklogsByIssueId: (info) => {
    if (!info.db.issues.has(info.path.issueId)) throw notFound(`Issue with id ${info.path.issueId} does not exist`);
    return info.page(selectWorklogs(info.db, { ...periodFilter(info), issueIds: [info.path.issueId] }));
  },

  getWorklogsByProjectId: (info) => {
    if (!info.db.projects.has(info.path.projectId))
      throw notFound(`Project with id ${info.path.projectId} does not exist`);
    return info.page(selectWorklogs(info.db, { ...periodFilter(info), projectIds: [info.path.projectId] }));
  },

  getWorklogsByTeam: (info) => {
    const teamId = Number(info.path.teamId);
    if (!info.db.teams.has(teamId)) throw notFound(`Team with id ${String(info.path.teamId)} does not exist`);
    return info.page(selectWorklogs(info.db, { ...periodFilter(info), teamId }));
  },

  getWorklogsByAccount: (info) => {
    if (!info.db.accounts.find((a) => a.key === info.path.accountKey))
      throw notFound(`Account with key '${info.path.accountKey}' does not exist`);
    return info.page(selectWorklogs(info.db, { ...periodFilter(info), accountKey: info.path.accountKey }));
  },

  searchWorklogs: (info) => {
    const input = (info.body ?? {}) as WorklogSearchInput;
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
      if (filter[key] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(filter[key]!))
        throw badRequest(`'${key}' must be a date in the format YYYY-MM-DD`);
    }
    return info.page(selectWorklogs(info.db, filter));
  },

  getWorklogById: (info) => worklogOr404(info, info.path.id),

  createWorklog: (info) => info.db.worklogs.create(info.body as WorklogInput),

  bulkCreateWorklog: (info) => {
    if (!info.db.issues.has(info.path.issueId)) throw notFound(`Issue with id ${info.path.issueId} does not exist`);
    const inputs = (info.body as Omit<WorklogInput, 'issueId'>[]).map((w) => ({
      ...w,
      issueId: info.path.issueId as number,
    }));
    // All or nothing: check every input before creating any.
    for (const input of inputs) info.db.worklogs.check(input);
    return inputs.map((input) => info.db.worklogs.create(input));
  },

  updateWorklog: (info) => {
    const existing = worklogOr404(info, info.path.id);
    const body = info.body as WorklogUpdate;
    return info.db.worklogs.replace(existing.tempoWorklogId, { ...body, issueId: existing.issue.id! });
  },

  deleteWorklog: (info) => {
    const existing = worklogOr404(info, info.path.id);
    info.db.worklogs.delete(existing.tempoWorklogId);
    return undefined;
  },

  getWorkAttributeValuesForWorklog: (info) => info.results(worklogOr404(info, info.path.id).attributes.values ?? []),

  getWorkAttributeValueForWorklog: (info) => {
    const worklog = worklogOr404(info, info.path.id);
    const value = (worklog.attributes.values ?? []).find((v) => v.key === info.path.key);
    if (!value) throw notFound(`Worklog ${worklog.tempoWorklogId} has no value for work attribute '${info.path.key}'`);
    return value;
  },

  createWorkAttributeValuesForWorklogs: (info) => {
    const items = info.body as { tempoWorklogId: number; attributeValues: { key: string; value?: string }[] }[];
    // The spec: this only adds values (a key the worklog already has → 400; change values by updating the
    // worklog), unknown worklogs or attribute keys → 404. All or nothing: every item is checked, against the
    // values earlier items of the same call add, before any worklog changes.
    const planned = new Map<number, { key: string; value?: string }[]>();
    for (const item of items) {
      const id = worklogOr404(info, item.tempoWorklogId).tempoWorklogId;
      const current = info.db.worklogs.inputOf(id)!;
      const attributes = [...(planned.get(id) ?? current.attributes ?? [])];
      for (const value of item.attributeValues) {
        if (!info.db.workAttributes.has(value.key)) throw notFound(`Work attribute '${value.key}' does not exist`);
        if (attributes.some((a) => a.key === value.key)) {
          throw badRequest(
            `Worklog ${id} already has a value for work attribute '${value.key}': update the worklog to change it`,
          );
        }
        attributes.push(value);
      }
      info.db.worklogs.check({ ...current, attributes }); // value fits the attribute's type, list, account → else 400
      planned.set(id, attributes);
    }
    for (const [id, attributes] of planned) info.db.worklogs.update(id, { attributes });
    return undefined;
  },

  searchWorkAttributeValuesForWorklogs: (info) => {
    const ids = ((info.body ?? {}) as { tempoWorklogIds?: number[] }).tempoWorklogIds ?? [];
    return ids
      .map((id) => info.db.worklogs.get(id))
      .filter((w): w is Worklog => w !== undefined)
      .map((w) => ({ tempoWorklogId: w.tempoWorklogId, workAttributeValues: w.attributes.values ?? [] }));
  },

  getTempoWorklogIdsByJiraWorklogIds: (info) => {
    const ids = (info.body as { jiraWorklogIds: number[] }).jiraWorklogIds;
    const mapped = ids
      .filter((jira) => info.db.worklogs.has(jira - JIRA_WORKLOG_OFFSET))
      .map((jira) => ({ jiraWorklogId: jira, tempoWorklogId: jira - JIRA_WORKLOG_OFFSET }));
    return info.page(mapped);
  },

  getJiraWorklogIdsByTempoWorklogIds: (info) => {
    const ids = (info.body as { tempoWorklogIds: number[] }).tempoWorklogIds;
    const mapped = ids
      .filter((tempo) => info.db.worklogs.has(tempo))
      .map((tempo) => ({ tempoWorklogId: tempo, jiraWorklogId: tempo + JIRA_WORKLOG_OFFSET }));
    return info.page(mapped);
  },
};
