import type { Account, AccountLink, AccountSearchInput, Category, Customer } from '@tempo-sdk/types';
import type { TempoDatabase } from '../db/database.js';
import { badRequest, notFound } from '../errors.js';
import type { ResolverInfo, OperationResolvers } from './context.js';
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
function statusFilter(info: ResolverInfo): string[] | undefined {
  const raw = info.url.searchParams
    .getAll('status')
    .flatMap((s) => s.split(','))
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (raw.length === 0) return undefined;
  const wrong = raw.find((s) => !(ACCOUNT_STATUSES as readonly string[]).includes(s));
  if (wrong) throw badRequest(`'status' must be one of: ${ACCOUNT_STATUSES.join(', ')}`);
  return raw;
}

function accountLinksOf(db: TempoDatabase, key: string): AccountLink[] {
  return db.accountLinks.filter((l) => db.accountKeyOfLink(l) === key);
}

/** Accounts, account categories and types, customers and account links. */
export const accountOperations: OperationResolvers = {
  ...crud({
    collection: (db) => db.accounts,
    param: 'key',
    find: (info, raw) => accountByIdOrKey(info.db, raw),
    list: {
      operationId: 'getAccounts',
      shape: 'page',
      filter: (info, all) => {
        const statuses = statusFilter(info);
        return statuses ? all.filter((a) => statuses.includes(a.status)) : all;
      },
    },
    create: 'createAccount',
    update: 'updateAccount',
    delete: 'deleteAccount',
    present: (info, a) => presentAccount(info.db, a),
    beforeDelete: (info, account) => {
      for (const link of accountLinksOf(info.db, account.key)) info.db.accountLinks.delete(link.id);
    },
  }),

  getAccountById: (info) => {
    const account = accountByIdOrKey(info.db, String(info.path.id));
    if (!account) throw notFound(`Account '${String(info.path.id)}' does not exist`);
    return presentAccount(info.db, account);
  },

  searchAccounts: (info) => {
    const body = (info.body ?? {}) as AccountSearchInput;
    const found = info.db.accounts.filter(
      (a) =>
        (body.global === undefined || a.global === body.global) &&
        (!body.ids?.length || body.ids.includes(a.id)) &&
        (!body.keys?.length || body.keys.includes(a.key)) &&
        (!body.statuses?.length || (body.statuses as string[]).includes(a.status)),
    );
    return info.page(found.map((a) => presentAccount(info.db, a)));
  },

  getAccountLinks: (info) => {
    const account = accountByIdOrKey(info.db, String(info.path.key));
    if (!account) throw notFound(`Account '${String(info.path.key)}' does not exist`);
    return info.page(accountLinksOf(info.db, account.key));
  },

  ...crud({
    collection: (db) => db.accountCategories,
    param: 'key',
    find: (info, raw) => info.db.accountCategories.find((c) => c.key === raw),
    list: {
      operationId: 'getCategories',
      shape: 'results',
      filter: (info, all) => (info.query.id === undefined ? all : all.filter((c) => c.id === info.query.id)),
    },
    get: 'getCategoryByKey',
    create: 'createCategory',
    update: 'updateCategory',
    delete: 'deleteCategory',
    beforeDelete: (info, category) => {
      const user = info.db.accounts.all().find((a) => info.db.accounts.inputOf(a.id)?.categoryKey === category.key);
      if (user) throw badRequest(`Account category '${category.key}' is used by account '${user.key}'`);
    },
    present: (_ctx, c: Category) => c,
  }),

  getTypes: (info) => info.results(['BILLABLE', 'CAPITALIZED', 'INTERNAL', 'OPERATIONAL'].map((name) => ({ name }))),

  ...crud({
    collection: (db) => db.customers,
    param: 'key',
    find: (info, raw) =>
      info.db.customers.find((c) => c.key === raw) ??
      (/^\d+$/.test(raw) ? info.db.customers.get(Number(raw)) : undefined),
    list: { operationId: 'getCustomers', shape: 'page' },
    create: 'createCustomer',
    update: 'updateCustomer',
    delete: 'deleteCustomer',
    beforeDelete: (info, customer) => {
      const user = info.db.accounts.all().find((a) => info.db.accounts.inputOf(a.id)?.customerKey === customer.key);
      if (user) throw badRequest(`Customer '${customer.key}' is used by account '${user.key}'`);
    },
  }),

  getCustomerById: (info) => customerOr404(info, String(info.path.id)),

  getCustomerAccounts: (info) => {
    const customer = customerOr404(info, String(info.path.id));
    const accounts = info.db.accounts.filter((a) => info.db.accounts.inputOf(a.id)?.customerKey === customer.key);
    return info.page(accounts.map((a) => presentAccount(info.db, a)));
  },

  searchCustomers: (info) => {
    const body = (info.body ?? {}) as { ids?: number[]; keys?: string[] };
    return info.page(
      info.db.customers.filter(
        (c) => (!body.ids?.length || body.ids.includes(c.id)) && (!body.keys?.length || body.keys.includes(c.key)),
      ),
    );
  },

  ...crud({
    collection: (db) => db.accountLinks,
    param: 'id',
    get: 'getLink',
    create: 'createLink',
    delete: 'deleteLink',
  }),

  getLinksByProject: (info) => {
    const projectId = Number(info.path.id);
    if (!info.db.projects.has(projectId)) throw notFound(`Project with id ${projectId} does not exist`);
    const links = info.db.accountLinks.filter((l) => l.scope.id === projectId);
    if (info.query.includeGlobalAccounts === true) {
      // Global accounts apply to every project: Tempo lists them as (virtual, non-default) links.
      const linked = new Set(links.map((l) => info.db.accountKeyOfLink(l)));
      for (const account of info.db.accounts.filter((a) => a.global && !linked.has(a.key))) {
        links.push({
          id: 0,
          self: `${info.base}/account-links/0`,
          account: { self: account.self },
          scope: { id: projectId, type: 'PROJECT', self: `${info.db.jiraSiteUrl}/rest/api/2/project/${projectId}` },
          default: false,
        });
      }
    }
    return info.results(links);
  },

  patchLink: (info) => {
    const link = info.db.accountLinks.get(Number(info.path.id));
    if (!link) throw notFound(`Account link '${String(info.path.id)}' does not exist`);
    for (const other of info.db.accountLinks.filter((l) => l.scope.id === link.scope.id && l.default)) {
      info.db.accountLinks.update(other.id, { default: false });
    }
    info.db.accountLinks.update(link.id, { default: true });
    return undefined;
  },
};

function customerOr404(info: ResolverInfo, raw: string): Customer {
  const customer =
    info.db.customers.find((c) => c.key === raw) ??
    (/^\d+$/.test(raw) ? info.db.customers.get(Number(raw)) : undefined);
  if (!customer) throw notFound(`Customer '${raw}' does not exist`);
  return customer;
}
