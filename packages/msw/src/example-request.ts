/**
 * `exampleRequest`: a valid request for any operation, built from the spec and the mock's current data. The
 * every-operation test uses it, and so can consumers who want to smoke-test a client, a proxy or a generated SDK
 * against all of Tempo without writing 252 requests by hand.
 */
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import type { TempoMock } from './mock.js';
import { TempoMockUsageError } from './errors.js';
import { Prng } from './prng.js';
import { sampleFromSchema } from './sample.js';
import { getOperation, resolveSchema } from './spec.js';

/** A request for one operation that the mock answers with its success status. */
export interface ExampleRequest {
  /** The operation. */
  operationId: OperationId;
  /** HTTP method, upper case. */
  method: string;
  /** Path parameters, by name (ids that exist in the mock's data). */
  path: Record<string, string | number>;
  /** Query parameters: every required one, plus `from`/`to` where the operation has them. */
  query: Record<string, unknown>;
  /** The JSON body, when the operation takes one. */
  body?: unknown;
  /** Path and query string, relative to the base URL (`/worklogs/1?from=…`). */
  url: string;
}

/**
 * Builds a valid request for `operationId`: parameters and bodies are sampled from their schemas, and identifiers
 * are replaced by ones the mock's data really has, so stateful operations find them. Destructive operations get a
 * freshly created record, so they never trip "still in use" rules. Call it after seeding, right before the request:
 * it reads (and for deletes, writes) `mock.db`. The same mock data gives the same request.
 *
 * @throws {TempoMockUsageError} when `operationId` is not an operation of the spec.
 * @example
 * ```ts
 * const request = exampleRequest(mock, 'getWorklogById');
 * const res = await fetch(`https://api.tempo.io/4${request.url}`, { headers: { authorization: `Bearer ${MOCK_API_TOKEN}` } });
 * // res.status === 200
 * ```
 */
export function exampleRequest(mock: TempoMock, operationId: OperationId): ExampleRequest {
  const info = operationIndex[operationId];
  if (!info)
    throw new TempoMockUsageError(`exampleRequest: '${String(operationId)}' is not an operationId of the spec`);
  const op = getOperation(info.method, info.path);
  const known = knownValues(operationId, mock, info.path, info.group);
  const ctx = {
    rng: new Prng(7),
    today: mock.today,
    accountIds: mock.db.users.all().map((u) => u.accountId),
    overrides: known,
  };
  const path: Record<string, string | number> = {};
  const query: Record<string, unknown> = {};
  for (const p of op.parameters ?? []) {
    const schema = resolveSchema(p.schema);
    if (p.in === 'path') {
      path[p.name] = (known[p.name] ?? sampleFromSchema(schema, ctx, p.name)) as string | number;
    } else if (p.in === 'query' && (p.required || p.name === 'from' || p.name === 'to')) {
      query[p.name] = known[p.name] ?? sampleFromSchema(schema, ctx, p.name);
    }
  }
  // A sampled from/to pair may be out of order; the known week always is in order.
  if ('from' in query && 'to' in query) {
    query.from = known.from;
    query.to = known.to;
  }
  const schema = op.requestBody?.content['application/json']?.schema;
  const body = patchBody(operationId, schema ? sampleFromSchema(schema, ctx, 'body') : undefined, mock);
  return {
    operationId,
    method: info.method.toUpperCase(),
    path,
    query,
    ...(body !== undefined ? { body } : {}),
    url: urlOf(info.path, path, query),
  };
}

function urlOf(template: string, path: Record<string, string | number>, query: Record<string, unknown>): string {
  const filled = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(path[name])));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, String(v));
  }
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

/**
 * Identifiers that exist in the default data, by parameter/property name, for the operation's resource. Deletes
 * and other destructive operations get a freshly created record, so they never trip "still in use" rules.
 */
