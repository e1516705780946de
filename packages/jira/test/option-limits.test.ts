/**
 * Jira's client takes the same throttle and timer options as Tempo's: the same mistakes are JiraUsageErrors, and a
 * limiter that resolves no permit fails the call instead of hanging the next one.
 */
import { describe, expect, it } from 'vitest';
import { createJiraClient, JiraUsageError } from '../src/index.js';
import { useJiraMock } from './support/mock.js';

const site = { site: 'acme', email: 'a@b.c', apiToken: 'jira-option-token' };

describe('Jira client options', () => {
  it.each([['fast'], [5], [true], [null], [{ acquire: 1 }]])('rateLimit: %j is a JiraUsageError', (rateLimit) => {
    expect(() => createJiraClient({ ...site, rateLimit: rateLimit as never })).toThrow(JiraUsageError);
  });

  it.each([
    [{ timeoutMs: 3e9 }, /timeoutMs.*2147483647/],
    [{ rateLimit: { windowMs: 3e9 } }, /windowMs.*2147483647/],
    [{ retry: { delays: [3e9] } }, /delays\[0\].*2147483647/],
    [{ rateLimit: { marginMs: '100' } }, /got "100"/],
  ])('%j is a JiraUsageError', (options, message) => {
    expect(() => createJiraClient({ ...site, ...(options as object) })).toThrow(message);
  });
});

describe('a limiter that resolves no permit', () => {
  const { client } = useJiraMock();

  it('fails each call with a JiraUsageError naming RateLimitPermit, never hangs', async () => {
    const oldLimiter = { acquire: async () => undefined, release() {}, inFlight: 0, pending: 0 };
    const jira = client({ rateLimit: oldLimiter as never });
    for (let call = 0; call < 2; call++) {
      const error = await jira.call('getCurrentUser').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JiraUsageError);
      expect((error as Error).message).toMatch(/RateLimitPermit/);
    }
  });
});
