import { inspect } from 'node:util';

/**
 * Every way an error gets printed or shipped: `String()`, its message and stack, `JSON.stringify` (so `toJSON`),
 * `util.inspect` of the error and of its cause (hidden fields included), and its own fields.
 */
export function errorViews(error: unknown): string[] {
  const e = error as Error;
  return [
    String(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    inspect(e, { depth: Infinity, showHidden: true }),
    inspect(e.cause, { depth: Infinity, showHidden: true }),
    JSON.stringify(Object.entries(e)),
  ];
}
