// No secret (client secret, code, access or refresh token) may appear in an error's message, toString, toJSON,
// util.inspect or stack, in the manager's or a store's printed form, or in anything logged. Every error produced
// below is collected and searched for every secret the test knows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MemoryTokenStore,
  TokenManager,
  buildAuthorizeUrl,
  exchangeCode,
  refreshToken,
  revokeToken,
  verifyCallback,
  type TokenSet,
  type TokenStore,
} from '../src/index.js';
import { FileTokenStore, loopbackLogin } from '../src/node/index.js';
import { authorizeCode, useTempoMockServer } from './support/mock.js';

const CLIENT = {
  clientId: 'redaction-client',
  clientSecret: 'S3CR3T-client-secret-do-not-leak',
  redirectUri: 'http://127.0.0.1:9/callback',
};
const { mock, server } = useTempoMockServer({
  oauth: {
    clients: [
      {
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
        redirectUris: [CLIENT.redirectUri],
        allowLoopbackRedirects: true,
      },
    ],
  },
});
const client = { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret };

const secrets = new Set<string>([CLIENT.clientSecret, 'wrong-secret-also-secret']);
const errors: unknown[] = [];
const logs: string[] = [];
const printed: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'tempo-oauth-redaction-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function capture(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    errors.push(error);
    return error;
  }
  throw new Error('expected an error');
}

async function newCode(): Promise<string> {
  const request = buildAuthorizeUrl({ clientId: client.clientId, redirectUri: CLIENT.redirectUri, jiraSite: 'acme' });
  const { location } = await authorizeCode(request.url);
  const code = verifyCallback(location, { expectedState: request.state });
  secrets.add(code);
  return code;
}

function issued(): TokenSet {
  const t = mock.oauth.issueTokens({ clientId: client.clientId });
  return { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: 0, tokenType: 'Bearer' };
}

