// The two CLIs as a user runs them: arguments, output, exit codes, errors.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => join(here, 'fixtures', name);
const bin = (name) => join(here, '..', 'bin', name);

function run(name, args, options = {}) {
  const result = spawnSync(process.execPath, [bin(name), ...args], { encoding: 'utf8', ...options });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'spec-diff-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('spec-diff', () => {
  it('prints the differences grouped by kind with a summary, and exits 1 on a breaking change', () => {
    const { code, stdout, stderr } = run('spec-diff.mjs', [fixture('old.yaml'), fixture('new.json')]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('Operations added (1)\n  + GET /items/{id}  (getItem)');
    expect(stdout).toContain('Operations removed (1)\n  - DELETE /items/{id}  (deleteItem)  [breaking]');
    // One line for the shared Item schema, with the operations it reaches listed under it.
    expect(stdout).toContain(
      '  ~ Item.status: enum +[ARCHIVED]  [breaking]\n      POST /items response.status\n      GET /items response.results[].status',
    );
    expect(stdout).toContain('  + ItemInput.owner: string, optional\n      POST /items requestBody.owner');
    expect(stdout.trim().split('\n').at(-1)).toBe(
      'summary: 1 operation added, 1 removed, 2 changed; 2 breaking, 3 non-breaking changes',
    );
  });

  it('exits 0 when nothing breaks, and bundles multi-file documents', () => {
    const same = run('spec-diff.mjs', [fixture('new.json'), fixture('split/openapi.yaml')]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No structural difference.');
    const split = run('spec-diff.mjs', [fixture('old.yaml'), fixture('split/openapi.yaml'), '--json']);
    const json = run('spec-diff.mjs', [fixture('old.yaml'), fixture('new.json'), '--json']);
    expect(JSON.parse(split.stdout).entries).toEqual(JSON.parse(json.stdout).entries);
  });

  it('--json gives entries, operations reached and the summary', () => {
    const { code, stdout } = run('spec-diff.mjs', [fixture('old.yaml'), fixture('new.json'), '--json']);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.summary).toMatchObject({ added: 1, removed: 1, changed: 2, breaking: 2, nonBreaking: 3 });
    expect(result.entries.find((e) => e.schema === 'Item' && e.path === 'owner')).toMatchObject({
      kind: 'property.added',
      direction: 'response',
      breaking: false,
      operations: [
        { operation: 'POST /items', operationId: 'createItem', path: 'response.owner' },
        { operation: 'GET /items', operationId: 'getItems', path: 'response.results[].owner' },
      ],
    });
  });

  it.each([
    [['only-one.yaml'], /expected OLD and NEW, got 1 argument/],
    [['--bogus', 'a', 'b'], /Unknown option '--bogus'/],
    [['missing.yaml', fixture('new.json')], /^spec-diff: missing.yaml: no such file\n$/],
    [[fixture('broken.yaml'), fixture('new.json')], /broken.yaml: not valid YAML or JSON \(.*line 4.*\)\n$/],
    [[fixture('swagger2.json'), fixture('new.json')], /swagger2.json: not an OpenAPI 3 document \(swagger 2.0\)\n$/],
    [
      [fixture('new.json'), fixture('dangling.json')],
      /dangling.json: unresolved \$ref #\/components\/schemas\/Nowhere\n$/,
    ],
    [
      [fixture('new.json'), fixture('new.json'), '--deviations', fixture('old.yaml')],
      /old.yaml: expected a top-level "deviations" list\n$/,
    ],
  ])('exits 2 with a one-line reason for bad input: %j', (args, message) => {
    const { code, stdout, stderr } = run('spec-diff.mjs', args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('reads git:REV:path sources from a repository', () => {
    const repo = join(scratch, 'repo');
    const git = (...args) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    spawnSync('git', ['init', '-q', repo]);
    copyFileSync(fixture('old.yaml'), join(repo, 'api.yaml'));
    git('add', 'api.yaml');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'api');
    copyFileSync(fixture('new.json'), join(repo, 'api.yaml'));
    const { code, stdout } = run('spec-diff.mjs', ['git:HEAD:api.yaml', 'api.yaml'], { cwd: repo });
    expect(code).toBe(1);
    expect(stdout).toContain('spec-diff: git:HEAD:api.yaml (3 operations) -> api.yaml (3 operations)');
    expect(stdout).toContain('1 operation added, 1 removed');
    expect(run('spec-diff.mjs', ['git:nope:api.yaml', 'api.yaml'], { cwd: repo }).stderr).toMatch(
      /^spec-diff: git:nope:api.yaml: fatal: /,
    );
  });
});

describe('spec-changeset', () => {
  it('--dry-run prints a changeset bumping @tempo-sdk/types and its published dependants', () => {
    const { code, stdout } = run('spec-changeset.mjs', [fixture('old.yaml'), fixture('new.json'), '--dry-run']);
    expect(code).toBe(0);
    const [, front, body] = stdout.split(/^---$/m);
    const bumps = Object.fromEntries(
      front
        .trim()
        .split('\n')
        .map((line) => line.split(': ')),
    );
    // A breaking change: major from 1.0 on, minor before (the workspace's real version decides).
    const { version } = JSON.parse(
      readFileSync(join(here, '..', '..', '..', 'packages', 'types', 'package.json'), 'utf8'),
    );
    const breakingBump = version.startsWith('0.') ? 'minor' : 'major';
    expect(bumps['"@tempo-sdk/types"']).toBe(breakingBump);
    // Every bumped package is public and depends on @tempo-sdk/types (checked against the workspace's manifests).
    for (const name of Object.keys(bumps)
      .map((n) => JSON.parse(n))
      .filter((n) => n !== '@tempo-sdk/types')) {
      const dir = name.replace('@tempo-sdk/', '');
      const pkg = JSON.parse(readFileSync(join(here, '..', '..', '..', 'packages', dir, 'package.json'), 'utf8'));
      expect(pkg.private).not.toBe(true);
      expect({ ...pkg.dependencies, ...pkg.peerDependencies }).toHaveProperty('@tempo-sdk/types');
    }
    expect(Object.keys(bumps)).toEqual(expect.arrayContaining(['"@tempo-sdk/client"', '"@tempo-sdk/msw"']));
    expect(Object.values(bumps).every((bump) => bump === breakingBump)).toBe(true);
    expect(body).toContain(
      'Tempo API spec update: 1 operation added, 1 removed, 2 changed; 2 breaking, 3 non-breaking changes.',
    );
    expect(body).toContain('Breaking changes:\n\n- removed: DELETE /items/{id}  (deleteItem)');
    expect(body).toContain('New operations:\n\n- `GET /items/{id}` (`getItem`)');
  });

  it('writes .changeset/<slug>.md into --dir, and writes nothing when nothing changed', () => {
    const dir = join(scratch, 'changesets');
    const written = run('spec-changeset.mjs', [fixture('old.yaml'), fixture('new.json'), '--dir', dir]);
    expect(written.code).toBe(0);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^tempo-spec-[0-9a-f]{8}\.md$/);
    expect(written.stdout).toMatch(new RegExp(`${files[0]} \\((major|minor)\\)`));
    expect(readFileSync(join(dir, files[0]), 'utf8')).toBe(
      run('spec-changeset.mjs', [fixture('old.yaml'), fixture('new.json'), '--dry-run']).stdout,
    );

    const none = run('spec-changeset.mjs', [fixture('new.json'), fixture('split/openapi.yaml'), '--dir', dir]);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/no change to the v4 API .*: no changeset written/);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('bumps minor when nothing breaks', () => {
    const minorNew = join(scratch, 'minor.json');
    const doc = JSON.parse(readFileSync(fixture('new.json'), 'utf8'));
    doc.components.schemas.Item.properties.createdAt = { type: 'string', format: 'date-time' };
    writeFileSync(minorNew, JSON.stringify(doc));
    const { stdout } = run('spec-changeset.mjs', [fixture('new.json'), minorNew, '--dry-run']);
    expect(stdout).toMatch(/^---\n"@tempo-sdk\/types": minor\n/);
    expect(stdout).toContain('- added: Item.createdAt: string(date-time), optional (3 operations)');
    expect(stdout).not.toContain('Breaking changes');
  });

  it('without arguments compares the committed bundle with the working tree, in any workspace', () => {
    const repo = join(scratch, 'workspace');
    const write = (file, text) => {
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      writeFileSync(join(repo, file), text);
    };
    write('pnpm-workspace.yaml', 'packages:\n  - packages/*\n');
    write('packages/types/package.json', JSON.stringify({ name: '@tempo-sdk/types', version: '1.4.0' }));
    write(
      'packages/client/package.json',
      JSON.stringify({ name: '@tempo-sdk/client', dependencies: { '@tempo-sdk/types': 'workspace:*' } }),
    );
    write(
      'packages/mock/package.json',
      JSON.stringify({ name: '@tempo-sdk/mock', peerDependencies: { '@tempo-sdk/types': 'workspace:*' } }),
    );
    write(
      'packages/docs/package.json',
      JSON.stringify({ name: '@tempo-sdk/docs', devDependencies: { '@tempo-sdk/types': 'workspace:*' } }),
    );
    write(
      'packages/app/package.json',
      JSON.stringify({ name: 'app', private: true, dependencies: { '@tempo-sdk/types': 'workspace:*' } }),
    );
    write('packages/types/openapi.json', readFileSync(fixture('new.json'), 'utf8'));
    const git = (...args) =>
      spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: repo,
        encoding: 'utf8',
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'workspace');
    expect(run('spec-changeset.mjs', ['--dry-run'], { cwd: join(repo, 'packages') }).stdout).toMatch(
      /^no change to the v4 API between git:HEAD and .*: no changeset written/,
    );

    const doc = JSON.parse(readFileSync(fixture('new.json'), 'utf8'));
    delete doc.components.schemas.Item.properties.owner;
    write('packages/types/openapi.json', JSON.stringify(doc));
    const { code, stdout } = run('spec-changeset.mjs', [], { cwd: join(repo, 'packages') });
    expect(code).toBe(0);
    const [file] = readdirSync(join(repo, '.changeset'));
    expect(stdout).toContain(`${file} (major)`);
    expect(readFileSync(join(repo, '.changeset', file), 'utf8')).toMatch(
      /^---\n"@tempo-sdk\/types": major\n"@tempo-sdk\/client": major\n"@tempo-sdk\/mock": major\n---\n\nTempo API spec update: 0 operations added, 0 removed, 3 changed; 1 breaking, 0 non-breaking changes.\n\nBreaking changes:\n\n- removed: Item.owner: string, was optional \(3 operations\)\n$/,
    );
  });

  it('bumps the minor for a breaking change before 1.0, the major from 1.0 on', () => {
    const repo = join(scratch, 'zero');
    const write = (file, text) => {
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      writeFileSync(join(repo, file), text);
    };
    write('pnpm-workspace.yaml', 'packages:\n  - packages/*\n');
    write(
      'packages/client/package.json',
      JSON.stringify({
        name: '@tempo-sdk/client',
        version: '0.3.1',
        dependencies: { '@tempo-sdk/types': 'workspace:^' },
      }),
    );
    for (const [version, bump] of [
      ['0.3.1', 'minor'],
      ['0.0.4', 'minor'],
      ['1.0.0', 'major'],
      ['2.7.3', 'major'],
    ]) {
      write('packages/types/package.json', JSON.stringify({ name: '@tempo-sdk/types', version }));
      const { code, stdout } = run('spec-changeset.mjs', [fixture('old.yaml'), fixture('new.json'), '--dry-run'], {
        cwd: repo,
      });
      expect(code).toBe(0);
      expect(stdout.startsWith(`---\n"@tempo-sdk/types": ${bump}\n"@tempo-sdk/client": ${bump}\n---\n`)).toBe(true);
    }
  });

  it('refuses a single argument', () => {
    const { code, stderr } = run('spec-changeset.mjs', ['x.yaml']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/expected OLD and NEW, or nothing/);
  });
});
