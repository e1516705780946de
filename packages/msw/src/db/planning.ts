import type { GenericResource, GenericResourceInput, Plan, PlanInput, Skill, SkillInput } from '@tempo-sdk/types';
import { CANONICAL_BASE_URL } from '../constants.js';
import { eachDay, isDay, isoSeconds } from '../dates.js';
import { badRequest } from '../errors.js';
import { Collection } from './collection.js';
import type { JiraCollections } from './jira.js';

const B = CANONICAL_BASE_URL;

/** What the planning collections reference. */
export interface PlanningReferences {
  jira: JiraCollections;
  /** Wall-clock epoch milliseconds for `createdAt`/`updatedAt`. */
  now: () => number;
  /** accountId of the user acting when no request says otherwise (creators of seeded records). */
  currentUser: () => string;
  /** A user's schedule, for spreading a total over their working days. */
  scheduleOf: (accountId: string, from: string, to: string) => readonly { requiredSeconds: number }[];
}

/** Input of `db.plans.create`: Tempo's `PlanInput`, optionally with the creator. */
export type PlanSeed = PlanInput & { planCreatorId?: string };

/** Skills, generic resources and plans (resource planning). */
export function createPlanningCollections(refs: PlanningReferences) {
  const { jira } = refs;
  const workingDays = (
    accountId: string | undefined,
    from: string,
    to: string,
    includeNonWorkingDays: boolean,
  ): number =>
    includeNonWorkingDays
      ? eachDay(from, to).length
      : refs.scheduleOf(accountId ?? '', from, to).filter((d) => d.requiredSeconds > 0).length;

  const skills = new Collection<Skill, SkillInput>({
    label: 'Skill',
    schema: { $ref: '#/components/schemas/SkillInput' },
    firstId: 1,
    idOf: (s) => s.id,
    check: (input, existing) => {
      if (skills.find((s) => s.name.toLowerCase() === input.name.toLowerCase() && s.id !== existing?.id))
        throw badRequest(`A skill named '${input.name}' already exists`);
    },
    build: (input, id) => ({ id, name: input.name, self: `${B}/skills/${id}` }),
  });

  const genericResources = new Collection<GenericResource, GenericResourceInput>({
    label: 'Generic resource',
    schema: { $ref: '#/components/schemas/GenericResourceInput' },
    firstId: 1,
    idOf: (r) => r.id,
    check: (input, existing) => {
      if (genericResources.find((r) => r.name.toLowerCase() === input.name.toLowerCase() && r.id !== existing?.id))
        throw badRequest(`A generic resource named '${input.name}' already exists`);
    },
    build: (input, id, existing) => {
      const now = isoSeconds(refs.now());
      const by = jira.userRef(refs.currentUser());
      return {
        id,
        name: input.name,
        self: `${B}/generic-resources/${id}`,
        createdAt: existing?.createdAt ?? now,
        createdBy: existing?.createdBy ?? by,
        updatedAt: now,
        updatedBy: by,
      };
    },
  });

  const plans = new Collection<Plan, PlanSeed>({
    label: 'Plan',
    schema: { $ref: '#/components/schemas/PlanInput' },
    firstId: 1,
    idOf: (p) => p.id!,
    check: (input) => {
      for (const field of ['startDate', 'endDate', 'recurrenceEndDate'] as const) {
        const value = input[field];
        if (value !== undefined && !isDay(value))
          throw badRequest(`'${field}' must be a date in the format YYYY-MM-DD`);
      }
      if (input.startDate > input.endDate) throw badRequest(`'startDate' must not be after 'endDate'`);
      if (input.assigneeType === 'USER' && !jira.users.has(input.assigneeId))
        throw badRequest(`User with accountId '${input.assigneeId}' does not exist`);
      if (input.assigneeType === 'GENERIC' && !genericResources.has(Number(input.assigneeId)))
        throw badRequest(`Generic resource ${input.assigneeId} does not exist`);
      const itemId = Number(input.planItemId);
      if (input.planItemType === 'ISSUE' && !jira.issues.has(itemId))
        throw badRequest(`Issue with id ${input.planItemId} does not exist`);
      if (input.planItemType === 'PROJECT' && !jira.projects.has(itemId))
        throw badRequest(`Project with id ${input.planItemId} does not exist`);
      if (input.plannedSeconds === undefined && input.plannedSecondsPerDay === undefined)
        throw badRequest(`'plannedSeconds' or 'plannedSecondsPerDay' is required`);
    },
    build: (input, id, existing) => {
      const now = isoSeconds(refs.now());
      const includeNonWorkingDays = input.includeNonWorkingDays ?? false;
      const days = Math.max(
        1,
        workingDays(
          input.assigneeType === 'USER' ? input.assigneeId : undefined,
          input.startDate,
          input.endDate,
          includeNonWorkingDays,
        ),
      );
      const perDay = input.plannedSecondsPerDay ?? Math.round((input.plannedSeconds ?? 0) / days);
      const total = input.plannedSeconds ?? perDay * days;
      const itemPath = input.planItemType === 'ISSUE' ? 'issue' : 'project';
      const plan: Plan = {
        id,
        self: `${B}/plans/${id}`,
        assignee: {
          id: input.assigneeId,
          type: input.assigneeType,
          self:
            input.assigneeType === 'USER'
              ? jira.userRef(input.assigneeId).self
              : `${B}/generic-resources/${input.assigneeId}`,
        },
        planItem: {
          id: input.planItemId,
          type: input.planItemType,
          self: `${jira.jiraSiteUrl}/rest/api/2/${itemPath}/${input.planItemId}`,
        },
        startDate: input.startDate,
        endDate: input.endDate,
        startTime: input.startTime ?? '09:00',
        plannedSecondsPerDay: perDay,
        totalPlannedSeconds: total,
        effortPersistenceType:
          input.effortPersistenceType ??
          (input.plannedSecondsPerDay !== undefined ? 'SECONDS_PER_DAY' : 'TOTAL_SECONDS'),
        includeNonWorkingDays,
        rule: input.rule ?? 'NEVER',
        recurrenceEndDate: input.recurrenceEndDate ?? input.endDate,
        description: input.description ?? '',
        planCreatorId: existing?.planCreatorId ?? input.planCreatorId ?? refs.currentUser(),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        syncSource: 'NONE',
      };
      if (input.planApproval?.status) {
        plan.planApproval = {
          status: input.planApproval.status,
          requester: jira.userRef(plan.planCreatorId!),
          ...(input.planApproval.reviewerId ? { reviewer: jira.userRef(input.planApproval.reviewerId) } : {}),
        };
      }
      return plan;
    },
  });

  return { skills, genericResources, plans };
}
