import type { OperationId } from '@tempo-sdk/types';
import type { Collection } from '../db/collection.js';
import type { TempoDatabase } from '../db/database.js';
import { notFound } from '../errors.js';
import type { ResolverInfo, OperationResolvers } from './context.js';

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
  find?: (info: ResolverInfo, raw: string) => TRecord | undefined;
  /** Operation listing every record as a page (`page`) or a result list (`results`). */
  list?: {
    operationId: OperationId;
    shape: 'page' | 'results';
    filter?: (info: ResolverInfo, records: TRecord[]) => TRecord[];
  };
  get?: OperationId;
  create?: OperationId;
  update?: OperationId;
  delete?: OperationId;
  /** Turns the request into the collection's input (default: the body). */
  input?: (info: ResolverInfo, existing: TRecord | undefined) => TInput;
  /** Checks that run before a delete (e.g. "still in use"); throw to refuse. */
  beforeDelete?: (info: ResolverInfo, record: TRecord) => void;
  /** Shapes a record for output (e.g. computed counts); default: as stored. */
  present?: (info: ResolverInfo, record: TRecord) => unknown;
}

/**
 * Implementations of list/get/create/update/delete for one resource, so each stateful resource is a few
 * lines of configuration instead of five copies of the same handler.
 */
export function crud<TRecord, TInput, TId extends string | number>(
  config: CrudConfig<TRecord, TInput, TId>,
): OperationResolvers {
  const ops: OperationResolvers = {};
  const present = (info: ResolverInfo, record: TRecord) => (config.present ? config.present(info, record) : record);
  const findOr404 = (info: ResolverInfo): TRecord => {
    const raw = String(info.path[config.param]);
    const collection = config.collection(info.db);
    const record = config.find ? config.find(info, raw) : defaultFind(collection, raw);
    if (record === undefined) throw notFound(`${collection.label} '${raw}' does not exist`);
    return record;
  };
  const idOf = (info: ResolverInfo, record: TRecord): TId => config.collection(info.db).idOf(record);

  if (config.list) {
    const { operationId, shape, filter } = config.list;
    ops[operationId] = (info) => {
      const all = config.collection(info.db).all();
      const records = (filter ? filter(info, all) : all).map((r) => present(info, r));
      return shape === 'page' ? info.page(records) : info.results(records);
    };
  }
  if (config.get) ops[config.get] = (info) => present(info, findOr404(info));
  if (config.create) {
    ops[config.create] = (info) => {
      const input = config.input ? config.input(info, undefined) : (info.body as TInput);
      return present(info, config.collection(info.db).create(input));
    };
  }
  if (config.update) {
    ops[config.update] = (info) => {
      const existing = findOr404(info);
      const input = config.input ? config.input(info, existing) : (info.body as TInput);
      return present(info, config.collection(info.db).replace(idOf(info, existing), input)!);
    };
  }
  if (config.delete) {
    ops[config.delete] = (info) => {
      const existing = findOr404(info);
      config.beforeDelete?.(info, existing);
      config.collection(info.db).delete(idOf(info, existing));
      return undefined;
    };
  }
  return ops;
}

function defaultFind<TRecord, TInput, TId extends string | number>(
  collection: Collection<TRecord, TInput, TId>,
  raw: string,
): TRecord | undefined {
  const direct = collection.get(raw as TId);
  if (direct !== undefined) return direct;
  const n = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(n) ? collection.get(n as TId) : undefined;
}