function knownValues(operationId: OperationId, mock: TempoMock, path: string, group: string): Record<string, unknown> {
  const db = mock.db;
  const users = db.users.all();
  const worklog = db.worklogs.all()[0]!;
  const team = db.teams.all()[0]!;
  const plan = db.plans.all()[0]!;
  const holidayScheme = db.holidaySchemes.find((s) => s.defaultScheme)!;
  const lastMonday = addDays(mondayOf(mock.today), -7);
  const values: Record<string, unknown> = {
    from: addDays(mock.today, -6),
    to: mock.today,
    accountId: users[1]!.accountId,
    issueId: db.issues.all()[0]!.id,
    projectId: db.projects.all()[0]!.id,
    accountKey: 'ACME-SUPPORT',
    categoryKey: 'BILL',
    customerKey: 'ACME',
    leadAccountId: users[0]!.accountId,
    teamId: team.id,
    genericResourceId: db.genericResources.all()[0]!.id,
    schemeId: holidayScheme.id,
    holidayId: db.holidays.find((h) => h.schemeId === holidayScheme.id)!.id,
    linkId: db.teamLinks.all()[0]!.id,
  };
  const unusedRole = () => db.roles.create({ name: 'Walk role' }).id;
  const byGroup: Record<string, () => Record<string, unknown>> = {
    worklogs: () => ({ id: worklog.tempoWorklogId, key: '_Account_' }),
    accounts: () => ({ id: db.accounts.all()[0]!.id, key: 'ACME-SUPPORT' }),
    accountCategories: () => ({
      key:
        operationId === 'deleteCategory' ? db.accountCategories.create({ key: 'UNUSED', name: 'Unused' }).key : 'BILL',
    }),
    customers: () => ({
      id: db.customers.all()[0]!.id,
      key: operationId === 'deleteCustomer' ? db.customers.create({ key: 'UNUSED', name: 'Unused' }).key : 'ACME',
    }),
    accountLinks: () => ({
      id: path.startsWith('/account-links/project') ? db.projects.all()[0]!.id : db.accountLinks.all()[0]!.id,
    }),
    workAttributes: () => ({ key: '_Activity_' }),
    team: () => ({ id: team.id }),
    teamMemberships: () => ({ id: db.teamMemberships.all()[0]!.id }),
    teamLinks: () => ({ id: db.projects.all()[0]!.id }),
    roles: () => ({ id: operationId === 'deleteRole' ? unusedRole() : db.roles.all()[0]!.id }),
    skills: () => ({ id: db.skills.all()[0]!.id }),
    genericResources: () => ({ id: db.genericResources.all()[0]!.id }),
    plans: () => ({ id: plan.id, day: plan.startDate }),
    holidaySchemes: () => ({
      schemeId:
        operationId === 'deleteHolidayScheme' ? db.holidaySchemes.find((s) => !s.defaultScheme)!.id : holidayScheme.id,
    }),
    subscription: () => ({
      id: (
        mock.webhooks.list()[0] ??
        mock.webhooks.seed({ event: 'worklog.created', url: 'https://receiver.invalid/tempo' })
      ).id,
    }),
    workloadSchemes: () => ({
      id:
        operationId === 'deleteWorkloadScheme'
          ? db.workloadSchemes.find((s) => !s.defaultScheme)!.id
          : db.workloadSchemes.all()[0]!.id,
    }),
    timesheetApprovals: () => {
      // The default data has last week IN_REVIEW for users 2 and 3, APPROVED for user 1, OPEN for the others.
      const who: Partial<Record<OperationId, string>> = {
        approveTimesheetForUser: users[2]!.accountId,
        rejectTimesheetForUser: users[2]!.accountId,
        recallTimesheetForUser: users[3]!.accountId,
        reopenTimesheetForUser: users[1]!.accountId,
        submitTimesheetForUser: users[4]!.accountId,
      };
      return { accountId: who[operationId] ?? users[1]!.accountId, from: lastMonday, to: addDays(lastMonday, 6) };
    },
  };
  return {
    ...values,
    ...(byGroup[group]?.() ?? {}),
    ...(path.startsWith('/worklogs') && group === 'worklogs' ? { id: worklog.tempoWorklogId } : {}),
  };
}

