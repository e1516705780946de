import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  explicitAccountId,
  explicitBaseUrl,
  normalizeJiraUrl,
  parseSavedLogin,
  resolveConfigDir,
  resolveCredentials,
  resolveOAuthSettings,
  type SavedLogin,
} from '../../src/lib/config.js';
import { AppError, UsageError } from '../../src/lib/errors.js';

const linux = { platform: 'linux' as const, homedir: '/home/ana' };
const login: SavedLogin = {
  clientId: 'cid',
  clientSecret: 'secret',
  oauthOrigin: 'https://api.tempo.io',
  baseUrl: 'https://api.eu.tempo.io/4',
  accountId: 'acc-saved',
};
const noLogin = { tokensFile: '/cfg/tokens.json', login: undefined };
const withLogin = { tokensFile: '/cfg/tokens.json', login };

describe('resolveConfigDir', () => {
  it('prefers --config-dir, then TEMPO_TIMESHEET_HOME, then XDG_CONFIG_HOME, then ~/.config', () => {
    const env = { TEMPO_TIMESHEET_HOME: '/th', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveConfigDir({ configDir: '/flag' }, env, linux)).toBe('/flag');
    expect(resolveConfigDir({}, env, linux)).toBe('/th');
    expect(resolveConfigDir({}, { XDG_CONFIG_HOME: '/xdg' }, linux)).toBe(join('/xdg', 'tempo-timesheet'));
    expect(resolveConfigDir({}, {}, linux)).toBe(join('/home/ana', '.config', 'tempo-timesheet'));
  });

  it('uses APPDATA on Windows', () => {
    expect(
      resolveConfigDir(
        {},
        { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
        { platform: 'win32', homedir: 'C:\\Users\\ana' },
      ),
    ).toBe(join('C:\\Users\\ana\\AppData\\Roaming', 'tempo-timesheet'));
  });
});

describe('explicitBaseUrl', () => {
  it('prefers --base-url, then TEMPO_BASE_URL, then the region', () => {
    expect(explicitBaseUrl({ baseUrl: 'http://127.0.0.1:9/4/', region: 'eu' }, { TEMPO_BASE_URL: 'http://x/4' })).toBe(
      'http://127.0.0.1:9/4',
    );
    expect(explicitBaseUrl({ region: 'eu' }, { TEMPO_BASE_URL: 'http://x/4' })).toBe('http://x/4');
    expect(explicitBaseUrl({ region: 'EU' }, {})).toBe('https://api.eu.tempo.io/4');
    expect(explicitBaseUrl({}, { TEMPO_REGION: 'us' })).toBe('https://api.us.tempo.io/4');
    expect(explicitBaseUrl({}, {})).toBeUndefined();
  });

  it('refuses unknown regions and non-http URLs', () => {
    expect(() => explicitBaseUrl({ region: 'mars' }, {})).toThrow('bad region "mars": use global, eu or us');
    expect(() => explicitBaseUrl({ baseUrl: 'ftp://x' }, {})).toThrow(UsageError);
    expect(() => explicitBaseUrl({}, { TEMPO_BASE_URL: 'not a url' })).toThrow(
      'bad TEMPO_BASE_URL "not a url": not a URL',
    );
  });
});

describe('resolveCredentials', () => {
  it('falls back to demo mode with no credentials', () => {
    expect(resolveCredentials({}, {}, noLogin)).toEqual({ kind: 'demo', reason: 'no-credentials' });
  });

  it('uses TEMPO_API_TOKEN before a saved login, with the global region by default', () => {
    expect(resolveCredentials({}, { TEMPO_API_TOKEN: ' tok ' }, withLogin)).toEqual({
      kind: 'api-token',
      token: 'tok',
      baseUrl: 'https://api.tempo.io/4',
    });
    expect(resolveCredentials({ region: 'us' }, { TEMPO_API_TOKEN: 'tok' }, noLogin)).toMatchObject({
      baseUrl: 'https://api.us.tempo.io/4',
    });
  });

  it("uses the saved login with the login's base URL unless overridden", () => {
    expect(resolveCredentials({}, {}, withLogin)).toEqual({
      kind: 'oauth',
      tokensFile: '/cfg/tokens.json',
      login,
      baseUrl: 'https://api.eu.tempo.io/4',
    });
    expect(resolveCredentials({ baseUrl: 'http://127.0.0.1:1/4' }, {}, withLogin)).toMatchObject({
      baseUrl: 'http://127.0.0.1:1/4',
    });
  });

  it('--demo wins over any credentials', () => {
    expect(resolveCredentials({ demo: true }, { TEMPO_API_TOKEN: 'tok' }, withLogin)).toEqual({
      kind: 'demo',
      reason: 'forced',
    });
  });

  it('refuses a base URL without credentials instead of silently using the mock', () => {
    expect(() => resolveCredentials({ baseUrl: 'https://api.tempo.io/4' }, {}, noLogin)).toThrow(AppError);
    expect(() => resolveCredentials({}, { TEMPO_REGION: 'eu' }, noLogin)).toThrow(/no credentials/);
  });
});

describe('resolveOAuthSettings', () => {
  const env = { TEMPO_CLIENT_ID: 'cid', TEMPO_CLIENT_SECRET: 'cs' };

  it('needs the client id and secret', () => {
    expect(() => resolveOAuthSettings({}, {})).toThrow(/TEMPO_CLIENT_ID and TEMPO_CLIENT_SECRET/);
    expect(() => resolveOAuthSettings({}, { TEMPO_CLIENT_ID: 'cid' })).toThrow(UsageError);
  });

  it("defaults to Tempo's OAuth origin and the global API", () => {
    expect(resolveOAuthSettings({}, env)).toEqual({
      clientId: 'cid',
      clientSecret: 'cs',
      oauthOrigin: 'https://api.tempo.io',
      baseUrl: 'https://api.tempo.io/4',
    });
  });

  it('takes OAuth from the origin of an explicit base URL (a server that serves both, like the mock)', () => {
    expect(resolveOAuthSettings({ baseUrl: 'http://127.0.0.1:5000/4' }, env)).toMatchObject({
      oauthOrigin: 'http://127.0.0.1:5000',
      baseUrl: 'http://127.0.0.1:5000/4',
    });
    expect(resolveOAuthSettings({ region: 'eu' }, env).oauthOrigin).toBe('https://api.tempo.io');
  });

  it('reads TEMPO_OAUTH_URL, TEMPO_REDIRECT_URI and TEMPO_JIRA_URL', () => {
    const settings = resolveOAuthSettings(
      {},
      {
        ...env,
        TEMPO_OAUTH_URL: 'http://localhost:7000/anything',
        TEMPO_REDIRECT_URI: 'http://127.0.0.1:8976/callback',
        TEMPO_JIRA_URL: 'acme',
      },
    );
    expect(settings).toMatchObject({
      oauthOrigin: 'http://localhost:7000',
      redirectUri: 'http://127.0.0.1:8976/callback',
      jiraUrl: 'https://acme.atlassian.net',
    });
  });
});

describe('normalizeJiraUrl', () => {
  it('accepts a site name, a host or a URL', () => {
    expect(normalizeJiraUrl('acme')).toBe('https://acme.atlassian.net');
    expect(normalizeJiraUrl('acme.atlassian.net')).toBe('https://acme.atlassian.net');
    expect(normalizeJiraUrl('https://acme.atlassian.net/')).toBe('https://acme.atlassian.net');
  });
});

describe('explicitAccountId', () => {
  it('prefers --account-id, then TEMPO_ACCOUNT_ID, then the saved login', () => {
    expect(explicitAccountId({ accountId: 'flag' }, { TEMPO_ACCOUNT_ID: 'env' }, login)).toBe('flag');
    expect(explicitAccountId({}, { TEMPO_ACCOUNT_ID: 'env' }, login)).toBe('env');
    expect(explicitAccountId({}, {}, login)).toBe('acc-saved');
    expect(explicitAccountId({}, { TEMPO_ACCOUNT_ID: ' ' })).toBeUndefined();
    // A blank flag is a mistake, not "use another id".
    expect(() => explicitAccountId({ accountId: ' ' }, { TEMPO_ACCOUNT_ID: 'env' })).toThrow(UsageError);
  });
});

describe('parseSavedLogin', () => {
  it('reads what login wrote and ignores foreign files', () => {
    expect(parseSavedLogin(JSON.stringify(login))).toEqual(login);
    expect(parseSavedLogin('{"clientId":1}')).toBeUndefined();
    expect(parseSavedLogin('not json')).toBeUndefined();
    expect(parseSavedLogin('null')).toBeUndefined();
  });
});
