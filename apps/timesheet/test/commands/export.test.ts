import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { NOW, useTempoMock } from '../helpers/mock.js';
import { trackedTempFiles } from '../../src/lib/temp-files.js';
import { run, tempConfigDir } from '../helpers/run.js';

const FROM = '2026-02-23';
const TO = '2026-03-18';

describe('timesheet export', () => {
  const { mock, server, me, env, requests } = useTempoMock();
  const inRange = (w: { startDate: string }) => FROM <= w.startDate && w.startDate <= TO;
  const mine = () => mock.db.worklogs.filter((w) => w.author.accountId === me() && inRange(w));
  // These tests are about streaming, files and progress: Jira's columns (issueKey, authorDisplayName) are
  // tested in jira.test.ts.
  const exportArgs = ['export', '--from', FROM, '--to', TO, '--ids-only'];

  it("streams every one of the user's worklogs in the range as CSV, across several pages", async () => {
    const result = await run([...exportArgs, '--page-size', '7'], { env: env(), now: NOW });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'worklogId,issueId,date,startTime,hours,timeSpentSeconds,billableSeconds,authorAccountId,description,attributes,createdAt,updatedAt',
    );
    expect(lines.at(-1)).toBe(''); // ends with CRLF
    const expected = mine();
    expect(expected.length).toBeGreaterThan(14);
    const ids = lines.slice(1, -1).map((l) => Number(l.split(',')[0]));
    expect(ids.sort()).toEqual(expected.map((w) => w.tempoWorklogId).sort());
    // One request per page of 7: the range really spans several pages.
    expect(requests.filter((u) => u.includes('/worklogs/user/')).length).toBeGreaterThanOrEqual(
      Math.ceil(expected.length / 7),
    );
  });

  it('quotes descriptions with commas, quotes and line breaks', async () => {
    const issueId = mock.db.issues.all()[0]!.id;
    const w = mock.db.worklogs.create({
      issueId,
      authorAccountId: me(),
      startDate: '2026-03-02',
      timeSpentSeconds: 5400,
      description: 'Fix, "then"\ntest',
    });
    const result = await run(exportArgs, { env: env(), now: NOW });
    expect(result.stdout).toContain(
      `\r\n${w.tempoWorklogId},${issueId},2026-03-02,09:00:00,1.50,5400,5400,${me()},"Fix, ""then""\ntest",,`,
    );
  });

  it('writes one valid JSON array with --format json', async () => {
    const result = await run([...exportArgs, '--format', 'json', '--page-size', '10'], { env: env(), now: NOW });
    expect(result.code).toBe(0);
    const worklogs = JSON.parse(result.stdout) as { tempoWorklogId: number; author: { accountId: string } }[];
    expect(worklogs.map((w) => w.tempoWorklogId).sort()).toEqual(
      mine()
        .map((w) => w.tempoWorklogId)
        .sort(),
    );
    expect(new Set(worklogs.map((w) => w.author.accountId))).toEqual(new Set([me()]));
  });

  it('writes an empty array for an empty range', async () => {
    const result = await run(['export', '--from', '2020-01-01', '--to', '2020-01-31', '--format', 'json'], {
      env: env(),
      now: NOW,
    });
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('writes NDJSON, one worklog per line', async () => {
    const result = await run([...exportArgs, '--format', 'ndjson'], { env: env(), now: NOW });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(mine().length);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('tempoWorklogId');
  });

  it('exports everyone with --all', async () => {
    const result = await run([...exportArgs, '--all', '--format', 'ndjson'], { env: env(), now: NOW });
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(mock.db.worklogs.filter(inRange).length);
  });

  it('writes to --out and reports the count on stderr', async () => {
    const dir = tempConfigDir();
    const out = join(dir, 'march.csv');
    const result = await run([...exportArgs, '--out', out], { env: env(), now: NOW });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`exported ${mine().length} worklogs to ${out}\n`);
    expect(readFileSync(out, 'utf8').split('\r\n')).toHaveLength(mine().length + 2);
    expect(readdirSync(dir)).toEqual(['march.csv']);
  });

  it('leaves no file behind when the export fails half-way', async () => {
    server.use(
      http.get(/\/4\/worklogs\/user\//, ({ request }) =>
        new URL(request.url).searchParams.get('offset') !== '0'
          ? HttpResponse.json({ errors: { message: 'Boom on page 2' } }, { status: 400 })
          : undefined,
      ),
    );
    const dir = tempConfigDir();
    const out = join(dir, 'broken.csv');
    const result = await run([...exportArgs, '--out', out, '--page-size', '5'], { env: env(), now: NOW });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('timesheet: Tempo rejected the request (400): Boom on page 2\n');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('draws a progress bar on a terminal stderr only', async () => {
    const tty = await run([...exportArgs, '--page-size', '10'], { env: env(), now: NOW, stderrIsTTY: true });
    expect(tty.stderr).toMatch(/^\r\x1b\[Kexporting \[[#.]+\] +\d+% 1 worklog 2026-02-2\d/);
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true); // erased at the end
    expect(tty.stdout).not.toContain('\x1b');
    const pipe = await run([...exportArgs, '--page-size', '10'], { env: env(), now: NOW, stderrIsTTY: false });
    expect(pipe.stderr).toBe('');
  });

  it('draws no bar when the CSV goes to the same terminal (it would cut the rows), but does with --out', async () => {
    const shared = await run([...exportArgs, '--page-size', '10'], {
      env: env(),
      now: NOW,
      stderrIsTTY: true,
      stdoutIsTTY: true,
    });
    expect(shared.code).toBe(0);
    expect(shared.stderr).toBe('');
    const out = join(tempConfigDir(), 'x.csv');
    const toFile = await run([...exportArgs, '--page-size', '10', '--out', out], {
      env: env(),
      now: NOW,
      stderrIsTTY: true,
      stdoutIsTTY: true,
    });
    expect(toFile.stderr).toMatch(/^\r\x1b\[Kexporting \[/);
  });

  it('replaces an existing --out file (like curl -o)', async () => {
    const out = join(tempConfigDir(), 'again.csv');
    writeFileSync(out, 'old content that must go\n');
    const result = await run([...exportArgs, '--out', out], { env: env(), now: NOW });
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^worklogId,/);
  });

  it.each([
    [
      'a directory',
      (dir: string) => dir,
      (out: string) => `--out ${out} is a directory; give a file name, e.g. ${join(out, 'worklogs.csv')}`,
    ],
    [
      'a trailing slash',
      (dir: string) => `${join(dir, 'new')}/`,
      (out: string) => `--out ${out} names a directory; give a file name, e.g. ${join(out, 'worklogs.csv')}`,
    ],
    [
      'a missing folder',
      (dir: string) => join(dir, 'nope', 'x.csv'),
      (out: string) => `--out ${out}: folder ${join(out, '..')} does not exist`,
    ],
    [
      'a file as the folder',
      (dir: string) => (writeFileSync(join(dir, 'f'), ''), join(dir, 'f', 'x.csv')),
      (out: string) => `--out ${out}: ${join(out, '..')} is not a folder`,
    ],
  ])('checks --out (%s) before fetching anything and names the path given', async (_, makeOut, message) => {
    const dir = tempConfigDir();
    mkdirSync(join(dir, 'sub'));
    const out = makeOut(join(dir, 'sub'));
    const result = await run([...exportArgs, '--out', out], { env: env(), now: NOW });
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: `timesheet: ${message(out)}\n` });
    expect(result.stderr).not.toContain('.partial');
    expect(requests).toEqual([]);
    expect(readdirSync(join(dir, 'sub')).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it.runIf(process.platform !== 'win32')(
    'refuses an --out that exists but is no regular file, instead of renaming over it',
    async () => {
      const fifo = join(tempConfigDir(), 'pipe');
      execFileSync('mkfifo', [fifo]);
      const result = await run([...exportArgs, '--out', fifo], { env: env(), now: NOW });
      expect(result).toMatchObject({
        code: 2,
        stderr: `timesheet: --out ${fifo} is not a regular file; redirect instead: > ${fifo}\n`,
      });
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      expect(requests).toEqual([]);
    },
  );

  describe('--out and symlinks: written through, never replaced (issue 12 item 3)', () => {
    const noPartials = (dir: string) => expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);

    it('writes through a link to a regular file: the link stays, its target gets the export', async () => {
      const dir = tempConfigDir();
      const elsewhere = tempConfigDir();
      const real = join(elsewhere, 'real.csv');
      writeFileSync(real, 'old\n');
      symlinkSync(real, join(dir, 'link.csv'));
      const result = await run([...exportArgs, '--out', join(dir, 'link.csv')], { env: env(), now: NOW });
      expect(result.code).toBe(0);
      expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, 'link.csv'))).toBe(real);
      expect(readFileSync(real, 'utf8').split('\r\n')).toHaveLength(mine().length + 2);
      noPartials(dir);
      noPartials(elsewhere);
    });

    it('writes through a relative link and a chain of links', async () => {
      const dir = tempConfigDir();
      writeFileSync(join(dir, 'real.csv'), '');
      symlinkSync('real.csv', join(dir, 'one'));
      symlinkSync('one', join(dir, 'two'));
      const result = await run([...exportArgs, '--out', join(dir, 'two')], { env: env(), now: NOW });
      expect(result.code).toBe(0);
      expect(lstatSync(join(dir, 'two')).isSymbolicLink() && lstatSync(join(dir, 'one')).isSymbolicLink()).toBe(true);
      expect(readFileSync(join(dir, 'real.csv'), 'utf8')).toMatch(/^worklogId,/);
    });

    it.each([
      [
        'a link to nothing',
        (dir: string) => join(dir, 'missing.csv'),
        'is a symlink to a file that does not exist; give the file itself',
      ],
      ['a link to a device', () => '/dev/null', 'is not a regular file; redirect instead: > LINK'],
      ['a link to a folder', (dir: string) => dir, 'is a directory; give a file name, e.g. LINK/worklogs.csv'],
    ])('refuses %s with one line, before any request, and leaves the link alone', async (_, targetOf, message) => {
      const dir = tempConfigDir();
      const link = join(dir, 'link.csv');
      const target = targetOf(dir);
      symlinkSync(target, link);
      const result = await run([...exportArgs, '--out', link], { env: env(), now: NOW });
      expect(result).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `timesheet: --out ${link} ${message.replaceAll('LINK', link)}\n`,
      });
      expect(readlinkSync(link)).toBe(target);
      expect(requests).toEqual([]);
      noPartials(dir);
    });

    // The shape of /dev/stdout (a link to /proc/self/fd/1), in a folder of our own: as root, replacing the link
    // is what once replaced the system's /dev/stdout. Here the test's own stdout is a pipe or a terminal.
    it.runIf(existsSync('/proc/self/fd/1'))(
      'refuses a /dev/stdout-like link when stdout is no file (a pipe, a terminal)',
      async () => {
        const dir = tempConfigDir();
        const link = join(dir, 'stdout');
        symlinkSync('/proc/self/fd/1', link);
        const result = await run([...exportArgs, '--out', link], { env: env(), now: NOW });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(
          /^timesheet: --out \S+ is (not a regular file; redirect instead|a symlink to a file that does not exist)/,
        );
        expect(readlinkSync(link)).toBe('/proc/self/fd/1');
      },
    );

    it('keeps the permissions of a file it replaces (a private export stays private)', async () => {
      const out = join(tempConfigDir(), 'private.csv');
      writeFileSync(out, 'old\n', { mode: 0o600 });
      chmodSync(out, 0o600);
      expect((await run([...exportArgs, '--out', out], { env: env(), now: NOW })).code).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      expect(readFileSync(out, 'utf8')).toMatch(/^worklogId,/);
    });

    it('never follows a link planted at its temp file name (O_EXCL): one line, the link target untouched', async () => {
      const dir = tempConfigDir();
      const victim = join(tempConfigDir(), 'victim');
      writeFileSync(victim, 'precious\n');
      symlinkSync(victim, join(dir, `.out.csv.${process.pid}.partial`));
      const result = await run([...exportArgs, '--out', join(dir, 'out.csv')], { env: env(), now: NOW });
      expect(result).toMatchObject({
        code: 1,
        stderr: `timesheet: cannot write --out ${join(dir, 'out.csv')}: EEXIST\n`,
      });
      expect(readFileSync(victim, 'utf8')).toBe('precious\n');
      expect(requests).toEqual([]);
    });
  });

  it('with pages read ahead, the progress bar shows exactly the worklogs written so far (issue 13)', async () => {
    mock.faults.add({ path: /\/worklogs\/user\//, delayMs: 120 }); // every page takes a while: many redraws
    let written = 0;
    const draws: { shown: number; written: number }[] = [];
    const result = await run([...exportArgs, '--format', 'ndjson', '--page-size', '4'], {
      env: env(),
      now: NOW,
      stderrIsTTY: true,
      onWrite: (stream, chunk) => {
        if (stream === 'stdout') written += chunk.split('\n').length - 1;
        const shown = /\] +\d+% (\d+) worklog/.exec(chunk)?.[1];
        if (stream === 'stderr' && shown) draws.push({ shown: Number(shown), written });
      },
    });
    expect(result.code).toBe(0);
    expect(written).toBe(mine().length);
    expect(draws.length).toBeGreaterThanOrEqual(3);
    for (const draw of draws) expect(draw.shown).toBe(draw.written);
    // Percentages never go back.
    const percents = [...result.stderr.matchAll(/\] +(\d+)%/g)].map((m) => Number(m[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    // Every page was asked for once, none twice (pages read ahead are used, not fetched again).
    const pageRequests = requests.filter((u) => u.includes('/worklogs/user/'));
    expect(pageRequests.length).toBeGreaterThanOrEqual(Math.ceil(mine().length / 4));
    expect(new Set(pageRequests).size).toBe(pageRequests.length);
  });

  describe('no partial file, however the export ends (issue 12 item 9; signals and crashes: test/e2e)', () => {
    it('an exception half-way (a worklog the CSV layout cannot read): one line, exit 1, no partial', async () => {
      server.use(
        http.get(/\/4\/worklogs\/user\//, async ({ request }) => {
          if (new URL(request.url).searchParams.get('offset') === '0') return undefined;
          const self = request.url;
          return HttpResponse.json({
            metadata: { count: 1, offset: 5, limit: 5 },
            results: [{ tempoWorklogId: 1 }],
            self,
          });
        }),
      );
      const dir = tempConfigDir();
      const result = await run([...exportArgs, '--out', join(dir, 'x.csv'), '--page-size', '5'], {
        env: env(),
        now: NOW,
      });
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr).toMatch(/^timesheet: unexpected error: /);
      expect(readdirSync(dir)).toEqual([]);
      expect(trackedTempFiles()).toEqual([]);
    });

    it('Ctrl-C stops within one record, although the page in hand holds many more', async () => {
      const controller = new AbortController();
      let records = 0;
      const onStdout = (chunk: string) => {
        records += chunk.split('\n').length - 1;
        if (records >= 1) controller.abort(Object.assign(new Error('interrupted'), { name: 'AbortError' }));
      };
      const dir = tempConfigDir();
      const out = join(dir, 'x.ndjson');
      // To stdout, so the test sees each record as it is written; then to a file, which must not stay behind.
      const argv = [...exportArgs, '--format', 'ndjson', '--page-size', '50'];
      const toStdout = await run(argv, { env: env(), now: NOW, signal: controller.signal, onStdout });
      expect(toStdout.code).toBe(130);
      expect(toStdout.stderr).toBe('timesheet: interrupted\n');
      expect(mine().length).toBeGreaterThan(10);
      expect(records).toBeLessThanOrEqual(2); // the record being written when Ctrl-C came, and at most one more
      // The first page, and at most the one paginate reads ahead before the first arrives (cancelled on Ctrl-C).
      const pageRequests = requests.filter((u) => u.includes('/worklogs/user/'));
      expect(pageRequests.length).toBeGreaterThanOrEqual(1);
      expect(pageRequests.length).toBeLessThanOrEqual(2);

      const aborted = new AbortController();
      aborted.abort(Object.assign(new Error('interrupted'), { name: 'AbortError' }));
      const toFile = await run([...exportArgs, '--out', out], { env: env(), now: NOW, signal: aborted.signal });
      expect(toFile.code).toBe(130);
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  it.each([
    [['export', '--from', FROM], 'timesheet: both --from and --to are required (YYYY-MM-DD)\n'],
    [['export', '--from', TO, '--to', FROM], `timesheet: --from ${TO} is after --to ${FROM}\n`],
    [[...exportArgs, '--format', 'xlsx'], 'timesheet: bad --format "xlsx": use csv, json or ndjson\n'],
  ])('refuses %j with exit 2', async (argv, message) => {
    const result = await run(argv, { env: env(), now: NOW });
    expect(result).toMatchObject({ code: 2, stderr: message, stdout: '' });
    expect(requests).toEqual([]);
  });
});
