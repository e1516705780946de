/**
 * The command line: which commands exist, which options each takes, and parsing with `node:util` `parseArgs`.
 *
 * All options of all commands are parsed in one strict pass (so `--region eu week` and `week --region eu` both
 * work), then checked against the chosen command. Errors are {@link UsageError}s with one short line.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import type { GlobalOptions } from './config.js';

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
  summary: string;
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
  'base-url': { type: 'string', value: 'URL', description: 'Tempo API base URL, overrides --region (env TEMPO_BASE_URL)' },
  'account-id': { type: 'string', value: 'ID', description: 'your Atlassian account id (env TEMPO_ACCOUNT_ID)' },
} as const satisfies Record<string, OptionSpec>;

/** Options some commands accept. */
export const COMMAND_OPTIONS = {
  date: { type: 'string', short: 'd', value: 'DATE', description: 'YYYY-MM-DD, `today` or `yesterday` (default: today)' },
  start: { type: 'string', short: 's', value: 'HH:mm', description: 'start time, 24-hour (sent as HH:mm:ss)' },
  description: { type: 'string', short: 'm', value: 'TEXT', description: 'what you worked on' },
  attribute: { type: 'string', short: 'a', multiple: true, value: 'KEY=VALUE', description: 'work attribute, repeatable' },
  json: { type: 'boolean', description: 'print the report as JSON instead of a table' },
  comment: { type: 'string', value: 'TEXT', description: 'comment for the reviewer' },
  reviewer: { type: 'string', value: 'ID', description: 'reviewer account id (default: Tempo picks)' },
  from: { type: 'string', value: 'DATE', description: 'first day, YYYY-MM-DD (required)' },
  to: { type: 'string', value: 'DATE', description: 'last day, YYYY-MM-DD (required)' },
  format: { type: 'string', short: 'f', value: 'FORMAT', description: 'csv (default), json (one array) or ndjson (one per line)' },
  out: { type: 'string', short: 'o', value: 'FILE', description: 'write to FILE instead of stdout' },
  all: { type: 'boolean', description: 'every worklog your token can see, not just yours' },
  'page-size': { type: 'string', value: 'N', description: 'worklogs per request, 1 to 5000 (default 1000)' },
  'no-browser': { type: 'boolean', description: 'do not try to open a browser; just print the URL' },
} as const satisfies Record<string, OptionSpec>;

/** Every command, in the order help lists them. */
export const COMMANDS = {
  log: {
    args: '<issue-id> <duration>',
    positionals: [2, 2],
    summary: 'log time on a Jira issue',
    options: ['date', 'start', 'description', 'attribute'],
    examples: [
      'timesheet log 10042 1h30m -m "Code review"',
      'timesheet log 10042 45m --date yesterday --start 09:30 -a _Account_=ACME',
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
    options: ['date', 'comment', 'reviewer'],
    examples: ['timesheet submit --comment "All in"'],
  },
  export: {
    args: '',
    positionals: [0, 0],
    summary: 'export worklogs in a date range as CSV, JSON or NDJSON',
    options: ['from', 'to', 'format', 'out', 'all', 'page-size'],
    examples: [
      'timesheet export --from 2026-01-01 --to 2026-03-31 > q1.csv',
      'timesheet export --from 2026-03-01 --to 2026-03-31 --format json --out march.json',
    ],
  },
  login: {
    args: '',
    positionals: [0, 0],
    summary: 'sign in to Tempo with OAuth (browser) and keep the tokens',
    options: ['no-browser'],
    examples: ['TEMPO_CLIENT_ID=… TEMPO_CLIENT_SECRET=… timesheet login --account-id 5b10ac8d82e05b22cc7d4ef5'],
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

/** Parses `argv` (without `node` and the script). @throws {UsageError} */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const config = {
    args: [...argv],
    options: { ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS },
    allowPositionals: true,
    strict: true,
  } satisfies ParseArgsConfig;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw toUsageError(error);
  }
  const values = parsed.values as OptionValues;
  const [name, ...positionals] = parsed.positionals;
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
  if (!Object.hasOwn(COMMANDS, name)) {
    throw new UsageError(`unknown command "${name}"; run \`timesheet help\` for the list`);
  }
  const command = name as CommandName;
  const spec: CommandSpec = COMMANDS[command];
  for (const key of Object.keys(options)) {
    if (!spec.options.includes(key)) {
      throw new UsageError(`\`timesheet ${command}\` has no option --${key}; run \`timesheet help ${command}\``);
    }
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

function toUsageError(error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages quote the option as '--date', '-d, --date <value>' or '-x'.
  const option = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1] ?? 'option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new UsageError(`unknown option ${option}; run \`timesheet help\``);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return new UsageError(`option ${option} takes no value`);
    if (/ambiguous/.test(message)) {
      return new UsageError(`option ${option} needs a value (for a value starting with "-", write ${option}=VALUE)`);
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
