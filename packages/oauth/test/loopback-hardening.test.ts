// The loopback server answers anything, however malformed, with a 4xx and keeps waiting for the real callback;
// it never listens anywhere but on a loopback address.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MemoryTokenStore, OAuthUsageError, type TokenSet } from '../src/index.js';
import { loopbackLogin, type LoopbackLoginOptions } from '../src/node/index.js';
import { client, useTempoMock } from './support/mock.js';

useTempoMock();

/** Sends raw bytes to 127.0.0.1:port and resolves with the status code of the answer (undefined: no answer). */
function rawRequest(port: number, bytes: string | Buffer): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      resolve(match ? Number(match[1]) : undefined);
    };
    const timer = setTimeout(done, 3000);
    socket.on('connect', () => socket.write(bytes));
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('\r\n')) done();
    });
    socket.on('error', done);
    socket.on('close', done);
  });
}

const MALFORMED: readonly (readonly [string, string | Buffer])[] = [
  ['a target that does not parse (//[)', 'GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
  ['an absolute-form target that does not parse', 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
  ['backslashes that parse as //[', 'GET \\\\[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
  ['a bad Host header', 'GET /callback HTTP/1.1\r\nHost: [::\r\n\r\n'],
  ['no Host header', 'GET /callback HTTP/1.1\r\n\r\n'],
  ['two Host headers', 'GET /callback?state=x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'],
  [
    'malformed percent-encoding in the query',
    'GET /callback?state=%E0%A4%A&code=%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  ],
  ['an oversized header', `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
  ['3000 headers', `GET /callback HTTP/1.1\r\nHost: 127.0.0.1\r\n${'X-H: 1\r\n'.repeat(3000)}\r\n`],
  [
    'a TLS ClientHello (not HTTP)',
    Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x0d, 0x0a, 0x0d, 0x0a]),
  ],
  ['plain text', 'HELLO THERE\r\n\r\n'],
  ['a NUL in the request line', 'GET /call\u0000back HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
  ['an invalid method', 'G@T /callback HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
  ['a bad Content-Length', 'POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n'],
  ['CONNECT', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'],
  [
    'an Upgrade request',
    'GET /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
  ],
  ['a POST to the callback path', 'POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n\r\nabc'],
];

function login(
  options: Partial<LoopbackLoginOptions>,
  browser: (authorizeUrl: string) => Promise<void>,
): Promise<TokenSet> {
  return loopbackLogin({
    ...client,
    jiraSite: 'tempo-mock',
    timeoutMs: 15_000,
    onAuthorizeUrl: (url) => void browser(url),
    ...options,
  });
}

describe('loopbackLogin against malformed requests', () => {
  it('answers every malformed request with a 4xx and still completes the real login', async () => {
    const statuses: Record<string, number | undefined> = {};
    const store = new MemoryTokenStore();
    const tokens = await login({ store }, async (authorizeUrl) => {
      const port = Number(new URL(new URL(authorizeUrl).searchParams.get('redirect_uri')!).port);
      for (const [name, bytes] of MALFORMED) statuses[name] = await rawRequest(port, bytes);
      // The real browser comes last: the login must still be waiting for it.
      await fetch(authorizeUrl);
    });
    expect(await store.get()).toEqual(tokens);
    for (const [name] of MALFORMED) {
      expect({ name, status: statuses[name] }).toEqual({ name, status: expect.any(Number) });
      expect(statuses[name], name).toBeGreaterThanOrEqual(400);
      expect(statuses[name], name).toBeLessThan(500);
    }
  });
});

describe('loopbackLogin host', () => {
  it.each([
    '0.0.0.0',
    '::',
    '[::]',
    '0:0:0:0:0:0:0:0',
    '192.168.1.10',
    '10.0.0.1',
    '172.16.0.1',
    '8.8.8.8',
    '169.254.1.1',
    'fe80::1',
    '::ffff:0.0.0.0',
    'example.com',
    'localhost.example.com',
    '127.0.0.1.nip.io',
    '2130706433',
    '0x7f000001',
    '127.1',
    ' 127.0.0.1',
    '',
  ])('refuses %j with OAuthUsageError before listening', async (host) => {
    let printed = false;
    const error = await loopbackLogin({
      ...client,
      jiraSite: 'acme',
      host,
      onAuthorizeUrl: () => (printed = true),
      timeoutMs: 1000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthUsageError);
    expect((error as OAuthUsageError).option).toBe('host');
    expect(printed).toBe(false);
  });

  it('refuses a host that is not a string', async () => {
    // @ts-expect-error a number is not a host
    await expect(loopbackLogin({ ...client, jiraSite: 'acme', host: 2130706433 })).rejects.toBeInstanceOf(
      OAuthUsageError,
    );
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['127.0.0.2', '127.0.0.2'],
    ['localhost', 'localhost'],
  ])('accepts the loopback host %s (redirect URI host %s)', async (host, uriHost) => {
    const controller = new AbortController();
    let redirectHost = '';
    const result = loopbackLogin({
      ...client,
      jiraSite: 'acme',
      host,
      signal: controller.signal,
      onAuthorizeUrl: (url) => {
        redirectHost = new URL(new URL(url).searchParams.get('redirect_uri')!).hostname;
        controller.abort(new Error('done'));
      },
    });
    await expect(result).rejects.toThrow('done');
    expect(redirectHost).toBe(uriHost);
  });

  it.each([
    ['port', { port: 70_000 }],
    ['port', { port: -1 }],
    ['port', { port: 80.5 }],
    ['callbackPath', { callbackPath: 'callback' }],
    ['callbackPath', { callbackPath: '/callback?x=1' }],
    ['callbackPath', { callbackPath: '//[' }],
    ['callbackPath', { callbackPath: '//evil.example/cb' }],
    ['callbackPath', { callbackPath: '/\\[' }],
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['timeoutMs', { timeoutMs: -5 }],
  ] as const)('refuses a malformed %s with OAuthUsageError', async (option, bad) => {
    const error = await loopbackLogin({ ...client, jiraSite: 'acme', ...bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthUsageError);
    expect((error as OAuthUsageError).option).toBe(option);
  });
});
