#!/usr/bin/env node
// Usage: spec-diff OLD NEW [--json] [--deviations FILE] [--show-explained]
// OLD and NEW: OpenAPI 3.0 files (YAML or JSON, single- or multi-file) or git:REV[:path].
// Exit code: 0 = no breaking change, 1 = breaking change(s), 2 = usage or input error.
import { CliUsageError, runCli } from '../src/cli.mjs';
import { diffSources, exitCodeOf, loadDeviations, renderJson, renderText } from '../src/index.mjs';

const USAGE = `usage: spec-diff OLD NEW [--json] [--deviations FILE] [--show-explained]
  OLD, NEW          OpenAPI 3.0 documents (YAML/JSON file, multi-file specs too) or git:REV[:path]
                    (git:HEAD = the committed packages/types/openapi.json)
  --json            machine-readable output
  --deviations FILE entries explained by these deliberate deviations are left out (and do not fail)
  --show-explained  with --deviations: list explained entries too, marked with the deviation's id
exit code: 0 no breaking change, 1 breaking change(s), 2 usage or input error`;

process.exitCode = runCli({
  name: 'spec-diff',
  usage: USAGE,
  argv: process.argv.slice(2),
  options: {
    json: { type: 'boolean', default: false },
    deviations: { type: 'string' },
    'show-explained': { type: 'boolean', default: false },
  },
  run({ values, positionals }) {
    if (positionals.length !== 2)
      throw new CliUsageError(`expected OLD and NEW, got ${positionals.length} argument(s)`);
    const deviations = values.deviations ? loadDeviations(values.deviations) : undefined;
    const result = diffSources(positionals[0], positionals[1], { deviations, deviationsFile: values.deviations });
    process.stdout.write(
      values.json ? renderJson(result) : renderText(result, { showExplained: values['show-explained'] }),
    );
    return exitCodeOf(result);
  },
});
