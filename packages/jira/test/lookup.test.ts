// The lookup against the mock's Jira: batches, de-duplication, cache, concurrency, moved issues, typed errors.
import { describe, expect, it } from 'vitest';
import { createJiraLookup, JiraInvalidResponseError, JiraIssuesNotFoundError, JiraUsageError } from '../src/index.js';
import { useJiraMock } from './support/mock.js';

const { mock, server, client } = useJiraMock();

/** Seeds `n` more issues in project SUP and returns their keys. */
function seedIssues(n: number): string[] {
  const project = mock.db.projects.find((p) => p.key === 'SUP')!;
  const start = mock.db.issues.filter((i) => i.projectId === project.id).length + 1;
  return Array.from(
    { length: n },
    (_, i) => mock.db.issues.create({ key: `SUP-${start + i}`, projectId: project.id, summary: `Seeded ${i}` }).key,
  );
}

describe('issues', () => {
  it('keys → ids and ids → { key, summary, projectKey }, in the order asked', async () => {
    const lookup = createJiraLookup(client());
    const [a, b] = mock.db.issues.all();
    const ids = await lookup.issueIds([b!.key, a!.key.toLowerCase()]);
    expect([...ids]).toEqual([
      [b!.key, b!.id],
      [a!.key, a!.id],
    ]);
    const infos = await lookup.issues([a!.id, String(b!.id)]);
    expect(infos.get(String(a!.id))).toEqual({
      id: a!.id,
      key: a!.key,
      summary: a!.summary,
      projectKey: a!.key.split('-')[0],
    });
    expect(infos.get(String(b!.id))?.key).toBe(b!.key);
  });

  it('removes duplicates and answers from the cache the second time', async () => {
    const lookup = createJiraLookup(client());
    await lookup.issues(['SUP-1', 'sup-1', 'SUP-2', 'SUP-1']);
    expect(mock.jira.stats.byOperation).toEqual({ bulkFetchIssues: 1 });
    const again = await lookup.issues(['SUP-2', 'SUP-1', mock.db.issues.all()[0]!.id]);
    expect(again.size).toBe(3);
    expect(mock.jira.stats.requests).toBe(1);
  });

  it('asks at most 100 per request and keeps within maxConcurrent', async () => {
    const keys = seedIssues(450);
    let inFlight = 0;
    let peak = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    mock.faults.add({ operationId: 'bulkFetchIssues', delayMs: 20 });
    const lookup = createJiraLookup(client({ fetch: counting }), { maxConcurrent: 2 });
    const found = await lookup.issueIds(keys);
    expect(found.size).toBe(450);
    expect(mock.jira.stats.byOperation.bulkFetchIssues).toBe(5);
    expect(peak).toBe(2);
  });

  it('an issue moved to another project resolves under its old and its new key', async () => {
    const lookup = createJiraLookup(client());
    const issue = mock.db.issues.find((i) => i.key === 'SUP-1')!;
    const moved = mock.jira.moveIssue('SUP-1', 'WEB');
    const found = await lookup.issues(['SUP-1', moved.key, 'SUP-2']);
    expect(found.get('SUP-1')).toMatchObject({ id: issue.id, key: moved.key, projectKey: 'WEB' });
    expect(found.get(moved.key)?.id).toBe(issue.id);
    // Two moved keys in one batch: bulk fetch cannot tell them apart, so each is asked alone.
    const other = mock.jira.moveIssue('SUP-3', 'INT');
    const fresh = createJiraLookup(client());
    const both = await fresh.issueIds(['SUP-1', 'SUP-3', 'SUP-2']);
    expect(both.get('SUP-1')).toBe(issue.id);
    expect(both.get('SUP-3')).toBe(other.id);
  });

  it('unknown and hidden issues: one typed error naming every one of them, no partial result', async () => {
    const keys = seedIssues(150);
    mock.jira.hideIssue(keys[120]!);
    const lookup = createJiraLookup(client());
    const asked = ['NOPE-1', ...keys, 'SUP-99999', '99999999'];
    const error = await lookup.issues(asked).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraIssuesNotFoundError);
    expect((error as JiraIssuesNotFoundError).missing).toEqual(['NOPE-1', keys[120], 'SUP-99999', '99999999']);
    expect((error as Error).message).toContain('NOPE-1');
    expect((error as Error).message).toContain(keys[120]);
  });

  it.each([
    ['..'],
    ['/'],
    ['SUP-1/../myself'],
    ['SUP-1?fields=x'],
    ['%2e%2e'],
    ['SUP 1'],
    [''],
    ['SUP-0'],
    ['-1'],
    ['1.5'],
    [1.5],
    [-3],
    ['SUP-1\n'],
    ['SUP-%31'],
  ])('a malformed reference %j is a JiraUsageError before anything is sent', async (bad) => {
    const lookup = createJiraLookup(client());
    const error = await lookup.issues(['SUP-1', bad as string]).catch((e: unknown) => e);
    if (bad === 'SUP-1\n') {
      // Surrounding white space is trimmed, as a user would expect from a pasted key.
      expect(error).toBeInstanceOf(Map);
      return;
    }
    expect(error).toBeInstanceOf(JiraUsageError);
    expect(mock.jira.stats.requests).toBe(0);
  });

  it('issueIds refuses numeric ids, naming them', async () => {
    await expect(createJiraLookup(client()).issueIds(['SUP-1', '10100'])).rejects.toThrow(/Not an issue key: "10100"/);
  });

  it('the cache is bounded and expires on the monotonic clock', async () => {
    let nowMs = 0;
    const lookup = createJiraLookup(client(), {
      maxCacheEntries: 2,
      cacheTtlMs: 1000,
      clock: { monotonicNow: () => nowMs },
    });
    await lookup.issues(['SUP-1', 'SUP-2', 'SUP-3']);
    expect(mock.jira.stats.requests).toBe(1);
    await lookup.issues(['SUP-1']); // evicted by SUP-2 and SUP-3
    expect(mock.jira.stats.requests).toBe(2);
    await lookup.issues(['SUP-1']);
    expect(mock.jira.stats.requests).toBe(2);
    nowMs = 1000;
    await lookup.issues(['SUP-1']);
    expect(mock.jira.stats.requests).toBe(3);
  });
});

