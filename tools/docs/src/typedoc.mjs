// TypeDoc for the published packages: each package is converted on its own (its entries, its tsconfig.build.json,
// its README as the package page) and validated, then the packages are merged into one site with one search, and
// the links between packages are validated there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Application, Comment, LogLevel, OptionDefaults, ReflectionKind } from 'typedoc';

/**
 * What is checked; every finding is a warning, and a warning fails the build (see build.mjs):
 * - notExported: a public type refers to a type its package does not export (a reader could not find or name it);
 * - rewrittenLink: a `{@link}` that only resolves to something else than it names;
 * - invalidLink (checked on the merged site, where a link to another package can resolve): a `{@link}` to nothing.
 * notDocumented is off: not every property needs prose; the api reports' reviewers judge TSDoc coverage.
 */
const PACKAGE_VALIDATION = { notExported: true, invalidLink: false, rewrittenLink: true, notDocumented: false };
const SITE_VALIDATION = { notExported: false, invalidLink: true, rewrittenLink: true, notDocumented: false };

/**
 * The generic helper types of the client's operation facade (operation-types.ts): type-level plumbing that maps
 * `operations` of @tempo-sdk/types onto `OperationParams`, `OperationResult`, … They are not part of the API (not
 * exported, free to change), the types using them say in prose what they resolve to, and TypeDoc's `@inline` does
 * not expand a generic alias applied to type parameters; so they are named here rather than exported.
 */
const FACADE_HELPERS = [
  'Flatten',
  'Section',
  'ParameterSection',
  'RequestBodyOf',
  'ResponsesOf',
  'SuccessStatus',
  'JsonOf',
  'ParamsOptional',
  'Index',
  'OptionalIfAllOptional',
].map((name) => `@tempo-sdk/client/src/operation-types.ts:${name}`);

/** Options that hold for every package and for the merged site. */
const COMMON = {
  logLevel: LogLevel.Warn,
  // The packages are type-checked by their own `typecheck` and `build` tasks; a second check here only costs time.
  skipErrorChecking: true,
  excludePrivate: true,
  excludeInternal: true,
  // openapi-typescript writes each schema's and parameter's description as a JSDoc `@description` block.
  blockTags: /** @type {`@${string}`[]} */ ([...OptionDefaults.blockTags, '@description']),
};

/**
 * openapi-typescript's types of a whole OpenAPI document (`paths`, `operations`, `components`; Jira's under their
 * `Jira…` names) are the spec itself, as hundreds of nested members: rendered by TypeDoc they are 35 MB of pages
 * that take most of the build, and say less than the Redoc page of the same document. They are documented as one
 * entry each (which to use them for) with their members left out; the schema aliases (`Worklog`, …) stay.
 * @param {import('typedoc').ProjectReflection} project
 * @param {(file: string) => string | undefined} specPageOf the Redoc page (relative to the site) of a generated file
 */
function outlineDocumentTypes(project, specPageOf) {
  const interfaces = /** @type {import('typedoc').DeclarationReflection[]} */ (
    project.getReflectionsByKind(ReflectionKind.Interface)
  );
  for (const reflection of interfaces) {
    const file = reflection.sources?.[0]?.fullFileName;
    const page = file && specPageOf(file);
    if (!page || !['paths', 'operations', 'components'].includes(reflection.escapedName ?? '')) continue;
    for (const child of [...(reflection.children ?? [])]) project.removeReflection(child);
    reflection.comment = new Comment([
      {
        kind: 'text',
        // TypeDoc puts an interface's page at <site>/api/interfaces/<name>.html.
        text:
          `The whole OpenAPI document as types (openapi-typescript's \`${reflection.escapedName}\`), for ` +
          `openapi-fetch and openapi-msw. Its members are the document's ${reflection.escapedName} one for one: read ` +
          `them in the [rendered spec](../../${page}).`,
      },
    ]);
  }
}

