// The part both bins share: argument parsing, --help, and turning bad input into exit code 2 with one line on
// stderr (usage is appended only when the arguments themselves were wrong).
import { parseArgs } from 'node:util';
import { SpecInputError } from './load.mjs';

/** A usage or input problem the bin reports with exit code 2. */
export class CliUsageError extends Error {}

/**
 * Runs a bin's `run({ values, positionals })` and returns its exit code. Unknown flags, `CliUsageError` and
 * `SpecInputError` become exit code 2 with a message prefixed by the bin's name; other errors propagate (bugs).
 */
export function runCli({ name, usage, options, argv, run }) {
  const fail = (message, withUsage) => {
    console.error(withUsage ? `${name}: ${message}\n${usage}` : `${name}: ${message}`);
    return 2;
  };
  /** @type {{ values: Record<string, any>, positionals: string[] }} */
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    return fail(error.message, true);
  }
  if (parsed.values.help) {
    console.log(usage);
    return 0;
  }
  try {
    return run(parsed);
  } catch (error) {
    if (error instanceof CliUsageError) return fail(error.message, true);
    if (error instanceof SpecInputError) return fail(error.message, false);
    throw error;
  }
}
