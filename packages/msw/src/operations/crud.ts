import type { OperationId } from '@tempo-sdk/types';
import type { Collection } from '../db/collection.js';
import type { TempoDatabase } from '../db/database.js';
import { notFound } from '../errors.js';
import type { OperationContext, OperationImplementations } from './context.js';

/** How one stateful resource maps onto the spec's operations. */
export interface CrudConfig<TRecord, TInput, TId extends string | number> {
  /** The collection holding the resource. */
  collection: (db: TempoDatabase) => Collection<TRecord, TInput, TId>;
  /** Path parameter naming the record (e.g. `id`, `key`). */
  param: string;
  /**
   * Finds the record a path parameter names. Default: by id (numbers converted when the collection uses them);
   * resources addressed by key as well as id pass their own.
   */
  find?: (ctx: OperationContext, raw: string) => TRecord | undefined;
  /** Operation listing every record as a page (`page`) or a result list (`results`). */
  list?: { operationId: OperationId; shape: 'page' | 'results'; filter?: (ctx: OperationContext, records: TRecord[]) => TRecord[] };
  get?: OperationId;
  create?: OperationId;
  update?: OperationId;
  delete?: OperationId;
  /** Turns the request into the collection's input (default: the body). */
  input?: (ctx: OperationContext, existing: TRecord | undefined) => TInput;
  /** Checks that run before a delete (e.g. "still in use"); throw to refuse. */
  beforeDelete?: (ctx: OperationContext, record: TRecord) => void;
  /** Shapes a record for output (e.g. computed counts); default: as stored. */
  present?: (ctx: OperationContext, record: TRecord) => unknown;
}

/**
 * Implementations of list/get/create/update/delete for one resource, so each stateful resource is a few
 * lines of configuration instead of five copies of the same handler.
 */
export function crud<TRecord, TInput, TId extends string | number>(config: CrudConfig<TRecord, TInput, TId>): OperationImplementations {
  const ops: OperationImplementations = {};
  const present = (ctx: OperationContext, record: TRecord) => (config.present ? config.present(ctx, record) : record);
  const findOr404 = (ctx: OperationContext): TRecord => {
    const raw = String(ctx.path[config.param]);
    const collection = config.collection(ctx.db);
    const record = config.find ? config.find(ctx, raw) : defaultFind(collection, raw);
    if (record === undefined) throw notFound(`${collection.label} '${raw}' does not exist`);
    return record;
  };
  const idOf = (ctx: OperationContext, record: TRecord): TId => config.collection(ctx.db).idOf(record);

  if (config.list) {
    const { operationId, shape, filter } = config.list;
    ops[operationId] = (ctx) => {
      const all = config.collection(ctx.db).all();
      const records = (filter ? filter(ctx, all) : all).map((r) => present(ctx, r));
      return shape === 'page' ? ctx.page(records) : ctx.results(records);
    };
  }
  if (config.get) ops[config.get] = (ctx) => present(ctx, findOr404(ctx));
  if (config.create) {
    ops[config.create] = (ctx) => {
      const input = config.input ? config.input(ctx, undefined) : (ctx.body as TInput);
      return present(ctx, config.collection(ctx.db).create(input));
    };
  }
  if (config.update) {
    ops[config.update] = (ctx) => {
      const existing = findOr404(ctx);
      const input = config.input ? config.input(ctx, existing) : (ctx.body as TInput);
      return present(ctx, config.collection(ctx.db).replace(idOf(ctx, existing), input)!);
    };
  }
  if (config.delete) {
    ops[config.delete] = (ctx) => {
      const existing = findOr404(ctx);
      config.beforeDelete?.(ctx, existing);
      config.collection(ctx.db).delete(idOf(ctx, existing));
      return undefined;
    };
  }
  return ops;
}

function defaultFind<TRecord, TInput, TId extends string | number>(collection: Collection<TRecord, TInput, TId>, raw: string): TRecord | undefined {
  const direct = collection.get(raw as TId);
  if (direct !== undefined) return direct;
  const n = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(n) ? collection.get(n as TId) : undefined;
}
