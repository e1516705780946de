import { parseArgs } from 'node:util';
import { MOCK_API_TOKEN, MOCK_OAUTH_CLIENT } from '../constants.js';
import { isDay } from '../dates.js';
import { startTempoMockServer } from './index.js';

const USAGE = `Usage: tempo-mock [--port 4000] [--host 127.0.0.1] [--seed 1] [--today YYYY-MM-DD] [--empty]

Serves a mocked Tempo REST API v4 under http://HOST:PORT/4 and Tempo OAuth under http://HOST:PORT/oauth.`;

/** Runs the `tempo-mock` command line; resolves once the server listens. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '4000' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string', default: '1' },
        today: { type: 'string' },
        empty: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  const seed = Number(values.seed);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be 0…65535, got '${values.port}'`);
  if (!Number.isInteger(seed)) return fail(`--seed must be an integer, got '${values.seed}'`);
  if (values.today !== undefined && !isDay(values.today))
    return fail(`--today must be a real date in the format YYYY-MM-DD, got '${values.today}'`);
  let server;
  try {
    server = await startTempoMockServer({
      port,
      host: values.host,
      seed,
      ...(values.today ? { today: values.today } : {}),
      data: values.empty ? 'empty' : 'default',
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  process.stdout.write(
    [
      `Tempo mock listening`,
      `  base URL:      ${server.baseUrl}`,
      `  OAuth:         ${server.url}/oauth/token/`,
      `  API token:     ${MOCK_API_TOKEN}`,
      `  OAuth client:  ${MOCK_OAUTH_CLIENT.clientId} / ${MOCK_OAUTH_CLIENT.clientSecret}`,
      `  today:         ${server.mock.today}`,
      '',
    ].join('\n'),
  );
  const stop = (signal: string) => {
    process.stdout.write(`\n${signal}: stopping the Tempo mock\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

function fail(message: string): void {
  process.stderr.write(`tempo-mock: ${message}\n\n${USAGE}\n`);
  process.exitCode = 2;
}
