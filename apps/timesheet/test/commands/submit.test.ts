import { MOCK_API_TOKEN } from '@tempo-sdk/msw';
import { describe, expect, it } from 'vitest';
import { NOW, useTempoMock } from '../helpers/mock.js';
import { run } from '../helpers/run.js';

describe('timesheet submit', () => {
  const { mock, me, env, requests } = useTempoMock();

  it('submits the period containing the date and prints the new status', async () => {
    const result = await run(['submit', '--comment', 'All in'], { env: env(), now: NOW });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const submit = requests.find((url) => url.includes('/submit'))!;
    const url = new URL(submit);
    expect(url.pathname).toBe(`/4/timesheet-approvals/user/${encodeURIComponent(me())}/submit`);
    // The period comes from GET /periods, not from a guess.
    const period = { from: url.searchParams.get('from'), to: url.searchParams.get('to') };
    expect(requests.some((u) => u.includes('/periods?'))).toBe(true);
    expect(period.from! <= '2026-03-18' && '2026-03-18' <= period.to!).toBe(true);
    expect(result.stdout).toMatch(new RegExp(`^timesheet ${period.from} to ${period.to} submitted: status IN_REVIEW \\(`));

    // The mock now holds the submitted approval…
    const res = await mock.fetch(`https://api.tempo.io/4/timesheet-approvals/user/${encodeURIComponent(me())}?from=${period.from}&to=${period.to}`, {
      headers: { authorization: `Bearer ${MOCK_API_TOKEN}` },
    });
    expect(((await res.json()) as { status: { key: string; comment?: string } }).status).toMatchObject({ key: 'IN_REVIEW', comment: 'All in' });
    // …so submitting again is refused by Tempo, in one line.
    const again = await run(['submit'], { env: env(), now: NOW });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^timesheet: Tempo rejected the request \(400\): .+\n$/);
  });

  it('submits the period of --date', async () => {
    const result = await run(['submit', '--date', '2026-03-02'], { env: env(), now: NOW });
    expect(result.code).toBe(0);
    const url = new URL(requests.find((u) => u.includes('/submit'))!);
    expect(url.searchParams.get('from')! <= '2026-03-02').toBe(true);
    expect(url.searchParams.get('to')! >= '2026-03-02').toBe(true);
  });
});
