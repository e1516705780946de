// TokenManager against @tempo-sdk/msw's OAuth server: single flight, save-before-use, invalid_grant handling,
// forced refreshes after a 401.
import type { TokenResponse } from '@tempo-sdk/msw';
import { describe, expect, it, vi } from 'vitest';
import {
  MemoryTokenStore,
  ReauthorizationRequiredError,
  TokenManager,
  TokenPersistError,
  TokenStoreError,
  type TokenManagerOptions,
  type TokenSet,
  type TokenStore,
  OAuthUsageError,
} from '../src/index.js';
import { client, useTempoMock } from './support/mock.js';

const mock = useTempoMock();

/** A token set as the manager would have stored it, `expiresInMs` from now. */
function stored(issued: TokenResponse, expiresInMs: number, now = Date.now()): TokenSet {
  return {
    accessToken: issued.access_token,
    refreshToken: issued.refresh_token,
    expiresAt: now + expiresInMs,
    tokenType: 'Bearer',
  };
}

function manager(store: TokenStore, options: Partial<TokenManagerOptions> = {}): TokenManager {
  return new TokenManager({ ...client, store, logger: { warn: () => undefined }, ...options });
}

/** A store that records calls and can be told to fail or to hold writes. */
class ProbeStore extends MemoryTokenStore {
  writes: TokenSet[] = [];
  failWrites = false;
  /** Fail only this many next writes. */
  failNextWrites = 0;
  attempts = 0;
  gate: Promise<void> | undefined;
  override async set(tokens: TokenSet): Promise<void> {
    this.attempts++;
    await this.gate;
    if (this.failWrites) throw new Error('disk full');
    if (this.failNextWrites > 0) {
      this.failNextWrites--;
      throw new Error('database busy');
    }
    this.writes.push(tokens);
    return super.set(tokens);
  }
}

