// manager.tokenProvider plugged into @tempo-sdk/client, both against @tempo-sdk/msw.
import { createTempoClient } from '@tempo-sdk/client';
import { describe, expect, it } from 'vitest';
import { MemoryTokenStore, TokenManager } from '../src/index.js';
import { client, useTempoMock } from './support/mock.js';

const mock = useTempoMock();

function setup(expiresInMs: number): {
  manager: TokenManager;
  tempo: ReturnType<typeof createTempoClient>;
  first: string;
} {
  const issued = mock.oauth.issueTokens();
  const manager = new TokenManager({
    ...client,
    store: new MemoryTokenStore({
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      expiresAt: Date.now() + expiresInMs,
      tokenType: 'Bearer',
    }),
  });
  const tempo = createTempoClient({ token: manager.tokenProvider, retry: false, rateLimit: false });
  return { manager, tempo, first: issued.access_token };
}

describe('createTempoClient({ token: manager.tokenProvider })', () => {
  it('refreshes an expired token before the request', async () => {
    const { tempo } = setup(-1000);
    await expect(
      tempo.worklogs.getWorklogs({ query: { from: '2026-03-01', to: '2026-03-31' } }),
    ).resolves.toMatchObject({ results: [] });
    expect(mock.oauth.stats.refreshes).toBe(1);
  });

  it('recovers from a 401 with exactly one refresh, also when several requests fail at once', async () => {
    const { tempo, first } = setup(3600_000);
    await tempo.worklogs.getWorklogs({ query: { from: '2026-03-01', to: '2026-03-31' } });
    mock.oauth.expire(first); // Tempo stops accepting the token although it looks valid to us
    const pages = await Promise.all(
      Array.from({ length: 5 }, () => tempo.worklogs.getWorklogs({ query: { from: '2026-03-01', to: '2026-03-31' } })),
    );
    expect(pages).toHaveLength(5);
    expect(mock.oauth.stats.refreshes).toBe(1);
  });
});
