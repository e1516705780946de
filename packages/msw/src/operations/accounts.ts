import type { Account, AccountLink, AccountSearchInput, Category, Customer } from '@tempo-sdk/types';
import type { TempoDatabase } from '../db/database.js';
import { badRequest, notFound } from '../errors.js';
import type { OperationContext, OperationImplementations } from './context.js';
import { crud } from './crud.js';

const ACCOUNT_STATUSES = ['OPEN', 'CLOSED', 'ARCHIVED'] as const;

/** An account with its category and customer as they are now (they may have changed since it was stored). */
function presentAccount(db: TempoDatabase, account: Account): Account {
  const input = db.accounts.inputOf(account.id);
  const category = input?.categoryKey ? db.accountCategories.find((c) => c.key === input.categoryKey) : undefined;
  const customer = input?.customerKey ? db.customers.find((c) => c.key === input.customerKey) : undefined;
  const out: Account = { ...account };
  if (category) out.category = category;
  else delete out.category;
  if (customer) out.customer = customer;
  else delete out.customer;
  return out;
}

function accountByIdOrKey(db: TempoDatabase, raw: string): Account | undefined {
  return db.accounts.find((a) => a.key === raw) ?? (/^\d+$/.test(raw) ? db.accounts.get(Number(raw)) : undefined);
}

/** `?status=OPEN&status=CLOSED` or `?status=OPEN,CLOSED`; not declared in the spec, but Tempo honours it. */
function statusFilter(ctx: OperationContext): string[] | undefined {
  const raw = ctx.url.searchParams.getAll('status').flatMap((s) => s.split(',')).map((s) => s.trim().toUpperCase()).filter(Boolean);
  if (raw.length === 0) return undefined;
  const wrong = raw.find((s) => !(ACCOUNT_STATUSES as readonly string[]).includes(s));
  if (wrong) throw badRequest(`'status' must be one of: ${ACCOUNT_STATUSES.join(', ')}`);
  return raw;
}

function accountLinksOf(db: TempoDatabase, key: string): AccountLink[] {
  return db.accountLinks.filter((l) => db.accountKeyOfLink(l) === key);
}

