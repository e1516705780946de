import { describe, expect, it } from 'vitest';
import {
  describeOutputError,
  AppError,
  describeError,
  EXIT_INTERRUPTED,
  EXIT_RUNTIME,
  EXIT_USAGE,
  LoginExpiredError,
  redact,
  UsageError,
} from '../../src/lib/errors.js';

/** Errors shaped like @tempo-sdk/client's (matched by name, as describeError does). */
function sdkError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

describe('describeError', () => {
  it('gives usage errors exit code 2 and run-time errors 1', () => {
    expect(describeError(new UsageError('bad duration "x"'))).toEqual({
      message: 'bad duration "x"',
      exitCode: EXIT_USAGE,
    });
    expect(describeError(new AppError('no account id'))).toEqual({ message: 'no account id', exitCode: EXIT_RUNTIME });
  });

  it("maps the client's usage error (an argument refused before sending) to exit 2 with its message", () => {
    const error = sdkError('TempoUsageError', 'Path parameter "accountId" must not be "..", got ".."');
    expect(describeError(error)).toEqual({
      message: 'Path parameter "accountId" must not be "..", got ".."',
      exitCode: EXIT_USAGE,
    });
  });

  it('says what the app aborted a command for (Tempo unreachable), not "interrupted"', () => {
    const reason = new AppError('cannot connect to Tempo at http://127.0.0.1:1 (connection refused)');
    expect(describeError(sdkError('TempoAbortError', 'aborted', { cause: reason }))).toEqual({
      message: reason.message,
      exitCode: EXIT_RUNTIME,
    });
  });

  it('tells an OAuth user to log in again on a 401', () => {
    const { message, exitCode } = describeError(sdkError('TempoUnauthorizedError', 'Unauthorized', { status: 401 }), {
      auth: 'oauth',
    });
    expect(message).toMatch(/run `timesheet login` again$/);
    expect(exitCode).toBe(EXIT_RUNTIME);
    expect(new LoginExpiredError().message).toBe('your Tempo login has expired; run `timesheet login` again');
  });

  it('points an API-token user at TEMPO_API_TOKEN on a 401', () => {
    expect(
      describeError(sdkError('TempoUnauthorizedError', 'x', { status: 401 }), { auth: 'api-token' }).message,
    ).toMatch(/check TEMPO_API_TOKEN/);
  });

  it('treats a refused refresh token (invalid_grant) as an expired login', () => {
    expect(
      describeError(sdkError('OAuthError', 'invalid_grant: refresh token revoked', { error: 'invalid_grant' })).message,
    ).toBe('your Tempo login has expired; run `timesheet login` again');
  });

  it.each([
    ['TempoBadRequestError', 400, 'Tempo rejected the request (400): Issue not found'],
    ['TempoNotFoundError', 404, 'not found in Tempo (404): Issue not found'],
    ['TempoForbiddenError', 403, /^Tempo refused the request \(403\)/],
    ['TempoRateLimitError', 429, /rate limiting/],
    ['TempoServerError', 503, /HTTP 503/],
    ['TempoConnectionError', undefined, 'could not reach Tempo: Issue not found'],
    ['TempoTeapotError', 418, 'Tempo answered HTTP 418: Issue not found'],
  ])('maps %s', (name, status, expected) => {
    const { message, exitCode } = describeError(sdkError(name, 'Issue not found', { status }));
    expect(message).toMatch(expected);
    expect(exitCode).toBe(EXIT_RUNTIME);
  });

  it.each([
    ['ReauthorizationRequiredError', /run `timesheet login` again$/],
    ['InvalidClientError', /check TEMPO_CLIENT_ID and TEMPO_CLIENT_SECRET/],
    ['AuthorizationDeniedError', /access was not granted/],
    ['StateMismatchError', /unusable answer/],
    ['LoopbackTimeoutError', /no answer from the browser in time/],
    ['OAuthConnectionError', /could not reach Tempo's sign-in service/],
    ['OAuthSomethingNewError', /Tempo's sign-in service refused/],
  ])("maps the oauth package's %s", (name, expected) => {
    expect(describeError(sdkError(name, 'detail')).message).toMatch(expected);
  });

  it('looks into the cause when the client wraps a token-function failure', () => {
    const wrapped = new Error('token provider failed', { cause: sdkError('ReauthorizationRequiredError', 'x') });
    expect(describeError(wrapped).message).toBe('your Tempo login has expired; run `timesheet login` again');
  });

  it('reports Ctrl-C as interrupted with 130', () => {
    expect(describeError(sdkError('TempoAbortError', 'aborted'))).toEqual({
      message: 'interrupted',
      exitCode: EXIT_INTERRUPTED,
    });
  });

  it('explains file errors by path', () => {
    const error = Object.assign(new Error("EACCES: permission denied, open '/root/x.csv'"), {
      code: 'EACCES',
      path: '/root/x.csv',
    });
    expect(describeError(error).message).toBe('/root/x.csv: permission denied');
  });

  it('keeps unexpected errors to one line and suggests --debug', () => {
    const { message } = describeError(new Error('boom\n  at somewhere'));
    expect(message).toBe('unexpected error: boom at somewhere (run with --debug for details)');
    expect(describeError('a string').message).toBe('unexpected error: a string');
  });

  it('never prints a known secret or a bearer token', () => {
    const token = 'tempo-secret-token-123';
    const { message } = describeError(
      new AppError(`request with ${token} failed; header Authorization: Bearer abc.def-ghi`),
      {
        secrets: [token, undefined, 'short'],
      },
    );
    expect(message).toBe('request with *** failed; header Authorization: Bearer ***');
  });
});

describe('redact', () => {
  it('leaves short strings alone (they would redact ordinary words)', () => {
    expect(redact('the cat', ['cat'])).toBe('the cat');
  });
});

describe('describeOutputError', () => {
  it('says that the output could not be written, and why, without a stack', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
    });
    expect(describeOutputError(enospc)).toBe('cannot write output: no space left on device');
    expect(describeOutputError(Object.assign(new Error('x'), { code: 'EIO' }))).toBe(
      'cannot write output: input/output error',
    );
    expect(describeOutputError(Object.assign(new Error('x'), { code: 'EWEIRD' }))).toBe('cannot write output: EWEIRD');
  });
});
