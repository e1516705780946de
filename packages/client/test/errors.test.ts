/** Error parsing and the error classes: both body shapes, HTML 401/403, status → subclass, safe URLs. */
import { describe, expect, it } from 'vitest';
import {
  TempoApiError,
  TempoBadRequestError,
  TempoConflictError,
  TempoError,
  TempoForbiddenError,
  TempoNotFoundError,
  TempoRateLimitError,
  TempoServerError,
  TempoUnauthorizedError,
} from '../src/index.js';
import { createApiError, parseRetryAfter, sanitizeUrl, tempoMessages } from '../src/internal.js';

function errorFor(status: number, body: unknown, headers: Record<string, string> = {}) {
  const response = new Response(null, { status, headers });
  return createApiError({ response, body, method: 'get', url: 'https://api.tempo.io/4/worklogs/9' });
}

describe('Tempo error bodies', () => {
  it('reads {"errors":{"message":…}}', () => {
    const error = errorFor(404, { errors: { message: 'Worklog not found' } }, { 'content-type': 'application/json' });
    expect(error).toBeInstanceOf(TempoNotFoundError);
    expect(error.message).toBe('Worklog not found');
    expect(error.messages).toEqual(['Worklog not found']);
    expect(error.body).toEqual({ errors: { message: 'Worklog not found' } });
  });

  it('reads {"errors":[{"message":…}, …]}', () => {
    const error = errorFor(400, { errors: [{ message: 'issueId is required' }, { message: 'startDate is invalid' }] });
    expect(error).toBeInstanceOf(TempoBadRequestError);
    expect(error.message).toBe('issueId is required');
    expect(error.messages).toEqual(['issueId is required', 'startDate is invalid']);
  });

  it('falls back to a top-level message, then to the status', () => {
    expect(tempoMessages({ message: 'plain' })).toEqual(['plain']);
    expect(tempoMessages({ errors: [] })).toEqual([]);
    expect(tempoMessages('text')).toEqual([]);
    expect(errorFor(409, {}).message).toBe('409 Conflict');
    expect(errorFor(503, undefined).message).toBe('503 Service Unavailable');
  });

  it('gives a short safe message for HTML 401 and 403 pages', () => {
    const html = '<html><body><h1>401</h1><script>track("secret-session")</script></body></html>';
    const e401 = errorFor(401, html, { 'content-type': 'text/html' });
    expect(e401).toBeInstanceOf(TempoUnauthorizedError);
    expect(e401.message).toBe('Unauthorized: the token is missing, invalid or expired');
    expect(JSON.stringify(e401)).not.toContain('<html');
    const e403 = errorFor(403, '<html>Forbidden</html>', { 'content-type': 'text/html;charset=UTF-8' });
    expect(e403).toBeInstanceOf(TempoForbiddenError);
    expect(e403.message).not.toContain('<');
  });

  it('quotes a short plain-text body, but never HTML', () => {
    expect(errorFor(500, 'upstream timeout', { 'content-type': 'text/plain' }).message).toBe('upstream timeout');
    expect(errorFor(502, '<html>bad gateway</html>', { 'content-type': 'text/html' }).message).toBe('502 Bad Gateway');
    expect(errorFor(500, 'x'.repeat(5000)).message).toHaveLength(300);
  });
});

describe('status → class', () => {
  it.each([
    [400, TempoBadRequestError],
    [401, TempoUnauthorizedError],
    [403, TempoForbiddenError],
    [404, TempoNotFoundError],
    [409, TempoConflictError],
    [429, TempoRateLimitError],
    [500, TempoServerError],
    [502, TempoServerError],
    [503, TempoServerError],
    [504, TempoServerError],
  ])('%i → %o', (status, Class) => {
    const error = errorFor(status, { errors: { message: 'm' } });
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(TempoApiError);
    expect(error).toBeInstanceOf(TempoError);
    expect(error.name).toBe(Class.name);
    expect(error.status).toBe(status);
  });

  it('other statuses are plain TempoApiError', () => {
    const error = errorFor(418, {});
    expect(error.constructor).toBe(TempoApiError);
    expect(error.name).toBe('TempoApiError');
  });

  it('carries method, url, requestId, headers and retryAfterMs', () => {
    const error = errorFor(429, {}, { 'x-request-id': 'req-42', 'retry-after': '30', 'set-cookie': 'session=abc' });
    expect(error).toMatchObject({
      method: 'GET',
      url: 'https://api.tempo.io/4/worklogs/9',
      requestId: 'req-42',
      retryAfterMs: 30_000,
    });
    expect(error.headers['set-cookie']).toBe('[REDACTED]');
    expect(error.headers['x-request-id']).toBe('req-42');
  });
});

describe('safe URLs', () => {
  it('removes credential query parameters and user info, keeps the rest', () => {
    expect(
      sanitizeUrl(
        'https://user:pw@api.tempo.io/4/worklogs?from=2026-11-01&access_token=a&token=b&client_secret=c&code=d&refresh_token=e&limit=5',
      ),
    ).toBe('https://api.tempo.io/4/worklogs?from=2026-11-01&limit=5');
    expect(sanitizeUrl('/relative?access_token=x')).toBe('/relative');
  });

  it('an API error never reports a secret query parameter', () => {
    const response = new Response(null, { status: 404 });
    const error = createApiError({
      response,
      body: {},
      method: 'GET',
      url: 'https://api.tempo.io/4/worklogs?Access_Token=s3cr3t&offset=5',
    });
    expect(error.url).toBe('https://api.tempo.io/4/worklogs?offset=5');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0);
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:09 GMT', now)).toBe(9000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores missing or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
  });
});
