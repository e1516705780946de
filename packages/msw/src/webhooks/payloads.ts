/**
 * Webhook payloads built from the mock's records (which have the API's shapes), in the shapes of the spec's
 * webhook event schemas (spec/webhooks/schemas, from the examples in Tempo's reference).
 */
import type {
  Holiday,
  HolidayScheme,
  Plan,
  Team,
  TeamMembership,
  WebhookHoliday,
  WebhookHolidayScheme,
  WebhookPlan,
  WebhookTeam,
  WebhookTeamMembership,
  WebhookWorkloadScheme,
  WebhookWorklog,
  WorkloadScheme,
  Worklog,
} from '@tempo-sdk/types';

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export function worklogPayload(worklog: Worklog, updater: string): WebhookWorklog {
  return defined({
    tempoWorklogId: worklog.tempoWorklogId,
    issue: { id: worklog.issue.id },
    author: { accountId: worklog.author.accountId },
    updater: { accountId: updater },
    timeSpentSeconds: worklog.timeSpentSeconds,
    billableSeconds: worklog.billableSeconds,
    startDate: worklog.startDate,
    startTime: worklog.startTime,
    description: worklog.description,
    createdAt: worklog.createdAt,
    updatedAt: worklog.updatedAt,
  });
}

export function planPayload(plan: Plan): WebhookPlan {
  return defined({
    id: plan.id,
    assignee: plan.assignee ? { id: plan.assignee.id, type: plan.assignee.type } : undefined,
    planItem: plan.planItem ? { id: plan.planItem.id, type: plan.planItem.type } : undefined,
    description: plan.description,
    startDate: plan.startDate,
    endDate: plan.endDate,
    includeNonWorkingDays: plan.includeNonWorkingDays,
    plannedSecondsPerDay: plan.plannedSecondsPerDay,
    totalPlannedSeconds: plan.totalPlannedSeconds,
    rule: plan.rule,
    recurrenceEndDate: plan.recurrenceEndDate,
    plannedTime: plan.plannedTime?.days?.values
      ? {
          days: {
            count: plan.plannedTime.days.values.length,
            values: plan.plannedTime.days.values.map((d) => ({ date: d.date, plannedSeconds: d.plannedSeconds ?? 0 })),
          },
        }
      : {},
  });
}

export function teamPayload(team: Team): WebhookTeam {
  return defined({
    id: team.id,
    name: team.name,
    lead: team.lead ? { ecosystemId: team.lead.accountId } : undefined,
    programId: team.program?.id,
    isAdministrative: team.administrative,
  });
}

export function membershipPayload(membership: TeamMembership): WebhookTeamMembership {
  return defined({
    id: membership.id,
    teamId: membership.team?.id ?? 0,
    userId: membership.member ? { ecosystemId: membership.member.accountId } : undefined,
    fromDate: membership.from,
    toDate: membership.to,
    commitmentPercent: membership.commitmentPercent,
    role: { id: membership.role.id, name: membership.role.name },
  });
}

export function holidayPayload(holiday: Holiday): WebhookHoliday {
  return defined({
    id: holiday.id,
    schemeId: holiday.schemeId,
    name: holiday.name,
    description: holiday.description,
    duration: holiday.durationSeconds,
    type: holiday.type.toLowerCase(),
    date: holiday.date,
  });
}

export function holidaySchemePayload(scheme: HolidayScheme): WebhookHolidayScheme {
  return defined({
    id: scheme.id,
    name: scheme.name,
    description: scheme.description,
    isDefaultScheme: scheme.defaultScheme,
  });
}

const WEEKDAY_NUMBERS: Record<string, number> = {
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
  SUNDAY: 7,
};

export function workloadSchemePayload(scheme: WorkloadScheme): WebhookWorkloadScheme {
  const days: Record<string, { day: number; requiredSeconds: number }> = {};
  for (const d of scheme.days) {
    const day = WEEKDAY_NUMBERS[d.day.toUpperCase()];
    if (day) days[String(day)] = { day, requiredSeconds: d.requiredSeconds };
  }
  return defined({
    id: scheme.id,
    name: scheme.name,
    description: scheme.description,
    isDefaultScheme: scheme.defaultScheme,
    days,
  });
}
