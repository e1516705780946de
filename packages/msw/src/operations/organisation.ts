import type { CreateWorkAttributeInput, MembershipInput, Team, TeamMembership, TeamMembershipInput } from '@tempo-sdk/types';
import type { TempoDatabase } from '../db/database.js';
import { badRequest, notFound } from '../errors.js';
import type { OperationContext, OperationImplementations } from './context.js';
import { crud } from './crud.js';

function teamOr404(ctx: OperationContext, raw: unknown): Team {
  const team = /^\d+$/.test(String(raw)) ? ctx.db.teams.get(Number(raw)) : undefined;
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
export const organisationOperations: OperationImplementations = {
  ...crud({
    collection: (db) => db.teams,
    param: 'id',
    list: {
      operationId: 'getTeams',
      shape: 'page',
      filter: (ctx, all) => {
        const { teamMembers, name, teamIds } = ctx.query as { teamMembers?: string[]; name?: string; teamIds?: number[] };
        return all.filter(
          (t) =>
            (!teamIds?.length || teamIds.includes(t.id)) &&
            (name === undefined || t.name.toLowerCase().includes(name.toLowerCase())) &&
            (!teamMembers?.length || ctx.db.teamMemberships.filter((m) => m.team?.id === t.id).some((m) => teamMembers.includes(m.member!.accountId))),
        );
      },
    },
    get: 'getTeamById',
    create: 'createTeam',
    update: 'updateTeam',
    delete: 'deleteTeam',
    present: (ctx, team) => (ctx.operationId === 'getTeams' && ctx.query.includeMemberships === true ? withMemberships(ctx.db, team) : team),
    beforeDelete: (ctx, team) => {
      for (const m of ctx.db.teamMemberships.filter((m) => m.team?.id === team.id)) ctx.db.teamMemberships.delete(m.id);
      for (const l of ctx.db.teamLinks.filter((l) => l.team.id === team.id)) ctx.db.teamLinks.delete(l.id);
    },
  }),

  getTeamLinks: (ctx) => {
    const team = teamOr404(ctx, ctx.path.id);
    return ctx.page(ctx.db.teamLinks.filter((l) => l.team.id === team.id));
  },

  getTeamMembers: (ctx) => {
    const team = teamOr404(ctx, ctx.path.id);
    const memberships = ctx.db.teamMemberships.filter((m) => m.team?.id === team.id);
    const accountIds = [...new Set(memberships.map((m) => m.member!.accountId))];
    const results = accountIds.map((accountId) => {
      const active = memberships.find((m) => m.member!.accountId === accountId && (m.from ?? '0000') <= ctx.today && (m.inclusiveTo ?? '9999') >= ctx.today);
      return {
        member: ctx.db.userRef(accountId),
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
                  member: { self: ctx.db.userRef(accountId).self },
                  team: { self: team.self },
                  ...(active.from ? { from: active.from } : {}),
                  ...(active.to ? { to: active.to, inclusiveTo: active.inclusiveTo! } : {}),
                },
              }
            : {}),
        },
      };
    });
    return ctx.page(results);
  },

  ...crud({
    collection: (db) => db.teamMemberships,
    param: 'id',
    get: 'getMembership',
    create: 'createMembership',
    update: 'updateMembership',
    delete: 'deleteMembership',
    input: (ctx, existing) => {
      if (!existing) return ctx.body as TeamMembershipInput;
      // PUT takes MembershipInput: who and which team stay as they are.
      const body = ctx.body as MembershipInput;
      return { ...body, accountId: existing.member!.accountId, teamId: existing.team!.id };
    },
  }),

  getAllMemberships: (ctx) => {
    const team = teamOr404(ctx, ctx.path.teamId);
    return ctx.results(ctx.db.teamMemberships.filter((m) => m.team?.id === team.id));
  },

  searchMemberships: (ctx) => {
    const body = (ctx.body ?? {}) as { accountIds?: string[]; roleIds?: number[]; teamIds?: number[] };
    return ctx.page(
      ctx.db.teamMemberships.filter(
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

  getTeamLinkByProjectId: (ctx) => {
    const projectId = Number(ctx.path.id);
    if (!ctx.db.projects.has(projectId)) throw notFound(`Project with id ${String(ctx.path.id)} does not exist`);
    return ctx.results(ctx.db.teamLinks.filter((l) => l.scope.id === projectId));
  },

  ...crud({
    collection: (db) => db.roles,
    param: 'id',
    list: { operationId: 'getAllRoles', shape: 'results' },
    get: 'getRoleById',
    create: 'createRole',
    update: 'updateRole',
    delete: 'deleteRole',
    beforeDelete: (ctx, role) => {
      if (role.default) throw badRequest('The default role cannot be deleted');
      if (ctx.db.teamMemberships.find((m) => m.role.id === role.id)) throw badRequest(`Role '${role.name}' is used by team memberships`);
    },
  }),

  getDefaultRole: (ctx) => {
    const role = ctx.db.roles.find((r) => r.default);
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
    input: (ctx, existing) => (existing ? ({ ...(ctx.body as object), key: existing.key } as CreateWorkAttributeInput) : (ctx.body as CreateWorkAttributeInput)),
  }),
};
