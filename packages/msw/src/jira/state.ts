import { TempoMockUsageError } from '../errors.js';
// What the mock's Jira knows beyond the shared database: former keys of moved issues, issues hidden from the
// caller, and request counts. Nothing here grows with what clients send: it only grows by what a test does
// (moveIssue, hideIssue), and page tokens are stateless.
import type { MockIssue, TempoDatabase } from '../db/database.js';

export interface JiraState {
  /** Former key (upper case) → issue id, for issues that moved to another project. */
  readonly formerKeys: Map<string, number>;
  /** Issue ids the caller may not see (answered exactly like issues that do not exist). */
  readonly hidden: Set<number>;
  /** Requests served, in all and per operationId. */
  readonly stats: JiraStats;
}

/** Counts of the mock Jira's requests (each one reached the mock, whatever its answer). */
export interface JiraStats {
  requests: number;
  byOperation: Record<string, number>;
}

export function createJiraState(): JiraState {
  return { formerKeys: new Map(), hidden: new Set(), stats: { requests: 0, byOperation: {} } };
}

export function resetJiraState(state: JiraState): void {
  state.formerKeys.clear();
  state.hidden.clear();
  state.stats.requests = 0;
  state.stats.byOperation = {};
}

/** Jira's rule for keys: letters, digits and underscores starting with a letter, a dash, a number. Case-insensitive. */
const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/i;

/** The issue an id or a key (current or former) names, if the caller may see it. */
export function findIssue(db: TempoDatabase, state: JiraState, idOrKey: string): MockIssue | undefined {
  let issue: MockIssue | undefined;
  if (/^[1-9][0-9]{0,15}$/.test(idOrKey)) issue = db.issues.get(Number(idOrKey));
  else if (ISSUE_KEY.test(idOrKey)) {
    const key = idOrKey.toUpperCase();
    issue = db.issues.find((i) => i.key.toUpperCase() === key);
    if (!issue) {
      const id = state.formerKeys.get(key);
      issue = id === undefined ? undefined : db.issues.get(id);
    }
  }
  return issue && !state.hidden.has(issue.id) ? issue : undefined;
}

/**
 * Moves an issue to another project, as Jira does: it gets the next key there, keeps its id, and its old key
 * still finds it.
 */
export function moveIssue(
  db: TempoDatabase,
  state: JiraState,
  idOrKey: string | number,
  projectKey: string,
): MockIssue {
  const issue = findIssue(db, state, String(idOrKey));
  if (!issue) throw new TempoMockUsageError(`moveIssue: no issue ${idOrKey}`);
  const project = db.projects.find((p) => p.key.toUpperCase() === projectKey.toUpperCase());
  if (!project) throw new TempoMockUsageError(`moveIssue: no project with key ${projectKey}`);
  const taken = db.issues.filter((i) => i.projectId === project.id).map((i) => Number(i.key.split('-').pop()));
  for (const [key, id] of state.formerKeys)
    if (key.startsWith(`${project.key.toUpperCase()}-`) && id !== issue.id) taken.push(Number(key.split('-').pop()));
  const key = `${project.key}-${Math.max(0, ...taken) + 1}`;
  state.formerKeys.set(issue.key.toUpperCase(), issue.id);
  return db.issues.update(issue.id, { key, projectId: project.id })!;
}

/** Hides an issue from every caller (Jira answers it exactly like one that does not exist). */
export function hideIssue(db: TempoDatabase, state: JiraState, idOrKey: string | number): void {
  const issue = findIssue(db, state, String(idOrKey));
  if (!issue) throw new TempoMockUsageError(`hideIssue: no issue ${idOrKey}`);
  state.hidden.add(issue.id);
}
