// The small part of JQL the mock understands: clauses on key/issuekey, id and project, with `=` or `in (…)`,
// joined by AND, and an optional ORDER BY (ignored: results come in id order). Anything else is a 400, so a test
// never silently gets a wrong answer. A query with no clause is refused, like Jira's unbounded-search rule.
import type { MockIssue, TempoDatabase } from '../db/database.js';
import { JiraMockHttpError } from './errors.js';
import { findIssue, type JiraState } from './state.js';

const CLAUSE = /^\s*(key|issuekey|id|project)\s*(=|in)\s*(?:\(([^()]*)\)|("[^"]*"|'[^']*'|[^\s()]+))\s*$/i;

export function runJql(db: TempoDatabase, state: JiraState, jql: string): MockIssue[] {
  const where = jql.replace(/\border\s+by\b[\s\S]*$/i, '').trim();
  if (!where)
    throw new JiraMockHttpError(400, [
      'Unbounded JQL queries are not allowed: restrict the search, for example by project or key.',
    ]);
  let result: MockIssue[] | undefined;
  for (const clause of where.split(/\s+AND\s+/i)) {
    const match = CLAUSE.exec(clause);
    if (!match)
      throw new JiraMockHttpError(400, [
        `The mock's JQL does not understand "${clause.trim().slice(0, 80)}" (supported: key, id, project with = or in, joined by AND).`,
      ]);
    const [, field, op, list, single] = match;
    const values = (op!.toLowerCase() === 'in' ? list!.split(',') : [single!])
      .map((v) => v.trim().replace(/^["']|["']$/g, ''))
      .filter(Boolean);
    const matching = new Set<number>();
    if (field!.toLowerCase() === 'project') {
      const projects = db.projects.filter((p) =>
        values.some((v) => v.toUpperCase() === p.key.toUpperCase() || v === String(p.id)),
      );
      for (const p of projects)
        for (const i of db.issues.filter((i) => i.projectId === p.id)) if (!state.hidden.has(i.id)) matching.add(i.id);
    } else {
      for (const value of values) {
        const issue = findIssue(db, state, value);
        if (issue) matching.add(issue.id);
      }
    }
    result = (result ?? db.issues.all()).filter((i) => matching.has(i.id));
  }
  return (result ?? []).sort((a, b) => a.id - b.id);
}
