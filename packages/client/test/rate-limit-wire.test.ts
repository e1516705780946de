/**
 * Issue 12.8: Tempo's 5-per-second window, measured where Tempo measures it: arrival times at the server
 * (@tempo-sdk/msw behind msw, real time). The network in between is slow for the first requests (cold connections,
 * a proxy): a throttle that counted requests when it granted them (or when they left) let 8 arrive within a second.
 */
import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { describe, expect, it } from 'vitest';
import { createTempoClient } from '../src/index.js';
import { useTempoMock } from './support/tempo-mock.js';
import { maxInWindow } from './support/windows.js';

const { server } = useTempoMock();

describe('the 5-per-second window on the wire', () => {
  it('no second on the server sees more than 5 of 20 parallel calls, however late the first ones arrive', {
    timeout: 20_000,
  }, async () => {
    const arrivals: number[] = [];
    const onStart = () => arrivals.push(performance.now());
    server.events.on('request:start', onStart);
    let sent = 0;
    // The first 5 requests take 300 ms to reach the server, the rest none.
    const slowFirst = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const delayMs = sent++ < 5 ? 300 : 0;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return globalThis.fetch(input, init);
    }) as typeof fetch;
    const tempo = createTempoClient({ token: MOCK_API_TOKEN, fetch: slowFirst });
    try {
      await Promise.all(Array.from({ length: 20 }, () => tempo.worklogs.getWorklogs({ query: { limit: 1 } })));
    } finally {
      server.events.removeListener('request:start', onStart);
    }
    expect(arrivals).toHaveLength(20);
    expect(maxInWindow(arrivals, 1000)).toBeLessThanOrEqual(5);
    // The limit was used, not avoided by a slow run: some second held 5.
    expect(maxInWindow(arrivals, 1000)).toBe(5);
  });
});