describe('redaction', () => {
  it('produces errors in every failure path', async () => {
    // Token endpoint errors.
    const code = await newCode();
    await exchangeCode({ ...client, redirectUri: CLIENT.redirectUri, code });
    await capture(exchangeCode({ ...client, redirectUri: CLIENT.redirectUri, code }));
    await capture(
      exchangeCode({
        ...client,
        clientSecret: 'wrong-secret-also-secret',
        redirectUri: CLIENT.redirectUri,
        code: await newCode(),
      }),
    );
    const dead = issued();
    mock.oauth.revoke(dead.refreshToken);
    await capture(refreshToken({ ...client, refreshToken: dead.refreshToken }));
    await capture(revokeToken({ ...client, clientSecret: 'wrong-secret-also-secret', token: issued().accessToken }));

    // A hostile or buggy server echoing what it received, in a description and in an error page.
    server.use(
      http.post('https://api.tempo.io/oauth/token/', async ({ request }) => {
        const form = await request.text();
        return HttpResponse.json({ error: 'invalid_grant', error_description: `rejected ${form}` }, { status: 400 });
      }),
    );
    await capture(refreshToken({ ...client, refreshToken: issued().refreshToken }));
    server.resetHandlers();
    server.use(
      http.post(
        'https://api.tempo.io/oauth/token/',
        async ({ request }) =>
          new HttpResponse(`<html><pre>${decodeURIComponent(await request.text())}</pre></html>`, {
            status: 500,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    await capture(exchangeCode({ ...client, redirectUri: CLIENT.redirectUri, code: await newCode() }));
    // A 200 answer that is not a token answer but contains one: never copied into the error.
    server.resetHandlers();
    server.use(
      http.post('https://api.tempo.io/oauth/token/', () => HttpResponse.json({ access_token: issued().accessToken })),
    );
    await capture(exchangeCode({ ...client, redirectUri: CLIENT.redirectUri, code: await newCode() }));
    server.resetHandlers();

    // Transport errors.
    mock.faults.add({ path: '/oauth/token/', networkError: true, times: 1 });
    await capture(refreshToken({ ...client, refreshToken: issued().refreshToken }));
    mock.faults.add({ path: '/oauth/token/', delayMs: 500, times: 1 });
    await capture(refreshToken({ ...client, refreshToken: issued().refreshToken, timeoutMs: 20 }));

    // Callback errors (the URL carries a code).
    const stolen = 'code-from-a-forged-callback';
    secrets.add(stolen);
    await capture(() => verifyCallback(`/cb?code=${stolen}&state=other`, { expectedState: 'expected' }));
    await capture(() => verifyCallback(`/cb?error=access_denied&state=expected`, { expectedState: 'expected' }));

    // Manager errors, with its log captured.
    const logger = { warn: (message: string) => logs.push(message) };
    const revoked = { ...issued(), expiresAt: Date.now() - 1 };
    mock.oauth.revoke(revoked.refreshToken);
    const manager = new TokenManager({ ...client, store: new MemoryTokenStore(revoked), logger });
    await capture(manager.getAccessToken());
    printed.push(inspect(manager, { depth: Infinity }), JSON.stringify(manager), String(manager));

    const failing: TokenStore = {
      get: async () => ({ ...issued(), expiresAt: Date.now() - 1 }),
      set: async () => Promise.reject(new Error('disk full')),
      clear: async () => undefined,
    };
    await capture(
      new TokenManager({
        ...client,
        store: failing,
        logger,
        onTokens: () => Promise.reject(new Error('x')),
      }).getAccessToken(),
    );
    const noisy = new TokenManager({
      ...client,
      store: new MemoryTokenStore({ ...issued(), expiresAt: Date.now() - 1 }),
      logger,
      onTokens: () => Promise.reject(new Error('callback failed')),
    });
    await noisy.getAccessToken();

    // Stores.
    const memory = new MemoryTokenStore(issued());
    printed.push(inspect(memory, { depth: Infinity }), JSON.stringify(memory));
    const file = join(dir, 'tokens.json');
    const fileStore = new FileTokenStore(file);
    await fileStore.set(issued());
    printed.push(inspect(fileStore, { depth: Infinity }), JSON.stringify(fileStore));
    writeFileSync(file, `{"version":1,"tokens":{"accessToken":"${issued().accessToken}"`);
    await capture(fileStore.get());

    // Loopback: a forged callback, with stderr (the default authorize-URL printer) captured.
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      await capture(
        loopbackLogin({
          ...client,
          jiraSite: 'acme',
          // The forged callback is refused (400) and the login keeps waiting: let it time out.
          timeoutMs: 500,
          openBrowser: async (url) => {
            const forged = new URL(new URL(url).searchParams.get('redirect_uri')!);
            forged.search = `code=${stolen}&state=forged`;
            printed.push(await (await fetch(forged)).text());
          },
        }),
      );
    } finally {
      process.stderr.write = write;
    }

    expect(errors.length).toBeGreaterThanOrEqual(15);
    expect(logs.length).toBeGreaterThanOrEqual(1);
    // Collect every token Tempo issued before the mock is reset after this test.
    for (const token of [...mock.oauth.stats.issuedAccessTokens, ...mock.oauth.stats.issuedRefreshTokens])
      secrets.add(token);
  });

  it('shows no secret in any error, printed object or log line', () => {
    expect(secrets.size).toBeGreaterThan(20);

    const texts: string[] = [...logs, ...printed];
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      const e = error as Error & { toJSON?: () => unknown };
      texts.push(
        String(e),
        e.message,
        e.stack ?? '',
        JSON.stringify(e),
        inspect(e, { depth: Infinity, showHidden: true }),
      );
    }
    const leaks = texts.flatMap((text) =>
      [...secrets].filter((secret) => text.includes(secret)).map((secret) => ({ secret, text: text.slice(0, 300) })),
    );
    expect(leaks).toEqual([]);
    // The echoing server's text was kept, with the secrets cut out.
    expect(texts.some((text) => text.includes('[REDACTED]'))).toBe(true);
  });
});
