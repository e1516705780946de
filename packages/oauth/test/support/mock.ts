// One @tempo-sdk/msw mock per test file, served through msw's setupServer (intercepts global fetch).
import { createTempoMock, MOCK_OAUTH_CLIENT, type TempoMock, type TempoMockOptions } from '@tempo-sdk/msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export { MOCK_OAUTH_CLIENT };

/** Client credentials of the mock's OAuth client, in the shape the token functions take. */
export const client = { clientId: MOCK_OAUTH_CLIENT.clientId, clientSecret: MOCK_OAUTH_CLIENT.clientSecret };

/**
 * Installs a Tempo mock for the current test file. Requests to 127.0.0.1/localhost that msw does not handle (the
 * loopback login server) pass through; any other unhandled request is an error, so no test ever reaches the
 * real Tempo.
 */
export function useTempoMock(options: TempoMockOptions = {}): TempoMock {
  return useTempoMockServer(options).mock;
}

/** Like {@link useTempoMock}, also returning msw's server (for `server.use()` overrides). */
export function useTempoMockServer(options: TempoMockOptions = {}): { mock: TempoMock; server: SetupServer } {
  const mock = createTempoMock({ data: 'empty', ...options });
  const server = setupServer(...mock.handlers);
  beforeAll(() =>
    server.listen({
      onUnhandledRequest(request, print) {
        const { hostname } = new URL(request.url);
        if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') print.error();
      },
    }),
  );
  afterEach(() => {
    server.resetHandlers();
    mock.reset();
  });
  afterAll(() => server.close());
  return { mock, server };
}

/** Runs the consent step like a browser would and returns the code Tempo puts on the redirect. */
export async function authorizeCode(
  authorizeUrl: string,
): Promise<{ code: string; state: string | null; location: URL }> {
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
  const location = new URL(response.headers.get('location')!);
  return { code: location.searchParams.get('code')!, state: location.searchParams.get('state'), location };
}
