// spec-diff on a real vendor change: Tempo's February 2025 document -> its April 2026 document.
import { describe, expect, it } from 'vitest';
import { describe as describeEntry } from '../src/render.mjs';
import { diffDocuments, loadSpec, location, renderText } from '../src/index.mjs';
import { naiveDifferences } from './oracle.mjs';
import { hasReference, reference2025, reference2026 } from './reference.mjs';

const title = "Tempo's 2025 -> 2026 documents";
describe.skipIf(!hasReference)(
  hasReference ? title : `${title} SKIPPED: reference documents not found (set TEMPO_REFERENCE_DIR)`,
  () => {
    const before = hasReference ? loadSpec(reference2025).doc : null;
    const after = hasReference ? loadSpec(reference2026).doc : null;
    const result = hasReference ? diffDocuments(before, after, { oldLabel: '2025', newLabel: '2026' }) : null;
    const changes = () => result.entries.filter((e) => e.kind !== 'operation.added');

    it('reports 98 added v4 operations, none removed, nothing breaking; Papertrail counted apart', () => {
      expect(result.summary).toMatchObject({ added: 98, removed: 0, changed: 19, breaking: 0, breakingTotal: 0 });
      expect(result.summary.otherApis).toEqual({
        '/papertrail/1': { added: 2, removed: 0, changed: 0, breaking: 0, nonBreaking: 2 },
      });
      expect(result.new).toEqual({ label: '2026', operations: 252, otherApiOperations: 2 });
      expect(result.old).toEqual({ label: '2025', operations: 154, otherApiOperations: 0 });
    });

    it('reports the new fields and parameters of existing operations, and nothing else', () => {
      const lines = changes()
        .filter((e) => e.api === 'v4')
        .map((e) => `${describeEntry(e).sign} ${location(e)} ${e.kind}`);
      expect(lines).toEqual([
        '+ GET /plans query.issueIds parameter.added',
        '+ GET /plans query.projectIds parameter.added',
        '+ GET /teams query.includeMemberships parameter.added',
        '+ GET /teams query.teamIds parameter.added',
        '+ CreateWorkAttributeInput.clientSecret property.added',
        '+ CreateWorkAttributeInput.externalUrl property.added',
        '+ PlanSearchInput.issueIds property.added',
        '~ PlanSearchInput.planItemIds schema.deprecated',
        '+ PlanSearchInput.projectIds property.added',
        '+ UpdateWorkAttributeInput.clientSecret property.added',
        '+ UpdateWorkAttributeInput.externalUrl property.added',
        '+ TeamMembers.teamMembers property.added',
        '+ TimesheetApprovalAvailableActions.recall property.added',
      ]);
      const teamMembers = changes().find((e) => e.path === 'teamMembers');
      expect(teamMembers.operations.map((o) => `${o.operation} ${o.path}`)).toContain(
        'GET /teams response.results[].members.teamMembers',
      );
      expect(teamMembers.operations).toHaveLength(8);
    });

    it('agrees with a naive flatten-everything comparison on every place that differs', () => {
      const naive = naiveDifferences(before, after);
      const ours = new Set();
      for (const entry of result.entries) {
        for (const op of entry.operations) {
          if (entry.kind === 'operation.added') ours.add(`+ ${op.operation}`);
          else if (entry.kind === 'operation.removed') ours.add(`- ${op.operation}`);
          else ours.add(`${op.operation} ${op.path}`);
        }
      }
      expect([...ours].sort()).toEqual([...naive].sort());
    });

    it('renders the whole report, ending with the summary line', () => {
      const text = renderText(diffDocuments(before, after));
      expect(text.trim().split('\n').at(-1)).toBe(
        'summary: 98 operations added, 0 removed, 19 changed; 0 breaking, 111 non-breaking changes; other APIs (/papertrail/1: 2 operations added, 0 removed, 0 changed; 0 breaking, 2 non-breaking changes)',
      );
    });
  },
);
