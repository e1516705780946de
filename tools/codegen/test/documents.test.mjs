import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENTS, generatedFiles } from '../src/documents.mjs';
import { generate } from '../src/generate.mjs';

const root = resolve(import.meta.dirname, '..', '..', '..');

describe('DOCUMENTS: every OpenAPI document of the repository', () => {
  it('lists Tempo and Jira, each with its own output files (none shared)', () => {
    expect(DOCUMENTS.map((d) => d.name)).toEqual(['tempo', 'jira']);
    const files = DOCUMENTS.flatMap((d) => generatedFiles(d).map((f) => join(d.outDir, f)));
    expect(new Set(files).size).toBe(files.length);
    for (const d of DOCUMENTS) expect(existsSync(join(root, d.spec))).toBe(true);
  });

  it("writes the facade's doc comments (operation-docs.ts) for Tempo only: Jira's client has no facade to carry them", () => {
    const docsOf = (name) =>
      generatedFiles(DOCUMENTS.find((d) => d.name === name)).filter((f) => f.endsWith('operation-docs.ts'));
    expect(docsOf('tempo')).toEqual(['src/generated/operation-docs.ts']);
    expect(docsOf('jira')).toEqual([]);
  });

  it('generates the Jira document into its own folder, with a do-not-edit banner and its own wording', async () => {
    const jira = DOCUMENTS.find((d) => d.name === 'jira');
    const out = mkdtempSync(join(tmpdir(), 'codegen-jira-'));
    try {
      const result = await generate({ ...jira, spec: join(root, jira.spec), outDir: out });
      expect(result).toMatchObject({ operations: 7 });
      const index = readFileSync(join(out, jira.generatedDir, 'operation-index.ts'), 'utf8');
      expect(index).toContain('Do not edit it by hand');
      expect(index).toContain("getIssue: { method: 'get', path: '/rest/api/3/issue/{issueIdOrKey}'");
      expect(index).not.toContain('api.tempo.io');
      expect(JSON.parse(readFileSync(join(out, jira.bundle), 'utf8')).info['x-generated']).toContain(
        'spec/jira/openapi.yaml',
      );
      expect(existsSync(join(out, 'openapi.json'))).toBe(false); // Tempo's bundle is not touched
      expect(existsSync(join(out, jira.generatedDir, 'operation-docs.ts'))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
