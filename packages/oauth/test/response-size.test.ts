// maxResponseBytes: every body oauth reads (token, refresh and revoke answers, error pages) is read streaming and
// the read stops at the limit with a typed error; nothing past it is buffered. Endless bodies come from an
// injected fetch (a unit test of the read step: msw's interceptor clones answers, which would buffer the stream on
// its side); the limit on real answers is checked against @tempo-sdk/msw.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  MemoryTokenStore,
  OAuthResponseError,
  OAuthResponseTooLargeError,
  OAuthUsageError,
  TokenManager,
  exchangeCode,
  refreshToken,
  revokeToken,
} from '../src/index.js';
import { client, useTempoMockServer } from './support/mock.js';

const { mock, server } = useTempoMockServer();
const TOKEN_URL = 'https://api.tempo.io/oauth/token/';
const REVOKE_URL = 'https://api.tempo.io/oauth/revoke_token/';
const CHUNK_BYTES = 64 * 1024;

/** An endless body: counts how many bytes the reader pulled. */
function endless(): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new TextEncoder().encode('{"access_token":"'.padEnd(CHUNK_BYTES, 'a'));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled: () => pulled };
}

describe('maxResponseBytes', () => {
  type Call = (fetch: (input: string | URL | Request) => Promise<Response>) => Promise<unknown>;
  const limit = { maxResponseBytes: 256 * 1024 };
  it.each([
    [
      'the token endpoint (code exchange), 200',
      TOKEN_URL,
      200,
      ((fetch) =>
        exchangeCode({ ...client, ...limit, fetch, redirectUri: 'http://127.0.0.1/cb', code: 'c0de-1234' })) as Call,
    ],
    [
      'the token endpoint (refresh), 200',
      TOKEN_URL,
      200,
      ((fetch) => refreshToken({ ...client, ...limit, fetch, refreshToken: 'rt-12345678' })) as Call,
    ],
    [
      'the token endpoint, an endless error page',
      TOKEN_URL,
      500,
      ((fetch) => refreshToken({ ...client, ...limit, fetch, refreshToken: 'rt-12345678' })) as Call,
    ],
    [
      'the revoke endpoint, 200',
      REVOKE_URL,
      200,
      ((fetch) => revokeToken({ ...client, ...limit, fetch, token: 'at-12345678' })) as Call,
    ],
    [
      'the revoke endpoint, an endless 400',
      REVOKE_URL,
      400,
      ((fetch) => revokeToken({ ...client, ...limit, fetch, token: 'at-12345678' })) as Call,
    ],
  ] as const)('stops reading an endless body from %s at the limit', async (_, url, status, call) => {
    const stream = endless();
    const requested: string[] = [];
    const error = await call(async (input) => {
      requested.push(String(input));
      return new Response(stream.body, { status, headers: { 'content-type': 'application/json' } });
    }).catch((e: unknown) => e);
    expect(requested).toEqual([url]);
    expect(error).toBeInstanceOf(OAuthResponseTooLargeError);
    expect(error).toBeInstanceOf(OAuthResponseError);
    expect((error as OAuthResponseTooLargeError).maxResponseBytes).toBe(256 * 1024);
    expect((error as OAuthResponseTooLargeError).status).toBe(status);
    // Read up to the limit plus what the stream had queued ahead, never on and on.
    expect(stream.pulled()).toBeLessThanOrEqual(256 * 1024 + 4 * CHUNK_BYTES);
  });

  it('refuses a body whose Content-Length is past the limit without reading it', async () => {
    const stream = endless();
    const fetch = async (): Promise<Response> =>
      new Response(stream.body, {
        status: 502,
        headers: { 'content-type': 'text/html', 'content-length': String(5 * 1024 ** 3) },
      });
    const error = await refreshToken({ ...client, refreshToken: 'rt-12345678', fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthResponseTooLargeError);
    expect((error as OAuthResponseTooLargeError).maxResponseBytes).toBe(DEFAULT_MAX_RESPONSE_BYTES);
    expect(stream.pulled()).toBeLessThanOrEqual(2 * CHUNK_BYTES);
  });

  it('stops at the limit on a large error page from the mock (no Content-Length)', async () => {
    const page = `<html>${'x'.repeat(3 * 1024 * 1024)}</html>`;
    server.use(
      http.post(TOKEN_URL, () => new HttpResponse(page, { status: 503, headers: { 'content-type': 'text/html' } })),
    );
    await expect(refreshToken({ ...client, refreshToken: 'rt-12345678' })).rejects.toBeInstanceOf(
      OAuthResponseTooLargeError,
    );
  });

  it('applies the limit to the real answers: a normal token answer passes a generous limit, not a tiny one', async () => {
    const issued = mock.oauth.issueTokens();
    await expect(
      refreshToken({ ...client, refreshToken: issued.refresh_token, maxResponseBytes: 10 }),
    ).rejects.toBeInstanceOf(OAuthResponseTooLargeError);
    const other = mock.oauth.issueTokens();
    await expect(refreshToken({ ...client, refreshToken: other.refresh_token })).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
  });

  it('is passed on by TokenManager to its refreshes and revocations', async () => {
    const issued = mock.oauth.issueTokens();
    const store = new MemoryTokenStore({
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      expiresAt: Date.now() - 1,
      tokenType: 'Bearer',
    });
    const manager = new TokenManager({ ...client, store, maxResponseBytes: 10, logger: {} });
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(OAuthResponseTooLargeError);
  });

  it.each([0, -1, 1.5, Number.NaN, '1000'])(
    'refuses maxResponseBytes %j with OAuthUsageError before sending',
    async (value) => {
      let sent = false;
      const error = await refreshToken({
        ...client,
        refreshToken: 'rt-12345678',
        maxResponseBytes: value as number,
        fetch: async () => {
          sent = true;
          return new Response('{}');
        },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OAuthUsageError);
      expect((error as OAuthUsageError).option).toBe('maxResponseBytes');
      expect(sent).toBe(false);
    },
  );
});