describe('TokenManager.getAccessToken', () => {
  it('returns a stored token that is still fresh without calling Tempo', async () => {
    const issued = mock.oauth.issueTokens();
    const tokens = manager(new MemoryTokenStore(stored(issued, 3600_000)));
    expect(await tokens.getAccessToken()).toBe(issued.access_token);
    expect(await tokens.getAccessToken()).toBe(issued.access_token);
    expect(mock.oauth.stats.refreshes).toBe(0);
  });

  it('refreshes a token inside the refresh window and saves the rotation', async () => {
    const issued = mock.oauth.issueTokens();
    const store = new ProbeStore(stored(issued, 30_000)); // 30 s left, window is 60 s
    const accessToken = await manager(store).getAccessToken();
    expect(mock.oauth.stats.refreshes).toBe(1);
    expect(accessToken).toBe(mock.oauth.stats.issuedAccessTokens.at(-1));
    expect(store.writes).toHaveLength(1);
    expect((await store.get())?.refreshToken).toBe(mock.oauth.stats.issuedRefreshTokens.at(-1));
  });

  it('honours a custom refresh window', async () => {
    const issued = mock.oauth.issueTokens();
    const tokens = manager(new MemoryTokenStore(stored(issued, 5 * 60_000)), { refreshWindowMs: 10 * 60_000 });
    expect(await tokens.getAccessToken()).not.toBe(issued.access_token);
    expect(mock.oauth.stats.refreshes).toBe(1);
  });

  it('caps the window at half the lifetime so short-lived tokens are not refreshed on every call', async () => {
    let now = 1_000_000;
    const issued = mock.oauth.issueTokens();
    const set = { ...stored(issued, 40_000, now), issuedAt: now }; // lives 40 s: window becomes 20 s
    const tokens = manager(new MemoryTokenStore(set), { clock: { now: () => now } });
    now += 15_000; // 25 s left
    expect(await tokens.getAccessToken()).toBe(issued.access_token);
    now += 6_000; // 19 s left
    expect(await tokens.getAccessToken()).not.toBe(issued.access_token);
    expect(mock.oauth.stats.refreshes).toBe(1);
  });

  it('50 concurrent calls on an expired token cause exactly 1 refresh', async () => {
    const issued = mock.oauth.issueTokens();
    const store = new ProbeStore(stored(issued, -1000));
    const tokens = manager(store);
    const results = await Promise.all(Array.from({ length: 50 }, () => tokens.getAccessToken()));
    expect(mock.oauth.stats.refreshes).toBe(1);
    expect(new Set(results)).toEqual(new Set([mock.oauth.stats.issuedAccessTokens.at(-1)]));
    expect(store.writes).toHaveLength(1);
  });

  it('saves the rotated set before handing out the new access token', async () => {
    const store = new ProbeStore(stored(mock.oauth.issueTokens(), -1000));
    let open!: () => void;
    store.gate = new Promise((resolve) => (open = resolve));
    let handedOut = false;
    const pending = manager(store)
      .getAccessToken()
      .then((token) => {
        handedOut = true;
        return token;
      });
    await vi.waitFor(() => expect(mock.oauth.stats.refreshes).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handedOut).toBe(false); // Tempo answered, but the write has not finished
    open();
    expect(await pending).toBe(mock.oauth.stats.issuedAccessTokens.at(-1));
    expect(store.writes.map((t) => t.accessToken)).toEqual([await pending]);
  });

  it('withholds the token when the write fails, then saves and hands out the same rotation', async () => {
    const store = new ProbeStore(stored(mock.oauth.issueTokens(), -1000));
    const before = await store.get();
    store.failWrites = true;
    const tokens = manager(store);
    const error = await tokens.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenPersistError);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect(mock.oauth.stats.refreshes).toBe(1);
    expect(await store.get()).toEqual(before); // old (now dead) set still on "disk"

    // Still failing: still withheld, and Tempo is not asked again (that would burn the only valid refresh token).
    await expect(tokens.getAccessToken()).rejects.toBeInstanceOf(TokenPersistError);
    expect(mock.oauth.stats.refreshes).toBe(1);

    store.failWrites = false;
    const accessToken = await tokens.getAccessToken();
    expect(accessToken).toBe(mock.oauth.stats.issuedAccessTokens.at(-1));
    expect((await store.get())?.refreshToken).toBe(mock.oauth.stats.issuedRefreshTokens.at(-1));
    expect(mock.oauth.stats.refreshes).toBe(1);
  });

  it('retries a failed save while still holding the lock, so no other process can read the dead refresh token', async () => {
    const store = new ProbeStore(stored(mock.oauth.issueTokens(), -1000));
    store.failNextWrites = 2;
    // What another process would read the moment the lock is released.
    let seenAtUnlock: TokenSet | undefined;
    store.lock = async <T>(fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } finally {
        seenAtUnlock = await store.get();
      }
    };
    const accessToken = await manager(store).getAccessToken();
    expect(accessToken).toBe(mock.oauth.stats.issuedAccessTokens.at(-1));
    expect(store.attempts).toBe(3);
    expect(seenAtUnlock?.refreshToken).toBe(mock.oauth.stats.issuedRefreshTokens.at(-1));
    expect(mock.oauth.stats.refreshes).toBe(1);
  });

  it('waits between save attempts through the injected clock', async () => {
    const store = new ProbeStore(stored(mock.oauth.issueTokens(), -1000));
    store.failNextWrites = 3;
    const slept: number[] = [];
    const clock = { now: () => Date.now(), sleep: async (ms: number) => void slept.push(ms) };
    await manager(store, { clock }).getAccessToken();
    expect(store.attempts).toBe(4);
    expect(slept).toEqual([50, 100, 200]);
  });

  it('asks for authorization when the store is empty', async () => {
    const error = await manager(new MemoryTokenStore())
      .getAccessToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect((error as ReauthorizationRequiredError).reason).toBe('no_tokens');
  });

  it('turns invalid_grant into ReauthorizationRequiredError, keeps the store and does not retry the dead token', async () => {
    const issued = mock.oauth.issueTokens();
    mock.oauth.revoke(issued.refresh_token);
    const set = stored(issued, -1000);
    const store = new ProbeStore(set);
    const tokens = manager(store);
    const error = await tokens.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect((error as ReauthorizationRequiredError).reason).toBe('invalid_grant');
    expect((error as Error).message).toMatch(/authorize/);
    expect(await store.get()).toEqual(set);
    expect(store.writes).toHaveLength(0);

    await expect(tokens.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    expect(mock.oauth.stats.failedTokenRequests).toBe(1);

    // After a new authorization the manager works again.
    await tokens.setTokens(stored(mock.oauth.issueTokens(), -1000));
    const again = await tokens.getAccessToken();
    expect(again).toBe(mock.oauth.stats.issuedAccessTokens.at(-1));
    expect(mock.oauth.stats.refreshes).toBe(1);
  });

  it('keeps the stored tokens when Tempo is down, and refreshes on the next call', async () => {
    const store = new ProbeStore(stored(mock.oauth.issueTokens(), -1000));
    const tokens = manager(store);
    mock.faults.add({ path: '/oauth/token/', status: 503, times: 1 });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ name: 'OAuthResponseError', status: 503 });
    expect(store.writes).toHaveLength(0);
    const accessToken = await tokens.getAccessToken();
    expect(accessToken).toBe(mock.oauth.stats.issuedAccessTokens.at(-1));
    expect(mock.oauth.stats.refreshes).toBe(1);
  });

  it('uses tokens another manager (process) already rotated instead of refreshing again', async () => {
    const store = new MemoryTokenStore(stored(mock.oauth.issueTokens(), 3600_000));
    let now = Date.now();
    const onTokens = vi.fn();
    const a = manager(store, { clock: { now: () => now } });
    const b = manager(store, { clock: { now: () => now }, onTokens });
    await a.getAccessToken();
    await b.getAccessToken();
    now += 3600_000; // both now hold an expiring token
    const fromA = await a.getAccessToken();
    const fromB = await b.getAccessToken();
    expect(fromB).toBe(fromA);
    expect(mock.oauth.stats.refreshes).toBe(1);
    expect(onTokens).toHaveBeenCalledWith(expect.objectContaining({ accessToken: fromA }), 'store');
  });

  it('two managers on one MemoryTokenStore: 50 concurrent calls on an expired token cause exactly 1 refresh', async () => {
    const store = new MemoryTokenStore(stored(mock.oauth.issueTokens(), -1000));
    const [a, b] = [manager(store), manager(store)];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).getAccessToken()));
    expect(mock.oauth.stats.refreshes).toBe(1);
    expect(new Set(results)).toEqual(new Set([mock.oauth.stats.issuedAccessTokens.at(-1)]));
  });

  it('two managers on one store without lock() share an in-process lock: exactly 1 refresh', async () => {
    const tokens = stored(mock.oauth.issueTokens(), -1000);
    let saved: TokenSet | undefined = tokens;
    const store: TokenStore = { get: () => saved, set: (t) => void (saved = t), clear: () => void (saved = undefined) };
    const [a, b] = [manager(store), manager(store)];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).getAccessToken()));
    expect(mock.oauth.stats.refreshes).toBe(1);
    expect(new Set(results)).toEqual(new Set([mock.oauth.stats.issuedAccessTokens.at(-1)]));
  });

  it('lets one caller stop waiting without cancelling the shared refresh', async () => {
    mock.faults.add({ path: '/oauth/token/', delayMs: 100, times: 1 });
    const tokens = manager(new MemoryTokenStore(stored(mock.oauth.issueTokens(), -1000)));
    const controller = new AbortController();
    const impatient = tokens.getAccessToken({ signal: controller.signal });
    const patient = tokens.getAccessToken();
    controller.abort(new Error('gave up'));
    await expect(impatient).rejects.toThrow('gave up');
    expect(await patient).toBe(mock.oauth.stats.issuedAccessTokens.at(-1));
    expect(mock.oauth.stats.refreshes).toBe(1);
  });
});

