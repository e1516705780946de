import type { ValidateFunction } from 'ajv';
import { TempoMockError, TempoMockHttpError, badRequest } from '../errors.js';
import type { SchemaObject } from '../spec.js';
import { compileSchema, formatError } from '../validation.js';

/**
 * The small engine behind every stateful resource of the mock: an ordered in-memory table whose records are
 * built from an input (the same input the API's POST/PUT takes), so seeding through `db.x.create(input)` and
 * creating through the API give identical records.
 * @inline
 */
export interface CollectionConfig<TRecord, TInput, TId extends string | number> {
  /** Human name used in error messages, e.g. `Worklog`. */
  readonly label: string;
  /** The identifier of a record. */
  readonly idOf: (record: TRecord) => TId;
  /** Allocates the id of a new record (numeric collections count up from `firstId`). */
  readonly allocateId?: (input: TInput, next: number) => TId;
  /** Builds the stored record from its input; `existing` is the previous record on update. */
  readonly build: (input: TInput, id: TId, existing: TRecord | undefined) => TRecord;
  /** Checks an input against the rest of the database before it is stored; throws to refuse. */
  readonly check?: (input: TInput, existing: TRecord | undefined) => void;
  /** First numeric id handed out. */
  readonly firstId?: number;
  /**
   * JSON schema of an input (`$ref`s into the spec allowed): `check` and `create` refuse an input that does not
   * match with a 400 naming the collection and the field, before `check`/`build` read it.
   */
  readonly schema?: Readonly<Record<string, unknown>>;
}

/**
 * Freezes a stored record and everything in it. Records are immutable snapshots (changes go through
 * `update`/`replace`, which build a new record), which also lets the mock cache each record's JSON.
 */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** A change to one record, as told to {@link Collection.observe} listeners (webhook deliveries use them). */
export type CollectionChange<TRecord> =
  | { kind: 'created'; after: TRecord }
  | { kind: 'updated'; before: TRecord; after: TRecord }
  | { kind: 'deleted'; before: TRecord };

let quiet = 0;
/** Runs `work` without telling observers (seeding the default data is not a change anyone made). */
export function withoutObservers<T>(work: () => T): T {
  quiet++;
  try {
    return work();
  } finally {
    quiet--;
  }
}

/** One stateful resource: create, get, all, update, delete, clear; typed by the spec's schemas. */
export class Collection<TRecord, TInput, TId extends string | number = number> {
  private readonly rows = new Map<TId, { input: TInput; record: TRecord }>();
  private nextId: number;
  private readonly observers = new Set<(change: CollectionChange<TRecord>) => void>();
  /**
   * Most records kept (the mock's `maxRecordsPerCollection`): past it `create` refuses with a 507, so a client
   * creating in a loop cannot grow a long-running mock without bound.
   */
  maxRecords = Number.POSITIVE_INFINITY;

  private validator?: ValidateFunction;

  constructor(private readonly config: CollectionConfig<TRecord, TInput, TId>) {
    this.nextId = config.firstId ?? 1;
  }

  /**
   * Refuses an input that is not a JSON object or does not match the collection's schema (seeded records come
   * from users: `db.x.create(…)`, the admin API), so no malformed record is stored and no raw TypeError escapes.
   */
  private checkShape(input: TInput): void {
    const { label, schema } = this.config;
    if (input === null || typeof input !== 'object' || Array.isArray(input))
      throw badRequest(
        `${label}: a record must be a JSON object, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`,
      );
    if (!schema) return;
    this.validator ??= compileSchema(schema as SchemaObject);
    if (!this.validator(input)) throw badRequest(`${label}: ${formatError(this.validator.errors, 'body')}`);
  }

