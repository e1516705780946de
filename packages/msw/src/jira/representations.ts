// The mock's records as Jira's JSON: issues, projects and users, with `self` links under the request's base URL.
import type { JiraIssue, JiraProject, JiraUser } from '@tempo-sdk/types/jira';
import type { MockIssue, MockProject, MockUser, TempoDatabase } from '../db/database.js';

const TIME_ZONES = ['Europe/Berlin', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney'];

/** A stable time zone per account (the mock's users have none of their own). */
export function timeZoneOf(accountId: string): string {
  let hash = 0;
  for (const char of accountId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return TIME_ZONES[hash % TIME_ZONES.length]!;
}

function avatars(base: string, kind: string, id: string): Record<'16x16' | '24x24' | '32x32' | '48x48', string> {
  const url = (size: number) => `${base}/secure/${kind}avatar?size=${size}&id=${encodeURIComponent(id)}`;
  return { '16x16': url(16), '24x24': url(24), '32x32': url(32), '48x48': url(48) };
}

export function userJson(base: string, user: MockUser): JiraUser {
  return {
    self: `${base}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: 'atlassian',
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatars(base, 'user', user.accountId),
    displayName: user.displayName,
    active: true,
    timeZone: timeZoneOf(user.accountId),
    locale: 'en_US',
  };
}

export function projectJson(base: string, project: MockProject): JiraProject {
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${base}/rest/api/3/project/${project.id}`,
    id: String(project.id),
    key: project.key,
    name: project.name,
    avatarUrls: avatars(base, 'project', String(project.id)),
    projectTypeKey: 'software',
    simplified: false,
    style: 'classic',
    isPrivate: false,
  };
}

/**
 * Which of the mock's fields (`summary`, `project`) a `fields` list asks for. Items may be comma-separated;
 * `*all` and `*navigable` mean every field, `-name` drops one. Without a list, `fallback` applies.
 */
export function selectFields(requested: readonly string[] | undefined, fallback: string): Set<string> {
  const items = (requested?.length ? requested : [fallback])
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter(Boolean);
  const out = new Set<string>();
  const every = items.includes('*all') || items.includes('*navigable');
  for (const field of ['summary', 'project'])
    if ((every || items.includes(field)) && !items.includes(`-${field}`)) out.add(field);
  return out;
}

export function issueJson(base: string, db: TempoDatabase, issue: MockIssue, fields: ReadonlySet<string>): JiraIssue {
  const project = db.projects.get(issue.projectId);
  const values: Record<string, unknown> = {};
  if (fields.has('summary')) values.summary = issue.summary;
  if (fields.has('project') && project) {
    values.project = {
      self: `${base}/rest/api/3/project/${project.id}`,
      id: String(project.id),
      key: project.key,
      name: project.name,
      projectTypeKey: 'software',
      simplified: false,
    };
  }
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: String(issue.id),
    self: `${base}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: values,
  };
}
