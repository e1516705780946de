/**
 * Fail fast when Tempo cannot be reached at all. The client retries a lost connection 3 times over 30 s, which
 * is right once the connection has worked (a blip mid-export), but for a wrong `--base-url`, a mock server that
 * is not running, or no network it only makes the user wait 30 s for the same answer. So: a connection that is
 * refused (or a host that does not resolve) on a command's FIRST request ends the command at once, with one
 * line; after any response has arrived, failures are the client's to retry as usual.
 *
 * How: the client's `fetch` is wrapped to watch the outcome, and the command's signal is aborted with the
 * explanation, which stops the client before it schedules a retry (abort is immediate, and its `cause` is the
 * reason given).
 */
import { AppError } from './errors.js';

/** Connection errors that say "nothing listens there" or "no such host": waiting will not change them. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_NONAME: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** The first "unreachable" code in an error, its causes, or an AggregateError's errors (undici nests them). */
export function unreachableCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code in UNREACHABLE) return code;
  for (const inner of Array.isArray((error as { errors?: unknown }).errors)
    ? (error as { errors: unknown[] }).errors
    : []) {
    const found = unreachableCode(inner, depth + 1);
    if (found) return found;
  }
  return unreachableCode((error as { cause?: unknown }).cause, depth + 1);
}

/** The user-facing failure: one line naming where the app tried to go. */
export class TempoUnreachableError extends AppError {
  override name = 'TempoUnreachableError';
}

/**
 * Wraps `fetch` for one command: until a response has arrived, an unreachable-host failure calls `onUnreachable`
 * (which aborts the command) before the client sees it.
 */
export function failFastFetch(
  onUnreachable: (error: TempoUnreachableError) => void,
  base: typeof fetch = (input, init) => globalThis.fetch(input, init),
): typeof fetch {
  let connected = false;
  return async (input, init) => {
    try {
      const response = await base(input, init);
      connected = true;
      return response;
    } catch (error) {
      const code = connected ? undefined : unreachableCode(error);
      if (code) {
        const url = new URL(input instanceof Request ? input.url : String(input));
        onUnreachable(
          new TempoUnreachableError(
            `cannot connect to Tempo at ${url.origin} (${UNREACHABLE[code]}); check --base-url, TEMPO_BASE_URL or --region, and your network`,
            { cause: error },
          ),
        );
      }
      throw error;
    }
  };
}
