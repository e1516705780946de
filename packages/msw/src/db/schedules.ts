import type {
  Holiday,
  HolidayInput,
  HolidayScheme,
  HolidaySchemeInputBean,
  WorkloadScheme,
  WorkloadSchemeInput,
} from '@tempo-sdk/types';
import { CANONICAL_BASE_URL } from '../constants.js';
import { eachDay, isoSeconds, weekday } from '../dates.js';
import { badRequest } from '../errors.js';
import { Collection } from './collection.js';

const B = CANONICAL_BASE_URL;

/** The weekdays of a workload scheme, in Tempo's order. */
export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/** A user's membership in a holiday or workload scheme. */
export interface SchemeMembership {
  accountId: string;
  schemeId: number;
}

/** Approval state of one user's timesheet for one period. */
export interface TimesheetApprovalState {
  /** `${accountId}|${from}` */
  key: string;
  accountId: string;
  from: string;
  to: string;
  status: 'OPEN' | 'IN_REVIEW' | 'APPROVED';
  reviewerAccountId?: string;
  actorAccountId?: string;
  comment?: string;
  updatedAt: string;
  timeSpentSecondsAtSubmit?: number;
  requiredSecondsAtSubmit?: number;
}

/** One change of a timesheet approval, for `POST /timesheet-approvals/logs/search`. */
export interface TimesheetApprovalLogEntry {
  id: number;
  accountId: string;
  from: string;
  to: string;
  status: TimesheetApprovalState['status'];
  actorAccountId: string;
  reviewerAccountId?: string;
  comment?: string;
  updatedAt: string;
}

/** One day of a user's schedule, as `GET /user-schedule` answers it. */
export interface ScheduleDay {
  date: string;
  requiredSeconds: number;
  type: 'WORKING_DAY' | 'NON_WORKING_DAY' | 'HOLIDAY' | 'HOLIDAY_AND_NON_WORKING_DAY';
  holiday?: Holiday;
}

