// @tempo-sdk/oauth has no dependencies, so it keeps its own default endpoints; this test holds them to the facts
// the spec states (generated into @tempo-sdk/types as TEMPO_OAUTH_URLS). The calls go through the real request
// path with an injected fetch that records where each one was sent.
import { TEMPO_OAUTH_URLS } from '@tempo-sdk/types';
import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, exchangeCode, refreshToken, revokeToken } from '../src/index.js';

const credentials = { clientId: 'my-client', clientSecret: 'my-secret' };
const redirectUri = 'https://app.example.com/oauth/callback';

function recordingFetch(body: unknown) {
  const urls: string[] = [];
  const fetch = async (input: string | URL | Request) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return Response.json(body);
  };
  return { urls, fetch };
}
const tokens = { access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 3600 };

describe("the default endpoints are the spec's", () => {
  it('authorizes at the authorization URL', () => {
    const url = new URL(
      buildAuthorizeUrl({ clientId: credentials.clientId, redirectUri, jiraUrl: 'https://acme.atlassian.net' }).url,
    );
    expect(`${url.origin}${url.pathname}`).toBe(TEMPO_OAUTH_URLS.authorization);
  });

  it('exchanges codes and refreshes at the token URL', async () => {
    const { urls, fetch } = recordingFetch(tokens);
    await exchangeCode({ ...credentials, redirectUri, code: 'c', fetch });
    await refreshToken({ ...credentials, refreshToken: 'r', fetch });
    expect(urls).toEqual([TEMPO_OAUTH_URLS.token, TEMPO_OAUTH_URLS.token]);
  });

  it('revokes at the revocation URL', async () => {
    const { urls, fetch } = recordingFetch({});
    await revokeToken({ ...credentials, token: 't', fetch });
    expect(urls).toEqual([TEMPO_OAUTH_URLS.revocation]);
  });
});
