#!/usr/bin/env node
// Usage: spec-changeset [OLD NEW] [--dry-run] [--dir DIR]
// Without OLD and NEW: the committed bundle (git:HEAD) against the working tree's packages/types/openapi.json,
// which is what changed after `pnpm spec:import` + `pnpm generate`.
// Exit code: 0 = written (or printed, or nothing to write), 2 = usage or input error.
import { join, resolve } from 'node:path';
import { changesetFor, findWorkspaceRoot, noChangeLine, writeChangeset } from '../src/changeset.mjs';
import { CliUsageError, runCli } from '../src/cli.mjs';
import { diffSources } from '../src/index.mjs';
import { DEFAULT_GIT_PATH } from '../src/load.mjs';

const USAGE = `usage: spec-changeset [OLD NEW] [--dry-run] [--dir DIR]
  OLD, NEW   OpenAPI documents or git:REV[:path]; default: git:HEAD and the working tree's ${DEFAULT_GIT_PATH}
  --dry-run  print the changeset instead of writing it
  --dir DIR  where to write it (default: .changeset at the workspace root)`;

process.exitCode = runCli({
  name: 'spec-changeset',
  usage: USAGE,
  argv: process.argv.slice(2),
  options: {
    'dry-run': { type: 'boolean', default: false },
    dir: { type: 'string' },
  },
  run({ values, positionals }) {
    if (positionals.length !== 0 && positionals.length !== 2) {
      throw new CliUsageError(`expected OLD and NEW, or nothing; got ${positionals.length} argument(s)`);
    }
    const root = findWorkspaceRoot();
    const [oldSource, newSource] = positionals.length ? positionals : ['git:HEAD', join(root, DEFAULT_GIT_PATH)];
    const result = diffSources(oldSource, newSource);
    if (values['dry-run']) {
      const changeset = changesetFor(result, root);
      if (changeset) process.stdout.write(changeset.text);
      else console.log(noChangeLine(result));
      return 0;
    }
    console.log(writeChangeset(result, { root, dir: values.dir ? resolve(values.dir) : undefined }));
    return 0;
  },
});
