/**
 * The command line as a whole: "did you mean …" for typos, `--json` on every command that prints data, and ids
 * that would leave their URL path segment refused before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/lib/args.js';
import { NOW, useTempoMock } from '../helpers/mock.js';
import { run } from '../helpers/run.js';

describe('did you mean …', () => {
  it.each([
    [['wek'], 'timesheet: unknown command "wek"; did you mean "week"?\n'],
    [['exprot', '--from', '2026-03-01'], 'timesheet: unknown command "exprot"; did you mean "export"?\n'],
    [['help', 'sumbit'], 'timesheet: unknown command "sumbit"; did you mean "submit"?\n'],
    [
      ['export', '--form', '2026-03-01', '--to', '2026-03-02'],
      'timesheet: unknown option --form; did you mean --from?\n',
    ],
    [['export', '--page-sise', '5'], 'timesheet: unknown option --page-sise; did you mean --page-size?\n'],
    [['week', '--jsno'], 'timesheet: unknown option --jsno; did you mean --json?\n'],
    [['log', '1', '1h', '--descripton', 'x'], 'timesheet: unknown option --descripton; did you mean --description?\n'],
    [['week', '--acount-id', 'x'], 'timesheet: unknown option --acount-id; did you mean --account-id?\n'],
    [['week', '--zzz'], 'timesheet: unknown option --zzz; run `timesheet help`\n'],
  ])('%j → one line with the suggestion, exit 2', async (argv, message) => {
    expect(await run(argv)).toMatchObject({ code: 2, stdout: '', stderr: message });
  });
});

describe('bad input elsewhere on the command line: one line, exit 2, nothing secret repeated', () => {
  const env = { TEMPO_API_TOKEN: 'tok-0123456789abcdef', TEMPO_ACCOUNT_ID: 'a' };
  it.each([
    [
      ['week', '--base-url', 'http://me:hunter2-secret@127.0.0.1:1/4'],
      'timesheet: bad --base-url "http://***@127.0.0.1:1/4": no user name or password in the URL; use TEMPO_API_TOKEN or `timesheet login`\n',
    ],
    [
      ['week', '--base-url', 'http://me:hunter2-secret@[::1'],
      'timesheet: bad --base-url "http://***@[::1": not a URL\n',
    ],
    [
      ['week', '--base-url', 'http://127.0.0.1:1/4?x=1'],
      'timesheet: bad --base-url "http://127.0.0.1:1/4?x=1": a base URL has no query or fragment\n',
    ],
    [['week', '--base-url', ''], 'timesheet: bad --base-url "": not a URL\n'],
    [['week', '--region', ''], 'timesheet: bad region "": use global, eu or us\n'],
    [
      ['export', '--from', '2026-03-01', '--to', '2026-03-02', '--out', ''],
      'timesheet: --out needs a file name (or leave it out to write to stdout)\n',
    ],
  ])('%j', async (argv, message) => {
    const result = await run(argv, { env });
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: message });
    expect(result.stderr).not.toContain('hunter2');
  });
});

describe('--json and bad ids against the mock', () => {
  const { mock, me, env, requests } = useTempoMock();

  it('every command that prints data takes --json (login, logout and help print no data)', () => {
    const noData = new Set(['login', 'logout', 'help']);
    const missing = Object.entries(COMMANDS)
      .filter(([name, spec]) => !noData.has(name) && !(spec.options as readonly string[]).includes('json'))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('log --json prints the created worklog as Tempo returned it', async () => {
    const issueId = mock.db.issues.all()[0]!.id;
    const result = await run(['log', String(issueId), '45m', '--date', '2026-03-17', '--json'], {
      env: env(),
      now: NOW,
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(result.stdout) as { tempoWorklogId: number; timeSpentSeconds: number };
    expect(printed.timeSpentSeconds).toBe(2700);
    expect(mock.db.worklogs.get(printed.tempoWorklogId)?.author.accountId).toBe(me());
  });

  it('submit --json prints the approval Tempo answered', async () => {
    const result = await run(['submit', '--json'], { env: env(), now: NOW });
    expect(result.code).toBe(0);
    const approval = JSON.parse(result.stdout) as { status: { key: string }; user: { accountId: string } };
    expect(approval.status.key).toBe('IN_REVIEW');
    expect(approval.user.accountId).toBe(me());
  });

  it('export --json is --format json; a contradicting --format is refused', async () => {
    const json = await run(['export', '--from', '2026-03-16', '--to', '2026-03-18', '--json'], {
      env: env(),
      now: NOW,
    });
    expect(json.code).toBe(0);
    const worklogs = JSON.parse(json.stdout) as unknown[];
    expect(worklogs.length).toBe(
      mock.db.worklogs.filter(
        (w) => w.author.accountId === me() && w.startDate >= '2026-03-16' && w.startDate <= '2026-03-18',
      ).length,
    );
    const both = await run(['export', '--from', '2026-03-16', '--to', '2026-03-18', '--json', '--format', 'csv'], {
      env: env(),
      now: NOW,
    });
    expect(both).toMatchObject({
      code: 2,
      stderr: 'timesheet: --json and --format csv contradict each other; give one\n',
    });
  });

  // Every command that puts the account id in a URL path (week, export, submit) or in a body (log), from each
  // place an id comes from. Nothing may be sent: `..` would otherwise reach GET /worklogs/user/ — everyone's.
  const BAD_IDS = ['..', '.', '../712020:x', 'a/b', 'a\\b', 'x?all=1', 'x#y', '%2e%2e', 'a b', 'x\u0000'];
  const COMMAND_LINES = [
    ['week'],
    ['export', '--from', '2026-03-01', '--to', '2026-03-18'],
    ['export', '--from', '2026-03-01', '--to', '2026-03-18', '--all'],
    ['submit'],
    ['log', '10103', '1h'],
  ];
  it.each(BAD_IDS)(
    'refuses the account id %j from --account-id and TEMPO_ACCOUNT_ID, before any request',
    async (id) => {
      for (const argv of COMMAND_LINES) {
        for (const [args, extraEnv, source] of [
          [[...argv, '--account-id', id], {}, '--account-id'],
          [argv, { TEMPO_ACCOUNT_ID: id }, 'TEMPO_ACCOUNT_ID'],
        ] as const) {
          const result = await run([...args], { env: { ...env(), ...extraEnv }, now: NOW });
          expect(result.code, `${args.join(' ')} ${source}`).toBe(2);
          expect(result.stdout).toBe('');
          expect(result.stderr.split('\n')).toHaveLength(2);
          expect(result.stderr).toMatch(new RegExp(`^timesheet: bad ${source} ".*": an Atlassian account id`));
          expect(requests).toEqual([]);
        }
      }
    },
  );

  it('refuses an empty --account-id instead of falling back to another one', async () => {
    const result = await run(['week', '--account-id', ''], { env: env(), now: NOW });
    expect(result).toMatchObject({
      code: 2,
      stderr: 'timesheet: --account-id is empty; give your Atlassian account id, e.g. 712020:4b1c0f1e-…\n',
    });
    expect(requests).toEqual([]);
  });

  it('refuses a bad id before login starts its loopback server', async () => {
    const result = await run(['login', '--account-id', '..', '--no-browser'], {
      env: { TEMPO_CLIENT_ID: 'id', TEMPO_CLIENT_SECRET: 'secret-0123456789', TEMPO_JIRA_URL: 'acme' },
      now: NOW,
    });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^timesheet: bad --account-id "\.\.": /);
    expect(result.opened).toEqual([]);
  });

  it('accepts real account id shapes', async () => {
    for (const id of ['712020:4b1c0f1e-8c51-4c5e-9d0b-2f6c8c9d1a77', '5b10ac8d82e05b22cc7d4ef5', 'qm:1a2b3c-4d5e']) {
      mock.db.users.create({ accountId: id, displayName: `User ${id}` });
      const result = await run(['week', '--account-id', id, '--json'], { env: env(), now: NOW });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).accountId).toBe(id);
    }
  });
});
