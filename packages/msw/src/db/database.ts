import type {
  Account,
  AccountInput,
  Category,
  CategoryInput,
  CreateWorkAttributeInput,
  Customer,
  CustomerInput,
  WorkAttribute,
  Worklog,
  WorklogInput,
} from '@tempo-sdk/types';
import { CANONICAL_BASE_URL } from '../constants.js';
import { eachDay, isoSeconds, weekday } from '../dates.js';
import { badRequest } from '../errors.js';
import { Collection } from './collection.js';
import { createPlanningCollections } from './planning.js';
import { createScheduleCollections, WEEKDAYS } from './schedules.js';
import { accountKeyOfLink, createTeamCollections } from './teams.js';

/** A Jira user as the mock knows it (Jira data is not part of Tempo's API, but Tempo references it). */
export interface MockUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
}

/** A Jira project, referenced by worklogs (through issues), account links and team links. */
export interface MockProject {
  id: number;
  key: string;
  name: string;
}

/** A Jira issue worklogs are logged on. */
export interface MockIssue {
  id: number;
  key: string;
  projectId: number;
  summary: string;
}

/** Input of `db.worklogs.create`: Tempo's `WorklogInput`, optionally with fixed timestamps for seeding. */
export type WorklogSeed = WorklogInput & { createdAt?: string; updatedAt?: string };

/** What the database needs from the mock around it. */
export interface DatabaseEnvironment {
  /** Current time (injectable so tests can control `updatedAt`). */
  now: () => number;
  /** Jira site the mock pretends to belong to, e.g. `https://tempo-mock.atlassian.net`. */
  jiraSiteUrl: string;
  /** accountId of the user acting when no request says otherwise (creators of seeded records). */
  currentUser: () => string;
}

/** One day of a user's schedule, as `GET /user-schedule` answers it. */
export interface ScheduleDay {
  date: string;
  requiredSeconds: number;
  type: 'WORKING_DAY' | 'NON_WORKING_DAY' | 'HOLIDAY' | 'HOLIDAY_AND_NON_WORKING_DAY';
  holiday?: import('@tempo-sdk/types').Holiday;
}

const B = CANONICAL_BASE_URL;

/**
 * The mock's in-memory Tempo: one typed collection per resource. Records have the shape of the spec's
 * response schemas; inputs the shape of its request schemas.
 */