/** Request bodies whose references must point at existing data. */
function patchBody(operationId: OperationId, body: unknown, mock: TempoMock): unknown {
  const db = mock.db;
  const users = db.users.all();
  const b = body as Record<string, unknown>;
  const project = db.projects.all()[2]!;
  switch (operationId) {
    case 'createWorklog':
    case 'updateWorklog':
      return { ...b, attributes: [{ key: '_Account_', value: 'ACME-SUPPORT' }] };
    case 'bulkCreateWorklog':
      return (body as Record<string, unknown>[]).map((w) => ({
        ...w,
        attributes: [{ key: '_Activity_', value: 'Meeting' }],
      }));
    case 'createWorkAttributeValuesForWorklogs': {
      // The operation only adds values (a key the worklog already has is a 400): the seeded worklogs carry
      // `_Account_` and `_Activity_`, so add `_Overtime_` to one without it.
      const worklog =
        db.worklogs.find((w) => !(w.attributes.values ?? []).some((v) => v.key === '_Overtime_')) ??
        db.worklogs.all()[0]!;
      return [{ tempoWorklogId: worklog.tempoWorklogId, attributeValues: [{ key: '_Overtime_', value: 'true' }] }];
    }
    case 'searchWorkAttributeValuesForWorklogs':
    case 'getJiraWorklogIdsByTempoWorklogIds':
      return { tempoWorklogIds: [db.worklogs.all()[0]!.tempoWorklogId] };
    case 'getTempoWorklogIdsByJiraWorklogIds':
      return { jiraWorklogIds: [db.worklogs.all()[0]!.tempoWorklogId + 100_000] };
    case 'createAccount':
    case 'updateAccount':
      return {
        ...b,
        key: operationId === 'createAccount' ? 'NEW-ACCOUNT' : 'ACME-SUPPORT',
        status: 'OPEN',
        categoryKey: 'BILL',
        customerKey: 'ACME',
      };
    case 'createCategory':
      return { ...b, key: 'NEWCAT' };
    case 'createCustomer':
      return { ...b, key: 'NEWCUST' };
    case 'createLink':
      return { ...b, accountKey: 'INTERNAL', scopeId: db.projects.all()[0]!.id };
    case 'createMembership':
      return {
        ...b,
        teamId: db.teams.all()[0]!.id,
        roleId: db.roles.all()[0]!.id,
        from: mock.today,
        to: addDays(mock.today, 30),
      };
    case 'updateMembership':
      return { ...b, roleId: db.roles.all()[0]!.id, from: mock.today, to: addDays(mock.today, 30) };
    case 'createTeamLink':
      return { ...b, teamId: db.teams.all()[0]!.id, scopeId: project.id };
    case 'createWorkAttributes':
      return { ...b, key: '_New_', type: 'INPUT_FIELD' };
    case 'updateWorkAttributeByKey':
      return { ...b, type: 'STATIC_LIST', values: ['A', 'B'] };
    case 'createWorkloadScheme':
    case 'updateWorkloadScheme':
      return {
        ...b,
        name: 'Walk scheme',
        days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((day) => ({
          day,
          requiredSeconds: 3600,
        })),
      };
    case 'createPlan':
    case 'updatePlan':
    case 'updatePartialPlan':
      return {
        ...b,
        assigneeId: users[0]!.accountId,
        assigneeType: 'USER',
        planItemId: String(project.id),
        planItemType: 'PROJECT',
        startDate: mock.today,
        endDate: addDays(mock.today, 4),
        recurrenceEndDate: addDays(mock.today, 4),
        planApproval: { status: 'REQUESTED', reviewerId: users[1]!.accountId },
      };
    case 'searchPlans':
      return { ...b, from: addDays(mock.today, -6), to: mock.today, updatedFrom: '2000-01-01', limit: 50, offset: 0 };
    case 'createHolidayScheme':
    case 'updateHolidayScheme':
    case 'createRole':
    case 'updateRole':
    case 'createSkill':
    case 'updateSkill':
    case 'createGenericResource':
    case 'editGenericResource':
    case 'createTeam':
    case 'updateTeam':
      return { ...b, name: `Walk ${operationId}`, ...(b.programId !== undefined ? { programId: undefined } : {}) };
    case 'setWorkloadSchemeForUsers':
    case 'setWorkloadSchemeMembership':
      return { accountIds: [users[4]!.accountId] };
    case 'searchHolidaySchemeMembers':
    case 'searchWorkloadSchemeMembers':
      return { schemeIds: [1], offset: 0, limit: 50 };
    case 'submitTimesheetForUser':
    case 'approveTimesheetForUser':
    case 'rejectTimesheetForUser':
    case 'recallTimesheetForUser':
    case 'reopenTimesheetForUser':
      return { comment: 'walk', reviewerAccountId: users[0]!.accountId };
    case 'searchTimesheetApprovalLogs':
      return { updatedFrom: '2000-01-01', userAccountIds: [users[1]!.accountId] };
    default:
      return body;
  }
}

function mondayOf(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
