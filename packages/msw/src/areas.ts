/**
 * The registry of the mock's areas (see `area.ts` for what an area is, and the README's "Adding an area").
 */
import type { MockArea } from './area.js';
import { jiraArea } from './jira/area.js';
import { webhooksArea } from './webhooks/area.js';

/**
 * Every registered area, in order. An area helper adds its area here (one import, one entry); nothing else in the
 * mock changes.
 */
export const MOCK_AREAS = [jiraArea, webhooksArea] as const satisfies readonly MockArea<string, any>[];

/**
 * The stores of the registered areas, by name: `{ jira: JiraStore, … }`.
 * @useDeclaredType
 */
export type AreaStores = {
  [A in (typeof MOCK_AREAS)[number] as A extends MockArea<infer N, any> ? N : never]: A extends MockArea<any, infer S>
    ? S
    : never;
};
