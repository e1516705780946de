/**
 * `@tempo-sdk/msw`: msw 2 handlers mocking all of the Tempo REST API v4 and Tempo OAuth, for tests.
 * Browser-safe: no `node:` imports here (the standalone server lives in `@tempo-sdk/msw/server`).
 *
 * @packageDocumentation
 */
export {
  createTempoMock,
  type TempoMock,
  type TempoMockOptions,
  type HttpMethodName,
  type PathsWithMethod,
  type MockLogger,
} from './mock.js';
export type { MockClock } from './engine.js';
export type { LoggedRequest, RequestLog } from './request-log.js';
export type { AreaStores } from './areas.js';
export { MOCK_API_TOKEN, MOCK_OAUTH_CLIENT, MAX_BODY_BYTES } from './constants.js';
// Tempo's facts, defined once in the spec and generated into @tempo-sdk/types (the mock serves every base URL and
// refuses a `limit` over the maximum); re-exported so that a test needs no second dependency to name them.
export { TEMPO_BASE_URLS, TEMPO_OAUTH_URLS, TEMPO_PAGE_LIMIT_MAX, type TempoRegion } from '@tempo-sdk/types';
export type { TempoDatabase } from './db/database.js';
export type { MockUser, MockProject, MockIssue } from './db/jira.js';
export type { WorklogSeed } from './db/worklogs.js';
export { Collection } from './db/collection.js';
export type { FaultRule, ActiveFault, FaultInjector } from './faults.js';
export type { MockOAuthClient, MockOAuthOptions, MockOAuthStats, MockOAuthServer, TokenResponse } from './oauth.js';
export { TempoMockError, TempoMockHttpError, TempoMockUsageError } from './errors.js';
export { checkResponseBody } from './response-validation.js';
export { exampleRequest, type ExampleRequest } from './example-request.js';
export type { MockReply } from './errors.js';
export type { TeamSeed, TeamMembershipSeed } from './db/organisation.js';
export type { PlanSeed } from './db/planning.js';
export type {
  ScheduleDay,
  SchemeMembership,
  TimesheetApprovalState,
  TimesheetApprovalLogEntry,
} from './db/schedules.js';
export type { CollectionChange } from './db/collection.js';
export type {
  MockWebhookOptions,
  WebhookAttempt,
  WebhookDelivery,
  WebhookHandshake,
  WebhookStore,
} from './webhooks/store.js';
export * from './jira/index.js';
