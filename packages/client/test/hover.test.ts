/**
 * What an editor shows on hover over `tempo.<group>.<operationId>`: the operation's summary, description, method and
 * path from the spec (generated into `OperationDocs` of @tempo-sdk/types and carried by the facade's mapped types);
 * and over `tempo.<group>`: its tag's description (`OperationGroupDocs`).
 * A TypeScript language service, as editors use, asks for quick info on every facade method of a consumer's file
 * compiled against the BUILT package (dist/, what a consumer installs); the expected words are read from the bundled
 * spec, so the test fails when a doc comment is lost on the way or says something the spec does not.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface SpecOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
}

interface SpecDocument {
  paths: Record<string, Record<string, SpecOperation>>;
  tags?: { name: string; description?: string }[];
}
const specDocument = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@tempo-sdk/types/openapi.json'), 'utf8'),
) as SpecDocument;

/** Every operation of the bundled spec by operationId, with its method and path. */
function specOperations(spec: SpecDocument): Map<string, SpecOperation & { method: string; path: string }> {
  const operations = new Map<string, SpecOperation & { method: string; path: string }>();
  for (const [path, item] of Object.entries(spec.paths))
    for (const method of METHODS) {
      const op = item[method];
      if (op?.operationId) operations.set(op.operationId, { ...op, method, path });
    }
  return operations;
}

/** A language service over one in-memory file in this package, resolving `@tempo-sdk/client` to its dist/. */
function languageService(fileName: string, text: string): ts.LanguageService {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    strict: true,
    types: [],
    noEmit: true,
  };
  const read = (file: string) => (file === fileName ? text : ts.sys.readFile(file));
  return ts.createLanguageService({
    getCompilationSettings: () => options,
    getScriptFileNames: () => [fileName],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const content = read(file);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => join(import.meta.dirname, '..'),
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (file) => file === fileName || ts.sys.fileExists(file),
    readFile: read,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  });
}

const operationIds = Object.keys(operationIndex) as OperationId[];
const groups = [...new Set(operationIds.map((id) => operationIndex[id].group))];
// A consumer's file: one property access per facade group and per facade method, each on its own line.
const fixtureName = join(import.meta.dirname, '..', 'hover-fixture.ts');
const fixture = [
  "import { createTempoClient } from '@tempo-sdk/client';",
  "const tempo = createTempoClient({ token: 't' });",
  ...operationIds.map((id) => `tempo.${operationIndex[id].group}.${id};`),
  ...groups.map((group) => `tempo.${group};`),
  '',
].join('\n');

interface Hover {
  documentation: string;
  tags: string[];
  deprecated: boolean;
}
const hovers = new Map<OperationId, Hover>();
const groupHovers = new Map<string, Hover>();
const spec = specOperations(specDocument);
let diagnostics: string[] = [];

beforeAll(() => {
  const service = languageService(fixtureName, fixture);
  diagnostics = service
    .getSemanticDiagnostics(fixtureName)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  /** The hover over `name` on the fixture's line `line` (`tempo.…;`). */
  const hoverAt = (line: string, name: string): Hover => {
    const info = service.getQuickInfoAtPosition(
      fixtureName,
      fixture.indexOf(`\n${line}\n`) + 1 + line.lastIndexOf(name) + 1,
    );
    return {
      documentation: ts.displayPartsToString(info?.documentation),
      tags: (info?.tags ?? []).map((tag) => tag.name),
      deprecated: (info?.kindModifiers ?? '').split(',').includes('deprecated'),
    };
  };
  for (const id of operationIds) hovers.set(id, hoverAt(`tempo.${operationIndex[id].group}.${id};`, id));
  for (const group of groups) groupHovers.set(group, hoverAt(`tempo.${group};`, group));
}, 120_000);

/** What the spec says the hover should contain: summary, then `METHOD /path` (escaped as the generator does). */
function expected(id: OperationId): { summary: string; methodPath: string } {
  const op = spec.get(id);
  if (!op?.summary) throw new Error(`${id}: no summary in the spec`);
  return {
    summary: op.summary.replaceAll('*/', '*\\/').replaceAll('@', '\\@'),
    methodPath: `\`${op.method.toUpperCase()} ${op.path}\``,
  };
}

describe('hover on a facade method (TypeScript language service, built types)', () => {
  it('compiles the consumer file: every facade method exists', () => {
    expect(diagnostics).toEqual([]);
    expect(hovers.size).toBe(spec.size);
  });

  it.each([
    ['worklogs', 'getWorklogById'],
    ['accounts', 'getAccountById'],
  ] as const)('tempo.%s.%s starts with the summary and gives the method and path', (group, id) => {
    expect(operationIndex[id].group).toBe(group);
    const { summary, methodPath } = expected(id);
    const { documentation } = hovers.get(id)!;
    expect(documentation.startsWith(`${summary}\n`)).toBe(true);
    expect(documentation).toContain(methodPath);
    expect(documentation).toContain(spec.get(id)!.description!);
  });

  it('says `GET /worklogs/{id}` for getWorklogById', () => {
    expect(hovers.get('getWorklogById')!.documentation).toContain('`GET /worklogs/{id}`');
  });

  it('documents every operation: its summary and its method and path, and no stray tag', () => {
    const missing = operationIds.filter((id) => {
      const { summary, methodPath } = expected(id);
      const hover = hovers.get(id)!;
      return !hover.documentation.startsWith(summary) || !hover.documentation.includes(methodPath);
    });
    expect(missing).toEqual([]);
    // An unescaped `@` in the spec's prose would turn into a tag; only @deprecated is ever written.
    expect(operationIds.flatMap((id) => hovers.get(id)!.tags.filter((tag) => tag !== 'deprecated'))).toEqual([]);
  });

  it("documents every group with its tag's description", () => {
    const descriptions = new Map(specDocument.tags?.map((tag) => [tag.name, tag.description]));
    expect(groupHovers.get('worklogs')!.documentation).toContain(descriptions.get('Worklogs')!);
    const undocumented = groups.filter((group) => {
      const tag = operationIds.find((id) => operationIndex[id].group === group)!;
      const description = descriptions.get(operationIndex[tag].tag)!.replaceAll('*/', '*\\/').replaceAll('@', '\\@');
      return !groupHovers.get(group)!.documentation.startsWith(description);
    });
    expect(undocumented).toEqual([]);
  });

  it('marks exactly the operations the spec deprecates as deprecated (strike-through in editors)', () => {
    const deprecatedInSpec = operationIds.filter((id) => spec.get(id)?.deprecated === true);
    expect(operationIds.filter((id) => hovers.get(id)!.deprecated)).toEqual(deprecatedInSpec);
    expect(operationIds.filter((id) => hovers.get(id)!.tags.includes('deprecated'))).toEqual(deprecatedInSpec);
  });
});
