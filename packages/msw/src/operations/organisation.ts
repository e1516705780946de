import type {
  CreateWorkAttributeInput,
  MembershipInput,
  Team,
  TeamMembership,
  TeamMembershipInput,
} from '@tempo-sdk/types';
import type { TempoDatabase } from '../db/database.js';
import { badRequest, notFound } from '../errors.js';
import { buildPage, DEFAULT_PAGE_LIMIT, type ResolverInfo, type OperationResolvers } from './context.js';
import { crud } from './crud.js';

function teamOr404(info: ResolverInfo, raw: unknown): Team {
  const team = /^\d+$/.test(String(raw)) ? info.db.teams.get(Number(raw)) : undefined;
  if (!team) throw notFound(`Team '${String(raw)}' does not exist`);
  return team;
}

/** A team with `members.teamMembers` filled in (what `includeMemberships=true` asks for). */
function withMemberships(db: TempoDatabase, team: Team): Team {
  const memberships = db.teamMemberships.filter((m) => m.team?.id === team.id);
  const byMember = new Map<string, TeamMembership[]>();
  for (const m of memberships) byMember.set(m.member!.accountId, [...(byMember.get(m.member!.accountId) ?? []), m]);
  return {
    ...team,
    members: {
      ...team.members,
      teamMembers: [...byMember].map(([accountId, list]) => ({
        accountId,
        self: db.userRef(accountId).self,
        memberships: list.map((m) => ({
          id: m.id,
          commitment: m.commitmentPercent,
          role: m.role,
          ...(m.from ? { startDate: m.from } : {}),
          ...(m.inclusiveTo ? { endDate: m.inclusiveTo } : {}), // the last day, like the API's other end dates
        })),
      })),
    },
  };
}

/** Teams, team memberships, team links, roles and work attributes. */
export const organisationOperations: OperationResolvers = {
  ...crud({
    collection: (db) => db.teams,
    param: 'id',
    list: {
      operationId: 'getTeams',
      shape: 'page',
      filter: (info, all) => {
        const { teamMembers, name, teamIds } = info.query as {
          teamMembers?: string[];
          name?: string;
          teamIds?: number[];
        };
        return all.filter(
          (t) =>
            (!teamIds?.length || teamIds.includes(t.id)) &&
            (name === undefined || t.name.toLowerCase().includes(name.toLowerCase())) &&
            (!teamMembers?.length ||
              info.db.teamMemberships
                .filter((m) => m.team?.id === t.id)
                .some((m) => teamMembers.includes(m.member!.accountId))),
        );
      },
    },
    get: 'getTeamById',
    create: 'createTeam',
    update: 'updateTeam',
    delete: 'deleteTeam',
    present: (info, team) =>
      info.operationId === 'getTeams' && info.query.includeMemberships === true ? withMemberships(info.db, team) : team,
    beforeDelete: (info, team) => {
      for (const m of info.db.teamMemberships.filter((m) => m.team?.id === team.id))
        info.db.teamMemberships.delete(m.id);
      for (const l of info.db.teamLinks.filter((l) => l.team.id === team.id)) info.db.teamLinks.delete(l.id);
    },
  }),

  getTeamLinks: (info) => {
    const team = teamOr404(info, info.path.id);
    return info.page(info.db.teamLinks.filter((l) => l.team.id === team.id));
  },

  getTeamMembers: (info) => {
    const team = teamOr404(info, info.path.id);
    const memberships = info.db.teamMemberships.filter((m) => m.team?.id === team.id);
    const accountIds = [...new Set(memberships.map((m) => m.member!.accountId))];
    const results = accountIds.map((accountId) => {
      const active = memberships.find(
        (m) =>
          m.member!.accountId === accountId &&
          (m.from ?? '0000') <= info.today &&
          (m.inclusiveTo ?? '9999') >= info.today,
      );
      return {
        member: info.db.userRef(accountId),
        team: { self: team.self },
        memberships: {
          self: `${team.self}/members/${encodeURIComponent(accountId)}/memberships`,
          ...(active
            ? {
                active: {
                  id: active.id,
                  commitmentPercent: active.commitmentPercent,
                  role: active.role,
                  self: active.self,
                  member: { self: info.db.userRef(accountId).self },
                  team: { self: team.self },
                  ...(active.from ? { from: active.from } : {}),
                  ...(active.to ? { to: active.to, inclusiveTo: active.inclusiveTo! } : {}),
                },
              }
            : {}),
        },
      };
    });
    // The spec gives this listing no offset/limit, so every member comes in one page: a `next` link would carry an
    // offset the validator drops, and a client following it would get the first page again, forever.
    return buildPage(results, info.url, { offset: 0, limit: Math.max(results.length, DEFAULT_PAGE_LIMIT) });
  },

  ...crud({
    collection: (db) => db.teamMemberships,
    param: 'id',
    get: 'getMembership',
    create: 'createMembership',
    update: 'updateMembership',
    delete: 'deleteMembership',
    input: (info, existing) => {
      if (!existing) return info.body as TeamMembershipInput;
      // PUT takes MembershipInput: who and which team stay as they are.
      const body = info.body as MembershipInput;
      return { ...body, accountId: existing.member!.accountId, teamId: existing.team!.id };
    },
  }),

  getAllMemberships: (info) => {
    const team = teamOr404(info, info.path.teamId);
    return info.results(info.db.teamMemberships.filter((m) => m.team?.id === team.id));
  },

  searchMemberships: (info) => {
    const body = (info.body ?? {}) as { accountIds?: string[]; roleIds?: number[]; teamIds?: number[] };
    return info.page(
      info.db.teamMemberships.filter(
        (m) =>
          (!body.accountIds?.length || body.accountIds.includes(m.member!.accountId)) &&
          (!body.roleIds?.length || body.roleIds.includes(m.role.id)) &&
          (!body.teamIds?.length || body.teamIds.includes(m.team!.id)),
      ),
    );
  },

  ...crud({
    collection: (db) => db.teamLinks,
    param: 'linkId',
    get: 'getTeamLink',
    create: 'createTeamLink',
    delete: 'deleteTeamLink',
  }),

  getTeamLinkByProjectId: (info) => {
    const projectId = Number(info.path.id);
    if (!info.db.projects.has(projectId)) throw notFound(`Project with id ${String(info.path.id)} does not exist`);
    return info.results(info.db.teamLinks.filter((l) => l.scope.id === projectId));
  },

  ...crud({
    collection: (db) => db.roles,
    param: 'id',
    list: { operationId: 'getAllRoles', shape: 'results' },
    get: 'getRoleById',
    create: 'createRole',
    update: 'updateRole',
    delete: 'deleteRole',
    beforeDelete: (info, role) => {
      if (role.default) throw badRequest('The default role cannot be deleted');
      if (info.db.teamMemberships.find((m) => m.role.id === role.id))
        throw badRequest(`Role '${role.name}' is used by team memberships`);
    },
  }),

  getDefaultRole: (info) => {
    const role = info.db.roles.find((r) => r.default);
    if (!role) throw notFound('There is no default role');
    return role;
  },

  ...crud({
    collection: (db) => db.workAttributes,
    param: 'key',
    list: { operationId: 'getWorkAttributes', shape: 'page' },
    get: 'getWorkAttributeByKey',
    create: 'createWorkAttributes',
    update: 'updateWorkAttributeByKey',
    delete: 'deleteWorkAttributeByKey',
    input: (info, existing) =>
      existing
        ? ({ ...(info.body as object), key: existing.key } as CreateWorkAttributeInput)
        : (info.body as CreateWorkAttributeInput),
  }),
};
