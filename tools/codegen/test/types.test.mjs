import { describe, expect, it } from 'vitest';
import { generateTypes, typeAliasName } from '../src/types.mjs';

describe('typeAliasName', () => {
  it.each([
    ['Worklog', 'Worklog'],
    ['PageableWorklog', 'PageableWorklog'],
    ['Projects by page', 'ProjectsPage'],
    ['List of LaborActuals', 'LaborActualsList'],
    ['Fixed Revenue', 'FixedRevenue'],
    ['team-member', 'TeamMember'],
    ['3d view', '_3dView'],
  ])('%s -> %s', (name, alias) => expect(typeAliasName(name)).toBe(alias));
});

describe('generateTypes', () => {
  it('exports a compilable alias for each schema, renaming names that are not identifiers without clashing', async () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: { 'Items by page': { type: 'object' }, ItemsPage: { type: 'string' }, Item: { type: 'object' } },
      },
    };
    const text = await generateTypes(doc, 'test.yaml');
    expect(text).toContain("export type ItemsPage_2 = components['schemas']['Items by page'];");
    expect(text).toContain("export type ItemsPage = components['schemas']['ItemsPage'];");
    expect(text).toContain("export type Item = components['schemas']['Item'];");
    expect(text).not.toMatch(/export type \w+ \w+/);
  });
});
