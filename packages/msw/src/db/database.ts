import { createAccountCollections } from './accounts.js';
import { createJiraCollections } from './jira.js';
import { createOrganisationCollections } from './organisation.js';
import { createPlanningCollections } from './planning.js';
import { createScheduleCollections } from './schedules.js';
import { createWorklogCollections } from './worklogs.js';

/** What the database needs from the mock around it. */
export interface DatabaseEnvironment {
  /** Wall-clock epoch milliseconds for timestamps (injectable so tests can control `updatedAt`). */
  now: () => number;
  /** Jira site the mock pretends to belong to, e.g. `https://tempo-mock.atlassian.net`. */
  jiraSiteUrl: string;
  /** accountId of the user acting when no request says otherwise (creators of seeded records). */
  currentUser: () => string;
}

/**
 * The mock's in-memory Tempo: one typed collection per resource, one module per area (the same areas as
 * `operations/`). Records have the shape of the spec's response schemas; inputs the shape of its request schemas.
 * Areas are created in reference order: an area only checks references against the areas before it.
 */
export function createDatabase(env: DatabaseEnvironment) {
  const jira = createJiraCollections({ jiraSiteUrl: env.jiraSiteUrl });
  const accounts = createAccountCollections(jira);
  const organisation = createOrganisationCollections(jira);
  const worklogs = createWorklogCollections({
    jira,
    accounts: accounts.accounts,
    workAttributes: organisation.workAttributes,
    now: env.now,
  });
  const schedules = createScheduleCollections({ now: env.now });
  const planning = createPlanningCollections({
    jira,
    now: env.now,
    currentUser: env.currentUser,
    scheduleOf: schedules.scheduleOf,
  });
  return { ...jira, ...accounts, ...organisation, ...worklogs, ...schedules, ...planning };
}

/**
 * The mock's database: every stateful collection, typed by the spec's schemas.
 * @useDeclaredType
 */
export type TempoDatabase = ReturnType<typeof createDatabase>;

/** The Jira records, re-exported for modules that take every database type from here. */
export type { MockIssue, MockProject, MockUser } from './jira.js';
