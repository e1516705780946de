import { describe, expect, it } from 'vitest';
import { parseFormat, parsePageSize, WORKLOG_CSV, EXPORT_PAGE_SIZE } from '../../src/commands/export.js';
import { commandHelp, generalHelp } from '../../src/commands/help.js';
import { parseAttributes, parseIssueArgument, parseLogRequest } from '../../src/commands/log.js';
import { loopbackAddress } from '../../src/commands/login.js';
import { periodContaining } from '../../src/commands/submit.js';
import { COMMANDS } from '../../src/lib/args.js';
import { UsageError } from '../../src/lib/errors.js';
import type { Worklog } from '@tempo-sdk/types';

describe('log input', () => {
  it('builds the request Tempo wants: seconds, date, HH:mm:ss, attributes', () => {
    expect(
      parseLogRequest(
        ['10042', '1h30m'],
        { date: 'yesterday', start: '9:30', description: 'Review', attribute: ['_Account_=ACME', 'note=a=b'] },
        '2026-03-18',
      ),
    ).toEqual({
      issue: { id: 10042 },
      timeSpentSeconds: 5400,
      startDate: '2026-03-17',
      startTime: '09:30:00',
      description: 'Review',
      attributes: [
        { key: '_Account_', value: 'ACME' },
        { key: 'note', value: 'a=b' },
      ],
    });
  });

  it('defaults to today without start time or description', () => {
    expect(parseLogRequest(['7', '2h'], {}, '2026-03-18')).toEqual({
      issue: { id: 7 },
      timeSpentSeconds: 7200,
      startDate: '2026-03-18',
      attributes: [],
    });
  });

  it('takes an issue key (any case) or a numeric id, and refuses anything else', () => {
    expect(parseIssueArgument('proj-12')).toEqual({ key: 'PROJ-12' });
    expect(parseIssueArgument(' SUP_X-3 ')).toEqual({ key: 'SUP_X-3' });
    expect(parseIssueArgument(' 10042 ')).toEqual({ id: 10042 });
    for (const bad of [
      '0',
      '12a',
      'SUP 1',
      'SUP-',
      '-1',
      'SUP-0',
      '..',
      'SUP-1/..',
      'SUP-1?x',
      '%2e%2e',
      '1SUP-2',
      'SUP-1%',
    ]) {
      expect(() => parseIssueArgument(bad), bad).toThrow(UsageError);
    }
    expect(() => parseIssueArgument('SUP 1')).toThrow(
      'bad issue "SUP 1": use an issue key such as SUP-12, or the numeric Jira issue id',
    );
  });

  it('refuses malformed and repeated attributes', () => {
    expect(() => parseAttributes(['novalue'])).toThrow('bad --attribute "novalue"');
    expect(() => parseAttributes(['=x'])).toThrow(UsageError);
    expect(() => parseAttributes(['a=1', 'a=2'])).toThrow('--attribute a given twice');
    expect(parseAttributes(['empty='])).toEqual([{ key: 'empty', value: '' }]);
  });

  it('drops spaces around the value as well as the key (`-a "_Account_ = ACME-SUPPORT"`)', () => {
    expect(parseAttributes(['_Account_ = ACME-SUPPORT', ' note =a = b '])).toEqual([
      { key: '_Account_', value: 'ACME-SUPPORT' },
      { key: 'note', value: 'a = b' },
    ]);
  });

  it('checks every argument before doing anything', () => {
    expect(() => parseLogRequest(['10042', '1h'], { start: '25:00' }, '2026-03-18')).toThrow(/bad start time/);
    expect(() => parseLogRequest(['10042', '1h'], { date: '2026-02-30' }, '2026-03-18')).toThrow(/no such day/);
  });
});