describe('people', () => {
  it('me() is the signed-in user with display name and time zone, asked once', async () => {
    const lookup = createJiraLookup(client());
    const me = await lookup.me();
    const user = mock.db.users.all()[0]!;
    expect(me).toMatchObject({
      accountId: user.accountId,
      displayName: user.displayName,
      emailAddress: user.emailAddress,
    });
    expect(me.timeZone).toMatch(/\//);
    await lookup.me();
    expect(mock.jira.stats.byOperation).toEqual({ getCurrentUser: 1 });
  });

  it('displayNames come from the bulk user endpoint; unknown ids are left out; cached', async () => {
    const lookup = createJiraLookup(client());
    const users = mock.db.users.all();
    const names = await lookup.displayNames([
      users[1]!.accountId,
      'unknown:1',
      users[2]!.accountId,
      users[1]!.accountId,
    ]);
    expect([...names]).toEqual([
      [users[1]!.accountId, users[1]!.displayName],
      [users[2]!.accountId, users[2]!.displayName],
    ]);
    await lookup.displayNames([users[2]!.accountId]);
    expect(mock.jira.stats.byOperation).toEqual({ bulkGetUsers: 1 });
  });

  it.each([[''], ['x'.repeat(129)], ['a\u0000b']])('a malformed account id %j is a JiraUsageError', async (bad) => {
    await expect(createJiraLookup(client()).displayNames([bad])).rejects.toBeInstanceOf(JiraUsageError);
    expect(mock.jira.stats.requests).toBe(0);
  });
});

describe('options', () => {
  it.each([{ batchSize: 0 }, { batchSize: 101 }, { maxConcurrent: 0 }, { maxCacheEntries: -1 }, { cacheTtlMs: 1.5 }])(
    '%j is a JiraUsageError',
    (options) => {
      expect(() => createJiraLookup(client(), options)).toThrow(JiraUsageError);
    },
  );
});

describe('answers that are not what Jira promises', () => {
  it('an issue without a numeric id or a key is a JiraInvalidResponseError naming the operation', async () => {
    server.use(
      mock.jira.http.post('/rest/api/3/issue/bulkfetch', ({ response }) =>
        response(200).json({ issues: [{ key: 'SUP-1' }], issueErrors: [] }),
      ),
    );
    const error = await createJiraLookup(client())
      .issues(['SUP-1'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraInvalidResponseError);
    expect((error as Error).message).toContain('bulkFetchIssues');
  });

  it('user pages that never end stop with a JiraInvalidResponseError (bounded, not a loop)', async () => {
    let calls = 0;
    server.use(
      mock.jira.http.get('/rest/api/3/user/bulk', ({ response }) => {
        calls++;
        return response(200).json({
          isLast: false,
          startAt: 0,
          maxResults: 100,
          values: [{ accountId: 'a', displayName: 'A' }],
        });
      }),
    );
    await expect(createJiraLookup(client()).displayNames(['a', 'b'])).rejects.toBeInstanceOf(JiraInvalidResponseError);
    expect(calls).toBe(3);
  });
});
