// No secret, or any fragment of one, in any view of an error or log line: text from outside (server bodies,
// errors thrown by fetch or a store, callback URLs) is redacted before it is cut, and causes are redacted too.
// Each case below puts a secret where an earlier version let a piece of it through.
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  MemoryTokenStore,
  OAuthConnectionError,
  OAuthEndpointError,
  OAuthResponseError,
  TokenManager,
  TokenPersistError,
  TokenStoreError,
  refreshToken,
  revokeToken,
  verifyCallback,
  type TokenSet,
} from '../src/index.js';
import { MIN_FRAGMENT_LENGTH, redactText } from '../src/redact.js';
import { client, useTempoMockServer } from './support/mock.js';

const { mock, server } = useTempoMockServer();
const TOKEN_URL = 'https://api.tempo.io/oauth/token/';

/** Every way an error is looked at: message, stack, String, JSON, util.inspect (causes included). */
function views(error: unknown): string[] {
  const e = error as Error;
  return [e.message, e.stack ?? '', String(e), JSON.stringify(e), inspect(e, { depth: Infinity, showHidden: true })];
}

/** Pieces of `secret` of MIN_FRAGMENT_LENGTH characters found in `text`. */
function fragments(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + MIN_FRAGMENT_LENGTH <= secret.length; i++) {
    const piece = secret.slice(i, i + MIN_FRAGMENT_LENGTH);
    if (text.includes(piece)) found.push(piece);
  }
  return found;
}

function expectNoFragment(texts: readonly string[], secrets: readonly string[]): void {
  const leaks = texts.flatMap((text) => secrets.flatMap((secret) => fragments(text, secret)));
  expect(leaks).toEqual([]);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('redaction before cutting', () => {
  it('redactText scrubs a secret that straddles the cut at every offset', () => {
    const secret = 'rt_9f8e7d6c5b4a3210fedcba9876543210';
    for (let offset = 0; offset <= secret.length; offset++) {
      for (const max of [200, 500]) {
        const text = `${'x'.repeat(max - offset)}${secret}${'y'.repeat(40)}`;
        const kept = redactText(text, [secret], max);
        expect(fragments(kept, secret)).toEqual([]);
        expect(kept.length).toBeLessThanOrEqual(max + 1);
      }
    }
  });

  it.each([1, 7, 17, 33])(
    'keeps no piece of a refresh token straddling the 500-character error_description cut (offset %i)',
    async (offset) => {
      const refresh = mock.oauth.issueTokens().refresh_token;
      server.use(
        http.post(TOKEN_URL, () =>
          HttpResponse.json(
            { error: 'invalid_grant', error_description: `${'d'.repeat(500 - offset)}${refresh} rejected` },
            { status: 400 },
          ),
        ),
      );
      const error = await failure(refreshToken({ ...client, refreshToken: refresh }));
      expect(error).toBeInstanceOf(OAuthEndpointError);
      expectNoFragment(views(error), [refresh, client.clientSecret]);
    },
  );

  it.each([1, 9, 20])(
    'keeps no piece of the client secret straddling the 200-character error page cut (offset %i)',
    async (offset) => {
      server.use(
        http.post(
          TOKEN_URL,
          () =>
            new HttpResponse(`${'p'.repeat(200 - offset)}${client.clientSecret}</pre>`, {
              status: 502,
              headers: { 'content-type': 'text/html' },
            }),
        ),
      );
      const error = await failure(refreshToken({ ...client, refreshToken: 'rt-some-refresh-token' }));
      expect(error).toBeInstanceOf(OAuthResponseError);
      expectNoFragment(views(error), [client.clientSecret, 'rt-some-refresh-token']);
    },
  );

  it('redacts the OAuth error code of a 5xx answer (a server echoing the form into "error")', async () => {
    server.use(
      http.post(TOKEN_URL, async ({ request }) => HttpResponse.json({ error: await request.text() }, { status: 503 })),
    );
    const refresh = 'rt-echoed-in-the-error-code-0123456789';
    const error = await failure(refreshToken({ ...client, refreshToken: refresh }));
    expect(error).toBeInstanceOf(OAuthResponseError);
    expectNoFragment(views(error), [refresh, client.clientSecret]);
  });

  it('redacts pieces of a token that the server echoes itself (a prefix, a suffix)', async () => {
    const token = 'at-0123456789abcdefghijklmnopqrstuvwxyz';
    server.use(
      http.post('https://api.tempo.io/oauth/revoke_token/', () =>
        HttpResponse.json(
          {
            error: 'unsupported_token_type',
            error_description: `token ${token.slice(0, 20)}… (ends ${token.slice(-12)}) cannot be revoked`,
          },
          { status: 400 },
        ),
      ),
    );
    const error = await failure(revokeToken({ ...client, token }));
    expect(error).toBeInstanceOf(OAuthEndpointError);
    expectNoFragment(views(error), [token]);
    expect((error as OAuthEndpointError).errorDescription).toContain('[REDACTED]');
  });

  it('redacts the cause when fetch throws an error that quotes the form it was given', async () => {
    const refresh = 'rt-quoted-by-a-logging-fetch-wrapper-42';
    const quoting = async (_url: unknown, init?: RequestInit): Promise<Response> => {
      const inner = new Error(`socket hang up while sending ${String(init?.body)}`);
      throw new TypeError(`fetch failed: ${String(init?.body)}`, { cause: inner });
    };
    const error = await failure(refreshToken({ ...client, refreshToken: refresh, fetch: quoting }));
    expect(error).toBeInstanceOf(OAuthConnectionError);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expectNoFragment(views(error), [refresh, client.clientSecret]);
  });

  it('redacts the cause when a store fails quoting the tokens it was asked to save', async () => {
    const issued = mock.oauth.issueTokens();
    let attempted: TokenSet | undefined;
    const store = new (class extends MemoryTokenStore {
      override async set(tokens: TokenSet): Promise<void> {
        attempted = tokens;
        throw new Error(`duplicate key value violates unique constraint: (tokens)=(${JSON.stringify(tokens)})`);
      }
    })({
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      expiresAt: Date.now() - 1,
      tokenType: 'Bearer',
    });
    const logs: string[] = [];
    const manager = new TokenManager({ ...client, store, logger: { warn: (line) => logs.push(line) } });
    const error = await failure(manager.getAccessToken());
    expect(error).toBeInstanceOf(TokenPersistError);
    expect(attempted).toBeDefined();
    const secrets = [
      attempted!.accessToken,
      attempted!.refreshToken,
      issued.access_token,
      issued.refresh_token,
      client.clientSecret,
    ];
    expectNoFragment([...views(error), ...logs], secrets);

    const reading = new TokenManager({
      ...client,
      store: {
        get: () => Promise.reject(new Error(`cannot read row ${issued.refresh_token}`)),
        set: () => undefined,
        clear: () => undefined,
      },
    });
    const readError = await failure(reading.getAccessToken());
    expect(readError).toBeInstanceOf(TokenStoreError);
    // The manager knows no tokens yet, but the client secret is always scrubbed.
    expectNoFragment(views(readError), [client.clientSecret]);
  });

  it('keeps the code of a callback out of its error text', () => {
    const code = 'code-0123456789-secret';
    let error: unknown;
    try {
      verifyCallback(
        `/cb?state=s1&code=${code}&error=server_error&error_description=${encodeURIComponent(`failed for ${code}`)}`,
        {
          expectedState: 's1',
        },
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expectNoFragment(views(error), [code]);
  });
});
