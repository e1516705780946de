#!/usr/bin/env node
// Usage: spec-diff OLD NEW [--json] [--deviations FILE] [--show-explained]
// OLD and NEW: OpenAPI 3.0 files (YAML or JSON, single- or multi-file) or git:REV[:path].
// Exit code: 0 = no breaking change, 1 = breaking change(s), 2 = usage or input error.
import { parseArgs } from 'node:util';
import { diffSources, exitCodeOf, loadDeviations, renderJson, renderText, SpecInputError } from '../src/index.mjs';

const USAGE = `usage: spec-diff OLD NEW [--json] [--deviations FILE] [--show-explained]
  OLD, NEW          OpenAPI 3.0 documents (YAML/JSON file, multi-file specs too) or git:REV[:path]
                    (git:HEAD = the committed packages/types/openapi.json)
  --json            machine-readable output
  --deviations FILE entries explained by these deliberate deviations are left out (and do not fail)
  --show-explained  with --deviations: list explained entries too, marked with the deviation's id
exit code: 0 no breaking change, 1 breaking change(s), 2 usage or input error`;

function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        deviations: { type: 'string' },
        'show-explained': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return fail(`spec-diff: ${error.message}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 2) return fail(`spec-diff: expected OLD and NEW, got ${positionals.length} argument(s)`);
  try {
    const deviations = values.deviations ? loadDeviations(values.deviations) : undefined;
    const result = diffSources(positionals[0], positionals[1], { deviations, deviationsFile: values.deviations });
    process.stdout.write(values.json ? renderJson(result) : renderText(result, { showExplained: values['show-explained'] }));
    return exitCodeOf(result);
  } catch (error) {
    if (error instanceof SpecInputError) return fail(`spec-diff: ${error.message}`, false);
    throw error;
  }
}

function fail(message, usage = true) {
  console.error(usage ? `${message}\n${USAGE}` : message);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
