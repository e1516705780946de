import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, describeError } from '../../src/lib/errors.js';
import { configPaths, MAX_SAVED_FILE_BYTES, readSavedJira, readSavedLogin } from '../../src/lib/login-files.js';
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

  it('refuses a login.json or jira.json larger than it writes, in one line that names the file and not its content', async () => {
    const paths = configPaths({ ...system, env: {} }, { configDir: tempConfigDir() });
    const secret = 'saved-secret-'.repeat(10_000);
    writeFileSync(
      paths.loginFile,
      JSON.stringify({ clientId: 'c', clientSecret: secret, oauthOrigin: 'o', baseUrl: 'b' }),
    );
    writeFileSync(paths.jiraFile, JSON.stringify({ site: 's', email: 'e', apiToken: secret }));
    for (const [read, file, again] of [
      [readSavedLogin, paths.loginFile, 'run `timesheet login` again'],
      [readSavedJira, paths.jiraFile, 'run `timesheet login --jira-site SITE --jira-email EMAIL` again'],
    ] as const) {
      const error = await read(paths).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(describeError(error)).toEqual({
        message: `${file} is larger than ${MAX_SAVED_FILE_BYTES} bytes, so it is not one timesheet wrote; ${again}`,
        exitCode: 1,
      });
      expect(String(error)).not.toContain('saved-secret');
    }
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a login.json that is a FIFO or a link to an endless device, without blocking',
    async () => {
      const paths = configPaths({ ...system, env: {} }, { configDir: tempConfigDir() });
      symlinkSync('/dev/zero', paths.loginFile);
      await expect(readSavedLogin(paths)).rejects.toThrow(/not a regular file/);
      spawnSync('mkfifo', [paths.jiraFile]);
      await expect(readSavedJira(paths)).rejects.toThrow(/not a regular file/);
    },
  );
});
