// Unit tests of the answer → typed error mapping. The protocol itself is tested against @tempo-sdk/msw in
// token-endpoint.test.ts; here the mapper is fed answers no mock would send (odd bodies, odd statuses).
import { describe, expect, it } from 'vitest';
import {
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  OAuthEndpointError,
  OAuthError,
  OAuthResponseError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  UnsupportedTokenTypeError,
  OAuthUsageError,
} from '../src/index.js';
import { endpointUrl, errorFromResponse, type FormResponse } from '../src/http.js';

const SECRET = 'super-secret-value';
const REFRESH = 'rt_0123456789abcdef';

function answer(status: number, body: string, contentType = 'application/json'): FormResponse {
  return {
    response: new Response(null, { status, headers: { 'content-type': contentType } }),
    text: body,
    sentAt: 0,
    endpoint: 'https://api.tempo.io/oauth/token/',
  };
}

describe('errorFromResponse', () => {
  it.each([
    ['invalid_grant', InvalidGrantError],
    ['invalid_client', InvalidClientError],
    ['invalid_request', InvalidRequestError],
    ['unauthorized_client', UnauthorizedClientError],
    ['unsupported_grant_type', UnsupportedGrantTypeError],
    ['invalid_scope', InvalidScopeError],
    ['unsupported_token_type', UnsupportedTokenTypeError],
  ] as const)('maps %s to its class', (code, ErrorClass) => {
    const error = errorFromResponse(answer(400, JSON.stringify({ error: code, error_description: 'nope' })), []);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(OAuthEndpointError);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.name).toBe(ErrorClass.name);
    expect((error as OAuthEndpointError).error).toBe(code);
    expect((error as OAuthEndpointError).status).toBe(400);
    expect((error as OAuthEndpointError).errorDescription).toBe('nope');
  });

  it('keeps unknown OAuth error codes as OAuthEndpointError', () => {
    const error = errorFromResponse(answer(400, '{"error":"slow_down"}'), []);
    expect(error.constructor).toBe(OAuthEndpointError);
    expect((error as OAuthEndpointError).error).toBe('slow_down');
  });

  it('turns 5xx, HTML pages, error-less JSON and redirects into OAuthResponseError', () => {
    const html = errorFromResponse(answer(502, '<html><body>Bad gateway</body></html>', 'text/html'), []);
    expect(html).toBeInstanceOf(OAuthResponseError);
    expect((html as OAuthResponseError).status).toBe(502);
    expect((html as OAuthResponseError).bodySnippet).toContain('Bad gateway');

    const unavailable = errorFromResponse(answer(503, '{"error":"temporarily_unavailable"}'), []);
    expect(unavailable).toBeInstanceOf(OAuthResponseError);
    expect((unavailable as OAuthResponseError).error).toBe('temporarily_unavailable');

    expect(errorFromResponse(answer(400, '{"message":"bad"}'), [])).toBeInstanceOf(OAuthResponseError);
    expect(errorFromResponse(answer(401, 'Unauthorized', 'text/plain'), [])).toBeInstanceOf(OAuthResponseError);
    expect(errorFromResponse(answer(302, ''), []).message).toMatch(/redirect/);
  });

  it('scrubs the secrets that were sent from every text kept from the server', () => {
    const body = JSON.stringify({
      error: 'invalid_grant',
      error_description: `token ${REFRESH} with ${encodeURIComponent(SECRET)} rejected`,
    });
    const error = errorFromResponse(answer(400, body), [SECRET, REFRESH]);
    const page = errorFromResponse(
      answer(500, `<pre>client_secret=${SECRET}&refresh_token=${REFRESH}</pre>`, 'text/html'),
      [SECRET, REFRESH],
    );
    for (const e of [error, page]) {
      const text = `${String(e)} ${JSON.stringify(e)} ${e.message}`;
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(REFRESH);
      expect(text).toContain('[REDACTED]');
    }
  });

  it('cuts long error pages', () => {
    const error = errorFromResponse(answer(500, 'x'.repeat(10_000), 'text/html'), []) as OAuthResponseError;
    expect(error.bodySnippet!.length).toBeLessThanOrEqual(201);
  });
});

describe('endpointUrl', () => {
  it('joins the host and path, keeps a path prefix and drops credentials', () => {
    expect(endpointUrl(undefined, '/oauth/token/')).toBe('https://api.tempo.io/oauth/token/');
    expect(endpointUrl('http://127.0.0.1:4010/', '/oauth/token/')).toBe('http://127.0.0.1:4010/oauth/token/');
    expect(endpointUrl('https://proxy.example.com/tempo/', '/oauth/revoke_token/')).toBe(
      'https://proxy.example.com/tempo/oauth/revoke_token/',
    );
    expect(endpointUrl('https://user:pw@proxy.example.com', '/oauth/token/')).toBe(
      'https://proxy.example.com/oauth/token/',
    );
    expect(() => endpointUrl('api.tempo.io', '/oauth/token/')).toThrow(OAuthUsageError);
  });
});
