#!/usr/bin/env node
// Usage: generate                          every document of the repository (src/documents.mjs), from anywhere in it
//        generate --spec FILE --out DIR    one document; paths relative to the current directory
// Regenerates everything derived from the spec(s).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DOCUMENTS } from '../src/documents.mjs';
import { generate } from '../src/generate.mjs';

const { values } = parseArgs({
  options: {
    spec: { type: 'string' },
    out: { type: 'string', default: 'packages/types' },
  },
});

/** The repository root: the nearest folder upwards with pnpm-workspace.yaml. */
function workspaceRoot() {
  for (let dir = process.cwd(); dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
  return process.cwd();
}

const jobs = values.spec
  ? [{ name: values.spec, options: { spec: resolve(values.spec), outDir: resolve(values.out) }, out: values.out }]
  : DOCUMENTS.map((d) => {
      const root = workspaceRoot();
      return {
        name: d.name,
        options: { ...d, spec: join(root, d.spec), outDir: join(root, d.outDir) },
        out: join(d.outDir, d.generatedDir),
      };
    });
for (const job of jobs) {
  const started = performance.now();
  const result = await generate(job.options);
  const ms = Math.round(performance.now() - started);
  console.log(
    `generated ${job.name}: ${result.operations} operations, ${result.schemas} schemas into ${job.out} in ${ms} ms`,
  );
}
