/**
 * Types of the operation facade, mapped from `operations` and `operationIndex` of @tempo-sdk/types. Nothing here is
 * written per operation: a new operation in the spec gets its method and types from `pnpm generate` alone.
 */
import type {
  OperationDocs,
  OperationGroup,
  OperationGroupDocs,
  OperationId,
  OperationsInGroup,
  operationIndex,
  operations,
} from '@tempo-sdk/types';

/** Headers for one call (`null` removes a default header). */
export type CallHeaders = Record<string, string | null | undefined>;

/**
 * An optional section of the parameters when the spec makes it optional (or has none), required when the spec does.
 * `never`/`undefined` sections (an operation without path parameters) disappear.
 */
type Section<Name extends string, T> = [NonNullable<T>] extends [never]
  ? {}
  : undefined extends T
    ? { [K in Name]?: NonNullable<T> }
    : { [K in Name]: T };

type ParametersOf<Id extends OperationId> = operations[Id] extends { parameters: infer P } ? P : {};
type ParameterSection<Id extends OperationId, K extends string> = K extends keyof ParametersOf<Id>
  ? ParametersOf<Id>[K]
  : never;
type BodyContent<B> = B extends { content: infer C } ? C[keyof C] : never;
type RequestBodyOf<Id extends OperationId> = operations[Id] extends { requestBody?: infer B }
  ? undefined extends operations[Id]['requestBody']
    ? BodyContent<NonNullable<B>> | undefined
    : BodyContent<B>
  : never;

/** Simplify an intersection into one object type (for readable hovers). */
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/**
 * What `tempo.<group>.<operationId>(params)` takes: `path`, `query` and `body` as the spec defines them (required
 * when the spec requires them), plus per-call `headers` and an abort `signal`.
 */
export type OperationParams<Id extends OperationId> = Flatten<
  Section<'path', ParameterSection<Id, 'path'>> &
    Section<'query', ParameterSection<Id, 'query'>> &
    Section<'body', RequestBodyOf<Id>> & {
      /** Extra headers for this call. */
      headers?: CallHeaders;
      /** Aborts the call, including rate-limit waits and retry pauses. */
      signal?: AbortSignal;
    }
>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type ResponsesOf<Id extends OperationId> = operations[Id] extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : void;

/** What a successful call resolves to: the JSON body of the 2xx response, `void` when it has none (204). */
export type OperationResult<Id extends OperationId> = {
  [S in keyof ResponsesOf<Id> & SuccessStatus]: JsonOf<ResponsesOf<Id>[S]>;
}[keyof ResponsesOf<Id> & SuccessStatus];

/** Whether `params` may be left out (no required path, query or body). */
type ParamsOptional<Id extends OperationId> = {} extends OperationParams<Id> ? true : false;

/** One facade method: `(params) => Promise<success body>`; throws `TempoApiError` subclasses on error statuses. */
export type OperationMethod<Id extends OperationId> =
  ParamsOptional<Id> extends true
    ? (params?: OperationParams<Id>) => Promise<OperationResult<Id>>
    : (params: OperationParams<Id>) => Promise<OperationResult<Id>>;

/**
 * The methods of one group, e.g. `tempo.worklogs`: one per operationId tagged with that group. Each method's doc
 * comment is its operation's summary, description, method and path from the spec (`OperationDocs`).
 */
export type OperationGroupClient<G extends OperationGroup> = Pick<
  // Mapped over `keyof OperationDocs` (homomorphic, and so is `Pick`), each method keeps the declaration of its
  // `OperationDocs` member and with it the generated doc comment editors show on hover. A mapped type over the
  // `OperationsInGroup<G>` union would have no declarations to keep.
  { readonly [Id in keyof OperationDocs]: OperationMethod<OperationDocs[Id]> },
  OperationsInGroup<G>
>;

/**
 * Every group of the facade: `tempo.worklogs`, `tempo.accounts`, `tempo.timesheetApprovals`, … Each group's doc
 * comment is its tag's description from the spec (`OperationGroupDocs`).
 */
export type TempoFacade = {
  // Mapped over `keyof OperationGroupDocs` to keep each group's generated doc comment (see OperationGroupClient).
  readonly [G in keyof OperationGroupDocs]: OperationGroupClient<OperationGroupDocs[G]>;
};

type Index = typeof operationIndex;

/** The operationIds whose responses are pages (`metadata.next` + `results`): the ones `paginate`/`pages` accept. */
export type PaginatedOperationId = {
  [Id in OperationId]: Index[Id] extends { readonly paginated: true } ? Id : never;
}[OperationId];

/** The page type an operation returns, e.g. `PageableWorklog` for `getWorklogs`. */
export type OperationPage<Id extends PaginatedOperationId> = Extract<
  OperationResult<Id>,
  { results: readonly unknown[] }
>;

/** The item type of an operation's pages, e.g. `Worklog` for `getWorklogs`. */
export type OperationItem<Id extends PaginatedOperationId> =
  OperationPage<Id> extends { results: readonly (infer Item)[] } ? Item : never;

/**
 * The parameters `paginate`/`pages` take: those of the operation, without `query.limit` (use `pageSize`) and
 * `signal` (pass it in the pagination options).
 */
export type PaginateParams<Id extends PaginatedOperationId> = Flatten<
  Omit<OperationParams<Id>, 'query' | 'signal'> &
    Section<'query', Omit<NonNullable<ParameterSection<Id, 'query'>>, 'limit'> | OptionalIfAllOptional<Id>>
>;

/** `undefined` when the operation's query may be omitted. */
type OptionalIfAllOptional<Id extends PaginatedOperationId> =
  undefined extends ParameterSection<Id, 'query'> ? undefined : never;
