// The Jira part of the mock as an area (src/areas.ts): `mock.jira` is its store, `mock.reset()` resets it, and its
// handlers serve the default site and gateway URLs, or `/jira` and `/ex/jira/{cloudId}` on the standalone server.
import { defineArea } from '../area.js';
import { MOCK_JIRA_CLOUD_ID } from './constants.js';
import { createJiraMock } from './jira-mock.js';

/** Where the standalone server serves Jira's site URL (basic auth) and its gateway URL (bearer tokens). */
export function jiraServerUrls(serverOrigin: string): { jiraUrl: string; jiraGatewayUrl: string } {
  return { jiraUrl: `${serverOrigin}/jira`, jiraGatewayUrl: `${serverOrigin}/ex/jira/${MOCK_JIRA_CLOUD_ID}` };
}

export const jiraArea = defineArea({
  name: 'jira',
  createStore: (env) =>
    createJiraMock({
      db: () => env.db,
      faults: env.faults,
      currentUser: () => env.currentUser(),
      siteUrl: env.jiraSiteUrl,
      onInternalError: (error, request) => env.reportInternalError(error, request),
    }),
  reset: (jira) => jira.reset(),
  handlers: (jira, serving) => {
    if (serving.serverOrigin === undefined) return jira.handlers;
    const { jiraUrl, jiraGatewayUrl } = jiraServerUrls(serving.serverOrigin);
    return jira.createHandlers([jiraUrl], [jiraGatewayUrl]);
  },
});
