import type {
  CreateWorkAttributeInput,
  Role,
  RoleInput,
  Team,
  TeamInput,
  TeamLink,
  TeamLinkInput,
  TeamMembership,
  TeamMembershipInput,
  WorkAttribute,
} from '@tempo-sdk/types';
import { CANONICAL_BASE_URL } from '../constants.js';
import { addDays } from '../dates.js';
import { badRequest } from '../errors.js';
import { projectScope } from './accounts.js';
import { Collection } from './collection.js';
import type { JiraCollections } from './jira.js';

const B = CANONICAL_BASE_URL;

/** Input of `db.teams.create`: Tempo's `TeamInput`, with its defaulted flags optional. */
export type TeamSeed = Omit<TeamInput, 'administrative' | 'public'> &
  Partial<Pick<TeamInput, 'administrative' | 'public'>>;

/** Input of `db.teamMemberships.create`: Tempo's input; `to` is exclusive unless `useInclusiveEndDate`. */
export type TeamMembershipSeed = TeamMembershipInput;

/** Roles, teams, team memberships, team links and work attributes: the organisation around worklogs. */
export function createOrganisationCollections(deps: JiraCollections) {
  const roles = new Collection<Role, RoleInput & { default?: boolean }>({
    label: 'Role',
    schema: { $ref: '#/components/schemas/RoleInput' },
    firstId: 1,
    idOf: (r) => r.id,
    check: (input, existing) => {
      if (roles.find((r) => r.name.toLowerCase() === input.name.toLowerCase() && r.id !== existing?.id))
        throw badRequest(`A role named '${input.name}' already exists`);
    },
    build: (input, id, existing) => ({
      id,
      name: input.name,
      default: existing?.default ?? input.default ?? false,
      self: `${B}/roles/${id}`,
    }),
  });
  const roleRef = (id: number) => {
    const role = roles.get(id) ?? roles.find((r) => r.default) ?? roles.all()[0];
    return role ? { id: role.id, name: role.name, self: role.self } : { id, name: 'Member', self: `${B}/roles/${id}` };
  };

  const teams = new Collection<Team, TeamSeed>({
    label: 'Team',
    schema: { $ref: '#/components/schemas/TeamInput' },
    firstId: 1,
    idOf: (t) => t.id,
    check: (input, existing) => {
      if (teams.find((t) => t.name.toLowerCase() === input.name.toLowerCase() && t.id !== existing?.id))
        throw badRequest(`A team named '${input.name}' already exists`);
      if (input.leadAccountId && !deps.users.has(input.leadAccountId))
        throw badRequest(`User with accountId '${input.leadAccountId}' does not exist`);
    },
    build: (input, id) => {
      const team: Team = {
        id,
        name: input.name,
        administrative: input.administrative ?? false,
        self: `${B}/teams/${id}`,
        links: { self: `${B}/teams/${id}/links` },
        members: { self: `${B}/teams/${id}/members` },
        permissions: { self: `${B}/teams/${id}/permissions` },
      };
      if (input.summary !== undefined) team.summary = input.summary;
      if (input.leadAccountId) team.lead = deps.userRef(input.leadAccountId);
      return team;
    },
  });
  const teamRef = (id: number) => {
    const team = teams.get(id);
    return { id, name: team?.name ?? `Team ${id}`, self: `${B}/teams/${id}` };
  };

  const teamMemberships = new Collection<TeamMembership, TeamMembershipSeed>({
    label: 'Team membership',
    schema: { $ref: '#/components/schemas/TeamMembershipInput' },
    firstId: 1,
    idOf: (m) => m.id,
    check: (input) => {
      if (!teams.has(input.teamId)) throw badRequest(`Team with id ${input.teamId} does not exist`);
      if (!deps.users.has(input.accountId)) throw badRequest(`User with accountId '${input.accountId}' does not exist`);
      if (input.roleId !== undefined && !roles.has(input.roleId))
        throw badRequest(`Role with id ${input.roleId} does not exist`);
      const last = input.to ? inclusiveEnd(input) : undefined;
      if (input.from && last !== undefined && input.from > last)
        throw badRequest(
          `The membership must last at least one day: 'to' is ${input.useInclusiveEndDate ? 'the last day' : 'the day after the last day'}`,
        );
    },
    build: (input, id) => {
      const membership: TeamMembership = {
        id,
        commitmentPercent: input.commitmentPercent ?? 100,
        member: deps.userRef(input.accountId),
        team: teamRef(input.teamId),
        role: roleRef(input.roleId ?? roles.find((r) => r.default)?.id ?? 1),
        self: `${B}/team-memberships/${id}`,
      };
      if (input.from) membership.from = input.from;
      if (input.to) {
        // The spec: output `to` is the day after the last day, `inclusiveTo` the last day; the input `to` is read
        // as exclusive unless `useInclusiveEndDate` says it is the last day.
        membership.inclusiveTo = inclusiveEnd(input);
        membership.to = addDays(membership.inclusiveTo, 1);
      }
      return membership;
    },
  });

  /** accountIds of the members of a team on `day` (memberships without dates count every day). */
  const teamMembersOf = (teamId: number, day?: string): string[] =>
    teamMemberships
      .filter(
        (m) =>
          m.team?.id === teamId &&
          (day === undefined || ((m.from ?? '0000') <= day && (m.inclusiveTo ?? '9999') >= day)),
      )
      .map((m) => m.member!.accountId);

  const teamLinks = new Collection<TeamLink, TeamLinkInput>({
    label: 'Team link',
    schema: { $ref: '#/components/schemas/TeamLinkInput' },
    firstId: 1,
    idOf: (l) => l.id,
    check: (input, existing) => {
      if (!teams.has(input.teamId)) throw badRequest(`Team with id ${input.teamId} does not exist`);
      if (!deps.projects.has(input.scopeId)) throw badRequest(`Project with id ${input.scopeId} does not exist`);
      if (teamLinks.find((l) => l.team.id === input.teamId && l.scope.id === input.scopeId && l.id !== existing?.id))
        throw badRequest(`Team ${input.teamId} is already linked to project ${input.scopeId}`);
    },
    build: (input, id) => ({
      id,
      self: `${B}/team-links/${id}`,
      scope: projectScope(deps.jiraSiteUrl, input.scopeId),
      team: teams.get(input.teamId)!,
    }),
  });

  const workAttributes = new Collection<WorkAttribute, CreateWorkAttributeInput, string>({
    label: 'Work attribute',
    schema: { $ref: '#/components/schemas/CreateWorkAttributeInput' },
    idOf: (w) => w.key,
    allocateId: (input) => input.key,
    check: (input, existing) => {
      if (!existing && workAttributes.has(input.key))
        throw badRequest(`A work attribute with key '${input.key}' already exists`);
      if (input.type === 'STATIC_LIST' && (input.values ?? []).length === 0)
        throw badRequest(`'values' must not be empty for a STATIC_LIST work attribute`);
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

  return { roles, teams, teamMemberships, teamLinks, workAttributes, teamMembersOf, teamRef, roleRef };
}

/** The organisation collections, as the other areas reference them. */
export type OrganisationCollections = ReturnType<typeof createOrganisationCollections>;

/** The last day of a membership from its input: `to` itself with `useInclusiveEndDate`, else the day before it. */
function inclusiveEnd(input: TeamMembershipInput): string {
  return input.useInclusiveEndDate ? input.to! : addDays(input.to!, -1);
}
