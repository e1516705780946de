import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, describeError } from '../../src/lib/errors.js';
import { configPaths, readSavedLogin } from '../../src/lib/login-files.js';
import { tempConfigDir } from '../helpers/run.js';

describe('login files', () => {
  const system = { platform: 'linux' as const, homedir: '/home/ana' };

  it('lives in the config directory', () => {
    expect(configPaths({ ...system, env: { TEMPO_TIMESHEET_HOME: '/cfg' } }, {})).toEqual({
      dir: '/cfg',
      tokensFile: join('/cfg', 'tokens.json'),
      loginFile: join('/cfg', 'login.json'),
      jiraFile: join('/cfg', 'jira.json'),
    });
  });

  it('reads nothing when not signed in, the login when signed in, and refuses a damaged file', async () => {
    const dir = tempConfigDir();
    const paths = configPaths({ ...system, env: {} }, { configDir: dir });
    expect(await readSavedLogin(paths)).toBeUndefined();
    const login = {
      clientId: 'c',
      clientSecret: 's',
      oauthOrigin: 'https://api.tempo.io',
      baseUrl: 'https://api.tempo.io/4',
    };
    writeFileSync(paths.loginFile, JSON.stringify(login));
    expect(await readSavedLogin(paths)).toEqual(login);
    writeFileSync(paths.loginFile, '{"half":');
    await expect(readSavedLogin(paths)).rejects.toThrow(AppError);
    await expect(readSavedLogin(paths)).rejects.toThrow(/login\.json is damaged; run `timesheet login` again/);
  });

  it('names the file when login.json cannot be read (a folder gives EISDIR without a path)', async () => {
    const paths = configPaths({ ...system, env: {} }, { configDir: tempConfigDir() });
    mkdirSync(paths.loginFile);
    const error = await readSavedLogin(paths).catch((e: unknown) => e);
    expect(describeError(error)).toEqual({ message: `cannot read ${paths.loginFile}: is a directory`, exitCode: 1 });
  });
});
