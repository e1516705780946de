// loopbackLogin end to end: the authorize URL is driven with fetch, the mock's 302 is followed to the real
// loopback server on 127.0.0.1, the code is exchanged at the mock.
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import {
  AuthorizationDeniedError,
  LoopbackServerError,
  LoopbackTimeoutError,
  MemoryTokenStore,
  type TokenSet,
  OAuthUsageError,
} from '../src/index.js';
import { loopbackLogin, type LoopbackLoginOptions } from '../src/node/index.js';
import { authorizeCode, client, useTempoMock } from './support/mock.js';

const mock = useTempoMock();

/** The loopback port a login listens on, read from the redirect_uri of its authorize URL. */
function redirectOf(authorizeUrl: string): URL {
  return new URL(new URL(authorizeUrl).searchParams.get('redirect_uri')!);
}

/** Whether something accepts connections on 127.0.0.1:port. */
async function isListening(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a login whose "browser" is the given function. `url` resolves with the authorize URL, `browser` when
 * the browser function has finished.
 */
function login(
  browser: (url: string) => Promise<void> | void,
  options: Partial<LoopbackLoginOptions> = {},
): { result: Promise<TokenSet>; url: Promise<string>; browser: Promise<void> } {
  let resolveUrl!: (url: string) => void;
  let resolveBrowser!: (done: Promise<void>) => void;
  const url = new Promise<string>((resolve) => (resolveUrl = resolve));
  const browserDone = new Promise<Promise<void>>((resolve) => (resolveBrowser = resolve)).then((done) => done);
  const result = loopbackLogin({
    ...client,
    jiraSite: 'tempo-mock',
    timeoutMs: 5000,
    onAuthorizeUrl: (authorizeUrl) => {
      resolveUrl(authorizeUrl);
      resolveBrowser(Promise.resolve(browser(authorizeUrl)));
    },
    ...options,
  });
  return { result, url, browser: browserDone };
}

describe('loopbackLogin', () => {
  it('signs in end to end: authorize → 302 → loopback callback → exchange → store → success page → port closed', async () => {
    const store = new MemoryTokenStore();
    let page: { status: number; text: string; type: string | null } | undefined;
    const { result, url, browser } = login(
      async (authorizeUrl) => {
        // A browser: follow the mock's redirect to the loopback server.
        const response = await fetch(authorizeUrl);
        page = { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
      },
      { store },
    );

    const tokens = await result;
    await browser;
    expect(tokens.accessToken).toBe(mock.oauth.stats.issuedAccessTokens[0]);
    expect(await store.get()).toEqual(tokens);
    expect(mock.oauth.stats.codeExchanges).toBe(1);
    expect(page?.status).toBe(200);
    expect(page?.type).toMatch(/text\/html/);
    expect(page?.text).toContain('Signed in to Tempo');

    const redirect = redirectOf(await url);
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(redirect.pathname).toBe('/callback');
    expect(await isListening(Number(redirect.port))).toBe(false);
  });

  it('saves the tokens under the store’s lock when it has one', async () => {
    const events: string[] = [];
    class LockingStore extends MemoryTokenStore {
      override async lock<T>(fn: () => Promise<T>): Promise<T> {
        events.push('lock');
        try {
          return await fn();
        } finally {
          events.push('unlock');
        }
      }
      override async set(tokens: TokenSet): Promise<void> {
        events.push('set');
        return super.set(tokens);
      }
    }
    const { result } = login(async (authorizeUrl) => void (await fetch(authorizeUrl)), { store: new LockingStore() });
    await result;
    expect(events).toEqual(['lock', 'set', 'unlock']);
  });

  it('works with Tempo’s newer redirect flow on a configurable host', async () => {
    const { result, url } = login(async (authorizeUrl) => void (await fetch(authorizeUrl)), {
      jiraSite: undefined,
      jiraUrl: 'https://tempo-mock.atlassian.net',
      authorizeHost: 'https://api.tempo.io',
    });
    await expect(result).resolves.toMatchObject({ tokenType: 'Bearer' });
    expect(new URL(await url).pathname).toBe('/oauth/authorize/redirect');
  });

  it('answers 404 to other paths and keeps waiting for the callback', async () => {
    let notFound = 0;
    const { result, browser } = login(async (authorizeUrl) => {
      const origin = redirectOf(authorizeUrl).origin;
      notFound = (await fetch(`${origin}/favicon.ico`)).status;
      await fetch(authorizeUrl);
    });
    await expect(result).resolves.toMatchObject({ tokenType: 'Bearer' });
    await browser;
    expect(notFound).toBe(404);
  });

  it('refuses a callback with the wrong state (400, nothing exchanged) and keeps waiting for the real one', async () => {
    const statuses: number[] = [];
    const { result, url, browser } = login(async (authorizeUrl) => {
      const forged = redirectOf(authorizeUrl);
      forged.searchParams.set('code', 'stolen-code');
      forged.searchParams.set('state', 'forged-state');
      statuses.push((await fetch(forged)).status);
      const stateless = redirectOf(authorizeUrl);
      stateless.searchParams.set('code', 'stolen-code');
      statuses.push((await fetch(stateless)).status);
      await fetch(authorizeUrl); // the real browser comes back
    });
    const tokens = await result;
    await browser;
    expect(statuses).toEqual([400, 400]);
    expect(tokens.accessToken).toBe(mock.oauth.stats.issuedAccessTokens[0]);
    expect(mock.oauth.stats.codeExchanges).toBe(1); // only the real code
    expect(mock.oauth.stats.failedTokenRequests).toBe(0); // the stolen one never reached Tempo
    expect(await isListening(Number(redirectOf(await url).port))).toBe(false);
  });

  it('refuses a callback with the right state but no code (400) and keeps waiting', async () => {
    let status = 0;
    const { result, browser } = login(async (authorizeUrl) => {
      const empty = redirectOf(authorizeUrl);
      empty.searchParams.set('state', new URL(authorizeUrl).searchParams.get('state')!);
      status = (await fetch(empty)).status;
      await fetch(authorizeUrl);
    });
    await expect(result).resolves.toMatchObject({ tokenType: 'Bearer' });
    await browser;
    expect(status).toBe(400);
  });

  it('settles and closes the port when the browser drops the connection during the exchange', async () => {
    mock.faults.add({ path: '/oauth/token/', delayMs: 150, times: 1 });
    const store = new MemoryTokenStore();
    const { result, url } = login(
      async (authorizeUrl) => {
        const { location } = await authorizeCode(authorizeUrl);
        // A browser tab closed while the code is being exchanged: the socket goes away before the page is sent.
        const request = httpGet(location);
        request.on('error', () => undefined);
        setTimeout(() => request.destroy(), 30);
      },
      { store, timeoutMs: 10_000 },
    );
    const tokens = await Promise.race([
      result,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('login still pending')), 3000)),
    ]);
    expect(await store.get()).toEqual(tokens);
    expect(await isListening(Number(redirectOf(await url).port))).toBe(false);
  });

  it('reports access_denied from the callback', async () => {
    let text = '';
    const { result, browser } = login(async (authorizeUrl) => {
      const denied = redirectOf(authorizeUrl);
      denied.searchParams.set('error', 'access_denied');
      denied.searchParams.set('error_description', '<script>alert(1)</script>');
      denied.searchParams.set('state', new URL(authorizeUrl).searchParams.get('state')!);
      text = await (await fetch(denied)).text();
    });
    await expect(result).rejects.toBeInstanceOf(AuthorizationDeniedError);
    await browser;
    expect(text).not.toContain('<script>'); // attacker-controlled text is escaped
    expect(text).toContain('&#60;script&#62;');
  });

  it('times out with a typed error and closes the port', async () => {
    const { result, url } = login(() => undefined, { timeoutMs: 100 });
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoopbackTimeoutError);
    expect((error as LoopbackTimeoutError).timeoutMs).toBe(100);
    expect(await isListening(Number(redirectOf(await url).port))).toBe(false);
  });

  it('stops on abort and closes the port', async () => {
    const controller = new AbortController();
    const { result, url } = login(() => controller.abort(new Error('user pressed Ctrl-C')), {
      signal: controller.signal,
    });
    await expect(result).rejects.toThrow('user pressed Ctrl-C');
    expect(await isListening(Number(redirectOf(await url).port))).toBe(false);
  });

  it('listens on a given port and reports a busy one as LoopbackServerError', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await loopbackLogin({
        ...client,
        jiraSite: 'tempo-mock',
        port,
        onAuthorizeUrl: () => undefined,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LoopbackServerError);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    // Now free: the login uses exactly that port.
    const { result, url } = login(async (authorizeUrl) => void (await fetch(authorizeUrl)), { port });
    await result;
    expect(Number(redirectOf(await url).port)).toBe(port);
  });

  it('calls openBrowser, and survives one that fails', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const opened: string[] = [];
    const tokens = await loopbackLogin({
      ...client,
      jiraSite: 'tempo-mock',
      onAuthorizeUrl: () => undefined,
      openBrowser: async (authorizeUrl) => {
        opened.push(authorizeUrl);
        void fetch(authorizeUrl);
        throw new Error('no display');
      },
    });
    expect(opened).toHaveLength(1);
    expect(tokens.tokenType).toBe('Bearer');
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('Could not open a browser'));
    stderr.mockRestore();
  });

  it('closes the port when onAuthorizeUrl throws', async () => {
    let redirect: URL | undefined;
    const error = await loopbackLogin({
      ...client,
      jiraSite: 'tempo-mock',
      onAuthorizeUrl: (url) => {
        redirect = redirectOf(url);
        throw new Error('cannot print');
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('cannot print');
    expect(await isListening(Number(redirect!.port))).toBe(false);
  });

  it('needs exactly one of jiraSite and jiraUrl', async () => {
    await expect(loopbackLogin({ ...client })).rejects.toThrow(OAuthUsageError);
    await expect(loopbackLogin({ ...client, jiraSite: 'a', jiraUrl: 'https://a.atlassian.net' })).rejects.toThrow(
      OAuthUsageError,
    );
  });
});
