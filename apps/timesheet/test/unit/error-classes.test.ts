/**
 * Every error class the SDK packages export has its own line in `describeError`: a class added to
 * @tempo-sdk/client, @tempo-sdk/oauth or @tempo-sdk/jira without one fails here, before a user sees a generic
 * line or a stack.
 */
import * as client from '@tempo-sdk/client';
import * as jira from '@tempo-sdk/jira';
import * as oauth from '@tempo-sdk/oauth';
import { describe, expect, it } from 'vitest';
import { DESCRIBED_ERROR_NAMES, describeError, describeJiraError, EXIT_USAGE } from '../../src/lib/errors.js';

type ErrorClass = abstract new (...args: never[]) => Error;

function errorClasses(exports: Record<string, unknown>): [string, ErrorClass][] {
  return Object.entries(exports).filter(
    (entry): entry is [string, ErrorClass] =>
      typeof entry[1] === 'function' && (entry[1] as { prototype?: unknown }).prototype instanceof Error,
  );
}

/** An instance of `Class` without calling its constructor (each takes different arguments). */
function instanceOf(Class: ErrorClass, message: string): Error {
  const error = Object.create(Class.prototype) as Error;
  Object.defineProperty(error, 'message', { value: message });
  return error;
}

const packages = { '@tempo-sdk/client': client, '@tempo-sdk/oauth': oauth, '@tempo-sdk/jira': jira };

describe.each(Object.entries(packages))('error classes of %s', (_name, exports) => {
  const classes = errorClasses(exports as Record<string, unknown>);

  it('exports error classes (the enumeration finds them)', () => {
    expect(classes.length).toBeGreaterThan(10);
  });

  it.each(classes)('%s has a line of its own', (exportName, Class) => {
    const error = instanceOf(Class, 'detail from the SDK');
    expect(error.name).toBe(exportName);
    expect([...DESCRIBED_ERROR_NAMES]).toContain(exportName);
    const { message } = describeError(error);
    expect(message).not.toMatch(/^unexpected error/);
    expect(message).not.toMatch(/\n|\bat .+:\d+:\d+/); // one line, no stack
  });
});

describe('what each kind of SDK error says', () => {
  it('a usage error of oauth or the client is exit 2 with its own message', () => {
    for (const Class of [oauth.OAuthUsageError, client.TempoUsageError]) {
      expect(describeError(instanceOf(Class, '`clientId` must be a non-empty string'))).toEqual({
        message: '`clientId` must be a non-empty string',
        exitCode: EXIT_USAGE,
      });
    }
  });

  it('a too-large answer says so (not "refused" and not an HTTP status)', () => {
    const oauthLine = describeError(instanceOf(oauth.OAuthResponseTooLargeError, 'larger than 1048576 bytes')).message;
    expect(oauthLine).toBe("Tempo's sign-in service sent an answer too large to read: larger than 1048576 bytes");
    const tempo = Object.assign(instanceOf(client.TempoResponseTooLargeError, 'GET /worklogs: too large'), {
      status: 200,
    });
    expect(describeError(tempo).message).toBe('Tempo sent an answer too large to read: GET /worklogs: too large');
    expect(describeJiraError(instanceOf(jira.JiraResponseTooLargeError, 'too large'))).toBe(
      'Jira sent an answer too large to read: too large',
    );
  });

  it('pagination stops are explained, not "unexpected"', () => {
    for (const Class of [client.TempoPaginationError, client.TempoMaxItemsError, client.TempoUnsafeLinkError]) {
      expect(describeError(instanceOf(Class, 'a next link pointed elsewhere')).message).toBe(
        'stopped reading pages: a next link pointed elsewhere',
      );
    }
  });

  it('an abort under Jira is the run being interrupted (exit 130), as under Tempo', () => {
    expect(describeError(instanceOf(jira.JiraAbortError, 'GET /myself was aborted'))).toEqual({
      message: 'interrupted',
      exitCode: 130,
    });
  });

  it('a Jira error that reaches the top gets the Jira line', () => {
    expect(describeError(instanceOf(jira.JiraConnectionError, 'ECONNREFUSED')).message).toBe(
      'could not reach Jira: ECONNREFUSED',
    );
  });
});
