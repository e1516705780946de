// Type tests (vitest typecheck) of oauth's option unions and of how it plugs into @tempo-sdk/client.
import type { Clock, TokenProvider } from '@tempo-sdk/client';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type TokenManager,
  buildAuthorizeUrl,
  exchangeCode,
  type AuthorizeUrlOptions,
  type JiraAuthorizeUrlOptions,
  type OAuthClientConfig,
  type TempoAuthorizeUrlOptions,
  type TokenManagerOptions,
  type TokenTypeHint,
} from '../src/index.js';
import type * as oauth from '../src/index.js';
import { loopbackLogin, type LoopbackLoginOptions } from '../src/node/index.js';

const credentials = { clientId: 'id', clientSecret: 'secret' };
declare const manager: TokenManager;

describe('authorize URL options: jiraSite XOR jiraUrl', () => {
  it('takes either flow', () => {
    expectTypeOf({ clientId: 'id', redirectUri: 'https://a/cb', jiraSite: 'acme' }).toExtend<AuthorizeUrlOptions>();
    expectTypeOf({
      clientId: 'id',
      redirectUri: 'https://a/cb',
      jiraUrl: 'https://acme.atlassian.net',
    }).toExtend<AuthorizeUrlOptions>();
    expectTypeOf<JiraAuthorizeUrlOptions>().toExtend<AuthorizeUrlOptions>();
    expectTypeOf<TempoAuthorizeUrlOptions>().toExtend<AuthorizeUrlOptions>();
  });

  it('refuses both, neither, and authorizeHost with the Jira-hosted flow', () => {
    // @ts-expect-error both flows at once
    buildAuthorizeUrl({
      clientId: 'id',
      redirectUri: 'https://a/cb',
      jiraSite: 'acme',
      jiraUrl: 'https://acme.atlassian.net',
    });
    // @ts-expect-error neither flow
    buildAuthorizeUrl({ clientId: 'id', redirectUri: 'https://a/cb' });
    // @ts-expect-error the Jira-hosted page lives on the Jira site: no authorizeHost
    buildAuthorizeUrl({ clientId: 'id', redirectUri: 'https://a/cb', jiraSite: 'acme', authorizeHost: 'https://x' });
  });

  it('loopbackLogin takes the same flows', () => {
    expectTypeOf<LoopbackLoginOptions['jiraSite']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<LoopbackLoginOptions['jiraUrl']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(loopbackLogin).returns.resolves.toHaveProperty('refreshToken');
  });
});

describe('token type hints', () => {
  it('are exactly the two of RFC 7009', () => {
    expectTypeOf<TokenTypeHint>().toEqualTypeOf<'access_token' | 'refresh_token'>();
  });
});

describe('shared options (CONTRIBUTING.md)', () => {
  it('clock: any object with now(); the client Clock fits', () => {
    expectTypeOf<Clock>().toExtend<NonNullable<OAuthClientConfig['clock']>>();
    expectTypeOf({ now: () => 0 }).toExtend<NonNullable<OAuthClientConfig['clock']>>();
    expectTypeOf({ now: () => 0, monotonicNow: () => 0 }).toExtend<NonNullable<TokenManagerOptions['clock']>>();
    // @ts-expect-error `now` is no longer an option: the clock is
    void exchangeCode({ ...credentials, redirectUri: 'https://a/cb', code: 'c', now: () => 0 });
  });

  it('logger: each level optional, (message, details?); console fits', () => {
    expectTypeOf(console).toExtend<NonNullable<TokenManagerOptions['logger']>>();
    expectTypeOf({}).toExtend<NonNullable<TokenManagerOptions['logger']>>();
    expectTypeOf({ warn: (message: string) => void message }).toExtend<NonNullable<OAuthClientConfig['logger']>>();
  });

  it('units in names: timeoutMs and maxResponseBytes are numbers', () => {
    expectTypeOf<OAuthClientConfig['timeoutMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<OAuthClientConfig['maxResponseBytes']>().toEqualTypeOf<number | undefined>();
  });
});

describe('tokenProvider and @tempo-sdk/client', () => {
  it('manager.tokenProvider is assignable to the client’s TokenProvider', () => {
    expectTypeOf(manager.tokenProvider).toExtend<TokenProvider>();
    const provider: TokenProvider = manager.tokenProvider;
    void provider;
  });

  it('oauth does not export a TokenProvider type of its own', () => {
    // @ts-expect-error the client owns the name
    type Exported = oauth.TokenProvider;
    // @ts-expect-error the client owns the context type too
    type Context = oauth.TokenProviderContext;
    expectTypeOf<Exported | Context>().toBeAny();
  });
});
