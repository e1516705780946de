/**
 * The command line: which commands exist, which options each takes, and parsing with `node:util` `parseArgs`.
 *
 * All options of all commands are parsed in one strict pass (so `--region eu week` and `week --region eu` both
 * work), then checked against the chosen command. Errors are {@link UsageError}s with one short line.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TEMPO_PAGE_LIMIT_MAX } from '@tempo-sdk/types';
import { UsageError } from './errors.js';
import type { GlobalOptions } from './config.js';
import { closestMatch } from './suggest.js';

/** One option's parser settings and help text. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in help (`DATE`, `FILE`…); string options only. */
  value?: string;
  description: string;
}

/** A command's usage and help. */
export interface CommandSpec {
  /** Positional arguments, e.g. `<issue-id> <duration>`. */
  args: string;
  /** Required positional count and maximum. */
  positionals: [min: number, max: number];
  /**
   * Index (after the command name) of a duration argument that may arrive in pieces: `log 1 1h 30m` unquoted
   * is the README's `1h 30m`, so the following unit parts (`30m`, `15s`) are joined back into it.
   */
  durationAt?: number;
  summary: string;
  /** Lines of help between the options and the examples (input rules worth knowing). */
  notes?: string[];
  /** Options specific to this command (keys of {@link COMMAND_OPTIONS}). */
  options: string[];
  examples: string[];
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h', description: 'show help' },
  version: { type: 'boolean', short: 'v', description: 'print the version' },
  debug: { type: 'boolean', description: 'print stack traces and the HTTP requests made' },
  demo: { type: 'boolean', description: 'use the built-in mock Tempo even when credentials exist' },
  'config-dir': { type: 'string', value: 'DIR', description: 'where tokens are kept (env TEMPO_TIMESHEET_HOME)' },
  region: { type: 'string', value: 'REGION', description: 'Tempo region: global, eu or us (env TEMPO_REGION)' },
  'base-url': {
    type: 'string',
    value: 'URL',
    description: 'Tempo API base URL, overrides --region (env TEMPO_BASE_URL)',
  },
  'account-id': { type: 'string', value: 'ID', description: 'your Atlassian account id (env TEMPO_ACCOUNT_ID)' },
} as const satisfies Record<string, OptionSpec>;

/** Options some commands accept. */
export const COMMAND_OPTIONS = {
  date: {
    type: 'string',
    short: 'd',
    value: 'DATE',
    description: 'YYYY-MM-DD, `today` or `yesterday` (default: today)',
  },
  start: { type: 'string', short: 's', value: 'HH:mm', description: 'start time, 24-hour (sent as HH:mm:ss)' },
  description: { type: 'string', short: 'm', value: 'TEXT', description: 'what you worked on' },
  attribute: {
    type: 'string',
    short: 'a',
    multiple: true,
    value: 'KEY=VALUE',
    description: 'work attribute, repeatable',
  },
  json: { type: 'boolean', description: 'print the result as JSON instead of text' },
  comment: { type: 'string', value: 'TEXT', description: 'comment for the reviewer' },
  reviewer: { type: 'string', value: 'ID', description: 'reviewer account id (default: Tempo picks)' },
  from: { type: 'string', value: 'DATE', description: 'first day, YYYY-MM-DD (required)' },
  to: { type: 'string', value: 'DATE', description: 'last day, YYYY-MM-DD (required)' },
  format: {
    type: 'string',
    short: 'f',
    value: 'FORMAT',
    description: 'csv (default), json (one array) or ndjson (one per line)',
  },
  out: {
    type: 'string',
    short: 'o',
    value: 'FILE',
    description: 'write to FILE instead of stdout (replaces an existing FILE)',
  },
  all: { type: 'boolean', description: 'every worklog your token can see, not just yours' },
  'page-size': {
    type: 'string',
    value: 'N',
    description: `worklogs per request, 1 to ${TEMPO_PAGE_LIMIT_MAX} (default 1000)`,
  },
  'no-browser': { type: 'boolean', description: 'do not try to open a browser; just print the URL' },
  'ids-only': { type: 'boolean', description: 'leave out issueKey and authorDisplayName (no Jira requests)' },
  'jira-site': {
    type: 'string',
    value: 'SITE',
    description: 'save Jira credentials instead: your site (acme or acme.atlassian.net)',
  },
  'jira-email': {
    type: 'string',
    value: 'EMAIL',
    description: 'with --jira-site: your Atlassian email (API token from JIRA_API_TOKEN or stdin)',
  },
} as const satisfies Record<string, OptionSpec>;

