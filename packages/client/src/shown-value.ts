/**
 * A caller's option value as a usage error shows it: a number as it is, anything else quoted and cut short, so that
 * `marginMs: '100'` reads `got "100"` (a string), not `got 100`.
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'number') return `${value}`;
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  return value === null ? 'null' : typeof value;
}
