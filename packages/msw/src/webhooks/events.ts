/**
 * Which webhook event a change of the mock's data is: created, updated and deleted worklogs, plans, teams, team
 * memberships, holidays, holiday schemes and workload schemes, whether made through the API or through `mock.db`.
 */
import type { TeamMembership, TempoWebhookEventType } from '@tempo-sdk/types';
import type { CollectionChange } from '../db/collection.js';
import type { TempoDatabase } from '../db/database.js';
import {
  holidayPayload,
  holidaySchemePayload,
  membershipPayload,
  planPayload,
  teamPayload,
  workloadSchemePayload,
  worklogPayload,
} from './payloads.js';

/** Sends one event (its payload already in the event type's shape). */
type Emit = (eventType: TempoWebhookEventType, payload: object) => void;

function onChange<T>(
  collection: { observe(listener: (change: CollectionChange<T>) => void): () => void },
  listener: (change: CollectionChange<T>) => void,
): () => void {
  return collection.observe(listener);
}

/** The kind of change as the word Tempo's event types use. */
const VERB = { created: 'created', updated: 'updated', deleted: 'deleted' } as const;

/**
 * Watches the database and emits the matching event for every change. Returns a function that stops watching.
 */
export function watchDatabase(db: TempoDatabase, emit: Emit): () => void {
  const stops = [
    onChange(db.worklogs, (c) => {
      const worklog = c.kind === 'deleted' ? c.before : c.after;
      emit(`worklog.${VERB[c.kind]}`, worklogPayload(worklog, worklog.author.accountId));
    }),
    onChange(db.plans, (c) => emit(`plan.${VERB[c.kind]}`, planPayload(c.kind === 'deleted' ? c.before : c.after))),
    onChange(db.teams, (c) => {
      if (c.kind === 'updated')
        emit('team.updated', { original: teamPayload(c.before), changed: teamPayload(c.after) });
      else emit(`team.${c.kind}`, teamPayload(c.kind === 'deleted' ? c.before : c.after));
    }),
    onChange(db.teamMemberships, (c) => {
      if (c.kind !== 'deleted') {
        emit(`team.memberships.${c.kind}`, { memberships: [membershipPayload(c.after)] });
        return;
      }
      const gone: TeamMembership = c.before;
      const remaining = db.teamMemberships.filter(
        (m) => m.team?.id === gone.team?.id && m.member?.accountId === gone.member?.accountId,
      );
      const { id, teamId, userId } = membershipPayload(gone);
      emit('team.memberships.deleted', {
        memberships: [
          {
            id,
            teamId,
            ...(userId ? { userId } : {}),
            isRemovedFromTheTeam: remaining.length === 0,
            remainingMemberships: remaining.map(membershipPayload),
          },
        ],
      });
    }),
    onChange(db.holidays, (c) => {
      if (c.kind === 'updated')
        emit('holiday.updated', { original: holidayPayload(c.before), changed: holidayPayload(c.after) });
      else emit(`holiday.${c.kind}`, holidayPayload(c.kind === 'deleted' ? c.before : c.after));
    }),
    onChange(db.holidaySchemes, (c) => {
      if (c.kind === 'updated')
        emit('holiday.scheme.updated', {
          original: holidaySchemePayload(c.before),
          changed: holidaySchemePayload(c.after),
        });
      else emit(`holiday.scheme.${c.kind}`, holidaySchemePayload(c.kind === 'deleted' ? c.before : c.after));
    }),
    onChange(db.workloadSchemes, (c) =>
      emit(`workload.scheme.${VERB[c.kind]}`, workloadSchemePayload(c.kind === 'deleted' ? c.before : c.after)),
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
