/**
 * Issue keys, issue ids and account ids as the lookup accepts them. Checked before anything is sent, so a value can
 * never leave its place in a URL or a JQL query: a key is letters, digits and `_`, a dash and a number; an id is
 * digits; an account id has no control characters and is at most 128 characters long.
 */
import { JiraUsageError } from './errors.js';

/** A Jira issue key: the project key (a letter, then letters, digits or `_`), a dash, the issue number. */
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]*-[1-9][0-9]{0,9}$/;

/** Whether `value` is an issue key (any case: Jira's keys are case-insensitive). */
export function isIssueKey(value: string): boolean {
  return ISSUE_KEY_PATTERN.test(value.toUpperCase());
}

/** One issue reference, normalised: a key in upper case, or a numeric id. */
export type IssueRef = { kind: 'key'; key: string } | { kind: 'id'; id: number };

/** What `input` names, or undefined when it is neither a key nor an id. */
export function parseIssueRef(input: string | number): IssueRef | undefined {
  if (typeof input === 'number')
    return Number.isSafeInteger(input) && input > 0 ? { kind: 'id', id: input } : undefined;
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  if (/^[1-9][0-9]{0,15}$/.test(text)) return { kind: 'id', id: Number(text) };
  const key = text.toUpperCase();
  return ISSUE_KEY_PATTERN.test(key) ? { kind: 'key', key } : undefined;
}

/** Shows a value the user gave in a message: quoted, cut to 40 characters, control characters escaped. */
export function quoteInput(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(cut);
}

/**
 * Parses every reference, or throws one error naming every malformed one.
 * @throws {JiraUsageError} when any input is neither an issue key (`PROJ-123`) nor a numeric id.
 */
export function parseIssueRefs(inputs: readonly (string | number)[]): IssueRef[] {
  const refs: IssueRef[] = [];
  const bad: string[] = [];
  for (const input of inputs) {
    const ref = parseIssueRef(input);
    if (ref) refs.push(ref);
    else bad.push(quoteInput(input));
  }
  if (bad.length) {
    throw new JiraUsageError(
      `${bad.length === 1 ? 'Not an issue key or id' : `${bad.length} values are not issue keys or ids`}: ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ', …' : ''} (expected a key such as PROJ-123 or a numeric id)`,
    );
  }
  return refs;
}

/**
 * Checks account ids.
 * @throws {JiraUsageError} naming every malformed one (empty, longer than 128 characters, control characters).
 */
export function checkAccountIds(accountIds: readonly string[]): void {
  // eslint-disable-next-line no-control-regex
  const bad = accountIds.filter(
    (id) => typeof id !== 'string' || id.trim() === '' || id.length > 128 || /[\u0000-\u001f\u007f]/.test(id),
  );
  if (bad.length)
    throw new JiraUsageError(`Not an Atlassian account id: ${bad.slice(0, 10).map(quoteInput).join(', ')}`);
}