/**
 * Names each entry's module as it is imported (`@tempo-sdk/client/transport`) rather than by its file
 * (`transport`): TypeDoc names a module by its path under displayBasePath (`src/`), without `/index` and extension.
 * A package with one entry is a module itself and keeps the package's name.
 * @param {import('typedoc').ProjectReflection} project
 * @param {import('./entries.mjs').PublishedPackage} pkg
 */
function nameModules(project, pkg) {
  const src = join(pkg.dir, 'src');
  const byFileName = new Map(
    pkg.entries.map((entry) => [
      relative(src, entry.source).replace(/(\/index)?\.ts$/, ''),
      entry.subpath === '.' ? pkg.name : `${pkg.name}${entry.subpath.slice(1)}`,
    ]),
  );
  for (const module of project.children ?? []) module.name = byFileName.get(module.name) ?? module.name;
}

/**
 * Converts and validates one package and writes its TypeDoc JSON model to `json`.
 * @param {import('./entries.mjs').PublishedPackage} pkg
 * @param {import('./entries.mjs').PublishedPackage[]} others the other published packages
 * @param {(file: string) => string | undefined} specPageOf see outlineDocumentTypes
 * @param {string} json
 * @returns {Promise<{ warnings: number, errors: number }>}
 */
async function convertPackage(pkg, others, specPageOf, json) {
  const app = await Application.bootstrapWithPlugins({
    ...COMMON,
    name: pkg.name,
    entryPoints: pkg.entries.map((entry) => entry.source),
    tsconfig: join(pkg.dir, 'tsconfig.build.json'),
    readme: join(pkg.dir, 'README.md'),
    displayBasePath: join(pkg.dir, 'src'),
    // The other packages of the workspace are external here (as node_modules are): what a package re-exports from
    // another is documented once, in the package that defines it.
    externalPattern: ['**/node_modules/**', ...others.map((other) => `${other.dir}/**`)],
    excludeExternals: true,
    validation: PACKAGE_VALIDATION,
    // TypeDoc warns about a listed name that is never referenced, so the list cannot outlive the helpers.
    intentionallyNotExported: pkg.name === '@tempo-sdk/client' ? FACADE_HELPERS : [],
  });
  const project = await app.convert();
  if (project) {
    nameModules(project, pkg);
    outlineDocumentTypes(project, specPageOf);
    app.validate(project);
    await app.generateJson(project, json);
  }
  return { warnings: app.logger.warningCount, errors: app.logger.errorCount + (project ? 0 : 1) };
}

/**
 * Builds the TypeDoc site of `packages` into `out`.
 * @param {object} options
 * @param {import('./entries.mjs').PublishedPackage[]} options.packages
 * @param {string} options.out the folder of the TypeDoc site
 * @param {string} options.name the site's title
 * @param {(file: string) => string | undefined} options.specPageOf the Redoc page (relative to the site root) that
 *   renders the document a generated `schema.ts` comes from, or undefined for any other file
 * @returns {Promise<{ warnings: number, errors: number }>} the totals over every package and the merged site
 */
export async function renderTypedoc({ packages, out, name, specPageOf }) {
  const temp = mkdtempSync(join(tmpdir(), 'tempo-typedoc-'));
  try {
    const totals = { warnings: 0, errors: 0 };
    const models = [];
    for (const pkg of packages) {
      const json = join(temp, `${pkg.name.replace(/\W+/g, '-')}.json`);
      const others = packages.filter((other) => other !== pkg);
      const result = await convertPackage(pkg, others, specPageOf, json);
      totals.warnings += result.warnings;
      totals.errors += result.errors;
      models.push(json);
    }
    if (totals.errors) return totals;
    const app = await Application.bootstrapWithPlugins({
      ...COMMON,
      name,
      entryPointStrategy: 'merge',
      entryPoints: models,
      readme: 'none',
      validation: SITE_VALIDATION,
    });
    const project = await app.convert();
    if (project) {
      app.validate(project);
      await app.generateDocs(project, out);
    }
    totals.warnings += app.logger.warningCount;
    totals.errors += app.logger.errorCount + (project ? 0 : 1);
    return totals;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