/** Every command, in the order help lists them. */
export const COMMANDS = {
  log: {
    args: '<issue> <duration>',
    positionals: [2, 2],
    durationAt: 1,
    summary: 'log time on a Jira issue',
    notes: [
      'Durations: 1h30m, 1h 30m, 90m, 1.5h, 45m, 1:30. Logged in whole minutes (0.333h is 20m);',
      'at least 1m, at most 24h; minutes after hours must be under 60 (1h90m is refused).',
      'Issue: a key such as SUP-1 (needs Jira credentials; demo mode has them) or the numeric issue id.',
    ],
    options: ['date', 'start', 'description', 'attribute', 'json'],
    // Ids and values of the demo data (issue 10103 is SUP-3, booked on account ACME-SUPPORT), so that the
    // examples work as printed in demo mode; test/commands/examples.test.ts runs them.
    examples: [
      'timesheet log SUP-1 30m -m "Triage"',
      'timesheet log 10103 1h30m -m "Code review"',
      'timesheet log 10103 45m --date yesterday --start 09:30 -a _Account_=ACME-SUPPORT',
      'timesheet log 10103 1h 30m -m=-nothing-else',
    ],
  },
  week: {
    args: '',
    positionals: [0, 0],
    summary: 'hours per day and issue for a week, against your required hours',
    options: ['date', 'json'],
    examples: ['timesheet week', 'timesheet week --date 2026-03-02'],
  },
  submit: {
    args: '',
    positionals: [0, 0],
    summary: "submit the period's timesheet for approval",
    options: ['date', 'comment', 'reviewer', 'json'],
    examples: ['timesheet submit --comment "All in"'],
  },
  export: {
    args: '',
    positionals: [0, 0],
    summary: 'export worklogs in a date range as CSV, JSON or NDJSON',
    options: ['from', 'to', 'format', 'json', 'out', 'all', 'page-size', 'ids-only'],
    examples: [
      'timesheet export --from 2026-01-01 --to 2026-03-31 > q1.csv',
      'timesheet export --from 2026-03-01 --to 2026-03-31 --format json --out march.json',
    ],
  },
  login: {
    args: '',
    positionals: [0, 0],
    summary: 'sign in to Tempo with OAuth (browser) and keep the tokens',
    options: ['no-browser', 'jira-site', 'jira-email'],
    examples: [
      'TEMPO_CLIENT_ID=… TEMPO_CLIENT_SECRET=… timesheet login --account-id 5b10ac8d82e05b22cc7d4ef5',
      'JIRA_API_TOKEN=… timesheet login --jira-site acme --jira-email me@acme.com',
    ],
  },
  logout: {
    args: '',
    positionals: [0, 0],
    summary: 'revoke the saved tokens and delete them',
    options: [],
    examples: ['timesheet logout'],
  },
  help: {
    args: '[command]',
    positionals: [0, 1],
    summary: 'show help for all commands or one',
    options: [],
    examples: ['timesheet help log'],
  },
} as const satisfies Record<string, CommandSpec>;

/** A command name. */
export type CommandName = keyof typeof COMMANDS;

/** Parsed option values (strings, booleans, or string lists for repeatable options). */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** The result of {@link parseCommandLine}. */
export interface ParsedCommandLine {
  /** `undefined` when only `--help`/`--version` (or nothing) was given. */
  command: CommandName | undefined;
  positionals: string[];
  /** Command options by long name. */
  options: OptionValues;
  global: GlobalOptions & { help: boolean; version: boolean; debug: boolean };
}

const ALL_OPTIONS: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS };
/** Long name of each short flag (`m` → `description`). */
const LONG_OF_SHORT = new Map(
  Object.entries(ALL_OPTIONS).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])),
);

/** Looks like a negative number or duration (`-1h`, `-0.5h`, `-1:30`), never like an option of this app. */
const NEGATIVE = /^-\.?\d/;
/** One piece of a duration typed with spaces: `30m`, `15s`, `1h`, `0.5h`. */
const DURATION_PART = /^(\d+(\.\d+)?|\.\d+)(h|m|min|s)$/i;

/**
 * Prepares `argv` for `parseArgs`, which by itself
 * - reads `-m=-dash` as the value `=-dash` (only long options take `=`): rewritten to `--description=-dash`;
 * - reads `-1h` as an unknown option `-1`: such negative-looking arguments are taken out as positionals (with
 *   their place) so that the command can say `bad duration "-1h"`.
 * Values of options (`--comment -1`) and everything after `--` are left alone.
 */
function prepareArgs(argv: readonly string[]): {
  args: string[];
  origin: number[];
  negatives: { at: number; value: string }[];
} {
  const args: string[] = [];
  const origin: number[] = [];
  const negatives: { at: number; value: string }[] = [];
  let expectValue = false;
  let rest = false;
  for (const [at, arg] of argv.entries()) {
    const keep = (value: string): void => {
      args.push(value);
      origin.push(at);
    };
    if (rest || expectValue) {
      expectValue = false;
      keep(arg);
      continue;
    }
    if (arg === '--') {
      rest = true;
      keep(arg);
      continue;
    }
    const short = /^-([a-zA-Z])(=?)(.*)$/s.exec(arg);
    const long = short ? LONG_OF_SHORT.get(short[1]!) : undefined;
    if (short && long && ALL_OPTIONS[long]!.type === 'string') {
      if (short[2] === '=') {
        keep(`--${long}=${short[3]}`);
        continue;
      }
      expectValue = short[3] === '';
      keep(arg);
      continue;
    }
    if (arg.startsWith('--') && !arg.includes('=')) {
      expectValue = ALL_OPTIONS[arg.slice(2)]?.type === 'string';
      keep(arg);
      continue;
    }
    if (NEGATIVE.test(arg)) {
      negatives.push({ at, value: arg });
      continue;
    }
    keep(arg);
  }
  return { args, origin, negatives };
}

