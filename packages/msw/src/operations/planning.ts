import type { Plan, PlanInput, PlanSearchInput } from '@tempo-sdk/types';
import type { TempoDatabase } from '../db/database.js';
import type { PlanSeed } from '../db/planning.js';
import { addDays, isDay } from '../dates.js';
import { badRequest, notFound } from '../errors.js';
import { buildPage, pageWindow, type ResolverInfo, type OperationResolvers } from './context.js';
import { crud } from './crud.js';

interface PlanFilter {
  from?: string;
  to?: string;
  updatedFrom?: string;
  accountIds?: string[];
  assigneeTypes?: string[];
  genericResourceIds?: number[];
  planIds?: number[];
  /** Deprecated in the spec but still a filter: ids of the planned issue or project, whatever its type. */
  planItemIds?: number[];
  issueIds?: number[];
  projectIds?: number[];
  planItemTypes?: string[];
}

/** Plans overlapping [from, to] and matching every other given filter. */
function selectPlans(db: TempoDatabase, f: PlanFilter): Plan[] {
  for (const key of ['from', 'to'] as const)
    if (f[key] !== undefined && !isDay(f[key])) throw badRequest(`'${key}' must be a date in the format YYYY-MM-DD`);
  if (f.from && f.to && f.from > f.to) throw badRequest(`'from' must not be after 'to'`);
  const updatedFrom = f.updatedFrom && f.updatedFrom.length === 10 ? `${f.updatedFrom}T00:00:00Z` : f.updatedFrom;
  return db.plans.filter((p) => {
    const type = p.assignee?.type;
    const itemId = Number(p.planItem?.id);
    const projectOfItem = p.planItem?.type === 'ISSUE' ? db.issues.get(itemId)?.projectId : itemId;
    return (
      (f.from === undefined || (p.endDate ?? '') >= f.from) &&
      (f.to === undefined || (p.startDate ?? '') <= f.to) &&
      (updatedFrom === undefined || (p.updatedAt ?? '') >= updatedFrom) &&
      (!f.accountIds?.length || (type === 'USER' && f.accountIds.includes(p.assignee!.id!))) &&
      (!f.assigneeTypes?.length || f.assigneeTypes.includes(type ?? '')) &&
      (!f.genericResourceIds?.length ||
        (type === 'GENERIC' && f.genericResourceIds.includes(Number(p.assignee!.id)))) &&
      (!f.planIds?.length || f.planIds.includes(p.id!)) &&
      (!f.planItemIds?.length || f.planItemIds.includes(itemId)) &&
      (!f.issueIds?.length || (p.planItem?.type === 'ISSUE' && f.issueIds.includes(itemId))) &&
      (!f.projectIds?.length || (projectOfItem !== undefined && f.projectIds.includes(projectOfItem))) &&
      (!f.planItemTypes?.length || f.planItemTypes.includes(p.planItem?.type ?? ''))
    );
  });
}

/**
 * The filters the per-user and per-resource listings declare, read by name (not a copy of the whole query): the drift
 * test sees each filter the mock applies, and a name the spec renames is reported instead of silently ignored.
 */
function periodFilter(info: ResolverInfo): PlanFilter {
  const q = info.query as PlanFilter;
  return { from: q.from, to: q.to, updatedFrom: q.updatedFrom };
}

function planOr404(info: ResolverInfo): Plan {
  const plan = /^\d+$/.test(String(info.path.id)) ? info.db.plans.get(Number(info.path.id)) : undefined;
  if (!plan) throw notFound(`Plan '${String(info.path.id)}' does not exist`);
  return plan;
}