describe('export input', () => {
  it('parses the format and the page size', () => {
    expect(parseFormat(undefined)).toBe('csv');
    expect(parseFormat('JSON')).toBe('json');
    expect(parseFormat('ndjson')).toBe('ndjson');
    expect(() => parseFormat('xml')).toThrow('bad --format "xml": use csv, json or ndjson');
    expect(parsePageSize(undefined)).toBe(EXPORT_PAGE_SIZE);
    expect(parsePageSize('5000')).toBe(5000);
    for (const bad of ['0', '5001', '1.5', 'ten']) expect(() => parsePageSize(bad)).toThrow(/bad --page-size/);
  });

  it('maps a worklog to one CSV row per the header', () => {
    const worklog = {
      tempoWorklogId: 5,
      issue: { id: 10042, self: 'x' },
      startDate: '2026-03-02',
      startTime: '09:30:00',
      timeSpentSeconds: 5400,
      billableSeconds: 3600,
      author: { accountId: 'acc-1' },
      description: 'Review, "fast"',
      attributes: {
        self: 'x',
        values: [
          { key: '_Account_', value: 'ACME' },
          { key: 'k', value: 'v' },
        ],
      },
      createdAt: '2026-03-02T17:00:00Z',
      updatedAt: '2026-03-02T17:00:00Z',
      self: 'x',
    } satisfies Worklog;
    const row = WORKLOG_CSV.row(worklog);
    expect(row).toHaveLength(WORKLOG_CSV.header.length);
    expect(Object.fromEntries(WORKLOG_CSV.header.map((h, i) => [h, row[i]]))).toEqual({
      worklogId: 5,
      issueId: 10042,
      date: '2026-03-02',
      startTime: '09:30:00',
      hours: '1.50',
      timeSpentSeconds: 5400,
      billableSeconds: 3600,
      authorAccountId: 'acc-1',
      description: 'Review, "fast"',
      attributes: '_Account_=ACME; k=v',
      createdAt: '2026-03-02T17:00:00Z',
      updatedAt: '2026-03-02T17:00:00Z',
    });
  });
});

describe('periodContaining', () => {
  const periods = [
    { from: '2026-02-01', to: '2026-02-28' },
    { from: '2026-03-01', to: '2026-03-31' },
  ];
  it('finds the period by inclusive bounds', () => {
    expect(periodContaining(periods, '2026-03-01')).toBe(periods[1]);
    expect(periodContaining(periods, '2026-02-28')).toBe(periods[0]);
    expect(periodContaining(periods, '2026-04-01')).toBeUndefined();
  });
});

describe('loopbackAddress', () => {
  it('listens where a fixed redirect URI says', () => {
    expect(loopbackAddress(undefined)).toEqual({});
    expect(loopbackAddress('http://127.0.0.1:8976/callback')).toEqual({
      host: '127.0.0.1',
      port: 8976,
      callbackPath: '/callback',
    });
    expect(loopbackAddress('http://[::1]:9000/cb')).toEqual({ host: '::1', port: 9000, callbackPath: '/cb' });
  });

  it('refuses redirect URIs the CLI cannot receive', () => {
    expect(() => loopbackAddress('https://example.com/callback')).toThrow(/must be a loopback address/);
    expect(() => loopbackAddress('http://localhost:8976/callback')).toThrow(UsageError);
  });
});

describe('help', () => {
  it('lists every command and global option', () => {
    const text = generalHelp().join('\n');
    for (const name of Object.keys(COMMANDS)) expect(text).toContain(`  ${name} `);
    for (const option of [
      '--debug',
      '--demo',
      '--region REGION',
      '--base-url URL',
      '--account-id ID',
      '--config-dir DIR',
    ]) {
      expect(text).toContain(option);
    }
  });

  it("shows a command's options and examples", () => {
    const text = commandHelp('log').join('\n');
    expect(text).toContain('Usage: timesheet log <issue> <duration> [options]');
    expect(text).toContain('-s, --start HH:mm');
    expect(text).toContain('-a, --attribute KEY=VALUE');
    expect(text).toContain('timesheet log 10103 1h30m -m "Code review"');
    expect(text).toContain('Logged in whole minutes (0.333h is 20m)');
    expect(() => commandHelp('nope')).toThrow(UsageError);
  });

  it('says that --out replaces an existing file', () => {
    expect(commandHelp('export').join('\n')).toMatch(
      /-o, --out FILE +write to FILE instead of stdout \(replaces an existing FILE\)/,
    );
  });
});
