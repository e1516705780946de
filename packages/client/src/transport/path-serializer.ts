/**
 * Path values stay inside their own segment. openapi-fetch encodes them with `encodeURIComponent`, which leaves
 * `.` alone, and the URL parser then drops dot segments: `{ holidayId: '..' }` would turn
 * `DELETE /holiday-schemes/7/holidays/{holidayId}` into `DELETE /holiday-schemes/7/`. A value that would be read as
 * a dot segment (`.` or `..`; a percent sign is itself encoded, so `%2e` cannot become one), an empty value
 * (which merges two segments), a missing value, and a value that is not a string or number are refused before
 * anything is sent. Everything else (`/`, `?`, `#`, `%`, spaces) is percent-encoded into the segment.
 */

const PARAM = /\{([^{}]+)\}/g;

function describe(value: unknown): string {
  if (value === undefined || value === null) return 'is missing';
  if (value === '') return 'is empty';
  return 'is "." or ".." (a dot segment, which would address another resource)';
}

/**
 * A `pathSerializer` for openapi-fetch that encodes every value into its own segment, or throws `usage(message)`.
 * Templates with label or matrix styles (`{.id}`, `{;id}`) are not used by Tempo or Jira and are refused.
 */
export function createSafePathSerializer(
  usage: (message: string) => Error,
): (pathname: string, pathParams: Record<string, unknown>) => string {
  return (pathname, pathParams) =>
    pathname.replace(PARAM, (_match, name: string) => {
      const value = pathParams[name];
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
        throw usage(
          value === undefined || value === null
            ? `Path parameter "${name}" is missing`
            : `Path parameter "${name}" must be a string or a number`,
        );
      }
      const text = String(value);
      let encoded: string;
      try {
        encoded = encodeURIComponent(text);
      } catch {
        throw usage(`Path parameter "${name}" is not valid Unicode (a lone surrogate)`);
      }
      if (encoded === '' || encoded === '.' || encoded === '..')
        throw usage(`Path parameter "${name}" ${describe(text)}`);
      return encoded;
    });
}
