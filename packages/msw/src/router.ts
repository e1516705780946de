import { operationIndex, type OperationId, type OperationInfo } from '@tempo-sdk/types';

/** A request path matched to an operation of the spec. */
export interface RouteMatch {
  operationId: OperationId;
  info: OperationInfo;
  /** Path parameters, already URI-decoded. */
  params: Record<string, string>;
}

interface CompiledRoute {
  operationId: OperationId;
  info: OperationInfo;
  segments: readonly (string | { param: string })[];
  /** Literal segments count: `/worklogs/search` must win over `/worklogs/{id}`. */
  literals: number;
}

/**
 * Matches `METHOD /path` (relative to the base URL) against every operation of the operation index.
 * Built once from `operationIndex`, so an operation added to the spec is routed without a hand edit.
 */
export class OperationRouter {
  private readonly byMethodAndLength = new Map<string, CompiledRoute[]>();
  private readonly knownPaths = new Map<number, CompiledRoute[]>();

  constructor(index: Record<string, OperationInfo> = operationIndex) {
    for (const [operationId, info] of Object.entries(index)) {
      const segments = info.path
        .split('/')
        .filter(Boolean)
        .map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : s));
      const route: CompiledRoute = {
        operationId: operationId as OperationId,
        info,
        segments,
        literals: segments.filter((s) => typeof s === 'string').length,
      };
      const key = `${info.method} ${segments.length}`;
      const list = this.byMethodAndLength.get(key) ?? [];
      list.push(route);
      this.byMethodAndLength.set(key, list);
      const any = this.knownPaths.get(segments.length) ?? [];
      any.push(route);
      this.knownPaths.set(segments.length, any);
    }
    for (const list of this.byMethodAndLength.values()) {
      // More literal segments first; among equals, the earlier literal wins (`/a/x/{p}` before `/a/{p}/x`).
      list.sort((a, b) => b.literals - a.literals || literalRank(b) - literalRank(a));
    }
  }

  /** The operation serving `method` on `path` (relative to the base, e.g. `/worklogs/12`), or undefined. */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = splitPath(path);
    if (!parts) return undefined;
    const candidates = this.byMethodAndLength.get(`${method.toLowerCase()} ${parts.length}`);
    if (!candidates) return undefined;
    for (const route of candidates) {
      const params = matchSegments(route, parts);
      if (params) return { operationId: route.operationId, info: route.info, params };
    }
    return undefined;
  }

  /** Methods some operation serves on this path (upper case, sorted): non-empty means 405 rather than 404. */
  methodsFor(path: string): string[] {
    const parts = splitPath(path);
    if (!parts) return [];
    const methods = (this.knownPaths.get(parts.length) ?? [])
      .filter((route) => matchSegments(route, parts) !== undefined)
      .map((route) => route.info.method.toUpperCase());
    return [...new Set(methods)].sort();
  }
}

function literalRank(route: CompiledRoute): number {
  let rank = 0;
  route.segments.forEach((s, i) => {
    if (typeof s === 'string') rank += 1 << (16 - i);
  });
  return rank;
}

/**
 * The decoded segments of a path relative to the base, or undefined when it names no resource: an empty segment
 * (`/holiday-schemes/7/`, what `/holiday-schemes/7/..` becomes after URL normalisation, or `//`) or a segment that
 * decodes to `.`/`..` must never be read as its parent, so they match nothing (a 404).
 */
function splitPath(path: string): string[] | undefined {
  if (path === '/' || path === '') return [];
  const parts = (path.startsWith('/') ? path.slice(1) : path).split('/');
  try {
    const decoded = parts.map((p) => decodeURIComponent(p));
    return decoded.some((p) => p === '' || p === '.' || p === '..') ? undefined : decoded;
  } catch {
    return undefined; // malformed percent-encoding matches nothing: a 404, never a crash
  }
}

function matchSegments(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i]!;
    const part = parts[i]!;
    if (typeof segment === 'string') {
      if (segment !== part) return undefined;
    } else {
      params[segment.param] = part;
    }
  }
  return params;
}