/** Accounts, account categories and types, customers and account links. */
export const accountOperations: OperationImplementations = {
  ...crud({
    collection: (db) => db.accounts,
    param: 'key',
    find: (ctx, raw) => accountByIdOrKey(ctx.db, raw),
    list: {
      operationId: 'getAccounts',
      shape: 'page',
      filter: (ctx, all) => {
        const statuses = statusFilter(ctx);
        return statuses ? all.filter((a) => statuses.includes(a.status)) : all;
      },
    },
    create: 'createAccount',
    update: 'updateAccount',
    delete: 'deleteAccount',
    present: (ctx, a) => presentAccount(ctx.db, a),
    beforeDelete: (ctx, account) => {
      for (const link of accountLinksOf(ctx.db, account.key)) ctx.db.accountLinks.delete(link.id);
    },
  }),

  getAccountById: (ctx) => {
    const account = accountByIdOrKey(ctx.db, String(ctx.path.id));
    if (!account) throw notFound(`Account '${String(ctx.path.id)}' does not exist`);
    return presentAccount(ctx.db, account);
  },

  searchAccounts: (ctx) => {
    const body = (ctx.body ?? {}) as AccountSearchInput;
    const found = ctx.db.accounts.filter(
      (a) =>
        (body.global === undefined || a.global === body.global) &&
        (!body.ids?.length || body.ids.includes(a.id)) &&
        (!body.keys?.length || body.keys.includes(a.key)) &&
        (!body.statuses?.length || (body.statuses as string[]).includes(a.status)),
    );
    return ctx.page(found.map((a) => presentAccount(ctx.db, a)));
  },

  getAccountLinks: (ctx) => {
    const account = accountByIdOrKey(ctx.db, String(ctx.path.key));
    if (!account) throw notFound(`Account '${String(ctx.path.key)}' does not exist`);
    return ctx.page(accountLinksOf(ctx.db, account.key));
  },

  ...crud({
    collection: (db) => db.accountCategories,
    param: 'key',
    find: (ctx, raw) => ctx.db.accountCategories.find((c) => c.key === raw),
    list: {
      operationId: 'getCategories',
      shape: 'results',
      filter: (ctx, all) => (ctx.query.id === undefined ? all : all.filter((c) => c.id === ctx.query.id)),
    },
    get: 'getCategoryByKey',
    create: 'createCategory',
    update: 'updateCategory',
    delete: 'deleteCategory',
    beforeDelete: (ctx, category) => {
      const user = ctx.db.accounts.all().find((a) => ctx.db.accounts.inputOf(a.id)?.categoryKey === category.key);
      if (user) throw badRequest(`Account category '${category.key}' is used by account '${user.key}'`);
    },
    present: (_ctx, c: Category) => c,
  }),

  getTypes: (ctx) => ctx.results(['BILLABLE', 'CAPITALIZED', 'INTERNAL', 'OPERATIONAL'].map((name) => ({ name }))),

  ...crud({
    collection: (db) => db.customers,
    param: 'key',
    find: (ctx, raw) => ctx.db.customers.find((c) => c.key === raw) ?? (/^\d+$/.test(raw) ? ctx.db.customers.get(Number(raw)) : undefined),
    list: { operationId: 'getCustomers', shape: 'page' },
    create: 'createCustomer',
    update: 'updateCustomer',
    delete: 'deleteCustomer',
    beforeDelete: (ctx, customer) => {
      const user = ctx.db.accounts.all().find((a) => ctx.db.accounts.inputOf(a.id)?.customerKey === customer.key);
      if (user) throw badRequest(`Customer '${customer.key}' is used by account '${user.key}'`);
    },
  }),

  getCustomerById: (ctx) => customerOr404(ctx, String(ctx.path.id)),

  getCustomerAccounts: (ctx) => {
    const customer = customerOr404(ctx, String(ctx.path.id));
    const accounts = ctx.db.accounts.filter((a) => ctx.db.accounts.inputOf(a.id)?.customerKey === customer.key);
    return ctx.page(accounts.map((a) => presentAccount(ctx.db, a)));
  },

  searchCustomers: (ctx) => {
    const body = (ctx.body ?? {}) as { ids?: number[]; keys?: string[] };
    return ctx.page(ctx.db.customers.filter((c) => (!body.ids?.length || body.ids.includes(c.id)) && (!body.keys?.length || body.keys.includes(c.key))));
  },

  ...crud({
    collection: (db) => db.accountLinks,
    param: 'id',
    get: 'getLink',
    create: 'createLink',
    delete: 'deleteLink',
  }),

  getLinksByProject: (ctx) => {
    const projectId = Number(ctx.path.id);
    if (!ctx.db.projects.has(projectId)) throw notFound(`Project with id ${projectId} does not exist`);
    const links = ctx.db.accountLinks.filter((l) => l.scope.id === projectId);
    if (ctx.query.includeGlobalAccounts === true) {
      // Global accounts apply to every project: Tempo lists them as (virtual, non-default) links.
      const linked = new Set(links.map((l) => ctx.db.accountKeyOfLink(l)));
      for (const account of ctx.db.accounts.filter((a) => a.global && !linked.has(a.key))) {
        links.push({ id: 0, self: `${ctx.base}/account-links/0`, account: { self: account.self }, scope: { id: projectId, type: 'PROJECT', self: `${ctx.db.jiraSiteUrl}/rest/api/2/project/${projectId}` }, default: false });
      }
    }
    return ctx.results(links);
  },

  patchLink: (ctx) => {
    const link = ctx.db.accountLinks.get(Number(ctx.path.id));
    if (!link) throw notFound(`Account link '${String(ctx.path.id)}' does not exist`);
    for (const other of ctx.db.accountLinks.filter((l) => l.scope.id === link.scope.id && l.default)) {
      ctx.db.accountLinks.update(other.id, { default: false });
    }
    ctx.db.accountLinks.update(link.id, { default: true });
    return undefined;
  },
};

function customerOr404(ctx: OperationContext, raw: string): Customer {
  const customer = ctx.db.customers.find((c) => c.key === raw) ?? (/^\d+$/.test(raw) ? ctx.db.customers.get(Number(raw)) : undefined);
  if (!customer) throw notFound(`Customer '${raw}' does not exist`);
  return customer;
}