  /** Runs the collection's own check and build; a TypeError there (a field of the wrong type) becomes a 400. */
  private guarded<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof TempoMockError) throw error;
      throw badRequest(`${this.config.label}: the record has a field of the wrong type or shape`);
    }
  }

  /** Tells `listener` of every create, update, replace, put and delete (not `clear`) until the returned function is called. */
  observe(listener: (change: CollectionChange<TRecord>) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  private notify(change: CollectionChange<TRecord>): void {
    if (quiet === 0) for (const listener of this.observers) listener(change);
  }

  /** The resource name used in messages. */
  get label(): string {
    return this.config.label;
  }

  /** Checks an input as `create` would, without storing anything (for all-or-nothing bulk operations). */
  check(input: TInput): void {
    this.checkShape(input);
    this.guarded(() => this.config.check?.(input, undefined));
  }

  /** Stores a new record built from `input` (checked against the other collections) and returns it. */
  create(input: TInput): TRecord {
    if (this.rows.size >= this.maxRecords) {
      throw new TempoMockHttpError(
        507,
        `The Tempo mock holds at most ${this.maxRecords} records per collection (${this.config.label}); delete some or raise maxRecordsPerCollection`,
      );
    }
    this.check(input);
    const id = this.guarded(() =>
      this.config.allocateId ? this.config.allocateId(input, this.nextId) : (this.nextId as TId),
    );
    const record = deepFreeze(this.guarded(() => this.config.build(input, id, undefined)));
    if (typeof id === 'number' && id >= this.nextId) this.nextId = id + 1;
    else if (!this.config.allocateId) this.nextId++;
    this.rows.set(this.config.idOf(record), { input, record });
    this.notify({ kind: 'created', after: record });
    return record;
  }

  /** The record with this id, or undefined. */
  get(id: TId): TRecord | undefined {
    return this.rows.get(id)?.record;
  }

  /** The identifier of a record of this collection. */
  idOf(record: TRecord): TId {
    return this.config.idOf(record);
  }

  /** The input a record was last built from. */
  inputOf(id: TId): TInput | undefined {
    return this.rows.get(id)?.input;
  }

  /** True when a record with this id exists. */
  has(id: TId): boolean {
    return this.rows.has(id);
  }

  /** Every record, in creation order. */
  all(): TRecord[] {
    return Array.from(this.rows.values(), (row) => row.record);
  }

  /** The first record matching `predicate`. */
  find(predicate: (record: TRecord) => boolean): TRecord | undefined {
    for (const row of this.rows.values()) if (predicate(row.record)) return row.record;
    return undefined;
  }

  /** Records matching `predicate`, in creation order. */
  filter(predicate: (record: TRecord) => boolean): TRecord[] {
    const out: TRecord[] = [];
    for (const row of this.rows.values()) if (predicate(row.record)) out.push(row.record);
    return out;
  }

  /** Number of records. */
  get size(): number {
    return this.rows.size;
  }

  /**
   * Rebuilds a record from its stored input merged with `changes` (a PUT passes a whole input and so
   * replaces). Returns undefined when there is no such record.
   */
  update(id: TId, changes: Partial<TInput>): TRecord | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    const input = { ...row.input, ...changes } as TInput;
    this.config.check?.(input, row.record);
    const record = deepFreeze(this.config.build(input, id, row.record));
    this.rows.set(id, { input, record });
    this.notify({ kind: 'updated', before: row.record, after: record });
    return record;
  }

  /** Replaces a record's input entirely (what a PUT does). */
  replace(id: TId, input: TInput): TRecord | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    this.config.check?.(input, row.record);
    const record = deepFreeze(this.config.build(input, id, row.record));
    this.rows.set(id, { input, record });
    this.notify({ kind: 'updated', before: row.record, after: record });
    return record;
  }

  /** Stores a record as is (for derived state such as approvals); bypasses `build`. */
  put(record: TRecord, input: TInput): TRecord {
    const before = this.rows.get(this.config.idOf(record))?.record;
    this.rows.set(this.config.idOf(record), { input, record: deepFreeze(record) });
    this.notify(before ? { kind: 'updated', before, after: record } : { kind: 'created', after: record });
    return record;
  }

  /** Deletes a record; false when there was none. */
  delete(id: TId): boolean {
    const row = this.rows.get(id);
    if (!row) return false;
    this.rows.delete(id);
    this.notify({ kind: 'deleted', before: row.record });
    return true;
  }

  /** Removes every record and restarts ids. */
  clear(): void {
    this.rows.clear();
    this.nextId = this.config.firstId ?? 1;
  }
}