describe('TokenManager.onTokens', () => {
  it('fires for set and refresh, after the store saved, with a copy of the tokens', async () => {
    const store = new ProbeStore();
    const seen: Array<[string, string, boolean]> = [];
    const tokens = manager(store, {
      onTokens: async (set, reason) => {
        seen.push([reason, set.accessToken, (await store.get())?.accessToken === set.accessToken]);
      },
    });
    const initial = stored(mock.oauth.issueTokens(), -1000);
    await tokens.setTokens(initial);
    const refreshed = await tokens.getAccessToken();
    expect(seen).toEqual([
      ['set', initial.accessToken, true],
      ['refresh', refreshed, true],
    ]);
  });

  it('logs a failing callback without secrets and still hands out the token', async () => {
    const warn = vi.fn();
    const tokens = manager(new MemoryTokenStore(stored(mock.oauth.issueTokens(), -1000)), {
      logger: { warn },
      onTokens: () => {
        throw new TypeError('callback bug');
      },
    });
    const accessToken = await tokens.getAccessToken();
    expect(accessToken).toBe(mock.oauth.stats.issuedAccessTokens.at(-1));
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toContain('TypeError');
    expect(String(warn.mock.calls[0]![0])).not.toContain(accessToken);
  });
});

describe('TokenManager.tokenProvider (forced refresh after a 401)', () => {
  async function readyManager(
    options: Partial<TokenManagerOptions> = {},
  ): Promise<{ tokens: TokenManager; first: string }> {
    const tokens = manager(new MemoryTokenStore(stored(mock.oauth.issueTokens(), 3600_000)), options);
    return { tokens, first: await tokens.tokenProvider() };
  }

  it('refreshes once when a fresh-looking token is rejected by the API', async () => {
    const { tokens, first } = await readyManager();
    mock.oauth.expire(first); // Tempo no longer accepts it although our clock says it is valid
    const rejected = await fetch('https://api.tempo.io/4/worklogs', { headers: { authorization: `Bearer ${first}` } });
    expect(rejected.status).toBe(401);
    const second = await tokens.tokenProvider({ forceRefresh: true });
    expect(second).not.toBe(first);
    const accepted = await fetch('https://api.tempo.io/4/worklogs', { headers: { authorization: `Bearer ${second}` } });
    expect(accepted.status).toBe(200);
    expect(mock.oauth.stats.refreshes).toBe(1);
  });

  it('single-flights concurrent forced refreshes', async () => {
    const { tokens } = await readyManager();
    const results = await Promise.all(Array.from({ length: 10 }, () => tokens.tokenProvider({ forceRefresh: true })));
    expect(new Set(results).size).toBe(1);
    expect(mock.oauth.stats.refreshes).toBe(1);
  });

  it('does not refresh twice when several requests 401 with the same stale token', async () => {
    const { tokens, first } = await readyManager();
    const second = await tokens.tokenProvider({ forceRefresh: true });
    // Other requests that were sent with `first` come back 401 a little later:
    expect(await tokens.tokenProvider({ forceRefresh: true })).toBe(second);
    expect(await tokens.tokenProvider({ forceRefresh: true, failedToken: first })).toBe(second);
    expect(mock.oauth.stats.refreshes).toBe(1);
    // But if the new token itself is rejected, say so and it is replaced.
    const third = await tokens.tokenProvider({ forceRefresh: true, failedToken: second });
    expect(third).not.toBe(second);
    expect(mock.oauth.stats.refreshes).toBe(2);
  });

  it('refreshes again without failedToken once the cooldown has passed (monotonic time)', async () => {
    let elapsed = 0;
    const { tokens } = await readyManager({
      clock: { now: () => Date.now(), monotonicNow: () => elapsed },
      forceRefreshCooldownMs: 5000,
    });
    const second = await tokens.tokenProvider({ forceRefresh: true });
    elapsed += 4000;
    expect(await tokens.tokenProvider({ forceRefresh: true })).toBe(second);
    elapsed += 2000;
    expect(await tokens.tokenProvider({ forceRefresh: true })).not.toBe(second);
    expect(mock.oauth.stats.refreshes).toBe(2);
  });

  it('does not stall forced refreshes when the wall clock steps back (the cooldown is measured on the monotonic clock)', async () => {
    let wall = Date.now();
    let elapsed = 0;
    const { tokens } = await readyManager({
      clock: { now: () => wall, monotonicNow: () => elapsed },
      forceRefreshCooldownMs: 5000,
    });
    const second = await tokens.tokenProvider({ forceRefresh: true });
    wall -= 3600_000; // NTP steps the wall clock back an hour…
    elapsed += 6000; // …while 6 s really pass
    expect(await tokens.tokenProvider({ forceRefresh: true })).not.toBe(second);
    expect(mock.oauth.stats.refreshes).toBe(2);
  });

  it('is a plain function that keeps its manager (can be passed around unbound)', async () => {
    const { tokens, first } = await readyManager();
    const { tokenProvider } = tokens;
    expect(await tokenProvider()).toBe(first);
    expect(await tokenProvider({ forceRefresh: false })).toBe(first);
  });
});

