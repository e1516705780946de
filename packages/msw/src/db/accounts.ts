import type {
  Account,
  AccountInput,
  AccountLink,
  AccountLinkInput,
  Category,
  CategoryInput,
  Customer,
  CustomerInput,
} from '@tempo-sdk/types';
import { CANONICAL_BASE_URL } from '../constants.js';
import { badRequest } from '../errors.js';
import { Collection } from './collection.js';
import type { JiraCollections } from './jira.js';

const B = CANONICAL_BASE_URL;

/** A Jira project as the scope of a link (account links, team links). */
export function projectScope(jiraSiteUrl: string, projectId: number) {
  return { id: projectId, self: `${jiraSiteUrl}/rest/api/2/project/${projectId}`, type: 'PROJECT' as const };
}

/** Account categories, customers, accounts and account links. */
export function createAccountCollections(jira: JiraCollections) {
  const { users, projects, userRef } = jira;

  const accountCategories = new Collection<Category, CategoryInput>({
    label: 'Account category',
    schema: { $ref: '#/components/schemas/CategoryInput' },
    firstId: 1,
    idOf: (c) => c.id,
    check: (input, existing) => {
      const clash = accountCategories.find((c) => c.key === input.key && c.id !== existing?.id);
      if (clash) throw badRequest(`An account category with key '${input.key}' already exists`);
    },
    build: (input, id) => ({
      id,
      key: input.key,
      name: input.name,
      self: `${B}/account-categories/${encodeURIComponent(input.key)}`,
      ...(input.typeName ? { type: { name: input.typeName } } : {}),
    }),
  });

  const customers = new Collection<Customer, CustomerInput>({
    label: 'Customer',
    schema: { $ref: '#/components/schemas/CustomerInput' },
    firstId: 1,
    idOf: (c) => c.id,
    check: (input, existing) => {
      if (customers.find((c) => c.key === input.key && c.id !== existing?.id))
        throw badRequest(`A customer with key '${input.key}' already exists`);
    },
    build: (input, id) => ({ id, key: input.key, name: input.name, self: `${B}/customers/${id}` }),
  });

  const accounts = new Collection<Account, AccountInput>({
    label: 'Account',
    schema: { $ref: '#/components/schemas/AccountInput' },
    firstId: 1,
    idOf: (a) => a.id,
    check: (input, existing) => {
      if (accounts.find((a) => a.key === input.key && a.id !== existing?.id))
        throw badRequest(`An account with key '${input.key}' already exists`);
      if (!users.has(input.leadAccountId))
        throw badRequest(`User with accountId '${input.leadAccountId}' does not exist`);
      if (input.categoryKey && !accountCategories.find((c) => c.key === input.categoryKey))
        throw badRequest(`Account category '${input.categoryKey}' does not exist`);
      if (input.customerKey && !customers.find((c) => c.key === input.customerKey))
        throw badRequest(`Customer '${input.customerKey}' does not exist`);
      if (input.contactAccountId && !users.has(input.contactAccountId))
        throw badRequest(`User with accountId '${input.contactAccountId}' does not exist`);
    },
    build: (input, id) => {
      const category = input.categoryKey ? accountCategories.find((c) => c.key === input.categoryKey) : undefined;
      const customer = input.customerKey ? customers.find((c) => c.key === input.customerKey) : undefined;
      const account: Account = {
        id,
        key: input.key,
        name: input.name,
        status: input.status,
        global: input.global ?? false,
        lead: userRef(input.leadAccountId),
        links: { self: `${B}/accounts/${encodeURIComponent(input.key)}/links` },
        self: `${B}/accounts/${encodeURIComponent(input.key)}`,
      };
      if (category) account.category = category;
      if (customer) account.customer = customer;
      if (input.monthlyBudget !== undefined) account.monthlyBudget = input.monthlyBudget;
      if (input.contactAccountId)
        account.contact = { ...userRef(input.contactAccountId), type: 'USER' } as Account['contact'];
      else if (input.externalContactName)
        account.contact = { displayName: input.externalContactName, type: 'EXTERNAL' } as Account['contact'];
      return account;
    },
  });

  const accountLinks = new Collection<AccountLink, AccountLinkInput>({
    label: 'Account link',
    schema: { $ref: '#/components/schemas/AccountLinkInput' },
    firstId: 1,
    idOf: (l) => l.id,
    check: (input, existing) => {
      if (!accounts.find((a) => a.key === input.accountKey))
        throw badRequest(`Account with key '${input.accountKey}' does not exist`);
      if (!projects.has(input.scopeId)) throw badRequest(`Project with id ${input.scopeId} does not exist`);
      if (
        accountLinks.find(
          (l) =>
            l.account.self.endsWith(`/accounts/${encodeURIComponent(input.accountKey)}`) &&
            l.scope.id === input.scopeId &&
            l.id !== existing?.id,
        )
      ) {
        throw badRequest(`Account '${input.accountKey}' is already linked to project ${input.scopeId}`);
      }
    },
    build: (input, id) => ({
      id,
      self: `${B}/account-links/${id}`,
      account: { self: `${B}/accounts/${encodeURIComponent(input.accountKey)}` },
      scope: projectScope(jira.jiraSiteUrl, input.scopeId),
      default: input.default ?? false,
    }),
  });

  return { accountCategories, customers, accounts, accountLinks, accountKeyOfLink };
}

/** The account collections, as the other areas reference them. */
export type AccountCollections = ReturnType<typeof createAccountCollections>;

/** The account key an account link points at. */
export function accountKeyOfLink(link: AccountLink): string {
  return decodeURIComponent(link.account.self.slice(link.account.self.lastIndexOf('/') + 1));
}
