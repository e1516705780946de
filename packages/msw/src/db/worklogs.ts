import type { Worklog, WorklogInput } from '@tempo-sdk/types';
import { CANONICAL_BASE_URL } from '../constants.js';
import { isoSeconds } from '../dates.js';
import { badRequest } from '../errors.js';
import type { AccountCollections } from './accounts.js';
import { Collection } from './collection.js';
import type { JiraCollections } from './jira.js';
import type { OrganisationCollections } from './organisation.js';

const B = CANONICAL_BASE_URL;

/** Input of `db.worklogs.create`: Tempo's `WorklogInput`, optionally with fixed timestamps for seeding. */
export type WorklogSeed = WorklogInput & { createdAt?: string; updatedAt?: string };

/** What the worklogs check their input against. */
export interface WorklogReferences {
  jira: JiraCollections;
  accounts: AccountCollections['accounts'];
  workAttributes: OrganisationCollections['workAttributes'];
  /** Wall-clock epoch milliseconds for `createdAt`/`updatedAt`. */
  now: () => number;
}

/** Worklogs, checked against issues, users, accounts and work attributes as Tempo checks them. */
export function createWorklogCollections(refs: WorklogReferences) {
  const { jira, accounts, workAttributes } = refs;

  /** Refuses attribute values Tempo would refuse: unknown keys, closed/unknown accounts, list values not offered. */
  const checkAttributes = (attributes: WorklogInput['attributes']): void => {
    for (const attribute of attributes ?? []) {
      const definition = workAttributes.get(attribute.key);
      if (!definition) throw badRequest(`Work attribute '${attribute.key}' does not exist`);
      const value = attribute.value ?? '';
      if (definition.type === 'ACCOUNT' && value !== '') {
        const account = accounts.find((a) => a.key === value);
        if (!account) throw badRequest(`Account '${value}' does not exist`);
        if (account.status !== 'OPEN')
          throw badRequest(`Account '${value}' is ${account.status.toLowerCase()}: worklogs cannot be logged on it`);
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
    schema: { $ref: '#/components/schemas/WorklogInput' },
    firstId: 5000,
    idOf: (w) => w.tempoWorklogId,
    check: (input) => {
      if (!jira.issues.has(input.issueId)) throw badRequest(`Issue with id ${input.issueId} does not exist`);
      if (!jira.users.has(input.authorAccountId))
        throw badRequest(`User with accountId '${input.authorAccountId}' does not exist`);
      checkAttributes(input.attributes);
    },
    build: (input, id, existing) => {
      const now = isoSeconds(refs.now());
      const startTime = normaliseTime(input.startTime ?? '09:00:00');
      return {
        tempoWorklogId: id,
        self: `${B}/worklogs/${id}`,
        issue: { id: input.issueId, self: `${jira.jiraSiteUrl}/rest/api/2/issue/${input.issueId}` },
        timeSpentSeconds: input.timeSpentSeconds,
        billableSeconds: input.billableSeconds ?? input.timeSpentSeconds,
        startDate: input.startDate,
        startTime,
        startDateTimeUtc: `${input.startDate}T${startTime}Z`,
        description: input.description ?? '',
        createdAt: input.createdAt ?? existing?.createdAt ?? now,
        updatedAt: existing ? now : (input.updatedAt ?? now),
        author: jira.userRef(input.authorAccountId),
        attributes: {
          self: `${B}/worklogs/${id}/work-attribute-values`,
          values: (input.attributes ?? []).map((a) => ({ key: a.key, value: a.value ?? '' })),
        },
      };
    },
  });

  return { worklogs };
}

/** `9:05:00` → `09:05:00`. */
function normaliseTime(time: string): string {
  const [h = '0', m = '0', s = '0'] = time.split(':');
  return [h, m, s].map((p) => p.padStart(2, '0')).join(':');
}