describe('TokenManager housekeeping', () => {
  it('refresh() rotates now; revoke() revokes both tokens at Tempo and clears the store', async () => {
    const store = new MemoryTokenStore(stored(mock.oauth.issueTokens(), 3600_000));
    const tokens = manager(store);
    const rotated = await tokens.refresh();
    expect(mock.oauth.stats.refreshes).toBe(1);
    await tokens.revoke();
    expect(mock.oauth.stats.revokedTokens).toEqual(expect.arrayContaining([rotated.accessToken, rotated.refreshToken]));
    expect(await store.get()).toBeUndefined();
    await expect(tokens.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
  });

  it('revoke() runs under the lock: a refresh by another manager cannot leave live tokens after sign-out', async () => {
    const store = new MemoryTokenStore(stored(mock.oauth.issueTokens(), -1000));
    const [refresher, signOut] = [manager(store), manager(store)];
    mock.faults.add({ path: '/oauth/token/', delayMs: 150, times: 1 });
    const refreshing = refresher.getAccessToken();
    await new Promise((resolve) => setTimeout(resolve, 30)); // the refresh holds the lock and waits for Tempo
    await signOut.revoke();
    const rotated = await refreshing;
    expect(await store.get()).toBeUndefined();
    // What was revoked is the set the refresh produced, not the one it had already replaced.
    expect(mock.oauth.stats.revokedTokens).toEqual(
      expect.arrayContaining([rotated, mock.oauth.stats.issuedRefreshTokens.at(-1)]),
    );
  });

  it('clear() forgets the tokens locally', async () => {
    const store = new MemoryTokenStore(stored(mock.oauth.issueTokens(), 3600_000));
    const tokens = manager(store);
    await tokens.getAccessToken();
    await tokens.clear();
    expect(await store.get()).toBeUndefined();
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ reason: 'no_tokens' });
  });

  it('reports a broken store as TokenStoreError', async () => {
    const broken: TokenStore = {
      get: () => Promise.reject(new Error('db down')),
      set: () => undefined,
      clear: () => undefined,
    };
    await expect(manager(broken).getAccessToken()).rejects.toMatchObject({
      name: 'TokenStoreError',
      operation: 'read',
    });
    const garbage: TokenStore = {
      get: () => ({ accessToken: 1 }) as never,
      set: () => undefined,
      clear: () => undefined,
    };
    await expect(manager(garbage).getAccessToken()).rejects.toBeInstanceOf(TokenStoreError);
  });

  it('validates its options and setTokens input', async () => {
    expect(() => new TokenManager({ ...client, store: {} as TokenStore })).toThrow(OAuthUsageError);
    expect(() => manager(new MemoryTokenStore(), { refreshWindowMs: -1 })).toThrow(/refreshWindowMs/);
    await expect(manager(new MemoryTokenStore()).setTokens({ accessToken: 'x' } as TokenSet)).rejects.toThrow(
      OAuthUsageError,
    );
  });

  it('uses the store lock around refreshes', async () => {
    const order: string[] = [];
    class LockingStore extends MemoryTokenStore {
      async lock<T>(fn: () => Promise<T>): Promise<T> {
        order.push('lock');
        try {
          return await fn();
        } finally {
          order.push('unlock');
        }
      }
      override async set(tokens: TokenSet): Promise<void> {
        order.push('set');
        return super.set(tokens);
      }
    }
    await manager(new LockingStore(stored(mock.oauth.issueTokens(), -1000))).getAccessToken();
    expect(order).toEqual(['lock', 'set', 'unlock']);
  });
});
