import { describe, expect, it } from 'vitest';
import { listOption, parseCommandLine, stringOption } from '../../src/lib/args.js';
import { UsageError } from '../../src/lib/errors.js';

describe('parseCommandLine', () => {
  it('parses a command with positionals and options', () => {
    const parsed = parseCommandLine([
      'log',
      '10042',
      '1h30m',
      '--date',
      '2026-03-09',
      '-s',
      '9:30',
      '-a',
      'k=v',
      '--attribute',
      'x=y',
    ]);
    expect(parsed.command).toBe('log');
    expect(parsed.positionals).toEqual(['10042', '1h30m']);
    expect(stringOption(parsed.options, 'date')).toBe('2026-03-09');
    expect(stringOption(parsed.options, 'start')).toBe('9:30');
    expect(listOption(parsed.options, 'attribute')).toEqual(['k=v', 'x=y']);
    expect(listOption(parsed.options, 'description')).toEqual([]);
  });

  it('accepts global options before or after the command', () => {
    const before = parseCommandLine(['--region', 'eu', '--debug', 'week']);
    const after = parseCommandLine(['week', '--region=eu', '--debug']);
    for (const parsed of [before, after]) {
      expect(parsed.command).toBe('week');
      expect(parsed.global).toMatchObject({ region: 'eu', debug: true, help: false });
    }
  });

  it('returns no command for --help, --version or nothing', () => {
    expect(parseCommandLine([])).toMatchObject({ command: undefined });
    expect(parseCommandLine(['--version']).global.version).toBe(true);
    expect(parseCommandLine(['-h']).global.help).toBe(true);
  });

  it('takes -x=VALUE for short options like --long=VALUE (a value may then start with "-")', () => {
    const parsed = parseCommandLine(['log', '1', '1h', '-m=-dash', '-d=2026-03-09', '-a=k=v', '-m-x=y']);
    // The last -m wins, as with parseArgs: `-m-x=y` is -m with the attached value `-x=y`.
    expect(stringOption(parsed.options, 'description')).toBe('-x=y');
    expect(stringOption(parsed.options, 'date')).toBe('2026-03-09');
    expect(listOption(parsed.options, 'attribute')).toEqual(['k=v']);
    expect(stringOption(parseCommandLine(['log', '1', '1h', '-m=-dash']).options, 'description')).toBe('-dash');
    // An option's value and everything after `--` stay as typed.
    expect(() => parseCommandLine(['log', '1', '1h', '-m', '-d=x'])).toThrow(/^option -m needs a value/);
    expect(parseCommandLine(['log', '--', '1', '-m=x']).positionals).toEqual(['1', '-m=x']);
  });

  it('keeps a negative-looking argument as a positional in its place, for the command to judge', () => {
    expect(parseCommandLine(['log', '10103', '-1h']).positionals).toEqual(['10103', '-1h']);
    expect(parseCommandLine(['log', '-10103', '--date', 'today', '1h']).positionals).toEqual(['-10103', '1h']);
    expect(parseCommandLine(['log', '1', '1h', '--description=-1']).options.description).toBe('-1');
    expect(parseCommandLine(['log', '-m=-1h', '1', '--', '-2'])).toMatchObject({
      positionals: ['1', '-2'],
      options: { description: '-1h' },
    });
  });

  it("joins an unquoted duration typed in parts (log's `1h 30m`)", () => {
    expect(parseCommandLine(['log', '10103', '1h', '30m']).positionals).toEqual(['10103', '1h 30m']);
    expect(parseCommandLine(['log', '10103', '1h', '30m', '15s', '-m', 'x']).positionals).toEqual([
      '10103',
      '1h 30m 15s',
    ]);
    expect(parseCommandLine(['log', '10103', '-1h', '30m']).positionals).toEqual(['10103', '-1h 30m']);
  });

  it('allows help for a command without its arguments', () => {
    expect(parseCommandLine(['log', '--help'])).toMatchObject({ command: 'log', positionals: [] });
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"; run `timesheet help` for the list'],
    [['week', '--nope'], 'unknown option --nope; run `timesheet help`'],
    [['week', '-x'], 'unknown option -x; run `timesheet help`'],
    [['week', '--date'], 'option --date needs a value'],
    [['week', '-d'], 'option --date needs a value'],
    [['week', '--date', '--json'], 'option --date needs a value (for a value starting with "-", write --date=VALUE)'],
    [['week', '--json=yes'], 'option --json takes no value'],
    [['week', '--from', '2026-01-01'], '`timesheet week` has no option --from; run `timesheet help week`'],
    [['log', '10042'], 'missing arguments: timesheet log <issue> <duration>'],
    [['log', '1', '1h', 'extra'], 'unexpected argument "extra" for `timesheet log`'],
    [['log', '1', '1h', '30'], 'unexpected argument "30" for `timesheet log`'],
    [['week', '-1'], 'unexpected argument "-1" for `timesheet week`'],
    [
      ['log', '1', '1h', '-m', '-dash'],
      'option -m needs a value (for a value starting with "-", write --description=VALUE or -m=VALUE)',
    ],
    [['week', '-d', '-1'], 'option -d needs a value (for a value starting with "-", write --date=VALUE or -d=VALUE)'],
    [['week', 'now'], 'unexpected argument "now" for `timesheet week`'],
    [['--date', '2026-01-01'], '--date needs a command; run `timesheet help`'],
  ])('refuses %j with one line', (argv, message) => {
    let error: unknown;
    try {
      parseCommandLine(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
