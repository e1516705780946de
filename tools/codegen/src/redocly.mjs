// The redocly CLI, which lints and bundles the spec. Run as a child process: it is a CLI first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const redoclyBin = join(require.resolve('@redocly/cli/package.json'), '..', 'bin', 'cli.js');
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

/** Runs `redocly <args>` and returns its exit code and combined output. */
export function redocly(args, { cwd = process.cwd() } = {}) {
  const result = spawnSync(process.execPath, [redoclyBin, ...args], { cwd, env, encoding: 'utf8' });
  return { code: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/**
 * Resolves every external `$ref` of the document at `inputPath` and returns the single-file document.
 * @param {string} inputPath
 * @returns {Record<string, any>}
 */
export function bundleSpec(inputPath) {
  const dir = mkdtempSync(join(tmpdir(), 'tempo-bundle-'));
  try {
    const out = join(dir, 'bundle.json');
    const { code, output } = redocly(['bundle', inputPath, '--ext', 'json', '-o', out]);
    if (code !== 0) throw new Error(`redocly bundle failed for ${inputPath}:\n${output}`);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lints with the repository's redocly.yaml; returns the counts of errors and warnings. */
export function lintSpec({ cwd = process.cwd() } = {}) {
  const { output } = redocly(['lint', '--format', 'summary'], { cwd });
  const count = (kind) =>
    [...output.matchAll(new RegExp(`^${kind}\\s+\\S+: (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  // One API: "Your API description is valid"; several (Tempo and Jira): "Your API descriptions are valid".
  const valid = /Your API descriptions? (is|are) valid/.test(output);
  return { errors: count('error'), warnings: count('warning'), valid, output };
}
