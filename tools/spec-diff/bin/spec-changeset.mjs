#!/usr/bin/env node
// Usage: spec-changeset [OLD NEW] [--dry-run] [--dir DIR]
// Without OLD and NEW: the committed bundle (git:HEAD) against the working tree's packages/types/openapi.json,
// which is what changed after `pnpm spec:import` + `pnpm generate`.
// Exit code: 0 = written (or printed, or nothing to write), 2 = usage or input error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  findWorkspaceRoot,
  packagesToRelease,
  renderChangeset,
  TYPES_PACKAGE,
  workspacePackages,
} from '../src/changeset.mjs';
import { CliUsageError, runCli } from '../src/cli.mjs';
import { diffSources, summaryLine } from '../src/index.mjs';
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
    const packages = workspacePackages(root);
    const version = packages.find((pkg) => pkg.name === TYPES_PACKAGE)?.version ?? '0.0.0';
    const changeset = renderChangeset(result, { packages: packagesToRelease(TYPES_PACKAGE, packages), version });
    if (!changeset) {
      console.log(
        `no change to the v4 API between ${result.old.label} and ${relative(process.cwd(), result.new.label) || result.new.label}: no changeset written`,
      );
      return 0;
    }
    if (values['dry-run']) {
      process.stdout.write(changeset.text);
      return 0;
    }
    const dir = resolve(values.dir ?? join(root, '.changeset'));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${changeset.slug}.md`);
    writeFileSync(file, changeset.text);
    console.log(`wrote ${relative(process.cwd(), file)} (${changeset.bump})\n${summaryLine(result)}`);
    return 0;
  },
});
