/**
 * Every example in `timesheet help <command>` and in README.md's shell blocks runs as printed in demo mode (the
 * default with no credentials): a documented example that fails on the demo data (an issue id or account that
 * does not exist there) is a broken first impression. login/logout need an OAuth app and are left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/lib/args.js';
import { run, tempConfigDir } from '../helpers/run.js';

const RUNNABLE = new Set(['log', 'week', 'submit', 'export', 'help']);

/** Splits a shell command line into words (double and single quotes; no expansions needed here). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** `timesheet …` invocations in a line: comments dropped, `a && b` split, pipes and redirections cut off. */
function invocations(line: string): string[] {
  return line
    .replace(/(^|\s)#.*$/, '')
    .split('&&')
    .map((part) => part.split(/\s[|>]\s?/)[0]!.trim())
    .filter((part) => part.startsWith('timesheet ') && RUNNABLE.has(part.split(/\s+/)[1]!));
}

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const readmeExamples = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
  block[1]!.split('\n').flatMap(invocations),
);
const helpExamples = Object.values(COMMANDS).flatMap((spec) => spec.examples.flatMap(invocations));

describe('documented examples run in demo mode', () => {
  it('finds the examples (the extraction itself works)', () => {
    expect(helpExamples).toContain('timesheet log 10103 1h30m -m "Code review"');
    expect(readmeExamples.filter((e) => e.startsWith('timesheet log ')).length).toBeGreaterThanOrEqual(2);
    expect(readmeExamples.filter((e) => e.startsWith('timesheet export ')).length).toBeGreaterThanOrEqual(3);
  });

  it.each([...new Set([...helpExamples, ...readmeExamples])])('%s', async (example) => {
    const dir = tempConfigDir();
    const argv = words(example).slice(1);
    // Files an example writes go to a temp folder, not the working directory.
    const out = argv.indexOf('--out');
    if (out >= 0) argv[out + 1] = join(dir, argv[out + 1]!);
    const result = await run(argv);
    // Warnings (submit of a short week) are fine; errors are not.
    expect(
      result.stderr.split('\n').filter((l) => l.startsWith('timesheet:') && !l.startsWith('timesheet: warning:')),
    ).toEqual([]);
    expect(result.code).toBe(0);
  });
});