/** Parses `argv` (without `node` and the script). @throws {UsageError} */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const prepared = prepareArgs(argv);
  const config = {
    args: prepared.args,
    options: { ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS },
    allowPositionals: true,
    strict: true,
    tokens: true,
  } satisfies ParseArgsConfig;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw toUsageError(error, argv);
  }
  const values = parsed.values as OptionValues;
  // Positionals in the order typed, the negative-looking ones back in their places.
  const placed = [
    ...parsed.tokens.flatMap((token) =>
      token.kind === 'positional' ? [{ at: prepared.origin[token.index]!, value: token.value }] : [],
    ),
    ...prepared.negatives,
  ].sort((a, b) => a.at - b.at);
  const [name, ...positionals] = placed.map((p) => p.value);
  const global = {
    help: values.help === true,
    version: values.version === true,
    debug: values.debug === true,
    demo: values.demo === true,
    configDir: values['config-dir'] as string | undefined,
    region: values.region as string | undefined,
    baseUrl: values['base-url'] as string | undefined,
    accountId: values['account-id'] as string | undefined,
  };
  const options: OptionValues = {};
  for (const key of Object.keys(COMMAND_OPTIONS)) if (values[key] !== undefined) options[key] = values[key];

  if (name === undefined) {
    const stray = Object.keys(options)[0];
    if (stray) throw new UsageError(`--${stray} needs a command; run \`timesheet help\``);
    return { command: undefined, positionals: [], options, global };
  }
  if (!Object.hasOwn(COMMANDS, name)) throw unknownCommand(name);
  const command = name as CommandName;
  const spec: CommandSpec = COMMANDS[command];
  for (const key of Object.keys(options)) {
    if (!spec.options.includes(key)) {
      throw new UsageError(`\`timesheet ${command}\` has no option --${key}; run \`timesheet help ${command}\``);
    }
  }
  if (spec.durationAt !== undefined && positionals.length > spec.durationAt + 1) {
    const pieces = positionals.slice(spec.durationAt);
    if (pieces.slice(1).every((piece) => DURATION_PART.test(piece)))
      positionals.splice(spec.durationAt, pieces.length, pieces.join(' '));
  }
  if (!global.help) {
    const [min, max] = spec.positionals;
    if (positionals.length < min) {
      throw new UsageError(`missing arguments: timesheet ${command} ${spec.args}`);
    }
    if (positionals.length > max) {
      throw new UsageError(`unexpected argument "${positionals[max]}" for \`timesheet ${command}\``);
    }
  }
  return { command, positionals, options, global };
}

/** `unknown command "wek"; did you mean "week"? …` — also for `timesheet help wek`. */
export function unknownCommand(name: string): UsageError {
  const guess = closestMatch(name, Object.keys(COMMANDS));
  if (guess) return new UsageError(`unknown command "${name}"; did you mean "${guess}"?`);
  return new UsageError(`unknown command "${name}"; run \`timesheet help\` for the list`);
}

/**
 * `unknown option --form; did you mean --from?`: the options of the command on the line (and the global ones)
 * are the likeliest meant, so they are tried first; then every option.
 */
function unknownOption(option: string, argv: readonly string[]): UsageError {
  const command = argv.find((arg): arg is CommandName => Object.hasOwn(COMMANDS, arg));
  const own: string[] = command ? [...COMMANDS[command].options, ...Object.keys(GLOBAL_OPTIONS)] : [];
  const typed = option.replace(/^--?/, '').split('=')[0]!;
  const guess = option.startsWith('--')
    ? (closestMatch(typed, own) ?? closestMatch(typed, Object.keys(ALL_OPTIONS)))
    : undefined;
  if (guess) return new UsageError(`unknown option ${option}; did you mean --${guess}?`);
  return new UsageError(`unknown option ${option}; run \`timesheet help\``);
}

function toUsageError(error: unknown, argv: readonly string[]): UsageError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages quote the option as '--date', '-d, --date <value>' or '-x'.
  const option = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1] ?? 'option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return unknownOption(option, argv);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return new UsageError(`option ${option} takes no value`);
    if (/ambiguous/.test(message)) {
      // Name the long form too: it is the spelling every parser accepts (`-m=VALUE` works here as well).
      const long = option.startsWith('--') ? option : `--${LONG_OF_SHORT.get(option.slice(1)) ?? option.slice(1)}`;
      const forms = long === option ? `${long}=VALUE` : `${long}=VALUE or ${option}=VALUE`;
      return new UsageError(`option ${option} needs a value (for a value starting with "-", write ${forms})`);
    }
    return new UsageError(`option ${option} needs a value`);
  }
  return new UsageError(message.split('\n')[0] ?? 'bad command line');
}

/** Reads a string option. */
export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a repeatable string option (always a list). */
export function listOption(options: OptionValues, name: string): string[] {
  const value = options[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}
