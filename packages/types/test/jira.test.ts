import { describe, expect, expectTypeOf, it } from 'vitest';
import { jiraOperationIndex } from '../src/jira.js';
import type {
  JiraErrorCollection,
  JiraIssue,
  JiraOperationId,
  JiraPaths,
  JiraSearchResults,
  JiraUser,
} from '../src/jira.js';

// The expectTypeOf lines are checked by `tsc` (the package's typecheck task); vitest runs the rest.
describe('@tempo-sdk/types/jira', () => {
  it('indexes the seven Jira operations, the read-only POSTs as idempotent', () => {
    expect(Object.keys(jiraOperationIndex).sort()).toEqual(
      [
        'bulkFetchIssues',
        'bulkGetUsers',
        'getCurrentUser',
        'getIssue',
        'searchAndReconsileIssuesUsingJql',
        'searchAndReconsileIssuesUsingJqlPost',
        'searchProjects',
      ].sort(),
    );
    expect(jiraOperationIndex.bulkFetchIssues).toMatchObject({
      method: 'post',
      path: '/rest/api/3/issue/bulkfetch',
      readOnly: true,
      idempotent: true,
    });
    expect(jiraOperationIndex.getIssue.path).toBe('/rest/api/3/issue/{issueIdOrKey}');
    expectTypeOf<'getCurrentUser'>().toExtend<JiraOperationId>();
  });

  it('types the paths for openapi-fetch: myself, bulk fetch body and answer, search pages', () => {
    type Me = JiraPaths['/rest/api/3/myself']['get']['responses'][200]['content']['application/json'];
    expectTypeOf<Me>().toEqualTypeOf<JiraUser>();
    expectTypeOf<JiraUser['accountId']>().toEqualTypeOf<string | undefined>();
    type Body = JiraPaths['/rest/api/3/issue/bulkfetch']['post']['requestBody']['content']['application/json'];
    expectTypeOf<Body['issueIdsOrKeys']>().toEqualTypeOf<string[]>();
    type Page = JiraPaths['/rest/api/3/search/jql']['get']['responses'][200]['content']['application/json'];
    expectTypeOf<Page>().toEqualTypeOf<JiraSearchResults>();
    expectTypeOf<JiraIssue['key']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<JiraErrorCollection['errorMessages']>().toEqualTypeOf<string[] | undefined>();
    // The removed legacy search is not typed at all.
    expectTypeOf<JiraPaths>().not.toHaveProperty('/rest/api/3/search');
  });
});