/** Holiday schemes and holidays, workload schemes, scheme memberships, schedules and timesheet approvals. */
export function createScheduleCollections(env: { now: () => number }) {
  const holidaySchemes = new Collection<HolidayScheme, HolidaySchemeInputBean & { defaultScheme?: boolean }>({
    label: 'Holiday scheme',
    schema: { $ref: '#/components/schemas/HolidaySchemeInputBean' },
    firstId: 1,
    idOf: (s) => s.id,
    check: (input, existing) => {
      if (holidaySchemes.find((s) => s.name.toLowerCase() === input.name.toLowerCase() && s.id !== existing?.id))
        throw badRequest(`A holiday scheme named '${input.name}' already exists`);
    },
    build: (input, id, existing) => ({
      id,
      name: input.name,
      ...(input.description !== undefined ? { description: input.description } : {}),
      defaultScheme: existing?.defaultScheme ?? input.defaultScheme ?? false,
      memberCount: 0,
      self: `${B}/holiday-schemes/${id}`,
    }),
  });

  const holidays = new Collection<Holiday, HolidayInput & { schemeId: number }>({
    label: 'Holiday',
    schema: {
      allOf: [
        { $ref: '#/components/schemas/HolidayInput' },
        { type: 'object', required: ['schemeId'], properties: { schemeId: { type: 'integer' } } },
      ],
    },
    firstId: 1,
    idOf: (h) => h.id,
    check: (input) => {
      if (!holidaySchemes.has(input.schemeId)) throw badRequest(`Holiday scheme ${input.schemeId} does not exist`);
    },
    build: (input, id) => ({
      id,
      schemeId: input.schemeId,
      name: input.name,
      date: input.date,
      durationSeconds: input.durationSeconds,
      type: input.type,
      ...(input.description !== undefined ? { description: input.description } : {}),
      self: `${B}/holiday-schemes/${input.schemeId}/holidays/${id}`,
    }),
  });

  const holidaySchemeMembers = new Collection<SchemeMembership, SchemeMembership, string>({
    label: 'Holiday scheme membership',
    schema: {
      type: 'object',
      required: ['accountId', 'schemeId'],
      properties: { accountId: { type: 'string', minLength: 1 }, schemeId: { type: 'integer' } },
    },
    idOf: (m) => m.accountId,
    allocateId: (input) => input.accountId,
    build: (input) => ({ ...input }),
  });

  const workloadSchemes = new Collection<WorkloadScheme, WorkloadSchemeInput & { defaultScheme?: boolean }>({
    label: 'Workload scheme',
    schema: { $ref: '#/components/schemas/WorkloadSchemeInput' },
    firstId: 1,
    idOf: (s) => s.id,
    check: (input, existing) => {
      if (workloadSchemes.find((s) => s.name.toLowerCase() === input.name.toLowerCase() && s.id !== existing?.id))
        throw badRequest(`A workload scheme named '${input.name}' already exists`);
      if (input.days) {
        const named = new Set(input.days.map((d) => d.day));
        if (named.size !== 7) throw badRequest(`'days' must name each day of the week once`);
        if (input.days.some((d) => d.requiredSeconds < 0 || d.requiredSeconds > 86400))
          throw badRequest(`'requiredSeconds' must be between 0 and 86400`);
      }
    },
    build: (input, id, existing) => ({
      id,
      name: input.name,
      description: input.description ?? '',
      defaultScheme: existing?.defaultScheme ?? input.defaultScheme ?? false,
      memberCount: 0,
      days: WEEKDAYS.map((day) => ({
        day,
        requiredSeconds:
          input.days?.find((d) => d.day === day)?.requiredSeconds ??
          (day === 'SATURDAY' || day === 'SUNDAY' ? 0 : 28800),
      })),
      self: `${B}/workload-schemes/${id}`,
    }),
  });

  const workloadSchemeMembers = new Collection<SchemeMembership, SchemeMembership, string>({
    label: 'Workload scheme membership',
    schema: {
      type: 'object',
      required: ['accountId', 'schemeId'],
      properties: { accountId: { type: 'string', minLength: 1 }, schemeId: { type: 'integer' } },
    },
    idOf: (m) => m.accountId,
    allocateId: (input) => input.accountId,
    build: (input) => ({ ...input }),
  });

  const timesheetApprovals = new Collection<TimesheetApprovalState, TimesheetApprovalState, string>({
    label: 'Timesheet approval',
    schema: {
      type: 'object',
      required: ['key', 'accountId', 'from', 'to', 'status'],
      properties: {
        key: { type: 'string' },
        accountId: { type: 'string' },
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
        status: { type: 'string', enum: ['OPEN', 'IN_REVIEW', 'APPROVED'] },
      },
    },
    idOf: (a) => a.key,
    allocateId: (input) => input.key,
    build: (input) => ({ ...input }),
  });

  const timesheetApprovalLogs = new Collection<TimesheetApprovalLogEntry, Omit<TimesheetApprovalLogEntry, 'id'>>({
    label: 'Timesheet approval log',
    schema: { type: 'object' },
    firstId: 1,
    idOf: (l) => l.id,
    build: (input, id) => ({ ...input, id }),
  });

  /** The scheme a user follows: their membership, else the default scheme. */
  const holidaySchemeOf = (accountId: string) =>
    holidaySchemes.get(holidaySchemeMembers.get(accountId)?.schemeId ?? -1) ??
    holidaySchemes.find((s) => s.defaultScheme);
  const workloadSchemeOf = (accountId: string) =>
    workloadSchemes.get(workloadSchemeMembers.get(accountId)?.schemeId ?? -1) ??
    workloadSchemes.find((s) => s.defaultScheme);

  /** Records a status change of a timesheet (state + log entry). */
  const setApproval = (state: Omit<TimesheetApprovalState, 'key' | 'updatedAt'>): TimesheetApprovalState => {
    const updatedAt = isoSeconds(env.now());
    const record = { ...state, key: `${state.accountId}|${state.from}`, updatedAt };
    if (timesheetApprovals.has(record.key)) timesheetApprovals.replace(record.key, record);
    else timesheetApprovals.create(record);
    timesheetApprovalLogs.create({
      accountId: state.accountId,
      from: state.from,
      to: state.to,
      status: state.status,
      actorAccountId: state.actorAccountId ?? state.accountId,
      ...(state.reviewerAccountId ? { reviewerAccountId: state.reviewerAccountId } : {}),
      ...(state.comment !== undefined ? { comment: state.comment } : {}),
      updatedAt,
    });
    return record;
  };

  /** A user's schedule from their workload scheme and holiday scheme (8 h weekdays when they have none). */
  const scheduleOf = (accountId: string, from: string, to: string): ScheduleDay[] => {
    const workload = workloadSchemeOf(accountId);
    const holidayScheme = holidaySchemeOf(accountId);
    const holidaysByDay = new Map(
      holidayScheme ? holidays.filter((h) => h.schemeId === holidayScheme.id).map((h) => [h.date, h] as const) : [],
    );
    return eachDay(from, to).map((date) => {
      const dayName = WEEKDAYS[(weekday(date) + 6) % 7]!;
      const base =
        workload?.days.find((d) => d.day === dayName)?.requiredSeconds ??
        (dayName === 'SATURDAY' || dayName === 'SUNDAY' ? 0 : 28800);
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

  return {
    holidaySchemes,
    holidays,
    holidaySchemeMembers,
    workloadSchemes,
    workloadSchemeMembers,
    timesheetApprovals,
    timesheetApprovalLogs,
    holidaySchemeOf,
    workloadSchemeOf,
    scheduleOf,
    setApproval,
  };
}
