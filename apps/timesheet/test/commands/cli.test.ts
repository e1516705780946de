import { describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';

// No Tempo needed: these never open a session. Demo mode (a real mock server) is covered at the end.
describe('timesheet (no command / help / version / bad usage)', () => {
  it('prints the overview with no arguments, `help` and `--help`', async () => {
    const plain = await run([]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^timesheet: log and review your Tempo time/);
    expect((await run(['help'])).stdout).toBe(plain.stdout);
    expect((await run(['--help'])).stdout).toBe(plain.stdout);
  });

  it('prints help for one command with `help <command>` and `<command> --help`', async () => {
    const help = await run(['help', 'export']);
    expect(help.stdout).toMatch(/^Usage: timesheet export \[options\]/);
    expect((await run(['export', '--help'])).stdout).toBe(help.stdout);
  });

  it('prints the version', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: '0.0.0-test\n', stderr: '' });
  });

  it.each([
    [['frobnicate'], 'timesheet: unknown command "frobnicate"; run `timesheet help` for the list\n'],
    [['week', '--frobnicate'], 'timesheet: unknown option --frobnicate; run `timesheet help`\n'],
    [['help', 'frobnicate'], 'timesheet: unknown command "frobnicate"; run `timesheet help` for the list\n'],
    [['week', '--region', 'mars'], 'timesheet: bad region "mars": use global, eu or us\n'],
    [['week', '--date', '03/18/2026'], 'timesheet: bad --date "03/18/2026": use YYYY-MM-DD, e.g. 2026-03-09\n'],
  ])('refuses %j with exit 2 and one line on stderr', async (argv, message) => {
    expect(await run(argv)).toMatchObject({ code: 2, stdout: '', stderr: message });
  });

  it('refuses a base URL without credentials rather than silently using the mock', async () => {
    const result = await run(['week', '--base-url', 'https://api.tempo.io/4']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^timesheet: a Tempo URL is set .* but no credentials: set TEMPO_API_TOKEN or run `timesheet login`\n$/,
    );
  });

  it('adds the stack trace only with --debug', async () => {
    const plain = await run(['week', '--base-url', 'https://api.tempo.io/4']);
    expect(plain.stderr.split('\n')).toHaveLength(2);
    const debug = await run(['week', '--base-url', 'https://api.tempo.io/4', '--debug']);
    expect(debug.stderr.split('\n').length).toBeGreaterThan(2);
    expect(debug.stderr).toMatch(/\nAppError: a Tempo URL is set [^\n]*\n +at resolveCredentials /);
  });
});

describe('demo mode', () => {
  it('starts the built-in mock, says so in one line, and prints a real week', async () => {
    const result = await run(['week']);
    expect(result.code).toBe(0);
    const [notice, ...rest] = result.stderr.trimEnd().split('\n');
    expect(notice).toMatch(
      /^demo mode: no Tempo credentials found; using the built-in mock Tempo at http:\/\/127\.0\.0\.1:\d+\/4 \(and its Jira at http:\/\/127\.0\.0\.1:\d+\/jira\)$/,
    );
    expect(rest).toEqual([]);
    expect(result.stdout).toMatch(/^Week 2026-W12: Mon 2026-03-16 to Sun 2026-03-22\n/);
    // The mock's data fills the weeks up to today: the week is not empty.
    expect(result.stdout).toMatch(/\nLogged\s+\S+h/);
    expect(result.stdout).not.toMatch(/\(0 worklogs\)/);
  });

  it('--demo wins over credentials', async () => {
    const token = 'real-token-that-must-not-be-used';
    const result = await run(['week', '--demo'], { env: { TEMPO_API_TOKEN: token } });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^demo mode: --demo given; using the built-in mock Tempo at http:\/\/127\.0\.0\.1:\d+\/4 \(and its Jira at http:\/\/127\.0\.0\.1:\d+\/jira\)\n$/,
    );
    expect(result.stdout).toMatch(/^Week 2026-W12/);
  });
});