export function createDatabase(env: DatabaseEnvironment) {
  const jira = env.jiraSiteUrl.replace(/\/$/, '');
  const userRef = (accountId: string) => ({ accountId, self: `${jira}/rest/api/2/user?accountId=${encodeURIComponent(accountId)}` });

  const users = new Collection<MockUser, MockUser, string>({
    label: 'User',
    idOf: (u) => u.accountId,
    allocateId: (input) => input.accountId,
    build: (input) => ({ ...input }),
  });

  const projects = new Collection<MockProject, Omit<MockProject, 'id'> & { id?: number }>({
    label: 'Project',
    firstId: 10000,
    idOf: (p) => p.id,
    allocateId: (input, next) => input.id ?? next,
    build: (input, id) => ({ id, key: input.key, name: input.name }),
  });

  const issues = new Collection<MockIssue, Omit<MockIssue, 'id'> & { id?: number }>({
    label: 'Issue',
    firstId: 10100,
    idOf: (i) => i.id,
    allocateId: (input, next) => input.id ?? next,
    check: (input) => {
      if (!projects.has(input.projectId)) throw badRequest(`Project with id ${input.projectId} does not exist`);
    },
    build: (input, id) => ({ id, key: input.key, projectId: input.projectId, summary: input.summary }),
  });

  const accountCategories = new Collection<Category, CategoryInput>({
    label: 'Account category',
    firstId: 1,
    idOf: (c) => c.id,
    check: (input, existing) => {
      const clash = accountCategories.find((c) => c.key === input.key && c.id !== existing?.id);
      if (clash) throw badRequest(`An account category with key '${input.key}' already exists`);
    },
    build: (input, id) => ({
      id,
      key: input.key,
      name: input.name,
      self: `${B}/account-categories/${encodeURIComponent(input.key)}`,
      ...(input.typeName ? { type: { name: input.typeName } } : {}),
    }),
  });

  const customers = new Collection<Customer, CustomerInput>({
    label: 'Customer',
    firstId: 1,
    idOf: (c) => c.id,
    check: (input, existing) => {
      if (customers.find((c) => c.key === input.key && c.id !== existing?.id)) throw badRequest(`A customer with key '${input.key}' already exists`);
    },
    build: (input, id) => ({ id, key: input.key, name: input.name, self: `${B}/customers/${id}` }),
  });

  const accounts = new Collection<Account, AccountInput>({
    label: 'Account',
    firstId: 1,
    idOf: (a) => a.id,
    check: (input, existing) => {
      if (accounts.find((a) => a.key === input.key && a.id !== existing?.id)) throw badRequest(`An account with key '${input.key}' already exists`);
      if (!users.has(input.leadAccountId)) throw badRequest(`User with accountId '${input.leadAccountId}' does not exist`);
      if (input.categoryKey && !accountCategories.find((c) => c.key === input.categoryKey)) throw badRequest(`Account category '${input.categoryKey}' does not exist`);
      if (input.customerKey && !customers.find((c) => c.key === input.customerKey)) throw badRequest(`Customer '${input.customerKey}' does not exist`);
      if (input.contactAccountId && !users.has(input.contactAccountId)) throw badRequest(`User with accountId '${input.contactAccountId}' does not exist`);
    },
    build: (input, id) => {
      const category = input.categoryKey ? accountCategories.find((c) => c.key === input.categoryKey) : undefined;
      const customer = input.customerKey ? customers.find((c) => c.key === input.customerKey) : undefined;
      const account: Account = {
        id,
        key: input.key,
        name: input.name,
        status: input.status,
        global: input.global ?? false,
        lead: userRef(input.leadAccountId),
        links: { self: `${B}/accounts/${encodeURIComponent(input.key)}/links` },
        self: `${B}/accounts/${encodeURIComponent(input.key)}`,
      };
      if (category) account.category = category;
      if (customer) account.customer = customer;
      if (input.monthlyBudget !== undefined) account.monthlyBudget = input.monthlyBudget;
      if (input.contactAccountId) account.contact = { ...userRef(input.contactAccountId), type: 'USER' } as Account['contact'];
      else if (input.externalContactName) account.contact = { displayName: input.externalContactName, type: 'EXTERNAL' } as Account['contact'];
      return account;
    },
  });

  const workAttributes = new Collection<WorkAttribute, CreateWorkAttributeInput, string>({
    label: 'Work attribute',
    idOf: (w) => w.key,
    allocateId: (input) => input.key,
    check: (input, existing) => {
      if (!existing && workAttributes.has(input.key)) throw badRequest(`A work attribute with key '${input.key}' already exists`);
      if (input.type === 'STATIC_LIST' && (input.values ?? []).length === 0) throw badRequest(`'values' must not be empty for a STATIC_LIST work attribute`);
    },
    build: (input) => ({
      key: input.key,
      name: input.name,
      type: input.type,
      required: input.required ?? false,
      self: `${B}/work-attributes/${encodeURIComponent(input.key)}`,
      ...(input.values ? { values: [...input.values] } : {}),
      names: { en: input.name },
    }),
  });

  /** Refuses attribute values Tempo would refuse: unknown keys, closed/unknown accounts, list values not offered. */
  const checkAttributes = (attributes: WorklogInput['attributes']): void => {
    for (const attribute of attributes ?? []) {
      const definition = workAttributes.get(attribute.key);
      if (!definition) throw badRequest(`Work attribute '${attribute.key}' does not exist`);
      const value = attribute.value ?? '';
      if (definition.type === 'ACCOUNT' && value !== '') {
        const account = accounts.find((a) => a.key === value);
        if (!account) throw badRequest(`Account '${value}' does not exist`);
        if (account.status !== 'OPEN') throw badRequest(`Account '${value}' is ${account.status.toLowerCase()}: worklogs cannot be logged on it`);
      }
      if (definition.type === 'STATIC_LIST' && value !== '' && !(definition.values ?? []).includes(value)) {
        throw badRequest(`'${value}' is not a value of work attribute '${attribute.key}'`);
      }
      if (definition.type === 'INPUT_NUMERIC' && value !== '' && !Number.isFinite(Number(value))) {
        throw badRequest(`Work attribute '${attribute.key}' takes a number`);
      }
      if (definition.type === 'CHECKBOX' && value !== '' && value !== 'true' && value !== 'false') {
        throw badRequest(`Work attribute '${attribute.key}' takes true or false`);
      }
    }
    for (const definition of workAttributes.all()) {
      if (definition.required && !(attributes ?? []).some((a) => a.key === definition.key && (a.value ?? '') !== '')) {
        throw badRequest(`Work attribute '${definition.key}' is required`);
      }
    }
  };

  const worklogs = new Collection<Worklog, WorklogSeed>({
    label: 'Worklog',
    firstId: 5000,
    idOf: (w) => w.tempoWorklogId,
    check: (input) => {
      if (!issues.has(input.issueId)) throw badRequest(`Issue with id ${input.issueId} does not exist`);
      if (!users.has(input.authorAccountId)) throw badRequest(`User with accountId '${input.authorAccountId}' does not exist`);
      checkAttributes(input.attributes);
    },
    build: (input, id, existing) => {
      const now = isoSeconds(env.now());
      const startTime = normaliseTime(input.startTime ?? '09:00:00');
      return {
        tempoWorklogId: id,
        self: `${B}/worklogs/${id}`,
        issue: { id: input.issueId, self: `${jira}/rest/api/2/issue/${input.issueId}` },
        timeSpentSeconds: input.timeSpentSeconds,
        billableSeconds: input.billableSeconds ?? input.timeSpentSeconds,
        startDate: input.startDate,
        startTime,
        startDateTimeUtc: `${input.startDate}T${startTime}Z`,
        description: input.description ?? '',
        createdAt: input.createdAt ?? existing?.createdAt ?? now,
        updatedAt: existing ? now : (input.updatedAt ?? now),
        author: userRef(input.authorAccountId),
        attributes: {
          self: `${B}/worklogs/${id}/work-attribute-values`,
          values: (input.attributes ?? []).map((a) => ({ key: a.key, value: a.value ?? '' })),
        },
      };
    },
  });

  const organisation = createTeamCollections({
    users,
    projects,
    accountKeyExists: (key) => accounts.find((a) => a.key === key) !== undefined,
    userRef,
    jiraSiteUrl: jira,
  });

  const schedules = createScheduleCollections({ now: env.now, userExists: (id) => users.has(id) });

  /** A user's schedule from their workload scheme and holiday scheme (8 h weekdays when they have none). */
  const scheduleOf = (accountId: string, from: string, to: string): ScheduleDay[] => {
    const workload = schedules.workloadSchemeOf(accountId);
    const holidayScheme = schedules.holidaySchemeOf(accountId);
    const holidaysByDay = new Map(
      holidayScheme ? schedules.holidays.filter((h) => h.schemeId === holidayScheme.id).map((h) => [h.date, h] as const) : [],
    );
    return eachDay(from, to).map((date) => {
      const dayName = WEEKDAYS[(weekday(date) + 6) % 7]!;
      const base = workload?.days.find((d) => d.day === dayName)?.requiredSeconds ?? (dayName === 'SATURDAY' || dayName === 'SUNDAY' ? 0 : 28800);
      const holiday = holidaysByDay.get(date);
      if (holiday) {
        return {
          date,
          requiredSeconds: Math.max(0, base - holiday.durationSeconds),
          type: base === 0 ? 'HOLIDAY_AND_NON_WORKING_DAY' : 'HOLIDAY',
          holiday,
        };
      }
      return { date, requiredSeconds: base, type: base === 0 ? 'NON_WORKING_DAY' : 'WORKING_DAY' };
    });
  };

  const planning = createPlanningCollections({
    now: env.now,
    currentUser: env.currentUser,
    userExists: (id) => users.has(id),
    issueExists: (id) => issues.has(id),
    projectExists: (id) => projects.has(id),
    userRef,
    jiraSiteUrl: jira,
    workingDays: (accountId, from, to, includeNonWorkingDays) =>
      includeNonWorkingDays
        ? eachDay(from, to).length
        : scheduleOf(accountId ?? '', from, to).filter((d) => d.requiredSeconds > 0).length,
  });

  return {
    users,
    projects,
    issues,
    accountCategories,
    customers,
    accounts,
    workAttributes,
    worklogs,
    ...organisation,
    ...schedules,
    ...planning,
    scheduleOf,
    accountKeyOfLink,
    userRef,
    jiraSiteUrl: jira,
  };
}

/** `9:05:00` → `09:05:00`. */
function normaliseTime(time: string): string {
  const [h = '0', m = '0', s = '0'] = time.split(':');
  return [h, m, s].map((p) => p.padStart(2, '0')).join(':');
}

/** The mock's database: every stateful collection, typed by the spec's schemas. */
export type TempoDatabase = ReturnType<typeof createDatabase>;
