/**
 * The mock's extension point: an **area** adds a part of the world the Tempo mock does not cover by itself (a
 * Jira site, webhook deliveries, …) with its own store slice, its reset/seed, its routes and its admin routes.
 * How to add one is written in the README's "Adding an area" section; the list of areas is `MOCK_AREAS` (areas.ts).
 */
import type { RequestHandler } from 'msw';
import type { TempoDatabase } from './db/database.js';
import type { MockClock, ServedRequest } from './engine.js';
import type { FaultInjector } from './faults.js';
import type { OperationResolvers } from './operations/context.js';

/** What every area sees of the mock it belongs to. Values, fixed for the mock's life. */
export interface AreaEnvironment {
  /** The Tempo data (users, projects, issues, worklogs, …): areas read and reference it, never replace it. */
  readonly db: TempoDatabase;
  readonly clock: MockClock;
  /** `YYYY-MM-DD` the default data is arranged around. */
  readonly today: string;
  /** PRNG seed of the default data: seed an area's data from it so (seed, today) fixes everything. */
  readonly seed: number;
  /** `'empty'` when the mock was created without default data: reset to empty, seed nothing. */
  readonly data: 'default' | 'empty';
  /** The Jira site the data belongs to (`https://tempo-mock.atlassian.net` by default). */
  readonly jiraSiteUrl: string;
  /** The mock's fault list: an area applies faults to its own routes with `faults.take(…)`. */
  readonly faults: FaultInjector;
  /** accountId the static tokens act for (the first user unless `currentUser` says otherwise). */
  currentUser(): string;
  /** Reports a bug inside the area (answered with a 500 by the area): `onInternalError` or `logger.error`. */
  reportInternalError(error: unknown, request: Request): void;
}

/** Where a set of handlers serves: msw's default URLs, or the standalone server's single origin. */
export interface AreaServing {
  /** Tempo API base URLs (`https://api.tempo.io/4`, … or `http://127.0.0.1:PORT/4`). */
  readonly baseUrls: readonly string[];
  /** Origins serving `/oauth/…`. */
  readonly oauthOrigins: readonly string[];
  /**
   * The standalone server's origin when the handlers are built for it (`http://127.0.0.1:PORT`): an area whose
   * routes live on another host (a Jira site) serves them under a path of its own there instead.
   */
  readonly serverOrigin?: string;
}

/** One admin route of an area: answers `METHOD /__admin/<area>/<path>` on the standalone server. */
export type AdminRoute = (request: Request, info: { url: URL; body: unknown }) => unknown | Promise<unknown>;

/**
 * A part of the mock with its own state. Register it by adding it to `MOCK_AREAS` (areas.ts); `mock[name]` is then
 * its store (typed), `mock.reset()` resets it, its handlers join `mock.handlers` and the standalone server.
 */
export interface MockArea<Name extends string = string, Store = unknown> {
  /** Unique name: the property of the mock holding the store (`mock.jira`), and the admin path segment. */
  readonly name: Name;
  /** Creates the area's store once per mock (empty; {@link MockArea.reset} fills it). */
  createStore(env: AreaEnvironment): Store;
  /**
   * Back to the initial state: forget everything clients created, then seed the default data unless
   * `env.data` is `'empty'`. Called when the mock is created (after the Tempo data is seeded) and by
   * `mock.reset()`. Must be deterministic for (`env.seed`, `env.today`).
   */
  reset(store: Store, env: AreaEnvironment): void;
  /** msw handlers for the area's own routes (another origin, e.g. a Jira site), for one place of serving. */
  handlers?(store: Store, serving: AreaServing): RequestHandler[];
  /** Resolvers for Tempo operations the area takes over (e.g. webhook subscriptions), by operationId. */
  resolvers?(store: Store, env: AreaEnvironment): OperationResolvers;
  /** Told of every answered Tempo API request (after the answer is built), e.g. to deliver webhooks. */
  served?(store: Store, served: ServedRequest): void;
  /** Admin routes, keyed `'GET /deliveries'`, served at `/__admin/<name>/…` by the standalone server. */
  admin?(store: Store): Readonly<Record<string, AdminRoute>>;
}

/** Types an area literal (name and store) without widening; `export const jiraArea = defineArea({ … })`. */
export function defineArea<Name extends string, Store>(area: MockArea<Name, Store>): MockArea<Name, Store> {
  return area;
}
