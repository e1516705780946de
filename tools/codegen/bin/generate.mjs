#!/usr/bin/env node
// Usage: generate [--spec spec/openapi.yaml] [--out packages/types]
// Regenerates everything derived from the spec. Paths are relative to the current directory.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from '../src/generate.mjs';

const { values } = parseArgs({
  options: {
    spec: { type: 'string', default: 'spec/openapi.yaml' },
    out: { type: 'string', default: 'packages/types' },
  },
});
const started = performance.now();
const result = await generate({ spec: resolve(values.spec), outDir: resolve(values.out) });
const ms = Math.round(performance.now() - started);
console.log(`generated ${result.operations} operations, ${result.schemas} schemas into ${values.out} in ${ms} ms`);
