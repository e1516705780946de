/**
 * `timesheet help [command]` and `--help`: generated from the command table in `lib/args.ts`, so help can
 * never drift from what the parser accepts.
 */
import { TEMPO_BASE_URLS } from '@tempo-sdk/types';
import {
  COMMAND_OPTIONS,
  COMMANDS,
  GLOBAL_OPTIONS,
  unknownCommand,
  type CommandName,
  type CommandSpec,
  type OptionSpec,
} from '../lib/args.js';

function optionLine(name: string, spec: OptionSpec): string {
  const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
  return `  ${flag.padEnd(28)} ${spec.description}`;
}

/** The overview: every command and the global options. */
export function generalHelp(): string[] {
  const names = Object.keys(COMMANDS) as CommandName[];
  return [
    'timesheet: log and review your Tempo time from the command line',
    '',
    'Usage: timesheet <command> [options]',
    '',
    'Commands:',
    ...names.map((name) => `  ${`${name} ${COMMANDS[name].args}`.padEnd(30)} ${COMMANDS[name].summary}`),
    '',
    'Options for every command:',
    ...Object.entries(GLOBAL_OPTIONS).map(([name, spec]) => optionLine(name, spec)),
    '',
    'Environment:',
    '  TEMPO_API_TOKEN               personal API token (Tempo > Settings > API integration)',
    '  TEMPO_ACCOUNT_ID              your Atlassian account id (Tempo v4 cannot tell it from a token)',
    `  TEMPO_REGION, TEMPO_BASE_URL  which Tempo to talk to (default ${TEMPO_BASE_URLS.global})`,
    '  TEMPO_CLIENT_ID, TEMPO_CLIENT_SECRET, TEMPO_JIRA_URL, TEMPO_REDIRECT_URI, TEMPO_OAUTH_URL',
    '                                OAuth app settings for `timesheet login`',
    '  TEMPO_TIMESHEET_HOME          config directory (default $XDG_CONFIG_HOME/tempo-timesheet)',
    '',
    'With no credentials the app runs in demo mode against a built-in mock Tempo.',
    'Run `timesheet help <command>` for details and examples.',
  ];
}

/** Help for one command. @throws {UsageError} for an unknown command. */
export function commandHelp(name: string): string[] {
  if (!Object.hasOwn(COMMANDS, name)) throw unknownCommand(name);
  const spec: CommandSpec = COMMANDS[name as CommandName];
  const options: string[] = spec.options;
  return [
    `Usage: timesheet ${name}${spec.args ? ` ${spec.args}` : ''}${options.length ? ' [options]' : ''}`,
    '',
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
    ...(options.length
      ? [
          '',
          'Options:',
          ...options.map((option) => optionLine(option, COMMAND_OPTIONS[option as keyof typeof COMMAND_OPTIONS])),
        ]
      : []),
    ...(spec.notes ? ['', ...spec.notes] : []),
    '',
    'Examples:',
    ...spec.examples.map((example) => `  ${example}`),
    '',
    'Global options (--debug, --demo, --region, --base-url, --account-id, --config-dir): see `timesheet help`.',
  ];
}
