import { badRequest } from '../errors.js';
import { Collection } from './collection.js';

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

/**
 * A reference to a Jira user, as Tempo's records embed it.
 * @inline
 */
export type UserRef = (accountId: string) => { accountId: string; self: string };

/**
 * Users, projects and issues: the Jira data Tempo's records point at. Every other area checks its references
 * against these collections, so they come first.
 */
export function createJiraCollections(env: { jiraSiteUrl: string }) {
  const jiraSiteUrl = env.jiraSiteUrl.replace(/\/$/, '');
  const userRef: UserRef = (accountId) => ({
    accountId,
    self: `${jiraSiteUrl}/rest/api/2/user?accountId=${encodeURIComponent(accountId)}`,
  });

  const users = new Collection<MockUser, MockUser, string>({
    label: 'User',
    schema: {
      type: 'object',
      required: ['accountId'],
      properties: {
        accountId: { type: 'string', minLength: 1 },
        displayName: { type: 'string' },
        emailAddress: { type: 'string' },
      },
    },
    idOf: (u) => u.accountId,
    allocateId: (input) => input.accountId,
    build: (input) => ({ ...input }),
  });

  const projects = new Collection<MockProject, Omit<MockProject, 'id'> & { id?: number }>({
    label: 'Project',
    schema: {
      type: 'object',
      required: ['key', 'name'],
      properties: { id: { type: 'integer' }, key: { type: 'string', minLength: 1 }, name: { type: 'string' } },
    },
    firstId: 10000,
    idOf: (p) => p.id,
    allocateId: (input, next) => input.id ?? next,
    build: (input, id) => ({ id, key: input.key, name: input.name }),
  });

  const issues = new Collection<MockIssue, Omit<MockIssue, 'id'> & { id?: number }>({
    label: 'Issue',
    schema: {
      type: 'object',
      required: ['key', 'projectId', 'summary'],
      properties: {
        id: { type: 'integer' },
        key: { type: 'string', minLength: 1 },
        projectId: { type: 'integer' },
        summary: { type: 'string' },
      },
    },
    firstId: 10100,
    idOf: (i) => i.id,
    allocateId: (input, next) => input.id ?? next,
    check: (input) => {
      if (!projects.has(input.projectId)) throw badRequest(`Project with id ${input.projectId} does not exist`);
    },
    build: (input, id) => ({ id, key: input.key, projectId: input.projectId, summary: input.summary }),
  });

  return { users, projects, issues, userRef, jiraSiteUrl };
}

/** The Jira collections, as the other areas reference them. */
export type JiraCollections = ReturnType<typeof createJiraCollections>;
