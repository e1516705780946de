import { TempoMockError, type MockReply } from '../errors.js';

/** An answer in Jira's error shape: `{"errorMessages":[…],"errors":{…}}`. Thrown by the Jira routes. */
export class JiraMockHttpError extends TempoMockError {
  static {
    this.prototype.name = 'JiraMockHttpError';
  }

  constructor(
    readonly status: number,
    readonly errorMessages: readonly string[],
    readonly errors: Readonly<Record<string, string>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
  }
}

/** Jira's text for an issue that does not exist or that the caller may not browse: the two are not told apart. */
export const ISSUE_NOT_VISIBLE = 'Issue does not exist or you do not have permission to see it.';

/** A {@link MockReply} with Jira's error body. */
export function jiraErrorReply(
  status: number,
  errorMessages: readonly string[],
  errors: Record<string, string> = {},
  headers: Record<string, string> = {},
): MockReply {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: JSON.stringify({ errorMessages, errors }),
  };
}

/** A JSON {@link MockReply}. */
export function jsonReply(body: unknown, status = 200): MockReply {
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify(body) };
}
