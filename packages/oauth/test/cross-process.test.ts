// Several processes sharing one token file, against @tempo-sdk/msw's standalone server over HTTP.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MOCK_OAUTH_CLIENT, startTempoMockServer, type TempoMockServer } from '@tempo-sdk/msw/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenManager, type TokenSet } from '../src/index.js';
import { FileTokenStore } from '../src/node/index.js';
import { runFixture, type ChildResult } from './support/child.js';

let server: TempoMockServer;
let dir: string;
let file: string;

beforeAll(async () => {
  server = await startTempoMockServer({ data: 'empty' });
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tempo-oauth-xproc-'));
  file = join(dir, 'tokens.json');
});
afterEach(() => {
  server.mock.reset();
  rmSync(dir, { recursive: true, force: true });
});

/** Stores a freshly issued token set whose access token is already expired on our side. */
async function storeExpiredTokens(): Promise<TokenSet> {
  const issued = server.mock.oauth.issueTokens();
  const tokens = {
    accessToken: issued.access_token,
    refreshToken: issued.refresh_token,
    expiresAt: Date.now() - 1000,
    tokenType: 'Bearer',
  };
  await new FileTokenStore(file).set(tokens);
  return tokens;
}

function runApp(mode = 'normal'): Promise<ChildResult> {
  return runFixture('manager-refresh.mjs', {
    TOKEN_FILE: file,
    TOKEN_HOST: server.url,
    CLIENT_ID: MOCK_OAUTH_CLIENT.clientId,
    CLIENT_SECRET: MOCK_OAUTH_CLIENT.clientSecret,
    MODE: mode,
  });
}

function output(result: ChildResult): { ok: boolean; accessToken?: string; name?: string; reason?: string } {
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { ok: boolean; accessToken?: string };
}

describe('two processes sharing one token file', () => {
  it('both refreshing at once → exactly 1 refresh at Tempo, and both end up with the valid token', async () => {
    await storeExpiredTokens();
    // Slow Tempo down so that the second process surely arrives while the first one is refreshing.
    server.mock.faults.add({ path: '/oauth/token/', delayMs: 300 });

    const [a, b] = await Promise.all([runApp(), runApp()]);
    const outA = output(a);
    const outB = output(b);

    expect(server.mock.oauth.stats.refreshes).toBe(1);
    expect(server.mock.oauth.stats.failedTokenRequests).toBe(0);
    const rotatedAccess = server.mock.oauth.stats.issuedAccessTokens.at(-1);
    expect(outA).toEqual({ ok: true, accessToken: rotatedAccess });
    expect(outB).toEqual({ ok: true, accessToken: rotatedAccess });
    expect((await new FileTokenStore(file).get())?.refreshToken).toBe(
      server.mock.oauth.stats.issuedRefreshTokens.at(-1),
    );
    expect(existsSync(`${file}.lock`)).toBe(false);

    // The rotated token works on the API.
    const response = await fetch(`${server.baseUrl}/worklogs`, {
      headers: { authorization: `Bearer ${rotatedAccess}` },
    });
    expect(response.status).toBe(200);
  });

  it('three processes, run again later: the later runs reuse the saved token and refresh nothing', async () => {
    await storeExpiredTokens();
    const first = await Promise.all([runApp(), runApp(), runApp()]);
    const tokens = first.map((r) => output(r).accessToken);
    expect(new Set(tokens).size).toBe(1);
    expect(server.mock.oauth.stats.refreshes).toBe(1);
    expect(output(await runApp()).accessToken).toBe(tokens[0]);
    expect(server.mock.oauth.stats.refreshes).toBe(1);
  });
});

describe('a crash between Tempo’s answer and the file write (the documented limit)', () => {
  it('keeps the old file intact, frees the lock at once, and asks for authorization again', async () => {
    const before = await storeExpiredTokens();
    const crashed = await runApp('crash-before-save');
    expect(crashed.signal).toBe('SIGKILL');
    expect(server.mock.oauth.stats.refreshes).toBe(1); // Tempo rotated…
    expect(await new FileTokenStore(file).get()).toEqual(before); // …but the file still has the old set, intact.
    expect(existsSync(`${file}.lock`)).toBe(true); // left behind by the dead process

    // The next run takes the dead process's lock over at once (its pid is gone) instead of waiting for it to go
    // stale, re-reads the file, and learns from Tempo that the old refresh token is dead.
    const next = output(await runApp());
    expect(next).toEqual({ ok: false, name: 'ReauthorizationRequiredError', reason: 'invalid_grant' });
    expect(server.mock.oauth.stats.refreshes).toBe(1);
    expect(await new FileTokenStore(file).get()).toEqual(before); // nothing cleared: left for the user to inspect
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('the same crash in-process (store write fails) loses nothing: the rotation is saved on the next call', async () => {
    await storeExpiredTokens();
    // Every attempt of the first call fails (the first write and its 3 retries under the lock).
    let failures = 4;
    class FlakyStore extends FileTokenStore {
      override async set(tokens: TokenSet): Promise<void> {
        if (failures > 0) {
          failures--;
          throw new Error('EIO');
        }
        return super.set(tokens);
      }
    }
    const manager = new TokenManager({
      ...MOCK_OAUTH_CLIENT,
      tokenHost: server.url,
      store: new FlakyStore(file),
      logger: { warn: () => undefined },
    });
    await expect(manager.getAccessToken()).rejects.toMatchObject({ name: 'TokenPersistError' });
    const accessToken = await manager.getAccessToken();
    expect(accessToken).toBe(server.mock.oauth.stats.issuedAccessTokens.at(-1));
    expect((await new FileTokenStore(file).get())?.accessToken).toBe(accessToken);
    expect(server.mock.oauth.stats.refreshes).toBe(1);
  });
});