/** Plans, skills and generic resources. */
export const planningOperations: OperationResolvers = {
  ...crud({
    collection: (db) => db.plans,
    param: 'id',
    get: 'getPlanById',
    create: 'createPlan',
    update: 'updatePlan',
    delete: 'deletePlanById',
    input: (info, existing) => ({
      ...(info.body as PlanInput),
      ...(existing?.planCreatorId ? { planCreatorId: existing.planCreatorId } : { planCreatorId: info.user }),
    }),
  }),

  getPlans: (info) => info.page(selectPlans(info.db, info.query as PlanFilter)),

  getPlansForUser: (info) => {
    const accountId = String(info.path.accountId);
    if (!info.db.users.has(accountId)) throw notFound(`User with accountId '${accountId}' does not exist`);
    return info.results(selectPlans(info.db, { ...periodFilter(info), accountIds: [accountId] }));
  },

  getPlansForGenericResource: (info) => {
    const id = Number(info.path.genericResourceId);
    if (!info.db.genericResources.has(id))
      throw notFound(`Generic resource '${String(info.path.genericResourceId)}' does not exist`);
    return info.results(selectPlans(info.db, { ...periodFilter(info), genericResourceIds: [id] }));
  },

  searchPlans: (info) => {
    const body = info.body as PlanSearchInput;
    const window = pageWindow({ offset: body.offset ?? 0, limit: body.limit ?? 50 });
    const plans = selectPlans(info.db, body);
    const results = plans.slice(window.offset, window.offset + window.limit);
    return { metadata: { count: results.length, offset: window.offset, limit: window.limit }, results };
  },

  deleteDayFromPlan: (info) => {
    const plan = planOr404(info);
    const day = String(info.path.day);
    if (!isDay(day)) throw badRequest(`'day' must be a date in the format YYYY-MM-DD`);
    if (day < plan.startDate! || day > plan.endDate!) throw badRequest(`${day} is not a day of plan ${plan.id}`);
    // The spec: the day goes, the rest stays. Model: the per-day effort is kept and the plan's range changes —
    // the first/last day shortens the plan, a day inside splits it in two (this plan keeps the days before,
    // a new plan gets the days after), and removing a one-day plan's only day deletes it.
    const id = plan.id!;
    const input = info.db.plans.inputOf(id)!;
    const perDay: PlanSeed = {
      ...input,
      plannedSeconds: undefined, // the total is recomputed from the per-day effort over the new range
      plannedSecondsPerDay: plan.plannedSecondsPerDay,
      effortPersistenceType: plan.effortPersistenceType as PlanSeed['effortPersistenceType'],
      planCreatorId: plan.planCreatorId,
      // A non-recurring plan's recurrence end follows its end date; a recurring one keeps its own.
      recurrenceEndDate: (input.rule ?? 'NEVER') === 'NEVER' ? undefined : input.recurrenceEndDate,
    };
    const start = plan.startDate!;
    const end = plan.endDate!;
    if (start === end) info.db.plans.delete(id);
    else if (day === start) info.db.plans.replace(id, { ...perDay, startDate: addDays(day, 1) });
    else if (day === end) info.db.plans.replace(id, { ...perDay, endDate: addDays(day, -1) });
    else {
      info.db.plans.replace(id, { ...perDay, endDate: addDays(day, -1) });
      info.db.plans.create({ ...perDay, startDate: addDays(day, 1) });
    }
    return undefined;
  },

  ...crud({
    collection: (db) => db.skills,
    param: 'id',
    list: {
      operationId: 'getSkills',
      shape: 'page',
      filter: (info, all) => {
        const { id, query } = info.query as { id?: number[]; query?: string };
        return all.filter(
          (s) =>
            (!id?.length || id.includes(s.id)) &&
            (query === undefined || s.name.toLowerCase().includes(query.toLowerCase())),
        );
      },
    },
    get: 'getSkill',
    create: 'createSkill',
    update: 'updateSkill',
    delete: 'deleteSkill',
  }),

  ...crud({
    collection: (db) => db.genericResources,
    param: 'id',
    get: 'getGenericResource',
    create: 'createGenericResource',
    update: 'editGenericResource',
    delete: 'deleteGenericResource',
    beforeDelete: (info, resource) => {
      for (const plan of info.db.plans.filter(
        (p) => p.assignee?.type === 'GENERIC' && p.assignee.id === String(resource.id),
      ))
        info.db.plans.delete(plan.id!);
    },
  }),

  searchGenericResources: (info) => {
    const body = (info.body ?? {}) as { ids?: number[]; query?: string; offset?: number; limit?: number };
    // The spec pages this search with the body's offset/limit, and its metadata has next/previous. Links cannot
    // carry a body, so they carry offset/limit in the query (as buildPage makes them); POSTing the same body to
    // a link must give that page, so query offset/limit, when present, win over the body's.
    const fromQuery = (name: 'offset' | 'limit') => {
      const raw = info.url.searchParams.get(name);
      return raw === null ? undefined : Number(raw);
    };
    const window = pageWindow({
      offset: fromQuery('offset') ?? body.offset ?? 0,
      limit: fromQuery('limit') ?? body.limit ?? 50,
    });
    const found = info.db.genericResources.filter(
      (r) =>
        (!body.ids?.length || body.ids.includes(r.id)) &&
        (body.query === undefined || r.name.toLowerCase().includes(body.query.toLowerCase())),
    );
    const { metadata, results } = buildPage(found, info.url, window); // no `self`: the schema is …WithoutSelfLink
    return { metadata, results };
  },
};
